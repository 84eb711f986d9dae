//! Training server functions: HR builds a program's modules (create, edit, reorder, remove, add
//! the starter set, preview); participants read "My training", mark readings and links done,
//! tick checklist items and take quizzes.
//!
//! Who may do what: module editing is for the program's owner (admins own all); anyone else,
//! participants included, gets "not found". A participant reaches a module only through an
//! active enrolment in its program on a side the module is for (checked inside the database
//! query, `db::training`); the program's owner may preview it.

#![allow(
    clippy::too_many_arguments,
    reason = "server functions take one argument per form field, as the browser posts them; \
              the browser half #[server] generates does not carry an attribute put on the function"
)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::training::model::{ModuleDraft, ModuleSummary, ModuleView, RemoveOutcome, TrainingOverview};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::guard::check_key,
    crate::ssr::{SessionUser, fail, require},
    db::training::{ModuleRow, Removal, Taken},
    domain::training::{ModuleInput, ModuleKind, Progress, TrainingError},
    domain::{Lang, Role},
};

/// The module, if the asker owns its program (admins own all).
#[cfg(feature = "ssr")]
async fn owned_module(user: &SessionUser, module: &str) -> Result<ModuleRow, AppError> {
    check_key(module)?;
    let state = crate::ssr::guard::state()?;
    let row = db::training::get(&state.db, module)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    crate::programs::api::owned_program(user, &db::key_of(&row.program)).await?;
    Ok(row)
}

/// A title in `lang`, or in the other language when it has none in `lang`.
#[cfg(feature = "ssr")]
fn pick(lang: Lang, es: &str, en: &str) -> String {
    domain::training::Texts::new(es, en).get(lang).to_owned()
}

/// A program's modules in their order (its owner only).
#[server(endpoint = "training_modules")]
pub async fn training_modules(program: String) -> Result<Vec<ModuleSummary>, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    db::training::list(&state.db, &program)
        .await?
        .into_iter()
        .map(|row| {
            let m = row.input()?;
            Ok(ModuleSummary {
                key: row.key(),
                kind: m.kind,
                title: pick(lang, &m.title_es, &m.title_en),
                minutes: m.minutes,
                audience: m.audience,
                required: m.required,
                completions: row.completions,
            })
        })
        .collect::<Result<_, db::DbError>>()
        .map_err(AppError::from)
}

/// The editor's values for module `module` of the program, or for a new one when `module` is
/// empty (a required reading for both sides, 5 minutes, pass mark 75 %).
#[server(endpoint = "training_module_draft")]
pub async fn training_module_draft(program: String, module: String) -> Result<ModuleDraft, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    if module.is_empty() {
        return Ok(ModuleDraft {
            kind: "reading".to_owned(),
            minutes: 5,
            audience: "both".to_owned(),
            required: true,
            pass_percent: 75,
            ..ModuleDraft::default()
        });
    }
    let row = owned_module(&user, &module).await?;
    if db::key_of(&row.program) != program {
        return Err(fail(ErrorKind::NotFound));
    }
    let m = row.input()?;
    let (items_es, items_en) = domain::training::items_to_lines(&m.items);
    let (questions_es, questions_en) = domain::training::questions_to_text(&m.questions);
    Ok(ModuleDraft {
        key: row.key(),
        title_es: m.title_es,
        title_en: m.title_en,
        body_es: m.body_es,
        body_en: m.body_en,
        kind: m.kind.as_str().to_owned(),
        url: m.url,
        minutes: m.minutes,
        audience: m.audience.as_str().to_owned(),
        required: m.required,
        items_es,
        items_en,
        questions_es,
        questions_en,
        pass_percent: if m.pass_percent == 0 { 75 } else { m.pass_percent },
    })
}

