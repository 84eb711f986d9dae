//! Assertions for access refusals, shared by the route tests that use the harness in
//! `support/mod.rs` (each includes this file with `#[path = "support/refusals.rs"] mod refusals;`,
//! or `"../support/refusals.rs"` from a test binary in a folder, such as `routes/main.rs`).
//!
//! A refusal must say no and nothing more: a 403 that still lists the names it protects passes a
//! status check, so the body is checked too.
#![allow(
    dead_code,
    reason = "each test file uses the assertions it needs; the rest is unused there"
)]

use axum::http::StatusCode;

use crate::support::Reply;

/// Asserts that a server function refused access: exactly `status`, a body that is only the
/// error (its kind for that status and the translated message, nothing else), and none of the
/// `protected` texts in it.
#[track_caller]
pub fn assert_refused(r: &Reply, status: StatusCode, protected: &[&str]) {
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
pub fn assert_refused_as(r: &Reply, status: StatusCode, kind: &str, protected: &[&str]) {
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
pub fn assert_page_refused(r: &Reply, status: StatusCode, protected: &[&str]) {
    assert_eq!(r.status, status);
    for p in protected {
        assert!(!r.body.contains(p), "the refused page shows {p:?}");
    }
}
