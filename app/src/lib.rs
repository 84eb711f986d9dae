//! Inversa's web application: Leptos components (server-rendered, then hydrated) and the
//! `#[server]` functions they call.

#![recursion_limit = "256"]

leptos_i18n::load_locales!();

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{App, shell};
