//! Check-ins: the 30-second note each person of a pair leaves after meeting — how it went (1–5),
//! what they learned or taught, the next step, and whether something blocks them.
//!
//! A check-in is written once per client-made key (`client_id`, unique per author), so a phone
//! that retries a submission after a dropped connection stores it once and gets the same answer.
//! The write is acknowledged only after the database commits it (SurrealKV fsyncs every commit),
//! so an acknowledged check-in survives a crash.

use chrono::{DateTime, Utc};
use domain::meeting::ValidCheckin;
use surrealdb::types::{RecordId, SurrealValue};

use crate::goals::Outcome;
use crate::{AccountKey, Database, DbError, DbResult, PairKey, new_key, users};

/// Table of check-ins.
pub const TABLE: &str = "checkin";

/// A stored check-in.
#[derive(Debug, Clone, SurrealValue)]
pub struct CheckinRow {
    /// Record id.
    pub id: RecordId,
    /// Author's display name.
    pub author_name: String,
    /// Whether the caller wrote it.
    pub mine: bool,
    /// 1–5.
    pub rating: i64,
    /// What the author learned.
    pub learned: String,
    /// What the author taught.
    pub taught: String,
    /// Next step.
    pub next_step: String,
    /// Something blocks the pair.
    pub blocker: bool,
    /// The submission key.
    pub client_id: Option<String>,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

fn account(account_key: &AccountKey) -> RecordId {
    RecordId::new(users::TABLE, account_key.as_str())
}

/// Stores a check-in by the caller in their pair. Answers the check-in's key; a second submission
/// with the same `client_id` answers the first one's key and stores nothing.
pub async fn submit(
    db: &Database,
    account_key: &AccountKey,
    pair_key: &PairKey,
    c: &ValidCheckin,
) -> DbResult<Outcome> {
    let key = new_key();
    // Two submissions with one key racing each other: the unique index refuses the second, whose
    // retry then finds the first.
    let answer: Vec<String> = db
        .write(concat!("BEGIN TRANSACTION;
                 LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
                 LET $p = (SELECT status FROM ONLY $pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
                 LET $earlier = (SELECT VALUE id FROM checkin WHERE author = $account AND client_id = $client_id AND pair = $pair);
                 LET $answer = IF $p = NONE { ['not_found', ''] }
                     ELSE IF $earlier[0] != NONE { ['done', record::id($earlier[0])] }
                     ELSE IF $p.status NOT IN ", writable_pair_statuses!(), " { ['locked', ''] }
                     ELSE {
                         CREATE type::record('checkin', $key) SET pair = $pair, author = $account,
                             rating = $rating, learned = $learned, taught = $taught,
                             next_step = $next_step, blocker = $blocker, client_id = $client_id;
                         ['done', $key]
                     };
                 RETURN $answer;
                 COMMIT TRANSACTION;"), &[("account", crate::val(account(account_key))), ("pair", crate::val(RecordId::new("pair", pair_key.as_str()))), ("key", crate::val(key.clone())), ("rating", crate::val(i64::from(c.rating))), ("learned", crate::val(c.learned.clone())), ("taught", crate::val(c.taught.clone())), ("next_step", crate::val(c.next_step.clone())), ("blocker", crate::val(c.blocker)), ("client_id", crate::val(c.client_id.clone()))]).await?;
    let (what, key) = (
        answer.first().cloned().unwrap_or_default(),
        answer.get(1).cloned().unwrap_or_default(),
    );
    Ok(Outcome::from_answer(&what, key))
}

/// Every check-in of a pair the caller belongs to, newest first; `None` when they are not one of
/// its two people.
pub async fn for_pair(
    db: &Database,
    account_key: &AccountKey,
    pair_key: &PairKey,
) -> DbResult<Option<Vec<CheckinRow>>> {
    let mut res = db
        .client()
        .query(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $ok = (SELECT VALUE id FROM ONLY $pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
             RETURN $ok != NONE;
             SELECT id, author.name AS author_name, author = $account AS mine, rating, learned, taught,
                 next_step, blocker, client_id, created_at
             FROM checkin WHERE pair = $pair AND $ok != NONE ORDER BY created_at DESC;",
        )
        .bind(("account", account(account_key)))
        .bind(("pair", RecordId::new("pair", pair_key.as_str())))
        .await
        .map_err(DbError::from_surreal)?;
    let member: Option<bool> = res.take(2).map_err(DbError::from_surreal)?;
    if member != Some(true) {
        return Ok(None);
    }
    Ok(Some(res.take(3).map_err(DbError::from_surreal)?))
}
