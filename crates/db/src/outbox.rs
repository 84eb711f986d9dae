//! The email outbox: every email is written here first, in the same transaction as what caused
//! it; when an SMTP server is configured the server delivers the due ones and records what
//! happened.
//!
//! The delivery schedule lives in the records (`status`, `next_attempt_at`,
//! `temporary_failures`), so it survives a restart: an email the SMTP server refused for now (a
//! 4xx reply, or no answer at all) is tried again after the waits of [`RETRY_DELAYS_MINUTES`],
//! about a day in all, and then marked failed; one refused for good (a 5xx reply) is marked
//! failed at once. Admins see failed and still-retrying emails and can queue one again.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, val};

/// Table of the outbox.
pub const TABLE: &str = "outbox_email";

/// Waits, in minutes, before each retry after a temporary failure: the first retry comes one
/// minute after the first failure, the last about 22 hours after the first try. After the last
/// wait's retry also fails, the email is marked failed.
pub const RETRY_DELAYS_MINUTES: [i64; 7] = [1, 5, 15, 60, 180, 360, 720];

/// Most emails listed for admins at once.
pub const LIST_LIMIT: i64 = 200;

/// How long after its `failures`-th temporary failure in a row (1 = the first) an email is tried
/// again; `None` once the schedule is used up (the email then fails for good).
pub fn retry_delay(failures: i64) -> Option<Duration> {
    let index = usize::try_from(failures.checked_sub(1)?).ok()?;
    RETRY_DELAYS_MINUTES.get(index).map(|m| Duration::minutes(*m))
}

/// Where an email stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting for its first try or for a retry.
    Pending,
    /// Accepted by the SMTP server.
    Sent,
    /// Refused for good, or the retries ran out; only an admin queues it again.
    Failed,
}

impl Status {
    /// The stored form (`pending`, `sent`, `failed`); anything else reads as pending.
    fn parse(s: &str) -> Status {
        match s {
            "sent" => Status::Sent,
            "failed" => Status::Failed,
            _ => Status::Pending,
        }
    }
}

/// An email due for delivery.
#[derive(Debug, Clone, SurrealValue)]
pub struct PendingEmail {
    /// Record id.
    pub id: RecordId,
    /// Recipient address.
    pub to: String,
    /// Recipient display name, if known.
    pub to_name: Option<String>,
    /// Subject (any Unicode text; the mailer encodes it); empty for a notice, which the mailer
    /// puts into words.
    pub subject: String,
    /// Plain-text body, lines separated by `\n`; empty for a notice.
    pub body_text: String,
    /// The notice this email tells, if it was written as one (see [`domain::Notice`]).
    pub kind: Option<String>,
    /// The notice's facts.
    pub params: serde_json::Value,
    /// The recipient's language when it was written: `es` or `en`.
    pub lang: String,
    /// The page the email points to (a full URL).
    pub url: Option<String>,
    /// An HTML alternative of the body, if the email has one.
    pub body_html: Option<String>,
    /// Temporary failures in a row so far (0 for a first try).
    pub temporary_failures: i64,
}

/// An email as admins see it.
#[derive(Debug, Clone, SurrealValue)]
pub struct EmailRow {
    /// Record id.
    pub id: RecordId,
    /// Recipient address.
    pub to: String,
    /// Subject; empty for a notice (see [`EmailRow::notice`]).
    pub subject: String,
    /// The notice this email tells, if it was written as one.
    pub kind: Option<String>,
    /// The notice's facts.
    pub params: serde_json::Value,
    /// The recipient's language when it was written: `es` or `en`.
    pub lang: String,
    /// `pending`, `sent` or `failed` (see [`EmailRow::status`]).
    pub status: String,
    /// Tries so far, in all.
    pub attempts: i64,
    /// The last failure: the SMTP server's reply or why it could not be reached.
    pub last_error: Option<String>,
    /// When the next try is due (pending emails only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the last try was made.
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// When it was marked failed.
    pub failed_at: Option<DateTime<Utc>>,
    /// When the SMTP server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

impl EmailRow {
    /// The record key (the part after `outbox_email:`).
    pub fn key(&self) -> String {
        crate::key_of(&self.id)
    }

    /// Where the email stands.
    pub fn status(&self) -> Status {
        Status::parse(&self.status)
    }

    /// The notice this email tells, or `None` for one written whole (see `subject`).
    pub fn notice(&self) -> Option<domain::Notice> {
        notice_of(self.kind.as_deref(), &self.params)
    }

