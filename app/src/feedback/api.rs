//! Feedback forms: HR builds them (questions of five kinds in both languages, reorder, preview),
//! switches them on, sends them (after each held meeting, at the midpoint, at the end, or now);
//! participants answer their requests; HR reads the results.
//!
//! Privacy, enforced here: a participant reads only their own answers; HR reads aggregates, and
//! individual answers only for a form that is not anonymous; an anonymous form's figures are made
//! only of whole groups of `MIN_GROUP_SIZE` answers (`domain::feedback::question_results`); and
//! nobody ever sees answers about a person they manage, directly or further up the reporting
//! chain (`domain::feedback::hr_access`). HR's results page is worked out in the domain
//! (`domain::feedback::form_report`); this file authorises, loads and converts.

#![allow(
    clippy::too_many_arguments,
    reason = "server functions take one argument per form field, as the browser posts them; \
              the browser half #[server] generates does not carry an attribute put on the function"
)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::{
    feedback::model::FormEditor, feedback::model::FormResults, feedback::model::FormSummary,
    feedback::model::RequestForm, feedback::model::RequestView,
};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{SessionUser, fail, internal, require},
    db::feedback::{FormHeader, FormRow},
    db::goals::Outcome,
    domain::feedback::{
        AnswerValue, ChoiceOption, FormError, FormInput, HrViewer, Question, QuestionKind, StoredAnswer,
        answer_text, form_problems, validate_answers,
    },
    domain::{Lang, Role},
};

/// A record id as text, for comparing ids from different queries.
#[cfg(feature = "ssr")]
fn rid(id: &db::RecordId) -> String {
    db::id_text(id)
}

#[cfg(feature = "ssr")]
use crate::ssr::guard::check_key;

/// The form, if the asker owns its program (admins own all).
#[cfg(feature = "ssr")]
async fn owned_form(user: &SessionUser, form: &str) -> Result<(FormRow, db::programs::ProgramRow), AppError> {
    check_key(form)?;
    let state = crate::ssr::guard::state()?;
    let row = db::feedback::form(&state.db, form)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let program = crate::programs::api::owned_program(user, &db::key_of(&row.program)).await?;
    Ok((row, program))
}

#[cfg(feature = "ssr")]
fn questions_of(row: &FormRow) -> Vec<Question> {
    serde_json::from_str(&row.questions_json).unwrap_or_default()
}

/// Checks a form's settings and questions; `draft` forms may have no question yet.
#[cfg(feature = "ssr")]
fn check_form(input: &FormInput, draft: bool) -> Result<(), AppError> {
    match form_problems(input)
        .into_iter()
        .find(|p| !(draft && *p == FormError::NoQuestions))
    {
        Some(p) => Err(p.into()),
        None => Ok(()),
    }
}

#[cfg(feature = "ssr")]
fn header(input: &FormInput) -> FormHeader {
    FormHeader {
        title_es: input.title_es.trim().to_owned(),
        title_en: input.title_en.trim().to_owned(),
        audience: input.audience.clone(),
        trigger: input.trigger.clone(),
        due_days: i64::from(input.due_days),
        anonymous: input.anonymous,
    }
}

#[cfg(feature = "ssr")]
fn input_of(row: &FormRow) -> FormInput {
    FormInput {
        title_es: row.title_es.clone(),
        title_en: row.title_en.clone(),
        audience: row.audience.clone(),
        trigger: row.trigger.clone(),
        due_days: i32::try_from(row.due_days).unwrap_or(7),
        anonymous: row.anonymous,
        questions: questions_of(row),
    }
}

/// Writes a changed form back, keeping it valid (as a draft, or fully when it is switched on).
#[cfg(feature = "ssr")]
async fn save(row: &FormRow, input: FormInput) -> Result<(), AppError> {
    check_form(&input, !row.active)?;
    // Keys are generated and texts trimmed by the domain's validation.
    let questions = if input.questions.is_empty() {
        Vec::new()
    } else {
        domain::feedback::validate_form(&input)?.questions
    };
    let json = serde_json::to_string(&questions).map_err(internal)?;
    let state = crate::ssr::guard::state()?;
    let written = db::feedback::update_form(&state.db, &db::key_of(&row.id), &header(&input), &json).await?;
    if !written {
        return Err(fail(ErrorKind::FeedbackLocked));
    }
    Ok(())
}

/// The program's feedback forms.
#[server(endpoint = "feedback_forms")]
pub async fn feedback_forms(program: String) -> Result<Vec<FormSummary>, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let lang = crate::ssr::guard::request_lang();
    let state = crate::ssr::guard::state()?;
    let rows = db::feedback::forms(&state.db, &program).await?;
    Ok(rows
        .iter()
        .map(|r| FormSummary {
            key: db::key_of(&r.id),
            title: if lang == Lang::En {
                r.title_en.clone()
            } else {
                r.title_es.clone()
            },
            trigger: r.trigger.clone(),
            audience: r.audience.clone(),
            active: r.active,
            questions: questions_of(r).len(),
            sent: r.sent,
            answered: r.answered,
        })
        .collect())
}

