//! Self-service enrolment: HR shares a program's signup link; people open it, create an account
//! (or sign in), fill in their profile, choose mentor, mentee or both, and accept the program
//! agreement.

use domain::profile::ProfileForm;
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::JoinView;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{fail, internal, require},
    db::programs::ProgramRow,
    domain::{ProgramStatus, Role},
};

/// The program a signup token opens (any status), or "link not valid".
#[cfg(feature = "ssr")]
async fn program_of_token(token: &str) -> Result<ProgramRow, AppError> {
    if token.is_empty() || token.len() > 128 {
        return Err(fail(ErrorKind::InvitationInvalid));
    }
    let state = crate::ssr::guard::state()?;
    db::enrolment::program_for_signup(&state.db, &crate::ssr::auth::token_hash(token))
        .await
        .map_err(internal)?
        .ok_or_else(|| fail(ErrorKind::InvitationInvalid))
}

/// Makes a new signup link for the program (the previous one stops working) and answers it. The
/// link is shown once: only its hash is stored.
#[server(endpoint = "create_signup_link")]
pub async fn create_signup_link(program: String) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    if row.status() == ProgramStatus::Closed {
        return Err(fail(ErrorKind::ProgramClosed));
    }
    let state = crate::ssr::guard::state()?;
    let token = crate::ssr::auth::new_token();
    db::enrolment::set_signup_token(&state.db, &program, &crate::ssr::auth::token_hash(&token))
        .await
        .map_err(internal)?;
    crate::ssr::guard::audit(&user, "program.signup_link", &format!("program:{program}")).await?;
    Ok(format!("{}/join/{token}", state.base_url))
}

/// What the signup page shows: the program and its agreement, and where the visitor stands.
#[server(endpoint = "join_info")]
pub async fn join_info(token: String) -> Result<JoinView, AppError> {
    let row = program_of_token(&token).await?;
    let state = crate::ssr::guard::state()?;
    let key = row.key();
    let topics = db::programs::topics(&state.db, &key)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|t| (t.key, t.label_es, t.label_en))
        .collect();
    let user = crate::ssr::signed_in_user().await?;
    let enrolled = match &user {
        Some(u) => db::enrolment::enrolment_of(&state.db, &u.key, &key)
            .await
            .map_err(internal)?
            .map(|e| match (e.as_mentor, e.as_mentee) {
                (true, true) => "both".to_owned(),
                (true, false) => "mentor".to_owned(),
                _ => "mentee".to_owned(),
            }),
        None => None,
    };
    Ok(JoinView {
        name: row.name.clone(),
        purpose: row.purpose.clone(),
        objectives: row.objectives.clone(),
        mentor_expectations: row.mentor_expectations.clone(),
        mentee_expectations: row.mentee_expectations.clone(),
        starts_on: db::programs::to_date(row.starts_on),
        ends_on: db::programs::to_date(row.ends_on),
        open: row.status() == ProgramStatus::Enrolling,
        topics,
        signed_in_as: user.map(|u| u.name),
        enrolled,
    })
}

/// Creates a participant account from the signup page and signs it in. An email that already
/// has an account is refused (sign in instead). Answers the signup page to open next.
#[server(endpoint = "join_signup")]
pub async fn join_signup(
    token: String,
    name: String,
    email: String,
    password: String,
) -> Result<String, AppError> {
    let row = program_of_token(&token).await?;
    if row.status() != ProgramStatus::Enrolling {
        return Err(fail(ErrorKind::SignupClosed));
    }
    let state = crate::ssr::guard::state()?;
    let email = domain::normalize_email(&email);
    domain::validate_email(&email).map_err(|e| fail(e.into()))?;
    domain::validate_display_name(&name).map_err(|e| fail(e.into()))?;
    let name = name.trim().to_owned();
    domain::validate_password(&password).map_err(|e| fail(e.into()))?;
    if db::users::find_by_email(&state.db, &email)
        .await
        .map_err(internal)?
        .is_some()
    {
        return Err(fail(ErrorKind::EmailTaken));
    }
    let hash = crate::ssr::auth::hash_password(password)
        .await
        .map_err(internal)?;
    let lang = match crate::ssr::request_locale() {
        crate::i18n::Locale::en => domain::Lang::En,
        crate::i18n::Locale::es => domain::Lang::Es,
    };
    let created = db::users::create(
        &state.db,
        db::users::NewUser {
            email,
            name,
            role: Role::Participant,
            password_hash: Some(hash),
            lang: Some(lang),
        },
    )
    .await
    .map_err(|e| match e {
        db::DbError::Conflict(_) => fail(ErrorKind::EmailTaken),
        other => internal(other),
    })?;
    let mut auth: crate::ssr::AuthSession = leptos_axum::extract().await.map_err(internal)?;
    let user = axum_login::AuthnBackend::get_user(&auth.backend, &created.key())
        .await
        .map_err(internal)?
        .ok_or_else(|| internal("new account vanished"))?;
    auth.login(&user).await.map_err(internal)?;
    auth.session
        .insert(crate::ssr::auth::SIGNED_IN_AT, chrono::Utc::now().timestamp())
        .await
        .map_err(internal)?;
    Ok(super::auth::form_redirect(format!("/join/{token}")))
}

/// Enrols the signed-in person in the program with their profile and role; they accept the
/// program agreement by doing so. Joining again updates the profile. Answers the role.
#[server(endpoint = "join_program")]
pub async fn join_program(token: String, profile: ProfileForm) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let row = program_of_token(&token).await?;
    if row.status() != ProgramStatus::Enrolling {
        return Err(fail(ErrorKind::SignupClosed));
    }
    let state = crate::ssr::guard::state()?;
    let key = row.key();
    let topics: Vec<String> = db::programs::topics(&state.db, &key)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|t| t.key)
        .collect();
    let today = db::programs::to_date(chrono::Utc::now());
    let profile_error = |e: domain::profile::ProfileError| fail(ErrorKind::Profile(e));
    let valid = profile
        .validate(today, &topics, &user.email)
        .map_err(profile_error)?;
    if !db::enrolment::is_time_zone(&valid.time_zone) {
        return Err(profile_error(domain::profile::ProfileError::TimeZone));
    }
    if let Some(manager) = &valid.manager_email
        && !db::enrolment::employee_exists(&state.db, manager)
            .await
            .map_err(internal)?
    {
        return Err(profile_error(domain::profile::ProfileError::UnknownManager));
    }
    db::enrolment::join(&state.db, &user.key, &user.email, &user.name, &key, &valid)
        .await
        .map_err(internal)?;
    crate::ssr::guard::audit(&user, "program.join", &format!("program:{key}")).await?;
    Ok(valid.role.as_str().to_owned())
}
