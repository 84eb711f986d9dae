//! Route tests: the real router over an in-memory database, called without a network.
//! They cover sign-in, the role checks every server function makes, and the HTTP protections.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use domain::Role;
use http_body_util::BodyExt;
use server::config::Cli;
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

/// The harness's accounts: no refusal may show them.
const EMAILS: [&str; 3] = ["admin@example.com", "pm@example.com", "ana@example.com"];

struct Harness {
    router: Router,
    state: app::ssr::AppState,
}

async fn harness() -> Harness {
    let cli = Cli::try_parse_from([
        "inversa",
        "--database",
        "mem://",
        "--login-attempts-per-minute",
        "5",
    ])
    .unwrap();
    let state = server::build_state(&cli.config).await.expect("state");
    let hash = app::ssr::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    for (email, role) in [
        ("admin@example.com", Role::Admin),
        ("pm@example.com", Role::ProgramManager),
        ("ana@example.com", Role::Participant),
    ] {
        db::users::create(
            &state.db,
            db::users::NewUser {
                email: email.into(),
                name: email.split('@').next().unwrap_or_default().into(),
                role,
                password_hash: Some(hash.clone()),
                lang: None,
            },
        )
        .await
        .unwrap();
    }
    Harness {
        router: server::routes::router(state.clone()),
        state,
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    /// The error kind of a server function's error body (empty when it is not one).
    fn json_kind(&self) -> String {
        serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| v["kind"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

impl Harness {
    async fn call(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn post(&self, path: &str, form: &str, cookie: Option<&str>, lang: &str) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::CONTENT_LENGTH, form.len());
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.call(req.body(Body::from(form.to_owned())).unwrap()).await
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.call(req.body(Body::empty()).unwrap()).await
    }

    /// Signs in and returns the session cookie (`name=value`).
    async fn sign_in(&self, email: &str) -> String {
        let r = self
            .post(
                "/api/sign_in",
                &format!("email={email}&password={}", PASSWORD.replace(' ', "+")),
                None,
                "es",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign in {email}: {}", r.body);
        session_cookie(&r).expect("session cookie")
    }
}

fn session_cookie(r: &Reply) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(server::routes::SESSION_COOKIE))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

/// Asserts that a server function refused access: exactly `status`, a body that is only the
/// error (its kind for that status and the translated message, nothing else), and none of the
/// `protected` texts in it.
#[track_caller]
fn assert_refused(r: &Reply, status: StatusCode, protected: &[&str]) {
    let kind = match status {
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        other => panic!("{other} is not an access refusal"),
    };
    assert_refused_as(r, status, kind, protected);
}

/// [`assert_refused`] with an error kind of its own (`goal_not_owner`, `cross_site`…).
#[track_caller]
fn assert_refused_as(r: &Reply, status: StatusCode, kind: &str, protected: &[&str]) {
    assert_eq!(r.status, status, "{}", r.body);
    for p in protected {
        assert!(!r.body.contains(p), "the refusal shows {p:?}: {}", r.body);
    }
    let body: serde_json::Value = serde_json::from_str(&r.body)
        .unwrap_or_else(|e| panic!("a refusal is the error alone ({e}): {}", r.body));
    let fields: Vec<&String> = body.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(fields, ["kind", "message"], "{}", r.body);
    assert_eq!(body["kind"], kind, "{}", r.body);
}

/// Asserts that a page refused access with `status` and shows none of the `protected` texts.
#[track_caller]
fn assert_page_refused(r: &Reply, status: StatusCode, protected: &[&str]) {
    assert_eq!(r.status, status);
    for p in protected {
        assert!(!r.body.contains(p), "the refused page shows {p:?}");
    }
}

#[tokio::test]
async fn anonymous_gets_401_from_an_admin_server_function() {
    let h = harness().await;
    let r = h.post("/api/list_users", "", None, "en").await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &EMAILS);
    assert!(r.body.contains("Please sign in"), "{}", r.body);
}

#[tokio::test]
async fn participant_gets_403_from_an_admin_server_function() {
    let h = harness().await;
    let cookie = h.sign_in("ana@example.com").await;
    let r = h.post("/api/list_users", "", Some(&cookie), "es").await;
    assert_refused(&r, StatusCode::FORBIDDEN, &EMAILS);
    assert!(r.body.contains("No tienes acceso"), "{}", r.body);
    let r = h
        .post(
            "/api/set_user_disabled",
            "key=x&disabled=true",
            Some(&cookie),
            "es",
        )
        .await;
    assert_refused(&r, StatusCode::FORBIDDEN, &EMAILS);
}

#[tokio::test]
async fn program_manager_is_not_an_admin() {
    let h = harness().await;
    let cookie = h.sign_in("pm@example.com").await;
    let r = h
        .post(
            "/api/invite_user",
            "name=X&email=x%40example.com&role=admin",
            Some(&cookie),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::FORBIDDEN, &EMAILS);
    assert!(
        db::users::find_by_email(&h.state.db, "x@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn admin_lists_users() {
    let h = harness().await;
    let cookie = h.sign_in("admin@example.com").await;
    let r = h.post("/api/list_users", "", Some(&cookie), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let users: Vec<app::model::UserSummary> = serde_json::from_str(&r.body).unwrap();
    assert_eq!(users.len(), 3);
    assert!(
        users
            .iter()
            .any(|u| u.email == "ana@example.com" && u.role == Role::Participant)
    );
}

#[tokio::test]
async fn wrong_password_is_401_in_the_asked_language() {
    let h = harness().await;
    let r = h
        .post(
            "/api/sign_in",
            "email=ana%40example.com&password=nope-nope-nope",
            None,
            "en-GB,en;q=0.9",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.body.contains("The email or password is not correct"),
        "{}",
        r.body
    );
    let r = h
        .post(
            "/api/sign_in",
            "email=nadie%40example.com&password=nope-nope-nope",
            None,
            "es-ES",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.body.contains("El correo o la contraseña no son correctos"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn malformed_email_is_422_with_field_message() {
    let h = harness().await;
    let r = h
        .post(
            "/api/sign_in",
            "email=not-an-email&password=whatever1234",
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("invalid_email"), "{}", r.body);
}

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
async fn sign_in_is_rate_limited() {
    let h = harness().await;
    for _ in 0..5 {
        let r = h
            .post(
                "/api/sign_in",
                "email=ana%40example.com&password=wrong-password",
                None,
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = h
        .post(
            "/api/sign_in",
            "email=ana%40example.com&password=correct+horse+battery",
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.body.contains("Too many"), "{}", r.body);
}

/// Stores a session for an anonymous visitor, as the server does, and answers its cookie.
async fn planted_session(h: &Harness) -> (tower_sessions::session::Id, String) {
    use tower_sessions::SessionStore;
    let mut record = tower_sessions::session::Record {
        id: tower_sessions::session::Id::default(),
        data: [("visitor".to_owned(), serde_json::json!("planted"))]
            .into_iter()
            .collect(),
        expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
            + tower_sessions::cookie::time::Duration::hours(1),
    };
    h.state.db.session_store().create(&mut record).await.unwrap();
    let id = record.id;
    (id, format!("{}={id}", server::routes::SESSION_COOKIE))
}

/// Whether the session store still holds `id`.
async fn session_stored(h: &Harness, id: &tower_sessions::session::Id) -> bool {
    use tower_sessions::SessionStore;
    h.state.db.session_store().load(id).await.unwrap().is_some()
}

#[tokio::test]
async fn sign_in_replaces_the_session_it_came_with_and_sign_out_ends_it() {
    let h = harness().await;
    // Session fixation: someone plants a session id of their choosing in the victim's browser
    // (one the server really holds), the victim signs in with it. Signing in must move the
    // account to a new id and end the planted one, so the planter's copy is worth nothing.
    let (planted_id, planted) = planted_session(&h).await;
    assert!(session_stored(&h, &planted_id).await);
    let form = "email=ana%40example.com&password=correct+horse+battery";
    let r = h.post("/api/sign_in", form, Some(&planted), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cookie = session_cookie(&r).expect("a session cookie");
    assert_ne!(cookie, planted, "the session id changed");
    assert!(
        !session_stored(&h, &planted_id).await,
        "the planted session is gone"
    );
    let me = h.post("/api/current_user", "", Some(&planted), "en").await;
    assert_eq!(
        (me.status, me.body.trim()),
        (StatusCode::OK, "null"),
        "the planted id does not authenticate"
    );
    let me = h.post("/api/current_user", "", Some(&cookie), "en").await;
    assert!(me.body.contains("ana@example.com"), "{}", me.body);
    // The session cookie is out of reach of scripts and other sites.
    let set = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(server::routes::SESSION_COOKIE))
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.split("; ").any(|a| a == attribute), "{attribute} in {set}");
    }

    // An id nobody issued is not taken either.
    let made_up = format!(
        "{}={}",
        server::routes::SESSION_COOKIE,
        tower_sessions::session::Id::default()
    );
    let r = h.post("/api/sign_in", form, Some(&made_up), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let second = session_cookie(&r).expect("a session cookie");
    assert_ne!(second, made_up);
    assert_eq!(
        h.post("/api/current_user", "", Some(&made_up), "en")
            .await
            .body
            .trim(),
        "null"
    );

    // Signing in again from a signed-in session moves it to a new id too.
    let r = h.post("/api/sign_in", form, Some(&second), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let third = session_cookie(&r).expect("a session cookie");
    assert_ne!(third, second);
    assert_eq!(
        h.post("/api/current_user", "", Some(&second), "en")
            .await
            .body
            .trim(),
        "null"
    );
    let out = h.post("/api/sign_out", "", Some(&cookie), "en").await;
    assert_eq!(out.status, StatusCode::OK);
    let me = h.post("/api/current_user", "", Some(&cookie), "en").await;
    assert_eq!(me.body.trim(), "null", "old cookie is worthless after sign-out");
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions() {
    let h = harness().await;
    let ana = h.sign_in("ana@example.com").await;
    let admin = h.sign_in("admin@example.com").await;
    let key = db::users::find_by_email(&h.state.db, "ana@example.com")
        .await
        .unwrap()
        .unwrap()
        .key();
    let r = h
        .post(
            "/api/set_user_disabled",
            &format!("key={key}&disabled=true"),
            Some(&admin),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let me = h.post("/api/current_user", "", Some(&ana), "en").await;
    assert_eq!(me.body.trim(), "null");
    let again = h
        .post(
            "/api/sign_in",
            "email=ana%40example.com&password=correct+horse+battery",
            None,
            "en",
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNAUTHORIZED,
        "a disabled account cannot sign in"
    );
    let audit = db::audit::recent(&h.state.db, 5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "user.disable" && a.target == format!("user:{key}"))
    );
}

#[tokio::test]
async fn admin_cannot_disable_themselves() {
    let h = harness().await;
    let admin = h.sign_in("admin@example.com").await;
    let key = db::users::find_by_email(&h.state.db, "admin@example.com")
        .await
        .unwrap()
        .unwrap()
        .key();
    let r = h
        .post(
            "/api/set_user_disabled",
            &format!("key={key}&disabled=true"),
            Some(&admin),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn invitation_link_creates_an_account_once() {
    let h = harness().await;
    let admin = h.sign_in("admin@example.com").await;
    let r = h
        .post(
            "/api/invite_user",
            "name=Nuevo+Mentor&email=Nuevo%40Example.com&role=participant",
            Some(&admin),
            "es",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let created: app::model::CreatedInvitation = serde_json::from_str(&r.body).unwrap();
    assert_eq!(created.email, "nuevo@example.com");
    let token = created.link.rsplit('/').next().unwrap().to_owned();
    let short = h
        .post(
            "/api/accept_invitation",
            &format!("token={token}&password=short&confirm=short"),
            None,
            "en",
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = h
        .post(
            "/api/accept_invitation",
            &format!("token={token}&password=a+long+password&confirm=a+long+password"),
            None,
            "en",
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let cookie = session_cookie(&ok).expect("signed in after accepting");
    let me = h.post("/api/current_user", "", Some(&cookie), "en").await;
    assert!(me.body.contains("nuevo@example.com"), "{}", me.body);
    let reuse = h
        .post(
            "/api/accept_invitation",
            &format!("token={token}&password=another+password&confirm=another+password"),
            None,
            "en",
        )
        .await;
    assert_eq!(reuse.status, StatusCode::GONE);
    let dup = h
        .post(
            "/api/invite_user",
            "name=X&email=ana%40example.com&role=participant",
            Some(&admin),
            "en",
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
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
    let api = h.post("/api/current_user", "", None, "en").await;
    assert_eq!(api.status, StatusCode::OK);
    let refused = h.post("/api/list_users", "", None, "en").await;
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
async fn admin_page_is_403_for_a_participant_and_a_redirect_for_visitors() {
    let h = harness().await;
    let anon = h.get("/admin/users", None).await;
    assert_page_refused(&anon, StatusCode::FOUND, &EMAILS);
    assert_eq!(
        anon.headers.get(header::LOCATION).unwrap(),
        "/login?next=/admin/users"
    );
    let ana = h.sign_in("ana@example.com").await;
    let page = h.get("/admin/users", Some(&ana)).await;
    assert_page_refused(
        &page,
        StatusCode::FORBIDDEN,
        &["admin@example.com", "pm@example.com"],
    );
    let admin = h.sign_in("admin@example.com").await;
    let page = h.get("/admin/users", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ana@example.com"));
}

#[tokio::test]
async fn language_switch_sets_cookie_and_account_preference() {
    let h = harness().await;
    let ana = h.sign_in("ana@example.com").await;
    let r = h.get("/lang/en?next=/pair", Some(&ana)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/pair");
    let set = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set.starts_with("i18n_pref_locale=en"), "{set}");
    let user = db::users::find_by_email(&h.state.db, "ana@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.lang(), Some(domain::Lang::En));
    assert_eq!(h.get("/lang/fr", None).await.status, StatusCode::NOT_FOUND);
    let evil = h.get("/lang/es?next=//evil.example", None).await;
    assert_eq!(evil.headers.get(header::LOCATION).unwrap(), "/");
}

const PROGRAM_FORM: &str = "input%5Bname%5D=Piloto+2027&input%5Bstarts_on%5D=2027-01-11&input%5Bends_on%5D=2027-06-30&input%5Bcadence_days%5D=14&input%5Bmeeting_minutes%5D=45";

async fn second_manager(h: &Harness) -> String {
    let hash = app::ssr::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    db::users::create(
        &h.state.db,
        db::users::NewUser {
            email: "pm2@example.com".into(),
            name: "pm2".into(),
            role: Role::ProgramManager,
            password_hash: Some(hash),
            lang: None,
        },
    )
    .await
    .unwrap();
    h.sign_in("pm2@example.com").await
}

#[tokio::test]
async fn a_manager_cannot_see_or_change_another_managers_program() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let created = h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en").await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let key: String = serde_json::from_str(&created.body).unwrap();

    let other = second_manager(&h).await;
    let list = h.post("/api/list_programs", "", Some(&other), "en").await;
    assert_eq!(list.body.trim(), "[]");
    let get = h
        .post("/api/get_program", &format!("key={key}"), Some(&other), "en")
        .await;
    assert_refused(&get, StatusCode::NOT_FOUND, &["Piloto 2027", "pm@example.com"]);
    let upd = h
        .post(
            "/api/update_program",
            &format!("key={key}&{}", PROGRAM_FORM.replace("Piloto", "Robado")),
            Some(&other),
            "en",
        )
        .await;
    assert_refused(&upd, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    let mv = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=enrolling"),
            Some(&other),
            "en",
        )
        .await;
    assert_refused(&mv, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    let row = db::programs::find(&h.state.db, &key).await.unwrap().unwrap();
    assert_eq!(row.name, "Piloto 2027");
    assert_eq!(row.status(), domain::ProgramStatus::Draft);

    // The owner and an admin can.
    let own = h
        .post("/api/get_program", &format!("key={key}"), Some(&pm), "en")
        .await;
    assert_eq!(own.status, StatusCode::OK);
    let admin = h.sign_in("admin@example.com").await;
    let all = h.post("/api/list_programs", "", Some(&admin), "en").await;
    assert!(all.body.contains(&key), "{}", all.body);
}

#[tokio::test]
async fn participants_cannot_call_program_functions() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let created = h
        .post(
            "/api/create_program",
            &PROGRAM_FORM.replace("Piloto", "Interno"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let key: String = serde_json::from_str(&created.body).unwrap();
    let ana = h.sign_in("ana@example.com").await;
    for (path, body) in [
        ("/api/list_programs", String::new()),
        ("/api/create_program", PROGRAM_FORM.to_owned()),
        ("/api/get_program", format!("key={key}")),
        ("/api/change_program_status", format!("key={key}&to=enrolling")),
    ] {
        let r = h.post(path, &body, Some(&ana), "en").await;
        assert_refused(&r, StatusCode::FORBIDDEN, &["Interno 2027", &key]);
    }
    let programs = db::programs::list(&h.state.db, None).await.unwrap();
    assert_eq!(programs.len(), 1, "nothing was created");
    assert_eq!(programs[0].status(), domain::ProgramStatus::Draft);
}

#[tokio::test]
async fn program_design_is_validated_and_the_lifecycle_enforced() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let bad = PROGRAM_FORM.replace("2027-06-30", "2026-01-01");
    let r = h.post("/api/create_program", &bad, Some(&pm), "es").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("debe terminar después de empezar"), "{}", r.body);

    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let skip = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=active"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(skip.status, StatusCode::CONFLICT, "draft cannot jump to active");
    for to in ["enrolling", "matching", "active"] {
        let r = h
            .post(
                "/api/change_program_status",
                &format!("key={key}&to={to}"),
                Some(&pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{to}: {}", r.body);
    }
    let unconfirmed = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=closed"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(
        unconfirmed.status,
        StatusCode::CONFLICT,
        "closing needs confirmation"
    );
    let closed = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=closed&confirm=true"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK);
    let reopen = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=draft"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(reopen.status, StatusCode::CONFLICT);
    let edit = h
        .post(
            "/api/update_program",
            &format!("key={key}&{PROGRAM_FORM}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT, "a closed program is read-only");
    let unknown = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=paused"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pairing_functions_are_for_the_program_owner_only() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let ana = h.sign_in("ana@example.com").await;
    for path in ["/api/load_board", "/api/run_matching", "/api/publish_pairs"] {
        let r = h.post(path, &format!("program={key}"), Some(&ana), "en").await;
        assert_refused(&r, StatusCode::FORBIDDEN, &["Piloto 2027"]);
        let r = h.post(path, &format!("program={key}"), None, "en").await;
        assert_refused(&r, StatusCode::UNAUTHORIZED, &["Piloto 2027"]);
    }
    let other = second_manager(&h).await;
    for path in ["/api/load_board", "/api/run_matching", "/api/publish_pairs"] {
        let r = h.post(path, &format!("program={key}"), Some(&other), "en").await;
        assert_refused(&r, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    }
    // The owner may look, but runs and publishes only in the matching stage.
    assert_eq!(
        h.post("/api/load_board", &format!("program={key}"), Some(&pm), "en")
            .await
            .status,
        StatusCode::OK
    );
    let early = h
        .post("/api/run_matching", &format!("program={key}"), Some(&pm), "en")
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    let mine = h.post("/api/my_pairs", "", Some(&pm), "en").await;
    assert_eq!(
        mine.status,
        StatusCode::OK,
        "every signed-in role may ask for its own pairs"
    );
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

/// Signs in as the demo organisation's program manager on a fresh database with the demo loaded,
/// moves the demo program to matching, runs the engine, and answers `(cookie, program key)`.
async fn demo_board(h: &Harness) -> (String, String) {
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .unwrap();
    db::demo::load(&h.state.db, &hash).await.unwrap();
    let r = h
        .post(
            "/api/sign_in",
            &format!("email=rrhh@inversa.example&password={}", db::demo::DEMO_PASSWORD),
            None,
            "en",
        )
        .await;
    let cookie = session_cookie(&r).expect("demo manager signs in");
    let list: serde_json::Value =
        serde_json::from_str(&h.post("/api/list_programs", "", Some(&cookie), "en").await.body).unwrap();
    let key = list[0]["key"].as_str().unwrap().to_owned();
    let to = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=matching"),
            Some(&cookie),
            "en",
        )
        .await;
    assert_eq!(to.status, StatusCode::OK, "{}", to.body);
    let run = h
        .post(
            "/api/run_matching",
            &format!("program={key}"),
            Some(&cookie),
            "en",
        )
        .await;
    assert_eq!(run.body, "17");
    (cookie, key)
}

impl Harness {
    async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        cookie: Option<&str>,
        lang: &str,
    ) -> Reply {
        let body = body.to_string();
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::CONTENT_LENGTH, body.len());
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.call(req.body(Body::from(body)).unwrap()).await
    }
}

fn board_pairs(board: &serde_json::Value) -> Vec<(String, String)> {
    board["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["mentee"].as_str().unwrap().to_owned(),
                p["mentor"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_server_rechecks_every_saved_board() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    let load = || async {
        let r = h
            .post("/api/load_board", &format!("program={key}"), Some(&pm), "en")
            .await;
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
    };
    let board = load().await;
    let pairs = board_pairs(&board);
    let save = |pairs: Vec<(String, String)>, pins: Vec<(String, String)>| serde_json::json!({"edit": {"program": key, "pairs": pairs, "pins": pins, "forbids": []}});

    // The CEO heads every junior's reporting line: pairing her with anyone is refused, by name.
    let names: Vec<(String, String)> = serde_json::from_value(board["names"].clone()).unwrap();
    let ceo = names
        .iter()
        .find(|(_, n)| n.as_str() == "Carmen Ortega Ruiz")
        .map(|(k, _)| k.clone())
        .expect("the demo CEO");
    let mut bad = pairs.clone();
    bad.push((ceo, pairs[0].1.clone()));
    let r = h
        .post_json("/api/save_board", &save(bad, vec![]), Some(&pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("The board cannot be saved"), "{}", r.body);
    assert!(r.body.contains("Carmen Ortega Ruiz and"), "{}", r.body);

    // A mentee twice, and a pin that is not on the board, are refused too.
    let mut twice = pairs.clone();
    twice.push((pairs[0].0.clone(), pairs[1].1.clone()));
    let r = h
        .post_json("/api/save_board", &save(twice, vec![]), Some(&pm), "es")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = h
        .post_json(
            "/api/save_board",
            &save(pairs[1..].to_vec(), vec![pairs[0].clone()]),
            Some(&pm),
            "es",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("falta la pareja fijada"), "{}", r.body);
    // Unknown people in a pin are refused before anything is looked at.
    let r = h
        .post_json(
            "/api/save_board",
            &save(pairs.clone(), vec![("nobody".into(), pairs[0].1.clone())]),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // Nothing of the refused boards was written.
    assert_eq!(board_pairs(&load().await), pairs);

    // A valid hand edit (one pair fewer, one pin) is saved with its pin.
    let r = h
        .post_json(
            "/api/save_board",
            &save(pairs[1..].to_vec(), vec![pairs[1].clone()]),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = load().await;
    assert_eq!(board_pairs(&after).len(), pairs.len() - 1);
    assert_eq!(
        after["rules"]["pins"],
        serde_json::json!([[pairs[1].0, pairs[1].1]])
    );

    // Others may not save: a participant is forbidden, another manager finds nothing.
    let ana = h.sign_in("ana@example.com").await;
    let r = h
        .post_json("/api/save_board", &save(pairs.clone(), vec![]), Some(&ana), "en")
        .await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["Carmen Ortega Ruiz", "Piloto"]);
    let other = second_manager(&h).await;
    let r = h
        .post_json(
            "/api/save_board",
            &save(pairs.clone(), vec![]),
            Some(&other),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["Carmen Ortega Ruiz"]);
    let r = h
        .post_json("/api/save_board", &save(pairs, vec![]), None, "en")
        .await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &["Carmen Ortega Ruiz"]);
}

#[tokio::test]
async fn participants_accept_only_their_own_published_pair() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    let r = h
        .post("/api/publish_pairs", &format!("program={key}"), Some(&pm), "en")
        .await;
    assert_eq!(r.body, "17");
    let james = {
        let r = h
            .post(
                "/api/sign_in",
                &format!(
                    "email=james.wilson@inversa.example&password={}",
                    db::demo::DEMO_PASSWORD
                ),
                None,
                "en",
            )
            .await;
        session_cookie(&r).unwrap()
    };
    let mine: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&james), "en").await.body).unwrap();
    let pair = mine[0]["key"].as_str().unwrap().to_owned();
    assert_eq!(mine[0]["i_accepted"], false);

    // Someone outside the pair cannot accept it.
    let ana = h.sign_in("ana@example.com").await;
    let r = h
        .post("/api/accept_pair", &format!("pair={pair}"), Some(&ana), "en")
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["James", "Wilson", "inversa.example"]);
    let r = h
        .post("/api/accept_pair", &format!("pair={pair}"), None, "en")
        .await;
    assert_refused(
        &r,
        StatusCode::UNAUTHORIZED,
        &["James", "Wilson", "inversa.example"],
    );

    // The mentee accepts (twice is the same as once); the pair waits for the mentor.
    for _ in 0..2 {
        let r = h
            .post("/api/accept_pair", &format!("pair={pair}"), Some(&james), "en")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body, "\"published\"");
    }
    let mine: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&james), "en").await.body).unwrap();
    assert_eq!(mine[0]["i_accepted"], true);
    assert_eq!(mine[0]["other_accepted"], false);

    // Once the mentor accepts too, the pair is active.
    let mentor = h
        .state
        .db
        .client()
        .query("SELECT VALUE mentor.email FROM ONLY type::record('pair', $p)")
        .bind(("p", pair.clone()))
        .await
        .unwrap()
        .take::<Option<String>>(0)
        .unwrap()
        .unwrap();
    // Every demo employee has an account.
    let m = give_account(&h, &mentor).await;
    let r = h
        .post("/api/accept_pair", &format!("pair={pair}"), Some(&m), "en")
        .await;
    assert_eq!(r.body, "\"active\"");
    let mine: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&james), "en").await.body).unwrap();
    assert_eq!(mine[0]["other_accepted"], true);
    assert_eq!(mine[0]["status"], "active");
}

/// Posts JSON arguments to a server function (the encoding the import functions take).
async fn post_json(h: &Harness, path: &str, body: &serde_json::Value, cookie: Option<&str>) -> Reply {
    let body = body.to_string();
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .header(header::CONTENT_LENGTH, body.len());
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    h.call(req.body(Body::from(body)).unwrap()).await
}

fn import_args(program: &str, csv: &str) -> serde_json::Value {
    use base64::Engine;
    serde_json::json!({
        "program": program,
        "csv_base64": base64::engine::general_purpose::STANDARD.encode(csv),
    })
}

async fn employee_count(h: &Harness) -> i64 {
    let n: Option<i64> = h
        .state
        .db
        .client()
        .query("RETURN count(SELECT id FROM employee)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap()
}

const GOOD_CSV: &str = "email;nombre;responsable;rol\nana.p@example.com;Ana Pérez;boss@example.com;mentora\nboss@example.com;Beatriz Jefa;;mentee\n";

#[tokio::test]
async fn import_functions_are_for_the_program_owner_only() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let args = import_args(&key, GOOD_CSV);
    let ana = h.sign_in("ana@example.com").await;
    let other = second_manager(&h).await;
    let protected = ["Ana Pérez", "Beatriz Jefa", "boss@example.com", "Piloto 2027"];
    for path in ["/api/preview_import", "/api/commit_import"] {
        let r = post_json(&h, path, &args, None).await;
        assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
        let r = post_json(&h, path, &args, Some(&ana)).await;
        assert_refused(&r, StatusCode::FORBIDDEN, &protected);
        let r = post_json(&h, path, &args, Some(&other)).await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    assert_eq!(employee_count(&h).await, 0);
    let garbage = serde_json::json!({"program": key, "csv_base64": "***not base64***"});
    let r = post_json(&h, "/api/commit_import", &garbage, Some(&pm)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}

#[tokio::test]
async fn a_file_with_a_broken_row_imports_nothing_until_fixed() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let broken = GOOD_CSV.replace("boss@example.com;Beatriz", "jefa@example.com;Beatriz");
    let r = post_json(&h, "/api/preview_import", &import_args(&key, &broken), Some(&pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let preview: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let read = &preview["Read"];
    assert_eq!(read["importable"], false);
    assert_eq!(read["errors"][0]["row"], 2);
    assert_eq!(read["errors"][0]["code"], "unknown_manager");

    let r = post_json(&h, "/api/commit_import", &import_args(&key, &broken), Some(&pm)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("nothing was imported"), "{}", r.body);
    assert_eq!(employee_count(&h).await, 0);

    let unusable = post_json(
        &h,
        "/api/commit_import",
        &import_args(&key, "just one column\n"),
        Some(&pm),
    )
    .await;
    assert_eq!(unusable.status, StatusCode::UNPROCESSABLE_ENTITY);

    let r = post_json(&h, "/api/commit_import", &import_args(&key, GOOD_CSV), Some(&pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        (done["created"].as_i64(), done["updated"].as_i64()),
        (Some(2), Some(0))
    );
    let r = post_json(&h, "/api/commit_import", &import_args(&key, GOOD_CSV), Some(&pm)).await;
    let done: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        (done["created"].as_i64(), done["updated"].as_i64()),
        (Some(0), Some(2))
    );
    assert_eq!(employee_count(&h).await, 2);
}

/// A profile form as a browser posts it (brackets percent-encoded).
fn profile_form(token: &str, extra: &str) -> String {
    format!(
        "token={token}&profile%5Brole%5D=mentor&profile%5Bjob_level%5D=3&profile%5Btime_zone%5D=Europe%2FMadrid\
         &profile%5Blanguages%5D%5B%5D=es&profile%5Blanguages%5D%5B%5D=en&profile%5Bagree%5D=on{extra}"
    )
}

#[tokio::test]
async fn people_join_a_program_through_its_signup_link() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let ana = h.sign_in("ana@example.com").await;
    let r = h
        .post(
            "/api/create_signup_link",
            &format!("program={key}"),
            Some(&ana),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["/join/", "Piloto 2027"]);
    let other = second_manager(&h).await;
    let r = h
        .post(
            "/api/create_signup_link",
            &format!("program={key}"),
            Some(&other),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["/join/", "Piloto 2027"]);
    let link: String = serde_json::from_str(
        &h.post(
            "/api/create_signup_link",
            &format!("program={key}"),
            Some(&pm),
            "en",
        )
        .await
        .body,
    )
    .unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();

    // Anyone with the link reads the program; an unknown token is gone.
    let r = h
        .post("/api/join_info", &format!("token={token}"), None, "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("\"open\":false"),
        "a draft program takes no enrolments: {}",
        r.body
    );
    let r = h
        .post("/api/join_info", &format!("token={}", "0".repeat(64)), None, "en")
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    let closed = h
        .post(
            "/api/join_signup",
            &format!("token={token}&name=Marta&email=marta%40example.com&password=una-clave-larga"),
            None,
            "en",
        )
        .await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    h.post(
        "/api/change_program_status",
        &format!("key={key}&to=enrolling"),
        Some(&pm),
        "en",
    )
    .await;

    // A new account from the signup page; an email that has an account must sign in instead.
    let r = h
        .post(
            "/api/join_signup",
            &format!("token={token}&name=Ana&email=ana%40example.com&password=una-clave-larga"),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = h
        .post(
            "/api/join_signup",
            &format!("token={token}&name=Marta+Nueva&email=Marta%40Example.com&password=una-clave-larga"),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let marta = session_cookie(&r).expect("signed in after signing up");

    // The profile is checked field by field, in the asker's language, and nothing is enrolled.
    let r = h
        .post("/api/join_program", &profile_form(&token, ""), Some(&marta), "es")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Elige al menos un tema que puedas enseñar"),
        "{}",
        r.body
    );
    let bad_topic = profile_form(&token, "&profile%5Bcan_teach%5D%5B%5D=cooking");
    let r = h.post("/api/join_program", &bad_topic, Some(&marta), "en").await;
    assert!(r.body.contains("not in the program's catalogue"), "{}", r.body);
    let bad_zone = profile_form(&token, "&profile%5Bcan_teach%5D%5B%5D=ai_tools")
        .replace("Europe%2FMadrid", "Europe%2FAtlantis");
    let r = h.post("/api/join_program", &bad_zone, Some(&marta), "en").await;
    assert!(r.body.contains("valid time zone"), "{}", r.body);
    let no_manager = profile_form(
        &token,
        "&profile%5Bcan_teach%5D%5B%5D=ai_tools&profile%5Bmanager_email%5D=ghost%40example.com",
    );
    let r = h.post("/api/join_program", &no_manager, Some(&marta), "en").await;
    assert!(
        r.body.contains("No employee has your manager's email"),
        "{}",
        r.body
    );
    let info = h
        .post("/api/join_info", &format!("token={token}"), Some(&marta), "en")
        .await;
    assert!(info.body.contains("\"enrolled\":null"), "{}", info.body);

    let good = profile_form(
        &token,
        "&profile%5Bcan_teach%5D%5B%5D=ai_tools&profile%5Bavailability%5D%5B%5D=tue_am",
    );
    let r = h.post("/api/join_program", &good, Some(&marta), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body, "\"mentor\"");
    let info = h
        .post("/api/join_info", &format!("token={token}"), Some(&marta), "en")
        .await;
    assert!(info.body.contains("\"enrolled\":\"mentor\""), "{}", info.body);
    let input = db::pairs::pairing_input(&h.state.db, &key).await.unwrap();
    let p = &input.participants[0];
    assert_eq!(
        (p.name.as_str(), p.as_mentor, p.as_mentee),
        ("Marta Nueva", true, false)
    );
    assert_eq!(p.person.can_teach, ["ai_tools"]);
    assert_eq!(p.person.languages, ["es", "en"]);

    // Joining again as both updates the enrolment: the board offers her on both sides.
    let both = format!(
        "{}&profile%5Bwants_to_learn%5D%5B%5D=leadership",
        good.replace("profile%5Brole%5D=mentor", "profile%5Brole%5D=both")
    );
    let r = h.post("/api/join_program", &both, Some(&marta), "en").await;
    assert_eq!(r.body, "\"both\"", "{}", r.body);
    let board: serde_json::Value = serde_json::from_str(
        &h.post("/api/load_board", &format!("program={key}"), Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(board["mentors"].as_array().unwrap().len(), 1);
    assert_eq!(board["mentees"].as_array().unwrap().len(), 1);
    assert_eq!(board["mentors"][0]["id"], board["mentees"][0]["id"]);

    // A new link replaces the old one; enrolment closes with the enrolling stage.
    h.post(
        "/api/create_signup_link",
        &format!("program={key}"),
        Some(&pm),
        "en",
    )
    .await;
    let r = h
        .post("/api/join_info", &format!("token={token}"), None, "en")
        .await;
    assert_eq!(r.status, StatusCode::GONE);
}

#[tokio::test]
async fn publishing_notifies_in_the_app_until_read() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    h.post("/api/publish_pairs", &format!("program={key}"), Some(&pm), "en")
        .await;
    let r = h
        .post(
            "/api/sign_in",
            &format!(
                "email=james.wilson@inversa.example&password={}",
                db::demo::DEMO_PASSWORD
            ),
            None,
            "en",
        )
        .await;
    let james = session_cookie(&r).unwrap();
    let me: serde_json::Value =
        serde_json::from_str(&h.post("/api/current_user", "", Some(&james), "en").await.body).unwrap();
    assert_eq!(me["unread"], 1);
    let list: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_notifications", "", Some(&james), "en").await.body).unwrap();
    assert_eq!(list[0]["kind"], "pair_published");
    assert!(
        list[0]["title"].as_str().unwrap().starts_with("Your mentor for"),
        "{list}"
    );
    assert_eq!(list[0]["link"], "/pair");
    let r = h
        .post("/api/mark_notifications_read", "", Some(&james), "en")
        .await;
    assert_eq!(r.body, "1");
    let me: serde_json::Value =
        serde_json::from_str(&h.post("/api/current_user", "", Some(&james), "en").await.body).unwrap();
    assert_eq!(me["unread"], 0);
    // Nobody reads anyone else's: the manager has none.
    let theirs: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_notifications", "", Some(&pm), "en").await.body).unwrap();
    assert_eq!(theirs, serde_json::json!([]));
    assert_refused(
        &h.post("/api/my_notifications", "", None, "en").await,
        StatusCode::UNAUTHORIZED,
        &["Your mentor for", "pair_published"],
    );
}

/// The settings form as the program page posts it: every rule on, the defaults, with `changes`
/// (`("rules[x]", Some("…"))` sets a field, `None` leaves it out, i.e. an unticked box).
fn settings_form(key: &str, changes: &[(&str, Option<&str>)]) -> String {
    let mut fields: Vec<(String, Option<String>)> = [
        "mentor_junior",
        "separate_reporting_lines",
        "no_repeat_pairs",
        "shared_language",
        "time_overlap",
        "respect_capacity",
        "apply_pins",
        "apply_forbids",
    ]
    .iter()
    .map(|r| (format!("rules[{r}]"), Some("true".to_owned())))
    .collect();
    fields.push(("rules[min_overlap_hours]".into(), Some("2".into())));
    for (w, v) in [
        ("mentor_teaches", "40"),
        ("mentee_teaches", "15"),
        ("shared_interests", "15"),
        ("shared_availability", "30"),
        ("different_department", "0"),
        ("different_generation", "0"),
    ] {
        fields.push((format!("weights[{w}]"), Some(v.into())));
    }
    for (name, value) in changes {
        let field = fields.iter_mut().find(|(n, _)| n == name).expect("known field");
        field.1 = value.map(str::to_owned);
    }
    let mut form = format!("key={key}");
    for (name, value) in fields {
        if let Some(v) = value {
            form.push_str(&format!("&{}={v}", name.replace('[', "%5B").replace(']', "%5D")));
        }
    }
    form
}

#[tokio::test]
async fn topic_and_settings_functions_are_for_the_program_owner_only() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let created = h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en").await;
    let key: String = serde_json::from_str(&created.body).unwrap();
    let calls = [
        (
            "/api/add_topic",
            format!("key={key}&label_es=Robótica&label_en=Robotics"),
        ),
        (
            "/api/rename_topic",
            format!("key={key}&topic=ai_tools&label_es=IA&label_en=AI"),
        ),
        (
            "/api/remove_topic",
            format!("key={key}&topic=ai_tools&confirm=true"),
        ),
        ("/api/get_matching_settings", format!("key={key}")),
        ("/api/save_matching_settings", settings_form(&key, &[])),
        ("/api/reset_matching_settings", format!("key={key}")),
    ];
    let ana = h.sign_in("ana@example.com").await;
    let other = second_manager(&h).await;
    // Neither the program nor its catalogue or settings show through a refusal.
    let protected = ["Piloto 2027", "ai_tools", "basic_cyber_security"];
    for (path, body) in &calls {
        let r = h.post(path, body, Some(&ana), "en").await;
        assert_refused(&r, StatusCode::FORBIDDEN, &protected);
        let r = h.post(path, body, Some(&other), "en").await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        let r = h.post(path, body, None, "en").await;
        assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    }
    let topics = db::programs::topics(&h.state.db, &key).await.unwrap();
    assert_eq!(topics.len(), domain::DEFAULT_TOPICS.len(), "nothing changed");
    assert!(
        topics
            .iter()
            .any(|t| t.key == "ai_tools" && t.label_en == "AI tools")
    );
}

#[tokio::test]
async fn topics_are_added_renamed_and_removed_with_clear_refusals() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let post = |path: &'static str, body: String, lang: &'static str| {
        let pm = pm.clone();
        let h = &h;
        async move { h.post(path, &body, Some(&pm), lang).await }
    };
    let added = post(
        "/api/add_topic",
        format!("key={key}&label_es=Ciberseguridad+b%C3%A1sica&label_en=Basic+cyber+security"),
        "es",
    )
    .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.body, "\"basic_cyber_security\"");
    let again = post(
        "/api/add_topic",
        format!("key={key}&label_es=Otra&label_en=Basic+Cyber+Security"),
        "es",
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body.contains("ya tiene un tema con ese nombre"),
        "{}",
        again.body
    );
    let half = post(
        "/api/add_topic",
        format!("key={key}&label_es=Rob%C3%B3tica&label_en=+"),
        "en",
    )
    .await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(half.body.contains("in Spanish and in English"), "{}", half.body);

    let renamed = post(
        "/api/rename_topic",
        format!("key={key}&topic=basic_cyber_security&label_es=Ciberseguridad&label_en=Cyber+security"),
        "en",
    )
    .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let clash = post(
        "/api/rename_topic",
        format!("key={key}&topic=basic_cyber_security&label_es=Liderazgo&label_en=Cyber"),
        "en",
    )
    .await;
    assert_eq!(clash.status, StatusCode::CONFLICT, "{}", clash.body);
    let missing = post(
        "/api/rename_topic",
        format!("key={key}&topic=nope&label_es=A&label_en=B"),
        "en",
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let unconfirmed = post(
        "/api/remove_topic",
        format!("key={key}&topic=basic_cyber_security"),
        "es",
    )
    .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.body.contains("Marca la casilla"),
        "{}",
        unconfirmed.body
    );
    let detail = post("/api/get_program", format!("key={key}"), "en").await;
    assert!(detail.body.contains("\"Cyber security\""), "{}", detail.body);
    let removed = post(
        "/api/remove_topic",
        format!("key={key}&topic=basic_cyber_security&confirm=true"),
        "es",
    )
    .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let detail = post("/api/get_program", format!("key={key}"), "en").await;
    assert!(!detail.body.contains("basic_cyber_security"), "{}", detail.body);

    // A closed program's catalogue is read-only.
    for to in ["enrolling", "matching", "active"] {
        post("/api/change_program_status", format!("key={key}&to={to}"), "en").await;
    }
    let closed = post(
        "/api/change_program_status",
        format!("key={key}&to=closed&confirm=true"),
        "en",
    )
    .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    let late = post(
        "/api/add_topic",
        format!("key={key}&label_es=Tarde&label_en=Late"),
        "en",
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    let late = post(
        "/api/remove_topic",
        format!("key={key}&topic=ai_tools&confirm=true"),
        "en",
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
}

#[tokio::test]
async fn matching_settings_are_validated_kept_and_locked_once_active() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key: String = serde_json::from_str(
        &h.post("/api/create_program", PROGRAM_FORM, Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let get = || async {
        let r = h
            .post(
                "/api/get_matching_settings",
                &format!("key={key}"),
                Some(&pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
    };
    let defaults = get().await;
    assert_eq!(defaults["editable"], true);
    assert_eq!(defaults["settings"]["weights"]["mentor_teaches"], 40);
    assert_eq!(defaults["settings"]["rules"]["shared_language"], true);

    // Out of range: 422, nothing saved, the message names the field in the asker's language.
    let bad = settings_form(&key, &[("weights[mentor_teaches]", Some("1001"))]);
    let r = h.post("/api/save_matching_settings", &bad, Some(&pm), "es").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("«Lo que el mentor puede enseñar»"), "{}", r.body);
    assert!(r.body.contains("entre 0 y 1000"), "{}", r.body);
    let r = h.post("/api/save_matching_settings", &bad, Some(&pm), "en").await;
    assert!(r.body.contains("What the mentor can teach"), "{}", r.body);
    let r = h
        .post(
            "/api/save_matching_settings",
            &settings_form(&key, &[("weights[shared_interests]", Some("abc"))]),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Shared interests"), "{}", r.body);
    let r = h
        .post(
            "/api/save_matching_settings",
            &settings_form(&key, &[("rules[min_overlap_hours]", Some("10"))]),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("from 0 to 9"), "{}", r.body);
    assert_eq!(get().await, defaults);

    // A valid form round-trips; an unticked box switches its rule off.
    let good = settings_form(
        &key,
        &[
            ("rules[shared_language]", None),
            ("rules[min_overlap_hours]", Some("3")),
            ("weights[mentor_teaches]", Some("0")),
            ("weights[different_department]", Some("1000")),
        ],
    );
    let r = h
        .post("/api/save_matching_settings", &good, Some(&pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let saved = get().await;
    assert_eq!(saved["settings"]["rules"]["shared_language"], false);
    assert_eq!(saved["settings"]["rules"]["mentor_junior"], true);
    assert_eq!(saved["settings"]["rules"]["min_overlap_hours"], 3);
    assert_eq!(saved["settings"]["weights"]["mentor_teaches"], 0);
    assert_eq!(saved["settings"]["weights"]["different_department"], 1000);
    let reset = h
        .post(
            "/api/reset_matching_settings",
            &format!("key={key}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK);
    assert_eq!(get().await, defaults);

    // Settings change in draft, enrolling and matching; not once pairs are active.
    for to in ["enrolling", "matching"] {
        h.post(
            "/api/change_program_status",
            &format!("key={key}&to={to}"),
            Some(&pm),
            "en",
        )
        .await;
        let r = h
            .post("/api/save_matching_settings", &good, Some(&pm), "en")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{to}: {}", r.body);
    }
    h.post(
        "/api/change_program_status",
        &format!("key={key}&to=active"),
        Some(&pm),
        "en",
    )
    .await;
    assert_eq!(get().await["editable"], false);
    let r = h
        .post("/api/save_matching_settings", &good, Some(&pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = h
        .post(
            "/api/reset_matching_settings",
            &format!("key={key}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(get().await["settings"]["weights"]["mentor_teaches"], 0);
}

#[tokio::test]
async fn the_board_and_the_engine_use_the_programs_own_settings() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    let criterion_weight = |explanation: &serde_json::Value, name: &str| {
        explanation["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["criterion"] == name)
            .map(|c| c["weight"].clone())
    };
    let stored = db::pairs::list(&h.state.db, &key).await.unwrap();
    assert_eq!(
        criterion_weight(&stored[0].explanation, "mentor_teaches"),
        Some(serde_json::json!(40)),
        "defaults before any settings are saved"
    );

    let form = settings_form(
        &key,
        &[
            ("weights[mentor_teaches]", Some("0")),
            ("rules[time_overlap]", None),
        ],
    );
    let r = h
        .post("/api/save_matching_settings", &form, Some(&pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The board scores with the stored weights and rules (the browser re-scores with them)…
    let board: serde_json::Value = serde_json::from_str(
        &h.post("/api/load_board", &format!("program={key}"), Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(board["weights"]["mentor_teaches"], 0);
    assert_eq!(board["weights"]["shared_availability"], 30);
    assert_eq!(board["rules"]["time_overlap"], false);
    assert_eq!(board["rules"]["shared_language"], true);
    // …and so does the engine: a criterion without weight drops out of every new explanation.
    let run = h
        .post("/api/run_matching", &format!("program={key}"), Some(&pm), "en")
        .await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.body);
    let stored = db::pairs::list(&h.state.db, &key).await.unwrap();
    assert!(!stored.is_empty());
    for pair in &stored {
        assert_eq!(
            criterion_weight(&pair.explanation, "mentor_teaches"),
            None,
            "{}",
            pair.explanation
        );
        assert!(criterion_weight(&pair.explanation, "shared_availability").is_some());
    }
}

/// Signs in a demo person (demo password) and returns their session cookie.
async fn demo_sign_in(h: &Harness, email: &str) -> String {
    let r = h
        .post(
            "/api/sign_in",
            &format!("email={email}&password={}", db::demo::DEMO_PASSWORD),
            None,
            "en",
        )
        .await;
    session_cookie(&r).expect("demo person signs in")
}

/// Signs in as the employee with `email`: demo employees already have an account (demo
/// password); anyone else gets a participant account (password [`PASSWORD`]).
async fn give_account(h: &Harness, email: &str) -> String {
    if db::users::find_by_email(&h.state.db, email)
        .await
        .unwrap()
        .is_some()
    {
        return demo_sign_in(h, email).await;
    }
    let hash = app::ssr::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    let account = db::users::create(
        &h.state.db,
        db::users::NewUser {
            email: email.to_owned(),
            name: "Mentor".into(),
            role: Role::Participant,
            password_hash: Some(hash),
            lang: None,
        },
    )
    .await
    .unwrap();
    h.state
        .db
        .client()
        .query("UPDATE employee SET account = type::record('user', $a) WHERE email = $e")
        .bind(("a", account.key()))
        .bind(("e", email.to_owned()))
        .await
        .unwrap()
        .check()
        .unwrap();
    h.sign_in(email).await
}

#[tokio::test]
async fn only_the_two_people_of_a_pair_read_and_write_its_goals() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    h.post("/api/publish_pairs", &format!("program={key}"), Some(&pm), "en")
        .await;
    let james = demo_sign_in(&h, "james.wilson@inversa.example").await;
    let mine: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&james), "en").await.body).unwrap();
    let pair = mine[0]["key"].as_str().unwrap().to_owned();
    let mentor_email = mine[0]["other_email"].as_str().unwrap().to_owned();
    let mentor = give_account(&h, &mentor_email).await;
    let workspace = |cookie: Option<String>| {
        let h = &h;
        let pair = pair.clone();
        async move {
            h.post(
                "/api/pair_workspace",
                &format!("pair={pair}"),
                cookie.as_deref(),
                "en",
            )
            .await
        }
    };

    // The mentee opens the empty workspace and sets a goal: what the mentee learns.
    let r = workspace(Some(james.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ws: app::model::WorkspaceView = serde_json::from_str(&r.body).unwrap();
    assert!(!ws.i_mentor && ws.goals.is_empty());
    // He accepts the program agreement once (demo people were enrolled without it).
    assert!(!ws.i_agreed);
    for _ in 0..2 {
        let r = h
            .post(
                "/api/accept_agreement",
                &format!("pair={pair}"),
                Some(&james),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let ws: app::model::WorkspaceView =
        serde_json::from_str(&workspace(Some(james.clone())).await.body).unwrap();
    assert!(ws.i_agreed);
    let ana = h.sign_in("ana@example.com").await;
    let r = h
        .post("/api/accept_agreement", &format!("pair={pair}"), Some(&ana), "en")
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["james.wilson", "James Wilson"]);
    assert_eq!(ws.mentee.email, "james.wilson@inversa.example");
    let r = h
        .post(
            "/api/create_goal",
            &format!("pair={pair}&title=Use+AI+to+draft+reports&description="),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let goal: String = serde_json::from_str(&r.body).unwrap();

    // The mentor sets their own goal, moves the mentee's on, and both see the same.
    let r = h
        .post(
            "/api/create_goal",
            &format!("pair={pair}&title=Negotiate+budgets&description=With+finance"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h
        .post(
            "/api/update_goal",
            &format!("goal={goal}&status=open&progress=50"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h
        .post(
            "/api/add_milestone",
            &format!("goal={goal}&title=First+draft"),
            Some(&james),
            "en",
        )
        .await;
    let milestone: String = serde_json::from_str(&r.body).unwrap();
    let r = h
        .post(
            "/api/toggle_milestone",
            &format!("milestone={milestone}&done=true"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h
        .post(
            "/api/add_comment",
            &format!("goal={goal}&body=Nice+start"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ws: app::model::WorkspaceView =
        serde_json::from_str(&workspace(Some(james.clone())).await.body).unwrap();
    assert_eq!(ws.goals.len(), 2);
    let g = ws.goals.iter().find(|g| g.key == goal).unwrap();
    assert_eq!(g.direction, domain::Direction::MenteeLearns);
    assert!(g.mine);
    assert_eq!((g.status, g.progress), (domain::GoalStatus::Open, 50));
    assert!(g.milestones[0].done);
    assert_eq!(g.comments[0].body, "Nice start");
    let other = ws.goals.iter().find(|g| g.key != goal).unwrap();
    assert_eq!(other.direction, domain::Direction::MentorLearns);
    assert!(!other.mine);

    // Only the owner changes a goal's text or deletes it.
    let r = h
        .post(
            "/api/edit_goal",
            &format!("goal={goal}&title=Mine+now&description="),
            Some(&mentor),
            "en",
        )
        .await;
    assert_refused_as(&r, StatusCode::FORBIDDEN, "goal_not_owner", &[]);
    let r = h
        .post("/api/delete_goal", &format!("goal={goal}"), Some(&mentor), "en")
        .await;
    assert_refused_as(&r, StatusCode::FORBIDDEN, "goal_not_owner", &[]);

    // Invalid input is refused with a message naming what is wrong.
    for (path, form, text) in [
        (
            "/api/create_goal",
            format!("pair={pair}&title=+&description="),
            "Enter a title",
        ),
        (
            "/api/update_goal",
            format!("goal={goal}&status=open&progress=150"),
            "between 0 and 100",
        ),
        (
            "/api/update_goal",
            format!("goal={goal}&status=done&progress=10"),
            "Choose a status",
        ),
        (
            "/api/add_milestone",
            format!("goal={goal}&title="),
            "Enter a title",
        ),
        (
            "/api/add_comment",
            format!("goal={goal}&body=++"),
            "Write a comment",
        ),
    ] {
        let r = h.post(path, &form, Some(&james), "en").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", r.body);
        assert!(r.body.contains(text), "{path}: {}", r.body);
    }
    let r = h
        .post(
            "/api/add_comment",
            &format!("goal={goal}&body=++"),
            Some(&james),
            "es",
        )
        .await;
    assert!(r.body.contains("Escribe un comentario"), "{}", r.body);

    // Anyone outside the pair — another participant, the program's HR manager, an admin — gets
    // "not found" for reads and writes alike; anonymous visitors are asked to sign in.
    let ana = h.sign_in("ana@example.com").await;
    let admin = h.sign_in("admin@example.com").await;
    let protected = [
        "Use AI to draft reports",
        "Nice start",
        "james.wilson",
        "James Wilson",
    ];
    for cookie in [&ana, &pm, &admin] {
        assert_refused(
            &workspace(Some(cookie.clone())).await,
            StatusCode::NOT_FOUND,
            &protected,
        );
        for (path, form) in [
            ("/api/create_goal", format!("pair={pair}&title=Spy&description=")),
            (
                "/api/update_goal",
                format!("goal={goal}&status=dropped&progress=0"),
            ),
            ("/api/edit_goal", format!("goal={goal}&title=Spy&description=")),
            ("/api/delete_goal", format!("goal={goal}")),
            ("/api/add_milestone", format!("goal={goal}&title=Spy")),
            (
                "/api/toggle_milestone",
                format!("milestone={milestone}&done=false"),
            ),
            ("/api/add_comment", format!("goal={goal}&body=Spy")),
        ] {
            let r = h.post(path, &form, Some(cookie), "en").await;
            assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        }
    }
    assert_refused(&workspace(None).await, StatusCode::UNAUTHORIZED, &protected);
    let r = h
        .post("/api/add_comment", &format!("goal={goal}&body=Hi"), None, "en")
        .await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    let r = h
        .post("/api/pair_workspace", "pair=no-such-pair", Some(&james), "en")
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &protected);

    // Nothing the outsiders sent changed the pair's goals.
    let ws: app::model::WorkspaceView =
        serde_json::from_str(&workspace(Some(mentor.clone())).await.body).unwrap();
    let g = ws.goals.iter().find(|g| g.key == goal).unwrap();
    assert_eq!((g.title.as_str(), g.progress), ("Use AI to draft reports", 50));
    assert_eq!((g.milestones.len(), g.comments.len()), (1, 1));
    assert!(g.milestones[0].done);

    // The owner deletes their goal.
    let r = h
        .post("/api/delete_goal", &format!("goal={goal}"), Some(&james), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ws: app::model::WorkspaceView =
        serde_json::from_str(&workspace(Some(james.clone())).await.body).unwrap();
    assert_eq!(ws.goals.len(), 1);
}

/// A published demo pair with both people signed in: (pair key, mentee cookie, mentor cookie,
/// program manager cookie).
async fn published_pair(h: &Harness) -> (String, String, String, String) {
    let (pm, key) = demo_board(h).await;
    h.post("/api/publish_pairs", &format!("program={key}"), Some(&pm), "en")
        .await;
    let james = demo_sign_in(h, "james.wilson@inversa.example").await;
    let mine: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&james), "en").await.body).unwrap();
    let pair = mine[0]["key"].as_str().unwrap().to_owned();
    let mentor_email = mine[0]["other_email"].as_str().unwrap().to_owned();
    let mentor = give_account(h, &mentor_email).await;
    (pair, james, mentor, pm)
}

/// `days` from today as `YYYY-MM-DD`.
fn day_from_now(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn meeting_form(pair: &str, date: &str, time: &str, zone: &str, place: &str) -> String {
    format!("pair={pair}&date={date}&time={time}&minutes=45&time_zone={zone}&place={place}&video_url=")
}

/// Parses an iCalendar text with the `ical` crate (not the writer's own) into its events, each
/// as property name → value.
fn parse_ics(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "exactly one calendar");
    cal.events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn a_meeting_is_proposed_accepted_moved_held_and_exported_to_calendars() {
    let h = harness().await;
    let (pair, james, mentor, pm) = published_pair(&h).await;
    let date = day_from_now(10);

    // Refusals name the field, in the asker's language.
    for (form, text) in [
        (
            meeting_form(&pair, &day_from_now(-90), "10:30", "Europe/Madrid", "Sala+1"),
            "more than 60 days ago",
        ),
        (
            meeting_form(&pair, &date, "25:00", "Europe/Madrid", "Sala+1"),
            "Enter a valid time",
        ),
        (
            meeting_form(&pair, &date, "10:30", "Mars/Olympus", "Sala+1"),
            "time zone",
        ),
        (
            meeting_form(&pair, &date, "10:30", "Europe/Madrid", ""),
            "Give a place or a video call link",
        ),
    ] {
        let r = h.post("/api/propose_meeting", &form, Some(&james), "en").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{form}: {}", r.body);
        assert!(r.body.contains(text), "{form}: {}", r.body);
    }

    // The mentee proposes 10:30 Madrid time; he cannot accept his own proposal, the mentor can.
    let r = h
        .post(
            "/api/propose_meeting",
            &meeting_form(&pair, &date, "10:30", "Europe/Madrid", "Sala+Picasso%2C+planta+2"),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let meeting: String = serde_json::from_str(&r.body).unwrap();
    let change = |m: &str, c: &str| format!("meeting={m}&change={c}");
    let r = h
        .post(
            "/api/change_meeting",
            &change(&meeting, "accept"),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("the other person accepts"), "{}", r.body);
    let r = h
        .post(
            "/api/change_meeting",
            &change(&meeting, "accept"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"accepted\""));
    // Held only once it has started.
    let r = h
        .post(
            "/api/change_meeting",
            &change(&meeting, "held"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // Both see it in the workspace, each in their own zone.
    let ws: app::model::WorkspaceView = serde_json::from_str(
        &h.post("/api/pair_workspace", &format!("pair={pair}"), Some(&james), "en")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(ws.meetings.len(), 1);
    assert_eq!(ws.meetings[0].status, domain::meeting::MeetingStatus::Accepted);
    assert_eq!(ws.meetings[0].place.as_deref(), Some("Sala Picasso, planta 2"));

    // The .ics, read back by an independent parser: the instant of 10:30 in Madrid, in UTC.
    let expected = app::ssr::calendar::instant(
        &domain::meeting::MeetingForm {
            date: date.clone(),
            time: "10:30".into(),
            minutes: "45".into(),
            time_zone: "Europe/Madrid".into(),
            place: "x".into(),
            video_url: String::new(),
        }
        .validate()
        .unwrap(),
    )
    .unwrap();
    let r = h
        .get(&format!("/meetings/{meeting}/calendar.ics"), Some(&james))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let events = parse_ics(&r.body);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e["DTSTART"], expected.format("%Y%m%dT%H%M%SZ").to_string());
    assert_eq!(
        e["DTEND"],
        (expected + chrono::Duration::minutes(45))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    );
    assert_eq!(e["STATUS"], "CONFIRMED");
    assert_eq!(e["LOCATION"], "Sala Picasso\\, planta 2");
    assert!(e["SUMMARY"].starts_with("Reverse mentoring with "), "{e:?}");
    assert!(e["UID"].starts_with(&format!("meeting-{meeting}@")), "{e:?}");
    let first_sequence: u32 = e["SEQUENCE"].parse().unwrap();

    // Nobody outside the pair gets the meeting, its calendar file, or any change to it.
    let ana = h.sign_in("ana@example.com").await;
    let admin = h.sign_in("admin@example.com").await;
    let protected = [
        "Sala Picasso",
        "BEGIN:VCALENDAR",
        "meet.example.com",
        "James Wilson",
    ];
    for cookie in [&ana, &pm, &admin] {
        let r = h
            .get(&format!("/meetings/{meeting}/calendar.ics"), Some(cookie))
            .await;
        assert_page_refused(&r, StatusCode::NOT_FOUND, &protected);
        for (path, form) in [
            (
                "/api/propose_meeting",
                meeting_form(&pair, &date, "11:00", "Europe/Madrid", "Spy"),
            ),
            ("/api/change_meeting", change(&meeting, "cancel")),
            ("/api/save_meeting_notes", format!("meeting={meeting}&notes=Spy")),
            (
                "/api/reschedule_meeting",
                format!(
                    "meeting={meeting}&date={date}&time=12:00&minutes=30&time_zone=UTC&place=Spy&video_url="
                ),
            ),
        ] {
            let r = h.post(path, &form, Some(cookie), "en").await;
            assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        }
    }
    let r = h.get(&format!("/meetings/{meeting}/calendar.ics"), None).await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert_page_refused(&r, r.status, &protected);
    assert!(
        r.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );

    // The mentor moves it: a fresh proposal the mentee accepts, with a higher SEQUENCE.
    let r = h
        .post(
            "/api/reschedule_meeting",
            &format!(
                "meeting={meeting}&date={}&time=09:00&minutes=60&time_zone=Europe/London&place=&video_url=https%3A%2F%2Fmeet.example.com%2Fabc",
                day_from_now(11)
            ),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"proposed\""));
    let r = h
        .post(
            "/api/change_meeting",
            &change(&meeting, "accept"),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h
        .post(
            "/api/save_meeting_notes",
            &format!("meeting={meeting}&notes=Agenda%3A+prompts"),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The private feed: made once, read without a session, gone once revoked.
    let r = h.post("/api/create_calendar_feed", "", Some(&james), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let url: String = serde_json::from_str(&r.body).unwrap();
    let path = url
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    let r = h.get(&path, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let events = parse_ics(&r.body);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["LOCATION"], "https://meet.example.com/abc");
    assert!(events[0]["SEQUENCE"].parse::<u32>().unwrap() > first_sequence);
    // A new address replaces the old one.
    let r = h.post("/api/create_calendar_feed", "", Some(&james), "en").await;
    let url2: String = serde_json::from_str(&r.body).unwrap();
    assert_ne!(url, url2);
    assert_page_refused(&h.get(&path, None).await, StatusCode::NOT_FOUND, &protected);
    let path2 = url2
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    assert_eq!(h.get(&path2, None).await.status, StatusCode::OK);
    // Without JavaScript the form post redirects to /pair, which shows the new address once
    // (carried by a short-lived HttpOnly cookie that the page clears).
    let req = Request::post("/api/create_calendar_feed")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &james)
        .body(Body::empty())
        .unwrap();
    let r = h.call(req).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.headers[header::LOCATION], "/pair");
    let flash = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("inversa_new_feed="))
        .expect("the new address travels in a cookie")
        .to_owned();
    assert!(
        flash.contains("HttpOnly") && flash.contains("Path=/pair"),
        "{flash}"
    );
    let token = flash["inversa_new_feed=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_page_refused(&h.get(&path2, None).await, StatusCode::NOT_FOUND, &protected);
    let jar = format!("{james}; inversa_new_feed={token}");
    let page = h.get("/pair", Some(&jar)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("/calendar/{token}.ics")),
        "{}",
        page.body
    );
    assert!(
        page.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|c| c.starts_with("inversa_new_feed=;") && c.contains("Max-Age=0")),
        "the page clears the cookie"
    );
    // Someone else's token in the cookie shows nothing.
    let page = h
        .get("/pair", Some(&format!("{mentor}; inversa_new_feed={token}")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(&token));
    h.post("/api/revoke_calendar_feed", "", Some(&james), "en").await;
    assert_page_refused(
        &h.get(&format!("/calendar/{token}.ics"), None).await,
        StatusCode::NOT_FOUND,
        &protected,
    );
    assert_page_refused(&h.get(&path2, None).await, StatusCode::NOT_FOUND, &protected);
    assert_eq!(
        h.get("/calendar/nonsense.ics", None).await.status,
        StatusCode::NOT_FOUND
    );

    // Once it has started it can be recorded as held; a cancelled one cannot be.
    h.state
        .db
        .client()
        .query("UPDATE type::record('meeting', $m) SET starts_at = time::now() - 1h")
        .bind(("m", meeting.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = h
        .post(
            "/api/change_meeting",
            &change(&meeting, "held"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"held\""));
    let r = h
        .post(
            "/api/change_meeting",
            &change(&meeting, "cancel"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // The other person heard about each step: proposed, accepted, moved.
    let kinds: Vec<String> = h
        .state
        .db
        .client()
        .query("SELECT VALUE kind FROM notification WHERE kind CONTAINS 'meeting' ORDER BY created_at")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(
        kinds,
        [
            "meeting_proposed",
            "meeting_accepted",
            "meeting_rescheduled",
            "meeting_accepted"
        ]
    );
}

#[tokio::test]
async fn a_checkin_is_stored_once_and_read_only_by_the_pair() {
    let h = harness().await;
    let (pair, james, mentor, pm) = published_pair(&h).await;
    let form = |client: &str, rating: &str| {
        format!(
            "pair={pair}&rating={rating}&learned=Prompting+for+summaries&taught=&next_step=Try+it+on+Monday&blocker=true&client_id={client}"
        )
    };
    let r = h
        .post(
            "/api/submit_checkin",
            &form("client-aaaa-0001", "4"),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The phone retries: the same answer, nothing stored twice.
    let again = h
        .post(
            "/api/submit_checkin",
            &form("client-aaaa-0001", "4"),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!((again.status, &again.body), (StatusCode::OK, &r.body));
    for (f, text) in [
        (form("client-aaaa-0002", "9"), "Choose from 1 to 5"),
        (
            format!("pair={pair}&rating=3&learned=&taught=&next_step=&client_id=client-aaaa-0003"),
            "what you learned or what you taught",
        ),
    ] {
        let r = h.post("/api/submit_checkin", &f, Some(&james), "en").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(text), "{}", r.body);
    }
    let r = h
        .post(
            "/api/submit_checkin",
            &form("client-bbbb-0001", "2"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let list: Vec<app::model::CheckinView> = serde_json::from_str(
        &h.post("/api/pair_checkins", &format!("pair={pair}"), Some(&mentor), "en")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(list.len(), 2);
    let mine = list.iter().find(|c| !c.mine).unwrap();
    assert_eq!((mine.rating, mine.blocker), (4, true));
    assert_eq!(mine.next_step, "Try it on Monday");

    // Outsiders, HR included, neither read nor write the pair's check-ins.
    let ana = h.sign_in("ana@example.com").await;
    let protected = ["Prompting for summaries", "Try it on Monday", "client-aaaa"];
    for cookie in [&ana, &pm] {
        let r = h
            .post("/api/pair_checkins", &format!("pair={pair}"), Some(cookie), "en")
            .await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        let r = h
            .post(
                "/api/submit_checkin",
                &form("client-cccc-0001", "1"),
                Some(cookie),
                "en",
            )
            .await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    let r = h
        .post("/api/submit_checkin", &form("client-cccc-0002", "1"), None, "en")
        .await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    let stored: Option<i64> = h
        .state
        .db
        .client()
        .query("RETURN count(SELECT id FROM checkin)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(stored, Some(2));
}

#[tokio::test]
async fn reminders_go_out_once_before_meetings_and_for_quiet_pairs() {
    let h = harness().await;
    let (pair, james, mentor, _) = published_pair(&h).await;
    for cookie in [&james, &mentor] {
        let r = h
            .post("/api/accept_pair", &format!("pair={pair}"), Some(cookie), "en")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = h
        .post(
            "/api/propose_meeting",
            &meeting_form(&pair, &day_from_now(3), "10:30", "Europe/Madrid", "Sala+1"),
            Some(&james),
            "en",
        )
        .await;
    let meeting: String = serde_json::from_str(&r.body).unwrap();
    let now = chrono::Utc::now();
    let base = "http://localhost";
    // Not yet within a day, and not accepted: nothing.
    let sent = db::reminders::send_due(&h.state.db, now, base).await.unwrap();
    assert_eq!(sent, db::reminders::Sent::default());
    h.post(
        "/api/change_meeting",
        &format!("meeting={meeting}&change=accept"),
        Some(&mentor),
        "en",
    )
    .await;
    // An hour before the meeting starts (read back, so the test holds at any time of day).
    let starts_at: chrono::DateTime<chrono::Utc> = h
        .state
        .db
        .client()
        .query("SELECT VALUE starts_at FROM ONLY type::record('meeting', $m)")
        .bind(("m", meeting.clone()))
        .await
        .unwrap()
        .take::<Option<chrono::DateTime<chrono::Utc>>>(0)
        .unwrap()
        .unwrap();
    let two_days_on = starts_at - chrono::Duration::hours(1);
    let sent = db::reminders::send_due(&h.state.db, two_days_on, base)
        .await
        .unwrap();
    assert_eq!(sent.meetings, 1);
    let sent = db::reminders::send_due(&h.state.db, two_days_on, base)
        .await
        .unwrap();
    assert_eq!(sent.meetings, 0, "a meeting is reminded once");

    // Long after that meeting (never marked held), the pair has been quiet for more than the
    // cadence: both people are nudged, once per cadence period.
    let later = now + chrono::Duration::days(60);
    let sent = db::reminders::send_due(&h.state.db, later, base).await.unwrap();
    assert_eq!(sent.quiet_pairs, 1);
    let sent = db::reminders::send_due(&h.state.db, later + chrono::Duration::days(1), base)
        .await
        .unwrap();
    assert_eq!(sent.quiet_pairs, 0);
    let reminders: Vec<String> = h
        .state
        .db
        .client()
        .query("SELECT VALUE kind FROM notification WHERE kind IN ['meeting_reminder', 'pair_quiet']")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(reminders.len(), 4, "{reminders:?}");
    let emails: Option<i64> = h
        .state
        .db
        .client()
        .query("RETURN count(SELECT id FROM outbox_email WHERE subject CONTAINS 'eminder' OR subject CONTAINS 'ecordatorio' OR subject CONTAINS 'while' OR subject CONTAINS 'tiempo')")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(emails, Some(4));
}

/// Adds a question to a form as `pm`; panics unless it is accepted.
async fn add_question(h: &Harness, pm: &str, form: &str, fields: &str) {
    let r = h
        .post(
            "/api/add_feedback_question",
            &format!("form={form}&{fields}"),
            Some(pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{fields}: {}", r.body);
}

#[tokio::test]
async fn feedback_is_built_sent_after_a_held_meeting_answered_and_read_with_the_privacy_rules() {
    let h = harness().await;
    let (pair, james, mentor, pm) = published_pair(&h).await;
    let list: serde_json::Value =
        serde_json::from_str(&h.post("/api/list_programs", "", Some(&pm), "en").await.body).unwrap();
    let program = list[0]["key"].as_str().unwrap().to_owned();
    let new_form = |anonymous: bool, trigger: &str| {
        format!(
            "program={program}&title_es=Tras+la+reuni%C3%B3n&title_en=After+the+meeting&audience=both&trigger={trigger}&due_days=7{}",
            if anonymous { "&anonymous=on" } else { "" }
        )
    };

    // Creating: refusals say what is missing; participants and other managers are kept out.
    let r = h
        .post(
            "/api/create_feedback_form",
            &format!("program={program}&title_es=Hola&title_en=&audience=both&trigger=end&due_days=7"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Write the title in English"), "{}", r.body);
    let r = h
        .post(
            "/api/create_feedback_form",
            &new_form(false, "after_meeting"),
            Some(&james),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::FORBIDDEN, &[]);
    let r = h
        .post(
            "/api/create_feedback_form",
            &new_form(false, "after_meeting"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let path: String = serde_json::from_str(&r.body).unwrap();
    let form = path.rsplit('/').next().unwrap().to_owned();
    let pm2 = second_manager(&h).await;
    let r = h
        .post(
            "/api/feedback_form_editor",
            &format!("form={form}"),
            Some(&pm2),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["Piloto 2027", "after_meeting"]);

    // An empty form cannot be switched on; a bad question names itself.
    let r = h
        .post(
            "/api/set_feedback_form_active",
            &format!("form={form}&active=true"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("at least one question"), "{}", r.body);
    let r = h
        .post(
            "/api/add_feedback_question",
            &format!("form={form}&kind=single&required=on&text_es=Formato&text_en=Format&options=S%C3%B3lo+una+%7C+Only+one"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Question 1: a choice question needs 2 to 12 options"),
        "{}",
        r.body
    );

    add_question(
        &h,
        &pm,
        &form,
        "kind=rating&required=on&text_es=%C2%BFFue+%C3%BAtil%3F&text_en=Was+it+useful%3F",
    )
    .await;
    add_question(
        &h,
        &pm,
        &form,
        "kind=scale&required=on&text_es=%C2%BFLo+recomendar%C3%ADas%3F&text_en=Would+you+recommend+it%3F",
    )
    .await;
    add_question(
        &h,
        &pm,
        &form,
        "kind=multi&text_es=Temas&text_en=Topics&options=IA+%7C+AI%0AExcel+%7C+Excel%0AEquipo+%7C+Team",
    )
    .await;
    add_question(&h, &pm, &form, "kind=text&text_es=Comentarios&text_en=Comments").await;
    // Reorder: each move leaves exactly the order it names, as the editor reads it back.
    let order = || async {
        let r = h
            .post(
                "/api/feedback_form_editor",
                &format!("form={form}"),
                Some(&pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let editor: app::model::FormEditor = serde_json::from_str(&r.body).unwrap();
        editor
            .questions
            .iter()
            .map(|q| q.text_en.clone())
            .collect::<Vec<_>>()
    };
    let (useful, recommend) = ("Was it useful?", "Would you recommend it?");
    assert_eq!(order().await, [useful, recommend, "Topics", "Comments"]);
    for (from, to, expected) in [
        (4, 1, ["Comments", useful, recommend, "Topics"]),
        (2, 3, ["Comments", recommend, useful, "Topics"]),
        (3, 2, ["Comments", useful, recommend, "Topics"]),
        (1, 4, [useful, recommend, "Topics", "Comments"]),
    ] {
        let r = h
            .post(
                "/api/move_feedback_question",
                &format!("form={form}&from={from}&to={to}"),
                Some(&pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(order().await, expected, "after moving {from} to {to}");
    }
    let editor: app::model::FormEditor = serde_json::from_str(
        &h.post(
            "/api/feedback_form_editor",
            &format!("form={form}"),
            Some(&pm),
            "en",
        )
        .await
        .body,
    )
    .unwrap();
    let keys: Vec<&str> = editor.questions.iter().map(|q| q.key.as_str()).collect();
    let r = h
        .post(
            "/api/set_feedback_form_active",
            &format!("form={form}&active=true"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // A meeting is held: the form goes to both people of that pair, and to nobody else.
    let r = h
        .post(
            "/api/propose_meeting",
            &meeting_form(&pair, &day_from_now(2), "10:30", "Europe/Madrid", "Sala+1"),
            Some(&james),
            "en",
        )
        .await;
    let meeting: String = serde_json::from_str(&r.body).unwrap();
    h.post(
        "/api/change_meeting",
        &format!("meeting={meeting}&change=accept"),
        Some(&mentor),
        "en",
    )
    .await;
    h.state
        .db
        .client()
        .query("UPDATE type::record('meeting', $m) SET starts_at = time::now() - 2h")
        .bind(("m", meeting.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = h
        .post(
            "/api/change_meeting",
            &format!("meeting={meeting}&change=held"),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let requests = |cookie: String| {
        let h = &h;
        async move {
            serde_json::from_str::<Vec<app::model::RequestView>>(
                &h.post("/api/my_feedback", "", Some(&cookie), "en").await.body,
            )
            .unwrap()
        }
    };
    let james_requests = requests(james.clone()).await;
    let mentor_requests = requests(mentor.clone()).await;
    assert_eq!((james_requests.len(), mentor_requests.len()), (1, 1));
    let sent: Option<i64> = h
        .state
        .db
        .client()
        .query("RETURN count(SELECT id FROM feedback_request)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(sent, Some(2));

    // Answering: every problem is named; then once only; nobody answers for someone else.
    let jr = &james_requests[0].key;
    let r = h
        .post(
            "/api/answer_feedback",
            &format!("request={jr}&answers[{}][]=9", keys[0]),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Was it useful?: Choose a value on the scale"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("Would you recommend it?: This question is required"),
        "{}",
        r.body
    );
    let r = h
        .post(
            "/api/answer_feedback",
            &format!("request={jr}&answers[{}][]=5", keys[0]),
            Some(&mentor),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["Was it useful?", "Comments"]);
    let answers = |rating: u8, nps: u8, topics: &str, text: &str| {
        format!(
            "answers[{}][]={rating}&answers[{}][]={nps}{topics}&answers[{}][]={text}",
            keys[0], keys[1], keys[3]
        )
    };
    let topics = format!("&answers[{k}][]=o1&answers[{k}][]=o3", k = keys[2]);
    let r = h
        .post(
            "/api/answer_feedback",
            &format!("request={jr}&{}", answers(5, 10, &topics, "Clear+and+patient")),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again = h
        .post(
            "/api/answer_feedback",
            &format!("request={jr}&{}", answers(1, 0, "", "")),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let mr = &mentor_requests[0].key;
    let r = h
        .post(
            "/api/answer_feedback",
            &format!("request={mr}&{}", answers(3, 6, "", "He+asks+good+questions")),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // A participant reads their own answers, and only theirs.
    let own: app::model::RequestForm = serde_json::from_str(
        &h.post(
            "/api/feedback_request_form",
            &format!("request={jr}"),
            Some(&james),
            "en",
        )
        .await
        .body,
    )
    .unwrap();
    assert!(own.request.answered);
    assert!(
        own.my_answers
            .contains(&("Topics".to_owned(), "AI, Team".to_owned())),
        "{:?}",
        own.my_answers
    );
    let r = h
        .post(
            "/api/feedback_request_form",
            &format!("request={jr}"),
            Some(&mentor),
            "en",
        )
        .await;
    // James's answers stay his: his mentor sees neither the form nor what he said.
    let theirs = [
        "Clear and patient",
        "Clear+and+patient",
        "AI, Team",
        "Was it useful?",
    ];
    assert_refused(&r, StatusCode::NOT_FOUND, &theirs);
    let r = h
        .post(
            "/api/feedback_results",
            &format!("form={form}"),
            Some(&james),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::FORBIDDEN, &theirs);

    // HR: aggregates and, as the form is not anonymous, who said what.
    let results = |cookie: String| {
        let h = &h;
        let form = form.clone();
        async move {
            serde_json::from_str::<app::model::FormResults>(
                &h.post(
                    "/api/feedback_results",
                    &format!("form={form}"),
                    Some(&cookie),
                    "en",
                )
                .await
                .body,
            )
            .unwrap()
        }
    };
    let res = results(pm.clone()).await;
    assert_eq!(res.respondents, 2);
    assert_eq!(res.questions[0].average, Some(4.0));
    assert_eq!(
        res.questions[1].nps,
        Some(0),
        "one promoter (10), one detractor (6)"
    );
    let team = res.questions[2]
        .distribution
        .iter()
        .find(|b| b.label == "Team")
        .unwrap();
    assert_eq!(team.count, 1);
    assert_eq!(res.questions[3].texts.len(), 2);
    assert_eq!(res.individual.len(), 2);
    // The questions are fixed once answered.
    let r = h
        .post(
            "/api/remove_feedback_question",
            &format!("form={form}&index=1"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // The reporting-chain rule: if HR's account is also James's manager, HR never sees what his
    // junior mentor wrote about him — not individually, not in the aggregates.
    let pm_account = db::users::find_by_email(&h.state.db, "rrhh@inversa.example")
        .await
        .unwrap()
        .unwrap();
    h.state
        .db
        .client()
        .query(
            "LET $boss = (SELECT VALUE manager FROM ONLY employee WHERE email = 'james.wilson@inversa.example' LIMIT 1);
             UPDATE $boss SET account = type::record('user', $pm);",
        )
        .bind(("pm", pm_account.key()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let res = results(pm.clone()).await;
    assert_eq!(res.hidden_by_chain, 1);
    assert_eq!(res.respondents, 1);
    assert_eq!(
        res.questions[0].average,
        Some(5.0),
        "only James's own answer about his mentor counts"
    );
    assert!(
        res.individual.iter().all(|i| i.subject != "James Wilson"),
        "{:?}",
        res.individual
    );
    assert!(
        res.questions[3]
            .texts
            .iter()
            .all(|t| !t.contains("good questions"))
    );

    // An anonymous form: HR sees aggregates only, and only from three answers.
    let r = h
        .post(
            "/api/create_feedback_form",
            &new_form(true, "manual"),
            Some(&pm2),
            "en",
        )
        .await;
    // Another manager cannot add forms to this program.
    assert_refused(&r, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    let r = h
        .post(
            "/api/create_feedback_form",
            &new_form(true, "manual"),
            Some(&pm),
            "en",
        )
        .await;
    let path: String = serde_json::from_str(&r.body).unwrap();
    let anon = path.rsplit('/').next().unwrap().to_owned();
    add_question(
        &h,
        &pm,
        &anon,
        "kind=rating&required=on&text_es=%C2%BFBien%3F&text_en=Good%3F",
    )
    .await;
    h.post(
        "/api/set_feedback_form_active",
        &format!("form={anon}&active=true"),
        Some(&pm),
        "en",
    )
    .await;
    let r = h
        .post(
            "/api/send_feedback_form",
            &format!("form={anon}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (StatusCode::OK, "34"),
        "17 pairs, both people"
    );
    let q = serde_json::from_str::<app::model::FormEditor>(
        &h.post(
            "/api/feedback_form_editor",
            &format!("form={anon}"),
            Some(&pm),
            "en",
        )
        .await
        .body,
    )
    .unwrap()
    .questions[0]
        .key
        .clone();
    let mine = requests(mentor.clone()).await;
    let req = mine.iter().find(|r| !r.answered).unwrap();
    let r = h
        .post(
            "/api/answer_feedback",
            &format!("request={}&answers[{q}][]=2", req.key),
            Some(&mentor),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let anon_results = serde_json::from_str::<app::model::FormResults>(
        &h.post("/api/feedback_results", &format!("form={anon}"), Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    assert!(anon_results.anonymous && anon_results.individual.is_empty());
    assert!(anon_results.questions[0].withheld);
    assert_eq!(anon_results.questions[0].average, None);

    // Two days before the due date, everyone who has not answered is reminded, once.
    let soon = chrono::Utc::now() + chrono::Duration::days(6);
    let sent = db::reminders::send_due(&h.state.db, soon, "http://localhost")
        .await
        .unwrap();
    assert_eq!(sent.feedback, 33, "34 asked, one answered");
    let sent = db::reminders::send_due(&h.state.db, soon, "http://localhost")
        .await
        .unwrap();
    assert_eq!(sent.feedback, 0);
}

#[tokio::test]
async fn hr_sees_pairs_at_risk_with_reasons_and_pauses_ends_or_rematches_them() {
    let h = harness().await;
    let (pair, james, mentor, pm) = published_pair(&h).await;
    let list: serde_json::Value =
        serde_json::from_str(&h.post("/api/list_programs", "", Some(&pm), "en").await.body).unwrap();
    let program = list[0]["key"].as_str().unwrap().to_owned();
    let ask = |cookie: String| {
        let h = &h;
        let program = program.clone();
        async move {
            h.post(
                "/api/pairs_at_risk",
                &format!("program={program}"),
                Some(&cookie),
                "en",
            )
            .await
        }
    };
    // HR's list: answered 200 and read strictly, so a failed read can never pass as "nobody".
    let at_risk = |cookie: String| {
        let ask = &ask;
        async move {
            let r = ask(cookie).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            serde_json::from_str::<Vec<app::model::RiskView>>(&r.body)
                .unwrap_or_else(|e| panic!("{e}: {}", r.body))
        }
    };
    // Freshly published pairs are fine.
    let items = at_risk(pm.clone()).await;
    assert!(items.is_empty(), "{items:?}");

    // James's pair: published 30 days ago and never met, two low check-ins with blockers.
    h.state
        .db
        .client()
        .query("UPDATE type::record('pair', $p) SET published_at = time::now() - 30d")
        .bind(("p", pair.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    for (cookie, client) in [(&james, "risk-client-001"), (&mentor, "risk-client-002")] {
        let r = h
            .post(
                "/api/submit_checkin",
                &format!(
                    "pair={pair}&rating=1&learned=Little&taught=&next_step=&blocker=true&client_id={client}"
                ),
                Some(cookie),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let items = at_risk(pm.clone()).await;
    assert_eq!(items.len(), 1, "{items:?}");
    let risk = &items[0];
    assert_eq!(risk.key, pair);
    assert_eq!(
        risk.reason_keys,
        ["no_meeting", "low_ratings", "repeated_blockers"]
    );
    assert!(
        risk.reasons[0].contains("Not met in the 30 days"),
        "{:?}",
        risk.reasons
    );
    assert!(risk.reasons[1].contains("average 1.0"), "{:?}", risk.reasons);

    // Only the program's HR: other managers and participants are kept out.
    let pm2 = second_manager(&h).await;
    let protected = [
        risk.mentor.as_str(),
        risk.mentee.as_str(),
        "Not met in the 30 days",
    ];
    assert_refused(&ask(pm2.clone()).await, StatusCode::NOT_FOUND, &protected);
    assert_refused(&ask(james.clone()).await, StatusCode::FORBIDDEN, &protected);
    let act = |cookie: String, action: &str, reason: &str| {
        let h = &h;
        let form = format!("pair={pair}&action={action}&reason={reason}");
        async move { h.post("/api/act_on_pair", &form, Some(&cookie), "en").await }
    };
    assert_refused(
        &act(pm2.clone(), "pause", "").await,
        StatusCode::NOT_FOUND,
        &protected,
    );
    assert_refused(
        &act(mentor.clone(), "end", "x").await,
        StatusCode::FORBIDDEN,
        &protected,
    );

    // Pause: the workspace is read-only for both, and the pair is listed as paused.
    let r = act(pm.clone(), "pause", "Holidays").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"paused\""));
    let r = h
        .post(
            "/api/create_goal",
            &format!("pair={pair}&title=More&description="),
            Some(&james),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let items = at_risk(pm.clone()).await;
    assert_eq!(
        (items[0].status.as_str(), items[0].note.as_deref()),
        ("paused", Some("Holidays"))
    );
    // Pausing again (a second HR tab, a replayed request) answers the same, and tells no one
    // again.
    let r = act(pm.clone(), "pause", "").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"paused\""));
    let told: Vec<String> = h
        .state
        .db
        .client()
        .query("SELECT VALUE title FROM notification WHERE kind = 'pair_paused'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(told.len(), 2, "{told:?}");
    let r = act(pm.clone(), "resume", "").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"active\""));

    // Ending needs a reason; re-matching ends the pair and frees both people for the board.
    let r = act(pm.clone(), "rematch", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Give the reason"), "{}", r.body);
    let r = act(pm.clone(), "rematch", "Different+goals").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "\"ended\""));
    // An ended pair can no longer be paused.
    let r = act(pm.clone(), "pause", "").await;
    assert_eq!(
        (r.status, r.json_kind().as_str()),
        (StatusCode::CONFLICT, "pair_state"),
        "{}",
        r.body
    );
    let items = at_risk(pm.clone()).await;
    assert!(items.iter().all(|i| i.key != pair), "{items:?}");
    let told: Vec<String> = h
        .state
        .db
        .client()
        .query("SELECT VALUE title FROM notification WHERE kind = 'pair_rematch'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told.iter().all(|t| t.contains("Different goals")), "{told:?}");

    // Back on the board: matching again pairs the mentee with someone new, never the same mentor.
    let (mentee_id, mentor_id): (String, String) = {
        let mut r = h
            .state
            .db
            .client()
            .query("SELECT VALUE [record::id(mentee), record::id(mentor)] FROM ONLY type::record('pair', $p)")
            .bind(("p", pair.clone()))
            .await
            .unwrap();
        let v: Vec<String> = r.take(0).unwrap();
        (v[0].clone(), v[1].clone())
    };
    let r = h
        .post(
            "/api/run_matching",
            &format!("program={program}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let board: serde_json::Value = serde_json::from_str(
        &h.post("/api/load_board", &format!("program={program}"), Some(&pm), "en")
            .await
            .body,
    )
    .unwrap();
    let pairs = board_pairs(&board);
    assert!(
        !pairs
            .iter()
            .any(|(mentee, mentor)| *mentee == mentee_id && *mentor == mentor_id),
        "{pairs:?}"
    );
    assert!(
        board["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] != "ended")
    );
}

#[tokio::test]
async fn an_unreadable_risk_fact_is_an_error_not_an_empty_list() {
    let h = harness().await;
    let (pair, _james, _mentor, pm) = published_pair(&h).await;
    let list: serde_json::Value =
        serde_json::from_str(&h.post("/api/list_programs", "", Some(&pm), "en").await.body).unwrap();
    let program = list[0]["key"].as_str().unwrap().to_owned();
    let r = h
        .post(
            "/api/change_program_status",
            &format!("key={program}&to=active"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let risk_form = format!("program={program}");
    let at_risk = || h.post("/api/pairs_at_risk", &risk_form, Some(&pm), "en");
    let dashboard = || h.post("/api/manager_dashboard", "", Some(&pm), "en");
    let sql = |text: &'static str| {
        let db = h.state.db.clone();
        let pair = pair.clone();
        async move {
            db.client()
                .query(text)
                .bind(("p", pair))
                .await
                .unwrap()
                .check()
                .unwrap();
        }
    };

    // Freshly published: nobody at risk, and the dashboard counts 0.
    let r = at_risk().await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "[]"));
    let r = dashboard().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cards: Vec<app::model::ProgramCard> = serde_json::from_str(&r.body).unwrap();
    assert_eq!(cards[0].at_risk, Some(0));

    // A stored rating answer about the pair that cannot be read (a 9000 out of 5): the list and
    // the count fail with an internal error instead of leaving the pair out as "fine".
    sql("LET $pair = type::record('pair', $p);
         CREATE feedback_form:named SET program = $pair.program, title_es = 'Pulso', title_en = 'Pulse',
             anonymous = false, audience = 'both', trigger = 'manual';
         CREATE feedback_request:broken SET form = feedback_form:named, pair = $pair,
             respondent = $pair.mentee, due_at = time::now() + 1d;
         CREATE feedback_answer SET request = feedback_request:broken, form = feedback_form:named,
             question = 'q1', value = '{\"kind\": \"rating\", \"value\": 9000}'")
    .await;
    for r in [at_risk().await, dashboard().await] {
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            "{}",
            r.body
        );
    }
    sql("DELETE feedback_answer; DELETE feedback_request:broken").await;
    assert_eq!(at_risk().await.body, "[]");

    // A read that fails (the pair's mentor points at no one) is an error too.
    sql("UPDATE type::record('pair', $p) SET mentor = employee:gone").await;
    for r in [at_risk().await, dashboard().await] {
        assert_eq!(
            (r.status, r.json_kind().as_str()),
            (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            "{}",
            r.body
        );
    }
}
