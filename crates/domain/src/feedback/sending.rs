//! Who a form is sent to ([`Audience`]), when ([`Trigger`]), and the dates that follow from it:
//! the day it is sent and the day its answers are due ([`schedule`]).

use serde::{Deserialize, Serialize};

use crate::program::Date;

/// Who a form is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The (junior) mentors of each pair.
    Mentors,
    /// The (senior) mentees of each pair.
    Mentees,
    /// Both sides of each pair.
    Both,
}

impl Audience {
    /// Every audience, in the order a form lists them.
    pub const ALL: [Audience; 3] = [Audience::Mentors, Audience::Mentees, Audience::Both];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Mentors => "mentors",
            Audience::Mentees => "mentees",
            Audience::Both => "both",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether someone on the mentor side (`true`) or the mentee side of a pair gets the form.
    pub fn includes(self, is_mentor: bool) -> bool {
        match self {
            Audience::Mentors => is_mentor,
            Audience::Mentees => !is_mentor,
            Audience::Both => true,
        }
    }
}

/// When a form is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// After each held meeting, on the meeting's day.
    AfterMeeting,
    /// Half way through the program.
    Midpoint,
    /// On the program's last day.
    End,
    /// When HR sends it.
    Manual,
}

impl Trigger {
    /// Every trigger, in the order a form lists them.
    pub const ALL: [Trigger; 4] = [
        Trigger::AfterMeeting,
        Trigger::Midpoint,
        Trigger::End,
        Trigger::Manual,
    ];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::AfterMeeting => "after_meeting",
            Trigger::Midpoint => "midpoint",
            Trigger::End => "end",
            Trigger::Manual => "manual",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Trigger> {
        Trigger::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// When a form is sent and when its answers are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    /// The day the request is sent.
    pub send_on: Date,
    /// The last day to answer: `send_on` plus the form's days to answer.
    pub due_on: Date,
}

/// The day a form with `trigger` is sent in a program running `starts_on`–`ends_on`:
/// mid-point is `starts_on + (ends_on − starts_on) / 2` (rounded down), end is `ends_on`, after a
/// meeting is `event_on` (the meeting's day) and manual is `event_on` (the day HR sends it).
/// `None` when an after-meeting or manual form has no `event_on`.
pub fn send_date(trigger: Trigger, starts_on: Date, ends_on: Date, event_on: Option<Date>) -> Option<Date> {
    match trigger {
        Trigger::Midpoint => starts_on.add_days(starts_on.days_until(ends_on).div_euclid(2)),
        Trigger::End => Some(ends_on),
        Trigger::AfterMeeting | Trigger::Manual => event_on,
    }
}

/// The last day to answer a form sent on `sent_on`: `due_days` later. `None` past the year 2200.
pub fn due_date(sent_on: Date, due_days: u32) -> Option<Date> {
    sent_on.add_days(i64::from(due_days))
}

/// [`send_date`] and [`due_date`] together.
pub fn schedule(
    trigger: Trigger,
    starts_on: Date,
    ends_on: Date,
    event_on: Option<Date>,
    due_days: u32,
) -> Option<Schedule> {
    let send_on = send_date(trigger, starts_on, ends_on, event_on)?;
    Some(Schedule {
        send_on,
        due_on: due_date(send_on, due_days)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sending_names_round_trip() {
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a));
        }
        for t in Trigger::ALL {
            assert_eq!(Trigger::parse(t.as_str()), Some(t));
        }
        let audiences: Vec<_> = Audience::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            audiences,
            ["mentors", "mentees", "both"],
            "the names in the db schema"
        );
        let triggers: Vec<_> = Trigger::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(triggers, ["after_meeting", "midpoint", "end", "manual"]);
        assert_eq!(Audience::parse("all"), None);
        assert_eq!(Trigger::parse(""), None);
    }

    #[test]
    fn audiences_include_their_side() {
        assert!(Audience::Mentors.includes(true) && !Audience::Mentors.includes(false));
        assert!(Audience::Mentees.includes(false) && !Audience::Mentees.includes(true));
        assert!(Audience::Both.includes(true) && Audience::Both.includes(false));
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn send_dates_follow_the_trigger() {
        let (start, end) = (d("2027-01-11"), d("2027-06-30"));
        let meeting = Some(d("2027-02-03"));
        assert_eq!(
            send_date(Trigger::Midpoint, start, end, None),
            Some(d("2027-04-06")),
            "170 days / 2 = 85"
        );
        assert_eq!(send_date(Trigger::End, start, end, meeting), Some(end));
        assert_eq!(send_date(Trigger::AfterMeeting, start, end, meeting), meeting);
        assert_eq!(send_date(Trigger::AfterMeeting, start, end, None), None);
        assert_eq!(
            send_date(Trigger::Manual, start, end, Some(d("2027-03-01"))),
            Some(d("2027-03-01"))
        );
        assert_eq!(send_date(Trigger::Manual, start, end, None), None);
        // An odd number of days rounds the mid-point down.
        assert_eq!(
            send_date(Trigger::Midpoint, d("2027-01-01"), d("2027-01-04"), None),
            Some(d("2027-01-02"))
        );
        assert_eq!(
            send_date(Trigger::Midpoint, d("2027-01-01"), d("2027-01-05"), None),
            Some(d("2027-01-03"))
        );
    }

    #[test]
    fn due_dates_add_the_days_to_answer() {
        assert_eq!(due_date(d("2027-02-25"), 7), Some(d("2027-03-04")));
        assert_eq!(due_date(d("2028-02-25"), 7), Some(d("2028-03-03")), "leap year");
        assert_eq!(due_date(d("2200-12-30"), 7), None);
        assert_eq!(
            schedule(Trigger::End, d("2027-01-11"), d("2027-06-30"), None, 14),
            Some(Schedule {
                send_on: d("2027-06-30"),
                due_on: d("2027-07-14"),
            })
        );
        assert_eq!(
            schedule(Trigger::AfterMeeting, d("2027-01-11"), d("2027-06-30"), None, 7),
            None
        );
    }
}