/// Creates a form (a draft without questions) in the program; answers its key. The same
/// `submission` key again answers the same form.
#[server(endpoint = "create_feedback_form")]
pub async fn create_feedback_form(
    program: String,
    title_es: String,
    title_en: String,
    audience: String,
    trigger: String,
    due_days: String,
    #[server(default)] anonymous: crate::form::Checkbox,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let input = FormInput {
        title_es,
        title_en,
        audience,
        trigger,
        due_days: due_days.trim().parse().unwrap_or(0),
        anonymous: anonymous.ticked(),
        questions: Vec::new(),
    };
    check_form(&input, true)?;
    crate::ssr::submission::once(&user, "feedback.form_create", &submission, || async {
        let state = crate::ssr::guard::state()?;
        let key = db::feedback::create_form(&state.db, &program, &header(&input)).await?;
        crate::ssr::guard::audit(&user, "feedback.form_create", &format!("feedback_form:{key}")).await?;
        Ok(crate::accounts::auth::form_redirect(format!(
            "/programs/{program}/feedback/{key}"
        )))
    })
    .await
}

/// A form in the builder.
#[server(endpoint = "feedback_form_editor")]
pub async fn feedback_form_editor(form: String) -> Result<FormEditor, AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, program) = owned_form(&user, &form).await?;
    Ok(FormEditor {
        key: db::key_of(&row.id),
        program: program.key(),
        program_name: program.name.clone(),
        title_es: row.title_es.clone(),
        title_en: row.title_en.clone(),
        audience: row.audience.clone(),
        trigger: row.trigger.clone(),
        due_days: row.due_days,
        anonymous: row.anonymous,
        active: row.active,
        locked: row.answered > 0,
        sent: row.sent,
        answered: row.answered,
        questions: questions_of(&row),
    })
}

/// Changes a form's settings.
#[server(endpoint = "update_feedback_form")]
pub async fn update_feedback_form(
    form: String,
    title_es: String,
    title_en: String,
    audience: String,
    trigger: String,
    due_days: String,
    #[server(default)] anonymous: crate::form::Checkbox,
) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, _) = owned_form(&user, &form).await?;
    let input = FormInput {
        title_es,
        title_en,
        audience,
        trigger,
        due_days: due_days.trim().parse().unwrap_or(0),
        anonymous: anonymous.ticked(),
        questions: questions_of(&row),
    };
    save(&row, input).await
}

/// Adds a question at the end. Choice options come one per line as `Spanish | English`. The same
/// `submission` key again adds nothing more.
#[server(endpoint = "add_feedback_question")]
pub async fn add_feedback_question(
    form: String,
    kind: String,
    #[server(default)] required: crate::form::Checkbox,
    text_es: String,
    text_en: String,
    options: Option<String>,
    #[server(default)] submission: String,
) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    crate::ssr::submission::once(&user, "feedback.question_add", &submission, || {
        add_question(&user, form, kind, required, text_es, text_en, options)
    })
    .await
}

/// The work of [`add_feedback_question`], once per submission.
#[cfg(feature = "ssr")]
async fn add_question(
    user: &crate::ssr::SessionUser,
    form: String,
    kind: String,
    required: crate::form::Checkbox,
    text_es: String,
    text_en: String,
    options: Option<String>,
) -> Result<(), AppError> {
    let (row, _) = owned_form(user, &form).await?;
    let mut input = input_of(&row);
    let n = input.questions.len() + 1;
    let kind = QuestionKind::parse(&kind).ok_or_else(|| fail(ErrorKind::BadRequest))?;
    let options: Vec<ChoiceOption> = options
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (es, en) = l.split_once('|').unwrap_or((l, ""));
            ChoiceOption {
                key: String::new(),
                label_es: es.trim().to_owned(),
                label_en: en.trim().to_owned(),
            }
        })
        .collect();
    input.questions.push(Question {
        key: String::new(),
        kind,
        required: required.ticked(),
        text_es,
        text_en,
        options: if kind.is_choice() { options } else { Vec::new() },
    });
    // A new question's problems are reported before the form's other ones.
    if let Some(p) = form_problems(&input)
        .into_iter()
        .find(|p| p.question() == Some(n))
    {
        return Err(p.into());
    }
    save(&row, input).await
}

