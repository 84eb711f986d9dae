//! Self-service enrolment: a program's signup link, and people joining it with their profile.
//!
//! Only the SHA-256 of a signup token is stored (the caller hashes), so a leaked database does not
//! leak working links; making a new link replaces the old one.

use chrono::{DateTime, Utc};
use domain::import::ProgramRole;
use domain::profile::ValidProfile;
use surrealdb::types::{RecordId, SurrealValue};

use crate::programs::{self, ProgramRow};
use crate::{Database, DbError, DbResult};

/// Stores the hash of the program's new signup token (the previous link stops working).
pub async fn set_signup_token(db: &Database, program_key: &str, token_hash: &str) -> DbResult<()> {
    db.client()
        .query("UPDATE $program SET signup_token_hash = $hash")
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .bind(("hash", token_hash.to_owned()))
        .await
        .and_then(|r| r.check())
        .map_err(DbError::from_surreal)?;
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

/// The active enrolment of the account's employee record in the program, if any.
pub async fn enrolment_of(
    db: &Database,
    account_key: &str,
    program_key: &str,
) -> DbResult<Option<EnrolmentRow>> {
    let rows: Vec<EnrolmentRow> = db
        .client()
        .query(
            "SELECT as_mentor, as_mentee, agreement_accepted_at FROM enrolled
             WHERE in.account = $account AND out = $program AND status = 'active' LIMIT 1",
        )
        .bind(("account", RecordId::new(crate::users::TABLE, account_key)))
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(rows.into_iter().next())
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

/// A profile as the join query writes it.
#[derive(Debug, Clone, SurrealValue)]
struct ProfileRow {
    department: Option<String>,
    job_level: Option<i64>,
    manager_email: Option<String>,
    company_start: Option<DateTime<Utc>>,
    generation: Option<String>,
    languages: Vec<String>,
    time_zone: String,
    location: Option<String>,
    availability: Vec<String>,
    can_teach: Vec<String>,
    wants_to_learn: Vec<String>,
    interests: Vec<String>,
    mentor_capacity: i64,
    as_mentor: bool,
    as_mentee: bool,
}

/// Enrols the signed-in account in a program with its profile, in one transaction: the
/// account's employee record (found by account, else by email — someone HR imported — else
/// created) gets the profile, and the enrolment records the role and the agreement accepted now.
/// Joining again updates the profile and role and keeps the first acceptance time. A manager
/// email that matches no employee leaves the manager empty (the caller checks it first).
pub async fn join(
    db: &Database,
    account_key: &str,
    email: &str,
    name: &str,
    program_key: &str,
    p: &ValidProfile,
) -> DbResult<()> {
    let row = ProfileRow {
        department: p.department.clone(),
        job_level: p.job_level.map(i64::from),
        manager_email: p.manager_email.clone(),
        company_start: p.company_start.map(programs::to_datetime),
        generation: p.generation.clone(),
        languages: p.languages.clone(),
        time_zone: p.time_zone.clone(),
        location: p.location.clone(),
        availability: p.availability.clone(),
        can_teach: p.can_teach.clone(),
        wants_to_learn: p.wants_to_learn.clone(),
        interests: p.interests.clone(),
        mentor_capacity: i64::from(p.capacity),
        as_mentor: matches!(p.role, ProgramRole::Mentor | ProgramRole::Both),
        as_mentee: matches!(p.role, ProgramRole::Mentee | ProgramRole::Both),
    };
    let response = db
        .client()
        .query(
            "BEGIN TRANSACTION;
             LET $by_account = (SELECT VALUE id FROM employee WHERE account = $account LIMIT 1);
             LET $by_email = (SELECT VALUE id FROM employee WHERE email = $email LIMIT 1);
             LET $found = IF array::len($by_account) > 0 { $by_account[0] }
                 ELSE IF array::len($by_email) > 0 { $by_email[0] } ELSE { NONE };
             LET $e = IF $found = NONE {
                 (CREATE ONLY employee SET email = $email, name = $name, account = $account RETURN VALUE id)
             } ELSE { $found };
             LET $managers = IF $p.manager_email = NONE { [] }
                 ELSE { (SELECT VALUE id FROM employee WHERE email = $p.manager_email LIMIT 1) };
             UPDATE $e SET account = $account, department = $p.department, job_level = $p.job_level,
                 manager = $managers[0], company_start = $p.company_start, generation = $p.generation,
                 languages = $p.languages, time_zone = $p.time_zone, location = $p.location,
                 availability = $p.availability, can_teach = $p.can_teach,
                 wants_to_learn = $p.wants_to_learn, interests = $p.interests,
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
             COMMIT TRANSACTION;",
        )
        .bind(("account", RecordId::new(crate::users::TABLE, account_key)))
        .bind(("email", email.to_owned()))
        .bind(("name", name.to_owned()))
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .bind(("p", row))
        .await;
    let _: Option<RecordId> = crate::transaction_return(response)?;
    Ok(())
}
