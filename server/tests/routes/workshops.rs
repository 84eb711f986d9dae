//! Workshops: HR plans them; participants of the program on a side a workshop is for register
//! (a seat or the waiting list), cancel, and download it; a freed seat goes to whoever waited
//! longest, who is told; HR takes attendance once it is about to start. Everyone else gets "not
//! found", and participants cannot plan workshops or take attendance.

use std::collections::BTreeMap;

use app::notifications::api::MyNotifications;
use app::training::workshops::api::{
    CancelWorkshopSeat, MyWorkshops, ProgramWorkshops, RegisterWorkshop, RemoveWorkshop, SaveWorkshop,
};
use app::training::workshops::attendance::{SaveWorkshopAttendance, WorkshopAttendance};
use app::training::workshops::model::MySeat;
use app::workspace::meetings::CreateCalendarFeed;
use axum::http::{StatusCode, header};
use domain::Role;

use crate::meetings::{feed_path, parse_ics};
use crate::refusals::{assert_page_refused, assert_refused};
use crate::support::{Harness, harness};
use crate::{Published, day_from_now, published_pair};

/// `save_workshop`'s arguments for a new workshop in `program` ten days from now, with
/// `capacity` seats, for both sides.
fn new_workshop(program: &str, capacity: &str) -> SaveWorkshop {
    SaveWorkshop {
        program: program.to_owned(),
        workshop: String::new(),
        title_es: "Escucha activa en directo".to_owned(),
        title_en: "Live active listening".to_owned(),
        description_es: "Práctica por parejas.".to_owned(),
        description_en: "Practice in pairs.".to_owned(),
        date: day_from_now(10),
        time: "10:00".to_owned(),
        minutes: "90".to_owned(),
        time_zone: "Europe/Madrid".to_owned(),
        place: "Sala Norte, planta 2".to_owned(),
        video_url: String::new(),
        capacity: capacity.to_owned(),
        audience: "both".to_owned(),
        module: String::new(),
        submission: String::new(),
    }
}

