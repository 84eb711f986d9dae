//! How many requests the server works on at once.
//!
//! Memory grows with the requests in progress, not with the requests received: each one being
//! served holds its own buffers, and every database query holds about a megabyte of working
//! memory in the embedded engine while it runs. Measured on a debug build, 1,000 health checks at
//! the same moment took the server from 200 MB to 1.3 GB, and 1,000 concurrent single-row reads
//! to 2.4 GB, which the allocator then kept. So every request first takes one of a fixed number
//! of places ([`Admission::in_flight`]); the ones that find none wait, in arrival order, holding
//! only their connection and request line, in a queue of fixed length ([`Admission::waiting`]).
//! A request that finds the queue full as well is answered at once with 503 and `Retry-After`
//! (the server functions' error in JSON for `/api/` calls, a short page otherwise): under a burst
//! the server answers late or says it is busy, and its memory stays bounded.
//!
//! Measured on a release build, 2 cores, mimalloc (`server/src/main.rs`), 1,000 sign-ins sent at
//! the same moment (`node end2end/bench/burst.mjs signin URL 1000 --pid PID`), peak resident
//! memory from 153 MB idle, with 16 waiting per place: 32 places per core 1,096 MB, 8 per core
//! 486 MB, 4 per core 358–378 MB (and back to about 280 MB two seconds later). With glibc's allocator instead, 4 per core still
//! reached 660 MB and stayed there. The embedded engine is CPU-bound, so 4 queries per core keep
//! both cores busy; waiting requests cost little (1,000 static-file requests at once: +50 MB).

use std::sync::Arc;

use app::error::{AppError, ErrorKind};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tokio::sync::Semaphore;

/// Requests served at once per core (see the module header for how memory grows with it).
pub const IN_FLIGHT_PER_CORE: usize = 4;

/// Requests that may wait per place being served: on 2 cores, 8 served and 128 waiting. Each
/// waiting request holds its connection's buffers: with 64 per place (512 waiting) the same
/// burst peaked at 674 MB.
pub const WAITING_PER_PLACE: usize = 16;

/// Seconds a refused client is asked to wait before trying again (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u32 = 2;

/// The places for requests being served and the queue in front of them. Cheap to clone; clones
/// share the places.
#[derive(Debug, Clone)]
pub struct Admission {
    serving: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
    in_flight: usize,
    waiting: usize,
}

impl Admission {
    /// Serves at most `in_flight` (at least 1) requests at once, with at most `waiting` more
    /// queued.
    pub fn new(in_flight: usize, waiting: usize) -> Admission {
        let in_flight = in_flight.max(1);
        Admission {
            serving: Arc::new(Semaphore::new(in_flight)),
            admitted: Arc::new(Semaphore::new(in_flight.saturating_add(waiting))),
            in_flight,
            waiting,
        }
    }

    /// [`IN_FLIGHT_PER_CORE`] places per core (`std::thread::available_parallelism`) and
    /// [`WAITING_PER_PLACE`] waiting per place.
    pub fn for_this_machine() -> Admission {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let in_flight = cores.saturating_mul(IN_FLIGHT_PER_CORE);
        Admission::new(in_flight, in_flight.saturating_mul(WAITING_PER_PLACE))
    }

    /// How many requests are served at once.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// How many requests may wait for a place.
    pub fn waiting(&self) -> usize {
        self.waiting
    }

    /// Middleware: serves `req` once a place is free, or answers 503 at once when the queue is
    /// full. The place is held until the response head is made (a streamed body is not counted).
    pub async fn admit(self, req: Request, next: Next) -> Response {
        let Ok(_admitted) = Arc::clone(&self.admitted).try_acquire_owned() else {
            tracing::warn!(
                path = %req.uri().path(),
                in_flight = self.in_flight,
                waiting = self.waiting,
                "busy: request refused, every place and the whole queue are taken"
            );
            return busy(&req);
        };
        // The semaphores are never closed, so acquiring only waits.
        let Ok(_serving) = Arc::clone(&self.serving).acquire_owned().await else {
            return busy(&req);
        };
        next.run(req).await
    }
}

/// The 503 answer: the server functions' error (JSON) for `/api/` calls, a short page for the
/// rest, in the asker's language, with `Retry-After`.
fn busy(req: &Request) -> Response {
    let locale = crate::http_layers::locale_of(req.headers());
    let error = AppError::new(ErrorKind::ServerBusy, locale);
    let retry = [(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS))];
    if req.uri().path().starts_with("/api/") {
        (StatusCode::SERVICE_UNAVAILABLE, retry, axum::Json(error)).into_response()
    } else {
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Inversa</title></head>\
             <body><p role=\"alert\">{}</p></body></html>",
            error.message
        );
        (StatusCode::SERVICE_UNAVAILABLE, retry, Html(page)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tokio::sync::Notify;
    use tower::ServiceExt;

    use super::*;

    /// A router whose every request waits for `release`, behind an admission of one place and
    /// one waiting.
    fn held(release: Arc<Notify>, served: Arc<std::sync::atomic::AtomicUsize>) -> Router {
        let admission = Admission::new(1, 1);
        Router::new()
            .route(
                "/{*path}",
                get(move || {
                    let (release, served) = (release.clone(), served.clone());
                    async move {
                        served.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        release.notified().await;
                        "done"
                    }
                }),
            )
            .layer(axum::middleware::from_fn(move |req, next| {
                admission.clone().admit(req, next)
            }))
    }

    fn get_req(path: &str) -> Request {
        Request::get(path)
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .expect("request")
    }

    /// One request is served, one waits (not served yet), the third is refused at once with the
    /// app's error and `Retry-After`; once the first ends the waiting one is served.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_serves_one_waits_the_next_is_told_the_server_is_busy() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let release = Arc::new(Notify::new());
        let served = Arc::new(AtomicUsize::new(0));
        let app = held(release.clone(), served.clone());
        let first = tokio::spawn(app.clone().oneshot(get_req("/a")));
        tokio::time::sleep(Duration::from_millis(50)).await;
        let second = tokio::spawn(app.clone().oneshot(get_req("/b")));
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            served.load(Ordering::SeqCst),
            1,
            "the second request was not made to wait"
        );

        let refused = app
            .clone()
            .oneshot(get_req("/api/sign_in"))
            .await
            .expect("response");
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            refused
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
            Some("2")
        );
        let body = axum::body::to_bytes(refused.into_body(), 4096)
            .await
            .expect("body");
        let error: AppError = serde_json::from_slice(&body).expect("the app's error");
        assert_eq!(error.kind, ErrorKind::ServerBusy);
        assert!(error.message.contains("Wait a few seconds"), "{}", error.message);

        let page = app.clone().oneshot(get_req("/programs")).await.expect("response");
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(page.into_body(), 4096).await.expect("body");
        assert!(String::from_utf8_lossy(&body).contains("Wait a few seconds"));

        release.notify_one();
        assert_eq!(
            first.await.expect("task").expect("response").status(),
            StatusCode::OK
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            served.load(Ordering::SeqCst),
            2,
            "the waiting request was not served"
        );
        release.notify_one();
        assert_eq!(
            second.await.expect("task").expect("response").status(),
            StatusCode::OK
        );
    }

    #[test]
    fn this_machine_gets_places_per_core_and_a_queue() {
        let a = Admission::for_this_machine();
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        assert_eq!(a.in_flight(), cores * IN_FLIGHT_PER_CORE);
        assert_eq!(a.waiting(), cores * IN_FLIGHT_PER_CORE * WAITING_PER_PLACE);
    }
}
