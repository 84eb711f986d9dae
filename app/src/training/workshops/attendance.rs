//! HR's attendance of a workshop: the people holding a seat, marked present or absent in one
//! save, from an hour before the start on. A person marked present has the module the
//! workshop counts as completed; attended minutes count on completion certificates.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::training::workshops::model::AttendanceSheet;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{fail, require},
    crate::training::workshops::api::{minutes_to_start, owned_workshop, summary},
    crate::training::workshops::model::Attendee,
    chrono::Utc,
    domain::Role,
    domain::training::workshop::attendance_open,
};

/// The workshop and the people holding a seat, by name (its program's owner only).
#[server(endpoint = "workshop_attendance")]
pub async fn workshop_attendance(workshop: String) -> Result<AttendanceSheet, AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, program) = owned_workshop(&user, &workshop).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let people = db::workshops::attendees(&state.db, &row.key())
        .await?
        .into_iter()
        .map(|a| Attendee {
            employee: db::key_of(&a.employee),
            name: a.name,
            email: a.email,
            attended: a.attended,
        })
        .collect();
    Ok(AttendanceSheet {
        program: program.key(),
        workshop: summary(&row, lang, &[], Utc::now())?,
        people,
    })
}

/// Records attendance in one save: `marks` maps `e_` + each employee key to `present` or
/// `absent` (anything else, and people without a seat, are left as they are; the prefix keeps a
/// key made of digits from reading as a list index in the form's encoding). Answers how many marks
/// were recorded. 409 before attendance opens (an hour before the start) and in a closed
/// program.
#[server(endpoint = "save_workshop_attendance")]
pub async fn save_workshop_attendance(
    workshop: String,
    marks: Option<BTreeMap<String, String>>,
) -> Result<usize, AppError> {
    let user = require(Role::ProgramManager).await?;
    let (row, program) = owned_workshop(&user, &workshop).await?;
    crate::programs::api::open_program(&user, &program.key()).await?;
    if !attendance_open(minutes_to_start(&row, Utc::now())) {
        return Err(fail(ErrorKind::AttendanceNotOpen));
    }
    let mut list = Vec::new();
    for (name, mark) in marks.unwrap_or_default() {
        let Some(employee) = name.strip_prefix("e_") else {
            continue;
        };
        let present = match mark.as_str() {
            "present" => true,
            "absent" => false,
            _ => continue,
        };
        crate::ssr::guard::check_key(employee)?;
        list.push((db::EmployeeKey::new(employee), present));
    }
    let state = crate::ssr::guard::state()?;
    let saved = db::workshops::save_attendance(&state.db, &row.key(), &list).await?;
    if row.module.is_some() {
        // Attending completed a module: the required training may now be done.
        let program_key = db::ProgramKey::new(program.key());
        for (employee, _) in list.iter().filter(|(_, present)| *present) {
            crate::recognition::award::after_employee(&state, employee, &program_key).await;
        }
    }
    crate::ssr::guard::audit(&user, "workshop.attendance", &format!("workshop:{workshop}")).await?;
    crate::accounts::auth::form_redirect(format!(
        "/programs/{}/training/workshops/{workshop}?saved={saved}",
        program.key()
    ));
    Ok(saved)
}
