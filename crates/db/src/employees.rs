//! The `employee` table and enrolment (`enrolled` edges) as HR's CSV import writes them.
//!
//! The import is all-or-nothing: every row is written in one transaction, so a failure anywhere
//! (a schema assertion, a manager that vanished meanwhile) leaves the database as it was.
//! Employees are identified by email: re-importing updates them instead of adding duplicates.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use domain::import::{EmployeeRecord, ProgramRole};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, programs};

/// Table name.
pub const TABLE: &str = "employee";

/// How many people an import created and updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, SurrealValue)]
pub struct ImportCounts {
    /// Employees that did not exist before.
    pub created: i64,
    /// Existing employees (same email) whose data was updated.
    pub updated: i64,
    /// People enrolled in the program who were not enrolled before.
    pub enrolled: i64,
}

/// One row as the import query reads it. `None` (and empty lists, sent as `None`) keep what
/// is stored: a file without a column, or with a blank cell, does not erase existing data.
#[derive(Debug, Clone, SurrealValue)]
struct ImportRow {
    email: String,
    name: String,
    department: Option<String>,
    job_level: Option<i64>,
    manager_email: Option<String>,
    company_start: Option<DateTime<Utc>>,
    generation: Option<String>,
    languages: Option<Vec<String>>,
    time_zone: Option<String>,
    location: Option<String>,
    can_teach: Option<Vec<String>>,
    wants_to_learn: Option<Vec<String>>,
    interests: Option<Vec<String>>,
    mentor_capacity: Option<i64>,
    as_mentor: Option<bool>,
    as_mentee: Option<bool>,
}

fn non_empty(list: &[String]) -> Option<Vec<String>> {
    (!list.is_empty()).then(|| list.to_vec())
}

impl From<&EmployeeRecord> for ImportRow {
    fn from(r: &EmployeeRecord) -> Self {
        let (as_mentor, as_mentee) = match r.role {
            Some(ProgramRole::Mentor) => (Some(true), Some(false)),
            Some(ProgramRole::Mentee) => (Some(false), Some(true)),
            Some(ProgramRole::Both) => (Some(true), Some(true)),
            None => (None, None),
        };
        ImportRow {
            email: r.email.clone(),
            name: r.name.clone(),
            department: r.department.clone(),
            job_level: r.job_level.map(i64::from),
            manager_email: r.manager_email.clone(),
            company_start: r.company_start.map(programs::to_datetime),
            generation: r.generation.clone(),
            languages: non_empty(&r.languages),
            time_zone: r.time_zone.clone(),
            location: r.location.clone(),
            can_teach: non_empty(&r.can_teach),
            wants_to_learn: non_empty(&r.wants_to_learn),
            interests: non_empty(&r.interests),
            mentor_capacity: r.mentor_capacity.map(i64::from),
            as_mentor,
            as_mentee,
        }
    }
}

/// The email of every employee (stored lower-case), to tell new people from updated ones and to
/// accept managers who are already employees.
pub async fn existing_emails(db: &Database) -> DbResult<HashSet<String>> {
    let emails: Vec<String> = db
        .client()
        .query("SELECT VALUE email FROM employee")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(emails.into_iter().collect())
}

/// How many people are enrolled (actively) in a program.
pub async fn enrolled_count(db: &Database, program_key: &str) -> DbResult<i64> {
    let n: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM enrolled WHERE out = $program AND status = 'active')")
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(n.unwrap_or(0))
}

