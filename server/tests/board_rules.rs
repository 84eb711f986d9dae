//! Route tests of the pairing board's rules when the data changes under pairs already made: the
//! real router over an in-memory database. Every path that changes pairs (save, run, publish)
//! checks only what the change brings; published pairs that break a rule since (a mentor's
//! capacity lowered, her level raised by a re-import) are marked as needing a decision, never
//! lock the board, and HR can keep or undo them.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{Harness, harness};

/// The program's people as HR's export lists them; Lucía's level and capacity vary.
fn people(lucia_level: i32, lucia_capacity: i32) -> String {
    format!(
        "email;nombre;nivel;capacidad;idiomas;rol\n\
         lucia@example.com;Lucía Fernández;{lucia_level};{lucia_capacity};es;mentor\n\
         ana.m@example.com;Ana Moreno;1;2;es;mentor\n\
         james@example.com;James Wilson;6;;es;mentee\n\
         carmen@example.com;Carmen Ortega;6;;es;mentee\n\
         tomas@example.com;Tomás Vega;6;;es;mentee\n\
         marta@example.com;Marta Gil;6;;es;mentee\n"
    )
}

/// Imports `csv` into the program through the import page's server function.
async fn import(h: &Harness, pm: &str, program: &str, csv: &str) {
    use base64::Engine;
    let body = json!({
        "program": program,
        "csv_base64": base64::engine::general_purpose::STANDARD.encode(csv),
        "options": {},
    });
    let r = h.post_json("/api/commit_import", &body, Some(pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// A program of pm@ with the six people, in its matching stage; answers its key.
async fn program_in_matching(h: &Harness, pm: &str) -> String {
    let key = h.create_program(pm).await;
    import(h, pm, &key, &people(2, 2)).await;
    for to in ["enrolling", "matching"] {
        let r = h
            .post(
                "/api/change_program_status",
                &format!("key={key}&to={to}"),
                Some(pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    key
}

/// The board as the page loads it.
async fn board(h: &Harness, pm: &str, program: &str) -> Value {
    let r = h
        .post("/api/load_board", &format!("program={program}"), Some(pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

/// Employee key by first name.
fn key_of(board: &Value, first_name: &str) -> String {
    board["names"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p[1].as_str().unwrap().starts_with(first_name))
        .unwrap_or_else(|| panic!("{first_name} is not on the board"))[0]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The board's pair of this mentee, if any.
fn pair_of<'a>(board: &'a Value, mentee: &str) -> Option<&'a Value> {
    board["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["mentee"] == mentee)
}

/// Saves a hand-edited board with these `(mentee, mentor)` draft pairs.
async fn save(h: &Harness, pm: &str, program: &str, pairs: &[(&str, &str)]) -> support::Reply {
    let edit = json!({"edit": {"program": program, "pairs": pairs, "pins": [], "forbids": []}});
    h.post_json("/api/save_board", &edit, Some(pm)).await
}

async fn call(h: &Harness, pm: &str, path: &str, form: &str) -> support::Reply {
    h.post(path, form, Some(pm), "en").await
}

#[tokio::test]
async fn published_pairs_that_break_a_rule_since_need_a_decision_and_never_lock_the_board() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let program = program_in_matching(&h, &pm).await;
    let b = board(&h, &pm, &program).await;
    let [lucia, ana, james, carmen, tomas, marta] =
        ["Lucía", "Ana", "James", "Carmen", "Tomás", "Marta"].map(|n| key_of(&b, n));

    // HR pairs Lucía (capacity 2) with James and Carmen and publishes.
    let r = save(&h, &pm, &program, &[(&james, &lucia), (&carmen, &lucia)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&h, &pm, "/api/publish_pairs", &format!("program={program}")).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "2"));
    let b = board(&h, &pm, &program).await;
    assert_eq!(pair_of(&b, &james).unwrap()["needs_decision"], json!([]));

    // A re-import lowers her capacity to 1.
    import(&h, &pm, &program, &people(2, 1)).await;
    // An unrelated edit is saved; the published pairs are marked, not in the way.
    let r = save(&h, &pm, &program, &[(&tomas, &ana)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    let over = json!([{"kind": "over_capacity", "mentor": lucia, "assigned": 2, "capacity": 1}]);
    for mentee in [&james, &carmen] {
        let pair = pair_of(&b, mentee).unwrap();
        assert_eq!(pair["status"], "published");
        assert_eq!(pair["needs_decision"], over, "{pair}");
    }
    assert_eq!(pair_of(&b, &tomas).unwrap()["needs_decision"], json!([]));
    // An edit that gives her one more mentee is refused, naming her.
    let r = save(&h, &pm, &program, &[(&tomas, &ana), (&marta, &lucia)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Lucía Fernández would have 3 mentees and takes 1"),
        "{}",
        r.body
    );
    // "Optimise the rest" pairs Marta with Ana, never with Lucía, and keeps the published pairs.
    let r = call(&h, &pm, "/api/run_matching", &format!("program={program}")).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "2"));
    let b = board(&h, &pm, &program).await;
    assert_eq!(pair_of(&b, &marta).unwrap()["mentor"], json!(ana));
    assert_eq!(pair_of(&b, &james).unwrap()["mentor"], json!(lucia));
    let r = call(&h, &pm, "/api/publish_pairs", &format!("program={program}")).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "2"));

    // A re-import raises her level above her mentees': still nothing locked.
    import(&h, &pm, &program, &people(9, 1)).await;
    let r = save(&h, &pm, &program, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&h, &pm, "/api/run_matching", &format!("program={program}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    let needs = &pair_of(&b, &james).unwrap()["needs_decision"];
    assert_eq!(
        needs,
        &json!([
            {"kind": "rule_broken", "mentee": james, "mentor": lucia, "rule": "mentor_not_junior"},
            {"kind": "over_capacity", "mentor": lucia, "assigned": 2, "capacity": 1}
        ])
    );
    assert_eq!(pair_of(&b, &marta).unwrap()["needs_decision"], json!([]));

    // HR keeps James's pair: it is shown as kept, no longer as needing a decision.
    let decide = |mentee: &str, decision: &str, reason: &str| {
        format!("program={program}&mentee={mentee}&mentor={lucia}&decision={decision}&reason={reason}")
    };
    let r = call(&h, &pm, "/api/decide_pair", &decide(&james, "keep", "")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    let pair = pair_of(&b, &james).unwrap();
    assert_eq!(
        (&pair["needs_decision"], &pair["kept_despite"]),
        (&json!([]), needs)
    );
    assert_ne!(pair_of(&b, &carmen).unwrap()["needs_decision"], json!([]));
    // Deciding again, or about a pair that needs nothing, is refused.
    let r = call(&h, &pm, "/api/decide_pair", &decide(&james, "keep", "")).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Undoing Carmen's pair needs a reason, ends it, and tells both people.
    let r = call(&h, &pm, "/api/decide_pair", &decide(&carmen, "unpair", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = call(
        &h,
        &pm,
        "/api/decide_pair",
        &decide(&carmen, "unpair", "Lucía+cambia+de+nivel"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    assert!(pair_of(&b, &carmen).is_none(), "{b}");
    let count: Option<i64> = h
        .state
        .db
        .client()
        .query("RETURN count(SELECT id FROM outbox_email WHERE to = 'carmen@example.com' AND params.reason = 'Lucía cambia de nivel')")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(count, Some(1));

    // Someone else's program: "not found", as for every program function.
    let other = h.sign_in("pm2@example.com").await;
    let r = call(&h, &other, "/api/decide_pair", &decide(&james, "keep", "")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

#[tokio::test]
async fn a_draft_that_breaks_a_rule_since_blocks_publishing_not_editing() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let program = program_in_matching(&h, &pm).await;
    let b = board(&h, &pm, &program).await;
    let [lucia, ana, james, tomas] = ["Lucía", "Ana", "James", "Tomás"].map(|n| key_of(&b, n));
    let r = save(&h, &pm, &program, &[(&james, &lucia)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    import(&h, &pm, &program, &people(9, 2)).await;
    // Other edits go through with the stale draft left as it is.
    let r = save(&h, &pm, &program, &[(&james, &lucia), (&tomas, &ana)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    assert_eq!(
        pair_of(&b, &james).unwrap()["needs_decision"][0]["rule"],
        "mentor_not_junior"
    );
    // Publishing it would make a pair that breaks a rule: refused, naming both.
    let r = call(&h, &pm, "/api/publish_pairs", &format!("program={program}")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("The pairs cannot be published: James Wilson and Lucía Fernández"),
        "{}",
        r.body
    );
    // A draft cannot be kept; undoing it frees both, and then publishing goes through.
    let form =
        |decision: &str| format!("program={program}&mentee={james}&mentor={lucia}&decision={decision}");
    let r = call(&h, &pm, "/api/decide_pair", &form("keep")).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = call(&h, &pm, "/api/decide_pair", &form("unpair")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&h, &pm, "/api/publish_pairs", &format!("program={program}")).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "1"), "{}", r.body);
}

#[tokio::test]
async fn a_pinned_pair_that_cannot_hold_any_more_is_kept_by_optimise_the_rest() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let program = program_in_matching(&h, &pm).await;
    let b = board(&h, &pm, &program).await;
    let [lucia, james] = ["Lucía", "James"].map(|n| key_of(&b, n));
    let edit = json!({"edit": {"program": program, "pairs": [[james, lucia]], "pins": [[james, lucia]], "forbids": []}});
    let r = h.post_json("/api/save_board", &edit, Some(&pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    import(&h, &pm, &program, &people(9, 2)).await;
    // Before, the impossible pin made the engine fail with a server error.
    let r = call(&h, &pm, "/api/run_matching", &format!("program={program}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    let pair = pair_of(&b, &james).unwrap();
    assert_eq!(
        (&pair["mentor"], &pair["status"]),
        (&json!(lucia), &json!("draft"))
    );
    assert_eq!(pair["needs_decision"][0]["rule"], "mentor_not_junior");
    assert!(
        b["rules"]["pins"]
            .as_array()
            .unwrap()
            .contains(&json!([james, lucia]))
    );
}

#[tokio::test]
async fn an_undone_pinned_pair_is_not_made_again() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let program = program_in_matching(&h, &pm).await;
    let b = board(&h, &pm, &program).await;
    let [lucia, james] = ["Lucía", "James"].map(|n| key_of(&b, n));
    let edit = json!({"edit": {"program": program, "pairs": [[james, lucia]], "pins": [[james, lucia]], "forbids": []}});
    let r = h.post_json("/api/save_board", &edit, Some(&pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&h, &pm, "/api/publish_pairs", &format!("program={program}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    import(&h, &pm, &program, &people(9, 2)).await;
    let form = format!("program={program}&mentee={james}&mentor={lucia}&decision=unpair&reason=nivel");
    let r = call(&h, &pm, "/api/decide_pair", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The pin went with the pair: optimising pairs James anew, not with Lucía again.
    let r = call(&h, &pm, "/api/run_matching", &format!("program={program}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = board(&h, &pm, &program).await;
    assert_eq!(b["rules"]["pins"], json!([]));
    let pair = pair_of(&b, &james).unwrap();
    assert_ne!(pair["mentor"], json!(lucia));
    assert_eq!(pair["needs_decision"], json!([]));
}
