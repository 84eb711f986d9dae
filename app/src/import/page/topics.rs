//! The unknown topics of the import decisions: one choice per topic the catalogue does not know
//! (add it, treat it as an existing topic, or ignore it).

use domain::import::{TopicAction, TopicChoice};
use leptos::prelude::*;

use super::Upload;
use super::decisions::decide;
use crate::i18n::*;
use crate::import::api::PreviewView;

/// An unknown topic in the choice table, with what HR is choosing for it.
#[derive(Clone)]
struct TopicRow {
    /// The topic as first written in the file.
    name: String,
    /// How many list items name it.
    count: i64,
    /// `""` (undecided), `add`, `ignore` or `map:{key}`.
    choice: RwSignal<String>,
    /// Spanish name when added.
    es: RwSignal<String>,
    /// English name when added.
    en: RwSignal<String>,
    /// The server refused the current choice.
    problem: bool,
}

/// One choice per topic the catalogue does not know: add it, treat it as an existing topic, or
/// ignore it.
#[component]
pub(super) fn TopicChoices(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let catalogue = StoredValue::new(v.catalogue.clone());
    let rows: Vec<TopicRow> = v
        .topics
        .unknown
        .iter()
        .map(|u| {
            let (choice, es, en) = match &u.choice {
                Some(TopicAction::Add { es, en }) => ("add".to_string(), es.clone(), en.clone()),
                Some(TopicAction::MapTo { key }) => (format!("map:{key}"), u.name.clone(), u.name.clone()),
                Some(TopicAction::Ignore) => ("ignore".to_string(), u.name.clone(), u.name.clone()),
                None => (
                    u.suggestion
                        .as_ref()
                        .map_or_else(String::new, |k| format!("map:{k}")),
                    u.name.clone(),
                    u.name.clone(),
                ),
            };
            TopicRow {
                name: u.name.clone(),
                count: u.count,
                choice: RwSignal::new(choice),
                es: RwSignal::new(es),
                en: RwSignal::new(en),
                problem: u.problem.is_some(),
            }
        })
        .collect();
    let rows = StoredValue::new(rows);
    let apply = move |_| {
        let choices: Vec<TopicChoice> = rows.with_value(|rows| {
            rows.iter()
                .filter_map(
                    |TopicRow {
                         name, choice, es, en, ..
                     }| {
                        let c = choice.get_untracked();
                        let action = if c == "add" {
                            TopicAction::Add {
                                es: es.get_untracked(),
                                en: en.get_untracked(),
                            }
                        } else if c == "ignore" {
                            TopicAction::Ignore
                        } else if let Some(key) = c.strip_prefix("map:") {
                            TopicAction::MapTo { key: key.to_string() }
                        } else {
                            return None;
                        };
                        Some(TopicChoice {
                            name: name.clone(),
                            action,
                        })
                    },
                )
                .collect()
        });
        decide(upload, |o| o.topic_choices = choices);
    };
    view! {
        <fieldset class="import__question" id="import-topics">
            <legend>{t!(i18n, import.topics_title)}</legend>
            <p class="hint">{t!(i18n, import.topics_hint, matched = move || v.topics.matched)}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-topics-caption">
                <table class="table table--stack import__topics">
                    <caption id="import-topics-caption" class="visually-hidden">{t!(i18n, import.topics_title)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, import.topic_name)}</th>
                        <th scope="col">{t!(i18n, import.topic_people)}</th>
                        <th scope="col">{t!(i18n, import.topic_choice)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.get_value().into_iter().enumerate().map(|(i, TopicRow { name, count, choice, es, en, problem })| {
                            let select_id = format!("import-topic-{i}");
                            let current = choice.get_untracked();
                            view! {
                                <tr data-topic=name.clone() class:import__problem=problem>
                                    <td data-label=move || td_string!(i18n.get_locale(), import.topic_name)><label for=select_id.clone()>{name.clone()}</label></td>
                                    <td data-label=move || td_string!(i18n.get_locale(), import.topic_people)>{count}</td>
                                    <td data-label=move || td_string!(i18n.get_locale(), import.topic_choice)>
                                        <select id=select_id on:change=move |ev| choice.set(event_target_value(&ev))>
                                            <option value="" selected=current.is_empty()>{t!(i18n, import.topic_undecided)}</option>
                                            <option value="add" selected=current == "add">{t!(i18n, import.topic_add)}</option>
                                            {catalogue.get_value().into_iter().map(|(key, label_es, label_en)| {
                                                let value = format!("map:{key}");
                                                let selected = current == value;
                                                let label = if locale == Locale::en { label_en } else { label_es };
                                                view! { <option value=value selected=selected>{t!(i18n, import.topic_map, topic = move || label.clone())}</option> }
                                            }).collect_view()}
                                            <option value="ignore" selected=current == "ignore">{t!(i18n, import.topic_ignore)}</option>
                                        </select>
                                        <div class="import__topic-names" hidden=move || choice.get() != "add">
                                            <label for=format!("import-topic-{i}-es")>{t!(i18n, import.topic_label_es)}</label>
                                            <input id=format!("import-topic-{i}-es") type="text" maxlength="80" prop:value=move || es.get()
                                                on:input=move |ev| es.set(event_target_value(&ev)) />
                                            <label for=format!("import-topic-{i}-en")>{t!(i18n, import.topic_label_en)}</label>
                                            <input id=format!("import-topic-{i}-en") type="text" maxlength="80" prop:value=move || en.get()
                                                on:input=move |ev| en.set(event_target_value(&ev)) />
                                        </div>
                                        {problem.then(|| view! { <p class="field-error">{t!(i18n, import.topic_problem)}</p> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p>
                <button type="button" class="button" id="import-topics-apply" disabled=move || upload.preview.pending().get() on:click=apply>
                    {t!(i18n, import.topics_apply)}
                </button>
            </p>
        </fieldset>
    }
}
