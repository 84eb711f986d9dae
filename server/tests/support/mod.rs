//! What route tests share: the real router over an in-memory database with a few accounts, and
//! calls to it as a browser makes them (form posts, JSON posts, page loads, and typed server
//! function calls encoded as the page encodes them), without a network.
#![allow(
    dead_code,
    reason = "each test file uses the part of the harness it needs; the rest is unused there"
)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use domain::Role;
use http_body_util::BodyExt;
use leptos::server_fn::{ContentType, Http, ServerFn};
use serde::Serialize;
use serde::de::DeserializeOwned;
use server::config::Cli;
use tower::ServiceExt;

/// Password of every account the harness makes.
pub const PASSWORD: &str = "correct horse battery";

/// A program form as the programs page posts it (name "Piloto 2027", 11 Jan – 30 Jun 2027).
pub const PROGRAM_FORM: &str = "input%5Bname%5D=Piloto+2027&input%5Bstarts_on%5D=2027-01-11&input%5Bends_on%5D=2027-06-30&input%5Bcadence_days%5D=14&input%5Bmeeting_minutes%5D=45";

/// The same program as [`PROGRAM_FORM`], as the typed argument of `create_program` and
/// `update_program`.
pub fn program_input() -> domain::ProgramInput {
    domain::ProgramInput {
        name: "Piloto 2027".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-06-30".into(),
        cadence_days: 14,
        meeting_minutes: 45,
        ..Default::default()
    }
}

/// The accounts every harness has, with their roles; each signs in with [`PASSWORD`].
pub const ACCOUNTS: [(&str, Role); 4] = [
    ("admin@example.com", Role::Admin),
    ("pm@example.com", Role::ProgramManager),
    ("pm2@example.com", Role::ProgramManager),
    ("ana@example.com", Role::Participant),
];

/// The router and its state, with the [`ACCOUNTS`]: admin@, pm@, pm2@ (program managers) and
/// ana@ (participant), all `@example.com`.
pub struct Harness {
    pub router: Router,
    pub state: app::ssr::AppState,
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> serde_json::Value {
        self.parse()
    }

    /// The body read as `T` (panics with the body when it is not one).
    pub fn parse<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The error kind of a server function's error body (empty when it is not one).
    pub fn json_kind(&self) -> String {
        serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| v["kind"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The kind, problem and field of a server function's error body, `""` for what it lacks:
    /// `["invalid", "goal.title", "title"]` for a refused goal title, `["not_found", "", ""]`.
    pub fn json_error(&self) -> [String; 3] {
        let v = serde_json::from_str::<serde_json::Value>(&self.body).unwrap_or_default();
        ["kind", "problem", "field"].map(|k| v[k].as_str().unwrap_or_default().to_owned())
    }
}

/// Panics this test process saw outside the tests' own code — in a handler, in a task the server
/// spawned, in a resource polled after its request — as `panicked at FILE:LINE: MESSAGE`.
/// Filled by the hook [`watch_panics`] installs.
static SERVER_PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Records every panic whose location is outside `tests/` (the tests' own assertions and
/// `expect`s are there) in [`SERVER_PANICS`], then prints it as usual. Installed once per
/// process; [`harness`] calls it.
pub fn watch_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let in_tests = at.starts_with("tests/") || at.contains("/tests/");
            if !in_tests {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                if let Ok(mut seen) = SERVER_PANICS.lock() {
                    seen.push(format!("panicked at {at}: {message}"));
                }
            }
            previous(info);
        }));
    });
}

/// The server panics seen so far in this process (see [`watch_panics`]).
pub fn server_panics() -> Vec<String> {
    SERVER_PANICS.lock().map(|p| p.clone()).unwrap_or_default()
}

/// Forgets the panics recorded so far: only for a test that made one on purpose, while no other
/// test of the process can end.
pub fn forget_server_panics() {
    if let Ok(mut seen) = SERVER_PANICS.lock() {
        seen.clear();
    }
}

