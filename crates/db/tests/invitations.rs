//! Program invitations and account links on the in-memory engine: who a sending reaches,
//! batches, idempotence, re-sending, expiry, and one employee record per person however their
//! account comes to exist.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::{Duration, Utc};
use db::accounts_link::{self, LinkOutcome};
use db::program_invitations::{self, Outgoing};
use db::users::{self, NewUser};
use db::{AccountKey, Database, DbSettings, EmployeeKey, ProgramKey, invitations, programs};
use domain::invitation::{InvitationStatus, Sending};
use domain::{Lang, Role};

async fn fresh() -> Database {
    Database::open(&DbSettings::memory())
        .await
        .expect("open in-memory database")
}

fn account(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Someone".into(),
        role,
        password_hash: Some("$argon2id$fake".into()),
        lang: None,
    }
}

/// A database with an HR owner and one program; answers the owner's and the program's keys.
async fn with_program() -> (Database, AccountKey, String) {
    let db = fresh().await;
    let owner = users::create(&db, account("rrhh@example.com", Role::ProgramManager))
        .await
        .unwrap();
    let input = domain::ProgramInput {
        name: "Piloto".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-06-30".into(),
        cadence_days: 14,
        meeting_minutes: 45,
        ..Default::default()
    }
    .validate()
    .unwrap();
    let program = programs::create(&db, &owner.key(), &input).await.unwrap();
    (db, AccountKey::new(owner.key()), program.key())
}

/// Creates an employee (as an import would) enrolled in the program; answers the employee key.
async fn enrol(db: &Database, program: &str, email: &str, name: &str) -> String {
    let key: Option<String> = db
        .client()
        .query(
            "LET $e = (CREATE ONLY employee SET email = $email, name = $name RETURN VALUE id);
             RELATE $e->enrolled->$program SET as_mentee = true;
             RETURN record::id($e);",
        )
        .bind(("email", email.to_owned()))
        .bind(("name", name.to_owned()))
        .bind(("program", db::RecordId::new("program", program)))
        .await
        .unwrap()
        .take(2)
        .unwrap();
    key.unwrap()
}

/// How many rows the SELECT `query` (a constant of the test) answers.
async fn count(db: &Database, query: &str) -> i64 {
    let rows: Vec<surrealdb::types::Value> = db.client().query(query).await.unwrap().take(0).unwrap();
    i64::try_from(rows.len()).unwrap()
}

fn outgoing(employee: &str, hash: &str) -> Outgoing {
    Outgoing {
        employee_key: employee.to_owned(),
        token_hash: hash.to_owned(),
        expires_at: Utc::now() + Duration::days(invitations::VALIDITY_DAYS),
        lang: Lang::Es,
        subject: format!("Invitación {hash}"),
        body_text: format!("Enlace: https://inversa.example/invite/{hash}"),
    }
}

/// Sends one run of `sending` in batches of `limit`, the way the server function does; answers
/// the sizes of the batches and the totals each saw.
async fn run(
    db: &Database,
    program: &str,
    owner: &AccountKey,
    sending: Sending,
    limit: usize,
) -> Vec<(usize, i64)> {
    let started = Utc::now();
    let mut seen = Vec::new();
    loop {
        let (batch, total) = program_invitations::next_batch(db, program, sending, started, limit)
            .await
            .unwrap();
        if batch.is_empty() {
            return seen;
        }
        let mail: Vec<Outgoing> = batch
            .iter()
            .map(|p| outgoing(&p.employee_key, &format!("{}-{}", p.employee_key, db::new_key())))
            .collect();
        let sent = program_invitations::send(db, &ProgramKey::new(program), sending, started, owner, &mail)
            .await
            .unwrap();
        assert_eq!(sent.len(), batch.len(), "every person of the batch is invited");
        seen.push((sent.len(), total));
    }
}

async fn status_of(db: &Database, program: &str, email: &str) -> InvitationStatus {
    program_invitations::invitees(db, program)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.email == email)
        .unwrap()
        .status(Utc::now())
}

