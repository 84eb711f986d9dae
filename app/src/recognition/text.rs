//! Recognition words that come from the domain's values.

use domain::recognition::badges::Badge;
use domain::recognition::certificates::{CertificateError, Missing};
use domain::recognition::kudos::{KudosError, KudosValue};

use crate::i18n::{Locale, td_string};

/// A kudos value in the reader's language.
pub fn value_text(locale: Locale, v: KudosValue) -> &'static str {
    match v {
        KudosValue::TaughtMe => td_string!(locale, recognition.value_taught_me),
        KudosValue::Patience => td_string!(locale, recognition.value_patience),
        KudosValue::Generosity => td_string!(locale, recognition.value_generosity),
        KudosValue::Curiosity => td_string!(locale, recognition.value_curiosity),
        KudosValue::Openness => td_string!(locale, recognition.value_openness),
    }
}

/// A badge's name in the reader's language.
pub fn badge_name(locale: Locale, b: Badge) -> &'static str {
    match b {
        Badge::FirstMeeting => td_string!(locale, recognition.badge_first_meeting),
        Badge::FiveCheckins => td_string!(locale, recognition.badge_five_checkins),
        Badge::FirstGoal => td_string!(locale, recognition.badge_first_goal),
        Badge::TwoWayPair => td_string!(locale, recognition.badge_two_way_pair),
        Badge::TrainingDone => td_string!(locale, recognition.badge_training_done),
        Badge::FiveKudos => td_string!(locale, recognition.badge_five_kudos),
        Badge::ProgramCompleted => td_string!(locale, recognition.badge_program_completed),
    }
}

/// How a badge is earned, in the reader's language.
pub fn badge_how(locale: Locale, b: Badge) -> &'static str {
    match b {
        Badge::FirstMeeting => td_string!(locale, recognition.how_first_meeting),
        Badge::FiveCheckins => td_string!(locale, recognition.how_five_checkins),
        Badge::FirstGoal => td_string!(locale, recognition.how_first_goal),
        Badge::TwoWayPair => td_string!(locale, recognition.how_two_way_pair),
        Badge::TrainingDone => td_string!(locale, recognition.how_training_done),
        Badge::FiveKudos => td_string!(locale, recognition.how_five_kudos),
        Badge::ProgramCompleted => td_string!(locale, recognition.how_program_completed),
    }
}

/// What is wrong with a kudos, in the reader's language.
pub fn problem(locale: Locale, e: KudosError) -> &'static str {
    match e {
        KudosError::Empty => td_string!(locale, recognition.err_empty),
        KudosError::TooLong => td_string!(locale, recognition.err_too_long),
        KudosError::Value => td_string!(locale, recognition.err_value),
        KudosError::ToSelf => td_string!(locale, recognition.err_self),
        KudosError::DailyLimit => td_string!(locale, recognition.err_limit),
        KudosError::Reason => td_string!(locale, recognition.err_reason),
    }
}

/// What is wrong with certificate criteria, issuing or revoking, in the reader's language.
pub fn certificate_problem(locale: Locale, e: CertificateError) -> &'static str {
    match e {
        CertificateError::MinMeetings => td_string!(locale, certificates.err_min_meetings),
        CertificateError::Reason => td_string!(locale, certificates.err_reason),
        CertificateError::NotStarted => td_string!(locale, certificates.err_not_started),
    }
}

/// What someone still lacks for a certificate, in the reader's language.
pub fn missing_text(locale: Locale, m: Missing) -> String {
    match m {
        Missing::NoPair => td_string!(locale, certificates.missing_pair).to_owned(),
        Missing::Meetings(held, needed) => td_string!(
            locale,
            certificates.missing_meetings,
            held = held,
            needed = needed
        ),
        Missing::Training => td_string!(locale, certificates.missing_training).to_owned(),
        Missing::PairEnded => td_string!(locale, certificates.missing_ended).to_owned(),
    }
}

/// A certificate role in the reader's language.
pub fn role_text(locale: Locale, role: &str) -> &'static str {
    match role {
        "mentor" => td_string!(locale, certificates.role_mentor),
        "mentee" => td_string!(locale, certificates.role_mentee),
        _ => td_string!(locale, certificates.role_both),
    }
}
