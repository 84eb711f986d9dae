//! `/join/:token`: a program's signup page. Visitors read the program and its agreement, create
//! an account (or sign in), then fill in their profile, choose mentor, mentee or both and accept
//! the agreement. Plain forms: everything works without JavaScript.

use domain::profile::{GENERATIONS, LANGUAGES, SLOTS};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::enrolment::{JoinProgram, JoinSignup, join_info};
use crate::app::follow_auth_redirect;
use crate::board_text::fill;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::model::JoinView;

/// Time zones offered first (any IANA name is accepted by the server).
const TIME_ZONES: [&str; 14] = [
    "Europe/Madrid",
    "Atlantic/Canary",
    "Europe/Lisbon",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
];

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
        fill(
            t_string!(i18n, join.dates),
            &[("from", &f(starts)), ("to", &f(ends))],
        )
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
                <p class="muted">{move || fill(t_string!(i18n, join.signed_in_as), &[("name", &name)])}</p>
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
            <dl class="agreement">
                <dt>{t!(i18n, join.mentor_commits)}</dt>
                <dd>{j.mentor_expectations.clone()}</dd>
                <dt>{t!(i18n, join.mentee_commits)}</dt>
                <dd>{j.mentee_expectations.clone()}</dd>
            </dl>
        </article>
        {step}
    }
}

#[component]
fn SignupForm(token: String, signup: ServerAction<JoinSignup>) -> impl IntoView {
    let i18n = use_i18n();
    let result = Signal::derive(move || signup.value().get().map(|r| r.map(|_| ())));
    let login = format!("/login?next=/join/{token}");
    view! {
        <section class="card card--narrow">
            <h2>{t!(i18n, join.account_title)}</h2>
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

fn slot_label(i18n: leptos_i18n::I18nContext<Locale>, slot: &str) -> String {
    let (day, part) = slot.split_once('_').unwrap_or((slot, ""));
    let day = match day {
        "mon" => t_string!(i18n, join.slot_mon),
        "tue" => t_string!(i18n, join.slot_tue),
        "wed" => t_string!(i18n, join.slot_wed),
        "thu" => t_string!(i18n, join.slot_thu),
        _ => t_string!(i18n, join.slot_fri),
    };
    let part = if part == "am" {
        t_string!(i18n, join.slot_am)
    } else {
        t_string!(i18n, join.slot_pm)
    };
    format!("{day} ({part})")
}

fn generation_label(i18n: leptos_i18n::I18nContext<Locale>, g: &str) -> &'static str {
    match g {
        "boomer" => t_string!(i18n, join.gen_boomer),
        "gen_x" => t_string!(i18n, join.gen_gen_x),
        "millennial" => t_string!(i18n, join.gen_millennial),
        _ => t_string!(i18n, join.gen_gen_z),
    }
}

fn language_label(code: &str) -> &'static str {
    match code {
        "es" => "Español",
        "en" => "English",
        "ca" => "Català",
        "eu" => "Euskara",
        "gl" => "Galego",
        _ => "Português",
    }
}

