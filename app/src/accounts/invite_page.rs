//! `/invite/:token`: a new user chooses a password and is signed in.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::accounts::auth::{AcceptInvitation, invitation_email};
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::shell::session::follow_auth_redirect;

/// The invitation acceptance page.
#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let email = Resource::new(token, invitation_email);
    let action = ServerAction::<AcceptInvitation>::new();
    follow_auth_redirect(*action);
    let result = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="card card--narrow">
            <h1>{t!(i18n, invite.title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match email.await {
                        Err(_) => view! { <p class="alert alert--error" role="alert">{t!(i18n, invite.invalid)}</p> }.into_any(),
                        Ok(address) => view! {
                            <p>{t!(i18n, invite.intro, email = move || address.clone())}</p>
                            <ActionForm action attr:class="form">
                                <FormError result />
                                <input type="hidden" name="token" value=token />
                                <label for="password">{t!(i18n, invite.password)}</label>
                                <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required aria-describedby="password-hint" />
                                <p id="password-hint" class="hint">{t!(i18n, invite.password_hint)}</p>
                                <label for="confirm">{t!(i18n, invite.confirm)}</label>
                                <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="10" required />
                                <button type="submit" class="button button--primary">{t!(i18n, invite.submit)}</button>
                            </ActionForm>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
