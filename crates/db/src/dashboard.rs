//! What the start page (`/`) shows each role, read in a few grouped queries: a participant's
//! pairs, next meeting, feedback due and enrolments; HR's programs with their people and pairs
//! counted per program in one query each (not one query per program per count).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, users};

fn err(e: surrealdb::Error) -> DbError {
    DbError::from_surreal(e)
}

/// One of the participant's pairs, from their side.
#[derive(Debug, Clone, SurrealValue)]
pub struct PairLine {
    /// The pair.
    pub id: RecordId,
    /// Its program.
    pub program_id: RecordId,
    /// Program name.
    pub program: String,
    /// Whether the participant is the mentor.
    pub i_mentor: bool,
    /// The other person's name.
    pub other_name: String,
    /// `published`, `active` or `paused`.
    pub status: String,
    /// Whether the participant has accepted the pair.
    pub i_accepted: bool,
}

/// The participant's next meeting.
#[derive(Debug, Clone, SurrealValue)]
pub struct MeetingLine {
    /// Its pair.
    pub pair: RecordId,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// `proposed` or `accepted`.
    pub status: String,
    /// The other person of the pair.
    pub with: String,
}

/// One of the participant's enrolments in a program that is open to them (enrolling, matching
/// or active).
#[derive(Debug, Clone, SurrealValue)]
pub struct EnrolmentLine {
    /// The program.
    pub program: RecordId,
    /// Program name.
    pub program_name: String,
    /// Program stage.
    pub program_status: String,
    /// Enrolled as mentor.
    pub as_mentor: bool,
    /// Enrolled as mentee.
    pub as_mentee: bool,
    /// Whether they accepted the program agreement.
    pub agreed: bool,
    /// Whether their profile names something to teach.
    pub teaches: bool,
    /// Whether their profile names something to learn.
    pub learns: bool,
}

/// Everything the participant's start page needs.
#[derive(Debug, Clone)]
pub struct ParticipantHome {
    /// Published, active and paused pairs, newest first.
    pub pairs: Vec<PairLine>,
    /// The soonest proposed or accepted meeting still to come.
    pub next_meeting: Option<MeetingLine>,
    /// Feedback requests not answered yet.
    pub feedback_due: i64,
    /// Enrolments in programs that are enrolling, matching or active.
    pub enrolments: Vec<EnrolmentLine>,
    /// Their time zone (Madrid's when no employee record is linked).
    pub time_zone: String,
}

/// The start page of the participant with `account_key`, as of `now`, in one round trip.
pub async fn participant(db: &Database, account_key: &str, now: DateTime<Utc>) -> DbResult<ParticipantHome> {
    let mut res = db
        .client()
        .query(
            concat!("LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $pairs = (SELECT id, program AS program_id, program.name AS program, mentor IN $me AS i_mentor,
                     (IF mentor IN $me THEN mentee.name ELSE mentor.name END) AS other_name, status,
                     (IF mentor IN $me THEN mentor_accepted_at ELSE mentee_accepted_at END) != NONE AS i_accepted
                 FROM pair WHERE (mentor IN $me OR mentee IN $me)
                     AND status IN ", current_pair_statuses!(), "
                 ORDER BY published_at DESC);
             RETURN $pairs;
             SELECT pair, starts_at, status,
                     (IF pair.mentor IN $me THEN pair.mentee.name ELSE pair.mentor.name END) AS with
                 FROM meeting WHERE pair IN $pairs.id AND status IN ['proposed', 'accepted']
                     AND starts_at > $now
                 ORDER BY starts_at LIMIT 1;
             RETURN count(SELECT id FROM feedback_request WHERE respondent IN $me AND answered_at = NONE);
             SELECT out AS program, out.name AS program_name, out.status AS program_status,
                     as_mentor, as_mentee, agreement_accepted_at != NONE AS agreed,
                     array::len(in.can_teach) > 0 AS teaches, array::len(in.wants_to_learn) > 0 AS learns
                 FROM enrolled WHERE in IN $me AND status = 'active'
                     AND out.status IN ['enrolling', 'matching', 'active']
                 ORDER BY program_name;
             RETURN (SELECT VALUE time_zone FROM employee WHERE account = $account LIMIT 1)[0];"),
        )
        .bind(("account", RecordId::new(users::TABLE, account_key)))
        .bind(("now", now))
        .await
        .map_err(err)?;
    let pairs: Vec<PairLine> = res.take(2).map_err(err)?;
    let meetings: Vec<MeetingLine> = res.take(3).map_err(err)?;
    let feedback_due: Option<i64> = res.take(4).map_err(err)?;
    let enrolments: Vec<EnrolmentLine> = res.take(5).map_err(err)?;
    let time_zone: Option<String> = res.take(6).map_err(err)?;
    Ok(ParticipantHome {
        pairs,
        next_meeting: meetings.into_iter().next(),
        feedback_due: feedback_due.unwrap_or(0),
        enrolments,
        time_zone: time_zone.unwrap_or_else(|| "Europe/Madrid".to_owned()),
    })
}

