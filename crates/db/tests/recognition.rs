//! Recognition against a real (in-memory) SurrealDB: kudos reach participants of the same
//! program only, never oneself, at most ten a day even when sent at once; the wall pages, hides
//! and removes; badges follow what happened and are awarded once, even when two events arrive
//! at once.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::Utc;
use db::kudos::{self, Sent};
use db::{badges, kudos::WallPage};
use domain::recognition::badges::Badge;
use domain::recognition::kudos::validate_kudos;

mod common;
use common::{BASE, World, notices, world};

async fn send(w: &World, from: usize, to: usize, text: &str) -> Sent {
    kudos::send(
        &w.db,
        kudos::Sender {
            account: &w.people[from],
            by_hr: false,
        },
        &w.program,
        &w.employees[to],
        &validate_kudos(text, "patience").unwrap(),
        Utc::now(),
        BASE,
    )
    .await
    .unwrap()
}

async fn wall(w: &World, reader: usize, page: usize) -> WallPage {
    kudos::wall(&w.db, &w.people[reader], &w.program, page, 3)
        .await
        .unwrap()
}

#[tokio::test]
async fn kudos_go_to_the_programs_participants_and_show_newest_first() {
    let w = world(1).await;
    assert!(matches!(
        send(&w, 0, 1, "Gracias por la paciencia").await,
        Sent::Done(_)
    ));
    assert_eq!(notices(&w.db, &w.people[1], "kudos_received").await, 1);
    assert_eq!(send(&w, 0, 0, "Para mí").await, Sent::ToSelf);
    // The outsider (HR's account, not enrolled) cannot send as a participant.
    let outsider = kudos::send(
        &w.db,
        kudos::Sender {
            account: &w.out,
            by_hr: false,
        },
        &w.program,
        &w.employees[1],
        &validate_kudos("Hola", "openness").unwrap(),
        Utc::now(),
        BASE,
    )
    .await
    .unwrap();
    assert_eq!(outsider, Sent::NotFound);
    // HR (owner, checked by the caller) may.
    let hr = kudos::send(
        &w.db,
        kudos::Sender {
            account: &w.out,
            by_hr: true,
        },
        &w.program,
        &w.employees[1],
        &validate_kudos("Buen trabajo", "openness").unwrap(),
        Utc::now(),
        BASE,
    )
    .await
    .unwrap();
    assert!(matches!(hr, Sent::Done(_)));
    for i in 0..3 {
        send(&w, 1, 2, &format!("Kudos {i}")).await;
    }
    let first = wall(&w, 0, 0).await;
    assert_eq!(first.total, 5);
    assert_eq!(
        first.kudos.iter().map(|k| k.message.as_str()).collect::<Vec<_>>(),
        ["Kudos 2", "Kudos 1", "Kudos 0"]
    );
    let second = wall(&w, 0, 1).await;
    assert_eq!(
        second
            .kudos
            .iter()
            .map(|k| k.message.as_str())
            .collect::<Vec<_>>(),
        ["Buen trabajo", "Gracias por la paciencia"]
    );
    assert_eq!(second.kudos[0].sender_name, "Helena");
    // The recipient hides one; someone else cannot.
    let mine = wall(&w, 1, 1).await.kudos[1].clone();
    assert!(mine.to_me);
    let key = db::key_of(&mine.id);
    assert!(!kudos::hide(&w.db, &w.people[0], &key).await.unwrap());
    assert!(kudos::hide(&w.db, &w.people[1], &key).await.unwrap());
    assert_eq!(wall(&w, 0, 0).await.total, 4);
    // HR removes one with a reason.
    let top = db::key_of(&wall(&w, 0, 0).await.kudos[0].id);
    assert!(
        kudos::remove(&w.db, &w.out, &top, "Fuera de lugar")
            .await
            .unwrap()
    );
    assert_eq!(wall(&w, 0, 0).await.total, 3);
    assert!(!kudos::remove(&w.db, &w.out, "nope", "x").await.unwrap());
    // Removed once: a second removal and hiding it are refused, and the first reason stays.
    assert!(!kudos::remove(&w.db, &w.out, &top, "Otra").await.unwrap());
}

