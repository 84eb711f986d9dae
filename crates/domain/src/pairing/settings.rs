//! A program's own matching settings: which hard rules apply, the minimum time overlap and the
//! score weights. Pins, forbids and earlier pairs are not settings: they come from the board and
//! the program's history, so they are never stored here.

use serde::{Deserialize, Serialize};

use super::{Rules, Weights};
use crate::ProgramStatus;

/// The switchable part of [`Rules`]; every field defaults to the engine's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleSwitches {
    /// See [`Rules::mentor_junior`].
    pub mentor_junior: bool,
    /// See [`Rules::separate_reporting_lines`].
    pub separate_reporting_lines: bool,
    /// See [`Rules::no_repeat_pairs`].
    pub no_repeat_pairs: bool,
    /// See [`Rules::shared_language`].
    pub shared_language: bool,
    /// See [`Rules::time_overlap`].
    pub time_overlap: bool,
    /// See [`Rules::min_overlap_hours`].
    pub min_overlap_hours: i32,
    /// See [`Rules::respect_capacity`].
    pub respect_capacity: bool,
    /// See [`Rules::apply_pins`].
    pub apply_pins: bool,
    /// See [`Rules::apply_forbids`].
    pub apply_forbids: bool,
}

impl Default for RuleSwitches {
    fn default() -> Self {
        RuleSwitches::of(&Rules::default())
    }
}

impl RuleSwitches {
    /// The switches of a full set of rules.
    pub fn of(r: &Rules) -> Self {
        RuleSwitches {
            mentor_junior: r.mentor_junior,
            separate_reporting_lines: r.separate_reporting_lines,
            no_repeat_pairs: r.no_repeat_pairs,
            shared_language: r.shared_language,
            time_overlap: r.time_overlap,
            min_overlap_hours: r.min_overlap_hours,
            respect_capacity: r.respect_capacity,
            apply_pins: r.apply_pins,
            apply_forbids: r.apply_forbids,
        }
    }

    /// `base` with these switches (its pins, forbids, earlier pairs and working day are kept).
    pub fn apply(&self, base: Rules) -> Rules {
        Rules {
            mentor_junior: self.mentor_junior,
            separate_reporting_lines: self.separate_reporting_lines,
            no_repeat_pairs: self.no_repeat_pairs,
            shared_language: self.shared_language,
            time_overlap: self.time_overlap,
            min_overlap_hours: self.min_overlap_hours,
            respect_capacity: self.respect_capacity,
            apply_pins: self.apply_pins,
            apply_forbids: self.apply_forbids,
            ..base
        }
    }
}

/// What a program stores as its matching settings (`program.matching`). An empty or missing
/// object reads as the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchingSettings {
    /// Hard rules switched on or off, and the minimum overlap.
    pub rules: RuleSwitches,
    /// Score weights.
    pub weights: Weights,
}

/// A setting out of range, naming the field so the form can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// `min_overlap_hours` is not a whole number between 0 and the working day's length.
    #[error("min_overlap_hours must be 0–{max}")]
    MinOverlapHours {
        /// Largest value allowed (the length of the working day in hours).
        max: i32,
    },
    /// A weight is not a whole number in `0..=MAX_WEIGHT`.
    #[error("weight {name} must be 0–{}", super::profile::MAX_WEIGHT)]
    Weight {
        /// The weight's field name, as in [`Weights`].
        name: &'static str,
    },
}

impl MatchingSettings {
    /// Checks the settings with the engine's own [`Rules::validate`] and [`Weights::validate`].
    pub fn validate(&self) -> Result<(), SettingsError> {
        let rules = self.rules.apply(Rules::default());
        if rules.validate().is_err() {
            return Err(SettingsError::MinOverlapHours {
                max: max_overlap_hours(),
            });
        }
        match self.weights.validate() {
            Err(super::PairingError::InvalidWeight { name, .. }) => Err(SettingsError::Weight { name }),
            _ => Ok(()),
        }
    }

