//! Workshop server functions: HR plans, changes and calls off a program's workshops;
//! participants see those of their programs for their side, register (a seat or the waiting
//! list) and cancel.
//!
//! Who may do what: planning is for the program's owner (admins own all), in a program that is
//! not closed; anyone else gets "not found", participants "forbidden". A participant reaches a
//! workshop only through an active enrolment on a side it is for (checked inside the database
//! query, `db::workshops`), so another program's workshop is "not found". Registration,
//! cancelling and HR's changes close when the workshop starts (409).

#![allow(
    clippy::too_many_arguments,
    reason = "server functions take one argument per form field, as the browser posts them; \
              the browser half #[server] generates does not carry an attribute put on the function"
)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::training::workshops::model::{MySeat, MyWorkshopView, WorkshopDraft, WorkshopSummary};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::calendar,
    crate::ssr::guard::check_key,
    crate::ssr::{SessionUser, fail, require},
    crate::training::workshops::model::ModuleChoice,
    chrono::{DateTime, Utc},
    db::WorkshopKey,
    db::workshops::{Cancellation, Registration, Saved, WorkshopRow},
    domain::training::workshop::{ValidWorkshop, WorkshopError, WorkshopForm, attendance_open},
    domain::training::{Audience, Texts},
    domain::{Lang, Role},
};

/// How far back "My training" lists workshops, in days (so attended ones stay in view a while).
#[cfg(feature = "ssr")]
const SHOWN_DAYS_BACK: i64 = 30;

/// The workshop and its program, if the asker owns the program (admins own all).
#[cfg(feature = "ssr")]
pub(crate) async fn owned_workshop(
    user: &SessionUser,
    key: &str,
) -> Result<(WorkshopRow, db::programs::ProgramRow), AppError> {
    check_key(key)?;
    let state = crate::ssr::guard::state()?;
    let row = db::workshops::get(&state.db, &WorkshopKey::new(key))
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let program = crate::programs::api::owned_program(user, &db::key_of(&row.program)).await?;
    Ok((row, program))
}

/// Minutes from `now` until the workshop starts (negative once started).
#[cfg(feature = "ssr")]
pub(crate) fn minutes_to_start(row: &WorkshopRow, now: DateTime<Utc>) -> i64 {
    (row.starts_at - now).num_minutes()
}

/// The workshop as HR's list shows it, in `lang`; `modules` names the program's modules.
#[cfg(feature = "ssr")]
pub(crate) fn summary(
    row: &WorkshopRow,
    lang: Lang,
    modules: &[ModuleChoice],
    now: DateTime<Utc>,
) -> Result<WorkshopSummary, AppError> {
    let audience = db::stored("workshop audience", &row.audience, Audience::parse)?;
    let module = row.module.as_ref().and_then(|m| {
        let key = db::key_of(m);
        modules.iter().find(|c| c.key == key).map(|c| c.title.clone())
    });
    let to_start = minutes_to_start(row, now);
    Ok(WorkshopSummary {
        key: row.key().into_string(),
        title: Texts::new(&row.title_es, &row.title_en).get(lang).to_owned(),
        when: calendar::when(row.starts_at, &row.time_zone, lang),
        minutes: row.duration_minutes,
        place: row.place.clone(),
        video_url: row.video_url.clone(),
        capacity: row.capacity,
        registered: row.registered,
        waiting: row.waiting,
        audience,
        module,
        started: row.starts_at <= now,
        attendance_open: attendance_open(to_start),
    })
}

/// The program's modules by title in `lang`, for "counts as".
#[cfg(feature = "ssr")]
async fn module_choices(program: &str, lang: Lang) -> Result<Vec<ModuleChoice>, AppError> {
    let state = crate::ssr::guard::state()?;
    Ok(db::training::list(&state.db, program)
        .await?
        .into_iter()
        .map(|m| ModuleChoice {
            key: m.key(),
            title: Texts::new(&m.title_es, &m.title_en).get(lang).to_owned(),
        })
        .collect())
}

/// A program's workshops, soonest first (its owner only).
#[server(endpoint = "program_workshops")]
pub async fn program_workshops(program: String) -> Result<Vec<WorkshopSummary>, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let modules = module_choices(&program, lang).await?;
    let now = Utc::now();
    db::workshops::list(&state.db, &db::ProgramKey::new(program.as_str()))
        .await?
        .iter()
        .map(|row| summary(row, lang, &modules, now))
        .collect()
}

