//! `/programs`: HR's programs, and a form to start a new one.

use crate::components::error_view::ErrorView;
use crate::components::submission_key::SubmissionKey;
use domain::{ProgramStatus, Role, format_date};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::accounts::users_page::lang_of;
use crate::components::empty_state::EmptyState;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::programs::api::{CreateProgram, list_programs};
use leptos_i18n::I18nContext;

/// The translated name of a lifecycle stage.
pub fn stage_label(i18n: I18nContext<Locale>, status: ProgramStatus) -> &'static str {
    match status {
        ProgramStatus::Draft => t_string!(i18n, programs.stage_draft),
        ProgramStatus::Enrolling => t_string!(i18n, programs.stage_enrolling),
        ProgramStatus::Matching => t_string!(i18n, programs.stage_matching),
        ProgramStatus::Active => t_string!(i18n, programs.stage_active),
        ProgramStatus::Closed => t_string!(i18n, programs.stage_closed),
    }
}

/// A date in the current language.
pub fn show_date(i18n: I18nContext<Locale>, d: domain::Date) -> String {
    format_date(d.year, d.month, d.day, lang_of(i18n.get_locale())).unwrap_or_else(|| d.iso())
}

/// Programs page.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <ProgramList />
        </RoleGate>
    }
}

#[component]
fn ProgramList() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateProgram>::new();
    let programs = Resource::new(move || create.version().get(), |_| list_programs());
    // The enhanced form opens the new program; a plain form post comes back to this list.
    Effect::new(move |_| {
        if let Some(Ok(key)) = create.value().get() {
            let navigate = leptos_router::hooks::use_navigate();
            navigate(&format!("/programs/{key}"), Default::default());
        }
    });
    let result = Signal::derive(move || create.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="page">
            <h1>{t!(i18n, programs.title)}</h1>
            <p class="lead">{t!(i18n, programs.intro)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match programs.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <EmptyState
                                title=Signal::derive(move || t_string!(i18n, programs.empty_title).to_owned())
                                body=Signal::derive(move || t_string!(i18n, programs.empty_body).to_owned())
                            />
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ul class="program-list">
                                {list
                                    .into_iter()
                                    .map(|p| {
                                        let href = format!("/programs/{}", p.key);
                                        view! {
                                            <li class="program-card" data-status=p.status.as_str()>
                                                <a href=href class="program-card__name">{p.name.clone()}</a>
                                                <span class="badge" data-status=p.status.as_str()>{move || stage_label(i18n, p.status)}</span>
                                                <span class="muted">
                                                    {move || show_date(i18n, p.starts_on)} " – " {move || show_date(i18n, p.ends_on)}
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
            <section class="card" aria-labelledby="new-program">
                <h2 id="new-program">{t!(i18n, programs.new_title)}</h2>
                <ActionForm action=create attr:class="form form--row">
                    <SubmissionKey answers=create.version() />
                    <FormError result />
                    <div class="field">
                        <label for="program-name">{t!(i18n, programs.name)}</label>
                        <input id="program-name" name="input[name]" required maxlength="160" />
                    </div>
                    <div class="field">
                        <label for="program-starts">{t!(i18n, programs.starts_on)}</label>
                        <input id="program-starts" name="input[starts_on]" type="date" required />
                    </div>
                    <div class="field">
                        <label for="program-ends">{t!(i18n, programs.ends_on)}</label>
                        <input id="program-ends" name="input[ends_on]" type="date" required />
                    </div>
                    <input type="hidden" name="input[cadence_days]" value="14" />
                    <input type="hidden" name="input[meeting_minutes]" value="45" />
                    <button type="submit" class="button button--primary">{t!(i18n, programs.create)}</button>
                </ActionForm>
            </section>
        </section>
    }
}
