//! `/pair`: a participant's pair workspace.

use domain::Role;
use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;

/// My pair page.
#[component]
pub fn PairPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RoleGate role=Role::Participant>
            <section class="page">
                <h1>{t!(i18n, pair.title)}</h1>
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, home.no_pair_title).to_owned())
                    body=Signal::derive(move || t_string!(i18n, home.no_pair_body).to_owned())
                />
            </section>
        </RoleGate>
    }
}
