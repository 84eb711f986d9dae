//! The organisation's level ladder: the job titles HR's exports put in the level column, most
//! junior first. A title's job level is its position on the ladder plus one (1–20), so the
//! engine's "mentor junior to mentee" rule works on exports that hold titles instead of numbers.
//!
//! The ladder is one record (`level_ladder:org`) shared by every program. It is stored by the
//! import that used it and edited later from the import page; editing it re-levels every
//! employee imported with a title, in the same transaction.

use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, key_of, users};

/// Table name.
pub const TABLE: &str = "level_ladder";

/// The key of the one ladder record.
const KEY: &str = "org";

/// The stored ladder, most junior title first; empty when none was ever stored.
pub async fn ladder(db: &Database) -> DbResult<Vec<String>> {
    let titles: Vec<Vec<String>> = db
        .client()
        .query("SELECT VALUE titles FROM $id")
        .bind(("id", RecordId::new(TABLE, KEY)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(titles.into_iter().next().unwrap_or_default())
}

/// An employee imported with a job title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledEmployee {
    /// Employee key.
    pub key: String,
    /// The title as imported.
    pub title: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct TitledRow {
    id: RecordId,
    job_title: String,
}

/// Every employee that was imported with a job title.
pub async fn titled_employees(db: &Database) -> DbResult<Vec<TitledEmployee>> {
    let rows: Vec<TitledRow> = db
        .client()
        .query("SELECT id, job_title FROM employee WHERE job_title != NONE")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(rows
        .into_iter()
        .map(|r| TitledEmployee {
            key: key_of(&r.id),
            title: r.job_title,
        })
        .collect())
}

#[derive(Debug, Clone, SurrealValue)]
struct Relevel {
    id: RecordId,
    level: Option<i64>,
}

/// Stores the ladder and gives each listed employee its new level (`None` when their title is no
/// longer on the ladder), in one transaction. `titles` must already be checked (at most 20,
/// distinct); `by` is the account that changed it. A save that loses a conflict with a
/// concurrent write is run again ([`Database::write`]); errors: [`DbError::Busy`](crate::DbError)
/// when it lost every attempt, other [`DbError`](crate::DbError)s when the database refused it.
pub async fn save(
    db: &Database,
    titles: &[String],
    levels: &[(String, Option<i32>)],
    by: Option<&str>,
) -> DbResult<()> {
    let relevel: Vec<Relevel> = levels
        .iter()
        .map(|(key, level)| Relevel {
            id: RecordId::new(crate::employees::TABLE, key.as_str()),
            level: level.map(i64::from),
        })
        .collect();
    let binds: crate::Binds = vec![
        ("id", crate::val(RecordId::new(TABLE, KEY))),
        ("titles", crate::val(titles.to_vec())),
        ("by", crate::val(by.map(|k| RecordId::new(users::TABLE, k)))),
        ("relevel", crate::val(relevel)),
    ];
    let _: Option<bool> = db
        .write(
            "BEGIN TRANSACTION;
             UPSERT $id SET titles = $titles, updated_by = $by;
             FOR $r IN $relevel { UPDATE $r.id SET job_level = $r.level; };
             RETURN true;
             COMMIT TRANSACTION;",
            &binds,
        )
        .await?;
    Ok(())
}
