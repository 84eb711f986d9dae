//! Badges: the facts the rules of `domain::recognition::badges` count, and awarding what they
//! earn.
//!
//! Awarding is idempotent: a badge is the record `badge_award:[badge, employee, program]`,
//! created only when absent in the same transaction that tells the person (notice
//! `badge_earned`), so two events arriving at once award it once. Badges are never taken back.

use chrono::{DateTime, Utc};
use domain::recognition::badges::{Badge, Facts, earned};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, EmployeeKey, PairKey, ProgramKey, users};

fn employee(key: &EmployeeKey) -> RecordId {
    RecordId::new(crate::employees::TABLE, key.as_str())
}

fn program(key: &ProgramKey) -> RecordId {
    RecordId::new(crate::programs::TABLE, key.as_str())
}

#[derive(Debug, SurrealValue)]
struct StoredFacts {
    held_meetings: i64,
    checkins: i64,
    goals_reached: i64,
    two_way_pairs: i64,
    required_modules: i64,
    required_completed: i64,
    kudos_received: i64,
    program_completed: bool,
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// What happened for the employee in the program, as the badge rules count it.
pub async fn facts(db: &Database, who: &EmployeeKey, program_key: &ProgramKey) -> DbResult<Facts> {
    let stored: Option<StoredFacts> = db
        .client()
        .query(concat!(
            "LET $pairs = (SELECT VALUE id FROM pair WHERE program = $program AND status != 'draft'
                 AND (mentor = $employee OR mentee = $employee));
",
            required_for_side!(),
            "             RETURN {
                 held_meetings: count(SELECT id FROM meeting WHERE pair IN $pairs AND status = 'held'),
                 checkins: count(SELECT id FROM checkin WHERE pair IN $pairs
                     AND author = (SELECT VALUE account FROM ONLY $employee)),
                 goals_reached: count(SELECT id FROM goal WHERE pair IN $pairs AND status = 'achieved'
                     AND ((direction = 'mentee_learns' AND pair.mentee = $employee)
                         OR (direction = 'mentor_learns' AND pair.mentor = $employee))),
                 two_way_pairs: count(SELECT id FROM pair WHERE id IN $pairs
                     AND count(SELECT id FROM goal WHERE pair = $parent.id AND status = 'achieved'
                         AND direction = 'mentee_learns') > 0
                     AND count(SELECT id FROM goal WHERE pair = $parent.id AND status = 'achieved'
                         AND direction = 'mentor_learns') > 0),
                 required_modules: array::len($required),
                 required_completed: count(SELECT id FROM training_progress WHERE module IN $required
                     AND employee = $employee AND completed_at != NONE),
                 kudos_received: count(SELECT id FROM kudos WHERE program = $program
                     AND recipient = $employee AND hidden_at = NONE AND removed_at = NONE),
                 program_completed: (SELECT VALUE status FROM ONLY $program) = 'closed'
                     AND count(SELECT id FROM pair WHERE id IN $pairs AND status != 'ended') > 0,
             };"
        ))
        .bind(("employee", employee(who)))
        .bind(("program", program(program_key)))
        .await
        .and_then(|mut r| r.take(3))
        .map_err(DbError::from_surreal)?;
    let Some(f) = stored else {
        return Ok(Facts::default());
    };
    Ok(Facts {
        held_meetings: count(f.held_meetings),
        checkins: count(f.checkins),
        goals_reached: count(f.goals_reached),
        two_way_pairs: count(f.two_way_pairs),
        required_modules: count(f.required_modules),
        required_completed: count(f.required_completed),
        kudos_received: count(f.kudos_received),
        program_completed: f.program_completed,
    })
}

/// Awards the employee every badge of the program their facts earn and they do not have yet,
/// telling them of each (a notification and an email). Answers the badges newly awarded.
pub async fn refresh(
    db: &Database,
    who: &EmployeeKey,
    program_key: &ProgramKey,
    base_url: &str,
) -> DbResult<Vec<Badge>> {
    let mut new = Vec::new();
    for badge in earned(&facts(db, who, program_key).await?) {
        let awarded: Option<bool> = db
            .write(
                concat!(
                    "BEGIN TRANSACTION;
                     LET $id = type::record('badge_award', [$badge, record::id($employee), record::id($program)]);
                     LET $new = IF (SELECT id FROM ONLY $id) = NONE {
                         CREATE $id SET badge = $badge, employee = $employee, program = $program;
                         LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $employee);
                         LET $kind = 'badge_earned';
                         LET $params = { badge: $badge, program: (SELECT VALUE name FROM ONLY $program) };
                         LET $link = '/recognition';
                         ",
                    tell_person!(),
                    "
                         true
                     } ELSE { false };
                     RETURN $new;
                     COMMIT TRANSACTION;"
                ),
                &[
                    ("badge", crate::val(badge.as_str())),
                    ("employee", crate::val(employee(who))),
                    ("program", crate::val(program(program_key))),
                    ("base", crate::val(base_url.to_owned())),
                ],
            )
            .await?;
        if awarded == Some(true) {
            new.push(badge);
        }
    }
    Ok(new)
}

