//! Meetings of a pair, and the private calendar feed that lists them.
//!
//! Like goals, meetings belong to the two people of a pair and nobody else: every function starts
//! from the caller's account and checks membership in the same query as the read or write, so a
//! meeting key from outside the pair behaves exactly like one that does not exist. The rules of a
//! meeting's life are in `domain::meeting`; a change is written only if the meeting is still as
//! it was read (same status and sequence), so two people clicking at once cannot both win.

use chrono::{DateTime, Utc};
use domain::meeting::{MeetingChange, MeetingRuleError, MeetingStatus, ValidMeeting, next_status};
use surrealdb::types::{RecordId, SurrealValue};

use crate::goals::Outcome;
use crate::{AccountKey, Database, DbError, DbResult, MeetingKey, PairKey, new_key, users, val};

/// Table of meetings.
pub const TABLE: &str = "meeting";

/// A meeting as the pair's workspace and calendars show it.
#[derive(Debug, Clone, SurrealValue)]
pub struct MeetingRow {
    /// Record id.
    pub id: RecordId,
    /// The pair.
    pub pair: RecordId,
    /// `proposed`, `accepted`, `cancelled`, `held` or `missed`.
    pub status: String,
    /// Start instant.
    pub starts_at: DateTime<Utc>,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// The time zone it was proposed in.
    pub time_zone: String,
    /// Where.
    pub place: Option<String>,
    /// Video call link.
    pub video_url: Option<String>,
    /// Shared notes.
    pub notes: String,
    /// Bumped on every change of time or status (iCalendar `SEQUENCE`).
    pub sequence: i64,
    /// Whether the caller proposed the current time.
    pub proposed_by_me: bool,
    /// Who proposed the current time.
    pub proposer_name: String,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Program name.
    pub program: String,
    /// Mentor's name.
    pub mentor_name: String,
    /// Mentee's name.
    pub mentee_name: String,
    /// Whether the caller is the pair's mentor.
    pub i_mentor: bool,
}

/// The projection every meeting query shares, as a literal so that the queries are whole
/// `concat!` literals (values are bound with `.bind`).
macro_rules! meeting_fields {
    () => {
        "id, pair, status, starts_at, duration_minutes, time_zone, place, video_url,
    notes, sequence, proposed_by = $account AS proposed_by_me, proposed_by.name AS proposer_name,
    updated_at, pair.program.name AS program, pair.mentor.name AS mentor_name,
    pair.mentee.name AS mentee_name, pair.mentor.account = $account AS i_mentor"
    };
}

fn account(account_key: &str) -> RecordId {
    RecordId::new(users::TABLE, account_key)
}

fn err(e: surrealdb::Error) -> DbError {
    DbError::from_surreal(e)
}