#[tokio::test]
async fn inviting_everyone_skips_people_with_accounts_and_live_invitations_and_runs_once() {
    let (db, owner, program) = with_program().await;
    let new = enrol(&db, &program, "nuevo@example.com", "Nuevo").await;
    let linked = enrol(&db, &program, "enlazada@example.com", "Enlazada").await;
    enrol(&db, &program, "cuenta@example.com", "Con Cuenta").await;
    let invited = enrol(&db, &program, "invitada@example.com", "Invitada").await;
    let withdrawn = enrol(&db, &program, "baja@example.com", "De Baja").await;
    let user = users::create(&db, account("enlazada@example.com", Role::Participant))
        .await
        .unwrap();
    db.client()
        .query(
            "UPDATE type::record('employee', $e) SET account = $u;
             UPDATE enrolled SET status = 'withdrawn' WHERE in = type::record('employee', $w);",
        )
        .bind(("e", linked.clone()))
        .bind(("u", user.id.clone()))
        .bind(("w", withdrawn))
        .await
        .unwrap()
        .check()
        .unwrap();
    // Someone with an account that is not linked to their record yet.
    users::create(&db, account("cuenta@example.com", Role::Participant))
        .await
        .unwrap();
    let before = Utc::now();
    let sent = program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::One,
        before,
        &owner,
        &[outgoing(&invited, "h-invited")],
    )
    .await
    .unwrap();
    assert_eq!(sent, vec![invited.clone()]);

    assert_eq!(
        status_of(&db, &program, "nuevo@example.com").await,
        InvitationStatus::NotInvited
    );
    assert_eq!(
        status_of(&db, &program, "enlazada@example.com").await,
        InvitationStatus::Accepted
    );
    assert_eq!(
        status_of(&db, &program, "cuenta@example.com").await,
        InvitationStatus::Accepted
    );
    assert_eq!(
        status_of(&db, &program, "invitada@example.com").await,
        InvitationStatus::Invited
    );
    assert_eq!(
        program_invitations::invitees(&db, &program).await.unwrap().len(),
        4,
        "withdrawn people are not listed"
    );

    let (batch, total) = program_invitations::next_batch(&db, &program, Sending::New, Utc::now(), 50)
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].employee_key, new);
    let mail = [outgoing(&new, "h-new")];
    let sent = program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::New,
        Utc::now(),
        &owner,
        &mail,
    )
    .await
    .unwrap();
    assert_eq!(sent, vec![new.clone()]);

    // The same batch again (a double click, a retried request) and a forged one for people who
    // must not be invited change nothing.
    let again = program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::New,
        Utc::now(),
        &owner,
        &mail,
    )
    .await
    .unwrap();
    assert!(again.is_empty());
    let forged = [outgoing(&linked, "h-linked"), outgoing(&invited, "h-other")];
    let none = program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::New,
        Utc::now(),
        &owner,
        &forged,
    )
    .await
    .unwrap();
    assert!(none.is_empty());
    let (batch, total) = program_invitations::next_batch(&db, &program, Sending::New, Utc::now(), 50)
        .await
        .unwrap();
    assert!(batch.is_empty());
    assert_eq!(total, 0);

    assert_eq!(count(&db, "SELECT id FROM invitation").await, 2);
    assert_eq!(count(&db, "SELECT id FROM outbox_email").await, 2);
    assert_eq!(
        count(&db, "SELECT id FROM outbox_email WHERE to = 'nuevo@example.com'").await,
        1
    );
    assert!(invitations::find_usable(&db, "h-new").await.unwrap().is_some());
    assert!(
        invitations::find_usable(&db, "h-invited")
            .await
            .unwrap()
            .is_some()
    );
    assert!(invitations::find_usable(&db, "h-other").await.unwrap().is_none());
    let inv = program_invitations::find(&db, &ProgramKey::new(&program), &EmployeeKey::new(&new))
        .await
        .unwrap()
        .unwrap();
    assert!(inv.sent_at.is_some());
    assert!(inv.expires_at > Utc::now() + Duration::days(13));
}