/// Writes the records of a checked file and enrols them in the program, in one transaction.
///
/// Each record creates the employee with that email or updates it (values present in the row
/// replace stored ones; absent ones are kept). Managers are linked once every row exists, so a
/// manager may appear later in the file than their reports; a manager email that is neither in
/// the file nor stored fails the whole import. Enrolment: a row's role sets the mentor/mentee
/// flags; without one, a new enrolment is as mentee and an existing one keeps its flags. An
/// existing enrolment is never duplicated, and a withdrawn one becomes active again.
pub async fn import(db: &Database, program_key: &str, records: &[EmployeeRecord]) -> DbResult<ImportCounts> {
    let rows: Vec<ImportRow> = records.iter().map(ImportRow::from).collect();
    let emails: Vec<String> = rows.iter().map(|r| r.email.clone()).collect();
    let response = db
        .client()
        .query(
            "BEGIN TRANSACTION;
             LET $known = (SELECT VALUE email FROM employee WHERE email IN $emails);
             LET $was_enrolled = (SELECT VALUE in.email FROM enrolled WHERE out = $program AND in.email IN $emails);
             FOR $r IN $rows {
                 IF (SELECT VALUE id FROM employee WHERE email = $r.email) == [] {
                     CREATE employee SET email = $r.email, name = $r.name;
                 };
                 UPDATE employee SET
                     name = $r.name,
                     department = $r.department ?? department,
                     job_level = $r.job_level ?? job_level,
                     company_start = $r.company_start ?? company_start,
                     generation = $r.generation ?? generation,
                     languages = $r.languages ?? languages,
                     time_zone = $r.time_zone ?? time_zone,
                     location = $r.location ?? location,
                     can_teach = $r.can_teach ?? can_teach,
                     wants_to_learn = $r.wants_to_learn ?? wants_to_learn,
                     interests = $r.interests ?? interests,
                     mentor_capacity = $r.mentor_capacity ?? mentor_capacity
                 WHERE email = $r.email;
             };
             FOR $r IN $rows {
                 IF $r.manager_email != NONE {
                     LET $manager = (SELECT VALUE id FROM employee WHERE email = $r.manager_email)[0];
                     IF $manager == NONE {
                         THROW 'unknown manager ' + $r.manager_email;
                     };
                     UPDATE employee SET manager = $manager WHERE email = $r.email;
                 };
             };
             FOR $r IN $rows {
                 LET $person = (SELECT VALUE id FROM employee WHERE email = $r.email)[0];
                 LET $edge = (SELECT VALUE id FROM enrolled WHERE in = $person AND out = $program)[0];
                 IF $edge == NONE {
                     RELATE $person->enrolled->$program
                         SET as_mentor = $r.as_mentor ?? false, as_mentee = $r.as_mentee ?? true;
                 } ELSE {
                     UPDATE $edge SET as_mentor = $r.as_mentor ?? as_mentor,
                         as_mentee = $r.as_mentee ?? as_mentee, status = 'active';
                 };
             };
             LET $distinct = array::len(array::distinct($emails));
             RETURN {
                 created: $distinct - array::len(array::distinct($known)),
                 updated: array::len(array::distinct($known)),
                 enrolled: $distinct - array::len(array::distinct($was_enrolled))
             };
             COMMIT TRANSACTION;",
        )
        .bind(("rows", rows))
        .bind(("emails", emails))
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .await;
    let counts: Option<ImportCounts> = crate::transaction_return(response)?;
    counts.ok_or_else(|| DbError::Config("the import returned no counts".into()))
}

/// The time zone of the employee linked to an account (the first, if several), or Madrid's.
pub async fn time_zone_of_account(db: &Database, account_key: &str) -> DbResult<String> {
    let zone: Option<String> = db
        .client()
        .query("RETURN (SELECT VALUE time_zone FROM employee WHERE account = $account LIMIT 1)[0]")
        .bind(("account", RecordId::new(crate::users::TABLE, account_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(zone.unwrap_or_else(|| "Europe/Madrid".to_owned()))
}

#[derive(Debug, Clone, SurrealValue)]
struct ManagerLink {
    id: RecordId,
    manager: Option<RecordId>,
}

/// Who manages whom, read once: answers each person's chain of managers without a query per
/// person or per level.
#[derive(Debug, Clone, Default)]
pub struct ReportingLines {
    manager_of: std::collections::HashMap<RecordId, RecordId>,
}

impl ReportingLines {
    /// Builds the lines from (employee, manager) links.
    pub fn from_links(links: impl IntoIterator<Item = (RecordId, RecordId)>) -> Self {
        Self {
            manager_of: links.into_iter().collect(),
        }
    }

    /// The managers of `employee` up the chain, direct manager first. A loop in the data ends
    /// the walk, and so does a chain longer than 50 levels.
    pub fn chain(&self, employee: &RecordId) -> Vec<RecordId> {
        let mut chain: Vec<RecordId> = Vec::new();
        let mut current = employee;
        while let Some(m) = self.manager_of.get(current) {
            if m == employee || chain.contains(m) || chain.len() >= 50 {
                break;
            }
            chain.push(m.clone());
            current = m;
        }
        chain
    }
}

/// Every employee's manager, in one query.
pub async fn reporting_lines(db: &Database) -> DbResult<ReportingLines> {
    let links: Vec<ManagerLink> = db
        .client()
        .query("SELECT id, manager FROM employee WHERE manager != NONE")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(ReportingLines::from_links(
        links.into_iter().filter_map(|l| l.manager.map(|m| (l.id, m))),
    ))
}

#[cfg(test)]
mod reporting_tests {
    use super::*;

    fn e(k: &str) -> RecordId {
        RecordId::new(TABLE, k)
    }

    #[test]
    fn chain_walks_up_and_stops_at_loops() {
        let lines = ReportingLines::from_links([
            (e("ana"), e("bea")),
            (e("bea"), e("ceo")),
            (e("x"), e("y")),
            (e("y"), e("x")),
        ]);
        assert_eq!(lines.chain(&e("ana")), vec![e("bea"), e("ceo")]);
        assert_eq!(lines.chain(&e("ceo")), Vec::<RecordId>::new());
        assert_eq!(lines.chain(&e("x")), vec![e("y")]);
        assert_eq!(lines.chain(&e("nobody")), Vec::<RecordId>::new());
    }
}