/// Moves question `from` (counted from 1) to position `to`.
#[server(endpoint = "move_feedback_question")]
pub async fn move_feedback_question(form: String, from: usize, to: usize) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, _) = owned_form(&user, &form).await?;
    let mut input = input_of(&row);
    domain::feedback::move_question(&mut input.questions, from.saturating_sub(1), to.saturating_sub(1))?;
    save(&row, input).await
}

/// Removes question `index` (counted from 1).
#[server(endpoint = "remove_feedback_question")]
pub async fn remove_feedback_question(form: String, index: usize) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, _) = owned_form(&user, &form).await?;
    let mut input = input_of(&row);
    if index == 0 || index > input.questions.len() {
        return Err(FormError::NoSuchQuestion { question: index }.into());
    }
    input.questions.remove(index - 1);
    save(&row, input).await
}

/// Switches a form on (it must be complete) or back to draft.
#[server(endpoint = "set_feedback_form_active")]
pub async fn set_feedback_form_active(form: String, active: bool) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, _) = owned_form(&user, &form).await?;
    if active {
        check_form(&input_of(&row), false)?;
    }
    let state = crate::ssr::guard::state()?;
    db::feedback::set_active(&state.db, &form, active).await?;
    crate::ssr::guard::audit(
        &user,
        if active {
            "feedback.form_on"
        } else {
            "feedback.form_off"
        },
        &format!("feedback_form:{form}"),
    )
    .await
}

/// Sends a switched-on form now to its audience in every published or active pair. Answers how
/// many people were asked.
#[server(endpoint = "send_feedback_form")]
pub async fn send_feedback_form(form: String) -> Result<usize, AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, _) = owned_form(&user, &form).await?;
    check_form(&input_of(&row), false)?;
    if !row.active {
        return Err(FormError::NoQuestions.into());
    }
    let state = crate::ssr::guard::state()?;
    let now = chrono::Utc::now();
    let occasion = format!("manual:{}", now.format("%Y%m%dT%H%M%S"));
    let made = db::feedback::send(&state.db, &form, &occasion, None, now, &state.base_url).await?;
    crate::ssr::guard::audit(&user, "feedback.send", &format!("feedback_form:{form}")).await?;
    Ok(made)
}

/// One stored answer as the domain's results read it: ids as `table:key` text, the reporting
/// chain of the person it is about, the value read from its JSON (`None` when unreadable), and
/// when it was given (microseconds since 1970 and month, 0 when unknown).
#[cfg(feature = "ssr")]
fn stored_answer(r: &db::feedback::ResultRow, lines: &db::employees::ReportingLines) -> StoredAnswer {
    use chrono::Datelike;
    StoredAnswer {
        request: rid(&r.request),
        respondent_id: rid(&r.respondent),
        respondent_name: r.respondent_name.clone(),
        subject_name: r.subject_name.clone().unwrap_or_default(),
        subject_chain: r
            .subject
            .as_ref()
            .map(|s| lines.chain(s).iter().map(rid).collect())
            .unwrap_or_default(),
        question: r.question.clone(),
        value: serde_json::from_str(&r.value).ok(),
        at: r.answered_at.map_or(0, |t| t.timestamp_micros()),
        period: r
            .answered_at
            .map_or(0, |t| domain::feedback::month_period(t.year(), t.month0())),
    }
}

/// HR's results of a form, with the privacy rules applied: answers about someone in the viewer's
/// reporting chain are left out; a form that is not anonymous shows every other answer; an
/// anonymous one shows figures made only of whole groups of `MIN_GROUP_SIZE` answers, so that no
/// figure, trend point, option count, text order or change between two loads singles out one
/// person (`domain::feedback::form_report` and `question_results` state the rules).
#[server(endpoint = "feedback_results")]
pub async fn feedback_results(form: String) -> Result<FormResults, AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, _) = owned_form(&user, &form).await?;
    let lang = crate::ssr::guard::request_lang();
    let state = crate::ssr::guard::state()?;
    let rows = db::feedback::results(&state.db, &form).await?;
    // The viewer as the reporting-chain rule sees them: their account and employee records, if any.
    let viewer = HrViewer {
        account_id: format!("account:{}", user.key),
        employee_ids: db::feedback::employees_of(&state.db, &user.key)
            .await?
            .iter()
            .map(rid)
            .collect(),
    };
    let lines = db::employees::reporting_lines(&state.db).await?;
    let answers: Vec<StoredAnswer> = rows.iter().map(|r| stored_answer(r, &lines)).collect();
    let report = domain::feedback::form_report(&questions_of(&row), row.anonymous, &answers, &viewer, lang);
    Ok(FormResults::from(report))
}

