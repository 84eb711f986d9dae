//! The JSON interface of `inversa pairing solve`: one JSON document in, one out.
//!
//! The input takes either of two forms, told apart by the presence of `"scores"`:
//!
//! **Profiles** — people, rules and weights, as [`Person`], [`Rules`] and [`Weights`] (every
//! field optional except ids; pins may be given in `rules.pins` or at the top level):
//!
//! ```json
//! {"mentors": [{"id": "lucia", "job_level": 2, "languages": ["es"], "can_teach": ["ai_tools"], "capacity": 2}],
//!  "mentees": [{"id": "james", "job_level": 6, "languages": ["es"], "wants_to_learn": ["ai_tools"]}],
//!  "rules": {"min_overlap_hours": 3}, "weights": {"different_department": 10}}
//! ```
//!
//! **Raw matrix** — rows are mentees, columns mentors, `null` forbids a pair; capacity defaults to
//! 1; optional pins are `[mentee, mentor]`:
//!
//! ```json
//! {"mentors": [{"id": "a", "capacity": 2}], "mentees": [{"id": "x"}], "scores": [[87]], "pins": [["x", "a"]]}
//! ```
//!
//! Both forms obey the same invariants, because both end in the same matrix solver
//! ([`MatrixProblem::solve`]): an id among both mentors and mentees is one person, never paired
//! with themselves; no mentor gets more mentees than their capacity; an empty cell or a broken
//! rule is never a pair; every pin is kept, and an impossible pin (an unknown id, someone with
//! themselves, an empty cell or a pair breaking a rule, one mentee pinned to two mentors, more
//! pins on a mentor than their capacity) refuses the whole request.
//!
//! The output is a [`Solution`]: the pairs in mentee order, how many are matched, the total score,
//! and each unmatched mentee with its [reason](super::UnmatchedReason): `no_eligible_mentor` (every
//! pair breaks a rule or is an empty cell), `no_mentor_capacity` (the mentors who would do take
//! nobody: capacity 0) or `capacity_used_up` (their seats went to others). Pairs from profiles
//! also carry their explanation (`[{"criterion", "weight", "points", "matched"}]`):
//!
//! ```json
//! {"pairs": [{"mentee": "x", "mentor": "a", "score": 87}], "matched": 1, "total": 87,
//!  "unmatched": [{"mentee": "y", "reason": "no_eligible_mentor"}]}
//! ```
//!
//! Bad input (malformed JSON, unknown fields, a ragged matrix, scores outside 0–100, unknown or
//! duplicate ids, negative capacities, impossible pins) is refused with a [`PairingError`] that
//! says what and where.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::PairingError;
use super::matrix::{MatrixProblem, MentorSeats, ScoreMatrix, Solution};
use super::problem::ProfileProblem;
use super::profile::{Person, Rules, Weights};

/// Either input form of [`solve_json`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolveInput {
    /// Mentors: full profiles, or just `id` and `capacity` with a matrix.
    #[serde(default)]
    pub mentors: Vec<Person>,
    /// Mentees: full profiles, or just `id` with a matrix.
    #[serde(default)]
    pub mentees: Vec<Person>,
    /// The raw score matrix (rows mentees, columns mentors, `null` = forbidden); its presence
    /// selects the matrix form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Vec<Vec<Option<i64>>>>,
    /// Required pairs as `[mentee, mentor]` ids.
    #[serde(default)]
    pub pins: Vec<(String, String)>,
    /// Hard rules (profiles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Rules>,
    /// Score weights (profiles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Weights>,
}

impl SolveInput {
    /// Solves whichever form this is.
    pub fn solve(self) -> Result<Solution, PairingError> {
        match self.scores {
            Some(ref scores) => {
                if self.rules.is_some() || self.weights.is_some() {
                    return Err(PairingError::InvalidInput {
                        message: "rules and weights apply to profiles, not to a score matrix".into(),
                    });
                }
                let problem = matrix_problem(&self.mentors, &self.mentees, scores, &self.pins)?;
                Ok(problem.solution(&problem.solve()?))
            }
            None => {
                let mut rules = self.rules.unwrap_or_default();
                rules.pins.extend(self.pins);
                let problem = ProfileProblem {
                    mentors: self.mentors,
                    mentees: self.mentees,
                    rules,
                    weights: self.weights.unwrap_or_default(),
                };
                problem.solve()
            }
        }
    }
}

