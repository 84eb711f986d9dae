//! Meetings: proposed, accepted, moved and held by the pair's two people, and their calendar
//! files and private feed.

use app::workspace::goals::PairWorkspace;
use app::workspace::meetings::{CreateCalendarFeed, RescheduleMeeting, RevokeCalendarFeed, SaveMeetingNotes};
use app::workspace::model::WorkspaceView;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::refusals::{assert_page_refused, assert_refused};
use crate::support::{Reply, harness};
use crate::{Published, change_meeting, day_from_now, proposal, published_pair, texts};

/// Parses an iCalendar text with the `ical` crate (not the writer's own) into its events, each
/// as property name → value.
pub(crate) fn parse_ics(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "exactly one calendar");
    cal.events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

/// The path of a calendar feed from its address (`…/calendar/TOKEN.ics`).
pub(crate) fn feed_path(url: &str) -> String {
    url.split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap()
}

#[tokio::test]
async fn a_meeting_is_proposed_accepted_moved_held_and_exported_to_calendars() {
    let h = harness().await;
    let Published {
        pair,
        mentee: james,
        mentor,
        pm,
        ..
    } = published_pair(&h).await;
    let date = day_from_now(10);

    // Refusals name the field, in the asker's language.
    for (form, text, [problem, field]) in [
        (
            proposal(&pair, &day_from_now(-90), "10:30", "Europe/Madrid", "Sala 1"),
            "more than 60 days ago",
            ["meeting.past", "date"],
        ),
        (
            proposal(&pair, &date, "25:00", "Europe/Madrid", "Sala 1"),
            "Enter a valid time",
            ["meeting.time", "time"],
        ),
        (
            proposal(&pair, &date, "10:30", "Mars/Olympus", "Sala 1"),
            "time zone",
            ["meeting.time_zone", "time_zone"],
        ),
        (
            proposal(&pair, &date, "10:30", "Europe/Madrid", ""),
            "Give a place or a video call link",
            ["meeting.where", "place"],
        ),
    ] {
        let r = h.send(&james, &form).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}: {}", r.body);
        assert!(r.body.contains(text), "{form:?}: {}", r.body);
        assert_eq!(
            r.json_error(),
            ["invalid", problem, field],
            "{form:?}: {}",
            r.body
        );
    }

    // The mentee proposes 10:30 Madrid time; he cannot accept his own proposal, the mentor can.
    let meeting: String = h
        .send_ok(
            &james,
            &proposal(&pair, &date, "10:30", "Europe/Madrid", "Sala Picasso, planta 2"),
        )
        .await;
    let accept = change_meeting(&meeting, "accept");
    let r = h.send(&james, &accept).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("the other person accepts"), "{}", r.body);
    assert_eq!(
        r.json_error(),
        ["meeting_rule", "meeting_rule.own_proposal", ""],
        "{}",
        r.body
    );
    let r = h.send(&mentor, &accept).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"accepted\""));
    // Held only once it has started.
    let held = change_meeting(&meeting, "held");
    let r = h.send(&mentor, &held).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // Both see it in the workspace, each in their own zone.
    let ws: WorkspaceView = h
        .send(&james, &PairWorkspace { pair: pair.clone() })
        .await
        .parse();
    assert_eq!(ws.meetings.len(), 1);
    assert_eq!(ws.meetings[0].status, domain::meeting::MeetingStatus::Accepted);
    assert_eq!(ws.meetings[0].place.as_deref(), Some("Sala Picasso, planta 2"));

    // The .ics, read back by an independent parser: the instant of 10:30 in Madrid, in UTC.
    let expected = app::ssr::calendar::instant(
        &domain::meeting::MeetingForm {
            date: date.clone(),
            time: "10:30".into(),
            minutes: "45".into(),
            time_zone: "Europe/Madrid".into(),
            place: "x".into(),
            video_url: String::new(),
        }
        .validate()
        .unwrap(),
    )
    .unwrap();
    let ics = format!("/meetings/{meeting}/calendar.ics");
    let r = h.get(&ics, Some(&james)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let events = parse_ics(&r.body);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e["DTSTART"], expected.format("%Y%m%dT%H%M%SZ").to_string());
    assert_eq!(
        e["DTEND"],
        (expected + chrono::Duration::minutes(45))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    );
    assert_eq!(e["STATUS"], "CONFIRMED");
    assert_eq!(e["LOCATION"], "Sala Picasso\\, planta 2");
    assert!(e["SUMMARY"].starts_with("Reverse mentoring with "), "{e:?}");
    assert!(e["UID"].starts_with(&format!("meeting-{meeting}@")), "{e:?}");
    let first_sequence: u32 = e["SEQUENCE"].parse().unwrap();

    // Nobody outside the pair gets the meeting, its calendar file, or any change to it.
    let ana = h.sign_in("ana@example.com").await;
    let admin = h.sign_in("admin@example.com").await;
    let protected = [
        "Sala Picasso",
        "BEGIN:VCALENDAR",
        "meet.example.com",
        "James Wilson",
    ];
    let reschedule = |time: &str, minutes: &str, zone: &str, place: &str, video: &str| RescheduleMeeting {
        meeting: meeting.clone(),
        date: date.clone(),
        time: time.to_owned(),
        minutes: minutes.to_owned(),
        time_zone: zone.to_owned(),
        place: place.to_owned(),
        video_url: video.to_owned(),
    };
    let notes = |text: &str| SaveMeetingNotes {
        meeting: meeting.clone(),
        notes: text.to_owned(),
    };
    // Every change to the meeting, as `cookie`.
    let changes = async |cookie: &str| -> [Reply; 4] {
        [
            h.send(cookie, &proposal(&pair, &date, "11:00", "Europe/Madrid", "Spy"))
                .await,
            h.send(cookie, &change_meeting(&meeting, "cancel")).await,
            h.send(cookie, &notes("Spy")).await,
            h.send(cookie, &reschedule("12:00", "30", "UTC", "Spy", "")).await,
        ]
    };
    for cookie in [&ana, &pm, &admin] {
        let r = h.get(&ics, Some(cookie)).await;
        assert_page_refused(&r, StatusCode::NOT_FOUND, &protected);
        for r in changes(cookie).await {
            assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        }
    }
    let r = h.get(&ics, None).await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert_page_refused(&r, r.status, &protected);
    assert!(
        r.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );

    // The mentor moves it: a fresh proposal the mentee accepts, with a higher SEQUENCE.
    let moved = RescheduleMeeting {
        date: day_from_now(11),
        ..reschedule("09:00", "60", "Europe/London", "", "https://meet.example.com/abc")
    };
    let r = h.send(&mentor, &moved).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"proposed\""));
    let r = h.send(&james, &accept).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h.send(&james, &notes("Agenda: prompts")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The private feed: made once, read without a session, gone once revoked.
    let url: String = h.send_ok(&james, &CreateCalendarFeed {}).await;
    let path = feed_path(&url);
    let r = h.get(&path, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let events = parse_ics(&r.body);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["LOCATION"], "https://meet.example.com/abc");
    assert!(events[0]["SEQUENCE"].parse::<u32>().unwrap() > first_sequence);
    // A new address replaces the old one.
    let url2: String = h.send(&james, &CreateCalendarFeed {}).await.parse();
    assert_ne!(url, url2);
    assert_page_refused(&h.get(&path, None).await, StatusCode::NOT_FOUND, &protected);
    let path2 = feed_path(&url2);
    assert_eq!(h.get(&path2, None).await.status, StatusCode::OK);
    // Without JavaScript the form post redirects to /pair, which shows the new address once
    // (carried by a short-lived HttpOnly cookie that the page clears). Hand-written: this is
    // the browser's own post, asking for HTML.
    let req = Request::post("/api/create_calendar_feed")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &james)
        .body(Body::empty())
        .unwrap();
    let r = h.call(req).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.headers[header::LOCATION], "/pair");
    let flash = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("inversa_new_feed="))
        .expect("the new address travels in a cookie")
        .to_owned();
    assert!(
        flash.contains("HttpOnly") && flash.contains("Path=/pair"),
        "{flash}"
    );
    let token = flash["inversa_new_feed=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_page_refused(&h.get(&path2, None).await, StatusCode::NOT_FOUND, &protected);
    let jar = format!("{james}; inversa_new_feed={token}");
    let page = h.get("/pair", Some(&jar)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("/calendar/{token}.ics")),
        "{}",
        page.body
    );
    assert!(
        page.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|c| c.starts_with("inversa_new_feed=;") && c.contains("Max-Age=0")),
        "the page clears the cookie"
    );
    // Someone else's token in the cookie shows nothing.
    let page = h
        .get("/pair", Some(&format!("{mentor}; inversa_new_feed={token}")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(&token));
    h.send(&james, &RevokeCalendarFeed {}).await;
    assert_page_refused(
        &h.get(&format!("/calendar/{token}.ics"), None).await,
        StatusCode::NOT_FOUND,
        &protected,
    );
    assert_page_refused(&h.get(&path2, None).await, StatusCode::NOT_FOUND, &protected);
    assert_eq!(
        h.get("/calendar/nonsense.ics", None).await.status,
        StatusCode::NOT_FOUND
    );

    // Once it has started it can be recorded as held; a cancelled one cannot be.
    h.query(
        "UPDATE type::record('meeting', $m) SET starts_at = time::now() - 1h",
        vec![("m", meeting.clone())],
    )
    .await;
    let r = h.send(&mentor, &held).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"held\""));
    let r = h.send(&mentor, &change_meeting(&meeting, "cancel")).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // The other person heard about each step: proposed, accepted, moved.
    let kinds = texts(
        &h,
        "SELECT VALUE kind FROM notification WHERE kind CONTAINS 'meeting' ORDER BY created_at",
    )
    .await;
    assert_eq!(
        kinds,
        [
            "meeting_proposed",
            "meeting_accepted",
            "meeting_rescheduled",
            "meeting_accepted"
        ]
    );
}
