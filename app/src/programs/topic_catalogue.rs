//! A program's topic catalogue: the topics in the reader's language, a form to add one in both
//! languages, and per topic a form to rename it and one to remove it after ticking a
//! confirmation. Only a list once the program is closed. Plain forms, so it works without
//! JavaScript.

use crate::components::submission_key::SubmissionKey;
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::form_error::FormError;
use crate::i18n::*;
use crate::programs::settings::{AddTopic, RemoveTopic, RenameTopic};

/// The catalogue card of the program page.
#[component]
pub fn TopicCatalogue(
    /// Program key.
    program: String,
    /// Topics as `(key, Spanish, English)`.
    topics: Vec<(String, String, String)>,
    /// False once the program is closed.
    editable: bool,
    /// Adds a topic.
    add: ServerAction<AddTopic>,
    /// Renames a topic.
    rename: ServerAction<RenameTopic>,
    /// Removes a topic.
    remove: ServerAction<RemoveTopic>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add_result = Signal::derive(move || add.value().get().map(|r| r.map(|_| ())));
    let rename_result = Signal::derive(move || rename.value().get());
    let remove_result = Signal::derive(move || remove.value().get());
    let empty = topics.is_empty();
    let rows = topics
        .into_iter()
        .map(|(key, es, en)| {
            let label = {
                let (es, en) = (es.clone(), en.clone());
                move || if i18n.get_locale() == Locale::en { en.clone() } else { es.clone() }
            };
            if !editable {
                return view! { <li class="chip" data-topic=key>{label}</li> }.into_any();
            }
            let (rename_program, remove_program) = (program.clone(), program.clone());
            let (rename_topic, remove_topic, item, chip) = (key.clone(), key.clone(), key.clone(), key.clone());
            let (es_id, en_id) = (format!("topic-{key}-es"), format!("topic-{key}-en"));
            let (es_for, en_for) = (es_id.clone(), en_id.clone());
            view! {
                <li class="topic" data-topic=item>
                    <span class="chip topic__name" data-topic=chip>{label.clone()}</span>
                    " "
                    <span class="muted topic__key">
                        <span class="visually-hidden">{t!(i18n, programs.topic_key)} ": "</span>
                        {key}
                    </span>
                    <details class="topic__edit">
                        <summary>
                            {t!(i18n, programs.topic_edit)}
                            <span class="visually-hidden">": " {label}</span>
                        </summary>
                        <ActionForm action=rename attr:class="form topic__form">
                            <input type="hidden" name="key" value=rename_program />
                            <input type="hidden" name="topic" value=rename_topic />
                            <div class="form--row">
                                <div class="field">
                                    <label for=es_for>{t!(i18n, programs.topic_label_es)}</label>
                                    <input id=es_id name="label_es" value=es required maxlength="80" />
                                </div>
                                <div class="field">
                                    <label for=en_for>{t!(i18n, programs.topic_label_en)}</label>
                                    <input id=en_id name="label_en" value=en required maxlength="80" />
                                </div>
                            </div>
                            <button type="submit" class="button">{t!(i18n, programs.topic_rename)}</button>
                        </ActionForm>
                        <ActionForm action=remove attr:class="topic__remove">
                            <input type="hidden" name="key" value=remove_program />
                            <input type="hidden" name="topic" value=remove_topic />
                            <label class="checkbox">
                                <input type="checkbox" name="confirm" value="true" required />
                                {t!(i18n, programs.topic_remove_confirm)}
                            </label>
                            <button type="submit" class="button button--danger">{t!(i18n, programs.topic_remove)}</button>
                        </ActionForm>
                    </details>
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="topics-title">
            <h2 id="topics-title">{t!(i18n, programs.topics)}</h2>
            <p class="hint">{t!(i18n, programs.topics_intro)}</p>
            {(!editable).then(|| view! { <p class="hint">{t!(i18n, programs.topics_closed)}</p> })}
            <FormError result=rename_result />
            <FormError result=remove_result />
            {move || matches!(rename.value().get(), Some(Ok(()))).then(|| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, programs.topic_renamed)}</p>
            })}
            {move || matches!(remove.value().get(), Some(Ok(()))).then(|| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, programs.topic_removed)}</p>
            })}
            {empty.then(|| view! { <p class="empty-note">{t!(i18n, programs.topics_empty)}</p> })}
            <ul class=if editable { "topic-list" } else { "chips" }>{rows}</ul>
            {editable.then(|| view! {
                <h3 id="topic-add-title">{t!(i18n, programs.topic_add_title)}</h3>
                <FormError result=add_result />
                {move || matches!(add.value().get(), Some(Ok(_))).then(|| view! {
                    <p class="alert alert--ok" role="status">{t!(i18n, programs.topic_added)}</p>
                })}
                <ActionForm action=add attr:class="form topic-add" attr:aria-labelledby="topic-add-title">
                    <input type="hidden" name="key" value=program.clone() />
                    <SubmissionKey answers=add.version() />
                    <div class="form--row">
                        <div class="field">
                            <label for="topic-new-es">{t!(i18n, programs.topic_label_es)}</label>
                            <input id="topic-new-es" name="label_es" required maxlength="80" />
                        </div>
                        <div class="field">
                            <label for="topic-new-en">{t!(i18n, programs.topic_label_en)}</label>
                            <input id="topic-new-en" name="label_en" required maxlength="80" />
                        </div>
                    </div>
                    <button type="submit" class="button button--primary">{t!(i18n, programs.topic_add)}</button>
                </ActionForm>
            })}
        </section>
    }
}
