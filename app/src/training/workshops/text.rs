//! Workshop words that come from the domain's values.

use domain::training::workshop::WorkshopError;

use crate::i18n::{Locale, td_string};

/// What is wrong with HR's workshop form, in the reader's language.
pub fn problem(locale: Locale, e: WorkshopError) -> &'static str {
    use WorkshopError as W;
    match e {
        W::Title => td_string!(locale, workshops.err_title),
        W::Description => td_string!(locale, workshops.err_description),
        W::Date => td_string!(locale, errors.meeting_date),
        W::Time => td_string!(locale, errors.meeting_time),
        W::Minutes => td_string!(locale, workshops.err_minutes),
        W::TimeZone => td_string!(locale, errors.profile_time_zone),
        W::Place => td_string!(locale, errors.meeting_place),
        W::VideoUrl => td_string!(locale, errors.meeting_video_url),
        W::Where => td_string!(locale, errors.meeting_where),
        W::Past => td_string!(locale, workshops.err_past),
        W::Capacity => td_string!(locale, workshops.err_capacity),
        W::CapacityBelowTaken => td_string!(locale, workshops.err_capacity_below),
        W::Audience => td_string!(locale, workshops.err_audience),
        W::Module => td_string!(locale, workshops.err_module),
        W::AfterProgram => td_string!(locale, workshops.err_after_program),
        W::AudienceHasPeople => td_string!(locale, workshops.err_audience_has_people),
    }
}
