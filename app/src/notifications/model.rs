//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// An in-app notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationItem {
    /// What happened: `pair_published`, `pair_accepted`… (a [`domain::Notice`] kind).
    pub kind: String,
    /// What it says, in the asker's language.
    pub text: String,
    /// Where to go from it.
    pub link: Option<String>,
    /// Whether it has been read.
    pub read: bool,
    /// When it was made, as `(year, month, day)`.
    pub date: (i32, u32, u32),
}
