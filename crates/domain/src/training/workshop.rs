//! Workshops: live training sessions of a program (communication, active listening, feedback),
//! with a fixed number of seats, a waiting list and attendance.
//!
//! HR plans a workshop for a local date and time in a named time zone, like a meeting
//! ([`crate::meeting::MeetingForm`] checks the date, time, length, zone, place and video link),
//! for mentors, mentees or both, with a capacity and, optionally, a module it counts as: a
//! person marked present has that module completed.
//!
//! Seats: a registration takes a seat while fewer than `capacity` people hold one, and joins the
//! waiting list otherwise ([`seat_for`]). When a seat frees (someone cancels, HR raises the
//! capacity), the people waiting longest get the free seats, in the order they joined
//! ([`promotions`]). Registration and cancelling close when the workshop starts
//! ([`registration_open`]); HR takes attendance from [`ATTENDANCE_OPENS_BEFORE_MINUTES`] before
//! the start on.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::meeting::{MeetingError, MeetingForm, ValidMeeting};
use crate::training::{Audience, MAX_TITLE, Texts};

/// Most characters in a workshop's description, per language.
pub const MAX_DESCRIPTION: usize = 4_000;
/// Seats a workshop may have.
pub const CAPACITY: std::ops::RangeInclusive<u32> = 1..=500;
/// How long before the start HR may take attendance (people arrive early), in minutes.
pub const ATTENDANCE_OPENS_BEFORE_MINUTES: i64 = 60;
/// How long before the start a registered person is reminded, in hours (as for meetings).
pub const REMIND_BEFORE_HOURS: i64 = 24;

/// A workshop as typed into HR's form: every field as the browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopForm {
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Spanish description (plain text, may be empty).
    pub description_es: String,
    /// English description (plain text, may be empty).
    pub description_en: String,
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local time, `HH:MM` (24 h).
    pub time: String,
    /// Length in minutes (15–240).
    pub minutes: String,
    /// IANA time zone the date and time are in, e.g. `Europe/Madrid`.
    pub time_zone: String,
    /// Where (optional when there is a video link).
    pub place: String,
    /// Video call link (optional).
    pub video_url: String,
    /// Seats, a whole number in [`CAPACITY`].
    pub capacity: String,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// Key of the program's module the workshop counts as, or empty.
    pub module: String,
}

/// A workshop that passed validation. The server still checks that the zone exists, that the
/// start is in the future and that `module` is a module of the same program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidWorkshop {
    /// Titles, both present.
    pub title: Texts,
    /// Descriptions (either may be empty).
    pub description: Texts,
    /// Date, time, length, zone, place and link.
    pub when: ValidMeeting,
    /// Seats.
    pub capacity: u32,
    /// Who it is for.
    pub audience: Audience,
    /// The module it counts as.
    pub module: Option<String>,
}

/// Why a workshop is refused; each names the form field to point at ([`WorkshopError::field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkshopError {
    /// A title is missing or longer than [`MAX_TITLE`].
    #[error("a title is missing or too long")]
    Title,
    /// A description is longer than [`MAX_DESCRIPTION`].
    #[error("a description is too long")]
    Description,
    /// Not a real day.
    #[error("not a valid date")]
    Date,
    /// Not a `HH:MM` time, or a time the zone skips (daylight saving).
    #[error("not a valid time")]
    Time,
    /// Length not a whole number of minutes in 15–240.
    #[error("length out of range")]
    Minutes,
    /// Not an IANA time zone.
    #[error("unknown time zone")]
    TimeZone,
    /// The place is too long.
    #[error("place too long")]
    Place,
    /// The video link is not an http(s) address or too long.
    #[error("not a web address")]
    VideoUrl,
    /// Neither a place nor a video link.
    #[error("say where")]
    Where,
    /// The start is not in the future.
    #[error("the start has passed")]
    Past,
    /// Capacity not a whole number in [`CAPACITY`].
    #[error("capacity out of range")]
    Capacity,
    /// Capacity below the seats already taken (lowering it would take someone's seat).
    #[error("capacity below the seats taken")]
    CapacityBelowTaken,
    /// Not one of the three audiences.
    #[error("unknown audience")]
    Audience,
    /// The module is not one of the program's.
    #[error("unknown module")]
    Module,
    /// The start is after the program ends.
    #[error("after the program ends")]
    AfterProgram,
    /// People of a side the new audience leaves out hold seats or are waiting.
    #[error("people of the other side are registered")]
    AudienceHasPeople,
}