/// Reads the editor's fields into a module, validated.
#[cfg(feature = "ssr")]
fn module_from_form(
    d: &ModuleDraft,
    minutes: &str,
    pass_percent: &str,
) -> Result<ModuleInput, TrainingError> {
    let kind = ModuleKind::parse(d.kind.trim()).ok_or(TrainingError::Kind)?;
    let audience = domain::training::Audience::parse(d.audience.trim()).ok_or(TrainingError::Audience)?;
    let minutes: u32 = minutes.trim().parse().map_err(|_| TrainingError::Minutes)?;
    let (items, questions, pass) = match kind {
        ModuleKind::Checklist => (
            domain::training::items_from_lines(&d.items_es, &d.items_en)?,
            Vec::new(),
            0,
        ),
        ModuleKind::Quiz => (
            Vec::new(),
            domain::training::questions_from_text(&d.questions_es, &d.questions_en)?,
            pass_percent.trim().parse().map_err(|_| TrainingError::PassMark)?,
        ),
        ModuleKind::Reading | ModuleKind::Link => (Vec::new(), Vec::new(), 0),
    };
    domain::training::validate_module(&ModuleInput {
        title_es: d.title_es.clone(),
        title_en: d.title_en.clone(),
        body_es: d.body_es.clone(),
        body_en: d.body_en.clone(),
        kind,
        url: d.url.clone(),
        minutes,
        audience,
        required: d.required,
        items,
        questions,
        pass_percent: pass,
    })
}

/// Creates a module at the end of the program's list (`key` empty) or replaces module `key`'s
/// texts and settings; answers the module's page in the program's training list. The same
/// `submission` key again answers the first result. Errors: 422 naming the field for a refused
/// input; 404 for a program or module that is not the asker's.
#[server(endpoint = "save_training_module")]
pub async fn save_training_module(
    program: String,
    #[server(default)] key: String,
    #[server(default)] title_es: String,
    #[server(default)] title_en: String,
    #[server(default)] body_es: String,
    #[server(default)] body_en: String,
    #[server(default)] kind: String,
    #[server(default)] url: String,
    #[server(default)] minutes: String,
    #[server(default)] audience: String,
    #[server(default)] required: crate::form::Checkbox,
    #[server(default)] items_es: String,
    #[server(default)] items_en: String,
    #[server(default)] questions_es: String,
    #[server(default)] questions_en: String,
    #[server(default)] pass_percent: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::open_program(&user, &program).await?;
    let draft = ModuleDraft {
        key: key.clone(),
        title_es,
        title_en,
        body_es,
        body_en,
        kind,
        url,
        minutes: 0,
        audience,
        required: required.ticked(),
        items_es,
        items_en,
        questions_es,
        questions_en,
        pass_percent: 0,
    };
    let module = module_from_form(&draft, &minutes, &pass_percent)?;
    let state = crate::ssr::guard::state()?;
    if !key.is_empty() {
        let row = owned_module(&user, &key).await?;
        if db::key_of(&row.program) != program || !db::training::update(&state.db, &key, &module).await? {
            return Err(fail(ErrorKind::NotFound));
        }
        crate::ssr::guard::audit(&user, "training.module_edit", &format!("training_module:{key}")).await?;
        return Ok(crate::accounts::auth::form_redirect(format!(
            "/programs/{program}/training"
        )));
    }
    crate::ssr::submission::once(&user, "training.module_create", &submission, || async {
        let keys = db::training::add(&state.db, &program, std::slice::from_ref(&module)).await?;
        let key = keys.first().cloned().unwrap_or_default();
        crate::ssr::guard::audit(&user, "training.module_create", &format!("training_module:{key}")).await?;
        Ok(crate::accounts::auth::form_redirect(format!(
            "/programs/{program}/training"
        )))
    })
    .await
}

/// Adds the starter set (`domain::training::starter`) to the program: each of its modules whose
/// Spanish title the program does not have yet, so a second click adds nothing. Answers how many
/// were added.
#[server(endpoint = "add_starter_training")]
pub async fn add_starter_training(program: String) -> Result<usize, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::open_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let have: Vec<String> = db::training::list(&state.db, &program)
        .await?
        .into_iter()
        .map(|m| m.title_es)
        .collect();
    let missing: Vec<ModuleInput> = domain::training::starter::starter_set()
        .into_iter()
        .filter(|m| !have.contains(&m.title_es))
        .collect();
    if !missing.is_empty() {
        db::training::add(&state.db, &program, &missing).await?;
        crate::ssr::guard::audit(&user, "training.starter_set", &format!("program:{program}")).await?;
    }
    crate::accounts::auth::form_redirect(format!("/programs/{program}/training"));
    Ok(missing.len())
}

/// Moves module `module` to place `to` (0-based) in its program's list.
#[server(endpoint = "move_training_module")]
pub async fn move_training_module(module: String, to: usize) -> Result<(), AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_module(&user, &module).await?;
    crate::programs::api::open_program(&user, &db::key_of(&row.program)).await?;
    let state = crate::ssr::guard::state()?;
    if !db::training::move_to(&state.db, &module, to).await? {
        return Err(fail(ErrorKind::NotFound));
    }
    crate::accounts::auth::form_redirect(format!("/programs/{}/training", db::key_of(&row.program)));
    Ok(())
}

