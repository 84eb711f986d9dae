//! A pair's workspace: its people, agreement and two-way goals.
//!
//! Only the two people of a pair get anything from these functions. Anyone else — another
//! participant, and also HR and admins, who follow pairs through aggregates rather than by
//! reading their goals — gets "not found", exactly as for a pair or goal that does not exist, so
//! the answer never reveals that a pair exists. Inside the pair either person may move any goal
//! on; only a goal's owner may change its text or delete it (see `db::goals`).

use leptos::prelude::*;

use crate::error::AppError;
use crate::workspace::model::WorkspaceView;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{fail, require},
    crate::{
        workspace::model::CommentView, workspace::model::GoalView, workspace::model::MilestoneView,
        workspace::model::PairPerson,
    },
    db::goals::Outcome,
    domain::{Direction, GoalStatus, Role, goal},
};

#[cfg(feature = "ssr")]
use crate::ssr::guard::check_key;

/// Turns a guarded write into the answer: the key written, or the right refusal.
#[cfg(feature = "ssr")]
fn written(outcome: Outcome) -> Result<String, AppError> {
    match outcome {
        Outcome::Done(key) => Ok(key),
        Outcome::NotFound => Err(fail(ErrorKind::NotFound)),
        Outcome::NotOwner => Err(fail(ErrorKind::GoalNotOwner)),
        Outcome::Locked => Err(fail(ErrorKind::PairLocked)),
    }
}

/// Maps the stored workspace to what the page shows.
#[cfg(feature = "ssr")]
fn to_view(ws: db::goals::Workspace) -> Result<WorkspaceView, AppError> {
    let p = ws.pair;
    let goals = ws
        .goals
        .into_iter()
        .map(|g| {
            let milestones = ws
                .milestones
                .iter()
                .filter(|m| m.goal == g.id)
                .map(|m| MilestoneView {
                    key: db::key_of(&m.id),
                    title: m.title.clone(),
                    done: m.done,
                })
                .collect();
            let comments = ws
                .comments
                .iter()
                .filter(|c| c.goal == g.id)
                .map(|c| CommentView {
                    key: db::key_of(&c.id),
                    author: c.author_name.clone(),
                    body: c.body.clone(),
                    written: c.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                })
                .collect();
            Ok(GoalView {
                key: db::key_of(&g.id),
                direction: db::stored("goal direction", &g.direction, Direction::parse)?,
                owner: g.owner_name,
                mine: g.mine,
                title: g.title,
                description: g.description,
                status: db::stored("goal status", &g.status, GoalStatus::parse)?,
                progress: i32::try_from(g.progress).unwrap_or(0),
                milestones,
                comments,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(WorkspaceView {
        key: db::key_of(&p.id),
        status: db::pair_status(&p.status)?,
        program: p.program,
        mentor_expectations: p.mentor_expectations,
        mentee_expectations: p.mentee_expectations,
        i_mentor: p.i_mentor,
        mentor: PairPerson {
            name: p.mentor_name,
            email: p.mentor_email,
            accepted: p.mentor_accepted,
            time_zone: p.mentor_tz,
        },
        mentee: PairPerson {
            name: p.mentee_name,
            email: p.mentee_email,
            accepted: p.mentee_accepted,
            time_zone: p.mentee_tz,
        },
        goals,
        meetings: Vec::new(),
        checkins: Vec::new(),
        i_agreed: p.i_agreed,
        feedback_due: 0,
        badges: Vec::new(),
    })
}

/// The workspace of one of the signed-in participant's pairs.
#[server(endpoint = "pair_workspace")]
pub async fn pair_workspace(pair: String) -> Result<WorkspaceView, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&pair)?;
    let (account, pair) = (user.account_key(), db::PairKey::new(pair));
    let state = crate::ssr::guard::state()?;
    let mut view = db::goals::workspace(&state.db, &account, &pair)
        .await?
        .map(to_view)
        .ok_or_else(|| fail(ErrorKind::NotFound))??;
    let lang = crate::ssr::guard::request_lang();
    let now = chrono::Utc::now();
    let meetings = db::meetings::for_pair(&state.db, &account, &pair)
        .await?
        .unwrap_or_default();
    let other_zone = if view.i_mentor {
        &view.mentee.time_zone
    } else {
        &view.mentor.time_zone
    }
    .clone();
    let my_zone = view.my_time_zone().to_owned();
    view.meetings = meetings
        .iter()
        .map(|m| crate::workspace::meetings::meeting_view(m, &my_zone, &other_zone, lang, now))
        .collect::<Result<_, AppError>>()?;
    view.checkins = db::checkins::for_pair(&state.db, &account, &pair)
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(|c| crate::workspace::checkins::checkin_view(c, &my_zone, lang))
        .collect();
    view.feedback_due = db::feedback::my_requests(&state.db, &user.key)
        .await?
        .iter()
        .filter(|r| r.answered_at.is_none())
        .count();
    view.badges = db::badges::of_pair(&state.db, &pair)
        .await?
        .into_iter()
        .map(|a| {
            Ok(crate::recognition::model::BadgeView {
                badge: db::stored("badge", &a.badge, domain::recognition::badges::Badge::parse)?,
                program: a.program_name,
                holder: if a.by_mentor {
                    view.mentor.name.clone()
                } else {
                    view.mentee.name.clone()
                },
                when: crate::recognition::api::day(a.awarded_at, lang),
            })
        })
        .collect::<Result<_, db::DbError>>()?;
    Ok(view)
}

/// Accepts the program agreement for the signed-in person, once.
#[server(endpoint = "accept_agreement")]
pub async fn accept_agreement(pair: String) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&pair)?;
    let pair = db::PairKey::new(pair);
    let state = crate::ssr::guard::state()?;
    if !db::goals::accept_agreement(&state.db, &user.account_key(), &pair).await? {
        return Err(fail(ErrorKind::NotFound));
    }
    crate::ssr::guard::audit(&user, "agreement.accept", &format!("pair:{pair}")).await
}

