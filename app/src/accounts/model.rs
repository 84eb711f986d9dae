//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use domain::{Lang, Role};
use serde::{Deserialize, Serialize};

/// The signed-in user as the UI needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Account key.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Account role.
    pub role: Role,
    /// Preferred language, if chosen.
    pub lang: Option<Lang>,
    /// Notifications not read yet.
    pub unread: i64,
}

/// One account in the admin list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Account key.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Whether sign-in is blocked.
    pub disabled: bool,
    /// Whether a password has been set (false: invitation pending).
    pub activated: bool,
    /// Last sign-in as `(year, month, day)`, formatted per locale in the page.
    pub last_sign_in: Option<(i32, u32, u32)>,
}

/// Counts for the admin dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AccountStats {
    /// All accounts.
    pub total: i64,
    /// Admins.
    pub admins: i64,
    /// Program managers.
    pub managers: i64,
    /// Participants.
    pub participants: i64,
}

/// An invitation just created: the link to send (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    /// Invitee email.
    pub email: String,
    /// Absolute link to the accept page.
    pub link: String,
}
