//! The HTTP protections every answer gets: malformed and oversized requests, cross-site posts,
//! statuses and security headers, static files.
//!
//! The bodies here are written by hand on purpose: they are what a broken or hostile client
//! sends, which no typed call can.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use server::config::Cli;
use tower::ServiceExt;

use crate::support::{harness, session_cookie};

#[tokio::test]
async fn malformed_arguments_are_a_bad_request_not_a_panic() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    for (path, form) in [
        ("/api/sign_in", "garbage"),
        ("/api/sign_in", "email=ana%40example.com"),
        ("/api/move_feedback_question", "form=f&from=first&to=2"),
        ("/api/move_feedback_question", "form=f&from=-1&to=2"),
        ("/api/update_goal", "goal=g&status=open&progress=ten"),
    ] {
        let r = h.post(path, form, Some(&pm), "en").await;
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::BAD_REQUEST, "bad_request"),
            "{path} {form}: {}",
            r.body
        );
        assert!(
            r.body.contains("The request could not be understood"),
            "{}",
            r.body
        );
    }
    // JSON arguments that are not JSON, or not the function's shape.
    for body in ["{", "[]", "{\"program\": 7, \"csv_base64\": \"\"}"] {
        let req = Request::post("/api/preview_import")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &pm)
            .body(Body::from(body))
            .unwrap();
        let r = h.call(req).await;
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::BAD_REQUEST, "bad_request"),
            "{body}: {}",
            r.body
        );
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let h = harness().await;
    let req = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::from(
            "email=ana%40example.com&password=correct+horse+battery",
        ))
        .unwrap();
    assert_eq!(h.call(req).await.status, StatusCode::FORBIDDEN);
    let same = Request::post("/api/current_user")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(h.call(same).await.status, StatusCode::OK);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let h = harness().await;
    let big = "x".repeat(server::routes::BODY_LIMIT_BYTES + 10);
    let r = h.post("/api/sign_in", &big, None, "en").await;
    assert_eq!(
        (r.status, r.json_kind().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "request_too_large"),
        "{}",
        r.body
    );
    assert!(r.body.contains("up to 2 MB"), "{}", r.body);
    assert_eq!(r.headers[header::CONNECTION], "close");
    // Without a Content-Length (chunked), the limit cuts the stream: the same answer, in the
    // asker's language, whatever the function made of the cut.
    for (path, content_type) in [
        ("/api/sign_in", "application/x-www-form-urlencoded"),
        ("/api/preview_import", "application/json"),
    ] {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ACCEPT_LANGUAGE, "es")
            .body(Body::from(big.clone()))
            .unwrap();
        let r = h.call(req).await;
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, "request_too_large"),
            "{path}: {}",
            r.body
        );
        assert!(r.body.contains("hasta 2 MB"), "{}", r.body);
        assert_eq!(r.headers[header::CONNECTION], "close");
    }
}

#[tokio::test]
async fn pages_have_statuses_and_security_headers() {
    let h = harness().await;
    let health = h.get("/healthz", None).await;
    assert_eq!(health.status, StatusCode::OK);
    let missing = h.get("/no/such/page", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.body.contains("404"),
        "{}",
        &missing.body[..missing.body.len().min(300)]
    );
    let login = h.get("/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
    let api = h
        .send_with(None, "en", &app::accounts::auth::FetchCurrentUser {})
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let refused = h.send_with(None, "en", &app::accounts::users::ListUsers {}).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    for (what, r) in [
        ("page", &login),
        ("not found", &missing),
        ("health", &health),
        ("server function", &api),
        ("refusal", &refused),
    ] {
        assert_security_headers(what, &r.headers);
    }
    // An anonymous visit stores nothing, so it is given no session.
    assert_eq!(session_cookie(&login), None);
}

/// Each page names, in `<meta name="inversa-chunk">`, the lazily loaded WASM chunk with its code,
/// which the browser loads before it hydrates (hydration panics on a lazy route whose chunk is
/// missing). The wall lives under `/programs` but with the people's pages; sign-in and the
/// check-in share the entry pages' chunk; only the not-found page is in the main bundle and
/// names none.
#[tokio::test]
async fn pages_name_the_wasm_chunk_with_their_code() {
    let h = harness().await;
    let pm = h.sign_in_as(domain::Role::ProgramManager).await;
    let program = h.create_program(&pm).await;
    let chunk_of = |r: &crate::support::Reply| {
        let tag = "<meta name=\"inversa-chunk\" content=\"";
        r.body.find(tag).map(|at| {
            let rest = &r.body[at + tag.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_owned()
        })
    };
    for (path, chunk) in [
        ("/programs".to_owned(), Some("hr_pages")),
        (format!("/programs/{program}/pairs"), Some("board_page")),
        (format!("/programs/{program}/import"), Some("import_page")),
        (format!("/programs/{program}/risk"), Some("hr_pages")),
        (format!("/programs/{program}/wall"), Some("people_pages")),
        ("/".to_owned(), Some("people_pages")),
        ("/notifications".to_owned(), Some("people_pages")),
        ("/pair".to_owned(), Some("pair_pages")),
        ("/checkin".to_owned(), Some("entry_pages")),
        ("/login".to_owned(), Some("entry_pages")),
        ("/no/such/page".to_owned(), None),
    ] {
        // Sign-in as an anonymous visitor sees it (signed in, it sends them on).
        let cookie = (path != "/login").then_some(pm.as_str());
        let page = h.get(&path, cookie).await;
        assert_eq!(chunk_of(&page).as_deref(), chunk, "{path}: {}", page.status);
    }
}

/// The exact security headers every answer carries.
#[track_caller]
fn assert_security_headers(what: &str, headers: &axum::http::HeaderMap) {
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
        (
            "content-security-policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
        ),
    ] {
        let sent: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert_eq!(sent, [value], "{what}: {name}");
    }
}

#[tokio::test]
async fn static_files_skip_sessions_but_keep_security_headers() {
    // public/ holds favicon.ico, as the built site does.
    let cli = Cli::try_parse_from(["inversa", "--database", "mem://", "--site-root", "../public"]).unwrap();
    let state = server::build_state(&cli.config).await.unwrap();
    let router = server::routes::router(state);
    let res = router
        .oneshot(Request::get("/favicon.ico").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_security_headers("static file", res.headers());
    assert!(
        res.headers().get(header::SET_COOKIE).is_none(),
        "no session for a file"
    );
}
