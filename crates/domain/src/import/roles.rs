//! Who mentors and who learns: from the role column, or from a rule HR chooses.
//!
//! Roles are never assumed. A row's role comes from its role cell when the column is mapped and
//! the cell is not blank; otherwise from HR's [`RoleRule`] (by level, by years in the company or
//! by generation); otherwise the row is undecided, and the import waits until every row has a
//! role ([`RoleReport`]).

use serde::{Deserialize, Serialize};

use super::ProgramRole;
use super::header::folded_words;
use crate::program::Date;

/// How many undecided rows [`RoleReport::undecided_rows`] names.
pub const MAX_UNDECIDED_ROWS: usize = 50;

/// HR's rule for the rows whose role the file does not give. Serialised with its kind in
/// `kind`, e.g. `{"kind": "level", "mentor_max": 3, "mentee_min": 8}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoleRule {
    /// By job level (after the ladder): `level <= mentor_max` → mentor, `level >= mentee_min` →
    /// mentee, the levels in between → both. Requires `mentor_max < mentee_min`. A row without a
    /// level stays undecided.
    Level {
        /// Highest level of the mentors.
        mentor_max: i32,
        /// Lowest level of the mentees.
        mentee_min: i32,
    },
    /// By whole years in the company on [`super::ImportContext::today`]: `years < mentor_below`
    /// → mentor, `years >= mentee_from` → mentee, in between → both. Requires
    /// `mentor_below <= mentee_from`. A row without a start date stays undecided.
    Tenure {
        /// Mentors have fewer years than this.
        mentor_below: i32,
        /// Mentees have at least this many years.
        mentee_from: i32,
    },
    /// By generation band, compared folded (case, accents, spacing ignored). A band that is not
    /// listed, or a row without a band, stays undecided. A band may be listed once.
    Generation {
        /// The band → role pairs.
        roles: Vec<GenerationRole>,
    },
}

/// One band of a [`RoleRule::Generation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationRole {
    /// The band as written in the file (e.g. `Generación Z`).
    pub generation: String,
    /// The role of the people of that band.
    pub role: ProgramRole,
}

impl RoleRule {
    /// Whether the rule is coherent: bounds in order, no band listed twice.
    pub fn is_valid(&self) -> bool {
        match self {
            RoleRule::Level {
                mentor_max,
                mentee_min,
            } => mentor_max < mentee_min,
            RoleRule::Tenure {
                mentor_below,
                mentee_from,
            } => mentor_below <= mentee_from,
            RoleRule::Generation { roles } => {
                let keys: Vec<String> = roles.iter().map(|r| fold_generation(&r.generation)).collect();
                keys.iter()
                    .enumerate()
                    .all(|(i, k)| !k.is_empty() && !keys[..i].contains(k))
            }
        }
    }

    /// The role this rule gives a person with this level, start date and generation band.
    pub(super) fn decide(
        &self,
        level: Option<i32>,
        start: Option<Date>,
        generation: Option<&str>,
        today: Date,
    ) -> Option<ProgramRole> {
        let banded = |value: i64, mentor_below: i64, mentee_from: i64| {
            if value < mentor_below {
                ProgramRole::Mentor
            } else if value >= mentee_from {
                ProgramRole::Mentee
            } else {
                ProgramRole::Both
            }
        };
        match self {
            RoleRule::Level {
                mentor_max,
                mentee_min,
            } => Some(banded(
                i64::from(level?),
                i64::from(*mentor_max) + 1,
                i64::from(*mentee_min),
            )),
            RoleRule::Tenure {
                mentor_below,
                mentee_from,
            } => Some(banded(
                whole_years(start?, today),
                i64::from(*mentor_below),
                i64::from(*mentee_from),
            )),
            RoleRule::Generation { roles } => {
                let key = fold_generation(generation?);
                roles
                    .iter()
                    .find(|r| fold_generation(&r.generation) == key)
                    .map(|r| r.role)
            }
        }
    }
}

/// Whole years from `start` to `today` (negative when `start` is later).
pub(super) fn whole_years(start: Date, today: Date) -> i64 {
    let years = i64::from(today.year) - i64::from(start.year);
    if (today.month, today.day) < (start.month, start.day) {
        years - 1
    } else {
        years
    }
}

/// The comparison key of a generation band: folded words joined by one space.
pub(super) fn fold_generation(band: &str) -> String {
    folded_words(band).join(" ")
}

/// Where the roles of the valid rows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleSource {
    /// The role column (no row took its role from a rule).
    Column,
    /// HR's rule (no row took its role from the column).
    Rule,
    /// The column for some rows, the rule for those with a blank role cell.
    Mixed,
    /// Neither: no role column and no rule.
    Undecided,
}

