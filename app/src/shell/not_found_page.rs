//! The page for unknown addresses, answered with HTTP 404.

use leptos::prelude::*;

use crate::i18n::*;

/// 404 page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <section class="status-page" data-status="404">
            <h1>{t!(i18n, errors.title_404)}</h1>
            <p>{t!(i18n, errors.not_found)}</p>
            <a class="button" href="/">{t!(i18n, errors.back_home)}</a>
        </section>
    }
}
