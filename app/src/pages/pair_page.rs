//! `/pair`: a participant's published pairs.

use domain::Role;
use leptos::prelude::*;

use crate::api::pairing::my_pairs;
use crate::components::empty_state::EmptyState;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;

/// My pair page.
#[component]
pub fn PairPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <MyPairs />
        </RoleGate>
    }
}

#[component]
fn MyPairs() -> impl IntoView {
    let i18n = use_i18n();
    let pairs = Resource::new(|| (), |_| my_pairs());
    view! {
        <section class="page">
            <h1>{t!(i18n, pair.title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match pairs.await {
                        Err(e) => view! { <p class="alert alert--error" role="alert">{e.message}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <EmptyState
                                title=Signal::derive(move || t_string!(i18n, home.no_pair_title).to_owned())
                                body=Signal::derive(move || t_string!(i18n, home.no_pair_body).to_owned())
                            />
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ul class="pair-list">
                                {list.into_iter().map(|p| {
                                    let name = p.other_name.clone();
                                    view! {
                                        <li class="pair-card my-pair">
                                            <p class="pair-card__people">
                                                <strong>
                                                    {if p.i_mentor {
                                                        t!(i18n, pair.you_mentor, name = move || name.clone()).into_any()
                                                    } else {
                                                        t!(i18n, pair.you_mentee, name = move || name.clone()).into_any()
                                                    }}
                                                </strong>
                                            </p>
                                            <p class="muted">{t!(i18n, pair.program)} ": " {p.program.clone()} " · " <a href=format!("mailto:{}", p.other_email)>{p.other_email.clone()}</a></p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
