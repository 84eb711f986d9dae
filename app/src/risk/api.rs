//! Pairs at risk, for the program's HR: the pairs that have not met for longer than the cadence,
//! rate their meetings low, flag blockers again and again, or leave feedback overdue — with the
//! reason — and what HR does about them (pause, resume, end with a reason, or re-match).

use leptos::prelude::*;

use crate::error::AppError;
use crate::risk::model::RiskView;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{fail, require},
    db::risk::PairAction,
    domain::feedback::AnswerValue,
    domain::risk::{PairFacts, RiskReason, Thresholds, assess, recent_blockers, severity},
    domain::{PairStatus, Role},
};

/// Longest reason HR may give, in characters.
pub const MAX_REASON: usize = 500;

#[cfg(feature = "ssr")]
fn reason_text(locale: crate::i18n::Locale, r: &RiskReason) -> String {
    use crate::i18n::td_string;
    match r {
        RiskReason::NoMeeting {
            days,
            cadence,
            never_met: true,
        } => td_string!(locale, risk.never_met, days = days, cadence = cadence),
        RiskReason::NoMeeting { days, cadence, .. } => {
            td_string!(locale, risk.no_meeting, days = days, cadence = cadence)
        }
        RiskReason::LowRatings { average } => {
            td_string!(locale, risk.low_ratings, average = &format!("{average:.1}"))
        }
        RiskReason::RepeatedBlockers { count } => td_string!(locale, risk.blockers, count = count),
        RiskReason::OverdueForms { count } => {
            td_string!(locale, risk.overdue, count = count)
        }
    }
}

/// Why a pair is at risk at `now` (nothing for a paused pair: HR is already on it).
///
/// A stored rating or answer that cannot be read is an error, never a silent "no risk": the
/// list would otherwise tell HR that a pair is fine because its worrying facts were unreadable.
#[cfg(feature = "ssr")]
pub(crate) fn risks_of(
    r: &db::risk::PairRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<RiskReason>, AppError> {
    if db::pair_status(&r.status)? == PairStatus::Paused {
        return Ok(Vec::new());
    }
    let pair = db::key_of(&r.id);
    let unreadable = |what: &str, detail: &dyn std::fmt::Display| {
        crate::ssr::internal(format!(
            "pair {pair}: unreadable {what} for the risk check: {detail}"
        ))
    };
    let thresholds = Thresholds::default();
    let days =
        |t: chrono::DateTime<chrono::Utc>| u32::try_from((now - t).num_days().max(0)).unwrap_or(u32::MAX);
    let mut ratings = r
        .ratings
        .iter()
        .map(|n| {
            u8::try_from(*n)
                .ok()
                .filter(|n| (1..=5).contains(n))
                .ok_or_else(|| unreadable("check-in rating", n))
        })
        .collect::<Result<Vec<u8>, AppError>>()?;
    ratings.reverse();
    let mut blockers = r.blockers.clone();
    blockers.reverse();
    let feedback_ratings = r
        .feedback
        .iter()
        .map(|v| serde_json::from_str::<AnswerValue>(v).map_err(|e| unreadable("feedback answer", &e)))
        .collect::<Result<Vec<AnswerValue>, AppError>>()?
        .iter()
        .filter_map(AnswerValue::normalised_rating)
        .collect();
    let facts = PairFacts {
        days_since_last_meeting: r.last_held.map(days),
        days_active: days(r.since),
        cadence_days: u32::try_from(r.cadence_days)
            .ok()
            .filter(|d| *d > 0)
            .ok_or_else(|| unreadable("cadence", &r.cadence_days))?,
        checkin_ratings: ratings,
        feedback_ratings,
        recent_blockers: recent_blockers(&blockers, thresholds.blocker_window),
        overdue_forms: u32::try_from(r.overdue).map_err(|e| unreadable("overdue count", &e))?,
    };
    Ok(assess(&facts, &thresholds))
}

/// The program's published, active and paused pairs with their risks, most worrying first
/// (paused pairs last). Only the program's owner (or an admin).
#[server(endpoint = "pairs_at_risk")]
pub async fn pairs_at_risk(program: String) -> Result<Vec<RiskView>, AppError> {
    let user = require(Role::ProgramManager).await?;
    crate::ssr::guard::check_key(&program)?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let locale = crate::ssr::request_locale();
    let now = chrono::Utc::now();
    let rows = db::risk::pairs(&state.db, &program, now).await?;
    let mut out = Vec::new();
    for r in rows {
        let reasons = risks_of(&r, now)?;
        let view = RiskView {
            key: db::key_of(&r.id),
            mentor: r.mentor_name,
            mentee: r.mentee_name,
            status: db::pair_status(&r.status)?,
            severity: severity(&reasons),
            reasons: reasons.iter().map(|x| reason_text(locale, x)).collect(),
            reason_keys: reasons.iter().map(|x| x.key().to_owned()).collect(),
            note: r.ended_reason,
        };
        if view.severity > 0 || view.status == PairStatus::Paused {
            out.push(view);
        }
    }
    out.sort_by(|a, b| {
        (a.status == PairStatus::Paused)
            .cmp(&(b.status == PairStatus::Paused))
            .then(b.severity.cmp(&a.severity))
    });
    Ok(out)
}

/// Pauses, resumes, ends or re-matches a pair (`action` is `pause`, `resume`, `end` or
/// `rematch`). Ending and re-matching need a reason, which both people are told. Answers the
/// pair's new status.
#[server(endpoint = "act_on_pair")]
pub async fn act_on_pair(
    pair: String,
    action: String,
    reason: String,
) -> Result<domain::PairStatus, AppError> {
    let user = require(Role::ProgramManager).await?;
    crate::ssr::guard::check_key(&pair)?;
    let state = crate::ssr::guard::state()?;
    let program = db::risk::program_of(&state.db, &pair)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    crate::programs::api::owned_program(&user, &program).await?;
    let action = match action.as_str() {
        "pause" => PairAction::Pause,
        "resume" => PairAction::Resume,
        "end" => PairAction::End,
        "rematch" => PairAction::Rematch,
        _ => return Err(fail(ErrorKind::BadRequest)),
    };
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.chars().count() > MAX_REASON
        || (reason.is_empty() && matches!(action, PairAction::End | PairAction::Rematch))
    {
        return Err(fail(ErrorKind::PairReason));
    }
    let status = db::risk::act(&state.db, &pair, action, &reason, &state.base_url)
        .await?
        .ok_or_else(|| fail(ErrorKind::PairState))?;
    crate::ssr::guard::audit(&user, &format!("pair.{status}"), &format!("pair:{pair}")).await?;
    Ok(status)
}
