//! The pairing board: scoring and checking pairs that HR placed by hand.
//!
//! On the board HR drags mentees between mentors. After each drag the browser re-scores only the
//! pairs that changed ([`Board::score`], one [`score_pair`] call), shows the board total
//! ([`Board::scores`]) and flags what the hand-made board breaks ([`Board::check`]): hard rules,
//! capacities, a mentee placed twice, pins left out. Nothing here solves anything, so it is cheap.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::PairingError;
use super::problem::ProfileProblem;
use super::score::{HardRule, PairScore, score_pair};

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            for (e, r) in &p.rules.pins {
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
}