/// The meetings of a pair the caller belongs to, soonest first; `None` when they are not one of
/// its two people (or the pair is still a draft).
pub async fn for_pair(
    db: &Database,
    account_key: &AccountKey,
    pair_key: &PairKey,
) -> DbResult<Option<Vec<MeetingRow>>> {
    let mut res = db
        .client()
        .query(concat!(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $ok = (SELECT VALUE id FROM ONLY $pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
             RETURN $ok != NONE;
             SELECT ",
            meeting_fields!(),
            " FROM meeting WHERE pair = $pair AND $ok != NONE ORDER BY starts_at;"
        ))
        .bind(("account", account(account_key.as_str())))
        .bind(("pair", RecordId::new("pair", pair_key.as_str())))
        .await
        .map_err(err)?;
    let member: Option<bool> = res.take(2).map_err(err)?;
    if member != Some(true) {
        return Ok(None);
    }
    Ok(Some(res.take(3).map_err(err)?))
}

/// One meeting, if the caller is in its pair.
pub async fn get(
    db: &Database,
    account_key: &AccountKey,
    meeting_key: &MeetingKey,
) -> DbResult<Option<MeetingRow>> {
    let mut res = db
        .client()
        .query(concat!(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             SELECT ",
            meeting_fields!(),
            " FROM ONLY $meeting WHERE pair.mentor IN $me OR pair.mentee IN $me;"
        ))
        .bind(("account", account(account_key.as_str())))
        .bind(("meeting", RecordId::new(TABLE, meeting_key.as_str())))
        .await
        .map_err(err)?;
    res.take(1).map_err(err)
}

/// Every meeting still worth having in a calendar (not cancelled ones older than a month) of
/// every pair the account belongs to; for the calendar feed.
pub async fn for_feed(db: &Database, account_key: &str) -> DbResult<Vec<MeetingRow>> {
    let mut res = db
        .client()
        .query(concat!(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $pairs = (SELECT VALUE id FROM pair WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
             SELECT ",
            meeting_fields!(),
            " FROM meeting WHERE pair IN $pairs
                 AND starts_at > time::now() - 400d ORDER BY starts_at;"
        ))
        .bind(("account", account(account_key)))
        .await
        .map_err(err)?;
    res.take(2).map_err(err)
}

/// Tells the other person of the meeting's pair (a notification and an email) the notice
/// `$kind`, naming the person who acted. Expects `$me` (the actor's employee records),
/// `$pair_id`, `$kind` and `$base`.
const NOTIFY_OTHER: &str = concat!(
    "
    LET $pp = (SELECT mentor, mentee FROM ONLY $pair_id);
    LET $other = IF $pp.mentor IN $me { $pp.mentee } ELSE { $pp.mentor };
    LET $self_name = (SELECT VALUE name FROM ONLY (IF $pp.mentor IN $me { $pp.mentor } ELSE { $pp.mentee }));
    LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $other);
    LET $params = { name: $self_name };
    LET $link = '/pair/' + record::id($pair_id);
    ",
    tell_person!()
);

/// Proposes a meeting in the pair at `starts_at` (the instant of `m`'s local time in its zone).
/// The other person is notified.
pub async fn propose(
    db: &Database,
    account_key: &AccountKey,
    pair_key: &PairKey,
    starts_at: DateTime<Utc>,
    m: &ValidMeeting,
    base_url: &str,
) -> DbResult<Outcome> {
    let key = new_key();
    // Only the NOTIFY_OTHER constant is spliced into the text; every value is bound.
    let text = format!(
        concat!("BEGIN TRANSACTION;
         LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
         LET $p = (SELECT status FROM ONLY $pair_id WHERE (mentor IN $me OR mentee IN $me) AND status != 'draft');
         LET $answer = IF $p = NONE {{ 'not_found' }}
             ELSE IF $p.status NOT IN ", writable_pair_statuses!(), " {{ 'locked' }}
             ELSE {{
                 CREATE type::record('meeting', $key) SET pair = $pair_id, proposed_by = $account,
                     starts_at = $starts_at, duration_minutes = $minutes, time_zone = $zone,
                     place = $place, video_url = $video, status = 'proposed';
                 {NOTIFY_OTHER}
                 'done'
             }};
         RETURN $answer;
         COMMIT TRANSACTION;"),
        NOTIFY_OTHER = NOTIFY_OTHER
    );
    let response = db
        .write(
            &text,
            &[
                ("account", crate::val(account(account_key.as_str()))),
                ("pair_id", crate::val(RecordId::new("pair", pair_key.as_str()))),
                ("key", crate::val(key.clone())),
                ("starts_at", crate::val(starts_at)),
                ("minutes", crate::val(i64::from(m.minutes))),
                ("zone", crate::val(m.time_zone.clone())),
                ("place", crate::val(m.place.clone())),
                ("video", crate::val(m.video_url.clone())),
                ("kind", crate::val("meeting_proposed")),
                ("base", crate::val(base_url.to_owned())),
            ],
        )
        .await;
    let answer: Option<String> = response?;
    Ok(Outcome::from_answer(&answer.unwrap_or_default(), key))
}

/// What became of a change to a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeOutcome {
    /// Written; the meeting's new status.
    Done(MeetingStatus),
    /// No such meeting for this caller.
    NotFound,
    /// The pair is paused or ended.
    Locked,
    /// The rules of a meeting's life refuse it.
    Refused(MeetingRuleError),
    /// Someone changed the meeting meanwhile; read it again.
    Stale,
}

#[derive(Debug, SurrealValue)]
struct Facts {
    status: String,
    sequence: i64,
    proposed_by_me: bool,
    starts_at: DateTime<Utc>,
    pair_status: String,
}

/// The status a change leaves the meeting in, when it is always the same one (not for a
/// reschedule, which leaves it proposed at a new time).
fn settled_by(change: MeetingChange) -> Option<MeetingStatus> {
    match change {
        MeetingChange::Accept => Some(MeetingStatus::Accepted),
        MeetingChange::Cancel => Some(MeetingStatus::Cancelled),
        MeetingChange::Held => Some(MeetingStatus::Held),
        MeetingChange::Missed => Some(MeetingStatus::Missed),
        MeetingChange::Reschedule => None,
    }
}

/// What a change of a meeting depends on, as the caller sees it; `None` when the meeting is not
/// one of the caller's pairs'.
async fn facts_of(db: &Database, account_key: &AccountKey, meeting: &RecordId) -> DbResult<Option<Facts>> {
    db.client()
        .query(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             SELECT status, sequence, proposed_by = $account AS proposed_by_me, starts_at,
                 pair.status AS pair_status
             FROM ONLY $meeting WHERE pair.mentor IN $me OR pair.mentee IN $me;",
        )
        .bind(("account", account(account_key.as_str())))
        .bind(("meeting", meeting.clone()))
        .await
        .and_then(|mut r| r.take(1))
        .map_err(err)
}

/// Applies `change` to a meeting as the caller at `now`. A reschedule needs `new_time` (the new
/// instant and proposal) and makes the caller the proposer. Accepting, rescheduling and
/// cancelling notify the other person.
pub async fn change(
    db: &Database,
    account_key: &AccountKey,
    meeting_key: &MeetingKey,
    change: MeetingChange,
    new_time: Option<(DateTime<Utc>, &ValidMeeting)>,
    now: DateTime<Utc>,
    base_url: &str,
) -> DbResult<ChangeOutcome> {
    let meeting = RecordId::new(TABLE, meeting_key.as_str());
    let facts = facts_of(db, account_key, &meeting).await?;
    let Some(facts) = facts else {
        return Ok(ChangeOutcome::NotFound);
    };
    if !matches!(facts.pair_status.as_str(), "published" | "active") {
        return Ok(ChangeOutcome::Locked);
    }
    let current = MeetingStatus::parse(&facts.status).unwrap_or(MeetingStatus::Cancelled);
    let next = match next_status(current, change, facts.proposed_by_me, facts.starts_at <= now) {
        Ok(s) => s,
        // The same change made a moment ago (two sessions, a replayed request): the meeting is
        // already where it was asked to go, which is the answer the repeat should get.
        Err(_) if Some(current) == settled_by(change) => return Ok(ChangeOutcome::Done(current)),
        Err(e) => return Ok(ChangeOutcome::Refused(e)),
    };
    let (set, notify) = match change {
        MeetingChange::Accept => ("", Some("meeting_accepted")),
        MeetingChange::Cancel => ("", Some("meeting_cancelled")),
        MeetingChange::Reschedule => (
            ", starts_at = $starts_at, duration_minutes = $minutes, time_zone = $zone, place = $place,
               video_url = $video, proposed_by = $account, reminded_at = NONE",
            Some("meeting_rescheduled"),
        ),
        MeetingChange::Held | MeetingChange::Missed => ("", None),
    };
    let notify_sql = if notify.is_some() { NOTIFY_OTHER } else { "" };
    // Only string literals are spliced (`set` from the match above, NOTIFY_OTHER); every value is
    // bound.
    let text = format!(
        "BEGIN TRANSACTION;
         LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
         LET $done = (UPDATE $meeting SET status = $next, sequence += 1, updated_at = time::now(){set}
             WHERE status = $old AND sequence = $seq RETURN VALUE pair);
         LET $pair_id = $done[0];
         IF $pair_id != NONE {{ {notify_sql} }};
         RETURN $pair_id != NONE;
         COMMIT TRANSACTION;"
    );
    let kind = notify.unwrap_or("");
    let mut binds = vec![
        ("account", val(account(account_key.as_str()))),
        ("meeting", val(meeting.clone())),
        ("next", val(next.as_str())),
        ("old", val(facts.status.clone())),
        ("seq", val(facts.sequence)),
        ("kind", val(kind)),
        ("base", val(base_url.to_owned())),
    ];
    if let Some((starts_at, m)) = new_time {
        binds.extend([
            ("starts_at", val(starts_at)),
            ("minutes", val(i64::from(m.minutes))),
            ("zone", val(m.time_zone.clone())),
            ("place", val(m.place.clone())),
            ("video", val(m.video_url.clone())),
        ]);
    } else if change == MeetingChange::Reschedule {
        return Ok(ChangeOutcome::Refused(MeetingRuleError::WrongState));
    }
    let written: Option<bool> = db.write(&text, &binds).await?;
    if written == Some(true) {
        return Ok(ChangeOutcome::Done(next));
    }
    // Someone changed the meeting between the read and the write. The same change made twice
    // (two sessions, a replayed request) finds the meeting already where it was asked to go:
    // that is the answer the repeat would have got one moment earlier.
    let now_status = facts_of(db, account_key, &meeting).await?.map(|f| f.status);
    Ok(match now_status {
        Some(s) if s == next.as_str() && change != MeetingChange::Reschedule => ChangeOutcome::Done(next),
        _ => ChangeOutcome::Stale,
    })
}

/// Replaces a meeting's shared notes; either person may, unless the pair is paused or ended.
pub async fn set_notes(
    db: &Database,
    account_key: &AccountKey,
    meeting_key: &MeetingKey,
    notes: &str,
) -> DbResult<Outcome> {
    let response = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
             LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $m = (SELECT pair.status AS pair_status FROM ONLY $meeting
                 WHERE pair.mentor IN $me OR pair.mentee IN $me);
             LET $answer = IF $m = NONE { 'not_found' }
                 ELSE IF $m.pair_status NOT IN ",
                writable_pair_statuses!(),
                " { 'locked' }
                 ELSE { UPDATE $meeting SET notes = $notes, updated_at = time::now(); 'done' };
             RETURN $answer;
             COMMIT TRANSACTION;"
            ),
            &[
                ("account", crate::val(account(account_key.as_str()))),
                ("meeting", crate::val(RecordId::new(TABLE, meeting_key.as_str()))),
                ("notes", crate::val(notes.to_owned())),
            ],
        )
        .await;
    let answer: Option<String> = response?;
    Ok(Outcome::from_answer(
        &answer.unwrap_or_default(),
        meeting_key.as_str().to_owned(),
    ))
}

