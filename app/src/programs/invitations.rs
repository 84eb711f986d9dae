//! HR invites the people enrolled in a program who have no account yet (typically right after an
//! import): the list of who is not invited, invited, expired or has an account, bulk sending in
//! batches, and re-sending to one person. Each invitation is a one-time link valid for 14 days,
//! emailed in the person's language. Only the program's owner or an admin; anyone else gets the
//! "not found" every program function gives.

use domain::invitation::{InvitationStatus, Sending};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::programs::api::owned_program,
    crate::ssr::{SessionUser, fail, require},
    chrono::{DateTime, Utc},
    db::program_invitations::{self, Invitee, Outgoing},
    db::programs::ProgramRow,
    domain::{Lang, ProgramStatus, Role},
};

/// One person enrolled in the program, as the invitations list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeView {
    /// Employee key.
    pub employee: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Where they stand.
    pub status: InvitationStatus,
    /// When the last invitation email went out.
    pub sent_on: Option<domain::Date>,
    /// When the current link stops (or stopped) working.
    pub expires_on: Option<domain::Date>,
}

/// The program's invitations: everyone enrolled, and how many are in each state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationList {
    /// Everyone actively enrolled, by name.
    pub people: Vec<InviteeView>,
    /// How many have no account and were never invited.
    pub not_invited: i64,
    /// How many have a live, unused invitation.
    pub invited: i64,
    /// How many have an invitation that ran out.
    pub expired: i64,
    /// How many have an account.
    pub accepted: i64,
    /// The program is closed: nothing can be sent.
    pub closed: bool,
}

/// How far a bulk sending has got, after one batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationProgress {
    /// Which sending this is.
    pub sending: Sending,
    /// This was the run's first batch.
    pub first: bool,
    /// Invitations sent by this batch (by this call, for a plain form post).
    pub sent: i64,
    /// People the run still has to reach.
    pub remaining: i64,
    /// When the run started (RFC 3339): pass it back to go on with the same run.
    pub started: String,
}

/// How long a plain form post (no JavaScript) keeps sending batches before it answers.
#[cfg(feature = "ssr")]
const PLAIN_POST_BUDGET: std::time::Duration = std::time::Duration::from_secs(20);

/// The program, if the asker owns it (or is an admin).
#[cfg(feature = "ssr")]
async fn program_of(key: &str) -> Result<(SessionUser, ProgramRow), AppError> {
    let user = require(Role::ProgramManager).await?;
    crate::ssr::guard::check_key(key)?;
    let row = owned_program(&user, key).await?;
    Ok((user, row))
}

/// The program, if the asker may send its invitations: theirs, and not closed.
#[cfg(feature = "ssr")]
async fn open_program(key: &str) -> Result<(SessionUser, ProgramRow), AppError> {
    let user = require(Role::ProgramManager).await?;
    crate::ssr::guard::check_key(key)?;
    let row = crate::programs::api::open_program(&user, key).await?;
    Ok((user, row))
}

/// The language of the program owner's account, the fallback for people without one.
#[cfg(feature = "ssr")]
pub(crate) async fn owner_lang(row: &ProgramRow) -> Result<Option<Lang>, AppError> {
    let state = crate::ssr::guard::state()?;
    Ok(db::users::find(&state.db, &row.owner_key())
        .await?
        .and_then(|u| u.lang()))
}

/// A fresh invitation for `person`: the token (only its hash is stored) and the email with the
/// link and the expiry date, in the person's language: their account's, else the program
/// owner's, else Spanish.
#[cfg(feature = "ssr")]
pub(crate) fn outgoing(
    person: &Invitee,
    program: &ProgramRow,
    fallback: Option<Lang>,
    base_url: &str,
) -> Outgoing {
    let token = crate::ssr::auth::new_token();
    let expires_at = Utc::now() + chrono::Duration::days(db::invitations::VALIDITY_DAYS);
    let lang = person.lang.or(fallback).unwrap_or(Lang::Es);
    let link = format!("{base_url}/invite/{token}");
    let (subject, body_text) = email_text(lang, person, &program.name, &link, expires_at);
    Outgoing {
        employee_key: person.employee_key.clone(),
        token_hash: crate::ssr::auth::token_hash(&token),
        expires_at,
        lang,
        subject,
        body_text,
    }
}

/// The invitation email in `lang`: subject and text, naming the program, with the link and the
/// day it stops working (in the person's time zone).
#[cfg(feature = "ssr")]
fn email_text(
    lang: Lang,
    person: &Invitee,
    program: &str,
    link: &str,
    expires_at: DateTime<Utc>,
) -> (String, String) {
    use crate::i18n::td_string;
    use chrono::Datelike;
    let locale = crate::locale_of(lang);
    let zone: chrono_tz::Tz = person.time_zone.parse().unwrap_or(chrono_tz::Europe::Madrid);
    let local = expires_at.with_timezone(&zone);
    let expires = domain::format_date(local.year(), local.month(), local.day(), lang)
        .unwrap_or_else(|| local.date_naive().to_string());
    let subject = td_string!(locale, invitations.email_subject, program = program);
    let body = td_string!(
        locale,
        invitations.email_body,
        name = &person.name,
        program = program,
        link = link,
        expires = &expires
    );
    (subject, body)
}

