//! Meetings of a pair and the 30-second check-in that follows them.
//!
//! A meeting is proposed for a local date and time in a named time zone (by default the
//! proposer's own), so "10:00 in Madrid" stays 10:00 in Madrid across a daylight-saving change;
//! the server turns it into an instant. Its life: `proposed` → `accepted` by the other person →
//! `held` or `missed` once it has started; either person may cancel it before then or reschedule
//! it, which makes it a fresh proposal from the one who moved it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::profile::is_time_zone_shape;
use crate::program::Date;

/// Shortest meeting, in minutes.
pub const MIN_MINUTES: u32 = 15;
/// Longest meeting, in minutes.
pub const MAX_MINUTES: u32 = 240;
/// Longest place text, in characters.
pub const MAX_PLACE: usize = 200;
/// Longest video link, in characters.
pub const MAX_URL: usize = 500;
/// Longest shared notes, in characters.
pub const MAX_NOTES: usize = 10_000;
/// Longest answer in a check-in, in characters.
pub const MAX_CHECKIN_TEXT: usize = 1_000;
/// How far back a meeting may be recorded (one already had, to mark held), in days.
pub const MAX_DAYS_BACK: i64 = 60;
/// Longest client-made idempotency key of a check-in.
pub const MAX_CLIENT_ID: usize = 64;

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Waiting for the other person to accept.
    Proposed,
    /// Both agreed on the time.
    Accepted,
    /// Called off.
    Cancelled,
    /// It took place.
    Held,
    /// It did not take place.
    Missed,
}

impl MeetingStatus {
    /// Every status, in life order.
    pub const ALL: [MeetingStatus; 5] = [
        MeetingStatus::Proposed,
        MeetingStatus::Accepted,
        MeetingStatus::Cancelled,
        MeetingStatus::Held,
        MeetingStatus::Missed,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Proposed => "proposed",
            MeetingStatus::Accepted => "accepted",
            MeetingStatus::Cancelled => "cancelled",
            MeetingStatus::Held => "held",
            MeetingStatus::Missed => "missed",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<MeetingStatus> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Whether the meeting is still ahead of the pair (it can be accepted, moved or cancelled).
    pub fn is_open(self) -> bool {
        matches!(self, MeetingStatus::Proposed | MeetingStatus::Accepted)
    }
}

/// A change to a meeting someone asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingChange {
    /// Agree to the proposed time.
    Accept,
    /// Call it off.
    Cancel,
    /// Record that it took place.
    Held,
    /// Record that it did not take place.
    Missed,
    /// Move it to another time (a fresh proposal).
    Reschedule,
}

impl MeetingChange {
    /// Parses the form value.
    pub fn parse(s: &str) -> Option<MeetingChange> {
        match s {
            "accept" => Some(MeetingChange::Accept),
            "cancel" => Some(MeetingChange::Cancel),
            "held" => Some(MeetingChange::Held),
            "missed" => Some(MeetingChange::Missed),
            "reschedule" => Some(MeetingChange::Reschedule),
            _ => None,
        }
    }
}

/// Why a change to a meeting is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingRuleError {
    /// Only the person who did not propose it accepts a proposal.
    #[error("the other person accepts a proposal")]
    OwnProposal,
    /// The change does not apply to a meeting in this state.
    #[error("not possible in the meeting's state")]
    WrongState,
    /// Held or missed only once the meeting has started.
    #[error("the meeting has not started yet")]
    NotStarted,
}

/// The status a meeting gets from `change`, or why not. `by_proposer` says whether the person
/// asking proposed the current time; `started` whether its start time has passed.
pub fn next_status(
    current: MeetingStatus,
    change: MeetingChange,
    by_proposer: bool,
    started: bool,
) -> Result<MeetingStatus, MeetingRuleError> {
    use MeetingChange as C;
    use MeetingStatus as S;
    match (change, current) {
        (C::Accept, S::Proposed) if by_proposer => Err(MeetingRuleError::OwnProposal),
        (C::Accept, S::Proposed) => Ok(S::Accepted),
        (C::Cancel, s) if s.is_open() => Ok(S::Cancelled),
        (C::Reschedule, s) if s.is_open() => Ok(S::Proposed),
        (C::Held | C::Missed, S::Accepted | S::Proposed) if !started => Err(MeetingRuleError::NotStarted),
        (C::Held, S::Accepted | S::Proposed | S::Missed) => Ok(S::Held),
        (C::Missed, S::Accepted | S::Proposed | S::Held) => Ok(S::Missed),
        _ => Err(MeetingRuleError::WrongState),
    }
}

