//! Wire types of recognition: plain data sent between server and browser (serde).

use domain::recognition::badges::Badge;
use domain::recognition::kudos::KudosValue;
use serde::{Deserialize, Serialize};

/// A kudos on the wall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KudosItem {
    /// Kudos key.
    pub key: String,
    /// Who sent it.
    pub from: String,
    /// Who received it.
    pub to: String,
    /// What it thanks for.
    pub value: KudosValue,
    /// The message, as written (shown escaped).
    pub message: String,
    /// When, as a date in the reader's language.
    pub when: String,
    /// Whether the reader received it (and so may hide it).
    pub to_me: bool,
}

/// Someone a kudos may go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// Employee key.
    pub key: String,
    /// Name.
    pub name: String,
}

/// A page of a program's wall, and what the reader may do there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WallView {
    /// Program name.
    pub program: String,
    /// This page's kudos, newest first.
    pub kudos: Vec<KudosItem>,
    /// This page, 0 first.
    pub page: usize,
    /// Pages in all (at least 1).
    pub pages: usize,
    /// Kudos on the wall in all.
    pub total: usize,
    /// Whether the reader is the program's HR (may remove kudos).
    pub is_hr: bool,
    /// Whether new kudos may be sent (the program is not closed).
    pub open: bool,
    /// Who the reader may send kudos to (not themselves), by name.
    pub recipients: Vec<Recipient>,
}

/// A badge someone holds, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeView {
    /// Which.
    pub badge: Badge,
    /// The program it was earned in.
    pub program: String,
    /// Whose (name), for the pair workspace.
    pub holder: String,
    /// When, as a date in the reader's language.
    pub when: String,
}

/// A program whose wall the participant can open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WallLink {
    /// Program key.
    pub program: String,
    /// Program name.
    pub name: String,
}

/// A participant's recognition page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecognitionOverview {
    /// Their badges, newest first.
    pub badges: Vec<BadgeView>,
    /// The walls of their programs.
    pub walls: Vec<WallLink>,
}

/// One active participant on HR's certificates page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRow {
    /// Employee key.
    pub employee: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// `mentor`, `mentee` or `both`.
    pub role: String,
    /// Hours so far, written for the reader ("12,5").
    pub hours: String,
    /// Held meetings so far.
    pub held_meetings: u32,
    /// What they still lack (empty: they qualify).
    pub missing: Vec<domain::recognition::certificates::Missing>,
    /// Their certificate's code, if issued.
    pub code: Option<String>,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// HR's certificates page of a program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateBoard {
    /// Program name.
    pub program: String,
    /// The criteria.
    pub criteria: domain::recognition::certificates::Criteria,
    /// Whether certificates may be issued (the program is active or closed).
    pub can_issue: bool,
    /// People who qualify.
    pub qualified: usize,
    /// People with a certificate.
    pub issued: usize,
    /// People who qualify and have none yet.
    pub to_issue: usize,
    /// Every active participant, by name.
    pub people: Vec<CertificateRow>,
}

/// What one call of a bulk issue did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueProgress {
    /// Certificates issued by this call.
    pub issued: usize,
    /// Qualifying people still without one.
    pub remaining: usize,
}

/// One of the reader's certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCertificate {
    /// Verification code (the download and verification addresses use it).
    pub code: String,
    /// Program name.
    pub program: String,
    /// When issued, as a date in the reader's language.
    pub issued: String,
    /// Hours, written for the reader.
    pub hours: String,
    /// Whether HR revoked it.
    pub revoked: bool,
}

/// A certificate as its public verification page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The code looked up.
    pub code: String,
    /// When it was revoked (a date in the reader's language); `None` while valid.
    pub revoked_since: Option<String>,
    /// The holder's name.
    pub name: String,
    /// `mentor`, `mentee` or `both`.
    pub role: String,
    /// The program.
    pub program: String,
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Hours.
    pub hours: String,
    /// Who issued it.
    pub issuer: String,
    /// When.
    pub issued: String,
    /// When this check was made (UTC).
    pub checked_at: String,
}
