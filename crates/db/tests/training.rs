//! Training against a real (in-memory) SurrealDB: modules reach people through an active
//! enrolment on their side, progress is per person, and concurrent writes to one person's
//! progress all land.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use db::training::{self, Removal, Taken};
use db::users::{self, NewUser};
use db::{AccountKey, Database, DbSettings, TrainingModuleKey};
use domain::Role;
use domain::training::{Audience, ModuleInput, ModuleKind, QuizQuestion, Texts, score_quiz};

/// A program with a mentor (Marta) and a mentee (Tomás) enrolled, and an outsider with an
/// account and no enrolment.
struct World {
    db: Database,
    program: String,
    mentor: AccountKey,
    mentee: AccountKey,
    out: AccountKey,
}

async fn world() -> World {
    let db = Database::open(&DbSettings::memory()).await.unwrap();
    let mut keys = Vec::new();
    for (email, name) in [
        ("mentor@example.com", "Marta"),
        ("mentee@example.com", "Tomás"),
        ("out@example.com", "Otto"),
    ] {
        let user = users::create(
            &db,
            NewUser {
                email: email.into(),
                name: name.into(),
                role: Role::Participant,
                password_hash: None,
                lang: None,
            },
        )
        .await
        .unwrap();
        db.client()
            .query("CREATE employee SET email = $e, name = $n, account = type::record('user', $a)")
            .bind(("e", email))
            .bind(("n", name))
            .bind(("a", user.key()))
            .await
            .unwrap()
            .check()
            .unwrap();
        keys.push(user.key());
    }
    let program: Option<String> = db
        .client()
        .query(
            "LET $prog = (CREATE ONLY program SET name = 'Piloto', owner = type::record('user', $out),
                 starts_on = d'2026-01-01', ends_on = d'2026-06-30', status = 'enrolling');
             LET $mentor = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentor@example.com' LIMIT 1);
             LET $mentee = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentee@example.com' LIMIT 1);
             RELATE $mentor->enrolled->($prog.id) SET as_mentor = true;
             RELATE $mentee->enrolled->($prog.id) SET as_mentee = true;
             RETURN record::id($prog.id);",
        )
        .bind(("out", keys[2].clone()))
        .await
        .unwrap()
        .take(5)
        .unwrap();
    let [mentor, mentee, out] = <[String; 3]>::try_from(keys).unwrap();
    World {
        db,
        program: program.unwrap(),
        mentor: AccountKey::new(mentor),
        mentee: AccountKey::new(mentee),
        out: AccountKey::new(out),
    }
}

fn module(kind: ModuleKind, audience: Audience, title: &str) -> ModuleInput {
    ModuleInput {
        title_es: title.into(),
        title_en: title.into(),
        body_es: "Texto".into(),
        body_en: "Text".into(),
        kind,
        url: String::new(),
        minutes: 5,
        audience,
        required: true,
        items: (0..6)
            .map(|i| Texts::new(&format!("paso {i}"), &format!("step {i}")))
            .collect(),
        questions: vec![QuizQuestion {
            prompt: Texts::new("¿?", "?"),
            options: vec![Texts::new("a", "a"), Texts::new("b", "b")],
            correct: 1,
        }],
        pass_percent: 100,
    }
}

#[tokio::test]
async fn modules_reach_the_people_of_their_side_only() {
    let w = world().await;
    let keys = training::add(
        &w.db,
        &w.program,
        &[
            module(ModuleKind::Reading, Audience::Both, "Para todos"),
            module(ModuleKind::Reading, Audience::Mentors, "Para mentores"),
            module(ModuleKind::Reading, Audience::Mentees, "Para mentees"),
        ],
    )
    .await
    .unwrap();
    let titles = |rows: Vec<training::MyModule>| -> Vec<String> {
        rows.into_iter().map(|r| r.module.title_es).collect()
    };
    assert_eq!(
        titles(training::mine(&w.db, &w.mentor).await.unwrap()),
        ["Para todos", "Para mentores"]
    );
    assert_eq!(
        titles(training::mine(&w.db, &w.mentee).await.unwrap()),
        ["Para todos", "Para mentees"]
    );
    assert!(training::mine(&w.db, &w.out).await.unwrap().is_empty());

    // Not theirs is not found, for reading and for writing.
    let for_mentors = TrainingModuleKey::new(keys[1].as_str());
    assert!(
        training::my_module(&w.db, &w.mentee, &for_mentors)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        training::mark_done(&w.db, &w.mentee, &for_mentors).await.unwrap(),
        Taken::NotFound
    );
    assert_eq!(
        training::mark_done(&w.db, &w.out, &for_mentors).await.unwrap(),
        Taken::NotFound
    );
    assert_eq!(
        training::mark_done(&w.db, &w.mentor, &for_mentors).await.unwrap(),
        Taken::Done
    );

    // Progress is per person.
    let both = TrainingModuleKey::new(keys[0].as_str());
    training::mark_done(&w.db, &w.mentor, &both).await.unwrap();
    let mentee_view = training::my_module(&w.db, &w.mentee, &both)
        .await
        .unwrap()
        .unwrap();
    assert!(mentee_view.progress.is_none());
    let mentor_view = training::my_module(&w.db, &w.mentor, &both)
        .await
        .unwrap()
        .unwrap();
    assert!(mentor_view.progress.unwrap().completed_at.is_some());

    // A withdrawn enrolment takes the modules away.
    let changed: Vec<serde_json::Value> =
        w.db.client()
            .query(
                "LET $e = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentee@example.com' LIMIT 1);
             UPDATE enrolled SET status = 'withdrawn' WHERE in = $e RETURN VALUE status;",
            )
            .await
            .unwrap()
            .take(1)
            .unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let left = training::mine(&w.db, &w.mentee).await.unwrap();
    assert!(
        left.is_empty(),
        "{:?}",
        left.iter().map(|m| &m.module.title_es).collect::<Vec<_>>()
    );
    assert!(training::mine(&w.db, &w.mentee).await.unwrap().is_empty());
}

