//! Workshops against a real (in-memory) SurrealDB: seats, the waiting list and its promotion,
//! the race for the last seat, attendance (and the module it completes), reminders and who
//! reaches a workshop.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::{DateTime, Duration, Utc};
use db::workshops::{self, Cancellation, Registration, Removal, Saved};
use db::{TrainingModuleKey, WorkshopKey};
use domain::training::workshop::{ValidWorkshop, WorkshopForm};

mod common;
use common::{World, notices, world};

use common::BASE;

fn valid(capacity: u32, audience: &str) -> ValidWorkshop {
    WorkshopForm {
        title_es: "Escucha activa".into(),
        title_en: "Active listening".into(),
        description_es: String::new(),
        description_en: String::new(),
        date: "2027-03-01".into(),
        time: "10:00".into(),
        minutes: "90".into(),
        time_zone: "Europe/Madrid".into(),
        place: "Sala Norte".into(),
        video_url: String::new(),
        capacity: capacity.to_string(),
        audience: audience.into(),
        module: String::new(),
    }
    .validate()
    .unwrap()
}

async fn add(w: &World, capacity: u32, audience: &str, starts_at: DateTime<Utc>) -> WorkshopKey {
    match workshops::add(&w.db, &w.program, &valid(capacity, audience), starts_at, None)
        .await
        .unwrap()
    {
        Saved::Done(key) => key,
        other => panic!("not added: {other:?}"),
    }
}

fn soon() -> DateTime<Utc> {
    Utc::now() + Duration::days(3)
}

