//! `GET /certificates/{code}.pdf`: a completion certificate as PDF, for its holder (signed in)
//! and for the program's owner. Anyone else gets 404, as for an unknown code; a revoked
//! certificate answers 410.

use app::ssr::{AppState, AuthSession};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Role;

use crate::certificate_pdf::{CertificateText, file_name, render, verify_url};

/// The handler.
pub async fn pdf(State(state): State<AppState>, auth: AuthSession, Path(file): Path<String>) -> Response {
    let Some(user) = auth.user else {
        let next = format!("/certificates/{file}");
        let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    };
    let Some(code) = file
        .strip_suffix(".pdf")
        .filter(|c| c.len() == 32 && c.chars().all(|ch| ch.is_ascii_hexdigit()))
        .map(str::to_ascii_lowercase)
    else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let code = code.as_str();
    let result = async {
        let Some(row) = db::certificates::by_code(&state.db, code).await? else {
            return Ok(None);
        };
        let holder = row.account.as_ref().is_some_and(|a| db::key_of(a) == user.key);
        let owner = user.role == Role::Admin
            || db::programs::find(&state.db, &db::key_of(&row.program))
                .await?
                .is_some_and(|p| p.owner_key() == user.key);
        if !holder && !owner {
            return Ok(None);
        }
        Ok::<_, db::DbError>(Some(row))
    }
    .await;
    let row = match result {
        // A revoked certificate is no longer handed out (its verification page says why).
        Ok(Some(row)) if row.revoked_at.is_some() => return (StatusCode::GONE, "revoked").into_response(),
        Ok(Some(row)) => row,
        Ok(None) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "certificate look-up failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let text = CertificateText::of(&row, verify_url(&state.base_url, &row.code));
    match render(&text) {
        Ok(bytes) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file_name(text.lang)),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "certificate PDF failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
