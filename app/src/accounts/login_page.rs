//! `/login`: sign in with email and password. A plain form that also works without JavaScript.

use domain::AccountError;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::accounts::auth::SignIn;
use crate::components::form_error::FormError;
use crate::error::{ErrorKind, Invalid};
use crate::i18n::*;
use crate::shell::session::follow_auth_redirect;

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    // Created inside the router so that an error from a plain (no-JavaScript) form post, which
    // comes back in the URL, shows up as this action's result.
    let action = ServerAction::<SignIn>::new();
    follow_auth_redirect(*action);
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let result = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let kind = move || result.get().and_then(Result::err).map(|e| e.kind);
    let email_invalid = move || {
        matches!(
            kind(),
            Some(ErrorKind::Invalid(Invalid::Account(AccountError::InvalidEmail)))
        )
        .then_some("true")
    };
    let creds_invalid = move || matches!(kind(), Some(ErrorKind::InvalidCredentials)).then_some("true");
    view! {
        <section class="card card--narrow">
            <h1>{t!(i18n, login.title)}</h1>
            <p>{t!(i18n, login.intro)}</p>
            <ActionForm action attr:class="form" attr:novalidate="">
                <FormError result />
                <input type="hidden" name="next" value=next />
                <label for="email">{t!(i18n, login.email)}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    aria-invalid=move || email_invalid().or(creds_invalid())
                />
                <label for="password">{t!(i18n, login.password)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=creds_invalid
                />
                <button type="submit" class="button button--primary" aria-busy=move || action.pending().get().then_some("true")>
                    {move || if action.pending().get() { t_string!(i18n, login.submitting) } else { t_string!(i18n, login.submit) }}
                </button>
            </ActionForm>
            <p class="hint">{t!(i18n, login.forgot)}</p>
        </section>
    }
}
