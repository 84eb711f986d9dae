//! `/pair/:key`: a pair's workspace — both people, the program agreement, and the goals each side
//! sets for what they want to learn from the other, with milestones, progress and comments.
//!
//! Every change is a plain form (`ActionForm`), so the page works before or without the WASM
//! bundle; with it, the workspace reloads in place after each change.

use domain::{Direction, GoalStatus, Role};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::icon::{Icon, IconKind};
use leptos_router::hooks::use_params_map;

use crate::board::api::AcceptPair;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::components::submission_key::SubmissionKey;
use crate::i18n::*;
use crate::workspace::goals::{
    AcceptAgreement, AddComment, AddMilestone, CreateGoal, ToggleMilestone, UpdateGoal, pair_workspace,
};
use crate::workspace::meetings_section::{Checkins, MeetingActions, Meetings};
use crate::{workspace::model::GoalView, workspace::model::WorkspaceView};

/// The pair workspace page.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Participant>
            <Workspace />
        </RoleGate>
    }
}

/// The forms of the page, shared by every goal so one change reloads the workspace once.
#[derive(Clone, Copy)]
struct Actions {
    accept: ServerAction<AcceptPair>,
    create: ServerAction<CreateGoal>,
    update: ServerAction<UpdateGoal>,
    milestone: ServerAction<AddMilestone>,
    toggle: ServerAction<ToggleMilestone>,
    comment: ServerAction<AddComment>,
    meetings: MeetingActions,
    agree: ServerAction<AcceptAgreement>,
}

impl Actions {
    fn versions(self) -> ([usize; 6], ([usize; 4], usize)) {
        (
            [
                self.accept.version().get(),
                self.create.version().get(),
                self.update.version().get(),
                self.milestone.version().get(),
                self.toggle.version().get(),
                self.comment.version().get(),
            ],
            (self.meetings.versions(), self.agree.version().get()),
        )
    }
}

/// The last result of an action, without its value, for [`FormError`].
fn outcome<T>(
    value: impl Get<Value = Option<Result<T, crate::error::AppError>>> + Send + Sync + 'static,
) -> Signal<Option<Result<(), crate::error::AppError>>> {
    Signal::derive(move || value.get().map(|r| r.map(|_| ())))
}

