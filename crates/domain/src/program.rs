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
    /// Whether HR may run matching, edit the board and publish: in the matching stage, and
    /// while the program runs (to re-match people whose pair ended).
    pub fn pairs_editable(self) -> bool {
        matches!(self, ProgramStatus::Matching | ProgramStatus::Active)
    }

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

/// A calendar date as entered in a form (`YYYY-MM-DD`), checked for existence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year (1900–2200).
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day of month.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else or a day that does not exist.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2200).contains(&year) && (1..=days_in_month).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// `YYYY-MM-DD`, the form `<input type="date">` uses.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before it), for date arithmetic.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil, for a year that starts in March (so the leap day is last).
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside the years [`Date::parse`] accepts.
    pub fn from_day_number(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        let year = i32::try_from(year).ok().filter(|y| (1900..=2200).contains(y))?;
        Some(Date {
            year,
            month: u32::try_from(month).ok()?,
            day: u32::try_from(day).ok()?,
        })
    }

    /// The date `days` later (earlier when negative); `None` when it leaves the years 1900–2200.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number().checked_add(days)?)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }
}

/// What HR types when designing a program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProgramInput {
    /// Name of the cohort, e.g. "Mentoría inversa 2027".
    pub name: String,
    /// Why the program exists.
    #[serde(default)]
    pub purpose: String,
    /// Goals and objectives, one per line.
    #[serde(default)]
    pub objectives: String,
    /// What is expected of mentors (part of the participant agreement).
    #[serde(default)]
    pub mentor_expectations: String,
    /// What is expected of mentees (part of the participant agreement).
    #[serde(default)]
    pub mentee_expectations: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Days between meetings.
    pub cadence_days: i32,
    /// Length of a meeting in minutes.
    pub meeting_minutes: i32,
}

/// Why a program design was refused; each names the field it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ProgramError {
    /// The name is empty or longer than [`MAX_PROGRAM_NAME`].
    #[error("invalid program name")]
    InvalidName,
    /// A date is missing or not a real `YYYY-MM-DD` day.
    #[error("invalid date")]
    InvalidDate,
    /// The end is not after the start.
    #[error("the program must end after it starts")]
    EndsBeforeStart,
    /// Cadence outside 1–90 days.
    #[error("cadence out of range")]
    InvalidCadence,
    /// Meeting length outside 10–240 minutes.
    #[error("meeting length out of range")]
    InvalidMeetingLength,
    /// A text field is longer than [`MAX_PROGRAM_TEXT`].
    #[error("text too long")]
    TextTooLong,
}

impl ProgramError {
    /// The form field to point at; none for [`ProgramError::TextTooLong`], which may be any of
    /// the four free texts. Both date problems point at the end date.
    pub fn field(self) -> Option<&'static str> {
        match self {
            ProgramError::InvalidName => Some("name"),
            ProgramError::InvalidDate | ProgramError::EndsBeforeStart => Some("ends_on"),
            ProgramError::InvalidCadence => Some("cadence_days"),
            ProgramError::InvalidMeetingLength => Some("meeting_minutes"),
            ProgramError::TextTooLong => None,
        }
    }
}

/// Longest program name, in characters.
pub const MAX_PROGRAM_NAME: usize = 160;
/// Longest free-text field of a program, in characters.
pub const MAX_PROGRAM_TEXT: usize = 4000;

/// A program design that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProgram {
    /// Trimmed name.
    pub name: String,
    /// Trimmed purpose.
    pub purpose: String,
    /// Objectives, one per non-empty line.
    pub objectives: Vec<String>,
    /// Trimmed mentor expectations.
    pub mentor_expectations: String,
    /// Trimmed mentee expectations.
    pub mentee_expectations: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Days between meetings.
    pub cadence_days: i32,
    /// Meeting length in minutes.
    pub meeting_minutes: i32,
}

