//! Calendar files are valid RFC 5545 whatever the text in them: every physical line is at most
//! 75 octets and valid UTF-8 on its own, folds never split an escape (`\,`) or a character, lines
//! end in CRLF, and an independent reader (the `ical` crate) reads back the very text written.
//! The writer is checked directly with arbitrary text in every text property, and through the
//! two routes that serve `.ics` files (one meeting, the private feed).
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use app::ssr::calendar::{CalendarMeeting, MAX_LINE_OCTETS, calendar, calendar_text};
use axum::http::{StatusCode, header};
use chrono::{TimeZone, Utc};
use domain::Lang;
use domain::meeting::MeetingStatus;
use proptest::prelude::*;
use support::{Harness, harness, session_cookie};

/// The place of the report: escaped, its LOCATION line used to end in `\` at octet 75.
const PLACE: &str = "Edificio Norte planta 4 sala Velazquez junto a la zona de cafe 12, Madrid; puerta B";

/// Every structural rule of RFC 5545 §3.1 the writer promises, on the raw bytes of `text`:
/// CRLF line ends only, at most 75 octets and valid UTF-8 per physical line, continuation lines
/// starting with one space, no fold inside an escape, no line ending in whitespace.
fn assert_well_folded(text: &str) {
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"), "{text:?}");
    // Physical lines, cut at each CRLF on the raw bytes.
    let mut lines: Vec<&[u8]> = Vec::new();
    let mut rest = &bytes[..bytes.len() - 2];
    while let Some(at) = rest.windows(2).position(|w| w == b"\r\n") {
        lines.push(&rest[..at]);
        rest = &rest[at + 2..];
    }
    lines.push(rest);
    for (i, line) in lines.iter().enumerate() {
        let line = std::str::from_utf8(line)
            .unwrap_or_else(|e| panic!("line {i} is not UTF-8 on its own ({e}): {text:?}"));
        assert!(
            !line.contains(['\r', '\n']),
            "bare CR or LF in line {i}: {line:?}"
        );
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "line {i} has {} octets: {line:?}",
            line.len()
        );
        assert!(!line.is_empty(), "empty line {i} in {text:?}");
        assert!(
            !line.ends_with(char::is_whitespace),
            "line {i} ends in whitespace: {line:?}"
        );
        // An odd run of backslashes at the end is an escape cut in two.
        let trailing = line.chars().rev().take_while(|&c| c == '\\').count();
        let continues = lines.get(i + 1).is_some_and(|next| next.first() == Some(&b' '));
        assert!(
            trailing % 2 == 0 || !continues,
            "line {i} ends inside an escape: {line:?}"
        );
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in line {i}: {line:?}"
        );
    }
}

/// Undoes TEXT escaping (RFC 5545 §3.3.11).
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';')) => out.push(c),
            Some(other) => panic!("unknown escape \\{other} in {value:?}"),
            None => panic!("a lone backslash ends {value:?}"),
        }
    }
    out
}

/// The events of `text` as read by the `ical` crate: property name → unescaped value.
fn read_back(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "exactly one calendar");
    cal.events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), unescape(p.value.as_deref().unwrap_or_default())))
                .collect()
        })
        .collect()
}

/// The properties of `text` (one event) read by RFC 5545's rules alone: unfolded (CRLF and one
/// space removed), cut at the first colon (the writer puts no parameters on text properties),
/// unescaped. Property name → value.
fn unfolded(text: &str) -> std::collections::HashMap<String, String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_owned(), unescape(value)))
        .collect()
}

/// Checks that property `name` of `text` is `value`, both by RFC 5545's rules and by the `ical`
/// crate (which drops colons at the start of a value, a reader quirk that is not the writer's).
fn assert_value(text: &str, name: &str, value: &str) {
    assert_eq!(
        unfolded(text).get(name).map(String::as_str),
        Some(value),
        "{name} in {text:?}"
    );
    assert_eq!(
        read_back(text)[0]
            .get(name)
            .map(String::as_str)
            .unwrap_or_default(),
        value.trim_start_matches(':'),
        "{name} read by ical in {text:?}"
    );
}

fn meeting<'a>(with: &'a str, program: &'a str, place: Option<&'a str>) -> CalendarMeeting<'a> {
    let at = Utc.with_ymd_and_hms(2027, 3, 1, 9, 30, 0).unwrap();
    CalendarMeeting {
        key: "m1",
        status: MeetingStatus::Accepted,
        starts_at: at,
        minutes: 45,
        sequence: 1,
        updated_at: at,
        program,
        with,
        place,
        video_url: None,
        pair_key: "p1",
    }
}

