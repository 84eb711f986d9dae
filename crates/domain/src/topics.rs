//! The default topic catalogue a new program starts with, in Spanish and English.

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
}