    /// The rules a pairing of the program uses: these settings on top of `base`, which carries
    /// the pins, forbids and earlier pairs.
    pub fn rules(&self, base: Rules) -> Rules {
        self.rules.apply(base)
    }
}

/// The most overlap hours a program may ask for: the length of the (fixed) working day.
pub fn max_overlap_hours() -> i32 {
    let r = Rules::default();
    r.work_day_end_hour - r.work_day_start_hour
}

/// Reads a number typed into a settings form; anything but a whole number is refused as `err`.
pub fn parse_setting(text: &str, err: SettingsError) -> Result<i32, SettingsError> {
    text.trim().parse().map_err(|_| err)
}

/// Settings may change while a program is being prepared and matched (draft, enrolling,
/// matching); once pairs are active, or the program is closed, they stay as they were.
pub fn settings_editable(status: ProgramStatus) -> bool {
    matches!(
        status,
        ProgramStatus::Draft | ProgramStatus::Enrolling | ProgramStatus::Matching
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_settings_read_as_the_engine_defaults() {
        let s: MatchingSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, MatchingSettings::default());
        assert_eq!(s.rules(Rules::default()), Rules::default());
        assert_eq!(s.weights, Weights::default());
        let s: MatchingSettings =
            serde_json::from_str(r#"{"rules":{"shared_language":false},"weights":{"mentor_teaches":0}}"#)
                .unwrap();
        assert!(!s.rules.shared_language && s.rules.mentor_junior);
        assert_eq!((s.weights.mentor_teaches, s.weights.shared_availability), (0, 30));
    }

    #[test]
    fn settings_apply_on_top_of_pins_and_history() {
        let base = Rules {
            pins: vec![("a".into(), "b".into())],
            previous_pairs: vec![("c".into(), "d".into())],
            ..Rules::default()
        };
        let switches = RuleSwitches {
            time_overlap: false,
            min_overlap_hours: 4,
            apply_pins: false,
            ..RuleSwitches::default()
        };
        let r = switches.apply(base.clone());
        assert!(!r.time_overlap && !r.apply_pins && r.shared_language);
        assert_eq!(r.min_overlap_hours, 4);
        assert_eq!((&r.pins, &r.previous_pairs), (&base.pins, &base.previous_pairs));
        assert_eq!(RuleSwitches::of(&r), switches);
        // Stored JSON never carries pins, forbids or earlier pairs.
        let json = serde_json::to_value(MatchingSettings::default()).unwrap();
        for list in ["pins", "forbids", "previous_pairs"] {
            assert!(json["rules"].get(list).is_none(), "{json}");
        }
    }

    #[test]
    fn validation_names_the_field() {
        assert_eq!(MatchingSettings::default().validate(), Ok(()));
        let mut s = MatchingSettings::default();
        s.rules.min_overlap_hours = 10;
        assert_eq!(s.validate(), Err(SettingsError::MinOverlapHours { max: 9 }));
        s.rules.min_overlap_hours = -1;
        assert!(s.validate().is_err());
        let mut s = MatchingSettings::default();
        s.weights.shared_interests = 1001;
        assert_eq!(
            s.validate(),
            Err(SettingsError::Weight {
                name: "shared_interests"
            })
        );
        s.weights.shared_interests = 1000;
        s.weights.different_generation = -5;
        assert_eq!(
            s.validate(),
            Err(SettingsError::Weight {
                name: "different_generation"
            })
        );
        let bad = SettingsError::Weight {
            name: "mentor_teaches",
        };
        assert_eq!(parse_setting(" 25 ", bad), Ok(25));
        assert_eq!(parse_setting("", bad), Err(bad));
        assert_eq!(parse_setting("2.5", bad), Err(bad));
    }

    #[test]
    fn settings_lock_once_pairs_are_active() {
        use ProgramStatus::*;
        let editable: Vec<bool> = [Draft, Enrolling, Matching, Active, Closed]
            .into_iter()
            .map(settings_editable)
            .collect();
        assert_eq!(editable, [true, true, true, false, false]);
    }
}
