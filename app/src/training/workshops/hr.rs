//! HR's workshops on a program's training page (`/programs/:key/training#workshops`): the
//! list with seats taken and waiting, the editor (`?workshop=new` or `?workshop=KEY`), the way to
//! attendance, and calling a workshop off after a second click. Plain forms: it works without
//! JavaScript.

use domain::training::Audience;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::training::text::audience_text;
use crate::training::workshops::api::{RemoveWorkshop, SaveWorkshop, program_workshops, workshop_editor};
use crate::training::workshops::model::{WorkshopDraft, WorkshopSummary};
use crate::workspace::meetings_section::WhenFields;

/// The workshops section of a program's training page.
#[component]
pub fn ProgramWorkshops(program: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let editing = move || query.with(|q| q.get("workshop"));
    let remove = ServerAction::<RemoveWorkshop>::new();
    let save = ServerAction::<SaveWorkshop>::new();
    let list = Resource::new(
        {
            let program = program.clone();
            move || (program.clone(), remove.version().get(), save.version().get())
        },
        |(p, ..)| program_workshops(p),
    );
    let removed = move || {
        remove.value().get().and_then(Result::ok).map(|n| {
            view! {
                <p class="alert alert--ok" role="status" id="workshop-removed">
                    {td_string!(i18n.get_locale(), workshops.removed, count = n)}
                </p>
            }
        })
    };
    let new_link = format!("/programs/{program}/training?workshop=new#workshops");
    view! {
        <section class="workshops" id="workshops" aria-labelledby="workshops-title">
            <h2 id="workshops-title">{t!(i18n, workshops.title)}</h2>
            <p class="muted">{t!(i18n, workshops.hr_intro)}</p>
            <FormError result=Signal::derive(move || remove.value().get().map(|r| r.map(|_| ()))) />
            {removed}
            {
                let program = program.clone();
                move || match editing() {
                    Some(key) => view! { <Editor program=program.clone() key save /> }.into_any(),
                    None => view! {
                        <div class="actions">
                            <a class="button button--primary" href=new_link.clone() id="new-workshop">
                                {t!(i18n, workshops.new)}
                            </a>
                        </div>
                    }.into_any(),
                }
            }
            <Suspense fallback=Loading>
                {move || {
                    let program = program.clone();
                    Suspend::new(async move {
                        match list.await {
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                            Ok(w) if w.is_empty() => view! {
                                <p class="muted empty" id="workshops-empty">{t!(i18n, workshops.none_hr)}</p>
                            }.into_any(),
                            Ok(w) => view! {
                                <ul class="workshop-list" id="workshop-list">
                                    {w.into_iter().map(|w| view! { <Row program=program.clone() w remove /> }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// "Sala Norte · https://meet…" (either, or both).
pub(crate) fn place_line(place: &Option<String>, video_url: &Option<String>) -> String {
    [place.as_deref(), video_url.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
fn Row(program: String, w: WorkshopSummary, remove: ServerAction<RemoveWorkshop>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let seats = td_string!(
        locale,
        workshops.seats_taken,
        taken = w.registered,
        capacity = w.capacity
    );
    let waiting = (w.waiting > 0).then(|| td_string!(locale, workshops.waiting_count, count = w.waiting));
    let people = w.registered + w.waiting;
    let edit = format!("/programs/{program}/training?workshop={}#workshops", w.key);
    let attendance = format!("/programs/{program}/training/workshops/{}", w.key);
    let key = w.key.clone();
    view! {
        <li class="card workshop" data-key=w.key.clone() data-registered=w.registered data-waiting=w.waiting>
            <h3>{w.title.clone()}</h3>
            <p>{w.when.clone()} " · " {td_string!(locale, training.minutes, minutes = w.minutes)}</p>
            <p class="muted">{place_line(&w.place, &w.video_url)}</p>
            <p>
                <span class="badge">{seats}</span>
                {waiting.map(|t| view! { " " <span class="badge">{t}</span> })}
                " " <span class="badge">{audience_text(locale, w.audience)}</span>
                {w.module.clone().map(|m| view! {
                    " " <span class="badge">{td_string!(locale, workshops.counts_as, module = m)}</span>
                })}
            </p>
            <div class="actions">
                <a class="button" href=attendance>
                    {if w.attendance_open { t!(i18n, workshops.take_attendance).into_any() } else { t!(i18n, workshops.see_list).into_any() }}
                </a>
                {(!w.started).then(|| view! {
                    <a class="button" href=edit>{t!(i18n, workshops.edit)}</a>
                    <details class="confirm">
                        <summary class="button button--danger">{t!(i18n, workshops.remove)}</summary>
                        <p>{if people == 0 {
                            td_string!(locale, workshops.remove_confirm_none).to_owned()
                        } else {
                            td_string!(locale, workshops.remove_confirm, count = people)
                        }}</p>
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="workshop" value=key.clone() />
                            <button type="submit" class="button button--danger">{t!(i18n, workshops.remove_yes)}</button>
                        </ActionForm>
                    </details>
                })}
            </div>
        </li>
    }
}

/// The editor of workshop `key` of the program (`new` for a new one).
#[component]
fn Editor(program: String, key: String, save: ServerAction<SaveWorkshop>) -> impl IntoView {
    let i18n = use_i18n();
    let key = if key == "new" { String::new() } else { key };
    let draft = Resource::new(
        {
            let (program, key) = (program.clone(), key.clone());
            move || (program.clone(), key.clone())
        },
        |(p, k)| workshop_editor(p, k),
    );
    // The enhanced form goes back to the list; a plain form post is redirected there. Only a
    // save made in this editor counts (the action outlives it: the list reloads on it).
    let opened_at = save.version().get_untracked();
    Effect::new(move |_| {
        if save.version().get() == opened_at {
            return;
        }
        if let Some(Ok(path)) = save.value().get() {
            leptos_router::hooks::use_navigate()(&path, Default::default());
        }
    });
    let cancel = format!("/programs/{program}/training#workshops");
    view! {
        <div class="card editor" id="workshop-editor">
            <h3>{if key.is_empty() { t!(i18n, workshops.editor_new).into_any() } else { t!(i18n, workshops.editor_edit).into_any() }}</h3>
            <FormError result=Signal::derive(move || save.value().get().map(|r| r.map(|_| ()))) />
            <Suspense fallback=Loading>
                {move || {
                    let (program, cancel) = (program.clone(), cancel.clone());
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
    d: WorkshopDraft,
    save: ServerAction<SaveWorkshop>,
    cancel: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let f = d.form;
    let audiences = Audience::ALL.map(|a| {
        view! { <option value=a.as_str() selected=f.audience == a.as_str()>{audience_text(locale, a)}</option> }
    });
    let modules = d
        .modules
        .into_iter()
        .map(|m| {
            let selected = m.key == f.module;
            view! { <option value=m.key selected=selected>{m.title}</option> }
        })
        .collect_view();
    let submission = crate::components::submission_key::new_submission_key();
    view! {
        <ActionForm action=save attr:class="form" attr:id="workshop-form">
            <input type="hidden" name="program" value=program />
            <input type="hidden" name="workshop" value=d.key />
            <input type="hidden" name="submission" value=submission />
            <label for="workshop-title_es">{t!(i18n, workshops.field_title_es)}</label>
            <input id="workshop-title_es" name="title_es" maxlength="160" required value=f.title_es />
            <label for="workshop-title_en">{t!(i18n, workshops.field_title_en)}</label>
            <input id="workshop-title_en" name="title_en" maxlength="160" required value=f.title_en />
            <label for="workshop-description_es">{t!(i18n, workshops.field_description_es)}</label>
            <textarea id="workshop-description_es" name="description_es" rows="3" maxlength="4000">{f.description_es}</textarea>
            <label for="workshop-description_en">{t!(i18n, workshops.field_description_en)}</label>
            <textarea id="workshop-description_en" name="description_en" rows="3" maxlength="4000">{f.description_en}</textarea>
            <WhenFields prefix="workshop".into() date=f.date time=f.time minutes=f.minutes zone=f.time_zone
                place=f.place video_url=f.video_url />
            <div class="form--row">
                <div class="field">
                    <label for="workshop-capacity">{t!(i18n, workshops.field_capacity)}</label>
                    <input id="workshop-capacity" name="capacity" type="number" min="1" max="500" inputmode="numeric"
                        required value=f.capacity />
                </div>
                <div class="field">
                    <label for="workshop-audience">{t!(i18n, workshops.field_audience)}</label>
                    <select id="workshop-audience" name="audience">{audiences}</select>
                </div>
            </div>
            <label for="workshop-module">{t!(i18n, workshops.field_module)}</label>
            <select id="workshop-module" name="module">
                <option value="" selected=f.module.is_empty()>{t!(i18n, workshops.field_module_none)}</option>
                {modules}
            </select>
            <p class="hint">{t!(i18n, workshops.field_module_hint)}</p>
            <div class="actions">
                <button type="submit" class="button button--primary" id="save-workshop">{t!(i18n, workshops.save)}</button>
                <a class="button" href=cancel>{t!(i18n, workshops.cancel)}</a>
            </div>
        </ActionForm>
    }
}
