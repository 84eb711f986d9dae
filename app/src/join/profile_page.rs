//! `/profile/:key`: a participant completes their profile for a program they are enrolled in
//! (enrolling, matching or active). What HR imported is filled in and marked; they confirm or
//! correct it, add what is missing (topics, interests, availability, languages) and accept the
//! agreement. A field left empty keeps what is stored. A plain form: without JavaScript the
//! post comes back here with `?saved=1` and the page confirms.

use domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::{Loading, NotFoundPanel};
use crate::components::role_gate::RoleGate;
use crate::error::ErrorKind;
use crate::i18n::*;
use crate::join::agreement::Agreement;
use crate::join::api::{SaveProfile, load_profile};
use crate::join::model::ProfileView;
use crate::join::profile_fields::ProfileFields;

/// The profile-completion page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Profile />
        </RoleGate>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let save = ServerAction::<SaveProfile>::new();
    let page = Resource::new(move || (key(), save.version().get()), |(k, _)| load_profile(k));
    // Saved: by the enhanced form (the action's value), or by a plain post that came back here.
    let saved = Signal::derive(move || match save.value().get() {
        Some(r) => r.is_ok(),
        None => query.with(|q| q.get("saved").is_some()),
    });
    view! {
        <section class="page profile">
            <h1>{t!(i18n, profile.title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(e) if e.kind == ErrorKind::NotFound => view! { <NotFoundPanel message=e.message /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(p) => view! { <ProfileBody p save saved /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProfileBody(p: ProfileView, save: ServerAction<SaveProfile>, saved: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let result = Signal::derive(move || save.value().get().map(|r| r.map(|_| ())));
    let error_field =
        Signal::derive(move || save.value().get().and_then(Result::err).and_then(|e| e.field()));
    let status = p.status;
    let has_hr = !p.prefill.from_hr.is_empty();
    let form = &p.prefill.form;
    let missing_topics = !domain::profile::profile_complete(
        matches!(form.role.as_str(), "mentor" | "both"),
        matches!(form.role.as_str(), "mentee" | "both"),
        !form.can_teach.is_empty(),
        !form.wants_to_learn.is_empty(),
        true,
    );
    view! {
        <p class="lead">{t!(i18n, profile.intro)}</p>
        <article class="card profile-program">
            <h2>{p.name.clone()}</h2>
            <p class="muted">
                {t!(i18n, programs.status)} ": "
                <span class="badge" data-status=status.as_str()>{move || crate::programs::list_page::stage_label(i18n, status)}</span>
            </p>
            <h3 id="agreement">{t!(i18n, join.agreement)}</h3>
            <Agreement mentor=p.mentor_expectations.clone() mentee=p.mentee_expectations.clone() />
        </article>
        {move || saved.get().then(|| view! {
            <div class="alert alert--ok" role="status" id="profile-saved">
                <p>{t!(i18n, profile.saved)}</p>
                <p><a class="button" href="/pair">{t!(i18n, profile.go_pair)}</a></p>
            </div>
        })}
        {(!p.complete).then(|| view! {
            <p class="alert alert--warn" role="status" id="profile-incomplete">
                {if missing_topics { t!(i18n, profile.incomplete).into_any() } else { t!(i18n, profile.incomplete_agreement).into_any() }}
            </p>
        })}
        <section class="card">
            <h2>{t!(i18n, join.profile_title)}</h2>
            {has_hr.then(|| view! { <p class="hint" id="profile-from-hr">{t!(i18n, profile.from_hr_intro)}</p> })}
            <ActionForm action=save attr:class="form profile-form" attr:id="profile-form">
                <FormError result />
                <input type="hidden" name="program" value=p.program.clone() />
                <ProfileFields prefill=p.prefill.clone() topics=p.topics.clone() error_field role_fixed=p.role_fixed agreed=p.agreed />
                <button type="submit" class="button button--primary" id="profile-save" aria-busy=move || save.pending().get().then_some("true")>
                    {t!(i18n, join.update)}
                </button>
            </ActionForm>
        </section>
    }
}
