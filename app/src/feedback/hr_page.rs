//! HR's feedback pages: `/programs/:key/feedback` lists the program's forms and makes new ones;
//! `/programs/:key/feedback/:form` is the builder (settings, questions with reorder, a preview as
//! respondents see it, switch on, send now) and the results.
//!
//! Every change is a plain form, so the builder works without JavaScript too.

use crate::components::error_view::ErrorView;
use crate::components::submission_key::SubmissionKey;
use domain::Role;
use domain::feedback::{Audience, MIN_GROUP_SIZE, Question, QuestionKind, Trigger};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};
use leptos_router::hooks::use_params_map;

use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::feedback::api::{
    AddFeedbackQuestion, CreateFeedbackForm, MoveFeedbackQuestion, RemoveFeedbackQuestion, SendFeedbackForm,
    SetFeedbackFormActive, UpdateFeedbackForm, feedback_form_editor, feedback_forms, feedback_results,
};
use crate::feedback::my_page::QuestionInput;
use crate::feedback::text::{audience_name, kind_name, trigger_name};
use crate::i18n::*;
use crate::{feedback::model::FormEditor, feedback::model::FormResults};

macro_rules! result_of {
    ($action:expr) => {{
        let action = $action;
        Signal::derive(move || action.value().get().map(|r| r.map(|_| ())))
    }};
}

/// The program's forms.
#[component]
pub fn FeedbackFormsPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <FormsList />
        </RoleGate>
    }
}