/// The writer's calendar of one meeting with these texts, in `lang`.
fn write(with: &str, program: &str, place: Option<&str>, lang: Lang) -> String {
    let now = Utc.with_ymd_and_hms(2027, 2, 1, 8, 0, 0).unwrap();
    calendar(
        &[meeting(with, program, place)],
        &[],
        lang,
        "https://mentoring.example.com",
        now,
    )
}

/// The values the calendar must carry for these texts.
fn expected(with: &str, program: &str, lang: Lang) -> (String, String) {
    let summary = match lang {
        Lang::Es => format!("Mentoría inversa con {with}"),
        Lang::En => format!("Reverse mentoring with {with}"),
    };
    (
        calendar_text(&summary),
        calendar_text(&format!("{program} · https://mentoring.example.com/pair/p1")),
    )
}

/// The visible characters of `s`, in order (what no normalisation may lose or add).
fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

#[test]
fn the_place_that_split_an_escape_is_folded_between_whole_escapes() {
    let text = write("Lucía Fernández", "Piloto 2027", Some(PLACE), Lang::Es);
    assert_well_folded(&text);
    // The place is long enough to be folded, and is folded.
    let start = text.find("LOCATION:").unwrap();
    let physical: Vec<&str> = text[start..].split("\r\n").collect();
    assert!(physical[1].starts_with(' '), "{text}");
    assert!(
        !physical[0].ends_with('\\') && !physical[1].starts_with(" ,"),
        "{text}"
    );
    // Unfolded and unescaped, it is the place as typed.
    let mut unfolded = physical[0].to_owned();
    for continuation in physical[1..].iter().take_while(|l| l.starts_with(' ')) {
        unfolded.push_str(&continuation[1..]);
    }
    assert_eq!(unescape(&unfolded["LOCATION:".len()..]), PLACE);
    let events = read_back(&text);
    assert_eq!(events[0]["LOCATION"], PLACE);
}

#[test]
fn a_fold_lands_at_every_position_of_an_escape_and_of_a_wide_character() {
    // Moving the text one octet at a time puts the fold at every position of `\,`, `\;`, `\\`,
    // `\n`, a two-, three- and four-octet character.
    for pad in 0..80 {
        let place = format!("{}a,b;c\\d\ne ñ € 😀 f", "x".repeat(pad));
        let program = format!("{}Piloto, \"IA\"; 2027 \\ ñ", "y".repeat(pad));
        for lang in [Lang::Es, Lang::En] {
            let text = write("Ana", &program, Some(&place), lang);
            assert_well_folded(&text);
            let e = &read_back(&text)[0];
            assert_eq!(e["LOCATION"], place, "pad {pad}");
            assert_eq!(e["DESCRIPTION"], expected("Ana", &program, lang).1);
        }
    }
}

#[test]
fn text_is_made_fit_for_a_calendar() {
    assert_eq!(
        calendar_text("  Sala\t 3 \r\n planta\r2\u{0}  "),
        "Sala 3\nplanta\n2"
    );
    assert_eq!(calendar_text("a\\b,c;d"), "a\\b,c;d");
    let text = write("Ana \u{7}\r\nBelén", "P", Some("  "), Lang::En);
    assert_well_folded(&text);
    let e = &read_back(&text)[0];
    assert_eq!(e["SUMMARY"], "Reverse mentoring with Ana\nBelén");
    assert!(!e.contains_key("LOCATION"), "a blank place is left out");
}