/// Sends the next batch of a run; answers how many it sent and how many the run still reaches.
#[cfg(feature = "ssr")]
async fn send_batch(
    user: &SessionUser,
    row: &ProgramRow,
    sending: Sending,
    started: DateTime<Utc>,
    fallback: Option<Lang>,
) -> Result<(i64, i64), AppError> {
    let state = crate::ssr::guard::state()?;
    let key = row.key();
    let (batch, reached) =
        program_invitations::next_batch(&state.db, &key, sending, started, program_invitations::BATCH)
            .await?;
    let outgoing: Vec<Outgoing> = batch
        .iter()
        .map(|p| outgoing(p, row, fallback, &state.base_url))
        .collect();
    let sent = program_invitations::send(
        &state.db,
        &db::ProgramKey::new(key.as_str()),
        sending,
        started,
        &user.account_key(),
        &outgoing,
    )
    .await?;
    let sent = i64::try_from(sent.len()).unwrap_or(0);
    let batch_len = i64::try_from(batch.len()).unwrap_or(0);
    Ok((sent, (reached - batch_len).max(0)))
}

/// Who of the people enrolled in the program has been invited, and how many are in each state.
#[server(endpoint = "program_invitations")]
pub async fn program_invitations(key: String) -> Result<InvitationList, AppError> {
    let (_, row) = program_of(&key).await?;
    let state = crate::ssr::guard::state()?;
    let people = program_invitations::invitees(&state.db, &key).await?;
    let now = Utc::now();
    let people: Vec<InviteeView> = people
        .into_iter()
        .map(|p| InviteeView {
            status: p.status(now),
            sent_on: p.invitation.and_then(|i| i.sent_at).map(db::programs::to_date),
            expires_on: p.invitation.map(|i| db::programs::to_date(i.expires_at)),
            employee: p.employee_key,
            name: p.name,
            email: p.email,
        })
        .collect();
    let count = |s: InvitationStatus| people.iter().filter(|p| p.status == s).count() as i64;
    Ok(InvitationList {
        not_invited: count(InvitationStatus::NotInvited),
        invited: count(InvitationStatus::Invited),
        expired: count(InvitationStatus::Expired),
        accepted: count(InvitationStatus::Accepted),
        closed: row.status() == ProgramStatus::Closed,
        people,
    })
}

/// Sends invitations in bulk: `new` to everyone not invited yet, `resend` a fresh link to
/// everyone invited who has not accepted (live or expired). One batch of up to 50 people per
/// call, each batch one transaction; pass `started` back to go on with the same run (a re-send
/// run reaches each person once). A plain form post (no JavaScript) sends batch after batch for
/// up to 20 seconds and then returns to the program page saying how many went out.
#[server(endpoint = "send_program_invitations")]
pub async fn send_program_invitations(
    key: String,
    sending: Sending,
    #[server(default)] started: Option<String>,
) -> Result<InvitationProgress, AppError> {
    let (user, row) = open_program(&key).await?;
    if sending == Sending::One {
        return Err(fail(ErrorKind::BadRequest));
    }
    let first = started.is_none();
    let started = match started.as_deref() {
        None => Utc::now(),
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|_| fail(ErrorKind::BadRequest))?
            .with_timezone(&Utc),
    };
    let fallback = owner_lang(&row).await?;
    let plain = crate::ssr::guard::is_plain_form_post();
    let clock = std::time::Instant::now();
    let mut sent = 0;
    let remaining = loop {
        let (batch_sent, left) = send_batch(&user, &row, sending, started, fallback).await?;
        crate::ssr::guard::audit(
            &user,
            &format!("program.invitations.{}", sending.as_str()),
            &format!("program:{key}"),
        )
        .await?;
        sent += batch_sent;
        if !plain || left == 0 || batch_sent == 0 || clock.elapsed() > PLAIN_POST_BUDGET {
            break left;
        }
    };
    if plain {
        leptos_axum::redirect(&format!(
            "/programs/{key}?invited={sent}&left={remaining}#invitations"
        ));
    }
    Ok(InvitationProgress {
        sending,
        first,
        sent,
        remaining,
        started: started.to_rfc3339(),
    })
}

/// Invites one person enrolled in the program, or sends them a fresh link (the old one stops
/// working, the expiry starts again). Refused for someone who already has an account.
#[server(endpoint = "invite_person")]
pub async fn invite_person(key: String, employee: String) -> Result<(), AppError> {
    let (user, row) = open_program(&key).await?;
    crate::ssr::guard::check_key(&employee)?;
    let state = crate::ssr::guard::state()?;
    let person = program_invitations::invitees(&state.db, &key)
        .await?
        .into_iter()
        .find(|p| p.employee_key == employee)
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let now = Utc::now();
    if !person.status(now).reached_by(Sending::One) {
        return Err(fail(ErrorKind::InviteeHasAccount));
    }
    let mail = outgoing(&person, &row, owner_lang(&row).await?, &state.base_url);
    let sent = program_invitations::send(
        &state.db,
        &db::ProgramKey::new(key.as_str()),
        Sending::One,
        now,
        &user.account_key(),
        &[mail],
    )
    .await?;
    if sent.is_empty() {
        return Err(fail(ErrorKind::InviteeHasAccount));
    }
    crate::ssr::guard::audit(
        &user,
        "program.invitations.one",
        &format!("program:{key}/employee:{employee}"),
    )
    .await?;
    if crate::ssr::guard::is_plain_form_post() {
        leptos_axum::redirect(&format!("/programs/{key}?reinvited=1#invitations"));
    }
    Ok(())
}