impl WorkshopError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            WorkshopError::Title => "title_es",
            WorkshopError::Description => "description_es",
            WorkshopError::Date | WorkshopError::Past => "date",
            WorkshopError::Time => "time",
            WorkshopError::Minutes => "minutes",
            WorkshopError::TimeZone => "time_zone",
            WorkshopError::Place | WorkshopError::Where => "place",
            WorkshopError::VideoUrl => "video_url",
            WorkshopError::Capacity | WorkshopError::CapacityBelowTaken => "capacity",
            WorkshopError::Audience | WorkshopError::AudienceHasPeople => "audience",
            WorkshopError::Module => "module",
            WorkshopError::AfterProgram => "date",
        }
    }
}

impl From<MeetingError> for WorkshopError {
    fn from(e: MeetingError) -> WorkshopError {
        match e {
            MeetingError::Date => WorkshopError::Date,
            MeetingError::Time => WorkshopError::Time,
            MeetingError::Minutes => WorkshopError::Minutes,
            MeetingError::TimeZone => WorkshopError::TimeZone,
            MeetingError::Place => WorkshopError::Place,
            MeetingError::VideoUrl => WorkshopError::VideoUrl,
            MeetingError::Where => WorkshopError::Where,
            MeetingError::Past => WorkshopError::Past,
            // Workshops have no notes.
            MeetingError::Notes => WorkshopError::Description,
        }
    }
}

impl WorkshopForm {
    /// Checks every field; the first problem found is answered (titles first, then the time
    /// and place in the meeting form's order, then capacity, audience and module).
    pub fn validate(&self) -> Result<ValidWorkshop, WorkshopError> {
        // Titles and places are one line: control characters (line breaks, tabs, NUL) become
        // spaces and runs of spaces one; descriptions keep their line breaks only.
        let one_line = |s: &str| {
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let lines = |s: &str| {
            s.replace("\r\n", "\n")
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect::<String>()
        };
        let title = Texts::new(&one_line(&self.title_es), &one_line(&self.title_en));
        if [&title.es, &title.en]
            .iter()
            .any(|t| t.is_empty() || t.chars().count() > MAX_TITLE)
        {
            return Err(WorkshopError::Title);
        }
        let description = Texts::new(&lines(&self.description_es), &lines(&self.description_en));
        if [&description.es, &description.en]
            .iter()
            .any(|t| t.chars().count() > MAX_DESCRIPTION)
        {
            return Err(WorkshopError::Description);
        }
        let when = MeetingForm {
            date: self.date.clone(),
            time: self.time.clone(),
            minutes: self.minutes.clone(),
            time_zone: self.time_zone.clone(),
            place: one_line(&self.place),
            video_url: self.video_url.clone(),
        }
        .validate()?;
        let capacity: u32 = self
            .capacity
            .trim()
            .parse()
            .map_err(|_| WorkshopError::Capacity)?;
        if !CAPACITY.contains(&capacity) {
            return Err(WorkshopError::Capacity);
        }
        let audience = Audience::parse(self.audience.trim()).ok_or(WorkshopError::Audience)?;
        let module = self.module.trim();
        if module.len() > 64 {
            return Err(WorkshopError::Module);
        }
        Ok(ValidWorkshop {
            title,
            description,
            when,
            capacity,
            audience,
            module: (!module.is_empty()).then(|| module.to_owned()),
        })
    }
}

/// Where a person stands on a workshop's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatStatus {
    /// Holds a seat.
    Registered,
    /// On the waiting list.
    Waiting,
    /// Was registered or waiting and cancelled.
    Cancelled,
}

