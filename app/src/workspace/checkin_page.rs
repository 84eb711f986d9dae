//! `/checkin`: the 30-second check-in seniors do from a phone.
//!
//! One screen, one plain form: how it went (1–5), what I learned, what I taught, the next step and
//! a blocker flag. It is server-rendered and posts without JavaScript (the answer redirects back
//! with `?saved=1`). With the WASM bundle it sends in place, and keeps a draft on the phone
//! (local storage) until the server has acknowledged it, so a dropped connection loses nothing;
//! the draft keeps its submission key, so sending it again never stores it twice.

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::error::ErrorKind;
use crate::i18n::*;
use crate::workspace::checkins::{SubmitCheckin, checkin_targets};
use crate::workspace::model::CheckinTarget;

/// The check-in page.
#[component]
pub fn CheckinPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Checkin />
        </RoleGate>
    }
}

/// What is kept on the phone while a check-in is not yet acknowledged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Draft {
    pair: String,
    rating: String,
    learned: String,
    taught: String,
    next_step: String,
    blocker: bool,
    client_id: String,
}

impl Draft {
    fn is_blank(&self) -> bool {
        self.rating.is_empty()
            && self.learned.is_empty()
            && self.taught.is_empty()
            && self.next_step.is_empty()
    }
}

#[cfg(feature = "hydrate")]
const DRAFT_KEY: &str = "inversa.checkin.draft";

#[cfg(feature = "hydrate")]
fn load_draft() -> Option<Draft> {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::get(DRAFT_KEY).ok()
}

#[cfg(feature = "hydrate")]
fn store_draft(d: &Draft) {
    use gloo_storage::Storage;
    if d.is_blank() {
        gloo_storage::LocalStorage::delete(DRAFT_KEY);
    } else {
        let _ = gloo_storage::LocalStorage::set(DRAFT_KEY, d);
    }
}

#[cfg(not(feature = "hydrate"))]
fn load_draft() -> Option<Draft> {
    None
}

#[cfg(not(feature = "hydrate"))]
fn store_draft(_: &Draft) {}

