//! Words for training: refusals of a module, kinds and audiences, in the reader's language.

use domain::training::{Audience, ModuleKind, TrainingError};

use crate::i18n::{Locale, td_string};

/// Why a module cannot be saved.
pub fn problem(locale: Locale, e: TrainingError) -> &'static str {
    match e {
        TrainingError::Kind => td_string!(locale, training.err_kind_unknown),
        TrainingError::Audience => td_string!(locale, training.err_audience),
        TrainingError::Title => td_string!(locale, training.err_title),
        TrainingError::Body => td_string!(locale, training.err_body),
        TrainingError::ReadingEmpty => td_string!(locale, training.err_reading_empty),
        TrainingError::Minutes => td_string!(locale, training.err_minutes),
        TrainingError::Url => td_string!(locale, training.err_url),
        TrainingError::Items => td_string!(locale, training.err_items),
        TrainingError::Questions => td_string!(locale, training.err_questions),
        TrainingError::Question => td_string!(locale, training.err_question),
        TrainingError::PassMark => td_string!(locale, training.err_pass_mark),
    }
}

/// A module kind's name.
pub fn kind_text(locale: Locale, kind: ModuleKind) -> &'static str {
    match kind {
        ModuleKind::Reading => td_string!(locale, training.kind_reading),
        ModuleKind::Link => td_string!(locale, training.kind_link),
        ModuleKind::Checklist => td_string!(locale, training.kind_checklist),
        ModuleKind::Quiz => td_string!(locale, training.kind_quiz),
    }
}

/// Who a module is for.
pub fn audience_text(locale: Locale, audience: Audience) -> &'static str {
    match audience {
        Audience::Mentors => td_string!(locale, training.for_mentors),
        Audience::Mentees => td_string!(locale, training.for_mentees),
        Audience::Both => td_string!(locale, training.for_both),
    }
}
