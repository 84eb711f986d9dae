//! The answers a participant gives: typed values ([`AnswerValue`]), the check of a posted form
//! against its questions ([`validate_answers`]) and why an answer is refused ([`AnswerError`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Question, QuestionKind, chars};
use crate::lang::Lang;

/// Longest free-text answer, in characters.
pub const MAX_ANSWER_TEXT: usize = 2000;

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

/// `answer` to `question` written out for reading in `lang`: a rating as `4/5`, a scale value as
/// `9/10`, a choice as its option labels joined by `, ` (the key of an option the question no
/// longer has), a text as it is.
pub fn answer_text(question: &Question, answer: &AnswerValue, lang: Lang) -> String {
    let label = |k: &str| {
        question
            .option(k)
            .map_or_else(|| k.to_owned(), |o| o.label(lang).to_owned())
    };
    match answer {
        AnswerValue::Rating(n) => format!("{n}/5"),
        AnswerValue::Scale(n) => format!("{n}/10"),
        AnswerValue::Single(k) => label(k),
        AnswerValue::Multi(ks) => ks.iter().map(|k| label(k)).collect::<Vec<_>>().join(", "),
        AnswerValue::Text(t) => t.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::fixtures::{input, question};
    use crate::feedback::validate_form;

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
    fn answers_are_written_out_in_the_readers_language() {
        let choice = question("c", QuestionKind::Multi);
        let text = |a: AnswerValue, lang: Lang| answer_text(&choice, &a, lang);
        assert_eq!(text(AnswerValue::Rating(4), Lang::Es), "4/5");
        assert_eq!(text(AnswerValue::Scale(0), Lang::En), "0/10");
        assert_eq!(text(AnswerValue::Single("maybe".into()), Lang::Es), "Quizá");
        assert_eq!(text(AnswerValue::Single("maybe".into()), Lang::En), "Maybe");
        assert_eq!(
            text(AnswerValue::Multi(vec!["yes".into(), "gone".into()]), Lang::Es),
            "Sí, gone",
            "an option the question no longer has keeps its key"
        );
        assert_eq!(text(AnswerValue::Multi(vec![]), Lang::En), "");
        assert_eq!(text(AnswerValue::Text(" hola ".into()), Lang::En), " hola ");
    }
}
