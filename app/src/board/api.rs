//! The pairing board's server side: run the engine for a program, show the board, publish, and
//! let participants see their pair.
//!
//! Every function that changes pairs (saving a hand edit, running or re-running the engine,
//! publishing) checks the change the same way, with `domain::pairing::Board::review` on the
//! program as stored: what the change brings that breaks a rule refuses it, naming the people;
//! what pairs made earlier break since the data changed is shown on the board as "needs a
//! decision" ([`decide_pair`] keeps or undoes such a pair) and never refuses anything.

use leptos::prelude::*;

use crate::error::AppError;
use crate::{board::model::BoardEdit, board::model::BoardView, workspace::model::MyPair};
#[cfg(feature = "ssr")]
use {
    crate::board::text::violation_text,
    crate::error::ErrorKind,
    crate::i18n::td_string,
    crate::ssr::{fail, require},
    crate::{board::model::BoardPair, programs::model::ProgramSummary},
    db::pairs::{PairRow, PairingInput, Participant},
    domain::pairing::{
        self as pairing, Board, BoardViolation, MatchingSettings, ProfileProblem, Review, Rules,
        supply_demand,
    },
    domain::{PairStatus, Role},
    std::collections::HashMap,
};

/// The pairing problem of a program: its people, with the program's own rules and weights
/// (`settings`) on top of the pins, forbids and earlier pairs. Pins and forbids that name someone
/// no longer enrolled on that side are left out: they cannot apply any more, and must not make
/// every later change fail.
#[cfg(feature = "ssr")]
fn problem_of(input: &PairingInput, settings: &MatchingSettings) -> ProfileProblem {
    let pick = |f: fn(&Participant) -> bool| -> Vec<domain::pairing::Person> {
        input
            .participants
            .iter()
            .filter(|p| f(p))
            .map(|p| p.person.clone())
            .collect()
    };
    let (mentors, mentees) = (pick(|p| p.as_mentor), pick(|p| p.as_mentee));
    let known = |list: &[(String, String)]| -> Vec<(String, String)> {
        (list.iter())
            .filter(|(e, r)| mentees.iter().any(|m| m.id == *e) && mentors.iter().any(|m| m.id == *r))
            .cloned()
            .collect()
    };
    let rules = settings.rules(Rules {
        pins: known(&input.pins),
        forbids: known(&input.forbids),
        previous_pairs: input.previous_pairs.clone(),
        ..Rules::default()
    });
    let rules = Rules {
        require_training: input.requires_training,
        ..rules
    };
    ProfileProblem {
        mentors,
        mentees,
        rules,
        weights: settings.weights,
    }
}

/// The action a blocking breach refuses; it picks the sentence the breach is told in.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
enum Refused {
    /// A hand edit of the board (save).
    Save,
    /// Running the matching.
    Run,
    /// Publishing the drafts.
    Publish,
}

/// A program's pairing data as stored, which every path that changes pairs checks against.
#[cfg(feature = "ssr")]
struct Stored {
    /// People, rules (with the stored pins and forbids) and weights.
    problem: ProfileProblem,
    /// Display name per employee key.
    names: HashMap<String, String>,
    /// The pairs that have not ended, each with its status.
    pairs: Vec<(PairStatus, PairRow)>,
    /// Everything about the people, for the board.
    input: PairingInput,
}

#[cfg(feature = "ssr")]
impl Stored {
    async fn load(program: &str) -> Result<Stored, AppError> {
        let state = crate::ssr::guard::state()?;
        let input = db::pairs::pairing_input(&state.db, program).await?;
        let settings = db::programs::matching_settings(&state.db, program).await?;
        // Each pair with its status, read once; a status the code does not know fails the load.
        let pairs = (db::pairs::list(&state.db, program).await?.into_iter())
            .map(|p| Ok::<_, AppError>((db::pair_status(&p.status)?, p)))
            .collect::<Result<_, _>>()?;
        let names = (input.participants.iter())
            .map(|p| (p.person.id.clone(), p.name.clone()))
            .collect();
        Ok(Stored {
            problem: problem_of(&input, &settings),
            names,
            pairs,
            input,
        })
    }

