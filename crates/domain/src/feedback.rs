//! Feedback forms HR builds, the answers participants give, and who may read them.
//!
//! - A form ([`FormInput`]) is checked by [`validate_form`] into a [`ValidForm`]: titles and every
//!   question in both languages, choice questions with 2–12 options, unique slug keys (generated
//!   from the position when left empty). [`form_problems`] lists every problem at once for a form
//!   builder; [`move_question`] reorders.
//! - Answers arrive as a form posts them (question key → values) and [`validate_answers`] turns
//!   them into typed [`AnswerValue`]s or reports every question that needs attention.
//! - HR's results: [`aggregate`] summarises one question (count, average, distribution, NPS, texts)
//!   and [`average_by_period`] gives a trend over the program; [`question_results`] makes both as
//!   HR may see them.
//! - Privacy: [`may_read_individual`] says who may read one person's answers, and
//!   [`question_results`] shows anonymous answers only in whole groups of [`MIN_GROUP_SIZE`], so
//!   that no figure, trend point or change between two views singles out one person.
//! - HR's results page: [`form_report`] puts the privacy rules and the figures of every question
//!   together for one viewer, with the labels the page shows (bars, months, answers written out).
//! - Schedule: [`schedule`] computes when a form is sent and when it is due.
//!
//! The files, by concern: `question` (kinds, texts, options), `form` (a form, its limits and its
//! check), `sending` (audience, trigger, send and due dates), `answers` (typed answers, their
//! check, an answer written out), `summary` (the figures of one question), `results` (what HR may
//! see of them: groups of three, trend), `access` (who may read whose answers) and `report` (a
//! whole form's results page). Everything public is re-exported here, so callers write
//! `domain::feedback::Question` whichever file it lives in.

mod access;
mod answers;
mod form;
mod question;
mod report;
mod results;
mod sending;
mod summary;

#[cfg(test)]
mod fixtures;

pub use access::{AnswerMeta, HrAccess, Viewer, hr_access, may_read_individual};
pub use answers::{AnswerError, AnswerErrors, AnswerValue, MAX_ANSWER_TEXT, answer_text, validate_answers};
pub use form::{
    DUE_DAYS, FormError, FormInput, MAX_KEY, MAX_OPTION_LABEL, MAX_QUESTION_TEXT, MAX_QUESTIONS, MAX_TITLE,
    OPTION_COUNT, ValidForm, form_problems, is_slug, move_question, validate_form,
};
pub use question::{ChoiceOption, Question, QuestionKind, RATING_RANGE, SCALE_RANGE};
pub use report::{
    DistributionBar, FormReport, HrViewer, PersonAnswers, QuestionReport, StoredAnswer, TrendLine,
    distribution_bars, form_report, month_label, month_period, question_report, trend_label,
};
pub use results::{MIN_GROUP_SIZE, QuestionResults, ResultAnswer, TrendPoint, question_results};
pub use sending::{Audience, Schedule, Trigger, due_date, schedule, send_date};
pub use summary::{QuestionSummary, aggregate, average_by_period, nps};

/// The length of `s` in characters (not bytes), as every text limit here counts.
fn chars(s: &str) -> usize {
    s.chars().count()
}
