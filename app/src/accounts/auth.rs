//! Signing in and out, the current user, and accepting invitations.

use leptos::prelude::*;

use crate::accounts::model::CurrentUser;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{self, AuthSession, Credentials, fail, internal},
    domain::{normalize_email, validate_email, validate_password},
};

/// Only same-site relative paths are followed after sign-in (no open redirects, no odd bytes).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && n.len() <= 512
                && n.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The signed-in user, or `None`.
#[server(endpoint = "current_user")]
pub async fn fetch_current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(user) = ssr::signed_in_user().await? else {
        return Ok(None);
    };
    Ok(Some(user.to_current()))
}

/// Signs in with email and password. Answers the page to open next: `next` (a local path) or
/// the dashboard.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<String, AppError> {
    let state = ssr::guard::state()?;
    let email = normalize_email(&email);
    validate_email(&email)?;
    let ip = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|_| "unknown".into());
    if !state.login_limiter.check(&email, &ip) {
        tracing::warn!(%ip, "sign-in rate limit hit");
        return Err(fail(ErrorKind::RateLimited));
    }
    let mut auth: AuthSession = leptos_axum::extract().await.map_err(internal)?;
    let user = match auth.authenticate(Credentials { email, password }).await {
        Ok(Some(user)) => user,
        Ok(None) => return Err(fail(ErrorKind::InvalidCredentials)),
        Err(axum_login::Error::Backend(ssr::auth::AuthError::Password(e))) => return Err(e.into()),
        Err(e) => return Err(internal(e)),
    };
    // A new session id whoever held the old one (axum-login cycles it only for an anonymous
    // session): a session id planted while signed in as someone else is worth nothing after.
    auth.session.cycle_id().await.map_err(internal)?;
    auth.login(&user).await.map_err(internal)?;
    auth.session
        .insert(ssr::auth::SIGNED_IN_AT, chrono::Utc::now().timestamp())
        .await
        .map_err(internal)?;
    // When the account last signed in is bookkeeping: a concurrent sign-in of the same account
    // writing it too must not fail this sign-in.
    if let Err(e) = db::users::touch_sign_in(&state.db, &user.key).await {
        tracing::warn!(error = %e, "could not record the time of sign-in");
    }
    // Someone HR imported signs in with an account made another way: link it to their record.
    if let Err(e) = db::accounts_link::link_account(&state.db, &user.key, &user.email).await {
        tracing::error!(error = %e, "could not link the account to its employee record");
    }
    if let Some(lang) = user.lang {
        set_lang_cookie(lang.code());
    }
    Ok(form_redirect(safe_next(next.as_deref())))
}

/// Ends the session; answers the sign-in page as the page to open next.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<String, AppError> {
    let mut auth: AuthSession = leptos_axum::extract().await.map_err(internal)?;
    auth.logout().await.map_err(internal)?;
    Ok(form_redirect("/login".to_owned()))
}

/// The email an invitation is for, or an error when the link is unusable.
#[server(endpoint = "invitation_email")]
pub async fn invitation_email(token: String) -> Result<String, AppError> {
    let state = ssr::guard::state()?;
    let inv = db::invitations::find_usable(&state.db, &ssr::auth::token_hash(&token)).await?;
    inv.map(|i| i.email)
        .ok_or_else(|| fail(ErrorKind::InvitationInvalid))
}

/// Sets the password of an invited account, links it to the employee with the same email and
/// signs the user in. Answers the page to open next: for a program invitation the page where
/// they complete their profile for that program, else the dashboard.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String, confirm: String) -> Result<String, AppError> {
    let state = ssr::guard::state()?;
    validate_password(&password)?;
    if password != confirm {
        return Err(fail(ErrorKind::PasswordsDiffer));
    }
    let hash = ssr::auth::hash_password(password).await?;
    let accepted = db::invitations::accept_invitation(&state.db, &ssr::auth::token_hash(&token), &hash)
        .await?
        .ok_or_else(|| fail(ErrorKind::InvitationInvalid))?;
    let key = accepted.user_key;
    let mut auth: AuthSession = leptos_axum::extract().await.map_err(internal)?;
    let user = axum_login::AuthnBackend::get_user(&auth.backend, &key)
        .await
        .map_err(internal)?
        .ok_or_else(|| internal("accepted account vanished"))?;
    // A new session id whoever held the old one (axum-login cycles it only for an anonymous
    // session): a session id planted while signed in as someone else is worth nothing after.
    auth.session.cycle_id().await.map_err(internal)?;
    auth.login(&user).await.map_err(internal)?;
    auth.session
        .insert(ssr::auth::SIGNED_IN_AT, chrono::Utc::now().timestamp())
        .await
        .map_err(internal)?;
    crate::ssr::guard::audit(&user, "invitation.accept", &format!("user:{key}")).await?;
    let next = match accepted.program_key {
        Some(program) => format!("/profile/{program}"),
        None => "/".to_owned(),
    };
    Ok(form_redirect(next))
}

/// For a plain form post (no JavaScript) answers with a redirect to `path`; the enhanced form
/// loads `path` itself. Returns `path` either way.
#[cfg(feature = "ssr")]
pub(crate) fn form_redirect(path: String) -> String {
    if ssr::guard::is_plain_form_post() {
        leptos_axum::redirect(&path);
    }
    path
}

#[cfg(feature = "ssr")]
fn set_lang_cookie(code: &str) {
    ssr::guard::set_cookie(&format!(
        "{}={code}; Path=/; Max-Age=31536000; SameSite=Lax",
        ssr::guard::LANG_COOKIE
    ));
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(Some("/a b")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
