//! `/`: a landing page for visitors, a dashboard for each role.

use domain::Role;
use leptos::prelude::*;

use crate::api::users::load_account_stats;
use crate::app::Session;
use crate::components::empty_state::EmptyState;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::model::CurrentUser;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match session.user.await {
                    None => view! { <Landing /> }.into_any(),
                    Some(user) => view! { <Dashboard user /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hero">
            <h1>{t!(i18n, home.anonymous_title)}</h1>
            <p class="lead">{t!(i18n, home.anonymous_body)}</p>
            <a class="button button--primary" href="/login">{t!(i18n, nav.sign_in)}</a>
        </section>
    }
}

#[component]
fn Dashboard(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let name = user.name.clone();
    let intro = move || match user.role {
        Role::Admin => t_string!(i18n, home.admin_intro),
        Role::ProgramManager => t_string!(i18n, home.pm_intro),
        Role::Participant => t_string!(i18n, home.participant_intro),
    };
    let body = match user.role {
        Role::Admin => view! { <AdminOverview /> }.into_any(),
        Role::ProgramManager => view! {
            <EmptyState
                title=Signal::derive(move || t_string!(i18n, home.no_programs_title).to_owned())
                body=Signal::derive(move || t_string!(i18n, home.no_programs_body).to_owned())
            />
        }
        .into_any(),
        Role::Participant => view! {
            <EmptyState
                title=Signal::derive(move || t_string!(i18n, home.no_pair_title).to_owned())
                body=Signal::derive(move || t_string!(i18n, home.no_pair_body).to_owned())
            />
        }
        .into_any(),
    };
    view! {
        <section class="page" data-role=user.role.as_str()>
            <h1>{t!(i18n, home.welcome, name = move || name.clone())}</h1>
            <p class="lead">{intro}</p>
            {body}
        </section>
    }
}

#[component]
fn AdminOverview() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| load_account_stats());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(s) => view! {
                        <dl class="stats">
                            <div><dt>{t!(i18n, home.users_count)}</dt><dd>{s.total}</dd></div>
                            <div><dt>{t!(i18n, home.admins_count)}</dt><dd>{s.admins}</dd></div>
                            <div><dt>{t!(i18n, home.managers_count)}</dt><dd>{s.managers}</dd></div>
                            <div><dt>{t!(i18n, home.participants_count)}</dt><dd>{s.participants}</dd></div>
                        </dl>
                    }
                    .into_any(),
                    Err(e) => view! { <p class="alert alert--error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
