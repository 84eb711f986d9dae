//! The placeholder shown while a page's data loads.

use leptos::prelude::*;

use crate::i18n::*;

/// "Loading…", announced as busy.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">{t!(use_i18n(), common.loading)}</p> }
}

/// A "not found" panel inside a page, for a record the user may not see or that does not exist
/// (the server function has already set the HTTP status).
#[component]
pub fn NotFoundPanel(
    /// The server's message.
    message: String,
) -> impl IntoView {
    view! {
        <section class="status-page" data-status="404">
            <h1>{t!(use_i18n(), errors.title_404)}</h1>
            <p>{message}</p>
        </section>
    }
}
