//! The topic catalogue of a program: the defaults a new program starts with, in Spanish and
//! English, and the rules HR's own topics follow (both labels, a derived key, no duplicates).

/// A topic people can teach or want to learn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    /// Stable key used in profiles and matching.
    pub key: &'static str,
    /// Spanish label.
    pub es: &'static str,
    /// English label.
    pub en: &'static str,
}

/// Topics every new program is seeded with; HR can edit the list per program.
pub const DEFAULT_TOPICS: &[Topic] = &[
    Topic {
        key: "ai_tools",
        es: "Herramientas de IA",
        en: "AI tools",
    },
    Topic {
        key: "social_media",
        es: "Redes sociales",
        en: "Social media",
    },
    Topic {
        key: "digital_collaboration",
        es: "Colaboración digital",
        en: "Digital collaboration",
    },
    Topic {
        key: "remote_work",
        es: "Trabajo en remoto",
        en: "Remote work",
    },
    Topic {
        key: "data_literacy",
        es: "Cultura de datos",
        en: "Data literacy",
    },
    Topic {
        key: "dei",
        es: "Diversidad, equidad e inclusión",
        en: "DEI perspectives",
    },
    Topic {
        key: "new_generations",
        es: "Expectativas de las nuevas generaciones",
        en: "What new generations expect",
    },
    Topic {
        key: "leadership",
        es: "Liderazgo",
        en: "Leadership",
    },
    Topic {
        key: "industry_experience",
        es: "Experiencia del sector",
        en: "Industry experience",
    },
    Topic {
        key: "career_navigation",
        es: "Desarrollo profesional",
        en: "Career navigation",
    },
    Topic {
        key: "negotiation",
        es: "Negociación",
        en: "Negotiation",
    },
    Topic {
        key: "public_speaking",
        es: "Hablar en público",
        en: "Public speaking",
    },
];

/// Looks a default topic up by key.
pub fn default_topic(key: &str) -> Option<&'static Topic> {
    DEFAULT_TOPICS.iter().find(|t| t.key == key)
}

/// Longest topic label, in characters.
pub const MAX_TOPIC_LABEL: usize = 80;

/// Longest topic key (the database refuses longer ones).
pub const MAX_TOPIC_KEY: usize = 40;

/// Why a topic of the catalogue is refused. None names one field: a label problem may be either
/// label, and a missing key or a duplicate is about the topic as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum TopicError {
    /// The Spanish or the English label is empty.
    #[error("both labels are required")]
    LabelMissing,
    /// A label is longer than [`MAX_TOPIC_LABEL`].
    #[error("a label is too long")]
    LabelTooLong,
    /// Neither label has a letter or digit to build a key from.
    #[error("the labels give no key")]
    NoKey,
    /// Another topic of the program has the same key or label.
    #[error("the program already has this topic")]
    Duplicate,
}

/// A topic of a program's catalogue, ready to store. Serialised as `{"key", "es", "en"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CatalogueTopic {
    /// Stable key used in profiles and matching; never changes once created.
    pub key: String,
    /// Spanish label.
    pub es: String,
    /// English label.
    pub en: String,
}

/// A lower-case ASCII key for a label: accents dropped (`ñ` → `n`), every run of other
/// characters turned into one `_`, at most [`MAX_TOPIC_KEY`] characters. Empty when the label
/// has no letter or digit.
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if plain != '_' || !(out.is_empty() || out.ends_with('_')) {
            out.push(plain);
        }
    }
    out.truncate(MAX_TOPIC_KEY);
    while out.ends_with('_') {
        out.pop();
    }
    out
}

fn labels(es: &str, en: &str) -> Result<(String, String), TopicError> {
    let (es, en) = (es.trim(), en.trim());
    if es.is_empty() || en.is_empty() {
        return Err(TopicError::LabelMissing);
    }
    if es.chars().count() > MAX_TOPIC_LABEL || en.chars().count() > MAX_TOPIC_LABEL {
        return Err(TopicError::LabelTooLong);
    }
    Ok((es.to_owned(), en.to_owned()))
}

/// Whether `(es, en)` repeats a label of another topic (ignoring case) in the same language.
fn label_taken(es: &str, en: &str, others: &[CatalogueTopic]) -> bool {
    others
        .iter()
        .any(|t| t.es.to_lowercase() == es.to_lowercase() || t.en.to_lowercase() == en.to_lowercase())
}

