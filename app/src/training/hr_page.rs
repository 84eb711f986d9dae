//! `/programs/:key/training`: HR's list of a program's modules (starter set, reorder, preview,
//! remove with confirmation), the module editor (`?edit=KEY`, or `?edit=new`) and a link to the
//! participants' progress (`progress_page`). Plain forms: it works without JavaScript.

use domain::Role;
use domain::training::{Audience, ModuleKind};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::training::api::{
    AddStarterTraining, MoveTrainingModule, RemoveTrainingModule, SaveTrainingModule, training_module_draft,
    training_modules,
};
use crate::training::model::{ModuleDraft, ModuleSummary, RemoveOutcome};
use crate::training::text::{audience_text, kind_text};

/// The page.
#[component]
pub fn ProgramTrainingPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Training />
        </RoleGate>
    }
}

#[component]
fn Training() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let editing = move || query.with(|q| q.get("edit"));
    let starter = ServerAction::<AddStarterTraining>::new();
    let moved = ServerAction::<MoveTrainingModule>::new();
    let remove = ServerAction::<RemoveTrainingModule>::new();
    let copied = ServerAction::<crate::training::copy::CopyTrainingModule>::new();
    let list = Resource::new(
        move || {
            (
                program(),
                starter.version().get(),
                moved.version().get(),
                remove.version().get(),
                copied.version().get(),
            )
        },
        |(p, ..)| training_modules(p),
    );
    let errors = Signal::derive(move || {
        [
            starter.value().get().map(|r| r.map(|_| ())),
            moved.value().get().map(|r| r.map(|_| ())),
            remove.value().get().map(|r| r.map(|_| ())),
            copied.value().get().map(|r| r.map(|_| ())),
        ]
        .into_iter()
        .flatten()
        .find(Result::is_err)
    });
    let starter_note = move || {
        starter.value().get().and_then(Result::ok).map(|n| {
            let text = if n == 0 {
                t_string!(i18n, training.starter_none).to_owned()
            } else {
                t_string!(i18n, training.starter_added, n = n)
            };
            view! { <p class="alert alert--ok" role="status" id="starter-result">{text}</p> }
        })
    };
    view! {
        <section class="page training-hr">
            <p><a href=move || format!("/programs/{}", program())>"← " {t!(i18n, training.back_to_program)}</a></p>
            <h1>{t!(i18n, training.hr_title)}</h1>
            <p class="muted">{t!(i18n, training.hr_intro)}</p>
            <p>
                <a class="button" href=move || format!("/programs/{}/training/progress", program()) id="training-progress-link">
                    {t!(i18n, training.progress_link)}
                </a>
            </p>
            <FormError result=errors />
            <crate::training::gate::TrainingGate program=program() />
            {starter_note}
            {move || match editing() {
                Some(module) => view! { <Editor program=program() module /> }.into_any(),
                None => view! {
                    <div class="actions">
                        <a class="button button--primary" href=format!("/programs/{}/training?edit=new", program()) id="new-module">
                            {t!(i18n, training.new_module)}
                        </a>
                    </div>
                }.into_any(),
            }}
            <crate::training::copy::CopyModule program=program() copied />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(modules) => view! { <ModuleList program=program() modules starter moved remove /> }.into_any(),
                    }
                })}
            </Suspense>
            <crate::training::workshops::hr::ProgramWorkshops program=program() />
        </section>
    }
}

