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
//! - Schedule: [`schedule`] computes when a form is sent and when it is due.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::program::Date;

/// Longest form title, in characters (each language).
pub const MAX_TITLE: usize = 160;
/// Longest question text, in characters (each language).
pub const MAX_QUESTION_TEXT: usize = 500;
/// Longest option label, in characters (each language).
pub const MAX_OPTION_LABEL: usize = 120;
/// Longest question or option key, in characters.
pub const MAX_KEY: usize = 40;
/// Most questions in one form.
pub const MAX_QUESTIONS: usize = 30;
/// How many options a single or multiple choice question has.
pub const OPTION_COUNT: RangeInclusive<usize> = 2..=12;
/// Days a participant has to answer, counted from the day the form is sent.
pub const DUE_DAYS: RangeInclusive<i32> = 1..=60;
/// Values of a rating question (stars).
pub const RATING_RANGE: RangeInclusive<u8> = 1..=5;
/// Values of a scale question (0–10, the NPS question).
pub const SCALE_RANGE: RangeInclusive<u8> = 0..=10;
/// Longest free-text answer, in characters.
pub const MAX_ANSWER_TEXT: usize = 2000;
/// Fewest answers an aggregate of an anonymous form needs before HR sees it; below this a
/// respondent could be recognised. Anonymous results are released in groups of this size: see
/// [`question_results`].
pub const MIN_GROUP_SIZE: usize = 3;

/// What kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// 1 to 5 ([`RATING_RANGE`]).
    Rating,
    /// 0 to 10 ([`SCALE_RANGE`]); used for the net promoter score.
    Scale,
    /// Exactly one of the options.
    Single,
    /// Any number of the options.
    Multi,
    /// Free text up to [`MAX_ANSWER_TEXT`] characters.
    Text,
}

impl QuestionKind {
    /// Every kind, in the order a form builder offers them.
    pub const ALL: [QuestionKind; 5] = [
        QuestionKind::Rating,
        QuestionKind::Scale,
        QuestionKind::Single,
        QuestionKind::Multi,
        QuestionKind::Text,
    ];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Rating => "rating",
            QuestionKind::Scale => "scale",
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Text => "text",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the answer is picked from the question's options.
    pub fn is_choice(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multi)
    }

    /// The allowed numbers of a numeric kind (rating, scale); `None` for the others.
    pub fn value_range(self) -> Option<RangeInclusive<u8>> {
        match self {
            QuestionKind::Rating => Some(RATING_RANGE),
            QuestionKind::Scale => Some(SCALE_RANGE),
            _ => None,
        }
    }
}

/// One option of a single or multiple choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Stable slug stored with answers; unique within its question.
    #[serde(default)]
    pub key: String,
    /// Spanish label.
    pub label_es: String,
    /// English label.
    pub label_en: String,
}

impl ChoiceOption {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.label_es,
            Lang::En => &self.label_en,
        }
    }
}

/// One question of a feedback form, as stored (JSON) in the form's `questions` list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable slug that answers refer to; unique within the form.
    #[serde(default)]
    pub key: String,
    /// What kind of answer is asked for.
    pub kind: QuestionKind,
    /// Whether the question must be answered.
    #[serde(default)]
    pub required: bool,
    /// Spanish text.
    pub text_es: String,
    /// English text.
    pub text_en: String,
    /// The options of a choice question; empty for the other kinds.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
}

impl Question {
    /// The question text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.text_es,
            Lang::En => &self.text_en,
        }
    }

    /// The option with this key.
    pub fn option(&self, key: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.key == key)
    }
}

/// Who a form is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The (junior) mentors of each pair.
    Mentors,
    /// The (senior) mentees of each pair.
    Mentees,
    /// Both sides of each pair.
    Both,
}

impl Audience {
    /// Every audience, in the order a form lists them.
    pub const ALL: [Audience; 3] = [Audience::Mentors, Audience::Mentees, Audience::Both];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Mentors => "mentors",
            Audience::Mentees => "mentees",
            Audience::Both => "both",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether someone on the mentor side (`true`) or the mentee side of a pair gets the form.
    pub fn includes(self, is_mentor: bool) -> bool {
        match self {
            Audience::Mentors => is_mentor,
            Audience::Mentees => !is_mentor,
            Audience::Both => true,
        }
    }
}

/// When a form is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// After each held meeting, on the meeting's day.
    AfterMeeting,
    /// Half way through the program.
    Midpoint,
    /// On the program's last day.
    End,
    /// When HR sends it.
    Manual,
}

impl Trigger {
    /// Every trigger, in the order a form lists them.
    pub const ALL: [Trigger; 4] = [
        Trigger::AfterMeeting,
        Trigger::Midpoint,
        Trigger::End,
        Trigger::Manual,
    ];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::AfterMeeting => "after_meeting",
            Trigger::Midpoint => "midpoint",
            Trigger::End => "end",
            Trigger::Manual => "manual",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Trigger> {
        Trigger::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A feedback form as HR's form builder sends it. Audience and trigger are the stored names
/// ([`Audience::as_str`], [`Trigger::as_str`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormInput {
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// `after_meeting`, `midpoint`, `end` or `manual`.
    pub trigger: String,
    /// Days to answer ([`DUE_DAYS`]).
    pub due_days: i32,
    /// Whether HR sees only aggregates (never who answered what).
    pub anonymous: bool,
    /// The questions in order.
    pub questions: Vec<Question>,
}

/// A checked form: texts trimmed, keys lower-case slugs (generated where empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidForm {
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Who gets the form.
    pub audience: Audience,
    /// When it is sent.
    pub trigger: Trigger,
    /// Days to answer, 1–60.
    pub due_days: u32,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
    /// 1 to [`MAX_QUESTIONS`] questions.
    pub questions: Vec<Question>,
}

impl ValidForm {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.title_es,
            Lang::En => &self.title_en,
        }
    }
}

/// What is wrong with a form. Question and option numbers count from 1, as the page shows them
/// ("Question 3: the Spanish text is missing").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum FormError {
    /// A title is empty.
    #[error("the {} title is missing", .lang.code())]
    TitleMissing {
        /// Which title.
        lang: Lang,
    },
    /// A title is longer than [`MAX_TITLE`].
    #[error("the {} title is too long", .lang.code())]
    TitleTooLong {
        /// Which title.
        lang: Lang,
    },
    /// Not one of mentors, mentees, both.
    #[error("unknown audience")]
    Audience,
    /// Not one of after_meeting, midpoint, end, manual.
    #[error("unknown trigger")]
    Trigger,
    /// Days to answer outside [`DUE_DAYS`].
    #[error("the days to answer must be 1 to 60")]
    DueDays,
    /// The form has no question.
    #[error("a form needs at least one question")]
    NoQuestions,
    /// More than [`MAX_QUESTIONS`] questions.
    #[error("a form has at most 30 questions")]
    TooManyQuestions,
    /// The key is not a slug (a lower-case letter, then letters, digits, `_` or `-`; at most
    /// [`MAX_KEY`] characters).
    #[error("question {question}: the key must be a short slug")]
    QuestionKey {
        /// Question number, from 1.
        question: usize,
    },
    /// An earlier question has the same key.
    #[error("question {question}: another question has the same key")]
    DuplicateQuestionKey {
        /// Question number, from 1.
        question: usize,
    },
    /// The question text is empty in one language.
    #[error("question {question}: the {} text is missing", .lang.code())]
    QuestionTextMissing {
        /// Question number, from 1.
        question: usize,
        /// Which text.
        lang: Lang,
    },
    /// The question text is longer than [`MAX_QUESTION_TEXT`].
    #[error("question {question}: the {} text is too long", .lang.code())]
    QuestionTextTooLong {
        /// Question number, from 1.
        question: usize,
        /// Which text.
        lang: Lang,
    },
    /// A choice question without 2–12 options.
    #[error("question {question}: a choice needs 2 to 12 options")]
    OptionCount {
        /// Question number, from 1.
        question: usize,
    },
    /// A rating, scale or text question with options.
    #[error("question {question}: only choice questions have options")]
    OptionsNotAllowed {
        /// Question number, from 1.
        question: usize,
    },
    /// An option key that is not a slug.
    #[error("question {question}, option {option}: the key must be a short slug")]
    OptionKey {
        /// Question number, from 1.
        question: usize,
        /// Option number, from 1.
        option: usize,
    },
    /// An earlier option of the same question has the same key.
    #[error("question {question}, option {option}: another option has the same key")]
    DuplicateOptionKey {
        /// Question number, from 1.
        question: usize,
        /// Option number, from 1.
        option: usize,
    },
    /// An option label is empty in one language.
    #[error("question {question}, option {option}: the {} label is missing", .lang.code())]
    OptionLabelMissing {
        /// Question number, from 1.
        question: usize,
        /// Option number, from 1.
        option: usize,
        /// Which label.
        lang: Lang,
    },
    /// An option label is longer than [`MAX_OPTION_LABEL`].
    #[error("question {question}, option {option}: the {} label is too long", .lang.code())]
    OptionLabelTooLong {
        /// Question number, from 1.
        question: usize,
        /// Option number, from 1.
        option: usize,
        /// Which label.
        lang: Lang,
    },
    /// [`move_question`] was given a position past the end.
    #[error("there is no question {question}")]
    NoSuchQuestion {
        /// Question number, from 1.
        question: usize,
    },
}