/// A meeting proposal as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingForm {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local time, `HH:MM` (24 h).
    pub time: String,
    /// Length in minutes.
    pub minutes: String,
    /// IANA time zone the date and time are in.
    pub time_zone: String,
    /// Where (optional when there is a video link).
    pub place: String,
    /// Video call link (optional).
    pub video_url: String,
}

/// A proposal that passed validation. The server still checks that the zone exists and that
/// the instant is in the future.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidMeeting {
    /// Local date.
    pub date: Date,
    /// Local hour, 0–23.
    pub hour: u32,
    /// Local minute, 0–59.
    pub minute: u32,
    /// Length in minutes.
    pub minutes: u32,
    /// IANA time zone.
    pub time_zone: String,
    /// Where, if given.
    pub place: Option<String>,
    /// Video call link, if given.
    pub video_url: Option<String>,
}

/// Why a meeting proposal is refused; each names the field to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingError {
    /// Not a real day.
    #[error("not a valid date")]
    Date,
    /// Not a `HH:MM` time.
    #[error("not a valid time")]
    Time,
    /// Not a whole number of minutes in range.
    #[error("length out of range")]
    Minutes,
    /// Not an IANA time zone name.
    #[error("unknown time zone")]
    TimeZone,
    /// The place is too long.
    #[error("place too long")]
    Place,
    /// The link is not an http(s) address or too long.
    #[error("not a web address")]
    VideoUrl,
    /// Neither a place nor a link.
    #[error("say where")]
    Where,
    /// More than [`MAX_DAYS_BACK`] days ago.
    #[error("too far in the past")]
    Past,
    /// Shared notes too long.
    #[error("notes too long")]
    Notes,
}

impl MeetingError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            MeetingError::Date | MeetingError::Past => "date",
            MeetingError::Time => "time",
            MeetingError::Minutes => "minutes",
            MeetingError::TimeZone => "time_zone",
            MeetingError::Place | MeetingError::Where => "place",
            MeetingError::VideoUrl => "video_url",
            MeetingError::Notes => "notes",
        }
    }
}

fn parse_time(s: &str) -> Option<(u32, u32)> {
    let (h, m) = s.trim().split_once(':')?;
    // Browsers may send seconds (`10:30:00`); they are dropped.
    let m = m.split(':').next()?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

fn is_web_address(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            // Characters a URI never holds unescaped (RFC 3986), which would also break the
            // calendar's URL line.
            !host.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c))
        }
        None => false,
    }
}

impl MeetingForm {
    /// Checks every field; the first problem found is answered.
    pub fn validate(&self) -> Result<ValidMeeting, MeetingError> {
        let date = Date::parse(&self.date).ok_or(MeetingError::Date)?;
        let (hour, minute) = parse_time(&self.time).ok_or(MeetingError::Time)?;
        let minutes: u32 = self.minutes.trim().parse().map_err(|_| MeetingError::Minutes)?;
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
            return Err(MeetingError::Minutes);
        }
        let time_zone = self.time_zone.trim().to_owned();
        if !is_time_zone_shape(&time_zone) {
            return Err(MeetingError::TimeZone);
        }
        let place = self.place.split_whitespace().collect::<Vec<_>>().join(" ");
        if place.chars().count() > MAX_PLACE {
            return Err(MeetingError::Place);
        }
        let video_url = self.video_url.trim().to_owned();
        if !video_url.is_empty() && (video_url.len() > MAX_URL || !is_web_address(&video_url)) {
            return Err(MeetingError::VideoUrl);
        }
        if place.is_empty() && video_url.is_empty() {
            return Err(MeetingError::Where);
        }
        Ok(ValidMeeting {
            date,
            hour,
            minute,
            minutes,
            time_zone,
            place: (!place.is_empty()).then_some(place),
            video_url: (!video_url.is_empty()).then_some(video_url),
        })
    }
}

/// Checks shared meeting notes; answers them trimmed at the end.
pub fn validate_notes(notes: &str) -> Result<String, MeetingError> {
    let notes = notes.trim_end().to_owned();
    if notes.chars().count() > MAX_NOTES {
        return Err(MeetingError::Notes);
    }
    Ok(notes)
}

