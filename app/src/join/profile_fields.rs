//! The fields of a participant's profile, shared by the signup page and the profile-completion
//! page: filled in with what is stored about the person, each field HR filled marked "from your
//! HR record". Plain inputs named `profile[…]`, so the surrounding form posts them without
//! JavaScript.

use domain::profile::{GENERATIONS, LANGUAGES, SLOTS};
use leptos::prelude::*;

use crate::i18n::*;
use crate::join::model::ProfilePrefill;

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

fn language_label(code: &str) -> String {
    match code {
        "es" => "Español".to_owned(),
        "en" => "English".to_owned(),
        "ca" => "Català".to_owned(),
        "eu" => "Euskara".to_owned(),
        "gl" => "Galego".to_owned(),
        "pt" => "Português".to_owned(),
        other => other.to_uppercase(),
    }
}

/// The small "from your HR record" note beside a field HR filled.
#[component]
fn FromHr(
    /// The form field.
    field: &'static str,
    /// Fields HR filled.
    from_hr: StoredValue<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    from_hr
        .with_value(|f| f.iter().any(|x| x == field))
        .then(|| view! { <span class="from-hr" data-field=field>{t!(i18n, profile.from_hr)}</span> })
}

/// The profile fields and the agreement checkbox. `error_field` names the field the server
/// refused, to mark it invalid; with `role_fixed` the role is shown, not chosen (it is posted
/// as a hidden field).
#[component]
pub fn ProfileFields(
    /// What to fill the form with (empty for someone nothing is known about).
    prefill: ProfilePrefill,
    /// The program's topic catalogue: `(key, Spanish, English)`.
    topics: Vec<(String, String, String)>,
    /// The field of the last refusal, if any.
    #[prop(into)]
    error_field: Signal<Option<&'static str>>,
    /// Whether the role can no longer change.
    #[prop(optional)]
    role_fixed: bool,
    /// Whether the agreement was accepted before (the box starts ticked).
    #[prop(optional)]
    agreed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = prefill.form;
    let from_hr = StoredValue::new(prefill.from_hr);
    let invalid = move |field: &'static str| move || (error_field.get() == Some(field)).then_some("true");
    let topic_boxes = move |name: &'static str,
                            topics: Vec<(String, String, String)>,
                            ticked: Vec<String>| {
        topics
            .into_iter()
            .map(|(key, es, en)| {
                let id = format!("{name}-{key}");
                let label_for = id.clone();
                let checked = ticked.contains(&key);
                view! {
                    <label class="checkbox" for=label_for>
                        <input type="checkbox" id=id name=format!("profile[{name}][]") value=key checked=checked />
                        {move || if i18n.get_locale() == Locale::en { en.clone() } else { es.clone() }}
                    </label>
                }
            })
            .collect_view()
    };
    let role = f.role.clone();
    let role_input = if role_fixed && !role.is_empty() {
        let name = role.clone();
        let role_name = move || match name.as_str() {
            "mentor" => t_string!(i18n, join.role_name_mentor),
            "both" => t_string!(i18n, join.role_name_both),
            _ => t_string!(i18n, join.role_name_mentee),
        };
        view! {
            <div class="field" id="p-role-fixed">
                <p>
                    <strong>{t!(i18n, join.role)}</strong> " " {role_name} " "
                    <FromHr field="role" from_hr />
                </p>
                <p class="hint">{t!(i18n, profile.role_fixed)}</p>
                <input type="hidden" name="profile[role]" value=role.clone() />
            </div>
        }
        .into_any()
    } else {
        let is = move |r: &str| role == r;
        view! {
            <fieldset class="fieldset" aria-invalid=invalid("role")>
                <legend>{t!(i18n, join.role)} " " <FromHr field="role" from_hr /></legend>
                <label class="checkbox"><input type="radio" name="profile[role]" value="mentor" required checked=is("mentor") />{t!(i18n, join.role_mentor)}</label>
                <label class="checkbox"><input type="radio" name="profile[role]" value="mentee" checked=is("mentee") />{t!(i18n, join.role_mentee)}</label>
                <label class="checkbox"><input type="radio" name="profile[role]" value="both" checked=is("both") />{t!(i18n, join.role_both)}</label>
            </fieldset>
        }
        .into_any()
    };
    let zone = if f.time_zone.is_empty() {
        "Europe/Madrid".to_owned()
    } else {
        f.time_zone.clone()
    };
    let mut zones: Vec<String> = TIME_ZONES.iter().map(|z| (*z).to_owned()).collect();
    if !zones.contains(&zone) {
        zones.insert(0, zone.clone());
    }
    let languages = if f.languages.is_empty() {
        vec!["es".to_owned()]
    } else {
        f.languages.clone()
    };
    let mut language_codes: Vec<String> = LANGUAGES.iter().map(|l| (*l).to_owned()).collect();
    for l in &languages {
        if !language_codes.contains(l) {
            language_codes.push(l.clone());
        }
    }
    let capacity = if f.capacity.is_empty() {
        "1".to_owned()
    } else {
        f.capacity.clone()
    };
    let generation = f.generation.clone();
    let availability = f.availability.clone();
    view! {
        {role_input}
        <div class="form-grid">
            <div class="field">
                <label for="p-department">{t!(i18n, join.department)} " " <FromHr field="department" from_hr /></label>
                <input id="p-department" name="profile[department]" maxlength="120" value=f.department.clone() aria-invalid=invalid("department") />
            </div>
            <div class="field">
                <label for="p-level">{t!(i18n, join.job_level)} " " <FromHr field="job_level" from_hr /></label>
                <input id="p-level" name="profile[job_level]" type="number" min="1" max="20" inputmode="numeric" value=f.job_level.clone() aria-invalid=invalid("job_level") />
            </div>
            <div class="field">
                <label for="p-manager">{t!(i18n, join.manager_email)} " " <FromHr field="manager_email" from_hr /></label>
                <input id="p-manager" name="profile[manager_email]" type="email" value=f.manager_email.clone() aria-invalid=invalid("manager_email") />
            </div>
            <div class="field">
                <label for="p-start">{t!(i18n, join.company_start)} " " <FromHr field="company_start" from_hr /></label>
                <input id="p-start" name="profile[company_start]" type="date" value=f.company_start.clone() aria-invalid=invalid("company_start") />
            </div>
            <div class="field">
                <label for="p-generation">{t!(i18n, join.generation)} " " <FromHr field="generation" from_hr /></label>
                <select id="p-generation" name="profile[generation]" aria-invalid=invalid("generation")>
                    <option value="">{t!(i18n, join.generation_none)}</option>
                    {GENERATIONS.iter().map(|g| view! {
                        <option value=*g selected=generation == *g>{move || generation_label(i18n, g)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="p-tz">{t!(i18n, join.time_zone)} " " <FromHr field="time_zone" from_hr /></label>
                <select id="p-tz" name="profile[time_zone]" aria-invalid=invalid("time_zone")>
                    {zones.into_iter().map(|z| {
                        let selected = z == zone;
                        view! { <option value=z.clone() selected=selected>{z.replace('_', " ")}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="p-location">{t!(i18n, join.location)} " " <FromHr field="location" from_hr /></label>
                <input id="p-location" name="profile[location]" maxlength="120" value=f.location.clone() />
            </div>
            <div class="field">
                <label for="p-capacity">{t!(i18n, join.capacity)} " " <FromHr field="capacity" from_hr /></label>
                <input id="p-capacity" name="profile[capacity]" type="number" min="0" max="10" value=capacity inputmode="numeric" aria-invalid=invalid("capacity") />
            </div>
        </div>
        <fieldset class="fieldset" aria-invalid=invalid("languages")>
            <legend>{t!(i18n, join.languages)} " " <FromHr field="languages" from_hr /></legend>
            <div class="checks">
                {language_codes.into_iter().map(|l| {
                    let checked = languages.contains(&l);
                    view! {
                        <label class="checkbox"><input type="checkbox" name="profile[languages][]" value=l.clone() checked=checked />{language_label(&l)}</label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <fieldset class="fieldset" aria-invalid=invalid("availability")>
            <legend>{t!(i18n, join.availability)}</legend>
            <div class="checks">
                {SLOTS.iter().map(|s| {
                    let checked = availability.iter().any(|a| a == s);
                    view! {
                        <label class="checkbox"><input type="checkbox" name="profile[availability][]" value=*s checked=checked />{move || slot_label(i18n, s)}</label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <fieldset class="fieldset" aria-invalid=invalid("can_teach")>
            <legend>{t!(i18n, join.can_teach)} " " <FromHr field="can_teach" from_hr /></legend>
            <div class="checks">{topic_boxes("can_teach", topics.clone(), f.can_teach.clone())}</div>
        </fieldset>
        <fieldset class="fieldset">
            <legend>{t!(i18n, join.wants_to_learn)} " " <FromHr field="wants_to_learn" from_hr /></legend>
            <div class="checks">{topic_boxes("wants_to_learn", topics, f.wants_to_learn.clone())}</div>
        </fieldset>
        <div class="field">
            <label for="p-interests">{t!(i18n, join.interests)} " " <FromHr field="interests" from_hr /></label>
            <input id="p-interests" name="profile[interests]" maxlength="600" value=f.interests.clone() aria-invalid=invalid("interests") />
        </div>
        <label class="checkbox agree">
            <input type="checkbox" name="profile[agree]" value="on" required checked=agreed aria-describedby="agreement" aria-invalid=invalid("agree") />
            {t!(i18n, join.agree)}
        </label>
    }
}
