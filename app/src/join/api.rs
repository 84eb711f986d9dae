//! Self-service enrolment: HR shares a program's signup link; people open it, create an account
//! (or sign in), fill in their profile, choose mentor, mentee or both, and accept the program
//! agreement.

use domain::profile::ProfileForm;
use leptos::prelude::*;

use crate::error::AppError;
use crate::{join::model::JoinView, join::model::ProfileView};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::join::model::ProfilePrefill,
    crate::ssr::{SessionUser, fail, internal, require},
    db::enrolment::StoredProfile,
    db::programs::ProgramRow,
    domain::profile::ProfileError,
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
        .await?
        .ok_or_else(|| fail(ErrorKind::InvitationInvalid))
}

/// Makes a new signup link for the program (the previous one stops working) and answers it. The
/// link is shown once: only its hash is stored.
#[server(endpoint = "create_signup_link")]
pub async fn create_signup_link(program: String) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    if row.status() == ProgramStatus::Closed {
        return Err(fail(ErrorKind::ProgramClosed));
    }
    let state = crate::ssr::guard::state()?;
    let token = crate::ssr::auth::new_token();
    db::enrolment::set_signup_token(&state.db, &program, &crate::ssr::auth::token_hash(&token)).await?;
    crate::ssr::guard::audit(&user, "program.signup_link", &format!("program:{program}")).await?;
    Ok(format!("{}/join/{token}", state.base_url))
}

/// The name of an enrolment's role, as the form posts it.
#[cfg(feature = "ssr")]
fn role_name(as_mentor: bool, as_mentee: bool) -> &'static str {
    match (as_mentor, as_mentee) {
        (true, true) => "both",
        (true, false) => "mentor",
        _ => "mentee",
    }
}

/// The program's topic catalogue as `(key, Spanish, English)`.
#[cfg(feature = "ssr")]
async fn catalogue(program_key: &str) -> Result<Vec<(String, String, String)>, AppError> {
    let state = crate::ssr::guard::state()?;
    Ok(db::programs::topics(&state.db, program_key)
        .await?
        .into_iter()
        .map(|t| (t.key, t.label_es, t.label_en))
        .collect())
}

/// What is stored about the person as the profile form shows it: topics only from the
/// program's catalogue, a generation only as one of the form's bands, and the fields that came
/// from HR's records named — every field with a value while the person has not yet confirmed
/// their profile for this program (accepted its agreement).
#[cfg(feature = "ssr")]
fn prefill_of(stored: &StoredProfile, topics: &[(String, String, String)]) -> ProfilePrefill {
    use domain::profile::{ProfileForm, generation_band};
    let in_catalogue = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter(|k| topics.iter().any(|(key, _, _)| key == *k))
            .cloned()
            .collect()
    };
    let form = ProfileForm {
        role: stored
            .enrolment
            .as_ref()
            .map(|e| role_name(e.as_mentor, e.as_mentee).to_owned())
            .unwrap_or_default(),
        department: stored.department.clone().unwrap_or_default(),
        job_level: stored.job_level.map(|l| l.to_string()).unwrap_or_default(),
        manager_email: stored.manager_email.clone().unwrap_or_default(),
        company_start: stored
            .company_start
            .map(|d| db::programs::to_date(d).iso())
            .unwrap_or_default(),
        generation: stored
            .generation
            .as_deref()
            .and_then(generation_band)
            .unwrap_or_default()
            .to_owned(),
        languages: stored.languages.clone(),
        time_zone: stored.time_zone.clone(),
        location: stored.location.clone().unwrap_or_default(),
        availability: stored.availability.clone(),
        can_teach: in_catalogue(&stored.can_teach),
        wants_to_learn: in_catalogue(&stored.wants_to_learn),
        interests: stored.interests.join(", "),
        capacity: stored.mentor_capacity.to_string(),
        agree: None,
    };
    let confirmed = stored
        .enrolment
        .as_ref()
        .is_some_and(|e| e.agreement_accepted_at.is_some());
    let from_hr = if confirmed {
        Vec::new()
    } else {
        [
            ("role", !form.role.is_empty()),
            ("department", !form.department.is_empty()),
            ("job_level", !form.job_level.is_empty()),
            ("manager_email", !form.manager_email.is_empty()),
            ("company_start", !form.company_start.is_empty()),
            ("generation", !form.generation.is_empty()),
            ("languages", !form.languages.is_empty()),
            ("time_zone", form.time_zone != "Europe/Madrid"),
            ("location", !form.location.is_empty()),
            ("can_teach", !form.can_teach.is_empty()),
            ("wants_to_learn", !form.wants_to_learn.is_empty()),
            ("interests", !form.interests.is_empty()),
            ("capacity", stored.mentor_capacity != 1),
        ]
        .into_iter()
        .filter(|(_, known)| *known)
        .map(|(field, _)| field.to_owned())
        .collect()
    };
    ProfilePrefill { form, from_hr }
}

