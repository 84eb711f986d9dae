//! Reusable pieces: props in, callbacks out.

pub mod agreement;
pub mod empty_state;
pub mod form_error;
pub mod icon;
pub mod lang_switcher;
pub mod loading;
pub mod matching_settings;
pub mod profile_fields;
pub mod program_invitations;
pub mod role_gate;
pub mod signup_link;
pub mod site_header;
pub mod submission_key;
pub mod topic_catalogue;