impl SeatStatus {
    /// Every status.
    pub const ALL: [SeatStatus; 3] = [SeatStatus::Registered, SeatStatus::Waiting, SeatStatus::Cancelled];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            SeatStatus::Registered => "registered",
            SeatStatus::Waiting => "waiting",
            SeatStatus::Cancelled => "cancelled",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<SeatStatus> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Where a new registration lands: a seat while fewer than `capacity` are registered, else the
/// waiting list.
pub fn seat_for(capacity: u32, registered: usize) -> SeatStatus {
    if registered < capacity as usize {
        SeatStatus::Registered
    } else {
        SeatStatus::Waiting
    }
}

/// Who moves from the waiting list to a seat: the first of `waiting` (in the order they joined)
/// for as many seats as are free (`capacity − registered`, none when over).
pub fn promotions<T: Clone>(capacity: u32, registered: usize, waiting: &[T]) -> Vec<T> {
    let free = (capacity as usize).saturating_sub(registered);
    waiting.iter().take(free).cloned().collect()
}

/// Whether people may still register or cancel, `minutes_to_start` minutes before the start
/// (negative once started): until the start.
pub fn registration_open(minutes_to_start: i64) -> bool {
    minutes_to_start > 0
}

/// Whether HR may take attendance `minutes_to_start` minutes before the start (negative once
/// started): from [`ATTENDANCE_OPENS_BEFORE_MINUTES`] before it on.
pub fn attendance_open(minutes_to_start: i64) -> bool {
    minutes_to_start <= ATTENDANCE_OPENS_BEFORE_MINUTES
}

/// Minutes of workshops a person attended: the sum of the lengths (minutes) of those where they
/// were marked present. Each item is (marked present, length in minutes). These hours count on
/// completion certificates.
pub fn attended_minutes(records: impl IntoIterator<Item = (bool, u32)>) -> u32 {
    records
        .into_iter()
        .filter(|(present, _)| *present)
        .map(|(_, minutes)| minutes)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> WorkshopForm {
        WorkshopForm {
            title_es: "Escucha activa".into(),
            title_en: "Active listening".into(),
            description_es: "Práctica por parejas.".into(),
            description_en: String::new(),
            date: "2027-03-01".into(),
            time: "10:30".into(),
            minutes: "90".into(),
            time_zone: "Europe/Madrid".into(),
            place: "  Sala   Norte ".into(),
            video_url: String::new(),
            capacity: "12".into(),
            audience: "both".into(),
            module: String::new(),
        }
    }

    #[test]
    fn a_good_form_is_read_and_tidied() {
        let w = form().validate().unwrap();
        assert_eq!(w.title.en, "Active listening");
        assert_eq!(w.description.en, "");
        assert_eq!((w.when.hour, w.when.minute, w.when.minutes), (10, 30, 90));
        assert_eq!(w.when.place.as_deref(), Some("Sala Norte"));
        assert_eq!(w.capacity, 12);
        assert_eq!(w.audience, Audience::Both);
        assert_eq!(w.module, None);
        let with_module = WorkshopForm {
            module: " abc ".into(),
            ..form()
        };
        assert_eq!(with_module.validate().unwrap().module.as_deref(), Some("abc"));
    }

    #[test]
    fn each_problem_names_its_field() {
        let cases: Vec<(WorkshopForm, WorkshopError)> = vec![
            (
                WorkshopForm {
                    title_en: " ".into(),
                    ..form()
                },
                WorkshopError::Title,
            ),
            (
                WorkshopForm {
                    description_es: "x".repeat(MAX_DESCRIPTION + 1),
                    ..form()
                },
                WorkshopError::Description,
            ),
            (
                WorkshopForm {
                    date: "2027-02-30".into(),
                    ..form()
                },
                WorkshopError::Date,
            ),
            (
                WorkshopForm {
                    minutes: "300".into(),
                    ..form()
                },
                WorkshopError::Minutes,
            ),
            (
                WorkshopForm {
                    place: String::new(),
                    ..form()
                },
                WorkshopError::Where,
            ),
            (
                WorkshopForm {
                    video_url: "javascript:alert(1)".into(),
                    ..form()
                },
                WorkshopError::VideoUrl,
            ),
            (
                WorkshopForm {
                    capacity: "0".into(),
                    ..form()
                },
                WorkshopError::Capacity,
            ),
            (
                WorkshopForm {
                    capacity: "many".into(),
                    ..form()
                },
                WorkshopError::Capacity,
            ),
            (
                WorkshopForm {
                    capacity: "501".into(),
                    ..form()
                },
                WorkshopError::Capacity,
            ),
            (
                WorkshopForm {
                    audience: "everyone".into(),
                    ..form()
                },
                WorkshopError::Audience,
            ),
        ];
        for (f, want) in cases {
            assert_eq!(f.validate(), Err(want), "{f:?}");
        }
        assert_eq!(WorkshopError::Title.field(), "title_es");
        assert_eq!(WorkshopError::Where.field(), "place");
        assert_eq!(WorkshopError::CapacityBelowTaken.field(), "capacity");
        assert_eq!(WorkshopError::AudienceHasPeople.field(), "audience");
        // A link with characters no address holds is refused (it would break the calendar).
        let quoted = WorkshopForm {
            video_url: "https://x.example/\"><script>".into(),
            ..form()
        };
        assert_eq!(quoted.validate(), Err(WorkshopError::VideoUrl));
    }

    #[test]
    fn control_characters_leave_titles_and_places() {
        let w = WorkshopForm {
            title_es: "Escucha\u{0}\r\nactiva".into(),
            place: "Sala\tNorte".into(),
            description_es: "Uno\r\nDos\u{7}".into(),
            ..form()
        }
        .validate()
        .unwrap();
        assert_eq!(w.title.es, "Escucha activa");
        assert_eq!(w.when.place.as_deref(), Some("Sala Norte"));
        assert_eq!(w.description.es, "Uno\nDos");
    }

    #[test]
    fn the_last_seat_goes_to_one_and_the_next_person_waits() {
        assert_eq!(seat_for(2, 0), SeatStatus::Registered);
        assert_eq!(seat_for(2, 1), SeatStatus::Registered);
        assert_eq!(seat_for(2, 2), SeatStatus::Waiting);
        // Capacity lowered below the seats taken: nobody new gets in.
        assert_eq!(seat_for(2, 3), SeatStatus::Waiting);
    }

    #[test]
    fn freed_seats_go_to_those_waiting_longest_in_order() {
        let waiting = ["ana", "bea", "carlos"];
        // One cancellation in a full workshop of 3: the first waiting gets the seat.
        assert_eq!(promotions(3, 2, &waiting), vec!["ana"]);
        // Capacity raised from 3 to 5: the first two.
        assert_eq!(promotions(5, 3, &waiting), vec!["ana", "bea"]);
        // More free seats than people waiting: all of them.
        assert_eq!(promotions(10, 3, &waiting), vec!["ana", "bea", "carlos"]);
        // Still full, or over: nobody.
        assert!(promotions(3, 3, &waiting).is_empty());
        assert!(promotions(3, 4, &waiting).is_empty());
        assert!(promotions::<&str>(3, 0, &[]).is_empty());
    }

    #[test]
    fn registration_closes_at_the_start_and_attendance_opens_an_hour_before() {
        assert!(registration_open(1));
        assert!(!registration_open(0));
        assert!(!registration_open(-30));
        assert!(!attendance_open(61));
        assert!(attendance_open(60));
        assert!(attendance_open(0));
        assert!(attendance_open(-600));
    }

    #[test]
    fn attended_minutes_count_only_workshops_attended() {
        assert_eq!(attended_minutes([(true, 90), (false, 60), (true, 45)]), 135);
        assert_eq!(attended_minutes([]), 0);
        assert_eq!(attended_minutes([(false, 90)]), 0);
    }

    #[test]
    fn stored_statuses_round_trip() {
        for s in SeatStatus::ALL {
            assert_eq!(SeatStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(SeatStatus::parse("maybe"), None);
    }
}