/// Sets a new goal in the pair for the signed-in participant: what they want to learn from the
/// other. Answers the goal's key. `submission` is the form's key: sending the same form again
/// answers the same goal instead of creating another.
#[server(endpoint = "create_goal")]
pub async fn create_goal(
    pair: String,
    title: String,
    description: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&pair)?;
    let pair = db::PairKey::new(pair);
    let new = goal::validate_new_goal(&title, &description)?;
    crate::ssr::submission::once(&user, "goal.create", &submission, || async {
        let state = crate::ssr::guard::state()?;
        let outcome = db::goals::create(&state.db, &user.account_key(), &pair, &new).await?;
        let key = written(outcome)?;
        crate::ssr::guard::audit(&user, "goal.create", &format!("goal:{key}")).await?;
        Ok(key)
    })
    .await
}

/// Changes a goal's status and progress (0–100; achieved means 100). Either person may.
#[server(endpoint = "update_goal")]
pub async fn update_goal(goal: String, status: String, progress: i32) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&goal)?;
    let goal = db::GoalKey::new(goal);
    let change = goal::validate_progress(&status, progress)?;
    let state = crate::ssr::guard::state()?;
    let outcome = db::goals::set_progress(&state.db, &user.account_key(), &goal, change).await?;
    written(outcome)?;
    crate::ssr::guard::audit(&user, "goal.update", &format!("goal:{goal}")).await?;
    crate::recognition::award::after_pairs_of(&state, &user.account_key()).await;
    Ok(())
}

/// Changes a goal's title and description. Only the person who set it may.
#[server(endpoint = "edit_goal")]
pub async fn edit_goal(goal: String, title: String, description: String) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&goal)?;
    let goal = db::GoalKey::new(goal);
    let text = goal::validate_new_goal(&title, &description)?;
    let state = crate::ssr::guard::state()?;
    let outcome = db::goals::edit(&state.db, &user.account_key(), &goal, &text).await?;
    written(outcome).map(|_| ())
}

/// Deletes a goal with its milestones and comments. Only the person who set it may.
#[server(endpoint = "delete_goal")]
pub async fn delete_goal(goal: String) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&goal)?;
    let goal = db::GoalKey::new(goal);
    let state = crate::ssr::guard::state()?;
    let outcome = db::goals::delete(&state.db, &user.account_key(), &goal).await?;
    written(outcome)?;
    crate::ssr::guard::audit(&user, "goal.delete", &format!("goal:{goal}")).await?;
    Ok(())
}

/// Adds a milestone to a goal. Either person may. Answers the milestone's key; the same
/// `submission` key again answers the same milestone.
#[server(endpoint = "add_milestone")]
pub async fn add_milestone(
    goal: String,
    title: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&goal)?;
    let goal = db::GoalKey::new(goal);
    let title = goal::validate_title(&title)?;
    crate::ssr::submission::once(&user, "milestone.add", &submission, || async {
        let state = crate::ssr::guard::state()?;
        let outcome = db::goals::add_milestone(&state.db, &user.account_key(), &goal, &title).await?;
        written(outcome)
    })
    .await
}

/// Marks a milestone done (`done = true`) or not done. Either person may.
#[server(endpoint = "toggle_milestone")]
pub async fn toggle_milestone(milestone: String, done: bool) -> Result<(), AppError> {
    let user = require(Role::Participant).await?;
    check_key(&milestone)?;
    let milestone = db::MilestoneKey::new(milestone);
    let state = crate::ssr::guard::state()?;
    let outcome = db::goals::set_milestone(&state.db, &user.account_key(), &milestone, done).await?;
    written(outcome).map(|_| ())
}

/// Comments on a goal. Either person may. Answers the comment's key; the same `submission` key
/// again answers the same comment.
#[server(endpoint = "add_comment")]
pub async fn add_comment(
    goal: String,
    body: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&goal)?;
    let goal = db::GoalKey::new(goal);
    let body = goal::validate_comment(&body)?;
    crate::ssr::submission::once(&user, "comment.add", &submission, || async {
        let state = crate::ssr::guard::state()?;
        let outcome = db::goals::add_comment(&state.db, &user.account_key(), &goal, &body).await?;
        written(outcome)
    })
    .await
}
