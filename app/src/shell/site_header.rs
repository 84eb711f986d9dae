//! The header on every page: brand, navigation for the user's role, language, sign-out.

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};

use crate::accounts::auth::SignOut;
use crate::i18n::*;
use crate::shell::lang_switcher::LangSwitcher;
use crate::shell::session::Session;

/// Site header with role-aware navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let sign_out = ServerAction::<SignOut>::new();
    crate::shell::session::follow_auth_redirect(*sign_out);
    // The language changes only by loading a page afresh (the switcher's links go through the
    // server), so the labels are read once: tracking the locale would rebuild the whole
    // navigation when the i18n context re-announces the same locale right after hydration.
    let locale = i18n.get_locale_untracked();
    let nav = move || {
        Suspend::new(async move {
            let user = session.user.await;
            let links = match user.as_ref().map(|u| u.role) {
                None => vec![],
                Some(Role::Admin) => vec![
                    ("/", td_string!(locale, nav.dashboard)),
                    ("/admin/users", td_string!(locale, nav.users)),
                    ("/programs", td_string!(locale, nav.programs)),
                    ("/admin/outbox", td_string!(locale, nav.outbox)),
                ],
                Some(Role::ProgramManager) => {
                    vec![
                        ("/", td_string!(locale, nav.dashboard)),
                        ("/programs", td_string!(locale, nav.programs)),
                    ]
                }
                Some(Role::Participant) => {
                    vec![
                        ("/", td_string!(locale, nav.dashboard)),
                        ("/pair", td_string!(locale, nav.my_pair)),
                        ("/checkin", td_string!(locale, checkins.nav)),
                        ("/feedback", td_string!(locale, feedback.nav)),
                        ("/training", td_string!(locale, training.nav)),
                        ("/recognition", td_string!(locale, recognition.nav)),
                    ]
                }
            };
            let account = match user {
                Some(u) => view! {
                    <div class="account">
                        <a class="bell" href="/notifications" data-unread=u.unread
                            aria-label=td_string!(locale, notifications.bell, count = u.unread)>
                            <Icon kind=IconKind::Bell size=20 />
                            {(u.unread > 0).then(|| view! { <span class="bell__count" aria-hidden="true">{u.unread}</span> })}
                        </a>
                        <span class="account__name" title=u.email.clone()>{u.name.clone()}</span>
                        <ActionForm action=sign_out attr:class="inline-form">
                            <button type="submit" class="button button--quiet">{td_string!(locale, nav.sign_out)}</button>
                        </ActionForm>
                    </div>
                }
                .into_any(),
                None => view! { <a class="button button--quiet" href="/login">{td_string!(locale, nav.sign_in)}</a> }.into_any(),
            };
            view! {
                <nav class="main-nav" aria-label=td_string!(locale, nav.main)>
                    <ul>
                        {links
                            .into_iter()
                            .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                            .collect_view()}
                    </ul>
                </nav>
                {account}
            }
        })
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand__mark" aria-hidden="true">"⇄"</span>
                <span class="brand__name">"Inversa"</span>
            </a>
            <Suspense fallback=|| ()>{nav}</Suspense>
            <LangSwitcher />
        </header>
    }
}
