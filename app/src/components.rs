//! Reusable pieces: props in, callbacks out.

pub mod empty_state;
pub mod form_error;
pub mod lang_switcher;
pub mod loading;
pub mod role_gate;
pub mod signup_link;
pub mod site_header;
