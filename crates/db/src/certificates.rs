//! Completion certificates: each program's criteria, what each participant did (the record the
//! criteria and the hours count), issuing (once per person and program), the holder's and HR's
//! lists, the public look-up by code, and revoking.
//!
//! A certificate keeps what it says as issued (name, role, program, dates, hours, issuer), so a
//! later change of name or program does not change a certificate someone holds. Its code is 32
//! hexadecimal digits from a version-4 UUID (122 random bits).

use chrono::{DateTime, Utc};
use domain::recognition::certificates::{Criteria, Record};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, EmployeeKey, ProgramKey, users};

fn program(key: &ProgramKey) -> RecordId {
    RecordId::new(crate::programs::TABLE, key.as_str())
}

fn employee(key: &EmployeeKey) -> RecordId {
    RecordId::new(crate::employees::TABLE, key.as_str())
}

#[derive(Debug, SurrealValue)]
struct StoredCriteria {
    cert_min_meetings: i64,
    cert_required_training: bool,
    cert_pair_not_ended: bool,
}

/// The program's criteria (the defaults until HR sets them); `None` for no such program.
pub async fn criteria(db: &Database, program_key: &ProgramKey) -> DbResult<Option<Criteria>> {
    let c: Option<StoredCriteria> = db
        .client()
        .query("SELECT cert_min_meetings, cert_required_training, cert_pair_not_ended FROM ONLY $program")
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(c.map(|c| Criteria {
        min_held_meetings: u32::try_from(c.cert_min_meetings).unwrap_or(0),
        required_training: c.cert_required_training,
        pair_not_ended: c.cert_pair_not_ended,
    }))
}

/// Stores the program's criteria; the caller checks ownership.
pub async fn set_criteria(db: &Database, program_key: &ProgramKey, c: &Criteria) -> DbResult<()> {
    db.write::<Option<bool>>(
        "UPDATE $program SET cert_min_meetings = $min, cert_required_training = $training,
             cert_pair_not_ended = $not_ended RETURN NONE; RETURN true;",
        &[
            ("program", crate::val(program(program_key))),
            ("min", crate::val(i64::from(c.min_held_meetings))),
            ("training", crate::val(c.required_training)),
            ("not_ended", crate::val(c.pair_not_ended)),
        ],
    )
    .await?;
    Ok(())
}

/// An active participant of a program with their record.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Their employee key.
    pub employee: EmployeeKey,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Takes part as mentor.
    pub as_mentor: bool,
    /// Takes part as mentee.
    pub as_mentee: bool,
    /// What they did.
    pub record: Record,
    /// Their certificate's code, if issued.
    pub code: Option<String>,
    /// Whether that certificate was revoked.
    pub revoked: bool,
}

#[derive(Debug, SurrealValue)]
struct Person {
    employee: RecordId,
    name: String,
    email: String,
    as_mentor: bool,
    as_mentee: bool,
    code: Option<String>,
    revoked: bool,
}

#[derive(Debug, SurrealValue)]
struct StoredRecord {
    had_pair: bool,
    pair_ended: bool,
    held_meetings: i64,
    meeting_minutes: i64,
    workshop_minutes: i64,
    training_minutes: i64,
    required_modules: i64,
    required_completed: i64,
}

fn n(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// What the employee did in the program, as the criteria and the hours count it.
pub async fn record(db: &Database, who: &EmployeeKey, program_key: &ProgramKey) -> DbResult<Record> {
    let r: Option<StoredRecord> = db
        .client()
        .query(
            concat!(
            "LET $pairs = (SELECT id, status FROM pair WHERE program = $program AND status != 'draft'
                 AND (mentor = $employee OR mentee = $employee));
             LET $held = (SELECT VALUE duration_minutes FROM meeting WHERE pair IN $pairs.id AND status = 'held');
",
            required_for_side!(),
            "             LET $completed = (SELECT module, module.minutes AS minutes FROM training_progress
                 WHERE employee = $employee AND module.program = $program AND completed_at != NONE);
             LET $attended = (SELECT VALUE workshop.duration_minutes FROM workshop_seat
                 WHERE employee = $employee AND workshop.program = $program AND status = 'registered'
                     AND attended = true);
             RETURN {
                 had_pair: array::len($pairs) > 0,
                 pair_ended: array::len($pairs[WHERE status = 'ended']) > 0,
                 held_meetings: array::len($held),
                 meeting_minutes: math::sum($held),
                 workshop_minutes: math::sum($attended),
                 training_minutes: math::sum($completed.minutes),
                 required_modules: array::len($required),
                 required_completed: array::len($completed[WHERE module IN $required]),
             };"
        ))
        .bind(("employee", employee(who)))
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(6))
        .map_err(DbError::from_surreal)?;
    Ok(r.map(|r| Record {
        had_pair: r.had_pair,
        pair_ended: r.pair_ended,
        held_meetings: n(r.held_meetings),
        meeting_minutes: n(r.meeting_minutes),
        workshop_minutes: n(r.workshop_minutes),
        training_minutes: n(r.training_minutes),
        required_modules: n(r.required_modules),
        required_completed: n(r.required_completed),
    })
    .unwrap_or_default())
}

