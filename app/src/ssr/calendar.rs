//! Time zones and calendars for meetings: turning a local date and time in a named zone into an
//! instant, writing an instant the way each person reads it, and the iCalendar files (one
//! meeting, or a whole private feed) that calendar apps import or subscribe to.
//!
//! Calendars carry times in UTC (`…Z`), which every calendar app shows in its own zone; the
//! `icalendar` crate does the escaping and line folding.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use domain::Lang;
use domain::meeting::{MeetingStatus, ValidMeeting};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// The IANA zone named `name`, if it exists.
pub fn zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// The instant of a proposal's local date and time in its zone. A time that does not exist
/// (skipped by a daylight-saving change) is `None`; an ambiguous one (repeated) takes the first.
pub fn instant(m: &ValidMeeting) -> Option<DateTime<Utc>> {
    let tz = zone(&m.time_zone)?;
    let day = NaiveDate::from_ymd_opt(m.date.year, m.date.month, m.date.day)?;
    let local = day.and_hms_opt(m.hour, m.minute, 0)?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// `at` in the zone `zone_name` as a form fills it: (`YYYY-MM-DD`, `HH:MM`).
pub fn local_fields(at: DateTime<Utc>, zone_name: &str) -> (String, String) {
    let tz = zone(zone_name).unwrap_or(chrono_tz::Europe::Madrid);
    let t = at.with_timezone(&tz);
    (t.format("%Y-%m-%d").to_string(), t.format("%H:%M").to_string())
}

/// `at` as a person in `zone_name` reads it, in their language, with the zone's abbreviation:
/// "lun 1 mar 2027, 10:30 CET" or "Mon 1 Mar 2027, 10:30 CET".
pub fn when(at: DateTime<Utc>, zone_name: &str, lang: Lang) -> String {
    let tz = zone(zone_name).unwrap_or(chrono_tz::Europe::Madrid);
    let t = at.with_timezone(&tz);
    use chrono::Datelike;
    let (days, months): (&[&str; 7], &[&str; 12]) = match lang {
        Lang::Es => (
            &["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
            &[
                "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
            ],
        ),
        Lang::En => (
            &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            &[
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
        ),
    };
    let day = days[t.weekday().num_days_from_monday() as usize];
    let month = months[t.month0() as usize];
    format!(
        "{day} {} {month} {}, {} {}",
        t.day(),
        t.year(),
        t.format("%H:%M"),
        t.format("%Z")
    )
}

/// What a calendar needs to know about one meeting.
pub struct CalendarMeeting<'a> {
    /// The meeting's key (its UID is `meeting-KEY@HOST`).
    pub key: &'a str,
    /// Stored status.
    pub status: MeetingStatus,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// Length in minutes.
    pub minutes: i64,
    /// Bumped on every change.
    pub sequence: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Program name.
    pub program: &'a str,
    /// The other person's name, from the reader's side.
    pub with: &'a str,
    /// Where.
    pub place: Option<&'a str>,
    /// Video link.
    pub video_url: Option<&'a str>,
    /// The pair's workspace.
    pub pair_key: &'a str,
}

fn host_of(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("inversa")
}

fn event(m: &CalendarMeeting<'_>, lang: Lang, base_url: &str, now: DateTime<Utc>) -> Event {
    let summary = match lang {
        Lang::Es => format!("Mentoría inversa con {}", m.with),
        Lang::En => format!("Reverse mentoring with {}", m.with),
    };
    let link = format!("{}/pair/{}", base_url.trim_end_matches('/'), m.pair_key);
    let mut description = format!("{} · {}", m.program, link);
    if let Some(v) = m.video_url {
        description.push_str(&format!("\n{v}"));
    }
    let status = match m.status {
        MeetingStatus::Accepted | MeetingStatus::Held => EventStatus::Confirmed,
        MeetingStatus::Proposed => EventStatus::Tentative,
        MeetingStatus::Cancelled | MeetingStatus::Missed => EventStatus::Cancelled,
    };
    let mut e = Event::new();
    e.uid(&format!("meeting-{}@{}", m.key, host_of(base_url)))
        .summary(&summary)
        .description(&description)
        .starts(m.starts_at)
        .ends(m.starts_at + Duration::minutes(m.minutes))
        .status(status)
        .sequence(u32::try_from(m.sequence).unwrap_or(0))
        .timestamp(now)
        .last_modified(m.updated_at)
        .url(m.video_url.unwrap_or(&link));
    if let Some(place) = m.place.or(m.video_url) {
        e.location(place);
    }
    e.done()
}

/// An iCalendar file with the given meetings, named for the reader.
pub fn calendar(meetings: &[CalendarMeeting<'_>], lang: Lang, base_url: &str, now: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name(match lang {
        Lang::Es => "Inversa · mentoría inversa",
        Lang::En => "Inversa · reverse mentoring",
    });
    for m in meetings {
        cal.push(event(m, lang, base_url, now));
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::program::Date;

    fn proposal(date: &str, time: (u32, u32), zone: &str) -> ValidMeeting {
        ValidMeeting {
            date: Date::parse(date).unwrap(),
            hour: time.0,
            minute: time.1,
            minutes: 45,
            time_zone: zone.into(),
            place: None,
            video_url: None,
        }
    }

    #[test]
    fn local_times_follow_daylight_saving() {
        // Madrid is UTC+1 in winter and UTC+2 in summer; the Canaries an hour behind.
        let winter = instant(&proposal("2027-01-15", (10, 0), "Europe/Madrid")).unwrap();
        assert_eq!(winter.to_rfc3339(), "2027-01-15T09:00:00+00:00");
        let summer = instant(&proposal("2027-07-15", (10, 0), "Europe/Madrid")).unwrap();
        assert_eq!(summer.to_rfc3339(), "2027-07-15T08:00:00+00:00");
        let canary = instant(&proposal("2027-07-15", (10, 0), "Atlantic/Canary")).unwrap();
        assert_eq!(canary.to_rfc3339(), "2027-07-15T09:00:00+00:00");
        // 02:30 on the last Sunday of March does not exist in Madrid.
        assert_eq!(instant(&proposal("2027-03-28", (2, 30), "Europe/Madrid")), None);
        assert_eq!(instant(&proposal("2027-03-28", (2, 30), "Mars/Olympus")), None);
        assert_eq!(
            local_fields(summer, "Europe/London"),
            ("2027-07-15".into(), "09:00".into())
        );
    }

    #[test]
    fn each_reader_gets_their_own_zone_and_language() {
        let t = instant(&proposal("2027-03-01", (10, 30), "Europe/Madrid")).unwrap();
        assert_eq!(when(t, "Europe/Madrid", Lang::Es), "lun 1 mar 2027, 10:30 CET");
        assert_eq!(when(t, "Europe/London", Lang::En), "Mon 1 Mar 2027, 09:30 GMT");
    }

    #[test]
    fn a_calendar_is_folded_and_escaped() {
        let now = Utc::now();
        let m = CalendarMeeting {
            key: "abc",
            status: MeetingStatus::Accepted,
            starts_at: instant(&proposal("2027-03-01", (10, 30), "Europe/Madrid")).unwrap(),
            minutes: 45,
            sequence: 2,
            updated_at: now,
            program: "Piloto; 2027, \"IA\"",
            with: "Lucía Fernández",
            place: Some("Sala 3, planta 2"),
            video_url: None,
            pair_key: "p1",
        };
        let text = calendar(&[m], Lang::Es, "https://mentoring.example.com", now);
        assert!(text.contains("UID:meeting-abc@mentoring.example.com"), "{text}");
        assert!(text.contains("DTSTART:20270301T093000Z"), "{text}");
        assert!(text.contains("DTEND:20270301T101500Z"), "{text}");
        assert!(text.contains("LOCATION:Sala 3\\, planta 2"), "{text}");
        assert!(text.contains("SEQUENCE:2"), "{text}");
        assert!(text.lines().all(|l| l.len() <= 75), "{text}");
    }
}
