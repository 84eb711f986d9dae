//! The pairing board: who may run, save and publish it, the server's own check of a saved board,
//! and what the two people of a published pair see.

use app::accounts::auth::FetchCurrentUser;
use app::board::api::{AcceptPair, LoadBoard, MyPairs, PublishPairs, RunMatching, SaveBoard};
use app::board::model::BoardEdit;
use app::notifications::api::{MarkNotificationsRead, MyNotifications};
use axum::http::StatusCode;

use crate::refusals::assert_refused;
use crate::support::harness;
use crate::{board_pairs, demo_board, demo_sign_in, give_account};

#[tokio::test]
async fn pairing_functions_are_for_the_program_owner_only() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let program = || key.clone();
    // load_board, run_matching and publish_pairs for the program, as `cookie`.
    let owner_only = async |cookie: Option<&str>| {
        [
            h.send_with(cookie, "en", &LoadBoard { program: program() }).await,
            h.send_with(cookie, "en", &RunMatching { program: program() })
                .await,
            h.send_with(cookie, "en", &PublishPairs { program: program() })
                .await,
        ]
    };
    let ana = h.sign_in("ana@example.com").await;
    for r in owner_only(Some(&ana)).await {
        assert_refused(&r, StatusCode::FORBIDDEN, &["Piloto 2027"]);
    }
    for r in owner_only(None).await {
        assert_refused(&r, StatusCode::UNAUTHORIZED, &["Piloto 2027"]);
    }
    let other = h.sign_in("pm2@example.com").await;
    for r in owner_only(Some(&other)).await {
        assert_refused(&r, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    }
    // The owner may look, but runs and publishes only in the matching stage.
    let board = h.send(&pm, &LoadBoard { program: program() }).await;
    assert_eq!(board.status, StatusCode::OK);
    let early = h.send(&pm, &RunMatching { program: program() }).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    let mine = h.send(&pm, &MyPairs {}).await;
    assert_eq!(
        mine.status,
        StatusCode::OK,
        "every signed-in role may ask for its own pairs"
    );
}

