//! Copying a module from another of HR's programs into this one: the copy is a new module at
//! the end of the list, with nobody's progress.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::*;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::guard::check_key,
    crate::ssr::{fail, require},
    domain::Role,
};

/// A module HR may copy: `(module key, "program · title")` in the asker's language.
pub type Copyable = (String, String);

/// The modules of the asker's other programs (all programs' for admins), at most 200, to copy
/// into `program`.
#[server(endpoint = "copyable_training_modules")]
pub async fn copyable_training_modules(program: String) -> Result<Vec<Copyable>, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let owner = (user.role != Role::Admin).then_some(user.key.as_str());
    let others: Vec<db::programs::ProgramRow> = db::programs::list(&state.db, owner)
        .await?
        .into_iter()
        .filter(|p| db::key_of(&p.id) != program)
        .collect();
    let keys: Vec<db::ProgramKey> = others
        .iter()
        .map(|p| db::ProgramKey::new(db::key_of(&p.id)))
        .collect();
    let out = db::training::list_for_programs(&state.db, &keys)
        .await?
        .into_iter()
        .take(200)
        .map(|m| {
            let name = others
                .iter()
                .find(|p| p.id == m.program)
                .map(|p| p.name.as_str())
                .unwrap_or_default();
            let title = domain::training::Texts::new(&m.title_es, &m.title_en)
                .get(lang)
                .to_owned();
            (m.key(), format!("{name} · {title}"))
        })
        .collect();
    Ok(out)
}

/// Copies module `module` (of another program the asker owns) to the end of `program`'s list;
/// answers the training page. Errors: 404 for a program or module that is not the asker's.
#[server(endpoint = "copy_training_module")]
pub async fn copy_training_module(program: String, module: String) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&program)?;
    check_key(&module)?;
    crate::programs::api::open_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let source = db::training::get(&state.db, &module)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    crate::programs::api::owned_program(&user, &db::key_of(&source.program)).await?;
    let input = source.input()?;
    let keys = db::training::add(&state.db, &program, std::slice::from_ref(&input)).await?;
    let copy = keys.first().cloned().unwrap_or_default();
    crate::ssr::guard::audit(
        &user,
        "training.module_copy",
        &format!("training_module:{module} -> {copy}"),
    )
    .await?;
    Ok(crate::accounts::auth::form_redirect(format!(
        "/programs/{program}/training"
    )))
}

/// The "copy from another program" form on HR's training page; nothing when there is nothing to
/// copy. With JavaScript the page's list is refreshed through `copied`'s version.
#[component]
pub fn CopyModule(program: String, copied: ServerAction<CopyTrainingModule>) -> impl IntoView {
    let i18n = use_i18n();
    let options = Resource::new(
        {
            let program = program.clone();
            move || program.clone()
        },
        copyable_training_modules,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let program = program.clone();
                Suspend::new(async move {
                    let list = options.await.unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <div class="card copy-module">
                            <ActionForm action=copied attr:class="form">
                                <input type="hidden" name="program" value=program />
                                <label for="copy-module">{t!(i18n, training.copy_label)}</label>
                                <select id="copy-module" name="module">
                                    {list.into_iter().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view()}
                                </select>
                                <button type="submit" class="button" id="copy-module-button">{t!(i18n, training.copy)}</button>
                            </ActionForm>
                        </div>
                    })
                })
            }}
        </Suspense>
    }
}
