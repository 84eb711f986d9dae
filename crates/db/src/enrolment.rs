//! Self-service enrolment: a program's signup link, and people joining it with their profile —
//! or completing the profile HR imported for them, where a field left blank keeps HR's value.
//!
//! Only the SHA-256 of a signup token is stored (the caller hashes), so a leaked database does not
//! leak working links; making a new link replaces the old one.

use chrono::{DateTime, Utc};
use domain::import::ProgramRole;
use domain::profile::ValidProfile;
use surrealdb::types::{RecordId, SurrealValue};

use crate::programs::{self, ProgramRow};
use crate::{AccountKey, Database, DbError, DbResult, ProgramKey};

/// Stores the hash of the program's new signup token (the previous link stops working).
pub async fn set_signup_token(db: &Database, program_key: &str, token_hash: &str) -> DbResult<()> {
    db.execute(
        "UPDATE $program SET signup_token_hash = $hash",
        &[
            ("program", crate::val(RecordId::new(programs::TABLE, program_key))),
            ("hash", crate::val(token_hash.to_owned())),
        ],
    )
    .await?;
    Ok(())
}

/// The program whose signup token has this hash.
pub async fn program_for_signup(db: &Database, token_hash: &str) -> DbResult<Option<ProgramRow>> {
    let rows: Vec<ProgramRow> = db
        .client()
        .query("SELECT * FROM program WHERE signup_token_hash = $hash LIMIT 1")
        .bind(("hash", token_hash.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(rows.into_iter().next())
}

/// Someone's enrolment in a program.
#[derive(Debug, Clone, SurrealValue)]
pub struct EnrolmentRow {
    /// Teaches in the program.
    pub as_mentor: bool,
    /// Learns in the program.
    pub as_mentee: bool,
    /// When they accepted the program agreement.
    pub agreement_accepted_at: Option<DateTime<Utc>>,
}

/// Whether `zone` is a real IANA time zone name.
pub fn is_time_zone(zone: &str) -> bool {
    zone.parse::<chrono_tz::Tz>().is_ok()
}

/// Whether an employee has this (normalised) email.
pub async fn employee_exists(db: &Database, email: &str) -> DbResult<bool> {
    let n: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM employee WHERE email = $email)")
        .bind(("email", email.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(n.unwrap_or(0) > 0)
}

/// Finds "the signed-in person": the employee linked to the account, else the one with the
/// account's email that no other account has (someone HR imported who has not been linked
/// yet). Emails are stored lower-case, so the lower-cased address finds them whatever case was
/// typed. Sets `$e` (or NONE).
macro_rules! find_person {
    () => {
        "
    LET $by_account = (SELECT VALUE id FROM employee WHERE account = $account LIMIT 1);
    LET $by_email = (SELECT VALUE id FROM employee WHERE email = $email
        AND (account = NONE OR account = $account) LIMIT 1);
    LET $e = IF array::len($by_account) > 0 { $by_account[0] }
        ELSE IF array::len($by_email) > 0 { $by_email[0] } ELSE { NONE };"
    };
}

/// What is stored about a person (HR's import or their earlier profile), with their enrolment in
/// one program if they have one.
#[derive(Debug, Clone, SurrealValue)]
pub struct StoredProfile {
    /// Department.
    pub department: Option<String>,
    /// Job level 1–20.
    pub job_level: Option<i64>,
    /// Their manager's email.
    pub manager_email: Option<String>,
    /// Start in the company.
    pub company_start: Option<DateTime<Utc>>,
    /// Generation band.
    pub generation: Option<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// IANA time zone.
    pub time_zone: String,
    /// Office or city.
    pub location: Option<String>,
    /// Free slots.
    pub availability: Vec<String>,
    /// Topic keys they can teach.
    pub can_teach: Vec<String>,
    /// Topic keys they want to learn.
    pub wants_to_learn: Vec<String>,
    /// Interests.
    pub interests: Vec<String>,
    /// Mentees they take as a mentor.
    pub mentor_capacity: i64,
    /// Their active enrolment in the program asked about.
    pub enrolment: Option<EnrolmentRow>,
}

/// What is stored about the signed-in person (the employee linked to `account_key`, else the one
/// with `email`), with their active enrolment in `program_key`; `None` when there is no such
/// employee.
pub async fn profile_for(
    db: &Database,
    account_key: &AccountKey,
    email: &str,
    program_key: &ProgramKey,
) -> DbResult<Option<StoredProfile>> {
    let mut res = db
        .client()
        .query(concat!(find_person!(), "
             IF $e != NONE {
                 (SELECT department, job_level, manager.email AS manager_email, company_start,
                     generation, languages, time_zone, location, availability, can_teach,
                     wants_to_learn, interests, mentor_capacity,
                     (SELECT as_mentor, as_mentee, agreement_accepted_at FROM enrolled
                         WHERE in = $parent.id AND out = $program AND status = 'active' LIMIT 1)[0] AS enrolment
                  FROM ONLY $e)
             };"))
        .bind(("account", RecordId::new(crate::users::TABLE, account_key.as_str())))
        .bind(("email", email.trim().to_lowercase()))
        .bind(("program", RecordId::new(programs::TABLE, program_key.as_str())))
        .await
        .map_err(DbError::from_surreal)?;
    res.take(3).map_err(DbError::from_surreal)
}

/// A profile as the join query writes it: `None` (and an empty list, sent as `None`) keeps what
/// is stored.
#[derive(Debug, Clone, SurrealValue)]
struct ProfileRow {
    department: Option<String>,
    job_level: Option<i64>,
    manager_email: Option<String>,
    company_start: Option<DateTime<Utc>>,
    generation: Option<String>,
    languages: Option<Vec<String>>,
    time_zone: String,
    location: Option<String>,
    availability: Option<Vec<String>>,
    can_teach: Option<Vec<String>>,
    wants_to_learn: Option<Vec<String>>,
    interests: Option<Vec<String>>,
    mentor_capacity: i64,
    as_mentor: bool,
    as_mentee: bool,
}

fn non_empty(list: &[String]) -> Option<Vec<String>> {
    (!list.is_empty()).then(|| list.to_vec())
}

/// Enrols the signed-in account in a program with its profile, in one transaction: the
/// account's employee record (found by account, else by lower-cased email — someone HR imported
/// — else created, so there is never a second record for one email) gets the profile, and the
/// enrolment records the role and the agreement accepted now. A field left blank (`None`, or an
/// empty list) keeps the stored value, so nothing HR imported is erased by an empty form; a value
/// given replaces it. Joining again updates the profile and role and keeps the first acceptance
/// time. A manager email that matches no employee keeps the stored manager (the caller checks it
/// first).
pub async fn join(
    db: &Database,
    account_key: &AccountKey,
    email: &str,
    name: &str,
    program_key: &ProgramKey,
    p: &ValidProfile,
) -> DbResult<()> {
    let row = ProfileRow {
        department: p.department.clone(),
        job_level: p.job_level.map(i64::from),
        manager_email: p.manager_email.clone(),
        company_start: p.company_start.map(programs::to_datetime),
        generation: p.generation.clone(),
        languages: non_empty(&p.languages),
        time_zone: p.time_zone.clone(),
        location: p.location.clone(),
        availability: non_empty(&p.availability),
        can_teach: non_empty(&p.can_teach),
        wants_to_learn: non_empty(&p.wants_to_learn),
        interests: non_empty(&p.interests),
        mentor_capacity: i64::from(p.capacity),
        as_mentor: matches!(p.role, ProgramRole::Mentor | ProgramRole::Both),
        as_mentee: matches!(p.role, ProgramRole::Mentee | ProgramRole::Both),
    };
    let response = db
        .write::<surrealdb::types::Value>(
            concat!(
                "BEGIN TRANSACTION;
             ",
                find_person!(),
                "
             LET $e = IF $e = NONE {
                 (CREATE ONLY employee SET email = $email, name = $name, account = $account RETURN VALUE id)
             } ELSE { $e };
             LET $managers = IF $p.manager_email = NONE { [] }
                 ELSE { (SELECT VALUE id FROM employee WHERE email = $p.manager_email LIMIT 1) };
             UPDATE $e SET account = $account,
                 department = $p.department ?? department,
                 job_level = $p.job_level ?? job_level,
                 manager = $managers[0] ?? manager,
                 company_start = $p.company_start ?? company_start,
                 generation = $p.generation ?? generation,
                 languages = $p.languages ?? languages,
                 time_zone = $p.time_zone,
                 location = $p.location ?? location,
                 availability = $p.availability ?? availability,
                 can_teach = $p.can_teach ?? can_teach,
                 wants_to_learn = $p.wants_to_learn ?? wants_to_learn,
                 interests = $p.interests ?? interests,
                 mentor_capacity = $p.mentor_capacity;
             LET $edges = (SELECT VALUE id FROM enrolled WHERE in = $e AND out = $program);
             IF array::len($edges) = 0 {
                 RELATE $e->enrolled->$program SET as_mentor = $p.as_mentor, as_mentee = $p.as_mentee,
                     agreement_accepted_at = time::now(), status = 'active';
             } ELSE {
                 UPDATE $edges[0] SET as_mentor = $p.as_mentor, as_mentee = $p.as_mentee,
                     agreement_accepted_at = agreement_accepted_at ?? time::now(), status = 'active';
             };
             RETURN $e;
             COMMIT TRANSACTION;"
            ),
            &[
                (
                    "account",
                    crate::val(RecordId::new(crate::users::TABLE, account_key.as_str())),
                ),
                ("email", crate::val(email.trim().to_lowercase())),
                ("name", crate::val(name.to_owned())),
                (
                    "program",
                    crate::val(RecordId::new(programs::TABLE, program_key.as_str())),
                ),
                ("p", crate::val(row)),
            ],
        )
        .await;
    response?;
    Ok(())
}