/// The editor's values for workshop `workshop` of the program, or for a new one when it is
/// empty: a week from today at 10:00 in HR's own zone, 90 minutes, 20 seats, for both sides.
#[server(endpoint = "workshop_editor")]
pub async fn workshop_editor(program: String, workshop: String) -> Result<WorkshopDraft, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let modules = module_choices(&program, lang).await?;
    if workshop.is_empty() {
        let zone = db::employees::time_zone_of_account(&state.db, &user.key).await?;
        let (date, _) = calendar::local_fields(Utc::now() + chrono::Duration::days(7), &zone);
        return Ok(WorkshopDraft {
            key: String::new(),
            form: WorkshopForm {
                date,
                time: "10:00".to_owned(),
                minutes: "90".to_owned(),
                time_zone: zone,
                capacity: "20".to_owned(),
                audience: Audience::Both.as_str().to_owned(),
                ..WorkshopForm::default()
            },
            modules,
        });
    }
    let (row, _) = owned_workshop(&user, &workshop).await?;
    if db::key_of(&row.program) != program {
        return Err(fail(ErrorKind::NotFound));
    }
    let (date, time) = calendar::local_fields(row.starts_at, &row.time_zone);
    Ok(WorkshopDraft {
        key: row.key().into_string(),
        form: WorkshopForm {
            title_es: row.title_es,
            title_en: row.title_en,
            description_es: row.description_es,
            description_en: row.description_en,
            date,
            time,
            minutes: row.duration_minutes.to_string(),
            time_zone: row.time_zone,
            place: row.place.unwrap_or_default(),
            video_url: row.video_url.unwrap_or_default(),
            capacity: row.capacity.to_string(),
            audience: row.audience,
            module: row.module.as_ref().map(db::key_of).unwrap_or_default(),
        },
        modules,
    })
}

/// Checks HR's form and finds the start, which must exist in its zone and be in the future.
#[cfg(feature = "ssr")]
fn planned(form: &WorkshopForm) -> Result<(ValidWorkshop, DateTime<Utc>), AppError> {
    let w = form.validate()?;
    if calendar::zone(&w.when.time_zone).is_none() {
        return Err(WorkshopError::TimeZone.into());
    }
    let at = calendar::instant(&w.when).ok_or_else(|| AppError::from(WorkshopError::Time))?;
    if at <= Utc::now() {
        return Err(WorkshopError::Past.into());
    }
    if let Some(m) = &w.module {
        check_key(m).map_err(|_| AppError::from(WorkshopError::Module))?;
    }
    Ok((w, at))
}

/// Plans a workshop in the program (`workshop` empty) or changes one that has not started.
/// Answers the page to go back to (the program's training, at its workshops). A capacity
/// raised seats people from the waiting list (each is told); one below the seats taken is
/// refused. The same `submission` key again answers the first result (one workshop per click).
/// Errors: 422 naming the field for a refused input; 404 for a program or workshop that is not
/// the asker's; 409 for a workshop that has started or a closed program.
#[server(endpoint = "save_workshop")]
pub async fn save_workshop(
    program: String,
    #[server(default)] workshop: String,
    #[server(default)] title_es: String,
    #[server(default)] title_en: String,
    #[server(default)] description_es: String,
    #[server(default)] description_en: String,
    #[server(default)] date: String,
    #[server(default)] time: String,
    #[server(default)] minutes: String,
    #[server(default)] time_zone: String,
    #[server(default)] place: String,
    #[server(default)] video_url: String,
    #[server(default)] capacity: String,
    #[server(default)] audience: String,
    #[server(default)] module: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    let program_row = crate::programs::api::open_program(&user, &program).await?;
    let form = WorkshopForm {
        title_es,
        title_en,
        description_es,
        description_en,
        date,
        time,
        minutes,
        time_zone,
        place,
        video_url,
        capacity,
        audience,
        module,
    };
    let (w, at) = planned(&form)?;
    // A workshop of the program happens while it runs: by the end of its last day.
    if at > program_row.ends_on + chrono::Duration::days(1) {
        return Err(WorkshopError::AfterProgram.into());
    }
    let state = crate::ssr::guard::state()?;
    let module = w.module.clone().map(db::TrainingModuleKey::new);
    let back = format!("/programs/{program}/training#workshops");
    if workshop.is_empty() {
        return crate::ssr::submission::once(&user, "workshop.create", &submission, || async {
            let saved = db::workshops::add(
                &state.db,
                &db::ProgramKey::new(program.as_str()),
                &w,
                at,
                module.as_ref(),
            )
            .await?;
            let key = stored(saved)?;
            crate::ssr::guard::audit(&user, "workshop.create", &format!("workshop:{}", key.as_str())).await?;
            Ok(crate::accounts::auth::form_redirect(back.clone()))
        })
        .await;
    }
    let (row, _) = owned_workshop(&user, &workshop).await?;
    if db::key_of(&row.program) != program {
        return Err(fail(ErrorKind::NotFound));
    }
    if row.starts_at <= Utc::now() {
        return Err(fail(ErrorKind::WorkshopStarted));
    }
    let saved =
        db::workshops::update(&state.db, &row.key(), &w, at, module.as_ref(), &state.base_url).await?;
    let key = stored(saved)?;
    crate::ssr::guard::audit(&user, "workshop.update", &format!("workshop:{}", key.as_str())).await?;
    Ok(crate::accounts::auth::form_redirect(back))
}

