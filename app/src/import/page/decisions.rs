//! What HR decides in the import preview before anything is written: the order of the job titles
//! (the level ladder), the rule that decides roles when the file has no role column, what to do
//! with topics the catalogue does not know, the day/month order of dates, the text encoding when
//! it is uncertain, and whether rows with an unknown manager are imported without that link.
//!
//! Every choice is stored in the upload's [`ImportOptions`] and previewed again at once, so the
//! counts HR sees are always the server's reading of the file with those choices. This file holds
//! the card, its questions and the small choices; the role rule is in [`super::roles`], the
//! unknown topics in [`super::topics`] and the ladder editor in [`super::ladder`].

use domain::import::{DateOrder, ImportOptions, LevelReport, Question, RowErrorCode, UnknownManagers};
use leptos::prelude::*;

use super::Upload;
use super::ladder::LadderEditor;
use super::roles::RoleChoice;
use super::topics::TopicChoices;
use crate::i18n::*;
use crate::import::api::PreviewView;

/// The decisions card: shown when the file raises any question, or has answers already.
#[component]
pub(super) fn Decisions(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let options = upload.options.get_untracked();
    let titles = matches!(v.levels, LevelReport::Titles { .. });
    let unknown_managers = v.errors.iter().any(|e| e.code == RowErrorCode::UnknownManager)
        || options.link_unknown_managers == UnknownManagers::ImportWithoutLink;
    let encoding = v.encoding_check.needs_decision || options.encoding.is_some();
    let topics = !v.topics.unknown.is_empty();
    let questions = v.questions.clone();
    let open = !questions.is_empty();
    view! {
        <section class="card import__decisions" aria-labelledby="import-decisions-title">
            <h2 id="import-decisions-title">{t!(i18n, import.decisions_title)}</h2>
            {if open {
                view! {
                    <p class="alert alert--warn" role="status" id="import-questions">
                        {t!(i18n, import.questions_intro)}
                    </p>
                    <ul class="import__questions">
                        {questions.into_iter().map(|q| view! { <li data-question=question_key(q)>{move || question_text(i18n, q)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            } else {
                view! { <p class="alert alert--ok" role="status">{t!(i18n, import.questions_none)}</p> }.into_any()
            }}
            {encoding.then(|| view! { <EncodingChoice v=v.clone() upload /> })}
            {titles.then(|| view! { <LevelTitles v=v.clone() upload /> })}
            <RoleChoice v=v.clone() upload />
            {topics.then(|| view! { <TopicChoices v=v.clone() upload /> })}
            {v.dates.is_some().then(|| view! { <DateChoice v=v.clone() upload /> })}
            {unknown_managers.then(|| view! { <ManagerChoice upload /> })}
        </section>
    }
}

fn question_key(q: Question) -> &'static str {
    match q {
        Question::LevelTitles => "level_titles",
        Question::Roles => "roles",
        Question::Topics => "topics",
        Question::DateOrder => "date_order",
        Question::Encoding => "encoding",
        Question::UnknownManagers => "unknown_managers",
    }
}

fn question_text(i18n: leptos_i18n::I18nContext<Locale>, q: Question) -> &'static str {
    let l = i18n.get_locale();
    match q {
        Question::LevelTitles => td_string!(l, import.q_level_titles),
        Question::Roles => td_string!(l, import.q_roles),
        Question::Topics => td_string!(l, import.q_topics),
        Question::DateOrder => td_string!(l, import.q_date_order),
        Question::Encoding => td_string!(l, import.q_encoding),
        Question::UnknownManagers => td_string!(l, import.q_unknown_managers),
    }
}

/// Changes the options and previews again.
pub(super) fn decide(upload: Upload, change: impl FnOnce(&mut ImportOptions)) {
    upload.options.update(change);
    upload.send_preview();
}

/// The encodings the text could be in, each with the file's accented text as it would read.
#[component]
fn EncodingChoice(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = upload.options.get_untracked().encoding;
    let used = v.encoding;
    view! {
        <fieldset class="import__question" id="import-encoding">
            <legend>{t!(i18n, import.encoding_title)}</legend>
            <p class="hint">{t!(i18n, import.encoding_hint)}</p>
            {v.encoding_check.alternatives.into_iter().map(|alt| {
                let e = alt.encoding;
                let id = format!("import-encoding-{}", e.label().replace([' ', '(', ')'], "-"));
                let checked = chosen == Some(e) || (chosen.is_none() && used == e && !v.encoding_check.needs_decision);
                view! {
                    <div class="import__choice">
                        <input type="radio" name="import-encoding" id=id.clone() checked=checked
                            on:change=move |_| decide(upload, |o| o.encoding = Some(e)) />
                        <label for=id>{e.label()}</label>
                        <ul class="import__samples">
                            {alt.samples.into_iter().map(|s| view! { <li><code>{s}</code></li> }).collect_view()}
                        </ul>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The job titles found in the level column, to put in order as the level ladder.
#[component]
fn LevelTitles(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let LevelReport::Titles {
        titles,
        unplaced,
        too_many,
    } = v.levels
    else {
        return ().into_any();
    };
    let mut order = v.ladder.clone();
    order.extend(unplaced.iter().cloned());
    let counts: Vec<(String, i64)> = titles.iter().map(|t| (t.title.clone(), t.count)).collect();
    let new_titles = StoredValue::new(unplaced.clone());
    let counts = StoredValue::new(counts);
    view! {
        <div class="import__question" id="import-levels">
            <h3>{t!(i18n, import.levels_title)}</h3>
            <p class="hint">{t!(i18n, import.levels_hint)}</p>
            {too_many.then(|| view! { <p class="alert alert--error" role="alert">{t!(i18n, import.levels_too_many)}</p> })}
            <LadderEditor
                initial=order
                is_new=Callback::new(move |t: String| new_titles.with_value(|n| n.iter().any(|x| domain::ladder::title_key(x) == domain::ladder::title_key(&t))))
                count=Callback::new(move |t: String| counts.with_value(|c| c.iter().find(|(x, _)| domain::ladder::title_key(x) == domain::ladder::title_key(&t)).map_or(0, |(_, n)| *n)))
                removable=false
                save_label=Signal::derive(move || td_string!(i18n.get_locale(), import.levels_use).to_string())
                on_save=Callback::new(move |titles: Vec<String>| decide(upload, |o| o.level_ladder = Some(titles)))
                busy=upload.preview.pending().into()
            />
        </div>
    }
    .into_any()
}

/// The day/month order of the date column: as detected, or HR's choice when it cannot be told.
#[component]
fn DateChoice(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let Some(d) = v.dates else {
        return ().into_any();
    };
    let (day, month) = (d.day_first_evidence, d.month_first_evidence);
    let order = d.order;
    view! {
        <fieldset class="import__question" id="import-dates" data-order=match order {
            Some(DateOrder::DayFirst) => "day_first",
            Some(DateOrder::MonthFirst) => "month_first",
            None => "undecided",
        }>
            <legend>{t!(i18n, import.dates_title)}</legend>
            <p class="hint">{t!(i18n, import.dates_evidence, day = move || day, month = move || month)}</p>
            {[(DateOrder::DayFirst, "day_first"), (DateOrder::MonthFirst, "month_first")].into_iter().map(|(o, k)| {
                let id = format!("import-date-{k}");
                view! {
                    <span class="import__choice">
                        <input type="radio" name="import-date-order" id=id.clone() checked=order == Some(o)
                            on:change=move |_| decide(upload, |opts| opts.date_order = Some(o)) />
                        <label for=id>{move || if o == DateOrder::DayFirst {
                            td_string!(i18n.get_locale(), import.dates_day_first)
                        } else {
                            td_string!(i18n.get_locale(), import.dates_month_first)
                        }}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// Whether rows whose manager is unknown are imported without that link.
#[component]
fn ManagerChoice(upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let checked = upload.options.get_untracked().link_unknown_managers == UnknownManagers::ImportWithoutLink;
    view! {
        <div class="import__question" id="import-managers">
            <h3>{t!(i18n, import.managers_title)}</h3>
            <p class="import__choice">
                <input type="checkbox" id="import-managers-unlinked" checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        decide(upload, |o| o.link_unknown_managers = if on { UnknownManagers::ImportWithoutLink } else { UnknownManagers::Refuse });
                    } />
                <label for="import-managers-unlinked">{t!(i18n, import.managers_unlinked)}</label>
            </p>
        </div>
    }
}
