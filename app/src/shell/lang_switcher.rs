//! Language switcher: plain links to `/lang/{code}` (external to the client router, so the server
//! handles them), which work without JavaScript too. The
//! server stores the choice (cookie, and the account when signed in) and comes back here.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::*;

/// Links to switch between Español and English; the current one is marked.
#[component]
pub fn LangSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        url_escape(&here)
    };
    let link = move |locale: Locale, code: &'static str, label: &'static str| {
        let current = move || i18n.get_locale() == locale;
        view! {
            <a
                href=move || format!("/lang/{code}?next={}", back())
                hreflang=code
                rel="external"
                lang=code
                class="lang-switcher__link"
                aria-current=move || current().then_some("true")
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="lang-switcher" aria-label=move || t_string!(i18n, nav.language)>
            {link(Locale::es, "es", "Español")}
            {link(Locale::en, "en", "English")}
        </nav>
    }
}

/// Percent-encodes a path for use as a query value.
fn url_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