    /// The recipient's language when the email was written.
    pub fn lang(&self) -> domain::Lang {
        lang_of(&self.lang)
    }
}

/// The notice a stored email tells: its `kind` and `params` read as a [`domain::Notice`].
fn notice_of(kind: Option<&str>, params: &serde_json::Value) -> Option<domain::Notice> {
    kind.and_then(|k| domain::Notice::from_stored(k, params))
}

/// A stored recipient language (`es`, `en`); Spanish for anything else.
fn lang_of(code: &str) -> domain::Lang {
    domain::Lang::parse(code).unwrap_or_default()
}

impl PendingEmail {
    /// The notice this email tells, or `None` for one written whole (subject and body).
    pub fn notice(&self) -> Option<domain::Notice> {
        notice_of(self.kind.as_deref(), &self.params)
    }

    /// The recipient's language when the email was written.
    pub fn lang(&self) -> domain::Lang {
        lang_of(&self.lang)
    }
}

/// What a temporary failure led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The email will be tried again at this time.
    At(DateTime<Utc>),
    /// The schedule is used up: the email is now failed.
    GaveUp,
    /// The email changed meanwhile (an admin queued it again, or it was delivered): nothing
    /// was recorded.
    Stale,
}

/// What queueing an email again did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resend {
    /// It is due at once (it was failed or still retrying; queueing it twice is the same).
    Queued,
    /// It had been delivered already; nothing changed.
    AlreadySent,
}

/// How many emails wait in the outbox, by where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, SurrealValue)]
pub struct Counts {
    /// Pending and never tried (with no SMTP server configured they stay here).
    pub waiting: i64,
    /// Pending after at least one failed try.
    pub retrying: i64,
    /// Failed.
    pub failed: i64,
}