#[tokio::test]
async fn hundreds_of_people_are_invited_in_batches_once_each() {
    let (db, owner, program) = with_program().await;
    db.client()
        .query(
            "FOR $i IN 0..120 {
                 LET $e = (CREATE ONLY employee SET email = 'p' + <string>$i + '@example.com',
                     name = 'Persona ' + <string>$i RETURN VALUE id);
                 RELATE $e->enrolled->$program;
             };",
        )
        .bind(("program", db::RecordId::new("program", program.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let batches = run(&db, &program, &owner, Sending::New, program_invitations::BATCH).await;
    assert_eq!(batches, vec![(50, 120), (50, 70), (20, 20)]);
    assert_eq!(count(&db, "SELECT id FROM invitation").await, 120);
    assert_eq!(count(&db, "SELECT id FROM outbox_email").await, 120);
    // Running it again invites nobody twice.
    assert!(run(&db, &program, &owner, Sending::New, 50).await.is_empty());
    assert_eq!(count(&db, "SELECT id FROM outbox_email").await, 120);
    // A re-send run reaches each pending person exactly once, in batches too.
    let resent = run(&db, &program, &owner, Sending::Resend, 50).await;
    assert_eq!(resent, vec![(50, 120), (50, 70), (20, 20)]);
    assert_eq!(count(&db, "SELECT id FROM invitation").await, 120);
    assert_eq!(count(&db, "SELECT id FROM outbox_email").await, 240);
    assert_eq!(
        count(&db, "SELECT id FROM invitation WHERE times_sent = 2").await,
        120
    );
}

#[tokio::test]
async fn resending_replaces_the_link_and_an_expired_one_can_be_resent() {
    let (db, owner, program) = with_program().await;
    let ana = enrol(&db, &program, "ana@example.com", "Ana").await;
    let start = Utc::now();
    program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::One,
        start,
        &owner,
        &[outgoing(&ana, "old")],
    )
    .await
    .unwrap();
    let first = program_invitations::find(&db, &ProgramKey::new(&program), &EmployeeKey::new(&ana))
        .await
        .unwrap()
        .unwrap();

    // It runs out: the list says so, the link no longer works, and "invite everyone not yet
    // invited" leaves it to a re-send.
    db.client()
        .query("UPDATE invitation SET expires_at = time::now() - 1d")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        status_of(&db, &program, "ana@example.com").await,
        InvitationStatus::Expired
    );
    assert!(invitations::find_usable(&db, "old").await.unwrap().is_none());
    assert_eq!(
        invitations::accept(&db, "old", "$argon2id$pw").await.unwrap(),
        None
    );
    let (batch, _) = program_invitations::next_batch(&db, &program, Sending::New, Utc::now(), 50)
        .await
        .unwrap();
    assert!(batch.is_empty());

    let run_started = Utc::now();
    let (batch, total) = program_invitations::next_batch(&db, &program, Sending::Resend, run_started, 50)
        .await
        .unwrap();
    assert_eq!((batch.len(), total), (1, 1));
    let sent = program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::Resend,
        run_started,
        &owner,
        &[outgoing(&ana, "new")],
    )
    .await
    .unwrap();
    assert_eq!(sent, vec![ana.clone()]);
    let second = program_invitations::find(&db, &ProgramKey::new(&program), &EmployeeKey::new(&ana))
        .await
        .unwrap()
        .unwrap();
    assert!(second.expires_at > first.expires_at - Duration::seconds(1));
    assert!(second.expires_at > Utc::now() + Duration::days(13));
    assert!(second.sent_at > first.sent_at);
    assert_eq!(
        status_of(&db, &program, "ana@example.com").await,
        InvitationStatus::Invited
    );
    assert!(invitations::find_usable(&db, "old").await.unwrap().is_none());
    assert!(invitations::find_usable(&db, "new").await.unwrap().is_some());

    // The same run does not reach her twice; a per-person re-send always does, and the link it
    // replaces stops working.
    let again = program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::Resend,
        run_started,
        &owner,
        &[outgoing(&ana, "newer")],
    )
    .await
    .unwrap();
    assert!(again.is_empty());
    assert!(invitations::find_usable(&db, "new").await.unwrap().is_some());
    program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::One,
        Utc::now(),
        &owner,
        &[outgoing(&ana, "newest")],
    )
    .await
    .unwrap();
    assert!(invitations::find_usable(&db, "new").await.unwrap().is_none());
    assert!(invitations::find_usable(&db, "newest").await.unwrap().is_some());
    assert_eq!(count(&db, "SELECT id FROM invitation").await, 1);
    assert_eq!(count(&db, "SELECT id FROM outbox_email").await, 3);
}

