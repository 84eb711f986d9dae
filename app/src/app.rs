//! The HTML shell, the root component with its providers, and the route table.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, SsrMode, path};

use crate::accounts::auth::fetch_current_user;
use crate::accounts::{invite_page::InvitePage, login_page::LoginPage, users_page::UsersPage};
use crate::board::page::BoardPage;
use crate::feedback::{
    hr_page::{FeedbackFormPage, FeedbackFormsPage},
    my_page::{AnswerFeedbackPage, MyFeedbackPage},
};
use crate::home::page::HomePage;
use crate::i18n::*;
use crate::import::page::ImportPage;
use crate::join::{page::JoinPage, profile_page::ProfilePage};
use crate::notifications::{outbox_page::OutboxPage, page::NotificationsPage};
use crate::programs::{list_page::ProgramsPage, program_page::ProgramPage};
use crate::recognition::{
    certificates_page::CertificatesPage, my_page::MyRecognitionPage, verify_page::VerifyPage,
    wall_page::WallPage,
};
use crate::risk::page::RiskPage;
use crate::shell::not_found_page::NotFoundPage;
use crate::shell::session::Session;
use crate::shell::site_header::SiteHeader;
use crate::training::{
    hr_page::ProgramTrainingPage, module_page::TrainingModulePage, my_page::MyTrainingPage,
    progress_page::TrainingProgressPage, workshops::attendance_page::WorkshopAttendancePage,
};
use crate::workspace::{checkin_page::CheckinPage, page::WorkspacePage, pairs_page::PairPage};

/// The document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let path = use_context::<http::request::Parts>().map(|p| p.uri.path().to_owned());
    let idle = path.as_deref().is_some_and(loads_when_idle);
    // Only under `cargo leptos watch` (`./dev watch`): reloads the page after a rebuild.
    let reload = view! { <AutoReload options=options.clone() /> };
    let assets = asset_names(&options);
    let stylesheet = format!("/{}/{}", options.site_pkg_dir, assets.css);
    let scripts = if idle {
        let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
        let script = idle_hydration_script(&options.site_pkg_dir, &assets.js, &assets.wasm);
        view! { <script type="module" nonce=nonce>{script}</script> }.into_any()
    } else {
        view! { <HydrationScripts options /> }.into_any()
    };
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.ico" />
                <link rel="stylesheet" id="leptos" href=stylesheet />
                {reload}
                {scripts}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The built files' names the server read at start-up (plain names outside a server, where
/// there is no `AppState`).
fn asset_names(options: &LeptosOptions) -> std::sync::Arc<crate::assets::AssetNames> {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::ssr::AppState>() {
        return state.assets;
    }
    std::sync::Arc::new(crate::assets::AssetNames::plain(&options.output_name))
}

/// Whether a page loads the app's code only once it is painted and the browser is idle: every
/// page but HR's (`/programs…`, `/admin…`). Participants open them on phones, on slow networks,
/// and each works whole as server-rendered HTML with plain forms, so its first paint must not
/// share the network with half a megabyte of WebAssembly. HR's pages, used on computers, are
/// mostly interactive (the pairing board): their code is preloaded with the page.
fn loads_when_idle(path: &str) -> bool {
    let hr = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    !hr("/programs") && !hr("/admin")
}

/// The `<meta name>` through which a page names the group of pages (`hr_pages`, `people_pages`,
/// …) whose lazily loaded WASM chunk has its code; the pages in the main bundle have none.
const CHUNK_META: &str = "inversa-chunk";

/// Loads the WASM chunk with the current page's code, as the server-rendered page names it in
/// `<meta name="inversa-chunk">`, if it is not loaded yet; at once for the one page in the main
/// bundle (not found).
///
/// The entry point awaits this before it hydrates: hydration is synchronous (see
/// `vendor/README.md`), and the router hydrates a lazily loaded route only if its chunk is
/// already there (it panics otherwise). The page names its chunk because the server rendered
/// the route and so knows it for certain. Outside the browser there are no chunks and it does
/// nothing.
pub async fn load_page_code() {
    #[cfg(target_arch = "wasm32")]
    {
        let chunk = document()
            .query_selector(&format!("meta[name={CHUNK_META}]"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"));
        if let Some(chunk) = chunk {
            load_chunk(&chunk).await;
        }
    }
}

/// How the pages of [`loads_when_idle`] load the bundle: no preload hints, and the bundle is
/// fetched only once the first frame is painted and the browser is idle. Hydration then runs in
/// a task of its own after the module is compiled, so neither blocks a tap for long. A page in a
/// WASM chunk fetches its chunk while hydrating.
fn idle_hydration_script(pkg: &str, js: &str, wasm: &str) -> String {
    format!(
        "(() => {{
  const go = () => import('/{pkg}/{js}').then((m) =>
    m.default({{ module_or_path: '/{pkg}/{wasm}' }}).then(() => setTimeout(() => m.hydrate(), 0)));
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(go, {{ timeout: 2000 }}) : go());
  requestAnimationFrame(() => setTimeout(idle, 0));
}})();"
    )
}

