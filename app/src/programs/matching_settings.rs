//! The matching settings card of the program page: a checkbox per hard rule, the minimum
//! overlap, a number per weight (each with a one-line explanation), save and "restore
//! defaults". Disabled once the program is active or closed. The server checks every value and
//! names a wrong one, so the browser's own range check is off (`novalidate`) and both languages
//! get the same message.

use domain::pairing::{MatchingSettings, max_overlap_hours, profile::MAX_WEIGHT};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::form_error::FormError;
use crate::i18n::*;
use crate::programs::model::MatchingView;
use crate::programs::settings::{ResetMatchingSettings, SaveMatchingSettings};
use crate::programs::settings_text::{RULES, WEIGHTS, rule_text, weight_text};

fn rule_on(s: &MatchingSettings, rule: &str) -> bool {
    let r = &s.rules;
    match rule {
        "mentor_junior" => r.mentor_junior,
        "separate_reporting_lines" => r.separate_reporting_lines,
        "no_repeat_pairs" => r.no_repeat_pairs,
        "shared_language" => r.shared_language,
        "time_overlap" => r.time_overlap,
        "respect_capacity" => r.respect_capacity,
        "apply_pins" => r.apply_pins,
        _ => r.apply_forbids,
    }
}

fn weight_of(s: &MatchingSettings, weight: &str) -> i32 {
    let w = &s.weights;
    match weight {
        "mentor_teaches" => w.mentor_teaches,
        "mentee_teaches" => w.mentee_teaches,
        "shared_interests" => w.shared_interests,
        "shared_availability" => w.shared_availability,
        "different_department" => w.different_department,
        _ => w.different_generation,
    }
}

/// Matching rules and weights of one program.
#[component]
pub fn MatchingSettingsCard(
    /// Program key.
    program: String,
    /// The settings in force and whether they may change.
    current: MatchingView,
    /// Saves the form.
    save: ServerAction<SaveMatchingSettings>,
    /// Restores the defaults.
    reset: ServerAction<ResetMatchingSettings>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = current.settings;
    let locked = !current.editable;
    let save_result = Signal::derive(move || save.value().get());
    let reset_key = program.clone();
    let reset_result = Signal::derive(move || reset.value().get());
    let rules = RULES
        .into_iter()
        .map(|rule| {
            let id = format!("m-{rule}");
            let label_for = id.clone();
            let hint = format!("m-{rule}-hint");
            let described_by = hint.clone();
            let overlap = (rule == "time_overlap").then(|| {
                view! {
                    <div class="setting setting--number">
                        <label for="m-min_overlap_hours">{move || td_string!(i18n.get_locale(), matching.min_overlap_hours)}</label>
                        <input id="m-min_overlap_hours" name="rules[min_overlap_hours]" type="number" inputmode="numeric"
                            min="0" max=max_overlap_hours().to_string() step="1"
                            value=s.rules.min_overlap_hours.to_string() aria-describedby="m-min_overlap_hours-hint" />
                        <p id="m-min_overlap_hours-hint" class="hint">{move || td_string!(i18n.get_locale(), matching.h_min_overlap_hours)}</p>
                    </div>
                }
            });
            view! {
                <div class="setting">
                    <label class="checkbox" for=label_for>
                        <input type="checkbox" id=id name=format!("rules[{rule}]") value="true"
                            checked=rule_on(&s, rule) aria-describedby=described_by />
                        {move || rule_text(i18n.get_locale(), rule).0}
                    </label>
                    <p id=hint class="hint">{move || rule_text(i18n.get_locale(), rule).1}</p>
                </div>
                {overlap}
            }
        })
        .collect_view();
    let weights = WEIGHTS
        .into_iter()
        .map(|weight| {
            let id = format!("w-{weight}");
            let label_for = id.clone();
            let hint = format!("w-{weight}-hint");
            let described_by = hint.clone();
            view! {
                <div class="setting setting--number">
                    <label for=label_for>{move || weight_text(i18n.get_locale(), weight).0}</label>
                    <input id=id name=format!("weights[{weight}]") type="number" inputmode="numeric"
                        min="0" max=MAX_WEIGHT.to_string() step="1"
                        value=weight_of(&s, weight).to_string() aria-describedby=described_by />
                    <p id=hint class="hint">{move || weight_text(i18n.get_locale(), weight).1}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card matching" aria-labelledby="matching-title">
            <h2 id="matching-title">{t!(i18n, matching.title)}</h2>
            <p class="hint">{t!(i18n, matching.intro)}</p>
            {locked.then(|| view! { <p class="alert" role="note">{t!(i18n, matching.locked)}</p> })}
            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, matching.saved)}</p>
            })}
            {move || matches!(reset.value().get(), Some(Ok(()))).then(|| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, matching.reset_done)}</p>
            })}
            <FormError result=save_result />
            <FormError result=reset_result />
            <ActionForm action=save attr:class="form matching__form" attr:novalidate=true>
                <input type="hidden" name="key" value=program />
                <fieldset disabled=locked class="fieldset">
                    <fieldset class="matching__group">
                        <legend>{t!(i18n, matching.rules_legend)}</legend>
                        {rules}
                    </fieldset>
                    <fieldset class="matching__group">
                        <legend>{t!(i18n, matching.weights_legend)}</legend>
                        <div class="matching__weights">{weights}</div>
                    </fieldset>
                    <p class="matching__actions">
                        <button type="submit" class="button button--primary">{t!(i18n, matching.save)}</button>
                    </p>
                </fieldset>
            </ActionForm>
            {(!locked).then(|| view! {
                <ActionForm action=reset attr:class="matching__reset">
                    <input type="hidden" name="key" value=reset_key />
                    <button type="submit" class="button">{t!(i18n, matching.reset)}</button>
                </ActionForm>
            })}
        </section>
    }
}
