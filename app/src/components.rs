//! Reusable pieces every feature uses: props in, callbacks out.

pub mod empty_state;
pub mod error_view;
pub mod form_error;
pub mod icon;
pub mod loading;
pub mod role_gate;
pub mod submission_key;
