//! The router: pages and server functions from the app, plus health, language switching and
//! static files, wrapped in sessions, sign-in, security and limit layers.

use app::ssr::{AppState, AuthSession, Backend};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_login::AuthManagerLayerBuilder;
use domain::{Lang, Role, normalize_email, validate_display_name, validate_email, validate_password};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::services::{ServeDir, ServeFile};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::admission::Admission;
use crate::http_layers;

/// Largest request body accepted (server functions and forms).
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "inversa_session";

/// Builds the whole application router over `state`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let policy = state.sessions;
    let idle = tower_sessions::cookie::time::Duration::seconds(
        i64::try_from(policy.inactivity.as_secs()).unwrap_or(i64::MAX),
    );
    let session_layer = SessionManagerLayer::new(state.db.session_store())
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(policy.secure_cookie)
        .with_expiry(Expiry::OnInactivity(idle));
    let auth_layer = AuthManagerLayerBuilder::new(Backend::new(state.db.clone()), session_layer).build();
    let shell_options = state.leptos_options.clone();
    let context_state = state.clone();
    let fallback_state = state.clone();

    // Built files are served outside the session and sign-in layers: they need neither, and
    // would otherwise cost two database reads each.
    let site = std::path::PathBuf::from(&*state.leptos_options.site_root);
    // A release build (`./dev start`) writes each file also compressed with brotli (`.br`) and
    // gzip (`.gz`) beside it, once: those are sent as they are to browsers that accept them.
    // Without them (debug builds), files are compressed as they are sent, at the fastest level.
    let assets = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(site.join(&*state.leptos_options.site_pkg_dir))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .route_service(
            "/favicon.ico",
            ServeFile::new(site.join("favicon.ico"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::compression::CompressionLevel::Fastest),
        )
        .layer(middleware::from_fn(http_layers::asset_cache_control));

    let pages = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_lang))
        .route("/meetings/{key}/calendar.ics", get(crate::calendar::meeting_ics))
        .route(
            "/workshops/{key}/calendar.ics",
            get(crate::calendar::workshop_ics),
        )
        .route("/calendar/{file}", get(crate::calendar::feed))
        .route("/certificates/{file}", get(crate::certificates::pdf))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || app::shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || provide_context(fallback_state.clone()),
            app::shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http_layers::absolute_session_timeout,
        ))
        .layer(auth_layer)
        .with_state(state.clone());

    let admission = Admission::for_this_machine();
    assets
        .merge(pages)
        .layer(middleware::from_fn_with_state(
            state,
            http_layers::refuse_cross_site,
        ))
        // A burst is served a fixed number of requests at a time, so it cannot grow memory
        // without bound (see `admission`). Inside the body discipline, so that a refused
        // request's body is still settled, and the 503 gets the security headers.
        .layer(middleware::from_fn(move |req, next| {
            admission.clone().admit(req, next)
        }))
        .layer(middleware::from_fn_with_state(
            BODY_LIMIT_BYTES,
            http_layers::settle_request_bodies,
        ))
        .layer(http_layers::security_headers())
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(tower_http::trace::TraceLayer::new_for_http().on_failure(log_failure))
}

/// The trace layer's report of an answer that failed (5xx, or an error from a handler), at
/// ERROR like tower_http's default, but for 503 Service Unavailable: every 503 is a deliberate
/// refusal, logged where it is decided (the admission queue's and the password hasher's full
/// queues as warnings, `admission` and `app::ssr::password`; a failed health check as an error).
fn log_failure(
    failure: tower_http::classify::ServerErrorsFailureClass,
    latency: std::time::Duration,
    _span: &tracing::Span,
) {
    use tower_http::classify::ServerErrorsFailureClass::StatusCode as Status;
    if matches!(failure, Status(StatusCode::SERVICE_UNAVAILABLE)) {
        return;
    }
    tracing::error!(classification = %failure, latency_ms = latency.as_millis(), "response failed");
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: remembers the language (cookie, and the account when signed
/// in) and goes back. A link, so it works without JavaScript.
async fn switch_lang(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = app::accounts::auth::safe_next(q.next.as_deref());
    let Some(lang) = Lang::parse(&code).filter(|l| l.code() == code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    if let Some(user) = &auth.user
        && let Err(e) = db::users::set_lang(&state.db, &user.key, lang).await
    {
        tracing::error!(error = %e, "could not store the language choice");
    }
    let mut res = Redirect::to(&next).into_response();
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        app::ssr::guard::LANG_COOKIE,
        lang.code(),
        if state.sessions.secure_cookie {
            "; Secure"
        } else {
            ""
        }
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Creates an administrator account (the `inversa admin create` command).
pub async fn create_admin(
    state: &AppState,
    email: &str,
    name: &str,
    password: String,
) -> anyhow::Result<String> {
    let email = normalize_email(email);
    validate_email(&email).map_err(|_| anyhow::anyhow!("`{email}` is not a valid email address"))?;
    validate_display_name(name).map_err(|_| anyhow::anyhow!("the name must have 1 to 120 characters"))?;
    validate_password(&password)
        .map_err(|_| anyhow::anyhow!("the password must have 10 to 256 characters"))?;
    let hash = app::ssr::auth::hash_password(password).await?;
    let user = db::users::create(
        &state.db,
        db::users::NewUser {
            email: email.clone(),
            name: name.to_owned(),
            role: Role::Admin,
            password_hash: Some(hash),
            lang: None,
        },
    )
    .await
    .map_err(|e| match e {
        db::DbError::Conflict(_) => anyhow::anyhow!("an account with email {email} already exists"),
        other => anyhow::Error::new(other),
    })?;
    db::audit::record(
        &state.db,
        None,
        "user.create_admin",
        &format!("user:{}", user.key()),
    )
    .await?;
    Ok(user.key())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tower_http::classify::ServerErrorsFailureClass;

    /// What a subscriber wrote, to read back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The log lines `log_failure` writes for `failure`.
    fn logged(failure: ServerErrorsFailureClass) -> String {
        let out = Captured::default();
        let writer = out.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            log_failure(failure, Duration::from_millis(3), &tracing::Span::none())
        });
        String::from_utf8(out.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn a_deliberate_503_is_not_logged_again_and_other_failures_are_errors() {
        let busy = ServerErrorsFailureClass::StatusCode(StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(logged(busy), "");
        let internal = logged(ServerErrorsFailureClass::StatusCode(
            StatusCode::INTERNAL_SERVER_ERROR,
        ));
        assert!(
            internal.contains("ERROR") && internal.contains("500"),
            "{internal}"
        );
        let reset = logged(ServerErrorsFailureClass::Error("connection reset".into()));
        assert!(
            reset.contains("ERROR") && reset.contains("connection reset"),
            "{reset}"
        );
    }
}
