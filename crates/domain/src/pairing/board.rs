//! The pairing board: scoring and checking pairs that HR placed by hand.
//!
//! On the board HR drags mentees between mentors. After each drag the browser re-scores only the
//! pairs that changed ([`Board::score`], one [`score_pair`] call), shows the board total
//! ([`Board::scores`]) and flags what the hand-made board breaks ([`Board::check`]): hard rules,
//! capacities, a mentee placed twice, pins left out.
//!
//! The people's data can change under pairs already made (a re-import raises a mentor's level, HR
//! lowers a capacity). Every path that changes pairs — a hand edit, matching, optimising the rest,
//! publishing — therefore asks one question, [`Board::review`]: what does *this change* break?
//! That refuses the change; what the pairs left as they are break on their own is reported as
//! needing HR's decision and never blocks anything. Optimising the rest works on
//! [`Board::rest`], the problem those kept pairs leave free.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::PairingError;
use super::problem::ProfileProblem;
use super::score::{HardRule, PairScore, score_pair};
use super::{Person, Rules};

/// A program's people, rules and weights, indexed by id for the board.
#[derive(Debug, Clone)]
pub struct Board {
    problem: ProfileProblem,
    mentee_index: HashMap<String, usize>,
    mentor_index: HashMap<String, usize>,
}

/// Scores of the pairs on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardScores {
    /// Each pair's eligibility, score and explanation, in the order given.
    pub pairs: Vec<PairScore>,
    /// Sum of all pair scores (ineligible pairs included).
    pub total: i64,
}

/// Something a hand-edited board breaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BoardViolation {
    /// A pair names a mentee who is not in the program.
    UnknownMentee {
        /// The id given.
        mentee: String,
    },
    /// A pair names a mentor who is not in the program.
    UnknownMentor {
        /// The id given.
        mentor: String,
    },
    /// A pair breaks a hard rule (one violation per rule).
    RuleBroken {
        /// The mentee.
        mentee: String,
        /// The mentor.
        mentor: String,
        /// The rule.
        rule: HardRule,
    },
    /// A mentee is on the board more than once.
    MenteeTwice {
        /// The mentee.
        mentee: String,
    },
    /// A mentor has more mentees than capacity (when capacities are respected).
    OverCapacity {
        /// The mentor.
        mentor: String,
        /// Mentees placed with them.
        assigned: i32,
        /// Their capacity.
        capacity: i32,
    },
    /// A pinned pair is not on the board (when pins apply).
    PinMissing {
        /// The pinned mentee.
        mentee: String,
        /// The pinned mentor.
        mentor: String,
    },
}

impl BoardViolation {
    /// Whether this breach is about the pair `(mentee, mentor)`: its own rules or people, its
    /// mentee placed twice, or its mentor over capacity. A missing pin is about no pair.
    pub fn concerns(&self, mentee: &str, mentor: &str) -> bool {
        match self {
            BoardViolation::UnknownMentee { mentee: e } | BoardViolation::MenteeTwice { mentee: e } => {
                e == mentee
            }
            BoardViolation::UnknownMentor { mentor: r } | BoardViolation::OverCapacity { mentor: r, .. } => {
                r == mentor
            }
            BoardViolation::RuleBroken {
                mentee: e, mentor: r, ..
            } => e == mentee && r == mentor,
            BoardViolation::PinMissing { .. } => false,
        }
    }
}

/// What a change to the board's pairs breaks ([`Board::review`]), told apart from what was broken
/// before it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// What the change brings: a proposed pair breaking a hard rule, a mentee placed twice, a
    /// mentor over capacity once the proposed pairs are added, a pin left out. Any of these
    /// refuses the change. Order of [`Board::check`].
    pub blocking: Vec<BoardViolation>,
    /// What the kept pairs break on their own (the data or the rules changed after they were
    /// made): HR is shown these pairs as needing a decision; they never refuse a change. Order of
    /// [`Board::check`].
    pub needs_decision: Vec<BoardViolation>,
}

/// The problem that pairs already made leave free ([`Board::rest`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rest {
    /// The mentees in no kept pair, every mentor with the seats left (capacity minus kept and
    /// held pairs, at least 0), the pins that can still hold and the forbids of the free mentees.
    pub problem: ProfileProblem,
    /// HR's pinned pairs that can no longer hold as pins — their pair breaks a hard rule since,
    /// or their mentor has fewer seats left than pins — kept on the board as they are, for HR
    /// to decide about, instead of failing the whole optimisation.
    pub held: Vec<(String, String)>,
}

