//! In-app notifications: what happened that a user should know about (a pair published, a pair
//! accepted…), newest first, with a read mark.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, users};

/// Most notifications listed at once.
pub const LIST_LIMIT: i64 = 50;

/// One notification.
#[derive(Debug, Clone, SurrealValue)]
pub struct NotificationRow {
    /// Record id.
    pub id: RecordId,
    /// What happened (`pair_published`, `pair_accepted`…: a [`domain::Notice`] kind).
    pub kind: String,
    /// The notice's facts (see [`domain::Notice`]); `{}` for notifications written as text.
    pub params: serde_json::Value,
    /// The text of a notification written before notices were stored as facts; empty for a
    /// notice.
    pub title: String,
    /// Where to go from it.
    pub link: Option<String>,
    /// When it was read.
    pub read_at: Option<DateTime<Utc>>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

impl NotificationRow {
    /// The notice this notification tells, or `None` for one written as text (see `title`).
    pub fn notice(&self) -> Option<domain::Notice> {
        domain::Notice::from_stored(&self.kind, &self.params)
    }
}

/// The user's latest notifications, newest first.
pub async fn list(db: &Database, user_key: &str) -> DbResult<Vec<NotificationRow>> {
    db.client()
        .query(
            "SELECT id, kind, params, title, link, read_at, created_at FROM notification
             WHERE user = $user ORDER BY created_at DESC LIMIT $limit",
        )
        .bind(("user", RecordId::new(users::TABLE, user_key)))
        .bind(("limit", LIST_LIMIT))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Marks every notification of the user as read; answers how many were unread.
pub async fn mark_all_read(db: &Database, user_key: &str) -> DbResult<i64> {
    let rows: Vec<RecordId> = db.write("UPDATE notification SET read_at = time::now() WHERE user = $user AND read_at = NONE RETURN VALUE id", &[("user", crate::val(RecordId::new(users::TABLE, user_key)))]).await?;
    Ok(i64::try_from(rows.len()).unwrap_or(i64::MAX))
}
