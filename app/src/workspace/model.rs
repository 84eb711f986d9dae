//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// A participant's pair, seen from their side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPair {
    /// Pair key.
    pub key: String,
    /// Program name.
    pub program: String,
    /// Whether the participant is the mentor.
    pub i_mentor: bool,
    /// The other person's name.
    pub other_name: String,
    /// The other person's email.
    pub other_email: String,
    /// Pair score.
    pub score: i32,
    /// `published` until both accept, then `active`.
    pub status: domain::PairStatus,
    /// Whether the participant has accepted.
    pub i_accepted: bool,
    /// Whether the other person has accepted.
    pub other_accepted: bool,
}

/// One of the two people of a pair, as their workspace shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairPerson {
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Whether they have accepted the pair.
    pub accepted: bool,
    /// Their IANA time zone.
    pub time_zone: String,
}

/// A milestone of a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneView {
    /// Milestone key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// A comment on a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Comment key.
    pub key: String,
    /// Who wrote it.
    pub author: String,
    /// Text.
    pub body: String,
    /// When, as `YYYY-MM-DD HH:MM` UTC (formatted on the server, so hydration matches).
    pub written: String,
}

/// A goal of a pair with its milestones and comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalView {
    /// Goal key.
    pub key: String,
    /// Who learns: follows the side of the person who set it.
    pub direction: domain::Direction,
    /// Name of the person who set it.
    pub owner: String,
    /// Whether the viewer set it (and so may delete it).
    pub mine: bool,
    /// Title.
    pub title: String,
    /// Description (may be empty).
    pub description: String,
    /// Open, achieved or dropped.
    pub status: domain::GoalStatus,
    /// Progress, 0–100.
    pub progress: i32,
    /// Milestones, oldest first.
    pub milestones: Vec<MilestoneView>,
    /// Comments, oldest first.
    pub comments: Vec<CommentView>,
}

/// A pair's workspace as one of its two people sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceView {
    /// Pair key.
    pub key: String,
    /// `published`, `active`, `paused` or `ended`.
    pub status: domain::PairStatus,
    /// Program name.
    pub program: String,
    /// The program's expectations of the mentor (their half of the agreement).
    pub mentor_expectations: String,
    /// The program's expectations of the mentee.
    pub mentee_expectations: String,
    /// Whether the viewer is the mentor.
    pub i_mentor: bool,
    /// The mentor.
    pub mentor: PairPerson,
    /// The mentee.
    pub mentee: PairPerson,
    /// Goals, oldest first.
    pub goals: Vec<GoalView>,
    /// Meetings, soonest first.
    pub meetings: Vec<MeetingView>,
    /// Check-ins, newest first.
    pub checkins: Vec<CheckinView>,
    /// Whether the viewer has accepted the program agreement.
    pub i_agreed: bool,
    /// The viewer's unanswered feedback requests.
    pub feedback_due: usize,
    /// The badges both people earned in the program, oldest first.
    #[serde(default)]
    pub badges: Vec<crate::recognition::model::BadgeView>,
}

/// A meeting of a pair as one of its people sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    /// Meeting key.
    pub key: String,
    /// Where it stands.
    pub status: domain::meeting::MeetingStatus,
    /// When, in the viewer's zone and language.
    pub when: String,
    /// When, in the other person's zone, if theirs is different.
    pub when_other: Option<String>,
    /// Length in minutes.
    pub minutes: i64,
    /// Where.
    pub place: Option<String>,
    /// Video call link.
    pub video_url: Option<String>,
    /// Shared notes.
    pub notes: String,
    /// Whether the viewer proposed the current time.
    pub proposed_by_me: bool,
    /// Who proposed it.
    pub proposer: String,
    /// Whether its start time has passed.
    pub started: bool,
    /// Local date in the viewer's zone (for the reschedule form).
    pub date: String,
    /// Local time in the viewer's zone.
    pub time: String,
}

/// A check-in as the pair's workspace lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinView {
    /// Check-in key.
    pub key: String,
    /// Author's name.
    pub author: String,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// 1–5.
    pub rating: u8,
    /// What the author learned.
    pub learned: String,
    /// What the author taught.
    pub taught: String,
    /// Next step.
    pub next_step: String,
    /// Something blocks the pair.
    pub blocker: bool,
    /// When, as text.
    pub written: String,
    /// The submission key the page made.
    pub client_id: Option<String>,
}

/// What the check-in page needs about one pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinTarget {
    /// Pair key.
    pub pair: String,
    /// The other person's name.
    pub with: String,
    /// Program name.
    pub program: String,
    /// A fresh submission key for the form.
    pub client_id: String,
}

/// The signed-in person's calendar feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedStatus {
    /// When the live feed was made, as text; `None` when there is none.
    pub created: Option<String>,
    /// The address just made by a plain form post (no JavaScript), shown this once.
    pub fresh_url: Option<String>,
}

impl WorkspaceView {
    /// The viewer's own time zone.
    pub fn my_time_zone(&self) -> &str {
        if self.i_mentor {
            &self.mentor.time_zone
        } else {
            &self.mentee.time_zone
        }
    }

    /// Whether goals can still change (not once the pair is paused or ended).
    pub fn writable(&self) -> bool {
        self.status.is_writable()
    }

    /// Whether the viewer has accepted the pair.
    pub fn i_accepted(&self) -> bool {
        if self.i_mentor {
            self.mentor.accepted
        } else {
            self.mentee.accepted
        }
    }
}
