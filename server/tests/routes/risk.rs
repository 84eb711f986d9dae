//! Pairs at risk: HR's list with its reasons, HR's actions on a pair (pause, resume, end,
//! re-match), and errors that must never pass as "nobody at risk".

use app::board::api::{LoadBoard, RunMatching};
use app::form::Checkbox;
use app::home::api::ManagerDashboard;
use app::notifications::api::MyNotifications;
use app::risk::api::{ActOnPair, PairsAtRisk};
use app::workspace::checkins::SubmitCheckin;
use app::workspace::goals::CreateGoal;
use app::{home::model::ProgramCard, risk::model::RiskView};
use axum::http::StatusCode;
use domain::ProgramStatus;

use crate::refusals::assert_refused;
use crate::support::harness;
use crate::{Published, board_pairs, move_to, published_pair, texts};

#[tokio::test]
async fn hr_sees_pairs_at_risk_with_reasons_and_pauses_ends_or_rematches_them() {
    let h = harness().await;
    let Published {
        pair,
        program,
        mentee: james,
        mentor,
        pm,
    } = published_pair(&h).await;
    let ask = async |cookie: &str| {
        h.send(
            cookie,
            &PairsAtRisk {
                program: program.clone(),
            },
        )
        .await
    };
    // HR's list: answered 200 and read strictly, so a failed read can never pass as "nobody".
    let at_risk = async |cookie: &str| -> Vec<RiskView> {
        let r = ask(cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.parse()
    };
    // Freshly published pairs are fine.
    let items = at_risk(&pm).await;
    assert!(items.is_empty(), "{items:?}");

    // James's pair: published 30 days ago and never met, two low check-ins with blockers.
    h.query(
        "UPDATE type::record('pair', $p) SET published_at = time::now() - 30d",
        vec![("p", pair.clone())],
    )
    .await;
    for (cookie, client) in [(&james, "risk-client-001"), (&mentor, "risk-client-002")] {
        let low = SubmitCheckin {
            pair: pair.clone(),
            rating: Some("1".into()),
            learned: "Little".into(),
            taught: String::new(),
            next_step: String::new(),
            blocker: Checkbox(true),
            client_id: client.into(),
        };
        let r = h.send(cookie, &low).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let items = at_risk(&pm).await;
    assert_eq!(items.len(), 1, "{items:?}");
    let risk = &items[0];
    assert_eq!(risk.key, pair);
    assert_eq!(
        risk.reason_keys,
        ["no_meeting", "low_ratings", "repeated_blockers"]
    );
    assert!(
        risk.reasons[0].contains("Not met in the 30 days"),
        "{:?}",
        risk.reasons
    );
    assert!(risk.reasons[1].contains("average 1.0"), "{:?}", risk.reasons);

    // Only the program's HR: other managers and participants are kept out.
    let pm2 = h.sign_in("pm2@example.com").await;
    let protected = [
        risk.mentor.as_str(),
        risk.mentee.as_str(),
        "Not met in the 30 days",
    ];
    assert_refused(&ask(&pm2).await, StatusCode::NOT_FOUND, &protected);
    assert_refused(&ask(&james).await, StatusCode::FORBIDDEN, &protected);
    let act = async |cookie: &str, action: &str, reason: &str| {
        let args = ActOnPair {
            pair: pair.clone(),
            action: action.to_owned(),
            reason: reason.to_owned(),
        };
        h.send(cookie, &args).await
    };
    assert_refused(&act(&pm2, "pause", "").await, StatusCode::NOT_FOUND, &protected);
    assert_refused(&act(&mentor, "end", "x").await, StatusCode::FORBIDDEN, &protected);

    // Pause: the workspace is read-only for both, and the pair is listed as paused.
    let r = act(&pm, "pause", "Holidays").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"paused\""));
    let more = CreateGoal {
        pair: pair.clone(),
        title: "More".into(),
        description: String::new(),
        submission: String::new(),
    };
    let r = h.send(&james, &more).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let items = at_risk(&pm).await;
    assert_eq!(
        (items[0].status.as_str(), items[0].note.as_deref()),
        ("paused", Some("Holidays"))
    );
    // Pausing again (a second HR tab, a replayed request) answers the same, and tells no one
    // again.
    let r = act(&pm, "pause", "").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"paused\""));
    let told = texts(
        &h,
        "SELECT VALUE kind FROM notification WHERE kind = 'pair_paused'",
    )
    .await;
    assert_eq!(told.len(), 2, "{told:?}");
    let r = act(&pm, "resume", "").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"active\""));

    // Ending needs a reason; re-matching ends the pair and frees both people for the board.
    let r = act(&pm, "rematch", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Give the reason"), "{}", r.body);
    let r = act(&pm, "rematch", "Different goals").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"ended\""));
    // An ended pair can no longer be paused.
    let r = act(&pm, "pause", "").await;
    assert_eq!(
        (r.status, r.json_kind().as_str()),
        (StatusCode::CONFLICT, "pair_state"),
        "{}",
        r.body
    );
    let items = at_risk(&pm).await;
    assert!(items.iter().all(|i| i.key != pair), "{items:?}");
    let told = texts(
        &h,
        "SELECT VALUE params.reason FROM notification WHERE kind = 'pair_rematch'",
    )
    .await;
    assert_eq!(told, ["Different goals", "Different goals"]);
    // Each person reads it in words, with HR's reason.
    let mine = h.send_ok(&james, &MyNotifications {}).await;
    assert!(
        mine.iter()
            .any(|n| n.text == "HR will find each of you a new pair: Different goals"),
        "{mine:?}"
    );

    // Back on the board: matching again pairs the mentee with someone new, never the same mentor.
    let (mentee_id, mentor_id): (String, String) = {
        let mut r = h
            .state
            .db
            .client()
            .query("SELECT VALUE [record::id(mentee), record::id(mentor)] FROM ONLY type::record('pair', $p)")
            .bind(("p", pair.clone()))
            .await
            .unwrap();
        let v: Vec<String> = r.take(0).unwrap();
        (v[0].clone(), v[1].clone())
    };
    let r = h
        .send(
            &pm,
            &RunMatching {
                program: program.clone(),
            },
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let board = h.send(&pm, &LoadBoard { program }).await.json();
    let pairs = board_pairs(&board);
    assert!(
        !pairs
            .iter()
            .any(|(mentee, mentor)| *mentee == mentee_id && *mentor == mentor_id),
        "{pairs:?}"
    );
    assert!(
        board["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] != "ended")
    );
}

#[tokio::test]
async fn an_unreadable_risk_fact_is_an_error_not_an_empty_list() {
    let h = harness().await;
    let Published {
        pair, program, pm, ..
    } = published_pair(&h).await;
    h.send_ok(&pm, &move_to(&program, ProgramStatus::Active)).await;
    let risk_form = PairsAtRisk { program };
    let at_risk = async || h.send(&pm, &risk_form).await;
    let dashboard = async || h.send(&pm, &ManagerDashboard {}).await;
    let sql = async |text: &str| h.query(text, vec![("p", pair.clone())]).await;

    // Freshly published: nobody at risk, and the dashboard counts 0.
    let r = at_risk().await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "[]"));
    let r = dashboard().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cards: Vec<ProgramCard> = r.parse();
    assert_eq!(cards[0].at_risk, Some(0));

    // A stored rating answer about the pair that cannot be read (a 9000 out of 5): the list and
    // the count fail with an internal error instead of leaving the pair out as "fine".
    sql("LET $pair = type::record('pair', $p);
         CREATE feedback_form:named SET program = $pair.program, title_es = 'Pulso', title_en = 'Pulse',
             anonymous = false, audience = 'both', trigger = 'manual';
         CREATE feedback_request:broken SET form = feedback_form:named, pair = $pair,
             respondent = $pair.mentee, due_at = time::now() + 1d;
         CREATE feedback_answer SET request = feedback_request:broken, form = feedback_form:named,
             question = 'q1', value = '{\"kind\": \"rating\", \"value\": 9000}'")
    .await;
    for r in [at_risk().await, dashboard().await] {
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            "{}",
            r.body
        );
    }
    sql("DELETE feedback_answer; DELETE feedback_request:broken").await;
    assert_eq!(at_risk().await.body, "[]");

    // A read that fails (the pair's mentor points at no one) is an error too.
    sql("UPDATE type::record('pair', $p) SET mentor = employee:gone").await;
    for r in [at_risk().await, dashboard().await] {
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            "{}",
            r.body
        );
    }
}
