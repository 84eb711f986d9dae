//! Time zones and calendars for meetings: turning a local date and time in a named zone into an
//! instant, writing an instant the way each person reads it, and the iCalendar files (one
//! meeting, or a whole private feed) that calendar apps import or subscribe to.
//!
//! Calendars carry times in UTC (`…Z`), which every calendar app shows in its own zone. The
//! `icalendar` crate builds the components and escapes TEXT values; every file then goes through
//! [`write_ics`], which folds the lines itself: icalendar's folding cuts at a fixed octet count
//! and so can split an escape such as `\,` across two lines, which some calendar services
//! reject.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use domain::Lang;
use domain::meeting::{MeetingStatus, ValidMeeting};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

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

/// Longest physical line of an iCalendar file, in octets, not counting its CRLF
/// (RFC 5545 §3.1). A continuation line's leading space counts.
pub const MAX_LINE_OCTETS: usize = 75;

/// `s` made fit for a TEXT value (RFC 5545 §3.3.11) that every calendar app reads back the same:
/// `\r\n` and a lone `\r` become `\n`, a tab becomes a space, other control characters are
/// dropped, each line's runs of whitespace become one space and its ends are trimmed, and so is
/// the whole value. Answers unescaped text; the escaping (`\\`, `\,`, `\;`, `\n`) happens when
/// the file is written. Applied to every text Inversa puts into a calendar.
pub fn calendar_text(s: &str) -> String {
    let lines: Vec<String> = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|line| {
            let visible: String = line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .filter(|c| !c.is_control())
                .collect();
            visible.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    lines.join("\n").trim().to_owned()
}

/// `s` escaped as a TEXT value (RFC 5545 §3.3.11), for the few TEXT properties that the
/// `icalendar` crate writes verbatim (`NAME`).
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// An empty calendar named `name` (`NAME`, RFC 7986, and Apple's `X-WR-CALNAME`), both escaped.
pub fn named_calendar(name: &str) -> Calendar {
    let name = calendar_text(name);
    let mut cal = Calendar::new();
    cal.append_property(Property::new("NAME", escape_text(&name)));
    cal.append_property(Property::new("X-WR-CALNAME", name));
    cal
}

/// Appends `line`, one unfolded content line without its line end, to `out` as physical lines
/// of at most [`MAX_LINE_OCTETS`] octets, each ending in CRLF, every continuation starting with
/// one space (RFC 5545 §3.1). It cuts only between whole characters and never between a
/// backslash and the character it escapes; among the allowed cuts it takes the last one that
/// has no whitespace on either side, else the last one not right after whitespace, else the
/// last one, so that readers that trim line ends (many do) lose nothing.
fn fold_into(out: &mut String, line: &str) {
    // (offset of a cut, how good it is: 2 no whitespace around, 1 none before, 0 any).
    let mut cuts: Vec<(usize, u8)> = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        let mut last = c;
        if c == '\\'
            && let Some(&(j, escaped)) = chars.peek()
        {
            chars.next();
            end = j + escaped.len_utf8();
            last = escaped;
        }
        if end == line.len() {
            break;
        }
        let before = last.is_whitespace();
        let after = line[end..].starts_with(char::is_whitespace);
        cuts.push((end, u8::from(!before) + u8::from(!before && !after)));
    }
    let mut start = 0;
    let mut room = MAX_LINE_OCTETS;
    while line.len() - start > room {
        let lo = cuts.partition_point(|&(at, _)| at <= start);
        let hi = cuts.partition_point(|&(at, _)| at <= start + room);
        // A cut always exists: the longest unit (a backslash and a 4-octet character) is
        // far shorter than a line.
        let Some(&(cut, _)) = cuts[lo..hi].iter().max_by_key(|&&(at, good)| (good, at)) else {
            break;
        };
        out.push_str(&line[start..cut]);
        out.push_str("\r\n ");
        start = cut;
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// `cal` as the text of an `.ics` file (RFC 5545): content lines ending in CRLF, each physical
/// line at most [`MAX_LINE_OCTETS`] octets, folded only between whole UTF-8 characters, never
/// inside an escape (`\\`, `\,`, `\;`, `\n`) and, wherever the text allows, never next to a
/// space. Control characters other than tab that reached a value are dropped. Every calendar
/// file Inversa serves (one meeting, the private feed, and any later one) is written here.
pub fn write_ics(cal: &Calendar) -> String {
    // icalendar folds with exactly CRLF + space; undo that, then fold correctly.
    let unfolded = cal.to_string().replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 32);
    for line in unfolded.split("\r\n") {
        let line: String = line.chars().filter(|c| !c.is_control() || *c == '\t').collect();
        if !line.is_empty() {
            fold_into(&mut out, &line);
        }
    }
    out
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
        .summary(&calendar_text(&summary))
        .description(&calendar_text(&description))
        .starts(m.starts_at)
        .ends(m.starts_at + Duration::minutes(m.minutes))
        .status(status)
        .sequence(u32::try_from(m.sequence).unwrap_or(0))
        .timestamp(now)
        .last_modified(m.updated_at)
        .url(m.video_url.unwrap_or(&link));
    if let Some(place) = m
        .place
        .or(m.video_url)
        .map(calendar_text)
        .filter(|p| !p.is_empty())
    {
        e.location(&place);
    }
    e.done()
}

/// What a calendar needs to know about one workshop the reader holds a seat at.
pub struct CalendarWorkshop<'a> {
    /// The workshop's key (its UID is `workshop-KEY@HOST`).
    pub key: &'a str,
    /// Title in the reader's language.
    pub title: &'a str,
    /// Description in the reader's language (plain text).
    pub description: &'a str,
    /// Program name.
    pub program: &'a str,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// Length in minutes.
    pub minutes: i64,
    /// Bumped on every change of time or place.
    pub sequence: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Where.
    pub place: Option<&'a str>,
    /// Video link.
    pub video_url: Option<&'a str>,
}