#[component]
fn Checkin() -> impl IntoView {
    let i18n = use_i18n();
    let submit = ServerAction::<SubmitCheckin>::new();
    let query = use_query_map();
    // Reload the targets (and with them fresh submission keys) after each acknowledged check-in
    // only: a failed one keeps the form, and its draft, exactly as it is.
    let saves = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if submit.value().get().is_some_and(|r| r.is_ok()) {
            saves.update(|n| *n += 1);
        }
    });
    let targets = Resource::new(move || saves.get(), |_| checkin_targets());
    let saved = move || {
        query.with(|q| q.get("saved").is_some()) && submit.version().get() == 0
            || submit.value().get().is_some_and(|r| r.is_ok())
    };
    let offline = move || {
        submit
            .value()
            .get()
            .is_some_and(|r| r.is_err_and(|e| e.kind == ErrorKind::Network))
    };
    view! {
        <section class="page checkin-page">
            <h1>{t!(i18n, checkins.page_title)}</h1>
            <p class="hint">{t!(i18n, checkins.intro)}</p>
            {move || saved().then(|| view! {
                <p class="alert alert--ok" role="status" id="checkin-saved">{t!(i18n, checkins.saved)}</p>
            })}
            {move || if offline() {
                view! { <p class="alert alert--error" role="alert" id="checkin-offline">{t!(i18n, checkins.offline)}</p> }.into_any()
            } else {
                view! { <FormError result=Signal::derive(move || submit.value().get().map(|r| r.map(|_| ()))) /> }.into_any()
            }}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match targets.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="muted empty">{t!(i18n, checkins.no_pairs)}</p> }.into_any(),
                        Ok(list) => view! { <CheckinForm targets=list submit /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CheckinForm(targets: Vec<CheckinTarget>, submit: ServerAction<SubmitCheckin>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let first = targets[0].clone();
    let pair = RwSignal::new(first.pair.clone());
    let rating = RwSignal::new(String::new());
    let learned = RwSignal::new(String::new());
    let taught = RwSignal::new(String::new());
    let next_step = RwSignal::new(String::new());
    let blocker = RwSignal::new(false);
    let client_id = RwSignal::new(first.client_id.clone());
    let restored = RwSignal::new(false);
    // In the browser: bring back an unsent draft, then keep the draft in step with the form.
    Effect::new(move |_| {
        if let Some(d) = load_draft().filter(|d| !d.is_blank()) {
            pair.set(d.pair);
            rating.set(d.rating);
            learned.set(d.learned);
            taught.set(d.taught);
            next_step.set(d.next_step);
            blocker.set(d.blocker);
            if !d.client_id.is_empty() {
                client_id.set(d.client_id);
            }
            restored.set(true);
        }
    });
    Effect::new(move |_| {
        store_draft(&Draft {
            pair: pair.get(),
            rating: rating.get(),
            learned: learned.get(),
            taught: taught.get(),
            next_step: next_step.get(),
            blocker: blocker.get(),
            client_id: client_id.get(),
        });
    });
    // Acknowledged: forget the draft. The page then reloads the targets, whose fresh keys start
    // the next check-in.
    Effect::new(move |_| {
        if submit.value().get().is_some_and(|r| r.is_ok()) {
            store_draft(&Draft::default());
        }
    });
    let choose_pair = (targets.len() > 1).then(|| {
        let options = targets.clone();
        view! {
            <label for="checkin-pair">{t!(i18n, checkins.pair)}</label>
            <select id="checkin-pair" name="pair" bind:value=pair>
                {options.into_iter().map(|t| {
                    let label = format!("{} · {}", td_string!(locale, checkins.with, name = &t.with), t.program);
                    view! { <option value=t.pair.clone()>{label}</option> }
                }).collect_view()}
            </select>
        }
    });
    let single = (targets.len() == 1).then(|| {
        view! {
            <input type="hidden" name="pair" value=first.pair.clone() />
            <p class="muted">{td_string!(locale, checkins.with, name = &first.with)} " · " {first.program.clone()}</p>
        }
    });
    let workspace = move || format!("/pair/{}", pair.get());
    view! {
        {move || restored.get().then(|| view! { <p class="alert" role="status" id="checkin-restored">{t!(i18n, checkins.draft_restored)}</p> })}
        <ActionForm action=submit attr:class="form checkin-form" attr:id="checkin-form">
            {single}
            {choose_pair}
            <input type="hidden" name="client_id" prop:value=move || client_id.get() value=first.client_id.clone() />
            <fieldset class="rating-choice">
                <legend>{t!(i18n, checkins.rating)}</legend>
                {["1", "2", "3", "4", "5"].into_iter().map(|v| {
                    let label = match v {
                        "1" => td_string!(locale, checkins.rating_1),
                        "2" => td_string!(locale, checkins.rating_2),
                        "3" => td_string!(locale, checkins.rating_3),
                        "4" => td_string!(locale, checkins.rating_4),
                        _ => td_string!(locale, checkins.rating_5),
                    };
                    view! {
                        <label class="rating-choice__option">
                            <input type="radio" name="rating" value=v required bind:group=rating />
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="checkin-learned">{t!(i18n, checkins.learned)}</label>
            <textarea id="checkin-learned" name="learned" rows="2" maxlength="1000" bind:value=learned></textarea>
            <label for="checkin-taught">{t!(i18n, checkins.taught)}</label>
            <textarea id="checkin-taught" name="taught" rows="2" maxlength="1000" bind:value=taught></textarea>
            <label for="checkin-next">{t!(i18n, checkins.next_step)}</label>
            <input id="checkin-next" name="next_step" maxlength="1000" bind:value=next_step />
            <label class="check">
                <input type="checkbox" name="blocker" value="true" bind:checked=blocker />
                " " {t!(i18n, checkins.blocker)}
            </label>
            <button type="submit" class="button button--primary button--wide" disabled=move || submit.pending().get()>
                {t!(i18n, checkins.send)}
            </button>
        </ActionForm>
        <p><a class="button button--quiet" href=workspace>{t!(i18n, checkins.open_workspace)}</a></p>
    }
}