/// Checks a raw matrix against the people and builds the matrix problem.
fn matrix_problem(
    mentors: &[Person],
    mentees: &[Person],
    scores: &[Vec<Option<i64>>],
    pins: &[(String, String)],
) -> Result<MatrixProblem, PairingError> {
    let (n, m) = (mentees.len(), mentors.len());
    for (row, cells) in scores.iter().enumerate() {
        if cells.len() != m {
            return Err(PairingError::RaggedMatrix {
                row,
                expected: m,
                found: cells.len(),
            });
        }
        if let Some((column, &Some(score))) = cells
            .iter()
            .enumerate()
            .find(|(_, s)| s.is_some_and(|s| !(0..=100).contains(&s)))
        {
            return Err(PairingError::ScoreOutOfRange { row, column, score });
        }
    }
    if scores.len() != n {
        return Err(PairingError::ShapeMismatch {
            mentees: n,
            mentors: m,
            rows: scores.len(),
            columns: m,
        });
    }
    let matrix = ScoreMatrix::from_fn(n, m, |i, j| scores[i][j].map(|s| s as i32))?;
    let mentee_index: HashMap<&str, usize> = mentees
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mentor_index: HashMap<&str, usize> = mentors
        .iter()
        .enumerate()
        .map(|(j, p)| (p.id.as_str(), j))
        .collect();
    let pins = (pins.iter())
        .map(|(e, r)| {
            let i = mentee_index
                .get(e.as_str())
                .ok_or_else(|| PairingError::UnknownId {
                    id: e.clone(),
                    role: "mentee",
                })?;
            let j = mentor_index
                .get(r.as_str())
                .ok_or_else(|| PairingError::UnknownId {
                    id: r.clone(),
                    role: "mentor",
                })?;
            Ok((*i, *j))
        })
        .collect::<Result<_, PairingError>>()?;
    Ok(MatrixProblem {
        mentees: mentees.iter().map(|p| p.id.clone()).collect(),
        mentors: mentors
            .iter()
            .map(|p| MentorSeats {
                id: p.id.clone(),
                capacity: p.capacity,
            })
            .collect(),
        scores: matrix,
        pins,
    })
}

