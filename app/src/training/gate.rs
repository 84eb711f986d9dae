//! Training required before matching: the program's switch (HR's training page) and HR's
//! waiver for one person (the pairing board). When the switch is on, the pairing engine leaves
//! out whoever has not completed the required modules of their side (`training_incomplete`),
//! unless HR waived it for them; every change is audit-logged.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::error::AppError;
use crate::i18n::*;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::guard::check_key,
    crate::ssr::{fail, require},
    domain::Role,
};

/// Whether the program requires its training before matching (its owner only).
#[server(endpoint = "training_required")]
pub async fn training_required(program: String) -> Result<bool, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    Ok(db::training::gate(&state.db, &db::ProgramKey::new(program))
        .await?
        .required)
}

/// Switches "required training must be complete before matching" (its owner only).
#[server(endpoint = "set_training_required")]
pub async fn set_training_required(
    program: String,
    #[server(default)] required: crate::form::Checkbox,
) -> Result<bool, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::open_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let on = required.ticked();
    db::training::set_required(&state.db, &db::ProgramKey::new(program.clone()), on).await?;
    let action = if on {
        "training.require"
    } else {
        "training.not_require"
    };
    crate::ssr::guard::audit(&user, action, &format!("program:{program}")).await?;
    crate::accounts::auth::form_redirect(format!("/programs/{program}/training"));
    Ok(on)
}

/// Waives the required training for one participant of the program (its owner only): they can
/// be matched without it. Answers to the pairing board. Errors: 404 for a program that is not the
/// asker's or a person not taking part in it.
#[server(endpoint = "waive_training")]
pub async fn waive_training(program: String, employee: String) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    check_key(&employee)?;
    crate::programs::api::open_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let waived = db::training::waive(
        &state.db,
        &db::ProgramKey::new(program.clone()),
        &db::EmployeeKey::new(employee.clone()),
    )
    .await?;
    if !waived {
        return Err(fail(ErrorKind::NotFound));
    }
    crate::ssr::guard::audit(
        &user,
        "training.waive",
        &format!("program:{program} employee:{employee}"),
    )
    .await?;
    Ok(crate::accounts::auth::form_redirect(format!(
        "/programs/{program}/pairs"
    )))
}

/// HR's switch on the program's training page.
#[component]
pub fn TrainingGate(program: String) -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetTrainingRequired>::new();
    let current = Resource::new(
        {
            let program = program.clone();
            move || (program.clone(), set.version().get())
        },
        |(p, _)| training_required(p),
    );
    view! {
        <div class="card training-gate">
            <FormError result=Signal::derive(move || set.value().get().map(|r| r.map(|_| ()))) />
            <Suspense fallback=|| ()>
                {move || {
                    let program = program.clone();
                    Suspend::new(async move {
                        match current.await {
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                            Ok(on) => view! {
                                <ActionForm action=set attr:class="form">
                                    <input type="hidden" name="program" value=program />
                                    <label class="choice" for="require-training">
                                        <input type="checkbox" id="require-training" name="required" value="true" checked=on />
                                        <span>{t!(i18n, training.require_label)}</span>
                                    </label>
                                    <p class="hint">{t!(i18n, training.require_hint)}</p>
                                    <button type="submit" class="button" id="save-require">{t!(i18n, training.require_save)}</button>
                                </ActionForm>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}