/// Every active participant of the program, by name, with their record and certificate.
pub async fn candidates(db: &Database, program_key: &ProgramKey) -> DbResult<Vec<Candidate>> {
    let people: Vec<Person> = db
        .client()
        .query(
            "SELECT in AS employee, in.name AS name, in.email AS email, as_mentor, as_mentee,
                 type::record('certificate', [record::id(out), record::id(in)]).code AS code,
                 type::record('certificate', [record::id(out), record::id(in)]).revoked_at != NONE AS revoked
             FROM enrolled WHERE out = $program AND status = 'active' ORDER BY name COLLATE",
        )
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let key = EmployeeKey::new(crate::key_of(&p.employee));
        let record = record(db, &key, program_key).await?;
        out.push(Candidate {
            employee: key,
            name: p.name,
            email: p.email,
            as_mentor: p.as_mentor,
            as_mentee: p.as_mentee,
            record,
            revoked: p.revoked && p.code.is_some(),
            code: p.code,
        });
    }
    Ok(out)
}

/// What a new certificate says.
#[derive(Debug, Clone)]
pub struct NewCertificate {
    /// The holder's name.
    pub name: String,
    /// `mentor`, `mentee` or `both`.
    pub role: &'static str,
    /// The program's name.
    pub program_name: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Hours in tenths.
    pub hours_tenths: u32,
    /// The issuing manager's name.
    pub issuer_name: String,
}

/// Issues the employee's certificate of the program, telling them (notice
/// `certificate_issued`, whose email carries the PDF). Answers its code when newly issued, `None`
/// when they already had one (issuing twice issues nothing new).
pub async fn issue(
    db: &Database,
    program_key: &ProgramKey,
    who: &EmployeeKey,
    c: &NewCertificate,
    base_url: &str,
) -> DbResult<Option<String>> {
    let code = uuid::Uuid::new_v4().simple().to_string();
    db.write(
        concat!(
            "BEGIN TRANSACTION;
             LET $id = type::record('certificate', [record::id($program), record::id($employee)]);
             LET $new = IF (SELECT id FROM ONLY $id) = NONE {
                 LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $employee);
                 CREATE $id SET code = $code, program = $program, employee = $employee, name = $name,
                     role = $role, program_name = $program_name, starts_on = $starts_on, ends_on = $ends_on,
                     hours_tenths = $hours, issuer_name = $issuer, lang = $recipient.lang ?? 'es';
                 LET $kind = 'certificate_issued';
                 LET $params = { program: $program_name, code: $code, verify_url: $base + '/verify/' + $code };
                 LET $link = '/recognition';
                 ",
            tell_person!(),
            "
                 $code
             } ELSE { NONE };
             RETURN $new;
             COMMIT TRANSACTION;"
        ),
        &[
            ("program", crate::val(program(program_key))),
            ("employee", crate::val(employee(who))),
            ("code", crate::val(code)),
            ("name", crate::val(c.name.clone())),
            ("role", crate::val(c.role)),
            ("program_name", crate::val(c.program_name.clone())),
            ("starts_on", crate::val(c.starts_on.clone())),
            ("ends_on", crate::val(c.ends_on.clone())),
            ("hours", crate::val(i64::from(c.hours_tenths))),
            ("issuer", crate::val(c.issuer_name.clone())),
            ("base", crate::val(base_url.to_owned())),
        ],
    )
    .await
}

/// A certificate as issued.
#[derive(Debug, Clone, SurrealValue)]
pub struct CertificateRow {
    /// Verification code.
    pub code: String,
    /// Its program.
    pub program: RecordId,
    /// The holder.
    pub employee: RecordId,
    /// The holder's account, if any.
    pub account: Option<RecordId>,
    /// The holder's name as issued.
    pub name: String,
    /// `mentor`, `mentee` or `both`.
    pub role: String,
    /// The program's name as issued.
    pub program_name: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Hours in tenths.
    pub hours_tenths: i64,
    /// Who issued it.
    pub issuer_name: String,
    /// The holder's language when issued.
    pub lang: String,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// When HR revoked it.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why.
    pub revoked_reason: Option<String>,
}

/// The projection of a certificate.
macro_rules! certificate_fields {
    () => {
        "code, program, employee, employee.account AS account, name, role, program_name, starts_on,
         ends_on, hours_tenths, issuer_name, lang, issued_at, revoked_at, revoked_reason"
    };
}

/// The certificate with this code.
pub async fn by_code(db: &Database, code: &str) -> DbResult<Option<CertificateRow>> {
    let rows: Vec<CertificateRow> = db
        .client()
        .query(concat!(
            "SELECT ",
            certificate_fields!(),
            " FROM certificate WHERE code = $code LIMIT 1"
        ))
        .bind(("code", code.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(rows.into_iter().next())
}

/// The certificates of the account's employees, newest first.
pub async fn of_account(db: &Database, who: &AccountKey) -> DbResult<Vec<CertificateRow>> {
    db.client()
        .query(concat!(
            "SELECT ",
            certificate_fields!(),
            " FROM certificate WHERE employee IN (SELECT VALUE id FROM employee WHERE account = $account)
                 ORDER BY issued_at DESC"
        ))
        .bind(("account", RecordId::new(users::TABLE, who.as_str())))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Revokes a certificate with a reason (once: a second revocation keeps the first time).
/// `false` when there is no such certificate. The caller checks program ownership.
pub async fn revoke(db: &Database, code: &str, reason: &str) -> DbResult<bool> {
    let hit: Option<bool> = db
        .write(
            "LET $c = (SELECT VALUE id FROM certificate WHERE code = $code LIMIT 1)[0];
             LET $hit = IF $c = NONE { false } ELSE {
                 UPDATE $c SET revoked_at = revoked_at ?? time::now(), revoked_reason = revoked_reason ?? $reason;
                 true
             };
             RETURN $hit;",
            &[
                ("code", crate::val(code.to_owned())),
                ("reason", crate::val(reason.to_owned())),
            ],
        )
        .await?;
    Ok(hit == Some(true))
}