/// Reads a pairing request (either form, see the module docs), solves it exactly and returns the
/// [`Solution`] as JSON.
pub fn solve_json(input: &str) -> Result<String, PairingError> {
    let input: SolveInput = serde_json::from_str(input).map_err(|e| PairingError::InvalidInput {
        message: e.to_string(),
    })?;
    let solution = input.solve()?;
    serde_json::to_string(&solution).map_err(|e| PairingError::InvalidInput {
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::HardRule;
    use serde_json::{Value, json};

    fn solve(input: Value) -> Result<Value, PairingError> {
        solve_json(&input.to_string()).map(|s| serde_json::from_str(&s).unwrap())
    }

    #[test]
    fn matrix_form_round_trip() {
        let out = solve(json!({
            "mentors": [{"id": "a", "capacity": 2}, {"id": "b"}],
            "mentees": [{"id": "x"}, {"id": "y"}, {"id": "z"}, {"id": "w"}],
            "scores": [[87, null], [90, 10], [80, 70], [null, null]],
            "pins": [["x", "a"]]
        }))
        .unwrap();
        assert_eq!(
            out,
            json!({
                "pairs": [
                    {"mentee": "x", "mentor": "a", "score": 87},
                    {"mentee": "y", "mentor": "a", "score": 90},
                    {"mentee": "z", "mentor": "b", "score": 70}
                ],
                "matched": 3,
                "total": 247,
                "unmatched": [{"mentee": "w", "reason": "no_eligible_mentor"}]
            })
        );
    }

    #[test]
    fn brief_example_and_capacity_reason() {
        // One mentor, so a row has one cell: `[[87, null]]` would be ragged.
        let out = solve_json(
            r#"{"mentors":[{"id":"a","capacity":2}],"mentees":[{"id":"x"}],"scores":[[87,null]]}"#,
        );
        assert_eq!(
            out,
            Err(PairingError::RaggedMatrix {
                row: 0,
                expected: 1,
                found: 2
            })
        );
        let out = solve(json!({"mentors":[{"id":"a","capacity":2}],"mentees":[{"id":"x"}],"scores":[[87]]}))
            .unwrap();
        assert_eq!(
            out,
            json!({"pairs":[{"mentee":"x","mentor":"a","score":87}],"matched":1,"total":87,"unmatched":[]})
        );
        let out = solve(json!({"mentors":[{"id":"a","capacity":1}],"mentees":[{"id":"x"},{"id":"y"}],"scores":[[87],[88]]}))
            .unwrap();
        assert_eq!(out["pairs"], json!([{"mentee": "y", "mentor": "a", "score": 88}]));
        assert_eq!(
            out["unmatched"],
            json!([{"mentee": "x", "reason": "capacity_used_up"}])
        );
    }

    #[test]
    fn profile_form_explains_pairs() {
        let out = solve(json!({
            "mentors": [{"id": "lucia", "job_level": 2, "languages": ["es"], "can_teach": ["ai_tools"]}],
            "mentees": [{"id": "james", "job_level": 6, "languages": ["es"], "wants_to_learn": ["ai_tools"]}],
            "weights": {"shared_availability": 0}
        }))
        .unwrap();
        assert_eq!(out["matched"], 1);
        let pair = &out["pairs"][0];
        assert_eq!(
            (
                pair["mentee"].as_str(),
                pair["mentor"].as_str(),
                pair["score"].as_i64()
            ),
            (Some("james"), Some("lucia"), Some(57))
        );
        assert_eq!(
            pair["explanation"][0],
            json!({"criterion": "mentor_teaches", "weight": 40, "points": 57, "matched": ["ai_tools"]})
        );
    }

    #[test]
    fn bad_input_gets_clear_errors() {
        let people = json!({"mentors": [{"id": "a"}, {"id": "b"}], "mentees": [{"id": "x"}]});
        let with = |extra: Value| {
            let mut v = people.clone();
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            solve(v).unwrap_err()
        };
        assert_eq!(
            with(json!({"scores": [[1, 2, 3]]})),
            PairingError::RaggedMatrix {
                row: 0,
                expected: 2,
                found: 3
            }
        );
        assert_eq!(
            with(json!({"scores": [[1, 101]]})),
            PairingError::ScoreOutOfRange {
                row: 0,
                column: 1,
                score: 101
            }
        );
        assert_eq!(
            with(json!({"scores": [[-1, 1]]})),
            PairingError::ScoreOutOfRange {
                row: 0,
                column: 0,
                score: -1
            }
        );
        assert!(matches!(
            with(json!({"scores": [[1, 2], [3, 4]]})),
            PairingError::ShapeMismatch { rows: 2, .. }
        ));
        assert_eq!(
            with(json!({"scores": [[1, 2]], "pins": [["x", "c"]]})),
            PairingError::UnknownId {
                id: "c".into(),
                role: "mentor"
            }
        );
        assert!(matches!(
            with(json!({"scores": [[null, 2]], "pins": [["x", "a"]]})),
            PairingError::PinIneligible { .. }
        ));
        assert!(matches!(
            with(json!({"scores": [[1, 2]], "rules": {}})),
            PairingError::InvalidInput { .. }
        ));
        assert!(matches!(
            with(json!({"scores": [[1.5, 2]]})),
            PairingError::InvalidInput { .. }
        ));
        assert!(matches!(
            with(json!({"scorez": [[1, 2]]})),
            PairingError::InvalidInput { .. }
        ));
        let dup =
            json!({"mentors": [{"id": "a"}, {"id": "a"}], "mentees": [{"id": "x"}], "scores": [[1, 1]]});
        assert_eq!(
            solve(dup).unwrap_err(),
            PairingError::DuplicateId { id: "a".into() }
        );
        let neg =
            json!({"mentors": [{"id": "a", "capacity": -2}], "mentees": [{"id": "x"}], "scores": [[1]]});
        assert!(matches!(
            solve(neg).unwrap_err(),
            PairingError::NegativeCapacity { capacity: -2, .. }
        ));
        assert!(matches!(
            solve_json("not json"),
            Err(PairingError::InvalidInput { .. })
        ));
        let message = with(json!({"scores": [[1, 101]]})).to_string();
        assert_eq!(message, "score 101 at row 0, column 1 is outside 0–100");
    }

    #[test]
    fn one_person_on_both_sides_is_never_paired_with_themselves() {
        let input = json!({"mentors":[{"id":"ana"},{"id":"bo"}],"mentees":[{"id":"ana"}],"scores":[[90,10]]});
        assert_eq!(
            solve(input).unwrap(),
            json!({"pairs":[{"mentee":"ana","mentor":"bo","score":10}],"matched":1,"total":10,"unmatched":[]})
        );
        let pinned = json!({"mentors":[{"id":"ana"},{"id":"bo"}],"mentees":[{"id":"ana"}],"scores":[[90,10]],"pins":[["ana","ana"]]});
        let refused = solve(pinned).unwrap_err();
        assert_eq!(
            refused,
            PairingError::PinIneligible {
                mentee: "ana".into(),
                mentor: "ana".into(),
                rules: vec![HardRule::SamePerson]
            }
        );
        assert_eq!(
            refused.to_string(),
            "pin (\"ana\", \"ana\") is not an eligible pair (breaks same_person)"
        );
        let only_herself =
            json!({"mentors":[{"id":"ana","capacity":3}],"mentees":[{"id":"ana"}],"scores":[[90]]});
        assert_eq!(
            solve(only_herself).unwrap()["unmatched"],
            json!([{"mentee": "ana", "reason": "no_eligible_mentor"}])
        );
    }

    /// The same people as a matrix and as profiles (profiles that keep every rule, score 0).
    fn both_forms(capacity: i32, extra: Value) -> [Value; 2] {
        let mut matrix = json!({
            "mentors": [{"id": "a", "capacity": capacity}, {"id": "b", "capacity": 1}],
            "mentees": [{"id": "x"}, {"id": "y"}],
            "scores": [[50, null], [50, null]]
        });
        let person = |id: &str, level: i32| json!({"id": id, "job_level": level, "languages": ["es"]});
        let mut b = person("b", 1);
        b["capacity"] = json!(1);
        let mut profiles = json!({
            "mentors": [person("a", 1), b],
            "mentees": [person("x", 5), person("y", 5)],
            "rules": {"forbids": [["x", "b"], ["y", "b"]]}
        });
        profiles["mentors"][0]["capacity"] = json!(capacity);
        for v in [&mut matrix, &mut profiles] {
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
        }
        [matrix, profiles]
    }

    #[test]
    fn a_mentor_without_seats_is_not_reported_as_a_rule() {
        for input in both_forms(0, json!({})) {
            let out = solve(input.clone()).unwrap();
            assert_eq!(
                out["unmatched"],
                json!([{"mentee": "x", "reason": "no_mentor_capacity"}, {"mentee": "y", "reason": "no_mentor_capacity"}]),
                "{input}"
            );
        }
        for input in both_forms(1, json!({})) {
            let out = solve(input.clone()).unwrap();
            assert_eq!(out["matched"], 1, "{input}");
            assert_eq!(out["unmatched"][0]["reason"], "capacity_used_up", "{input}");
        }
    }

    #[test]
    fn both_forms_refuse_the_same_impossible_pins() {
        let cases = [
            (
                1,
                json!({"pins": [["x", "zz"]]}),
                PairingError::UnknownId {
                    id: "zz".into(),
                    role: "mentor",
                },
            ),
            (
                1,
                json!({"pins": [["x", "b"]]}),
                PairingError::PinIneligible {
                    mentee: "x".into(),
                    mentor: "b".into(),
                    rules: vec![HardRule::Forbidden],
                },
            ),
            (
                1,
                json!({"pins": [["x", "a"], ["y", "a"]]}),
                PairingError::PinsExceedCapacity {
                    mentor: "a".into(),
                    capacity: 1,
                },
            ),
            (
                0,
                json!({"pins": [["x", "a"]]}),
                PairingError::PinsExceedCapacity {
                    mentor: "a".into(),
                    capacity: 0,
                },
            ),
            (
                2,
                json!({"pins": [["x", "a"], ["x", "b"]]}),
                PairingError::PinConflict {
                    mentee: "x".into(),
                    first: "a".into(),
                    second: "b".into(),
                },
            ),
        ];
        for (capacity, pins, want) in cases {
            for input in both_forms(capacity, pins.clone()) {
                assert_eq!(solve(input.clone()).unwrap_err(), want, "{input}");
            }
        }
        // A pin repeated is one pin, in both forms.
        for input in both_forms(1, json!({"pins": [["x", "a"], ["x", "a"]]})) {
            let out = solve(input.clone()).unwrap();
            assert_eq!(out["pairs"][0]["mentor"], "a", "{input}");
        }
    }

    #[test]
    fn empty_input_solves_to_nothing() {
        assert_eq!(
            solve(json!({})).unwrap(),
            json!({"pairs": [], "matched": 0, "total": 0, "unmatched": []})
        );
        let out = solve(json!({"mentors": [], "mentees": [{"id": "x"}], "scores": [[]]})).unwrap();
        assert_eq!(
            out["unmatched"],
            json!([{"mentee": "x", "reason": "no_eligible_mentor"}])
        );
    }
}