#[tokio::test]
async fn eight_people_racing_for_three_seats_get_three_seats_and_five_places_in_line() {
    let w = world(8).await;
    let key = add(&w, 3, "mentors", soon()).await;
    let mut tasks = Vec::new();
    for person in w.people.iter().take(8) {
        let (db, person, key) = (w.db.clone(), person.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            workshops::register(&db, &person, &key, Utc::now()).await
        }));
    }
    let mut seats = 0;
    let mut waiting = 0;
    for t in tasks {
        match t.await.unwrap().unwrap() {
            Registration::Registered => seats += 1,
            Registration::Waiting => waiting += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((seats, waiting), (3, 5));
    let row = workshops::get(&w.db, &key).await.unwrap().unwrap();
    assert_eq!((row.registered, row.waiting), (3, 5));
    let taken: Option<i64> =
        w.db.client()
            .query("RETURN (SELECT VALUE taken FROM ONLY type::record('workshop', $k))")
            .bind(("k", key.as_str().to_owned()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
    assert_eq!(taken, Some(3));
}

#[tokio::test]
async fn two_people_taking_the_last_seat_at_once_one_gets_it_the_other_waits() {
    for _ in 0..5 {
        let w = world(2).await;
        let key = add(&w, 1, "mentors", soon()).await;
        let (a, b) = (w.people[0].clone(), w.people[1].clone());
        let (db1, db2, k1, k2) = (w.db.clone(), w.db.clone(), key.clone(), key.clone());
        let (ra, rb) = tokio::join!(
            tokio::spawn(async move { workshops::register(&db1, &a, &k1, Utc::now()).await }),
            tokio::spawn(async move { workshops::register(&db2, &b, &k2, Utc::now()).await }),
        );
        let mut got = [ra.unwrap().unwrap(), rb.unwrap().unwrap()];
        got.sort_by_key(|r| format!("{r:?}"));
        assert_eq!(got, [Registration::Registered, Registration::Waiting]);
    }
}

#[tokio::test]
async fn a_cancelled_seat_goes_to_the_first_waiting_who_is_told() {
    let w = world(4).await;
    let key = add(&w, 2, "mentors", soon()).await;
    let t0 = Utc::now();
    for (i, person) in w.people.iter().take(4).enumerate() {
        let at = t0 + Duration::seconds(i64::try_from(i).unwrap());
        workshops::register(&w.db, person, &key, at).await.unwrap();
    }
    // Registering again answers where they already stand.
    assert_eq!(
        workshops::register(&w.db, &w.people[3], &key, t0).await.unwrap(),
        Registration::Waiting
    );
    let mine = workshops::my_workshop(&w.db, &w.people[3], &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (mine.status.as_deref(), mine.position),
        (Some("waiting"), Some(2))
    );
    assert_eq!(
        workshops::cancel(&w.db, &w.people[0], &key, t0, BASE)
            .await
            .unwrap(),
        Cancellation::Cancelled
    );
    // Person 2 waited longest: they hold a seat now and were told; person 3 moved up.
    let p2 = workshops::my_workshop(&w.db, &w.people[2], &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p2.status.as_deref(), p2.position), (Some("registered"), None));
    assert_eq!(notices(&w.db, &w.people[2], "workshop_seat").await, 1);
    assert_eq!(notices(&w.db, &w.people[3], "workshop_seat").await, 0);
    let p3 = workshops::my_workshop(&w.db, &w.people[3], &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p3.position, Some(1));
    // Someone waiting cancels: nobody is promoted.
    assert_eq!(
        workshops::cancel(&w.db, &w.people[3], &key, t0, BASE)
            .await
            .unwrap(),
        Cancellation::Cancelled
    );
    assert_eq!(
        workshops::cancel(&w.db, &w.people[3], &key, t0, BASE)
            .await
            .unwrap(),
        Cancellation::NotRegistered
    );
    let row = workshops::get(&w.db, &key).await.unwrap().unwrap();
    assert_eq!((row.registered, row.waiting), (2, 0));
    // Coming back after cancelling is a fresh registration at the end of the line.
    assert_eq!(
        workshops::register(&w.db, &w.people[0], &key, t0).await.unwrap(),
        Registration::Waiting
    );
}

#[tokio::test]
async fn raising_the_capacity_seats_those_waiting_and_lowering_it_below_the_taken_is_refused() {
    let w = world(4).await;
    let start = soon();
    let key = add(&w, 1, "mentors", start).await;
    let t0 = Utc::now();
    for (i, person) in w.people.iter().take(4).enumerate() {
        let at = t0 + Duration::seconds(i64::try_from(i).unwrap());
        workshops::register(&w.db, person, &key, at).await.unwrap();
    }
    let raised = workshops::update(&w.db, &key, &valid(3, "mentors"), start, None, BASE)
        .await
        .unwrap();
    assert_eq!(raised, Saved::Done(key.clone()));
    let row = workshops::get(&w.db, &key).await.unwrap().unwrap();
    assert_eq!((row.registered, row.waiting), (3, 1));
    assert_eq!(notices(&w.db, &w.people[1], "workshop_seat").await, 1);
    assert_eq!(notices(&w.db, &w.people[2], "workshop_seat").await, 1);
    assert_eq!(notices(&w.db, &w.people[3], "workshop_seat").await, 0);
    assert_eq!(
        workshops::update(&w.db, &key, &valid(2, "mentors"), start, None, BASE)
            .await
            .unwrap(),
        Saved::BelowTaken(3)
    );
    // Leaving out the side of people registered or waiting is refused.
    assert_eq!(
        workshops::update(&w.db, &key, &valid(3, "mentees"), start, None, BASE)
            .await
            .unwrap(),
        Saved::AudienceHasPeople
    );
    // Moving it tells the three registered and the one waiting.
    let moved = start + Duration::hours(2);
    assert_eq!(
        workshops::update(&w.db, &key, &valid(3, "mentors"), moved, None, BASE)
            .await
            .unwrap(),
        Saved::Done(key.clone())
    );
    for person in &w.people[..4] {
        assert_eq!(notices(&w.db, person, "workshop_changed").await, 1);
    }
    // A module of another program is refused.
    let other = TrainingModuleKey::new("elsewhere");
    assert_eq!(
        workshops::update(&w.db, &key, &valid(3, "mentors"), start, Some(&other), BASE)
            .await
            .unwrap(),
        Saved::UnknownModule
    );
}

#[tokio::test]
async fn workshops_reach_their_side_and_close_at_the_start() {
    let w = world(1).await;
    let for_mentors = add(&w, 5, "mentors", soon()).await;
    let started = add(&w, 5, "both", Utc::now() - Duration::minutes(5)).await;
    // A mentee does not see a workshop for mentors; an outsider sees none.
    assert_eq!(
        workshops::register(&w.db, w.mentee(0), &for_mentors, Utc::now())
            .await
            .unwrap(),
        Registration::NotFound
    );
    assert_eq!(
        workshops::register(&w.db, &w.out, &for_mentors, Utc::now())
            .await
            .unwrap(),
        Registration::NotFound
    );
    let titles = workshops::mine(&w.db, w.mentee(0), Utc::now() - Duration::days(1))
        .await
        .unwrap();
    assert_eq!(titles.len(), 1, "only the started one is for both sides");
    assert_eq!(
        workshops::register(&w.db, w.mentee(0), &started, Utc::now())
            .await
            .unwrap(),
        Registration::Closed
    );
    assert_eq!(
        workshops::cancel(&w.db, w.mentee(0), &started, Utc::now(), BASE)
            .await
            .unwrap(),
        Cancellation::Closed
    );
    assert_eq!(
        workshops::remove(&w.db, &started, Utc::now(), BASE)
            .await
            .unwrap(),
        Removal::Started
    );
    // Calling off one that has not started tells those registered.
    workshops::register(&w.db, &w.people[0], &for_mentors, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        workshops::remove(&w.db, &for_mentors, Utc::now(), BASE)
            .await
            .unwrap(),
        Removal::Removed(1)
    );
    assert_eq!(notices(&w.db, &w.people[0], "workshop_cancelled").await, 1);
    assert!(workshops::get(&w.db, &for_mentors).await.unwrap().is_none());
}

#[tokio::test]
async fn attendance_completes_the_module_it_counts_as_and_keeps_the_hours() {
    let w = world(2).await;
    let modules = db::training::add(
        &w.db,
        w.program.as_str(),
        &[domain::training::starter::starter_set().remove(0)],
    )
    .await
    .unwrap();
    let module = TrainingModuleKey::new(modules[0].clone());
    let key = match workshops::add(&w.db, &w.program, &valid(5, "both"), soon(), Some(&module))
        .await
        .unwrap()
    {
        Saved::Done(k) => k,
        other => panic!("{other:?}"),
    };
    for person in [&w.people[0], &w.people[1]] {
        workshops::register(&w.db, person, &key, Utc::now())
            .await
            .unwrap();
    }
    // Person 1 completed the module themselves before.
    db::training::mark_done(&w.db, &w.people[1], &module)
        .await
        .unwrap();
    let marks = [
        (w.employees[0].clone(), true),
        (w.employees[1].clone(), false),
        // Not registered: ignored.
        (w.employees[2].clone(), true),
    ];
    assert_eq!(workshops::save_attendance(&w.db, &key, &marks).await.unwrap(), 2);
    let done = |p: usize| {
        let (db, account, module) = (w.db.clone(), w.people[p].clone(), module.clone());
        async move {
            db::training::my_module(&db, &account, &module)
                .await
                .unwrap()
                .unwrap()
                .progress
                .and_then(|p| p.completed_at)
                .is_some()
        }
    };
    assert!(done(0).await, "present: completed by the workshop");
    assert!(done(1).await, "absent, but completed on their own: kept");
    assert_eq!(
        workshops::attended_minutes(&w.db, &w.employees[0], &w.program)
            .await
            .unwrap(),
        90
    );
    assert_eq!(
        workshops::attended_minutes(&w.db, &w.employees[1], &w.program)
            .await
            .unwrap(),
        0
    );
    let list = workshops::attendees(&w.db, &key).await.unwrap();
    assert_eq!(
        list.iter().map(|a| a.attended).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    // Person 0 cancels after being marked present: the mark and the completion go with the
    // seat, and come back only with a new registration and attendance.
    assert_eq!(
        workshops::cancel(&w.db, &w.people[0], &key, Utc::now(), BASE)
            .await
            .unwrap(),
        Cancellation::Cancelled
    );
    assert!(!done(0).await);
    let mine = workshops::my_workshop(&w.db, &w.people[0], &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((mine.status.as_deref(), mine.attended), (Some("cancelled"), None));
    workshops::register(&w.db, &w.people[0], &key, Utc::now())
        .await
        .unwrap();
    workshops::save_attendance(&w.db, &key, &[(w.employees[0].clone(), true)])
        .await
        .unwrap();
    assert!(done(0).await);
    // Corrected to absent: the completion that came from the workshop goes.
    workshops::save_attendance(&w.db, &key, &[(w.employees[0].clone(), false)])
        .await
        .unwrap();
    assert!(!done(0).await);
    assert_eq!(
        workshops::attended_minutes(&w.db, &w.employees[0], &w.program)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn each_seat_is_reminded_once_a_day_before() {
    let w = world(2).await;
    let now = Utc::now();
    let tomorrow = add(&w, 5, "mentors", now + Duration::hours(20)).await;
    let later = add(&w, 5, "mentors", now + Duration::hours(30)).await;
    for key in [&tomorrow, &later] {
        workshops::register(&w.db, &w.people[0], key, now).await.unwrap();
    }
    workshops::register(&w.db, &w.people[1], &tomorrow, now)
        .await
        .unwrap();
    workshops::cancel(&w.db, &w.people[1], &tomorrow, now, BASE)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        workshops::remind_due(&w.db, now, 24, BASE),
        workshops::remind_due(&w.db, now, 24, BASE)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one seat, reminded once");
    assert_eq!(notices(&w.db, &w.people[0], "workshop_reminder").await, 1);
    assert_eq!(notices(&w.db, &w.people[1], "workshop_reminder").await, 0);
    // Ten hours later the second one is due.
    assert_eq!(
        workshops::remind_due(&w.db, now + Duration::hours(10), 24, BASE)
            .await
            .unwrap(),
        1
    );
    let email: Option<String> =
        w.db.client()
            .query("RETURN (SELECT VALUE lang FROM outbox_email WHERE kind = 'workshop_reminder')[0]")
            .await
            .unwrap()
            .take(0)
            .unwrap();
    assert_eq!(email.as_deref(), Some("en"));
}

#[tokio::test]
async fn the_attendance_list_is_in_alphabetical_order_accents_included() {
    let w = world(2).await;
    let key = add(&w, 5, "mentors", soon()).await;
    for (employee, name) in [(&w.employees[0], "Zoe Martín"), (&w.employees[1], "Álvaro Ruiz")] {
        w.db.client()
            .query("UPDATE type::record('employee', $k) SET name = $n")
            .bind(("k", employee.as_str().to_owned()))
            .bind(("n", name))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    for person in &w.people[..2] {
        workshops::register(&w.db, person, &key, Utc::now())
            .await
            .unwrap();
    }
    let names: Vec<String> = workshops::attendees(&w.db, &key)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["Álvaro Ruiz", "Zoe Martín"]);
}
