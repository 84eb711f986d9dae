//! Reminders: before an accepted meeting and a workshop a person holds a seat at, and when a
//! pair has gone longer than its program's cadence without meeting. Each is an in-app
//! notification plus an email (the outbox when no SMTP server is configured), in each person's
//! language, sent once: a meeting or a seat is reminded once (moving it re-arms the reminder), a
//! quiet pair once per cadence period.
//!
//! `send_due` takes the time as an argument, so tests can move the clock.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbResult};

/// How long before an accepted meeting its reminder goes out.
pub const BEFORE_MEETING_HOURS: i64 = 24;

/// What one pass sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    /// Meetings reminded (each to both people).
    pub meetings: usize,
    /// Quiet pairs nudged (each to both people).
    pub quiet_pairs: usize,
    /// Unanswered feedback requests reminded before their due date.
    pub feedback: usize,
    /// Workshop seats reminded the day before (one person each).
    pub workshops: usize,
}

/// How long before a feedback request's due date its reminder goes out.
pub const BEFORE_FEEDBACK_DUE_HOURS: i64 = 48;

#[derive(Debug, SurrealValue)]
struct PairFacts {
    id: RecordId,
    cadence_days: i64,
    since: DateTime<Utc>,
    last_held: Option<DateTime<Utc>>,
    upcoming: i64,
    cadence_reminded_at: Option<DateTime<Utc>>,
}

/// Spliced (a constant) into the reminder transactions below; values are bound.
///
/// Tells both people of `$pair_id` the notice `$kind`, naming the other person, with a link to
/// the pair. Expects `$pair_id`, `$kind` and `$base`.
const NOTIFY_BOTH: &str = concat!(
    "
    LET $pp = (SELECT mentor, mentee FROM ONLY $pair_id);
    LET $link = '/pair/' + record::id($pair_id);
    FOR $who IN [[$pp.mentor, $pp.mentee], [$pp.mentee, $pp.mentor]] {
        LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $who[0]);
        LET $params = { name: (SELECT VALUE name FROM ONLY $who[1]) };
        ",
    tell_person!(),
    "
    };
"
);

/// Sends every reminder due at `now`.
pub async fn send_due(db: &Database, now: DateTime<Utc>, base_url: &str) -> DbResult<Sent> {
    let mut sent = Sent::default();
    // Meetings: claim each one (set reminded_at) and notify in one transaction.
    let due: Vec<RecordId> = db
        .write(
            concat!(
                "SELECT VALUE id FROM meeting WHERE status = 'accepted' AND reminded_at = NONE
                 AND starts_at > $now AND starts_at <= $until AND pair.status IN ",
                writable_pair_statuses!(),
                ""
            ),
            &[
                ("now", crate::val(now)),
                ("until", crate::val(now + Duration::hours(BEFORE_MEETING_HOURS))),
            ],
        )
        .await?;
    for meeting in due {
        let text = format!(
            "BEGIN TRANSACTION;
             LET $claimed = (UPDATE $meeting SET reminded_at = $now WHERE reminded_at = NONE RETURN VALUE pair);
             LET $pair_id = $claimed[0];
             IF $pair_id != NONE {{ {NOTIFY_BOTH} }};
             RETURN $pair_id != NONE;
             COMMIT TRANSACTION;"
        );
        let response = db
            .write(
                &text,
                &[
                    ("meeting", crate::val(meeting)),
                    ("now", crate::val(now)),
                    ("kind", crate::val("meeting_reminder")),
                    ("base", crate::val(base_url.to_owned())),
                ],
            )
            .await;
        if {
            let r: DbResult<Option<bool>> = response;
            r
        }? == Some(true)
        {
            sent.meetings += 1;
        }
    }
    // Quiet pairs: the last held meeting (or the publication, for a pair that never met) is
    // further back than the cadence, and nothing is planned.
    let pairs: Vec<PairFacts> = db.write("SELECT id, program.cadence_days AS cadence_days, (published_at ?? created_at) AS since,
                 (SELECT VALUE starts_at FROM meeting WHERE pair = $parent.id AND status = 'held'
                     ORDER BY starts_at DESC LIMIT 1)[0] AS last_held,
                 count(SELECT id FROM meeting WHERE pair = $parent.id AND status IN ['proposed', 'accepted'] AND starts_at > $now) AS upcoming,
                 cadence_reminded_at
             FROM pair WHERE status = 'active'", &[("now", crate::val(now))]).await?;
    for p in pairs {
        let cadence = Duration::days(p.cadence_days.max(1));
        let last = p.last_held.unwrap_or(p.since);
        let quiet = now - last > cadence && p.upcoming == 0;
        let recently_nudged = p.cadence_reminded_at.is_some_and(|t| now - t < cadence);
        if !quiet || recently_nudged {
            continue;
        }
        let text = format!(
            "BEGIN TRANSACTION;
             UPDATE $pair_id SET cadence_reminded_at = $now;
             {NOTIFY_BOTH}
             RETURN true;
             COMMIT TRANSACTION;"
        );
        let response = db
            .write(
                &text,
                &[
                    ("pair_id", crate::val(p.id)),
                    ("now", crate::val(now)),
                    ("kind", crate::val("pair_quiet")),
                    ("base", crate::val(base_url.to_owned())),
                ],
            )
            .await;
        {
            let r: DbResult<Option<bool>> = response;
            r
        }?;
        sent.quiet_pairs += 1;
    }
    // Feedback: once per unanswered request, two days before it is due.
    let requests: Vec<RecordId> = db
        .write(
            "SELECT VALUE id FROM feedback_request WHERE answered_at = NONE AND reminded_at = NONE
                 AND due_at > $now AND due_at <= $until",
            &[
                ("now", crate::val(now)),
                (
                    "until",
                    crate::val(now + Duration::hours(BEFORE_FEEDBACK_DUE_HOURS)),
                ),
            ],
        )
        .await?;
    for request in requests {
        let response = db
            .write(
                concat!(
                    "BEGIN TRANSACTION;
                 LET $claimed = (UPDATE $request SET reminded_at = $now WHERE reminded_at = NONE
                     RETURN respondent, form.title_es AS es, form.title_en AS en);
                 LET $r = $claimed[0];
                 IF $r != NONE {
                     LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $r.respondent);
                     LET $kind = 'feedback_reminder';
                     LET $params = { form: { es: $r.es, en: $r.en } };
                     LET $link = '/feedback';
                     ",
                    tell_person!(),
                    "
                 };
                 RETURN $r != NONE;
                 COMMIT TRANSACTION;"
                ),
                &[
                    ("request", crate::val(request)),
                    ("now", crate::val(now)),
                    ("base", crate::val(base_url.to_owned())),
                ],
            )
            .await;
        if {
            let r: DbResult<Option<bool>> = response;
            r
        }? == Some(true)
        {
            sent.feedback += 1;
        }
    }
    sent.workshops =
        crate::workshops::remind_due(db, now, domain::training::workshop::REMIND_BEFORE_HOURS, base_url)
            .await?;
    Ok(sent)
}
