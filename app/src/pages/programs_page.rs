//! `/programs`: the program list for HR (program managers and admins).

use domain::Role;
use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;

/// Programs page.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RoleGate role=Role::ProgramManager>
            <section class="page">
                <h1>{t!(i18n, programs.title)}</h1>
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, home.no_programs_title).to_owned())
                    body=Signal::derive(move || t_string!(i18n, home.no_programs_body).to_owned())
                />
            </section>
        </RoleGate>
    }
}
