//! The program page's invitations card (`#invitations`, where the import page sends HR): how
//! many of the people enrolled are not invited, invited, expired or have an account; "invite
//! everyone not yet invited" and "re-send to everyone pending or expired"; and per person their
//! dates and an invite or re-send button.
//!
//! Plain forms, so it works without JavaScript: a bulk post sends batch after batch on the
//! server and comes back with how many went out. With JavaScript each batch of 50 is one call,
//! and the card sends the next one itself, showing "n of N".

use domain::invitation::{InvitationStatus, Sending};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::programs::invitations::{
    InvitationList, InvitePerson, InviteeView, SendProgramInvitations, program_invitations,
};
use crate::programs::list_page::show_date;

/// A bulk run in the browser: which sending, how many sent so far, out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    sending: Sending,
    done: i64,
    total: i64,
    finished: bool,
}

fn status_label(i18n: I18nContext<Locale>, status: InvitationStatus) -> &'static str {
    match status {
        InvitationStatus::NotInvited => t_string!(i18n, invitations.status_not_invited),
        InvitationStatus::Invited => t_string!(i18n, invitations.status_invited),
        InvitationStatus::Expired => t_string!(i18n, invitations.status_expired),
        InvitationStatus::Accepted => t_string!(i18n, invitations.status_accepted),
    }
}

/// The card's actions and its list, made by the page beside its other resources: a resource
/// created inside an already suspended body is not reliably sent with the page, and hydration
/// then fails.
#[derive(Clone, Copy)]
pub struct InvitationsState {
    send: ServerAction<SendProgramInvitations>,
    one: ServerAction<InvitePerson>,
    /// Counts finished runs: the list reloads when a run ends and after each single invitation,
    /// not after every batch.
    runs_ended: RwSignal<u32>,
    list: Resource<Result<InvitationList, crate::error::AppError>>,
}

impl InvitationsState {
    /// The state for the program whose key `key` gives.
    pub fn new(key: impl Fn() -> String + Send + Sync + 'static) -> InvitationsState {
        let send = ServerAction::<SendProgramInvitations>::new();
        let one = ServerAction::<InvitePerson>::new();
        let runs_ended = RwSignal::new(0_u32);
        let list = Resource::new(
            move || (key(), runs_ended.get(), one.version().get()),
            |(key, ..)| program_invitations(key),
        );
        InvitationsState {
            send,
            one,
            runs_ended,
            list,
        }
    }
}

