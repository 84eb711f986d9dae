//! Reminders: once before an accepted meeting, and once per cadence for a quiet pair.

use app::board::api::AcceptPair;
use axum::http::StatusCode;

use crate::support::harness;
use crate::{Published, change_meeting, count, day_from_now, proposal, published_pair, texts};

#[tokio::test]
async fn reminders_go_out_once_before_meetings_and_for_quiet_pairs() {
    let h = harness().await;
    let Published {
        pair,
        mentee: james,
        mentor,
        ..
    } = published_pair(&h).await;
    for cookie in [&james, &mentor] {
        let r = h.send(cookie, &AcceptPair { pair: pair.clone() }).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let meeting: String = h
        .send(
            &james,
            &proposal(&pair, &day_from_now(3), "10:30", "Europe/Madrid", "Sala 1"),
        )
        .await
        .parse();
    let now = chrono::Utc::now();
    let base = "http://localhost";
    // Not yet within a day, and not accepted: nothing.
    let sent = db::reminders::send_due(&h.state.db, now, base).await.unwrap();
    assert_eq!(sent, db::reminders::Sent::default());
    h.send(&mentor, &change_meeting(&meeting, "accept")).await;
    // An hour before the meeting starts (read back, so the test holds at any time of day).
    let starts_at: chrono::DateTime<chrono::Utc> = h
        .state
        .db
        .client()
        .query("SELECT VALUE starts_at FROM ONLY type::record('meeting', $m)")
        .bind(("m", meeting.clone()))
        .await
        .unwrap()
        .take::<Option<chrono::DateTime<chrono::Utc>>>(0)
        .unwrap()
        .unwrap();
    let two_days_on = starts_at - chrono::Duration::hours(1);
    let sent = db::reminders::send_due(&h.state.db, two_days_on, base)
        .await
        .unwrap();
    assert_eq!(sent.meetings, 1);
    let sent = db::reminders::send_due(&h.state.db, two_days_on, base)
        .await
        .unwrap();
    assert_eq!(sent.meetings, 0, "a meeting is reminded once");

    // Long after that meeting (never marked held), the pair has been quiet for more than the
    // cadence: both people are nudged, once per cadence period.
    let later = now + chrono::Duration::days(60);
    let sent = db::reminders::send_due(&h.state.db, later, base).await.unwrap();
    assert_eq!(sent.quiet_pairs, 1);
    let sent = db::reminders::send_due(&h.state.db, later + chrono::Duration::days(1), base)
        .await
        .unwrap();
    assert_eq!(sent.quiet_pairs, 0);
    let reminders = texts(
        &h,
        "SELECT VALUE kind FROM notification WHERE kind IN ['meeting_reminder', 'pair_quiet']",
    )
    .await;
    assert_eq!(reminders.len(), 4, "{reminders:?}");
    let emails = count(
        &h,
        "RETURN count(SELECT id FROM outbox_email WHERE kind IN ['meeting_reminder', 'pair_quiet'])",
    )
    .await;
    assert_eq!(emails, Some(4));
}
