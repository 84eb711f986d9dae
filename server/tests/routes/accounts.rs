//! Accounts: signing in and out, sessions, roles, invitations, the admin page and the language.

use app::accounts::auth::{AcceptInvitation, FetchCurrentUser, SignIn, SignOut};
use app::accounts::users::{InviteUser, ListUsers, SetUserDisabled};
use axum::http::{StatusCode, header};
use domain::Role;

use crate::refusals::{assert_page_refused, assert_refused};
use crate::support::{ACCOUNTS, Harness, PASSWORD, harness, harness_with_login_limit, session_cookie};

/// The harness's accounts: no refusal may show them.
const EMAILS: [&str; 4] = [
    "admin@example.com",
    "pm@example.com",
    "pm2@example.com",
    "ana@example.com",
];

/// `sign_in`'s arguments, as the sign-in page sends them.
fn sign_in(email: &str, password: &str) -> SignIn {
    SignIn {
        email: email.to_owned(),
        password: password.to_owned(),
        next: None,
    }
}

/// The account key of `email`.
async fn account_key(h: &Harness, email: &str) -> String {
    db::users::find_by_email(&h.state.db, email)
        .await
        .unwrap()
        .unwrap()
        .key()
}

#[tokio::test]
async fn anonymous_gets_401_from_an_admin_server_function() {
    let h = harness().await;
    let r = h.send_with(None, "en", &ListUsers {}).await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &EMAILS);
    assert!(r.body.contains("Please sign in"), "{}", r.body);
}

#[tokio::test]
async fn participant_gets_403_from_an_admin_server_function() {
    let h = harness().await;
    let cookie = h.sign_in_as(Role::Participant).await;
    let r = h.send_with(Some(&cookie), "es", &ListUsers {}).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &EMAILS);
    assert!(r.body.contains("No tienes acceso"), "{}", r.body);
    let disable = SetUserDisabled {
        key: "x".into(),
        disabled: true,
    };
    let r = h.send_with(Some(&cookie), "es", &disable).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &EMAILS);
}

#[tokio::test]
async fn program_manager_is_not_an_admin() {
    let h = harness().await;
    let cookie = h.sign_in_as(Role::ProgramManager).await;
    let invite = InviteUser {
        name: "X".into(),
        email: "x@example.com".into(),
        role: Role::Admin,
    };
    let r = h.send(&cookie, &invite).await;
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
    let cookie = h.sign_in_as(Role::Admin).await;
    let users = h.send_ok(&cookie, &ListUsers {}).await;
    assert_eq!(users.len(), ACCOUNTS.len());
    for (email, role) in ACCOUNTS {
        assert!(
            users.iter().any(|u| u.email == email && u.role == role),
            "{email} is listed as {role:?}: {users:?}"
        );
    }
}

#[tokio::test]
async fn wrong_password_is_401_in_the_asked_language() {
    let h = harness().await;
    let r = h
        .send_with(
            None,
            "en-GB,en;q=0.9",
            &sign_in("ana@example.com", "nope-nope-nope"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.body.contains("The email or password is not correct"),
        "{}",
        r.body
    );
    let r = h
        .send_with(None, "es-ES", &sign_in("nadie@example.com", "nope-nope-nope"))
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
        .send_with(None, "en", &sign_in("not-an-email", "whatever1234"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json_error(),
        ["invalid", "account.invalid_email", "email"],
        "{}",
        r.body
    );
}

#[tokio::test]
async fn sign_in_is_rate_limited() {
    let h = harness_with_login_limit(5).await;
    for _ in 0..5 {
        let r = h
            .send_with(None, "en", &sign_in("ana@example.com", "wrong-password"))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = h
        .send_with(None, "en", &sign_in("ana@example.com", PASSWORD))
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

/// Who the session `cookie` is signed in as: `current_user`'s answer, trimmed.
async fn current_user(h: &Harness, cookie: &str) -> String {
    let me = h.send(cookie, &FetchCurrentUser {}).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    me.body.trim().to_owned()
}

#[tokio::test]
async fn sign_in_replaces_the_session_it_came_with_and_sign_out_ends_it() {
    let h = harness().await;
    // Session fixation: someone plants a session id of their choosing in the victim's browser
    // (one the server really holds), the victim signs in with it. Signing in must move the
    // account to a new id and end the planted one, so the planter's copy is worth nothing.
    let (planted_id, planted) = planted_session(&h).await;
    assert!(session_stored(&h, &planted_id).await);
    let form = sign_in("ana@example.com", PASSWORD);
    let r = h.send_with(Some(&planted), "en", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cookie = session_cookie(&r).expect("a session cookie");
    assert_ne!(cookie, planted, "the session id changed");
    assert!(
        !session_stored(&h, &planted_id).await,
        "the planted session is gone"
    );
    assert_eq!(
        current_user(&h, &planted).await,
        "null",
        "the planted id does not authenticate"
    );
    let me = current_user(&h, &cookie).await;
    assert!(me.contains("ana@example.com"), "{me}");
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
    let r = h.send_with(Some(&made_up), "en", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let second = session_cookie(&r).expect("a session cookie");
    assert_ne!(second, made_up);
    assert_eq!(current_user(&h, &made_up).await, "null");

    // Signing in again from a signed-in session moves it to a new id too.
    let r = h.send_with(Some(&second), "en", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let third = session_cookie(&r).expect("a session cookie");
    assert_ne!(third, second);
    assert_eq!(current_user(&h, &second).await, "null");
    let out = h.send(&cookie, &SignOut {}).await;
    assert_eq!(out.status, StatusCode::OK);
    assert_eq!(
        current_user(&h, &cookie).await,
        "null",
        "old cookie is worthless after sign-out"
    );
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions() {
    let h = harness().await;
    let ana = h.sign_in("ana@example.com").await;
    let admin = h.sign_in("admin@example.com").await;
    let key = account_key(&h, "ana@example.com").await;
    let r = h
        .send(
            &admin,
            &SetUserDisabled {
                key: key.clone(),
                disabled: true,
            },
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(current_user(&h, &ana).await, "null");
    let again = h
        .send_with(None, "en", &sign_in("ana@example.com", PASSWORD))
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
    let key = account_key(&h, "admin@example.com").await;
    let r = h.send(&admin, &SetUserDisabled { key, disabled: true }).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn invitation_link_creates_an_account_once() {
    let h = harness().await;
    let admin = h.sign_in("admin@example.com").await;
    let invite = |name: &str, email: &str| InviteUser {
        name: name.to_owned(),
        email: email.to_owned(),
        role: Role::Participant,
    };
    let r = h
        .send_with(Some(&admin), "es", &invite("Nuevo Mentor", "Nuevo@Example.com"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let created: app::accounts::model::CreatedInvitation = r.parse();
    assert_eq!(created.email, "nuevo@example.com");
    let token = created.link.rsplit('/').next().unwrap().to_owned();
    let accept = |password: &str| AcceptInvitation {
        token: token.clone(),
        password: password.to_owned(),
        confirm: password.to_owned(),
    };
    let short = h.send_with(None, "en", &accept("short")).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = h.send_with(None, "en", &accept("a long password")).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let cookie = session_cookie(&ok).expect("signed in after accepting");
    let me = current_user(&h, &cookie).await;
    assert!(me.contains("nuevo@example.com"), "{me}");
    let reuse = h.send_with(None, "en", &accept("another password")).await;
    assert_eq!(reuse.status, StatusCode::GONE);
    let dup = h.send(&admin, &invite("X", "ana@example.com")).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
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
