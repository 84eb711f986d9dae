//! The pair's workspace repositories on the in-memory engine, without HTTP: check-ins, meetings
//! (and the calendar feed token), feedback forms and requests, and reminders. Each test holds a
//! repository to what its documentation promises: who may write, what is written once, and what
//! a paused or ended pair refuses.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::{DateTime, Duration, Utc};
use db::checkins;
use db::feedback::{self, FormHeader};
use db::goals::Outcome;
use db::meetings::{self, ChangeOutcome};
use db::reminders::{self, Sent};
use db::users::{self, NewUser};
use db::{AccountKey, Database, DbSettings, FeedbackRequestKey, MeetingKey, PairKey, RecordId};
use domain::feedback::{AnswerValue, Question, QuestionKind};
use domain::meeting::{MeetingChange, MeetingRuleError, MeetingStatus, ValidCheckin, ValidMeeting};
use domain::notice::FormTitle;
use domain::{Lang, Notice, Role};

const BASE: &str = "http://localhost";

/// A published pair of two people with accounts, in an active program (cadence 14 days), and an
/// outsider with an account who owns the program. The mentee reads English, the mentor Spanish.
struct World {
    db: Database,
    program: String,
    pair: PairKey,
    mentor: AccountKey,
    mentee: AccountKey,
    out: AccountKey,
}

async fn world() -> World {
    let db = Database::open(&DbSettings::memory())
        .await
        .expect("open in-memory database");
    let mut accounts = Vec::new();
    for (email, name) in [
        ("mentor@example.com", "Marta Mentora"),
        ("mentee@example.com", "Tomás Mentee"),
        ("out@example.com", "Otto Fuera"),
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
        run(
            &db,
            "CREATE employee SET email = $e, name = $n, account = type::record('user', $a)",
            &[("e", email), ("n", name), ("a", user.key().as_str())],
        )
        .await;
        accounts.push(user.key());
    }
    let [mentor, mentee, out] = <[String; 3]>::try_from(accounts).unwrap();
    users::set_lang(&db, &mentee, Lang::En).await.unwrap();
    let keys: Vec<String> = db
        .client()
        .query(
            "LET $prog = (CREATE ONLY program SET name = 'Piloto', owner = type::record('user', $out),
                 starts_on = d'2026-01-01', ends_on = d'2026-06-30', status = 'active');
             LET $mentor = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentor@example.com' LIMIT 1);
             LET $mentee = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentee@example.com' LIMIT 1);
             LET $p = (CREATE ONLY pair SET program = $prog.id, mentor = $mentor, mentee = $mentee,
                 score = 80, status = 'published', published_at = time::now());
             RETURN [record::id($prog.id), record::id($p.id)];",
        )
        .bind(("out", out.clone()))
        .await
        .unwrap()
        .take(4)
        .unwrap();
    World {
        db,
        program: keys[0].clone(),
        pair: PairKey::new(keys[1].as_str()),
        mentor: AccountKey::new(mentor),
        mentee: AccountKey::new(mentee),
        out: AccountKey::new(out),
    }
}

