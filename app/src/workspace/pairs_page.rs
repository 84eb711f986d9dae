//! `/pair`: a participant's published pairs.

use domain::Role;
use leptos::prelude::*;

use crate::board::api::{AcceptPair, my_pairs};
use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::workspace::meetings::{CreateCalendarFeed, RevokeCalendarFeed, calendar_feed};
use leptos::form::ActionForm;

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
    let accept = ServerAction::<AcceptPair>::new();
    let pairs = Resource::new(move || accept.version().get(), |_| my_pairs());
    let accept_result = Signal::derive(move || accept.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="page">
            <h1>{t!(i18n, pair.title)}</h1>
            <FormError result=accept_result />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match pairs.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
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
                                        <li class="pair-card my-pair" data-status=p.status.as_str()>
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
                                            <Acceptance p=p.clone() accept />
                                            <p>
                                                <a class="button" href=format!("/pair/{}", p.key)>{t!(i18n, workspace.open)}</a>
                                            </p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
            <CalendarFeed />
        </section>
    }
}

/// The private calendar feed: make an address (shown once, as only its hash is kept), replace it,
/// or turn it off.
#[component]
fn CalendarFeed() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let status = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| calendar_feed(),
    );
    let created = Signal::derive(move || create.value().get().map(|r| r.map(|_| ())));
    let revoked = Signal::derive(move || revoke.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="card calendar-feed" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{t!(i18n, calendar.title)}</h2>
            <p class="hint">{t!(i18n, calendar.intro)}</p>
            <FormError result=created />
            <FormError result=revoked />
            {move || create.value().get().and_then(Result::ok).map(|url| view! { <FreshFeed url /> })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let status = status.await.ok();
                    // Without JavaScript the new address comes back with the page.
                    let fresh = status.as_ref().and_then(|s| s.fresh_url.clone());
                    let live = status.and_then(|s| s.created);
                    let has_live = live.is_some();
                    view! {
                        {fresh.map(|url| view! { <FreshFeed url /> })}
                        <p class="muted" id="calendar-status">
                            {match live.clone() {
                                Some(when) => t_string!(i18n, calendar.active, created = &when),
                                None => t_string!(i18n, calendar.none).to_owned(),
                            }}
                        </p>
                        <div class="meeting__actions">
                            <ActionForm action=create attr:class="inline-form">
                                <button type="submit" class="button" id="calendar-create">
                                    {if has_live { t!(i18n, calendar.replace).into_any() } else { t!(i18n, calendar.create).into_any() }}
                                </button>
                            </ActionForm>
                            {has_live.then(|| view! {
                                <ActionForm action=revoke attr:class="inline-form">
                                    <button type="submit" class="button button--quiet" id="calendar-revoke">{t!(i18n, calendar.revoke)}</button>
                                </ActionForm>
                            })}
                        </div>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A feed address just made, shown this once.
#[component]
fn FreshFeed(url: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert--ok" role="status">
            <p>{t!(i18n, calendar.shown_once)}</p>
            <input id="calendar-url" class="copy-field" readonly value=url aria-label=move || t_string!(i18n, calendar.title) />
        </div>
    }
}

/// Whether each side has accepted the pair, and the button to accept it (a plain form, so it works
/// without JavaScript).
#[component]
fn Acceptance(p: crate::workspace::model::MyPair, accept: ServerAction<AcceptPair>) -> impl IntoView {
    let i18n = use_i18n();
    let other = p.other_name.clone();
    if p.i_accepted {
        let text = if p.other_accepted {
            t_string!(i18n, pair.both_accepted).to_owned()
        } else {
            t_string!(i18n, pair.waiting_other, name = &other)
        };
        view! { <p class="alert alert--ok accepted" role="status">{text}</p> }.into_any()
    } else {
        view! {
            <ActionForm action=accept attr:class="accept-form">
                <input type="hidden" name="pair" value=p.key.clone() />
                <p class="hint">{t!(i18n, pair.accept_hint)}</p>
                <button type="submit" class="button button--primary" aria-busy=move || accept.pending().get().then_some("true")>
                    {t!(i18n, pair.accept)}
                </button>
            </ActionForm>
        }
        .into_any()
    }
}
