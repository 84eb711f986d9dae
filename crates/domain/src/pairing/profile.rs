//! The inputs of a pairing: people's profiles, the hard rules and the score weights.
//!
//! All three are plain serde types with defaults for every field, so a JSON input only names what
//! differs from the defaults, and the same values travel between server and browser (integers are
//! `i32`, never `usize`).

use serde::{Deserialize, Serialize};

use super::PairingError;

/// Highest allowed value of a single weight.
pub const MAX_WEIGHT: i32 = 1_000;

/// Most entries in one list of a profile (topics, interests, slots, languages, managers). Keeps
/// the exact score arithmetic inside `i64`.
pub const MAX_LIST_LEN: usize = 1_000;

/// Largest time-zone offset accepted, in minutes (UTC±14:00 are the extremes in use).
pub const MAX_UTC_OFFSET_MINUTES: i32 = 14 * 60;

/// A participant's profile as the pairing sees it. Mentors and mentees use the same type;
/// `capacity` only matters for mentors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// Stable id (unique among the program's mentors and mentees).
    pub id: String,
    /// Job level; **higher is more senior**. `None` when unknown.
    pub job_level: Option<i32>,
    /// Months in the company. `None` when unknown.
    pub tenure_months: Option<i32>,
    /// Ids of this person's managers, from the direct manager up.
    pub manager_chain: Vec<String>,
    /// Languages spoken (any consistent codes, e.g. `es`, `en`).
    pub languages: Vec<String>,
    /// Offset of local time from UTC in minutes (Madrid in winter: 60).
    pub utc_offset_minutes: i32,
    /// Free slots, as keys like `mon_am`.
    pub availability: Vec<String>,
    /// Topic keys this person can teach.
    pub can_teach: Vec<String>,
    /// Topic keys this person wants to learn.
    pub wants_to_learn: Vec<String>,
    /// Free-form interest keys.
    pub interests: Vec<String>,
    /// How many mentees a mentor takes (default 1; ignored for mentees).
    pub capacity: i32,
    /// Department, for the optional diversity preference.
    pub department: Option<String>,
    /// Generation (e.g. `gen_z`), for the optional diversity preference.
    pub generation: Option<String>,
    /// Whether the person completed the program's required training (or HR waived it for
    /// them). Only looked at when [`Rules::require_training`] is on. Default `true`.
    pub training_complete: bool,
}

impl Default for Person {
    fn default() -> Self {
        Person {
            id: String::new(),
            job_level: None,
            tenure_months: None,
            manager_chain: Vec::new(),
            languages: Vec::new(),
            utc_offset_minutes: 0,
            availability: Vec::new(),
            can_teach: Vec::new(),
            wants_to_learn: Vec::new(),
            interests: Vec::new(),
            capacity: 1,
            department: None,
            generation: None,
            training_complete: true,
        }
    }
}

impl Person {
    /// A person with this id and every other field at its default.
    pub fn new(id: impl Into<String>) -> Self {
        Person {
            id: id.into(),
            ..Person::default()
        }
    }

    /// Checks ranges: non-empty id, offset within ±14 h, no list longer than [`MAX_LIST_LEN`].
    /// (A negative capacity is reported by the solver, which knows who is a mentor.)
    pub fn validate(&self) -> Result<(), PairingError> {
        if self.id.is_empty() {
            return Err(PairingError::EmptyId);
        }
        let invalid = |message: String| {
            Err(PairingError::InvalidPerson {
                id: self.id.clone(),
                message,
            })
        };
        if self.utc_offset_minutes.abs() > MAX_UTC_OFFSET_MINUTES {
            return invalid(format!(
                "utc_offset_minutes {} is beyond ±14 h",
                self.utc_offset_minutes
            ));
        }
        let lists = [
            ("manager_chain", &self.manager_chain),
            ("languages", &self.languages),
            ("availability", &self.availability),
            ("can_teach", &self.can_teach),
            ("wants_to_learn", &self.wants_to_learn),
            ("interests", &self.interests),
        ];
        for (name, list) in lists {
            if list.len() > MAX_LIST_LEN {
                return invalid(format!(
                    "{name} has {} entries (at most {MAX_LIST_LEN})",
                    list.len()
                ));
            }
        }
        Ok(())
    }
}

