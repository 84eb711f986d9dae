//! Invitations HR sends to the people enrolled in a program who have no account yet.
//!
//! A person has at most one invitation per program (record id `invitation:[program key,
//! employee key]`); re-sending gives it a new token hash and expiry, so the old link stops
//! working. HR sends in batches: each batch is one transaction that re-checks every person
//! before writing their invitation and its email to the outbox, so a batch run twice, or two
//! runs at once, never invite anyone twice.

use chrono::{DateTime, Utc};
use domain::Lang;
use domain::invitation::{InvitationFacts, InvitationStatus, Sending};
use surrealdb::types::{RecordId, RecordIdKey, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, EmployeeKey, ProgramKey, key_of, programs, users};

/// How many people one batch (one transaction, one server call) invites at most.
pub const BATCH: usize = 50;

/// A person enrolled in a program, with their account and invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    /// Employee key.
    pub employee_key: String,
    /// Name.
    pub name: String,
    /// Email (lower-case).
    pub email: String,
    /// Their time zone (the expiry date is given in it).
    pub time_zone: String,
    /// The language of their account, when they have one and chose it.
    pub lang: Option<Lang>,
    /// Whether they have an account (linked, or with their email).
    pub has_account: bool,
    /// Their invitation to this program, if any.
    pub invitation: Option<SentInvitation>,
}

/// An invitation as HR's list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentInvitation {
    /// When the last email went out.
    pub sent_at: Option<DateTime<Utc>>,
    /// When the current link stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used.
    pub used_at: Option<DateTime<Utc>>,
}