// Code splitting. Every page lives in a WASM chunk loaded when one of its routes is first shown,
// in seven groups of pages used together: HR's pages, the pairing board and the employee import
// (HR's two large interactive pages), the people's everyday pages, their pair workspace,
// joining (invitation, signup, profile form), and the entry pages (sign-in, check-in). The main
// bundle keeps only the shell (header, router, session, translations), which every page
// downloads first: 195 KB of brotli, about 40 KB less than with sign-in and check-in in it. A
// phone opening /checkin fetches its group's chunks after the main bundle, once the page is
// painted and the browser idle (docs/benchmarks.md). Groups rather than one chunk per page:
// wasm-split puts code shared by any combination of split points into its own chunk, and
// per-page points cut the app into hundreds of tiny files.
// On the server the chunks do not exist; a rendered page names its group in
// `<meta name="inversa-chunk">` (see [`load_page_code`]) and, on HR's pages, in preload links.

/// HR's pages but the board and the import (programs, feedback forms, pairs at risk, training,
/// certificates, accounts, outbox).
#[derive(Debug, Clone, Copy)]
enum HrPage {
    Users,
    Outbox,
    Programs,
    Program,
    FeedbackForms,
    FeedbackForm,
    Risk,
    Training,
    TrainingProgress,
    WorkshopAttendance,
    Certificates,
}

/// The people's everyday pages (dashboard, feedback to answer, notifications, training,
/// recognition, certificate check).
#[derive(Debug, Clone, Copy)]
enum PeoplePage {
    Home,
    MyFeedback,
    AnswerFeedback,
    Notifications,
    MyTraining,
    TrainingModule,
    Wall,
    MyRecognition,
    Verify,
}

/// A participant's pairs and their workspace (`/pair`, `/pair/{key}`).
#[derive(Debug, Clone, Copy)]
enum PairGroupPage {
    Pairs,
    Workspace,
}

/// The pages people arrive at from outside: sign-in, and the check-in that reminders link to.
#[derive(Debug, Clone, Copy)]
enum EntryPage {
    SignIn,
    Checkin,
}

/// Joining: an invitation, a program's signup link, and the profile form they lead to.
#[derive(Debug, Clone, Copy)]
enum Joining {
    Invite,
    Join,
    Profile,
}

