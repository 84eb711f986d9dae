//! `/training/:module`: one module, taken by a participant (mark read, tick items, take the
//! quiz) or previewed by HR. Every step is a plain form: it works without JavaScript, and the
//! page shows the stored result after the form's redirect.

use domain::Role;
use domain::training::ModuleKind;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::training::api::{CompleteTrainingModule, SubmitTrainingQuiz, TickTrainingItem, training_module};
use crate::training::model::ModuleView;
use crate::training::text::kind_text;

/// The page.
#[component]
pub fn TrainingModulePage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Module />
        </RoleGate>
    }
}

#[component]
fn Module() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || params.with(|p| p.get("module")).unwrap_or_default();
    let complete = ServerAction::<CompleteTrainingModule>::new();
    let tick = ServerAction::<TickTrainingItem>::new();
    let quiz = ServerAction::<SubmitTrainingQuiz>::new();
    let data = Resource::new(
        move || {
            (
                key(),
                complete.version().get(),
                tick.version().get(),
                quiz.version().get(),
            )
        },
        |(k, ..)| training_module(k),
    );
    let errors = Signal::derive(move || {
        [
            complete.value().get().map(|r| r.map(|_| ())),
            tick.value().get().map(|r| r.map(|_| ())),
            quiz.value().get().map(|r| r.map(|_| ())),
        ]
        .into_iter()
        .flatten()
        .find(Result::is_err)
    });
    view! {
        <section class="page training-module">
            <p><a href="/training">"← " {t!(i18n, training.back)}</a></p>
            <FormError result=errors />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(m) => view! { <ModuleBody m complete tick quiz /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ModuleBody(
    m: ModuleView,
    complete: ServerAction<CompleteTrainingModule>,
    tick: ServerAction<TickTrainingItem>,
    quiz: ServerAction<SubmitTrainingQuiz>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let need = if m.required {
        td_string!(locale, training.required)
    } else {
        td_string!(locale, training.optional)
    };
    let steps = match m.kind {
        ModuleKind::Reading | ModuleKind::Link => view! { <MarkDone m=m.clone() complete /> }.into_any(),
        ModuleKind::Checklist => view! { <Checklist m=m.clone() tick /> }.into_any(),
        ModuleKind::Quiz => view! { <Quiz m=m.clone() quiz /> }.into_any(),
    };
    view! {
        <article data-kind=m.kind.as_str() data-done=m.done.to_string()>
            <h1>{m.title.clone()}</h1>
            <p class="muted">
                {kind_text(locale, m.kind)} " · " {td_string!(locale, training.minutes, minutes = m.minutes)}
                " · " {need} " · " {m.program.clone()}
            </p>
            {m.preview.then(|| view! { <p class="alert" role="note" id="preview-note">{t!(i18n, training.preview_note)}</p> })}
            {m.done.then(|| view! { <p class="alert alert--ok" role="status" id="module-done">{t!(i18n, training.done_note)}</p> })}
            <div class="prose" inner_html=m.body_html.clone()></div>
            {steps}
        </article>
    }
}

/// A reading or a link: the link (if any) and "mark as read/watched".
#[component]
fn MarkDone(m: ModuleView, complete: ServerAction<CompleteTrainingModule>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let label = if m.kind == ModuleKind::Link {
        td_string!(locale, training.mark_seen)
    } else {
        td_string!(locale, training.mark_read)
    };
    let link = m.link.clone().map(|href| {
        view! {
            <p>
                <a class="button" href=href target="_blank" rel="noopener noreferrer" id="module-link">
                    {t!(i18n, training.open_link)}
                </a>
                " " <span class="muted">{t!(i18n, training.link_note)}</span>
            </p>
        }
    });
    let form = (!m.done && !m.preview).then(|| {
        view! {
            <ActionForm action=complete attr:class="form">
                <input type="hidden" name="module" value=m.key.clone() />
                <button type="submit" class="button button--primary" id="mark-done">{label}</button>
            </ActionForm>
        }
    });
    view! { {link} {form} }
}

/// A checklist: each item with its own tick form.
#[component]
fn Checklist(m: ModuleView, tick: ServerAction<TickTrainingItem>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let done = m.items.iter().filter(|i| i.ticked).count();
    let total = m.items.len();
    view! {
        <p id="checklist-progress">{td_string!(locale, training.checklist_progress, done = done, total = total)}</p>
        <ul class="checklist">
            {m.items.into_iter().enumerate().map(|(i, item)| {
                let key = m.key.clone();
                let action = if item.ticked { td_string!(locale, training.untick) } else { td_string!(locale, training.tick) };
                view! {
                    <li class="checklist-item" data-ticked=item.ticked.to_string()>
                        <span class="checklist-mark" aria-hidden="true">{if item.ticked { "☑" } else { "☐" }}</span>
                        <span class="checklist-label" id=format!("item-{i}")>{item.label.clone()}</span>
                        {(!m.preview).then(|| view! {
                            <ActionForm action=tick attr:class="inline-form">
                                <input type="hidden" name="module" value=key />
                                <input type="hidden" name="item" value=i.to_string() />
                                <input type="hidden" name="on" value=(!item.ticked).to_string() />
                                <button type="submit" class="button button--small" aria-pressed=item.ticked.to_string()
                                    aria-describedby=format!("item-{i}")>{action}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A quiz: one radio group per question; after a try, the score and the questions answered
/// wrong.
#[component]
fn Quiz(m: ModuleView, quiz: ServerAction<SubmitTrainingQuiz>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let total = m.questions.len();
    // The last try: this page's action, or what is stored (after a form post without JavaScript).
    let last = quiz.value().get_untracked().and_then(Result::ok);
    let (percent, passed, wrong) = match last {
        Some(r) => (usize::from(r.percent), r.passed, r.wrong),
        None if m.attempts > 0 => {
            let right = total.saturating_sub(m.last_wrong.len());
            (
                (right * 100).checked_div(total).unwrap_or(0),
                m.last_wrong.is_empty() || m.done,
                m.last_wrong.clone(),
            )
        }
        None => (0, false, Vec::new()),
    };
    let outcome = (m.attempts > 0).then(|| {
        let text = if passed {
            td_string!(locale, training.quiz_passed, percent = percent)
        } else {
            td_string!(locale, training.quiz_failed, percent = percent, needed = m.pass_percent)
        };
        view! {
            <p class=if passed { "alert alert--ok" } else { "alert" } role="status" id="quiz-result">{text}</p>
            <p class="muted" id="quiz-tries">
                {td_string!(locale, training.quiz_tries, n = m.attempts, best = m.best_percent.unwrap_or(0))}
            </p>
        }
    });
    let questions = m.questions.into_iter().enumerate().map(|(i, q)| {
        let is_wrong = wrong.contains(&i);
        view! {
            <fieldset class="question-input" data-wrong=is_wrong.to_string() id=format!("question-{i}")>
                <legend>{format!("{}. {}", i + 1, q.prompt)}</legend>
                {is_wrong.then(|| view! { <p class="field-error">{t!(i18n, training.quiz_wrong)}</p> })}
                <div class="choices">
                    {q.options.into_iter().enumerate().map(|(j, o)| {
                        let id = format!("q{i}-{j}");
                        let label_for = id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input type="radio" id=id name=format!("answers[q{i}]") value=j.to_string()
                                    disabled=m.preview required=!m.preview />
                                <span>{o}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    }).collect_view();
    view! {
        {outcome}
        <p class="muted">{td_string!(locale, training.quiz_intro, percent = m.pass_percent)}</p>
        <ActionForm action=quiz attr:class="form" attr:id="quiz-form">
            <input type="hidden" name="module" value=m.key.clone() />
            {questions}
            {(!m.preview).then(|| view! {
                <button type="submit" class="button button--primary button--wide">{t!(i18n, training.quiz_send)}</button>
            })}
        </ActionForm>
    }
}
