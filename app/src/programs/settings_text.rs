//! Words for a program's matching settings, shared by the settings form (labels and
//! explanations) and the server (which names the refused field in its error message).

use domain::pairing::SettingsError;

use crate::i18n::{Locale, td_string};

/// The switchable hard rules, in the order the form shows them (field names of
/// [`domain::pairing::RuleSwitches`]).
pub const RULES: [&str; 8] = [
    "mentor_junior",
    "separate_reporting_lines",
    "no_repeat_pairs",
    "shared_language",
    "time_overlap",
    "respect_capacity",
    "apply_pins",
    "apply_forbids",
];

/// The weights, in criterion order (field names of [`domain::pairing::Weights`]).
pub const WEIGHTS: [&str; 6] = [
    "mentor_teaches",
    "mentee_teaches",
    "shared_interests",
    "shared_availability",
    "different_department",
    "different_generation",
];

/// A rule's name and a one-line explanation.
pub fn rule_text(locale: Locale, rule: &str) -> (&'static str, &'static str) {
    match rule {
        "mentor_junior" => (
            td_string!(locale, matching.r_mentor_junior),
            td_string!(locale, matching.h_mentor_junior),
        ),
        "separate_reporting_lines" => (
            td_string!(locale, matching.r_separate_reporting_lines),
            td_string!(locale, matching.h_separate_reporting_lines),
        ),
        "no_repeat_pairs" => (
            td_string!(locale, matching.r_no_repeat_pairs),
            td_string!(locale, matching.h_no_repeat_pairs),
        ),
        "shared_language" => (
            td_string!(locale, matching.r_shared_language),
            td_string!(locale, matching.h_shared_language),
        ),
        "time_overlap" => (
            td_string!(locale, matching.r_time_overlap),
            td_string!(locale, matching.h_time_overlap),
        ),
        "respect_capacity" => (
            td_string!(locale, matching.r_respect_capacity),
            td_string!(locale, matching.h_respect_capacity),
        ),
        "apply_pins" => (
            td_string!(locale, matching.r_apply_pins),
            td_string!(locale, matching.h_apply_pins),
        ),
        _ => (
            td_string!(locale, matching.r_apply_forbids),
            td_string!(locale, matching.h_apply_forbids),
        ),
    }
}

/// A weight's name and a one-line explanation.
pub fn weight_text(locale: Locale, weight: &str) -> (&'static str, &'static str) {
    match weight {
        "mentor_teaches" => (
            td_string!(locale, matching.w_mentor_teaches),
            td_string!(locale, matching.hw_mentor_teaches),
        ),
        "mentee_teaches" => (
            td_string!(locale, matching.w_mentee_teaches),
            td_string!(locale, matching.hw_mentee_teaches),
        ),
        "shared_interests" => (
            td_string!(locale, matching.w_shared_interests),
            td_string!(locale, matching.hw_shared_interests),
        ),
        "shared_availability" => (
            td_string!(locale, matching.w_shared_availability),
            td_string!(locale, matching.hw_shared_availability),
        ),
        "different_department" => (
            td_string!(locale, matching.w_different_department),
            td_string!(locale, matching.hw_different_department),
        ),
        _ => (
            td_string!(locale, matching.w_different_generation),
            td_string!(locale, matching.hw_different_generation),
        ),
    }
}

/// Which setting is refused and why, in the reader's language.
pub fn settings_error_text(locale: Locale, e: SettingsError) -> String {
    match e {
        SettingsError::MinOverlapHours { max } => td_string!(locale, matching.err_min_overlap, max = max),
        SettingsError::Weight { name } => td_string!(
            locale,
            matching.err_weight,
            field = weight_text(locale, name).0,
            max = &domain::pairing::profile::MAX_WEIGHT.to_string()
        ),
    }
}