/// Up to `limit` pending emails whose next try is due at `now`, oldest first.
///
/// Errors: [`DbError`] when the database fails.
pub async fn due(db: &Database, now: DateTime<Utc>, limit: i64) -> DbResult<Vec<PendingEmail>> {
    db.client()
        .query(
            "SELECT id, to, to_name, subject, body_text, kind, params, lang, url, body_html,
                 temporary_failures, created_at
             FROM outbox_email
             WHERE status = 'pending' AND (next_attempt_at = NONE OR next_attempt_at <= $now)
             ORDER BY created_at LIMIT $limit",
        )
        .bind(("now", now))
        .bind(("limit", limit))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Records that the SMTP server accepted the email at `now`.
///
/// Errors: [`DbError`] when the database fails.
pub async fn mark_sent(db: &Database, id: &RecordId, now: DateTime<Utc>) -> DbResult<()> {
    db.write::<Option<RecordId>>(
        "UPDATE ONLY $id SET status = 'sent', sent_at = $now, last_attempt_at = $now,
             attempts += 1, next_attempt_at = NONE, last_error = NONE RETURN VALUE id",
        &[("id", val(id.clone())), ("now", val(now))],
    )
    .await?;
    Ok(())
}

/// Records a temporary failure at `now` (a 4xx reply, or the server could not be reached) of
/// `email` as it was read by [`due`]: the email is tried again after the next wait of
/// [`RETRY_DELAYS_MINUTES`], or is failed once they are used up. `error` (at most 500
/// characters are kept) is what the server said.
///
/// Errors: [`DbError`] when the database fails.
pub async fn mark_temporary_failure(
    db: &Database,
    email: &PendingEmail,
    error: &str,
    now: DateTime<Utc>,
) -> DbResult<Retry> {
    let failures = email.temporary_failures.saturating_add(1);
    let next = retry_delay(failures).map(|d| now + d);
    let changed: Option<RecordId> = db
        .write(
            "UPDATE ONLY $id SET attempts += 1, temporary_failures = $failures, last_error = $error,
                 last_attempt_at = $now, next_attempt_at = $next,
                 status = IF $next = NONE { 'failed' } ELSE { 'pending' },
                 failed_at = IF $next = NONE { $now } ELSE { NONE }
             WHERE status = 'pending' AND temporary_failures = $seen RETURN VALUE id",
            &[
                ("id", val(email.id.clone())),
                ("failures", val(failures)),
                ("seen", val(email.temporary_failures)),
                ("error", val(clip(error))),
                ("now", val(now)),
                ("next", val(next)),
            ],
        )
        .await?;
    Ok(match (changed, next) {
        (None, _) => Retry::Stale,
        (Some(_), Some(at)) => Retry::At(at),
        (Some(_), None) => Retry::GaveUp,
    })
}

/// Records at `now` that the email can never be delivered as it is (a 5xx reply, or an address
/// or message the mailer cannot use): it is failed at once, with `error` (at most 500
/// characters are kept).
///
/// Errors: [`DbError`] when the database fails.
pub async fn mark_permanent_failure(
    db: &Database,
    id: &RecordId,
    error: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    db.write::<Option<RecordId>>(
        "UPDATE ONLY $id SET status = 'failed', failed_at = $now, last_attempt_at = $now,
             attempts += 1, last_error = $error, next_attempt_at = NONE
         WHERE status = 'pending' RETURN VALUE id",
        &[
            ("id", val(id.clone())),
            ("error", val(clip(error))),
            ("now", val(now)),
        ],
    )
    .await?;
    Ok(())
}

/// Failed emails and those still being retried: failed first (`failed` sorts before
/// `pending`), then newest first; at most [`LIST_LIMIT`].
///
/// Errors: [`DbError`] when the database fails.
pub async fn undelivered(db: &Database) -> DbResult<Vec<EmailRow>> {
    db.client()
        .query(
            "SELECT id, to, subject, kind, params, lang, status, attempts, last_error, next_attempt_at, last_attempt_at,
                 failed_at, sent_at, created_at
             FROM outbox_email
             WHERE status = 'failed' OR (status = 'pending' AND attempts > 0)
             ORDER BY status, created_at DESC LIMIT $limit",
        )
        .bind(("limit", LIST_LIMIT))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// The email with key `key`, if there is one.
///
/// Errors: [`DbError`] when the database fails.
pub async fn find(db: &Database, key: &str) -> DbResult<Option<EmailRow>> {
    db.client()
        .query(
            "SELECT id, to, subject, kind, params, lang, status, attempts, last_error, next_attempt_at, last_attempt_at,
                 failed_at, sent_at, created_at
             FROM ONLY $id",
        )
        .bind(("id", RecordId::new(TABLE, key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// How many emails are waiting, retrying and failed.
///
/// Errors: [`DbError`] when the database fails.
pub async fn counts(db: &Database) -> DbResult<Counts> {
    let counts: Option<Counts> = db
        .client()
        .query(
            "RETURN {
                 waiting: count(SELECT id FROM outbox_email WHERE status = 'pending' AND attempts = 0),
                 retrying: count(SELECT id FROM outbox_email WHERE status = 'pending' AND attempts > 0),
                 failed: count(SELECT id FROM outbox_email WHERE status = 'failed'),
             }",
        )
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(counts.unwrap_or_default())
}

/// Queues the email with key `key` again for delivery at `now` (the delivery loop sends it on
/// its next round) with a fresh retry schedule, if it failed or is still being retried. Doing
/// it twice is the same as once. `None` when there is no such email.
///
/// Errors: [`DbError`] when the database fails.
pub async fn resend(db: &Database, key: &str, now: DateTime<Utc>) -> DbResult<Option<Resend>> {
    let before: Option<String> = db
        .write(
            "BEGIN TRANSACTION;
             LET $before = (SELECT VALUE status FROM ONLY $id);
             IF $before IN ['failed', 'pending'] {
                 UPDATE $id SET status = 'pending', next_attempt_at = $now, temporary_failures = 0,
                     failed_at = NONE;
             };
             RETURN $before;
             COMMIT TRANSACTION;",
            &[("id", val(RecordId::new(TABLE, key))), ("now", val(now))],
        )
        .await?;
    Ok(before.map(|s| match Status::parse(&s) {
        Status::Sent => Resend::AlreadySent,
        Status::Pending | Status::Failed => Resend::Queued,
    }))
}

/// At most 500 characters of an error text.
fn clip(error: &str) -> String {
    error.chars().take(500).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_end_after_about_a_day() {
        let waits: Vec<i64> = (1..).map_while(retry_delay).map(|d| d.num_minutes()).collect();
        assert_eq!(waits, RETRY_DELAYS_MINUTES.to_vec());
        assert!(waits.windows(2).all(|w| w[0] < w[1]), "{waits:?}");
        let total: i64 = waits.iter().sum();
        assert!((20 * 60..=24 * 60).contains(&total), "{total} minutes");
        assert_eq!(retry_delay(0), None);
        assert_eq!(retry_delay(-3), None);
        assert_eq!(retry_delay(8), None);
        assert_eq!(retry_delay(i64::MAX), None);
    }
}
