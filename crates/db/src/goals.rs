//! A pair's workspace: both people, the program agreement, and the goals each side sets, with
//! milestones and comments.
//!
//! Only the two people of a published (or later) pair see or change any of it. Every query starts
//! from the caller's account and checks membership in the same transaction as the read or write,
//! so a goal key guessed from outside the pair behaves exactly like one that does not exist.
//!
//! Who may do what inside the pair: goals are shared, so **either** member may change any goal's
//! status and progress, tick its milestones, add milestones and comment on it; only the goal's
//! **owner** may change its title and description or delete it. Writes are allowed while the pair
//! is `published` or `active`; a `paused` or `ended` pair is read-only.

use chrono::{DateTime, Utc};
use domain::goal::{GoalProgress, NewGoal};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{AccountKey, Database, DbError, DbResult, GoalKey, MilestoneKey, PairKey, new_key, users};

/// Table of goals.
pub const TABLE: &str = "goal";
/// Table of milestones.
pub const MILESTONE_TABLE: &str = "milestone";

/// The pair as its workspace shows it.
#[derive(Debug, Clone, SurrealValue)]
pub struct PairHeader {
    /// The pair's record id.
    pub id: RecordId,
    /// `published`, `active`, `paused` or `ended`.
    pub status: String,
    /// Program name.
    pub program: String,
    /// What the program expects of the mentor (their half of the agreement).
    pub mentor_expectations: String,
    /// What the program expects of the mentee.
    pub mentee_expectations: String,
    /// Whether the caller is the mentor of this pair.
    pub i_mentor: bool,
    /// Mentor's name.
    pub mentor_name: String,
    /// Mentor's email.
    pub mentor_email: String,
    /// Mentee's name.
    pub mentee_name: String,
    /// Mentee's email.
    pub mentee_email: String,
    /// Whether the mentor has accepted the pair.
    pub mentor_accepted: bool,
    /// Whether the mentee has accepted the pair.
    pub mentee_accepted: bool,
    /// Mentor's time zone.
    pub mentor_tz: String,
    /// Mentee's time zone.
    pub mentee_tz: String,
    /// Whether the caller has accepted the program agreement.
    pub i_agreed: bool,
}

/// A stored goal.
#[derive(Debug, Clone, SurrealValue)]
pub struct GoalRow {
    /// Record id.
    pub id: RecordId,
    /// `mentee_learns` or `mentor_learns`.
    pub direction: String,
    /// Owner's name.
    pub owner_name: String,
    /// Whether the caller owns the goal.
    pub mine: bool,
    /// Title.
    pub title: String,
    /// Description (may be empty).
    pub description: String,
    /// `open`, `achieved` or `dropped`.
    pub status: String,
    /// Progress, 0–100.
    pub progress: i64,
}

/// A stored milestone.
#[derive(Debug, Clone, SurrealValue)]
pub struct MilestoneRow {
    /// Record id.
    pub id: RecordId,
    /// The goal it belongs to.
    pub goal: RecordId,
    /// Title.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
}

/// A stored comment on a goal.
#[derive(Debug, Clone, SurrealValue)]
pub struct CommentRow {
    /// Record id.
    pub id: RecordId,
    /// The goal it belongs to.
    pub goal: RecordId,
    /// Author's display name.
    pub author_name: String,
    /// Text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// Everything the workspace page shows.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The pair, its people and agreement.
    pub pair: PairHeader,
    /// Goals, oldest first.
    pub goals: Vec<GoalRow>,
    /// Milestones of those goals, oldest first.
    pub milestones: Vec<MilestoneRow>,
    /// Comments on those goals, oldest first.
    pub comments: Vec<CommentRow>,
}

/// What became of a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written; carries the key of the record written.
    Done(String),
    /// No such pair, goal or milestone for this caller (or not a member: the same answer).
    NotFound,
    /// A member, but only the goal's owner may do this.
    NotOwner,
    /// The pair is paused or ended, so its workspace is read-only.
    Locked,
}

