//! `/programs/:key`: a program's design (editable), its lifecycle, invitations for the people
//! enrolled (`#invitations`), its topic catalogue and its matching rules and weights.

use domain::{ProgramStatus, Role};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::form_error::FormError;
use crate::components::loading::{Loading, NotFoundPanel};
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::programs::api::{ChangeProgramStatus, UpdateProgram, get_program};
use crate::programs::invitations_card::InvitationsState;
use crate::programs::list_page::{show_date, stage_label};
use crate::programs::matching_settings::MatchingSettingsCard;
use crate::programs::settings::{
    AddTopic, RemoveTopic, RenameTopic, ResetMatchingSettings, SaveMatchingSettings, get_matching_settings,
};
use crate::programs::topic_catalogue::TopicCatalogue;
use crate::{programs::model::MatchingView, programs::model::ProgramDetail};

/// Program page.
#[component]
pub fn ProgramPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <ProgramView />
        </RoleGate>
    }
}

#[component]
fn ProgramView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let update = ServerAction::<UpdateProgram>::new();
    let change = ServerAction::<ChangeProgramStatus>::new();
    let topics = TopicActions {
        add: ServerAction::new(),
        rename: ServerAction::new(),
        remove: ServerAction::new(),
    };
    let save = ServerAction::<SaveMatchingSettings>::new();
    let reset = ServerAction::<ResetMatchingSettings>::new();
    let invitations = InvitationsState::new(key);
    let program = Resource::new(
        move || {
            (
                key(),
                update.version().get(),
                change.version().get(),
                topics.versions(),
            )
        },
        |(key, ..)| get_program(key),
    );
    let matching = Resource::new(
        move || {
            (
                key(),
                change.version().get(),
                save.version().get(),
                reset.version().get(),
            )
        },
        |(key, ..)| get_matching_settings(key),
    );
    view! {
        <section class="page">
            <p><a href="/programs">"← " {t!(i18n, programs.back)}</a></p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match (program.await, matching.await) {
                        (Err(e), _) | (_, Err(e)) => view! { <NotFoundPanel message=e.message /> }.into_any(),
                        (Ok(p), Ok(settings)) => view! {
                            <ProgramDetailView p update change topics settings save reset invitations />
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The catalogue's three actions; any of them reloads the program.
#[derive(Clone, Copy)]
struct TopicActions {
    add: ServerAction<AddTopic>,
    rename: ServerAction<RenameTopic>,
    remove: ServerAction<RemoveTopic>,
}

impl TopicActions {
    fn versions(&self) -> (usize, usize, usize) {
        (
            self.add.version().get(),
            self.rename.version().get(),
            self.remove.version().get(),
        )
    }
}

#[component]
fn ProgramDetailView(
    p: ProgramDetail,
    update: ServerAction<UpdateProgram>,
    change: ServerAction<ChangeProgramStatus>,
    topics: TopicActions,
    settings: MatchingView,
    save: ServerAction<SaveMatchingSettings>,
    reset: ServerAction<ResetMatchingSettings>,
    invitations: InvitationsState,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = p.summary.status;
    let key = p.summary.key.clone();
    let input = p.input.clone();
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let update_result = Signal::derive(move || update.value().get());
    let change_result = Signal::derive(move || change.value().get().map(|r| r.map(|_| ())));
    let closed = status == ProgramStatus::Closed;
    let topic_list = p.topics.clone();
    let (catalogue_key, settings_key) = (key.clone(), key.clone());
    let lifecycle = p
        .next
        .iter()
        .map(|&to| {
            let key = key.clone();
            let closing = to == ProgramStatus::Closed;
            view! {
                <ActionForm action=change attr:class="lifecycle__form">
                    <input type="hidden" name="key" value=key />
                    <input type="hidden" name="to" value=to.as_str() />
                    {closing.then(|| view! {
                        <label class="checkbox">
                            <input type="checkbox" name="confirm" value="true" required />
                            {t!(i18n, programs.close_confirm)}
                        </label>
                    })}
                    <button type="submit" class=if closing { "button button--danger" } else { "button" } data-to=to.as_str()>
                        {t!(i18n, programs.move_to, stage = move || stage_label(i18n, to))}
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <header class="program-head">
            <h1>{p.summary.name.clone()}</h1>
            <p>
                <span class="badge" data-status=status.as_str()>{move || stage_label(i18n, status)}</span>
                " "
                <span class="muted">
                    {move || show_date(i18n, p.summary.starts_on)} " – " {move || show_date(i18n, p.summary.ends_on)}
                </span>
            </p>
            <p class="hint">{t!(i18n, programs.owner_note)}</p>
            <p class="program-head__actions">
                <a class="button" href=format!("/programs/{}/pairs", p.summary.key)>{t!(i18n, board.open)}</a>
                " "
                <a class="button" href=format!("/programs/{}/feedback", p.summary.key)>{t!(i18n, feedback.open_hr)}</a>
                " "
                <a class="button" href=format!("/programs/{}/risk", p.summary.key)>{t!(i18n, risk.open)}</a>
                " "
                <a class="button" href=format!("/programs/{}/training", p.summary.key)>{t!(i18n, training.hr_title)}</a>
                " "
                <a class="button" href=format!("/programs/{}/wall", p.summary.key)>{t!(i18n, recognition.wall_link)}</a>
                " "
                <a class="button" href=format!("/programs/{}/certificates", p.summary.key)>{t!(i18n, certificates.open)}</a>
                " "
                {(!closed).then(|| view! {
                    <a class="button" href=format!("/programs/{}/import", p.summary.key)>{t!(i18n, import.open)}</a>
                })}
            </p>
        </header>
        <section class="card" aria-labelledby="lifecycle-title">
            <h2 id="lifecycle-title">{t!(i18n, programs.lifecycle)}</h2>
            <FormError result=change_result />
            {move || change.value().get().and_then(Result::ok).map(|to| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, programs.moved, stage = move || stage_label(i18n, to))}</p>
            })}
            <div class="lifecycle">{lifecycle}</div>
        </section>
        {(!closed).then(|| view! { <crate::programs::signup_link::SignupLink program=p.summary.key.clone() /> })}
        <crate::programs::invitations_card::ProgramInvitations program=p.summary.key.clone() state=invitations />
        <section class="card" aria-labelledby="design-title">
            <h2 id="design-title">{t!(i18n, programs.title)}</h2>
            {move || saved().then(|| view! { <p class="alert alert--ok" role="status">{t!(i18n, programs.saved)}</p> })}
            <FormError result=update_result />
            <ActionForm action=update attr:class="form">
                <input type="hidden" name="key" value=key.clone() />
                <fieldset disabled=closed class="fieldset">
                    <label for="p-name">{t!(i18n, programs.name)}</label>
                    <input id="p-name" name="input[name]" value=input.name.clone() required maxlength="160" />
                    <label for="p-purpose">{t!(i18n, programs.purpose)}</label>
                    <textarea id="p-purpose" name="input[purpose]" rows="3">{input.purpose.clone()}</textarea>
                    <label for="p-objectives">{t!(i18n, programs.objectives)}</label>
                    <textarea id="p-objectives" name="input[objectives]" rows="4">{input.objectives.clone()}</textarea>
                    <label for="p-mentor">{t!(i18n, programs.mentor_expectations)}</label>
                    <textarea id="p-mentor" name="input[mentor_expectations]" rows="3">{input.mentor_expectations.clone()}</textarea>
                    <label for="p-mentee">{t!(i18n, programs.mentee_expectations)}</label>
                    <textarea id="p-mentee" name="input[mentee_expectations]" rows="3">{input.mentee_expectations.clone()}</textarea>
                    <div class="form--row">
                        <div class="field">
                            <label for="p-starts">{t!(i18n, programs.starts_on)}</label>
                            <input id="p-starts" name="input[starts_on]" type="date" value=input.starts_on.clone() required />
                        </div>
                        <div class="field">
                            <label for="p-ends">{t!(i18n, programs.ends_on)}</label>
                            <input id="p-ends" name="input[ends_on]" type="date" value=input.ends_on.clone() required />
                        </div>
                        <div class="field">
                            <label for="p-cadence">{t!(i18n, programs.cadence_days)}</label>
                            <input id="p-cadence" name="input[cadence_days]" type="number" min="1" max="90" value=input.cadence_days.to_string() required />
                        </div>
                        <div class="field">
                            <label for="p-minutes">{t!(i18n, programs.meeting_minutes)}</label>
                            <input id="p-minutes" name="input[meeting_minutes]" type="number" min="10" max="240" value=input.meeting_minutes.to_string() required />
                        </div>
                    </div>
                    <button type="submit" class="button button--primary">{t!(i18n, programs.save)}</button>
                </fieldset>
            </ActionForm>
        </section>
        <TopicCatalogue
            program=catalogue_key
            topics=topic_list
            editable=!closed
            add=topics.add
            rename=topics.rename
            remove=topics.remove
        />
        <MatchingSettingsCard program=settings_key current=settings save reset />
    }
}
