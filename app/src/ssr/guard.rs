//! "Who is asking, and may they do this?" — the one place server functions ask it.

use domain::{Lang, Role};
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::auth::{AuthSession, SessionUser};
use super::state::AppState;
use crate::error::{AppError, ErrorKind};
use crate::i18n::Locale;

/// Name of the cookie that remembers the language (shared with leptos_i18n).
pub const LANG_COOKIE: &str = "i18n_pref_locale";

/// The shared state, provided by the server for every request.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))
}

/// The value of the request's cookie `name`, if it sent one.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(name)
                .and_then(|r| r.strip_prefix('='))
                .map(str::to_owned)
        })
}

/// Adds a `Set-Cookie` header to the response being made.
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// The language to answer in: the language cookie (set from the user's choice at sign-in and by the
/// switcher), else `Accept-Language`, else Spanish.
pub fn request_locale() -> Locale {
    let Some(parts) = use_context::<Parts>() else {
        return Locale::default();
    };
    let from_cookie = request_cookie(LANG_COOKIE).as_deref().and_then(Lang::parse);
    let from_header = || {
        parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
    };
    from_cookie
        .or_else(from_header)
        .map(crate::locale_of)
        .unwrap_or_default()
}

/// The language to answer in, as the domain names it.
pub fn request_lang() -> Lang {
    match request_locale() {
        Locale::en => Lang::En,
        Locale::es => Lang::Es,
    }
}

/// Builds an error in the asker's language and sets the matching HTTP status.
///
/// A plain HTML form post (no JavaScript) keeps its redirect status: the error then travels in the
/// redirect URL and the page shows it.
pub fn fail(kind: ErrorKind) -> AppError {
    if !is_plain_form_post()
        && let (Some(res), Ok(status)) = (
            use_context::<ResponseOptions>(),
            http::StatusCode::from_u16(kind.status()),
        )
    {
        res.set_status(status);
    }
    AppError::new(kind, request_locale())
}

/// Whether the request is a plain HTML form post (the browser asks for HTML back), as forms
/// send without JavaScript; the enhanced forms ask for JSON.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|p| {
        p.method == http::Method::POST
            && p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

/// Longest record key accepted from a request.
pub const MAX_KEY: usize = 64;

/// Refuses keys no record can have, before touching the database: "not found", as for a record
/// the asker may not see.
pub fn check_key(key: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > MAX_KEY {
        return Err(fail(ErrorKind::NotFound));
    }
    Ok(())
}

/// Logs an internal failure with its detail and returns the generic error the user sees.
pub fn internal(detail: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %detail, "internal error");
    fail(ErrorKind::Internal)
}

impl From<db::DbError> for AppError {
    /// A write that lost to concurrent writes on every attempt is 409 "changed meanwhile"; any
    /// other database failure is logged and answered as an internal error.
    fn from(e: db::DbError) -> AppError {
        if e.is_busy() {
            tracing::warn!("a write lost to concurrent writes on every attempt");
            fail(ErrorKind::ChangedMeanwhile)
        } else {
            internal(e)
        }
    }
}

/// The signed-in user, if any.
pub async fn signed_in_user() -> Result<Option<SessionUser>, AppError> {
    let auth: AuthSession = leptos_axum::extract().await.map_err(internal)?;
    Ok(auth.user)
}

/// The signed-in user, provided their role satisfies `role`; 401 for anonymous, 403 otherwise.
pub async fn require(role: Role) -> Result<SessionUser, AppError> {
    match signed_in_user().await? {
        None => Err(fail(ErrorKind::Unauthenticated)),
        Some(user) if user.role.satisfies(role) => Ok(user),
        Some(_) => Err(fail(ErrorKind::Forbidden)),
    }
}

/// Records an HR or admin action in the audit log, on behalf of `actor`.
pub async fn audit(actor: &SessionUser, action: &str, target: &str) -> Result<(), AppError> {
    let state = state()?;
    db::audit::record(&state.db, Some(&actor.key), action, target)
        .await
        .map_err(internal)
}
