//! The level column: numbers 1–20, or job titles placed on the organisation's level ladder.
//!
//! HR exports often hold job titles ("Becario", "Analista Sénior", "Director") where Inversa
//! expects a number. When any cell of the column has a letter, the whole column is read as
//! titles, and each title's level is its position on the ladder (most junior first, level =
//! position + 1). Titles are compared folded like [`crate::ladder`] does (case, accents, spacing
//! and punctuation ignored: `analista senior` is `Analista  Sénior`). A title that is not on the ladder is not an error of
//! its row: the record has no level until HR places the title ([`LevelReport::Titles`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use crate::ladder::MAX_LADDER;

use super::JOB_LEVEL_RANGE;

/// What the level column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LevelReport {
    /// No level column.
    None,
    /// Every non-blank cell is a number (no letters): whole numbers in [`JOB_LEVEL_RANGE`] are the
    /// level; anything else is the row error `invalid_job_level`.
    Numbers,
    /// The column holds titles (at least one non-blank cell has a letter). Numbers in such a
    /// column are titles too.
    Titles {
        /// Distinct titles (folded) as first written, with their row count and their level on
        /// the effective ladder (`None`: not on it); ladder order first, then file order.
        titles: Vec<LevelTitle>,
        /// Titles not on the effective ladder, as first written: HR must place them.
        unplaced: Vec<String>,
        /// The effective ladder has more than [`MAX_LADDER`] titles: the import waits until it
        /// is shortened. Titles beyond position [`MAX_LADDER`] get no level.
        too_many: bool,
    },
}

impl LevelReport {
    /// Whether the levels are all known: not titles, or titles all placed on a ladder that fits.
    pub fn is_decided(&self) -> bool {
        match self {
            LevelReport::None | LevelReport::Numbers => true,
            LevelReport::Titles {
                unplaced, too_many, ..
            } => unplaced.is_empty() && !too_many,
        }
    }
}

/// One distinct title of the level column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelTitle {
    /// The title as first written (inner whitespace collapsed).
    pub title: String,
    /// How many rows carry it (in any spelling that folds the same).
    pub count: i64,
    /// Its level on the effective ladder (position + 1); `None` when it is not on the ladder.
    /// May exceed 20 when the ladder is too long.
    pub level: Option<i32>,
}

/// How the level column is read, decided from all its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LevelMode {
    /// No level column.
    None,
    /// Numbers.
    Numbers,
    /// Titles on the ladder.
    Titles,
}

/// Titles when any non-blank cell has a letter, numbers otherwise.
pub(super) fn detect_mode<'a>(has_column: bool, mut cells: impl Iterator<Item = &'a str>) -> LevelMode {
    if !has_column {
        LevelMode::None
    } else if cells.any(|c| c.chars().any(char::is_alphabetic)) {
        LevelMode::Titles
    } else {
        LevelMode::Numbers
    }
}

/// The comparison key of a title, as the ladder editor compares them
/// ([`crate::ladder::title_key`]).
pub(super) fn fold_title(title: &str) -> String {
    crate::ladder::title_key(title)
}

/// The effective ladder, cleaned, with its lookup.
#[derive(Debug, Clone, Default)]
pub(super) struct Ladder {
    /// Titles with whitespace collapsed, blank and repeated (folded) entries dropped.
    pub titles: Vec<String>,
    /// Folded title → position.
    index: HashMap<String, usize>,
}

impl Ladder {
    /// Cleans a ladder as given: titles trimmed with inner whitespace collapsed; blank titles
    /// and later repetitions of a title (folded) dropped.
    pub fn new(given: &[String]) -> Ladder {
        let mut ladder = Ladder::default();
        for title in given {
            let title = super::value::collapse_spaces(title);
            let key = fold_title(&title);
            if key.is_empty() || ladder.index.contains_key(&key) {
                continue;
            }
            ladder.index.insert(key, ladder.titles.len());
            ladder.titles.push(title);
        }
        ladder
    }