/// The panics a server's log shows: each line where Rust reports one (`… panicked at FILE:…`),
/// with the message on the line after it. Empty for a log without panics.
pub fn panics_in(log: &str) -> Vec<String> {
    let lines: Vec<&str> = log.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("panicked at "))
        .map(|(i, l)| match lines.get(i + 1) {
            Some(message) => format!("{} {}", l.trim(), message.trim()),
            None => l.trim().to_owned(),
        })
        .collect()
}

/// A test that made the server panic fails, even when every answer it checked looked right:
/// when the harness is dropped at the end of a test that has not failed already, any panic
/// recorded by [`watch_panics`] fails it. (The record is per process, so a panic fails every
/// test of the file that ends after it; the first failure names the culprit.)
impl Drop for Harness {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let panics = server_panics();
        assert!(
            panics.is_empty(),
            "the server panicked during the tests:\n{}",
            panics.join("\n")
        );
    }
}

/// A fresh in-memory server with the four accounts.
pub async fn harness() -> Harness {
    // Tests sign the same accounts in many times a minute; the limit itself is tested in
    // routes/accounts.rs, with a harness of its own.
    harness_with_login_limit(50).await
}

/// [`harness`] allowing `per_minute` sign-in attempts a minute (`--login-attempts-per-minute`).
pub async fn harness_with_login_limit(per_minute: u32) -> Harness {
    watch_panics();
    let limit = per_minute.to_string();
    let cli = Cli::try_parse_from([
        "inversa",
        "--database",
        "mem://",
        "--login-attempts-per-minute",
        limit.as_str(),
    ])
    .expect("arguments");
    let state = server::build_state(&cli.config).await.expect("state");
    let hash = app::ssr::auth::hash_password(PASSWORD.to_owned())
        .await
        .expect("hash");
    for (email, role) in ACCOUNTS {
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
        .expect("account");
    }
    Harness {
        router: server::routes::router(state.clone()),
        state,
    }
}

