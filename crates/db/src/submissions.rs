//! Submission keys: every form that creates something (a meeting, a goal, a program…) carries a
//! key made when the form was shown, so that a double click, a replayed POST or a retry after a
//! lost answer creates one thing and every repeat gets the first request's answer.
//!
//! A claim is the record `submission:[account key, action, key]`; creating it twice is refused
//! by the engine, which makes the claim atomic across concurrent requests.

use std::time::Duration;

use surrealdb::types::{RecordId, RecordIdKey, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, SubmissionKey, val};

/// Table of submission claims.
pub const TABLE: &str = "submission";

/// Longest submission key accepted (the forms send a UUID, 32 hex digits).
pub const MAX_KEY: usize = 64;

/// How long a repeat waits for the first request's answer before giving up: 10 s, polled every
/// 50 ms.
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// What [`claim`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This request is the first with the key: it does the work, then calls [`answer`] (or
    /// [`release`] when the work failed, so that the form can be sent again).
    First,
    /// An earlier request with the key answered this (JSON text).
    Answered(String),
    /// An earlier request with the key is still working after [`WAIT`], or its claim was left
    /// behind by a crash.
    Pending,
}

#[derive(SurrealValue)]
struct Stored {
    answer: Option<String>,
}

fn id(account_key: &AccountKey, action: &str, key: &SubmissionKey) -> RecordId {
    RecordId::new(
        TABLE,
        RecordIdKey::Array(
            vec![
                account_key.as_str().to_owned(),
                action.to_owned(),
                key.as_str().to_owned(),
            ]
            .into(),
        ),
    )
}

/// Claims the submission `key` of `action` (e.g. `meeting.propose`) for the account; when
/// another request holds the claim, waits for its answer. `action` is a name written in the
/// code, never text from a request.
///
/// Errors: database failures only.
pub async fn claim(
    db: &Database,
    account_key: &AccountKey,
    action: &'static str,
    key: &SubmissionKey,
) -> DbResult<Claim> {
    let id = id(account_key, action, key);
    let created: DbResult<surrealdb::types::Value> = db
        .write(
            "CREATE ONLY $id SET answer = NONE RETURN NONE",
            &[("id", val(id.clone()))],
        )
        .await;
    match created {
        Ok(_) => return Ok(Claim::First),
        Err(DbError::Conflict(_)) => {}
        Err(e) => return Err(e),
    }
    let started = tokio::time::Instant::now();
    loop {
        let stored: Option<Stored> = db
            .client()
            .query("SELECT answer FROM ONLY $id")
            .bind(("id", id.clone()))
            .await
            .and_then(|mut r| r.take(0))
            .map_err(DbError::from_surreal)?;
        match stored {
            Some(Stored { answer: Some(a) }) => return Ok(Claim::Answered(a)),
            // Released meanwhile: the first request failed, so this one may try.
            None => return Box::pin(claim(db, account_key, action, key)).await,
            Some(Stored { answer: None }) if started.elapsed() >= WAIT => return Ok(Claim::Pending),
            Some(Stored { answer: None }) => tokio::time::sleep(POLL).await,
        }
    }
}

/// Records the answer (JSON text) of the request that holds the claim.
pub async fn answer(
    db: &Database,
    account_key: &AccountKey,
    action: &'static str,
    key: &SubmissionKey,
    answer: &str,
) -> DbResult<()> {
    db.execute(
        "UPDATE ONLY $id SET answer = $answer",
        &[
            ("id", val(id(account_key, action, key))),
            ("answer", val(answer.to_owned())),
        ],
    )
    .await
}

/// Gives the claim up after the work failed, so that the same form may be sent again.
pub async fn release(
    db: &Database,
    account_key: &AccountKey,
    action: &'static str,
    key: &SubmissionKey,
) -> DbResult<()> {
    db.execute("DELETE $id", &[("id", val(id(account_key, action, key)))])
        .await
}
