//! Questions and forms shared by the tests of this module's files.

use super::{ChoiceOption, FormInput, Question, QuestionKind};

/// An option with this key and labels.
pub(super) fn opt(key: &str, es: &str, en: &str) -> ChoiceOption {
    ChoiceOption {
        key: key.into(),
        label_es: es.into(),
        label_en: en.into(),
    }
}

/// A required question of `kind` keyed `key`, with texts made from the key; a choice has the
/// options `yes`, `no` and `maybe`.
pub(super) fn question(key: &str, kind: QuestionKind) -> Question {
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

/// A good anonymous form (untrimmed Spanish title) with one question of every kind, keyed by the
/// kind's name.
pub(super) fn input() -> FormInput {
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
