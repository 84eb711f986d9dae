//! Meetings of a pair, and each person's private calendar feed.
//!
//! As with goals, only the two people of a pair reach its meetings: anyone else gets "not found".
//! Times are proposed in a named time zone and shown to each person in their own.

#![allow(
    clippy::too_many_arguments,
    reason = "server functions take one argument per form field, as the browser posts them; \
              the browser half #[server] generates does not carry an attribute put on the function"
)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::workspace::model::FeedStatus;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::calendar,
    crate::ssr::{fail, require},
    crate::workspace::model::MeetingView,
    chrono::{DateTime, Utc},
    db::goals::Outcome,
    db::meetings::{ChangeOutcome, MeetingRow},
    domain::meeting::{MeetingChange, MeetingError, MeetingForm, MeetingStatus, ValidMeeting},
    domain::{Lang, Role},
};

#[cfg(feature = "ssr")]
use crate::ssr::guard::check_key;

/// A meeting as a person in `my_zone` sees it; `other_zone` is the other person's. Errors: a
/// stored status the code does not know (500, logged).
#[cfg(feature = "ssr")]
pub fn meeting_view(
    m: &MeetingRow,
    my_zone: &str,
    other_zone: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<MeetingView, AppError> {
    let (date, time) = calendar::local_fields(m.starts_at, my_zone);
    let when = calendar::when(m.starts_at, my_zone, lang);
    let other = calendar::when(m.starts_at, other_zone, lang);
    Ok(MeetingView {
        key: db::key_of(&m.id),
        status: db::stored("meeting status", &m.status, MeetingStatus::parse)?,
        when_other: (other != when).then_some(other),
        when,
        minutes: m.duration_minutes,
        place: m.place.clone(),
        video_url: m.video_url.clone(),
        notes: m.notes.clone(),
        proposed_by_me: m.proposed_by_me,
        proposer: m.proposer_name.clone(),
        started: m.starts_at <= now,
        date,
        time,
    })
}

/// Checks a proposal and finds its instant, which must exist in its zone and be at most
/// [`domain::meeting::MAX_DAYS_BACK`] days back.
#[cfg(feature = "ssr")]
fn proposal(form: MeetingForm) -> Result<(DateTime<Utc>, ValidMeeting), AppError> {
    let m = form.validate()?;
    if calendar::zone(&m.time_zone).is_none() {
        return Err(MeetingError::TimeZone.into());
    }
    let at = calendar::instant(&m).ok_or_else(|| AppError::from(MeetingError::Time))?;
    // A time in the past records a meeting already had (then marked held); not one from long ago.
    if at <= Utc::now() - chrono::Duration::days(domain::meeting::MAX_DAYS_BACK) {
        return Err(MeetingError::Past.into());
    }
    Ok((at, m))
}

#[cfg(feature = "ssr")]
fn written(outcome: Outcome) -> Result<String, AppError> {
    match outcome {
        Outcome::Done(key) => Ok(key),
        Outcome::NotFound | Outcome::NotOwner => Err(fail(ErrorKind::NotFound)),
        Outcome::Locked => Err(fail(ErrorKind::PairLocked)),
    }
}

/// Proposes a meeting: a local date and time in a time zone (the proposer's own by default),
/// a length, and a place or a video link. The other person is notified. Answers its key; the
/// same `submission` key again answers the same meeting (one meeting, one notification, one
/// email).
#[server(endpoint = "propose_meeting")]
pub async fn propose_meeting(
    pair: String,
    date: String,
    time: String,
    minutes: String,
    time_zone: String,
    place: String,
    video_url: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&pair)?;
    let pair = db::PairKey::new(pair);
    let (at, m) = proposal(MeetingForm {
        date,
        time,
        minutes,
        time_zone,
        place,
        video_url,
    })?;
    crate::ssr::submission::once(&user, "meeting.propose", &submission, || async {
        let state = crate::ssr::guard::state()?;
        let outcome =
            db::meetings::propose(&state.db, &user.account_key(), &pair, at, &m, &state.base_url).await?;
        let key = written(outcome)?;
        crate::ssr::guard::audit(&user, "meeting.propose", &format!("meeting:{key}")).await?;
        Ok(key)
    })
    .await
}

#[cfg(feature = "ssr")]
async fn apply(
    user: &crate::ssr::SessionUser,
    meeting: &str,
    change: MeetingChange,
    new_time: Option<(DateTime<Utc>, &ValidMeeting)>,
) -> Result<String, AppError> {
    let state = crate::ssr::guard::state()?;
    let outcome = db::meetings::change(
        &state.db,
        &user.account_key(),
        &db::MeetingKey::new(meeting),
        change,
        new_time,
        Utc::now(),
        &state.base_url,
    )
    .await?;
    match outcome {
        ChangeOutcome::Done(status) => {
            crate::ssr::guard::audit(
                user,
                &format!("meeting.{}", status.as_str()),
                &format!("meeting:{meeting}"),
            )
            .await?;
            if status == MeetingStatus::Held {
                // "After each held meeting" forms go to the pair now.
                db::feedback::send_after_meeting(&state.db, meeting, Utc::now(), &state.base_url).await?;
                crate::recognition::award::after_pairs_of(&state, &user.account_key()).await;
            }
            Ok(status.as_str().to_owned())
        }
        ChangeOutcome::NotFound => Err(fail(ErrorKind::NotFound)),
        ChangeOutcome::Locked => Err(fail(ErrorKind::PairLocked)),
        ChangeOutcome::Refused(e) => Err(fail(ErrorKind::MeetingRule(e))),
        ChangeOutcome::Stale => Err(fail(ErrorKind::MeetingStale)),
    }
}

