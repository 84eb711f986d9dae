//! The pairing engine: who mentors whom, chosen as the exact global optimum.
//!
//! A program has **mentors** (junior employees, who teach) and **mentees** (senior employees,
//! who learn). HR wants every mentee paired if at all possible, each pair as good as possible, and
//! no pair that breaks a hard rule. This module turns that into arithmetic:
//!
//! - [`profile`]: the inputs — [`Person`] profiles, switchable hard [`Rules`] and score
//!   [`Weights`], with documented defaults.
//! - [`score`]: eligibility and the 0–100 score of one pair, with an explanation of every point
//!   and of every rule that excludes a pair ([`score_pair`], cheap enough for the browser).
//! - [`problem`]: pairing a whole program from profiles ([`ProfileProblem::solve`]).
//! - [`matrix`]: the same from a raw score matrix ([`MatrixProblem::solve`]); every solve ends
//!   here. The objective is lexicographic: first the most matched mentees, then the highest total
//!   score, with HR's pins kept and capacities respected. Exact, deterministic, not greedy.
//! - [`board`]: scores and checks a hand-edited board ([`Board`]), and tells what a change
//!   breaks from what pairs made earlier break since ([`Board::review`], [`Board::rest`]).
//! - [`edit`]: what a drag on the board does to the pairs ([`apply_move`]).
//! - [`supply`]: topics with too few mentors for the mentees who want them ([`supply_demand`]).
//! - [`json`]: the JSON interface of `inversa pairing solve` ([`solve_json`]).
//!
//! The solver itself (private `lap` module) is an integer Jonker–Volgenant shortest augmenting
//! path algorithm with capacities. Everything is pure, single-threaded Rust, so it runs the same
//! on the server and in the browser (wasm32).

mod lap;

pub mod board;
pub mod edit;
pub mod json;
pub mod matrix;
pub mod problem;
pub mod profile;
pub mod score;
pub mod settings;
pub mod supply;

pub use board::{Board, BoardScores, BoardViolation, Rest, Review, unknown_in_rules};
pub use edit::{Move, MoveError, Side, Target, apply_move};
pub use json::{SolveInput, solve_json};
pub use matrix::{Assignment, MatrixProblem, MentorSeats, Pair, ScoreMatrix, Solution, Unmatched};
pub use problem::ProfileProblem;
pub use profile::{Person, Rules, Weights};
pub use score::{Criterion, CriterionScore, HardRule, PairScore, score_pair};
pub use settings::{
    MatchingSettings, RuleSwitches, SettingsError, max_overlap_hours, parse_setting, settings_editable,
};
pub use supply::{TopicBalance, supply_demand};

use serde::{Deserialize, Serialize};

/// Why a mentee is left without a mentor in the optimum. Exactly one applies to each unmatched
/// mentee, decided in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedReason {
    /// The mentee has not completed the program's required training, and HR requires it before
    /// matching (and did not waive it for them).
    TrainingIncomplete,
    /// Every pair with this mentee breaks a hard rule (an empty matrix cell), whatever the
    /// capacities: HR should look at the rules or the profiles.
    NoEligibleMentor,
    /// Some mentors keep every rule with this mentee, but none of them takes anyone (capacity 0):
    /// HR should look at capacities.
    NoMentorCapacity,
    /// Mentors who keep the rules and have seats exist, but all their seats went to others (or
    /// to pins) in the optimum.
    CapacityUsedUp,
}

