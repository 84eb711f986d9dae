//! Topics people can teach or want to learn, matched to the program's catalogue.
//!
//! People type topics as they like: `redes sociales`, `REDES SOCIALES`, `Social media` and
//! `social_media` are all the catalogue's `social_media`. Each list item is compared ignoring
//! case, accents and everything but letters and digits, with the catalogue's keys, Spanish labels
//! and English labels. Records hold catalogue keys only. An item that matches nothing is an
//! [`UnknownTopic`], and HR decides what it becomes ([`TopicChoice`]): a new topic added to the
//! catalogue, an existing topic, or nothing.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::header::folded_words;
use crate::topics::{CatalogueTopic, TopicError, new_topic};

/// Lowest similarity (normalised Damerau-Levenshtein over the folded texts, 0–1) for
/// [`UnknownTopic::suggestion`].
const TOPIC_SUGGESTION_SIMILARITY: f64 = 0.7;

/// HR's decision about one unknown topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    /// The unknown topic's name as the preview lists it ([`UnknownTopic::name`]; compared folded).
    pub name: String,
    /// What it becomes.
    pub action: TopicAction,
}

/// What an unknown topic becomes. Serialised with its kind in `kind`, e.g.
/// `{"kind": "map_to", "key": "ai_tools"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TopicAction {
    /// A new catalogue topic with these labels ([`crate::topics::new_topic`] rules: both labels,
    /// a key derived from them, no duplicate of the catalogue or of another addition). Added once
    /// to [`super::ImportPreview::new_topics`]; records use its key.
    Add {
        /// Spanish label.
        es: String,
        /// English label.
        en: String,
    },
    /// An existing topic: a key of the catalogue, or of a topic this import adds.
    MapTo {
        /// The topic's key.
        key: String,
    },
    /// Dropped from the records.
    Ignore,
}

/// Why HR's choice for an unknown topic cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicChoiceProblem {
    /// `Add`: a label is empty.
    LabelMissing,
    /// `Add`: a label is longer than [`crate::topics::MAX_TOPIC_LABEL`] characters.
    LabelTooLong,
    /// `Add`: the labels give no key (no letter or digit).
    NoKey,
    /// `Add`: the catalogue, or another topic added by this import, has this key or label.
    Duplicate,
    /// `MapTo`: no topic of the catalogue (or added by this import) has this key.
    UnknownKey,
}

impl From<TopicError> for TopicChoiceProblem {
    fn from(e: TopicError) -> TopicChoiceProblem {
        match e {
            TopicError::LabelMissing => TopicChoiceProblem::LabelMissing,
            TopicError::LabelTooLong => TopicChoiceProblem::LabelTooLong,
            TopicError::NoKey => TopicChoiceProblem::NoKey,
            TopicError::Duplicate => TopicChoiceProblem::Duplicate,
        }
    }
}

/// The topics of the file against the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicReport {
    /// List items (of every row, both columns) that matched the catalogue.
    pub matched: i64,
    /// Distinct unknown items (folded), first spelling kept, in file order.
    pub unknown: Vec<UnknownTopic>,
}

impl TopicReport {
    /// Whether every unknown topic has a choice that applies.
    pub fn is_decided(&self) -> bool {
        self.unknown
            .iter()
            .all(|u| u.choice.is_some() && u.problem.is_none())
    }
}

/// A topic of the file that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownTopic {
    /// As first written (inner whitespace collapsed).
    pub name: String,
    /// How many list items (of every row, both columns) are this topic.
    pub count: i64,
    /// HR's choice for it, if any.
    pub choice: Option<TopicAction>,
    /// The catalogue key it most resembles, if close enough, to offer as `MapTo`.
    pub suggestion: Option<String>,
    /// Why the choice cannot be applied; `None` without a choice or when it applies.
    pub problem: Option<TopicChoiceProblem>,
}

/// The comparison key of a topic: folded words run together (`Social media`, `social_media`
/// and `SOCIAL-MEDIA` are `socialmedia`).
pub(super) fn fold_topic(text: &str) -> String {
    folded_words(text).concat()
}

/// The outcome of matching every row's items.
pub(super) struct Resolved {
    pub report: TopicReport,
    /// Topics added to the catalogue.
    pub new_topics: Vec<CatalogueTopic>,
    /// Folded item → the key records use (`None`: dropped or still undecided).
    keys: HashMap<String, Option<String>>,
}

impl Resolved {
    /// The catalogue keys of a row's items (as written), in order, without repetitions. Items
    /// ignored or still undecided are left out.
    pub fn keys(&self, items: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for item in items {
            if let Some(Some(key)) = self.keys.get(&fold_topic(item))
                && !out.contains(key)
            {
                out.push(key.clone());
            }
        }
        out
    }
}

