//! Shows its children only to users whose role allows it: anonymous users are sent to sign in,
//! others see an "access denied" panel (HTTP 403). Server functions check again on their own.

use domain::Role;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::app::Session;
use crate::components::loading::Loading;
use crate::i18n::*;

/// Renders `children` for users whose role satisfies `role`.
#[component]
pub fn RoleGate(
    /// The least role that may see the page.
    role: Role,
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let location = use_location();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match session.user.await {
                    None => {
                        let next = location.pathname.get_untracked();
                        view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
                    }
                    Some(user) if user.role.satisfies(role) => children.read_value()().into_any(),
                    Some(_) => view! { <Forbidden /> }.into_any(),
                }
            })}
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