impl FormError {
    /// The question (numbered from 1) the problem belongs to, if any.
    pub fn question(self) -> Option<usize> {
        match self {
            FormError::QuestionKey { question }
            | FormError::DuplicateQuestionKey { question }
            | FormError::QuestionTextMissing { question, .. }
            | FormError::QuestionTextTooLong { question, .. }
            | FormError::OptionCount { question }
            | FormError::OptionsNotAllowed { question }
            | FormError::OptionKey { question, .. }
            | FormError::DuplicateOptionKey { question, .. }
            | FormError::OptionLabelMissing { question, .. }
            | FormError::OptionLabelTooLong { question, .. }
            | FormError::NoSuchQuestion { question } => Some(question),
            FormError::TitleMissing { .. }
            | FormError::TitleTooLong { .. }
            | FormError::Audience
            | FormError::Trigger
            | FormError::DueDays
            | FormError::NoQuestions
            | FormError::TooManyQuestions => None,
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Whether `key` is a slug: a lower-case ASCII letter, then lower-case letters, digits, `_` or
/// `-`, at most [`MAX_KEY`] characters.
pub fn is_slug(key: &str) -> bool {
    let mut cs = key.chars();
    cs.next().is_some_and(|c| c.is_ascii_lowercase())
        && key.len() <= MAX_KEY
        && cs.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'))
}

/// Trims `text` and checks it is present and at most `max` characters; pushes the matching error.
fn bounded(
    text: &str,
    max: usize,
    missing: FormError,
    too_long: FormError,
    errors: &mut Vec<FormError>,
) -> String {
    let t = text.trim();
    if t.is_empty() {
        errors.push(missing);
    } else if chars(t) > max {
        errors.push(too_long);
    }
    t.to_owned()
}

/// Normalises keys (trimmed, lower-cased) and fills the empty ones with `{prefix}{position}`, or
/// the next free number when another entry already uses that key. Returns, for every entry, the
/// key and whether it was typed (only typed keys can be malformed or repeated).
fn keys<'a>(typed: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<(String, bool)> {
    let typed: Vec<String> = typed.map(|k| k.trim().to_ascii_lowercase()).collect();
    let mut taken: BTreeSet<String> = typed.iter().filter(|k| !k.is_empty()).cloned().collect();
    typed
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            if !k.is_empty() {
                return (k, true);
            }
            let generated = (i + 1..)
                .map(|n| format!("{prefix}{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or_default();
            taken.insert(generated.clone());
            (generated, false)
        })
        .collect()
}

fn check_question(number: usize, q: &Question, key: String, errors: &mut Vec<FormError>) -> Question {
    let text_es = bounded(
        &q.text_es,
        MAX_QUESTION_TEXT,
        FormError::QuestionTextMissing {
            question: number,
            lang: Lang::Es,
        },
        FormError::QuestionTextTooLong {
            question: number,
            lang: Lang::Es,
        },
        errors,
    );
    let text_en = bounded(
        &q.text_en,
        MAX_QUESTION_TEXT,
        FormError::QuestionTextMissing {
            question: number,
            lang: Lang::En,
        },
        FormError::QuestionTextTooLong {
            question: number,
            lang: Lang::En,
        },
        errors,
    );
    let mut options = Vec::new();
    if !q.kind.is_choice() {
        if !q.options.is_empty() {
            errors.push(FormError::OptionsNotAllowed { question: number });
        }
    } else {
        if !OPTION_COUNT.contains(&q.options.len()) {
            errors.push(FormError::OptionCount { question: number });
        }
        let option_keys = keys(q.options.iter().map(|o| o.key.as_str()), "o");
        let mut seen = BTreeSet::new();
        for (i, (o, (key, typed))) in q.options.iter().zip(option_keys).enumerate() {
            let option = i + 1;
            if typed && !is_slug(&key) {
                errors.push(FormError::OptionKey {
                    question: number,
                    option,
                });
            } else if !seen.insert(key.clone()) {
                errors.push(FormError::DuplicateOptionKey {
                    question: number,
                    option,
                });
            }
            let mut label = |text: &str, lang: Lang| {
                bounded(
                    text,
                    MAX_OPTION_LABEL,
                    FormError::OptionLabelMissing {
                        question: number,
                        option,
                        lang,
                    },
                    FormError::OptionLabelTooLong {
                        question: number,
                        option,
                        lang,
                    },
                    errors,
                )
            };
            let label_es = label(&o.label_es, Lang::Es);
            let label_en = label(&o.label_en, Lang::En);
            options.push(ChoiceOption {
                key,
                label_es,
                label_en,
            });
        }
    }
    Question {
        key,
        kind: q.kind,
        required: q.required,
        text_es,
        text_en,
        options,
    }
}

fn check_form(input: &FormInput) -> Result<ValidForm, Vec<FormError>> {
    let mut errors = Vec::new();
    let mut title = |text: &str, lang: Lang| {
        bounded(
            text,
            MAX_TITLE,
            FormError::TitleMissing { lang },
            FormError::TitleTooLong { lang },
            &mut errors,
        )
    };
    let title_es = title(&input.title_es, Lang::Es);
    let title_en = title(&input.title_en, Lang::En);
    let audience = Audience::parse(input.audience.trim());
    if audience.is_none() {
        errors.push(FormError::Audience);
    }
    let trigger = Trigger::parse(input.trigger.trim());
    if trigger.is_none() {
        errors.push(FormError::Trigger);
    }
    let due_days = u32::try_from(input.due_days)
        .ok()
        .filter(|_| DUE_DAYS.contains(&input.due_days));
    if due_days.is_none() {
        errors.push(FormError::DueDays);
    }
    if input.questions.is_empty() {
        errors.push(FormError::NoQuestions);
    } else if input.questions.len() > MAX_QUESTIONS {
        errors.push(FormError::TooManyQuestions);
    }
    let question_keys = keys(input.questions.iter().map(|q| q.key.as_str()), "q");
    let mut seen = BTreeSet::new();
    let mut questions = Vec::with_capacity(input.questions.len());
    for (i, (q, (key, typed))) in input.questions.iter().zip(question_keys).enumerate() {
        let number = i + 1;
        if typed && !is_slug(&key) {
            errors.push(FormError::QuestionKey { question: number });
        } else if !seen.insert(key.clone()) {
            errors.push(FormError::DuplicateQuestionKey { question: number });
        }
        questions.push(check_question(number, q, key, &mut errors));
    }
    match (audience, trigger, due_days) {
        (Some(audience), Some(trigger), Some(due_days)) if errors.is_empty() => Ok(ValidForm {
            title_es,
            title_en,
            audience,
            trigger,
            due_days,
            anonymous: input.anonymous,
            questions,
        }),
        _ => Err(errors),
    }
}

/// Checks a form; the first problem found is returned (titles, audience, trigger, days, then the
/// questions in order). Empty question keys become `q1`, `q2`… by position and empty option keys
/// `o1`, `o2`…, skipping numbers another entry already uses.
pub fn validate_form(input: &FormInput) -> Result<ValidForm, FormError> {
    check_form(input).map_err(|errors| {
        // check_form only fails with at least one error.
        errors.first().copied().unwrap_or(FormError::NoQuestions)
    })
}

/// Every problem of a form, in the order [`validate_form`] finds them; empty when it is valid.
/// A form builder uses this to mark every question at once.
pub fn form_problems(input: &FormInput) -> Vec<FormError> {
    check_form(input).err().unwrap_or_default()
}

/// Moves the question at position `from` to position `to` (both from 0, as in the list), shifting
/// the ones between. Keys do not change, so stored answers still match.
pub fn move_question(questions: &mut Vec<Question>, from: usize, to: usize) -> Result<(), FormError> {
    if let Some(&past_end) = [from, to].iter().find(|&&i| i >= questions.len()) {
        return Err(FormError::NoSuchQuestion {
            question: past_end + 1,
        });
    }
    let question = questions.remove(from);
    questions.insert(to, question);
    Ok(())
}

/// A checked answer to one question. Stored as `{"kind": "rating", "value": 4}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    /// 1–5.
    Rating(u8),
    /// 0–10.
    Scale(u8),
    /// The chosen option's key.
    Single(String),
    /// The chosen options' keys, in the question's option order, each once.
    Multi(Vec<String>),
    /// Trimmed free text.
    Text(String),
}

impl AnswerValue {
    /// The kind of question this answers.
    pub fn kind(&self) -> QuestionKind {
        match self {
            AnswerValue::Rating(_) => QuestionKind::Rating,
            AnswerValue::Scale(_) => QuestionKind::Scale,
            AnswerValue::Single(_) => QuestionKind::Single,
            AnswerValue::Multi(_) => QuestionKind::Multi,
            AnswerValue::Text(_) => QuestionKind::Text,
        }
    }

    /// The number of a rating or scale answer within its range; `None` otherwise.
    pub fn number(&self) -> Option<u8> {
        let n = match self {
            AnswerValue::Rating(n) | AnswerValue::Scale(n) => *n,
            _ => return None,
        };
        self.kind().value_range().filter(|r| r.contains(&n)).map(|_| n)
    }

    /// A rating or scale answer on the 1–5 rating scale (a scale value `s` becomes
    /// `1 + 0.4 s`), so answers of both kinds can be averaged together (pairs at risk).
    pub fn normalised_rating(&self) -> Option<f64> {
        let n = f64::from(self.number()?);
        Some(match self {
            AnswerValue::Scale(_) => 1.0 + n * 0.4,
            _ => n,
        })
    }
}

/// Why one answer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AnswerError {
    /// A required question was left unanswered.
    #[error("this question is required")]
    Required,
    /// Not a whole number in the question's range.
    #[error("choose a value in the range")]
    OutOfRange,
    /// A key that is not one of the question's options.
    #[error("unknown option")]
    UnknownOption,
    /// Several values for a question that takes one.
    #[error("choose only one")]
    TooManyValues,
    /// Free text longer than [`MAX_ANSWER_TEXT`].
    #[error("the answer is too long")]
    TooLong,
    /// The key is not a question of the form.
    #[error("not a question of this form")]
    UnknownQuestion,
}

