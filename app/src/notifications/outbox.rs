//! Email delivery as admins see it: the emails that failed for good and those still being
//! retried (recipient, subject, status, tries, the server's last reply, the next try), and
//! queueing one again. Admins only; everyone else gets 401/403 and sees nothing.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{self, fail, require},
    domain::Role,
};

/// Where an undelivered email stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Refused for now or the server was unavailable; it is tried again at `next_attempt_at`.
    Retrying,
    /// Refused for good, or still refused after about a day of retries.
    Failed,
}

/// One undelivered email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    /// Record key, for resending.
    pub key: String,
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Tries so far.
    pub attempts: i64,
    /// The SMTP server's last reply, or why it could not be reached.
    pub last_error: Option<String>,
    /// When the next try is due, `YYYY-MM-DD HH:MM UTC` (retrying emails only).
    pub next_attempt_at: Option<String>,
    /// When the last try was made, `YYYY-MM-DD HH:MM UTC`.
    pub last_attempt_at: Option<String>,
    /// When it was written, `YYYY-MM-DD HH:MM UTC`.
    pub created_at: String,
}

/// The outbox as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxList {
    /// Failed emails, then retrying ones, newest first (at most 200).
    pub emails: Vec<OutboxEmail>,
    /// Emails waiting for their first try (with no SMTP server configured they stay there).
    pub waiting: i64,
    /// Emails being retried.
    pub retrying: i64,
    /// Failed emails.
    pub failed: i64,
}

/// What a resend did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resent {
    /// The email is queued for the next delivery round (a few seconds).
    Queued,
    /// It had been delivered meanwhile; nothing changed.
    AlreadySent,
}

#[cfg(feature = "ssr")]
fn minute(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[cfg(feature = "ssr")]
impl OutboxEmail {
    fn from_row(r: db::outbox::EmailRow) -> OutboxEmail {
        let failed = r.status() == db::outbox::Status::Failed;
        // The subject as the recipient reads it (a notice is put into words in their language).
        let subject = match r.notice() {
            Some(n) => crate::notifications::text::notice_line(crate::locale_of(r.lang()), &n),
            None => r.subject.clone(),
        };
        OutboxEmail {
            key: r.key(),
            status: if failed {
                DeliveryStatus::Failed
            } else {
                DeliveryStatus::Retrying
            },
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at.filter(|_| !failed).map(minute),
            last_attempt_at: r.last_attempt_at.map(minute),
            created_at: minute(r.created_at),
            last_error: r.last_error,
            to: r.to,
            subject,
        }
    }
}

/// Failed and retrying emails, with counts (admins only).
///
/// Errors: 401 anonymous, 403 not an admin, 500 when the database fails.
#[server(endpoint = "list_outbox")]
pub async fn list_outbox() -> Result<OutboxList, AppError> {
    require(Role::Admin).await?;
    let state = ssr::guard::state()?;
    let rows = db::outbox::undelivered(&state.db).await?;
    let counts = db::outbox::counts(&state.db).await?;
    Ok(OutboxList {
        emails: rows.into_iter().map(OutboxEmail::from_row).collect(),
        waiting: counts.waiting,
        retrying: counts.retrying,
        failed: counts.failed,
    })
}

/// Queues a failed or retrying email for delivery at once, with a fresh day of retries (admins
/// only). Sending it twice is the same as once; a delivered email is left as it is. Without
/// JavaScript the form post comes back to `/admin/outbox?resent=queued|already_sent`.
///
/// Errors: 401 anonymous, 403 not an admin, 404 no such email.
#[server(endpoint = "resend_email")]
pub async fn resend_email(key: String) -> Result<Resent, AppError> {
    let admin = require(Role::Admin).await?;
    ssr::guard::check_key(&key)?;
    let state = ssr::guard::state()?;
    let resent = match db::outbox::resend(&state.db, &key, chrono::Utc::now()).await? {
        None => return Err(fail(ErrorKind::NotFound)),
        Some(db::outbox::Resend::Queued) => Resent::Queued,
        Some(db::outbox::Resend::AlreadySent) => Resent::AlreadySent,
    };
    ssr::guard::audit(&admin, "email.resend", &format!("outbox_email:{key}")).await?;
    if ssr::guard::is_plain_form_post() {
        let outcome = match resent {
            Resent::Queued => "queued",
            Resent::AlreadySent => "already_sent",
        };
        leptos_axum::redirect(&format!("/admin/outbox?resent={outcome}"));
    }
    Ok(resent)
}