impl Outcome {
    pub(crate) fn from_answer(answer: &str, key: String) -> Outcome {
        match answer {
            "done" => Outcome::Done(key),
            "not_owner" => Outcome::NotOwner,
            "locked" => Outcome::Locked,
            _ => Outcome::NotFound,
        }
    }
}

fn account(account_key: &AccountKey) -> RecordId {
    RecordId::new(users::TABLE, account_key.as_str())
}

/// The workspace of `pair_key` as the user with `account_key` sees it, or `None` when they are not
/// one of its two people or the pair is still a draft.
pub async fn workspace(
    db: &Database,
    account_key: &AccountKey,
    pair_key: &PairKey,
) -> DbResult<Option<Workspace>> {
    let pair = RecordId::new("pair", pair_key.as_str());
    let mut res = db
        .client()
        .query(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             SELECT id, status, program.name AS program,
                 program.mentor_expectations AS mentor_expectations,
                 program.mentee_expectations AS mentee_expectations,
                 mentor IN $me AS i_mentor,
                 mentor.name AS mentor_name, mentor.email AS mentor_email,
                 mentee.name AS mentee_name, mentee.email AS mentee_email,
                 mentor_accepted_at != NONE AS mentor_accepted,
                 mentee_accepted_at != NONE AS mentee_accepted,
                 mentor.time_zone AS mentor_tz, mentee.time_zone AS mentee_tz,
                 (SELECT VALUE agreement_accepted_at FROM enrolled WHERE in IN $me AND out = $parent.program)[0] != NONE AS i_agreed
             FROM ONLY $pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft';",
        )
        .bind(("account", account(account_key)))
        .bind(("pair", pair.clone()))
        .await
        .map_err(DbError::from_surreal)?;
    let header: Option<PairHeader> = res.take(1).map_err(DbError::from_surreal)?;
    let Some(header) = header else {
        return Ok(None);
    };
    let mut res = db
        .client()
        .query(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $goals = (SELECT VALUE id FROM goal WHERE pair = $pair);
             SELECT id, direction, owner.name AS owner_name, owner IN $me AS mine, title, description,
                 status, progress, created_at FROM goal WHERE pair = $pair ORDER BY created_at;
             SELECT id, goal, title, done, created_at FROM milestone WHERE goal IN $goals
                 ORDER BY created_at;
             SELECT id, goal, author.name AS author_name, body, created_at FROM goal_comment
                 WHERE goal IN $goals ORDER BY created_at;",
        )
        .bind(("account", account(account_key)))
        .bind(("pair", pair))
        .await
        .map_err(DbError::from_surreal)?;
    Ok(Some(Workspace {
        pair: header,
        goals: res.take(2).map_err(DbError::from_surreal)?,
        milestones: res.take(3).map_err(DbError::from_surreal)?,
        comments: res.take(4).map_err(DbError::from_surreal)?,
    }))
}

/// Runs a write guarded by membership. `sql` sees `$me` (the caller's employees), `$account` and
/// the bound values, and must end by setting `$answer` to `done`, `not_found`, `not_owner` or
/// `locked`.
async fn guarded(
    db: &Database,
    account_key: &AccountKey,
    sql: &str,
    binds: Vec<(&'static str, surrealdb::types::Value)>,
) -> DbResult<String> {
    let text = format!(
        "BEGIN TRANSACTION;
         LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
         {sql}
         RETURN $answer;
         COMMIT TRANSACTION;"
    );
    let mut binds = binds;
    binds.push(("account", crate::val(account(account_key))));
    let answer: Option<String> = db.write(&text, &binds).await?;
    Ok(answer.unwrap_or_default())
}

/// The goal `$goal` if the caller is in its pair, with the pair's status and whether they own it.
const GOAL_OF_MEMBER: &str =
    "LET $g = (SELECT owner IN $me AS mine, pair.status AS pair_status FROM ONLY $goal
         WHERE pair.mentor IN $me OR pair.mentee IN $me);";

