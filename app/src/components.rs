//! Reusable pieces: props in, callbacks out.

pub mod empty_state;
pub mod form_error;
pub mod lang_switcher;
pub mod loading;
pub mod matching_settings;
pub mod role_gate;
pub mod signup_link;
pub mod site_header;
pub mod topic_catalogue;
