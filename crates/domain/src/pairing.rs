//! tmp
mod lap;
pub mod matrix;

pub use matrix::{Assignment, MatrixProblem, MentorSeats, ScoreMatrix};

/// Why a mentee is left without mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedReason {
    /// No mentor with capacity may pair with this mentee.
    NoEligibleMentor,
    /// Eligible mentors exist, but all are full in the optimum.
    CapacityUsedUp,
}

/// tmp
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    #[error("too large {mentees} {mentors}")]
    TooLarge { mentees: usize, mentors: usize },
    #[error("score")]
    ScoreOutOfRange { row: usize, column: usize, score: i64 },
    #[error("shape")]
    ShapeMismatch { mentees: usize, mentors: usize, rows: usize, columns: usize },
    #[error("empty")]
    EmptyId,
    #[error("dup")]
    DuplicateId { id: String },
    #[error("neg")]
    NegativeCapacity { mentor: String, capacity: i32 },
    #[error("pin range")]
    PinOutOfRange { mentee: usize, mentor: usize },
    #[error("pin conflict")]
    PinConflict { mentee: String, first: String, second: String },
    #[error("pin inel")]
    PinIneligible { mentee: String, mentor: String, rules: Vec<()> },
    #[error("pin cap")]
    PinsExceedCapacity { mentor: String, capacity: i32 },
}
