//! Check-ins: stored once per submission key, read and written only by the pair's two people.

use app::form::Checkbox;
use app::workspace::checkins::{PairCheckins, SubmitCheckin};
use app::workspace::model::CheckinView;
use axum::http::StatusCode;

use crate::refusals::assert_refused;
use crate::support::harness;
use crate::{Published, count, published_pair};

/// A check-in in `pair` with submission key `client` and `rating`, saying what was learned and
/// the next step, with a blocker.
fn checkin(pair: &str, client: &str, rating: &str) -> SubmitCheckin {
    SubmitCheckin {
        pair: pair.to_owned(),
        rating: Some(rating.to_owned()),
        learned: "Prompting for summaries".into(),
        taught: String::new(),
        next_step: "Try it on Monday".into(),
        blocker: Checkbox(true),
        client_id: client.to_owned(),
    }
}

#[tokio::test]
async fn a_checkin_is_stored_once_and_read_only_by_the_pair() {
    let h = harness().await;
    let Published {
        pair,
        mentee: james,
        mentor,
        pm,
        ..
    } = published_pair(&h).await;
    let form = |client: &str, rating: &str| checkin(&pair, client, rating);
    let r = h.send(&james, &form("client-aaaa-0001", "4")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The phone retries: the same answer, nothing stored twice.
    let again = h.send(&james, &form("client-aaaa-0001", "4")).await;
    assert_eq!((again.status, &again.body), (StatusCode::OK, &r.body));
    let empty = SubmitCheckin {
        learned: String::new(),
        next_step: String::new(),
        blocker: Checkbox(false),
        ..form("client-aaaa-0003", "3")
    };
    for (f, text, [problem, field]) in [
        (
            form("client-aaaa-0002", "9"),
            "Choose from 1 to 5",
            ["checkin.rating", "rating"],
        ),
        (
            empty,
            "what you learned or what you taught",
            ["checkin.empty", "learned"],
        ),
    ] {
        let r = h.send(&james, &f).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(text), "{}", r.body);
        assert_eq!(r.json_error(), ["invalid", problem, field], "{}", r.body);
    }
    let r = h.send(&mentor, &form("client-bbbb-0001", "2")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let read = PairCheckins { pair: pair.clone() };
    let list: Vec<CheckinView> = h.send(&mentor, &read).await.parse();
    assert_eq!(list.len(), 2);
    let mine = list.iter().find(|c| !c.mine).unwrap();
    assert_eq!((mine.rating, mine.blocker), (4, true));
    assert_eq!(mine.next_step, "Try it on Monday");

    // Outsiders, HR included, neither read nor write the pair's check-ins.
    let ana = h.sign_in("ana@example.com").await;
    let protected = ["Prompting for summaries", "Try it on Monday", "client-aaaa"];
    for cookie in [&ana, &pm] {
        let r = h.send(cookie, &read).await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        let r = h.send(cookie, &form("client-cccc-0001", "1")).await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    let r = h.send_with(None, "en", &form("client-cccc-0002", "1")).await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    let stored = count(&h, "RETURN count(SELECT id FROM checkin)").await;
    assert_eq!(stored, Some(2));
}