impl Board {
    /// Indexes a program for the board after checking it ([`ProfileProblem::validate`]).
    pub fn new(problem: ProfileProblem) -> Result<Self, PairingError> {
        problem.validate()?;
        let index = |people: &[super::Person]| {
            people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect()
        };
        let (mentee_index, mentor_index) = (index(&problem.mentees), index(&problem.mentors));
        Ok(Board {
            problem,
            mentee_index,
            mentor_index,
        })
    }

    /// The program this board shows.
    pub fn problem(&self) -> &ProfileProblem {
        &self.problem
    }

    fn find(&self, mentee: &str, mentor: &str) -> Result<(usize, usize), BoardViolation> {
        let i = self
            .mentee_index
            .get(mentee)
            .ok_or_else(|| BoardViolation::UnknownMentee {
                mentee: mentee.into(),
            })?;
        let j = self
            .mentor_index
            .get(mentor)
            .ok_or_else(|| BoardViolation::UnknownMentor {
                mentor: mentor.into(),
            })?;
        Ok((*i, *j))
    }

    /// Eligibility, score and explanation of one pair by ids.
    pub fn score(&self, mentee: &str, mentor: &str) -> Result<PairScore, PairingError> {
        let (i, j) = self.find(mentee, mentor).map_err(|v| match v {
            BoardViolation::UnknownMentee { mentee } => PairingError::UnknownId {
                id: mentee,
                role: "mentee",
            },
            _ => PairingError::UnknownId {
                id: mentor.into(),
                role: "mentor",
            },
        })?;
        let p = &self.problem;
        Ok(score_pair(&p.mentors[j], &p.mentees[i], &p.rules, &p.weights))
    }

    /// Scores of `(mentee, mentor)` pairs and their total.
    pub fn scores(&self, pairs: &[(String, String)]) -> Result<BoardScores, PairingError> {
        let pairs = pairs
            .iter()
            .map(|(e, r)| self.score(e, r))
            .collect::<Result<Vec<_>, _>>()?;
        let total = pairs.iter().map(|p| i64::from(p.score)).sum();
        Ok(BoardScores { pairs, total })
    }

    /// Everything the `(mentee, mentor)` pairs break: per pair unknown ids or broken rules (in
    /// order), then mentees placed twice, mentors over capacity (mentor order) and missing pins
    /// (pin order). Empty means the board is valid.
    pub fn check(&self, pairs: &[(String, String)]) -> Vec<BoardViolation> {
        self.check_pairs(pairs, Pins::All)
    }

    /// The one check of every path that changes pairs: `kept` are the pairs that stay as they
    /// were (published pairs, and drafts the change leaves alone), `proposed` the pairs the
    /// change makes (a hand edit's new or moved pairs, the engine's result, the drafts to
    /// publish). Breaches the kept pairs have on their own (a pin counts only when its mentee is
    /// in a kept pair with someone else) need a decision; every other breach of
    /// [`Board::check`] on all the pairs blocks the change.
    pub fn review(&self, kept: &[(String, String)], proposed: &[(String, String)]) -> Review {
        let needs_decision = self.check_pairs(kept, Pins::OfPlacedMentees);
        let before: HashSet<&BoardViolation> = needs_decision.iter().collect();
        let all: Vec<(String, String)> = kept.iter().chain(proposed).cloned().collect();
        let blocking = (self.check(&all).into_iter())
            .filter(|v| !before.contains(v))
            .collect();
        Review {
            blocking,
            needs_decision,
        }
    }

    /// Reviews a board HR saved by hand ([`Board::review`]): `edit` lists every draft pair the
    /// saved board shows, `drafts` and `published` the `(mentee, mentor)` pairs stored before.
    /// The published pairs and the drafts the edit leaves as they were (each once) are kept;
    /// the edit's other pairs are what it proposes. So a save never answers for what the data
    /// did to pairs the edit did not touch.
    pub fn review_edit(
        &self,
        drafts: &[(String, String)],
        published: &[(String, String)],
        edit: &[(String, String)],
    ) -> Review {
        let mut unchanged: HashSet<&(String, String)> = drafts.iter().collect();
        let mut kept = published.to_vec();
        let mut proposed = Vec::new();
        for pair in edit {
            if unchanged.remove(pair) {
                kept.push(pair.clone());
            } else {
                proposed.push(pair.clone());
            }
        }
        self.review(&kept, &proposed)
    }