#[component]
fn ModuleList(
    program: String,
    modules: Vec<ModuleSummary>,
    starter: ServerAction<AddStarterTraining>,
    moved: ServerAction<MoveTrainingModule>,
    remove: ServerAction<RemoveTrainingModule>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let count = modules.len();
    let starter_program = program.clone();
    let starter_form = view! {
        <div class="card starter">
            <p>{t!(i18n, training.starter_note)}</p>
            <ActionForm action=starter attr:class="inline-form">
                <input type="hidden" name="program" value=starter_program />
                <button type="submit" class="button" id="add-starter">{t!(i18n, training.starter)}</button>
            </ActionForm>
        </div>
    };
    let confirm = move |key: String| {
        remove
            .value()
            .get()
            .and_then(|r| match (r, remove.input().get()) {
                (Ok(RemoveOutcome::NeedsConfirmation(n)), _) => Some(n),
                _ => None,
            })
            .filter(|_| remove.input().get().is_none_or(|i| i.module == key))
    };
    let rows = modules.into_iter().enumerate().map(|(i, m)| {
        let key = m.key.clone();
        let need = if m.required { td_string!(locale, training.required) } else { td_string!(locale, training.optional) };
        let edit = format!("/programs/{program}/training?edit={key}");
        let confirm_key = key.clone();
        let remove_key = key.clone();
        let row_key = key.clone();
        let move_form = |to: usize, label: &'static str, icon: &'static str| {
            let key = key.clone();
            view! {
                <ActionForm action=moved attr:class="inline-form">
                    <input type="hidden" name="module" value=key />
                    <input type="hidden" name="to" value=to.to_string() />
                    <button type="submit" class="button button--small" aria-label=label title=label>{icon}</button>
                </ActionForm>
            }
        };
        view! {
            <li class="card training-module-row" data-key=row_key>
                <h2>{format!("{}. {}", i + 1, m.title)}</h2>
                <p class="muted">
                    {kind_text(locale, m.kind)} " · " {td_string!(locale, training.minutes, minutes = m.minutes)}
                    " · " {audience_text(locale, m.audience)} " · " {need}
                    " · " {td_string!(locale, training.completions, n = m.completions)}
                </p>
                <div class="actions">
                    <a class="button button--small" href=format!("/training/{key}")>{t!(i18n, training.preview)}</a>
                    <a class="button button--small" href=edit>{t!(i18n, training.edit)}</a>
                    {(i > 0).then(|| move_form(i - 1, td_string!(locale, training.move_up), "↑"))}
                    {(i + 1 < count).then(|| move_form(i + 1, td_string!(locale, training.move_down), "↓"))}
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="module" value=remove_key />
                        <button type="submit" class="button button--small button--danger">{t!(i18n, training.remove)}</button>
                    </ActionForm>
                </div>
                {move || confirm(confirm_key.clone()).map(|n| {
                    let key = confirm_key.clone();
                    view! {
                        <div class="alert" role="alert">
                            <p>{t_string!(i18n, training.remove_confirm, n = n)}</p>
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="module" value=key />
                                <input type="hidden" name="confirm" value="true" />
                                <button type="submit" class="button button--danger">{t!(i18n, training.remove_yes)}</button>
                            </ActionForm>
                        </div>
                    }
                })}
            </li>
        }
    }).collect_view();
    view! {
        {(count == 0).then(|| view! { <p class="muted empty" id="training-hr-empty">{t!(i18n, training.hr_none)}</p> })}
        {starter_form}
        <ol class="training-modules">{rows}</ol>
    }
}

