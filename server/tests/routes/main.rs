//! Route tests: the real router over an in-memory database, called without a network.
//! They cover sign-in, the role checks every server function makes, and the HTTP protections.
//!
//! One test binary (each binary links the whole server), one module per area. The harness is the
//! one the other route tests share (`tests/support`); calls to server functions go through its
//! typed [`support::Harness::send`] (the function's argument struct, posted as the page posts
//! it), and hand-written bodies remain where a test is about malformed or hostile input, or
//! about exactly what a browser sends.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

#[path = "../support/refusals.rs"]
mod refusals;
#[path = "../support/mod.rs"]
mod support;

mod accounts;
mod board;
mod certificates;
mod checkins;
mod feedback;
mod goals;
mod import;
mod join;
mod meetings;
mod programs;
mod protections;
mod recognition;
mod reminders;
mod risk;
mod settings;
mod training;
mod workshops;

use app::board::api::{MyPairs, PublishPairs, RunMatching};
use app::programs::api::{ChangeProgramStatus, ListPrograms};
use app::workspace::meetings::{ChangeMeeting, ProposeMeeting};
use domain::{ProgramStatus, Role};
use support::Harness;

/// `change_program_status` moving the program `key` to `to`, without the confirmation closing
/// asks for.
fn move_to(key: &str, to: ProgramStatus) -> ChangeProgramStatus {
    ChangeProgramStatus {
        key: key.to_owned(),
        to,
        confirm: false,
    }
}

/// Signs in a demo person (demo password) and returns their session cookie.
async fn demo_sign_in(h: &Harness, email: &str) -> String {
    h.sign_in_with(email, db::demo::DEMO_PASSWORD).await
}

/// Signs in as the demo organisation's program manager on a fresh database with the demo loaded,
/// moves the demo program to matching, runs the engine, and answers `(cookie, program key)`.
async fn demo_board(h: &Harness) -> (String, String) {
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .unwrap();
    db::demo::load(&h.state.db, &hash).await.unwrap();
    let cookie = demo_sign_in(h, "rrhh@inversa.example").await;
    let list = h.send_ok(&cookie, &ListPrograms {}).await;
    let key = list[0].key.clone();
    h.send_ok(&cookie, &move_to(&key, ProgramStatus::Matching)).await;
    let run = h.send(&cookie, &RunMatching { program: key.clone() }).await;
    assert_eq!(run.body, "17");
    (cookie, key)
}

/// The draft pairs of a board (`load_board`'s answer) as `(mentee, mentor)` keys.
fn board_pairs(board: &serde_json::Value) -> Vec<(String, String)> {
    board["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["mentee"].as_str().unwrap().to_owned(),
                p["mentor"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Signs in as the employee with `email`: demo employees already have an account (demo
/// password); anyone else gets a participant account (password [`support::PASSWORD`]).
async fn give_account(h: &Harness, email: &str) -> String {
    if db::users::find_by_email(&h.state.db, email)
        .await
        .unwrap()
        .is_some()
    {
        return demo_sign_in(h, email).await;
    }
    h.link_account(email, "Mentor").await
}

/// A published demo pair with both its people signed in.
struct Published {
    /// The pair's key.
    pair: String,
    /// The demo program's key.
    program: String,
    /// The mentee's session (James Wilson, james.wilson@inversa.example).
    mentee: String,
    /// The mentor's session.
    mentor: String,
    /// The program manager's session (the demo's HR, rrhh@inversa.example).
    pm: String,
}

/// The demo board published, and James Wilson's pair with both people signed in.
async fn published_pair(h: &Harness) -> Published {
    let (pm, program) = demo_board(h).await;
    h.send(
        &pm,
        &PublishPairs {
            program: program.clone(),
        },
    )
    .await;
    let james = demo_sign_in(h, "james.wilson@inversa.example").await;
    let mine = h.send_ok(&james, &MyPairs {}).await;
    let mentor = give_account(h, &mine[0].other_email).await;
    Published {
        pair: mine[0].key.clone(),
        program,
        mentee: james,
        mentor,
        pm,
    }
}

/// `days` from today as `YYYY-MM-DD`.
fn day_from_now(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// `propose_meeting`'s arguments: 45 minutes at `time` on `date` in `zone`, at `place`, no video
/// link, no submission key.
fn proposal(pair: &str, date: &str, time: &str, zone: &str, place: &str) -> ProposeMeeting {
    ProposeMeeting {
        pair: pair.to_owned(),
        date: date.to_owned(),
        time: time.to_owned(),
        minutes: "45".into(),
        time_zone: zone.to_owned(),
        place: place.to_owned(),
        video_url: String::new(),
        submission: String::new(),
    }
}

/// `change_meeting`'s arguments: `change` (`accept`, `cancel`, `held`…) of `meeting`.
fn change_meeting(meeting: &str, change: &str) -> ChangeMeeting {
    ChangeMeeting {
        meeting: meeting.to_owned(),
        change: change.to_owned(),
    }
}

/// The number a SurrealQL `RETURN count(…)` answers.
async fn count(h: &Harness, sql: &str) -> Option<i64> {
    h.state.db.client().query(sql).await.unwrap().take(0).unwrap()
}

/// The texts a SurrealQL `SELECT VALUE` of a text field answers.
async fn texts(h: &Harness, sql: &str) -> Vec<String> {
    h.state.db.client().query(sql).await.unwrap().take(0).unwrap()
}

#[tokio::test]
async fn a_typed_call_posts_what_the_page_posts() {
    // The harness's typed call and the page's hand-written form reach the same function with the
    // same arguments: both make the same program.
    let h = support::harness().await;
    let pm = h.sign_in_as(Role::ProgramManager).await;
    let by_form = h.create_program(&pm).await;
    let by_type: String = h
        .send_ok(
            &pm,
            &app::programs::api::CreateProgram {
                input: support::program_input(),
                submission: String::new(),
            },
        )
        .await;
    let read = async |key: &str| {
        let key = key.to_owned();
        h.send_ok(&pm, &app::programs::api::GetProgram { key }).await
    };
    let (form, typed) = (read(&by_form).await, read(&by_type).await);
    assert_ne!(by_form, by_type);
    assert_eq!(form.input, typed.input);
    assert_eq!(form.input.name, "Piloto 2027");
}