/// Plans a workshop of `capacity` seats and answers its key.
async fn planned(h: &Harness, p: &Published, capacity: &str) -> String {
    let r = h.send(&p.pm, &new_workshop(&p.program, capacity)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = h
        .send_ok(
            &p.pm,
            &ProgramWorkshops {
                program: p.program.clone(),
            },
        )
        .await;
    list.last().expect("the workshop is listed").key.clone()
}

fn register(workshop: &str) -> RegisterWorkshop {
    RegisterWorkshop {
        workshop: workshop.to_owned(),
    }
}

/// Moves the workshop's start `minutes` from now (negative: it has started).
async fn start_in(h: &Harness, workshop: &str, minutes: i64) {
    let at = chrono::Utc::now() + chrono::Duration::minutes(minutes);
    h.query(
        "UPDATE type::record('workshop', $k) SET starts_at = <datetime> $t",
        vec![("k", workshop.to_owned()), ("t", at.to_rfc3339())],
    )
    .await;
}

#[tokio::test]
async fn the_last_seat_goes_to_one_the_next_waits_and_gets_it_when_it_frees() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let key = planned(&h, &p, "1").await;

    // The mentor and the mentee ask for the last seat at the same moment.
    let (ra, rb) = (register(&key), register(&key));
    let (a, b) = tokio::join!(h.send(&p.mentor, &ra), h.send(&p.mentee, &rb));
    let mut seats: Vec<String> = [a, b]
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body.clone()
        })
        .collect();
    seats.sort();
    assert_eq!(seats, ["\"registered\"", "{\"waiting\":1}"]);
    let list = h
        .send_ok(
            &p.pm,
            &ProgramWorkshops {
                program: p.program.clone(),
            },
        )
        .await;
    assert_eq!((list[0].registered, list[0].waiting), (1, 1));

    // Whoever holds the seat gives it up; the one waiting gets it and is told.
    let (holder, waiting) = {
        let mine = h.send_ok(&p.mentor, &MyWorkshops {}).await;
        if mine[0].seat == MySeat::Registered {
            (p.mentor.clone(), p.mentee.clone())
        } else {
            (p.mentee.clone(), p.mentor.clone())
        }
    };
    let mine = h.send_ok(&waiting, &MyWorkshops {}).await;
    assert_eq!((mine[0].seat, mine[0].seats_left), (MySeat::Waiting(1), 0));
    // Only a seat holder downloads it.
    let ics = format!("/workshops/{key}/calendar.ics");
    assert_eq!(h.get(&ics, Some(&waiting)).await.status, StatusCode::NOT_FOUND);
    let r = h.get(&ics, Some(&holder)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert_eq!(parse_ics(&r.body)[0]["LOCATION"], "Sala Norte\\, planta 2");

    h.send_ok(
        &holder,
        &CancelWorkshopSeat {
            workshop: key.clone(),
        },
    )
    .await;
    let mine = h.send_ok(&waiting, &MyWorkshops {}).await;
    assert_eq!((mine[0].seat, mine[0].seats_left), (MySeat::Registered, 0));
    let told = h.send_ok(&waiting, &MyNotifications {}).await;
    assert!(
        told.iter().any(|n| n.text.contains("Live active listening")
            || n.text.contains("Escucha activa en directo")),
        "{told:?}"
    );
    // Their calendar feed now has it.
    let url: String = h.send_ok(&waiting, &CreateCalendarFeed {}).await;
    let feed = h.get(&feed_path(&url), None).await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.body);
    assert!(
        parse_ics(&feed.body)
            .iter()
            .any(|e| e["UID"].starts_with(&format!("workshop-{key}@"))),
        "{}",
        feed.body
    );

    // Attendance opens an hour before the start.
    let marks = |present: &str| SaveWorkshopAttendance {
        workshop: key.clone(),
        marks: Some(BTreeMap::from([(format!("e_{present}"), "present".to_owned())])),
    };
    let sheet = h
        .send_ok(
            &p.pm,
            &WorkshopAttendance {
                workshop: key.clone(),
            },
        )
        .await;
    assert_eq!(sheet.people.len(), 1);
    let person = sheet.people[0].employee.clone();
    let r = h.send(&p.pm, &marks(&person)).await;
    assert_eq!(
        (r.status, r.json_kind().as_str()),
        (StatusCode::CONFLICT, "attendance_not_open")
    );

    // Once it has started: registration is closed, attendance is open.
    start_in(&h, &key, -5).await;
    let r = h.send(&holder, &register(&key)).await;
    assert_eq!(
        (r.status, r.json_kind().as_str()),
        (StatusCode::CONFLICT, "workshop_started")
    );
    assert_eq!(h.send_ok(&p.pm, &marks(&person)).await, 1);
    let sheet = h
        .send_ok(
            &p.pm,
            &WorkshopAttendance {
                workshop: key.clone(),
            },
        )
        .await;
    assert_eq!(sheet.people[0].attended, Some(true));
    let mine = h.send_ok(&waiting, &MyWorkshops {}).await;
    assert_eq!((mine[0].attended, mine[0].open), (Some(true), false));
    // A started workshop is not called off.
    let r = h
        .send(
            &p.pm,
            &RemoveWorkshop {
                workshop: key.clone(),
            },
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

#[tokio::test]
async fn workshops_are_refused_with_the_field_named_and_nothing_is_written() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let cases = [
        (
            SaveWorkshop {
                capacity: "0".to_owned(),
                ..new_workshop(&p.program, "1")
            },
            ["invalid", "workshop.capacity", "capacity"],
        ),
        (
            SaveWorkshop {
                date: day_from_now(-1),
                ..new_workshop(&p.program, "5")
            },
            ["invalid", "workshop.past", "date"],
        ),
        (
            SaveWorkshop {
                time_zone: "Mars/Olympus".to_owned(),
                ..new_workshop(&p.program, "5")
            },
            ["invalid", "workshop.time_zone", "time_zone"],
        ),
        (
            SaveWorkshop {
                title_en: String::new(),
                ..new_workshop(&p.program, "5")
            },
            ["invalid", "workshop.title", "title_es"],
        ),
        (
            SaveWorkshop {
                place: String::new(),
                ..new_workshop(&p.program, "5")
            },
            ["invalid", "workshop.where", "place"],
        ),
        (
            SaveWorkshop {
                module: "no-such-module".to_owned(),
                ..new_workshop(&p.program, "5")
            },
            ["invalid", "workshop.module", "module"],
        ),
    ];
    for (args, want) in cases {
        let r = h.send(&p.pm, &args).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json_error(), want.map(str::to_owned));
    }
    let list = h
        .send_ok(
            &p.pm,
            &ProgramWorkshops {
                program: p.program.clone(),
            },
        )
        .await;
    assert!(list.is_empty(), "{list:?}");

    // Lowering the capacity below the seats taken would take someone's seat.
    let key = planned(&h, &p, "2").await;
    h.send_ok(&p.mentor, &register(&key)).await;
    h.send_ok(&p.mentee, &register(&key)).await;
    let r = h
        .send(
            &p.pm,
            &SaveWorkshop {
                workshop: key.clone(),
                ..new_workshop(&p.program, "1")
            },
        )
        .await;
    assert_eq!(
        r.json_error(),
        ["invalid", "workshop.capacity_below_taken", "capacity"].map(str::to_owned)
    );
}