/// The editor for module `module` of the program (`new` for a new one).
#[component]
fn Editor(program: String, module: String) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveTrainingModule>::new();
    let key = if module == "new" { String::new() } else { module };
    let draft = Resource::new(
        {
            let (program, key) = (program.clone(), key.clone());
            move || (program.clone(), key.clone())
        },
        |(p, k)| training_module_draft(p, k),
    );
    let cancel = format!("/programs/{program}/training");
    // The enhanced form goes back to the list; a plain form post is redirected there.
    Effect::new(move |_| {
        if let Some(Ok(path)) = save.value().get() {
            leptos_router::hooks::use_navigate()(&path, Default::default());
        }
    });
    view! {
        <div class="card editor" id="module-editor">
            <h2>{if key.is_empty() { t!(i18n, training.editor_new).into_any() } else { t!(i18n, training.editor_edit).into_any() }}</h2>
            <FormError result=Signal::derive(move || save.value().get().map(|r| r.map(|_| ()))) />
            <Suspense fallback=Loading>
                {move || {
                    let program = program.clone();
                    let cancel = cancel.clone();
                    Suspend::new(async move {
                        match draft.await {
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                            Ok(d) => view! { <EditorForm program d save cancel /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn EditorForm(
    program: String,
    d: ModuleDraft,
    save: ServerAction<SaveTrainingModule>,
    cancel: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let kinds = ModuleKind::ALL.map(|k| {
        view! { <option value=k.as_str() selected=d.kind == k.as_str()>{kind_text(locale, k)}</option> }
    });
    let audiences = Audience::ALL.map(|a| {
        view! { <option value=a.as_str() selected=d.audience == a.as_str()>{audience_text(locale, a)}</option> }
    });
    let submission = crate::components::submission_key::new_submission_key();
    view! {
        <ActionForm action=save attr:class="form" attr:id="module-form">
            <input type="hidden" name="program" value=program />
            <input type="hidden" name="key" value=d.key.clone() />
            <input type="hidden" name="submission" value=submission />
            <label for="kind">{t!(i18n, training.field_kind)}</label>
            <select id="kind" name="kind">{kinds}</select>
            <label for="title_es">{t!(i18n, training.field_title_es)}</label>
            <input id="title_es" name="title_es" maxlength="160" required value=d.title_es.clone() />
            <label for="title_en">{t!(i18n, training.field_title_en)}</label>
            <input id="title_en" name="title_en" maxlength="160" required value=d.title_en.clone() />
            <label for="minutes">{t!(i18n, training.field_minutes)}</label>
            <input id="minutes" name="minutes" type="number" min="1" max="240" required value=d.minutes.to_string() />
            <label for="audience">{t!(i18n, training.field_audience)}</label>
            <select id="audience" name="audience">{audiences}</select>
            <label class="choice" for="required">
                <input type="checkbox" id="required" name="required" value="true" checked=d.required />
                <span>{t!(i18n, training.field_required)}</span>
            </label>
            <p class="hint">{t!(i18n, training.field_body_hint)}</p>
            <label for="body_es">{t!(i18n, training.field_body_es)}</label>
            <textarea id="body_es" name="body_es" rows="8" maxlength="20000">{d.body_es.clone()}</textarea>
            <label for="body_en">{t!(i18n, training.field_body_en)}</label>
            <textarea id="body_en" name="body_en" rows="8" maxlength="20000">{d.body_en.clone()}</textarea>
            <label for="url">{t!(i18n, training.field_url)}</label>
            <input id="url" name="url" type="url" maxlength="500" value=d.url.clone() />
            <label for="items_es">{t!(i18n, training.field_items_es)}</label>
            <textarea id="items_es" name="items_es" rows="5">{d.items_es.clone()}</textarea>
            <label for="items_en">{t!(i18n, training.field_items_en)}</label>
            <textarea id="items_en" name="items_en" rows="5">{d.items_en.clone()}</textarea>
            <p class="hint">{t!(i18n, training.field_questions_hint)}</p>
            <label for="questions_es">{t!(i18n, training.field_questions_es)}</label>
            <textarea id="questions_es" name="questions_es" rows="8">{d.questions_es.clone()}</textarea>
            <label for="questions_en">{t!(i18n, training.field_questions_en)}</label>
            <textarea id="questions_en" name="questions_en" rows="8">{d.questions_en.clone()}</textarea>
            <label for="pass_percent">{t!(i18n, training.field_pass)}</label>
            <input id="pass_percent" name="pass_percent" type="number" min="1" max="100" value=d.pass_percent.to_string() />
            <div class="actions">
                <button type="submit" class="button button--primary" id="save-module">{t!(i18n, training.save)}</button>
                <a class="button" href=cancel>{t!(i18n, training.cancel)}</a>
            </div>
        </ActionForm>
    }
}
