//! Words for the pairing board's rules and refusals, shared by the server (which refuses an
//! invalid board) and the browser (which refuses an invalid drag before any round-trip).

use domain::pairing::{BoardViolation, HardRule, MoveError};

use crate::i18n::{Locale, td_string};

/// A pair's status in the reader's language (`pair_status.*`).
pub fn pair_status_text(locale: Locale, status: domain::PairStatus) -> &'static str {
    use domain::PairStatus as S;
    match status {
        S::Draft => td_string!(locale, pair_status.draft),
        S::Published => td_string!(locale, pair_status.published),
        S::Active => td_string!(locale, pair_status.active),
        S::Paused => td_string!(locale, pair_status.paused),
        S::Ended => td_string!(locale, pair_status.ended),
    }
}

/// A hard rule in the reader's language.
pub fn rule_text(locale: Locale, rule: HardRule) -> String {
    match rule {
        HardRule::MentorNotJunior => td_string!(locale, board.rule_mentor_not_junior),
        HardRule::SameReportingLine => td_string!(locale, board.rule_same_reporting_line),
        HardRule::RepeatPair => td_string!(locale, board.rule_repeat_pair),
        HardRule::NoSharedLanguage => td_string!(locale, board.rule_no_shared_language),
        HardRule::TooLittleTimeOverlap => td_string!(locale, board.rule_too_little_time_overlap),
        HardRule::MentorHasNoCapacity => td_string!(locale, board.rule_mentor_has_no_capacity),
        HardRule::PinnedElsewhere => td_string!(locale, board.rule_pinned_elsewhere),
        HardRule::Forbidden => td_string!(locale, board.rule_forbidden),
        HardRule::SamePerson => td_string!(locale, board.rule_same_person),
        HardRule::TrainingIncomplete => td_string!(locale, board.rule_training_incomplete),
    }
    .to_string()
}

/// What a board breaks, with people's names (`name` turns an employee key into a name).
pub fn violation_text(locale: Locale, v: &BoardViolation, name: &dyn Fn(&str) -> String) -> String {
    match v {
        BoardViolation::UnknownMentee { mentee: key } | BoardViolation::UnknownMentor { mentor: key } => {
            td_string!(locale, board.violation_unknown, key = key)
        }
        BoardViolation::RuleBroken { mentee, mentor, rule } => td_string!(
            locale,
            board.violation_rule,
            mentee = &name(mentee),
            mentor = &name(mentor),
            rule = &rule_text(locale, *rule)
        ),
        BoardViolation::MenteeTwice { mentee } => {
            td_string!(locale, board.violation_twice, mentee = &name(mentee))
        }
        BoardViolation::OverCapacity {
            mentor,
            assigned,
            capacity,
        } => td_string!(
            locale,
            board.violation_capacity,
            mentor = &name(mentor),
            assigned = assigned,
            capacity = capacity
        ),
        BoardViolation::PinMissing { mentee, mentor } => td_string!(
            locale,
            board.violation_pin,
            mentee = &name(mentee),
            mentor = &name(mentor)
        ),
    }
}

/// Why a drag was not made.
pub fn move_error_text(locale: Locale, e: MoveError) -> String {
    match e {
        MoveError::Locked => td_string!(locale, board.move_locked),
        MoveError::NoSuchPair => td_string!(locale, board.move_stale),
        MoveError::Nothing | MoveError::WrongTarget => td_string!(locale, board.move_wrong),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn violations_read_with_names_in_both_languages() {
        let v = BoardViolation::RuleBroken {
            mentee: "e1".into(),
            mentor: "r1".into(),
            rule: HardRule::SameReportingLine,
        };
        let name = |k: &str| {
            if k == "e1" {
                "Carmen".to_owned()
            } else {
                "Lucía".to_owned()
            }
        };
        assert_eq!(
            violation_text(Locale::es, &v, &name),
            "Carmen y Lucía: están en la misma línea jerárquica"
        );
        assert_eq!(
            violation_text(Locale::en, &v, &name),
            "Carmen and Lucía: they are in the same reporting line"
        );
        let cap = BoardViolation::OverCapacity {
            mentor: "r1".into(),
            assigned: 3,
            capacity: 2,
        };
        assert_eq!(
            violation_text(Locale::es, &cap, &name),
            "Lucía tendría 3 mentees y acepta 2"
        );
    }
}