/// Matches the items of every row (both lists, in file order) with the catalogue and applies
/// HR's choices to the unknown ones.
pub(super) fn resolve<'a>(
    items: impl Iterator<Item = &'a String>,
    catalogue: &[CatalogueTopic],
    choices: &[TopicChoice],
) -> Resolved {
    let mut known: HashMap<String, String> = HashMap::new();
    for t in catalogue {
        for label in [&t.key, &t.es, &t.en] {
            let key = fold_topic(label);
            if !key.is_empty() {
                known.entry(key).or_insert_with(|| t.key.clone());
            }
        }
    }
    // HR's choices by folded name; the first for a name wins.
    let mut chosen: HashMap<String, &TopicAction> = HashMap::new();
    for c in choices {
        chosen.entry(fold_topic(&c.name)).or_insert(&c.action);
    }
    let mut keys: HashMap<String, Option<String>> = HashMap::new();
    let mut matched = 0i64;
    let mut unknown: Vec<UnknownTopic> = Vec::new();
    let mut unknown_index: HashMap<String, usize> = HashMap::new();
    let mut unknown_folded: Vec<String> = Vec::new();
    let suggester = Suggester::new(catalogue);
    for item in items {
        let folded = fold_topic(item);
        if folded.is_empty() {
            continue;
        }
        if let Some(key) = known.get(&folded) {
            matched += 1;
            keys.entry(folded).or_insert_with(|| Some(key.clone()));
        } else if let Some(&i) = unknown_index.get(&folded) {
            unknown[i].count += 1;
        } else {
            unknown_index.insert(folded.clone(), unknown.len());
            unknown.push(UnknownTopic {
                name: item.clone(),
                count: 1,
                choice: chosen.get(&folded).map(|a| (*a).clone()),
                suggestion: suggester.suggest(item),
                problem: None,
            });
            unknown_folded.push(folded);
        }
    }

    // Additions first, so that another unknown topic can be mapped to one of them. What is
    // taken (keys, and labels per language ignoring case) is kept in sets, so that each choice
    // is checked once against the catalogue and the earlier additions, not against a copy.
    let mut keys_taken: HashSet<String> = catalogue.iter().map(|t| t.key.clone()).collect();
    let mut es_taken: HashSet<String> = catalogue.iter().map(|t| t.es.to_lowercase()).collect();
    let mut en_taken: HashSet<String> = catalogue.iter().map(|t| t.en.to_lowercase()).collect();
    let mut new_topics: Vec<CatalogueTopic> = Vec::new();
    let mut resolved: Vec<Option<String>> = vec![None; unknown.len()];
    for (i, u) in unknown.iter_mut().enumerate() {
        if let Some(TopicAction::Add { es, en }) = &u.choice {
            // The labels and key by the catalogue's rule; the duplicates by the sets.
            match new_topic(es, en, &[]) {
                Ok(t) => {
                    let (es, en) = (t.es.to_lowercase(), t.en.to_lowercase());
                    if keys_taken.contains(&t.key) || es_taken.contains(&es) || en_taken.contains(&en) {
                        u.problem = Some(TopicChoiceProblem::Duplicate);
                    } else {
                        keys_taken.insert(t.key.clone());
                        es_taken.insert(es);
                        en_taken.insert(en);
                        resolved[i] = Some(t.key.clone());
                        new_topics.push(t);
                    }
                }
                Err(e) => u.problem = Some(e.into()),
            }
        }
    }
    for (i, u) in unknown.iter_mut().enumerate() {
        if let Some(TopicAction::MapTo { key }) = &u.choice {
            if keys_taken.contains(key) {
                resolved[i] = Some(key.clone());
            } else {
                u.problem = Some(TopicChoiceProblem::UnknownKey);
            }
        }
    }
    for (folded, key) in unknown_folded.into_iter().zip(resolved) {
        keys.insert(folded, key);
    }
    Resolved {
        report: TopicReport { matched, unknown },
        new_topics,
        keys,
    }
}

/// The catalogue folded once, to suggest a topic for each unknown item without folding every
/// label again per item.
struct Suggester<'a> {
    topics: Vec<FoldedTopic<'a>>,
}

/// One catalogue topic, folded for comparison.
struct FoldedTopic<'a> {
    key: &'a str,
    /// The folded key, Spanish label and English label.
    folded: [String; 3],
    /// The folded words of the Spanish and of the English label.
    label_words: [Vec<String>; 2],
}

