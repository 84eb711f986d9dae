//! Programs: HR designs cohorts and moves them through their lifecycle.
//!
//! A program manager sees and changes only their own programs; admins see all. Someone else's
//! program answers "not found", so its existence is not revealed.

use domain::{ProgramInput, ProgramStatus};
use leptos::prelude::*;

use crate::error::AppError;
use crate::{programs::model::ProgramDetail, programs::model::ProgramSummary};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{SessionUser, fail, require},
    db::programs::{self, ProgramRow},
    domain::Role,
};

#[cfg(feature = "ssr")]
fn summary(row: &ProgramRow) -> ProgramSummary {
    ProgramSummary {
        key: row.key(),
        name: row.name.clone(),
        status: row.status(),
        starts_on: programs::to_date(row.starts_on),
        ends_on: programs::to_date(row.ends_on),
    }
}

/// The program if `user` may touch it: the owner or an admin. Anything else is "not found".
#[cfg(feature = "ssr")]
pub(crate) async fn owned_program(user: &SessionUser, key: &str) -> Result<ProgramRow, AppError> {
    let state = crate::ssr::guard::state()?;
    match programs::find(&state.db, key).await? {
        Some(p) if user.role == Role::Admin || p.owner_key() == user.key => Ok(p),
        _ => Err(fail(ErrorKind::NotFound)),
    }
}

/// The program if `user` may change it: [`owned_program`], and not closed (a closed program is
/// read-only). Errors: 404 not theirs, 409 `ProgramClosed`.
#[cfg(feature = "ssr")]
pub(crate) async fn open_program(user: &SessionUser, key: &str) -> Result<ProgramRow, AppError> {
    let row = owned_program(user, key).await?;
    if row.status() == domain::ProgramStatus::Closed {
        return Err(fail(ErrorKind::ProgramClosed));
    }
    Ok(row)
}

/// The asker's programs (all of them for admins), newest first.
#[server(endpoint = "list_programs")]
pub async fn list_programs() -> Result<Vec<ProgramSummary>, AppError> {
    let user = require(Role::ProgramManager).await?;
    let state = crate::ssr::guard::state()?;
    let owner = (user.role != Role::Admin).then_some(user.key.as_str());
    let rows = programs::list(&state.db, owner).await?;
    Ok(rows.iter().map(summary).collect())
}

/// One program with its design, next stages and topics.
#[server(endpoint = "get_program")]
pub async fn get_program(key: String) -> Result<ProgramDetail, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_program(&user, &key).await?;
    let state = crate::ssr::guard::state()?;
    let topics = programs::topics(&state.db, &key).await?;
    Ok(ProgramDetail {
        summary: summary(&row),
        input: ProgramInput {
            name: row.name.clone(),
            purpose: row.purpose.clone(),
            objectives: row.objectives.join("\n"),
            mentor_expectations: row.mentor_expectations.clone(),
            mentee_expectations: row.mentee_expectations.clone(),
            starts_on: programs::to_date(row.starts_on).iso(),
            ends_on: programs::to_date(row.ends_on).iso(),
            cadence_days: i32::try_from(row.cadence_days).unwrap_or(14),
            meeting_minutes: i32::try_from(row.meeting_minutes).unwrap_or(45),
        },
        next: row.status().next_allowed().to_vec(),
        topics: topics
            .into_iter()
            .map(|t| (t.key, t.label_es, t.label_en))
            .collect(),
    })
}

/// Creates a draft program owned by the asker; answers its key. The same `submission` key again
/// answers the same program.
#[server(endpoint = "create_program")]
pub async fn create_program(
    input: ProgramInput,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    let valid = input.validate()?;
    crate::ssr::submission::once(&user, "program.create", &submission, || async {
        let state = crate::ssr::guard::state()?;
        let row = programs::create(&state.db, &user.key, &valid).await?;
        crate::ssr::guard::audit(&user, "program.create", &format!("program:{}", row.key())).await?;
        Ok(row.key())
    })
    .await
}

/// Saves a program's design (not allowed once it is closed).
#[server(endpoint = "update_program")]
pub async fn update_program(key: String, input: ProgramInput) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_program(&user, &key).await?;
    if row.status() == ProgramStatus::Closed {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let valid = input.validate()?;
    let state = crate::ssr::guard::state()?;
    programs::update(&state.db, &key, &valid).await?;
    crate::ssr::guard::audit(&user, "program.update", &format!("program:{key}")).await?;
    Ok(())
}

/// Moves a program to another lifecycle stage; closing needs `confirm`. Answers the new stage.
#[server(endpoint = "change_program_status")]
pub async fn change_program_status(
    key: String,
    to: ProgramStatus,
    #[server(default)] confirm: bool,
) -> Result<ProgramStatus, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_program(&user, &key).await?;
    let from = row.status();
    from.transition(to)
        .map_err(|_| fail(ErrorKind::ProgramTransition))?;
    if to == ProgramStatus::Closed && !confirm {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    programs::set_status(&state.db, &key, from, to)
        .await?
        .ok_or_else(|| fail(ErrorKind::ProgramStale))?;
    crate::ssr::guard::audit(
        &user,
        &format!("program.status.{}", to.as_str()),
        &format!("program:{key}"),
    )
    .await?;
    if to == ProgramStatus::Closed {
        // "Program completed" badges now rather than at the next minute's job.
        if let Err(e) = db::badges::refresh_closed_programs(&state.db, &state.base_url).await {
            tracing::warn!(error = %e, "awarding badges after closing a program failed");
        }
    }
    Ok(to)
}
