//! The `employee` table and enrolment (`enrolled` edges) as HR's CSV import writes them.
//!
//! The import is all-or-nothing: every row is written in one transaction, so a failure anywhere
//! (a schema assertion, a manager that vanished meanwhile) leaves the database as it was.
//! Employees are identified by email: re-importing updates them instead of adding duplicates.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use domain::CatalogueTopic;
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
    job_title: Option<String>,
    manager_unlinked: bool,
    manager_as_written: Option<String>,
}

/// A topic the import adds to the program's catalogue.
#[derive(Debug, Clone, SurrealValue)]
struct NewTopicRow {
    key: String,
    label_es: String,
    label_en: String,
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
            job_title: r.job_title.clone(),
            manager_unlinked: r.manager_unlinked,
            manager_as_written: r.manager_as_written.clone(),
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

/// What HR decided in the preview that the import stores beside the people.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportDecisions<'a> {
    /// The level ladder the file was read with, stored as the organisation's ladder; `None`
    /// leaves the stored ladder as it is.
    pub ladder: Option<&'a [String]>,
    /// Topics to add to the program's catalogue (already checked against it).
    pub new_topics: &'a [CatalogueTopic],
    /// The account importing (recorded with the ladder).
    pub by: Option<&'a str>,
}

/// How many people enrolled (actively) in a program have no account yet: the ones to invite.
pub async fn enrolled_without_account(db: &Database, program_key: &str) -> DbResult<i64> {
    let n: Option<i64> = db
        .client()
        .query(
            "RETURN count(SELECT id FROM enrolled WHERE out = $program AND status = 'active'
                AND in.account = NONE)",
        )
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(n.unwrap_or(0))
}

/// Writes the records of a checked file and enrols them in the program, in one transaction,
/// together with HR's decisions (the ladder, new catalogue topics).
///
/// Each record creates the employee with that email or updates it (values present in the row
/// replace stored ones; absent ones are kept). Managers are linked once every row exists, so a
/// manager may appear later in the file than their reports; a manager email that is neither in
/// the file nor stored fails the whole import. A row imported without its manager link
/// (`manager_unlinked`) is marked so the board can say the reporting-line rule was not checked
/// for that person; a later row with a known manager clears the mark. Enrolment: a row's role
/// sets the mentor/mentee flags (the preview decides a role for every importable row); a row
/// without one keeps an existing enrolment's flags, and fails the import when the person is not
/// enrolled yet (roles are decided, never defaulted). An existing enrolment is never duplicated,
/// and a withdrawn one becomes active again. Errors: [`DbError`] when a write is refused (the
/// transaction is then rolled back whole).
pub async fn import(
    db: &Database,
    program_key: &str,
    records: &[EmployeeRecord],
    decisions: ImportDecisions<'_>,
) -> DbResult<ImportCounts> {
    let rows: Vec<ImportRow> = records.iter().map(ImportRow::from).collect();
    let new_topics: Vec<NewTopicRow> = decisions
        .new_topics
        .iter()
        .map(|t| NewTopicRow {
            key: t.key.clone(),
            label_es: t.es.clone(),
            label_en: t.en.clone(),
        })
        .collect();
    let emails: Vec<String> = rows.iter().map(|r| r.email.clone()).collect();
    let response = db
        .client()
        .query(
            "BEGIN TRANSACTION;
             LET $known = (SELECT VALUE email FROM employee WHERE email IN $emails);
             LET $was_enrolled = (SELECT VALUE in.email FROM enrolled WHERE out = $program AND in.email IN $emails);
             IF $ladder != NONE { UPSERT level_ladder:org SET titles = $ladder, updated_by = $by; };
             FOR $t IN $new_topics {
                 IF (SELECT VALUE id FROM topic WHERE program = $program AND key = $t.key) == [] {
                     CREATE topic SET program = $program, key = $t.key, label_es = $t.label_es,
                         label_en = $t.label_en;
                 };
             };
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
                     mentor_capacity = $r.mentor_capacity ?? mentor_capacity,
                     job_title = $r.job_title ?? job_title
                 WHERE email = $r.email;
             };
             FOR $r IN $rows {
                 IF $r.manager_email != NONE {
                     LET $manager = (SELECT VALUE id FROM employee WHERE email = $r.manager_email)[0];
                     IF $manager == NONE {
                         THROW 'unknown manager ' + $r.manager_email;
                     };
                     UPDATE employee SET manager = $manager, manager_unlinked = false,
                         manager_as_written = NONE WHERE email = $r.email;
                 } ELSE IF $r.manager_unlinked {
                     UPDATE employee SET manager_unlinked = manager == NONE,
                         manager_as_written = $r.manager_as_written WHERE email = $r.email;
                 };
             };
             FOR $r IN $rows {
                 LET $person = (SELECT VALUE id FROM employee WHERE email = $r.email)[0];
                 LET $edge = (SELECT VALUE id FROM enrolled WHERE in = $person AND out = $program)[0];
                 IF $edge == NONE {
                     IF $r.as_mentor == NONE OR $r.as_mentee == NONE {
                         THROW 'role undecided for ' + $r.email;
                     };
                     RELATE $person->enrolled->$program
                         SET as_mentor = $r.as_mentor, as_mentee = $r.as_mentee;
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
        .bind(("ladder", decisions.ladder.map(<[String]>::to_vec)))
        .bind(("by", decisions.by.map(|k| RecordId::new(crate::users::TABLE, k))))
        .bind(("new_topics", new_topics))
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