/// Settings fields shared by "new form" and "settings".
#[component]
fn SettingsFields(
    title_es: String,
    title_en: String,
    audience: String,
    trigger: String,
    due_days: i64,
    anonymous: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    view! {
        <label for="f-title-es">{t!(i18n, feedback.title_es)}</label>
        <input id="f-title-es" name="title_es" required maxlength="160" value=title_es />
        <label for="f-title-en">{t!(i18n, feedback.title_en)}</label>
        <input id="f-title-en" name="title_en" required maxlength="160" value=title_en />
        <div class="form--row">
            <div class="field">
                <label for="f-audience">{t!(i18n, feedback.audience)}</label>
                <select id="f-audience" name="audience">
                    {Audience::ALL.into_iter().map(|a| view! {
                        <option value=a.as_str() selected=a.as_str() == audience>{audience_name(locale, a)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-due">{t!(i18n, feedback.due_days)}</label>
                <input id="f-due" name="due_days" type="number" min="1" max="60" required value=due_days.to_string() inputmode="numeric" />
            </div>
        </div>
        <label for="f-trigger">{t!(i18n, feedback.trigger)}</label>
        <select id="f-trigger" name="trigger">
            {Trigger::ALL.into_iter().map(|tr| view! {
                <option value=tr.as_str() selected=tr.as_str() == trigger>{trigger_name(locale, tr)}</option>
            }).collect_view()}
        </select>
        <label class="check">
            <input type="checkbox" name="anonymous" value="on" checked=anonymous />
            " " {t!(i18n, feedback.anonymous)}
        </label>
    }
}

#[component]
fn FormsList() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let create = ServerAction::<CreateFeedbackForm>::new();
    let forms = Resource::new(
        move || (program(), create.version().get()),
        |(p, _)| feedback_forms(p),
    );
    view! {
        <section class="page feedback-hr">
            <p><a href=move || format!("/programs/{}", program())>"← " {t!(i18n, import.back)}</a></p>
            <h1>{t!(i18n, feedback.hr_title)}</h1>
            <p class="hint">{t!(i18n, feedback.hr_intro)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let locale = i18n.get_locale();
                    match forms.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="muted empty">{t!(i18n, feedback.none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="form-list">
                                {list.into_iter().map(|f| {
                                    let trigger = Trigger::parse(&f.trigger).map(|t| trigger_name(locale, t)).unwrap_or("");
                                    let audience = Audience::parse(&f.audience).map(|a| audience_name(locale, a)).unwrap_or("");
                                    view! {
                                        <li class="card feedback-form" data-active=f.active.to_string()>
                                            <h2><a href=format!("/programs/{}/feedback/{}", program(), f.key)>{f.title.clone()}</a></h2>
                                            <p>
                                                <span class="badge">{if f.active { td_string!(locale, feedback.active) } else { td_string!(locale, feedback.inactive) }}</span>
                                                " " {trigger} " · " {audience}
                                            </p>
                                            <p class="muted">
                                                {td_string!(locale, feedback.questions_count, n = f.questions)} " · "
                                                {td_string!(locale, feedback.sent_count, sent = f.sent, answered = f.answered)}
                                            </p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <section class="card" aria-labelledby="new-form-title">
                <h2 id="new-form-title">{t!(i18n, feedback.new_form)}</h2>
                <FormError result=result_of!(create) />
                <ActionForm action=create attr:class="form" attr:id="new-form">
                    <SubmissionKey answers=create.version() />
                    <input type="hidden" name="program" value=program />
                    <SettingsFields title_es=String::new() title_en=String::new() audience="both".into()
                        trigger="after_meeting".into() due_days=7 anonymous=true />
                    <button type="submit" class="button button--primary">{t!(i18n, feedback.create)}</button>
                </ActionForm>
            </section>
        </section>
    }
}

/// The builder and results of one form.
#[component]
pub fn FeedbackFormPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Builder />
        </RoleGate>
    }
}

#[derive(Clone, Copy)]
struct BuilderActions {
    update: ServerAction<UpdateFeedbackForm>,
    add: ServerAction<AddFeedbackQuestion>,
    moved: ServerAction<MoveFeedbackQuestion>,
    remove: ServerAction<RemoveFeedbackQuestion>,
    active: ServerAction<SetFeedbackFormActive>,
    send: ServerAction<SendFeedbackForm>,
}

#[component]
fn Builder() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let form = move || params.with(|p| p.get("form")).unwrap_or_default();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let a = BuilderActions {
        update: ServerAction::new(),
        add: ServerAction::new(),
        moved: ServerAction::new(),
        remove: ServerAction::new(),
        active: ServerAction::new(),
        send: ServerAction::new(),
    };
    let versions = move || {
        (
            a.update.version().get(),
            a.add.version().get(),
            a.moved.version().get(),
            a.remove.version().get(),
            a.active.version().get(),
            a.send.version().get(),
        )
    };
    let editor = Resource::new(move || (form(), versions()), |(f, _)| feedback_form_editor(f));
    let results = Resource::new(move || (form(), versions()), |(f, _)| feedback_results(f));
    view! {
        <section class="page feedback-builder">
            <p><a href=move || format!("/programs/{}/feedback", program())>"← " {t!(i18n, feedback.back)}</a></p>
            <FormError result=result_of!(a.update) />
            <FormError result=result_of!(a.add) />
            <FormError result=result_of!(a.moved) />
            <FormError result=result_of!(a.remove) />
            <FormError result=result_of!(a.active) />
            <FormError result=result_of!(a.send) />
            {move || a.send.value().get().and_then(Result::ok).map(|n| view! {
                <p class="alert alert--ok" role="status" id="sent-now">
                    {t_string!(i18n, feedback.sent_now, n = n)}
                </p>
            })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let results = results.await;
                    match editor.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(ed) => view! { <EditorBody ed results a /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EditorBody(
    ed: FormEditor,
    results: Result<FormResults, crate::error::AppError>,
    a: BuilderActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let title = if locale == Locale::en {
        ed.title_en.clone()
    } else {
        ed.title_es.clone()
    };
    let n = ed.questions.len();
    let key = ed.key.clone();
    let editable = !ed.locked;
    let questions = if ed.questions.is_empty() {
        view! { <p class="muted empty">{t!(i18n, feedback.no_questions)}</p> }.into_any()
    } else {
        view! {
            <ol class="question-list">
                {ed.questions.iter().enumerate().map(|(i, q)| {
                    let pos = i + 1;
                    let text = q.text(if locale == Locale::en { domain::Lang::En } else { domain::Lang::Es }).to_owned();
                    let controls = editable.then(|| {
                        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
                        view! {
                            <div class="question__controls">
                                {(pos > 1).then(|| view! {
                                    <ActionForm action=a.moved attr:class="inline-form">
                                        <input type="hidden" name="form" value=k1 />
                                        <input type="hidden" name="from" value=pos.to_string() />
                                        <input type="hidden" name="to" value=(pos - 1).to_string() />
                                        <button type="submit" class="button button--quiet"
                                            aria-label=td_string!(locale, feedback.move_up_n, n = pos)>
                                            "↑ " {t!(i18n, feedback.up)}
                                        </button>
                                    </ActionForm>
                                })}
                                {(pos < n).then(|| view! {
                                    <ActionForm action=a.moved attr:class="inline-form">
                                        <input type="hidden" name="form" value=k2 />
                                        <input type="hidden" name="from" value=pos.to_string() />
                                        <input type="hidden" name="to" value=(pos + 1).to_string() />
                                        <button type="submit" class="button button--quiet"
                                            aria-label=td_string!(locale, feedback.move_down_n, n = pos)>
                                            "↓ " {t!(i18n, feedback.down)}
                                        </button>
                                    </ActionForm>
                                })}
                                <ActionForm action=a.remove attr:class="inline-form">
                                    <input type="hidden" name="form" value=k3 />
                                    <input type="hidden" name="index" value=pos.to_string() />
                                    <button type="submit" class="button button--quiet"
                                        aria-label=td_string!(locale, feedback.remove_n, n = pos)>
                                        <Icon kind=IconKind::Close /> " " {t!(i18n, feedback.remove)}
                                    </button>
                                </ActionForm>
                            </div>
                        }
                    });
                    view! {
                        <li class="question" data-kind=q.kind.as_str()>
                            <p><strong>{text}</strong> " "
                                <span class="muted">"(" {kind_name(locale, q.kind)}
                                {q.required.then(|| format!(" · {}", td_string!(locale, feedback.required)))} ")"</span>
                            </p>
                            {controls}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    let add = editable.then(|| {
        let k = key.clone();
        view! {
            <details class="add-question" open=ed.questions.is_empty()>
                <summary>{t!(i18n, feedback.add_question)}</summary>
                <ActionForm action=a.add attr:class="form">
                <SubmissionKey answers=a.add.version() />
                    <input type="hidden" name="form" value=k />
                    <label for="q-kind">{t!(i18n, feedback.kind)}</label>
                    <select id="q-kind" name="kind">
                        {QuestionKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{kind_name(locale, k)}</option> }).collect_view()}
                    </select>
                    <label for="q-text-es">{t!(i18n, feedback.text_es)}</label>
                    <input id="q-text-es" name="text_es" required maxlength="500" />
                    <label for="q-text-en">{t!(i18n, feedback.text_en)}</label>
                    <input id="q-text-en" name="text_en" required maxlength="500" />
                    <label for="q-options">{t!(i18n, feedback.options)}</label>
                    <textarea id="q-options" name="options" rows="3"></textarea>
                    <label class="check">
                        <input type="checkbox" name="required" value="on" checked=true />
                        " " {t!(i18n, feedback.required)}
                    </label>
                    <button type="submit" class="button button--primary">{t!(i18n, feedback.add)}</button>
                </ActionForm>
            </details>
        }
    });
    let preview_questions: Vec<Question> = ed.questions.clone();
    let k_active = key.clone();
    let k_send = key.clone();
    let k_update = key.clone();
    view! {
        <h1>{title}</h1>
        <p class="muted">{ed.program_name.clone()} " · "
            <span class="badge" id="form-state">{if ed.active { t!(i18n, feedback.active).into_any() } else { t!(i18n, feedback.inactive).into_any() }}</span>
            " · " {td_string!(locale, feedback.sent_count, sent = ed.sent, answered = ed.answered)}
        </p>
        <div class="meeting__actions">
            <ActionForm action=a.active attr:class="inline-form">
                <input type="hidden" name="form" value=k_active />
                <input type="hidden" name="active" value=(!ed.active).to_string() />
                <button type="submit" class=if ed.active { "button" } else { "button button--primary" } id="toggle-active">
                    {if ed.active { t!(i18n, feedback.deactivate).into_any() } else { t!(i18n, feedback.activate).into_any() }}
                </button>
            </ActionForm>
            {ed.active.then(|| view! {
                <ActionForm action=a.send attr:class="inline-form">
                    <input type="hidden" name="form" value=k_send />
                    <button type="submit" class="button" id="send-now">{t!(i18n, feedback.send_now)}</button>
                </ActionForm>
            })}
        </div>
        {ed.locked.then(|| view! { <p class="alert" role="status">{t!(i18n, feedback.locked)}</p> })}
        <section class="card" aria-labelledby="questions-title">
            <h2 id="questions-title">{t!(i18n, feedback.questions)}</h2>
            {questions}
            {add}
        </section>
        <section class="card preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{t!(i18n, feedback.preview)}</h2>
            <p class="hint">{t!(i18n, feedback.preview_hint)}</p>
            <div class="form">
                {preview_questions.into_iter().enumerate().map(|(i, q)| view! {
                    <QuestionInput q index=i + 1 prefix="preview".to_owned() disabled=true />
                }).collect_view()}
            </div>
        </section>
        <details class="card">
            <summary>{t!(i18n, feedback.settings)}</summary>
            <ActionForm action=a.update attr:class="form">
                <input type="hidden" name="form" value=k_update />
                <SettingsFields title_es=ed.title_es.clone() title_en=ed.title_en.clone() audience=ed.audience.clone()
                    trigger=ed.trigger.clone() due_days=ed.due_days anonymous=ed.anonymous />
                <button type="submit" class="button">{t!(i18n, feedback.save)}</button>
            </ActionForm>
        </details>
        <Results results />
    }
}

#[component]
fn Results(results: Result<FormResults, crate::error::AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let body = match results {
        Err(error) => view! { <ErrorView error /> }.into_any(),
        Ok(r) if r.respondents == 0 && r.hidden_by_chain == 0 => {
            view! { <p class="muted empty">{t!(i18n, feedback.no_results)}</p> }.into_any()
        }
        Ok(r) => view! {
            <p id="respondents">{td_string!(locale, feedback.respondents, n = r.respondents)}</p>
            {r.anonymous.then(|| view! {
                <p class="muted" id="groups-note">{td_string!(locale, feedback.groups_note, n = MIN_GROUP_SIZE)}</p>
            })}
            {(r.hidden_by_chain > 0).then(|| view! {
                <p class="alert" role="status" id="hidden-chain">{td_string!(locale, feedback.hidden_chain, n = r.hidden_by_chain)}</p>
            })}
            {r.questions.into_iter().map(|q| view! {
                <section class="question-result" data-kind=q.kind.as_str()>
                    <h3>{q.text.clone()}</h3>
                    {if q.withheld {
                        view! { <p class="muted withheld">{t!(i18n, feedback.withheld)}</p> }.into_any()
                    } else {
                        view! {
                            {q.average.map(|v| view! { <p class="average">{td_string!(locale, feedback.average, value = &format!("{v:.1}"))}</p> })}
                            {q.nps.map(|v| view! { <p class="nps">{td_string!(locale, feedback.nps, value = v)}</p> })}
                            {(!q.distribution.is_empty()).then(|| view! {
                                <ul class="bars">
                                    {q.distribution.iter().map(|b| view! {
                                        <li class="bar">
                                            <span class="bar__label">{b.label.clone()}</span>
                                            <span class="bar__track" aria-hidden="true"><span class="bar__fill" style=format!("width:{}%", b.percent)></span></span>
                                            <span class="bar__count">{b.count.to_string()}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                            {(!q.texts.is_empty()).then(|| view! {
                                <h4>{t!(i18n, feedback.free_text)}</h4>
                                <ul class="free-text">{q.texts.iter().map(|t| view! { <li class="prewrap">{t.clone()}</li> }).collect_view()}</ul>
                            })}
                            {(q.trend.len() > 1).then(|| view! {
                                <h4>{t!(i18n, feedback.trend)}</h4>
                                <ul class="trend">{q.trend.iter().map(|(m, avg, n)| view! { <li>{format!("{m}: {avg:.1} ({n})")}</li> }).collect_view()}</ul>
                            })}
                        }.into_any()
                    }}
                </section>
            }).collect_view()}
            {(!r.individual.is_empty()).then(|| view! {
                <h3>{t!(i18n, feedback.individual)}</h3>
                <ul class="individual">
                    {r.individual.iter().map(|p| view! {
                        <li class="card">
                            <p><strong>{p.respondent.clone()}</strong> " · " {td_string!(locale, feedback.about, name = &p.subject)}</p>
                            <dl>{p.answers.iter().map(|(q, a)| view! { <dt>{q.clone()}</dt> <dd>{a.clone()}</dd> }).collect_view()}</dl>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        }
        .into_any(),
    };
    view! {
        <section class="card results" aria-labelledby="results-title">
            <h2 id="results-title">{t!(i18n, feedback.results)}</h2>
            {body}
        </section>
    }
}