    /// The title's level on the ladder (position + 1), however long the ladder.
    pub fn level(&self, title: &str) -> Option<i32> {
        let position = *self.index.get(&fold_title(title))?;
        i32::try_from(position + 1).ok()
    }

    /// The title's job level: [`Ladder::level`] when it is in [`JOB_LEVEL_RANGE`].
    pub fn job_level(&self, title: &str) -> Option<i32> {
        self.level(title).filter(|l| JOB_LEVEL_RANGE.contains(l))
    }

    pub fn too_many(&self) -> bool {
        self.titles.len() > MAX_LADDER
    }
}

/// The report of a titles column from the titles of every row (as written), in file order.
pub(super) fn titles_report<'a>(ladder: &Ladder, titles: impl Iterator<Item = &'a str>) -> LevelReport {
    let mut found: Vec<LevelTitle> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for title in titles {
        let key = fold_title(title);
        match by_key.get(&key) {
            Some(&i) => found[i].count += 1,
            None => {
                by_key.insert(key, found.len());
                found.push(LevelTitle {
                    title: title.to_string(),
                    count: 1,
                    level: ladder.level(title),
                });
            }
        }
    }
    // Stable: placed titles by level, then the unplaced ones in file order.
    found.sort_by_key(|t| t.level.unwrap_or(i32::MAX));
    let unplaced = found
        .iter()
        .filter(|t| t.level.is_none())
        .map(|t| t.title.clone())
        .collect();
    LevelReport::Titles {
        titles: found,
        unplaced,
        too_many: ladder.too_many(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ladder_is_cleaned_and_folded() {
        let ladder = Ladder::new(&strings(&[
            " Becario ",
            "",
            "Analista",
            "analista",
            "Analista  Sénior",
        ]));
        assert_eq!(
            ladder.titles,
            strings(&["Becario", "Analista", "Analista Sénior"])
        );
        assert_eq!(ladder.level("BECARIO"), Some(1));
        assert_eq!(ladder.level("analista senior"), Some(3));
        assert_eq!(ladder.level(" Analista   SÉNIOR "), Some(3));
        assert_eq!(ladder.level("Analista Sr"), None);
        assert!(!ladder.too_many());
    }

    #[test]
    fn too_long_ladders_give_no_level_beyond_twenty() {
        let titles: Vec<String> = (1..=21).map(|i| format!("Nivel {i}")).collect();
        let ladder = Ladder::new(&titles);
        assert!(ladder.too_many());
        assert_eq!(ladder.job_level("nivel 20"), Some(20));
        assert_eq!(ladder.level("nivel 21"), Some(21));
        assert_eq!(ladder.job_level("nivel 21"), None);
    }

    #[test]
    fn mode_from_the_cells() {
        assert_eq!(detect_mode(false, ["x"].into_iter()), LevelMode::None);
        assert_eq!(
            detect_mode(true, ["1", "20", "0", "3.5"].into_iter()),
            LevelMode::Numbers
        );
        assert_eq!(detect_mode(true, ["1", "Becario"].into_iter()), LevelMode::Titles);
        assert_eq!(detect_mode(true, std::iter::empty()), LevelMode::Numbers);
    }

    #[test]
    fn report_lists_titles_in_ladder_then_file_order() {
        let ladder = Ladder::new(&strings(&["Becario", "Analista", "Director"]));
        let report = titles_report(
            &ladder,
            [
                "Director", "Gerente", "analista", "Analista", "Becario", "3", "gerente",
            ]
            .into_iter(),
        );
        let LevelReport::Titles {
            titles,
            unplaced,
            too_many,
        } = report
        else {
            panic!("{report:?}")
        };
        let got: Vec<(&str, i64, Option<i32>)> = titles
            .iter()
            .map(|t| (t.title.as_str(), t.count, t.level))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Becario", 1, Some(1)),
                ("analista", 2, Some(2)),
                ("Director", 1, Some(3)),
                ("Gerente", 2, None),
                ("3", 1, None),
            ]
        );
        assert_eq!(unplaced, strings(&["Gerente", "3"]));
        assert!(!too_many);
    }
}