/// The invitations card of a program.
#[component]
pub fn ProgramInvitations(
    /// Program key.
    program: String,
    /// The actions and list, made by the page.
    state: InvitationsState,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let InvitationsState {
        send,
        one,
        runs_ended,
        list,
    } = state;
    let run = RwSignal::new(None::<Run>);
    let continue_key = program.clone();
    Effect::new(move |_| {
        let Some(Ok(p)) = send.value().get() else {
            return;
        };
        let before = run.get_untracked().filter(|r| !p.first && r.sending == p.sending);
        let done = before.map_or(0, |r| r.done) + p.sent;
        let total = before.map_or(p.sent + p.remaining, |r| r.total);
        let go_on = p.remaining > 0 && p.sent > 0;
        run.set(Some(Run {
            sending: p.sending,
            done,
            total,
            finished: !go_on,
        }));
        if go_on {
            send.dispatch(SendProgramInvitations {
                key: continue_key.clone(),
                sending: p.sending,
                started: Some(p.started),
            });
        } else {
            runs_ended.update(|n| *n += 1);
        }
    });
    let send_result = Signal::derive(move || send.value().get().map(|r| r.map(|_| ())));
    let one_result = Signal::derive(move || one.value().get());
    // Without JavaScript the bulk post comes back here with what it did in the address.
    let from_query = move |name: &str| {
        query
            .with(|q| q.get(name))
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|_| send.version().get() == 0)
    };
    let progress = move || {
        if let Some(r) = run.get() {
            let (done, total) = (r.done, r.total);
            let stopped = r.finished && done < total;
            return Some(view! {
                <p class="alert alert--ok" role="status" id="invitations-progress" data-done=done data-total=total data-finished=r.finished.to_string()>
                    {t!(i18n, invitations.progress, done = move || done, count = move || total)}
                    {stopped.then(|| view! { " " {t!(i18n, invitations.stopped)} })}
                </p>
            }
            .into_any());
        }
        let sent = from_query("invited")?;
        let left = from_query("left").unwrap_or(0);
        Some(view! {
            <div class="alert alert--ok" role="status" id="invitations-progress" data-done=sent data-left=left>
                <p>{t!(i18n, invitations.sent, count = move || sent)}</p>
                {(left > 0).then(|| view! { <p>{t!(i18n, invitations.left, count = move || left)}</p> })}
            </div>
        }
        .into_any())
    };
    let reinvited = move || {
        (matches!(one.value().get(), Some(Ok(())))
            || one.version().get() == 0 && query.with(|q| q.get("reinvited").is_some()))
        .then(|| {
            view! { <p class="alert alert--ok" role="status" id="invitation-resent">{t!(i18n, invitations.reinvited)}</p> }
        })
    };
    view! {
        <section class="card invitations" id="invitations" aria-labelledby="invitations-title">
            <h2 id="invitations-title">{t!(i18n, invitations.title)}</h2>
            <p class="hint">{t!(i18n, invitations.intro)}</p>
            <FormError result=send_result />
            <FormError result=one_result />
            {progress}
            {reinvited}
            {move || send.pending().get().then(|| view! {
                <p class="loading" aria-busy="true">{t!(i18n, invitations.sending)}</p>
            })}
            <Suspense fallback=Loading>
                {move || {
                    let program = program.clone();
                    Suspend::new(async move {
                        match list.await {
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                            Ok(l) => view! { <InvitationsBody program list=l send one /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn InvitationsBody(
    program: String,
    list: InvitationList,
    send: ServerAction<SendProgramInvitations>,
    one: ServerAction<InvitePerson>,
) -> impl IntoView {
    let i18n = use_i18n();
    let InvitationList {
        people,
        not_invited,
        invited,
        expired,
        accepted,
        closed,
    } = list;
    if people.is_empty() {
        return view! { <p class="empty-note">{t!(i18n, invitations.empty)}</p> }.into_any();
    }
    let total = people.len() as i64;
    let busy = move || send.pending().get();
    let bulk = |sending: Sending, id: &'static str, reached: i64| {
        let key = program.clone();
        let label = move || match sending {
            Sending::Resend => t_string!(i18n, invitations.resend_all),
            _ => t_string!(i18n, invitations.invite_new),
        };
        let class = if sending == Sending::New {
            "button button--primary"
        } else {
            "button"
        };
        view! {
            <ActionForm action=send attr:class="inline-form invitations__bulk">
                <input type="hidden" name="key" value=key />
                <input type="hidden" name="sending" value=sending.as_str() />
                <button type="submit" class=class id=id data-count=reached disabled=move || closed || reached == 0 || busy()>
                    {label}
                </button>
            </ActionForm>
        }
    };
    let rows = people
        .into_iter()
        .map(|p| view! { <InviteeRow program=program.clone() person=p editable=!closed one busy=Signal::derive(busy) /> })
        .collect_view();
    view! {
        <ul class="invitations__counts" aria-label=move || t_string!(i18n, invitations.counts)>
            <li data-status="not_invited" data-count=not_invited>{t!(i18n, invitations.not_invited, count = move || not_invited)}</li>
            <li data-status="invited" data-count=invited>{t!(i18n, invitations.invited, count = move || invited)}</li>
            <li data-status="expired" data-count=expired>{t!(i18n, invitations.expired, count = move || expired)}</li>
            <li data-status="accepted" data-count=accepted>{t!(i18n, invitations.accepted, count = move || accepted)}</li>
        </ul>
        {if closed {
            view! { <p class="hint">{t!(i18n, invitations.closed)}</p> }.into_any()
        } else {
            view! {
                <div class="invitations__actions">
                    {bulk(Sending::New, "invite-everyone", not_invited)}
                    {bulk(Sending::Resend, "resend-everyone", invited + expired)}
                </div>
                <p class="hint">{t!(i18n, invitations.resend_hint)}</p>
            }
            .into_any()
        }}
        <details class="invitations__people" id="invitations-people">
            <summary>{t!(i18n, invitations.people, count = move || total)}</summary>
            <ul class="invitee-list">{rows}</ul>
        </details>
    }
    .into_any()
}

#[component]
fn InviteeRow(
    program: String,
    person: InviteeView,
    editable: bool,
    one: ServerAction<InvitePerson>,
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let InviteeView {
        employee,
        name,
        email,
        status,
        sent_on,
        expires_on,
    } = person;
    let dates = {
        let sent =
            sent_on.map(|d| view! { {t!(i18n, invitations.sent_on, date = move || show_date(i18n, d))} });
        let until = expires_on
            .filter(|_| status != InvitationStatus::Accepted)
            .map(|d| {
                if status == InvitationStatus::Expired {
                    view! { {t!(i18n, invitations.expired_on, date = move || show_date(i18n, d))} }.into_any()
                } else {
                    view! { {t!(i18n, invitations.valid_until, date = move || show_date(i18n, d))} }
                        .into_any()
                }
            });
        let both = sent.is_some() && until.is_some();
        (sent.is_some() || until.is_some()).then(|| {
            view! { <span class="invitee__dates muted">{sent}{both.then_some(", ")}{until}</span> }
        })
    };
    let (form_employee, shown_email) = (employee.clone(), email.clone());
    let action = (editable && status.reached_by(Sending::One)).then(|| {
        let label = if status == InvitationStatus::NotInvited {
            t_string!(i18n, invitations.invite_one)
        } else {
            t_string!(i18n, invitations.resend_one)
        };
        let who = name.clone();
        view! {
            <ActionForm action=one attr:class="invitee__form">
                <input type="hidden" name="key" value=program />
                <input type="hidden" name="employee" value=form_employee />
                <button type="submit" class="button button--quiet" disabled=move || busy.get()>
                    {label}
                    <span class="visually-hidden">": " {who}</span>
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class="invitee" data-status=status.as_str() data-email=email data-employee=employee>
            <span class="invitee__who">
                <strong>{name}</strong>
                " "
                <span class="muted invitee__email">{shown_email}</span>
            </span>
            <span class="badge invitee__status" data-status=status.as_str()>{move || status_label(i18n, status)}</span>
            {dates}
            {action}
        </li>
    }
}
