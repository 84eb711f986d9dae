//! The `employee` table and enrolment (`enrolled` edges) as HR's CSV import writes them.
//!
//! The import is all-or-nothing: every row is written in one transaction, so a failure anywhere
//! (a schema assertion, a manager that vanished meanwhile) leaves the database as it was.
//! Employees are identified by email: re-importing updates them instead of adding duplicates.

use std::collections::{HashMap, HashSet};

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
    /// The id the person gets if they are new.
    fresh_id: RecordId,
    /// The id the manager gets if they are new (a person of the file).
    manager_fresh: Option<RecordId>,
    /// The id of the person's enrolment if it is new.
    fresh_edge: RecordId,
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

impl ImportRow {
    /// The row of a record; `fresh` holds the id each email of the file gets if it is new.
    fn new(r: &EmployeeRecord, fresh: &HashMap<&str, RecordId>) -> Self {
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
            fresh_id: fresh
                .get(r.email.as_str())
                .cloned()
                .unwrap_or_else(|| RecordId::new(TABLE, crate::new_key())),
            manager_fresh: r.manager_email.as_deref().and_then(|m| fresh.get(m)).cloned(),
            fresh_edge: RecordId::new("enrolled", crate::new_key()),
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
/// replace stored ones; absent ones are kept). A manager may appear later in the file than their
/// reports; a manager email that is neither in the file nor stored fails the whole import. A row
/// imported without its manager link (`manager_unlinked`) is marked so the board can say the
/// reporting-line rule was not checked for that person; a later import with a known manager
/// clears the mark. Enrolment: a row's role sets the mentor/mentee flags (the preview decides a
/// role for every importable row); a row without one keeps an existing enrolment's flags, and
/// fails the import when the person is not enrolled yet (roles are decided, never defaulted). An
/// existing enrolment is never duplicated, and a withdrawn one becomes active again. Records
/// should have distinct emails (the preview refuses repeated ones); a repeated email is one
/// person, the later row's values written over the earlier one's.
///
/// Set-based, for files of [`domain::import::MAX_ROWS`] rows: one read of the people and
/// enrolments concerned (index lookups), one `INSERT` of every employee and one of every
/// enrolment, whatever the number of rows; no statement per row. Errors: [`DbError`] when a
/// write is refused (the transaction is then rolled back whole); [`DbError::Busy`] when
/// concurrent writes made it lose every attempt.
pub async fn import(
    db: &Database,
    program_key: &str,
    records: &[EmployeeRecord],
    decisions: ImportDecisions<'_>,
) -> DbResult<ImportCounts> {
    // A new person's record id is chosen here, so the rows that name them as manager can link
    // them in the same statement; an existing person keeps theirs (looked up by email inside the
    // transaction). A repeated email gets the same id.
    let mut fresh: HashMap<&str, RecordId> = HashMap::with_capacity(records.len());
    for r in records {
        fresh
            .entry(r.email.as_str())
            .or_insert_with(|| RecordId::new(TABLE, crate::new_key()));
    }
    let rows: Vec<ImportRow> = records.iter().map(|r| ImportRow::new(r, &fresh)).collect();
    let emails: Vec<String> = fresh.keys().map(|e| (*e).to_owned()).collect();
    let new_topics: Vec<NewTopicRow> = decisions
        .new_topics
        .iter()
        .map(|t| NewTopicRow {
            key: t.key.clone(),
            label_es: t.es.clone(),
            label_en: t.en.clone(),
        })
        .collect();
    let binds: crate::Binds = vec![
        ("rows", crate::val(rows)),
        ("emails", crate::val(emails)),
        ("program", crate::val(RecordId::new(programs::TABLE, program_key))),
        ("ladder", crate::val(decisions.ladder.map(<[String]>::to_vec))),
        (
            "by",
            crate::val(decisions.by.map(|k| RecordId::new(crate::users::TABLE, k))),
        ),
        ("new_topics", crate::val(new_topics)),
    ];
    let counts: Option<ImportCounts> = db.write(IMPORT, &binds).await?;
    counts.ok_or_else(|| DbError::Config("the import returned no counts".into()))
}

/// The import's transaction (see [`import`]). One loop over the rows whose body touches only
/// the row itself and records reached by id or by a unique index: a person by email, a
/// manager by email, an enrolment by (person, program). Measured on SurrealDB 3 (see
/// `tests/import_scale.rs`): a statement over the whole array (`INSERT INTO employee $rows`),
/// closures that read another large parameter, `UPSERT` of new records, `UPDATE … WHERE` and
/// records without a chosen id all grow faster than the number of rows inside one transaction.
const IMPORT: &str = "BEGIN TRANSACTION;
    LET $known = count(SELECT id FROM employee WHERE email IN $emails);
    LET $enrolled_before = array::len($program<-enrolled);
    IF $ladder != NONE { UPSERT level_ladder:org SET titles = $ladder, updated_by = $by; };
    FOR $t IN $new_topics {
        IF (SELECT VALUE id FROM topic WHERE program = $program AND key = $t.key) == [] {
            CREATE topic SET program = $program, key = $t.key, label_es = $t.label_es,
                label_en = $t.label_en;
        };
    };
    FOR $r IN $rows {
        LET $stored = (SELECT VALUE id FROM employee WHERE email = $r.email)[0];
        LET $manager = IF $r.manager_email == NONE { NONE } ELSE {
            (SELECT VALUE id FROM employee WHERE email = $r.manager_email)[0] ?? $r.manager_fresh
        };
        IF $r.manager_email != NONE AND $manager == NONE {
            THROW 'unknown manager ' + $r.manager_email;
        };
        IF $stored == NONE {
            CREATE $r.fresh_id SET
                email = $r.email,
                name = $r.name,
                department = $r.department,
                job_level = $r.job_level,
                job_title = $r.job_title,
                manager = $manager,
                manager_unlinked = $r.manager_unlinked,
                manager_as_written = $r.manager_as_written,
                company_start = $r.company_start,
                generation = $r.generation,
                languages = $r.languages ?? [],
                time_zone = $r.time_zone ?? 'Europe/Madrid',
                location = $r.location,
                can_teach = $r.can_teach ?? [],
                wants_to_learn = $r.wants_to_learn ?? [],
                interests = $r.interests ?? [],
                mentor_capacity = $r.mentor_capacity ?? 1
            RETURN NONE;
        } ELSE {
            UPDATE $stored SET
                name = $r.name,
                department = $r.department ?? department,
                job_level = $r.job_level ?? job_level,
                job_title = $r.job_title ?? job_title,
                company_start = $r.company_start ?? company_start,
                generation = $r.generation ?? generation,
                languages = $r.languages ?? languages,
                time_zone = $r.time_zone ?? time_zone,
                location = $r.location ?? location,
                can_teach = $r.can_teach ?? can_teach,
                wants_to_learn = $r.wants_to_learn ?? wants_to_learn,
                interests = $r.interests ?? interests,
                mentor_capacity = $r.mentor_capacity ?? mentor_capacity,
                manager_unlinked = IF $manager != NONE { false }
                    ELSE IF $r.manager_unlinked { manager == NONE } ELSE { manager_unlinked },
                manager_as_written = IF $manager != NONE { NONE }
                    ELSE IF $r.manager_unlinked { $r.manager_as_written } ELSE { manager_as_written },
                manager = $manager ?? manager
            RETURN NONE;
        };
        LET $person = $stored ?? $r.fresh_id;
        LET $edge = IF $stored == NONE { NONE } ELSE {
            (SELECT VALUE id FROM enrolled WHERE in = $stored AND out = $program)[0]
        };
        IF $edge == NONE {
            IF $r.as_mentor == NONE OR $r.as_mentee == NONE {
                THROW 'role undecided for ' + $r.email;
            };
            RELATE $person->($r.fresh_edge)->$program
                SET as_mentor = $r.as_mentor, as_mentee = $r.as_mentee
            RETURN NONE;
        } ELSE {
            UPDATE $edge SET as_mentor = $r.as_mentor ?? as_mentor,
                as_mentee = $r.as_mentee ?? as_mentee, status = 'active'
            RETURN NONE;
        };
    };
    RETURN {
        created: array::len($emails) - $known,
        updated: $known,
        enrolled: array::len($program<-enrolled) - $enrolled_before
    };
    COMMIT TRANSACTION;";

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
