//! Shows its children only to users whose role allows it: anonymous users are sent to sign in,
//! others see an "access denied" panel (HTTP 403). Server functions check again on their own.

use domain::Role;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::accounts::model::CurrentUser;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::shell::session::Session;

/// Renders `children` for users whose role satisfies `role`.
#[component]
pub fn RoleGate(
    /// The least role that may see the page.
    role: Role,
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let location = use_location();
    let page = move |user: Option<CurrentUser>| match user {
        None => {
            let next = location.pathname.get_untracked();
            view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
        }
        Some(user) if user.role.satisfies(role) => children().into_any(),
        Some(_) => view! { <Forbidden /> }.into_any(),
    };
    view! { <SessionPage page /> }
}

/// The view `page` makes for the signed-in user (`None` when anonymous), made once per page
/// load, once the session is known.
///
/// Every page that depends on who is signed in goes through here, because the page is made by a
/// single suspended future rather than by a closure. On the server, `<Suspense>` walks its
/// children more than once to find what they load, calling again every closure it finds, and
/// one walk runs inside an effect whose owner is disposed when the page is sent. A page made in
/// such a closure is made two or three times, and the resources it creates run under owners
/// that die early: their server functions find no `AppState` in context, the data sent for
/// hydration carries that error, and tasks polled later panic on disposed signals. The session
/// does not change during a page's life (signing in or out loads a new page), so nothing is lost
/// by not tracking it. Inside the page, create resources at the top of components that are made
/// once, never inside a `move || Suspend::new(…)` body.
#[component]
pub fn SessionPage<F>(
    /// Makes the page for the user.
    page: F,
) -> impl IntoView
where
    F: FnOnce(Option<CurrentUser>) -> AnyView + Send + 'static,
{
    let session = expect_context::<Session>();
    view! {
        <Suspense fallback=Loading>
            {Suspend::new(async move { page(session.user.await) })}
        </Suspense>
    }
}

/// The "access denied" panel, answered with HTTP 403.
#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::FORBIDDEN);
    }
    let i18n = use_i18n();
    view! {
        <section class="status-page" data-status="403">
            <h1>{t!(i18n, errors.title_403)}</h1>
            <p>{t!(i18n, errors.forbidden)}</p>
            <a class="button" href="/">{t!(i18n, errors.back_home)}</a>
        </section>
    }
}
