//! Feedback forms, the requests that send them to people, and their answers.
//!
//! HR owns a program's forms (the caller checks program ownership); questions are stored as the
//! domain's JSON. A form goes out only while it is switched on: after each held meeting, at the
//! program's midpoint or end, or when HR sends it now. Each request is made once per form, pair,
//! respondent and occasion, and tells the respondent (in-app and by email). A respondent answers
//! once; answers are read back only through [`results`] (HR, with the privacy rules applied by the
//! caller) or by the respondent themself ([`request_for`]).

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use crate::goals::Outcome;
use crate::{AccountKey, Database, DbError, DbResult, FeedbackRequestKey, new_key, users};

/// Table of forms.
pub const FORM_TABLE: &str = "feedback_form";
/// Table of requests.
pub const REQUEST_TABLE: &str = "feedback_request";

fn err(e: surrealdb::Error) -> DbError {
    DbError::from_surreal(e)
}

fn account(account_key: &str) -> RecordId {
    RecordId::new(users::TABLE, account_key)
}

/// A form's settings, as HR sets them (validated by the caller).
#[derive(Debug, Clone)]
pub struct FormHeader {
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// `after_meeting`, `midpoint`, `end` or `manual`.
    pub trigger: String,
    /// Days to answer.
    pub due_days: i64,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
}

/// A stored form.
#[derive(Debug, Clone, SurrealValue)]
pub struct FormRow {
    /// Record id.
    pub id: RecordId,
    /// Its program.
    pub program: RecordId,
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Audience.
    pub audience: String,
    /// Trigger.
    pub trigger: String,
    /// Days to answer.
    pub due_days: i64,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
    /// Whether it is sent.
    pub active: bool,
    /// The questions, as the domain's JSON.
    pub questions_json: String,
    /// Requests made.
    pub sent: i64,
    /// Requests answered.
    pub answered: i64,
}

/// The projection of a form, joined into queries at compile time with `concat!` (like
/// `request_fields!`); every value is bound with `.bind`.
macro_rules! form_fields {
    () => {
        "id, program, title_es, title_en, audience, trigger, due_days, anonymous, active,
    questions_json,
    count(SELECT id FROM feedback_request WHERE form = $parent.id) AS sent,
    count(SELECT id FROM feedback_request WHERE form = $parent.id AND answered_at != NONE) AS answered"
    };
}

/// Creates a form (switched off, no questions) in the program; answers its key.
pub async fn create_form(db: &Database, program_key: &str, h: &FormHeader) -> DbResult<String> {
    let key = new_key();
    db.execute(
        "CREATE type::record('feedback_form', $key) SET program = $program, title_es = $title_es,
                 title_en = $title_en, audience = $audience, trigger = $trigger, due_days = $due_days,
                 anonymous = $anonymous, active = false, questions_json = '[]'",
        &[
            ("key", crate::val(key.clone())),
            ("program", crate::val(RecordId::new("program", program_key))),
            ("title_es", crate::val(h.title_es.clone())),
            ("title_en", crate::val(h.title_en.clone())),
            ("audience", crate::val(h.audience.clone())),
            ("trigger", crate::val(h.trigger.clone())),
            ("due_days", crate::val(h.due_days)),
            ("anonymous", crate::val(h.anonymous)),
        ],
    )
    .await?;
    Ok(key)
}