/// The pair's writability as an answer for a goal found with [`GOAL_OF_MEMBER`].
const GOAL_GATE: &str = concat!(
    "IF $g = NONE { 'not_found' }
         ELSE IF $g.pair_status NOT IN ",
    writable_pair_statuses!(),
    " { 'locked' }"
);

fn value(v: impl SurrealValue) -> surrealdb::types::Value {
    v.into_value()
}

/// Creates a goal in the pair for the caller: they own it, and its direction follows their side
/// (a mentee's goal is what the mentee learns, a mentor's what the mentor learns).
pub async fn create(
    db: &Database,
    account_key: &AccountKey,
    pair_key: &PairKey,
    goal: &NewGoal,
) -> DbResult<Outcome> {
    let key = new_key();
    let answer = guarded(
        db,
        account_key,
        concat!(
            "LET $p = (SELECT mentor, mentee, status FROM ONLY $pair
             WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
         LET $answer = IF $p = NONE { 'not_found' }
             ELSE IF $p.status NOT IN ",
            writable_pair_statuses!(),
            " { 'locked' }
             ELSE {
                 LET $as_mentor = $p.mentor IN $me;
                 CREATE type::record('goal', $key) SET pair = $pair,
                     owner = IF $as_mentor { $p.mentor } ELSE { $p.mentee },
                     direction = IF $as_mentor { 'mentor_learns' } ELSE { 'mentee_learns' },
                     title = $title, description = $description;
                 'done'
             };"
        ),
        vec![
            ("pair", value(RecordId::new("pair", pair_key.as_str()))),
            ("key", value(key.clone())),
            ("title", value(goal.title.clone())),
            ("description", value(goal.description.clone())),
        ],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, key))
}

/// Sets a goal's status and progress; either member of the pair may.
pub async fn set_progress(
    db: &Database,
    account_key: &AccountKey,
    goal_key: &GoalKey,
    change: GoalProgress,
) -> DbResult<Outcome> {
    let answer = guarded(
        db,
        account_key,
        &format!(
            "{GOAL_OF_MEMBER}
             LET $answer = {GOAL_GATE} ELSE {{
                 UPDATE $goal SET status = $status, progress = $progress;
                 'done'
             }};"
        ),
        vec![
            ("goal", value(RecordId::new(TABLE, goal_key.as_str()))),
            ("status", value(change.status.as_str().to_owned())),
            ("progress", value(i64::from(change.progress))),
        ],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, goal_key.as_str().to_owned()))
}

/// Changes a goal's title and description; only its owner may.
pub async fn edit(
    db: &Database,
    account_key: &AccountKey,
    goal_key: &GoalKey,
    goal: &NewGoal,
) -> DbResult<Outcome> {
    let answer = guarded(
        db,
        account_key,
        &format!(
            "{GOAL_OF_MEMBER}
             LET $answer = {GOAL_GATE}
                 ELSE IF !$g.mine {{ 'not_owner' }}
                 ELSE {{
                     UPDATE $goal SET title = $title, description = $description;
                     'done'
                 }};"
        ),
        vec![
            ("goal", value(RecordId::new(TABLE, goal_key.as_str()))),
            ("title", value(goal.title.clone())),
            ("description", value(goal.description.clone())),
        ],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, goal_key.as_str().to_owned()))
}

/// Deletes a goal with its milestones and comments; only its owner may.
pub async fn delete(db: &Database, account_key: &AccountKey, goal_key: &GoalKey) -> DbResult<Outcome> {
    let answer = guarded(
        db,
        account_key,
        &format!(
            "{GOAL_OF_MEMBER}
             LET $answer = {GOAL_GATE}
                 ELSE IF !$g.mine {{ 'not_owner' }}
                 ELSE {{
                     DELETE milestone WHERE goal = $goal;
                     DELETE goal_comment WHERE goal = $goal;
                     DELETE $goal;
                     'done'
                 }};"
        ),
        vec![("goal", value(RecordId::new(TABLE, goal_key.as_str())))],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, goal_key.as_str().to_owned()))
}

