//! `/programs/:key/training/workshops/:workshop`: HR's attendance list of a workshop, made for a
//! phone at the door: one row per person holding a seat with two large choices, present or
//! absent, and one save. A plain form: it works without JavaScript (the answer comes back as
//! `?saved=N`).

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::training::workshops::attendance::{SaveWorkshopAttendance, workshop_attendance};
use crate::training::workshops::hr::place_line;
use crate::training::workshops::model::AttendanceSheet;

/// The page.
#[component]
pub fn WorkshopAttendancePage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Attendance />
        </RoleGate>
    }
}

#[component]
fn Attendance() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let workshop = move || params.with(|p| p.get("workshop")).unwrap_or_default();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let save = ServerAction::<SaveWorkshopAttendance>::new();
    let data = Resource::new(
        move || (workshop(), save.version().get()),
        |(w, _)| workshop_attendance(w),
    );
    let saved = move || match save.value().get() {
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => None,
        None => query
            .with(|q| q.get("saved"))
            .and_then(|v| v.parse::<usize>().ok()),
    };
    let status = move || {
        saved().map(|n| {
            view! {
                <p class="alert alert--ok" role="status" id="attendance-saved" data-saved=n>
                    {td_string!(i18n.get_locale(), workshops.attendance_saved, count = n)}
                </p>
            }
        })
    };
    view! {
        <section class="page training-hr attendance-page">
            <p><a href=move || format!("/programs/{}/training#workshops", program())>"← " {t!(i18n, training.back_to_training)}</a></p>
            <h1>{t!(i18n, workshops.attendance_title)}</h1>
            <FormError result=Signal::derive(move || save.value().get().map(|r| r.map(|_| ()))) />
            {status}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(sheet) => view! { <Sheet sheet save /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Sheet(sheet: AttendanceSheet, save: ServerAction<SaveWorkshopAttendance>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let w = sheet.workshop;
    let head = view! {
        <h2>{w.title.clone()}</h2>
        <p>{w.when.clone()} " · " {td_string!(locale, training.minutes, minutes = w.minutes)}</p>
        <p class="muted">{place_line(&w.place, &w.video_url)}</p>
    };
    if sheet.people.is_empty() {
        return view! {
            {head}
            <p class="muted empty" id="attendance-empty">{t!(i18n, workshops.attendance_none)}</p>
        }
        .into_any();
    }
    let present = sheet.people.iter().filter(|p| p.attended == Some(true)).count();
    let rows = sheet
        .people
        .into_iter()
        .map(|p| {
            let name = format!("marks[e_{}]", p.employee);
            let yes = format!("present-{}", p.employee);
            let no = format!("absent-{}", p.employee);
            view! {
                <fieldset class="attendance-row" data-employee=p.employee.clone()>
                    <legend>{p.name.clone()} <span class="muted">" · " {p.email.clone()}</span></legend>
                    <div class="choices choices--inline">
                        <label class="choice choice--big" for=yes.clone()>
                            <input type="radio" id=yes.clone() name=name.clone() value="present" checked=p.attended == Some(true) />
                            <span>{t!(i18n, workshops.present)}</span>
                        </label>
                        <label class="choice choice--big" for=no.clone()>
                            <input type="radio" id=no.clone() name=name value="absent" checked=p.attended == Some(false) />
                            <span>{t!(i18n, workshops.absent)}</span>
                        </label>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        {head}
        <p id="attendance-count">
            {td_string!(locale, workshops.attendance_count, present = present, registered = w.registered)}
        </p>
        {(!w.attendance_open).then(|| view! {
            <p class="alert" role="status">{t!(i18n, workshops.err_attendance_not_open)}</p>
        })}
        <ActionForm action=save attr:class="form" attr:id="attendance-form">
            <input type="hidden" name="workshop" value=w.key.clone() />
            {rows}
            <button type="submit" class="button button--primary button--wide" id="save-attendance"
                disabled=!w.attendance_open>
                {t!(i18n, workshops.attendance_save)}
            </button>
        </ActionForm>
    }
    .into_any()
}