impl<'a> Suggester<'a> {
    fn new(catalogue: &'a [CatalogueTopic]) -> Suggester<'a> {
        Suggester {
            topics: catalogue
                .iter()
                .map(|t| FoldedTopic {
                    key: t.key.as_str(),
                    folded: [fold_topic(&t.key), fold_topic(&t.es), fold_topic(&t.en)],
                    label_words: [folded_words(&t.es), folded_words(&t.en)],
                })
                .collect(),
        }
    }

    /// The catalogue key whose key or label is most like the folded item, when similar enough.
    /// Texts whose lengths alone rule the similarity out are not compared.
    fn closest(&self, folded: &str) -> Option<String> {
        let len = folded.chars().count();
        let mut best: Option<(f64, &str)> = None;
        for topic in &self.topics {
            for label in &topic.folded {
                let other = label.chars().count();
                let longest = len.max(other).max(1) as f64;
                if 1.0 - (len.abs_diff(other) as f64) / longest < TOPIC_SUGGESTION_SIMILARITY {
                    continue;
                }
                let score = strsim::normalized_damerau_levenshtein(folded, label);
                if score >= TOPIC_SUGGESTION_SIMILARITY && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, topic.key));
                }
            }
        }
        best.map(|(_, key)| key.to_string())
    }

    /// Like [`Suggester::closest`], also trying whole words of the labels inside the item as
    /// written (`Liderazgo` in `Liderazgo de equipos`).
    fn suggest(&self, item: &str) -> Option<String> {
        self.closest(&fold_topic(item)).or_else(|| {
            let words = folded_words(item);
            self.topics
                .iter()
                .find(|topic| {
                    topic.label_words.iter().any(|label| {
                        label.iter().any(|w| w.chars().count() >= 4)
                            && label.iter().all(|w| words.contains(w))
                    })
                })
                .map(|topic| topic.key.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::DEFAULT_TOPICS;

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

    fn items(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn items_match_by_key_and_both_labels() {
        let list = items(&[
            "redes sociales",
            "REDES SOCIALES",
            "Social media",
            "social_media",
            "Social-Media",
            "herramientas de ia",
            "Negociacion",
            "hablar en PÚBLICO",
        ]);
        let r = resolve(list.iter(), &catalogue(), &[]);
        assert_eq!(r.report.matched, 8);
        assert!(r.report.unknown.is_empty());
        assert!(r.report.is_decided());
        assert_eq!(
            r.keys(&list),
            items(&["social_media", "ai_tools", "negotiation", "public_speaking"])
        );
    }

    #[test]
    fn unknown_topics_are_counted_once_with_a_suggestion() {
        let list = items(&[
            "Excel avanzado",
            "liderazgo",
            "excel AVANZADO",
            "Liderazgo de equipos",
            "Negociasion",
        ]);
        let r = resolve(list.iter(), &catalogue(), &[]);
        assert_eq!(r.report.matched, 1);
        let got: Vec<(&str, i64, Option<&str>)> = r
            .report
            .unknown
            .iter()
            .map(|u| (u.name.as_str(), u.count, u.suggestion.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Excel avanzado", 2, None),
                ("Liderazgo de equipos", 1, Some("leadership")),
                ("Negociasion", 1, Some("negotiation")),
            ]
        );
        assert!(!r.report.is_decided());
        // Undecided items are left out of the records.
        assert_eq!(r.keys(&list), items(&["leadership"]));
    }

    #[test]
    fn every_addition_is_checked_against_the_catalogue_and_the_earlier_additions() {
        // Thousands of unknown topics, each added: the same rule as one at a time.
        let list: Vec<String> = (0..3_000).map(|i| format!("Tema {i}")).collect();
        let mut choices: Vec<TopicChoice> = list
            .iter()
            .map(|name| TopicChoice {
                name: name.clone(),
                action: TopicAction::Add {
                    es: name.clone(),
                    en: format!("Topic {}", &name[5..]),
                },
            })
            .collect();
        // "Tema 1" repeats the catalogue's English label; "Tema 2" repeats "Tema 3"'s Spanish
        // one (case aside); "Tema 4" gives no key; "Tema 5" is mapped to a topic added here.
        choices[1].action = TopicAction::Add {
            es: "Uno".into(),
            en: "leadership".into(),
        };
        choices[2].action = TopicAction::Add {
            es: "TEMA 3".into(),
            en: "Other".into(),
        };
        choices[4].action = TopicAction::Add {
            es: "¿?".into(),
            en: "!!".into(),
        };
        choices[5].action = TopicAction::MapTo {
            key: "topic_2999".into(),
        };
        let mut list = list;
        list.push("Tema 3".into());
        let r = resolve(list.iter(), &catalogue(), &choices);
        let problems: Vec<(usize, TopicChoiceProblem)> = r
            .report
            .unknown
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.problem.map(|p| (i, p)))
            .collect();
        // "Tema 2" comes before "Tema 3", so it is "Tema 3" that repeats a label added earlier.
        assert_eq!(
            problems,
            vec![
                (1, TopicChoiceProblem::Duplicate),
                (3, TopicChoiceProblem::Duplicate),
                (4, TopicChoiceProblem::NoKey),
            ]
        );
        assert_eq!(r.new_topics.len(), 3_000 - 4);
        assert_eq!(r.report.unknown[3].count, 2);
        assert_eq!(
            r.keys(&items(&["Tema 5", "tema 0"])),
            items(&["topic_2999", "topic_0"])
        );
        assert_eq!(r.keys(&items(&["Tema 2", "Tema 3"])), items(&["other"]));
    }
}