/// Every refused answer of a submission, as (question key, problem): the form's questions in
/// order, then unknown keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} answers need attention", .0.len())]
pub struct AnswerErrors(pub Vec<(String, AnswerError)>);

impl AnswerErrors {
    /// The problem with the answer to question `key`, if any.
    pub fn get(&self, key: &str) -> Option<AnswerError> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, e)| *e)
    }
}

fn answer_one(question: &Question, values: &[&str]) -> Result<Option<AnswerValue>, AnswerError> {
    let one = || match values {
        [] => Ok(None),
        [v] => Ok(Some(*v)),
        _ => Err(AnswerError::TooManyValues),
    };
    let known = |key: &str| {
        question
            .option(key)
            .map(|o| o.key.clone())
            .ok_or(AnswerError::UnknownOption)
    };
    Ok(Some(match question.kind {
        QuestionKind::Rating | QuestionKind::Scale => {
            let Some(v) = one()? else { return Ok(None) };
            let n = v
                .parse::<u8>()
                .ok()
                .filter(|n| question.kind.value_range().is_some_and(|r| r.contains(n)))
                .ok_or(AnswerError::OutOfRange)?;
            if question.kind == QuestionKind::Rating {
                AnswerValue::Rating(n)
            } else {
                AnswerValue::Scale(n)
            }
        }
        QuestionKind::Single => {
            let Some(v) = one()? else { return Ok(None) };
            AnswerValue::Single(known(v)?)
        }
        QuestionKind::Multi => {
            if values.is_empty() {
                return Ok(None);
            }
            for v in values {
                known(v)?;
            }
            AnswerValue::Multi(
                question
                    .options
                    .iter()
                    .filter(|o| values.contains(&o.key.as_str()))
                    .map(|o| o.key.clone())
                    .collect(),
            )
        }
        QuestionKind::Text => {
            let Some(v) = one()? else { return Ok(None) };
            if chars(v) > MAX_ANSWER_TEXT {
                return Err(AnswerError::TooLong);
            }
            AnswerValue::Text(v.to_owned())
        }
    }))
}

/// Checks a submitted form against its questions. `submitted` maps question keys to the posted
/// values (one for most kinds, any number for multiple choice); values are trimmed and blank ones
/// ignored, so a question whose values are all blank is unanswered.
///
/// Returns the answers in question order (unanswered optional questions left out), or every
/// problem at once: unanswered required questions, numbers out of range, unknown options, several
/// values for a one-value question, over-long text, keys that are not questions of the form.
pub fn validate_answers(
    form_questions: &[Question],
    submitted: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<(String, AnswerValue)>, AnswerErrors> {
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    for q in form_questions {
        let values: Vec<&str> = submitted
            .get(&q.key)
            .map(|vs| vs.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect())
            .unwrap_or_default();
        match answer_one(q, &values) {
            Ok(Some(answer)) => answers.push((q.key.clone(), answer)),
            Ok(None) if q.required => errors.push((q.key.clone(), AnswerError::Required)),
            Ok(None) => {}
            Err(e) => errors.push((q.key.clone(), e)),
        }
    }
    for key in submitted.keys() {
        if !form_questions.iter().any(|q| &q.key == key) {
            errors.push((key.clone(), AnswerError::UnknownQuestion));
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(AnswerErrors(errors))
    }
}

/// HR's summary of the answers to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionSummary {
    /// The question's key.
    pub key: String,
    /// The question's kind.
    pub kind: QuestionKind,
    /// How many answers were counted (respondents, for multiple choice).
    pub count: usize,
    /// Mean of a rating or scale question; `None` for other kinds or without answers.
    pub average: Option<f64>,
    /// Answers per value (`"1"`…`"5"`, `"0"`…`"10"`) or per option key in the question's order,
    /// zeros included; empty for text. For multiple choice each chosen option counts.
    pub distribution: Vec<(String, usize)>,
    /// Net promoter score of a scale question, −100 to 100; `None` otherwise or without answers.
    pub nps: Option<i32>,
    /// The free-text answers, in the order given; empty for other kinds.
    pub texts: Vec<String>,
}

/// The net promoter score of 0–10 answers: the share of promoters (9–10) minus the share of
/// detractors (0–6), in percent rounded half away from zero. Values over 10 are ignored; `None`
/// without answers.
pub fn nps(scores: &[u8]) -> Option<i32> {
    let counted: Vec<u8> = scores
        .iter()
        .copied()
        .filter(|s| SCALE_RANGE.contains(s))
        .collect();
    let total = i64::try_from(counted.len()).ok().filter(|&n| n > 0)?;
    let promoters = counted.iter().filter(|&&s| s >= 9).count();
    let detractors = counted.iter().filter(|&&s| s <= 6).count();
    let diff = i64::try_from(promoters).ok()? - i64::try_from(detractors).ok()?;
    // round(100 · diff / total), half away from zero, in integers.
    let rounded = (200 * diff.abs() + total) / (2 * total);
    i32::try_from(rounded * diff.signum()).ok()
}

/// Summarises the answers to `question`. Answers of another kind than the question's, numbers out
/// of range and unknown option keys (left from an earlier version of the form) are not counted;
/// nor are blank texts.
pub fn aggregate(question: &Question, answers: &[AnswerValue]) -> QuestionSummary {
    let mut summary = QuestionSummary {
        key: question.key.clone(),
        kind: question.kind,
        count: 0,
        average: None,
        distribution: Vec::new(),
        nps: None,
        texts: Vec::new(),
    };
    let counted = answers.iter().filter(|a| a.kind() == question.kind);
    match question.kind {
        QuestionKind::Rating | QuestionKind::Scale => {
            let range = question.kind.value_range().unwrap_or(RATING_RANGE);
            let numbers: Vec<u8> = counted.filter_map(AnswerValue::number).collect();
            summary.distribution = range
                .map(|v| (v.to_string(), numbers.iter().filter(|&&n| n == v).count()))
                .collect();
            summary.count = numbers.len();
            if !numbers.is_empty() {
                let sum: f64 = numbers.iter().map(|&n| f64::from(n)).sum();
                summary.average = Some(sum / numbers.len() as f64);
            }
            if question.kind == QuestionKind::Scale {
                summary.nps = nps(&numbers);
            }
        }
        QuestionKind::Single | QuestionKind::Multi => {
            let mut tally: BTreeMap<&str, usize> =
                question.options.iter().map(|o| (o.key.as_str(), 0)).collect();
            for answer in counted {
                let chosen: BTreeSet<&str> = match answer {
                    AnswerValue::Single(k) => BTreeSet::from([k.as_str()]),
                    AnswerValue::Multi(ks) => ks.iter().map(String::as_str).collect(),
                    _ => BTreeSet::new(),
                };
                let mut any = false;
                for key in chosen {
                    if let Some(n) = tally.get_mut(key) {
                        *n += 1;
                        any = true;
                    }
                }
                summary.count += usize::from(any);
            }
            summary.distribution = question
                .options
                .iter()
                .map(|o| (o.key.clone(), tally.get(o.key.as_str()).copied().unwrap_or(0)))
                .collect();
        }
        QuestionKind::Text => {
            summary.texts = counted
                .filter_map(|a| match a {
                    AnswerValue::Text(t) if !t.trim().is_empty() => Some(t.clone()),
                    _ => None,
                })
                .collect();
            summary.count = summary.texts.len();
        }
    }
    summary
}

/// The mean of rating or scale answers per period (e.g. month of the program, numbered from 0),
/// for a trend over the program: `(period, average, count)` sorted by period, only periods with
/// answers. Pass the answers of one question (or of one kind); other kinds and numbers out of
/// range are ignored.
pub fn average_by_period(answers: &[(u32, AnswerValue)]) -> Vec<(u32, f64, usize)> {
    let mut periods: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    for (period, answer) in answers {
        if let Some(n) = answer.number() {
            let entry = periods.entry(*period).or_default();
            entry.0 += u32::from(n);
            entry.1 += 1;
        }
    }
    periods
        .into_iter()
        .map(|(period, (sum, count))| (period, f64::from(sum) / count as f64, count))
        .collect()
}

/// Who is asking to read feedback answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The viewer's employee id.
    pub id: String,
    /// Whether the viewer is HR for the program (its program manager or an admin).
    pub is_hr: bool,
}

/// The facts about one person's answers that decide who may read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerMeta {
    /// Who answered.
    pub respondent_id: String,
    /// The managers of the person the answers are about, up the reporting chain (direct manager
    /// first); empty when the answers are about no one (e.g. about the program).
    pub subject_chain: Vec<String>,
    /// Whether the form is anonymous.
    pub form_anonymous: bool,
}

/// Whether `viewer` may read one person's individual answers (not aggregates). In this order:
///
/// 1. Someone in the reporting chain of the person the answers are about **never** may — not even
///    when they are also HR and the form is not anonymous, nor when they wrote the answers: what a
///    junior mentor writes about a senior never reaches that senior's managers.
/// 2. The respondent may read their own answers.
/// 3. HR may read them when the form is not anonymous.
/// 4. Nobody else (including the person the answers are about).
pub fn may_read_individual(viewer: &Viewer, answer: &AnswerMeta) -> bool {
    if answer.subject_chain.contains(&viewer.id) {
        return false;
    }
    viewer.id == answer.respondent_id || (viewer.is_hr && !answer.form_anonymous)
}