impl Invitee {
    /// Where the person stands at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> InvitationStatus {
        InvitationStatus::of(
            self.has_account,
            self.invitation.map(|i| InvitationFacts {
                used: i.used_at.is_some(),
                expired: i.expires_at <= now,
            }),
        )
    }

    /// Whether `sending` reaches the person now. A re-send run reaches each person once: not
    /// those it already sent to (emails sent at or after `run_started`).
    pub fn reached_by(&self, sending: Sending, run_started: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.status(now).reached_by(sending)
            && (sending != Sending::Resend
                || self
                    .invitation
                    .and_then(|i| i.sent_at)
                    .is_none_or(|sent| sent < run_started))
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct EnrolledRow {
    employee: RecordId,
    name: String,
    email: String,
    time_zone: String,
    account: Option<RecordId>,
    account_lang: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct InvitationRow {
    employee: RecordId,
    sent_at: Option<DateTime<Utc>>,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, SurrealValue)]
struct UserRow {
    email: String,
    lang: Option<String>,
}

/// The invitation record of a person in a program.
fn invitation_id(program_key: &ProgramKey, employee_key: &EmployeeKey) -> RecordId {
    RecordId::new(
        "invitation",
        RecordIdKey::Array(vec![program_key.to_string(), employee_key.to_string()].into()),
    )
}

/// Everyone actively enrolled in the program, by name, with their account and invitation.
pub async fn invitees(db: &Database, program_key: &str) -> DbResult<Vec<Invitee>> {
    let mut res = db
        .client()
        .query(
            "SELECT in AS employee, in.name AS name, in.email AS email, in.time_zone AS time_zone,
                 in.account AS account, in.account.lang AS account_lang
             FROM enrolled WHERE out = $program AND status = 'active' ORDER BY name COLLATE;
             SELECT employee, sent_at, expires_at, used_at FROM invitation
             WHERE program = $program AND employee != NONE;
             SELECT email, lang FROM user
             WHERE email IN (SELECT VALUE in.email FROM enrolled WHERE out = $program AND status = 'active');",
        )
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .await
        .map_err(DbError::from_surreal)?;
    let people: Vec<EnrolledRow> = res.take(0).map_err(DbError::from_surreal)?;
    let invitations: Vec<InvitationRow> = res.take(1).map_err(DbError::from_surreal)?;
    let accounts: Vec<UserRow> = res.take(2).map_err(DbError::from_surreal)?;
    let invitations: std::collections::HashMap<String, SentInvitation> = invitations
        .into_iter()
        .map(|i| {
            (
                key_of(&i.employee),
                SentInvitation {
                    sent_at: i.sent_at,
                    expires_at: i.expires_at,
                    used_at: i.used_at,
                },
            )
        })
        .collect();
    let accounts: std::collections::HashMap<String, Option<String>> =
        accounts.into_iter().map(|u| (u.email, u.lang)).collect();
    Ok(people
        .into_iter()
        .map(|p| {
            let key = key_of(&p.employee);
            let by_email = accounts.get(&p.email);
            Invitee {
                lang: p
                    .account_lang
                    .as_deref()
                    .or(by_email.and_then(|l| l.as_deref()))
                    .and_then(Lang::parse),
                has_account: p.account.is_some() || by_email.is_some(),
                invitation: invitations.get(&key).copied(),
                employee_key: key,
                name: p.name,
                email: p.email,
                time_zone: p.time_zone,
            }
        })
        .collect())
}

/// The next people `sending` reaches (at most `limit`, by name) and how many it reaches in all.
pub async fn next_batch(
    db: &Database,
    program_key: &str,
    sending: Sending,
    run_started: DateTime<Utc>,
    limit: usize,
) -> DbResult<(Vec<Invitee>, i64)> {
    let now = Utc::now();
    let mut reached: Vec<Invitee> = invitees(db, program_key)
        .await?
        .into_iter()
        .filter(|p| p.reached_by(sending, run_started, now))
        .collect();
    let total = i64::try_from(reached.len()).unwrap_or(i64::MAX);
    reached.truncate(limit);
    Ok((reached, total))
}

/// One invitation to write, with its email already written in the person's language.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Employee key.
    pub employee_key: String,
    /// SHA-256 of the link's token (the token itself is only in the email).
    pub token_hash: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
    /// The language the email is written in.
    pub lang: Lang,
    /// Email subject.
    pub subject: String,
    /// Email text, with the link.
    pub body_text: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct OutgoingRow {
    id: RecordId,
    employee: RecordId,
    token_hash: String,
    expires_at: DateTime<Utc>,
    lang: String,
    subject: String,
    body_text: String,
}

/// Writes a batch of invitations and their emails in one transaction, each only if `sending`
/// still reaches the person (checked again inside the transaction: no account, enrolled, and
/// for a re-send not sent since `run_started`). Answers the employee keys actually invited.
pub async fn send(
    db: &Database,
    program_key: &ProgramKey,
    sending: Sending,
    run_started: DateTime<Utc>,
    sent_by: &AccountKey,
    batch: &[Outgoing],
) -> DbResult<Vec<String>> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<OutgoingRow> = batch
        .iter()
        .map(|o| OutgoingRow {
            id: invitation_id(program_key, &EmployeeKey::new(o.employee_key.as_str())),
            employee: RecordId::new(crate::employees::TABLE, o.employee_key.as_str()),
            token_hash: o.token_hash.clone(),
            expires_at: o.expires_at,
            lang: o.lang.code().to_owned(),
            subject: o.subject.clone(),
            body_text: o.body_text.clone(),
        })
        .collect();
    let ids: Vec<RecordId> = rows.iter().map(|r| r.id.clone()).collect();
    let program = RecordId::new(programs::TABLE, program_key.as_str());
    let by = RecordId::new(users::TABLE, sent_by.as_str());
    db.write(
                    "BEGIN TRANSACTION;
                     FOR $i IN $rows {
                         LET $id = $i.id;
                         LET $e = (SELECT id, name, email, account FROM ONLY $i.employee);
                         LET $inv = (SELECT * FROM ONLY $id);
                         LET $enrolled = (SELECT VALUE id FROM enrolled
                             WHERE in = $i.employee AND out = $program AND status = 'active' LIMIT 1);
                         LET $has_account = $e.account != NONE
                             OR array::len(SELECT VALUE id FROM user WHERE email = $e.email LIMIT 1) > 0;
                         LET $status = IF $e = NONE OR array::len($enrolled) = 0 { 'gone' }
                             ELSE IF $has_account { 'accepted' }
                             ELSE IF $inv = NONE { 'not_invited' }
                             ELSE IF $inv.used_at != NONE { 'accepted' }
                             ELSE IF $inv.expires_at <= time::now() { 'expired' }
                             ELSE { 'invited' };
                         LET $go = IF $sending == 'new' { ($status == 'not_invited') }
                             ELSE IF $sending == 'resend' {
                                 ($status IN ['invited', 'expired'] AND ($inv.sent_at == NONE OR $inv.sent_at < $run_started))
                             }
                             ELSE { ($status IN ['not_invited', 'invited', 'expired']) };
                         IF $go {
                             IF $inv = NONE {
                                 CREATE $id SET program = $program, employee = $i.employee, email = $e.email,
                                     name = string::slice($e.name, 0, 120), role = 'participant',
                                     created_by = $by, token_hash = $i.token_hash, expires_at = $i.expires_at,
                                     lang = $i.lang, sent_at = $now, sent_by = $by, times_sent = 1;
                             } ELSE {
                                 UPDATE $id SET email = $e.email, name = string::slice($e.name, 0, 120),
                                     token_hash = $i.token_hash, expires_at = $i.expires_at, lang = $i.lang,
                                     sent_at = $now, sent_by = $by, times_sent += 1;
                             };
                             CREATE outbox_email SET to = $e.email, subject = $i.subject, body_text = $i.body_text;
                         };
                     };
                     RETURN (SELECT VALUE record::id(employee) FROM $ids WHERE sent_at = $now);
                     COMMIT TRANSACTION;",
        &[
            ("rows", crate::val(rows)),
            ("ids", crate::val(ids)),
            ("program", crate::val(program)),
            ("by", crate::val(by)),
            ("sending", crate::val(sending.as_str())),
            ("run_started", crate::val(run_started)),
            ("now", crate::val(Utc::now())),
        ],
    )
    .await
}

/// The program's invitation of one person, if any (for tests and the page).
pub async fn find(
    db: &Database,
    program_key: &ProgramKey,
    employee_key: &EmployeeKey,
) -> DbResult<Option<SentInvitation>> {
    let row: Option<InvitationRow> = db
        .client()
        .query("SELECT employee, sent_at, expires_at, used_at FROM ONLY $id")
        .bind(("id", invitation_id(program_key, employee_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(row.map(|i| SentInvitation {
        sent_at: i.sent_at,
        expires_at: i.expires_at,
        used_at: i.used_at,
    }))
}
