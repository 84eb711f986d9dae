//! The `program` table (a reverse-mentoring cohort) and its topic catalogue.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::pairing::MatchingSettings;
use domain::{CatalogueTopic, Date, ProgramStatus, ValidProgram, topics::DEFAULT_TOPICS};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Binds, Database, DbError, DbResult, ProgramKey, TopicKey, key_of, new_key, users, val};

/// Table name.
pub const TABLE: &str = "program";

/// A row of `program`.
#[derive(Debug, Clone, SurrealValue)]
pub struct ProgramRow {
    /// Record id.
    pub id: RecordId,
    /// Name.
    pub name: String,
    /// Purpose.
    pub purpose: String,
    /// Goals and objectives.
    pub objectives: Vec<String>,
    /// Expectations for mentors.
    pub mentor_expectations: String,
    /// Expectations for mentees.
    pub mentee_expectations: String,
    /// First day (midnight UTC).
    pub starts_on: DateTime<Utc>,
    /// Last day (midnight UTC).
    pub ends_on: DateTime<Utc>,
    /// Days between meetings.
    pub cadence_days: i64,
    /// Meeting length.
    pub meeting_minutes: i64,
    /// Lifecycle status name.
    pub status: String,
    /// The program manager who owns it.
    pub owner: RecordId,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

impl ProgramRow {
    /// The key that identifies the program outside the database.
    pub fn key(&self) -> String {
        key_of(&self.id)
    }

    /// The owner's user key.
    pub fn owner_key(&self) -> String {
        key_of(&self.owner)
    }

    /// The lifecycle status (unknown values, never written by the app, read as draft).
    pub fn status(&self) -> ProgramStatus {
        ProgramStatus::parse(&self.status).unwrap_or(ProgramStatus::Draft)
    }
}

/// A topic of a program's catalogue.
#[derive(Debug, Clone, SurrealValue)]
pub struct TopicRow {
    /// Stable key.
    pub key: String,
    /// Spanish label.
    pub label_es: String,
    /// English label.
    pub label_en: String,
}

/// The date as a UTC midnight timestamp (how dates are stored).
pub fn to_datetime(d: Date) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(d.year, d.month, d.day)
        .and_then(|n| n.and_hms_opt(0, 0, 0))
        .map(|n| Utc.from_utc_datetime(&n))
        .unwrap_or_default()
}

/// The calendar date of a stored timestamp.
pub fn to_date(t: DateTime<Utc>) -> Date {
    use chrono::Datelike;
    Date {
        year: t.year(),
        month: t.month(),
        day: t.day(),
    }
}

fn id(key: &str) -> RecordId {
    RecordId::new(TABLE, key)
}

/// Creates a draft program owned by `owner_key`, with the default topic catalogue, in one
/// transaction.
pub async fn create(db: &Database, owner_key: &str, p: &ValidProgram) -> DbResult<ProgramRow> {
    let topics: Vec<serde_json::Value> = DEFAULT_TOPICS
        .iter()
        .map(|t| serde_json::json!({"key": t.key, "label_es": t.es, "label_en": t.en}))
        .collect();
    let mut binds = fields(p);
    binds.extend([
        ("id", val(id(&new_key()))),
        ("owner", val(RecordId::new(users::TABLE, owner_key))),
        ("topics", val(topics)),
    ]);
    let program: Option<ProgramRow> = db
        .write(
            "BEGIN TRANSACTION;
             LET $p = CREATE ONLY $id SET name = $name, purpose = $purpose, objectives = $objectives,
                 mentor_expectations = $mentor_exp, mentee_expectations = $mentee_exp,
                 starts_on = $starts, ends_on = $ends, cadence_days = $cadence,
                 meeting_minutes = $minutes, status = 'draft', owner = $owner;
             FOR $t IN $topics {
                 CREATE topic SET program = $id, key = $t.key, label_es = $t.label_es, label_en = $t.label_en;
             };
             RETURN $p;
             COMMIT TRANSACTION;",
            &binds,
        )
        .await?;
    program.ok_or_else(|| DbError::Config("program was not created".into()))
}

/// The design fields of a program as bound values (`$name`, `$purpose`, `$objectives`,
/// `$mentor_exp`, `$mentee_exp`, `$starts`, `$ends`, `$cadence`, `$minutes`).
fn fields(p: &ValidProgram) -> Binds {
    vec![
        ("name", val(p.name.clone())),
        ("purpose", val(p.purpose.clone())),
        ("objectives", val(p.objectives.clone())),
        ("mentor_exp", val(p.mentor_expectations.clone())),
        ("mentee_exp", val(p.mentee_expectations.clone())),
        ("starts", val(to_datetime(p.starts_on))),
        ("ends", val(to_datetime(p.ends_on))),
        ("cadence", val(i64::from(p.cadence_days))),
        ("minutes", val(i64::from(p.meeting_minutes))),
    ]
}