/// How the roles were decided, and the split, so HR can check it before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleReport {
    /// Where the roles come from.
    pub source: RoleSource,
    /// Valid rows that are mentors.
    pub mentors: i64,
    /// Valid rows that are mentees.
    pub mentees: i64,
    /// Valid rows that are both.
    pub both: i64,
    /// Valid rows without a role (not row errors; the import waits until this is 0).
    pub undecided: i64,
    /// Spreadsheet rows of the first [`MAX_UNDECIDED_ROWS`] undecided rows.
    pub undecided_rows: Vec<i64>,
    /// Distinct generation bands of all rows (folded), as first written, with their row count,
    /// in file order: the bands a [`RoleRule::Generation`] can list.
    pub generations: Vec<(String, i64)>,
    /// Lowest and highest job level of all rows (after the ladder), for a [`RoleRule::Level`];
    /// `None` when no row has a level.
    pub level_span: Option<(i32, i32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    const TODAY: Date = Date {
        year: 2025,
        month: 6,
        day: 15,
    };

    #[test]
    fn level_rule_with_a_both_band() {
        let rule = RoleRule::Level {
            mentor_max: 3,
            mentee_min: 6,
        };
        assert!(rule.is_valid());
        let role = |l: Option<i32>| rule.decide(l, None, None, TODAY);
        assert_eq!(role(Some(1)), Some(ProgramRole::Mentor));
        assert_eq!(role(Some(3)), Some(ProgramRole::Mentor));
        assert_eq!(role(Some(4)), Some(ProgramRole::Both));
        assert_eq!(role(Some(5)), Some(ProgramRole::Both));
        assert_eq!(role(Some(6)), Some(ProgramRole::Mentee));
        assert_eq!(role(Some(20)), Some(ProgramRole::Mentee));
        assert_eq!(role(None), None);
        // Adjacent bounds: no "both" band.
        let rule = RoleRule::Level {
            mentor_max: 3,
            mentee_min: 4,
        };
        assert_eq!(rule.decide(Some(3), None, None, TODAY), Some(ProgramRole::Mentor));
        assert_eq!(rule.decide(Some(4), None, None, TODAY), Some(ProgramRole::Mentee));
        for (mentor_max, mentee_min) in [(4, 4), (5, 4)] {
            assert!(
                !RoleRule::Level {
                    mentor_max,
                    mentee_min
                }
                .is_valid()
            );
        }
    }

    #[test]
    fn tenure_rule_counts_whole_years() {
        assert_eq!(whole_years(day(2020, 6, 15), TODAY), 5);
        assert_eq!(whole_years(day(2020, 6, 16), TODAY), 4);
        assert_eq!(whole_years(day(2026, 1, 1), TODAY), -1);
        let rule = RoleRule::Tenure {
            mentor_below: 3,
            mentee_from: 10,
        };
        assert!(rule.is_valid());
        let role = |d: Option<Date>| rule.decide(None, d, None, TODAY);
        assert_eq!(role(Some(day(2023, 1, 1))), Some(ProgramRole::Mentor));
        assert_eq!(role(Some(day(2022, 6, 16))), Some(ProgramRole::Mentor), "2 years");
        assert_eq!(role(Some(day(2022, 6, 15))), Some(ProgramRole::Both), "3 years");
        assert_eq!(role(Some(day(2015, 6, 16))), Some(ProgramRole::Both), "9 years");
        assert_eq!(
            role(Some(day(2015, 6, 15))),
            Some(ProgramRole::Mentee),
            "10 years"
        );
        assert_eq!(role(None), None);
        assert!(
            RoleRule::Tenure {
                mentor_below: 5,
                mentee_from: 5
            }
            .is_valid()
        );
        assert!(
            !RoleRule::Tenure {
                mentor_below: 6,
                mentee_from: 5
            }
            .is_valid()
        );
    }

    #[test]
    fn generation_rule_folds_bands() {
        let rule = RoleRule::Generation {
            roles: vec![
                GenerationRole {
                    generation: "Generación Z".into(),
                    role: ProgramRole::Mentor,
                },
                GenerationRole {
                    generation: "Baby boomer".into(),
                    role: ProgramRole::Mentee,
                },
            ],
        };
        assert!(rule.is_valid());
        let role = |g: Option<&str>| rule.decide(None, None, g, TODAY);
        assert_eq!(role(Some("generacion  z")), Some(ProgramRole::Mentor));
        assert_eq!(role(Some("BABY-BOOMER")), Some(ProgramRole::Mentee));
        assert_eq!(role(Some("Generación X")), None);
        assert_eq!(role(None), None);
        let twice = RoleRule::Generation {
            roles: vec![
                GenerationRole {
                    generation: "Gen Z".into(),
                    role: ProgramRole::Mentor,
                },
                GenerationRole {
                    generation: "gen z".into(),
                    role: ProgramRole::Mentee,
                },
            ],
        };
        assert!(!twice.is_valid());
    }

    #[test]
    fn rules_serialise_with_their_kind() {
        let rule = RoleRule::Level {
            mentor_max: 3,
            mentee_min: 8,
        };
        let json = serde_json::to_value(&rule).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "level", "mentor_max": 3, "mentee_min": 8})
        );
        assert_eq!(serde_json::from_value::<RoleRule>(json).unwrap(), rule);
    }
}