/// What the signup page shows: the program and its agreement, and where the visitor stands —
/// with their profile filled in from what is stored about them (HR's import) when signed in.
#[server(endpoint = "join_info")]
pub async fn join_info(token: String) -> Result<JoinView, AppError> {
    let row = program_of_token(&token).await?;
    let state = crate::ssr::guard::state()?;
    let key = row.key();
    let topics = catalogue(&key).await?;
    let user = crate::ssr::signed_in_user().await?;
    let stored = match &user {
        Some(u) => {
            db::enrolment::profile_for(
                &state.db,
                &u.account_key(),
                &u.email,
                &db::ProgramKey::new(key.as_str()),
            )
            .await?
        }
        None => None,
    };
    let enrolled = stored
        .as_ref()
        .and_then(|s| s.enrolment.as_ref())
        .map(|e| role_name(e.as_mentor, e.as_mentee).to_owned());
    let prefill = stored.as_ref().map(|s| prefill_of(s, &topics));
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
        prefill,
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
    domain::validate_email(&email)?;
    domain::validate_display_name(&name)?;
    let name = name.trim().to_owned();
    domain::validate_password(&password)?;
    if db::users::find_by_email(&state.db, &email).await?.is_some() {
        return Err(fail(ErrorKind::EmailTaken));
    }
    // Someone HR imported: the record holds their HR data, so whoever types this address must
    // first show it is theirs. They get the program invitation by email instead of an account.
    if let Some(path) = invite_known_address(&row, &email, &token).await? {
        return Ok(crate::accounts::auth::form_redirect(path));
    }
    let hash = crate::ssr::auth::hash_password(password).await?;
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
    // A new session id whoever held the old one (axum-login cycles it only for an anonymous
    // session): a session id planted while signed in as someone else is worth nothing after.
    auth.session.cycle_id().await.map_err(internal)?;
    auth.login(&user).await.map_err(internal)?;
    auth.session
        .insert(crate::ssr::auth::SIGNED_IN_AT, chrono::Utc::now().timestamp())
        .await
        .map_err(internal)?;
    Ok(crate::accounts::auth::form_redirect(format!("/join/{token}")))
}

/// When `email` belongs to an employee record without an account, the signup link does not
/// create one (the record holds HR's data about that person): someone enrolled in this program
/// is sent the program invitation instead, and the answer is the signup page saying so; an
/// employee who is not enrolled here is refused (409) and asked to request an invitation.
/// `None` for an address nobody knows.
#[cfg(feature = "ssr")]
async fn invite_known_address(
    row: &ProgramRow,
    email: &str,
    token: &str,
) -> Result<Option<String>, AppError> {
    use db::program_invitations as invitations;
    use domain::invitation::Sending;
    let state = crate::ssr::guard::state()?;
    let key = row.key();
    let enrolled = invitations::invitees(&state.db, &key)
        .await?
        .into_iter()
        .find(|p| p.email == email && !p.has_account);
    if let Some(person) = enrolled {
        let lang = crate::programs::invitations::owner_lang(row).await?;
        let mail = crate::programs::invitations::outgoing(&person, row, lang, &state.base_url);
        invitations::send(
            &state.db,
            &db::ProgramKey::new(key.as_str()),
            Sending::One,
            chrono::Utc::now(),
            &db::AccountKey::new(row.owner_key()),
            &[mail],
        )
        .await?;
        return Ok(Some(format!("/join/{token}?check_email=1")));
    }
    if db::enrolment::employee_exists(&state.db, email).await? {
        return Err(fail(ErrorKind::EmailKnown));
    }
    Ok(None)
}