/// Replaces the design of a program.
pub async fn update(db: &Database, key: &str, p: &ValidProgram) -> DbResult<Option<ProgramRow>> {
    let mut binds = fields(p);
    binds.push(("id", val(id(key))));
    db.write(
        "UPDATE ONLY $id SET name = $name, purpose = $purpose, objectives = $objectives,
            mentor_expectations = $mentor_exp, mentee_expectations = $mentee_exp,
            starts_on = $starts, ends_on = $ends, cadence_days = $cadence, meeting_minutes = $minutes",
        &binds,
    )
    .await
}

/// Finds a program by key.
pub async fn find(db: &Database, key: &str) -> DbResult<Option<ProgramRow>> {
    db.client()
        .query("SELECT * FROM ONLY $id")
        .bind(("id", id(key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Programs owned by `owner_key`, or every program when `None`; newest first.
pub async fn list(db: &Database, owner_key: Option<&str>) -> DbResult<Vec<ProgramRow>> {
    let client = db.client();
    let q = match owner_key {
        Some(owner) => client
            .query("SELECT * FROM program WHERE owner = $owner ORDER BY created_at DESC")
            .bind(("owner", RecordId::new(users::TABLE, owner))),
        None => client.query("SELECT * FROM program ORDER BY created_at DESC"),
    };
    q.await.and_then(|mut r| r.take(0)).map_err(DbError::from_surreal)
}

/// Moves a program from `from` to `to`, only if it is still in `from` (two HR users clicking at
/// once cannot skip a step). Returns the updated row, or `None` if the status had changed.
pub async fn set_status(
    db: &Database,
    key: &str,
    from: domain::ProgramStatus,
    to: domain::ProgramStatus,
) -> DbResult<Option<ProgramRow>> {
    let rows: Vec<ProgramRow> = db
        .write(
            "UPDATE $id SET status = $to WHERE status = $from",
            &[
                ("id", crate::val(id(key))),
                ("from", crate::val(from.as_str())),
                ("to", crate::val(to.as_str())),
            ],
        )
        .await?;
    Ok(rows.into_iter().next())
}

/// The topic catalogue of a program, in key order.
pub async fn topics(db: &Database, key: &str) -> DbResult<Vec<TopicRow>> {
    db.client()
        .query("SELECT key, label_es, label_en FROM topic WHERE program = $id ORDER BY key")
        .bind(("id", id(key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Adds a topic to a program's catalogue. A key the program already has is a
/// [`DbError::Conflict`] (the unique index backs up the domain's duplicate check).
pub async fn add_topic(db: &Database, program: &str, t: &CatalogueTopic) -> DbResult<()> {
    db.execute(
        "CREATE topic SET program = $id, key = $key, label_es = $es, label_en = $en",
        &[
            ("id", crate::val(id(program))),
            ("key", crate::val(t.key.clone())),
            ("es", crate::val(t.es.clone())),
            ("en", crate::val(t.en.clone())),
        ],
    )
    .await?;
    Ok(())
}

/// Changes the labels of the topic `t.key` of a program; `false` if it has no such topic.
pub async fn rename_topic(db: &Database, program: &str, t: &CatalogueTopic) -> DbResult<bool> {
    let rows: Vec<TopicRow> = db
        .write(
            "UPDATE topic SET label_es = $es, label_en = $en WHERE program = $id AND key = $key
             RETURN key, label_es, label_en",
            &[
                ("id", crate::val(id(program))),
                ("key", crate::val(t.key.clone())),
                ("es", crate::val(t.es.clone())),
                ("en", crate::val(t.en.clone())),
            ],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// Removes the topic `key` from a program's catalogue; `false` if it has no such topic.
/// Profiles that name the key keep it; it simply no longer appears in the catalogue.
pub async fn remove_topic(db: &Database, program: &ProgramKey, key: &TopicKey) -> DbResult<bool> {
    let rows: Vec<TopicRow> = db
        .write(
            "DELETE topic WHERE program = $id AND key = $key RETURN BEFORE",
            &[
                ("id", crate::val(id(program.as_str()))),
                ("key", crate::val(key.as_str().to_owned())),
            ],
        )
        .await?;
    Ok(!rows.is_empty())
}

/// A program's matching settings; the defaults when none are stored (or the program is unknown).
pub async fn matching_settings(db: &Database, key: &str) -> DbResult<MatchingSettings> {
    let stored: Option<serde_json::Value> = db
        .client()
        .query("SELECT VALUE matching FROM ONLY $id")
        .bind(("id", id(key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(stored
        .and_then(|v| {
            serde_json::from_value(v)
                .inspect_err(|e| tracing::warn!(program = key, error = %e, "unreadable matching settings; using defaults"))
                .ok()
        })
        .unwrap_or_default())
}

/// Stores a program's matching settings; `None` goes back to the defaults.
pub async fn set_matching_settings(
    db: &Database,
    key: &str,
    settings: Option<&MatchingSettings>,
) -> DbResult<()> {
    let value = match settings {
        Some(s) => serde_json::to_value(s).map_err(|e| DbError::Config(e.to_string()))?,
        None => serde_json::json!({}),
    };
    db.execute(
        "UPDATE ONLY $id SET matching = $matching",
        &[("id", crate::val(id(key))), ("matching", crate::val(value))],
    )
    .await?;
    Ok(())
}