/// The program's forms, oldest first.
pub async fn forms(db: &Database, program_key: &str) -> DbResult<Vec<FormRow>> {
    db.client()
        .query(concat!(
            "SELECT ",
            form_fields!(),
            ", created_at FROM feedback_form WHERE program = $program ORDER BY created_at"
        ))
        .bind(("program", RecordId::new("program", program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)
}

/// One form.
pub async fn form(db: &Database, form_key: &str) -> DbResult<Option<FormRow>> {
    db.client()
        .query(concat!("SELECT ", form_fields!(), " FROM ONLY $form"))
        .bind(("form", RecordId::new(FORM_TABLE, form_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)
}

/// Replaces a form's settings and questions, unless someone has answered it already (then its
/// questions are fixed, so answers keep their meaning): answers whether it was written.
pub async fn update_form(
    db: &Database,
    form_key: &str,
    h: &FormHeader,
    questions_json: &str,
) -> DbResult<bool> {
    let written: Vec<RecordId> = db
        .write(
            "UPDATE $form SET title_es = $title_es, title_en = $title_en, audience = $audience,
                 trigger = $trigger, due_days = $due_days, anonymous = $anonymous,
                 questions_json = $questions, updated_at = time::now()
             WHERE count(SELECT id FROM feedback_answer WHERE form = $form) = 0 RETURN VALUE id",
            &[
                ("form", crate::val(RecordId::new(FORM_TABLE, form_key))),
                ("title_es", crate::val(h.title_es.clone())),
                ("title_en", crate::val(h.title_en.clone())),
                ("audience", crate::val(h.audience.clone())),
                ("trigger", crate::val(h.trigger.clone())),
                ("due_days", crate::val(h.due_days)),
                ("anonymous", crate::val(h.anonymous)),
                ("questions", crate::val(questions_json.to_owned())),
            ],
        )
        .await?;
    Ok(!written.is_empty())
}

/// Switches a form on (it is sent from now on) or off.
pub async fn set_active(db: &Database, form_key: &str, active: bool) -> DbResult<()> {
    db.execute(
        "UPDATE $form SET active = $active, updated_at = time::now()",
        &[
            ("form", crate::val(RecordId::new(FORM_TABLE, form_key))),
            ("active", crate::val(active)),
        ],
    )
    .await?;
    Ok(())
}

/// Sends the form `form` on `occasion` to its audience in every published or active pair of its
/// program (only `pair`, when given), due `due_days` from `now`. Each respondent is asked once per
/// occasion and told in-app and by email. Answers how many requests were made.
pub async fn send(
    db: &Database,
    form_key: &str,
    occasion: &str,
    pair: Option<RecordId>,
    now: DateTime<Utc>,
    base_url: &str,
) -> DbResult<usize> {
    let form = RecordId::new(FORM_TABLE, form_key);
    let Some(f) = self::form(db, form_key).await? else {
        return Ok(0);
    };
    if !f.active {
        return Ok(0);
    }
    let meeting = occasion
        .strip_prefix("meeting:")
        .map(|k| RecordId::new("meeting", k));
    let count = || async {
        let n: Option<i64> = db
            .write(
                "RETURN count(SELECT id FROM feedback_request WHERE form = $form AND occasion = $occasion)",
                &[
                    ("form", crate::val(form.clone())),
                    ("occasion", crate::val(occasion.to_owned())),
                ],
            )
            .await?;
        Ok::<i64, DbError>(n.unwrap_or(0))
    };
    let before = count().await?;
    db.execute(
        concat!(
            "BEGIN TRANSACTION;
             LET $f = (SELECT program, audience, title_es, title_en FROM ONLY $form);
             LET $kind = 'feedback_due';
             LET $params = { form: { es: $f.title_es, en: $f.title_en } };
             LET $link = '/feedback';
             LET $pairs = IF $only = NONE {
                 (SELECT id, mentor, mentee FROM pair WHERE program = $f.program AND status IN ",
            writable_pair_statuses!(),
            concat!(
                ")
             } ELSE {
                 (SELECT id, mentor, mentee FROM pair WHERE id = $only AND status IN ",
                writable_pair_statuses!(),
                ")
             };
             FOR $p IN $pairs {
                 LET $people = array::concat(
                     IF $f.audience IN ['mentors', 'both'] { [[$p.mentor, $p.mentee]] } ELSE { [] },
                     IF $f.audience IN ['mentees', 'both'] { [[$p.mentee, $p.mentor]] } ELSE { [] }
                 );
                 FOR $who IN $people {
                     LET $earlier = (SELECT VALUE id FROM feedback_request WHERE form = $form AND pair = $p.id
                         AND respondent = $who[0] AND occasion = $occasion);
                     IF $earlier[0] = NONE {
                         CREATE feedback_request SET form = $form, pair = $p.id, respondent = $who[0],
                             subject = $who[1], occasion = $occasion, due_at = $due, meeting = $meeting;
                         LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $who[0]);
                         ",
                tell_person!(),
                "
                     };
                 };
             };
             COMMIT TRANSACTION;"
            )
        ),
        &[
            ("form", crate::val(form.clone())),
            ("occasion", crate::val(occasion.to_owned())),
            ("only", crate::val(pair)),
            ("meeting", crate::val(meeting)),
            ("due", crate::val(now + Duration::days(f.due_days.clamp(1, 60)))),
            ("base", crate::val(base_url.to_owned())),
        ],
    )
    .await?;
    let after = count().await?;
    Ok(usize::try_from(after - before).unwrap_or(0))
}

/// Sends every switched-on "after each held meeting" form of the meeting's program to its pair.
pub async fn send_after_meeting(
    db: &Database,
    meeting_key: &str,
    now: DateTime<Utc>,
    base_url: &str,
) -> DbResult<usize> {
    let meeting = RecordId::new("meeting", meeting_key);
    #[derive(SurrealValue)]
    struct Target {
        pair: RecordId,
        forms: Vec<RecordId>,
    }
    let target: Option<Target> = db
        .write(
            "SELECT pair, (SELECT VALUE id FROM feedback_form WHERE program = $parent.pair.program
                 AND active = true AND trigger = 'after_meeting') AS forms
             FROM ONLY $meeting WHERE status = 'held'",
            &[("meeting", crate::val(meeting))],
        )
        .await?;
    let Some(target) = target else { return Ok(0) };
    let mut made = 0;
    for form in target.forms {
        made += send(
            db,
            &crate::key_of(&form),
            &format!("meeting:{meeting_key}"),
            Some(target.pair.clone()),
            now,
            base_url,
        )
        .await?;
    }
    Ok(made)
}

/// A switched-on midpoint or end form with its program's dates, for the scheduler.
#[derive(Debug, Clone, SurrealValue)]
pub struct ScheduledForm {
    /// The form.
    pub id: RecordId,
    /// `midpoint` or `end`.
    pub trigger: String,
    /// Program start.
    pub starts_on: DateTime<Utc>,
    /// Program end.
    pub ends_on: DateTime<Utc>,
}

/// The switched-on midpoint and end forms of active programs.
pub async fn scheduled_forms(db: &Database) -> DbResult<Vec<ScheduledForm>> {
    db.client()
        .query(
            "SELECT id, trigger, program.starts_on AS starts_on, program.ends_on AS ends_on FROM feedback_form
             WHERE active = true AND trigger IN ['midpoint', 'end'] AND program.status = 'active'",
        )
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)
}

/// A request as its respondent sees it.
#[derive(Debug, Clone, SurrealValue)]
pub struct RequestRow {
    /// Record id.
    pub id: RecordId,
    /// Program name.
    pub program: String,
    /// Spanish title of the form.
    pub title_es: String,
    /// English title of the form.
    pub title_en: String,
    /// Who the answers are about (the other person of the pair).
    pub subject_name: String,
    /// When it is due.
    pub due_at: DateTime<Utc>,
    /// When it was answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// The form's questions (JSON).
    pub questions_json: String,
    /// Whether the form is anonymous.
    pub anonymous: bool,
}

macro_rules! request_fields {
    () => {
        "id, form.program.name AS program, form.title_es AS title_es, form.title_en AS title_en,
    subject.name AS subject_name, due_at, answered_at, form.questions_json AS questions_json,
    form.anonymous AS anonymous"
    };
}

/// The account's requests, unanswered first (soonest due), then answered.
pub async fn my_requests(db: &Database, account_key: &str) -> DbResult<Vec<RequestRow>> {
    db.client()
        .query(concat!(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             SELECT ",
            request_fields!(),
            ", answered_at != NONE AS done FROM feedback_request
             WHERE respondent IN $me ORDER BY done, due_at;"
        ))
        .bind(("account", account(account_key)))
        .await
        .and_then(|mut r| r.take(1))
        .map_err(err)
}

/// One stored answer: question key and the domain's JSON value.
#[derive(Debug, Clone, SurrealValue)]
pub struct AnswerRow {
    /// The question's key.
    pub question: String,
    /// The answer as JSON text.
    pub value: String,
}

/// A request of the account's, with the answers they gave (if any).
pub async fn request_for(
    db: &Database,
    account_key: &AccountKey,
    request_key: &FeedbackRequestKey,
) -> DbResult<Option<(RequestRow, Vec<AnswerRow>)>> {
    let mut res = db
        .client()
        .query(concat!(
            "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             SELECT ",
            request_fields!(),
            " FROM ONLY $request WHERE respondent IN $me;
             SELECT question, value FROM feedback_answer WHERE request = $request
                 AND (SELECT VALUE respondent FROM ONLY $request) IN $me;"
        ))
        .bind(("account", account(account_key.as_str())))
        .bind(("request", RecordId::new(REQUEST_TABLE, request_key.as_str())))
        .await
        .map_err(err)?;
    let row: Option<RequestRow> = res.take(1).map_err(err)?;
    let answers: Vec<AnswerRow> = res.take(2).map_err(err)?;
    Ok(row.map(|r| (r, answers)))
}

/// Stores the account's answers to its request (question key, JSON value) and marks it
/// answered. `Locked` when it was answered already; `NotFound` when it is not theirs.
pub async fn answer(
    db: &Database,
    account_key: &AccountKey,
    request_key: &FeedbackRequestKey,
    answers: &[(String, String)],
) -> DbResult<Outcome> {
    let rows: Vec<serde_json::Value> = answers
        .iter()
        .map(|(q, v)| serde_json::json!({ "question": q, "value": v }))
        .collect();
    let response = db
        .write(
            "BEGIN TRANSACTION;
             LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
             LET $r = (SELECT form, answered_at FROM ONLY $request WHERE respondent IN $me);
             LET $answer = IF $r = NONE { 'not_found' }
                 ELSE IF $r.answered_at != NONE { 'locked' }
                 ELSE {
                     FOR $a IN $rows {
                         CREATE feedback_answer SET request = $request, form = $r.form,
                             question = $a.question, value = $a.value;
                     };
                     UPDATE $request SET answered_at = time::now();
                     'done'
                 };
             RETURN $answer;
             COMMIT TRANSACTION;",
            &[
                ("account", crate::val(account(account_key.as_str()))),
                (
                    "request",
                    crate::val(RecordId::new(REQUEST_TABLE, request_key.as_str())),
                ),
                ("rows", crate::val(rows)),
            ],
        )
        .await;
    let answer: Option<String> = response?;
    Ok(Outcome::from_answer(
        &answer.unwrap_or_default(),
        request_key.as_str().to_owned(),
    ))
}

/// One answer with who gave it and who it is about, for HR's results.
#[derive(Debug, Clone, SurrealValue)]
pub struct ResultRow {
    /// The request.
    pub request: RecordId,
    /// The respondent.
    pub respondent: RecordId,
    /// Respondent's name.
    pub respondent_name: String,
    /// The person the answers are about.
    pub subject: Option<RecordId>,
    /// Their name.
    pub subject_name: Option<String>,
    /// Question key.
    pub question: String,
    /// Answer JSON.
    pub value: String,
    /// When the request was answered.
    pub answered_at: Option<DateTime<Utc>>,
}

/// Every answer to the form, oldest first.
pub async fn results(db: &Database, form_key: &str) -> DbResult<Vec<ResultRow>> {
    db.client()
        .query(
            "SELECT request, request.respondent AS respondent, request.respondent.name AS respondent_name,
                 request.subject AS subject, request.subject.name AS subject_name, question, value,
                 request.answered_at AS answered_at
             FROM feedback_answer WHERE form = $form ORDER BY answered_at",
        )
        .bind(("form", RecordId::new(FORM_TABLE, form_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)
}

/// The employees linked to an account (a person may be in several organisations' lists).
pub async fn employees_of(db: &Database, account_key: &str) -> DbResult<Vec<RecordId>> {
    db.client()
        .query("SELECT VALUE id FROM employee WHERE account = $account")
        .bind(("account", account(account_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(err)
}

/// Sends every switched-on midpoint or end form whose day has come (in an active program). Each
/// goes out once per pair and person (the occasion is the trigger); answers how many requests
/// were made.
pub async fn send_scheduled(db: &Database, now: DateTime<Utc>, base_url: &str) -> DbResult<usize> {
    use domain::feedback::{Trigger, send_date};
    let day = |t: DateTime<Utc>| domain::Date::parse(&t.format("%Y-%m-%d").to_string());
    let Some(today) = day(now) else { return Ok(0) };
    let mut made = 0;
    for f in scheduled_forms(db).await? {
        let (Some(trigger), Some(start), Some(end)) =
            (Trigger::parse(&f.trigger), day(f.starts_on), day(f.ends_on))
        else {
            continue;
        };
        if send_date(trigger, start, end, None).is_some_and(|d| d <= today) {
            made += send(db, &crate::key_of(&f.id), trigger.as_str(), None, now, base_url).await?;
        }
    }
    Ok(made)
}
