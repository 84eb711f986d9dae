//! The outbox's delivery schedule on the in-memory engine: what is due when, what each outcome
//! records, resending, and the upgrade of emails written before the schedule existed.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::{Duration, Utc};
use db::outbox::{self, Resend, Retry};
use db::{Database, DbSettings, RecordId, migrations};

async fn fresh() -> Database {
    Database::open(&DbSettings::memory()).await.unwrap()
}

/// Writes an email as the app does (only `to`, `subject`, `body_text`).
async fn queue(db: &Database, to: &str) -> RecordId {
    let id: Option<RecordId> = db
        .client()
        .query(
            "CREATE ONLY outbox_email SET to = $to, subject = 'Asunto', body_text = 'Texto' RETURN VALUE id",
        )
        .bind(("to", to.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    id.unwrap()
}

async fn status(db: &Database, id: &RecordId) -> String {
    outbox::find(db, &db::key_of(id)).await.unwrap().unwrap().status
}

#[tokio::test]
async fn a_new_email_is_due_at_once_and_a_retry_only_when_its_time_comes() {
    let db = fresh().await;
    let id = queue(&db, "a@example.com").await;
    let now = Utc::now();
    let due = outbox::due(&db, now, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].temporary_failures, 0);
    assert_eq!(status(&db, &id).await, "pending");

    let retry = outbox::mark_temporary_failure(&db, &due[0], "451 later", now)
        .await
        .unwrap();
    assert_eq!(retry, Retry::At(now + Duration::minutes(1)));
    assert!(
        outbox::due(&db, now + Duration::seconds(59), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let due = outbox::due(&db, now + Duration::minutes(1), 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].temporary_failures, 1);
    let retry = outbox::mark_temporary_failure(&db, &due[0], "451 later", now + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(retry, Retry::At(now + Duration::minutes(6)));

    outbox::mark_sent(&db, &id, now + Duration::minutes(6))
        .await
        .unwrap();
    assert_eq!(status(&db, &id).await, "sent");
    assert!(
        outbox::due(&db, now + Duration::days(9), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(outbox::undelivered(&db).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failure_recorded_after_an_admin_resent_the_email_is_ignored() {
    let db = fresh().await;
    let id = queue(&db, "a@example.com").await;
    let now = Utc::now();
    let first = outbox::due(&db, now, 10).await.unwrap().remove(0);
    outbox::mark_temporary_failure(&db, &first, "451", now)
        .await
        .unwrap();
    let later = now + Duration::minutes(1);
    // The delivery round reads it, then an admin queues it again before the round records.
    let read = outbox::due(&db, later, 10).await.unwrap().remove(0);
    assert_eq!(
        outbox::resend(&db, &db::key_of(&id), later).await.unwrap(),
        Some(Resend::Queued)
    );
    assert_eq!(
        outbox::mark_temporary_failure(&db, &read, "451", later)
            .await
            .unwrap(),
        Retry::Stale
    );
    let row = outbox::find(&db, &db::key_of(&id)).await.unwrap().unwrap();
    assert_eq!(row.next_attempt_at, Some(later));
    assert_eq!(row.attempts, 1);
}

#[tokio::test]
async fn resend_queues_failed_mail_once_and_leaves_sent_mail_alone() {
    let db = fresh().await;
    let failed = queue(&db, "f@example.com").await;
    let sent = queue(&db, "s@example.com").await;
    let now = Utc::now();
    outbox::mark_permanent_failure(&db, &failed, "550 no such user", now)
        .await
        .unwrap();
    outbox::mark_sent(&db, &sent, now).await.unwrap();
    let listed = outbox::undelivered(&db).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status(), outbox::Status::Failed);
    assert_eq!(listed[0].last_error.as_deref(), Some("550 no such user"));
    assert_eq!(
        outbox::counts(&db).await.unwrap(),
        outbox::Counts {
            waiting: 0,
            retrying: 0,
            failed: 1
        }
    );

    let later = now + Duration::hours(2);
    for _ in 0..3 {
        assert_eq!(
            outbox::resend(&db, &db::key_of(&failed), later).await.unwrap(),
            Some(Resend::Queued)
        );
    }
    let due = outbox::due(&db, later, 10).await.unwrap();
    assert_eq!(due.len(), 1, "one email, however often it is resent");
    assert_eq!(due[0].temporary_failures, 0, "a fresh schedule");
    assert_eq!(
        outbox::resend(&db, &db::key_of(&sent), later).await.unwrap(),
        Some(Resend::AlreadySent)
    );
    assert_eq!(status(&db, &sent).await, "sent");
    assert_eq!(outbox::resend(&db, "missing", later).await.unwrap(), None);
    assert_eq!(outbox::find(&db, "missing").await.unwrap().map(|r| r.key()), None);
    // A permanent failure is recorded only on a pending email.
    outbox::mark_permanent_failure(&db, &sent, "550", later)
        .await
        .unwrap();
    assert_eq!(status(&db, &sent).await, "sent");
}

#[tokio::test]
async fn the_upgrade_sorts_earlier_emails_into_sent_failed_and_due() {
    let db = fresh().await;
    // Emails as the earlier schema left them: sent, given up after 5 failures, failed twice.
    db.client()
        .query(
            "CREATE outbox_email:old_sent SET to = 'a@example.com', subject = 's', body_text = 'b',
                 sent_at = time::now(), attempts = 1;
             CREATE outbox_email:old_lost SET to = 'b@example.com', subject = 's', body_text = 'b',
                 attempts = 5, last_error = 'Connection refused';
             CREATE outbox_email:old_retry SET to = 'c@example.com', subject = 's', body_text = 'b',
                 attempts = 2;",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    let upgrade = migrations::MIGRATIONS
        .iter()
        .find(|m| m.name.starts_with("0008_"))
        .unwrap();
    db.client().query(upgrade.sql).await.unwrap().check().unwrap();
    let row = |key: &'static str| {
        let db = db.clone();
        async move { outbox::find(&db, key).await.unwrap().unwrap() }
    };
    assert_eq!(row("old_sent").await.status(), outbox::Status::Sent);
    let lost = row("old_lost").await;
    assert_eq!(lost.status(), outbox::Status::Failed);
    assert_eq!(lost.last_error.as_deref(), Some("Connection refused"));
    assert_eq!(row("old_retry").await.status(), outbox::Status::Pending);
    let due = outbox::due(&db, Utc::now() + Duration::seconds(1), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(db::key_of(&due[0].id), "old_retry");
}
