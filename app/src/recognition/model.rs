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
