//! Calendar files: one meeting as `.ics` for its two people, one workshop for those holding a
//! seat at it (signed in), and each person's private feed at `/calendar/{token}.ics` (their
//! meetings and the workshops they hold a seat at), which calendar apps fetch without a session.
//! All are written by `app::ssr::calendar::calendar`, so through its one RFC 5545 writer
//! (`write_ics`).

use app::ssr::AppState;
use app::ssr::AuthSession;
use app::ssr::calendar::{CalendarMeeting, CalendarWorkshop, calendar};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use db::meetings::MeetingRow;
use db::workshops::MyWorkshop;
use domain::Lang;
use domain::meeting::MeetingStatus;
use domain::training::Texts;

fn ics(body: String, file_name: &str) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

fn lang_of(code: Option<&str>) -> Lang {
    code.and_then(Lang::parse).unwrap_or(Lang::Es)
}

fn render(meetings: &[MeetingRow], workshops: &[MyWorkshop], lang: Lang, base_url: &str) -> String {
    let keys: Vec<(String, String)> = meetings
        .iter()
        .map(|m| (db::key_of(&m.id), db::key_of(&m.pair)))
        .collect();
    let items: Vec<CalendarMeeting<'_>> = meetings
        .iter()
        .zip(&keys)
        .map(|(m, (key, pair))| CalendarMeeting {
            key,
            status: MeetingStatus::parse(&m.status).unwrap_or(MeetingStatus::Cancelled),
            starts_at: m.starts_at,
            minutes: m.duration_minutes,
            sequence: m.sequence,
            updated_at: m.updated_at,
            program: &m.program,
            with: if m.i_mentor {
                &m.mentee_name
            } else {
                &m.mentor_name
            },
            place: m.place.as_deref(),
            video_url: m.video_url.as_deref(),
            pair_key: pair,
        })
        .collect();
    let texts: Vec<(String, Texts, Texts)> = workshops
        .iter()
        .map(|m| {
            let w = &m.workshop;
            (
                w.key().into_string(),
                Texts::new(&w.title_es, &w.title_en),
                Texts::new(&w.description_es, &w.description_en),
            )
        })
        .collect();
    let sessions: Vec<CalendarWorkshop<'_>> = workshops
        .iter()
        .zip(&texts)
        .map(|(m, (key, title, description))| CalendarWorkshop {
            key,
            title: title.get(lang),
            description: description.get(lang),
            program: &m.program_name,
            starts_at: m.workshop.starts_at,
            minutes: m.workshop.duration_minutes,
            sequence: m.workshop.sequence,
            updated_at: m.workshop.updated_at,
            place: m.workshop.place.as_deref(),
            video_url: m.workshop.video_url.as_deref(),
        })
        .collect();
    calendar(&items, &sessions, lang, base_url, Utc::now())
}

/// How far back the feed lists meetings and workshops, in days.
const FEED_DAYS_BACK: i64 = 400;

/// `GET /meetings/{key}/calendar.ics`: one meeting, for either person of its pair.
pub async fn meeting_ics(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(key): Path<String>,
) -> Response {
    let Some(user) = auth.user else {
        let next = format!("/meetings/{key}/calendar.ics");
        let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    };
    if key.is_empty() || key.len() > 64 {
        return StatusCode::NOT_FOUND.into_response();
    }
    match db::meetings::get(&state.db, &user.account_key(), &db::MeetingKey::new(key)).await {
        Ok(Some(m)) => {
            let lang = user.lang.unwrap_or(Lang::Es);
            ics(
                render(std::slice::from_ref(&m), &[], lang, &state.base_url),
                "inversa-meeting.ics",
            )
        }
        Ok(None) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "meeting calendar failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /workshops/{key}/calendar.ics`: one workshop, for a person holding a seat at it.
pub async fn workshop_ics(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(key): Path<String>,
) -> Response {
    let Some(user) = auth.user else {
        let next = format!("/workshops/{key}/calendar.ics");
        let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    };
    if key.is_empty() || key.len() > 64 {
        return StatusCode::NOT_FOUND.into_response();
    }
    match db::workshops::my_workshop(&state.db, &user.account_key(), &db::WorkshopKey::new(key)).await {
        Ok(Some(w)) if w.status.as_deref() == Some("registered") => {
            let lang = user.lang.unwrap_or(Lang::Es);
            ics(
                render(&[], std::slice::from_ref(&w), lang, &state.base_url),
                "inversa-workshop.ics",
            )
        }
        Ok(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "workshop calendar failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /calendar/{token}.ics`: every meeting of the token owner's pairs and every workshop
/// they hold a seat at. The token is the
/// only credential (calendar apps have no session), so an unknown or revoked one is a 404.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file
        .strip_suffix(".ics")
        .filter(|t| !t.is_empty() && t.len() <= 128)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let hash = app::ssr::auth::token_hash(token);
    let result = async {
        let Some(owner) = db::meetings::feed_owner(&state.db, &hash).await? else {
            return Ok(None);
        };
        let lang = db::users::find(&state.db, &owner).await?.and_then(|u| u.lang);
        let meetings = db::meetings::for_feed(&state.db, &owner).await?;
        let workshops = db::workshops::for_feed(
            &state.db,
            &owner,
            Utc::now() - chrono::Duration::days(FEED_DAYS_BACK),
        )
        .await?;
        Ok::<_, db::DbError>(Some(render(
            &meetings,
            &workshops,
            lang_of(lang.as_deref()),
            &state.base_url,
        )))
    }
    .await;
    match result {
        Ok(Some(body)) => ics(body, "inversa.ics"),
        Ok(None) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