    /// `(mentee, mentor)` keys of the stored pairs that are drafts (`true`) or published and
    /// later (`false`).
    fn pairs(&self, drafts: bool) -> Vec<(String, String)> {
        (self.pairs.iter())
            .filter(|(status, _)| status.is_draft() == drafts)
            .map(|(_, p)| (db::key_of(&p.mentee), db::key_of(&p.mentor)))
            .collect()
    }

    /// The board of `problem` (this program's, maybe with other pins and forbids).
    fn board(problem: ProfileProblem) -> Result<Board, AppError> {
        Board::new(problem).map_err(|e| {
            tracing::info!(error = %e, "board refused");
            fail(ErrorKind::BadRequest)
        })
    }

    /// A 422 "board invalid" whose message tells the breach, people named, in the asker's
    /// language, in the sentence of the `action` it refuses.
    fn refusal(&self, action: Refused, v: &BoardViolation) -> AppError {
        let locale = crate::ssr::guard::request_locale();
        let name = |k: &str| self.names.get(k).cloned().unwrap_or_else(|| k.to_owned());
        let reason = violation_text(locale, v, &name);
        let mut e = fail(ErrorKind::BoardInvalid);
        e.message = match action {
            Refused::Save => format!("{}: {}.", e.message, reason),
            Refused::Run => td_string!(locale, board.run_refused, reason = reason),
            Refused::Publish => td_string!(locale, board.publish_refused, reason = reason),
        };
        e
    }

    /// Refuses a change whose review blocks it, naming the first breach it brings.
    fn refuse_blocking(&self, review: &Review, action: Refused) -> Result<(), AppError> {
        match review.blocking.first() {
            Some(v) => Err(self.refusal(action, v)),
            None => Ok(()),
        }
    }
}

/// The board of a program the asker owns (or any, for admins).
#[server(endpoint = "load_board")]
pub async fn load_board(program: String) -> Result<BoardView, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let Stored {
        problem,
        pairs: stored,
        input,
        ..
    } = Stored::load(&program).await?;
    let all: Vec<(String, String)> = (stored.iter())
        .map(|(_, p)| (db::key_of(&p.mentee), db::key_of(&p.mentor)))
        .collect();
    let review = Stored::board(problem.clone())?.review(&all, &[]);
    let pairs = (stored.iter().zip(&all))
        .map(|((status, p), (mentee, mentor))| {
            let kept_despite = p.kept_despite();
            let needs_decision = (review.needs_decision.iter())
                .filter(|v| v.concerns(mentee, mentor) && !kept_despite.contains(v))
                .cloned()
                .collect();
            BoardPair {
                mentee: mentee.clone(),
                mentor: mentor.clone(),
                status: *status,
                needs_decision,
                kept_despite,
            }
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
fn people_info(participants: &[db::pairs::Participant]) -> Vec<crate::board::model::BoardPersonInfo> {
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
            crate::board::model::BoardPersonInfo {
                key: p.person.id.clone(),
                detail,
                reporting_line_unchecked: p.manager_unlinked,
            }
        })
        .collect()
}

/// The pair `(mentee, mentor)` as a draft to store, scored and explained on `board`. A kept draft
/// may name someone no longer enrolled (it needs a decision): it is stored as it was, score 0.
#[cfg(feature = "ssr")]
fn draft(board: &Board, mentee: &str, mentor: &str) -> db::pairs::DraftPair {
    let (score, explanation) = match board.score(mentee, mentor) {
        Ok(s) => (s.score, serde_json::to_value(&s.explanation).unwrap_or_default()),
        Err(_) => (0, serde_json::Value::Array(Vec::new())),
    };
    (mentor.to_owned(), mentee.to_owned(), score, explanation)
}

/// Most pairs, pins or forbids one saved board may list.
#[cfg(feature = "ssr")]
const MAX_BOARD_ENTRIES: usize = 20_000;

