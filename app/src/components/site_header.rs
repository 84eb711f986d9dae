//! The header on every page: brand, navigation for the user's role, language, sign-out.

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::SignOut;
use crate::app::Session;
use crate::board_text::fill;
use crate::components::lang_switcher::LangSwitcher;
use crate::i18n::*;

/// Site header with role-aware navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let sign_out = ServerAction::<SignOut>::new();
    crate::app::follow_auth_redirect(*sign_out);
    let nav = move || {
        Suspend::new(async move {
            let user = session.user.await;
            let links = match user.as_ref().map(|u| u.role) {
                None => vec![],
                Some(Role::Admin) => vec![
                    ("/", t_string!(i18n, nav.dashboard)),
                    ("/admin/users", t_string!(i18n, nav.users)),
                    ("/programs", t_string!(i18n, nav.programs)),
                ],
                Some(Role::ProgramManager) => {
                    vec![
                        ("/", t_string!(i18n, nav.dashboard)),
                        ("/programs", t_string!(i18n, nav.programs)),
                    ]
                }
                Some(Role::Participant) => {
                    vec![
                        ("/", t_string!(i18n, nav.dashboard)),
                        ("/pair", t_string!(i18n, nav.my_pair)),
                        ("/checkin", t_string!(i18n, checkins.nav)),
                        ("/feedback", t_string!(i18n, feedback.nav)),
                    ]
                }
            };
            let account = match user {
                Some(u) => view! {
                    <div class="account">
                        <a class="bell" href="/notifications" data-unread=u.unread
                            aria-label=move || fill(t_string!(i18n, notifications.bell), &[("count", &u.unread.to_string())])>
                            <span aria-hidden="true">"🔔"</span>
                            {(u.unread > 0).then(|| view! { <span class="bell__count" aria-hidden="true">{u.unread}</span> })}
                        </a>
                        <span class="account__name" title=u.email.clone()>{u.name.clone()}</span>
                        <ActionForm action=sign_out attr:class="inline-form">
                            <button type="submit" class="button button--quiet">{t!(i18n, nav.sign_out)}</button>
                        </ActionForm>
                    </div>
                }
                .into_any(),
                None => view! { <a class="button button--quiet" href="/login">{t!(i18n, nav.sign_in)}</a> }.into_any(),
            };
            view! {
                <nav class="main-nav" aria-label=t_string!(i18n, nav.main)>
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
