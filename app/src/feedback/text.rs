//! Feedback words in the reader's language: form problems, answer problems, kinds, audiences and
//! triggers. (An answer written out is `domain::feedback::answer_text`.)

use domain::Lang;
use domain::feedback::{AnswerError, Audience, FormError, QuestionKind, Trigger};

use crate::i18n::{Locale, td_string};

fn lang_name(locale: Locale, lang: Lang) -> &'static str {
    match lang {
        Lang::Es => td_string!(locale, feedback.in_es),
        Lang::En => td_string!(locale, feedback.in_en),
    }
}

/// What is wrong with a form, e.g. "Question 3: the Spanish text is missing."
pub fn form_problem(locale: Locale, e: FormError) -> String {
    use FormError as F;
    let q = |n: usize| td_string!(locale, feedback.question_n, n = n);
    let qo = |n: usize, o: usize| td_string!(locale, feedback.question_option_n, n = n, o = o);
    match e {
        F::TitleMissing { lang } => td_string!(locale, feedback.err_title, lang = lang_name(locale, lang)),
        F::TitleTooLong { lang } => {
            td_string!(locale, feedback.err_title_long, lang = lang_name(locale, lang))
        }
        F::Audience => td_string!(locale, feedback.err_audience).to_owned(),
        F::Trigger => td_string!(locale, feedback.err_trigger).to_owned(),
        F::DueDays => td_string!(locale, feedback.err_due_days).to_owned(),
        F::NoQuestions => td_string!(locale, feedback.err_no_questions).to_owned(),
        F::TooManyQuestions => td_string!(locale, feedback.err_too_many).to_owned(),
        F::QuestionKey { question } | F::DuplicateQuestionKey { question } => {
            format!("{}: {}", q(question), td_string!(locale, feedback.err_key))
        }
        F::QuestionTextMissing { question, lang } => format!(
            "{}: {}",
            q(question),
            td_string!(locale, feedback.err_text, lang = lang_name(locale, lang))
        ),
        F::QuestionTextTooLong { question, lang } => format!(
            "{}: {}",
            q(question),
            td_string!(locale, feedback.err_text_long, lang = lang_name(locale, lang))
        ),
        F::OptionCount { question } => {
            format!("{}: {}", q(question), td_string!(locale, feedback.err_options))
        }
        F::OptionsNotAllowed { question } => {
            format!("{}: {}", q(question), td_string!(locale, feedback.err_no_options))
        }
        F::OptionKey { question, option } | F::DuplicateOptionKey { question, option } => {
            format!(
                "{}: {}",
                qo(question, option),
                td_string!(locale, feedback.err_key)
            )
        }
        F::OptionLabelMissing {
            question,
            option,
            lang,
        } => format!(
            "{}: {}",
            qo(question, option),
            td_string!(locale, feedback.err_label, lang = lang_name(locale, lang))
        ),
        F::OptionLabelTooLong {
            question,
            option,
            lang,
        } => format!(
            "{}: {}",
            qo(question, option),
            td_string!(locale, feedback.err_label_long, lang = lang_name(locale, lang))
        ),
        F::NoSuchQuestion { question } => q(question),
    }
}

/// Why one answer was refused.
pub fn answer_problem(locale: Locale, e: AnswerError) -> &'static str {
    match e {
        AnswerError::Required => td_string!(locale, feedback.ans_required),
        AnswerError::OutOfRange => td_string!(locale, feedback.ans_range),
        AnswerError::UnknownOption | AnswerError::UnknownQuestion => td_string!(locale, feedback.ans_unknown),
        AnswerError::TooManyValues => td_string!(locale, feedback.ans_one),
        AnswerError::TooLong => td_string!(locale, feedback.ans_long),
    }
}

/// The name of a question kind.
pub fn kind_name(locale: Locale, k: QuestionKind) -> &'static str {
    match k {
        QuestionKind::Rating => td_string!(locale, feedback.kind_rating),
        QuestionKind::Scale => td_string!(locale, feedback.kind_scale),
        QuestionKind::Single => td_string!(locale, feedback.kind_single),
        QuestionKind::Multi => td_string!(locale, feedback.kind_multi),
        QuestionKind::Text => td_string!(locale, feedback.kind_text),
    }
}

/// Who gets a form.
pub fn audience_name(locale: Locale, a: Audience) -> &'static str {
    match a {
        Audience::Mentors => td_string!(locale, feedback.aud_mentors),
        Audience::Mentees => td_string!(locale, feedback.aud_mentees),
        Audience::Both => td_string!(locale, feedback.aud_both),
    }
}

/// When a form is sent.
pub fn trigger_name(locale: Locale, t: Trigger) -> &'static str {
    match t {
        Trigger::AfterMeeting => td_string!(locale, feedback.trig_after_meeting),
        Trigger::Midpoint => td_string!(locale, feedback.trig_midpoint),
        Trigger::End => td_string!(locale, feedback.trig_end),
        Trigger::Manual => td_string!(locale, feedback.trig_manual),
    }
}