#[cfg(feature = "ssr")]
fn request_view(r: &db::feedback::RequestRow, lang: Lang, now: chrono::DateTime<chrono::Utc>) -> RequestView {
    RequestView {
        key: db::key_of(&r.id),
        program: r.program.clone(),
        title: if lang == Lang::En {
            r.title_en.clone()
        } else {
            r.title_es.clone()
        },
        subject: r.subject_name.clone(),
        due: {
            use chrono::Datelike;
            let d = r.due_at;
            domain::format_date(d.year(), d.month(), d.day(), lang).unwrap_or_default()
        },
        answered: r.answered_at.is_some(),
        overdue: r.answered_at.is_none() && r.due_at < now,
    }
}

/// The signed-in person's feedback requests, to answer first.
#[server(endpoint = "my_feedback")]
pub async fn my_feedback() -> Result<Vec<RequestView>, AppError> {
    let user = require(Role::Participant).await?;
    let lang = crate::ssr::guard::request_lang();
    let state = crate::ssr::guard::state()?;
    let now = chrono::Utc::now();
    Ok(db::feedback::my_requests(&state.db, &user.key)
        .await?
        .iter()
        .map(|r| request_view(r, lang, now))
        .collect())
}

/// One of the signed-in person's requests: its questions, and their own answers once given.
#[server(endpoint = "feedback_request_form")]
pub async fn feedback_request_form(request: String) -> Result<RequestForm, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&request)?;
    let request = db::FeedbackRequestKey::new(request);
    let lang = crate::ssr::guard::request_lang();
    let state = crate::ssr::guard::state()?;
    let (row, answers) = db::feedback::request_for(&state.db, &user.account_key(), &request)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let questions: Vec<Question> = serde_json::from_str(&row.questions_json).unwrap_or_default();
    let my_answers = if row.answered_at.is_some() {
        questions
            .iter()
            .map(|q| {
                let text = answers
                    .iter()
                    .find(|a| a.question == q.key)
                    .and_then(|a| serde_json::from_str::<AnswerValue>(&a.value).ok())
                    .map(|v| answer_text(q, &v, lang))
                    .unwrap_or_default();
                (q.text(lang).to_owned(), text)
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(RequestForm {
        request: request_view(&row, lang, chrono::Utc::now()),
        anonymous: row.anonymous,
        questions,
        my_answers,
    })
}

/// Answers one of the signed-in person's requests, once. `answers` maps question keys to the
/// values given (several for multiple choice). Every wrong answer is named in the message.
#[server(endpoint = "answer_feedback")]
pub async fn answer_feedback(
    request: String,
    answers: Option<BTreeMap<String, Vec<String>>>,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&request)?;
    let request = db::FeedbackRequestKey::new(request);
    let locale = crate::ssr::request_locale();
    let lang = crate::ssr::guard::request_lang();
    let state = crate::ssr::guard::state()?;
    let (row, _) = db::feedback::request_for(&state.db, &user.account_key(), &request)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    if row.answered_at.is_some() {
        return Err(fail(ErrorKind::FeedbackAnswered));
    }
    let questions: Vec<Question> = serde_json::from_str(&row.questions_json).unwrap_or_default();
    // Blank values (an empty text box, an unchosen select) are no answer.
    let submitted: BTreeMap<String, Vec<String>> = answers
        .unwrap_or_default()
        .into_iter()
        .map(|(k, vs)| {
            (
                k,
                vs.into_iter()
                    .filter(|v| !v.trim().is_empty())
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, vs)| !vs.is_empty())
        .collect();
    let valid = match validate_answers(&questions, &submitted) {
        Ok(v) => v,
        Err(errors) => {
            let mut e = fail(ErrorKind::FeedbackAnswers);
            let details: Vec<String> = errors
                .0
                .iter()
                .map(|(key, problem)| {
                    let text = questions
                        .iter()
                        .find(|q| &q.key == key)
                        .map_or_else(|| key.clone(), |q| q.text(lang).to_owned());
                    format!(
                        "{text}: {}",
                        crate::feedback::text::answer_problem(locale, *problem)
                    )
                })
                .collect();
            e.message = format!("{} {}", e.message, details.join(" · "));
            return Err(e);
        }
    };
    let rows: Vec<(String, String)> = valid
        .iter()
        .map(|(k, v)| Ok((k.clone(), serde_json::to_string(v)?)))
        .collect::<Result<_, serde_json::Error>>()
        .map_err(internal)?;
    let outcome = db::feedback::answer(&state.db, &user.account_key(), &request, &rows).await?;
    match outcome {
        Outcome::Done(_) => Ok(crate::accounts::auth::form_redirect(format!(
            "/feedback/{request}?thanks=1"
        ))),
        Outcome::Locked => Err(fail(ErrorKind::FeedbackAnswered)),
        Outcome::NotFound | Outcome::NotOwner => Err(fail(ErrorKind::NotFound)),
    }
}
