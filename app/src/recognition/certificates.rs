//! Certificate server functions: HR's criteria, who qualifies, bulk issuing (in batches, so a
//! large program shows progress) and revoking; the holder's list; and the public verification by
//! code.
//!
//! Who may do what: criteria, the list, issuing and revoking are for the program's owner (admins
//! own all): another manager gets "not found", a participant "forbidden". Issuing needs the
//! program active or closed (409 otherwise). Verification needs no account, answers "not found"
//! for an unknown code, and is limited per client address (429).

use leptos::prelude::*;

use crate::error::AppError;
use crate::recognition::model::{CertificateBoard, IssueProgress, MyCertificate, Verification};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::recognition::api::day,
    crate::recognition::model::CertificateRow,
    crate::ssr::guard::check_key,
    crate::ssr::{fail, require},
    chrono::Utc,
    db::ProgramKey,
    db::certificates::NewCertificate,
    domain::recognition::certificates::{
        CertificateError, ISSUE_BATCH, hours_tenths, hours_text, missing, parse_criteria,
        validate_revoke_reason,
    },
    domain::{Lang, ProgramStatus, Role},
};

/// `YYYY-MM-DD` as a date in `lang`.
#[cfg(feature = "ssr")]
fn iso_day(iso: &str, lang: Lang) -> String {
    domain::Date::parse(iso)
        .and_then(|d| domain::format_date(d.year, d.month, d.day, lang))
        .unwrap_or_else(|| iso.to_owned())
}

/// `mentor`, `mentee` or `both`.
#[cfg(feature = "ssr")]
fn role_of(as_mentor: bool, as_mentee: bool) -> &'static str {
    match (as_mentor, as_mentee) {
        (true, true) => "both",
        (true, false) => "mentor",
        _ => "mentee",
    }
}

/// Whether certificates may be issued in a program at this stage.
#[cfg(feature = "ssr")]
fn may_issue(status: ProgramStatus) -> bool {
    matches!(status, ProgramStatus::Active | ProgramStatus::Closed)
}

/// The program's criteria and every active participant with what they did, whether they qualify
/// (and what is missing) and their certificate.
#[server(endpoint = "certificate_list")]
pub async fn certificate_list(program: String) -> Result<CertificateBoard, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let key = ProgramKey::new(program.as_str());
    let criteria = db::certificates::criteria(&state.db, &key)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let people: Vec<CertificateRow> = db::certificates::candidates(&state.db, &key)
        .await?
        .into_iter()
        .map(|c| CertificateRow {
            employee: c.employee.into_string(),
            name: c.name,
            email: c.email,
            role: role_of(c.as_mentor, c.as_mentee).to_owned(),
            hours: hours_text(hours_tenths(&c.record), lang),
            held_meetings: c.record.held_meetings,
            missing: missing(&criteria, &c.record),
            code: c.code,
            revoked: c.revoked,
        })
        .collect();
    Ok(CertificateBoard {
        program: row.name.clone(),
        can_issue: may_issue(row.status()),
        qualified: people.iter().filter(|p| p.missing.is_empty()).count(),
        issued: people.iter().filter(|p| p.code.is_some()).count(),
        to_issue: people
            .iter()
            .filter(|p| p.missing.is_empty() && p.code.is_none())
            .count(),
        criteria,
        people,
    })
}

/// Stores the program's criteria: at least `min_meetings` held meetings (0–50), required training
/// done, pair not ended early. Answers the page to go back to. Errors: 422 naming `min_meetings`.
#[server(endpoint = "save_certificate_criteria")]
pub async fn save_certificate_criteria(
    program: String,
    #[server(default)] min_meetings: String,
    #[server(default)] required_training: crate::form::Checkbox,
    #[server(default)] pair_not_ended: crate::form::Checkbox,
) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let criteria = parse_criteria(&min_meetings, required_training.ticked(), pair_not_ended.ticked())?;
    let state = crate::ssr::guard::state()?;
    db::certificates::set_criteria(&state.db, &ProgramKey::new(program.as_str()), &criteria).await?;
    crate::ssr::guard::audit(&user, "certificates.criteria", &format!("program:{program}")).await?;
    Ok(crate::accounts::auth::form_redirect(format!(
        "/programs/{program}/certificates"
    )))
}