fn workshop_event(w: &CalendarWorkshop<'_>, base_url: &str, now: DateTime<Utc>) -> Event {
    let link = format!("{}/training#workshop-{}", base_url.trim_end_matches('/'), w.key);
    let mut description = format!("{} · {}", w.program, link);
    if !w.description.trim().is_empty() {
        description = format!("{}\n{description}", w.description.trim());
    }
    if let Some(v) = w.video_url {
        description.push_str(&format!("\n{v}"));
    }
    let mut e = Event::new();
    e.uid(&format!("workshop-{}@{}", w.key, host_of(base_url)))
        .summary(&calendar_text(w.title))
        .description(&calendar_text(&description))
        .starts(w.starts_at)
        .ends(w.starts_at + Duration::minutes(w.minutes))
        .status(EventStatus::Confirmed)
        .sequence(u32::try_from(w.sequence).unwrap_or(0))
        .timestamp(now)
        .last_modified(w.updated_at)
        .url(w.video_url.unwrap_or(&link));
    if let Some(place) = w
        .place
        .or(w.video_url)
        .map(calendar_text)
        .filter(|p| !p.is_empty())
    {
        e.location(&place);
    }
    e.done()
}

/// The text of an `.ics` file with the given meetings and workshops, named for the reader,
/// written by [`write_ics`].
pub fn calendar(
    meetings: &[CalendarMeeting<'_>],
    workshops: &[CalendarWorkshop<'_>],
    lang: Lang,
    base_url: &str,
    now: DateTime<Utc>,
) -> String {
    let mut cal = named_calendar(match lang {
        Lang::Es => "Inversa · mentoría inversa",
        Lang::En => "Inversa · reverse mentoring",
    });
    for m in meetings {
        cal.push(event(m, lang, base_url, now));
    }
    for w in workshops {
        cal.push(workshop_event(w, base_url, now));
    }
    write_ics(&cal.done())
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
        let text = calendar(&[m], &[], Lang::Es, "https://mentoring.example.com", now);
        assert!(text.contains("UID:meeting-abc@mentoring.example.com"), "{text}");
        assert!(text.contains("DTSTART:20270301T093000Z"), "{text}");
        assert!(text.contains("DTEND:20270301T101500Z"), "{text}");
        assert!(text.contains("LOCATION:Sala 3\\, planta 2"), "{text}");
        assert!(text.contains("SEQUENCE:2"), "{text}");
        assert!(text.lines().all(|l| l.len() <= 75), "{text}");
    }

    #[test]
    fn a_workshop_is_an_event_with_its_own_uid_and_place() {
        let now = Utc::now();
        let w = CalendarWorkshop {
            key: "w1",
            title: "Escucha activa; práctica",
            description: "Por parejas",
            program: "Piloto",
            starts_at: instant(&proposal("2027-03-01", (10, 30), "Europe/Madrid")).unwrap(),
            minutes: 90,
            sequence: 1,
            updated_at: now,
            place: Some("Sala Norte, planta 2"),
            video_url: None,
        };
        let text = calendar(&[], &[w], Lang::Es, "https://mentoring.example.com", now);
        assert!(text.contains("UID:workshop-w1@mentoring.example.com"), "{text}");
        assert!(text.contains("SUMMARY:Escucha activa\\; práctica"), "{text}");
        assert!(text.contains("DTSTART:20270301T093000Z"), "{text}");
        assert!(text.contains("DTEND:20270301T110000Z"), "{text}");
        assert!(text.contains("LOCATION:Sala Norte\\, planta 2"), "{text}");
        assert!(text.contains("SEQUENCE:1"), "{text}");
        assert!(!text.contains("UID:meeting-"), "{text}");
    }

    fn folded(line: &str) -> Vec<String> {
        let mut out = String::new();
        fold_into(&mut out, line);
        assert!(out.ends_with("\r\n"));
        out[..out.len() - 2].split("\r\n").map(str::to_owned).collect()
    }

    #[test]
    fn folds_fall_between_whole_escapes_and_characters() {
        // The reported place: icalendar cut its LOCATION line after the `\` of `\,`.
        let line = format!(
            "LOCATION:{}",
            escape_text(
                "Edificio Norte planta 4 sala Velazquez junto a la zona de cafe 12, Madrid; puerta B"
            )
        );
        let lines = folded(&line);
        assert!(lines.iter().all(|l| l.len() <= MAX_LINE_OCTETS), "{lines:?}");
        assert!(!lines[0].ends_with('\\'), "{lines:?}");
        assert!(
            lines[1].starts_with(' ') && !lines[1].starts_with(" ,"),
            "{lines:?}"
        );
        assert_eq!(lines[0].clone() + &lines[1][1..], line);
        // An escape, a 3-octet and a 4-octet character at the limit move whole to the next line.
        for tail in ["\\,", "\\\\", "€", "😀"] {
            let line = format!("{}{tail}yz", "x".repeat(74));
            let lines = folded(&line);
            assert_eq!(lines[0], "x".repeat(74), "{tail}");
            assert_eq!(lines[1], format!(" {tail}yz"));
        }
        // Where it can, a fold keeps spaces away from line ends (readers trim them).
        let line = format!("{} {}", "x".repeat(74), "y".repeat(10));
        let lines = folded(&line);
        assert_eq!(lines[0], "x".repeat(73));
        assert_eq!(lines[1], format!(" x {}", "y".repeat(10)));
        // Short lines stay whole; long ones make continuation lines of 74 octets plus a space.
        assert_eq!(folded("SUMMARY:Hola"), ["SUMMARY:Hola"]);
        let lines = folded(&"z".repeat(200));
        assert_eq!(lines.iter().map(String::len).collect::<Vec<_>>(), [75, 75, 52]);
    }
}
