//! Repository tests on the in-memory engine: the schema, its constraints and the queries.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use db::users::{self, NewUser};
use db::{Database, DbError, DbSettings, demo, invitations, migrations};
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
    assert!(programs::remove_topic(&db, &p, "cyber").await.unwrap());
    assert!(!programs::remove_topic(&db, &p, "cyber").await.unwrap());
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
