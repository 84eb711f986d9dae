//! `/feedback`: the signed-in person's feedback requests; `/feedback/:request`: answering one, or
//! reading one's own answers afterwards. Plain forms: they work without JavaScript.

use domain::Lang;
use domain::Role;
use domain::feedback::{Question, QuestionKind};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::feedback::api::{AnswerFeedback, feedback_request_form, my_feedback};
use crate::i18n::*;

/// The list of my feedback requests.
#[component]
pub fn MyFeedbackPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <MyList />
        </RoleGate>
    }
}

#[component]
fn MyList() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_feedback());
    view! {
        <section class="page">
            <h1>{t!(i18n, feedback.my_title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let locale = i18n.get_locale();
                    match list.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p class="muted empty">{t!(i18n, feedback.my_none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="request-list">
                                {items.into_iter().map(|r| {
                                    let state = if r.answered {
                                        td_string!(locale, feedback.answered)
                                    } else if r.overdue {
                                        td_string!(locale, feedback.overdue)
                                    } else {
                                        td_string!(locale, feedback.pending)
                                    };
                                    view! {
                                        <li class="card feedback-request" data-answered=r.answered.to_string()>
                                            <h2>{r.title.clone()}</h2>
                                            <p class="muted">{r.program.clone()} " · " {td_string!(locale, feedback.about_person, name = &r.subject)}</p>
                                            <p><span class="badge">{state}</span> " " {td_string!(locale, feedback.due, date = &r.due)}</p>
                                            <a class=if r.answered { "button" } else { "button button--primary" } href=format!("/feedback/{}", r.key)>
                                                {if r.answered { td_string!(locale, feedback.view) } else { td_string!(locale, feedback.answer) }}
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One question as a form input; `prefix` keeps ids unique, `disabled` makes a preview.
#[component]
pub fn QuestionInput(
    q: Question,
    index: usize,
    prefix: String,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = if i18n.get_locale() == Locale::en {
        Lang::En
    } else {
        Lang::Es
    };
    let name = format!("answers[{}][]", q.key);
    let id = format!("{prefix}-{}", q.key);
    let legend = format!("{index}. {}", q.text(lang));
    let optional =
        (!q.required).then(|| view! { " " <span class="muted">{t!(i18n, feedback.optional)}</span> });
    let required = q.required && !disabled;
    let choices = |values: Vec<(String, String)>, kind: &'static str| {
        let name = name.clone();
        let id = id.clone();
        values
            .into_iter()
            .enumerate()
            .map(|(i, (value, label))| {
                let input_id = format!("{id}-{i}");
                let label_for = input_id.clone();
                view! {
                    <label class="choice" for=label_for>
                        <input type=kind id=input_id name=name.clone() value=value disabled=disabled
                            required=required && kind == "radio" />
                        <span>{label}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let body = match q.kind {
        QuestionKind::Rating => choices((1..=5).map(|n| (n.to_string(), n.to_string())).collect(), "radio").into_any(),
        QuestionKind::Scale => choices((0..=10).map(|n| (n.to_string(), n.to_string())).collect(), "radio").into_any(),
        QuestionKind::Single => choices(q.options.iter().map(|o| (o.key.clone(), o.label(lang).to_owned())).collect(), "radio").into_any(),
        QuestionKind::Multi => choices(q.options.iter().map(|o| (o.key.clone(), o.label(lang).to_owned())).collect(), "checkbox").into_any(),
        QuestionKind::Text => view! {
            <textarea id=id.clone() name=name.clone() rows="3" maxlength="2000" disabled=disabled required=required
                aria-label=legend.clone()></textarea>
        }
        .into_any(),
    };
    view! {
        <fieldset class=format!("question-input question-input--{}", q.kind.as_str())>
            <legend>{legend.clone()} {optional}</legend>
            <div class="choices">{body}</div>
        </fieldset>
    }
}

/// Answering one request.
#[component]
pub fn AnswerFeedbackPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Answer />
        </RoleGate>
    }
}

#[component]
fn Answer() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let request = move || params.with(|p| p.get("request")).unwrap_or_default();
    let answer = ServerAction::<AnswerFeedback>::new();
    let data = Resource::new(
        move || (request(), answer.version().get()),
        |(r, _)| feedback_request_form(r),
    );
    let thanks =
        move || query.with(|q| q.get("thanks").is_some()) || answer.value().get().is_some_and(|r| r.is_ok());
    view! {
        <section class="page feedback-answer">
            <p><a href="/feedback">"← " {t!(i18n, feedback.my_title)}</a></p>
            {move || thanks().then(|| view! { <p class="alert alert--ok" role="status" id="feedback-thanks">{t!(i18n, feedback.thanks)}</p> })}
            <FormError result=Signal::derive(move || answer.value().get().map(|r| r.map(|_| ()))) />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let locale = i18n.get_locale();
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(f) => {
                            let header = view! {
                                <h1>{f.request.title.clone()}</h1>
                                <p class="muted">{f.request.program.clone()} " · " {td_string!(locale, feedback.about_person, name = &f.request.subject)}</p>
                                <p class="hint">{if f.anonymous { td_string!(locale, feedback.anonymous_note) } else { td_string!(locale, feedback.named_note) }}</p>
                            };
                            if f.request.answered {
                                view! {
                                    {header}
                                    <h2>{t!(i18n, feedback.my_answers)}</h2>
                                    <dl class="my-answers">
                                        {f.my_answers.into_iter().map(|(q, a)| {
                                            let a = if a.is_empty() { td_string!(locale, feedback.no_answer).to_owned() } else { a };
                                            view! { <dt>{q}</dt> <dd>{a}</dd> }
                                        }).collect_view()}
                                    </dl>
                                }.into_any()
                            } else {
                                let key = f.request.key.clone();
                                view! {
                                    {header}
                                    <ActionForm action=answer attr:class="form" attr:id="feedback-form">
                                        <input type="hidden" name="request" value=key />
                                        {f.questions.into_iter().enumerate().map(|(i, q)| view! {
                                            <QuestionInput q index=i + 1 prefix="answer".to_owned() />
                                        }).collect_view()}
                                        <button type="submit" class="button button--primary button--wide">{t!(i18n, feedback.send)}</button>
                                    </ActionForm>
                                }.into_any()
                            }
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
