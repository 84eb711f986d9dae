//! `/join/:token`: a program's signup page. Visitors read the program and its agreement, create
//! an account (or sign in), then fill in their profile, choose mentor, mentee or both and accept
//! the agreement. Plain forms: everything works without JavaScript.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::join::agreement::Agreement;
use crate::join::api::{JoinProgram, JoinSignup, join_info};
use crate::join::model::JoinView;
use crate::join::profile_fields::ProfileFields;
use crate::shell::session::follow_auth_redirect;

/// The signup page.
#[component]
pub fn JoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let signup = ServerAction::<JoinSignup>::new();
    follow_auth_redirect(*signup);
    let join = ServerAction::<JoinProgram>::new();
    let info = Resource::new(move || (token(), join.version().get()), |(t, _)| join_info(t));
    view! {
        <section class="page join">
            <h1>{t!(i18n, join.title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match info.await {
                        Err(_) => view! { <p class="alert alert--error" role="alert">{t!(i18n, join.invalid)}</p> }.into_any(),
                        Ok(j) => view! { <JoinBody j token=token() signup join /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn JoinBody(
    j: JoinView,
    token: String,
    signup: ServerAction<JoinSignup>,
    join: ServerAction<JoinProgram>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || {
        if i18n.get_locale() == Locale::en {
            domain::Lang::En
        } else {
            domain::Lang::Es
        }
    };
    let (starts, ends) = (j.starts_on, j.ends_on);
    let dates = move || {
        let f = |d: domain::Date| domain::format_date(d.year, d.month, d.day, lang()).unwrap_or_default();
        t_string!(i18n, join.dates, from = &f(starts), to = &f(ends))
    };
    let objectives = j.objectives.clone();
    let step = match (&j.signed_in_as, j.open) {
        (_, false) => {
            view! { <p class="alert alert--error" role="alert">{t!(i18n, join.closed)}</p> }.into_any()
        }
        (None, true) => view! { <SignupForm token=token.clone() signup /> }.into_any(),
        (Some(name), true) => {
            let name = name.clone();
            view! {
                <p class="muted">{move || t_string!(i18n, join.signed_in_as, name = &name)}</p>
                <ProfileFormView j=j.clone() token=token.clone() join />
            }
            .into_any()
        }
    };
    view! {
        <article class="card join-program">
            <h2>{j.name.clone()}</h2>
            <p class="muted">{dates}</p>
            {(!j.purpose.is_empty()).then(|| view! { <p>{j.purpose.clone()}</p> })}
            {(!objectives.is_empty()).then(|| view! {
                <h3>{t!(i18n, join.objectives)}</h3>
                <ul>{objectives.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
            })}
            <h3 id="agreement">{t!(i18n, join.agreement)}</h3>
            <Agreement mentor=j.mentor_expectations.clone() mentee=j.mentee_expectations.clone() />
        </article>
        {step}
    }
}

#[component]
fn SignupForm(token: String, signup: ServerAction<JoinSignup>) -> impl IntoView {
    let i18n = use_i18n();
    let result = Signal::derive(move || signup.value().get().map(|r| r.map(|_| ())));
    let login = format!("/login?next=/join/{token}");
    let query = leptos_router::hooks::use_query_map();
    let check_email = move || query.with(|q| q.get("check_email").is_some());
    view! {
        <section class="card card--narrow">
            <h2>{t!(i18n, join.account_title)}</h2>
            {move || check_email().then(|| view! {
                <p class="alert alert--ok" role="status" id="join-check-email">{t!(i18n, join.check_email)}</p>
            })}
            <ActionForm action=signup attr:class="form">
                <FormError result />
                <input type="hidden" name="token" value=token />
                <label for="join-name">{t!(i18n, join.name)}</label>
                <input id="join-name" name="name" autocomplete="name" required maxlength="120" />
                <label for="join-email">{t!(i18n, join.email)}</label>
                <input id="join-email" name="email" type="email" autocomplete="email" required />
                <label for="join-password">{t!(i18n, join.password)}</label>
                <input id="join-password" name="password" type="password" autocomplete="new-password" minlength="10" required />
                <button type="submit" class="button button--primary">{t!(i18n, join.create_account)}</button>
            </ActionForm>
            <p><a href=login>{t!(i18n, join.have_account)}</a></p>
        </section>
    }
}

#[component]
fn ProfileFormView(j: JoinView, token: String, join: ServerAction<JoinProgram>) -> impl IntoView {
    let i18n = use_i18n();
    let result = Signal::derive(move || join.value().get().map(|r| r.map(|_| ())));
    let error_field =
        Signal::derive(move || join.value().get().and_then(Result::err).and_then(|e| e.field()));
    let enrolled = j.enrolled.clone();
    let prefill = j.prefill.clone().unwrap_or_default();
    let has_hr = !prefill.from_hr.is_empty();
    view! {
        <section class="card">
            <h2>{t!(i18n, join.profile_title)}</h2>
            {enrolled.map(|role| {
                let role_name = move || match role.as_str() {
                    "mentor" => t_string!(i18n, join.role_name_mentor),
                    "both" => t_string!(i18n, join.role_name_both),
                    _ => t_string!(i18n, join.role_name_mentee),
                };
                view! { <p class="alert alert--ok enrolled" role="status">{move || t_string!(i18n, join.already, role = role_name())}</p> }
            })}
            {move || join.value().get().and_then(Result::ok).map(|_| view! {
                <p class="alert alert--ok" role="status" id="join-done">{t!(i18n, join.done)}</p>
            })}
            {has_hr.then(|| view! { <p class="hint" id="profile-from-hr">{t!(i18n, profile.from_hr_intro)}</p> })}
            <ActionForm action=join attr:class="form profile-form">
                <FormError result />
                <input type="hidden" name="token" value=token />
                <ProfileFields prefill topics=j.topics.clone() error_field />
                <button type="submit" class="button button--primary" aria-busy=move || join.pending().get().then_some("true")>
                    {if j.enrolled.is_some() { t!(i18n, join.update).into_any() } else { t!(i18n, join.submit).into_any() }}
                </button>
            </ActionForm>
        </section>
    }
}
