//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use crate::programs::model::ProgramSummary;
use serde::{Deserialize, Serialize};

/// A pair on the pairing board (its score and explanation are computed where it is shown, by
/// the same engine in the server and in the browser).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BoardPair {
    /// Mentee employee key (names the pair: a mentee is in one pair at most).
    pub mentee: String,
    /// Mentor employee key.
    pub mentor: String,
    /// `draft`, or `published` and later stages (then the pair is locked).
    pub status: domain::PairStatus,
    /// What the pair breaks now that the people's data or the rules changed after it was made
    /// (`domain::pairing::Board::review`): HR decides to keep or undo it; it never blocks other
    /// changes. Breaches HR already accepted are left out.
    #[serde(default)]
    pub needs_decision: Vec<domain::pairing::BoardViolation>,
    /// Breaches HR decided to keep the (published) pair despite.
    #[serde(default)]
    pub kept_despite: Vec<domain::pairing::BoardViolation>,
}

/// Someone on the board without a (full) pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardPerson {
    /// Employee key.
    pub key: String,
    /// Name.
    pub name: String,
    /// For mentees: why nobody was found. For mentors: free seats.
    pub note: BoardNote,
}

/// What the board shows under a person's name, so that two people with the same name can be told
/// apart, and whether the reporting-line rule could be checked for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPersonInfo {
    /// Employee key.
    pub key: String,
    /// Second line: the department, or the email when the department does not tell them apart.
    pub detail: String,
    /// Imported without their manager link: the "never in the same reporting line" rule cannot
    /// be checked for this person.
    pub reporting_line_unchecked: bool,
}

/// What the board says about an unpaired person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BoardNote {
    /// A mentee no mentor may pair with.
    NoEligibleMentor,
    /// A mentee whose eligible mentors are all full.
    CapacityUsedUp,
    /// A mentee whose only mentors that keep the rules take nobody (capacity 0).
    NoMentorCapacity,
    /// A mentee not paired yet (matching has not run).
    NotPairedYet,
    /// Someone who has not completed the program's required training, which HR requires before
    /// matching: HR may waive it for them.
    TrainingIncomplete,
    /// A mentor with this many free seats.
    FreeSeats(i32),
}

/// The pairing board of a program: everyone's matching profile, the rules and weights (so the
/// browser re-scores a pair the moment HR moves someone), the pairs and the topic balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    /// The program.
    pub program: ProgramSummary,
    /// Mentor profiles (ids are employee keys).
    pub mentors: Vec<domain::pairing::Person>,
    /// Mentee profiles.
    pub mentees: Vec<domain::pairing::Person>,
    /// Display name per employee key.
    pub names: Vec<(String, String)>,
    /// Second line and reporting-line mark per person.
    pub people: Vec<BoardPersonInfo>,
    /// Hard rules with HR's pins, forbids and earlier pairs.
    pub rules: domain::pairing::Rules,
    /// Score weights.
    pub weights: domain::pairing::Weights,
    /// Pairs, best first.
    pub pairs: Vec<BoardPair>,
    /// Per topic: mentees who want it and mentors who teach it, shortages first.
    pub supply: Vec<domain::pairing::TopicBalance>,
    /// The program's topic catalogue: `(key, Spanish, English)`.
    pub topics: Vec<(String, String, String)>,
}

/// A hand-edited board to save: the draft pairs and HR's rules, all as `(mentee, mentor)`
/// employee keys. Published pairs are not part of it (they cannot change).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BoardEdit {
    /// Program key.
    pub program: String,
    /// Draft pairs.
    pub pairs: Vec<(String, String)>,
    /// Pairs that must stay (and that "optimise the rest" keeps).
    pub pins: Vec<(String, String)>,
    /// Pairs that must not be formed.
    pub forbids: Vec<(String, String)>,
}