#[tokio::test]
async fn ten_a_day_even_when_sent_at_once() {
    let w = world(1).await;
    let mut tasks = Vec::new();
    for i in 0..14 {
        let (db, from, program, to) = (
            w.db.clone(),
            w.people[0].clone(),
            w.program.clone(),
            w.employees[1 + i % 2].clone(),
        );
        tasks.push(tokio::spawn(async move {
            kudos::send(
                &db,
                kudos::Sender {
                    account: &from,
                    by_hr: false,
                },
                &program,
                &to,
                &validate_kudos(&format!("Gracias {i}"), "curiosity").unwrap(),
                Utc::now(),
                BASE,
            )
            .await
        }));
    }
    let mut done = 0;
    let mut limited = 0;
    for t in tasks {
        match t.await.unwrap().unwrap() {
            Sent::Done(_) => done += 1,
            Sent::DailyLimit => limited += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((done, limited), (10, 4));
    assert_eq!(wall(&w, 0, 0).await.total, 10);
}

#[tokio::test]
async fn badges_follow_what_happened_and_are_awarded_once() {
    let w = world(1).await;
    let (mentor, mentee) = (&w.employees[0], &w.employees[1]);
    let pair: Option<String> =
        w.db.client()
            .query(
                "LET $p = (CREATE ONLY pair SET program = type::record('program', $prog),
                 mentor = type::record('employee', $m), mentee = type::record('employee', $e),
                 score = 80, status = 'active');
             RETURN record::id($p.id);",
            )
            .bind(("prog", w.program.as_str().to_owned()))
            .bind(("m", mentor.as_str().to_owned()))
            .bind(("e", mentee.as_str().to_owned()))
            .await
            .unwrap()
            .take(1)
            .unwrap();
    let pair = db::PairKey::new(pair.unwrap());
    assert!(badges::refresh_pair(&w.db, &pair, BASE).await.unwrap().is_empty());

    // A held meeting and five check-ins by the mentee.
    w.db.client()
        .query(
            "LET $p = type::record('pair', $pair);
             CREATE meeting SET pair = $p, proposed_by = type::record('user', $a), starts_at = time::now() - 1d,
                 duration_minutes = 45, time_zone = 'Europe/Madrid', status = 'held';
             FOR $i IN 0..5 {
                 CREATE checkin SET pair = $p, author = type::record('user', $a), rating = 4,
                     client_id = 'c' + <string> $i;
             };",
        )
        .bind(("pair", pair.as_str().to_owned()))
        .bind(("a", w.mentee(0).as_str().to_owned()))
        .await
        .unwrap()
        .check()
        .unwrap();
    // Two refreshes at once award each badge once.
    let (a, b) = tokio::join!(
        badges::refresh_pair(&w.db, &pair, BASE),
        badges::refresh_pair(&w.db, &pair, BASE)
    );
    let mut all = a.unwrap();
    all.extend(b.unwrap());
    all.sort();
    assert_eq!(
        all,
        [Badge::FirstMeeting, Badge::FirstMeeting, Badge::FiveCheckins]
    );
    assert_eq!(notices(&w.db, w.mentee(0), "badge_earned").await, 2);
    assert_eq!(notices(&w.db, &w.people[0], "badge_earned").await, 1);
    let facts = badges::facts(&w.db, mentee, &w.program).await.unwrap();
    assert_eq!((facts.held_meetings, facts.checkins), (1, 5));
    let mentor_facts = badges::facts(&w.db, mentor, &w.program).await.unwrap();
    assert_eq!(mentor_facts.checkins, 0, "check-ins are counted for their author");

    // Goals reached both ways: a first goal for each, and a two-way pair.
    w.db.client()
        .query(
            "LET $p = type::record('pair', $pair);
             CREATE goal SET pair = $p, owner = $p.mentee, direction = 'mentee_learns', title = 'IA', status = 'achieved';
             CREATE goal SET pair = $p, owner = $p.mentor, direction = 'mentor_learns', title = 'Negociar', status = 'achieved';",
        )
        .bind(("pair", pair.as_str().to_owned()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut new = badges::refresh_pair(&w.db, &pair, BASE).await.unwrap();
    new.sort();
    assert_eq!(
        new,
        [
            Badge::FirstGoal,
            Badge::FirstGoal,
            Badge::TwoWayPair,
            Badge::TwoWayPair
        ]
    );

    // Five kudos received.
    for i in 0..5 {
        send(&w, 0, 1, &format!("Gracias {i}")).await;
    }
    let new = badges::refresh(&w.db, mentee, &w.program, BASE).await.unwrap();
    assert_eq!(new, [Badge::FiveKudos]);

    // The program closes with the pair going: "program completed", from the minute job.
    w.db.client()
        .query("UPDATE type::record('program', $p) SET status = 'closed'")
        .bind(("p", w.program.as_str().to_owned()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(badges::refresh_closed_programs(&w.db, BASE).await.unwrap(), 2);
    assert_eq!(badges::refresh_closed_programs(&w.db, BASE).await.unwrap(), 0);
    let held: Vec<String> = badges::of_account(&w.db, w.mentee(0))
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.badge)
        .collect();
    assert_eq!(held.len(), 6, "{held:?}");
    assert!(held.contains(&"program_completed".to_owned()));
    assert_eq!(badges::of_pair(&w.db, &pair).await.unwrap().len(), 10);
}
