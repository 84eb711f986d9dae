//! The HTML shell, the root component with its providers, and the route table.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::api::auth::fetch_current_user;
use crate::components::site_header::SiteHeader;
use crate::i18n::*;
use crate::model::CurrentUser;
use crate::pages::{
    admin::users_page::UsersPage,
    board_page::BoardPage,
    checkin_page::CheckinPage,
    feedback_hr_page::{FeedbackFormPage, FeedbackFormsPage},
    home_page::HomePage,
    import_page::ImportPage,
    invite_page::InvitePage,
    join_page::JoinPage,
    login_page::LoginPage,
    my_feedback_page::{AnswerFeedbackPage, MyFeedbackPage},
    not_found_page::NotFoundPage,
    notifications_page::NotificationsPage,
    pair_page::PairPage,
    program_page::ProgramPage,
    programs_page::ProgramsPage,
    risk_page::RiskPage,
    workspace_page::WorkspacePage,
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

/// The signed-in user, loaded once per page load. Signing in or out reloads the whole page (see
/// [`follow_auth_redirect`]), so every resource starts again from the new session.
#[derive(Clone, Copy)]
pub struct Session {
    /// The user resource (`None` when anonymous).
    pub user: Resource<Option<CurrentUser>>,
}

/// After an action that changes who is signed in succeeds with a target path, load that page
/// afresh. (Without JavaScript the server answers the form post with a redirect instead.)
pub fn follow_auth_redirect<A: Send + Sync + 'static, E: Send + Sync + Clone + 'static>(
    action: Action<A, Result<String, E>>,
) {
    Effect::new(move |_| {
        if let Some(Ok(path)) = action.value().get() {
            let _ = window().location().set_href(&path);
        }
    });
}

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let user = Resource::new(
        || (),
        |_| async move { fetch_current_user().await.ok().flatten() },
    );
    provide_context(Session { user });

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
                        <Route path=path!("/join/:token") view=JoinPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                        <Route path=path!("/programs") view=ProgramsPage ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key") view=ProgramPage ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/pairs") view=BoardPage ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/import") view=ImportPage ssr=SsrMode::Async />
                        <Route path=path!("/pair") view=PairPage ssr=SsrMode::Async />
                        <Route path=path!("/pair/:key") view=WorkspacePage ssr=SsrMode::Async />
                        <Route path=path!("/checkin") view=CheckinPage ssr=SsrMode::Async />
                        <Route path=path!("/feedback") view=MyFeedbackPage ssr=SsrMode::Async />
                        <Route path=path!("/feedback/:request") view=AnswerFeedbackPage ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/feedback") view=FeedbackFormsPage ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/risk") view=RiskPage ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/feedback/:form") view=FeedbackFormPage ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}