/// The hard rules. A pair that breaks any enabled rule is never proposed. Every rule can be
/// switched off; the defaults switch all of them on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    /// The mentor must be junior to the mentee: a lower `job_level`; when the levels are equal or
    /// either is unknown, a shorter `tenure_months`. When neither settles it the pair is excluded,
    /// so fill in levels or tenure, or switch the rule off. Default on.
    pub mentor_junior: bool,
    /// Never pair someone with a person in their reporting line (either is in the other's
    /// `manager_chain`). Default on.
    pub separate_reporting_lines: bool,
    /// Never repeat a pair from `previous_pairs`. Default on.
    pub no_repeat_pairs: bool,
    /// Earlier pairs as `(mentee, mentor)` ids.
    pub previous_pairs: Vec<(String, String)>,
    /// The two must share at least one language. Default on.
    pub shared_language: bool,
    /// Their working days must overlap by at least `min_overlap_hours`. Default on.
    pub time_overlap: bool,
    /// Minimum overlap of the two working days, in hours. Default 2.
    pub min_overlap_hours: i32,
    /// Local hour the working day starts, for everyone. Default 9.
    pub work_day_start_hour: i32,
    /// Local hour the working day ends, for everyone. Default 18.
    pub work_day_end_hour: i32,
    /// Mentors take at most `capacity` mentees, and a mentor with capacity 0 takes none. Off:
    /// capacities are ignored (any mentor may take any number). Default on.
    pub respect_capacity: bool,
    /// Apply `pins`. Default on.
    pub apply_pins: bool,
    /// Pairs HR requires, as `(mentee, mentor)` ids. A pinned mentee pairs with no one else.
    pub pins: Vec<(String, String)>,
    /// Apply `forbids`. Default on.
    pub apply_forbids: bool,
    /// Pairs HR excludes, as `(mentee, mentor)` ids.
    pub forbids: Vec<(String, String)>,
    /// Both people must have completed the program's required training
    /// ([`Person::training_complete`]): pre-match training, as mentoring practice standards call
    /// it. Default off.
    pub require_training: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            mentor_junior: true,
            separate_reporting_lines: true,
            no_repeat_pairs: true,
            previous_pairs: Vec::new(),
            shared_language: true,
            time_overlap: true,
            min_overlap_hours: 2,
            work_day_start_hour: 9,
            work_day_end_hour: 18,
            respect_capacity: true,
            apply_pins: true,
            pins: Vec::new(),
            apply_forbids: true,
            forbids: Vec::new(),
            require_training: false,
        }
    }
}

impl Rules {
    /// Checks the working day (`0 ≤ start < end ≤ 24`) and the minimum overlap (`0 ≤ min ≤`
    /// length of the day).
    pub fn validate(&self) -> Result<(), PairingError> {
        let (start, end) = (self.work_day_start_hour, self.work_day_end_hour);
        if !(0 <= start && start < end && end <= 24) {
            return Err(PairingError::InvalidRules {
                message: format!("working day {start}–{end} h must satisfy 0 ≤ start < end ≤ 24"),
            });
        }
        if !(0..=end - start).contains(&self.min_overlap_hours) {
            return Err(PairingError::InvalidRules {
                message: format!(
                    "min_overlap_hours {} must be between 0 and the working day's {} h",
                    self.min_overlap_hours,
                    end - start
                ),
            });
        }
        Ok(())
    }

    /// Length of the working day in minutes.
    pub(crate) fn work_day_minutes(&self) -> i32 {
        (self.work_day_end_hour - self.work_day_start_hour) * 60
    }
}

