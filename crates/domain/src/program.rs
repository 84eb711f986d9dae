//! A reverse-mentoring program (cohort) and its lifecycle.

use serde::{Deserialize, Serialize};

/// Where a program is in its life. Transitions only move along [`ProgramStatus::next_allowed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramStatus {
    /// Being designed by HR; invisible to participants.
    Draft,
    /// Open for enrolment and profiles.
    Enrolling,
    /// HR is pairing people on the board.
    Matching,
    /// Pairs are published and working together.
    Active,
    /// Finished; read-only, can be anonymised.
    Closed,
}

/// A refused lifecycle change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a program cannot go from {from:?} to {to:?}")]
pub struct TransitionError {
    /// The current status.
    pub from: ProgramStatus,
    /// The requested status.
    pub to: ProgramStatus,
}

impl ProgramStatus {
    /// Every status in lifecycle order.
    pub const ALL: [ProgramStatus; 5] = [
        ProgramStatus::Draft,
        ProgramStatus::Enrolling,
        ProgramStatus::Matching,
        ProgramStatus::Active,
        ProgramStatus::Closed,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgramStatus::Draft => "draft",
            ProgramStatus::Enrolling => "enrolling",
            ProgramStatus::Matching => "matching",
            ProgramStatus::Active => "active",
            ProgramStatus::Closed => "closed",
        }
    }

    /// Parses the stored name back.
    pub fn parse(s: &str) -> Option<ProgramStatus> {
        ProgramStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The statuses this one may move to: forward one step, back from matching to enrolling
    /// (late joiners), and closing from any open state.
    pub fn next_allowed(self) -> &'static [ProgramStatus] {
        use ProgramStatus::*;
        match self {
            Draft => &[Enrolling, Closed],
            Enrolling => &[Matching, Closed],
            Matching => &[Enrolling, Active, Closed],
            Active => &[Closed],
            Closed => &[],
        }
    }

    /// Checks a requested change.
    pub fn transition(self, to: ProgramStatus) -> Result<ProgramStatus, TransitionError> {
        if self.next_allowed().contains(&to) {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ProgramStatus::*;
    use super::*;

    #[test]
    fn lifecycle_moves_forward() {
        assert_eq!(Draft.transition(Enrolling), Ok(Enrolling));
        assert_eq!(Enrolling.transition(Matching), Ok(Matching));
        assert_eq!(Matching.transition(Active), Ok(Active));
        assert_eq!(Active.transition(Closed), Ok(Closed));
    }

    #[test]
    fn lifecycle_refuses_skips_and_reopening() {
        assert!(Draft.transition(Active).is_err());
        assert!(Closed.transition(Draft).is_err());
        assert!(Active.transition(Matching).is_err());
        assert!(Enrolling.transition(Enrolling).is_err());
    }

    #[test]
    fn names_round_trip() {
        for st in ProgramStatus::ALL {
            assert_eq!(ProgramStatus::parse(st.as_str()), Some(st));
        }
    }
}
