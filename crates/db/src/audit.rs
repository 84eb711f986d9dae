//! The audit log: who changed what in HR and admin actions.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, users};

/// One recorded action.
#[derive(Debug, Clone, SurrealValue)]
pub struct AuditRow {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it (none for the command line).
    pub actor: Option<RecordId>,
    /// Stable action name, e.g. `user.disable`.
    pub action: String,
    /// What it was done to, e.g. `user:abc`.
    pub target: String,
}

/// Appends an entry. `actor_key` is a user key, or `None` for CLI actions.
pub async fn record(db: &Database, actor_key: Option<&str>, action: &str, target: &str) -> DbResult<()> {
    db.execute(
        "CREATE audit_event SET actor = $actor, action = $action, target = $target",
        &[
            (
                "actor",
                crate::val(actor_key.map(|k| RecordId::new(users::TABLE, k))),
            ),
            ("action", crate::val(action.to_owned())),
            ("target", crate::val(target.to_owned())),
        ],
    )
    .await?;
    Ok(())
}

/// The most recent entries, newest first.
pub async fn recent(db: &Database, limit: i64) -> DbResult<Vec<AuditRow>> {
    db.client()
        .query("SELECT at, actor, action, target FROM audit_event ORDER BY at DESC LIMIT $limit")
        .bind(("limit", limit))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}
