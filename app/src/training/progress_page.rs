//! `/programs/:key/training/progress`: HR's training progress view of a program. A table of the
//! active participants against the required modules (✓ completed, – not yet, or not for their
//! side), counts per module and in all, and "remind those who have not finished". The table
//! scrolls sideways inside its own box on a narrow screen; the reminder is a plain form, so the
//! page works without JavaScript (the answer comes back as `?reminded=N`).

use domain::Role;
use domain::training::Standing;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::training::model::{ProgressPerson, TrainingProgress};
use crate::training::progress::{RemindTraining, training_progress};
use crate::training::text::audience_text;

/// The page.
#[component]
pub fn TrainingProgressPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Progress />
        </RoleGate>
    }
}

#[component]
fn Progress() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let remind = ServerAction::<RemindTraining>::new();
    let data = Resource::new(
        move || (program(), remind.version().get()),
        |(p, _)| training_progress(p),
    );
    // How many were reminded: the enhanced form's answer, or the plain form's redirect.
    let reminded = move || match remind.value().get() {
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => None,
        None if remind.version().get() == 0 => query
            .with(|q| q.get("reminded"))
            .and_then(|v| v.parse::<usize>().ok()),
        None => None,
    };
    let status = move || {
        reminded().map(|n| {
            let text = if n == 0 {
                t_string!(i18n, training.reminded_none).to_owned()
            } else {
                td_string!(i18n.get_locale(), training.reminded, count = n)
            };
            view! { <p class="alert alert--ok" role="status" id="remind-result" data-reminded=n>{text}</p> }
        })
    };
    view! {
        <section class="page training-hr training-grid-page">
            <p><a href=move || format!("/programs/{}/training", program())>"← " {t!(i18n, training.back_to_training)}</a></p>
            <h1>{t!(i18n, training.progress_title)}</h1>
            <p class="muted">{t!(i18n, training.progress_intro)}</p>
            <FormError result=Signal::derive(move || remind.value().get().map(|r| r.map(|_| ()))) />
            {status}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(p) => view! { <Grid program=program() p remind /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A person's side(s), in words.
fn side_text(locale: Locale, r: &ProgressPerson) -> &'static str {
    match (r.as_mentor, r.as_mentee) {
        (true, true) => td_string!(locale, training.side_both),
        (true, false) => td_string!(locale, training.side_mentor),
        (false, true) => td_string!(locale, training.side_mentee),
        (false, false) => td_string!(locale, training.side_none),
    }
}

/// One cell: a mark seen, and its meaning in words for screen readers.
fn cell(locale: Locale, s: Standing) -> impl IntoView {
    let (mark, words) = match s {
        Standing::Done => ("✓", td_string!(locale, training.cell_done)),
        Standing::NotDone => ("–", td_string!(locale, training.cell_not_done)),
        Standing::NotForThem => ("", td_string!(locale, training.cell_not_for_them)),
    };
    let state = match s {
        Standing::Done => "done",
        Standing::NotDone => "not_done",
        Standing::NotForThem => "not_for_them",
    };
    view! {
        <td class="training-grid__cell" data-standing=state>
            {if mark.is_empty() {
                view! { <span class="muted">{words}</span> }.into_any()
            } else {
                view! {
                    <span aria-hidden="true">{mark}</span>
                    <span class="visually-hidden">{words}</span>
                }.into_any()
            }}
        </td>
    }
}

#[component]
fn Grid(program: String, p: TrainingProgress, remind: ServerAction<RemindTraining>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    if p.columns.is_empty() || p.rows.is_empty() {
        let text = if p.columns.is_empty() {
            td_string!(locale, training.progress_no_required)
        } else {
            td_string!(locale, training.progress_no_people)
        };
        return view! { <p class="muted empty" id="training-progress-empty">{text}</p> }.into_any();
    }
    let people = p.rows.len();
    let totals = td_string!(
        locale,
        training.progress_totals,
        finished = p.finished,
        people = people,
        done = p.done,
        expected = p.expected
    );
    let heads = p
        .columns
        .iter()
        .map(|c| {
            view! {
                <th scope="col" data-key=c.key.clone()>
                    <span class="training-grid__title">{c.title.clone()}</span>
                    <span class="training-grid__audience">{audience_text(locale, c.audience)}</span>
                </th>
            }
        })
        .collect_view();
    let counts = p
        .columns
        .iter()
        .map(|c| {
            view! {
                <td data-done=c.done data-expected=c.expected>
                    {td_string!(locale, training.grid_count, done = c.done, expected = c.expected)}
                </td>
            }
        })
        .collect_view();
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let last = if r.finished {
                td_string!(locale, training.row_finished).to_owned()
            } else {
                td_string!(locale, training.row_left, count = r.left)
            };
            view! {
                <tr data-employee=r.employee.clone() data-finished=r.finished.to_string()>
                    <th scope="row">{r.name.clone()}</th>
                    <td>{side_text(locale, r)}</td>
                    {r.standings.iter().map(|s| cell(locale, *s)).collect_view()}
                    <td class="training-grid__left">{last}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p id="training-progress-totals">{totals}</p>
        <div class="actions">
            <ActionForm action=remind attr:class="inline-form">
                <input type="hidden" name="program" value=program />
                <button type="submit" class="button button--primary" id="remind-unfinished">{t!(i18n, training.remind)}</button>
            </ActionForm>
        </div>
        <p class="hint">{t!(i18n, training.remind_hint)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="training-grid-caption">
            <table class="table training-grid" id="training-grid">
                <caption id="training-grid-caption">{td_string!(locale, training.grid_caption, program = p.program.clone())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, training.grid_person)}</th>
                        <th scope="col">{t!(i18n, training.grid_side)}</th>
                        {heads}
                        <th scope="col">{t!(i18n, training.grid_finished)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t!(i18n, training.grid_counts)}</th>
                        <td></td>
                        {counts}
                        <td data-done=p.finished data-expected=people>
                            {td_string!(locale, training.grid_count, done = p.finished, expected = people)}
                        </td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
    .into_any()
}
