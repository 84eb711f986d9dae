//! What HR decides in the import preview before anything is written: the order of the job titles
//! (the level ladder), the rule that decides roles when the file has no role column, what to do
//! with topics the catalogue does not know, the day/month order of dates, the text encoding when
//! it is uncertain, and whether rows with an unknown manager are imported without that link.
//!
//! Every choice is stored in the upload's [`ImportOptions`] and previewed again at once, so the
//! counts HR sees are always the server's reading of the file with those choices.

use domain::import::{
    DateOrder, GenerationRole, ImportOptions, LevelReport, ProgramRole, Question, RoleReport, RoleRule,
    RowErrorCode, TopicAction, TopicChoice, UnknownManagers,
};
use leptos::prelude::*;

use super::Upload;
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
fn decide(upload: Upload, change: impl FnOnce(&mut ImportOptions)) {
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

/// An ordered list of titles, most junior first, moved with the arrow buttons (keyboard) or by
/// dragging (pointer); optionally titles can be removed and added.
#[component]
pub(super) fn LadderEditor(
    /// The titles in their current order.
    initial: Vec<String>,
    /// Whether a title is new (not on the stored ladder yet).
    is_new: Callback<String, bool>,
    /// How many people of the file have the title (0 hides the count).
    count: Callback<String, i64>,
    /// Whether titles can be removed and added.
    removable: bool,
    /// The save button's text.
    save_label: Signal<String>,
    /// Called with the titles in order.
    on_save: Callback<Vec<String>>,
    /// While saving.
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let titles = RwSignal::new(initial);
    let dragging = RwSignal::new(None::<usize>);
    let added = NodeRef::<leptos::html::Input>::new();
    let move_item = move |from: usize, to: usize| {
        titles.update(|t| {
            if from < t.len() && to < t.len() && from != to {
                let item = t.remove(from);
                t.insert(to, item);
            }
        });
    };
    let add = move |_| {
        let Some(input) = added.get() else { return };
        let value = input.value().trim().to_string();
        if value.is_empty() {
            return;
        }
        titles.update(|t| {
            if !t
                .iter()
                .any(|x| domain::ladder::title_key(x) == domain::ladder::title_key(&value))
            {
                t.push(value);
            }
        });
        input.set_value("");
    };
    let list = NodeRef::<leptos::html::Ol>::new();
    // Moving a step re-inserts its element, which drops the keyboard focus: put it back on the
    // same arrow of the moved step (or its other arrow, at either end), so pressing Enter again
    // keeps moving it.
    let refocus = move |title: String, arrow: &'static str| {
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let Some(list) = list.get_untracked() else { return };
            let items = list.children();
            for i in 0..items.length() {
                let Some(item) = items.item(i) else { continue };
                if item.get_attribute("data-title").as_deref() != Some(title.as_str()) {
                    continue;
                }
                let other = if arrow == ".ladder__up" {
                    ".ladder__down"
                } else {
                    ".ladder__up"
                };
                for selector in [arrow, other] {
                    if let Ok(Some(button)) = item.query_selector(selector)
                        && !button.has_attribute("disabled")
                        && let Ok(button) = button.dyn_into::<web_sys::HtmlElement>()
                    {
                        let _ = button.focus();
                        return;
                    }
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (title, arrow);
    };
    view! {
        <ol class="ladder" node_ref=list aria-label=move || td_string!(i18n.get_locale(), import.ladder_label)>
            <For
                each=move || titles.get()
                key=Clone::clone
                children=move |title: String| {
                    // Keyed by title: a moved step keeps its element; its position is read afresh.
                    let me = StoredValue::new(title.clone());
                    let at = move || titles.with(|t| me.with_value(|m| t.iter().position(|x| x == m).unwrap_or(0)));
                    let is_last = move || titles.with(Vec::len).saturating_sub(1) <= at();
                    let fresh = is_new.run(title.clone());
                    let n = count.run(title.clone());
                    view! {
                        <li
                            class="ladder__step"
                            class:ladder__step--new=fresh
                            draggable="true"
                            data-title=title.clone()
                            on:dragstart=move |ev| {
                                dragging.set(Some(at()));
                                if let Some(dt) = ev.data_transfer() {
                                    dt.set_effect_allowed("move");
                                    let _ = dt.set_data("text/plain", &at().to_string());
                                }
                            }
                            on:dragover=move |ev| ev.prevent_default()
                            on:drop=move |ev| {
                                ev.prevent_default();
                                if let Some(from) = dragging.get_untracked() {
                                    move_item(from, at());
                                }
                                dragging.set(None);
                            }
                            on:dragend=move |_| dragging.set(None)
                        >
                            <span class="ladder__level">{move || at() + 1}</span>
                            <span class="ladder__title">{title.clone()}</span>
                            {fresh.then(|| view! { <span class="badge">{t!(i18n, import.ladder_new)}</span> })}
                            {(n > 0).then(|| view! { <span class="muted ladder__count">{t!(i18n, import.ladder_people, count = move || n)}</span> })}
                            <span class="ladder__moves">
                                <button type="button" class="button button--quiet ladder__up" disabled=move || at() == 0
                                    on:click=move |_| { let i = at(); move_item(i, i.saturating_sub(1)); refocus(me.get_value(), ".ladder__up"); }>
                                    <span aria-hidden="true">"↑"</span>
                                    <span class="visually-hidden">{t!(i18n, import.ladder_up, title = { let t = title.clone(); move || t.clone() })}</span>
                                </button>
                                <button type="button" class="button button--quiet ladder__down" disabled=is_last
                                    on:click=move |_| { let i = at(); move_item(i, i + 1); refocus(me.get_value(), ".ladder__down"); }>
                                    <span aria-hidden="true">"↓"</span>
                                    <span class="visually-hidden">{t!(i18n, import.ladder_down, title = { let t = title.clone(); move || t.clone() })}</span>
                                </button>
                                {removable.then(|| { let t = title.clone(); view! {
                                    <button type="button" class="button button--quiet ladder__remove"
                                        on:click=move |_| { let i = at(); titles.update(|list| { if i < list.len() { list.remove(i); } }); }>
                                        <span aria-hidden="true">"×"</span>
                                        <span class="visually-hidden">{t!(i18n, import.ladder_remove, title = move || t.clone())}</span>
                                    </button>
                                }})}
                            </span>
                        </li>
                    }
                }
            />
        </ol>
        {removable.then(|| view! {
            <div class="ladder__add">
                <label for="ladder-add">{t!(i18n, import.ladder_add_label)}</label>
                <input id="ladder-add" type="text" maxlength="80" node_ref=added />
                <button type="button" class="button" on:click=add>{t!(i18n, import.ladder_add)}</button>
            </div>
        })}
        <p>
            <button type="button" class="button button--primary ladder__save" disabled=move || busy.get()
                on:click=move |_| on_save.run(titles.get_untracked())>
                {move || save_label.get()}
            </button>
        </p>
    }
}

/// Which rule decides roles when the file has no role column (or a row leaves it blank), and
/// the split it gives.
#[component]
fn RoleChoice(v: PreviewView, upload: Upload) -> impl IntoView {
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
fn TopicChoices(v: PreviewView, upload: Upload) -> impl IntoView {
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
