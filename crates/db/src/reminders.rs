//! Reminders: before an accepted meeting, and when a pair has gone longer than its program's
//! cadence without meeting. Each is an in-app notification plus an email (the outbox when no
//! SMTP server is configured), in each person's language, sent once: a meeting is reminded once
//! (moving it re-arms the reminder), a quiet pair once per cadence period.
//!
//! `send_due` takes the time as an argument, so tests can move the clock.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult};

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
/// Notifies both people of `$pair_id` with `$text_es` / `$text_en` (followed by the other
/// person's name), kind `$kind`, link to the pair.
const NOTIFY_BOTH: &str = "
    LET $pp = (SELECT mentor, mentee FROM ONLY $pair_id);
    FOR $who IN [[$pp.mentor, $pp.mentee], [$pp.mentee, $pp.mentor]] {
        LET $o = (SELECT name, email, account, account.lang AS lang FROM ONLY $who[0]);
        LET $other_name = (SELECT VALUE name FROM ONLY $who[1]);
        LET $en = $o.lang = 'en';
        LET $title = IF $en { $text_en + ': ' + $other_name } ELSE { $text_es + ': ' + $other_name };
        LET $link = '/pair/' + record::id($pair_id);
        IF $o.account != NONE {
            CREATE notification SET user = $o.account, kind = $kind, title = $title, link = $link;
        };
        CREATE outbox_email SET to = $o.email, subject = $title,
            body_text = $title + (IF $en { '. Open Inversa: ' } ELSE { '. Entra en Inversa: ' }) + $base + $link;
    };
";

/// Sends every reminder due at `now`.
pub async fn send_due(db: &Database, now: DateTime<Utc>, base_url: &str) -> DbResult<Sent> {
    let mut sent = Sent::default();
    // Meetings: claim each one (set reminded_at) and notify in one transaction.
    let due: Vec<RecordId> = db
        .client()
        .query(
            "SELECT VALUE id FROM meeting WHERE status = 'accepted' AND reminded_at = NONE
                 AND starts_at > $now AND starts_at <= $until AND pair.status IN ['published', 'active']",
        )
        .bind(("now", now))
        .bind(("until", now + Duration::hours(BEFORE_MEETING_HOURS)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
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
            .client()
            .query(text)
            .bind(("meeting", meeting))
            .bind(("now", now))
            .bind(("kind", "meeting_reminder"))
            .bind(("text_es", "Recordatorio: reunión en las próximas 24 horas con"))
            .bind(("text_en", "Reminder: meeting in the next 24 hours with"))
            .bind(("base", base_url.to_owned()))
            .await;
        if crate::transaction_return::<Option<bool>>(response)? == Some(true) {
            sent.meetings += 1;
        }
    }
    // Quiet pairs: the last held meeting (or the publication, for a pair that never met) is
    // further back than the cadence, and nothing is planned.
    let pairs: Vec<PairFacts> = db
        .client()
        .query(
            "SELECT id, program.cadence_days AS cadence_days, (published_at ?? created_at) AS since,
                 (SELECT VALUE starts_at FROM meeting WHERE pair = $parent.id AND status = 'held'
                     ORDER BY starts_at DESC LIMIT 1)[0] AS last_held,
                 count(SELECT id FROM meeting WHERE pair = $parent.id AND status IN ['proposed', 'accepted'] AND starts_at > $now) AS upcoming,
                 cadence_reminded_at
             FROM pair WHERE status = 'active'",
        )
        .bind(("now", now))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
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
            .client()
            .query(text)
            .bind(("pair_id", p.id))
            .bind(("now", now))
            .bind(("kind", "pair_quiet"))
            .bind(("text_es", "Hace tiempo que no os reunís; proponed una fecha"))
            .bind(("text_en", "It has been a while since you met; propose a time"))
            .bind(("base", base_url.to_owned()))
            .await;
        crate::transaction_return::<Option<bool>>(response)?;
        sent.quiet_pairs += 1;
    }
    // Feedback: once per unanswered request, two days before it is due.
    let requests: Vec<RecordId> = db
        .client()
        .query(
            "SELECT VALUE id FROM feedback_request WHERE answered_at = NONE AND reminded_at = NONE
                 AND due_at > $now AND due_at <= $until",
        )
        .bind(("now", now))
        .bind(("until", now + Duration::hours(BEFORE_FEEDBACK_DUE_HOURS)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    for request in requests {
        let response = db
            .client()
            .query(
                "BEGIN TRANSACTION;
                 LET $claimed = (UPDATE $request SET reminded_at = $now WHERE reminded_at = NONE
                     RETURN respondent, form.title_es AS es, form.title_en AS en);
                 LET $r = $claimed[0];
                 IF $r != NONE {
                     LET $o = (SELECT email, account, account.lang AS lang FROM ONLY $r.respondent);
                     LET $en = $o.lang = 'en';
                     LET $title = IF $en { 'Reminder: feedback due soon: ' + $r.en } ELSE { 'Recordatorio: valoración pendiente: ' + $r.es };
                     IF $o.account != NONE {
                         CREATE notification SET user = $o.account, kind = 'feedback_reminder', title = $title, link = '/feedback';
                     };
                     CREATE outbox_email SET to = $o.email, subject = $title, body_text = $title + '. ' + $base + '/feedback';
                 };
                 RETURN $r != NONE;
                 COMMIT TRANSACTION;",
            )
            .bind(("request", request))
            .bind(("now", now))
            .bind(("base", base_url.to_owned()))
            .await;
        if crate::transaction_return::<Option<bool>>(response)? == Some(true) {
            sent.feedback += 1;
        }
    }
    Ok(sent)
}
