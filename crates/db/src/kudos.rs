//! Kudos and a program's wall.
//!
//! A kudos goes from an account (a participant active in the program, or HR: the caller checks
//! program ownership and says so with `by_hr`) to a participant active in the same program. The
//! daily limit (`domain::recognition::kudos::DAILY_LIMIT` per account and UTC day) is kept by a
//! per-day counter record that every send rewrites in its transaction, so concurrent sends
//! cannot pass it together.

use chrono::{DateTime, Utc};
use domain::recognition::kudos::{DAILY_LIMIT, ValidKudos};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, EmployeeKey, ProgramKey, new_key, users};

/// Table of kudos.
pub const TABLE: &str = "kudos";

fn account(account: &AccountKey) -> RecordId {
    RecordId::new(users::TABLE, account.as_str())
}

fn program(key: &ProgramKey) -> RecordId {
    RecordId::new(crate::programs::TABLE, key.as_str())
}

/// What sending a kudos did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Sent, with this key; the recipient was told.
    Done(String),
    /// The sender or the recipient is not an active participant of the program.
    NotFound,
    /// The recipient is the sender.
    ToSelf,
    /// The sender sent [`DAILY_LIMIT`] today already.
    DailyLimit,
}

/// Who sends a kudos.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    /// Their account.
    pub account: &'a AccountKey,
    /// Whether they send as the program's HR (the caller checked ownership); otherwise they must
    /// be an active participant of the program.
    pub by_hr: bool,
}

/// Sends a kudos in the program from `sender` to `recipient`, on UTC day `now`, telling the
/// recipient (notice `kudos_received`: who and which program, linking to the wall).
pub async fn send(
    db: &Database,
    sender: Sender<'_>,
    program_key: &ProgramKey,
    recipient: &EmployeeKey,
    kudos: &ValidKudos,
    now: DateTime<Utc>,
    base_url: &str,
) -> DbResult<Sent> {
    let key = new_key();
    let answer: Option<String> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
                 LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
                 LET $sender_ok = $by_hr OR count(SELECT id FROM enrolled
                     WHERE in IN $me AND out = $program AND status = 'active') > 0;
                 LET $to_ok = count(SELECT id FROM enrolled
                     WHERE in = $recipient AND out = $program AND status = 'active') > 0;
                 LET $day = type::record('kudos_day', [record::id($account), $date]);
                 LET $sent = (SELECT VALUE sent FROM ONLY $day) ?? 0;
                 LET $answer = IF !$sender_ok OR !$to_ok { 'not_found' }
                     ELSE IF $recipient IN $me { 'self' }
                     ELSE IF $sent >= $limit { 'limit' }
                     ELSE {
                         UPSERT $day SET sent = $sent + 1;
                         LET $name = (SELECT VALUE name FROM ONLY $account);
                         CREATE type::record('kudos', $key) SET program = $program, sender = $account,
                             sender_name = $name, recipient = $recipient, value = $value, message = $message;
                         LET $recipient_row = $recipient;
                         LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $recipient_row);
                         LET $kind = 'kudos_received';
                         LET $params = { name: $name, program: (SELECT VALUE name FROM ONLY $program) };
                         LET $link = '/programs/' + record::id($program) + '/wall';
                         ",
                tell_person!(),
                "
                         'done'
                     };
                 RETURN $answer;
                 COMMIT TRANSACTION;"
            ),
            &[
                ("account", crate::val(account(sender.account))),
                ("by_hr", crate::val(sender.by_hr)),
                ("program", crate::val(program(program_key))),
                (
                    "recipient",
                    crate::val(RecordId::new(crate::employees::TABLE, recipient.as_str())),
                ),
                ("date", crate::val(now.format("%Y-%m-%d").to_string())),
                ("limit", crate::val(i64::from(DAILY_LIMIT))),
                ("key", crate::val(key.clone())),
                ("value", crate::val(kudos.value.as_str())),
                ("message", crate::val(kudos.message.clone())),
                ("base", crate::val(base_url.to_owned())),
            ],
        )
        .await?;
    Ok(match answer.as_deref() {
        Some("done") => Sent::Done(key),
        Some("self") => Sent::ToSelf,
        Some("limit") => Sent::DailyLimit,
        _ => Sent::NotFound,
    })
}

/// A kudos on the wall.
#[derive(Debug, Clone, SurrealValue)]
pub struct KudosRow {
    /// Record id.
    pub id: RecordId,
    /// Who sent it (their name when they sent it).
    pub sender_name: String,
    /// The recipient.
    pub recipient: RecordId,
    /// The recipient's name.
    pub recipient_name: String,
    /// `taught_me`, `patience`, `generosity`, `curiosity` or `openness`.
    pub value: String,
    /// The message.
    pub message: String,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// Whether the reader is its recipient (and so may hide it).
    pub to_me: bool,
}

/// One page of a wall and how many kudos it has in all.
#[derive(Debug, Clone)]
pub struct WallPage {
    /// Newest first.
    pub kudos: Vec<KudosRow>,
    /// Kudos on the wall in all.
    pub total: usize,
}

/// Whether the account is an active participant of the program (and so sees its wall).
pub async fn is_participant(db: &Database, reader: &AccountKey, program_key: &ProgramKey) -> DbResult<bool> {
    let n: Option<i64> = db
        .client()
        .query(
            "RETURN count(SELECT id FROM enrolled WHERE out = $program AND status = 'active'
                 AND in IN (SELECT VALUE id FROM employee WHERE account = $account))",
        )
        .bind(("account", account(reader)))
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(n.unwrap_or(0) > 0)
}

