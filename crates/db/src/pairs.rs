//! Pairing data: who is enrolled in a program (as matching profiles), HR's pins and forbids,
//! draft and published pairs, and the notifications a publication sends.

use chrono::{DateTime, Utc};
use domain::pairing::{BoardViolation, Person};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, EmployeeKey, PairKey, ProgramKey, key_of, programs};

/// One enrolled employee with what matching needs.
#[derive(Debug, Clone, SurrealValue)]
struct EnrolledRow {
    employee: RecordId,
    name: String,
    email: String,
    department: Option<String>,
    job_level: Option<i64>,
    company_start: Option<DateTime<Utc>>,
    generation: Option<String>,
    languages: Vec<String>,
    time_zone: String,
    availability: Vec<String>,
    can_teach: Vec<String>,
    wants_to_learn: Vec<String>,
    interests: Vec<String>,
    mentor_capacity: i64,
    as_mentor: bool,
    as_mentee: bool,
    manager_unlinked: Option<bool>,
}

#[derive(Debug, Clone, SurrealValue)]
struct RuleRow {
    mentor: RecordId,
    mentee: RecordId,
    kind: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct PairKeys {
    mentor: RecordId,
    mentee: RecordId,
}

/// A participant as the pairing board shows them.
#[derive(Debug, Clone)]
pub struct Participant {
    /// The matching profile (`id` is the employee key).
    pub person: Person,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Enrolled as mentor.
    pub as_mentor: bool,
    /// Enrolled as mentee.
    pub as_mentee: bool,
    /// Imported without their manager link: the reporting-line rule cannot be checked for them.
    pub manager_unlinked: bool,
}

/// Everything needed to pair a program.
#[derive(Debug, Clone, Default)]
pub struct PairingInput {
    /// Enrolled people.
    pub participants: Vec<Participant>,
    /// HR's must-pair `(mentee, mentor)` employee keys.
    pub pins: Vec<(String, String)>,
    /// HR's must-not-pair `(mentee, mentor)` employee keys.
    pub forbids: Vec<(String, String)>,
    /// Pairs from other programs `(mentee, mentor)`, for the no-repeat rule.
    pub previous_pairs: Vec<(String, String)>,
    /// Whether the program requires its training before matching (each person's
    /// `training_complete` says who completed it or had it waived).
    pub requires_training: bool,
}

/// The UTC offset of an IANA time zone now, in minutes (0 for unknown names).
pub fn utc_offset_minutes(zone: &str, at: DateTime<Utc>) -> i32 {
    use chrono::Offset;
    zone.parse::<chrono_tz::Tz>()
        .map(|tz| at.with_timezone(&tz).offset().fix().local_minus_utc() / 60)
        .unwrap_or(0)
}

/// Loads the enrolled people of a program with their manager chains, pins, forbids and earlier
/// pairs. A pin on a pair that has ended (HR undid or re-matched it) no longer applies.
pub async fn pairing_input(db: &Database, program_key: &str) -> DbResult<PairingInput> {
    let program = RecordId::new(programs::TABLE, program_key);
    let mut res = db
        .client()
        .query(
            "SELECT in AS employee, in.name AS name, in.email AS email, in.department AS department,
                in.job_level AS job_level, in.company_start AS company_start, in.generation AS generation,
                in.languages AS languages, in.time_zone AS time_zone, in.availability AS availability,
                in.can_teach AS can_teach, in.wants_to_learn AS wants_to_learn, in.interests AS interests,
                in.mentor_capacity AS mentor_capacity, as_mentor, as_mentee,
                in.manager_unlinked AS manager_unlinked
             FROM enrolled WHERE out = $program AND status = 'active' ORDER BY name COLLATE;
             SELECT mentor, mentee, kind FROM pair_rule WHERE program = $program AND (kind != 'pin'
                 OR count(SELECT id FROM pair WHERE program = $program AND mentee = $parent.mentee
                     AND mentor = $parent.mentor AND status = 'ended') = 0);
             SELECT mentor, mentee FROM pair WHERE (program != $program AND status != 'draft')
                 OR (program = $program AND status = 'ended');",
        )
        .bind(("program", program))
        .await
        .map_err(DbError::from_surreal)?;
    let enrolled: Vec<EnrolledRow> = res.take(0).map_err(DbError::from_surreal)?;
    let rules: Vec<RuleRow> = res.take(1).map_err(DbError::from_surreal)?;
    let earlier: Vec<PairKeys> = res.take(2).map_err(DbError::from_surreal)?;
    let lines = crate::employees::reporting_lines(db).await?;
    let gate = crate::training::gate(db, &crate::ProgramKey::new(program_key)).await?;

    let now = Utc::now();
    let participants = enrolled
        .into_iter()
        .map(|r| {
            let key = key_of(&r.employee);
            let tenure_months = r.company_start.map(|s| {
                let days = (now - s).num_days().max(0);
                i32::try_from(days / 30).unwrap_or(i32::MAX)
            });
            Participant {
                person: Person {
                    manager_chain: lines.chain(&r.employee).iter().map(key_of).collect(),
                    training_complete: gate.complete.contains(&key),
                    id: key,
                    job_level: r.job_level.and_then(|l| i32::try_from(l).ok()),
                    tenure_months,
                    languages: r.languages,
                    utc_offset_minutes: utc_offset_minutes(&r.time_zone, now),
                    availability: r.availability,
                    can_teach: r.can_teach,
                    wants_to_learn: r.wants_to_learn,
                    interests: r.interests,
                    capacity: i32::try_from(r.mentor_capacity).unwrap_or(1),
                    department: r.department,
                    generation: r.generation,
                },
                name: r.name,
                email: r.email,
                as_mentor: r.as_mentor,
                as_mentee: r.as_mentee,
                manager_unlinked: r.manager_unlinked.unwrap_or(false),
            }
        })
        .collect();
    let (pins, forbids): (Vec<_>, Vec<_>) = rules.into_iter().partition(|r| r.kind == "pin");
    let keys = |r: &RuleRow| (key_of(&r.mentee), key_of(&r.mentor));
    Ok(PairingInput {
        participants,
        pins: pins.iter().map(keys).collect(),
        forbids: forbids.iter().map(keys).collect(),
        previous_pairs: earlier
            .iter()
            .map(|p| (key_of(&p.mentee), key_of(&p.mentor)))
            .collect(),
        requires_training: gate.required,
    })
}

/// A stored pair.
#[derive(Debug, Clone, SurrealValue)]
pub struct PairRow {
    /// Record id.
    pub id: RecordId,
    /// Mentor employee.
    pub mentor: RecordId,
    /// Mentee employee.
    pub mentee: RecordId,
    /// Score 0–100.
    pub score: i64,
    /// `draft`, `published`, `active`, `paused` or `ended`.
    pub status: String,
    /// Explanation as the engine gave it (`criteria`: criteria and matched items), and, once HR
    /// decided to keep a published pair that no longer meets the rules, `kept_despite`: the
    /// breaches HR accepted (see [`keep_despite`]).
    pub explanation: serde_json::Value,
}

impl PairRow {
    /// The breaches HR accepted when keeping this pair (empty when HR never decided).
    pub fn kept_despite(&self) -> Vec<BoardViolation> {
        self.explanation
            .get("kept_despite")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }
}

/// A pair to store as a draft: `(mentor key, mentee key, score, explanation)`.
pub type DraftPair = (String, String, i32, serde_json::Value);

/// Statements that replace the program's draft pairs with `$pairs` (rows from [`draft_rows`]).
const REPLACE_DRAFTS: &str = "DELETE pair WHERE program = $program AND status = 'draft';
     FOR $p IN $pairs {
         CREATE pair SET program = $program, mentor = type::record('employee', $p.mentor),
             mentee = type::record('employee', $p.mentee), score = $p.score,
             explanation = $p.explanation, status = 'draft';
     };";

fn draft_rows(pairs: Vec<DraftPair>) -> Vec<serde_json::Value> {
    pairs
        .into_iter()
        .map(|(mentor, mentee, score, explanation)| {
            serde_json::json!({"mentor": mentor, "mentee": mentee, "score": score, "explanation": {"criteria": explanation}})
        })
        .collect()
}

/// Replaces the program's draft pairs with `pairs`, in one transaction. Published pairs stay.
pub async fn replace_drafts(db: &Database, program_key: &str, pairs: Vec<DraftPair>) -> DbResult<()> {
    let _: Option<bool> = db
        .write(
            &format!("BEGIN TRANSACTION; {REPLACE_DRAFTS} RETURN true; COMMIT TRANSACTION;"),
            &[
                ("program", crate::val(RecordId::new(programs::TABLE, program_key))),
                ("pairs", crate::val(draft_rows(pairs))),
            ],
        )
        .await?;
    Ok(())
}

/// Saves a hand-edited board in one transaction: the draft pairs replace the program's drafts,
/// and `pins` and `forbids` (`(mentee key, mentor key)`) replace HR's rules. Published pairs stay.
pub async fn save_board(
    db: &Database,
    program_key: &str,
    pairs: Vec<DraftPair>,
    pins: &[(String, String)],
    forbids: &[(String, String)],
) -> DbResult<()> {
    let rule = |kind: &str, list: &[(String, String)]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|(mentee, mentor)| serde_json::json!({"kind": kind, "mentee": mentee, "mentor": mentor}))
            .collect()
    };
    let mut rules = rule("pin", pins);
    rules.extend(rule("forbid", forbids));
    let _: Option<bool> = db
        .write(
            &format!(
                "BEGIN TRANSACTION; {REPLACE_DRAFTS}
             DELETE pair_rule WHERE program = $program;
             FOR $r IN $rules {{
                 CREATE pair_rule SET program = $program, kind = $r.kind,
                     mentor = type::record('employee', $r.mentor), mentee = type::record('employee', $r.mentee);
             }};
             RETURN true;
             COMMIT TRANSACTION;"
            ),
            &[
                ("program", crate::val(RecordId::new(programs::TABLE, program_key))),
                ("pairs", crate::val(draft_rows(pairs))),
                ("rules", crate::val(rules)),
            ],
        )
        .await?;
    Ok(())
}

