//! The pairing board's server side: run the engine for a program, show the board, publish, and
//! let participants see their pair.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{BoardEdit, BoardView, MyPair};
#[cfg(feature = "ssr")]
use {
    crate::board_text::violation_text,
    crate::error::ErrorKind,
    crate::model::{BoardPair, ProgramSummary},
    crate::ssr::{fail, internal, require},
    db::pairs::{PairingInput, Participant},
    domain::Role,
    domain::pairing::{Board, BoardViolation, MatchingSettings, ProfileProblem, Rules, supply_demand},
    std::collections::HashMap,
};

/// The pairing problem of a program: its people, with the program's own rules and weights
/// (`settings`) on top of the pins, forbids and earlier pairs.
#[cfg(feature = "ssr")]
fn problem_of(input: &PairingInput, settings: &MatchingSettings) -> ProfileProblem {
    let pick = |f: fn(&Participant) -> bool| {
        input
            .participants
            .iter()
            .filter(|p| f(p))
            .map(|p| p.person.clone())
            .collect()
    };
    ProfileProblem {
        mentors: pick(|p| p.as_mentor),
        mentees: pick(|p| p.as_mentee),
        rules: settings.rules(Rules {
            pins: input.pins.clone(),
            forbids: input.forbids.clone(),
            previous_pairs: input.previous_pairs.clone(),
            ..Rules::default()
        }),
        weights: settings.weights,
    }
}

/// The board of a program the asker owns (or any, for admins).
#[server(endpoint = "load_board")]
pub async fn load_board(program: String) -> Result<BoardView, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let input = db::pairs::pairing_input(&state.db, &program).await?;
    let settings = db::programs::matching_settings(&state.db, &program).await?;
    let problem = problem_of(&input, &settings);
    let stored = db::pairs::list(&state.db, &program).await?;
    let pairs = stored
        .iter()
        .map(|p| BoardPair {
            mentee: db::key_of(&p.mentee),
            mentor: db::key_of(&p.mentor),
            status: p.status.clone(),
        })
        .collect();
    Ok(BoardView {
        program: ProgramSummary {
            key: row.key(),
            name: row.name.clone(),
            status: row.status(),
            starts_on: db::programs::to_date(row.starts_on),
            ends_on: db::programs::to_date(row.ends_on),
        },
        supply: supply_demand(&problem.mentors, &problem.mentees),
        topics: db::programs::topics(&state.db, &program)
            .await?
            .into_iter()
            .map(|t| (t.key, t.label_es, t.label_en))
            .collect(),
        names: input
            .participants
            .iter()
            .map(|p| (p.person.id.clone(), p.name.clone()))
            .collect(),
        people: people_info(&input.participants),
        mentors: problem.mentors,
        mentees: problem.mentees,
        rules: problem.rules,
        weights: problem.weights,
        pairs,
    })
}

/// The second line of each person on the board: their department, or their email when someone
/// else has the same name and department (or there is no department).
#[cfg(feature = "ssr")]
fn people_info(participants: &[db::pairs::Participant]) -> Vec<crate::model::BoardPersonInfo> {
    use std::collections::HashMap;
    // How many people share each (name, department): counted once, so a large board stays linear.
    let same_key = |p: &db::pairs::Participant| (p.name.to_lowercase(), p.person.department.clone());
    let mut shared: HashMap<(String, Option<String>), usize> = HashMap::new();
    for p in participants {
        *shared.entry(same_key(p)).or_default() += 1;
    }
    participants
        .iter()
        .map(|p| {
            let ambiguous = shared.get(&same_key(p)).copied().unwrap_or(0) > 1;
            let detail = match &p.person.department {
                Some(d) if !ambiguous => d.clone(),
                _ => p.email.clone(),
            };
            crate::model::BoardPersonInfo {
                key: p.person.id.clone(),
                detail,
                reporting_line_unchecked: p.manager_unlinked,
            }
        })
        .collect()
}

/// Most pairs, pins or forbids one saved board may list.
#[cfg(feature = "ssr")]
const MAX_BOARD_ENTRIES: usize = 20_000;