/// Page `page` (0 first) of `per_page` kudos of the program's wall, newest first: those neither
/// hidden by their recipient nor removed by HR. The caller checks the reader may see it.
pub async fn wall(
    db: &Database,
    reader: &AccountKey,
    program_key: &ProgramKey,
    page: usize,
    per_page: usize,
) -> DbResult<WallPage> {
    let mut response = db
        .client()
        .query(
            "SELECT id, sender_name, recipient, recipient.name AS recipient_name, value, message,
                 created_at, recipient.account = $account AS to_me
             FROM kudos WHERE program = $program AND hidden_at = NONE AND removed_at = NONE
             ORDER BY created_at DESC LIMIT $limit START $start;
             RETURN count(SELECT id FROM kudos WHERE program = $program AND hidden_at = NONE AND removed_at = NONE);",
        )
        .bind(("account", account(reader)))
        .bind(("program", program(program_key)))
        .bind(("limit", i64::try_from(per_page).unwrap_or(20)))
        .bind(("start", i64::try_from(page.saturating_mul(per_page)).unwrap_or(0)))
        .await
        .map_err(DbError::from_surreal)?;
    let kudos: Vec<KudosRow> = response.take(0).map_err(DbError::from_surreal)?;
    let total: Option<i64> = response.take(1).map_err(DbError::from_surreal)?;
    Ok(WallPage {
        kudos,
        total: usize::try_from(total.unwrap_or(0)).unwrap_or(0),
    })
}

/// The program of a kudos, if it exists.
pub async fn program_of(db: &Database, kudos: &str) -> DbResult<Option<ProgramKey>> {
    let p: Option<RecordId> = db
        .client()
        .query("RETURN (SELECT VALUE program FROM ONLY type::record('kudos', $k))")
        .bind(("k", kudos.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(p.map(|p| ProgramKey::new(crate::key_of(&p))))
}

/// Takes a kudos off the wall for its recipient (the account's employee); `false` when it is
/// not theirs or not there.
pub async fn hide(db: &Database, reader: &AccountKey, kudos: &str) -> DbResult<bool> {
    let done: Option<bool> = db
        .write(
            "LET $k = type::record('kudos', $key);
             LET $hit = (UPDATE $k SET hidden_at = hidden_at ?? time::now()
                 WHERE recipient.account = $account AND removed_at = NONE RETURN VALUE id);
             RETURN array::len($hit) > 0;",
            &[
                ("account", crate::val(account(reader))),
                ("key", crate::val(kudos.to_owned())),
            ],
        )
        .await?;
    Ok(done == Some(true))
}

/// HR removes a kudos from the wall with a reason; `false` when it is not there or was removed
/// already (the first reason stays). The caller checks program ownership and records the audit
/// entry.
pub async fn remove(db: &Database, by: &AccountKey, kudos: &str, reason: &str) -> DbResult<bool> {
    let done: Option<bool> = db
        .write(
            "LET $k = type::record('kudos', $key);
             LET $hit = (UPDATE $k SET removed_at = time::now(), removed_by = $account,
                 removed_reason = $reason WHERE removed_at = NONE RETURN VALUE id);
             RETURN array::len($hit) > 0;",
            &[
                ("account", crate::val(account(by))),
                ("key", crate::val(kudos.to_owned())),
                ("reason", crate::val(reason.to_owned())),
            ],
        )
        .await?;
    Ok(done == Some(true))
}

/// The active participants of the program a kudos may go to, by name: (employee key, name).
pub async fn recipients(db: &Database, program_key: &ProgramKey) -> DbResult<Vec<(EmployeeKey, String)>> {
    #[derive(SurrealValue)]
    struct Person {
        id: RecordId,
        name: String,
    }
    let people: Vec<Person> = db
        .client()
        .query(
            "SELECT in AS id, in.name AS name FROM enrolled WHERE out = $program AND status = 'active'
                 ORDER BY name COLLATE",
        )
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(people
        .into_iter()
        .map(|p| (EmployeeKey::new(crate::key_of(&p.id)), p.name))
        .collect())
}

/// The account's employee records (a person may appear in several HR files).
pub async fn employees_of(db: &Database, who: &AccountKey) -> DbResult<Vec<EmployeeKey>> {
    let ids: Vec<RecordId> = db
        .client()
        .query("SELECT VALUE id FROM employee WHERE account = $account")
        .bind(("account", account(who)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(ids.iter().map(|i| EmployeeKey::new(crate::key_of(i))).collect())
}

/// The programs the account takes part in (an active enrolment), by name: (key, name).
pub async fn walls_of(db: &Database, who: &AccountKey) -> DbResult<Vec<(ProgramKey, String)>> {
    #[derive(SurrealValue)]
    struct Program {
        id: RecordId,
        name: String,
    }
    let rows: Vec<Program> = db
        .client()
        .query(
            "SELECT id, name FROM program WHERE id IN (SELECT VALUE out FROM enrolled WHERE status = 'active'
                 AND in IN (SELECT VALUE id FROM employee WHERE account = $account)) ORDER BY name COLLATE",
        )
        .bind(("account", account(who)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(rows
        .into_iter()
        .map(|p| (ProgramKey::new(crate::key_of(&p.id)), p.name))
        .collect())
}