/// A check-in as typed on the phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinForm {
    /// How it went, `1`–`5`.
    pub rating: String,
    /// What I learned.
    pub learned: String,
    /// What I taught.
    pub taught: String,
    /// The next step (optional).
    pub next_step: String,
    /// Whether something blocks the pair.
    pub blocker: bool,
    /// A key the page makes once per check-in, so a retried submission is stored once.
    pub client_id: String,
}

/// A check-in that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidCheckin {
    /// 1–5.
    pub rating: u8,
    /// What I learned (may be empty).
    pub learned: String,
    /// What I taught (may be empty).
    pub taught: String,
    /// Next step (may be empty).
    pub next_step: String,
    /// Something blocks the pair.
    pub blocker: bool,
    /// Idempotency key.
    pub client_id: String,
}

/// Why a check-in is refused; each names the field to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckinError {
    /// No rating, or not 1–5.
    #[error("choose how it went, 1 to 5")]
    Rating,
    /// A text answer is too long.
    #[error("an answer is too long")]
    TooLong,
    /// Neither what was learned nor what was taught.
    #[error("say what you learned or taught")]
    Empty,
    /// The idempotency key is malformed.
    #[error("bad submission key")]
    ClientId,
}

impl CheckinError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            CheckinError::Rating => "rating",
            CheckinError::TooLong | CheckinError::Empty => "learned",
            CheckinError::ClientId => "client_id",
        }
    }
}