/// Issues the certificates of up to 25 people who qualify and have none yet, each telling its
/// holder (the email carries the PDF), signed by the asker. Answers how many were issued now and
/// how many qualifying people still have none: a page repeats the call until none remain, showing
/// the progress. Issuing twice issues nothing new. Errors: 409 before the program is active.
#[server(endpoint = "issue_certificates")]
pub async fn issue_certificates(program: String) -> Result<IssueProgress, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    if !may_issue(row.status()) {
        return Err(CertificateError::NotStarted.into());
    }
    let state = crate::ssr::guard::state()?;
    let key = ProgramKey::new(program.as_str());
    let criteria = db::certificates::criteria(&state.db, &key)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let due: Vec<db::certificates::Candidate> = db::certificates::candidates(&state.db, &key)
        .await?
        .into_iter()
        .filter(|c| c.code.is_none() && missing(&criteria, &c.record).is_empty())
        .collect();
    // The period a certificate vouches for: the program's, but never past the day it is issued.
    let today = Utc::now();
    let until = row.ends_on.min(today);
    let from = row.starts_on.min(until);
    let mut issued = 0;
    for c in due.iter().take(ISSUE_BATCH) {
        let new = NewCertificate {
            name: c.name.clone(),
            role: role_of(c.as_mentor, c.as_mentee),
            program_name: row.name.clone(),
            starts_on: from.format("%Y-%m-%d").to_string(),
            ends_on: until.format("%Y-%m-%d").to_string(),
            hours_tenths: hours_tenths(&c.record),
            issuer_name: user.name.clone(),
        };
        if db::certificates::issue(&state.db, &key, &c.employee, &new, &state.base_url)
            .await?
            .is_some()
        {
            issued += 1;
        }
    }
    let remaining = due.len().saturating_sub(ISSUE_BATCH.min(due.len()));
    crate::ssr::guard::audit(
        &user,
        "certificates.issue",
        &format!("program:{program} issued:{issued}"),
    )
    .await?;
    crate::accounts::auth::form_redirect(format!(
        "/programs/{program}/certificates?issued={issued}&remaining={remaining}"
    ));
    Ok(IssueProgress { issued, remaining })
}

/// Revokes a certificate with a reason (1–500 characters, audited); its verification page then
/// says revoked, and since when. Errors: 404 for a certificate of a program the asker does not
/// own; 422 naming `reason`.
#[server(endpoint = "revoke_certificate")]
pub async fn revoke_certificate(code: String, #[server(default)] reason: String) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&code)?;
    let code = code.trim().to_ascii_lowercase();
    let state = crate::ssr::guard::state()?;
    let cert = db::certificates::by_code(&state.db, &code)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let program = db::key_of(&cert.program);
    crate::programs::api::owned_program(&user, &program).await?;
    let reason = validate_revoke_reason(&reason)?;
    db::certificates::revoke(&state.db, &code, &reason).await?;
    crate::ssr::guard::audit(
        &user,
        "certificates.revoke",
        &format!("certificate:{code} {reason}"),
    )
    .await?;
    Ok(crate::accounts::auth::form_redirect(format!(
        "/programs/{program}/certificates"
    )))
}

/// The signed-in person's certificates, newest first.
#[server(endpoint = "my_certificates")]
pub async fn my_certificates() -> Result<Vec<MyCertificate>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    Ok(db::certificates::of_account(&state.db, &user.account_key())
        .await?
        .into_iter()
        .map(|c| MyCertificate {
            code: c.code,
            program: c.program_name,
            issued: day(c.issued_at, lang),
            hours: hours_text(u32::try_from(c.hours_tenths).unwrap_or(0), lang),
            revoked: c.revoked_at.is_some(),
        })
        .collect())
}

/// The public verification of a certificate by its code: valid or revoked (since when), name,
/// program, dates, hours and issuer. Needs no account. Errors: 404 for an unknown code; 429 past
/// 30 look-ups a minute from one address.
#[server(endpoint = "verify_certificate")]
pub async fn verify_certificate(code: String) -> Result<Verification, AppError> {
    let state = crate::ssr::guard::state()?;
    let ip = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|_| "unknown".into());
    if !state.login_limiter.check_lookup(&ip) {
        tracing::warn!(%ip, "certificate look-up rate limit hit");
        return Err(fail(ErrorKind::TooManyLookups));
    }
    let code = code.trim().to_ascii_lowercase();
    if code.len() != 32 || !code.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(fail(ErrorKind::NotFound));
    }
    let lang = crate::ssr::guard::request_lang();
    let c = db::certificates::by_code(&state.db, &code)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    Ok(Verification {
        code: c.code,
        revoked_since: c.revoked_at.map(|at| day(at, lang)),
        name: c.name,
        role: c.role,
        program: c.program_name,
        from: iso_day(&c.starts_on, lang),
        to: iso_day(&c.ends_on, lang),
        hours: hours_text(u32::try_from(c.hours_tenths).unwrap_or(0), lang),
        issuer: c.issuer_name,
        issued: day(c.issued_at, lang),
        checked_at: Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
    })
}
