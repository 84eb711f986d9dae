//! Pairs at risk: the facts HR's list is judged on (`domain::risk::assess`), and what HR does
//! about a pair — pause it, resume it, end it with a reason, or end it so its people are paired
//! again on the board.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult};

fn err(e: surrealdb::Error) -> DbError {
    DbError::from_surreal(e)
}

/// What the database knows about one pair, for the risk check.
#[derive(Debug, Clone, SurrealValue)]
pub struct PairRow {
    /// The pair.
    pub id: RecordId,
    /// Its program.
    pub program: RecordId,
    /// `published`, `active` or `paused`.
    pub status: String,
    /// Mentor's name.
    pub mentor_name: String,
    /// Mentee's name.
    pub mentee_name: String,
    /// When it was published.
    pub since: DateTime<Utc>,
    /// The program's cadence in days.
    pub cadence_days: i64,
    /// Start of the last held meeting.
    pub last_held: Option<DateTime<Utc>>,
    /// Ratings of the latest check-ins, newest first.
    pub ratings: Vec<i64>,
    /// Blocker flags of the latest check-ins, newest first.
    pub blockers: Vec<bool>,
    /// Rating and scale answers about the pair (the domain's JSON), from forms that are not
    /// anonymous only: a per-pair figure of anonymous answers would single out the person.
    pub feedback: Vec<String>,
    /// Feedback requests past due and unanswered.
    pub overdue: i64,
    /// Why it was paused, if it is.
    pub ended_reason: Option<String>,
}

/// The facts of every published, active or paused pair of the program at `now`.
pub async fn pairs(db: &Database, program_key: &str, now: DateTime<Utc>) -> DbResult<Vec<PairRow>> {
    pairs_of(db, &[program_key.to_owned()], now).await
}

/// The facts of every published, active or paused pair of the programs, in one query.
pub async fn pairs_of(db: &Database, program_keys: &[String], now: DateTime<Utc>) -> DbResult<Vec<PairRow>> {
    let programs: Vec<RecordId> = program_keys
        .iter()
        .map(|k| RecordId::new("program", k.as_str()))
        .collect();
    db.client()
        .query(
            concat!("SELECT id, program, status, mentor.name AS mentor_name, mentee.name AS mentee_name,
                 (published_at ?? created_at) AS since, program.cadence_days AS cadence_days,
                 (SELECT VALUE starts_at FROM meeting WHERE pair = $parent.id AND status = 'held'
                     ORDER BY starts_at DESC LIMIT 1)[0] AS last_held,
                 (SELECT VALUE rating FROM checkin WHERE pair = $parent.id ORDER BY created_at DESC LIMIT 5) AS ratings,
                 (SELECT VALUE blocker FROM checkin WHERE pair = $parent.id ORDER BY created_at DESC LIMIT 4) AS blockers,
                 (SELECT VALUE value FROM feedback_answer WHERE request.pair = $parent.id AND form.anonymous = false
                     AND (string::contains(value, '\"rating\"') OR string::contains(value, '\"scale\"'))) AS feedback,
                 count(SELECT id FROM feedback_request WHERE pair = $parent.id AND answered_at = NONE AND due_at < $now) AS overdue,
                 ended_reason
             FROM pair WHERE program IN $programs AND status IN ", current_pair_statuses!(), "
             ORDER BY mentee_name"),
        )
        .bind(("programs", programs))
        .bind(("now", now))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)
}

/// The program key of a pair, for the ownership check.
pub async fn program_of(db: &Database, pair_key: &str) -> DbResult<Option<String>> {
    let program: Option<RecordId> = db
        .client()
        .query("RETURN (SELECT VALUE program FROM ONLY $pair)")
        .bind(("pair", RecordId::new("pair", pair_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)?;
    Ok(program.as_ref().map(crate::key_of))
}

/// What HR does to a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairAction {
    /// Stop for now: the workspace becomes read-only.
    Pause,
    /// Go on after a pause.
    Resume,
    /// End for good, with a reason.
    End,
    /// End, so both people are paired again on the board.
    Rematch,
}

/// Applies `action` with `reason` and tells both people (in-app and by email). Answers the new
/// status, or `None` when the pair is not in a state the action applies to. A pair already in
/// the status the action leads to answers that status and nobody is told again.
pub async fn act(
    db: &Database,
    pair_key: &str,
    action: PairAction,
    reason: &str,
    base_url: &str,
) -> DbResult<Option<domain::PairStatus>> {
    use domain::PairStatus;
    let (from, to, kind): (&[PairStatus], PairStatus, &str) = match action {
        PairAction::Pause => (&PairStatus::WRITABLE, PairStatus::Paused, "pair_paused"),
        PairAction::Resume => (&[PairStatus::Paused], PairStatus::Active, "pair_resumed"),
        PairAction::End => (&PairStatus::CURRENT, PairStatus::Ended, "pair_ended"),
        PairAction::Rematch => (&PairStatus::CURRENT, PairStatus::Ended, "pair_rematch"),
    };
    db.write(
        concat!("BEGIN TRANSACTION;
             LET $done = (UPDATE $pair SET status = $to, ended_reason = $reason WHERE status IN $from RETURN mentor, mentee);
             IF $done[0] != NONE {
                 LET $params = { reason: $reason };
                 LET $link = '/pair';
                 FOR $person IN [$done[0].mentor, $done[0].mentee] {
                     LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $person);
                     ", tell_person!(), "
                 };
             };
             -- The same action again (two HR sessions at once, a replayed request) finds the pair
             -- where it was asked to go: the same answer, and no second message.
             RETURN IF $done[0] != NONE OR (SELECT VALUE status FROM ONLY $pair) = $to { $to } ELSE { NONE };
             COMMIT TRANSACTION;"),
        &[
            ("pair", crate::val(RecordId::new("pair", pair_key))),
            (
                "from",
                crate::val(from.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>()),
            ),
            ("to", crate::val(to.as_str().to_owned())),
            ("reason", crate::val((!reason.is_empty()).then(|| reason.to_owned()))),
            ("kind", crate::val(kind.to_owned())),
            ("base", crate::val(base_url.to_owned())),
        ],
    )
    .await
    .and_then(|status: Option<String>| status.as_deref().map(crate::pair_status).transpose())
}
