//! The HTML shell, the root component with its providers, and the route table.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::api::auth::{SignIn, SignOut, fetch_current_user};
use crate::components::site_header::SiteHeader;
use crate::i18n::*;
use crate::model::CurrentUser;
use crate::pages::{
    admin::users_page::UsersPage, home_page::HomePage, invite_page::InvitePage, login_page::LoginPage,
    not_found_page::NotFoundPage, pair_page::PairPage, programs_page::ProgramsPage,
};

/// The document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.ico" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The signed-in user, loaded once per page and refreshed after signing in or out.
#[derive(Clone, Copy)]
pub struct Session {
    /// The user resource (`None` when anonymous).
    pub user: Resource<Option<CurrentUser>>,
    /// The sign-in action (forms dispatch it; the user reloads when it completes).
    pub sign_in: ServerAction<SignIn>,
    /// The sign-out action.
    pub sign_out: ServerAction<SignOut>,
}

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let user = Resource::new(
        move || (sign_in.version().get(), sign_out.version().get()),
        |_| async move { fetch_current_user().await.ok().flatten() },
    );
    provide_context(Session { user, sign_in, sign_out });

    view! {
        <I18nContextProvider>
            <Stylesheet id="leptos" href="/pkg/inversa.css" />
            <Title text="Inversa" />
            <Router>
                <a class="skip-link" href="#main">{t!(use_i18n(), skip_to_content)}</a>
                <SiteHeader />
                <main id="main" tabindex="-1">
                    // Async: pages are rendered whole before the status line is sent, so a 403, 404
                    // or sign-in redirect decided inside the page reaches the HTTP response.
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async />
                        <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                        <Route path=path!("/programs") view=ProgramsPage ssr=SsrMode::Async />
                        <Route path=path!("/pair") view=PairPage ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}
