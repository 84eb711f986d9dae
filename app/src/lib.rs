//! Inversa's web application: Leptos components (server-rendered, then hydrated) and the
//! `#[server]` functions they call.

#![recursion_limit = "256"]

/// Translations generated from `app/locales/*.json` at compile time.
#[expect(
    deprecated,
    reason = "the build.rs replacement pulls ICU data generation into every build"
)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;

pub mod api;
pub mod app;
pub mod board_text;
pub mod components;
pub mod error;
pub mod feedback_text;
pub mod form;
pub mod model;
pub mod pages;
pub mod plural_rules;
pub mod settings_text;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{App, shell};