/// Runs SurrealQL with text parameters; panics when a statement fails.
async fn run(db: &Database, sql: &str, binds: &[(&'static str, &str)]) {
    let client = db.client();
    let mut q = client.query(sql);
    for (k, v) in binds {
        q = q.bind((*k, (*v).to_owned()));
    }
    q.await.unwrap().check().unwrap();
}

/// The number a `RETURN count(…)` answers, with `$p` the pair key (text).
async fn count(w: &World, sql: &str) -> i64 {
    let n: Option<i64> =
        w.db.client()
            .query(sql)
            .bind(("p", w.pair.to_string()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
    n.unwrap()
}

/// The notices of `kind` the account received as notifications (each must read as a
/// [`Notice`]: the database writes facts the application puts into words).
async fn notified(w: &World, account: &AccountKey, kind: &str) -> Vec<Notice> {
    let params: Vec<serde_json::Value> = w
        .db
        .client()
        .query("SELECT VALUE params FROM notification WHERE user = type::record('user', $a) AND kind = $k")
        .bind(("a", account.to_string()))
        .bind(("k", kind.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    params
        .iter()
        .map(|p| Notice::from_stored(kind, p).unwrap_or_else(|| panic!("{kind} {p}")))
        .collect()
}

/// The emails of `kind` in the outbox, as `(to, lang, url)`, ordered by address.
async fn emailed(w: &World, kind: &str) -> Vec<(String, String, String)> {
    w.db.client()
        .query("SELECT VALUE [to, lang, url] FROM outbox_email WHERE kind = $k ORDER BY to")
        .bind(("k", kind.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

fn named(name: &str) -> String {
    name.to_owned()
}

/// The title of the feedback form the tests create, as a notice carries it.
fn form_title() -> FormTitle {
    FormTitle {
        es: "Tras la reunión".into(),
        en: "After the meeting".into(),
    }
}

async fn set_pair_status(w: &World, status: &str) {
    run(
        &w.db,
        "UPDATE type::record('pair', $p) SET status = $s",
        &[("p", w.pair.as_str()), ("s", status)],
    )
    .await;
}

fn done(outcome: Outcome) -> String {
    match outcome {
        Outcome::Done(key) => key,
        other => panic!("not written: {other:?}"),
    }
}

fn checkin(client_id: &str, rating: u8) -> ValidCheckin {
    ValidCheckin {
        rating,
        learned: "Prompts para resumir".into(),
        taught: String::new(),
        next_step: "Probarlo el lunes".into(),
        blocker: true,
        client_id: client_id.into(),
    }
}

// Check-ins ----------------------------------------------------------------------------------

#[tokio::test]
async fn a_checkin_is_stored_once_per_client_id_and_read_by_the_pair() {
    let w = world().await;
    let first = done(
        checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0001", 4))
            .await
            .unwrap(),
    );
    // The phone retries after a dropped connection: the first check-in's key, nothing new.
    let retry = checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0001", 2))
        .await
        .unwrap();
    assert_eq!(retry, Outcome::Done(first.clone()));
    assert_eq!(count(&w, "RETURN count(SELECT id FROM checkin)").await, 1);
    // Another key is another check-in; the key is per author, so the mentor may use the same one.
    let second = done(
        checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0002", 5))
            .await
            .unwrap(),
    );
    let by_mentor = done(
        checkins::submit(&w.db, &w.mentor, &w.pair, &checkin("phone-0001", 1))
            .await
            .unwrap(),
    );
    assert_ne!(first, second);
    assert_ne!(first, by_mentor);
    assert_eq!(count(&w, "RETURN count(SELECT id FROM checkin)").await, 3);

    // Both people read all three, each marked as theirs or not, with what was stored.
    let rows = checkins::for_pair(&w.db, &w.mentor, &w.pair)
        .await
        .unwrap()
        .expect("the mentor reads the pair's check-ins");
    assert_eq!(rows.len(), 3);
    let row = |key: &str| rows.iter().find(|r| db::key_of(&r.id) == key).unwrap();
    let stored = row(&first);
    assert!(!stored.mine);
    assert_eq!(
        (stored.rating, stored.blocker, stored.author_name.as_str()),
        (4, true, "Tomás Mentee"),
        "the retry's rating of 2 was not stored"
    );
    assert_eq!(stored.next_step, "Probarlo el lunes");
    assert_eq!(stored.client_id.as_deref(), Some("phone-0001"));
    assert!(row(&by_mentor).mine);
    let as_mentee = checkins::for_pair(&w.db, &w.mentee, &w.pair)
        .await
        .unwrap()
        .unwrap();
    let mine: Vec<bool> = as_mentee.iter().map(|r| r.mine).collect();
    assert_eq!(mine.iter().filter(|m| **m).count(), 2, "{mine:?}");
    assert!(
        as_mentee.windows(2).all(|p| p[0].created_at >= p[1].created_at),
        "newest first"
    );
}

#[tokio::test]
async fn a_checkin_is_refused_outside_the_pair_and_while_it_is_paused_or_ended() {
    let w = world().await;
    // An outsider and an unknown pair get the same answer; nothing is stored.
    assert_eq!(
        checkins::submit(&w.db, &w.out, &w.pair, &checkin("out-1", 3))
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        checkins::submit(&w.db, &w.mentee, &PairKey::new("nope"), &checkin("out-2", 3))
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert!(
        checkins::for_pair(&w.db, &w.out, &w.pair)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        checkins::for_pair(&w.db, &w.mentee, &PairKey::new("nope"))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(count(&w, "RETURN count(SELECT id FROM checkin)").await, 0);

    let before = done(
        checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0001", 4))
            .await
            .unwrap(),
    );
    for status in ["paused", "ended"] {
        set_pair_status(&w, status).await;
        assert_eq!(
            checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0009", 4))
                .await
                .unwrap(),
            Outcome::Locked,
            "{status}"
        );
        // A retry of the check-in stored before still gets its answer, and the pair's people
        // still read what they wrote.
        assert_eq!(
            checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0001", 4))
                .await
                .unwrap(),
            Outcome::Done(before.clone()),
            "{status}"
        );
        let rows = checkins::for_pair(&w.db, &w.mentor, &w.pair)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(rows.len(), 1, "{status}");
    }
    // A draft pair does not exist for its people yet.
    set_pair_status(&w, "draft").await;
    assert_eq!(
        checkins::submit(&w.db, &w.mentee, &w.pair, &checkin("phone-0010", 4))
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert!(
        checkins::for_pair(&w.db, &w.mentee, &w.pair)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(count(&w, "RETURN count(SELECT id FROM checkin)").await, 1);
}

// Meetings -----------------------------------------------------------------------------------

fn meeting(place: &str) -> ValidMeeting {
    ValidMeeting {
        date: domain::Date::parse("2027-03-01").unwrap(),
        hour: 10,
        minute: 30,
        minutes: 45,
        time_zone: "Europe/Madrid".into(),
        place: Some(place.into()),
        video_url: None,
    }
}

/// `change` of `meeting` by `account` at `now`, without a new time.
async fn change(
    w: &World,
    account: &AccountKey,
    key: &str,
    change: MeetingChange,
    now: DateTime<Utc>,
) -> ChangeOutcome {
    meetings::change(&w.db, account, &MeetingKey::new(key), change, None, now, BASE)
        .await
        .unwrap()
}

/// The meeting as `account` reads it (panics when they cannot).
async fn read(w: &World, account: &AccountKey, key: &str) -> meetings::MeetingRow {
    meetings::get(&w.db, account, &MeetingKey::new(key))
        .await
        .unwrap()
        .expect("a meeting of the pair")
}

/// A meeting the mentee proposes at `starts_at`, and the mentor accepts.
async fn accepted_meeting(w: &World, starts_at: DateTime<Utc>) -> String {
    let key = done(
        meetings::propose(&w.db, &w.mentee, &w.pair, starts_at, &meeting("Sala 1"), BASE)
            .await
            .unwrap(),
    );
    assert_eq!(
        change(w, &w.mentor, &key, MeetingChange::Accept, Utc::now()).await,
        ChangeOutcome::Done(MeetingStatus::Accepted)
    );
    key
}

#[tokio::test]
async fn a_meeting_is_proposed_accepted_moved_and_held_by_the_rules() {
    let w = world().await;
    let now = Utc::now();
    let starts = now + Duration::days(3);
    let key = done(
        meetings::propose(&w.db, &w.mentee, &w.pair, starts, &meeting("Sala Picasso"), BASE)
            .await
            .unwrap(),
    );
    // The other person is told, in their language; the proposer is not.
    assert_eq!(
        notified(&w, &w.mentor, "meeting_proposed").await,
        [Notice::MeetingProposed {
            name: named("Tomás Mentee")
        }]
    );
    let mails = emailed(&w, "meeting_proposed").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].1, "es", "the mentor reads Spanish: {mails:?}");
    assert!(
        mails[0].2.starts_with(BASE) && mails[0].2.ends_with(&format!("/pair/{}", w.pair)),
        "{mails:?}"
    );
    assert!(notified(&w, &w.mentee, "meeting_proposed").await.is_empty());
    assert_eq!(
        count(
            &w,
            "RETURN count(SELECT id FROM outbox_email WHERE to = 'mentor@example.com')"
        )
        .await,
        1
    );
    let proposed = read(&w, &w.mentee, &key).await;
    assert_eq!(
        (
            proposed.status.as_str(),
            proposed.sequence,
            proposed.proposed_by_me
        ),
        ("proposed", 0, true)
    );
    assert_eq!(proposed.place.as_deref(), Some("Sala Picasso"));
    assert_eq!(proposed.starts_at.timestamp(), starts.timestamp());
    let seen_by_mentor = read(&w, &w.mentor, &key).await;
    assert!(!seen_by_mentor.proposed_by_me && seen_by_mentor.i_mentor);

    // The proposer does not accept their own proposal; nothing is held before it starts.
    assert_eq!(
        change(&w, &w.mentee, &key, MeetingChange::Accept, now).await,
        ChangeOutcome::Refused(MeetingRuleError::OwnProposal)
    );
    assert_eq!(
        change(&w, &w.mentor, &key, MeetingChange::Held, now).await,
        ChangeOutcome::Refused(MeetingRuleError::NotStarted)
    );
    assert_eq!(
        change(&w, &w.mentor, &key, MeetingChange::Accept, now).await,
        ChangeOutcome::Done(MeetingStatus::Accepted)
    );
    // Accepting again (another tab) answers the same and writes nothing.
    assert_eq!(
        change(&w, &w.mentor, &key, MeetingChange::Accept, now).await,
        ChangeOutcome::Done(MeetingStatus::Accepted)
    );
    assert_eq!(read(&w, &w.mentor, &key).await.sequence, 1);
    assert_eq!(notified(&w, &w.mentee, "meeting_accepted").await.len(), 1);

    // Moving it makes the mover the proposer of a new time, to be accepted again.
    let later = now + Duration::days(5);
    let moved = ValidMeeting {
        video_url: Some("https://meet.example.com/abc".into()),
        ..meeting("Sala 2")
    };
    let r = meetings::change(
        &w.db,
        &w.mentor,
        &MeetingKey::new(key.as_str()),
        MeetingChange::Reschedule,
        Some((later, &moved)),
        now,
        BASE,
    )
    .await
    .unwrap();
    assert_eq!(r, ChangeOutcome::Done(MeetingStatus::Proposed));
    let row = read(&w, &w.mentee, &key).await;
    assert_eq!((row.sequence, row.proposed_by_me), (2, false));
    assert_eq!(row.starts_at.timestamp(), later.timestamp());
    assert_eq!(row.video_url.as_deref(), Some("https://meet.example.com/abc"));
    assert_eq!(
        notified(&w, &w.mentee, "meeting_rescheduled").await,
        [Notice::MeetingRescheduled {
            name: named("Marta Mentora")
        }]
    );
    // A reschedule needs its new time.
    assert_eq!(
        change(&w, &w.mentee, &key, MeetingChange::Reschedule, now).await,
        ChangeOutcome::Refused(MeetingRuleError::WrongState)
    );
    assert_eq!(
        change(&w, &w.mentee, &key, MeetingChange::Accept, now).await,
        ChangeOutcome::Done(MeetingStatus::Accepted)
    );

    // Once it has started it is held; a held meeting cannot be cancelled.
    let after = later + Duration::hours(1);
    assert_eq!(
        change(&w, &w.mentee, &key, MeetingChange::Held, after).await,
        ChangeOutcome::Done(MeetingStatus::Held)
    );
    assert_eq!(
        change(&w, &w.mentor, &key, MeetingChange::Cancel, after).await,
        ChangeOutcome::Refused(MeetingRuleError::WrongState)
    );
    assert_eq!(read(&w, &w.mentor, &key).await.status, "held");

    // Notes: either person writes them.
    assert_eq!(
        meetings::set_notes(
            &w.db,
            &w.mentor,
            &MeetingKey::new(key.as_str()),
            "Agenda: prompts"
        )
        .await
        .unwrap(),
        Outcome::Done(key.clone())
    );
    assert_eq!(read(&w, &w.mentee, &key).await.notes, "Agenda: prompts");
    let listed = meetings::for_pair(&w.db, &w.mentee, &w.pair)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        meetings::for_feed(&w.db, w.mentor.as_str()).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn a_meeting_is_the_pairs_alone_and_read_only_once_the_pair_is_paused() {
    let w = world().await;
    let now = Utc::now();
    let key = accepted_meeting(&w, now + Duration::days(3)).await;

    // Outsiders find nothing: not the meeting, not the pair's list, not a change or a note; an
    // unknown key looks the same.
    assert!(
        meetings::get(&w.db, &w.out, &MeetingKey::new(key.as_str()))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        meetings::for_pair(&w.db, &w.out, &w.pair)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        meetings::for_feed(&w.db, w.out.as_str())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        change(&w, &w.out, &key, MeetingChange::Cancel, now).await,
        ChangeOutcome::NotFound
    );
    assert_eq!(
        change(&w, &w.mentor, "nope", MeetingChange::Cancel, now).await,
        ChangeOutcome::NotFound
    );
    assert_eq!(
        meetings::set_notes(&w.db, &w.out, &MeetingKey::new(key.as_str()), "Spy")
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        meetings::propose(&w.db, &w.out, &w.pair, now, &meeting("Spy"), BASE)
            .await
            .unwrap(),
        Outcome::NotFound
    );
    let row = read(&w, &w.mentee, &key).await;
    assert_eq!(
        (row.status.as_str(), row.sequence, row.notes.as_str()),
        ("accepted", 1, "")
    );

    // Paused or ended: still readable, but nothing changes.
    for status in ["paused", "ended"] {
        set_pair_status(&w, status).await;
        assert_eq!(
            change(&w, &w.mentor, &key, MeetingChange::Cancel, now).await,
            ChangeOutcome::Locked,
            "{status}"
        );
        assert_eq!(
            meetings::set_notes(&w.db, &w.mentor, &MeetingKey::new(key.as_str()), "Later")
                .await
                .unwrap(),
            Outcome::Locked,
            "{status}"
        );
        assert_eq!(
            meetings::propose(&w.db, &w.mentee, &w.pair, now, &meeting("Sala 1"), BASE)
                .await
                .unwrap(),
            Outcome::Locked,
            "{status}"
        );
        assert_eq!(read(&w, &w.mentee, &key).await.status, "accepted");
        assert_eq!(
            meetings::for_pair(&w.db, &w.mentee, &w.pair)
                .await
                .unwrap()
                .map(|m| m.len()),
            Some(1)
        );
    }
    // A draft pair has no meetings for its people.
    set_pair_status(&w, "draft").await;
    assert!(
        meetings::for_pair(&w.db, &w.mentee, &w.pair)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        meetings::propose(&w.db, &w.mentee, &w.pair, now, &meeting("Sala 1"), BASE)
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert_eq!(count(&w, "RETURN count(SELECT id FROM meeting)").await, 1);
}

#[tokio::test]
async fn two_changes_at_once_never_both_win() {
    let w = world().await;
    let started = Utc::now() + Duration::days(30);
    let mut raced = 0;
    for round in 0..6 {
        // The same change from two tabs at once is written once, and both are told it is done.
        let key = done(
            meetings::propose(
                &w.db,
                &w.mentee,
                &w.pair,
                Utc::now() + Duration::days(3),
                &meeting("Sala 1"),
                BASE,
            )
            .await
            .unwrap(),
        );
        let (a, b) = tokio::join!(
            change(&w, &w.mentor, &key, MeetingChange::Accept, Utc::now()),
            change(&w, &w.mentor, &key, MeetingChange::Accept, Utc::now()),
        );
        let accepted = ChangeOutcome::Done(MeetingStatus::Accepted);
        assert_eq!((&a, &b), (&accepted, &accepted), "round {round}");
        assert_eq!(read(&w, &w.mentee, &key).await.sequence, 1, "round {round}");

        // Held and cancelled at once: exactly one wins; the other is refused by the rules (it
        // came second) or told the meeting changed meanwhile (it raced), and writes nothing.
        let (held, cancelled) = tokio::join!(
            change(&w, &w.mentor, &key, MeetingChange::Held, started),
            change(&w, &w.mentee, &key, MeetingChange::Cancel, started),
        );
        let lost = |o: &ChangeOutcome| {
            matches!(
                o,
                ChangeOutcome::Stale | ChangeOutcome::Refused(MeetingRuleError::WrongState)
            )
        };
        if held == ChangeOutcome::Stale || cancelled == ChangeOutcome::Stale {
            raced += 1;
        }
        let status = read(&w, &w.mentee, &key).await;
        match (&held, &cancelled) {
            (ChangeOutcome::Done(MeetingStatus::Held), c) if lost(c) => assert_eq!(status.status, "held"),
            (h, ChangeOutcome::Done(MeetingStatus::Cancelled)) if lost(h) => {
                assert_eq!(status.status, "cancelled");
            }
            other => panic!("round {round}: both or neither won: {other:?}"),
        }
        assert_eq!(
            status.sequence, 2,
            "round {round}: one write after the acceptance"
        );
    }
    // `join!` runs both changes on this one thread, each up to its first wait for the database,
    // so they read the meeting before either writes: the stale path is the one taken.
    assert!(raced > 0, "no round raced, so the stale answer went untested");
    // Each acceptance told the mentee once.
    assert_eq!(notified(&w, &w.mentee, "meeting_accepted").await.len(), 6);
}

#[tokio::test]
async fn a_calendar_feed_token_is_replaced_and_revoked() {
    let w = world().await;
    assert_eq!(
        meetings::feed_created(&w.db, w.mentee.as_str()).await.unwrap(),
        None
    );
    meetings::replace_feed_token(&w.db, &w.mentee, "hash-1")
        .await
        .unwrap();
    assert_eq!(
        meetings::feed_owner(&w.db, "hash-1").await.unwrap().as_deref(),
        Some(w.mentee.as_str())
    );
    assert!(
        meetings::feed_created(&w.db, w.mentee.as_str())
            .await
            .unwrap()
            .is_some()
    );
    // A new token ends the old one.
    meetings::replace_feed_token(&w.db, &w.mentee, "hash-2")
        .await
        .unwrap();
    assert_eq!(meetings::feed_owner(&w.db, "hash-1").await.unwrap(), None);
    assert_eq!(
        meetings::feed_owner(&w.db, "hash-2").await.unwrap().as_deref(),
        Some(w.mentee.as_str())
    );
    // A disabled account's feed stops answering.
    users::set_disabled(&w.db, w.mentee.as_str(), true).await.unwrap();
    assert_eq!(meetings::feed_owner(&w.db, "hash-2").await.unwrap(), None);
    users::set_disabled(&w.db, w.mentee.as_str(), false)
        .await
        .unwrap();
    assert!(
        meetings::revoke_feed_token(&w.db, w.mentee.as_str())
            .await
            .unwrap()
    );
    assert_eq!(meetings::feed_owner(&w.db, "hash-2").await.unwrap(), None);
    assert!(
        !meetings::revoke_feed_token(&w.db, w.mentee.as_str())
            .await
            .unwrap()
    );
    assert_eq!(
        meetings::feed_created(&w.db, w.mentee.as_str()).await.unwrap(),
        None
    );
}

// Feedback -----------------------------------------------------------------------------------

fn header(audience: &str, trigger: &str) -> FormHeader {
    FormHeader {
        title_es: "Tras la reunión".into(),
        title_en: "After the meeting".into(),
        audience: audience.into(),
        trigger: trigger.into(),
        due_days: 7,
        anonymous: false,
    }
}

/// One required rating question, `q1`, as the domain's JSON.
fn questions() -> String {
    serde_json::to_string(&[Question {
        key: "q1".into(),
        kind: QuestionKind::Rating,
        required: true,
        text_es: "¿Fue útil?".into(),
        text_en: "Was it useful?".into(),
        options: vec![],
    }])
    .unwrap()
}

fn rating(value: u8) -> Vec<(String, String)> {
    vec![(
        "q1".to_owned(),
        serde_json::to_string(&AnswerValue::Rating(value)).unwrap(),
    )]
}

/// A switched-on form with [`questions`] in the program; answers its key.
async fn active_form(w: &World, audience: &str, trigger: &str) -> String {
    let h = header(audience, trigger);
    let form = feedback::create_form(&w.db, &w.program, &h).await.unwrap();
    assert!(
        feedback::update_form(&w.db, &form, &h, &questions())
            .await
            .unwrap()
    );
    feedback::set_active(&w.db, &form, true).await.unwrap();
    form
}

/// The key of the account's one request (panics unless there is exactly one).
async fn only_request(w: &World, account: &AccountKey) -> FeedbackRequestKey {
    let mine = feedback::my_requests(&w.db, account.as_str()).await.unwrap();
    assert_eq!(mine.len(), 1, "{mine:?}");
    FeedbackRequestKey::new(db::key_of(&mine[0].id))
}

#[tokio::test]
async fn a_feedback_form_goes_out_once_per_occasion_and_only_while_switched_on() {
    let w = world().await;
    let h = header("both", "manual");
    let form = feedback::create_form(&w.db, &w.program, &h).await.unwrap();
    let row = feedback::form(&w.db, &form).await.unwrap().unwrap();
    assert!(!row.active);
    assert_eq!(
        (row.questions_json.as_str(), row.sent, row.answered),
        ("[]", 0, 0)
    );
    assert_eq!(row.title_en, "After the meeting");
    let listed = feedback::forms(&w.db, &w.program).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(feedback::form(&w.db, "nope").await.unwrap().is_none());

    // Switched off, nothing goes out.
    let now = Utc::now();
    assert_eq!(
        feedback::send(&w.db, &form, "manual", None, now, BASE)
            .await
            .unwrap(),
        0
    );
    assert!(
        feedback::update_form(&w.db, &form, &h, &questions())
            .await
            .unwrap()
    );
    feedback::set_active(&w.db, &form, true).await.unwrap();
    // Both people of the one published pair are asked, once per occasion, and told so in their
    // language; the outsider is not.
    assert_eq!(
        feedback::send(&w.db, &form, "manual", None, now, BASE)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        feedback::send(&w.db, &form, "manual", None, now, BASE)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        notified(&w, &w.mentee, "feedback_due").await,
        [Notice::FeedbackDue { form: form_title() }]
    );
    assert_eq!(
        notified(&w, &w.mentor, "feedback_due").await,
        [Notice::FeedbackDue { form: form_title() }]
    );
    let langs: Vec<String> = emailed(&w, "feedback_due")
        .await
        .into_iter()
        .map(|m| m.1)
        .collect();
    assert_eq!(langs.iter().filter(|l| *l == "en").count(), 1, "{langs:?}");
    assert_eq!(langs.iter().filter(|l| *l == "es").count(), 1, "{langs:?}");
    assert!(
        feedback::my_requests(&w.db, w.out.as_str())
            .await
            .unwrap()
            .is_empty()
    );
    let mine = feedback::my_requests(&w.db, w.mentee.as_str()).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        mine[0].subject_name, "Marta Mentora",
        "the answers are about the mentor"
    );
    assert_eq!(mine[0].due_at.timestamp(), (now + Duration::days(7)).timestamp());
    let row = feedback::form(&w.db, &form).await.unwrap().unwrap();
    assert_eq!((row.sent, row.answered), (2, 0));

    // Another occasion asks again; a form for mentors only asks the mentor.
    assert_eq!(
        feedback::send(&w.db, &form, "end", None, now, BASE)
            .await
            .unwrap(),
        2
    );
    let mentors_only = active_form(&w, "mentors", "manual").await;
    assert_eq!(
        feedback::send(&w.db, &mentors_only, "manual", None, now, BASE)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        feedback::my_requests(&w.db, w.mentor.as_str())
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        feedback::my_requests(&w.db, w.mentee.as_str())
            .await
            .unwrap()
            .len(),
        2
    );

    // A paused pair is asked nothing.
    set_pair_status(&w, "paused").await;
    let later = active_form(&w, "both", "manual").await;
    assert_eq!(
        feedback::send(&w.db, &later, "manual", None, now, BASE)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_feedback_request_is_answered_once_by_its_respondent() {
    let w = world().await;
    let form = active_form(&w, "both", "manual").await;
    feedback::send(&w.db, &form, "manual", None, Utc::now(), BASE)
        .await
        .unwrap();
    let request = only_request(&w, &w.mentee).await;

    // Only the respondent reads or answers it; to anyone else it does not exist.
    assert!(
        feedback::request_for(&w.db, &w.mentor, &request)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        feedback::answer(&w.db, &w.mentor, &request, &rating(1))
            .await
            .unwrap(),
        Outcome::NotFound
    );
    assert_eq!(
        feedback::answer(&w.db, &w.out, &request, &rating(1))
            .await
            .unwrap(),
        Outcome::NotFound
    );
    let (row, answers) = feedback::request_for(&w.db, &w.mentee, &request)
        .await
        .unwrap()
        .unwrap();
    assert!(row.answered_at.is_none() && answers.is_empty());

    assert_eq!(
        feedback::answer(&w.db, &w.mentee, &request, &rating(4))
            .await
            .unwrap(),
        Outcome::Done(request.to_string())
    );
    assert_eq!(
        feedback::answer(&w.db, &w.mentee, &request, &rating(1))
            .await
            .unwrap(),
        Outcome::Locked,
        "once only"
    );
    let (row, answers) = feedback::request_for(&w.db, &w.mentee, &request)
        .await
        .unwrap()
        .unwrap();
    assert!(row.answered_at.is_some());
    assert_eq!(answers.len(), 1);
    assert_eq!(
        serde_json::from_str::<AnswerValue>(&answers[0].value).unwrap(),
        AnswerValue::Rating(4)
    );

    // HR's results: the one answer, who gave it and about whom.
    let results = feedback::results(&w.db, &form).await.unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        (
            results[0].question.as_str(),
            results[0].respondent_name.as_str(),
            results[0].subject_name.as_deref()
        ),
        ("q1", "Tomás Mentee", Some("Marta Mentora"))
    );
    let form_row = feedback::form(&w.db, &form).await.unwrap().unwrap();
    assert_eq!((form_row.sent, form_row.answered), (2, 1));
    // Its questions are fixed now: answers keep their meaning.
    assert!(
        !feedback::update_form(&w.db, &form, &header("both", "manual"), "[]")
            .await
            .unwrap()
    );
    assert_eq!(
        feedback::form(&w.db, &form)
            .await
            .unwrap()
            .unwrap()
            .questions_json,
        questions()
    );
}

#[tokio::test]
async fn after_meeting_forms_go_out_once_a_meeting_is_held() {
    let w = world().await;
    let form = active_form(&w, "both", "after_meeting").await;
    // A switched-off one and a manual one are not sent after meetings.
    let off = feedback::create_form(&w.db, &w.program, &header("both", "after_meeting"))
        .await
        .unwrap();
    active_form(&w, "both", "manual").await;
    let now = Utc::now();
    let key = accepted_meeting(&w, now + Duration::hours(1)).await;
    assert_eq!(
        feedback::send_after_meeting(&w.db, &key, now, BASE)
            .await
            .unwrap(),
        0,
        "not held yet"
    );
    assert_eq!(
        change(&w, &w.mentor, &key, MeetingChange::Held, now + Duration::hours(2)).await,
        ChangeOutcome::Done(MeetingStatus::Held)
    );
    assert_eq!(
        feedback::send_after_meeting(&w.db, &key, now, BASE)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        feedback::send_after_meeting(&w.db, &key, now, BASE)
            .await
            .unwrap(),
        0,
        "once per meeting"
    );
    assert_eq!(feedback::form(&w.db, &form).await.unwrap().unwrap().sent, 2);
    assert_eq!(feedback::form(&w.db, &off).await.unwrap().unwrap().sent, 0);
    let occasion: Vec<String> =
        w.db.client()
            .query("SELECT VALUE occasion FROM feedback_request")
            .await
            .unwrap()
            .take(0)
            .unwrap();
    assert_eq!(occasion, [format!("meeting:{key}"), format!("meeting:{key}")]);
}

// Reminders ----------------------------------------------------------------------------------

#[tokio::test]
async fn a_meeting_is_reminded_once_and_again_after_it_moves() {
    let w = world().await;
    let now = Utc::now();
    let starts = now + Duration::days(3);
    let key = done(
        meetings::propose(&w.db, &w.mentee, &w.pair, starts, &meeting("Sala 1"), BASE)
            .await
            .unwrap(),
    );
    // A proposal is not reminded, even within the day before.
    let day_before = starts - Duration::hours(2);
    assert_eq!(
        reminders::send_due(&w.db, day_before, BASE).await.unwrap(),
        Sent::default()
    );
    assert_eq!(
        change(&w, &w.mentor, &key, MeetingChange::Accept, now).await,
        ChangeOutcome::Done(MeetingStatus::Accepted)
    );
    // Accepted: not yet two days before, then once within the day before, to both people.
    assert_eq!(
        reminders::send_due(&w.db, starts - Duration::days(2), BASE)
            .await
            .unwrap()
            .meetings,
        0
    );
    assert_eq!(
        reminders::send_due(&w.db, day_before, BASE)
            .await
            .unwrap()
            .meetings,
        1
    );
    assert_eq!(
        reminders::send_due(&w.db, day_before + Duration::hours(1), BASE)
            .await
            .unwrap()
            .meetings,
        0,
        "once"
    );
    assert_eq!(
        notified(&w, &w.mentee, "meeting_reminder").await,
        [Notice::MeetingReminder {
            name: named("Marta Mentora")
        }]
    );
    assert_eq!(notified(&w, &w.mentor, "meeting_reminder").await.len(), 1);
    // Not once it has started.
    assert_eq!(
        reminders::send_due(&w.db, starts + Duration::minutes(1), BASE)
            .await
            .unwrap()
            .meetings,
        0
    );

    // Moved and accepted again: reminded again before the new time.
    let moved = starts + Duration::days(2);
    meetings::change(
        &w.db,
        &w.mentor,
        &MeetingKey::new(key.as_str()),
        MeetingChange::Reschedule,
        Some((moved, &meeting("Sala 2"))),
        now,
        BASE,
    )
    .await
    .unwrap();
    assert_eq!(
        change(&w, &w.mentee, &key, MeetingChange::Accept, now).await,
        ChangeOutcome::Done(MeetingStatus::Accepted)
    );
    assert_eq!(
        reminders::send_due(&w.db, moved - Duration::hours(1), BASE)
            .await
            .unwrap()
            .meetings,
        1
    );
    assert_eq!(notified(&w, &w.mentee, "meeting_reminder").await.len(), 2);

    // A paused pair's meetings are not reminded.
    let other = accepted_meeting(&w, starts + Duration::days(10)).await;
    set_pair_status(&w, "paused").await;
    assert_eq!(
        reminders::send_due(&w.db, starts + Duration::days(10) - Duration::hours(1), BASE)
            .await
            .unwrap()
            .meetings,
        0
    );
    assert_eq!(read(&w, &w.mentor, &other).await.status, "accepted");
}

#[tokio::test]
async fn a_quiet_active_pair_is_nudged_once_per_cadence() {
    let w = world().await;
    let now = Utc::now();
    // Published, not yet active: not followed.
    assert_eq!(
        reminders::send_due(&w.db, now + Duration::days(20), BASE)
            .await
            .unwrap()
            .quiet_pairs,
        0
    );
    set_pair_status(&w, "active").await;
    // Within the cadence (14 days from publication): nothing.
    assert_eq!(
        reminders::send_due(&w.db, now + Duration::days(10), BASE)
            .await
            .unwrap()
            .quiet_pairs,
        0
    );
    let quiet = now + Duration::days(20);
    assert_eq!(
        reminders::send_due(&w.db, quiet, BASE).await.unwrap().quiet_pairs,
        1
    );
    assert_eq!(
        reminders::send_due(&w.db, quiet + Duration::days(1), BASE)
            .await
            .unwrap()
            .quiet_pairs,
        0,
        "once per cadence period"
    );
    assert_eq!(
        notified(&w, &w.mentor, "pair_quiet").await,
        [Notice::PairQuiet {
            name: named("Tomás Mentee")
        }]
    );
    assert_eq!(notified(&w, &w.mentee, "pair_quiet").await.len(), 1);
    let next_period = quiet + Duration::days(15);
    assert_eq!(
        reminders::send_due(&w.db, next_period, BASE)
            .await
            .unwrap()
            .quiet_pairs,
        1
    );

    // A meeting planned ahead keeps a pair from being quiet.
    done(
        meetings::propose(
            &w.db,
            &w.mentee,
            &w.pair,
            next_period + Duration::days(40),
            &meeting("Sala 1"),
            BASE,
        )
        .await
        .unwrap(),
    );
    assert_eq!(
        reminders::send_due(&w.db, next_period + Duration::days(30), BASE)
            .await
            .unwrap()
            .quiet_pairs,
        0
    );
    assert_eq!(notified(&w, &w.mentee, "pair_quiet").await.len(), 2);
}

#[tokio::test]
async fn unanswered_feedback_is_reminded_once_before_it_is_due() {
    let w = world().await;
    let now = Utc::now();
    let form = active_form(&w, "both", "manual").await;
    feedback::send(&w.db, &form, "manual", None, now, BASE)
        .await
        .unwrap();
    let answered = only_request(&w, &w.mentor).await;
    assert_eq!(
        feedback::answer(&w.db, &w.mentor, &answered, &rating(5))
            .await
            .unwrap(),
        Outcome::Done(answered.to_string())
    );
    // Due in 7 days: nothing until two days before, then only the unanswered request, once.
    assert_eq!(
        reminders::send_due(&w.db, now + Duration::days(4), BASE)
            .await
            .unwrap()
            .feedback,
        0
    );
    let soon = now + Duration::days(6);
    assert_eq!(reminders::send_due(&w.db, soon, BASE).await.unwrap().feedback, 1);
    assert_eq!(reminders::send_due(&w.db, soon, BASE).await.unwrap().feedback, 0);
    assert_eq!(
        notified(&w, &w.mentee, "feedback_reminder").await,
        [Notice::FeedbackReminder { form: form_title() }]
    );
    assert!(notified(&w, &w.mentor, "feedback_reminder").await.is_empty());
    // Past its due date, no reminder either.
    assert_eq!(
        reminders::send_due(&w.db, now + Duration::days(8), BASE)
            .await
            .unwrap()
            .feedback,
        0
    );
}

#[tokio::test]
async fn a_form_sent_to_one_pair_asks_only_that_pair() {
    let w = world().await;
    // A second published pair in the program, between the outsider and the mentor.
    run(
        &w.db,
        "LET $out = (SELECT VALUE id FROM ONLY employee WHERE email = 'out@example.com' LIMIT 1);
         LET $mentor = (SELECT VALUE id FROM ONLY employee WHERE email = 'mentor@example.com' LIMIT 1);
         CREATE pair SET program = type::record('program', $prog), mentor = $mentor, mentee = $out,
             score = 70, status = 'active';",
        &[("prog", w.program.as_str())],
    )
    .await;
    let form = active_form(&w, "mentees", "manual").await;
    let only = RecordId::new("pair", w.pair.as_str());
    assert_eq!(
        feedback::send(&w.db, &form, "manual", Some(only), Utc::now(), BASE)
            .await
            .unwrap(),
        1
    );
    assert!(
        feedback::my_requests(&w.db, w.out.as_str())
            .await
            .unwrap()
            .is_empty()
    );
    only_request(&w, &w.mentee).await;
    // Sent to the whole program, the other pair's mentee is asked too; the first is not asked
    // twice for the same occasion.
    assert_eq!(
        feedback::send(&w.db, &form, "manual", None, Utc::now(), BASE)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        feedback::my_requests(&w.db, w.out.as_str()).await.unwrap().len(),
        1
    );
}

/// The account and pair reads every signed-in page makes are kept in memory between writes
/// (`db::read_cache`): each write, through a repository or the raw client, shows at once.
#[tokio::test]
async fn kept_reads_show_every_write_at_once() {
    let w = world().await;
    let unread = |w: &World| {
        let db = w.db.clone();
        let key = w.mentee.to_string();
        async move { users::find_with_unread(&db, &key).await.unwrap().unwrap() }
    };
    let status = |w: &World| {
        let db = w.db.clone();
        let key = w.mentee.to_string();
        async move { db::pairs::for_account(&db, &key).await.unwrap()[0].status.clone() }
    };
    // Read twice: the second answer is the kept one.
    assert_eq!(status(&w).await, "published");
    assert_eq!(status(&w).await, "published");
    let (row, n) = unread(&w).await;
    assert_eq!((row.name.as_str(), n, row.disabled), ("Tomás Mentee", 0, false));
    assert_eq!(unread(&w).await.1, 0);

    // A repository's write (both accept: the pair becomes active).
    db::pairs::accept(&w.db, &w.mentee, &w.pair).await.unwrap();
    db::pairs::accept(&w.db, &w.mentor, &w.pair).await.unwrap();
    assert_eq!(status(&w).await, "active");

    // A write through the raw client.
    run(
        &w.db,
        "UPDATE type::record('user', $a) SET name = 'Tomás Nuevo'",
        &[("a", w.mentee.as_str())],
    )
    .await;
    assert_eq!(unread(&w).await.0.name, "Tomás Nuevo");

    // A notification for the mentee (accepting may have sent some), then all read.
    let before = unread(&w).await.1;
    run(
        &w.db,
        "CREATE notification SET user = type::record('user', $a), kind = 'pair_published',
             title = 't', body = 'b', created_at = time::now()",
        &[("a", w.mentee.as_str())],
    )
    .await;
    assert_eq!(unread(&w).await.1, before + 1);
    db::notifications::mark_all_read(&w.db, w.mentee.as_str())
        .await
        .unwrap();
    assert_eq!(unread(&w).await.1, 0);

    // Disabling the account shows on the very next request.
    users::set_disabled(&w.db, w.mentee.as_str(), true).await.unwrap();
    assert!(unread(&w).await.0.disabled);
}