/// The program's pairs (drafts, published, active and paused; not ended ones, whose people are
/// free to be paired again), best score first.
pub async fn list(db: &Database, program_key: &str) -> DbResult<Vec<PairRow>> {
    db.client()
        .query(
            "SELECT id, mentor, mentee, score, status, explanation FROM pair
             WHERE program = $program AND status != 'ended' ORDER BY score DESC, mentee, mentor",
        )
        .bind(("program", RecordId::new(programs::TABLE, program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// The program's pair of `mentee` with `mentor` (employee keys) that has not ended, if any.
pub async fn find(
    db: &Database,
    program_key: &ProgramKey,
    mentee: &EmployeeKey,
    mentor: &EmployeeKey,
) -> DbResult<Option<PairRow>> {
    db.client()
        .query(
            "SELECT id, mentor, mentee, score, status, explanation FROM pair
             WHERE program = $program AND mentee = $mentee AND mentor = $mentor AND status != 'ended'
             LIMIT 1",
        )
        .bind(("program", RecordId::new(programs::TABLE, program_key.as_str())))
        .bind(("mentee", RecordId::new(crate::employees::TABLE, mentee.as_str())))
        .bind(("mentor", RecordId::new(crate::employees::TABLE, mentor.as_str())))
        .await
        .and_then(|mut r| r.take::<Vec<PairRow>>(0))
        .map(|rows| rows.into_iter().next())
        .map_err(DbError::from_surreal)
}

/// Records that HR keeps the published (or active, or paused) pair `pair_key` although it breaks
/// `breaches` now; the board then shows it as kept instead of needing a decision, until it breaks
/// something else. Answers whether such a pair was found.
pub async fn keep_despite(db: &Database, pair_key: &str, breaches: &[BoardViolation]) -> DbResult<bool> {
    let breaches = serde_json::to_value(breaches).unwrap_or_default();
    let kept: Option<bool> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
             LET $done = (UPDATE $pair SET explanation.kept_despite = $breaches
                 WHERE status IN ",
                current_pair_statuses!(),
                " RETURN VALUE id);
             RETURN $done[0] != NONE;
             COMMIT TRANSACTION;"
            ),
            &[
                ("pair", crate::val(RecordId::new("pair", pair_key))),
                ("breaches", crate::val(breaches)),
            ],
        )
        .await?;
    Ok(kept == Some(true))
}

/// Removes the program's draft pair of `mentee` with `mentor` (employee keys) and HR's pin on it,
/// so both people are free on the board again. Answers whether there was such a draft.
pub async fn remove_draft(
    db: &Database,
    program_key: &ProgramKey,
    mentee: &EmployeeKey,
    mentor: &EmployeeKey,
) -> DbResult<bool> {
    let removed: Option<bool> = db
        .write(
            "BEGIN TRANSACTION;
             LET $gone = (DELETE pair WHERE program = $program AND mentee = $mentee AND mentor = $mentor
                 AND status = 'draft' RETURN BEFORE);
             IF $gone[0] != NONE {
                 DELETE pair_rule WHERE program = $program AND mentee = $mentee AND mentor = $mentor AND kind = 'pin';
             };
             RETURN $gone[0] != NONE;
             COMMIT TRANSACTION;",
            &[
                ("program", crate::val(RecordId::new(programs::TABLE, program_key.as_str()))),
                ("mentee", crate::val(RecordId::new(crate::employees::TABLE, mentee.as_str()))),
                ("mentor", crate::val(RecordId::new(crate::employees::TABLE, mentor.as_str()))),
            ],
        )
        .await?;
    Ok(removed == Some(true))
}

/// Publishes every draft pair of the program and, in the same transaction, notifies both people
/// (in-app notification for those with an account, and an email in the outbox). Returns how many
/// pairs were published.
pub async fn publish(db: &Database, program_key: &str, base_url: &str) -> DbResult<usize> {
    let program = RecordId::new(programs::TABLE, program_key);
    let published: Vec<PairKeys> = db
        .write(
            concat!("BEGIN TRANSACTION;
             LET $name = (SELECT VALUE name FROM ONLY $program);
             LET $pairs = (UPDATE pair SET status = 'published', published_at = time::now()
                 WHERE program = $program AND status = 'draft' RETURN mentor, mentee);
             LET $kind = 'pair_published';
             LET $link = '/pair';
             FOR $p IN $pairs {
                 FOR $who IN [
                     { person: $p.mentee, other: $p.mentor, role: 'mentor' },
                     { person: $p.mentor, other: $p.mentee, role: 'mentee' }
                 ] {
                     LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $who.person);
                     LET $params = { role: $who.role, program: $name, other: (SELECT VALUE name FROM ONLY $who.other) };
                     ", tell_person!(), "
                 };
             };
             RETURN $pairs;
             COMMIT TRANSACTION;"),
            &[
                ("program", crate::val(program)),
                ("base", crate::val(base_url.to_owned())),
            ],
        )
        .await?;
    Ok(published.len())
}

/// A published pair of the user with `account_key`, seen from their side.
#[derive(Debug, Clone, SurrealValue)]
pub struct MyPairRow {
    /// The pair's record id.
    pub id: RecordId,
    /// Program name.
    pub program: String,
    /// Whether the user is the mentor in this pair.
    pub i_mentor: bool,
    /// The other person's name.
    pub other_name: String,
    /// The other person's email.
    pub other_email: String,
    /// Pair score.
    pub score: i64,
    /// `published` until both accepted, then `active` (later `paused` or `ended`).
    pub status: String,
    /// Whether the user has accepted the pair.
    pub i_accepted: bool,
    /// Whether the other person has accepted the pair.
    pub other_accepted: bool,
}

/// The user's published (or later) pairs, as mentor or mentee.
pub async fn for_account(db: &Database, account_key: &str) -> DbResult<Vec<MyPairRow>> {
    db.kept_read(crate::read_cache::Read::AccountPairs, account_key, async {
        db.read_only()
            .query(
                "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
                 SELECT id, program.name AS program, mentor IN $me AS i_mentor,
                     (IF mentor IN $me THEN mentee.name ELSE mentor.name END) AS other_name,
                     (IF mentor IN $me THEN mentee.email ELSE mentor.email END) AS other_email,
                     score, status,
                     (IF mentor IN $me THEN mentor_accepted_at ELSE mentee_accepted_at END) != NONE AS i_accepted,
                     (IF mentor IN $me THEN mentee_accepted_at ELSE mentor_accepted_at END) != NONE AS other_accepted
                 FROM pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft'
                 ORDER BY published_at DESC;",
            )
            .bind(("account", RecordId::new(crate::users::TABLE, account_key)))
            .await
            .and_then(|mut r| r.take(1))
            .map_err(DbError::from_surreal)
    })
    .await
}

/// Records that the user with `account_key` accepts the published pair `pair_key`, on their side;
/// once both have accepted, the pair becomes `active` and the other person is notified. Answers
/// the pair's status, or `None` when the pair is not the user's or not open for acceptance.
/// Accepting twice changes nothing.
pub async fn accept(db: &Database, account_key: &AccountKey, pair_key: &PairKey) -> DbResult<Option<String>> {
    db.write(
        concat!("BEGIN TRANSACTION;
             LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $p = (SELECT * FROM ONLY $pair WHERE (mentor IN $me OR mentee IN $me)
                 AND status IN ", writable_pair_statuses!(), ");
             IF $p != NONE {
                 LET $as_mentor = $p.mentor IN $me;
                 LET $first = IF $as_mentor { $p.mentor_accepted_at = NONE } ELSE { $p.mentee_accepted_at = NONE };
                 IF $first {
                     IF $as_mentor { UPDATE $pair SET mentor_accepted_at = time::now(); }
                     ELSE { UPDATE $pair SET mentee_accepted_at = time::now(); };
                     LET $now = (SELECT * FROM ONLY $pair);
                     IF $now.status = 'published' AND $now.mentor_accepted_at != NONE AND $now.mentee_accepted_at != NONE {
                         UPDATE $pair SET status = 'active';
                     };
                     LET $other = IF $as_mentor { $p.mentee } ELSE { $p.mentor };
                     LET $self = IF $as_mentor { $p.mentor } ELSE { $p.mentee };
                     LET $me_name = (SELECT VALUE name FROM ONLY $self);
                     LET $acc = (SELECT VALUE account FROM ONLY $other);
                     IF $acc != NONE {
                         CREATE notification SET user = $acc, kind = 'pair_accepted', params = { name: $me_name }, link = '/pair';
                     };
                 };
             };
             RETURN IF $p = NONE { NONE } ELSE { (SELECT VALUE status FROM ONLY $pair) };
             COMMIT TRANSACTION;"),
        &[
            ("account", crate::val(RecordId::new(crate::users::TABLE, account_key.as_str()))),
            ("pair", crate::val(RecordId::new("pair", pair_key.as_str()))),
        ],
    )
    .await
}