impl ProgramInput {
    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<ValidProgram, ProgramError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_PROGRAM_NAME {
            return Err(ProgramError::InvalidName);
        }
        let starts_on = Date::parse(&self.starts_on).ok_or(ProgramError::InvalidDate)?;
        let ends_on = Date::parse(&self.ends_on).ok_or(ProgramError::InvalidDate)?;
        if ends_on <= starts_on {
            return Err(ProgramError::EndsBeforeStart);
        }
        if !(1..=90).contains(&self.cadence_days) {
            return Err(ProgramError::InvalidCadence);
        }
        if !(10..=240).contains(&self.meeting_minutes) {
            return Err(ProgramError::InvalidMeetingLength);
        }
        let texts = [
            &self.purpose,
            &self.objectives,
            &self.mentor_expectations,
            &self.mentee_expectations,
        ];
        if texts.iter().any(|t| t.chars().count() > MAX_PROGRAM_TEXT) {
            return Err(ProgramError::TextTooLong);
        }
        Ok(ValidProgram {
            name: name.to_owned(),
            purpose: self.purpose.trim().to_owned(),
            objectives: self
                .objectives
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            mentor_expectations: self.mentor_expectations.trim().to_owned(),
            mentee_expectations: self.mentee_expectations.trim().to_owned(),
            starts_on,
            ends_on,
            cadence_days: self.cadence_days,
            meeting_minutes: self.meeting_minutes,
        })
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    fn input() -> ProgramInput {
        ProgramInput {
            name: "  Piloto 2027 ".into(),
            objectives: "Usar IA a diario\n\n  Plan de carrera  ".into(),
            starts_on: "2027-01-11".into(),
            ends_on: "2027-06-30".into(),
            cadence_days: 14,
            meeting_minutes: 45,
            ..ProgramInput::default()
        }
    }

    #[test]
    fn dates_are_real_days() {
        assert_eq!(
            Date::parse("2028-02-29").map(Date::iso).as_deref(),
            Some("2028-02-29")
        );
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-04-31",
            "27-01-01x",
            "",
            "2027/01/01",
            "1800-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_arithmetic() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("1970-01-01").day_number(), 0);
        assert_eq!(d("2000-03-01").day_number(), 11_017);
        assert_eq!(d("1969-12-31").day_number(), -1);
        assert_eq!(d("2028-02-28").add_days(1), Some(d("2028-02-29")));
        assert_eq!(d("2027-02-28").add_days(1), Some(d("2027-03-01")));
        assert_eq!(d("2027-12-31").add_days(1), Some(d("2028-01-01")));
        assert_eq!(d("2027-01-11").add_days(-11), Some(d("2026-12-31")));
        assert_eq!(d("2027-01-11").days_until(d("2027-06-30")), 170);
        assert_eq!(d("2027-06-30").days_until(d("2027-01-11")), -170);
        assert_eq!(d("2200-12-31").add_days(1), None);
        assert_eq!(d("1900-01-01").add_days(-1), None);
        assert_eq!(d("2027-01-01").add_days(i64::MAX), None);
    }

    #[test]
    fn day_numbers_round_trip_over_every_day() {
        let first = Date::parse("1900-01-01").unwrap().day_number();
        let last = Date::parse("2200-12-31").unwrap().day_number();
        let mut previous: Option<Date> = None;
        for n in first..=last {
            let date = Date::from_day_number(n).unwrap();
            assert_eq!(date.day_number(), n);
            assert_eq!(Date::parse(&date.iso()), Some(date), "a real day");
            assert!(previous.is_none_or(|p| p < date), "days follow each other");
            previous = Some(date);
        }
        assert_eq!(Date::from_day_number(first - 1), None);
        assert_eq!(Date::from_day_number(last + 1), None);
    }

    #[test]
    fn a_good_design_is_normalised() {
        let v = input().validate().unwrap();
        assert_eq!(v.name, "Piloto 2027");
        assert_eq!(
            v.objectives,
            vec!["Usar IA a diario".to_owned(), "Plan de carrera".to_owned()]
        );
    }

    #[test]
    fn each_field_is_checked() {
        let check = |f: fn(&mut ProgramInput)| {
            let mut i = input();
            f(&mut i);
            i.validate().unwrap_err()
        };
        assert_eq!(check(|i| i.name = " ".into()), ProgramError::InvalidName);
        assert_eq!(
            check(|i| i.starts_on = "mañana".into()),
            ProgramError::InvalidDate
        );
        assert_eq!(
            check(|i| i.ends_on = "2027-01-11".into()),
            ProgramError::EndsBeforeStart
        );
        assert_eq!(check(|i| i.cadence_days = 0), ProgramError::InvalidCadence);
        assert_eq!(
            check(|i| i.meeting_minutes = 500),
            ProgramError::InvalidMeetingLength
        );
        assert_eq!(check(|i| i.purpose = "x".repeat(5000)), ProgramError::TextTooLong);
    }

    #[test]
    fn errors_name_their_field_but_a_long_text_none() {
        assert_eq!(ProgramError::InvalidName.field(), Some("name"));
        assert_eq!(ProgramError::InvalidDate.field(), Some("ends_on"));
        assert_eq!(ProgramError::EndsBeforeStart.field(), Some("ends_on"));
        assert_eq!(ProgramError::InvalidCadence.field(), Some("cadence_days"));
        assert_eq!(
            ProgramError::InvalidMeetingLength.field(),
            Some("meeting_minutes")
        );
        assert_eq!(ProgramError::TextTooLong.field(), None);
    }
}
