//! `/recognition`: the signed-in participant's badges (with how each is earned, and those still
//! to earn) and the walls of their programs. Plain links: it works without JavaScript.

use domain::Role;
use domain::recognition::badges::Badge;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::recognition::api::my_recognition;
use crate::recognition::badge_icon::BadgeIcon;
use crate::recognition::model::{BadgeView, RecognitionOverview};
use crate::recognition::text::{badge_how, badge_name};

/// The page.
#[component]
pub fn MyRecognitionPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Mine />
        </RoleGate>
    }
}

#[component]
fn Mine() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| my_recognition());
    let certificates = Resource::new(|| (), |_| crate::recognition::certificates::my_certificates());
    view! {
        <section class="page recognition-page">
            <h1>{t!(i18n, recognition.my_title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(r) => view! { <Content r /> }.into_any(),
                    }
                })}
            </Suspense>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let locale = i18n.get_locale();
                    match certificates.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) if list.is_empty() => ().into_any(),
                        Ok(list) => view! {
                            <h2>{t!(i18n, certificates.my_title)}</h2>
                            <ul class="certificate-list" id="my-certificates">
                                {list.into_iter().map(|c| {
                                    let href = format!("/certificates/{}.pdf", c.code);
                                    let label = td_string!(locale, certificates.download_for, program = c.program.clone());
                                    view! {
                                        <li class="card" data-revoked=c.revoked.to_string()>
                                            <p><strong>{c.program.clone()}</strong></p>
                                            <p class="muted">{td_string!(locale, certificates.my_facts, date = c.issued.clone(), hours = c.hours.clone())}</p>
                                            {if c.revoked {
                                                view! { <p class="badge">{t!(i18n, certificates.my_revoked)}</p> }.into_any()
                                            } else {
                                                view! {
                                                    <p><a class="button button--primary" href=href download="" aria-label=label>{t!(i18n, certificates.download)}</a></p>
                                                }.into_any()
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A list of badges, each drawn with its name, how it is earned, and where and when.
#[component]
pub fn BadgeList(badges: Vec<BadgeView>, #[prop(default = false)] show_holder: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    badges
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let holder = show_holder.then(|| b.holder.clone());
            view! {
                <li class="badge-card" data-badge=b.badge.as_str()>
                    <BadgeIcon badge=b.badge id_suffix=i.to_string() />
                    <div>
                        <p class="badge-card__name">{badge_name(locale, b.badge)}</p>
                        {holder.map(|h| view! { <p>{h}</p> })}
                        <p class="muted">{badge_how(locale, b.badge)}</p>
                        <p class="muted">{b.program.clone()} " · " {b.when.clone()}</p>
                    </div>
                </li>
            }
        })
        .collect_view()
}

#[component]
fn Content(r: RecognitionOverview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let held: Vec<Badge> = r.badges.iter().map(|b| b.badge).collect();
    let to_earn: Vec<Badge> = Badge::ALL.into_iter().filter(|b| !held.contains(b)).collect();
    let walls = r
        .walls
        .into_iter()
        .map(|w| {
            let href = format!("/programs/{}/wall", w.program);
            view! { <li><a href=href>{td_string!(locale, recognition.wall_title, program = w.name)}</a></li> }
        })
        .collect_view();
    view! {
        <h2>{t!(i18n, recognition.my_badges)}</h2>
        {if r.badges.is_empty() {
            view! { <p class="muted empty" id="badges-empty">{t!(i18n, recognition.no_badges)}</p> }.into_any()
        } else {
            view! { <ul class="badge-list" id="my-badges"><BadgeList badges=r.badges /></ul> }.into_any()
        }}
        {(!to_earn.is_empty()).then(|| view! {
            <h2>{t!(i18n, recognition.to_earn)}</h2>
            <ul class="badge-list badge-list--todo" id="badges-to-earn">
                {to_earn.into_iter().map(|b| view! {
                    <li class="badge-card badge-card--todo" data-badge=b.as_str()>
                        <BadgeIcon badge=b size=40 id_suffix="todo".to_owned() />
                        <div>
                            <p class="badge-card__name">{badge_name(locale, b)}</p>
                            <p class="muted">{badge_how(locale, b)}</p>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2>{t!(i18n, recognition.walls)}</h2>
        <ul class="wall-links" id="wall-links">{walls}</ul>
    }
}