#[tokio::test]
async fn ticks_sent_at_once_all_land() {
    let w = world().await;
    let key = training::add(
        &w.db,
        &w.program,
        &[module(ModuleKind::Checklist, Audience::Both, "Lista")],
    )
    .await
    .unwrap()
    .remove(0);
    let key = TrainingModuleKey::new(key);
    let ticks = (0..6).map(|item| {
        let (db, mentor, key) = (w.db.clone(), w.mentor.clone(), key.clone());
        tokio::spawn(async move { training::tick(&db, &mentor, &key, item, true, 6).await })
    });
    for t in ticks.collect::<Vec<_>>() {
        assert_eq!(t.await.unwrap().unwrap(), Taken::Done);
    }
    let p = training::my_module(&w.db, &w.mentor, &key)
        .await
        .unwrap()
        .unwrap()
        .progress
        .unwrap();
    assert_eq!(p.ticked, vec![0, 1, 2, 3, 4, 5]);
    assert!(p.completed_at.is_some());
    training::tick(&w.db, &w.mentor, &key, 3, false, 6).await.unwrap();
    let p = training::my_module(&w.db, &w.mentor, &key)
        .await
        .unwrap()
        .unwrap()
        .progress
        .unwrap();
    assert_eq!((p.ticked.len(), p.completed_at), (5, None));
}

#[tokio::test]
async fn quiz_tries_keep_the_best_and_the_first_pass() {
    let w = world().await;
    let m = module(ModuleKind::Quiz, Audience::Both, "Quiz");
    let key = TrainingModuleKey::new(
        training::add(&w.db, &w.program, std::slice::from_ref(&m))
            .await
            .unwrap()
            .remove(0),
    );
    let wrong = score_quiz(&m.questions, m.pass_percent, &[Some(0)]);
    let right = score_quiz(&m.questions, m.pass_percent, &[Some(1)]);
    for result in [&wrong, &right, &wrong] {
        training::record_try(&w.db, &w.mentee, &key, result)
            .await
            .unwrap();
    }
    let p = training::my_module(&w.db, &w.mentee, &key)
        .await
        .unwrap()
        .unwrap()
        .progress
        .unwrap();
    assert_eq!(
        (p.attempts, p.best_percent, p.last_wrong),
        (3, Some(100), vec![0])
    );
    assert!(
        p.completed_at.is_some(),
        "a later failed try does not undo a pass"
    );
}

#[tokio::test]
async fn removing_a_completed_module_needs_confirmation_and_moves_the_rest_up() {
    let w = world().await;
    let keys = training::add(
        &w.db,
        &w.program,
        &["A", "B", "C"].map(|t| module(ModuleKind::Reading, Audience::Both, t)),
    )
    .await
    .unwrap();
    training::mark_done(&w.db, &w.mentor, &TrainingModuleKey::new(keys[1].as_str()))
        .await
        .unwrap();
    assert_eq!(
        training::remove(&w.db, &keys[1], false).await.unwrap(),
        Removal::HasCompletions(1)
    );
    assert_eq!(
        training::remove(&w.db, &keys[1], true).await.unwrap(),
        Removal::Removed
    );
    assert_eq!(
        training::remove(&w.db, &keys[1], true).await.unwrap(),
        Removal::NotFound
    );
    let list = training::list(&w.db, &w.program).await.unwrap();
    let order: Vec<(String, i64)> = list.iter().map(|m| (m.title_es.clone(), m.position)).collect();
    assert_eq!(order, [("A".to_owned(), 0), ("C".to_owned(), 1)]);
    let progress: Option<i64> =
        w.db.client()
            .query("RETURN count(SELECT id FROM training_progress)")
            .await
            .unwrap()
            .take(0)
            .unwrap();
    assert_eq!(progress, Some(0), "the removed module's progress went with it");
    assert!(training::move_to(&w.db, &keys[2], 0).await.unwrap());
    let order: Vec<String> = training::list(&w.db, &w.program)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.title_es)
        .collect();
    assert_eq!(order, ["C", "A"]);
}