/// Saves a hand-edited board: the draft pairs and HR's pins and forbids. The server checks the
/// whole board again (hard rules, capacities, pins, with the published pairs included) and
/// refuses an invalid one, naming what it breaks; nothing is written then. Answers the total score
/// of the draft pairs.
#[server(endpoint = "save_board", input = server_fn::codec::Json)]
pub async fn save_board(edit: BoardEdit) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &edit.program).await?;
    if !row.status().pairs_editable() {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    if [&edit.pairs, &edit.pins, &edit.forbids]
        .iter()
        .any(|l| l.len() > MAX_BOARD_ENTRIES)
    {
        return Err(fail(ErrorKind::BadRequest));
    }
    let state = crate::ssr::guard::state()?;
    let input = db::pairs::pairing_input(&state.db, &edit.program).await?;
    let settings = db::programs::matching_settings(&state.db, &edit.program).await?;
    let mut problem = problem_of(&input, &settings);
    let names: HashMap<String, String> = input
        .participants
        .iter()
        .map(|p| (p.person.id.clone(), p.name.clone()))
        .collect();
    let invalid = |v: BoardViolation| {
        let locale = crate::ssr::guard::request_locale();
        let name = |k: &str| names.get(k).cloned().unwrap_or_else(|| k.to_owned());
        let mut e = fail(ErrorKind::BoardInvalid);
        e.message = format!("{}: {}.", e.message, violation_text(locale, &v, &name));
        e
    };
    // Pins and forbids must name people of the program, on the right side.
    for (mentee, mentor) in edit.pins.iter().chain(&edit.forbids) {
        if !problem.mentees.iter().any(|m| m.id == *mentee) {
            return Err(invalid(BoardViolation::UnknownMentee {
                mentee: mentee.clone(),
            }));
        }
        if !problem.mentors.iter().any(|m| m.id == *mentor) {
            return Err(invalid(BoardViolation::UnknownMentor {
                mentor: mentor.clone(),
            }));
        }
    }
    problem.rules.pins = edit.pins.clone();
    problem.rules.forbids = edit.forbids.clone();
    let board = Board::new(problem).map_err(|e| {
        tracing::info!(error = %e, "board refused");
        fail(ErrorKind::BadRequest)
    })?;
    let stored = db::pairs::list(&state.db, &edit.program).await?;
    let mut all: Vec<(String, String)> = stored
        .iter()
        .filter(|p| p.status != "draft")
        .map(|p| (db::key_of(&p.mentee), db::key_of(&p.mentor)))
        .collect();
    all.extend(edit.pairs.iter().cloned());
    if let Some(v) = board.check(&all).into_iter().next() {
        return Err(invalid(v));
    }
    let scores = board.scores(&edit.pairs).map_err(internal)?;
    let drafts = scores
        .pairs
        .iter()
        .map(|p| {
            let explanation = serde_json::to_value(&p.explanation).unwrap_or_default();
            (p.mentor.clone(), p.mentee.clone(), p.score, explanation)
        })
        .collect();
    db::pairs::save_board(&state.db, &edit.program, drafts, &edit.pins, &edit.forbids).await?;
    crate::ssr::guard::audit(&user, "pairing.save", &format!("program:{}", edit.program)).await?;
    Ok(scores.total)
}

/// Runs the engine on the program (in its matching stage) and stores the result as draft pairs.
/// Answers how many mentees were matched.
#[server(endpoint = "run_matching")]
pub async fn run_matching(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    if !row.status().pairs_editable() {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    let input = db::pairs::pairing_input(&state.db, &program).await?;
    let stored = db::pairs::list(&state.db, &program).await?;
    // People already in a published pair keep it: their mentees leave the problem and their
    // mentors offer only the seats left.
    let settings = db::programs::matching_settings(&state.db, &program).await?;
    let mut problem = problem_of(&input, &settings);
    let kept: Vec<(String, String)> = stored
        .iter()
        .filter(|p| p.status != "draft")
        .map(|p| (db::key_of(&p.mentee), db::key_of(&p.mentor)))
        .collect();
    problem
        .mentees
        .retain(|m| !kept.iter().any(|(mentee, _)| *mentee == m.id));
    for mentor in &mut problem.mentors {
        let taken = kept.iter().filter(|(_, r)| *r == mentor.id).count();
        mentor.capacity = (mentor.capacity - i32::try_from(taken).unwrap_or(i32::MAX)).max(0);
    }
    let kept_mentees: Vec<&String> = kept.iter().map(|(m, _)| m).collect();
    problem
        .rules
        .pins
        .retain(|(mentee, _)| !kept_mentees.contains(&mentee));
    problem
        .rules
        .forbids
        .retain(|(mentee, _)| !kept_mentees.contains(&mentee));
    let solution = problem.solve().map_err(internal)?;
    let drafts = solution
        .pairs
        .iter()
        .map(|p| {
            let explanation =
                serde_json::to_value(p.explanation.clone().unwrap_or_default()).unwrap_or_default();
            (p.mentor.clone(), p.mentee.clone(), p.score, explanation)
        })
        .collect();
    db::pairs::replace_drafts(&state.db, &program, drafts).await?;
    crate::ssr::guard::audit(&user, "pairing.run", &format!("program:{program}")).await?;
    Ok(solution.matched)
}

/// Publishes the draft pairs: participants see them at once and get a notification and an email.
/// Answers how many pairs were published.
#[server(endpoint = "publish_pairs")]
pub async fn publish_pairs(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    if !row.status().pairs_editable() {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    let n = db::pairs::publish(&state.db, &program, &state.base_url).await?;
    crate::ssr::guard::audit(&user, "pairing.publish", &format!("program:{program}")).await?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The signed-in participant's published pairs.
#[server(endpoint = "my_pairs")]
pub async fn my_pairs() -> Result<Vec<MyPair>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let rows = db::pairs::for_account(&state.db, &user.key).await?;
    Ok(rows
        .into_iter()
        .map(|r| MyPair {
            key: db::key_of(&r.id),
            program: r.program,
            i_mentor: r.i_mentor,
            other_name: r.other_name,
            other_email: r.other_email,
            score: i32::try_from(r.score).unwrap_or(0),
            status: r.status,
            i_accepted: r.i_accepted,
            other_accepted: r.other_accepted,
        })
        .collect())
}

/// The signed-in participant accepts one of their published pairs. Someone else's pair, or one
/// not open for acceptance, is "not found". Answers the pair's status (`active` once both have
/// accepted).
#[server(endpoint = "accept_pair")]
pub async fn accept_pair(pair: String) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    if pair.is_empty() || pair.len() > 64 {
        return Err(fail(ErrorKind::BadRequest));
    }
    let state = crate::ssr::guard::state()?;
    let status = db::pairs::accept(&state.db, &user.key, &pair)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    crate::ssr::guard::audit(&user, "pair.accept", &format!("pair:{pair}")).await?;
    Ok(status)
}