/// Saves a hand-edited board: the draft pairs and HR's pins and forbids. The server checks the
/// whole board again (hard rules, capacities, pins, with the published pairs included) and
/// refuses the edit, naming what it breaks, when the pairs it adds or moves break something
/// (nothing is written then, 422); pairs it leaves as they were (published ones, unchanged
/// drafts) that break a rule since the data changed need a decision and refuse nothing.
/// Answers the total score of the draft pairs.
#[server(endpoint = "save_board", input = server_fn::codec::Json)]
pub async fn save_board(edit: BoardEdit) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = crate::programs::api::owned_program(&user, &edit.program).await?;
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
    let stored = Stored::load(&edit.program).await?;
    let rules: Vec<(String, String)> = edit.pins.iter().chain(&edit.forbids).cloned().collect();
    if let Some(unknown) = pairing::unknown_in_rules(&stored.problem, &rules) {
        return Err(stored.refusal(Refused::Save, &unknown));
    }
    let mut problem = stored.problem.clone();
    problem.rules.pins = edit.pins.clone();
    problem.rules.forbids = edit.forbids.clone();
    let board = Stored::board(problem)?;
    let review = board.review_edit(&stored.pairs(true), &stored.pairs(false), &edit.pairs);
    stored.refuse_blocking(&review, Refused::Save)?;
    let drafts: Vec<db::pairs::DraftPair> = edit.pairs.iter().map(|(e, r)| draft(&board, e, r)).collect();
    let total = drafts.iter().map(|d| i64::from(d.2)).sum();
    db::pairs::save_board(&state.db, &edit.program, drafts, &edit.pins, &edit.forbids).await?;
    crate::ssr::guard::audit(&user, "pairing.save", &format!("program:{}", edit.program)).await?;
    Ok(total)
}