/// Adds a milestone (already validated title) to a goal; either member may.
pub async fn add_milestone(
    db: &Database,
    account_key: &AccountKey,
    goal_key: &GoalKey,
    title: &str,
) -> DbResult<Outcome> {
    let key = new_key();
    let answer = guarded(
        db,
        account_key,
        &format!(
            "{GOAL_OF_MEMBER}
             LET $answer = {GOAL_GATE} ELSE {{
                 CREATE type::record('milestone', $key) SET goal = $goal, title = $title;
                 'done'
             }};"
        ),
        vec![
            ("goal", value(RecordId::new(TABLE, goal_key.as_str()))),
            ("key", value(key.clone())),
            ("title", value(title.to_owned())),
        ],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, key))
}

/// Marks a milestone done or not done; either member may. Setting (rather than flipping) keeps a
/// form sent twice harmless.
pub async fn set_milestone(
    db: &Database,
    account_key: &AccountKey,
    milestone_key: &MilestoneKey,
    done: bool,
) -> DbResult<Outcome> {
    let answer = guarded(
        db,
        account_key,
        concat!(
            "LET $goal = (SELECT VALUE goal FROM ONLY $milestone);
         LET $g = IF $goal = NONE { NONE } ELSE {
             (SELECT owner IN $me AS mine, pair.status AS pair_status FROM ONLY $goal
                 WHERE pair.mentor IN $me OR pair.mentee IN $me)
         };
         LET $answer = IF $g = NONE { 'not_found' }
             ELSE IF $g.pair_status NOT IN ",
            writable_pair_statuses!(),
            " { 'locked' }
             ELSE {
                 UPDATE $milestone SET done = $done;
                 'done'
             };"
        ),
        vec![
            (
                "milestone",
                value(RecordId::new(MILESTONE_TABLE, milestone_key.as_str())),
            ),
            ("done", value(done)),
        ],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, milestone_key.as_str().to_owned()))
}

/// Adds a comment (already validated) to a goal, written by the caller; either member may.
pub async fn add_comment(
    db: &Database,
    account_key: &AccountKey,
    goal_key: &GoalKey,
    body: &str,
) -> DbResult<Outcome> {
    let key = new_key();
    let answer = guarded(
        db,
        account_key,
        &format!(
            "{GOAL_OF_MEMBER}
             LET $answer = {GOAL_GATE} ELSE {{
                 CREATE type::record('goal_comment', $key) SET goal = $goal, author = $account, body = $body;
                 'done'
             }};"
        ),
        vec![
            ("goal", value(RecordId::new(TABLE, goal_key.as_str()))),
            ("key", value(key.clone())),
            ("body", value(body.to_owned())),
        ],
    )
    .await?;
    Ok(Outcome::from_answer(&answer, key))
}

/// Records that the caller accepts the program agreement of the pair's program (once; accepting
/// again changes nothing). Answers whether the caller is one of the pair's people.
pub async fn accept_agreement(db: &Database, account_key: &AccountKey, pair_key: &PairKey) -> DbResult<bool> {
    let response = db.write("BEGIN TRANSACTION;
             LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $p = (SELECT program, mentor, mentee FROM ONLY $pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
             IF $p != NONE {
                 LET $who = IF $p.mentor IN $me { $p.mentor } ELSE { $p.mentee };
                 UPDATE enrolled SET agreement_accepted_at = agreement_accepted_at ?? time::now()
                     WHERE in = $who AND out = $p.program;
             };
             RETURN $p != NONE;
             COMMIT TRANSACTION;", &[("account", crate::val(account(account_key))), ("pair", crate::val(RecordId::new("pair", pair_key.as_str())))]).await;
    let member: Option<bool> = response?;
    Ok(member == Some(true))
}