#[tokio::test]
async fn workshops_are_the_owners_and_the_participants_only() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let key = planned(&h, &p, "5").await;
    h.send_ok(&p.mentor, &register(&key)).await;
    let not_found = ["Escucha activa en directo", "Live active listening", "Sala Norte"];

    // Another program's manager.
    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    for r in [
        h.send(
            &other_pm,
            &ProgramWorkshops {
                program: p.program.clone(),
            },
        )
        .await,
        h.send(&other_pm, &new_workshop(&p.program, "5")).await,
        h.send(
            &other_pm,
            &SaveWorkshop {
                workshop: key.clone(),
                ..new_workshop(&p.program, "5")
            },
        )
        .await,
        h.send(
            &other_pm,
            &RemoveWorkshop {
                workshop: key.clone(),
            },
        )
        .await,
        h.send(
            &other_pm,
            &WorkshopAttendance {
                workshop: key.clone(),
            },
        )
        .await,
    ] {
        assert_refused(&r, StatusCode::NOT_FOUND, &not_found);
    }

    // A participant of another program (or of none).
    let outsider = h.sign_in_as(Role::Participant).await;
    assert_refused(
        &h.send(&outsider, &register(&key)).await,
        StatusCode::NOT_FOUND,
        &not_found,
    );
    assert_refused(
        &h.send(
            &outsider,
            &CancelWorkshopSeat {
                workshop: key.clone(),
            },
        )
        .await,
        StatusCode::NOT_FOUND,
        &not_found,
    );
    assert_page_refused(
        &h.get(&format!("/workshops/{key}/calendar.ics"), Some(&outsider))
            .await,
        StatusCode::NOT_FOUND,
        &not_found,
    );
    assert!(h.send_ok(&outsider, &MyWorkshops {}).await.is_empty());

    // Participants of the program cannot plan, call off or take attendance.
    for r in [
        h.send(&p.mentee, &new_workshop(&p.program, "5")).await,
        h.send(
            &p.mentee,
            &RemoveWorkshop {
                workshop: key.clone(),
            },
        )
        .await,
        h.send(
            &p.mentor,
            &SaveWorkshopAttendance {
                workshop: key.clone(),
                marks: None,
            },
        )
        .await,
    ] {
        assert_refused(&r, StatusCode::FORBIDDEN, &not_found);
    }

    // Calling it off tells the one registered, and it is gone for everyone.
    assert_eq!(
        h.send_ok(
            &p.pm,
            &RemoveWorkshop {
                workshop: key.clone()
            }
        )
        .await,
        1
    );
    assert!(h.send_ok(&p.mentor, &MyWorkshops {}).await.is_empty());
    let told = h.send_ok(&p.mentor, &MyNotifications {}).await;
    assert!(!told.is_empty(), "{told:?}");
}
