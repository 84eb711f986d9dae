//! The `inversa` binary's command line: the open pairing interface and start-up validation.
//! Every run fails its test when the binary panicked; the panic check itself is tested here on a
//! log sample.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `inversa` with `args` and `stdin`: exit code, stdout, stderr. Fails the test when the
/// command panicked, whatever it answered.
fn inversa(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_inversa"))
        .args(args)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let panics = support::panics_in(&stderr);
    assert!(panics.is_empty(), "inversa {args:?} panicked: {panics:?}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn pairing_solve_reads_a_raw_matrix_and_writes_the_optimum() {
    // Greedy would give x→a (90) and leave y with nobody; the optimum matches both.
    let input = r#"{"mentors":[{"id":"a","capacity":1},{"id":"b","capacity":1}],
        "mentees":[{"id":"x"},{"id":"y"}],
        "scores":[[90,80],[70,null]]}"#;
    let (code, out, err) = inversa(&["pairing", "solve"], input);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matched"], 2);
    assert_eq!(v["total"], 150);
    assert_eq!(v["pairs"][0]["mentee"], "x");
    assert_eq!(v["pairs"][0]["mentor"], "b");
    assert_eq!(v["pairs"][1]["mentor"], "a");
}

#[test]
fn pairing_solve_explains_unmatched_mentees_and_keeps_pins() {
    let input = r#"{"mentors":[{"id":"a","capacity":1}],"mentees":[{"id":"x"},{"id":"y"},{"id":"z"}],
        "scores":[[90],[10],[null]],"pins":[["y","a"]]}"#;
    let (code, out, err) = inversa(&["pairing", "solve"], input);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["pairs"][0]["mentee"], "y", "the pin wins over a better score");
    let reasons: Vec<(String, String)> = v["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["mentee"].as_str().unwrap().to_owned(),
                u["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        reasons.contains(&("x".into(), "capacity_used_up".into())),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("z".into(), "no_eligible_mentor".into())),
        "{reasons:?}"
    );
}

#[test]
fn pairing_solve_refuses_bad_input_with_a_message() {
    let (code, out, err) = inversa(
        &["pairing", "solve"],
        r#"{"mentors":[{"id":"a"}],"mentees":[{"id":"x"}],"scores":[[87,null]]}"#,
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("inversa:"), "{err}");
    let (code, _, err) = inversa(&["pairing", "solve"], "not json");
    assert_eq!(code, 1);
    assert!(err.contains("invalid pairing input"), "{err}");
}

#[test]
fn wrong_settings_stop_start_up_naming_the_setting() {
    let (code, _, err) = inversa(&["--database", "postgres://db", "serve"], "");
    assert_eq!(code, 1);
    assert!(err.contains("--database"), "{err}");
    let (code, _, err) = inversa(&["--base-url", "not a url", "serve"], "");
    assert_eq!(code, 1);
    assert!(err.contains("--base-url"), "{err}");
}

#[test]
fn admin_create_makes_an_admin_once() {
    let dir = std::env::temp_dir().join(format!("inversa-cli-{}", std::process::id()));
    let db = format!("surrealkv://{}/db", dir.display());
    let args = [
        "--database",
        db.as_str(),
        "admin",
        "create",
        "--email",
        "First@Example.com",
        "--password",
        "a long password",
    ];
    let (code, out, err) = inversa(&args, "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Created administrator first@example.com"), "{out}");
    let (code, _, err) = inversa(&args, "");
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    let short = [
        "--database",
        db.as_str(),
        "admin",
        "create",
        "--email",
        "b@example.com",
        "--password",
        "short",
    ];
    let (code, _, err) = inversa(&short, "");
    assert_eq!(code, 1);
    assert!(err.contains("10 to 256 characters"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// What `inversa` writes to stderr when a task polled after its request touches a disposed
/// signal, among ordinary log lines (colours as a terminal gets them).
const LOG_WITH_PANIC: &str = "\
\u{1b}[2m2026-11-30T23:27:03.344967Z\u{1b}[0m \u{1b}[32m INFO\u{1b}[0m \u{1b}[2mserver\u{1b}[0m\u{1b}[2m:\u{1b}[0m Inversa is listening address=127.0.0.1:4710
\u{1b}[2m2026-11-30T23:27:33.260353Z\u{1b}[0m \u{1b}[31mERROR\u{1b}[0m app::ssr::guard: internal error error=AppState missing from context

thread 'tokio-runtime-worker' panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/reactive_graph-0.2.16/src/traits.rs:394:39:
Tried to access a reactive value that has already been disposed.
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
\u{1b}[2m2026-11-30T23:27:34.438461Z\u{1b}[0m \u{1b}[33m WARN\u{1b}[0m server: a panic in a sentence is not a panic
";

#[test]
fn the_log_check_finds_a_panic_and_its_message() {
    let found = support::panics_in(LOG_WITH_PANIC);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("reactive_graph-0.2.16/src/traits.rs:394:39"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("Tried to access a reactive value that has already been disposed."),
        "{}",
        found[0]
    );
}

#[test]
fn the_log_check_stays_quiet_on_a_clean_log() {
    let clean: String = LOG_WITH_PANIC
        .lines()
        .filter(|l| !l.contains("panicked at"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(support::panics_in(&clean).is_empty());
    assert!(support::panics_in("").is_empty());
}
