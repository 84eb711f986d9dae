//! A pair's status and what each status allows.
//!
//! A pair is made on the board as a **draft** (only HR sees it), **published** to both people,
//! **active** once both accepted, and may be **paused** or **ended** by HR. Stored as the names
//! [`PairStatus::as_str`] gives (the schema's `pair.status` assertion lists the same five).

use serde::{Deserialize, Serialize};

/// Where a pair is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    /// On HR's board, not yet shown to the two people.
    Draft,
    /// Shown to both; waiting for each to accept.
    Published,
    /// Both accepted; working together.
    Active,
    /// Paused by HR: visible, read-only, not followed for risk reminders.
    Paused,
    /// Ended by HR: kept for the record.
    Ended,
}

impl PairStatus {
    /// Every status, in the order of a pair's life.
    pub const ALL: [PairStatus; 5] = [
        PairStatus::Draft,
        PairStatus::Published,
        PairStatus::Active,
        PairStatus::Paused,
        PairStatus::Ended,
    ];

    /// The statuses in which the two people can write in their workspace (goals, meetings,
    /// check-ins, feedback): published and active.
    pub const WRITABLE: [PairStatus; 2] = [PairStatus::Published, PairStatus::Active];

    /// The statuses of a pair that exists for its two people and is not over: published, active
    /// or paused. These are the pairs HR follows (risk, dashboard) and that hold a person's
    /// mentoring capacity.
    pub const CURRENT: [PairStatus; 3] = [PairStatus::Published, PairStatus::Active, PairStatus::Paused];

    /// The stable name stored in the database and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Draft => "draft",
            PairStatus::Published => "published",
            PairStatus::Active => "active",
            PairStatus::Paused => "paused",
            PairStatus::Ended => "ended",
        }
    }

    /// Parses a stored name; `None` for anything else (callers treat that as corrupt data, not
    /// as a default).
    pub fn parse(s: &str) -> Option<PairStatus> {
        PairStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the two people can write in the workspace ([`PairStatus::WRITABLE`]).
    pub fn is_writable(self) -> bool {
        PairStatus::WRITABLE.contains(&self)
    }

    /// Whether the pair is published, active or paused ([`PairStatus::CURRENT`]).
    pub fn is_current(self) -> bool {
        PairStatus::CURRENT.contains(&self)
    }

    /// Whether the pair is still only HR's draft.
    pub fn is_draft(self) -> bool {
        self == PairStatus::Draft
    }
}

impl std::fmt::Display for PairStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_name_and_nothing_else_does() {
        for s in PairStatus::ALL {
            assert_eq!(PairStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap_or_default(),
                format!("\"{}\"", s.as_str())
            );
        }
        for bad in ["", "Active", "activ", "done", " draft"] {
            assert_eq!(PairStatus::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn only_published_and_active_pairs_are_writable() {
        let writable: Vec<PairStatus> = PairStatus::ALL.into_iter().filter(|s| s.is_writable()).collect();
        assert_eq!(writable, vec![PairStatus::Published, PairStatus::Active]);
        let current: Vec<PairStatus> = PairStatus::ALL.into_iter().filter(|s| s.is_current()).collect();
        assert_eq!(
            current,
            vec![PairStatus::Published, PairStatus::Active, PairStatus::Paused]
        );
        assert!(PairStatus::Draft.is_draft());
        assert!(!PairStatus::Paused.is_draft());
    }
}