/// Accepts, cancels, or records as held or missed a meeting (`change` is `accept`, `cancel`,
/// `held` or `missed`). Answers the new status.
#[server(endpoint = "change_meeting")]
pub async fn change_meeting(meeting: String, change: String) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&meeting)?;
    let change = MeetingChange::parse(&change)
        .filter(|c| *c != MeetingChange::Reschedule)
        .ok_or_else(|| fail(ErrorKind::BadRequest))?;
    apply(&user, &meeting, change, None).await
}

/// Moves a meeting to another time (and place): a fresh proposal from the one who moved it,
/// which the other person accepts.
#[server(endpoint = "reschedule_meeting")]
pub async fn reschedule_meeting(
    meeting: String,
    date: String,
    time: String,
    minutes: String,
    time_zone: String,
    place: String,
    video_url: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&meeting)?;
    let (at, m) = proposal(MeetingForm {
        date,
        time,
        minutes,
        time_zone,
        place,
        video_url,
    })?;
    apply(&user, &meeting, MeetingChange::Reschedule, Some((at, &m))).await
}

/// Replaces a meeting's shared notes (agenda before, what was said after). Either person may.
#[server(endpoint = "save_meeting_notes")]
pub async fn save_meeting_notes(meeting: String, notes: String) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&meeting)?;
    let meeting = db::MeetingKey::new(meeting);
    let notes = domain::meeting::validate_notes(&notes)?;
    let state = crate::ssr::guard::state()?;
    let outcome = db::meetings::set_notes(&state.db, &user.account_key(), &meeting, &notes).await?;
    written(outcome).map(|_| ())
}

/// Whether the signed-in person has a calendar feed, and since when.
#[server(endpoint = "calendar_feed")]
pub async fn calendar_feed() -> Result<FeedStatus, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let created = db::meetings::feed_created(&state.db, &user.key).await?;
    // After a plain form post the new address waits in a short-lived cookie; it is shown if it
    // is still this person's live feed, and the cookie is cleared either way.
    let mut fresh_url = None;
    if let Some(token) = crate::ssr::guard::request_cookie(NEW_FEED_COOKIE) {
        crate::ssr::guard::set_cookie(&format!(
            "{NEW_FEED_COOKIE}=; Path=/pair; Max-Age=0; HttpOnly; SameSite=Lax"
        ));
        let owner = db::meetings::feed_owner(&state.db, &crate::ssr::auth::token_hash(&token)).await?;
        if owner.as_deref() == Some(user.key.as_str()) {
            fresh_url = Some(feed_url(&state.base_url, &token));
        }
    }
    Ok(FeedStatus {
        created: created.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
        fresh_url,
    })
}

/// Carries a new feed address from a plain form post to the page it redirects to (five
/// minutes at most, HttpOnly, only sent to `/pair`).
#[cfg(feature = "ssr")]
const NEW_FEED_COOKIE: &str = "inversa_new_feed";

#[cfg(feature = "ssr")]
fn feed_url(base_url: &str, token: &str) -> String {
    format!("{}/calendar/{token}.ics", base_url.trim_end_matches('/'))
}

/// Makes a new private calendar feed address for the signed-in person (any earlier one stops
/// working) and answers it. Only a hash is stored, so the address is shown this once.
#[server(endpoint = "create_calendar_feed")]
pub async fn create_calendar_feed() -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let token = crate::ssr::auth::new_token();
    let hash = crate::ssr::auth::token_hash(&token);
    db::meetings::replace_feed_token(&state.db, &user.account_key(), &hash).await?;
    crate::ssr::guard::audit(&user, "calendar.feed_create", &format!("user:{}", user.key)).await?;
    if crate::ssr::guard::is_plain_form_post() {
        let secure = if state.sessions.secure_cookie {
            "; Secure"
        } else {
            ""
        };
        crate::ssr::guard::set_cookie(&format!(
            "{NEW_FEED_COOKIE}={token}; Path=/pair; Max-Age=300; HttpOnly; SameSite=Lax{secure}"
        ));
        leptos_axum::redirect("/pair");
    }
    Ok(feed_url(&state.base_url, &token))
}

/// Stops the signed-in person's calendar feed.
#[server(endpoint = "revoke_calendar_feed")]
pub async fn revoke_calendar_feed() -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    db::meetings::revoke_feed_token(&state.db, &user.key).await?;
    crate::ssr::guard::audit(&user, "calendar.feed_revoke", &format!("user:{}", user.key)).await?;
    Ok(())
}
