//! `/admin/outbox`: emails that failed for good and those still being retried, each with the
//! SMTP server's last reply and the next try, and a button that queues one again (a plain form,
//! so it works without JavaScript).

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::notifications::outbox::{
    DeliveryStatus, OutboxEmail, OutboxList, ResendEmail, Resent, list_outbox,
};

/// The email delivery page, for admins.
#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Admin>
            <OutboxAdmin />
        </RoleGate>
    }
}

#[component]
fn OutboxAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let resend = ServerAction::<ResendEmail>::new();
    let list = Resource::new(move || resend.version().get(), |_| list_outbox());
    // With JavaScript the answer comes back to the action; without, in the address.
    let outcome = move || match resend.value().get() {
        Some(Ok(r)) => Some(Ok(r)),
        Some(Err(e)) => Some(Err(e.message)),
        None => query.with(|q| match q.get("resent").as_deref() {
            Some("queued") => Some(Ok(Resent::Queued)),
            Some("already_sent") => Some(Ok(Resent::AlreadySent)),
            _ => None,
        }),
    };
    let message = move || {
        outcome().map(|r| match r {
            Ok(Resent::Queued) => view! {
                <p class="alert alert--ok" role="status" id="outbox-resent">{t!(i18n, outbox.resent)}</p>
            }
            .into_any(),
            Ok(Resent::AlreadySent) => view! {
                <p class="alert alert--ok" role="status" id="outbox-resent">{t!(i18n, outbox.already_sent)}</p>
            }
            .into_any(),
            Err(message) => view! { <p class="alert alert--error" role="alert">{message}</p> }.into_any(),
        })
    };
    view! {
        <section class="page">
            <h1>{t!(i18n, outbox.title)}</h1>
            <p class="lead">{t!(i18n, outbox.intro)}</p>
            {message}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) => view! { <OutboxBody list resend /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OutboxBody(list: OutboxList, resend: ServerAction<ResendEmail>) -> impl IntoView {
    let i18n = use_i18n();
    let OutboxList {
        emails,
        waiting,
        retrying,
        failed,
    } = list;
    let counts = view! {
        <p class="hint" id="outbox-counts" data-waiting=waiting data-retrying=retrying data-failed=failed>
            {t!(i18n, outbox.counts, failed = move || failed, retrying = move || retrying, waiting = move || waiting)}
        </p>
    };
    if emails.is_empty() {
        return view! {
            {counts}
            <EmptyState
                title=Signal::derive(move || t_string!(i18n, outbox.empty).to_owned())
                body=Signal::derive(move || t_string!(i18n, outbox.empty_body).to_owned())
            />
        }
        .into_any();
    }
    let rows = emails
        .into_iter()
        .map(|e| view! { <OutboxRow email=e resend /> })
        .collect_view();
    view! {
        {counts}
        <div class="table-wrap">
            <table class="table table--stack" id="outbox">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, outbox.to)}</th>
                        <th scope="col">{t!(i18n, outbox.subject)}</th>
                        <th scope="col">{t!(i18n, outbox.status)}</th>
                        <th scope="col">{t!(i18n, outbox.attempts)}</th>
                        <th scope="col">{t!(i18n, outbox.last_error)}</th>
                        <th scope="col">{t!(i18n, outbox.next_attempt)}</th>
                        <th scope="col"><span class="visually-hidden">{t!(i18n, outbox.actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn OutboxRow(email: OutboxEmail, resend: ServerAction<ResendEmail>) -> impl IntoView {
    let i18n = use_i18n();
    let failed = email.status == DeliveryStatus::Failed;
    let status = move || {
        if failed {
            t_string!(i18n, outbox.failed)
        } else {
            t_string!(i18n, outbox.retrying)
        }
    };
    let next = email.next_attempt_at.clone();
    let next = move || next.clone().unwrap_or_else(|| "—".to_owned());
    let button = move || {
        if failed {
            t_string!(i18n, outbox.resend)
        } else {
            t_string!(i18n, outbox.try_now)
        }
    };
    view! {
        <tr data-to=email.to.clone() data-status=if failed { "failed" } else { "retrying" } data-attempts=email.attempts>
            <td data-label=move || t_string!(i18n, outbox.to)>{email.to.clone()}</td>
            <td data-label=move || t_string!(i18n, outbox.subject)>{email.subject.clone()}</td>
            <td data-label=move || t_string!(i18n, outbox.status)>
                <span class=if failed { "badge badge--warn" } else { "badge" }>{status}</span>
            </td>
            <td data-label=move || t_string!(i18n, outbox.attempts)>{email.attempts}</td>
            <td data-label=move || t_string!(i18n, outbox.last_error)>
                <code class="outbox__error">{email.last_error.clone().unwrap_or_default()}</code>
            </td>
            <td data-label=move || t_string!(i18n, outbox.next_attempt)>{next}</td>
            <td>
                <ActionForm action=resend attr:class="inline-form">
                    <input type="hidden" name="key" value=email.key.clone() />
                    <button type="submit" class="button" disabled=move || resend.pending().get()>{button}</button>
                </ActionForm>
            </td>
        </tr>
    }
}