/// What HR may do with one person's answers in the results ([`hr_access`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrAccess {
    /// The answers are about someone in the viewer's reporting chain: they are left out of
    /// every figure this viewer sees (only how many were left out is told).
    pub hidden: bool,
    /// The viewer may read the answers one by one ([`may_read_individual`]).
    pub may_read: bool,
}

/// What HR may do with one person's `answer` in the results of a form. `account_id` is the
/// viewer's account (`account:KEY`); `employee_ids` their employee records (`employee:KEY`),
/// empty for an HR account that is nobody's employee. The reporting-chain rule holds for each
/// of them: if any of their records manages the subject, directly or up the chain, the answers
/// are hidden from this viewer; otherwise they may read them only if every record may
/// ([`may_read_individual`] with `is_hr`), or the account may when there is no record.
pub fn hr_access(account_id: &str, employee_ids: &[String], answer: &AnswerMeta) -> HrAccess {
    let hidden = employee_ids.iter().any(|id| answer.subject_chain.contains(id));
    let as_hr = |id: &str| {
        may_read_individual(
            &Viewer {
                id: id.to_owned(),
                is_hr: true,
            },
            answer,
        )
    };
    let may_read = !hidden
        && if employee_ids.is_empty() {
            as_hr(account_id)
        } else {
            employee_ids.iter().all(|id| as_hr(id))
        };
    HrAccess { hidden, may_read }
}

/// One answer to one question, as HR's results see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultAnswer {
    /// A stable id of the answer (its request's key): orders answers given at the same instant,
    /// and names the answer in [`QuestionResults::counted`].
    pub id: String,
    /// When it was given, in any increasing unit (the app uses microseconds since 1970).
    pub at: i64,
    /// The trend period it was given in (the app uses the month: `year · 12 + month − 1`).
    pub period: u32,
    /// The answer.
    pub value: AnswerValue,
    /// Whether this viewer may not count it (it is about someone in their reporting chain).
    pub hidden: bool,
}

/// One point of a trend: the mean of the rating or scale answers given from period `from` to
/// period `to` (equal when the point covers one period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// First period of the point's answers.
    pub from: u32,
    /// Last period of the point's answers.
    pub to: u32,
    /// Mean value, in the question's own scale (1–5 or 0–10).
    pub average: f64,
    /// How many answers it is made of.
    pub count: usize,
    /// Their ids ([`ResultAnswer::id`]), in the order given.
    pub answers: Vec<String>,
}

/// What HR may see of the answers to one question ([`question_results`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResults {
    /// Count, average, NPS, distribution and free texts of the counted answers.
    pub summary: QuestionSummary,
    /// Averages over time, oldest first; empty for questions that are not rating or scale.
    pub trend: Vec<TrendPoint>,
    /// Whether nothing may be shown yet (an anonymous form without a complete group): then the
    /// summary is empty (count 0, no distribution) and so is the trend.
    pub withheld: bool,
    /// Ids of the answers every figure is made of, in the order given.
    pub counted: Vec<String>,
}

/// Whether `answer` counts in [`aggregate`] of `question` (right kind, number in range, a known
/// option, a text that is not blank).
fn counts(question: &Question, answer: &AnswerValue) -> bool {
    if answer.kind() != question.kind {
        return false;
    }
    match answer {
        AnswerValue::Rating(_) | AnswerValue::Scale(_) => answer.number().is_some(),
        AnswerValue::Single(k) => question.option(k).is_some(),
        AnswerValue::Multi(ks) => ks.iter().any(|k| question.option(k).is_some()),
        AnswerValue::Text(t) => !t.trim().is_empty(),
    }
}

fn trend_point(answers: &[&ResultAnswer]) -> Option<TrendPoint> {
    let numbers: Vec<(u32, u8, &str)> = answers
        .iter()
        .filter_map(|a| Some((a.period, a.value.number()?, a.id.as_str())))
        .collect();
    let count = numbers.len();
    let sum: u32 = numbers.iter().map(|&(_, n, _)| u32::from(n)).sum();
    Some(TrendPoint {
        from: numbers.iter().map(|&(p, _, _)| p).min()?,
        to: numbers.iter().map(|&(p, _, _)| p).max()?,
        average: f64::from(sum) / count as f64,
        count,
        answers: numbers.iter().map(|&(_, _, id)| id.to_owned()).collect(),
    })
}

/// HR's results of one question from its `answers` (in any order), applying the anonymity rule
/// when the form is `anonymous`. Answers the viewer may not count (`hidden`) never appear.
///
/// A form that is not anonymous shows every answer the viewer may count (HR reads them one by
/// one anyway); its trend has one point per period.
///
/// For an anonymous form no figure may single out one person, neither on its own nor by
/// comparing views (two loads before and after one more answer; two viewers; a total and a trend
/// point). So:
///
/// 1. Only answers that count for the question are used ([`aggregate`]'s rules), including the
///    ones hidden from this viewer, ordered by time (`at`), then `id`.
/// 2. In that order they are cut into groups of [`MIN_GROUP_SIZE`]: the first three, the next
///    three, …; the incomplete last group waits for more answers.
/// 3. A group is shown only when it is complete and none of its answers is hidden from the
///    viewer. Every figure (count, average, NPS, distribution, option counts, free texts) is made
///    of the shown groups only; free texts come sorted, not in the order given.
/// 4. Each trend point is made of whole shown groups: those whose last answer falls in the same
///    period, labelled with the periods their answers span (`from`–`to`).
///
/// Every figure is therefore made of at least [`MIN_GROUP_SIZE`] answers, a new answer changes
/// nothing until it completes a group, and any two views (at different times, or of different
/// viewers) differ by whole groups of at least [`MIN_GROUP_SIZE`] answers. This holds while
/// answers are recorded in time order, as the database's clock does. With no shown group the
/// result is `withheld`.
pub fn question_results(question: &Question, answers: &[ResultAnswer], anonymous: bool) -> QuestionResults {
    let mut usable: Vec<&ResultAnswer> = answers
        .iter()
        .filter(|a| !anonymous || counts(question, &a.value))
        .collect();
    usable.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let (shown, trend): (Vec<&ResultAnswer>, Vec<TrendPoint>) = if anonymous {
        let groups: Vec<&[&ResultAnswer]> = usable
            .chunks_exact(MIN_GROUP_SIZE)
            .filter(|g| g.iter().all(|a| !a.hidden))
            .collect();
        let mut by_period: BTreeMap<u32, Vec<&ResultAnswer>> = BTreeMap::new();
        for g in &groups {
            let last = g.iter().map(|a| a.period).max().unwrap_or_default();
            by_period.entry(last).or_default().extend(g.iter().copied());
        }
        (
            groups.concat(),
            by_period.values().filter_map(|g| trend_point(g)).collect(),
        )
    } else {
        let shown: Vec<&ResultAnswer> = usable.into_iter().filter(|a| !a.hidden).collect();
        let mut by_period: BTreeMap<u32, Vec<&ResultAnswer>> = BTreeMap::new();
        for a in &shown {
            by_period.entry(a.period).or_default().push(a);
        }
        let trend = by_period.values().filter_map(|g| trend_point(g)).collect();
        (shown, trend)
    };
    let values: Vec<AnswerValue> = shown.iter().map(|a| a.value.clone()).collect();
    let mut summary = aggregate(question, &values);
    let withheld = anonymous && shown.is_empty();
    if withheld {
        summary.distribution.clear();
    }
    if anonymous {
        summary.texts.sort();
    }
    QuestionResults {
        summary,
        trend,
        withheld,
        counted: shown
            .iter()
            .filter(|a| counts(question, &a.value))
            .map(|a| a.id.clone())
            .collect(),
    }
}

/// When a form is sent and when its answers are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    /// The day the request is sent.
    pub send_on: Date,
    /// The last day to answer: `send_on` plus the form's days to answer.
    pub due_on: Date,
}

/// The day a form with `trigger` is sent in a program running `starts_on`–`ends_on`:
/// mid-point is `starts_on + (ends_on − starts_on) / 2` (rounded down), end is `ends_on`, after a
/// meeting is `event_on` (the meeting's day) and manual is `event_on` (the day HR sends it).
/// `None` when an after-meeting or manual form has no `event_on`.
pub fn send_date(trigger: Trigger, starts_on: Date, ends_on: Date, event_on: Option<Date>) -> Option<Date> {
    match trigger {
        Trigger::Midpoint => starts_on.add_days(starts_on.days_until(ends_on).div_euclid(2)),
        Trigger::End => Some(ends_on),
        Trigger::AfterMeeting | Trigger::Manual => event_on,
    }
}

/// The last day to answer a form sent on `sent_on`: `due_days` later. `None` past the year 2200.
pub fn due_date(sent_on: Date, due_days: u32) -> Option<Date> {
    sent_on.add_days(i64::from(due_days))
}

