//! `/programs/:key/wall`: a program's wall of kudos, newest first, twenty a page (`?page=N`),
//! with the form to send one, "take off the wall" for its recipient and "remove" (with a
//! reason) for HR. Plain forms: it works without JavaScript.

use domain::Role;
use domain::recognition::kudos::{KudosValue, MAX_MESSAGE, MAX_REASON};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::recognition::api::{HideKudos, RemoveKudos, SendKudos, kudos_wall};
use crate::recognition::model::{KudosItem, WallView};
use crate::recognition::text::value_text;

/// The page.
#[component]
pub fn WallPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Wall />
        </RoleGate>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    send: ServerAction<SendKudos>,
    hide: ServerAction<HideKudos>,
    remove: ServerAction<RemoveKudos>,
}

#[component]
fn Wall() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let page = move || {
        query
            .with(|q| q.get("page"))
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let actions = Actions {
        send: ServerAction::new(),
        hide: ServerAction::new(),
        remove: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                program(),
                page(),
                actions.send.version().get(),
                actions.hide.version().get(),
                actions.remove.version().get(),
            )
        },
        |(p, page, ..)| kudos_wall(p, page),
    );
    let errors = Signal::derive(move || {
        [
            actions.send.value().get().map(|r| r.map(|_| ())),
            actions.hide.value().get().map(|r| r.map(|_| ())),
            actions.remove.value().get().map(|r| r.map(|_| ())),
        ]
        .into_iter()
        .flatten()
        .find(Result::is_err)
    });
    let sent = move || {
        matches!(actions.send.value().get(), Some(Ok(_))).then(|| {
            view! { <p class="alert alert--ok" role="status" id="kudos-sent">{t!(i18n, recognition.sent)}</p> }
        })
    };
    view! {
        <section class="page wall-page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(w) => view! {
                            <h1>{td_string!(i18n.get_locale(), recognition.wall_title, program = w.program.clone())}</h1>
                            <p class="muted">{t!(i18n, recognition.wall_intro)}</p>
                            <FormError result=errors />
                            {sent}
                            <SendForm program=program() w=w.clone() send=actions.send />
                            <KudosList program=program() w actions />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SendForm(program: String, w: WallView, send: ServerAction<SendKudos>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    if !w.open {
        return view! { <p class="muted" id="wall-closed">{t!(i18n, recognition.closed)}</p> }.into_any();
    }
    if w.recipients.is_empty() {
        return view! { <p class="muted">{t!(i18n, recognition.nobody)}</p> }.into_any();
    }
    let people = w
        .recipients
        .into_iter()
        .map(|r| view! { <option value=r.key>{r.name}</option> })
        .collect_view();
    let values = KudosValue::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let id = format!("kudos-value-{}", v.as_str());
            let label_for = id.clone();
            view! {
                <label class="choice" for=label_for>
                    <input type="radio" id=id name="value" value=v.as_str() required checked=i == 0 />
                    <span>{value_text(locale, *v)}</span>
                </label>
            }
        })
        .collect_view();
    let submission = crate::components::submission_key::new_submission_key();
    view! {
        <details class="card new-kudos" open=true>
            <summary>{t!(i18n, recognition.send_title)}</summary>
            <ActionForm action=send attr:class="form" attr:id="kudos-form">
                <input type="hidden" name="program" value=program />
                <input type="hidden" name="submission" value=submission />
                <label for="kudos-to">{t!(i18n, recognition.field_to)}</label>
                <select id="kudos-to" name="to" required>
                    <option value="">{t!(i18n, recognition.field_to_pick)}</option>
                    {people}
                </select>
                <fieldset class="question-input">
                    <legend>{t!(i18n, recognition.field_value)}</legend>
                    <div class="choices">{values}</div>
                </fieldset>
                <label for="kudos-message">{t!(i18n, recognition.field_message)}</label>
                <textarea id="kudos-message" name="message" rows="3" maxlength=MAX_MESSAGE.to_string() required
                    aria-describedby="kudos-message-hint"></textarea>
                <p class="hint" id="kudos-message-hint">{td_string!(locale, recognition.message_hint, max = MAX_MESSAGE)}</p>
                <button type="submit" class="button button--primary" id="send-kudos">{t!(i18n, recognition.send)}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

#[component]
fn KudosList(program: String, w: WallView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    if w.kudos.is_empty() {
        return view! { <p class="muted empty" id="wall-empty">{t!(i18n, recognition.empty)}</p> }.into_any();
    }
    let total = td_string!(locale, recognition.total, count = w.total);
    let is_hr = w.is_hr;
    let items = w
        .kudos
        .into_iter()
        .map(|k| view! { <Kudos k is_hr actions /> })
        .collect_view();
    let newer = (w.page > 0).then(|| {
        let href = format!("/programs/{program}/wall?page={}", w.page - 1);
        view! { <a class="button" href=href rel="prev">{t!(i18n, recognition.newer)}</a> }
    });
    let older = (w.page + 1 < w.pages).then(|| {
        let href = format!("/programs/{program}/wall?page={}", w.page + 1);
        view! { <a class="button" href=href rel="next" id="wall-older">{t!(i18n, recognition.older)}</a> }
    });
    view! {
        <p class="muted" id="wall-total">{total}</p>
        <ul class="kudos-list" id="kudos-list">{items}</ul>
        <nav class="actions pager" aria-label=td_string!(locale, recognition.pages)>
            {newer}
            <span class="muted">{td_string!(locale, recognition.page_of, page = w.page + 1, pages = w.pages)}</span>
            {older}
        </nav>
    }
    .into_any()
}

#[component]
fn Kudos(k: KudosItem, is_hr: bool, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let hide = k.to_me.then(|| {
        let key = k.key.clone();
        view! {
            <details class="confirm">
                <summary class="button button--quiet">{t!(i18n, recognition.hide)}</summary>
                <p>{t!(i18n, recognition.hide_confirm)}</p>
                <ActionForm action=actions.hide attr:class="inline-form">
                    <input type="hidden" name="kudos" value=key />
                    <button type="submit" class="button">{t!(i18n, recognition.hide_yes)}</button>
                </ActionForm>
            </details>
        }
    });
    let remove = is_hr.then(|| {
        let key = k.key.clone();
        let id = format!("reason-{}", k.key);
        let label_for = id.clone();
        view! {
            <details class="confirm">
                <summary class="button button--danger">{t!(i18n, recognition.remove)}</summary>
                <ActionForm action=actions.remove attr:class="form">
                    <input type="hidden" name="kudos" value=key />
                    <label for=label_for>{t!(i18n, recognition.remove_reason)}</label>
                    <textarea id=id name="reason" rows="2" required maxlength=MAX_REASON.to_string()></textarea>
                    <button type="submit" class="button button--danger">{t!(i18n, recognition.remove_yes)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <li class="card kudos" data-key=k.key.clone() data-to-me=k.to_me.to_string()>
            <p class="kudos__who">
                <strong>{k.from.clone()}</strong> " → " <strong>{k.to.clone()}</strong>
            </p>
            <p><span class="badge">{value_text(locale, k.value)}</span></p>
            <p class="kudos__message">{k.message.clone()}</p>
            <p class="muted">{k.when.clone()}</p>
            {(hide.is_some() || remove.is_some()).then(|| view! { <div class="actions">{hide}{remove}</div> })}
        </li>
    }
}
