//! The server under load, through the real router over the real engine.
//!
//! - A burst of sign-ins is served by the bounded password hasher: as many run at once as there
//!   are cores, a short queue waits, and the rest are told at once that the server is busy (503
//!   with `Retry-After`), never answered 500; sign-ins of one account at the same moment all
//!   succeed.
//! - Every page, loaded many times at once, carries the same data each time: the resources the
//!   server sends with the page for hydration are made once per load (never twice, once of them
//!   in an owner that dies early), so none carries an internal error such as "AppState missing
//!   from context", and no task outlives its request to panic on a disposed signal.
//! - The harness fails a test in which the server panicked.
//!
//! The tests take turns ([`ONE_AT_A_TIME`]): the password hasher and the panic record are per
//! process, and one test fills the first and another writes to the second.

mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use app::ssr::password::{PasswordHasher, RETRY_AFTER_SECONDS};
use axum::http::StatusCode;
use clap::Parser;
use server::config::Cli;
use support::{Harness, Reply, harness, session_cookie};

/// Held by every test for its whole run (see the module header).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A server over the demo organisation whose sign-in limits a burst from one address does not
/// reach (the limits are tested in routes/accounts.rs).
async fn demo_server() -> Arc<Harness> {
    support::watch_panics();
    let cli = Cli::try_parse_from([
        "inversa",
        "--database",
        "mem://",
        "--login-attempts-per-minute",
        "100000",
    ])
    .expect("arguments");
    let state = server::build_state(&cli.config).await.expect("state");
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    db::demo::load(&state.db, &hash).await.expect("demo");
    Arc::new(Harness {
        router: server::routes::router(state.clone()),
        state,
    })
}

/// Sends `n` sign-ins at the same moment, the i-th for `emails[i % len]`.
async fn burst(h: &Arc<Harness>, n: usize, emails: &[&str]) -> Vec<Reply> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let h = Arc::clone(h);
            let form = format!(
                "email={}&password={}",
                emails[i % emails.len()],
                db::demo::DEMO_PASSWORD
            );
            tokio::spawn(async move { h.post("/api/sign_in", &form, None, "en").await })
        })
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        replies.push(t.await.expect("sign-in task"));
    }
    replies
}

fn statuses(replies: &[Reply]) -> BTreeMap<u16, usize> {
    let mut m = BTreeMap::new();
    for r in replies {
        *m.entry(r.status.as_u16()).or_default() += 1;
    }
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_sign_ins_is_queued_then_refused_as_busy_never_failed() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let h = demo_server().await;
    let hasher = PasswordHasher::shared();
    let admitted = hasher.workers() + hasher.waiting();
    let emails = [
        "james.wilson@inversa.example",
        "lucia.fernandez@inversa.example",
        "rrhh@inversa.example",
        "admin@inversa.example",
    ];

    // As many as the hasher runs and queues are all served.
    let replies = burst(&h, admitted, &emails).await;
    for r in &replies {
        assert_eq!(r.status, StatusCode::OK, "{:?}: {}", statuses(&replies), r.body);
        assert!(session_cookie(r).is_some(), "a sign-in without a session");
    }

    // With the queue full (other passwords being hashed), a burst is told to come back.
    let fill: Vec<_> = (0..admitted)
        .map(|i| tokio::spawn(async move { hasher.hash(format!("filler password {i}")).await }))
        .collect();
    let replies = burst(&h, admitted * 2, &emails).await;
    let counts = statuses(&replies);
    for r in &replies {
        match r.status {
            StatusCode::OK => assert!(session_cookie(r).is_some(), "a sign-in without a session"),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(r.json()["kind"], "server_busy", "{}", r.body);
                assert!(
                    r.json()["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("Wait a few seconds")),
                    "{}",
                    r.body
                );
                assert_eq!(
                    r.headers.get("retry-after").and_then(|v| v.to_str().ok()),
                    Some(RETRY_AFTER_SECONDS.to_string().as_str())
                );
            }
            other => panic!("{counts:?}: a sign-in answered {other}: {}", r.body),
        }
    }
    assert!(
        counts.get(&503).is_some_and(|&n| n > 0),
        "{counts:?}: nothing was refused while the queue was full"
    );
    for f in fill {
        let _ = f.await;
    }

    // Once the burst is over the queue is empty again.
    let after = burst(&h, 1, &emails).await;
    assert_eq!(after[0].status, StatusCode::OK, "{}", after[0].body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_account_signing_in_many_times_at_once_always_succeeds() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let h = demo_server().await;
    for _ in 0..3 {
        let replies = burst(&h, 12, &["james.wilson@inversa.example"]).await;
        for r in &replies {
            assert_eq!(r.status, StatusCode::OK, "{:?}: {}", statuses(&replies), r.body);
            assert!(session_cookie(r).is_some());
        }
    }
}

/// Loads of each page, and how many run at once.
const LOADS: usize = 24;
const AT_ONCE: usize = 8;

/// Log lines written while the tests run, to look for errors the answers do not show.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut log) = LOG.lock() {
            log.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_log() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn")
        .with_ansi(false)
        .with_writer(|| LogWriter)
        .try_init();
}

fn log_text() -> String {
    LOG.lock()
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .unwrap_or_default()
}

/// One load: status, how many resources the page carries, whether any carries an internal error.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Load {
    status: u16,
    resources: usize,
    internal: bool,
}

