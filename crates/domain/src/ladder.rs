//! The organisation's level ladder: job titles in order of seniority, most junior first.
//!
//! HR exports often put titles ("Becario", "Analista", "Director") where the matching engine
//! needs a job level. HR orders the titles once; a title's level is its position plus one, so the
//! ladder has at most [`MAX_LADDER`] steps (job levels run 1–20). Titles are compared folded
//! ([`title_key`]): "Analista  Sénior" and "analista senior" are one title.

use serde::{Deserialize, Serialize};

/// Most titles on the ladder: one per job level (1–20).
pub const MAX_LADDER: usize = 20;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 80;

/// Why a ladder is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LadderError {
    /// More than [`MAX_LADDER`] titles.
    #[error("the ladder has more than {max} titles")]
    TooManyTitles {
        /// The limit.
        max: i32,
    },
    /// A title is empty after trimming.
    #[error("a title is empty")]
    EmptyTitle,
    /// A title is longer than [`MAX_TITLE_CHARS`].
    #[error("the title {title:?} is too long")]
    TitleTooLong {
        /// The title.
        title: String,
    },
    /// Two titles are the same once case, accents and spacing are ignored.
    #[error("the title {title:?} is listed twice")]
    DuplicateTitle {
        /// The second spelling.
        title: String,
    },
}

/// The comparison key of a title: lower case, accents folded, words of letters and digits joined
/// by one space (`"Analista  Sénior"` → `"analista senior"`).
pub fn title_key(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(folded);
    }
    out
}

/// The job level of `title` on `ladder` (position + 1), or `None` when it is not on it.
pub fn level_of(ladder: &[String], title: &str) -> Option<i32> {
    let key = title_key(title);
    if key.is_empty() {
        return None;
    }
    ladder
        .iter()
        .position(|t| title_key(t) == key)
        .and_then(|i| i32::try_from(i + 1).ok())
}

/// Checks a ladder as HR ordered it: titles trimmed with inner spaces collapsed, none empty or
/// too long, no title twice (folded), at most [`MAX_LADDER`]. Returns the cleaned titles in order.
pub fn validate_ladder(titles: &[String]) -> Result<Vec<String>, LadderError> {
    if titles.len() > MAX_LADDER {
        return Err(LadderError::TooManyTitles {
            max: i32::try_from(MAX_LADDER).unwrap_or(i32::MAX),
        });
    }
    let mut out: Vec<String> = Vec::with_capacity(titles.len());
    let mut keys: Vec<String> = Vec::with_capacity(titles.len());
    for t in titles {
        let clean = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = title_key(&clean);
        if key.is_empty() {
            return Err(LadderError::EmptyTitle);
        }
        if clean.chars().count() > MAX_TITLE_CHARS {
            return Err(LadderError::TitleTooLong { title: clean });
        }
        if keys.contains(&key) {
            return Err(LadderError::DuplicateTitle { title: clean });
        }
        keys.push(key);
        out.push(clean);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn titles_compare_folded() {
        assert_eq!(title_key("  Analista  Sénior "), "analista senior");
        assert_eq!(title_key("Jefe/a de equipo"), "jefe a de equipo");
        assert_eq!(title_key("--"), "");
    }

    #[test]
    fn level_is_position_plus_one() {
        let l = ladder(&["Becario", "Analista", "Analista Sénior", "Director"]);
        assert_eq!(level_of(&l, "becario"), Some(1));
        assert_eq!(level_of(&l, "ANALISTA SENIOR"), Some(3));
        assert_eq!(level_of(&l, "Director"), Some(4));
        assert_eq!(level_of(&l, "Vicepresidente"), None);
        assert_eq!(level_of(&l, ""), None);
    }

    #[test]
    fn ladders_are_checked() {
        assert_eq!(
            validate_ladder(&ladder(&[" Becario ", "Analista   Sénior"])),
            Ok(ladder(&["Becario", "Analista Sénior"]))
        );
        assert_eq!(
            validate_ladder(&ladder(&["Analista", "analísta"])),
            Err(LadderError::DuplicateTitle {
                title: "analísta".into()
            })
        );
        assert_eq!(
            validate_ladder(&ladder(&["a", " "])),
            Err(LadderError::EmptyTitle)
        );
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert!(matches!(
            validate_ladder(&[long]),
            Err(LadderError::TitleTooLong { .. })
        ));
        let many: Vec<String> = (0..=MAX_LADDER).map(|i| format!("t{i}")).collect();
        assert_eq!(
            validate_ladder(&many),
            Err(LadderError::TooManyTitles { max: 20 })
        );
        assert_eq!(
            validate_ladder(&many[..MAX_LADDER]).map(|l| l.len()),
            Ok(MAX_LADDER)
        );
    }
}