#[tokio::test]
async fn the_server_rechecks_every_saved_board() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    let load = async || h.send(&pm, &LoadBoard { program: key.clone() }).await.json();
    let board = load().await;
    let pairs = board_pairs(&board);
    let save = |pairs: Vec<(String, String)>, pins: Vec<(String, String)>| SaveBoard {
        edit: BoardEdit {
            program: key.clone(),
            pairs,
            pins,
            forbids: vec![],
        },
    };

    // The CEO heads every junior's reporting line: pairing her with anyone is refused, by name.
    let names: Vec<(String, String)> = serde_json::from_value(board["names"].clone()).unwrap();
    let ceo = names
        .iter()
        .find(|(_, n)| n.as_str() == "Carmen Ortega Ruiz")
        .map(|(k, _)| k.clone())
        .expect("the demo CEO");
    let mut bad = pairs.clone();
    bad.push((ceo, pairs[0].1.clone()));
    let r = h.send(&pm, &save(bad, vec![])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("The board cannot be saved"), "{}", r.body);
    assert!(r.body.contains("Carmen Ortega Ruiz and"), "{}", r.body);

    // A mentee twice, and a pin that is not on the board, are refused too.
    let mut twice = pairs.clone();
    twice.push((pairs[0].0.clone(), pairs[1].1.clone()));
    let r = h.send_with(Some(&pm), "es", &save(twice, vec![])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = h
        .send_with(
            Some(&pm),
            "es",
            &save(pairs[1..].to_vec(), vec![pairs[0].clone()]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("falta la pareja fijada"), "{}", r.body);
    // Unknown people in a pin are refused before anything is looked at.
    let r = h
        .send(
            &pm,
            &save(pairs.clone(), vec![("nobody".into(), pairs[0].1.clone())]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // Nothing of the refused boards was written.
    assert_eq!(board_pairs(&load().await), pairs);

    // A valid hand edit (one pair fewer, one pin) is saved with its pin.
    let r = h
        .send(&pm, &save(pairs[1..].to_vec(), vec![pairs[1].clone()]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = load().await;
    assert_eq!(board_pairs(&after).len(), pairs.len() - 1);
    assert_eq!(
        after["rules"]["pins"],
        serde_json::json!([[pairs[1].0, pairs[1].1]])
    );

    // Others may not save: a participant is forbidden, another manager finds nothing.
    let ana = h.sign_in("ana@example.com").await;
    let r = h.send(&ana, &save(pairs.clone(), vec![])).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["Carmen Ortega Ruiz", "Piloto"]);
    let other = h.sign_in("pm2@example.com").await;
    let r = h.send(&other, &save(pairs.clone(), vec![])).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["Carmen Ortega Ruiz"]);
    let r = h.send_with(None, "en", &save(pairs, vec![])).await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &["Carmen Ortega Ruiz"]);
}

#[tokio::test]
async fn participants_accept_only_their_own_published_pair() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    let r = h.send(&pm, &PublishPairs { program: key }).await;
    assert_eq!(r.body, "17");
    let james = demo_sign_in(&h, "james.wilson@inversa.example").await;
    let mine = h.send_ok(&james, &MyPairs {}).await;
    let pair = mine[0].key.clone();
    assert!(!mine[0].i_accepted);
    let accept = AcceptPair { pair: pair.clone() };

    // Someone outside the pair cannot accept it.
    let ana = h.sign_in("ana@example.com").await;
    let r = h.send(&ana, &accept).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["James", "Wilson", "inversa.example"]);
    let r = h.send_with(None, "en", &accept).await;
    assert_refused(
        &r,
        StatusCode::UNAUTHORIZED,
        &["James", "Wilson", "inversa.example"],
    );

    // The mentee accepts (twice is the same as once); the pair waits for the mentor.
    for _ in 0..2 {
        let r = h.send(&james, &accept).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body, "\"published\"");
    }
    let mine = h.send_ok(&james, &MyPairs {}).await;
    assert!(mine[0].i_accepted);
    assert!(!mine[0].other_accepted);

    // Once the mentor accepts too, the pair is active (every demo employee has an account).
    let mentor = give_account(&h, &mine[0].other_email).await;
    let r = h.send(&mentor, &accept).await;
    assert_eq!(r.body, "\"active\"");
    let mine = h.send_ok(&james, &MyPairs {}).await;
    assert!(mine[0].other_accepted);
    assert_eq!(mine[0].status, domain::PairStatus::Active);
}

#[tokio::test]
async fn publishing_notifies_in_the_app_until_read() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    h.send(&pm, &PublishPairs { program: key }).await;
    let james = demo_sign_in(&h, "james.wilson@inversa.example").await;
    let unread = async || h.send_ok(&james, &FetchCurrentUser {}).await.unwrap().unread;
    assert_eq!(unread().await, 1);
    let list = h.send_ok(&james, &MyNotifications {}).await;
    assert_eq!(list[0].kind, "pair_published");
    assert!(list[0].text.starts_with("Your mentor for "), "{list:?}");
    // The notice is put into words in the language the reader uses now.
    let r = h.send_with(Some(&james), "es", &MyNotifications {}).await;
    assert!(r.body.contains("Tu mentor en "), "{}", r.body);
    assert_eq!(list[0].link.as_deref(), Some("/pair"));
    let r = h.send(&james, &MarkNotificationsRead {}).await;
    assert_eq!(r.body, "1");
    assert_eq!(unread().await, 0);
    // Nobody reads anyone else's: the manager has none.
    let theirs = h.send_ok(&pm, &MyNotifications {}).await;
    assert!(theirs.is_empty(), "{theirs:?}");
    assert_refused(
        &h.send_with(None, "en", &MyNotifications {}).await,
        StatusCode::UNAUTHORIZED,
        &["Your mentor for", "pair_published"],
    );
}
