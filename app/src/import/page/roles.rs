//! The role rule of the import decisions: which rule decides roles when the file has no role
//! column (or a row leaves it blank), by level, tenure or generation, and the split it gives.

use domain::import::{GenerationRole, LevelReport, ProgramRole, RoleReport, RoleRule};
use leptos::prelude::*;

use super::Upload;
use super::decisions::decide;
use crate::i18n::*;
use crate::import::api::PreviewView;

/// Which rule decides roles when the file has no role column (or a row leaves it blank), and
/// the split it gives.
#[component]
pub(super) fn RoleChoice(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let r: RoleReport = v.roles.clone();
    let current = upload.options.get_untracked().role_rule;
    let has_column = v
        .columns
        .iter()
        .any(|c| c.field == Some(domain::import::Field::Role));
    let kind = RwSignal::new(match &current {
        Some(RoleRule::Level { .. }) | None => "level",
        Some(RoleRule::Tenure { .. }) => "tenure",
        Some(RoleRule::Generation { .. }) => "generation",
    });
    let (span_lo, span_hi) = r.level_span.unwrap_or((1, 20));
    let (mentor_max, mentee_min) = match current {
        Some(RoleRule::Level {
            mentor_max,
            mentee_min,
        }) => (mentor_max, mentee_min),
        _ => {
            let mid = span_lo + (span_hi - span_lo) / 2;
            (mid, mid + 1)
        }
    };
    let (mentor_below, mentee_from) = match upload.options.get_untracked().role_rule {
        Some(RoleRule::Tenure {
            mentor_below,
            mentee_from,
        }) => (mentor_below, mentee_from),
        _ => (5, 10),
    };
    let level_mentor = RwSignal::new(mentor_max);
    let level_mentee = RwSignal::new(mentee_min);
    let tenure_mentor = RwSignal::new(mentor_below);
    let tenure_mentee = RwSignal::new(mentee_from);
    let generation_roles: Vec<(String, i64, RwSignal<String>)> = r
        .generations
        .iter()
        .map(|(g, n)| {
            let chosen = match &upload.options.get_untracked().role_rule {
                Some(RoleRule::Generation { roles }) => roles
                    .iter()
                    .find(|x| domain::ladder::title_key(&x.generation) == domain::ladder::title_key(g))
                    .map(|x| x.role.as_str().to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            (g.clone(), *n, RwSignal::new(chosen))
        })
        .collect();
    let generation_roles = StoredValue::new(generation_roles);
    // Levels are named by their titles only when this file's level column holds titles.
    let titled = matches!(v.levels, LevelReport::Titles { .. });
    let ladder = StoredValue::new(if titled { v.ladder.clone() } else { Vec::new() });
    let level_label = move |n: i32| {
        ladder.with_value(|l| match usize::try_from(n - 1).ok().and_then(|i| l.get(i)) {
            Some(title) => format!("{n} · {title}"),
            None => n.to_string(),
        })
    };
    let rule_invalid = RwSignal::new(false);
    let apply = move |_| {
        let rule = match kind.get_untracked() {
            "tenure" => RoleRule::Tenure {
                mentor_below: tenure_mentor.get_untracked(),
                mentee_from: tenure_mentee.get_untracked(),
            },
            "generation" => RoleRule::Generation {
                roles: generation_roles.with_value(|g| {
                    g.iter()
                        .filter_map(|(name, _, role)| {
                            ProgramRole::parse_loose(&role.get_untracked()).map(|role| GenerationRole {
                                generation: name.clone(),
                                role,
                            })
                        })
                        .collect()
                }),
            },
            _ => RoleRule::Level {
                mentor_max: level_mentor.get_untracked(),
                mentee_min: level_mentee.get_untracked(),
            },
        };
        if rule.is_valid() {
            rule_invalid.set(false);
            decide(upload, |o| o.role_rule = Some(rule));
        } else {
            rule_invalid.set(true);
        }
    };
    let levels: Vec<i32> = (1..=20).collect();
    let levels = StoredValue::new(levels);
    let split = (r.mentors, r.mentees, r.both, r.undecided);
    view! {
        <fieldset class="import__question" id="import-roles">
            <legend>{t!(i18n, import.roles_title)}</legend>
            <p class="hint">
                {if has_column { t!(i18n, import.roles_hint_column).into_any() } else { t!(i18n, import.roles_hint_rule).into_any() }}
            </p>
            <ul class="import__split" data-mentors=split.0 data-mentees=split.1 data-both=split.2 data-undecided=split.3>
                <li>{t!(i18n, import.split_mentors, count = move || split.0)}</li>
                <li>{t!(i18n, import.split_mentees, count = move || split.1)}</li>
                <li>{t!(i18n, import.split_both, count = move || split.2)}</li>
                <li class:import__undecided={split.3 > 0}>{t!(i18n, import.split_undecided, count = move || split.3)}</li>
            </ul>
            {(!r.undecided_rows.is_empty()).then(|| {
                let rows = r.undecided_rows.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                view! { <p class="hint">{t!(i18n, import.undecided_rows, rows = move || rows.clone())}</p> }
            })}
            <div class="import__rule-kinds" role="radiogroup" aria-label=move || td_string!(i18n.get_locale(), import.rule_kind)>
                {[("level", 0), ("tenure", 1), ("generation", 2)].into_iter().map(|(k, _)| {
                    let id = format!("import-rule-{k}");
                    view! {
                        <span class="import__choice">
                            <input type="radio" name="import-rule" id=id.clone() value=k checked=move || kind.get() == k
                                on:change=move |_| kind.set(k) />
                            <label for=id>{move || rule_label(i18n, k)}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            <div class="form import__rule" hidden=move || kind.get() != "level">
                <label for="import-level-mentor">{t!(i18n, import.rule_level_mentor)}</label>
                <select id="import-level-mentor" on:change=move |ev| level_mentor.set(event_target_value(&ev).parse().unwrap_or(1))>
                    {levels.get_value().into_iter().map(|n| view! { <option value=n selected=n == mentor_max>{level_label(n)}</option> }).collect_view()}
                </select>
                <label for="import-level-mentee">{t!(i18n, import.rule_level_mentee)}</label>
                <select id="import-level-mentee" on:change=move |ev| level_mentee.set(event_target_value(&ev).parse().unwrap_or(20))>
                    {levels.get_value().into_iter().map(|n| view! { <option value=n selected=n == mentee_min>{level_label(n)}</option> }).collect_view()}
                </select>
            </div>
            <div class="form import__rule" hidden=move || kind.get() != "tenure">
                <label for="import-tenure-mentor">{t!(i18n, import.rule_tenure_mentor)}</label>
                <input id="import-tenure-mentor" type="number" min="0" max="60" value=mentor_below
                    on:input=move |ev| tenure_mentor.set(event_target_value(&ev).parse().unwrap_or(0)) />
                <label for="import-tenure-mentee">{t!(i18n, import.rule_tenure_mentee)}</label>
                <input id="import-tenure-mentee" type="number" min="0" max="60" value=mentee_from
                    on:input=move |ev| tenure_mentee.set(event_target_value(&ev).parse().unwrap_or(0)) />
            </div>
            <div class="form import__rule" hidden=move || kind.get() != "generation">
                {generation_roles.get_value().into_iter().enumerate().map(|(i, (g, n, role))| {
                    let id = format!("import-generation-{i}");
                    let current = role.get_untracked();
                    view! {
                        <label for=id.clone()>{t!(i18n, import.rule_generation, generation = move || g.clone(), count = move || n)}</label>
                        <select id=id on:change=move |ev| role.set(event_target_value(&ev))>
                            <option value="" selected=current.is_empty()>{t!(i18n, import.rule_generation_none)}</option>
                            {ProgramRole::ALL.into_iter().map(|r| view! {
                                <option value=r.as_str() selected=current == r.as_str()>{move || role_label(i18n, r)}</option>
                            }).collect_view()}
                        </select>
                    }
                }).collect_view()}
            </div>
            {move || rule_invalid.get().then(|| view! { <p class="alert alert--error" role="alert">{t!(i18n, import.file_invalid_role_rule)}</p> })}
            <p>
                <button type="button" class="button" id="import-rule-apply" disabled=move || upload.preview.pending().get() on:click=apply>
                    {t!(i18n, import.rule_apply)}
                </button>
            </p>
        </fieldset>
    }
}

fn rule_label(i18n: leptos_i18n::I18nContext<Locale>, kind: &str) -> &'static str {
    let l = i18n.get_locale();
    match kind {
        "tenure" => td_string!(l, import.rule_tenure),
        "generation" => td_string!(l, import.rule_by_generation),
        _ => td_string!(l, import.rule_level),
    }
}

fn role_label(i18n: leptos_i18n::I18nContext<Locale>, role: ProgramRole) -> &'static str {
    let l = i18n.get_locale();
    match role {
        ProgramRole::Mentor => td_string!(l, import.role_mentor),
        ProgramRole::Mentee => td_string!(l, import.role_mentee),
        ProgramRole::Both => td_string!(l, import.role_both),
    }
}
