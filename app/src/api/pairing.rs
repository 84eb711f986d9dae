//! The pairing board's server side: run the engine for a program, show the board, publish, and
//! let participants see their pair.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{BoardView, MyPair};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::model::{BoardNote, BoardPair, BoardPerson, ProgramSummary},
    crate::ssr::{fail, internal, require},
    db::pairs::{PairingInput, Participant},
    domain::pairing::{ProfileProblem, Rules, Weights, score_pair, supply_demand},
    domain::{ProgramStatus, Role},
    std::collections::HashMap,
};

#[cfg(feature = "ssr")]
fn problem_of(input: &PairingInput) -> ProfileProblem {
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
        mentees: pick(|p| p.as_mentee && !p.as_mentor),
        rules: Rules {
            pins: input.pins.clone(),
            forbids: input.forbids.clone(),
            previous_pairs: input.previous_pairs.clone(),
            ..Rules::default()
        },
        weights: Weights::default(),
    }
}

/// The board of a program the asker owns (or any, for admins).
#[server(endpoint = "load_board")]
pub async fn load_board(program: String) -> Result<BoardView, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let input = db::pairs::pairing_input(&state.db, &program)
        .await
        .map_err(internal)?;
    let problem = problem_of(&input);
    let stored = db::pairs::list(&state.db, &program).await.map_err(internal)?;
    let names: HashMap<String, String> = input
        .participants
        .iter()
        .map(|p| (p.person.id.clone(), p.name.clone()))
        .collect();
    let name = |k: &str| names.get(k).cloned().unwrap_or_else(|| k.to_owned());
    let pairs: Vec<BoardPair> = stored
        .iter()
        .map(|p| {
            let (mentor, mentee) = (db::key_of(&p.mentor), db::key_of(&p.mentee));
            BoardPair {
                mentor_name: name(&mentor),
                mentee_name: name(&mentee),
                mentor,
                mentee,
                score: i32::try_from(p.score).unwrap_or(0),
                status: p.status.clone(),
                explanation: serde_json::from_value(p.explanation["criteria"].clone()).unwrap_or_default(),
            }
        })
        .collect();
    let mut used: HashMap<&str, i32> = HashMap::new();
    for p in &pairs {
        *used.entry(p.mentor.as_str()).or_default() += 1;
    }
    let ran = !pairs.is_empty();
    let unpaired_mentees = problem
        .mentees
        .iter()
        .filter(|m| !pairs.iter().any(|p| p.mentee == m.id))
        .map(|m| {
            let eligible = problem
                .mentors
                .iter()
                .any(|r| score_pair(r, m, &problem.rules, &problem.weights).eligible);
            let note = match (ran, eligible) {
                (false, _) => BoardNote::NotPairedYet,
                (true, false) => BoardNote::NoEligibleMentor,
                (true, true) => BoardNote::CapacityUsedUp,
            };
            BoardPerson {
                key: m.id.clone(),
                name: name(&m.id),
                note,
            }
        })
        .collect();
    let free_mentors = problem
        .mentors
        .iter()
        .filter_map(|r| {
            let free = r.capacity - used.get(r.id.as_str()).copied().unwrap_or(0);
            (free > 0).then(|| BoardPerson {
                key: r.id.clone(),
                name: name(&r.id),
                note: BoardNote::FreeSeats(free),
            })
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
        pairs,
        unpaired_mentees,
        free_mentors,
        supply: supply_demand(&problem.mentors, &problem.mentees),
    })
}

/// Runs the engine on the program (in its matching stage) and stores the result as draft pairs.
/// Answers how many mentees were matched.
#[server(endpoint = "run_matching")]
pub async fn run_matching(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    if row.status() != ProgramStatus::Matching {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    let input = db::pairs::pairing_input(&state.db, &program)
        .await
        .map_err(internal)?;
    let stored = db::pairs::list(&state.db, &program).await.map_err(internal)?;
    // People already in a published pair keep it: their mentees leave the problem and their
    // mentors offer only the seats left.
    let mut problem = problem_of(&input);
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
    db::pairs::replace_drafts(&state.db, &program, drafts)
        .await
        .map_err(internal)?;
    crate::ssr::guard::audit(&user, "pairing.run", &format!("program:{program}")).await?;
    Ok(solution.matched)
}

/// Publishes the draft pairs: participants see them at once and get a notification and an email.
/// Answers how many pairs were published.
#[server(endpoint = "publish_pairs")]
pub async fn publish_pairs(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = super::programs::owned_program(&user, &program).await?;
    if row.status() != ProgramStatus::Matching {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    let n = db::pairs::publish(&state.db, &program, &state.base_url)
        .await
        .map_err(internal)?;
    crate::ssr::guard::audit(&user, "pairing.publish", &format!("program:{program}")).await?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The signed-in participant's published pairs.
#[server(endpoint = "my_pairs")]
pub async fn my_pairs() -> Result<Vec<MyPair>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let rows = db::pairs::for_account(&state.db, &user.key)
        .await
        .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|r| MyPair {
            program: r.program,
            i_mentor: r.i_mentor,
            other_name: r.other_name,
            other_email: r.other_email,
            score: i32::try_from(r.score).unwrap_or(0),
        })
        .collect())
}