#[tokio::test]
async fn accepting_a_program_invitation_links_the_imported_record_once() {
    let (db, owner, program) = with_program().await;
    let ana = enrol(&db, &program, "ana.garcia@example.com", "Ana García").await;
    let mut mail = outgoing(&ana, "tok");
    mail.lang = Lang::En;
    program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::New,
        Utc::now(),
        &owner,
        &[mail],
    )
    .await
    .unwrap();
    let accepted = invitations::accept_invitation(&db, "tok", "$argon2id$pw")
        .await
        .unwrap()
        .expect("accepted");
    assert_eq!(accepted.program_key.as_deref(), Some(program.as_str()));
    assert_eq!(accepted.link, LinkOutcome::Linked);
    let user = users::find(&db, &accepted.user_key).await.unwrap().unwrap();
    assert_eq!(user.email, "ana.garcia@example.com");
    assert_eq!(user.name, "Ana García");
    assert_eq!(
        user.lang(),
        Some(Lang::En),
        "the account starts in the invitation's language"
    );
    assert_eq!(
        accounts_link::account_of_employee(&db, "ana.garcia@example.com")
            .await
            .unwrap(),
        Some(accepted.user_key.clone())
    );
    assert_eq!(
        status_of(&db, &program, "ana.garcia@example.com").await,
        InvitationStatus::Accepted
    );
    assert_eq!(count(&db, "SELECT id FROM employee").await, 1);
    // Linking again (a sign-in) changes nothing.
    assert_eq!(
        accounts_link::link_account(&db, &accepted.user_key, "ana.garcia@example.com")
            .await
            .unwrap(),
        LinkOutcome::AlreadyLinked
    );
    assert_eq!(
        invitations::accept(&db, "tok", "$argon2id$again").await.unwrap(),
        None
    );
    assert_eq!(count(&db, "SELECT id FROM employee").await, 1);
    assert_eq!(
        count(&db, "SELECT id FROM user WHERE email = 'ana.garcia@example.com'").await,
        1
    );
}

#[tokio::test]
async fn an_admin_invitation_links_the_employee_whatever_the_case_of_the_email() {
    let (db, _, program) = with_program().await;
    enrol(&db, &program, "luis.perez@example.com", "Luis Pérez").await;
    invitations::create(
        &db,
        "Luis.Perez@Example.COM",
        "Luis",
        Role::Participant,
        None,
        "admin-tok",
    )
    .await
    .unwrap();
    let accepted = invitations::accept_invitation(&db, "admin-tok", "$argon2id$pw")
        .await
        .unwrap()
        .expect("accepted");
    assert_eq!(accepted.program_key, None);
    assert_eq!(accepted.link, LinkOutcome::Linked);
    let user = users::find(&db, &accepted.user_key).await.unwrap().unwrap();
    assert_eq!(
        user.email, "luis.perez@example.com",
        "accounts are stored lower-case"
    );
    assert_eq!(
        accounts_link::account_of_employee(&db, "luis.perez@example.com")
            .await
            .unwrap(),
        Some(accepted.user_key)
    );
    assert_eq!(count(&db, "SELECT id FROM employee").await, 1);
}

