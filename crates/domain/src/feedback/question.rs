//! What a question asks: its kind ([`QuestionKind`], with the number ranges of ratings and
//! scales), its texts in both languages and, for a choice, its options ([`ChoiceOption`]).

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Values of a rating question (stars).
pub const RATING_RANGE: RangeInclusive<u8> = 1..=5;
/// Values of a scale question (0–10, the NPS question).
pub const SCALE_RANGE: RangeInclusive<u8> = 0..=10;

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
    /// Free text up to [`MAX_ANSWER_TEXT`](super::MAX_ANSWER_TEXT) characters.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::fixtures::question;

    #[test]
    fn names_round_trip() {
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(QuestionKind::parse("Rating"), None);
        assert_eq!(
            serde_json::to_string(&QuestionKind::Multi).unwrap(),
            "\"multi\"",
            "serde and as_str agree"
        );
    }

    #[test]
    fn kinds_are_choices_or_have_ranges() {
        assert!(QuestionKind::Single.is_choice() && QuestionKind::Multi.is_choice());
        assert!(!QuestionKind::Rating.is_choice() && !QuestionKind::Text.is_choice());
        assert_eq!(QuestionKind::Rating.value_range(), Some(1..=5));
        assert_eq!(QuestionKind::Scale.value_range(), Some(0..=10));
        assert_eq!(QuestionKind::Text.value_range(), None);
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
}
