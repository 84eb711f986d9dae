//! Cross-cutting HTTP protections: the cross-site request check, security headers, the
//! absolute session lifetime, and the request body discipline (size limit, unread bodies).

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use app::error::{AppError, ErrorKind};
use app::i18n::Locale;
use app::ssr::{AppState, AuthSession};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use http_body::{Body as _, Frame, SizeHint};
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

/// Tells browsers how long they may keep a built file (`/pkg/…`, `/favicon.ico`): a year
/// without asking again for a content-hashed name (see [`app::assets`]), otherwise revalidate on
/// every use. Only successful answers (200, and 304 for a revalidation) get the header.
pub async fn asset_cache_control(req: Request, next: Next) -> Response {
    let hashed = req
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(app::assets::is_content_hashed);
    let mut res = next.run(req).await;
    if matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED) {
        let policy = if hashed {
            app::assets::IMMUTABLE
        } else {
            app::assets::REVALIDATE
        };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
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
///
/// Under `cargo leptos watch` (`./dev watch`, which sets `LEPTOS_WATCH` and `LEPTOS_RELOAD_PORT`)
/// the policy also lets pages open the reload socket on that port; never otherwise.
pub fn security_headers() -> SecurityHeaders {
    let h = |name: &'static str, value: HeaderValue| {
        SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), value)
    };
    let reload = std::env::var_os("LEPTOS_WATCH")
        .and(std::env::var("LEPTOS_RELOAD_PORT").ok())
        .and_then(|port| port.parse::<u16>().ok())
        .map(|port| format!(" ws://*:{port}"))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'{reload}; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    );
    ServiceBuilder::new()
        .layer(h("x-content-type-options", HeaderValue::from_static("nosniff")))
        .layer(h("x-frame-options", HeaderValue::from_static("DENY")))
        .layer(h("referrer-policy", HeaderValue::from_static("same-origin")))
        .layer(h(
            "permissions-policy",
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
        .layer(h(
            "content-security-policy",
            // Only ASCII from constants and a parsed port number: always a valid header value.
            HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        ))
}

/// How long an answered request's unread body may take to arrive before the connection is
/// closed instead of kept alive.
const DRAIN_TIME: Duration = Duration::from_secs(5);

/// Holds every request body to `limit` bytes and leaves no body half-read.
///
/// - A body longer than `limit` is answered 413 (`request_too_large`) whether its length was
///   declared (refused from the head, unread) or it was sent chunked (cut off at the limit, and
///   the 413 replaces whatever the handler made of the cut). The connection is then closed,
///   with `Connection: close` said explicitly.
/// - A body the handler did not read (a 405, a 403, a 404…) is read to its end before the answer
///   leaves, so a kept-alive connection stays usable for the client's next request; when that
///   cannot be done in bounded time and bytes, the answer says `Connection: close`. Without this
///   the server would close such connections now and then without a word, failing the client's
///   next request on them.
pub async fn settle_request_bodies(State(limit): State<usize>, req: Request, next: Next) -> Response {
    let locale = locale_of(req.headers());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
        return too_large(locale);
    }
    let (parts, body) = req.into_parts();
    let intake = Arc::new(Mutex::new(Intake {
        body: Some(body),
        read: 0,
        over_limit: false,
    }));
    let counted = CountedBody {
        intake: Arc::clone(&intake),
        limit,
    };
    let mut res = next.run(Request::from_parts(parts, Body::new(counted))).await;
    let (leftover, read) = {
        let mut state = lock(&intake);
        if state.over_limit {
            return too_large(locale);
        }
        // Still held by the answer (a handler streaming it): not ours to read.
        if Arc::strong_count(&intake) > 1 {
            return res;
        }
        (state.body.take(), state.read)
    };
    let Some(leftover) = leftover else {
        return res;
    };
    if http_body::Body::is_end_stream(&leftover) {
        return res;
    }
    let budget = limit.saturating_sub(read);
    let drained = tokio::time::timeout(DRAIN_TIME, drain(leftover, budget))
        .await
        .unwrap_or(false);
    if !drained {
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

/// The 413 answer, in the server functions' error format.
fn too_large(locale: Locale) -> Response {
    let error = AppError::new(ErrorKind::RequestTooLarge, locale);
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONNECTION, HeaderValue::from_static("close"))],
        axum::Json(error),
    )
        .into_response()
}

/// The language of an answer made outside the app: the language cookie, else
/// `Accept-Language`, else the default.
pub(crate) fn locale_of(headers: &HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(app::ssr::guard::LANG_COOKIE)
                .and_then(|r| r.strip_prefix('='))
        })
        .and_then(Lang::parse);
    let lang = from_cookie.or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
    });
    match lang {
        Some(Lang::En) => Locale::en,
        Some(Lang::Es) => Locale::es,
        None => Locale::default(),
    }
}

/// Reads `body` to its end; `false` when it is longer than `budget` bytes or fails.
async fn drain(mut body: Body, budget: usize) -> bool {
    let mut left = budget;
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => return true,
            Some(Err(_)) => return false,
            Some(Ok(frame)) => {
                let n = frame.data_ref().map_or(0, Bytes::len);
                match left.checked_sub(n) {
                    Some(l) => left = l,
                    None => return false,
                }
            }
        }
    }
}

/// The request body as it came in, shared between the handler and [`settle_request_bodies`].
struct Intake {
    /// The body; `None` once read to its end.
    body: Option<Body>,
    /// Bytes read so far.
    read: usize,
    /// Whether the body went past the limit.
    over_limit: bool,
}

/// Locks the intake; a handler that panicked mid-read leaves it usable.
fn lock(intake: &Mutex<Intake>) -> MutexGuard<'_, Intake> {
    intake.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The body handlers see: the request's, counted, and cut off with an error past the limit.
struct CountedBody {
    intake: Arc<Mutex<Intake>>,
    limit: usize,
}

/// Why a body was cut off.
#[derive(Debug, thiserror::Error)]
#[error("the request body is longer than {0} bytes")]
struct BodyTooLarge(usize);

impl http_body::Body for CountedBody {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let limit = self.limit;
        let mut intake = lock(&self.intake);
        if intake.over_limit {
            return Poll::Ready(Some(Err(BodyTooLarge(limit).into())));
        }
        let Some(body) = intake.body.as_mut() else {
            return Poll::Ready(None);
        };
        match Pin::new(body).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                let n = frame.data_ref().map_or(0, Bytes::len);
                intake.read = intake.read.saturating_add(n);
                if intake.read > limit {
                    intake.over_limit = true;
                    return Poll::Ready(Some(Err(BodyTooLarge(limit).into())));
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(None) => {
                intake.body = None;
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e.into()))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        let intake = lock(&self.intake);
        !intake.over_limit && intake.body.as_ref().is_none_or(http_body::Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        lock(&self.intake)
            .body
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), http_body::Body::size_hint)
    }
}