#[tokio::test]
async fn concurrent_links_and_acceptances_leave_exactly_one_link() {
    let (db, owner, program) = with_program().await;
    enrol(&db, &program, "eva@example.com", "Eva").await;
    let user = users::create(&db, account("eva@example.com", Role::Participant))
        .await
        .unwrap();
    let key = user.key();
    let (a, b, c) = tokio::join!(
        accounts_link::link_account(&db, &key, "eva@example.com"),
        accounts_link::link_account(&db, &key, "EVA@example.com"),
        accounts_link::link_account(&db, &key, "eva@example.com"),
    );
    let outcomes = [a.unwrap(), b.unwrap(), c.unwrap()];
    assert_eq!(
        outcomes.iter().filter(|o| **o == LinkOutcome::Linked).count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, LinkOutcome::Linked | LinkOutcome::AlreadyLinked))
    );
    assert_eq!(
        count(&db, "SELECT id FROM employee WHERE account != NONE").await,
        1
    );

    // Another account never takes a linked record, and an account is linked to one record only.
    let other = users::create(&db, account("otra@example.com", Role::Participant))
        .await
        .unwrap();
    assert_eq!(
        accounts_link::link_account(&db, &other.key(), "eva@example.com")
            .await
            .unwrap(),
        LinkOutcome::OtherAccount
    );
    assert_eq!(
        accounts_link::link_account(&db, &key, "otra@example.com")
            .await
            .unwrap(),
        LinkOutcome::NoEmployee
    );
    assert_eq!(
        accounts_link::account_of_employee(&db, "eva@example.com")
            .await
            .unwrap(),
        Some(key.clone())
    );

    // Two people pressing "activate" on one link at once: one account, one link.
    let tom = enrol(&db, &program, "tom@example.com", "Tom").await;
    program_invitations::send(
        &db,
        &ProgramKey::new(&program),
        Sending::New,
        Utc::now(),
        &owner,
        &[outgoing(&tom, "twice")],
    )
    .await
    .unwrap();
    let (x, y) = tokio::join!(
        invitations::accept_invitation(&db, "twice", "$argon2id$x"),
        invitations::accept_invitation(&db, "twice", "$argon2id$y"),
    );
    let done: Vec<_> = [x.unwrap(), y.unwrap()].into_iter().flatten().collect();
    assert_eq!(done.len(), 1, "the link works once");
    assert_eq!(
        count(&db, "SELECT id FROM user WHERE email = 'tom@example.com'").await,
        1
    );
    assert_eq!(
        count(&db, "SELECT id FROM employee WHERE email = 'tom@example.com'").await,
        1
    );
    assert_eq!(
        accounts_link::account_of_employee(&db, "tom@example.com")
            .await
            .unwrap(),
        Some(done[0].user_key.clone())
    );
}

#[tokio::test]
async fn signing_in_links_an_imported_person_who_then_finds_their_pair() {
    let (db, _, program) = with_program().await;
    let mentee = enrol(&db, &program, "mentee@example.com", "Mentee").await;
    let mentor = enrol(&db, &program, "mentor@example.com", "Mentor").await;
    db.client()
        .query(
            "CREATE pair SET program = $program, mentor = type::record('employee', $mentor),
                 mentee = type::record('employee', $mentee), score = 80, status = 'published',
                 published_at = time::now();",
        )
        .bind(("program", db::RecordId::new("program", program.as_str())))
        .bind(("mentor", mentor))
        .bind(("mentee", mentee))
        .await
        .unwrap()
        .check()
        .unwrap();
    // An account made another way (an admin created it), not linked to the imported record.
    let user = users::create(&db, account("mentee@example.com", Role::Participant))
        .await
        .unwrap();
    assert!(db::pairs::for_account(&db, &user.key()).await.unwrap().is_empty());
    assert_eq!(
        accounts_link::link_account(&db, &user.key(), "mentee@example.com")
            .await
            .unwrap(),
        LinkOutcome::Linked
    );
    let pairs = db::pairs::for_account(&db, &user.key()).await.unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].other_name, "Mentor");
    assert!(!pairs[0].i_mentor);
    assert_eq!(count(&db, "SELECT id FROM employee").await, 2);
}

#[tokio::test]
async fn two_runs_at_once_invite_each_person_once() {
    let (db, owner, program) = with_program().await;
    let mut people = Vec::new();
    for i in 0..5 {
        people.push(enrol(&db, &program, &format!("p{i}@example.com"), &format!("P {i}")).await);
    }
    let first: Vec<Outgoing> = people.iter().map(|p| outgoing(p, &format!("a-{p}"))).collect();
    let second: Vec<Outgoing> = people.iter().map(|p| outgoing(p, &format!("b-{p}"))).collect();
    let (now, program) = (Utc::now(), ProgramKey::new(program));
    let (a, b) = tokio::join!(
        program_invitations::send(&db, &program, Sending::New, now, &owner, &first),
        program_invitations::send(&db, &program, Sending::New, now, &owner, &second),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 5, "{a:?} {b:?}");
    assert_eq!(count(&db, "SELECT id FROM invitation").await, 5);
    assert_eq!(count(&db, "SELECT id FROM outbox_email").await, 5);
}