/// Runs the engine on the program (in its matching stage) and stores the result as draft pairs:
/// "optimise the rest". Published pairs stay and their mentors offer only the seats left; HR's
/// pins stay pins, except those that can no longer hold since the data changed (a rule broken,
/// too few seats left), which stay on the board as they are, needing a decision. The result
/// passes the same review as a hand edit. Answers how many mentees the engine matched.
#[server(endpoint = "run_matching")]
pub async fn run_matching(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    if !row.status().pairs_editable() {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    let stored = Stored::load(&program).await?;
    let board = Stored::board(stored.problem.clone())?;
    let mut kept = stored.pairs(false);
    let rest = board.rest(&kept);
    let solution = rest.problem.solve().map_err(|e| {
        tracing::info!(error = %e, "matching refused");
        let mut refused = fail(ErrorKind::BoardInvalid);
        let locale = crate::ssr::guard::request_locale();
        refused.message = td_string!(locale, board.run_refused, reason = e);
        refused
    })?;
    let proposed: Vec<(String, String)> = (solution.pairs.iter())
        .map(|p| (p.mentee.clone(), p.mentor.clone()))
        .collect();
    kept.extend(rest.held.iter().cloned());
    stored.refuse_blocking(&board.review(&kept, &proposed), Refused::Run)?;
    let mut drafts: Vec<db::pairs::DraftPair> = solution
        .pairs
        .iter()
        .map(|p| {
            let explanation =
                serde_json::to_value(p.explanation.clone().unwrap_or_default()).unwrap_or_default();
            (p.mentor.clone(), p.mentee.clone(), p.score, explanation)
        })
        .collect();
    drafts.extend(rest.held.iter().map(|(e, r)| draft(&board, e, r)));
    db::pairs::replace_drafts(&state.db, &program, drafts).await?;
    crate::ssr::guard::audit(&user, "pairing.run", &format!("program:{program}")).await?;
    Ok(solution.matched)
}

/// Publishes the draft pairs: participants see them at once and get a notification and an email.
/// The drafts pass the same review as a hand edit first: a draft that breaks a rule (say its
/// mentor's level was raised since) refuses the publication, naming it (422); published pairs
/// that need a decision do not. Answers how many pairs were published.
#[server(endpoint = "publish_pairs")]
pub async fn publish_pairs(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = crate::programs::api::owned_program(&user, &program).await?;
    if !row.status().pairs_editable() {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    let state = crate::ssr::guard::state()?;
    let stored = Stored::load(&program).await?;
    let board = Stored::board(stored.problem.clone())?;
    stored.refuse_blocking(
        &board.review(&stored.pairs(false), &stored.pairs(true)),
        Refused::Publish,
    )?;
    let n = db::pairs::publish(&state.db, &program, &state.base_url).await?;
    crate::ssr::guard::audit(&user, "pairing.publish", &format!("program:{program}")).await?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Most characters of the reason both people are told when HR undoes their published pair.
#[cfg(feature = "ssr")]
const MAX_REASON: usize = 500;

/// HR's decision on a pair that needs one (it breaks a rule since the data changed):
/// `decision` is `keep` (a published pair stays, and is shown as kept despite what it breaks
/// now) or `unpair` (a draft is removed with its pin; a published pair ends and both people are
/// told `reason`, 1–500 characters, and paired again on the board). Only the program's owner
/// while pairs can change. Errors: an unknown pair is "not found" (404); a pair that needs no
/// decision, or keeping a draft, is `PairState` (409); a missing or too long reason is
/// `PairReason` (422). Answers the decision.
#[server(endpoint = "decide_pair")]
pub async fn decide_pair(
    program: String,
    mentee: String,
    mentor: String,
    decision: String,
    #[server(default)] reason: String,
) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    for key in [&mentee, &mentor] {
        crate::ssr::guard::check_key(key)?;
    }
    let row = crate::programs::api::owned_program(&user, &program).await?;
    if !row.status().pairs_editable() {
        return Err(fail(ErrorKind::ProgramTransition));
    }
    if !matches!(decision.as_str(), "keep" | "unpair") {
        return Err(fail(ErrorKind::BadRequest));
    }
    let state = crate::ssr::guard::state()?;
    let stored = Stored::load(&program).await?;
    let (status, pair) = (stored.pairs.iter())
        .find(|(_, p)| db::key_of(&p.mentee) == mentee && db::key_of(&p.mentor) == mentor)
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let all: Vec<(String, String)> = (stored.pairs.iter())
        .map(|(_, p)| (db::key_of(&p.mentee), db::key_of(&p.mentor)))
        .collect();
    let breaches: Vec<BoardViolation> = (Stored::board(stored.problem.clone())?.review(&all, &[]))
        .needs_decision
        .into_iter()
        .filter(|v| v.concerns(&mentee, &mentor))
        .collect();
    let draft = status.is_draft();
    let pending = breaches.iter().any(|v| !pair.kept_despite().contains(v));
    if !pending || (draft && decision == "keep") {
        return Err(fail(ErrorKind::PairState));
    }
    let pair_key = db::key_of(&pair.id);
    let done = match (decision.as_str(), draft) {
        ("keep", _) => db::pairs::keep_despite(&state.db, &pair_key, &breaches).await?,
        (_, true) => {
            let (mentee, mentor) = (
                db::EmployeeKey::new(mentee.as_str()),
                db::EmployeeKey::new(mentor.as_str()),
            );
            db::pairs::remove_draft(
                &state.db,
                &db::ProgramKey::new(program.as_str()),
                &mentee,
                &mentor,
            )
            .await?
        }
        (_, false) => {
            let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
            if reason.is_empty() || reason.chars().count() > MAX_REASON {
                return Err(fail(ErrorKind::PairReason));
            }
            let action = db::risk::PairAction::Rematch;
            db::risk::act(&state.db, &pair_key, action, &reason, &state.base_url)
                .await?
                .is_some()
        }
    };
    if !done {
        return Err(fail(ErrorKind::PairState));
    }
    let target = format!("pair:{pair_key}");
    crate::ssr::guard::audit(&user, &format!("pairing.{decision}"), &target).await?;
    Ok(decision)
}

/// The signed-in participant's published pairs.
#[server(endpoint = "my_pairs")]
pub async fn my_pairs() -> Result<Vec<MyPair>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let rows = db::pairs::for_account(&state.db, &user.key).await?;
    rows.into_iter()
        .map(|r| {
            Ok(MyPair {
                key: db::key_of(&r.id),
                program: r.program,
                i_mentor: r.i_mentor,
                other_name: r.other_name,
                other_email: r.other_email,
                score: i32::try_from(r.score).unwrap_or(0),
                status: db::pair_status(&r.status)?,
                i_accepted: r.i_accepted,
                other_accepted: r.other_accepted,
            })
        })
        .collect()
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
    let status = db::pairs::accept(&state.db, &user.account_key(), &db::PairKey::new(pair.as_str()))
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    crate::ssr::guard::audit(&user, "pair.accept", &format!("pair:{pair}")).await?;
    Ok(status)
}