/// Why a pairing request was refused. Every bad input ends here; nothing panics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    /// The JSON input could not be read, or mixes the two forms (see [`json`]).
    #[error("invalid pairing input: {message}")]
    InvalidInput {
        /// What is wrong; for malformed JSON the parser's explanation with line and column.
        message: String,
    },
    /// The problem is larger than the engine accepts.
    #[error(
        "{mentees} mentees × {mentors} mentors is too large (at most {} per side and {} pairs)",
        matrix::MAX_PEOPLE,
        matrix::MAX_CELLS
    )]
    TooLarge {
        /// Mentees given.
        mentees: usize,
        /// Mentors given.
        mentors: usize,
    },
    /// A score is not an integer in 0–100.
    #[error("score {score} at row {row}, column {column} is outside 0–100")]
    ScoreOutOfRange {
        /// Row (mentee index, from 0).
        row: usize,
        /// Column (mentor index, from 0).
        column: usize,
        /// The offending value.
        score: i64,
    },
    /// A score row has the wrong length.
    #[error("score row {row} has {found} cells, expected {expected} (one per mentor)")]
    RaggedMatrix {
        /// Row (mentee index, from 0).
        row: usize,
        /// Number of mentors.
        expected: usize,
        /// Cells in that row.
        found: usize,
    },
    /// The matrix does not have one row per mentee and one column per mentor.
    #[error("{rows} × {columns} scores for {mentees} mentees and {mentors} mentors")]
    ShapeMismatch {
        /// Mentees given.
        mentees: usize,
        /// Mentors given.
        mentors: usize,
        /// Rows in the matrix.
        rows: usize,
        /// Columns in the matrix.
        columns: usize,
    },
    /// A person has an empty id.
    #[error("every mentor and mentee needs a non-empty id")]
    EmptyId,
    /// An id appears twice (among mentors and mentees together).
    #[error("id {id:?} appears more than once")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// A pin, forbid or board pair names nobody in the program.
    #[error("{id:?} is not a {role} of this program")]
    UnknownId {
        /// The id.
        id: String,
        /// `mentor` or `mentee`.
        role: &'static str,
    },
    /// A mentor's capacity is negative.
    #[error("mentor {mentor:?} has capacity {capacity}; it must be 0 or more")]
    NegativeCapacity {
        /// The mentor.
        mentor: String,
        /// The capacity given.
        capacity: i32,
    },
    /// A pin given by index points outside the matrix.
    #[error("pin (mentee {mentee}, mentor {mentor}) is outside the matrix")]
    PinOutOfRange {
        /// Mentee index.
        mentee: usize,
        /// Mentor index.
        mentor: usize,
    },
    /// One mentee is pinned to two different mentors.
    #[error("mentee {mentee:?} is pinned to both {first:?} and {second:?}")]
    PinConflict {
        /// The mentee.
        mentee: String,
        /// The first mentor pinned.
        first: String,
        /// The other mentor pinned.
        second: String,
    },
    /// A pinned pair may not be formed: it breaks hard rules, is an empty (forbidden) matrix
    /// cell, or pairs someone with themselves.
    #[error("pin ({mentee:?}, {mentor:?}) is not an eligible pair{}", rules_suffix(rules))]
    PinIneligible {
        /// The mentee.
        mentee: String,
        /// The mentor.
        mentor: String,
        /// The hard rules it breaks ([`HardRule::Forbidden`] for an empty matrix cell,
        /// [`HardRule::SamePerson`] for one id on both sides).
        rules: Vec<HardRule>,
    },
    /// More mentees are pinned to a mentor than it has capacity.
    #[error("more pins on mentor {mentor:?} than its capacity {capacity}")]
    PinsExceedCapacity {
        /// The mentor.
        mentor: String,
        /// Its capacity.
        capacity: i32,
    },
    /// A rule setting is out of range.
    #[error("invalid rules: {message}")]
    InvalidRules {
        /// What is wrong.
        message: String,
    },
    /// A weight is out of range.
    #[error("weight {name} is {value}; weights must be 0–{}", profile::MAX_WEIGHT)]
    InvalidWeight {
        /// The weight's field name.
        name: &'static str,
        /// The value given.
        value: i32,
    },
    /// A profile field is out of range or too long.
    #[error("person {id:?}: {message}")]
    InvalidPerson {
        /// The person.
        id: String,
        /// What is wrong.
        message: String,
    },
}

fn rules_suffix(rules: &[HardRule]) -> String {
    if rules.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
        format!(" (breaks {})", names.join(", "))
    }
}
