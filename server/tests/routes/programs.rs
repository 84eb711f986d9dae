//! Programs: who may see and change them, and the design's validation and lifecycle.

use app::programs::api::{ChangeProgramStatus, CreateProgram, GetProgram, ListPrograms, UpdateProgram};
use axum::http::StatusCode;
use domain::{ProgramInput, ProgramStatus};

use crate::move_to;
use crate::refusals::assert_refused;
use crate::support::{harness, program_input};

/// `create_program`'s arguments for `input`, without a submission key.
fn create(input: ProgramInput) -> CreateProgram {
    CreateProgram {
        input,
        submission: String::new(),
    }
}

#[tokio::test]
async fn a_manager_cannot_see_or_change_another_managers_program() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;

    let other = h.sign_in("pm2@example.com").await;
    let list = h.send(&other, &ListPrograms {}).await;
    assert_eq!(list.body.trim(), "[]");
    let get = h.send(&other, &GetProgram { key: key.clone() }).await;
    assert_refused(&get, StatusCode::NOT_FOUND, &["Piloto 2027", "pm@example.com"]);
    let stolen = UpdateProgram {
        key: key.clone(),
        input: ProgramInput {
            name: "Robado 2027".into(),
            ..program_input()
        },
    };
    let upd = h.send(&other, &stolen).await;
    assert_refused(&upd, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    let mv = h.send(&other, &move_to(&key, ProgramStatus::Enrolling)).await;
    assert_refused(&mv, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    let row = db::programs::find(&h.state.db, &key).await.unwrap().unwrap();
    assert_eq!(row.name, "Piloto 2027");
    assert_eq!(row.status(), domain::ProgramStatus::Draft);

    // The owner and an admin can.
    let own = h.send(&pm, &GetProgram { key: key.clone() }).await;
    assert_eq!(own.status, StatusCode::OK);
    let admin = h.sign_in("admin@example.com").await;
    let all = h.send(&admin, &ListPrograms {}).await;
    assert!(all.body.contains(&key), "{}", all.body);
}

#[tokio::test]
async fn participants_cannot_call_program_functions() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let internal = ProgramInput {
        name: "Interno 2027".into(),
        ..program_input()
    };
    let key: String = h.send_ok(&pm, &create(internal)).await;
    let ana = h.sign_in("ana@example.com").await;
    let replies = [
        h.send(&ana, &ListPrograms {}).await,
        h.send(&ana, &create(program_input())).await,
        h.send(&ana, &GetProgram { key: key.clone() }).await,
        h.send(&ana, &move_to(&key, ProgramStatus::Enrolling)).await,
    ];
    for r in &replies {
        assert_refused(r, StatusCode::FORBIDDEN, &["Interno 2027", &key]);
    }
    let programs = db::programs::list(&h.state.db, None).await.unwrap();
    assert_eq!(programs.len(), 1, "nothing was created");
    assert_eq!(programs[0].status(), domain::ProgramStatus::Draft);
}

#[tokio::test]
async fn program_design_is_validated_and_the_lifecycle_enforced() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let bad = ProgramInput {
        ends_on: "2026-01-01".into(),
        ..program_input()
    };
    let r = h.send_with(Some(&pm), "es", &create(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("debe terminar después de empezar"), "{}", r.body);
    assert_eq!(
        r.json_error(),
        ["invalid", "program.ends_before_start", "ends_on"],
        "{}",
        r.body
    );

    let key = h.create_program(&pm).await;
    let skip = h.send(&pm, &move_to(&key, ProgramStatus::Active)).await;
    assert_eq!(skip.status, StatusCode::CONFLICT, "draft cannot jump to active");
    for to in [
        ProgramStatus::Enrolling,
        ProgramStatus::Matching,
        ProgramStatus::Active,
    ] {
        let r = h.send(&pm, &move_to(&key, to)).await;
        assert_eq!(r.status, StatusCode::OK, "{to:?}: {}", r.body);
    }
    let unconfirmed = h.send(&pm, &move_to(&key, ProgramStatus::Closed)).await;
    assert_eq!(
        unconfirmed.status,
        StatusCode::CONFLICT,
        "closing needs confirmation"
    );
    let close = ChangeProgramStatus {
        key: key.clone(),
        to: ProgramStatus::Closed,
        confirm: true,
    };
    let closed = h.send(&pm, &close).await;
    assert_eq!(closed.status, StatusCode::OK);
    let reopen = h.send(&pm, &move_to(&key, ProgramStatus::Draft)).await;
    assert_eq!(reopen.status, StatusCode::CONFLICT);
    let edit = UpdateProgram {
        key: key.clone(),
        input: program_input(),
    };
    let edit = h.send(&pm, &edit).await;
    assert_eq!(edit.status, StatusCode::CONFLICT, "a closed program is read-only");
    // A status that does not exist (hand-written: no typed call can send one).
    let unknown = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=paused"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
