//! Repository tests on the in-memory engine: the schema, its constraints and the queries.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use db::users::{self, NewUser};
use db::{
    AccountKey, Database, DbError, DbSettings, GoalKey, MilestoneKey, PairKey, ProgramKey, TopicKey, demo,
    invitations, migrations,
};
use domain::{Lang, Role};

async fn fresh() -> Database {
    Database::open(&DbSettings::memory())
        .await
        .expect("open in-memory database")
}

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Ana Pérez".into(),
        role: Role::Participant,
        password_hash: Some("$argon2id$fake".into()),
        lang: None,
    }
}

#[tokio::test]
async fn migrations_apply_twice_without_error() {
    let db = fresh().await;
    assert_eq!(
        migrations::current_version(&db).await.unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    assert_eq!(
        migrations::apply(&db).await.unwrap(),
        0,
        "second run applies nothing"
    );
    assert_eq!(migrations::apply(&db).await.unwrap(), 0);
    assert_eq!(
        migrations::current_version(&db).await.unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
}

#[tokio::test]
async fn every_migration_statement_applies_twice_even_without_the_record() {
    // IF NOT EXISTS everywhere: re-running the raw text on a migrated database must not fail.
    let db = fresh().await;
    for m in migrations::MIGRATIONS {
        db.client().query(m.sql).await.unwrap().check().unwrap();
    }
}

#[tokio::test]
async fn unique_email_is_enforced() {
    let db = fresh().await;
    users::create(&db, new_user("ana@example.com")).await.unwrap();
    let err = users::create(&db, new_user("ana@example.com")).await.unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "got {err:?}");
    assert_eq!(users::count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn schema_rejects_bad_values() {
    let db = fresh().await;
    assert!(users::create(&db, new_user("not-an-email")).await.is_err());
    assert!(
        users::create(&db, new_user("Upper@Example.com")).await.is_err(),
        "emails are stored lower-case"
    );
    let bad_role = db
        .client()
        .query("CREATE user SET email = 'x@y.es', name = 'X', role = 'root'")
        .await
        .unwrap()
        .check();
    assert!(bad_role.is_err());
    assert_eq!(users::count(&db).await.unwrap(), 0);
}

#[tokio::test]
async fn find_update_and_disable() {
    let db = fresh().await;
    let u = users::create(&db, new_user("bo@example.com")).await.unwrap();
    assert_eq!(
        users::find_by_email(&db, "bo@example.com")
            .await
            .unwrap()
            .unwrap()
            .key(),
        u.key()
    );
    assert!(
        users::find_by_email(&db, "nobody@example.com")
            .await
            .unwrap()
            .is_none()
    );
    users::set_lang(&db, &u.key(), Lang::En).await.unwrap();
    let disabled = users::set_disabled(&db, &u.key(), true).await.unwrap().unwrap();
    assert!(disabled.disabled);
    assert_eq!(disabled.session_version, u.session_version + 1);
    assert_eq!(disabled.lang(), Some(Lang::En));
    let enabled = users::set_disabled(&db, &u.key(), false).await.unwrap().unwrap();
    assert!(!enabled.disabled);
    assert_eq!(
        enabled.session_version, disabled.session_version,
        "enabling does not end sessions"
    );
}

#[tokio::test]
async fn invitation_is_single_use() {
    let db = fresh().await;
    invitations::create(&db, "new@example.com", "Nuevo", Role::Participant, None, "hash-1")
        .await
        .unwrap();
    assert!(invitations::find_usable(&db, "hash-1").await.unwrap().is_some());
    assert!(invitations::find_usable(&db, "other").await.unwrap().is_none());
    let key = invitations::accept(&db, "hash-1", "$argon2id$pw")
        .await
        .unwrap()
        .expect("accepted");
    let user = users::find(&db, &key).await.unwrap().unwrap();
    assert_eq!(user.email, "new@example.com");
    assert_eq!(user.role(), Role::Participant);
    assert_eq!(user.password_hash.as_deref(), Some("$argon2id$pw"));
    assert_eq!(
        invitations::accept(&db, "hash-1", "$argon2id$again")
            .await
            .unwrap(),
        None
    );
    assert_eq!(users::count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn program_dates_must_be_ordered() {
    let db = fresh().await;
    let u = users::create(&db, new_user("pm@example.com")).await.unwrap();
    let res = db
        .client()
        .query("CREATE program SET name = 'P', starts_on = d'2027-02-01', ends_on = d'2027-01-01', owner = $owner")
        .bind(("owner", u.id.clone()))
        .await
        .unwrap()
        .check();
    assert!(res.is_err(), "end before start is refused");
}

#[tokio::test]
async fn demo_organisation_loads() {
    let db = fresh().await;
    assert!(demo::is_empty(&db).await.unwrap());
    let logins = demo::load(&db, "$argon2id$demo").await.unwrap();
    assert!(logins.iter().any(|l| l.role == Role::Admin));
    assert!(!demo::is_empty(&db).await.unwrap());
    let employees: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM employee)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(employees, Some(demo::employee_count() as i64));
    assert!(demo::employee_count() >= 40);
    let enrolled: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM enrolled)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(enrolled, Some(demo::employee_count() as i64));
}

fn program_input() -> domain::ValidProgram {
    domain::ProgramInput {
        name: "Piloto".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-06-30".into(),
        cadence_days: 14,
        meeting_minutes: 45,
        objectives: "Uno\nDos".into(),
        ..Default::default()
    }
    .validate()
    .unwrap()
}

#[tokio::test]
async fn a_program_is_created_with_its_topic_catalogue_and_listed_per_owner() {
    use db::programs;
    let db = fresh().await;
    let a = users::create(&db, new_user("a@example.com")).await.unwrap();
    let b = users::create(&db, new_user("b@example.com")).await.unwrap();
    let p = programs::create(&db, &a.key(), &program_input()).await.unwrap();
    assert_eq!(p.status(), domain::ProgramStatus::Draft);
    assert_eq!(p.owner_key(), a.key());
    assert_eq!(p.objectives, vec!["Uno".to_owned(), "Dos".to_owned()]);
    assert_eq!(programs::to_date(p.starts_on).iso(), "2027-01-11");
    let topics = programs::topics(&db, &p.key()).await.unwrap();
    assert_eq!(topics.len(), domain::DEFAULT_TOPICS.len());
    assert!(
        topics
            .iter()
            .any(|t| t.key == "ai_tools" && t.label_en == "AI tools")
    );
    assert_eq!(programs::list(&db, Some(&a.key())).await.unwrap().len(), 1);
    assert!(programs::list(&db, Some(&b.key())).await.unwrap().is_empty());
    assert_eq!(programs::list(&db, None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn program_status_changes_only_from_the_expected_status() {
    use db::programs;
    use domain::ProgramStatus::*;
    let db = fresh().await;
    let a = users::create(&db, new_user("a@example.com")).await.unwrap();
    let p = programs::create(&db, &a.key(), &program_input()).await.unwrap();
    let moved = programs::set_status(&db, &p.key(), Draft, Enrolling)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.status(), Enrolling);
    assert!(
        programs::set_status(&db, &p.key(), Draft, Enrolling)
            .await
            .unwrap()
            .is_none(),
        "stale"
    );
    assert_eq!(
        programs::find(&db, &p.key()).await.unwrap().unwrap().status(),
        Enrolling
    );
}

#[tokio::test]
async fn a_large_synthetic_program_is_enrolled_and_deterministic() {
    let db = fresh().await;
    db::demo::load(&db, "not-a-real-hash").await.unwrap();
    let a = db::demo::load_large(&db, "rrhh@inversa.example", 40)
        .await
        .unwrap();
    let b = db::demo::load_large(&db, "rrhh@inversa.example", 40)
        .await
        .unwrap();
    let (ia, ib) = (
        db::pairs::pairing_input(&db, &a).await.unwrap(),
        db::pairs::pairing_input(&db, &b).await.unwrap(),
    );
    assert_eq!(ia.participants.len(), 40);
    assert_eq!(ia.participants.iter().filter(|p| p.as_mentor).count(), 20);
    let profile = |i: &db::pairs::PairingInput| -> Vec<(Option<i32>, Vec<String>, Vec<String>)> {
        let mut v: Vec<_> = i
            .participants
            .iter()
            .map(|p| {
                (
                    p.person.job_level,
                    p.person.can_teach.clone(),
                    p.person.wants_to_learn.clone(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(profile(&ia), profile(&ib), "same profiles on every run");
    assert!(
        db::demo::load_large(&db, "nobody@example.com", 10).await.is_err(),
        "the owner must exist"
    );
}

#[tokio::test]
async fn topics_are_added_renamed_and_removed_per_program() {
    use db::programs;
    use domain::CatalogueTopic;
    let db = fresh().await;
    let a = users::create(&db, new_user("a@example.com")).await.unwrap();
    let p = programs::create(&db, &a.key(), &program_input())
        .await
        .unwrap()
        .key();
    let q = programs::create(&db, &a.key(), &program_input())
        .await
        .unwrap()
        .key();
    let topic = |key: &str, es: &str, en: &str| CatalogueTopic {
        key: key.into(),
        es: es.into(),
        en: en.into(),
    };
    programs::add_topic(&db, &p, &topic("cyber", "Ciberseguridad", "Cyber security"))
        .await
        .unwrap();
    // The unique index refuses the same key twice in one program, not in another.
    assert!(matches!(
        programs::add_topic(&db, &p, &topic("cyber", "Otra", "Other")).await,
        Err(DbError::Conflict(_))
    ));
    programs::add_topic(&db, &q, &topic("cyber", "Ciber", "Cyber"))
        .await
        .unwrap();
    assert!(
        programs::rename_topic(&db, &p, &topic("cyber", "Seguridad", "Security"))
            .await
            .unwrap()
    );
    assert!(
        !programs::rename_topic(&db, &p, &topic("nope", "a", "b"))
            .await
            .unwrap()
    );
    let labels = |ts: Vec<programs::TopicRow>| {
        ts.into_iter()
            .find(|t| t.key == "cyber")
            .map(|t| (t.label_es, t.label_en))
    };
    assert_eq!(
        labels(programs::topics(&db, &p).await.unwrap()),
        Some(("Seguridad".into(), "Security".into()))
    );
    let (program, cyber) = (ProgramKey::new(p.as_str()), TopicKey::new("cyber"));
    assert!(programs::remove_topic(&db, &program, &cyber).await.unwrap());
    assert!(!programs::remove_topic(&db, &program, &cyber).await.unwrap());
    assert_eq!(labels(programs::topics(&db, &p).await.unwrap()), None);
    assert_eq!(
        labels(programs::topics(&db, &q).await.unwrap()),
        Some(("Ciber".into(), "Cyber".into())),
        "the other program keeps its topic"
    );
}

#[tokio::test]
async fn matching_settings_round_trip_and_default_when_absent() {
    use db::programs;
    use domain::pairing::MatchingSettings;
    let db = fresh().await;
    let a = users::create(&db, new_user("a@example.com")).await.unwrap();
    let p = programs::create(&db, &a.key(), &program_input())
        .await
        .unwrap()
        .key();
    assert_eq!(
        programs::matching_settings(&db, &p).await.unwrap(),
        MatchingSettings::default()
    );
    let mut s = MatchingSettings::default();
    s.rules.shared_language = false;
    s.rules.min_overlap_hours = 5;
    s.weights.mentor_teaches = 0;
    s.weights.different_department = 1000;
    programs::set_matching_settings(&db, &p, Some(&s)).await.unwrap();
    assert_eq!(programs::matching_settings(&db, &p).await.unwrap(), s);
    programs::set_matching_settings(&db, &p, None).await.unwrap();
    assert_eq!(
        programs::matching_settings(&db, &p).await.unwrap(),
        MatchingSettings::default()
    );
}

/// A published pair between two people with accounts, and an outsider with an account.
/// Answers `(db, pair key, mentor account, mentee account, outsider account)`.
async fn goal_pair() -> (Database, PairKey, AccountKey, AccountKey, AccountKey) {
    let db = fresh().await;
    let mut accounts = Vec::new();
    for email in ["mentor@example.com", "mentee@example.com", "out@example.com"] {
        let user = users::create(&db, new_user(email)).await.unwrap();
        db.client()
            .query("CREATE employee SET email = $e, name = $e, account = $a")
            .bind(("e", email.to_owned()))
            .bind(("a", user.id.clone()))
            .await
            .unwrap()
            .check()
            .unwrap();
        accounts.push(user.key());
    }
    let pair: Option<String> = db
        .client()
        .query(
            "LET $owner = (SELECT VALUE id FROM ONLY user WHERE email = 'out@example.com' LIMIT 1);
             LET $prog = (CREATE ONLY program SET name = 'Piloto', owner = $owner,
                 mentor_expectations = 'Escuchar', mentee_expectations = 'Preguntar',
                 starts_on = d'2026-01-01', ends_on = d'2026-06-30');
             LET $mentor = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentor@example.com' LIMIT 1);
             LET $mentee = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentee@example.com' LIMIT 1);
             LET $p = (CREATE ONLY pair SET program = $prog.id, mentor = $mentor, mentee = $mentee,
                 score = 80, status = 'published');
             RETURN meta::id($p.id);",
        )
        .await
        .unwrap()
        .take(5)
        .unwrap();
    let [mentor, mentee, out] = <[String; 3]>::try_from(accounts).unwrap().map(AccountKey::new);
    (db, PairKey::new(pair.unwrap()), mentor, mentee, out)
}

#[tokio::test]
async fn only_the_two_people_of_a_pair_see_and_change_its_goals() {
    use db::goals::{self, Outcome};
    use domain::goal::{validate_new_goal, validate_progress};

    let (db, pair, mentor, mentee, out) = goal_pair().await;
    let goal = validate_new_goal("Usar Copilot", "En Excel").unwrap();

    // Each side's goal takes the direction of its side.
    let Outcome::Done(by_mentee) = goals::create(&db, &mentee, &pair, &goal).await.unwrap() else {
        panic!("the mentee creates a goal");
    };
    let Outcome::Done(by_mentor) =
        goals::create(&db, &mentor, &pair, &validate_new_goal("Negociar", "").unwrap())
            .await
            .unwrap()
    else {
        panic!("the mentor creates a goal");
    };
    let (by_mentee, by_mentor) = (GoalKey::new(by_mentee), GoalKey::new(by_mentor));
    let ws = goals::workspace(&db, &mentor, &pair).await.unwrap().unwrap();
    assert!(ws.pair.i_mentor);
    assert_eq!(ws.pair.program, "Piloto");
    assert_eq!(ws.pair.mentee_expectations, "Preguntar");
    let dir = |key: &GoalKey| {
        let g = ws
            .goals
            .iter()
            .find(|g| db::key_of(&g.id) == key.as_str())
            .unwrap();
        (g.direction.clone(), g.mine)
    };
    assert_eq!(dir(&by_mentee), ("mentee_learns".to_owned(), false));
    assert_eq!(dir(&by_mentor), ("mentor_learns".to_owned(), true));

    // Either member moves any goal on, ticks milestones and comments.
    let progress = validate_progress("open", 40).unwrap();
    assert!(matches!(
        goals::set_progress(&db, &mentor, &by_mentee, progress)
            .await
            .unwrap(),
        Outcome::Done(_)
    ));
    let Outcome::Done(ms) = goals::add_milestone(&db, &mentee, &by_mentee, "Una fórmula")
        .await
        .unwrap()
    else {
        panic!("milestone");
    };
    let ms = MilestoneKey::new(ms);
    assert!(matches!(
        goals::set_milestone(&db, &mentor, &ms, true).await.unwrap(),
        Outcome::Done(_)
    ));
    assert!(matches!(
        goals::add_comment(&db, &mentor, &by_mentee, "¡Bien!")
            .await
            .unwrap(),
        Outcome::Done(_)
    ));
    let ws = goals::workspace(&db, &mentee, &pair).await.unwrap().unwrap();
    assert!(!ws.pair.i_mentor);
    let g = ws
        .goals
        .iter()
        .find(|g| db::key_of(&g.id) == by_mentee.as_str())
        .unwrap();
    assert_eq!((g.progress, g.status.as_str()), (40, "open"));
    assert_eq!(ws.milestones.len(), 1);
    assert!(ws.milestones[0].done);
    assert_eq!(ws.comments[0].body, "¡Bien!");
    assert_eq!(ws.comments[0].author_name, "Ana Pérez");

    // Only the owner edits or deletes.
    let new_text = validate_new_goal("Otra cosa", "").unwrap();
    assert_eq!(
        goals::edit(&db, &mentor, &by_mentee, &new_text).await.unwrap(),
        Outcome::NotOwner
    );
    assert_eq!(
        goals::delete(&db, &mentor, &by_mentee).await.unwrap(),
        Outcome::NotOwner
    );
    assert!(matches!(
        goals::edit(&db, &mentee, &by_mentee, &new_text).await.unwrap(),
        Outcome::Done(_)
    ));

    // Outsiders see nothing and change nothing, and unknown keys look the same.
    assert!(goals::workspace(&db, &out, &pair).await.unwrap().is_none());
    assert!(
        goals::workspace(&db, &mentor, &PairKey::new("nope"))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        goals::create(&db, &out, &pair, &goal).await.unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::set_progress(&db, &out, &by_mentee, progress)
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::add_milestone(&db, &out, &by_mentee, "x").await.unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::set_milestone(&db, &out, &ms, false).await.unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::set_milestone(&db, &out, &MilestoneKey::new("nope"), false)
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::add_comment(&db, &out, &by_mentee, "x").await.unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::delete(&db, &out, &by_mentee).await.unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        goals::set_progress(&db, &mentor, &GoalKey::new("nope"), progress)
            .await
            .unwrap(),
        Outcome::NotFound
    );

    // An ended pair is read-only; the owner deletes while it is open, milestones and comments go too.
    assert!(matches!(
        goals::delete(&db, &mentee, &by_mentee).await.unwrap(),
        Outcome::Done(_)
    ));
    let left: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM milestone) + count(SELECT id FROM goal_comment);")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(left, Some(0));
    db.client()
        .query("UPDATE type::record('pair', $p) SET status = 'ended'")
        .bind(("p", pair.to_string()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        goals::create(&db, &mentor, &pair, &goal).await.unwrap(),
        Outcome::Locked
    );
    assert_eq!(
        goals::set_progress(&db, &mentor, &by_mentor, progress)
            .await
            .unwrap(),
        Outcome::Locked
    );
    assert_eq!(
        goals::workspace(&db, &mentor, &pair)
            .await
            .unwrap()
            .unwrap()
            .goals
            .len(),
        1
    );

    // A draft pair has no workspace.
    db.client()
        .query("UPDATE type::record('pair', $p) SET status = 'draft'")
        .bind(("p", pair.to_string()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert!(goals::workspace(&db, &mentor, &pair).await.unwrap().is_none());
}