fn read(status: StatusCode, body: &str) -> Load {
    Load {
        status: status.as_u16(),
        resources: body.matches("__RESOLVED_RESOURCES[").count(),
        internal: body.contains(r#"\"kind\":\"internal\""#) || body.contains(r#""kind":"internal""#),
    }
}

/// Loads `path` [`LOADS`] times, [`AT_ONCE`] at a time, with the session `cookie`.
async fn loads(h: &Arc<Harness>, path: &str, cookie: &str) -> Vec<Load> {
    let mut out = Vec::new();
    for _ in 0..LOADS / AT_ONCE {
        let batch: Vec<_> = (0..AT_ONCE)
            .map(|_| {
                let (h, path, cookie) = (Arc::clone(h), path.to_owned(), cookie.to_owned());
                tokio::spawn(async move {
                    let r = h.get(&path, Some(&cookie)).await;
                    read(r.status, &r.body)
                })
            })
            .collect();
        for task in batch {
            out.push(task.await.expect("page load task"));
        }
    }
    out
}

/// Asserts that every load of `path` answered 200 with the same number of resources and none
/// with an internal error.
fn all_alike(path: &str, loads: &[Load]) {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for l in loads {
        *counts.entry(l.resources).or_default() += 1;
    }
    let internal = loads.iter().filter(|l| l.internal).count();
    let not_ok = loads.iter().filter(|l| l.status != 200).count();
    assert!(
        internal == 0 && not_ok == 0 && counts.len() == 1,
        "{path}: {internal} loads carried an internal error, {not_ok} were not 200, resources per \
         load (count: loads) {counts:?}"
    );
    assert!(loads[0].resources > 0, "{path}: the page carried no data at all");
}

/// Published demo pairs, a feedback form, and sessions of the manager and of a mentee.
struct World {
    h: Arc<Harness>,
    pm: String,
    mentee: String,
    program: String,
    form: String,
    pair: String,
}

async fn world() -> World {
    let h = harness().await;
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    db::demo::load(&h.state.db, &hash).await.expect("demo");
    let pm = h
        .sign_in_with("rrhh@inversa.example", db::demo::DEMO_PASSWORD)
        .await;
    let list = h.post("/api/list_programs", "", Some(&pm), "en").await.json();
    let program = list[0]["key"].as_str().expect("program key").to_owned();
    for (path, form) in [
        ("/api/change_program_status", format!("key={program}&to=matching")),
        ("/api/run_matching", format!("program={program}")),
        ("/api/publish_pairs", format!("program={program}")),
        (
            "/api/create_feedback_form",
            format!(
                "program={program}&title_es=Encuesta&title_en=Survey&audience=both&trigger=manual&due_days=7&anonymous=on"
            ),
        ),
    ] {
        let r = h.post(path, &form, Some(&pm), "en").await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    let forms = h
        .post(
            "/api/feedback_forms",
            &format!("program={program}"),
            Some(&pm),
            "en",
        )
        .await
        .json();
    let form = forms[0]["key"].as_str().expect("form key").to_owned();
    let mentee = h
        .sign_in_with("james.wilson@inversa.example", db::demo::DEMO_PASSWORD)
        .await;
    let pairs = h.post("/api/my_pairs", "", Some(&mentee), "en").await.json();
    let pair = pairs[0]["key"].as_str().expect("pair key").to_owned();
    World {
        h: Arc::new(h),
        pm,
        mentee,
        program,
        form,
        pair,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_page_carries_the_same_data_on_every_load() {
    let _alone = ONE_AT_A_TIME.lock().await;
    capture_log();
    if let Ok(mut log) = LOG.lock() {
        log.clear();
    }
    let w = world().await;
    let p = &w.program;
    let hr_pages = [
        "/".to_owned(),
        "/programs".to_owned(),
        format!("/programs/{p}"),
        format!("/programs/{p}/pairs"),
        format!("/programs/{p}/import"),
        format!("/programs/{p}/risk"),
        format!("/programs/{p}/feedback"),
        format!("/programs/{p}/feedback/{}", w.form),
    ];
    let people_pages = [
        "/".to_owned(),
        "/pair".to_owned(),
        format!("/pair/{}", w.pair),
        "/checkin".to_owned(),
        "/feedback".to_owned(),
        "/notifications".to_owned(),
    ];
    for path in &hr_pages {
        all_alike(path, &loads(&w.h, path, &w.pm).await);
    }
    for path in &people_pages {
        all_alike(path, &loads(&w.h, path, &w.mentee).await);
    }
    let log = log_text();
    assert!(
        !log.contains("AppState missing") && !log.contains("internal error"),
        "the server logged internal errors while loading pages:\n{log}"
    );
}

/// The real failure: a task that outlives its request reads a signal whose owner is gone. The
/// harness records it and the next harness to be dropped fails the test; a panic in the test's
/// own code is not counted as the server's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_harness_fails_a_test_in_which_the_server_panicked() {
    use leptos::prelude::*;

    let _alone = ONE_AT_A_TIME.lock().await;
    let h = support::harness().await;
    let own = tokio::spawn(async { panic!("an assertion in a test") }).await;
    assert!(own.is_err());
    assert!(
        support::server_panics().is_empty(),
        "{:?}",
        support::server_panics()
    );

    let owner = Owner::new();
    let signal = owner.with(|| RwSignal::new(1));
    owner.cleanup();
    let late = tokio::spawn(async move { signal.get() }).await;
    assert!(late.is_err(), "reading a disposed signal should panic");
    let panics = support::server_panics();
    assert_eq!(panics.len(), 1, "{panics:?}");
    assert!(panics[0].contains("reactive_graph"), "{}", panics[0]);

    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(h)));
    let message = dropped.expect_err("dropping the harness should fail the test");
    let text = message.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(text.contains("the server panicked during the tests"), "{text}");
    assert!(text.contains("reactive_graph"), "{text}");
    // This panic was made on purpose: the tests that follow start from a clean record.
    support::forget_server_panics();
}