/// Removes a module with everyone's progress in it. One that people completed is removed only
/// with `confirm`; without it nothing changes and the answer says how many completed it.
#[server(endpoint = "remove_training_module")]
pub async fn remove_training_module(
    module: String,
    #[server(default)] confirm: crate::form::Checkbox,
) -> Result<RemoveOutcome, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_module(&user, &module).await?;
    crate::programs::api::open_program(&user, &db::key_of(&row.program)).await?;
    let state = crate::ssr::guard::state()?;
    match db::training::remove(&state.db, &module, confirm.ticked()).await? {
        Removal::Removed => {
            crate::ssr::guard::audit(
                &user,
                "training.module_remove",
                &format!("training_module:{module}"),
            )
            .await?;
            crate::accounts::auth::form_redirect(format!("/programs/{}/training", db::key_of(&row.program)));
            Ok(RemoveOutcome::Removed)
        }
        Removal::HasCompletions(n) => Ok(RemoveOutcome::NeedsConfirmation(n)),
        Removal::NotFound => Err(fail(ErrorKind::NotFound)),
    }
}

/// Whether a module is complete for this progress.
#[cfg(feature = "ssr")]
fn is_done(p: Option<&db::training::ProgressRow>) -> bool {
    p.is_some_and(|p| p.completed_at.is_some())
}

/// The signed-in person's modules, required first, with their progress.
#[server(endpoint = "my_training")]
pub async fn my_training() -> Result<TrainingOverview, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let rows = db::training::mine(&state.db, &user.account_key()).await?;
    let mut modules = Vec::with_capacity(rows.len());
    for r in &rows {
        let m = r.module.input()?;
        modules.push(crate::training::model::MyModuleItem {
            key: r.module.key(),
            title: pick(lang, &m.title_es, &m.title_en),
            program: r.program_name.clone(),
            kind: m.kind,
            minutes: m.minutes,
            required: m.required,
            done: is_done(r.progress.as_ref()),
        });
    }
    let p = Progress::of(modules.iter().map(|m| (m.required, m.done)));
    Ok(TrainingOverview {
        modules,
        done: p.done,
        total: p.total,
        required_done: p.required_done,
        required_total: p.required_total,
        percent: p.percent(),
    })
}

/// A module's page: for a participant it is theirs to take, with their progress; for the
/// program's owner, a preview. Anyone else: 404.
#[server(endpoint = "training_module")]
pub async fn training_module(module: String) -> Result<ModuleView, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&module)?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let (row, program, progress, preview) = match db::training::my_module(
        &state.db,
        &user.account_key(),
        &db::TrainingModuleKey::new(module.clone()),
    )
    .await?
    {
        Some(mine) => (mine.module, mine.program_name, mine.progress, false),
        None if user.role.satisfies(Role::ProgramManager) => {
            let row = owned_module(&user, &module).await?;
            let program = crate::programs::api::owned_program(&user, &db::key_of(&row.program)).await?;
            (row, program.name, None, true)
        }
        None => return Err(fail(ErrorKind::NotFound)),
    };
    let m = row.input()?;
    let p = progress.unwrap_or_default();
    let ticked: Vec<usize> = p.ticked.iter().filter_map(|&i| usize::try_from(i).ok()).collect();
    Ok(ModuleView {
        key: row.key(),
        title: pick(lang, &m.title_es, &m.title_en),
        program,
        kind: m.kind,
        minutes: m.minutes,
        required: m.required,
        body_html: crate::training::markdown::to_safe_html(&pick(lang, &m.body_es, &m.body_en)),
        link: (!m.url.is_empty()).then(|| m.url.clone()),
        items: m
            .items
            .iter()
            .enumerate()
            .map(|(i, t)| crate::training::model::ItemView {
                label: t.get(lang).to_owned(),
                ticked: ticked.contains(&i),
            })
            .collect(),
        questions: m
            .questions
            .iter()
            .map(|q| crate::training::model::QuestionView {
                prompt: q.prompt.get(lang).to_owned(),
                options: q.options.iter().map(|o| o.get(lang).to_owned()).collect(),
            })
            .collect(),
        pass_percent: m.pass_percent,
        done: p.completed_at.is_some(),
        attempts: p.attempts,
        best_percent: p.best_percent,
        last_wrong: p
            .last_wrong
            .iter()
            .filter_map(|&i| usize::try_from(i).ok())
            .collect(),
        preview,
    })
}