/// Text made of words (commas, semicolons, backslashes, colons, quotes, accents, emoji) joined by
/// single spaces or line breaks: the calendar must carry it exactly.
fn clean_text() -> impl Strategy<Value = String> {
    let word = proptest::string::string_regex("[a-zA-Z0-9áéíóúñÑü,;:\\\\\"'€·😀🇪🇸]{1,8}").unwrap();
    (
        proptest::collection::vec((word, prop_oneof![Just(" "), Just("\n")]), 1..12),
        0usize..90,
    )
        .prop_map(|(words, pad)| {
            let mut s = "p".repeat(pad);
            for (i, (w, sep)) in words.iter().enumerate() {
                if i > 0 {
                    s.push_str(sep);
                }
                s.push_str(w);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Clean text in every text property we write (the other person's name in SUMMARY, the
    /// program in DESCRIPTION, the place in LOCATION), wherever the fold falls: valid lines,
    /// and the same values read back.
    #[test]
    fn any_clean_text_is_read_back_exactly(
        with in clean_text(),
        program in clean_text(),
        place in clean_text(),
        english in any::<bool>(),
    ) {
        let lang = if english { Lang::En } else { Lang::Es };
        let text = write(&with, &program, Some(&place), lang);
        assert_well_folded(&text);
        let (summary, description) = expected(&with, &program, lang);
        prop_assert!(summary.ends_with(&with));
        prop_assert!(description.starts_with(&program));
        assert_value(&text, "LOCATION", &place);
        assert_value(&text, "SUMMARY", &summary);
        assert_value(&text, "DESCRIPTION", &description);
    }

    /// Any text at all (control characters, CR, tabs, runs of spaces): still valid lines, read
    /// back as [`calendar_text`] made it, with no visible character lost or added.
    #[test]
    fn any_text_makes_a_valid_calendar(
        with in any::<String>(),
        program in ".{0,120}",
        place in "[ \\t\\r\\n,;:\\\\a-zñ😀\\x00-\\x1f\\x{85}\\x{2028}]{0,150}",
        english in any::<bool>(),
    ) {
        let lang = if english { Lang::En } else { Lang::Es };
        let text = write(&with, &program, Some(&place), lang);
        assert_well_folded(&text);
        let (summary, description) = expected(&with, &program, lang);
        assert_value(&text, "SUMMARY", &summary);
        assert_value(&text, "DESCRIPTION", &description);
        let location = calendar_text(&place);
        if location.is_empty() {
            prop_assert!(!unfolded(&text).contains_key("LOCATION"), "a blank place is left out");
        } else {
            assert_value(&text, "LOCATION", &location);
        }
        prop_assert_eq!(visible(&location), visible(&place));
        prop_assert!(visible(&summary).ends_with(&visible(&with)));
    }
}

/// Loads the demo, publishes its pairs and answers a pair key with the mentee's and the
/// mentor's session cookies.
async fn published_pair(h: &Harness) -> (String, String, String) {
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .unwrap();
    db::demo::load(&h.state.db, &hash).await.unwrap();
    let sign_in = |email: String| async move {
        let r = h
            .post(
                "/api/sign_in",
                &format!("email={email}&password={}", db::demo::DEMO_PASSWORD),
                None,
                "en",
            )
            .await;
        session_cookie(&r).unwrap_or_else(|| panic!("{email} signs in: {}", r.body))
    };
    let pm = sign_in("rrhh@inversa.example".into()).await;
    let programs = h.post("/api/list_programs", "", Some(&pm), "en").await.json();
    let program = programs[0]["key"].as_str().unwrap().to_owned();
    for (path, form) in [
        ("/api/change_program_status", format!("key={program}&to=matching")),
        ("/api/run_matching", format!("program={program}")),
        ("/api/publish_pairs", format!("program={program}")),
    ] {
        let r = h.post(path, &form, Some(&pm), "en").await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    let james = sign_in("james.wilson@inversa.example".into()).await;
    let mine = h.post("/api/my_pairs", "", Some(&james), "en").await.json();
    let pair = mine[0]["key"].as_str().unwrap().to_owned();
    let mentor_email = mine[0]["other_email"].as_str().unwrap().to_owned();
    // The demo mentor may have no account yet: link one to their employee record.
    if db::users::find_by_email(&h.state.db, &mentor_email)
        .await
        .unwrap()
        .is_none()
    {
        let account = db::users::create(
            &h.state.db,
            db::users::NewUser {
                email: mentor_email.clone(),
                name: "Mentor".into(),
                role: domain::Role::Participant,
                password_hash: Some(hash),
                lang: None,
            },
        )
        .await
        .unwrap();
        h.query(
            "UPDATE employee SET account = type::record('user', $a) WHERE email = $e",
            vec![("a", account.key()), ("e", mentor_email.clone())],
        )
        .await;
    }
    let mentor = sign_in(mentor_email).await;
    (pair, james, mentor)
}

#[tokio::test]
async fn both_calendar_routes_serve_the_place_whole_and_well_folded() {
    let h = harness().await;
    let (pair, james, mentor) = published_pair(&h).await;
    let date = (Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let place: String = url::form_urlencoded::byte_serialize(PLACE.as_bytes()).collect();
    let r = h
        .post(
            "/api/propose_meeting",
            &format!("pair={pair}&date={date}&time=10:30&minutes=45&time_zone=Europe/Madrid&place={place}&video_url="),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let meeting: String = serde_json::from_str(&r.body).unwrap();

    let r = h
        .get(&format!("/meetings/{meeting}/calendar.ics"), Some(&james))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
    assert_well_folded(&r.body);
    let events = read_back(&r.body);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["LOCATION"], PLACE);
    assert_eq!(events[0]["STATUS"], "TENTATIVE");

    let r = h.post("/api/create_calendar_feed", "", Some(&james), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let url: String = serde_json::from_str(&r.body).unwrap();
    let (_, token) = url.split_once("/calendar/").unwrap();
    let r = h.get(&format!("/calendar/{token}"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_well_folded(&r.body);
    let events = read_back(&r.body);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["LOCATION"], PLACE);
    assert!(events[0]["SUMMARY"].starts_with("Reverse mentoring with "));
}
