//! The start page's data, one server function per dashboard: a participant's pairs, next meeting
//! and what is due; HR's programs with their counts and the next step of each stage.

use leptos::prelude::*;

use crate::error::AppError;
use crate::{home::model::ParticipantHome, home::model::ProgramCard};
#[cfg(feature = "ssr")]
use {
    crate::ssr::require,
    crate::{home::model::HomeEnrolment, home::model::HomeMeeting, home::model::HomePair},
    domain::meeting::MeetingStatus,
    domain::{ProgramStatus, Role},
};

/// The signed-in participant's start page: their published, active and paused pairs, the next
/// meeting written in their time zone and language, how many feedback forms they have to
/// answer, and their enrolments with whether each profile still needs something.
#[server(endpoint = "participant_dashboard")]
pub async fn participant_dashboard() -> Result<ParticipantHome, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let home = db::dashboard::participant(&state.db, &user.key, chrono::Utc::now()).await?;
    let lang = crate::ssr::guard::request_lang();
    let paired_in: Vec<String> = home.pairs.iter().map(|p| db::key_of(&p.program_id)).collect();
    let pairs: Vec<HomePair> = home
        .pairs
        .into_iter()
        .map(|p| {
            Ok(HomePair {
                key: db::key_of(&p.id),
                program: p.program,
                i_mentor: p.i_mentor,
                other_name: p.other_name,
                status: db::pair_status(&p.status)?,
                i_accepted: p.i_accepted,
            })
        })
        .collect::<Result<_, AppError>>()?;
    let enrolments = home
        .enrolments
        .into_iter()
        .map(|e| {
            Ok(HomeEnrolment {
                program: db::key_of(&e.program),
                paired: paired_in.contains(&db::key_of(&e.program)),
                incomplete: !domain::profile::profile_complete(
                    e.as_mentor,
                    e.as_mentee,
                    e.teaches,
                    e.learns,
                    e.agreed,
                ),
                missing_topics: !domain::profile::profile_complete(
                    e.as_mentor,
                    e.as_mentee,
                    e.teaches,
                    e.learns,
                    true,
                ),
                agreed: e.agreed,
                status: db::stored("program status", &e.program_status, ProgramStatus::parse)?,
                name: e.program_name,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(ParticipantHome {
        next_meeting: home
            .next_meeting
            .map(|m| {
                Ok::<_, AppError>(HomeMeeting {
                    pair: db::key_of(&m.pair),
                    with: m.with,
                    when: crate::ssr::calendar::when(m.starts_at, &home.time_zone, lang),
                    confirmed: db::stored("meeting status", &m.status, MeetingStatus::parse)?
                        == MeetingStatus::Accepted,
                })
            })
            .transpose()?,
        pairs,
        feedback_due: home.feedback_due,
        enrolments,
    })
}

/// HR's start page: the asker's programs (every program for admins), newest first, each with
/// its stage, the people enrolled (mentors, mentees), its published and working pairs, and for
/// a running program how many pairs are at risk. Counted in grouped queries, not per program.
#[server(endpoint = "manager_dashboard")]
pub async fn manager_dashboard() -> Result<Vec<ProgramCard>, AppError> {
    let user = require(Role::ProgramManager).await?;
    let state = crate::ssr::guard::state()?;
    let owner = (user.role != Role::Admin).then_some(user.key.as_str());
    let programs = db::dashboard::programs(&state.db, owner).await?;
    let running: Vec<String> = programs
        .iter()
        .filter(|p| p.status == ProgramStatus::Active.as_str())
        .map(|p| p.key.clone())
        .collect();
    let now = chrono::Utc::now();
    let at_risk: Vec<String> = if running.is_empty() {
        Vec::new()
    } else {
        db::risk::pairs_of(&state.db, &running, now)
            .await?
            .iter()
            .filter_map(|r| match crate::risk::api::risks_of(r, now) {
                Ok(reasons) if reasons.is_empty() => None,
                Ok(_) => Some(Ok(db::key_of(&r.program))),
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, AppError>>()?
    };
    programs
        .into_iter()
        .map(|p| {
            let status = db::stored("program status", &p.status, ProgramStatus::parse)?;
            let risky = at_risk.iter().filter(|k| **k == p.key).count();
            Ok(ProgramCard {
                at_risk: (status == ProgramStatus::Active).then(|| i64::try_from(risky).unwrap_or(i64::MAX)),
                key: p.key,
                name: p.name,
                status,
                enrolled: p.enrolled,
                mentors: p.mentors,
                mentees: p.mentees,
                published: p.published,
                active: p.active,
            })
        })
        .collect()
}