impl CheckinForm {
    /// Checks every field; the first problem found is answered.
    pub fn validate(&self) -> Result<ValidCheckin, CheckinError> {
        let rating: u8 = self.rating.trim().parse().map_err(|_| CheckinError::Rating)?;
        if !(1..=5).contains(&rating) {
            return Err(CheckinError::Rating);
        }
        let clean = |s: &str| -> Result<String, CheckinError> {
            let t = s.trim().to_owned();
            if t.chars().count() > MAX_CHECKIN_TEXT {
                return Err(CheckinError::TooLong);
            }
            Ok(t)
        };
        let (learned, taught, next_step) = (
            clean(&self.learned)?,
            clean(&self.taught)?,
            clean(&self.next_step)?,
        );
        if learned.is_empty() && taught.is_empty() {
            return Err(CheckinError::Empty);
        }
        let client_id = self.client_id.trim().to_owned();
        let id_ok = (8..=MAX_CLIENT_ID).contains(&client_id.len())
            && client_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Err(CheckinError::ClientId);
        }
        Ok(ValidCheckin {
            rating,
            learned,
            taught,
            next_step,
            blocker: self.blocker,
            client_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<F, E> = (fn(&mut F), E);

    fn form() -> MeetingForm {
        MeetingForm {
            date: "2027-03-01".into(),
            time: "10:30".into(),
            minutes: "45".into(),
            time_zone: "Europe/Madrid".into(),
            place: "  Sala   Picasso ".into(),
            video_url: String::new(),
        }
    }

    #[test]
    fn a_good_proposal_is_cleaned() {
        let m = form().validate().unwrap();
        assert_eq!((m.hour, m.minute, m.minutes), (10, 30, 45));
        assert_eq!(m.place.as_deref(), Some("Sala Picasso"));
        assert_eq!(m.video_url, None);
        let mut f = form();
        f.place.clear();
        f.video_url = " https://meet.example.com/abc-defg ".into();
        f.time = "08:05:00".into();
        let m = f.validate().unwrap();
        assert_eq!(m.video_url.as_deref(), Some("https://meet.example.com/abc-defg"));
        assert_eq!((m.hour, m.minute), (8, 5));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<Case<MeetingForm, MeetingError>> = vec![
            (|f| f.date = "2027-02-30".into(), MeetingError::Date),
            (|f| f.date = String::new(), MeetingError::Date),
            (|f| f.time = "24:00".into(), MeetingError::Time),
            (|f| f.time = "9h".into(), MeetingError::Time),
            (|f| f.time = "10:7".into(), MeetingError::Time),
            (|f| f.minutes = "14".into(), MeetingError::Minutes),
            (|f| f.minutes = "241".into(), MeetingError::Minutes),
            (|f| f.minutes = "abc".into(), MeetingError::Minutes),
            (|f| f.time_zone = "Madrid".into(), MeetingError::TimeZone),
            (|f| f.place = "x".repeat(MAX_PLACE + 1), MeetingError::Place),
            (
                |f| f.video_url = "javascript:alert(1)".into(),
                MeetingError::VideoUrl,
            ),
            (|f| f.video_url = "https://".into(), MeetingError::VideoUrl),
            (|f| f.video_url = "https://a b".into(), MeetingError::VideoUrl),
            (|f| f.place = "   ".into(), MeetingError::Where),
        ];
        for (change, want) in cases {
            let mut f = form();
            change(&mut f);
            assert_eq!(f.validate(), Err(want), "{f:?}");
            assert!(!want.field().is_empty());
        }
        assert_eq!(MeetingError::Past.field(), "date");
    }

    #[test]
    fn the_life_of_a_meeting() {
        use MeetingChange as C;
        use MeetingStatus as S;
        assert_eq!(next_status(S::Proposed, C::Accept, false, false), Ok(S::Accepted));
        assert_eq!(
            next_status(S::Proposed, C::Accept, true, false),
            Err(MeetingRuleError::OwnProposal)
        );
        assert_eq!(
            next_status(S::Accepted, C::Accept, false, false),
            Err(MeetingRuleError::WrongState)
        );
        for s in [S::Proposed, S::Accepted] {
            assert_eq!(next_status(s, C::Cancel, true, false), Ok(S::Cancelled));
            assert_eq!(next_status(s, C::Reschedule, false, false), Ok(S::Proposed));
            assert_eq!(
                next_status(s, C::Held, false, false),
                Err(MeetingRuleError::NotStarted)
            );
            assert_eq!(next_status(s, C::Held, false, true), Ok(S::Held));
            assert_eq!(next_status(s, C::Missed, true, true), Ok(S::Missed));
        }
        // A wrong record can be corrected; a cancelled meeting stays cancelled.
        assert_eq!(next_status(S::Missed, C::Held, false, true), Ok(S::Held));
        assert_eq!(next_status(S::Held, C::Missed, false, true), Ok(S::Missed));
        for c in [C::Accept, C::Cancel, C::Held, C::Missed, C::Reschedule] {
            assert_eq!(
                next_status(S::Cancelled, c, false, true),
                Err(MeetingRuleError::WrongState)
            );
        }
        assert_eq!(
            next_status(S::Held, C::Cancel, false, true),
            Err(MeetingRuleError::WrongState)
        );
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(MeetingChange::parse("reschedule"), Some(C::Reschedule));
        assert_eq!(MeetingChange::parse("delete"), None);
    }

    #[test]
    fn notes_have_a_limit() {
        assert_eq!(validate_notes("  agenda \n\n").unwrap(), "  agenda");
        assert_eq!(
            validate_notes(&"n".repeat(MAX_NOTES + 1)),
            Err(MeetingError::Notes)
        );
    }

    fn checkin() -> CheckinForm {
        CheckinForm {
            rating: "4".into(),
            learned: " Prompting for summaries ".into(),
            taught: String::new(),
            next_step: "Try it on the Monday report".into(),
            blocker: true,
            client_id: "c0ffee00-1234-4abc-9def-001122334455".into(),
        }
    }

    #[test]
    fn a_checkin_is_checked() {
        let c = checkin().validate().unwrap();
        assert_eq!(c.rating, 4);
        assert_eq!(c.learned, "Prompting for summaries");
        assert!(c.blocker);
        let cases: Vec<Case<CheckinForm, CheckinError>> = vec![
            (|f| f.rating = String::new(), CheckinError::Rating),
            (|f| f.rating = "0".into(), CheckinError::Rating),
            (|f| f.rating = "6".into(), CheckinError::Rating),
            (
                |f| f.learned = "x".repeat(MAX_CHECKIN_TEXT + 1),
                CheckinError::TooLong,
            ),
            (
                |f| f.next_step = "x".repeat(MAX_CHECKIN_TEXT + 1),
                CheckinError::TooLong,
            ),
            (|f| f.learned = "  ".into(), CheckinError::Empty),
            (|f| f.client_id = "short".into(), CheckinError::ClientId),
            (
                |f| f.client_id = "has space in it!".into(),
                CheckinError::ClientId,
            ),
        ];
        for (change, want) in cases {
            let mut f = checkin();
            change(&mut f);
            assert_eq!(f.validate(), Err(want), "{f:?}");
        }
        let mut taught_only = checkin();
        taught_only.learned.clear();
        taught_only.taught = "Excel pivot tables".into();
        assert!(taught_only.validate().is_ok());
    }
}
