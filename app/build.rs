//! Generates the `i18n` module from the translation files in `locales/<locale>/<namespace>.json`.
//!
//! The build script (rather than `leptos_i18n::load_locales!`) is what lets the texts be
//! interpolated outside views: `td_string!(locale, board.move_title, name = label)` gives a
//! `String` in server functions, emails and `aria-label`s, so every text goes through one
//! mechanism (`interpolate_display`). No ICU data is generated here: plural rules come from
//! `icu_plurals`' compiled data (see `src/plural_rules.rs`).

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

/// One namespace per area of the product; a key reads `namespace.key` (`board.move_title`).
const NAMESPACES: &[&str] = &[
    "board",
    "calendar",
    "certificates",
    "checkins",
    "common",
    "errors",
    "feedback",
    "home",
    "import",
    "invitations",
    "invite",
    "join",
    "login",
    "matching",
    "meetings",
    "nav",
    "notifications",
    "outbox",
    "pair",
    "pair_status",
    "profile",
    "programs",
    "recognition",
    "risk",
    "roles",
    "training",
    "users",
    "workshops",
    "workspace",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    let options = ParseOptions::default().interpolate_display(true);
    let cfg = Config::new("es")?
        .add_locale("en")?
        .add_namespaces(NAMESPACES.iter().copied())?
        .parse_options(options);
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
