//! `/programs/:key/risk`: HR's pairs at risk, with the reasons, and pause, resume, end (with a
//! reason) or re-match. Ending asks for the reason and a second click inside a disclosure; every
//! action is a plain form.

use domain::{PairStatus, Role};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::risk::api::{ActOnPair, pairs_at_risk};
use crate::risk::model::RiskView;

/// The pairs-at-risk page.
#[component]
pub fn RiskPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Risk />
        </RoleGate>
    }
}

#[component]
fn Risk() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let act = ServerAction::<ActOnPair>::new();
    let list = Resource::new(
        move || (program(), act.version().get()),
        |(p, _)| pairs_at_risk(p),
    );
    view! {
        <section class="page risk-page">
            <p><a href=move || format!("/programs/{}", program())>"← " {t!(i18n, import.back)}</a></p>
            <h1>{t!(i18n, risk.title)}</h1>
            <p class="hint">{t!(i18n, risk.intro)}</p>
            <FormError result=Signal::derive(move || act.value().get().map(|r| r.map(|_| ()))) />
            {move || act.value().get().and_then(Result::ok).map(|s| view! {
                <p class="alert alert--ok" role="status" id="risk-done">{t_string!(i18n, risk.done, status = crate::board::text::pair_status_text(i18n.get_locale(), s))}</p>
            })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p class="muted empty">{t!(i18n, risk.none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="risk-list">
                                {items.into_iter().map(|r| view! { <RiskCard r act /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RiskCard(r: RiskView, act: ServerAction<ActOnPair>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let paused = r.status == PairStatus::Paused;
    let key = r.key.clone();
    let simple = |action: &'static str, label: &'static str| {
        let key = key.clone();
        view! {
            <ActionForm action=act attr:class="inline-form">
                <input type="hidden" name="pair" value=key />
                <input type="hidden" name="action" value=action />
                <input type="hidden" name="reason" value="" />
                <button type="submit" class="button">{label}</button>
            </ActionForm>
        }
    };
    let with_reason =
        |action: &'static str, summary: &'static str, confirm: &'static str, hint: Option<&'static str>| {
            let key = key.clone();
            let id = format!("reason-{action}-{key}");
            view! {
                <details class="meeting__more">
                    <summary>{summary}</summary>
                    {hint.map(|h| view! { <p class="hint">{h}</p> })}
                    <ActionForm action=act attr:class="form">
                        <input type="hidden" name="pair" value=key />
                        <input type="hidden" name="action" value=action />
                        <label for=id.clone()>{td_string!(locale, risk.reason)}</label>
                        <textarea id=id name="reason" rows="2" required maxlength="500"></textarea>
                        <button type="submit" class="button button--danger">{confirm}</button>
                    </ActionForm>
                </details>
            }
        };
    view! {
        <li class="card risk" data-status=r.status.as_str() data-reasons=r.reason_keys.join(" ")>
            <h2>{td_string!(locale, risk.with, mentor = &r.mentor, mentee = &r.mentee)}</h2>
            {paused.then(|| view! {
                <p><span class="badge">{t!(i18n, risk.paused)}</span> " " {r.note.clone().unwrap_or_default()}</p>
            })}
            <ul class="reasons">{r.reasons.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
            <div class="meeting__actions">
                {if paused { simple("resume", td_string!(locale, risk.resume)) } else { simple("pause", td_string!(locale, risk.pause)) }}
            </div>
            {with_reason("end", td_string!(locale, risk.end), td_string!(locale, risk.confirm_end), None)}
            {with_reason("rematch", td_string!(locale, risk.rematch), td_string!(locale, risk.confirm_rematch), Some(td_string!(locale, risk.rematch_hint)))}
        </li>
    }
}
