//! `/training`: "My training", the signed-in person's modules (required first) with a progress
//! bar. Plain links: it works without JavaScript.

use domain::Role;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::training::api::my_training;
use crate::training::text::kind_text;

/// The page.
#[component]
pub fn MyTrainingPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <MyTrainingList />
        </RoleGate>
    }
}

#[component]
fn MyTrainingList() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| my_training());
    view! {
        <section class="page training">
            <h1>{t!(i18n, training.my_title)}</h1>
            <p class="muted">{t!(i18n, training.my_intro)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let locale = i18n.get_locale();
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(t) if t.modules.is_empty() => {
                            view! { <p class="muted empty" id="training-empty">{t!(i18n, training.my_none)}</p> }.into_any()
                        }
                        Ok(t) => view! {
                            <div class="training-progress" id="training-progress">
                                <p>{td_string!(locale, training.progress, done = t.done, total = t.total)}</p>
                                <progress max="100" value=t.percent aria-label=td_string!(locale, training.progress, done = t.done, total = t.total)>
                                    {format!("{} %", t.percent)}
                                </progress>
                                {(t.required_total > 0).then(|| view! {
                                    <p class="muted">{td_string!(locale, training.progress_required, done = t.required_done, total = t.required_total)}</p>
                                })}
                            </div>
                            <ul class="training-list">
                                {t.modules.into_iter().map(|m| {
                                    let state = if m.done { td_string!(locale, training.done) } else { td_string!(locale, training.pending) };
                                    let need = if m.required { td_string!(locale, training.required) } else { td_string!(locale, training.optional) };
                                    view! {
                                        <li class="card training-item" data-done=m.done.to_string() data-required=m.required.to_string()>
                                            <h2><a href=format!("/training/{}", m.key)>{m.title.clone()}</a></h2>
                                            <p class="muted">
                                                {kind_text(locale, m.kind)} " · " {td_string!(locale, training.minutes, minutes = m.minutes)}
                                                " · " {m.program.clone()}
                                            </p>
                                            <p>
                                                <span class=if m.done { "badge badge--ok" } else { "badge" }>{state}</span>
                                                " " <span class="badge">{need}</span>
                                            </p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <crate::training::workshops::mine::MyWorkshops />
        </section>
    }
}