/// The signed-in person's module `module`, or 404.
#[cfg(feature = "ssr")]
async fn my_module(user: &SessionUser, module: &str) -> Result<ModuleInput, AppError> {
    check_key(module)?;
    let state = crate::ssr::guard::state()?;
    let mine = db::training::my_module(
        &state.db,
        &user.account_key(),
        &db::TrainingModuleKey::new(module),
    )
    .await?
    .ok_or_else(|| fail(ErrorKind::NotFound))?;
    Ok(mine.module.input()?)
}

#[cfg(feature = "ssr")]
fn taken(t: Taken, module: &str) -> Result<String, AppError> {
    match t {
        Taken::Done => Ok(crate::accounts::auth::form_redirect(format!(
            "/training/{module}"
        ))),
        Taken::NotFound => Err(fail(ErrorKind::NotFound)),
    }
}

/// Badges after progress in a module (completing the required training earns one).
#[cfg(feature = "ssr")]
async fn after_progress(user: &SessionUser, module: &str) -> Result<(), AppError> {
    let state = crate::ssr::guard::state()?;
    if let Some(row) = db::training::get(&state.db, module).await? {
        let program = db::ProgramKey::new(db::key_of(&row.program));
        crate::recognition::award::after_account(&state, &user.account_key(), &program).await;
    }
    Ok(())
}

/// Marks a reading or link module read (a repeat keeps the first time). A checklist or quiz is
/// completed by its items or a passed try instead: 409.
#[server(endpoint = "complete_training_module")]
pub async fn complete_training_module(module: String) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let m = my_module(&user, &module).await?;
    if !matches!(m.kind, ModuleKind::Reading | ModuleKind::Link) {
        return Err(fail(ErrorKind::TrainingKind));
    }
    let state = crate::ssr::guard::state()?;
    let answer = taken(
        db::training::mark_done(
            &state.db,
            &user.account_key(),
            &db::TrainingModuleKey::new(module.clone()),
        )
        .await?,
        &module,
    )?;
    after_progress(&user, &module).await?;
    Ok(answer)
}

/// Ticks checklist item `item` (0-based) of the module, or unticks it when `on` is not set.
#[server(endpoint = "tick_training_item")]
pub async fn tick_training_item(
    module: String,
    item: usize,
    #[server(default)] on: crate::form::Checkbox,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let m = my_module(&user, &module).await?;
    if m.kind != ModuleKind::Checklist {
        return Err(fail(ErrorKind::TrainingKind));
    }
    if item >= m.items.len() {
        return Err(fail(ErrorKind::BadRequest));
    }
    let state = crate::ssr::guard::state()?;
    let answer = taken(
        db::training::tick(
            &state.db,
            &user.account_key(),
            &db::TrainingModuleKey::new(module.clone()),
            item,
            on.ticked(),
            m.items.len(),
        )
        .await?,
        &module,
    )?;
    after_progress(&user, &module).await?;
    Ok(answer)
}

/// Takes the quiz once: `answers` maps `q0`, `q1`… to the chosen option's index. Answers the
/// score, whether it passed and the questions answered wrong (unanswered count as wrong); tries
/// are not limited.
#[server(endpoint = "submit_training_quiz")]
pub async fn submit_training_quiz(
    module: String,
    answers: Option<BTreeMap<String, String>>,
) -> Result<domain::training::QuizResult, AppError> {
    let user = require(Role::Participant).await?;
    let m = my_module(&user, &module).await?;
    if m.kind != ModuleKind::Quiz {
        return Err(fail(ErrorKind::TrainingKind));
    }
    let answers = answers.unwrap_or_default();
    let chosen: Vec<Option<usize>> = (0..m.questions.len())
        .map(|i| answers.get(&format!("q{i}")).and_then(|v| v.trim().parse().ok()))
        .collect();
    let result = domain::training::score_quiz(&m.questions, m.pass_percent, &chosen);
    let state = crate::ssr::guard::state()?;
    taken(
        db::training::record_try(
            &state.db,
            &user.account_key(),
            &db::TrainingModuleKey::new(module.clone()),
            &result,
        )
        .await?,
        &module,
    )?;
    if result.passed {
        after_progress(&user, &module).await?;
    }
    Ok(result)
}
