//! Completing a profile HR imported (a blank field keeps the stored value, one record per
//! email) and the start page's grouped counts, on the in-memory engine.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::{Duration, Utc};
use db::users::{self, NewUser};
use db::{AccountKey, Database, DbSettings, ProgramKey, dashboard, enrolment, programs};
use domain::Role;
use domain::import::ProgramRole;
use domain::profile::ValidProfile;
use surrealdb::types::{RecordId, SurrealValue};

async fn fresh() -> Database {
    Database::open(&DbSettings::memory())
        .await
        .expect("open in-memory database")
}

async fn account(db: &Database, email: &str, role: Role) -> String {
    users::create(
        db,
        NewUser {
            email: email.into(),
            name: email.split('@').next().unwrap_or_default().into(),
            role,
            password_hash: None,
            lang: None,
        },
    )
    .await
    .unwrap()
    .key()
}

async fn program(db: &Database, owner: &str, name: &str, status: &str) -> String {
    let input = domain::ProgramInput {
        name: name.into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-06-30".into(),
        cadence_days: 14,
        meeting_minutes: 45,
        ..Default::default()
    }
    .validate()
    .unwrap();
    let key = programs::create(db, owner, &input).await.unwrap().key();
    run(
        db,
        "UPDATE $p SET status = $s",
        vec![
            ("p", RecordId::new("program", key.as_str()).into_value()),
            ("s", status.to_owned().into_value()),
        ],
    )
    .await;
    key
}