/// Weights of the score criteria, each `0..=MAX_WEIGHT`. Only the proportions matter: a pair's
/// score is `100 × Σ weight × fulfilment / Σ weight`, rounded. See [`super::score`] for how each
/// criterion's fulfilment (0–1) is measured.
///
/// Defaults: what the mentor can teach the mentee weighs most (40), then a shared time to meet
/// (30), then what the mentee can teach back (15) and shared interests (15); the diversity
/// preferences are off (0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Topics the mentor can teach that the mentee wants to learn.
    pub mentor_teaches: i32,
    /// Topics the mentee can teach that the mentor wants to learn (the reverse direction).
    pub mentee_teaches: i32,
    /// Shared interests.
    pub shared_interests: i32,
    /// Shared availability slots.
    pub shared_availability: i32,
    /// Preference for different departments.
    pub different_department: i32,
    /// Preference for different generations.
    pub different_generation: i32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            mentor_teaches: 40,
            mentee_teaches: 15,
            shared_interests: 15,
            shared_availability: 30,
            different_department: 0,
            different_generation: 0,
        }
    }
}

impl Weights {
    /// The weights with their field names, in criterion order.
    pub(crate) fn named(&self) -> [(&'static str, i32); 6] {
        [
            ("mentor_teaches", self.mentor_teaches),
            ("mentee_teaches", self.mentee_teaches),
            ("shared_interests", self.shared_interests),
            ("shared_availability", self.shared_availability),
            ("different_department", self.different_department),
            ("different_generation", self.different_generation),
        ]
    }

    /// Checks every weight is within `0..=MAX_WEIGHT`.
    pub fn validate(&self) -> Result<(), PairingError> {
        match self
            .named()
            .into_iter()
            .find(|&(_, w)| !(0..=MAX_WEIGHT).contains(&w))
        {
            Some((name, value)) => Err(PairingError::InvalidWeight { name, value }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_defaults_fill_missing_fields() {
        let p: Person = serde_json::from_str(r#"{"id":"ana","languages":["es"]}"#).unwrap();
        assert_eq!(p.capacity, 1);
        assert_eq!(p.languages, ["es"]);
        let r: Rules = serde_json::from_str(r#"{"min_overlap_hours":3}"#).unwrap();
        assert!(r.mentor_junior && r.respect_capacity);
        assert_eq!((r.min_overlap_hours, r.work_day_start_hour), (3, 9));
        let w: Weights = serde_json::from_str(r#"{"different_department":10}"#).unwrap();
        assert_eq!((w.mentor_teaches, w.different_department), (40, 10));
    }

    #[test]
    fn validation() {
        assert_eq!(Person::new("").validate(), Err(PairingError::EmptyId));
        let far = Person {
            utc_offset_minutes: 15 * 60,
            ..Person::new("x")
        };
        assert!(matches!(far.validate(), Err(PairingError::InvalidPerson { .. })));
        let long = Person {
            interests: vec!["a".into(); MAX_LIST_LEN + 1],
            ..Person::new("x")
        };
        assert!(matches!(long.validate(), Err(PairingError::InvalidPerson { .. })));
        assert!(Rules::default().validate().is_ok());
        for (start, end, min) in [(9, 9, 0), (-1, 18, 2), (9, 25, 2), (9, 18, 10), (9, 18, -1)] {
            let r = Rules {
                work_day_start_hour: start,
                work_day_end_hour: end,
                min_overlap_hours: min,
                ..Rules::default()
            };
            assert!(r.validate().is_err(), "{start}-{end} min {min}");
        }
        assert!(Weights::default().validate().is_ok());
        let w = Weights {
            shared_interests: -1,
            ..Weights::default()
        };
        assert_eq!(
            w.validate(),
            Err(PairingError::InvalidWeight {
                name: "shared_interests",
                value: -1
            })
        );
    }
}
