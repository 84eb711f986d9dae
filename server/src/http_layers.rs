//! Cross-cutting HTTP protections: the cross-site request check, security headers and the
//! absolute session lifetime.

use app::ssr::{AppState, AuthSession};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::set_header::SetResponseHeaderLayer;

/// Refuses state-changing requests that a browser says come from another site.
///
/// Browsers send `Origin` on every cross-origin POST (and `Sec-Fetch-Site`); a mismatch with the
/// public base URL or the request's own host is refused with 403. Requests without either header
/// do not come from a browser form on another site (non-browser clients cannot ride on a user's
/// cookies), so they pass; `SameSite=Lax` cookies are the second line of defence.
pub async fn refuse_cross_site(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let origin_ok = match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => {
            origin == state.base_url
                || origin
                    .strip_prefix("http://")
                    .or_else(|| origin.strip_prefix("https://"))
                    == Some(host)
        }
    };
    let fetch_site_ok = !matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("cross-site")
    );
    if origin_ok && fetch_site_ok {
        next.run(req).await
    } else {
        tracing::warn!(origin = ?headers.get(header::ORIGIN), host, "refused a cross-site request");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

/// Ends sessions older than the absolute lifetime, however active they were.
pub async fn absolute_session_timeout(
    State(state): State<AppState>,
    mut auth: AuthSession,
    req: Request<Body>,
    next: Next,
) -> Response {
    if auth.user.is_some() {
        let signed_in_at: Option<i64> = auth
            .session
            .get(app::ssr::auth::SIGNED_IN_AT)
            .await
            .ok()
            .flatten();
        let max = i64::try_from(state.sessions.absolute.as_secs()).unwrap_or(i64::MAX);
        let expired = signed_in_at.is_none_or(|t| chrono::Utc::now().timestamp().saturating_sub(t) > max);
        if expired {
            tracing::info!("session reached its absolute lifetime; signing out");
            if let Err(e) = auth.logout().await {
                tracing::error!(error = %e, "could not end an expired session");
            }
        }
    }
    next.run(req).await
}

type HeaderLayer = SetResponseHeaderLayer<HeaderValue>;
type Layers<Inner> = Stack<HeaderLayer, Inner>;
/// The five header layers of [`security_headers`].
pub type SecurityHeaders = ServiceBuilder<Layers<Layers<Layers<Layers<Layers<Identity>>>>>>;

/// Headers that tell browsers to be strict with our pages.
pub fn security_headers() -> SecurityHeaders {
    let h = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), HeaderValue::from_static(value))
    };
    ServiceBuilder::new()
        .layer(h("x-content-type-options", "nosniff"))
        .layer(h("x-frame-options", "DENY"))
        .layer(h("referrer-policy", "same-origin"))
        .layer(h(
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ))
        .layer(h(
            "content-security-policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
        ))
}