#[component]
fn ProfileFormView(j: JoinView, token: String, join: ServerAction<JoinProgram>) -> impl IntoView {
    let i18n = use_i18n();
    let result = Signal::derive(move || join.value().get().map(|r| r.map(|_| ())));
    let invalid = move |field: &'static str| {
        move || {
            join.value()
                .get()
                .and_then(Result::err)
                .is_some_and(|e| e.field() == Some(field))
                .then_some("true")
        }
    };
    let enrolled = j.enrolled.clone();
    let topic_boxes = move |name: &'static str, topics: Vec<(String, String, String)>| {
        topics
            .into_iter()
            .map(|(key, es, en)| {
                let id = format!("{name}-{key}");
                let label_for = id.clone();
                view! {
                    <label class="checkbox" for=label_for>
                        <input type="checkbox" id=id name=format!("profile[{name}][]") value=key />
                        {move || if i18n.get_locale() == Locale::en { en.clone() } else { es.clone() }}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, join.profile_title)}</h2>
            {enrolled.map(|role| {
                let role_name = move || match role.as_str() {
                    "mentor" => t_string!(i18n, join.role_name_mentor),
                    "both" => t_string!(i18n, join.role_name_both),
                    _ => t_string!(i18n, join.role_name_mentee),
                };
                view! { <p class="alert alert--ok enrolled" role="status">{move || fill(t_string!(i18n, join.already), &[("role", role_name())])}</p> }
            })}
            {move || join.value().get().and_then(Result::ok).map(|_| view! {
                <p class="alert alert--ok" role="status" id="join-done">{t!(i18n, join.done)}</p>
            })}
            <ActionForm action=join attr:class="form profile-form">
                <FormError result />
                <input type="hidden" name="token" value=token />
                <fieldset class="fieldset" aria-invalid=invalid("role")>
                    <legend>{t!(i18n, join.role)}</legend>
                    <label class="checkbox"><input type="radio" name="profile[role]" value="mentor" required />{t!(i18n, join.role_mentor)}</label>
                    <label class="checkbox"><input type="radio" name="profile[role]" value="mentee" />{t!(i18n, join.role_mentee)}</label>
                    <label class="checkbox"><input type="radio" name="profile[role]" value="both" />{t!(i18n, join.role_both)}</label>
                </fieldset>
                <div class="form-grid">
                    <div class="field">
                        <label for="p-department">{t!(i18n, join.department)}</label>
                        <input id="p-department" name="profile[department]" maxlength="120" aria-invalid=invalid("department") />
                    </div>
                    <div class="field">
                        <label for="p-level">{t!(i18n, join.job_level)}</label>
                        <input id="p-level" name="profile[job_level]" type="number" min="1" max="20" inputmode="numeric" aria-invalid=invalid("job_level") />
                    </div>
                    <div class="field">
                        <label for="p-manager">{t!(i18n, join.manager_email)}</label>
                        <input id="p-manager" name="profile[manager_email]" type="email" aria-invalid=invalid("manager_email") />
                    </div>
                    <div class="field">
                        <label for="p-start">{t!(i18n, join.company_start)}</label>
                        <input id="p-start" name="profile[company_start]" type="date" aria-invalid=invalid("company_start") />
                    </div>
                    <div class="field">
                        <label for="p-generation">{t!(i18n, join.generation)}</label>
                        <select id="p-generation" name="profile[generation]">
                            <option value="">{t!(i18n, join.generation_none)}</option>
                            {GENERATIONS.iter().map(|g| view! { <option value=*g>{move || generation_label(i18n, g)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="p-tz">{t!(i18n, join.time_zone)}</label>
                        <select id="p-tz" name="profile[time_zone]" aria-invalid=invalid("time_zone")>
                            {TIME_ZONES.iter().map(|z| view! { <option value=*z>{z.replace('_', " ")}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="p-location">{t!(i18n, join.location)}</label>
                        <input id="p-location" name="profile[location]" maxlength="120" />
                    </div>
                    <div class="field">
                        <label for="p-capacity">{t!(i18n, join.capacity)}</label>
                        <input id="p-capacity" name="profile[capacity]" type="number" min="0" max="10" value="1" inputmode="numeric" aria-invalid=invalid("capacity") />
                    </div>
                </div>
                <fieldset class="fieldset" aria-invalid=invalid("languages")>
                    <legend>{t!(i18n, join.languages)}</legend>
                    <div class="checks">
                        {LANGUAGES.iter().map(|l| view! {
                            <label class="checkbox"><input type="checkbox" name="profile[languages][]" value=*l checked=*l == "es" />{language_label(l)}</label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset class="fieldset" aria-invalid=invalid("availability")>
                    <legend>{t!(i18n, join.availability)}</legend>
                    <div class="checks">
                        {SLOTS.iter().map(|s| view! {
                            <label class="checkbox"><input type="checkbox" name="profile[availability][]" value=*s />{move || slot_label(i18n, s)}</label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset class="fieldset" aria-invalid=invalid("can_teach")>
                    <legend>{t!(i18n, join.can_teach)}</legend>
                    <div class="checks">{topic_boxes("can_teach", j.topics.clone())}</div>
                </fieldset>
                <fieldset class="fieldset">
                    <legend>{t!(i18n, join.wants_to_learn)}</legend>
                    <div class="checks">{topic_boxes("wants_to_learn", j.topics.clone())}</div>
                </fieldset>
                <div class="field">
                    <label for="p-interests">{t!(i18n, join.interests)}</label>
                    <input id="p-interests" name="profile[interests]" maxlength="600" aria-invalid=invalid("interests") />
                </div>
                <label class="checkbox agree">
                    <input type="checkbox" name="profile[agree]" value="on" required aria-describedby="agreement" aria-invalid=invalid("agree") />
                    {t!(i18n, join.agree)}
                </label>
                <button type="submit" class="button button--primary" aria-busy=move || join.pending().get().then_some("true")>
                    {if j.enrolled.is_some() { t!(i18n, join.update).into_any() } else { t!(i18n, join.submit).into_any() }}
                </button>
            </ActionForm>
        </section>
    }
}
