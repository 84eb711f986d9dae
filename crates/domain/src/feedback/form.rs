//! A form as HR builds it ([`FormInput`]) and as it is kept once checked ([`ValidForm`]): the
//! limits, every problem a form can have ([`FormError`]), the check itself ([`validate_form`],
//! [`form_problems`]) and reordering the questions ([`move_question`]).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::{Audience, ChoiceOption, Question, Trigger, chars};
use crate::lang::Lang;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::QuestionKind;
    use crate::feedback::fixtures::{input, opt, question};

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
    fn slugs() {
        for ok in ["a", "q1", "nps", "how_was-it", &"a".repeat(40)] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "1q", "_a", "Q1", "a b", "año", "a.b", &"a".repeat(41)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
