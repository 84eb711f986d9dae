//! HR's training progress view of a program: who of the active participants has completed the
//! required modules of their side, with counts, and "remind those who have not finished" (a
//! notification and an email, at most once a day per person).
//!
//! Both are for the program's owner (admins own all): another manager gets "not found", a
//! participant "forbidden". (The `#[server]` macro names the arguments of `training_progress`
//! `TrainingProgress`, as the answer is named in `model`: the answer is written with its path.)

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::ssr::guard::check_key,
    crate::ssr::require,
    crate::training::model::{ProgressColumn, ProgressPerson},
    domain::Role,
    domain::training::{Standing, Texts, column_counts, required_left},
};

/// The program's active participants (by name) against its required modules (in its order): for
/// each person where they stand on each module, how many are left and whether they finished;
/// for each module how many of those it is for completed it; and the totals.
#[server(endpoint = "training_progress")]
pub async fn training_progress(
    program: String,
) -> Result<crate::training::model::TrainingProgress, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let mut modules = Vec::new();
    for m in db::training::list(&state.db, &program).await? {
        let input = m.input()?;
        if input.required {
            modules.push((m.key(), input));
        }
    }
    let people = db::training::progress_grid(&state.db, &db::ProgramKey::new(program.as_str())).await?;
    let rows: Vec<ProgressPerson> = people
        .into_iter()
        .map(|p| {
            let standings: Vec<Standing> = modules
                .iter()
                .map(|(key, m)| {
                    let completed = p.completed.iter().any(|c| c.as_str() == key);
                    Standing::of(m.audience, p.as_mentor, p.as_mentee, completed)
                })
                .collect();
            let left = required_left(&standings);
            ProgressPerson {
                employee: p.employee.into_string(),
                name: p.name,
                as_mentor: p.as_mentor,
                as_mentee: p.as_mentee,
                standings,
                left,
                finished: left == 0,
            }
        })
        .collect();
    let standings: Vec<Vec<Standing>> = rows.iter().map(|r| r.standings.clone()).collect();
    let counts = column_counts(&standings, modules.len());
    let columns: Vec<ProgressColumn> = modules
        .into_iter()
        .zip(counts)
        .map(|((key, m), count)| ProgressColumn {
            key,
            title: Texts::new(&m.title_es, &m.title_en).get(lang).to_owned(),
            audience: m.audience,
            done: count.done,
            expected: count.expected,
        })
        .collect();
    Ok(crate::training::model::TrainingProgress {
        program: row.name,
        finished: rows.iter().filter(|r| r.finished).count(),
        done: columns.iter().map(|c| c.done).sum(),
        expected: columns.iter().map(|c| c.expected).sum(),
        columns,
        rows,
    })
}

/// Reminds the program's active participants who have a required module of their side left and
/// were not reminded in the last 24 hours (a notification and an email each); answers how many.
/// A plain form post (no JavaScript) returns to the progress page saying how many.
#[server(endpoint = "remind_training")]
pub async fn remind_training(program: String) -> Result<usize, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::open_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let reminded = db::training::remind_unfinished(
        &state.db,
        &db::ProgramKey::new(program.as_str()),
        &state.base_url,
        chrono::Utc::now(),
    )
    .await?;
    crate::ssr::guard::audit(&user, "training.remind", &format!("program:{program}")).await?;
    crate::accounts::auth::form_redirect(format!(
        "/programs/{program}/training/progress?reminded={reminded}"
    ));
    Ok(reminded)
}