impl Harness {
    /// Sends a request through the router.
    pub async fn call(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.expect("router");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Posts a form (as a server function call from the page) in language `lang`.
    pub async fn post(&self, path: &str, form: &str, cookie: Option<&str>, lang: &str) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::CONTENT_LENGTH, form.len());
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.call(req.body(Body::from(form.to_owned())).expect("request"))
            .await
    }

    /// Posts JSON arguments to a server function, in English.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value, cookie: Option<&str>) -> Reply {
        self.post_json_in(path, body, cookie, "en").await
    }

    /// Posts JSON arguments to a server function in language `lang`.
    pub async fn post_json_in(
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
        self.call(req.body(Body::from(body)).expect("request")).await
    }

    /// Loads a page as a browser does.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.call(req.body(Body::empty()).expect("request")).await
    }

    /// A form post as a browser without JavaScript sends it (it asks for HTML back).
    pub async fn post_plain(&self, path: &str, form: &str, cookie: &str) -> Reply {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_LENGTH, form.len())
            .header(header::COOKIE, cookie)
            .body(Body::from(form.to_owned()))
            .expect("request");
        self.call(req).await
    }

    /// Calls the server function `T` with its typed arguments as the page does, signed in with
    /// `cookie`, in English. See [`Harness::send_with`].
    pub async fn send<T>(&self, cookie: &str, args: &T) -> Reply
    where
        T: ServerFn + Serialize,
        T::Protocol: ArgumentEncoding,
    {
        self.send_with(Some(cookie), "en", args).await
    }

    /// [`Harness::send`] for a call that must succeed: asserts 200 and answers the function's
    /// output, read from the body.
    pub async fn send_ok<T>(&self, cookie: &str, args: &T) -> T::Output
    where
        T: ServerFn + Serialize,
        T::Protocol: ArgumentEncoding,
        T::Output: DeserializeOwned,
    {
        let r = self.send(cookie, args).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", T::PATH, r.body);
        r.parse()
    }

    /// Calls the server function `T` at its path (`T::PATH`) with the struct the `#[server]`
    /// macro made of its arguments, encoded as the page sends it: URL-encoded like the browser's
    /// form (`serde_qs`, as server_fn's own client does) for the default encoding, JSON for
    /// `input = Json`. With the session `cookie` (none: anonymous), asking for answers in `lang`.
    pub async fn send_with<T>(&self, cookie: Option<&str>, lang: &str, args: &T) -> Reply
    where
        T: ServerFn + Serialize,
        T::Protocol: ArgumentEncoding,
    {
        let content_type = <T::Protocol as ArgumentEncoding>::CONTENT_TYPE;
        let body = match content_type {
            "application/x-www-form-urlencoded" => serde_qs::to_string(args).expect("form arguments"),
            "application/json" => serde_json::to_string(args).expect("JSON arguments"),
            other => panic!("{}: the harness does not send {other}", T::PATH),
        };
        let mut req = Request::post(T::PATH)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::CONTENT_LENGTH, body.len());
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.call(req.body(Body::from(body)).expect("request")).await
    }

    /// Signs in the first of the [`ACCOUNTS`] with `role` (admin@, pm@ or ana@) and returns the
    /// session cookie.
    pub async fn sign_in_as(&self, role: Role) -> String {
        let (email, _) = ACCOUNTS
            .iter()
            .find(|(_, r)| *r == role)
            .expect("an account with that role");
        self.sign_in(email).await
    }

    /// Signs in with [`PASSWORD`] and returns the session cookie (`name=value`).
    pub async fn sign_in(&self, email: &str) -> String {
        self.sign_in_with(email, PASSWORD).await
    }

    /// Signs in with `password` and returns the session cookie (`name=value`).
    pub async fn sign_in_with(&self, email: &str, password: &str) -> String {
        let r = self
            .post(
                "/api/sign_in",
                &format!("email={email}&password={}", password.replace(' ', "+")),
                None,
                "es",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign in {email}: {}", r.body);
        session_cookie(&r).expect("session cookie")
    }

    /// Gives the employee with `email` a participant account named `name` (password
    /// [`PASSWORD`]), links it to the employee record, and signs it in: answers the session
    /// cookie (`name=value`).
    pub async fn link_account(&self, email: &str, name: &str) -> String {
        let hash = app::ssr::auth::hash_password(PASSWORD.to_owned())
            .await
            .expect("hash");
        let account = db::users::create(
            &self.state.db,
            db::users::NewUser {
                email: email.to_owned(),
                name: name.to_owned(),
                role: Role::Participant,
                password_hash: Some(hash),
                lang: None,
            },
        )
        .await
        .expect("account");
        self.query(
            "UPDATE employee SET account = type::record('user', $a) WHERE email = $email",
            vec![("a", account.key()), ("email", email.to_owned())],
        )
        .await;
        self.sign_in(email).await
    }

    /// Runs SurrealQL with text parameters (record ids are made in the query with
    /// `type::record`); panics when a statement fails.
    pub async fn query(&self, sql: &str, binds: Vec<(&'static str, String)>) {
        let client = self.state.db.client();
        let mut q = client.query(sql);
        for (k, v) in binds {
            q = q.bind((k, v));
        }
        q.await.expect("query").check().expect("statements");
    }

    /// Creates a program as the manager with this session and answers its key.
    pub async fn create_program(&self, cookie: &str) -> String {
        let r = self
            .post("/api/create_program", PROGRAM_FORM, Some(cookie), "en")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        serde_json::from_str(&r.body).expect("program key")
    }
}

/// The content type a server function's arguments travel in: its HTTP protocol's input encoding
/// (`PostUrl` unless the function says `input = …`).
pub trait ArgumentEncoding {
    /// The MIME type of the request body.
    const CONTENT_TYPE: &'static str;
}

impl<Input: ContentType, Output> ArgumentEncoding for Http<Input, Output> {
    const CONTENT_TYPE: &'static str = Input::CONTENT_TYPE;
}

/// The session cookie a response sets, as `name=value`.
pub fn session_cookie(r: &Reply) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(server::routes::SESSION_COOKIE))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}
