//! Importing the employee file: only the program's owner, and all rows or none.

use app::import::api::{CommitImport, PreviewImport};
use axum::http::StatusCode;

use crate::count;
use crate::refusals::assert_refused;
use crate::support::{Harness, Reply, harness};

const GOOD_CSV: &str = "email;nombre;responsable;rol\nana.p@example.com;Ana Pérez;boss@example.com;mentora\nboss@example.com;Beatriz Jefa;;mentee\n";

fn base64(csv: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(csv)
}

/// `commit_import`'s arguments: `csv` for the program, with the default options.
fn commit(program: &str, csv: &str) -> CommitImport {
    CommitImport {
        program: program.to_owned(),
        csv_base64: base64(csv),
        options: Default::default(),
    }
}

/// `preview_import`'s arguments: `csv` for the program, with the default options.
fn preview(program: &str, csv: &str) -> PreviewImport {
    PreviewImport {
        program: program.to_owned(),
        csv_base64: base64(csv),
        options: Default::default(),
    }
}

async fn employee_count(h: &Harness) -> i64 {
    count(h, "RETURN count(SELECT id FROM employee)").await.unwrap()
}

#[tokio::test]
async fn import_functions_are_for_the_program_owner_only() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let ana = h.sign_in("ana@example.com").await;
    let other = h.sign_in("pm2@example.com").await;
    let protected = ["Ana Pérez", "Beatriz Jefa", "boss@example.com", "Piloto 2027"];
    // The preview and the import of the good file, as `cookie`.
    let both = async |cookie: Option<&str>| -> [Reply; 2] {
        [
            h.send_with(cookie, "en", &preview(&key, GOOD_CSV)).await,
            h.send_with(cookie, "en", &commit(&key, GOOD_CSV)).await,
        ]
    };
    for r in both(None).await {
        assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    }
    for r in both(Some(&ana)).await {
        assert_refused(&r, StatusCode::FORBIDDEN, &protected);
    }
    for r in both(Some(&other)).await {
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    assert_eq!(employee_count(&h).await, 0);
    let garbage = CommitImport {
        csv_base64: "***not base64***".into(),
        ..commit(&key, "")
    };
    let r = h.send(&pm, &garbage).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}

#[tokio::test]
async fn a_file_with_a_broken_row_imports_nothing_until_fixed() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let broken = GOOD_CSV.replace("boss@example.com;Beatriz", "jefa@example.com;Beatriz");
    let r = h.send(&pm, &preview(&key, &broken)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let preview = r.json();
    let read = &preview["Read"];
    assert_eq!(read["importable"], false);
    assert_eq!(read["errors"][0]["row"], 2);
    assert_eq!(read["errors"][0]["code"], "unknown_manager");

    let r = h.send(&pm, &commit(&key, &broken)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("nothing was imported"), "{}", r.body);
    assert_eq!(employee_count(&h).await, 0);

    let unusable = h.send(&pm, &commit(&key, "just one column\n")).await;
    assert_eq!(unusable.status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = h.send(&pm, &commit(&key, GOOD_CSV)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done = r.json();
    assert_eq!(
        (done["created"].as_i64(), done["updated"].as_i64()),
        (Some(2), Some(0))
    );
    let done = h.send(&pm, &commit(&key, GOOD_CSV)).await.json();
    assert_eq!(
        (done["created"].as_i64(), done["updated"].as_i64()),
        (Some(0), Some(2))
    );
    assert_eq!(employee_count(&h).await, 2);
}
