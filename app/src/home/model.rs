//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// One of a participant's pairs on their start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePair {
    /// Pair key.
    pub key: String,
    /// Program name.
    pub program: String,
    /// Whether the participant is the mentor.
    pub i_mentor: bool,
    /// The other person's name.
    pub other_name: String,
    /// `published` (waiting for acceptance), `active` or `paused`.
    pub status: domain::PairStatus,
    /// Whether the participant has accepted it.
    pub i_accepted: bool,
}

/// A participant's next meeting, written on the server in their zone and language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeMeeting {
    /// Pair key (the link goes to its workspace).
    pub pair: String,
    /// The other person.
    pub with: String,
    /// When, in the participant's zone and language.
    pub when: String,
    /// Whether both have agreed on it (otherwise it is a proposal).
    pub confirmed: bool,
}

/// One of a participant's enrolments on their start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeEnrolment {
    /// Program key.
    pub program: String,
    /// Program name.
    pub name: String,
    /// Program stage.
    pub status: domain::ProgramStatus,
    /// Whether the profile still lacks topics or the agreement.
    pub incomplete: bool,
    /// Whether the profile lacks something to teach (mentors) or to learn (mentees).
    pub missing_topics: bool,
    /// Whether they have accepted the program agreement.
    pub agreed: bool,
    /// Whether they have a pair in this program.
    pub paired: bool,
}

/// A participant's start page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipantHome {
    /// Published, active and paused pairs.
    pub pairs: Vec<HomePair>,
    /// The soonest meeting still to come.
    pub next_meeting: Option<HomeMeeting>,
    /// Feedback forms to answer.
    pub feedback_due: i64,
    /// Enrolments in programs that are enrolling, matching or active.
    pub enrolments: Vec<HomeEnrolment>,
}

/// A program on HR's start page, with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramCard {
    /// Program key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Stage.
    pub status: domain::ProgramStatus,
    /// People enrolled.
    pub enrolled: i64,
    /// Enrolled as mentors.
    pub mentors: i64,
    /// Enrolled as mentees.
    pub mentees: i64,
    /// Pairs published, waiting for acceptance.
    pub published: i64,
    /// Pairs working.
    pub active: i64,
    /// Pairs at risk (active programs only).
    pub at_risk: Option<i64>,
}
