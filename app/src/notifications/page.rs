//! `/notifications`: what happened that the user should know about, newest first.

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::notifications::api::{MarkNotificationsRead, my_notifications};
use crate::notifications::model::NotificationItem;

/// Notifications page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Notifications />
        </RoleGate>
    }
}

#[component]
fn Notifications() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(move || mark.version().get(), |_| my_notifications());
    view! {
        <section class="page">
            <h1>{t!(i18n, notifications.title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(items) if items.is_empty() => view! {
                            <EmptyState
                                title=Signal::derive(move || t_string!(i18n, notifications.empty_title).to_owned())
                                body=Signal::derive(move || t_string!(i18n, notifications.empty_body).to_owned())
                            />
                        }
                        .into_any(),
                        Ok(items) => {
                            let unread = items.iter().any(|n| !n.read);
                            view! {
                                {unread.then(|| view! {
                                    <ActionForm action=mark attr:class="inline-form">
                                        <button type="submit" class="button">{t!(i18n, notifications.mark_read)}</button>
                                    </ActionForm>
                                })}
                                <ul class="notifications">
                                    {items.into_iter().map(|n| view! { <Item n /> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Item(n: NotificationItem) -> impl IntoView {
    let i18n = use_i18n();
    let text = n.text.clone();
    let (y, m, d) = n.date;
    let lang = move || {
        if i18n.get_locale() == Locale::en {
            domain::Lang::En
        } else {
            domain::Lang::Es
        }
    };
    let date = move || domain::format_date(y, m, d, lang()).unwrap_or_default();
    view! {
        <li class="notification" data-kind=n.kind.clone() data-read=n.read.to_string()>
            {(!n.read).then(|| view! { <span class="badge">{t!(i18n, notifications.new)}</span> })}
            {match n.link.clone() {
                Some(href) => view! { <a href=href>{text}</a> }.into_any(),
                None => view! { <span>{text}</span> }.into_any(),
            }}
            <span class="muted">" · " {date}</span>
        </li>
    }
}