/// Declares the page groups: for each, its function (`$load`, whose code wasm-split moves into
/// the group's chunk) and the function loading that chunk (`$preload`); and, for
/// [`load_page_code`], the groups' names (as in `<meta name="inversa-chunk">`) with their loaders.
macro_rules! page_groups {
    ($($(#[$doc:meta])* $load:ident / $preload:ident ($page:ident : $ty:ty) $body:block)*) => {
        $(
            $(#[$doc])*
            #[leptos::wasm_split::wasm_split($load, wasm_split_path = ::leptos::wasm_split, preload(#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] $preload))]
            fn $load($page: $ty) -> AnyView $body
        )*

        /// The groups' names.
        #[cfg(test)]
        const CHUNKS: &[&str] = &[$(stringify!($load)),*];

        /// Loads the chunk of the group named `name`; nothing for an unknown name.
        #[cfg(target_arch = "wasm32")]
        async fn load_chunk(name: &str) {
            match name {
                $(stringify!($load) => $preload().await,)*
                _ => {}
            }
        }
    };
}

page_groups! {
    hr_pages / preload_hr_pages (page: HrPage) {
        match page {
            HrPage::Users => view! { <UsersPage /> }.into_any(),
            HrPage::Outbox => view! { <OutboxPage /> }.into_any(),
            HrPage::Programs => view! { <ProgramsPage /> }.into_any(),
            HrPage::Program => view! { <ProgramPage /> }.into_any(),
            HrPage::FeedbackForms => view! { <FeedbackFormsPage /> }.into_any(),
            HrPage::FeedbackForm => view! { <FeedbackFormPage /> }.into_any(),
            HrPage::Risk => view! { <RiskPage /> }.into_any(),
            HrPage::Training => view! { <ProgramTrainingPage /> }.into_any(),
            HrPage::TrainingProgress => view! { <TrainingProgressPage /> }.into_any(),
            HrPage::WorkshopAttendance => view! { <WorkshopAttendancePage /> }.into_any(),
            HrPage::Certificates => view! { <CertificatesPage /> }.into_any(),
        }
    }

    /// The pairing board (`/programs/{key}/pairs`).
    board_page / preload_board_page (_page: ()) {
        view! { <BoardPage /> }.into_any()
    }

    /// The employee import (`/programs/{key}/import`).
    import_page / preload_import_page (_page: ()) {
        view! { <ImportPage /> }.into_any()
    }

    people_pages / preload_people_pages (page: PeoplePage) {
        match page {
            PeoplePage::Home => view! { <HomePage /> }.into_any(),
            PeoplePage::MyFeedback => view! { <MyFeedbackPage /> }.into_any(),
            PeoplePage::AnswerFeedback => view! { <AnswerFeedbackPage /> }.into_any(),
            PeoplePage::Notifications => view! { <NotificationsPage /> }.into_any(),
            PeoplePage::MyTraining => view! { <MyTrainingPage /> }.into_any(),
            PeoplePage::TrainingModule => view! { <TrainingModulePage /> }.into_any(),
            PeoplePage::Wall => view! { <WallPage /> }.into_any(),
            PeoplePage::MyRecognition => view! { <MyRecognitionPage /> }.into_any(),
            PeoplePage::Verify => view! { <VerifyPage /> }.into_any(),
        }
    }

    pair_pages / preload_pair_pages (page: PairGroupPage) {
        match page {
            PairGroupPage::Pairs => view! { <PairPage /> }.into_any(),
            PairGroupPage::Workspace => view! { <WorkspacePage /> }.into_any(),
        }
    }

    entry_pages / preload_entry_pages (page: EntryPage) {
        match page {
            EntryPage::SignIn => view! { <LoginPage /> }.into_any(),
            EntryPage::Checkin => view! { <CheckinPage /> }.into_any(),
        }
    }

    join_pages / preload_join_pages (page: Joining) {
        match page {
            Joining::Invite => view! { <InvitePage /> }.into_any(),
            Joining::Join => view! { <JoinPage /> }.into_any(),
            Joining::Profile => view! { <ProfilePage /> }.into_any(),
        }
    }
}

/// One route type per lazily loaded page (the router tells routes apart by type).
/// The router awaits `preload` before it hydrates or shows the route, so the chunk is there
/// and `view` answers at once (hydration cannot wait inside the view).
macro_rules! lazy_page {
    ($($route:ident => $load:ident / $preload:ident ($page:expr)),* $(,)?) => {
        /// The group of each lazily loaded route, in route order.
        #[cfg(test)]
        const LAZY_LOADS: &[&str] = &[$(stringify!($load)),*];
        $(
        #[derive(Debug)]
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn preload() {
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                {
                    leptos::prefetch_lazy_fn_on_server(stringify!($load));
                    // Rendered to HTML, a meta component goes to the page's <head>.
                    let _ = view! { <leptos_meta::Meta name=CHUNK_META content=stringify!($load) /> }.to_html();
                }
                $load($page).await
            }
        }
        )*
    };
}

lazy_page! {
    UsersRoute => hr_pages / preload_hr_pages (HrPage::Users),
    OutboxRoute => hr_pages / preload_hr_pages (HrPage::Outbox),
    ProgramsRoute => hr_pages / preload_hr_pages (HrPage::Programs),
    ProgramRoute => hr_pages / preload_hr_pages (HrPage::Program),
    BoardRoute => board_page / preload_board_page (()),
    ImportRoute => import_page / preload_import_page (()),
    FeedbackFormsRoute => hr_pages / preload_hr_pages (HrPage::FeedbackForms),
    FeedbackFormRoute => hr_pages / preload_hr_pages (HrPage::FeedbackForm),
    RiskRoute => hr_pages / preload_hr_pages (HrPage::Risk),
    ProgramTrainingRoute => hr_pages / preload_hr_pages (HrPage::Training),
    TrainingProgressRoute => hr_pages / preload_hr_pages (HrPage::TrainingProgress),
    WorkshopAttendanceRoute => hr_pages / preload_hr_pages (HrPage::WorkshopAttendance),
    CertificatesRoute => hr_pages / preload_hr_pages (HrPage::Certificates),
    LoginRoute => entry_pages / preload_entry_pages (EntryPage::SignIn),
    CheckinRoute => entry_pages / preload_entry_pages (EntryPage::Checkin),
    HomeRoute => people_pages / preload_people_pages (PeoplePage::Home),
    InviteRoute => join_pages / preload_join_pages (Joining::Invite),
    JoinRoute => join_pages / preload_join_pages (Joining::Join),
    PairRoute => pair_pages / preload_pair_pages (PairGroupPage::Pairs),
    WorkspaceRoute => pair_pages / preload_pair_pages (PairGroupPage::Workspace),
    ProfileRoute => join_pages / preload_join_pages (Joining::Profile),
    MyFeedbackRoute => people_pages / preload_people_pages (PeoplePage::MyFeedback),
    AnswerFeedbackRoute => people_pages / preload_people_pages (PeoplePage::AnswerFeedback),
    NotificationsRoute => people_pages / preload_people_pages (PeoplePage::Notifications),
    MyTrainingRoute => people_pages / preload_people_pages (PeoplePage::MyTraining),
    TrainingModuleRoute => people_pages / preload_people_pages (PeoplePage::TrainingModule),
    WallRoute => people_pages / preload_people_pages (PeoplePage::Wall),
    MyRecognitionRoute => people_pages / preload_people_pages (PeoplePage::MyRecognition),
    VerifyRoute => people_pages / preload_people_pages (PeoplePage::Verify),
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
    // While a navigation waits (for a page group's WASM chunk, or a page's data), a thin bar at
    // the top of the window shows that something is happening. The class only starts and stops
    // it; the browser animates it (`.routing-progress` in style/main.css), so no timer runs in
    // the WASM and the main bundle carries no progress component.
    let (is_routing, set_is_routing) = signal(false);

    view! {
        <I18nContextProvider>
            <Title text="Inversa" />
            <Router set_is_routing>
                <div class="routing-progress" class:routing-progress--active=is_routing aria-hidden="true"></div>
                <a class="skip-link" href="#main">{t!(use_i18n(), common.skip_to_content)}</a>
                <SiteHeader />
                <main id="main" tabindex="-1">
                    // Async: pages are rendered whole before the status line is sent, so a 403, 404
                    // or sign-in redirect decided inside the page reaches the HTTP response.
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/invite/:token") view={Lazy::<InviteRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/join/:token") view={Lazy::<JoinRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/admin/users") view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/admin/outbox") view={Lazy::<OutboxRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs") view={Lazy::<ProgramsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key") view={Lazy::<ProgramRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/pairs") view={Lazy::<BoardRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/import") view={Lazy::<ImportRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/pair") view={Lazy::<PairRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/pair/:key") view={Lazy::<WorkspaceRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/profile/:key") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/checkin") view={Lazy::<CheckinRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/feedback") view={Lazy::<MyFeedbackRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/feedback/:request") view={Lazy::<AnswerFeedbackRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/feedback") view={Lazy::<FeedbackFormsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/training") view={Lazy::<ProgramTrainingRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/training/progress") view={Lazy::<TrainingProgressRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/training/workshops/:workshop") view={Lazy::<WorkshopAttendanceRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/training") view={Lazy::<MyTrainingRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/training/:module") view={Lazy::<TrainingModuleRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/risk") view={Lazy::<RiskRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/feedback/:form") view={Lazy::<FeedbackFormRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/wall") view={Lazy::<WallRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/recognition") view={Lazy::<MyRecognitionRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/programs/:key/certificates") view={Lazy::<CertificatesRoute>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/verify/:code") view={Lazy::<VerifyRoute>::new()} ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}

#[cfg(test)]
mod tests {
    use super::loads_when_idle;

    #[test]
    fn participants_pages_load_their_code_when_idle_and_hrs_preload_it() {
        for path in [
            "/",
            "/pair",
            "/pair/abc",
            "/checkin",
            "/feedback",
            "/notifications",
            "/training",
            "/login",
        ] {
            assert!(loads_when_idle(path), "{path}");
        }
        for path in ["/programs", "/programs/abc/pairs", "/admin/users"] {
            assert!(!loads_when_idle(path), "{path}");
        }
        assert!(loads_when_idle("/programsx"));
    }

    /// A page whose group the browser cannot load would fail to hydrate.
    #[test]
    fn every_lazily_loaded_route_is_in_a_group_the_browser_loads() {
        for load in super::LAZY_LOADS {
            assert!(super::CHUNKS.contains(load), "{load}");
        }
        for chunk in super::CHUNKS {
            assert!(super::LAZY_LOADS.contains(chunk), "{chunk} has no route");
        }
    }
}
