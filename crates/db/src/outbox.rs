//! The email outbox: every email is written here first, in the same transaction as what caused
//! it; when an SMTP server is configured the server delivers the pending ones and marks them.

use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult};

/// Failed deliveries after which an email is left alone (it stays in the outbox for a person to
/// look at).
pub const MAX_ATTEMPTS: i64 = 5;

/// An email waiting to be delivered.
#[derive(Debug, Clone, SurrealValue)]
pub struct PendingEmail {
    /// Record id.
    pub id: RecordId,
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
}

/// Up to `limit` undelivered emails, oldest first, that have not failed too often.
pub async fn pending(db: &Database, limit: i64) -> DbResult<Vec<PendingEmail>> {
    db.client()
        .query(
            "SELECT id, to, subject, body_text, created_at FROM outbox_email
             WHERE sent_at = NONE AND attempts < $max ORDER BY created_at LIMIT $limit",
        )
        .bind(("max", MAX_ATTEMPTS))
        .bind(("limit", limit))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Marks an email delivered.
pub async fn mark_sent(db: &Database, id: &RecordId) -> DbResult<()> {
    db.client()
        .query("UPDATE $id SET sent_at = time::now(), attempts += 1, last_error = NONE")
        .bind(("id", id.clone()))
        .await
        .and_then(|r| r.check())
        .map_err(DbError::from_surreal)?;
    Ok(())
}

/// Records a failed delivery.
pub async fn mark_failed(db: &Database, id: &RecordId, error: &str) -> DbResult<()> {
    db.client()
        .query("UPDATE $id SET attempts += 1, last_error = $error")
        .bind(("id", id.clone()))
        .bind(("error", error.chars().take(500).collect::<String>()))
        .await
        .and_then(|r| r.check())
        .map_err(DbError::from_surreal)?;
    Ok(())
}