/// A new topic for a catalogue: both labels required, the key derived from the English label
/// (or the Spanish one when the English has no letters), refused when the key or a label is
/// already in `catalogue`.
pub fn new_topic(es: &str, en: &str, catalogue: &[CatalogueTopic]) -> Result<CatalogueTopic, TopicError> {
    let (es, en) = labels(es, en)?;
    let key = Some(slug(&en))
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| slug(&es));
    if key.is_empty() {
        return Err(TopicError::NoKey);
    }
    if catalogue.iter().any(|t| t.key == key) || label_taken(&es, &en, catalogue) {
        return Err(TopicError::Duplicate);
    }
    Ok(CatalogueTopic { key, es, en })
}

/// New labels for the topic `key` (which keeps its key, so profiles keep pointing at it);
/// refused when another topic of `catalogue` already uses one of the labels.
pub fn rename_topic(
    key: &str,
    es: &str,
    en: &str,
    catalogue: &[CatalogueTopic],
) -> Result<CatalogueTopic, TopicError> {
    let (es, en) = labels(es, en)?;
    let others: Vec<CatalogueTopic> = catalogue.iter().filter(|t| t.key != key).cloned().collect();
    if label_taken(&es, &en, &others) {
        return Err(TopicError::Duplicate);
    }
    Ok(CatalogueTopic {
        key: key.to_owned(),
        es,
        en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_labelled() {
        for (i, t) in DEFAULT_TOPICS.iter().enumerate() {
            assert!(!t.es.is_empty() && !t.en.is_empty());
            assert!(
                DEFAULT_TOPICS[i + 1..].iter().all(|o| o.key != t.key),
                "duplicate {}",
                t.key
            );
        }
        assert_eq!(default_topic("ai_tools").map(|t| t.en), Some("AI tools"));
        assert!(default_topic("nope").is_none());
    }

    fn catalogue() -> Vec<CatalogueTopic> {
        DEFAULT_TOPICS
            .iter()
            .map(|t| CatalogueTopic {
                key: t.key.into(),
                es: t.es.into(),
                en: t.en.into(),
            })
            .collect()
    }

    #[test]
    fn slugs_are_lower_case_ascii() {
        assert_eq!(slug("AI tools"), "ai_tools");
        assert_eq!(slug("  Diseño  & Señales!! "), "diseno_senales");
        assert_eq!(slug("Ciberseguridad básica"), "ciberseguridad_basica");
        assert_eq!(slug("¿¡ !?"), "");
        assert_eq!(slug("日本語"), "");
        let long = slug(&"word ".repeat(20));
        assert!(long.len() <= MAX_TOPIC_KEY && !long.ends_with('_'), "{long}");
    }

    #[test]
    fn new_topics_need_both_labels_and_a_fresh_key() {
        let c = catalogue();
        let t = new_topic(" Ciberseguridad ", "Cyber security", &c).unwrap();
        assert_eq!(
            (t.key.as_str(), t.es.as_str(), t.en.as_str()),
            ("cyber_security", "Ciberseguridad", "Cyber security")
        );
        assert_eq!(new_topic("", "Cyber", &c), Err(TopicError::LabelMissing));
        assert_eq!(new_topic("Ciber", "  ", &c), Err(TopicError::LabelMissing));
        let long = "x".repeat(MAX_TOPIC_LABEL + 1);
        assert_eq!(new_topic(&long, "Cyber", &c), Err(TopicError::LabelTooLong));
        // The English label gives no key: the Spanish one does.
        assert_eq!(new_topic("Robótica", "???", &c).unwrap().key, "robotica");
        assert_eq!(new_topic("¿?", "!!", &c), Err(TopicError::NoKey));
        // Same key, or the same label in either language, is a duplicate.
        assert_eq!(new_topic("Otra cosa", "AI Tools", &c), Err(TopicError::Duplicate));
        assert_eq!(
            new_topic("liderazgo", "Leading people", &c),
            Err(TopicError::Duplicate)
        );
    }

    #[test]
    fn renaming_keeps_the_key_and_refuses_labels_of_other_topics() {
        let c = catalogue();
        let t = rename_topic("ai_tools", "IA generativa", "Generative AI", &c).unwrap();
        assert_eq!(t.key, "ai_tools");
        // Its own labels may stay (e.g. only the case changes).
        assert!(rename_topic("ai_tools", "Herramientas de IA", "AI Tools", &c).is_ok());
        assert_eq!(
            rename_topic("ai_tools", "Liderazgo", "Gen AI", &c),
            Err(TopicError::Duplicate)
        );
        assert_eq!(
            rename_topic("ai_tools", "", "Gen AI", &c),
            Err(TopicError::LabelMissing)
        );
    }
}