/// The key of a stored workshop, or why it was not stored.
#[cfg(feature = "ssr")]
fn stored(saved: Saved) -> Result<WorkshopKey, AppError> {
    match saved {
        Saved::Done(key) => Ok(key),
        Saved::NotFound => Err(fail(ErrorKind::NotFound)),
        Saved::UnknownModule => Err(WorkshopError::Module.into()),
        Saved::BelowTaken(_) => Err(WorkshopError::CapacityBelowTaken.into()),
        Saved::AudienceHasPeople => Err(WorkshopError::AudienceHasPeople.into()),
    }
}

/// Calls off a workshop that has not started: everyone registered or waiting is told, and its
/// list goes. Answers how many were told. The page asks for confirmation first.
#[server(endpoint = "remove_workshop")]
pub async fn remove_workshop(workshop: String) -> Result<usize, AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, program) = owned_workshop(&user, &workshop).await?;
    crate::programs::api::open_program(&user, &program.key()).await?;
    let state = crate::ssr::guard::state()?;
    let told = match db::workshops::remove(&state.db, &row.key(), Utc::now(), &state.base_url).await? {
        db::workshops::Removal::Removed(n) => n,
        db::workshops::Removal::Started => return Err(fail(ErrorKind::WorkshopStarted)),
        db::workshops::Removal::NotFound => return Err(fail(ErrorKind::NotFound)),
    };
    crate::ssr::guard::audit(&user, "workshop.remove", &format!("workshop:{workshop}")).await?;
    crate::accounts::auth::form_redirect(format!("/programs/{}/training#workshops", program.key()));
    Ok(told)
}

/// The signed-in person's workshops (those of their programs for their side, from 30 days ago
/// on), soonest first, with where they stand on each.
#[server(endpoint = "my_workshops")]
pub async fn my_workshops() -> Result<Vec<MyWorkshopView>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let now = Utc::now();
    let zone = db::employees::time_zone_of_account(&state.db, &user.key).await?;
    let rows = db::workshops::mine(
        &state.db,
        &user.account_key(),
        now - chrono::Duration::days(SHOWN_DAYS_BACK),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let w = &m.workshop;
            let seat = match (m.status.as_deref(), m.position) {
                (Some("registered"), _) => MySeat::Registered,
                (Some("waiting"), Some(p)) => MySeat::Waiting(p),
                _ => MySeat::None,
            };
            let when = calendar::when(w.starts_at, &w.time_zone, lang);
            let mine = calendar::when(w.starts_at, &zone, lang);
            MyWorkshopView {
                key: w.key().into_string(),
                title: Texts::new(&w.title_es, &w.title_en).get(lang).to_owned(),
                description: Texts::new(&w.description_es, &w.description_en)
                    .get(lang)
                    .to_owned(),
                program: m.program_name.clone(),
                when_mine: (mine != when).then_some(mine),
                when,
                minutes: w.duration_minutes,
                place: w.place.clone(),
                video_url: w.video_url.clone().filter(|_| seat == MySeat::Registered),
                has_video: w.video_url.is_some(),
                seats_left: (w.capacity - w.registered).max(0),
                seat,
                open: w.starts_at > now,
                attended: m.attended,
            }
        })
        .collect())
}

/// Registers the signed-in person for the workshop: a seat while one is free, else the
/// waiting list. Answers where they stand (registering again answers the same). 409 once it
/// has started or its program is closed.
#[server(endpoint = "register_workshop")]
pub async fn register_workshop(workshop: String) -> Result<MySeat, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&workshop)?;
    let state = crate::ssr::guard::state()?;
    let key = WorkshopKey::new(workshop.as_str());
    let seat = match db::workshops::register(&state.db, &user.account_key(), &key, Utc::now()).await? {
        Registration::Registered => MySeat::Registered,
        Registration::Waiting => {
            let mine = db::workshops::my_workshop(&state.db, &user.account_key(), &key).await?;
            MySeat::Waiting(mine.and_then(|m| m.position).unwrap_or(1))
        }
        Registration::Closed => return Err(fail(ErrorKind::WorkshopStarted)),
        Registration::NotFound => return Err(fail(ErrorKind::NotFound)),
    };
    crate::accounts::auth::form_redirect(format!("/training#workshop-{workshop}"));
    Ok(seat)
}

/// Gives up the signed-in person's seat or place on the waiting list; a freed seat goes to the
/// first person waiting, who is told. 409 once it has started.
#[server(endpoint = "cancel_workshop_seat")]
pub async fn cancel_workshop_seat(workshop: String) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&workshop)?;
    let state = crate::ssr::guard::state()?;
    match db::workshops::cancel(
        &state.db,
        &user.account_key(),
        &WorkshopKey::new(workshop.as_str()),
        Utc::now(),
        &state.base_url,
    )
    .await?
    {
        Cancellation::Cancelled | Cancellation::NotRegistered => {}
        Cancellation::Closed => return Err(fail(ErrorKind::WorkshopStarted)),
        Cancellation::NotFound => return Err(fail(ErrorKind::NotFound)),
    }
    crate::accounts::auth::form_redirect(format!("/training#workshop-{workshop}"));
    Ok(())
}