async fn run(db: &Database, sql: &str, binds: Vec<(&'static str, surrealdb::types::Value)>) {
    let client = db.client();
    let mut q = client.query(sql);
    for (k, v) in binds {
        q = q.bind((k, v));
    }
    q.await.unwrap().check().unwrap();
}

/// An employee as HR's import leaves them: every field HR knows, enrolled in the program as
/// `as_mentor`/`as_mentee`, no account and no agreement accepted. Answers the employee key.
async fn imported(db: &Database, email: &str, program: &str, as_mentor: bool, as_mentee: bool) -> String {
    let key = email.split('@').next().unwrap().to_owned();
    run(
        db,
        "UPSERT employee:boss SET email = 'boss@example.com', name = 'Boss' RETURN NONE;",
        vec![],
    )
    .await;
    run(
        db,
        "CREATE $e SET email = $email, name = 'Imported Person', department = 'Finanzas', job_level = 12,
             manager = employee:boss, generation = 'Generación X', languages = ['es', 'en'],
             time_zone = 'Atlantic/Canary', location = 'Las Palmas', can_teach = ['leadership'],
             wants_to_learn = ['ai_tools'], interests = ['vela'], mentor_capacity = 2;
         RELATE $e->enrolled->$program SET as_mentor = $m, as_mentee = $n;",
        vec![
            ("e", RecordId::new("employee", key.as_str()).into_value()),
            ("email", email.to_owned().into_value()),
            ("program", RecordId::new("program", program).into_value()),
            ("m", as_mentor.into_value()),
            ("n", as_mentee.into_value()),
        ],
    )
    .await;
    key
}

#[derive(Debug, SurrealValue)]
struct Stored {
    name: String,
    department: Option<String>,
    job_level: Option<i64>,
    manager_email: Option<String>,
    generation: Option<String>,
    languages: Vec<String>,
    time_zone: String,
    location: Option<String>,
    availability: Vec<String>,
    can_teach: Vec<String>,
    wants_to_learn: Vec<String>,
    interests: Vec<String>,
    mentor_capacity: i64,
    account: Option<RecordId>,
}

async fn stored(db: &Database, email: &str) -> Vec<Stored> {
    db.client()
        .query(
            "SELECT name, department, job_level, manager.email AS manager_email, generation, languages,
                 time_zone, location, availability, can_teach, wants_to_learn, interests,
                 mentor_capacity, account
             FROM employee WHERE email = $email",
        )
        .bind(("email", email.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

async fn employees(db: &Database) -> i64 {
    let n: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM employee)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap()
}

/// A profile where everything optional was left blank.
fn blank(role: ProgramRole) -> ValidProfile {
    ValidProfile {
        role,
        department: None,
        job_level: None,
        manager_email: None,
        company_start: None,
        generation: None,
        languages: Vec::new(),
        time_zone: "Atlantic/Canary".into(),
        location: None,
        availability: Vec::new(),
        can_teach: Vec::new(),
        wants_to_learn: Vec::new(),
        interests: Vec::new(),
        capacity: 2,
    }
}

#[tokio::test]
async fn joining_with_blank_fields_keeps_what_hr_imported() {
    let db = fresh().await;
    let owner = account(&db, "rrhh@example.com", Role::ProgramManager).await;
    let program = program(&db, &owner, "Piloto", "enrolling").await;
    imported(&db, "imp@example.com", &program, false, true).await;
    let me = AccountKey::new(account(&db, "imp@example.com", Role::Participant).await);
    let enrolled_in = ProgramKey::new(program.as_str());

    // Before joining, the stored profile is found by email (no account linked yet).
    let before = enrolment::profile_for(&db, &me, "IMP@Example.com", &enrolled_in)
        .await
        .unwrap()
        .expect("the imported record");
    assert_eq!(before.department.as_deref(), Some("Finanzas"));
    assert_eq!(before.manager_email.as_deref(), Some("boss@example.com"));
    let e = before.enrolment.expect("HR enrolled them");
    assert!(!e.as_mentor && e.as_mentee && e.agreement_accepted_at.is_none());

    enrolment::join(
        &db,
        &me,
        "Imp@Example.COM",
        "Imp",
        &enrolled_in,
        &blank(ProgramRole::Mentee),
    )
    .await
    .unwrap();
    let rows = stored(&db, "imp@example.com").await;
    assert_eq!(rows.len(), 1, "one record per email, whatever its case");
    let r = &rows[0];
    assert_eq!(r.name, "Imported Person", "HR's name is kept");
    assert_eq!(r.department.as_deref(), Some("Finanzas"));
    assert_eq!(r.job_level, Some(12));
    assert_eq!(r.manager_email.as_deref(), Some("boss@example.com"));
    assert_eq!(r.generation.as_deref(), Some("Generación X"));
    assert_eq!(r.languages, ["es", "en"]);
    assert_eq!(r.location.as_deref(), Some("Las Palmas"));
    assert_eq!(r.can_teach, ["leadership"]);
    assert_eq!(r.wants_to_learn, ["ai_tools"]);
    assert_eq!(r.interests, ["vela"]);
    assert_eq!(
        r.account,
        Some(RecordId::new("user", me.as_str())),
        "linked to the account"
    );
    assert_eq!(employees(&db).await, 2);

    let after = enrolment::profile_for(&db, &me, "imp@example.com", &enrolled_in)
        .await
        .unwrap()
        .unwrap();
    assert!(after.enrolment.unwrap().agreement_accepted_at.is_some());
}

#[tokio::test]
async fn joining_replaces_what_the_person_changed() {
    let db = fresh().await;
    let owner = account(&db, "rrhh@example.com", Role::ProgramManager).await;
    let program = program(&db, &owner, "Piloto", "enrolling").await;
    imported(&db, "imp@example.com", &program, false, true).await;
    let me = AccountKey::new(account(&db, "imp@example.com", Role::Participant).await);
    let enrolled_in = ProgramKey::new(program.as_str());
    let changed = ValidProfile {
        department: Some("Marketing".into()),
        job_level: Some(13),
        languages: vec!["pt".into()],
        time_zone: "Europe/Madrid".into(),
        availability: vec!["mon_am".into()],
        can_teach: vec!["social_media".into()],
        wants_to_learn: vec!["leadership".into()],
        interests: vec!["jazz".into()],
        capacity: 1,
        ..blank(ProgramRole::Both)
    };
    enrolment::join(&db, &me, "imp@example.com", "Imp", &enrolled_in, &changed)
        .await
        .unwrap();
    let r = &stored(&db, "imp@example.com").await[0];
    assert_eq!(r.department.as_deref(), Some("Marketing"));
    assert_eq!(r.job_level, Some(13));
    assert_eq!(r.languages, ["pt"]);
    assert_eq!(r.time_zone, "Europe/Madrid");
    assert_eq!(r.availability, ["mon_am"]);
    assert_eq!(r.can_teach, ["social_media"]);
    assert_eq!(r.wants_to_learn, ["leadership"]);
    assert_eq!(r.interests, ["jazz"]);
    assert_eq!(r.mentor_capacity, 1);
    assert_eq!(
        r.location.as_deref(),
        Some("Las Palmas"),
        "what was left blank stays"
    );
    let e = enrolment::profile_for(&db, &me, "imp@example.com", &enrolled_in)
        .await
        .unwrap()
        .unwrap()
        .enrolment
        .unwrap();
    assert!(e.as_mentor && e.as_mentee, "the role chosen replaces HR's");
    assert_eq!(employees(&db).await, 2);
}

#[tokio::test]
async fn joining_never_makes_a_second_record_and_never_takes_another_accounts() {
    let db = fresh().await;
    let owner = account(&db, "rrhh@example.com", Role::ProgramManager).await;
    let program = program(&db, &owner, "Piloto", "enrolling").await;
    // Someone nobody imported: a record is made once, then found by account.
    let newcomer = AccountKey::new(account(&db, "new@example.com", Role::Participant).await);
    let enrolled_in = ProgramKey::new(program.as_str());
    let p = ValidProfile {
        can_teach: vec!["ai_tools".into()],
        languages: vec!["es".into()],
        ..blank(ProgramRole::Mentor)
    };
    enrolment::join(&db, &newcomer, "new@example.com", "New", &enrolled_in, &p)
        .await
        .unwrap();
    enrolment::join(&db, &newcomer, "NEW@example.com", "New", &enrolled_in, &p)
        .await
        .unwrap();
    assert_eq!(stored(&db, "new@example.com").await.len(), 1);
    assert_eq!(employees(&db).await, 1);

    // An employee already linked to another account is not shown to (or taken by) someone else.
    imported(&db, "taken@example.com", &program, true, false).await;
    let first = account(&db, "taken@example.com", Role::Participant).await;
    run(
        &db,
        "UPDATE employee SET account = $a WHERE email = 'taken@example.com'",
        vec![("a", RecordId::new("user", first.as_str()).into_value())],
    )
    .await;
    let other = AccountKey::new(account(&db, "other@example.com", Role::Participant).await);
    assert!(
        enrolment::profile_for(&db, &other, "taken@example.com", &enrolled_in)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn hr_dashboard_counts_people_and_pairs_per_program() {
    let db = fresh().await;
    let owner = account(&db, "rrhh@example.com", Role::ProgramManager).await;
    let other_owner = account(&db, "hr2@example.com", Role::ProgramManager).await;
    let running = program(&db, &owner, "En marcha", "active").await;
    let empty = program(&db, &owner, "Vacío", "draft").await;
    let foreign = program(&db, &other_owner, "Ajeno", "enrolling").await;
    let p = |k: &str| RecordId::new("program", k).into_value();
    run(
        &db,
        "CREATE employee:a SET email = 'a@example.com', name = 'A';
         CREATE employee:b SET email = 'b@example.com', name = 'B';
         CREATE employee:c SET email = 'c@example.com', name = 'C';
         CREATE employee:d SET email = 'd@example.com', name = 'D';
         RELATE employee:a->enrolled->$run SET as_mentor = true, as_mentee = false;
         RELATE employee:b->enrolled->$run SET as_mentor = false, as_mentee = true;
         RELATE employee:c->enrolled->$run SET as_mentor = true, as_mentee = true;
         RELATE employee:d->enrolled->$run SET as_mentor = false, as_mentee = true, status = 'withdrawn';
         RELATE employee:a->enrolled->$foreign SET as_mentor = true, as_mentee = false;
         CREATE pair SET program = $run, mentor = employee:a, mentee = employee:b, score = 80, status = 'active';
         CREATE pair SET program = $run, mentor = employee:c, mentee = employee:c, score = 70, status = 'published';
         CREATE pair SET program = $run, mentor = employee:a, mentee = employee:c, score = 60, status = 'draft';
         CREATE pair SET program = $run, mentor = employee:c, mentee = employee:b, score = 50, status = 'ended';",
        vec![("run", p(&running)), ("foreign", p(&foreign))],
    )
    .await;

    let mine = dashboard::programs(&db, Some(&owner)).await.unwrap();
    assert_eq!(mine.len(), 2, "only the manager's own programs");
    let r = mine.iter().find(|x| x.key == running).unwrap();
    assert_eq!(
        (
            r.name.as_str(),
            r.status.as_str(),
            r.enrolled,
            r.mentors,
            r.mentees
        ),
        ("En marcha", "active", 3, 2, 2),
        "withdrawn people are not counted; people in both roles count on both sides"
    );
    assert_eq!(
        (r.published, r.active, r.paused),
        (1, 1, 0),
        "drafts and ended pairs are not counted"
    );
    let e = mine.iter().find(|x| x.key == empty).unwrap();
    assert_eq!(
        (e.enrolled, e.mentors, e.mentees, e.published, e.active),
        (0, 0, 0, 0, 0)
    );

    let all = dashboard::programs(&db, None).await.unwrap();
    assert_eq!(all.len(), 3, "admins see every program");
    let f = all.iter().find(|x| x.key == foreign).unwrap();
    assert_eq!((f.enrolled, f.mentors, f.mentees), (1, 1, 0));
}

#[tokio::test]
async fn participant_dashboard_reads_pairs_meeting_feedback_and_enrolments() {
    let db = fresh().await;
    let owner = account(&db, "rrhh@example.com", Role::ProgramManager).await;
    let running = program(&db, &owner, "En marcha", "active").await;
    let enrolling = program(&db, &owner, "Siguiente", "enrolling").await;
    let closed = program(&db, &owner, "Antiguo", "closed").await;
    let me = account(&db, "me@example.com", Role::Participant).await;
    let p = |k: &str| RecordId::new("program", k).into_value();

    // Nothing at all yet.
    let home = dashboard::participant(&db, &me, Utc::now()).await.unwrap();
    assert!(home.pairs.is_empty() && home.enrolments.is_empty() && home.next_meeting.is_none());
    assert_eq!((home.feedback_due, home.time_zone.as_str()), (0, "Europe/Madrid"));

    run(
        &db,
        "CREATE employee:me SET email = 'me@example.com', name = 'Me', account = $me,
             time_zone = 'America/Bogota', can_teach = ['ai_tools'];
         CREATE employee:them SET email = 'them@example.com', name = 'Them';
         RELATE employee:me->enrolled->$run SET as_mentor = true, as_mentee = false,
             agreement_accepted_at = time::now();
         RELATE employee:me->enrolled->$next SET as_mentor = false, as_mentee = true;
         RELATE employee:me->enrolled->$closed SET as_mentor = true, as_mentee = false;
         CREATE pair:one SET program = $run, mentor = employee:me, mentee = employee:them, score = 80,
             status = 'published', published_at = time::now(), mentee_accepted_at = time::now();
         CREATE pair:old SET program = $closed, mentor = employee:me, mentee = employee:them, score = 80,
             status = 'ended';
         CREATE meeting SET pair = pair:one, proposed_by = $me, starts_at = $later, duration_minutes = 45,
             time_zone = 'Europe/Madrid', status = 'accepted';
         CREATE meeting SET pair = pair:one, proposed_by = $me, starts_at = $soon, duration_minutes = 45,
             time_zone = 'Europe/Madrid', status = 'cancelled';
         CREATE meeting SET pair = pair:one, proposed_by = $me, starts_at = $past, duration_minutes = 45,
             time_zone = 'Europe/Madrid', status = 'held';
         CREATE feedback_form:f SET program = $run, title_es = 'F', title_en = 'F', audience = 'both',
             trigger = 'manual';
         CREATE feedback_request SET form = feedback_form:f, pair = pair:one, respondent = employee:me,
             due_at = $later;
         CREATE feedback_request SET form = feedback_form:f, pair = pair:one, respondent = employee:me,
             due_at = $later, occasion = 'midpoint', answered_at = time::now();",
        vec![
            ("me", RecordId::new("user", me.as_str()).into_value()),
            ("run", p(&running)),
            ("next", p(&enrolling)),
            ("closed", p(&closed)),
            ("later", (Utc::now() + Duration::days(3)).into_value()),
            ("soon", (Utc::now() + Duration::days(1)).into_value()),
            ("past", (Utc::now() - Duration::days(2)).into_value()),
        ],
    )
    .await;
    let home = dashboard::participant(&db, &me, Utc::now()).await.unwrap();
    assert_eq!(home.pairs.len(), 1, "ended pairs are not shown");
    let pair = &home.pairs[0];
    assert_eq!(
        (
            pair.other_name.as_str(),
            pair.program.as_str(),
            pair.i_mentor,
            pair.status.as_str(),
            pair.i_accepted
        ),
        ("Them", "En marcha", true, "published", false)
    );
    let m = home.next_meeting.expect("the accepted meeting to come");
    assert_eq!((m.with.as_str(), m.status.as_str()), ("Them", "accepted"));
    assert!(
        m.starts_at > Utc::now() + Duration::days(2),
        "not the cancelled or the past one"
    );
    assert_eq!(home.feedback_due, 1);
    assert_eq!(home.time_zone, "America/Bogota");
    let names: Vec<&str> = home.enrolments.iter().map(|e| e.program_name.as_str()).collect();
    assert_eq!(names, ["En marcha", "Siguiente"], "closed programs are left out");
    let next = &home.enrolments[1];
    assert!(
        next.as_mentee && !next.learns && !next.agreed,
        "nothing to learn yet, no agreement"
    );
    let run_e = &home.enrolments[0];
    assert!(run_e.as_mentor && run_e.teaches && run_e.agreed);
}