/// A program with its people and pairs counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgramCounts {
    /// Program key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Lifecycle stage name.
    pub status: String,
    /// People actively enrolled.
    pub enrolled: i64,
    /// Of them, enrolled as mentors (people enrolled as both count on both sides).
    pub mentors: i64,
    /// Enrolled as mentees.
    pub mentees: i64,
    /// Pairs published and waiting for both people to accept.
    pub published: i64,
    /// Pairs working (both accepted).
    pub active: i64,
    /// Pairs paused by HR.
    pub paused: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct ProgramLine {
    id: RecordId,
    name: String,
    status: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct EnrolledCount {
    program: RecordId,
    enrolled: i64,
    mentors: i64,
    mentees: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct PairCount {
    program: RecordId,
    published: i64,
    active: i64,
    paused: i64,
}

/// The programs owned by `owner_key` (every program when `None`), newest first, each with its
/// enrolment and pair counts: three queries in one round trip, grouped by program.
pub async fn programs(db: &Database, owner_key: Option<&str>) -> DbResult<Vec<ProgramCounts>> {
    let mut res = db
        .client()
        .query(
            "LET $programs = (SELECT id, name, status, created_at FROM program
                 WHERE $owner = NONE OR owner = $owner ORDER BY created_at DESC);
             RETURN $programs;
             SELECT out AS program, count() AS enrolled, count(as_mentor = true) AS mentors,
                     count(as_mentee = true) AS mentees
                 FROM enrolled WHERE out IN $programs.id AND status = 'active' GROUP BY program;
             SELECT program, count(status = 'published') AS published, count(status = 'active') AS active,
                     count(status = 'paused') AS paused
                 FROM pair WHERE program IN $programs.id GROUP BY program;",
        )
        .bind(("owner", owner_key.map(|k| RecordId::new(users::TABLE, k))))
        .await
        .map_err(err)?;
    let programs: Vec<ProgramLine> = res.take(1).map_err(err)?;
    let enrolled: Vec<EnrolledCount> = res.take(2).map_err(err)?;
    let pairs: Vec<PairCount> = res.take(3).map_err(err)?;
    Ok(programs
        .into_iter()
        .map(|p| {
            let e = enrolled.iter().find(|e| e.program == p.id);
            let c = pairs.iter().find(|c| c.program == p.id);
            ProgramCounts {
                key: crate::key_of(&p.id),
                name: p.name,
                status: p.status,
                enrolled: e.map_or(0, |e| e.enrolled),
                mentors: e.map_or(0, |e| e.mentors),
                mentees: e.map_or(0, |e| e.mentees),
                published: c.map_or(0, |c| c.published),
                active: c.map_or(0, |c| c.active),
                paused: c.map_or(0, |c| c.paused),
            }
        })
        .collect())
}