    /// The problem of everyone `kept` leaves free, for "optimise the rest": the kept pairs'
    /// mentees leave, their mentors offer only the seats left, and HR's pins stay pins when they
    /// still can (see [`Rest::held`] for those that cannot). Solving it and adding the result to
    /// `kept` and [`Rest::held`] passes [`Board::review`].
    pub fn rest(&self, kept: &[(String, String)]) -> Rest {
        let p = &self.problem;
        let placed: HashSet<&str> = kept.iter().map(|(e, _)| e.as_str()).collect();
        let mut load: HashMap<&str, i32> = HashMap::new();
        for (_, r) in kept {
            *load.entry(r.as_str()).or_default() += 1;
        }
        let pins: Vec<&(String, String)> = if p.rules.apply_pins {
            (p.rules.pins.iter())
                .filter(|(e, _)| !placed.contains(e.as_str()))
                .collect()
        } else {
            Vec::new()
        };
        let breaks_a_rule = |(e, r): &(String, String)| match self.score(e, r) {
            Ok(s) => s.violations.iter().any(|v| *v != HardRule::MentorHasNoCapacity),
            Err(_) => true,
        };
        type PinList<'a> = Vec<&'a (String, String)>;
        let (mut held, mut holding): (PinList, PinList) =
            pins.into_iter().partition(|pin| breaks_a_rule(pin));
        for (_, r) in &held {
            *load.entry(r.as_str()).or_default() += 1;
        }
        if p.rules.respect_capacity {
            // A mentor whose pins no longer fit keeps all of them as they are: pinning some and
            // holding the others would make the result itself break the capacity.
            let mut pinned: HashMap<&str, i32> = HashMap::new();
            for (_, r) in &holding {
                *pinned.entry(r.as_str()).or_default() += 1;
            }
            let seats = |r: &str| self.mentor_index.get(r).map_or(0, |&j| p.mentors[j].capacity);
            let overfull = |r: &str| load.get(r).copied().unwrap_or(0) + pinned[r] > seats(r);
            let (over, fits): (Vec<_>, Vec<_>) = holding.into_iter().partition(|(_, r)| overfull(r));
            for (_, r) in &over {
                *load.entry(r.as_str()).or_default() += 1;
            }
            held.extend(over);
            holding = fits;
        }
        let mut seen = HashSet::new();
        let held: Vec<(String, String)> = (held.into_iter())
            .filter(|pin| seen.insert(*pin))
            .cloned()
            .collect();
        let busy: HashSet<&str> = placed
            .iter()
            .copied()
            .chain(held.iter().map(|(e, _)| e.as_str()))
            .collect();
        let free = |e: &String| !busy.contains(e.as_str());
        let mentors = (p.mentors.iter())
            .map(|m| Person {
                capacity: (m.capacity - load.get(m.id.as_str()).copied().unwrap_or(0)).max(0),
                ..m.clone()
            })
            .collect();
        let problem = ProfileProblem {
            mentors,
            mentees: p.mentees.iter().filter(|m| free(&m.id)).cloned().collect(),
            rules: Rules {
                pins: holding.into_iter().cloned().collect(),
                forbids: p.rules.forbids.iter().filter(|(e, _)| free(e)).cloned().collect(),
                ..p.rules.clone()
            },
            weights: p.weights,
        };
        Rest { problem, held }
    }

    /// [`Board::check`], with the missing pins that `pins` asks for.
    fn check_pairs(&self, pairs: &[(String, String)], pins: Pins) -> Vec<BoardViolation> {
        let p = &self.problem;
        let mut out = Vec::new();
        let mut placed = vec![0i32; p.mentees.len()];
        let mut load = vec![0i32; p.mentors.len()];
        for (mentee, mentor) in pairs {
            match self.find(mentee, mentor) {
                Err(v) => out.push(v),
                Ok((i, j)) => {
                    placed[i] += 1;
                    load[j] += 1;
                    let s = score_pair(&p.mentors[j], &p.mentees[i], &p.rules, &p.weights);
                    out.extend(s.violations.into_iter().map(|rule| BoardViolation::RuleBroken {
                        mentee: mentee.clone(),
                        mentor: mentor.clone(),
                        rule,
                    }));
                }
            }
        }
        for (e, _) in p.mentees.iter().zip(&placed).filter(|(_, n)| **n > 1) {
            out.push(BoardViolation::MenteeTwice { mentee: e.id.clone() });
        }
        if p.rules.respect_capacity {
            for (r, &assigned) in p.mentors.iter().zip(&load).filter(|(r, n)| **n > r.capacity) {
                out.push(BoardViolation::OverCapacity {
                    mentor: r.id.clone(),
                    assigned,
                    capacity: r.capacity,
                });
            }
        }
        if p.rules.apply_pins {
            let asked = |e: &String| match pins {
                Pins::All => true,
                Pins::OfPlacedMentees => pairs.iter().any(|(pe, _)| pe == e),
            };
            for (e, r) in p.rules.pins.iter().filter(|(e, _)| asked(e)) {
                if !pairs.iter().any(|(pe, pr)| pe == e && pr == r) {
                    out.push(BoardViolation::PinMissing {
                        mentee: e.clone(),
                        mentor: r.clone(),
                    });
                }
            }
        }
        out
    }
}