/// Checks a posted profile and enrols the person with it: blank fields are first filled from
/// what is stored (so they keep HR's values), then every check runs on the result — time zone
/// real, manager an employee, topics from the program's catalogue. With `fixed_role` the role
/// stays the one HR gave (the form cannot change it once matching has started).
#[cfg(feature = "ssr")]
async fn enrol(
    user: &SessionUser,
    program: &ProgramRow,
    profile: ProfileForm,
    fixed_role: bool,
) -> Result<domain::profile::ValidProfile, AppError> {
    let state = crate::ssr::guard::state()?;
    let key = program.key();
    let topics = catalogue(&key).await?;
    let (account, program_key) = (user.account_key(), db::ProgramKey::new(key.as_str()));
    let stored = db::enrolment::profile_for(&state.db, &account, &user.email, &program_key).await?;
    let mut profile = match &stored {
        Some(s) => profile.or_stored(&prefill_of(s, &topics).form),
        None => profile,
    };
    if fixed_role && let Some(e) = stored.as_ref().and_then(|s| s.enrolment.as_ref()) {
        role_name(e.as_mentor, e.as_mentee).clone_into(&mut profile.role);
    }
    let keys: Vec<String> = topics.into_iter().map(|(k, _, _)| k).collect();
    let today = db::programs::to_date(chrono::Utc::now());
    let valid = profile.validate(today, &keys, &user.email)?;
    if !db::enrolment::is_time_zone(&valid.time_zone) {
        return Err(ProfileError::TimeZone.into());
    }
    if let Some(manager) = &valid.manager_email
        && !db::enrolment::employee_exists(&state.db, manager).await?
    {
        return Err(ProfileError::UnknownManager.into());
    }
    db::enrolment::join(&state.db, &account, &user.email, &user.name, &program_key, &valid).await?;
    Ok(valid)
}

/// Enrols the signed-in person in the program with their profile and role; they accept the
/// program agreement by doing so. Joining again updates the profile; a field left blank keeps
/// what is stored. Answers the role.
#[server(endpoint = "join_program")]
pub async fn join_program(token: String, profile: ProfileForm) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let row = program_of_token(&token).await?;
    if row.status() != ProgramStatus::Enrolling {
        return Err(fail(ErrorKind::SignupClosed));
    }
    let valid = enrol(&user, &row, profile, false).await?;
    crate::ssr::guard::audit(&user, "program.join", &format!("program:{}", row.key())).await?;
    Ok(valid.role.as_str().to_owned())
}

/// The program `key` if the signed-in person is enrolled in it and may complete their profile
/// there (enrolling, matching or active); "not found" otherwise, exactly as for a program that
/// does not exist.
#[cfg(feature = "ssr")]
async fn my_program(user: &SessionUser, key: &str) -> Result<(ProgramRow, StoredProfile), AppError> {
    crate::ssr::guard::check_key(key)?;
    let state = crate::ssr::guard::state()?;
    let not_found = || fail(ErrorKind::NotFound);
    let row = db::programs::find(&state.db, key)
        .await?
        .filter(|p| {
            matches!(
                p.status(),
                ProgramStatus::Enrolling | ProgramStatus::Matching | ProgramStatus::Active
            )
        })
        .ok_or_else(not_found)?;
    let stored = db::enrolment::profile_for(
        &state.db,
        &user.account_key(),
        &user.email,
        &db::ProgramKey::new(key),
    )
    .await?
    .filter(|s| s.enrolment.is_some())
    .ok_or_else(not_found)?;
    Ok((row, stored))
}

/// The profile-completion page of a program the signed-in person is enrolled in: the program's
/// agreement and catalogue, and their profile filled in with what is stored (HR's import), with
/// the fields that came from HR named.
#[server(endpoint = "load_profile")]
pub async fn load_profile(program: String) -> Result<ProfileView, AppError> {
    let user = require(Role::Participant).await?;
    let (row, stored) = my_program(&user, &program).await?;
    let topics = catalogue(&program).await?;
    let prefill = prefill_of(&stored, &topics);
    let (as_mentor, as_mentee, agreed) = stored.enrolment.as_ref().map_or((false, false, false), |e| {
        (e.as_mentor, e.as_mentee, e.agreement_accepted_at.is_some())
    });
    let complete = domain::profile::profile_complete(
        as_mentor,
        as_mentee,
        !prefill.form.can_teach.is_empty(),
        !prefill.form.wants_to_learn.is_empty(),
        agreed,
    );
    Ok(ProfileView {
        program: program.clone(),
        name: row.name.clone(),
        status: row.status(),
        mentor_expectations: row.mentor_expectations.clone(),
        mentee_expectations: row.mentee_expectations.clone(),
        topics,
        prefill,
        agreed,
        role_fixed: row.status() != ProgramStatus::Enrolling,
        complete,
    })
}

/// Saves the signed-in person's profile for a program they are enrolled in (enrolling, matching
/// or active) and records that they accept its agreement. A field left blank keeps what is
/// stored; once matching has started the role stays as HR set it. Without JavaScript the form
/// comes back to the page, which then confirms. Answers the page to show.
#[server(endpoint = "save_profile")]
pub async fn save_profile(program: String, profile: ProfileForm) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let (row, _) = my_program(&user, &program).await?;
    enrol(&user, &row, profile, row.status() != ProgramStatus::Enrolling).await?;
    crate::ssr::guard::audit(&user, "profile.save", &format!("program:{program}")).await?;
    Ok(crate::accounts::auth::form_redirect(format!(
        "/profile/{program}?saved=1"
    )))
}
