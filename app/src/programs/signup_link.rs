//! The program page's card for making a signup link to share (shown once, only its hash is kept).

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::form_error::FormError;
use crate::i18n::*;
use crate::join::api::CreateSignupLink;

/// Creates a new signup link for the program and shows it once.
#[component]
pub fn SignupLink(
    /// Program key.
    program: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateSignupLink>::new();
    let result = Signal::derive(move || create.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="card" aria-labelledby="signup-link-title">
            <h2 id="signup-link-title">{t!(i18n, join.link_title)}</h2>
            <p class="hint">{t!(i18n, join.link_hint)}</p>
            <FormError result />
            {move || create.value().get().and_then(Result::ok).map(|link| view! {
                <div class="alert alert--ok" role="status">
                    <p>{t!(i18n, join.link_created)}</p>
                    <input id="signup-link" class="copy-field" readonly value=link aria-label=move || t_string!(i18n, join.link_title) />
                </div>
            })}
            <ActionForm action=create>
                <input type="hidden" name="program" value=program />
                <button type="submit" class="button" id="create-signup-link" aria-busy=move || create.pending().get().then_some("true")>
                    {t!(i18n, join.link_create)}
                </button>
            </ActionForm>
        </section>
    }
}