#[component]
fn Workspace() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let actions = Actions {
        accept: ServerAction::new(),
        create: ServerAction::new(),
        update: ServerAction::new(),
        milestone: ServerAction::new(),
        toggle: ServerAction::new(),
        comment: ServerAction::new(),
        meetings: MeetingActions::new(),
        agree: ServerAction::new(),
    };
    let workspace = Resource::new(
        move || (key(), actions.versions()),
        |(key, _)| pair_workspace(key),
    );
    view! {
        <section class="page workspace">
            <p><a href="/pair">"← " {t!(i18n, workspace.back)}</a></p>
            <h1>{t!(i18n, workspace.title)}</h1>
            <FormError result=outcome(actions.accept.value()) />
            <FormError result=outcome(actions.create.value()) />
            <FormError result=outcome(actions.update.value()) />
            <FormError result=outcome(actions.milestone.value()) />
            <FormError result=outcome(actions.toggle.value()) />
            <FormError result=outcome(actions.comment.value()) />
            <FormError result=outcome(actions.meetings.propose.value()) />
            <FormError result=outcome(actions.meetings.change.value()) />
            <FormError result=outcome(actions.meetings.reschedule.value()) />
            <FormError result=outcome(actions.meetings.notes.value()) />
            <FormError result=outcome(actions.agree.value()) />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match workspace.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(ws) => view! { <WorkspaceBody ws actions /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn WorkspaceBody(ws: WorkspaceView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let writable = ws.writable();
    let my_side = Direction::of_side(ws.i_mentor);
    let column = |direction: Direction| {
        let goals: Vec<GoalView> = ws
            .goals
            .iter()
            .filter(|g| g.direction == direction)
            .cloned()
            .collect();
        let id = direction.as_str().to_owned();
        let heading = match direction {
            Direction::MenteeLearns => t_string!(i18n, workspace.mentee_learns),
            Direction::MentorLearns => t_string!(i18n, workspace.mentor_learns),
        };
        let add = (writable && direction == my_side)
            .then(|| view! { <NewGoal pair=ws.key.clone() create=actions.create /> });
        view! {
            <section class="goal-column" aria-labelledby=format!("{id}-title") data-direction=id.clone()>
                <h3 id=format!("{id}-title")>{heading}</h3>
                {if goals.is_empty() {
                    view! { <p class="muted empty">{t!(i18n, workspace.no_goals)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="goal-list">
                            {goals.into_iter().map(|g| view! { <GoalCard g writable actions /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                {add}
            </section>
        }
    };
    let mentee_column = column(Direction::MenteeLearns);
    let mentor_column = column(Direction::MentorLearns);
    let pair_key = ws.key.clone();
    let agree_key = ws.key.clone();
    let feedback_due = (ws.feedback_due > 0).then(|| {
        let text = t_string!(i18n, workspace.feedback_due, n = ws.feedback_due);
        view! { <p class="alert" role="status"><a href="/feedback">{text}</a></p> }
    });
    let my_zone = ws.my_time_zone().to_owned();
    let accept = (!ws.i_accepted() && writable).then(|| {
        view! {
            <ActionForm action=actions.accept attr:class="accept-form">
                <input type="hidden" name="pair" value=ws.key.clone() />
                <p class="hint">{t!(i18n, pair.accept_hint)}</p>
                <button type="submit" class="button button--primary">{t!(i18n, pair.accept)}</button>
            </ActionForm>
        }
    });
    view! {
        <p class="muted">{t!(i18n, pair.program)} ": " {ws.program.clone()}</p>
        {feedback_due}
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">{t!(i18n, workspace.people)}</h2>
            <ul class="people">
                <Person role=t_string!(i18n, workspace.mentor) person=ws.mentor.clone() me=ws.i_mentor />
                <Person role=t_string!(i18n, workspace.mentee) person=ws.mentee.clone() me=!ws.i_mentor />
            </ul>
            {accept}
        </section>
        <section class="card" aria-labelledby="agreement-title">
            <h2 id="agreement-title">{t!(i18n, workspace.agreement)}</h2>
            {if ws.mentor_expectations.trim().is_empty() && ws.mentee_expectations.trim().is_empty() {
                view! { <p class="muted" id="agreement-none">{t!(i18n, join.agreement_none)}</p> }.into_any()
            } else {
                view! {
                    <Expectations title=t_string!(i18n, workspace.agreement_mentor) text=ws.mentor_expectations.clone() />
                    <Expectations title=t_string!(i18n, workspace.agreement_mentee) text=ws.mentee_expectations.clone() />
                }.into_any()
            }}
            {if ws.i_agreed {
                view! { <p class="alert alert--ok" role="status" id="agreement-accepted">{t!(i18n, workspace.agreement_accepted)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=actions.agree attr:class="accept-form">
                        <input type="hidden" name="pair" value=agree_key />
                        <button type="submit" class="button button--primary" id="accept-agreement">{t!(i18n, workspace.agreement_accept)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="goals-title">
            <h2 id="goals-title">{t!(i18n, workspace.goals)}</h2>
            <p class="hint">{t!(i18n, workspace.goals_intro)}</p>
            {(!writable).then(|| view! { <p class="alert" role="status">{t!(i18n, workspace.read_only)}</p> })}
            <div class="goal-columns">{mentee_column} {mentor_column}</div>
        </section>
        <Meetings pair=pair_key meetings=ws.meetings.clone() zone=my_zone writable
            actions=actions.meetings />
        <Checkins checkins=ws.checkins.clone() />
        {(!ws.badges.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="pair-badges-title" id="pair-badges">
                <h2 id="pair-badges-title">{t!(i18n, recognition.pair_badges)}</h2>
                <ul class="badge-list">
                    <crate::recognition::my_page::BadgeList badges=ws.badges.clone() show_holder=true />
                </ul>
            </section>
        })}
    }
}

#[component]
fn Person(role: &'static str, person: crate::workspace::model::PairPerson, me: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="person">
            <span class="badge">{role}</span>
            " "
            <strong>{person.name.clone()}</strong>
            {me.then(|| view! { " " <span class="muted">{t!(i18n, workspace.you)}</span> })}
            <br />
            <a href=format!("mailto:{}", person.email)>{person.email.clone()}</a>
            <br />
            <span class="muted" data-accepted=person.accepted.to_string()>
                {if person.accepted {
                    t!(i18n, workspace.accepted).into_any()
                } else {
                    t!(i18n, workspace.not_accepted).into_any()
                }}
            </span>
        </li>
    }
}

#[component]
fn Expectations(title: &'static str, text: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{title}</h3>
        {if text.trim().is_empty() {
            view! { <p class="muted">{t!(i18n, workspace.agreement_empty)}</p> }.into_any()
        } else {
            view! { <p class="prewrap">{text}</p> }.into_any()
        }}
    }
}

#[component]
fn NewGoal(pair: String, create: ServerAction<CreateGoal>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="new-goal">
            <summary>{t!(i18n, workspace.new_goal)}</summary>
            <ActionForm action=create attr:class="form">
                <input type="hidden" name="pair" value=pair />
                <SubmissionKey answers=create.version() />
                <label for="goal-title">{t!(i18n, workspace.goal_title)}</label>
                <input id="goal-title" name="title" required maxlength="160" />
                <label for="goal-description">{t!(i18n, workspace.goal_description)}</label>
                <textarea id="goal-description" name="description" rows="3" maxlength="2000"></textarea>
                <button type="submit" class="button button--primary">{t!(i18n, workspace.add_goal)}</button>
            </ActionForm>
        </details>
    }
}

fn status_text(locale: Locale, status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Open => td_string!(locale, workspace.status_open),
        GoalStatus::Achieved => td_string!(locale, workspace.status_achieved),
        GoalStatus::Dropped => td_string!(locale, workspace.status_dropped),
    }
}

#[component]
fn GoalCard(g: GoalView, writable: bool, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let key = g.key.clone();
    let title_id = format!("goal-{key}");
    let labelled_by = title_id.clone();
    let progress_text = t_string!(i18n, workspace.progress_value, value = g.progress);
    let owner = t_string!(i18n, workspace.owner, name = &g.owner);
    let milestones = if g.milestones.is_empty() {
        view! { <p class="muted">{t!(i18n, workspace.no_milestones)}</p> }.into_any()
    } else {
        view! {
            <ul class="milestones">
                {g.milestones.clone().into_iter().map(|m| {
                    let hint = if m.done { t_string!(i18n, workspace.mark_undone) } else { t_string!(i18n, workspace.mark_done) };
                    let state = if m.done { t_string!(i18n, workspace.done) } else { t_string!(i18n, workspace.pending) };
                    let mark = if m.done { IconKind::Checked } else { IconKind::Unchecked };
                    view! {
                        <li class="milestone" data-done=m.done.to_string()>
                            {if writable {
                                view! {
                                    <ActionForm action=actions.toggle attr:class="milestone__form">
                                        <input type="hidden" name="milestone" value=m.key.clone() />
                                        <input type="hidden" name="done" value=(!m.done).to_string() />
                                        <button type="submit" class="button button--quiet milestone__toggle"
                                            aria-pressed=m.done.to_string() title=hint>
                                            <Icon kind=mark /> " " {m.title.clone()}
                                        </button>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                view! { <span><Icon kind=mark /> " " {m.title.clone()} " (" {state} ")"</span> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let comments = if g.comments.is_empty() {
        view! { <p class="muted">{t!(i18n, workspace.no_comments)}</p> }.into_any()
    } else {
        view! {
            <ul class="comments">
                {g.comments.clone().into_iter().map(|c| view! {
                    <li class="comment">
                        <p class="muted"><strong>{c.author.clone()}</strong> " · " <time>{c.written.clone()}</time></p>
                        <p class="prewrap">{c.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let forms = writable.then(|| {
        let status_id = format!("status-{key}");
        let progress_id = format!("progress-{key}");
        let milestone_id = format!("milestone-{key}");
        let comment_id = format!("comment-{key}");
        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
        view! {
            <ActionForm action=actions.update attr:class="form form--row goal__progress-form">
                <input type="hidden" name="goal" value=k1 />
                <div class="field">
                    <label for=status_id.clone()>{t!(i18n, workspace.status)}</label>
                    <select id=status_id name="status">
                        {GoalStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=s == g.status>{status_text(i18n.get_locale(), s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=progress_id.clone()>{t!(i18n, workspace.progress)} " (%)"</label>
                    <input id=progress_id name="progress" type="number" min="0" max="100" step="5"
                        inputmode="numeric" required value=g.progress.to_string() />
                </div>
                <button type="submit" class="button">{t!(i18n, workspace.save_progress)}</button>
            </ActionForm>
            <ActionForm action=actions.milestone attr:class="form form--row goal__milestone-form">
                <input type="hidden" name="goal" value=k2 />
                <SubmissionKey answers=actions.milestone.version() />
                <div class="field">
                    <label for=milestone_id.clone()>{t!(i18n, workspace.milestone_title)}</label>
                    <input id=milestone_id name="title" required maxlength="160" />
                </div>
                <button type="submit" class="button">{t!(i18n, workspace.add_milestone)}</button>
            </ActionForm>
            <ActionForm action=actions.comment attr:class="form goal__comment-form">
                <input type="hidden" name="goal" value=k3 />
                <SubmissionKey answers=actions.comment.version() />
                <label for=comment_id.clone()>{t!(i18n, workspace.comment_body)}</label>
                <textarea id=comment_id name="body" rows="2" required maxlength="2000"></textarea>
                <button type="submit" class="button">{t!(i18n, workspace.add_comment)}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="goal card" data-status=g.status.as_str() aria-labelledby=labelled_by>
            <div class="goal__head">
                <h4 id=title_id>{g.title.clone()}</h4>
                <span class="badge goal__status" data-status=g.status.as_str()>{status_text(i18n.get_locale(), g.status)}</span>
            </div>
            <p class="muted">{owner}</p>
            {(!g.description.is_empty()).then(|| view! { <p class="prewrap">{g.description.clone()}</p> })}
            <p class="goal__progress">
                <progress max="100" value=g.progress.to_string() aria-label=progress_text.clone()></progress>
                " " <span>{progress_text}</span>
            </p>
            <h5>{t!(i18n, workspace.milestones)}</h5>
            {milestones}
            <h5>{t!(i18n, workspace.comments)}</h5>
            {comments}
            {forms}
        </li>
    }
}
