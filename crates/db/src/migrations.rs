//! Numbered `.surql` migrations, applied in order at start-up and recorded in `_migration`.
//!
//! Each migration runs inside one transaction together with its record, so a failure leaves the
//! database as it was. Applying twice is a no-op.

use surrealdb::types::SurrealValue;

use crate::{Database, DbError, DbResult};

/// A schema change: its number, name and SurrealQL text.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Position in the sequence, starting at 1, without gaps.
    pub version: i64,
    /// File name, for humans and logs.
    pub name: &'static str,
    /// The statements.
    pub sql: &'static str,
}

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_foundation.surql",
        sql: include_str!("../schema/0001_foundation.surql"),
    },
    Migration {
        version: 2,
        name: "0002_goal_order.surql",
        sql: include_str!("../schema/0002_goal_order.surql"),
    },
    Migration {
        version: 3,
        name: "0003_meetings.surql",
        sql: include_str!("../schema/0003_meetings.surql"),
    },
    Migration {
        version: 4,
        name: "0004_feedback.surql",
        sql: include_str!("../schema/0004_feedback.surql"),
    },
    Migration {
        version: 5,
        name: "0005_outbox_delivery.surql",
        sql: include_str!("../schema/0005_outbox_delivery.surql"),
    },
    Migration {
        version: 6,
        name: "0006_import_decisions.surql",
        sql: include_str!("../schema/0006_import_decisions.surql"),
    },
    Migration {
        version: 7,
        name: "0007_program_invitations.surql",
        sql: include_str!("../schema/0007_program_invitations.surql"),
    },
    Migration {
        version: 8,
        name: "0008_outbox_retries.surql",
        sql: include_str!("../schema/0008_outbox_retries.surql"),
    },
    Migration {
        version: 9,
        name: "0009_submissions.surql",
        sql: include_str!("../schema/0009_submissions.surql"),
    },
    Migration {
        version: 10,
        name: "0010_notices.surql",
        sql: include_str!("../schema/0010_notices.surql"),
    },
    Migration {
        version: 11,
        name: "0011_training.surql",
        sql: include_str!("../schema/0011_training.surql"),
    },
    Migration {
        version: 12,
        name: "0012_training_reminders.surql",
        sql: include_str!("../schema/0012_training_reminders.surql"),
    },
    Migration {
        version: 13,
        name: "0013_training_waivers.surql",
        sql: include_str!("../schema/0013_training_waivers.surql"),
    },
    Migration {
        version: 14,
        name: "0014_workshops.surql",
        sql: include_str!("../schema/0014_workshops.surql"),
    },
    Migration {
        version: 15,
        name: "0015_recognition.surql",
        sql: include_str!("../schema/0015_recognition.surql"),
    },
    Migration {
        version: 16,
        name: "0016_certificates.surql",
        sql: include_str!("../schema/0016_certificates.surql"),
    },
];

#[derive(SurrealValue)]
struct Applied {
    version: i64,
}

/// Applies every migration not yet recorded; returns how many ran.
pub async fn apply(db: &Database) -> DbResult<usize> {
    let client = db.client();
    client
        .query(
            "DEFINE TABLE IF NOT EXISTS _migration SCHEMAFULL;
             DEFINE FIELD IF NOT EXISTS version ON _migration TYPE int;
             DEFINE FIELD IF NOT EXISTS name ON _migration TYPE string;
             DEFINE FIELD IF NOT EXISTS applied_at ON _migration TYPE datetime DEFAULT time::now();
             DEFINE INDEX IF NOT EXISTS _migration_version ON _migration FIELDS version UNIQUE;",
        )
        .await
        .and_then(|r| r.check())
        .map_err(DbError::from_surreal)?;
    let applied: Vec<Applied> = client
        .query("SELECT version FROM _migration")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    let mut ran = 0;
    for migration in MIGRATIONS {
        if applied.iter().any(|a| a.version == migration.version) {
            continue;
        }
        // Only the compile-time migration text is spliced here; values are bound.
        let sql = format!(
            "BEGIN TRANSACTION;\n{}\nCREATE _migration SET version = $version, name = $name;\nCOMMIT TRANSACTION;",
            migration.sql
        );
        client
            .query(sql)
            .bind(("version", migration.version))
            .bind(("name", migration.name))
            .await
            .and_then(|r| r.check())
            .map_err(|e| DbError::Config(format!("migration {} failed: {e}", migration.name)))?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied migration"
        );
        ran += 1;
    }
    Ok(ran)
}

/// The highest applied migration number (0 for an empty database).
pub async fn current_version(db: &Database) -> DbResult<i64> {
    let v: Option<i64> = db
        .client()
        .query("RETURN math::max((SELECT VALUE version FROM _migration)) ?? 0")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(v.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "{}", m.name);
            assert!(m.name.starts_with(&format!("{:04}_", m.version)), "{}", m.name);
        }
    }
}
