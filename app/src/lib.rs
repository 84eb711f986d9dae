//! Inversa's web application: Leptos components (server-rendered, then hydrated) and the
//! `#[server]` functions they call, in one folder per area of the product (see `docs/architecture.md`).

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

// The shell and what every feature shares.
pub mod app;
pub mod components;
pub mod error;
pub mod form;
pub mod plural_rules;
pub mod shell;

// One folder per area, each with its server functions, wire types (`model`), texts and pages.
pub mod accounts;
pub mod board;
pub mod feedback;
pub mod home;
pub mod import;
pub mod join;
pub mod notifications;
pub mod programs;
pub mod risk;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod workspace;

pub use app::{App, shell};
