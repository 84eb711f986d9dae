//! The `inversa` binary's command line: the open pairing interface and start-up validation.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::io::Write;
use std::process::{Command, Stdio};

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
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
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