/// [`send_date`] and [`due_date`] together.
pub fn schedule(
    trigger: Trigger,
    starts_on: Date,
    ends_on: Date,
    event_on: Option<Date>,
    due_days: u32,
) -> Option<Schedule> {
    let send_on = send_date(trigger, starts_on, ends_on, event_on)?;
    Some(Schedule {
        send_on,
        due_on: due_date(send_on, due_days)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(key: &str, es: &str, en: &str) -> ChoiceOption {
        ChoiceOption {
            key: key.into(),
            label_es: es.into(),
            label_en: en.into(),
        }
    }

    fn question(key: &str, kind: QuestionKind) -> Question {
        let options = if kind.is_choice() {
            vec![
                opt("yes", "Sí", "Yes"),
                opt("no", "No", "No"),
                opt("maybe", "Quizá", "Maybe"),
            ]
        } else {
            Vec::new()
        };
        Question {
            key: key.into(),
            kind,
            required: true,
            text_es: format!("¿Pregunta {key}?"),
            text_en: format!("Question {key}?"),
            options,
        }
    }

    fn input() -> FormInput {
        FormInput {
            title_es: "  Seguimiento ".into(),
            title_en: "Check-in".into(),
            audience: "both".into(),
            trigger: "after_meeting".into(),
            due_days: 7,
            anonymous: true,
            questions: QuestionKind::ALL
                .iter()
                .map(|k| question(k.as_str(), *k))
                .collect(),
        }
    }

    #[test]
    fn names_round_trip() {
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(k.as_str()), Some(k));
        }
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a));
        }
        for t in Trigger::ALL {
            assert_eq!(Trigger::parse(t.as_str()), Some(t));
        }
        let audiences: Vec<_> = Audience::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            audiences,
            ["mentors", "mentees", "both"],
            "the names in the db schema"
        );
        let triggers: Vec<_> = Trigger::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(triggers, ["after_meeting", "midpoint", "end", "manual"]);
        assert_eq!(QuestionKind::parse("Rating"), None);
        assert_eq!(Audience::parse("all"), None);
        assert_eq!(Trigger::parse(""), None);
        assert_eq!(
            serde_json::to_string(&QuestionKind::Multi).unwrap(),
            "\"multi\"",
            "serde and as_str agree"
        );
    }

    #[test]
    fn kinds_and_audiences() {
        assert!(QuestionKind::Single.is_choice() && QuestionKind::Multi.is_choice());
        assert!(!QuestionKind::Rating.is_choice() && !QuestionKind::Text.is_choice());
        assert_eq!(QuestionKind::Rating.value_range(), Some(1..=5));
        assert_eq!(QuestionKind::Scale.value_range(), Some(0..=10));
        assert_eq!(QuestionKind::Text.value_range(), None);
        assert!(Audience::Mentors.includes(true) && !Audience::Mentors.includes(false));
        assert!(Audience::Mentees.includes(false) && !Audience::Mentees.includes(true));
        assert!(Audience::Both.includes(true) && Audience::Both.includes(false));
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let mut i = input();
        i.questions[0].text_es = "  ¿Qué tal?\n".into();
        i.questions[1].key = " NPS ".into();
        let v = validate_form(&i).unwrap();
        assert_eq!(v.title_es, "Seguimiento");
        assert_eq!(v.title(Lang::En), "Check-in");
        assert_eq!(
            (v.audience, v.trigger, v.due_days),
            (Audience::Both, Trigger::AfterMeeting, 7)
        );
        assert!(v.anonymous);
        assert_eq!(v.questions.len(), 5);
        assert_eq!(v.questions[0].text(Lang::Es), "¿Qué tal?");
        assert_eq!(v.questions[1].key, "nps", "keys are trimmed and lower-cased");
        assert_eq!(
            v.questions[2].option("maybe").map(|o| o.label(Lang::Es)),
            Some("Quizá")
        );
        assert!(form_problems(&i).is_empty());
    }

    #[test]
    fn empty_keys_come_from_the_position_and_avoid_taken_ones() {
        let mut i = input();
        for q in &mut i.questions {
            q.key.clear();
        }
        i.questions[3].key = "q2".into();
        i.questions[2].options[1].key.clear();
        i.questions[2].options[0].key = "o2".into();
        i.questions[2].options[2].key.clear();
        let v = validate_form(&i).unwrap();
        let keys: Vec<_> = v.questions.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["q1", "q3", "q4", "q2", "q5"]);
        let options: Vec<_> = v.questions[2].options.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(options, ["o2", "o3", "o4"]);
    }

    #[test]
    fn form_level_fields_are_checked() {
        let check = |f: fn(&mut FormInput)| {
            let mut i = input();
            f(&mut i);
            validate_form(&i).unwrap_err()
        };
        assert_eq!(
            check(|i| i.title_es = " ".into()),
            FormError::TitleMissing { lang: Lang::Es }
        );
        assert_eq!(
            check(|i| i.title_en.clear()),
            FormError::TitleMissing { lang: Lang::En }
        );
        assert_eq!(
            check(|i| i.title_en = "é".repeat(161)),
            FormError::TitleTooLong { lang: Lang::En }
        );
        assert_eq!(check(|i| i.audience = "everyone".into()), FormError::Audience);
        assert_eq!(check(|i| i.trigger = "weekly".into()), FormError::Trigger);
        assert_eq!(check(|i| i.due_days = 0), FormError::DueDays);
        assert_eq!(check(|i| i.due_days = 61), FormError::DueDays);
        assert_eq!(check(|i| i.due_days = -3), FormError::DueDays);
        assert_eq!(check(|i| i.questions.clear()), FormError::NoQuestions);
        assert_eq!(
            check(|i| i.questions = (0..31).map(|_| question("", QuestionKind::Rating)).collect()),
            FormError::TooManyQuestions
        );
    }

    #[test]
    fn bounds_are_inclusive() {
        let mut i = input();
        i.title_es = "é".repeat(MAX_TITLE);
        i.due_days = 1;
        i.questions[0].text_en = "x".repeat(MAX_QUESTION_TEXT);
        i.questions[2].options = (0..12)
            .map(|_| opt("", "é", &"x".repeat(MAX_OPTION_LABEL)))
            .collect();
        i.questions[3].options.truncate(2);
        i.questions[4].key = format!("a{}", "b".repeat(MAX_KEY - 1));
        assert!(validate_form(&i).is_ok());
        i.due_days = 60;
        i.questions = (0..MAX_QUESTIONS)
            .map(|_| question("", QuestionKind::Text))
            .collect();
        assert!(validate_form(&i).is_ok());
    }

    /// A change to the good form and the error it must cause.
    type Case = (fn(&mut FormInput), FormError);

    #[test]
    fn every_question_problem_names_its_question() {
        let es = Lang::Es;
        let en = Lang::En;
        let cases: Vec<Case> = vec![
            (
                |i| i.questions[2].key = "1st".into(),
                FormError::QuestionKey { question: 3 },
            ),
            (
                |i| i.questions[2].key = "sí".into(),
                FormError::QuestionKey { question: 3 },
            ),
            (
                |i| i.questions[2].key = "a b".into(),
                FormError::QuestionKey { question: 3 },
            ),
            (
                |i| i.questions[2].key = "a".repeat(41),
                FormError::QuestionKey { question: 3 },
            ),
            (
                |i| i.questions[3].key = "SINGLE".into(),
                FormError::DuplicateQuestionKey { question: 4 },
            ),
            (
                |i| i.questions[2].text_es = "\t".into(),
                FormError::QuestionTextMissing {
                    question: 3,
                    lang: es,
                },
            ),
            (
                |i| i.questions[0].text_en.clear(),
                FormError::QuestionTextMissing {
                    question: 1,
                    lang: en,
                },
            ),
            (
                |i| i.questions[4].text_es = "x".repeat(501),
                FormError::QuestionTextTooLong {
                    question: 5,
                    lang: es,
                },
            ),
            (
                |i| i.questions[2].options.truncate(1),
                FormError::OptionCount { question: 3 },
            ),
            (
                |i| i.questions[3].options.clear(),
                FormError::OptionCount { question: 4 },
            ),
            (
                |i| i.questions[3].options = (0..13).map(|_| opt("", "a", "a")).collect(),
                FormError::OptionCount { question: 4 },
            ),
            (
                |i| i.questions[0].options = vec![opt("a", "a", "a"), opt("b", "b", "b")],
                FormError::OptionsNotAllowed { question: 1 },
            ),
            (
                |i| i.questions[4].options = vec![opt("a", "a", "a")],
                FormError::OptionsNotAllowed { question: 5 },
            ),
            (
                |i| i.questions[2].options[1].key = "no way".into(),
                FormError::OptionKey {
                    question: 3,
                    option: 2,
                },
            ),
            (
                |i| i.questions[2].options[2].key = "YES".into(),
                FormError::DuplicateOptionKey {
                    question: 3,
                    option: 3,
                },
            ),
            (
                |i| i.questions[3].options[0].label_es = " ".into(),
                FormError::OptionLabelMissing {
                    question: 4,
                    option: 1,
                    lang: es,
                },
            ),
            (
                |i| i.questions[3].options[2].label_en.clear(),
                FormError::OptionLabelMissing {
                    question: 4,
                    option: 3,
                    lang: en,
                },
            ),
            (
                |i| i.questions[3].options[1].label_en = "x".repeat(121),
                FormError::OptionLabelTooLong {
                    question: 4,
                    option: 2,
                    lang: en,
                },
            ),
        ];
        for (change, want) in cases {
            let mut i = input();
            change(&mut i);
            assert_eq!(validate_form(&i), Err(want), "{want}");
            assert_eq!(form_problems(&i), vec![want]);
            assert!(want.question().is_some());
        }
    }

    #[test]
    fn all_problems_are_listed_in_order() {
        let mut i = input();
        i.title_en.clear();
        i.due_days = 0;
        i.questions[1].text_es.clear();
        i.questions[1].text_en.clear();
        i.questions[4].key = "rating".into();
        let problems = form_problems(&i);
        assert_eq!(
            problems,
            [
                FormError::TitleMissing { lang: Lang::En },
                FormError::DueDays,
                FormError::QuestionTextMissing {
                    question: 2,
                    lang: Lang::Es
                },
                FormError::QuestionTextMissing {
                    question: 2,
                    lang: Lang::En
                },
                FormError::DuplicateQuestionKey { question: 5 },
            ]
        );
        assert_eq!(
            validate_form(&i),
            Err(problems[0]),
            "the first is the one returned"
        );
        assert_eq!(problems[0].question(), None);
        assert_eq!(problems[4].question(), Some(5));
    }

    #[test]
    fn errors_read_well_and_serialise() {
        let e = FormError::QuestionTextMissing {
            question: 3,
            lang: Lang::Es,
        };
        assert_eq!(e.to_string(), "question 3: the es text is missing");
        assert_eq!(
            serde_json::to_value(e).unwrap(),
            serde_json::json!({"error": "question_text_missing", "question": 3, "lang": "es"})
        );
        assert_eq!(
            FormError::OptionLabelTooLong {
                question: 1,
                option: 2,
                lang: Lang::En
            }
            .to_string(),
            "question 1, option 2: the en label is too long"
        );
    }

    #[test]
    fn questions_move() {
        let mut qs: Vec<Question> = ["a", "b", "c", "d"]
            .iter()
            .map(|k| question(k, QuestionKind::Text))
            .collect();
        let keys = |qs: &[Question]| qs.iter().map(|q| q.key.clone()).collect::<Vec<_>>().join("");
        move_question(&mut qs, 0, 2).unwrap();
        assert_eq!(keys(&qs), "bcad");
        move_question(&mut qs, 3, 0).unwrap();
        assert_eq!(keys(&qs), "dbca");
        move_question(&mut qs, 1, 1).unwrap();
        assert_eq!(keys(&qs), "dbca");
        assert_eq!(
            move_question(&mut qs, 4, 0),
            Err(FormError::NoSuchQuestion { question: 5 })
        );
        assert_eq!(
            move_question(&mut qs, 0, 7),
            Err(FormError::NoSuchQuestion { question: 8 })
        );
        assert_eq!(keys(&qs), "dbca", "nothing moved");
        assert_eq!(
            move_question(&mut Vec::new(), 0, 0),
            Err(FormError::NoSuchQuestion { question: 1 })
        );
    }

    #[test]
    fn questions_round_trip_as_json() {
        let q = question("who", QuestionKind::Single);
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<Question>(&json).unwrap(), q);
        let minimal: Question =
            serde_json::from_str(r#"{"kind":"text","text_es":"¿Algo más?","text_en":"Anything else?"}"#)
                .unwrap();
        assert_eq!((minimal.key.as_str(), minimal.required), ("", false));
        assert!(minimal.options.is_empty());
    }

    fn posted(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(k, vs)| (k.to_string(), vs.iter().map(|v| v.to_string()).collect()))
            .collect()
    }

    fn form_questions() -> Vec<Question> {
        validate_form(&input()).unwrap().questions
    }

    #[test]
    fn good_answers_are_typed_in_question_order() {
        let answers = validate_answers(
            &form_questions(),
            &posted(&[
                ("text", &["  Muy útil  "]),
                ("rating", &["5"]),
                ("scale", &[" 0 "]),
                ("single", &["maybe"]),
                ("multi", &["maybe", "yes", "maybe", ""]),
            ]),
        )
        .unwrap();
        assert_eq!(
            answers,
            [
                ("rating".to_string(), AnswerValue::Rating(5)),
                ("scale".into(), AnswerValue::Scale(0)),
                ("single".into(), AnswerValue::Single("maybe".into())),
                (
                    "multi".into(),
                    AnswerValue::Multi(vec!["yes".into(), "maybe".into()])
                ),
                ("text".into(), AnswerValue::Text("Muy útil".into())),
            ]
        );
    }

    #[test]
    fn optional_questions_may_be_skipped_or_left_blank() {
        let mut qs = form_questions();
        for q in &mut qs {
            q.required = false;
        }
        assert_eq!(validate_answers(&qs, &BTreeMap::new()), Ok(vec![]));
        let blank = posted(&[
            ("rating", &[""]),
            ("single", &[" "]),
            ("multi", &[]),
            ("text", &["\n"]),
        ]);
        assert_eq!(validate_answers(&qs, &blank), Ok(vec![]));
    }

    #[test]
    fn every_bad_answer_is_reported_at_once() {
        let errors = validate_answers(
            &form_questions(),
            &posted(&[
                ("rating", &["6"]),
                ("scale", &["11"]),
                ("single", &["yes", "no"]),
                ("multi", &["yes", "perhaps"]),
                ("text", &[&"x".repeat(2001)]),
                ("extra", &["1"]),
            ]),
        )
        .unwrap_err();
        assert_eq!(
            errors.0,
            [
                ("rating".to_string(), AnswerError::OutOfRange),
                ("scale".into(), AnswerError::OutOfRange),
                ("single".into(), AnswerError::TooManyValues),
                ("multi".into(), AnswerError::UnknownOption),
                ("text".into(), AnswerError::TooLong),
                ("extra".into(), AnswerError::UnknownQuestion),
            ]
        );
        assert_eq!(errors.get("scale"), Some(AnswerError::OutOfRange));
        assert_eq!(errors.get("nothing"), None);
        assert_eq!(errors.to_string(), "6 answers need attention");
    }

    #[test]
    fn answer_values_are_checked_per_kind() {
        let qs = form_questions();
        let one = |key: &str, values: &[&str]| {
            validate_answers(&qs, &posted(&[(key, values)]))
                .unwrap_err()
                .get(key)
        };
        assert_eq!(one("rating", &["0"]), Some(AnswerError::OutOfRange));
        assert_eq!(one("rating", &["4.5"]), Some(AnswerError::OutOfRange));
        assert_eq!(one("rating", &["-1"]), Some(AnswerError::OutOfRange));
        assert_eq!(one("rating", &["cinco"]), Some(AnswerError::OutOfRange));
        assert_eq!(one("rating", &["3", "4"]), Some(AnswerError::TooManyValues));
        assert_eq!(one("scale", &["300"]), Some(AnswerError::OutOfRange));
        assert_eq!(
            one("single", &["Yes"]),
            Some(AnswerError::UnknownOption),
            "keys, not labels"
        );
        assert_eq!(one("text", &["a", "b"]), Some(AnswerError::TooManyValues));
        // The rest of the (required) questions are reported as missing.
        let errors = validate_answers(&qs, &posted(&[("rating", &["1"])])).unwrap_err();
        let missing: Vec<_> = errors.0.iter().map(|(k, e)| (k.as_str(), *e)).collect();
        assert_eq!(
            missing,
            [
                ("scale", AnswerError::Required),
                ("single", AnswerError::Required),
                ("multi", AnswerError::Required),
                ("text", AnswerError::Required),
            ]
        );
        // Bounds of each range and of the text are accepted.
        let ok = posted(&[
            ("rating", &["1"]),
            ("scale", &["10"]),
            ("single", &["no"]),
            ("multi", &["no"]),
            ("text", &[&"ñ".repeat(2000)]),
        ]);
        assert!(validate_answers(&qs, &ok).is_ok());
    }

    #[test]
    fn answers_serialise_with_their_kind() {
        assert_eq!(
            serde_json::to_value(AnswerValue::Rating(4)).unwrap(),
            serde_json::json!({"kind": "rating", "value": 4})
        );
        let multi = AnswerValue::Multi(vec!["a".into(), "b".into()]);
        let json = serde_json::to_string(&multi).unwrap();
        assert_eq!(serde_json::from_str::<AnswerValue>(&json).unwrap(), multi);
    }

    #[test]
    fn answer_numbers_and_normalised_ratings() {
        assert_eq!(AnswerValue::Rating(3).number(), Some(3));
        assert_eq!(AnswerValue::Rating(0).number(), None, "out of range");
        assert_eq!(AnswerValue::Scale(10).number(), Some(10));
        assert_eq!(AnswerValue::Scale(11).number(), None);
        assert_eq!(AnswerValue::Text("5".into()).number(), None);
        assert_eq!(AnswerValue::Rating(4).normalised_rating(), Some(4.0));
        assert_eq!(AnswerValue::Scale(0).normalised_rating(), Some(1.0));
        assert_eq!(AnswerValue::Scale(10).normalised_rating(), Some(5.0));
        assert_eq!(AnswerValue::Scale(5).normalised_rating(), Some(3.0));
        assert_eq!(AnswerValue::Single("yes".into()).normalised_rating(), None);
        assert_eq!(AnswerValue::Multi(vec![]).kind(), QuestionKind::Multi);
    }

    #[test]
    fn rating_summary() {
        let q = question("r", QuestionKind::Rating);
        let answers = [
            AnswerValue::Rating(5),
            AnswerValue::Rating(4),
            AnswerValue::Rating(4),
            AnswerValue::Rating(0),
            AnswerValue::Scale(3),
        ];
        let s = aggregate(&q, &answers);
        assert_eq!(s.count, 3, "out of range and other kinds are not counted");
        assert!((s.average.unwrap() - 13.0 / 3.0).abs() < 1e-9);
        let counts: Vec<usize> = s.distribution.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [0, 0, 0, 2, 1]);
        assert_eq!(s.distribution[0].0, "1");
        assert_eq!(s.nps, None, "NPS is for scale questions");
        assert!(s.texts.is_empty());
        let empty = aggregate(&q, &[]);
        assert_eq!((empty.count, empty.average), (0, None));
        assert_eq!(empty.distribution.len(), 5);
    }

    #[test]
    fn scale_summary_has_nps() {
        let q = question("nps", QuestionKind::Scale);
        let scores = [10, 9, 8, 7, 6, 0];
        let answers: Vec<_> = scores.iter().map(|&s| AnswerValue::Scale(s)).collect();
        let s = aggregate(&q, &answers);
        assert_eq!(s.count, 6);
        assert_eq!(s.average, Some(40.0 / 6.0));
        assert_eq!(s.distribution.len(), 11);
        assert_eq!(s.distribution[10], ("10".to_string(), 1));
        assert_eq!(s.nps, Some(0), "two promoters, two detractors");
        assert_eq!(aggregate(&q, &[]).nps, None);
    }

    #[test]
    fn nps_bounds_and_rounding() {
        assert_eq!(nps(&[]), None);
        assert_eq!(nps(&[10, 9]), Some(100));
        assert_eq!(nps(&[0, 6]), Some(-100));
        assert_eq!(nps(&[7, 8]), Some(0), "passives");
        assert_eq!(nps(&[9, 7, 8]), Some(33));
        assert_eq!(nps(&[9, 9, 8]), Some(67));
        assert_eq!(nps(&[6, 7, 8]), Some(-33));
        assert_eq!(nps(&[6, 6, 8]), Some(-67));
        assert_eq!(
            nps(&[9, 7, 7, 7, 7, 7, 7, 7]),
            Some(13),
            "12.5 rounds away from zero"
        );
        assert_eq!(nps(&[6, 7, 7, 7, 7, 7, 7, 7]), Some(-13));
        assert_eq!(nps(&[11, 10]), Some(100), "values over 10 are ignored");
        assert_eq!(nps(&[11]), None);
    }

    #[test]
    fn choice_summaries_count_each_option() {
        let single = question("s", QuestionKind::Single);
        let s = aggregate(
            &single,
            &[
                AnswerValue::Single("no".into()),
                AnswerValue::Single("no".into()),
                AnswerValue::Single("yes".into()),
                AnswerValue::Single("gone".into()),
                AnswerValue::Rating(3),
            ],
        );
        assert_eq!(s.count, 3, "unknown options and other kinds are not counted");
        assert_eq!(
            s.distribution,
            [("yes".to_string(), 1), ("no".into(), 2), ("maybe".into(), 0)],
            "in the question's option order"
        );
        assert_eq!((s.average, s.nps), (None, None));

        let multi = question("m", QuestionKind::Multi);
        let s = aggregate(
            &multi,
            &[
                AnswerValue::Multi(vec!["yes".into(), "maybe".into()]),
                AnswerValue::Multi(vec!["maybe".into(), "maybe".into()]),
                AnswerValue::Multi(vec!["gone".into()]),
                AnswerValue::Multi(vec![]),
            ],
        );
        assert_eq!(s.count, 2, "respondents with at least one known option");
        assert_eq!(
            s.distribution,
            [("yes".to_string(), 1), ("no".into(), 0), ("maybe".into(), 2)]
        );
    }

    #[test]
    fn text_summary_lists_the_texts() {
        let q = question("t", QuestionKind::Text);
        let s = aggregate(
            &q,
            &[
                AnswerValue::Text("Genial".into()),
                AnswerValue::Text("  ".into()),
                AnswerValue::Text("Más tiempo".into()),
                AnswerValue::Single("yes".into()),
            ],
        );
        assert_eq!(s.count, 2);
        assert_eq!(s.texts, ["Genial", "Más tiempo"]);
        assert!(s.distribution.is_empty());
        assert_eq!(s.average, None);
    }

    #[test]
    fn averages_per_period_make_a_trend() {
        let trend = average_by_period(&[
            (2, AnswerValue::Rating(4)),
            (0, AnswerValue::Rating(2)),
            (2, AnswerValue::Rating(5)),
            (0, AnswerValue::Rating(3)),
            (1, AnswerValue::Text("ignored".into())),
            (3, AnswerValue::Rating(9)),
            (0, AnswerValue::Rating(5)),
        ]);
        assert_eq!(trend, [(0, 10.0 / 3.0, 3), (2, 4.5, 2)]);
        assert_eq!(
            average_by_period(&[(5, AnswerValue::Scale(10)), (5, AnswerValue::Scale(0))]),
            [(5, 5.0, 2)]
        );
        assert!(average_by_period(&[]).is_empty());
    }

    fn viewer(id: &str, is_hr: bool) -> Viewer {
        Viewer { id: id.into(), is_hr }
    }

    fn meta(anonymous: bool) -> AnswerMeta {
        // The junior mentor "ana" wrote about the senior "sr", whose managers are "boss" and "ceo".
        AnswerMeta {
            respondent_id: "ana".into(),
            subject_chain: vec!["boss".into(), "ceo".into()],
            form_anonymous: anonymous,
        }
    }

    #[test]
    fn respondents_read_their_own_answers() {
        assert!(may_read_individual(&viewer("ana", false), &meta(true)));
        assert!(may_read_individual(&viewer("ana", false), &meta(false)));
        assert!(may_read_individual(&viewer("ana", true), &meta(true)));
    }

    #[test]
    fn hr_reads_individual_answers_only_of_forms_that_are_not_anonymous() {
        assert!(may_read_individual(&viewer("hr", true), &meta(false)));
        assert!(!may_read_individual(&viewer("hr", true), &meta(true)));
    }

    #[test]
    fn the_subjects_reporting_chain_never_reads_them() {
        for anonymous in [true, false] {
            for is_hr in [true, false] {
                for manager in ["boss", "ceo"] {
                    assert!(
                        !may_read_individual(&viewer(manager, is_hr), &meta(anonymous)),
                        "{manager} hr={is_hr} anonymous={anonymous}"
                    );
                }
            }
        }
        let mut odd = meta(false);
        odd.subject_chain.push("ana".into());
        assert!(
            !may_read_individual(&viewer("ana", false), &odd),
            "the chain rule comes first, even for the respondent"
        );
    }

    #[test]
    fn nobody_else_reads_individual_answers() {
        assert!(
            !may_read_individual(&viewer("sr", false), &meta(false)),
            "not even the subject"
        );
        assert!(!may_read_individual(&viewer("colleague", false), &meta(false)));
        assert!(!may_read_individual(&viewer("colleague", false), &meta(true)));
        let about_the_program = AnswerMeta {
            subject_chain: vec![],
            ..meta(false)
        };
        assert!(may_read_individual(&viewer("hr", true), &about_the_program));
        assert!(!may_read_individual(&viewer("boss", false), &about_the_program));
    }

    /// An answer given at `at` (period = `at / 100`), by `id`.
    fn given(id: &str, at: i64, value: AnswerValue) -> ResultAnswer {
        ResultAnswer {
            id: id.into(),
            at,
            period: u32::try_from(at / 100).unwrap(),
            value,
            hidden: false,
        }
    }

    #[test]
    fn three_answers_in_march_and_one_in_april_make_no_point_of_one() {
        // Months as the app numbers them: March and April 2027.
        let (march, april) = (2027 * 12 + 2, 2027 * 12 + 3);
        let at = |month: u32, day: i64| i64::from(month) * 100 + day;
        let q = question("q", QuestionKind::Rating);
        let answers = vec![
            given("a", at(march, 3), AnswerValue::Rating(4)),
            given("b", at(march, 10), AnswerValue::Rating(5)),
            given("c", at(march, 20), AnswerValue::Rating(3)),
            given("d", at(april, 2), AnswerValue::Rating(1)),
        ];
        let r = question_results(&q, &answers, true);
        assert!(!r.withheld);
        assert_eq!(r.summary.count, 3, "the fourth answer waits for two more");
        assert_eq!(r.summary.average, Some(4.0));
        assert_eq!(r.counted, ["a", "b", "c"]);
        assert_eq!(r.trend.len(), 1);
        assert_eq!(
            (r.trend[0].from, r.trend[0].to, r.trend[0].count),
            (march, march, 3)
        );
        assert!(r.trend.iter().all(|p| p.count >= MIN_GROUP_SIZE), "{:?}", r.trend);
        // The same answers of a form that is not anonymous: HR reads them one by one anyway.
        let open = question_results(&q, &answers, false);
        assert_eq!(open.summary.count, 4);
        assert_eq!(open.trend.len(), 2);
        assert_eq!(
            (open.trend[1].to, open.trend[1].count, open.trend[1].average),
            (april, 1, 1.0)
        );
    }

    #[test]
    fn anonymous_answers_are_shown_in_whole_groups() {
        let q = question("q", QuestionKind::Rating);
        let ratings = [2, 5, 4, 1, 3, 5, 4];
        let answers: Vec<ResultAnswer> = ratings
            .iter()
            .enumerate()
            .map(|(i, &n)| given(&format!("r{i}"), 100 * i as i64, AnswerValue::Rating(n)))
            .collect();
        let seen = |n: usize| question_results(&q, &answers[..n], true);
        for n in 0..3 {
            let r = seen(n);
            assert!(r.withheld, "{n}");
            assert_eq!((r.summary.count, r.summary.average), (0, None));
            assert!(r.summary.distribution.is_empty() && r.trend.is_empty() && r.counted.is_empty());
        }
        assert_eq!(seen(3).summary.average, Some(11.0 / 3.0));
        assert_eq!(seen(3).summary.distribution[1], ("2".into(), 1));
        // A fourth and fifth answer change nothing; the sixth shows the second group.
        assert_eq!(seen(4), seen(3));
        assert_eq!(seen(5), seen(3));
        assert_eq!(seen(6).summary.count, 6);
        assert_eq!(seen(6).trend.iter().map(|p| p.count).collect::<Vec<_>>(), [3, 3]);
        assert_eq!(seen(7), seen(6));
        // Answers given at the same instant are ordered by id, wherever they are listed.
        let mut reversed = answers.clone();
        reversed.reverse();
        assert_eq!(question_results(&q, &reversed, true), seen(7));
        // A group with an answer hidden from the viewer is not shown at all.
        let mut hidden = answers.clone();
        hidden[4].hidden = true;
        let r = question_results(&q, &hidden, true);
        assert_eq!(r.counted, ["r0", "r1", "r2"]);
        hidden[0].hidden = true;
        assert!(question_results(&q, &hidden[..6], true).withheld);
        // Answers that do not count (another kind, out of range) do not fill a group.
        let mut odd = answers[..3].to_vec();
        odd[1].value = AnswerValue::Rating(9);
        odd.push(given("t", 1, AnswerValue::Text("hola".into())));
        assert!(question_results(&q, &odd, true).withheld);
    }

    #[test]
    fn anonymous_texts_and_options_come_in_whole_groups_and_sorted() {
        let q = question("t", QuestionKind::Text);
        let texts = ["zeta", "alfa", "  ", "mu", "beta"];
        let answers: Vec<ResultAnswer> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| given(&format!("t{i}"), i as i64, AnswerValue::Text((*t).into())))
            .collect();
        let r = question_results(&q, &answers, true);
        assert_eq!(r.summary.texts, ["alfa", "mu", "zeta"], "blank ones do not count");
        assert!(r.trend.is_empty());
        let q = question("m", QuestionKind::Multi);
        let multi = |keys: &[&str]| AnswerValue::Multi(keys.iter().map(|k| (*k).to_owned()).collect());
        let answers = vec![
            given("a", 1, multi(&["yes", "no"])),
            given("b", 2, multi(&["gone"])),
            given("c", 3, multi(&["no"])),
            given("d", 4, multi(&["maybe"])),
        ];
        let r = question_results(&q, &answers, true);
        assert_eq!(r.summary.count, 3);
        assert_eq!(
            r.summary.distribution,
            [("yes".into(), 1), ("no".into(), 2), ("maybe".into(), 1)]
        );
        assert!(question_results(&q, &answers[..3], true).withheld);
    }

    fn any_answer(kind: QuestionKind) -> impl proptest::strategy::Strategy<Value = AnswerValue> {
        use proptest::prelude::*;
        match kind {
            QuestionKind::Rating => (0u8..=6).prop_map(AnswerValue::Rating).boxed(),
            QuestionKind::Scale => (0u8..=11).prop_map(AnswerValue::Scale).boxed(),
            QuestionKind::Single => prop::sample::select(vec!["yes", "no", "maybe", "gone"])
                .prop_map(|k| AnswerValue::Single(k.into()))
                .boxed(),
            QuestionKind::Multi => prop::sample::subsequence(vec!["yes", "no", "maybe", "gone"], 0..=4)
                .prop_map(|ks| AnswerValue::Multi(ks.into_iter().map(String::from).collect()))
                .boxed(),
            QuestionKind::Text => prop::sample::select(vec!["", " ", "sí", "no", "bien", "mal"])
                .prop_map(|t| AnswerValue::Text(t.into()))
                .boxed(),
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Every view HR gets of an anonymous question as answers arrive one by one, seen by two
        /// viewers (one with some answers hidden): each figure (the counted answers, each trend
        /// point) is a set of answers, and intersecting and subtracting all of them across all
        /// views never isolates fewer than `MIN_GROUP_SIZE` answers.
        #[test]
        fn no_view_of_an_anonymous_question_singles_anyone_out(
            (kind, answers) in proptest::sample::select(QuestionKind::ALL.to_vec()).prop_flat_map(|kind| {
                use proptest::prelude::*;
                (
                    Just(kind),
                    proptest::collection::vec((any_answer(kind), 0i64..3, 0u32..2, proptest::bool::weighted(0.15)), 0..24),
                )
            }),
        ) {
            use proptest::prelude::*;
            let q = question("q", kind);
            // Arrival order is time order; several may share an instant or a period.
            let mut at = 0;
            let mut period = 0;
            let given: Vec<ResultAnswer> = answers
                .iter()
                .enumerate()
                .map(|(i, (value, step, next_period, hidden))| {
                    at += step;
                    period += next_period;
                    ResultAnswer { id: format!("{i:03}"), at, period, value: value.clone(), hidden: *hidden }
                })
                .collect();
            let mut sets: Vec<BTreeSet<String>> = Vec::new();
            for n in 0..=given.len() {
                for hide in [false, true] {
                    let seen: Vec<ResultAnswer> = given[..n]
                        .iter()
                        .map(|a| ResultAnswer { hidden: hide && a.hidden, ..a.clone() })
                        .collect();
                    let r = question_results(&q, &seen, true);
                    let counted: BTreeSet<String> = r.counted.iter().cloned().collect();
                    prop_assert_eq!(r.counted.len(), r.summary.count);
                    prop_assert_eq!(counted.len() % MIN_GROUP_SIZE, 0);
                    prop_assert_eq!(r.withheld, counted.is_empty());
                    if r.withheld {
                        prop_assert!(r.summary.average.is_none() && r.summary.nps.is_none());
                        prop_assert!(r.summary.distribution.is_empty() && r.summary.texts.is_empty());
                        prop_assert!(r.trend.is_empty());
                    }
                    prop_assert!(seen.iter().all(|a| !a.hidden || !counted.contains(&a.id)));
                    let mut sorted = r.summary.texts.clone();
                    sorted.sort();
                    prop_assert_eq!(&sorted, &r.summary.texts);
                    for p in &r.trend {
                        prop_assert!(p.count >= MIN_GROUP_SIZE, "{:?}", p);
                        prop_assert!(p.answers.iter().all(|id| counted.contains(id)));
                        sets.push(p.answers.iter().cloned().collect());
                    }
                    sets.push(counted);
                }
            }
            // The finest pieces HR can make of all those sets: answers in exactly the same sets.
            let mut pieces: BTreeMap<Vec<bool>, usize> = BTreeMap::new();
            for a in &given {
                let member: Vec<bool> = sets.iter().map(|s| s.contains(&a.id)).collect();
                if member.iter().any(|&m| m) {
                    *pieces.entry(member).or_default() += 1;
                }
            }
            for (_, size) in pieces {
                prop_assert!(size >= MIN_GROUP_SIZE, "a piece of {} answers", size);
            }
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn send_dates_follow_the_trigger() {
        let (start, end) = (d("2027-01-11"), d("2027-06-30"));
        let meeting = Some(d("2027-02-03"));
        assert_eq!(
            send_date(Trigger::Midpoint, start, end, None),
            Some(d("2027-04-06")),
            "170 days / 2 = 85"
        );
        assert_eq!(send_date(Trigger::End, start, end, meeting), Some(end));
        assert_eq!(send_date(Trigger::AfterMeeting, start, end, meeting), meeting);
        assert_eq!(send_date(Trigger::AfterMeeting, start, end, None), None);
        assert_eq!(
            send_date(Trigger::Manual, start, end, Some(d("2027-03-01"))),
            Some(d("2027-03-01"))
        );
        assert_eq!(send_date(Trigger::Manual, start, end, None), None);
        // An odd number of days rounds the mid-point down.
        assert_eq!(
            send_date(Trigger::Midpoint, d("2027-01-01"), d("2027-01-04"), None),
            Some(d("2027-01-02"))
        );
        assert_eq!(
            send_date(Trigger::Midpoint, d("2027-01-01"), d("2027-01-05"), None),
            Some(d("2027-01-03"))
        );
    }

    #[test]
    fn due_dates_add_the_days_to_answer() {
        assert_eq!(due_date(d("2027-02-25"), 7), Some(d("2027-03-04")));
        assert_eq!(due_date(d("2028-02-25"), 7), Some(d("2028-03-03")), "leap year");
        assert_eq!(due_date(d("2200-12-30"), 7), None);
        assert_eq!(
            schedule(Trigger::End, d("2027-01-11"), d("2027-06-30"), None, 14),
            Some(Schedule {
                send_on: d("2027-06-30"),
                due_on: d("2027-07-14"),
            })
        );
        assert_eq!(
            schedule(Trigger::AfterMeeting, d("2027-01-11"), d("2027-06-30"), None, 7),
            None
        );
    }

    #[test]
    fn slugs() {
        for ok in ["a", "q1", "nps", "how_was-it", &"a".repeat(40)] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "1q", "_a", "Q1", "a b", "año", "a.b", &"a".repeat(41)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn hr_never_counts_or_reads_answers_about_someone_they_manage() {
        let meta = |anonymous: bool| AnswerMeta {
            respondent_id: "employee:lucia".into(),
            subject_chain: vec!["employee:boss".into(), "employee:ceo".into()],
            form_anonymous: anonymous,
        };
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // HR without an employee record, or not in the chain: reads a named form, not an
        // anonymous one; counts both.
        for employees in [ids(&[]), ids(&["employee:hr"])] {
            assert_eq!(
                hr_access("account:hr", &employees, &meta(false)),
                HrAccess {
                    hidden: false,
                    may_read: true
                }
            );
            assert_eq!(
                hr_access("account:hr", &employees, &meta(true)),
                HrAccess {
                    hidden: false,
                    may_read: false
                }
            );
        }
        // Anywhere up the chain, through any of their records: hidden and unreadable.
        for employees in [ids(&["employee:ceo"]), ids(&["employee:hr", "employee:boss"])] {
            assert_eq!(
                hr_access("account:hr", &employees, &meta(false)),
                HrAccess {
                    hidden: true,
                    may_read: false
                }
            );
        }
        // HR who answered themselves still reads their own answers of an anonymous form.
        assert_eq!(
            hr_access("account:hr", &ids(&["employee:lucia"]), &meta(true)),
            HrAccess {
                hidden: false,
                may_read: true
            }
        );
    }
}
