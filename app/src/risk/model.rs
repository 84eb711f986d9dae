//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// A pair on HR's "pairs at risk" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskView {
    /// Pair key.
    pub key: String,
    /// Mentor's name.
    pub mentor: String,
    /// Mentee's name.
    pub mentee: String,
    /// `published`, `active` or `paused`.
    pub status: domain::PairStatus,
    /// Why it is at risk, in the reader's language.
    pub reasons: Vec<String>,
    /// The reasons' stable names (`no_meeting`, `low_ratings`, `repeated_blockers`, `overdue_forms`).
    pub reason_keys: Vec<String>,
    /// How worrying, for sorting.
    pub severity: u32,
    /// HR's note when it was paused.
    pub note: Option<String>,
}
