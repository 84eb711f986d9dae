//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// A program in the HR list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramSummary {
    /// Program key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Lifecycle stage.
    pub status: domain::ProgramStatus,
    /// First day.
    pub starts_on: domain::Date,
    /// Last day.
    pub ends_on: domain::Date,
}

/// Everything the program page shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramDetail {
    /// List data.
    pub summary: ProgramSummary,
    /// The design as the form shows it.
    pub input: domain::ProgramInput,
    /// Stages the program may move to now.
    pub next: Vec<domain::ProgramStatus>,
    /// Topic catalogue: `(key, Spanish, English)`.
    pub topics: Vec<(String, String, String)>,
}

/// A program's matching settings as its page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchingView {
    /// The settings in force (the defaults when none were saved).
    pub settings: domain::pairing::MatchingSettings,
    /// Whether they may change now (draft, enrolling and matching stages).
    pub editable: bool,
}

/// The hard-rule part of the settings form. A checkbox that is not ticked is absent from the
/// form, so every switch defaults to off; the number arrives as typed and is checked on the
/// server, which names it if it is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    /// Mentor junior to mentee.
    pub mentor_junior: bool,
    /// Never in the same reporting line.
    pub separate_reporting_lines: bool,
    /// No repeat of earlier pairs.
    pub no_repeat_pairs: bool,
    /// A shared language.
    pub shared_language: bool,
    /// Working hours overlap.
    pub time_overlap: bool,
    /// Minimum overlap in hours, as typed.
    pub min_overlap_hours: String,
    /// Respect mentor capacity.
    pub respect_capacity: bool,
    /// Apply pins.
    pub apply_pins: bool,
    /// Apply forbids.
    pub apply_forbids: bool,
}

/// The weights part of the settings form, each as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeightForm {
    /// What the mentor can teach.
    pub mentor_teaches: String,
    /// What the mentee can teach.
    pub mentee_teaches: String,
    /// Shared interests.
    pub shared_interests: String,
    /// Shared availability.
    pub shared_availability: String,
    /// Different departments.
    pub different_department: String,
    /// Different generations.
    pub different_generation: String,
}