/// Table of calendar feed tokens.
pub const TOKEN_TABLE: &str = "calendar_token";

/// Makes `token_hash` the account's one calendar feed token; any earlier one stops working.
pub async fn replace_feed_token(db: &Database, account_key: &AccountKey, token_hash: &str) -> DbResult<()> {
    db.execute(
        "BEGIN TRANSACTION;
             UPDATE calendar_token SET revoked_at = time::now() WHERE user = $account AND revoked_at = NONE;
             CREATE calendar_token SET user = $account, token_hash = $hash;
             COMMIT TRANSACTION;",
        &[
            ("account", crate::val(account(account_key.as_str()))),
            ("hash", crate::val(token_hash.to_owned())),
        ],
    )
    .await?;
    Ok(())
}

/// Stops the account's calendar feed; answers whether there was one.
pub async fn revoke_feed_token(db: &Database, account_key: &str) -> DbResult<bool> {
    let revoked: Vec<RecordId> = db.write("UPDATE calendar_token SET revoked_at = time::now() WHERE user = $account AND revoked_at = NONE RETURN VALUE id", &[("account", crate::val(account(account_key)))]).await?;
    Ok(!revoked.is_empty())
}

/// When the account's live calendar feed was made, if it has one.
pub async fn feed_created(db: &Database, account_key: &str) -> DbResult<Option<DateTime<Utc>>> {
    let created: Option<DateTime<Utc>> = db
        .client()
        .query(
            "RETURN (SELECT VALUE created_at FROM calendar_token WHERE user = $account AND revoked_at = NONE
                 ORDER BY created_at DESC LIMIT 1)[0]",
        )
        .bind(("account", account(account_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)?;
    Ok(created)
}

/// The account key of a live (not revoked, account not disabled) feed token's hash.
pub async fn feed_owner(db: &Database, token_hash: &str) -> DbResult<Option<String>> {
    let owner: Option<RecordId> = db
        .client()
        .query(
            "RETURN (SELECT VALUE user FROM calendar_token WHERE token_hash = $hash AND revoked_at = NONE
                 AND user.disabled != true LIMIT 1)[0]",
        )
        .bind(("hash", token_hash.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)?;
    Ok(owner.as_ref().map(crate::key_of))
}