/// Which pins [`Board::check_pairs`] reports missing.
#[derive(Clone, Copy)]
enum Pins {
    /// Every pin not on the board.
    All,
    /// Only pins whose mentee is on the board with another mentor.
    OfPlacedMentees,
}

/// The first of HR's `rules` (pins or forbids, as `(mentee, mentor)`) that names someone who is
/// not a mentee (left) or mentor (right) of `problem`, as the violation HR is shown; `None` when
/// each names people of the program on the right side. Checked before a saved board's pins and
/// forbids replace the stored ones.
pub fn unknown_in_rules(problem: &ProfileProblem, rules: &[(String, String)]) -> Option<BoardViolation> {
    rules.iter().find_map(|(mentee, mentor)| {
        if !problem.mentees.iter().any(|m| m.id == *mentee) {
            Some(BoardViolation::UnknownMentee {
                mentee: mentee.clone(),
            })
        } else if !problem.mentors.iter().any(|m| m.id == *mentor) {
            Some(BoardViolation::UnknownMentor {
                mentor: mentor.clone(),
            })
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::Person;

    fn board() -> Board {
        let person = |id: &str, level: i32| Person {
            job_level: Some(level),
            languages: vec!["en".into()],
            availability: vec!["mon_am".into()],
            ..Person::new(id)
        };
        let mut problem = ProfileProblem {
            mentors: vec![
                person("r1", 1),
                Person {
                    capacity: 2,
                    ..person("r2", 1)
                },
            ],
            mentees: vec![person("e1", 5), person("e2", 5), person("e3", 0)],
            ..ProfileProblem::default()
        };
        problem.rules.pins = vec![("e1".into(), "r1".into())];
        Board::new(problem).unwrap()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(e, r)| (e.to_string(), r.to_string())).collect()
    }

    #[test]
    fn scores_each_pair_and_the_total() {
        let b = board();
        let s = b.scores(&pairs(&[("e1", "r1"), ("e2", "r2")])).unwrap();
        assert_eq!(s.pairs.iter().map(|p| p.score).collect::<Vec<_>>(), [30, 30]);
        assert_eq!(s.total, 60);
        assert_eq!(
            b.score("e1", "zz"),
            Err(PairingError::UnknownId {
                id: "zz".into(),
                role: "mentor"
            })
        );
        assert_eq!(
            b.score("zz", "r1"),
            Err(PairingError::UnknownId {
                id: "zz".into(),
                role: "mentee"
            })
        );
    }

    #[test]
    fn a_valid_board_has_no_violations() {
        assert_eq!(board().check(&pairs(&[("e1", "r1"), ("e2", "r2")])), []);
    }

    #[test]
    fn every_violation_is_reported() {
        let b = board();
        let got = b.check(&pairs(&[
            ("e2", "r1"),
            ("e1", "r2"),
            ("e3", "r2"),
            ("e2", "r2"),
            ("e9", "r1"),
            ("e1", "r7"),
        ]));
        let rule = |e: &str, r: &str, rule| BoardViolation::RuleBroken {
            mentee: e.into(),
            mentor: r.into(),
            rule,
        };
        assert_eq!(
            got,
            [
                rule("e1", "r2", HardRule::PinnedElsewhere),
                rule("e3", "r2", HardRule::MentorNotJunior),
                BoardViolation::UnknownMentee { mentee: "e9".into() },
                BoardViolation::UnknownMentor { mentor: "r7".into() },
                BoardViolation::MenteeTwice { mentee: "e2".into() },
                BoardViolation::OverCapacity {
                    mentor: "r2".into(),
                    assigned: 3,
                    capacity: 2
                },
                BoardViolation::PinMissing {
                    mentee: "e1".into(),
                    mentor: "r1".into()
                },
            ]
        );
        let json = serde_json::to_value(&got[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "rule_broken", "mentee": "e1", "mentor": "r2", "rule": "pinned_elsewhere"})
        );
    }

    /// Lucía mentors James and Carmen (published); Ana and Tomás are drafts or free; `level` and
    /// `capacity` are Lucía's after the data changed.
    fn lucia_board(level: i32, capacity: i32, pins: &[(&str, &str)]) -> Board {
        let person = |id: &str, level: i32| Person {
            job_level: Some(level),
            languages: vec!["es".into()],
            ..Person::new(id)
        };
        let mut problem = ProfileProblem {
            mentors: vec![
                Person {
                    capacity,
                    ..person("lucia", level)
                },
                Person {
                    capacity: 2,
                    ..person("ana", 1)
                },
            ],
            mentees: vec![
                person("james", 6),
                person("carmen", 6),
                person("tomas", 6),
                person("marta", 6),
            ],
            ..ProfileProblem::default()
        };
        problem.rules.pins = pairs(pins);
        Board::new(problem).unwrap()
    }

    fn published() -> Vec<(String, String)> {
        pairs(&[("james", "lucia"), ("carmen", "lucia")])
    }

    #[test]
    fn published_pairs_broken_by_new_data_need_a_decision_and_block_nothing() {
        // Her capacity lowered to 1: an unrelated pair goes through, the published ones are
        // flagged; a third mentee for her is refused.
        let b = lucia_board(2, 1, &[]);
        let over = BoardViolation::OverCapacity {
            mentor: "lucia".into(),
            assigned: 2,
            capacity: 1,
        };
        let r = b.review(&published(), &pairs(&[("tomas", "ana")]));
        assert_eq!(r.blocking, []);
        assert_eq!(r.needs_decision, std::slice::from_ref(&over));
        assert!(over.concerns("james", "lucia") && over.concerns("carmen", "lucia"));
        assert!(!over.concerns("tomas", "ana"));
        let r = b.review(&published(), &pairs(&[("tomas", "lucia")]));
        assert_eq!(
            r.blocking,
            [BoardViolation::OverCapacity {
                mentor: "lucia".into(),
                assigned: 3,
                capacity: 1
            }]
        );

        // Her level raised above her mentees': the same.
        let b = lucia_board(8, 3, &[]);
        let r = b.review(&published(), &pairs(&[("tomas", "ana")]));
        assert_eq!(r.blocking, []);
        let rule = |e: &str| BoardViolation::RuleBroken {
            mentee: e.into(),
            mentor: "lucia".into(),
            rule: HardRule::MentorNotJunior,
        };
        assert_eq!(r.needs_decision, [rule("james"), rule("carmen")]);
        // A new pair breaking the rule, or a published mentee placed again, is refused.
        assert_eq!(
            b.review(&published(), &pairs(&[("tomas", "lucia")])).blocking,
            [rule("tomas")]
        );
        assert_eq!(
            b.review(&published(), &pairs(&[("james", "ana")])).blocking,
            [BoardViolation::MenteeTwice {
                mentee: "james".into()
            }]
        );
        // Nothing kept, nothing to decide: the plain check.
        let all = pairs(&[("tomas", "lucia")]);
        assert_eq!(b.review(&[], &all).blocking, b.check(&all));
    }

    #[test]
    fn pins_are_the_whole_boards_business_unless_a_kept_pair_breaks_them() {
        let b = lucia_board(2, 2, &[("tomas", "ana"), ("james", "ana")]);
        // Tomás's pin missing is the change's fault; James's, broken by his published pair, is not.
        let r = b.review(&published(), &[]);
        assert_eq!(
            r.blocking,
            [BoardViolation::PinMissing {
                mentee: "tomas".into(),
                mentor: "ana".into()
            }]
        );
        assert_eq!(
            r.needs_decision,
            [
                rule_broken("james", "lucia", HardRule::PinnedElsewhere),
                BoardViolation::PinMissing {
                    mentee: "james".into(),
                    mentor: "ana".into()
                }
            ]
        );
        assert_eq!(b.review(&published(), &pairs(&[("tomas", "ana")])).blocking, []);
    }

    fn rule_broken(e: &str, r: &str, rule: HardRule) -> BoardViolation {
        BoardViolation::RuleBroken {
            mentee: e.into(),
            mentor: r.into(),
            rule,
        }
    }

    #[test]
    fn the_rest_is_what_kept_pairs_leave_free_and_holds_pins_that_cannot_hold() {
        // Lucía has one seat left after James; Tomás is pinned to her and fits.
        let b = lucia_board(2, 2, &[("tomas", "lucia")]);
        let kept = pairs(&[("james", "lucia")]);
        let rest = b.rest(&kept);
        assert_eq!(rest.held, []);
        let ids = |people: &[Person]| people.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&rest.problem.mentees), ["carmen", "tomas", "marta"]);
        assert_eq!(rest.problem.mentors[0].capacity, 1);
        assert_eq!(rest.problem.rules.pins, pairs(&[("tomas", "lucia")]));
        let solved = rest.problem.solve().unwrap();
        assert!(
            solved
                .pairs
                .iter()
                .any(|p| (p.mentee.as_str(), p.mentor.as_str()) == ("tomas", "lucia"))
        );

        // Her capacity lowered to 1 with both seats taken: the pin is held as it is, not a
        // failed optimisation, and the result passes the review.
        let b = lucia_board(2, 1, &[("tomas", "lucia"), ("marta", "ana")]);
        let rest = b.rest(&published());
        assert_eq!(rest.held, pairs(&[("tomas", "lucia")]));
        assert_eq!(rest.problem.mentors[0].capacity, 0);
        assert_eq!(ids(&rest.problem.mentees), ["marta"]);
        let solved = rest.problem.solve().unwrap();
        let proposed: Vec<_> = solved
            .pairs
            .iter()
            .map(|p| (p.mentee.clone(), p.mentor.clone()))
            .collect();
        assert_eq!(proposed, pairs(&[("marta", "ana")]));
        let mut kept = published();
        kept.extend(rest.held.iter().cloned());
        assert_eq!(b.review(&kept, &proposed).blocking, []);

        // Her level raised: the pinned pair breaks a rule, so it is held too.
        let b = lucia_board(8, 3, &[("tomas", "lucia")]);
        assert_eq!(b.rest(&published()).held, pairs(&[("tomas", "lucia")]));
    }

    #[test]
    fn pins_and_forbids_must_name_people_on_their_side() {
        let b = board();
        let p = b.problem();
        assert_eq!(unknown_in_rules(p, &pairs(&[("e1", "r1"), ("e3", "r2")])), None);
        assert_eq!(
            unknown_in_rules(p, &pairs(&[("e1", "r1"), ("r1", "r1")])),
            Some(BoardViolation::UnknownMentee { mentee: "r1".into() })
        );
        assert_eq!(
            unknown_in_rules(p, &pairs(&[("e2", "e1")])),
            Some(BoardViolation::UnknownMentor { mentor: "e1".into() })
        );
        assert_eq!(unknown_in_rules(p, &[]), None);
    }

    #[test]
    fn a_saved_board_answers_only_for_the_pairs_it_changes() {
        // e3 with r2 breaks a rule (r2 is not junior to e3). Stored as a draft and left alone by
        // the edit, it needs a decision; proposed by the edit, it refuses the save.
        let b = board();
        let drafts = pairs(&[("e3", "r2")]);
        let published = pairs(&[("e1", "r1")]);
        let broken = BoardViolation::RuleBroken {
            mentee: "e3".into(),
            mentor: "r2".into(),
            rule: HardRule::MentorNotJunior,
        };
        let kept = b.review_edit(&drafts, &published, &pairs(&[("e3", "r2"), ("e2", "r2")]));
        assert_eq!(kept.blocking, []);
        assert_eq!(kept.needs_decision, std::slice::from_ref(&broken));
        let moved = b.review_edit(&pairs(&[("e2", "r2")]), &published, &pairs(&[("e3", "r2")]));
        assert_eq!(moved.blocking, [broken]);
        // The same stored draft twice on the saved board is kept once; the second is proposed.
        let twice = b.review_edit(
            &pairs(&[("e2", "r2")]),
            &published,
            &pairs(&[("e2", "r2"), ("e2", "r2")]),
        );
        assert_eq!(
            twice.blocking,
            [BoardViolation::MenteeTwice { mentee: "e2".into() }]
        );
    }
}