#[derive(Debug, SurrealValue)]
struct PairPeople {
    program: RecordId,
    mentor: RecordId,
    mentee: RecordId,
}

/// [`refresh`] for both people of a pair, in its program.
pub async fn refresh_pair(db: &Database, pair: &PairKey, base_url: &str) -> DbResult<Vec<Badge>> {
    let people: Option<PairPeople> = db
        .client()
        .query("SELECT program, mentor, mentee FROM ONLY $pair")
        .bind(("pair", RecordId::new("pair", pair.as_str())))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    let Some(p) = people else {
        return Ok(Vec::new());
    };
    let program_key = ProgramKey::new(crate::key_of(&p.program));
    let mut new = Vec::new();
    for who in [p.mentor, p.mentee] {
        new.extend(refresh(db, &EmployeeKey::new(crate::key_of(&who)), &program_key, base_url).await?);
    }
    Ok(new)
}

/// [`refresh`] for every employee of the account active in the program.
pub async fn refresh_account(
    db: &Database,
    who: &AccountKey,
    program_key: &ProgramKey,
    base_url: &str,
) -> DbResult<Vec<Badge>> {
    let employees: Vec<RecordId> = db
        .client()
        .query(
            "SELECT VALUE in FROM enrolled WHERE out = $program AND status = 'active'
                 AND in IN (SELECT VALUE id FROM employee WHERE account = $account)",
        )
        .bind(("program", program(program_key)))
        .bind(("account", RecordId::new(users::TABLE, who.as_str())))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    let mut new = Vec::new();
    for e in employees {
        new.extend(refresh(db, &EmployeeKey::new(crate::key_of(&e)), program_key, base_url).await?);
    }
    Ok(new)
}

/// The minute job's part: awards "program completed" (and anything else due) to the
/// participants of closed programs who lack it. Answers how many badges were awarded.
pub async fn refresh_closed_programs(db: &Database, base_url: &str) -> DbResult<usize> {
    #[derive(SurrealValue)]
    struct Due {
        employee: RecordId,
        program: RecordId,
    }
    let due: Vec<Due> = db
        .client()
        .query(
            "SELECT in AS employee, out AS program FROM enrolled WHERE status = 'active'
                 AND out.status = 'closed'
                 AND type::record('badge_award', ['program_completed', record::id(in), record::id(out)]).id = NONE",
        )
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    let mut awarded = 0;
    for d in due {
        awarded += refresh(
            db,
            &EmployeeKey::new(crate::key_of(&d.employee)),
            &ProgramKey::new(crate::key_of(&d.program)),
            base_url,
        )
        .await?
        .len();
    }
    Ok(awarded)
}

/// A badge someone holds.
#[derive(Debug, Clone, SurrealValue)]
pub struct AwardRow {
    /// The badge's stored name.
    pub badge: String,
    /// Whose.
    pub employee: RecordId,
    /// The program it was earned in.
    pub program: RecordId,
    /// The program's name.
    pub program_name: String,
    /// When.
    pub awarded_at: DateTime<Utc>,
}

/// Every badge of the account's employees, newest first.
pub async fn of_account(db: &Database, who: &AccountKey) -> DbResult<Vec<AwardRow>> {
    db.client()
        .query(
            "SELECT badge, employee, program, program.name AS program_name, awarded_at FROM badge_award
                 WHERE employee IN (SELECT VALUE id FROM employee WHERE account = $account)
                 ORDER BY awarded_at DESC",
        )
        .bind(("account", RecordId::new(users::TABLE, who.as_str())))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// A badge one of a pair's two people holds.
#[derive(Debug, Clone, SurrealValue)]
pub struct PairAward {
    /// The badge's stored name.
    pub badge: String,
    /// Whether the pair's mentor holds it (else the mentee).
    pub by_mentor: bool,
    /// The program's name.
    pub program_name: String,
    /// When.
    pub awarded_at: DateTime<Utc>,
}

/// The badges both people of a pair earned in its program, oldest first.
pub async fn of_pair(db: &Database, pair: &PairKey) -> DbResult<Vec<PairAward>> {
    db.client()
        .query(
            "LET $p = (SELECT program, mentor, mentee FROM ONLY $pair);
             SELECT badge, employee = $p.mentor AS by_mentor, program.name AS program_name, awarded_at
                 FROM badge_award WHERE program = $p.program AND employee IN [$p.mentor, $p.mentee]
                 ORDER BY awarded_at;",
        )
        .bind(("pair", RecordId::new("pair", pair.as_str())))
        .await
        .and_then(|mut r| r.take(1))
        .map_err(DbError::from_surreal)
}
