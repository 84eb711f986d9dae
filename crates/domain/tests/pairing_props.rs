//! Property tests of the pairing engine: on random instances the solver keeps every hard
//! constraint, is deterministic, and finds exactly the lexicographic optimum (most matched
//! mentees, then highest total score) that an exhaustive search finds.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::collections::HashMap;

use domain::pairing::{
    HardRule, MatrixProblem, MentorSeats, Person, ProfileProblem, Rules, ScoreMatrix, UnmatchedReason,
    Weights, score_pair, solve_json,
};
use proptest::prelude::*;

/// A random matrix instance: scores (`None` = forbidden), capacities 0–3 and candidate pins.
#[derive(Debug, Clone)]
struct Instance {
    scores: Vec<Vec<Option<i32>>>,
    capacity: Vec<i32>,
    pins: Vec<(usize, usize)>,
}

fn instance() -> impl Strategy<Value = Instance> {
    (0usize..=8, 0usize..=8).prop_flat_map(|(n, m)| {
        // Few distinct score values, so ties (the hard case for tie-breaking and plateaus) are common.
        let cell = prop_oneof![1 => Just(None), 3 => (0i32..=4).prop_map(|s| Some(s * 25)), 1 => (0i32..=100).prop_map(Some)];
        (
            proptest::collection::vec(proptest::collection::vec(cell, m), n),
            proptest::collection::vec(0i32..=3, m),
            proptest::collection::vec((0..n.max(1), 0..m.max(1)), 0..3),
        )
            .prop_map(move |(scores, capacity, pins)| {
                let pins = if n == 0 || m == 0 { Vec::new() } else { pins };
                Instance { scores, capacity, pins }
            })
    })
}

impl Instance {
    /// Keeps only the pins that can all hold at once (first come first kept).
    fn feasible_pins(&self) -> Vec<(usize, usize)> {
        let mut load = vec![0; self.capacity.len()];
        let mut pinned = vec![false; self.scores.len()];
        let mut kept = Vec::new();
        for &(i, j) in &self.pins {
            if !pinned[i] && self.scores[i][j].is_some() && load[j] < self.capacity[j] {
                pinned[i] = true;
                load[j] += 1;
                kept.push((i, j));
            }
        }
        kept
    }

    fn problem(&self, pins: Vec<(usize, usize)>) -> MatrixProblem {
        let (n, m) = (self.scores.len(), self.capacity.len());
        MatrixProblem {
            mentees: (0..n).map(|i| format!("e{i}")).collect(),
            mentors: (0..m)
                .map(|j| MentorSeats {
                    id: format!("r{j}"),
                    capacity: self.capacity[j],
                })
                .collect(),
            scores: ScoreMatrix::from_fn(n, m, |i, j| self.scores[i][j]).unwrap(),
            pins,
        }
    }

    /// The lexicographic optimum `(matched, total)` with the pins, by exhaustive search
    /// (memoised on the capacities left).
    fn brute_force(&self, pins: &[(usize, usize)]) -> (i64, i64) {
        let pinned: HashMap<usize, usize> = pins.iter().copied().collect();
        let mut left: Vec<i32> = self.capacity.clone();
        let mut base = (0i64, 0i64);
        for &(i, j) in pins {
            left[j] -= 1;
            base = (base.0 + 1, base.1 + i64::from(self.scores[i][j].unwrap()));
        }
        let mut memo = HashMap::new();
        let best = self.search(0, &mut left, &pinned, &mut memo);
        (base.0 + best.0, base.1 + best.1)
    }

    fn search(
        &self,
        i: usize,
        left: &mut Vec<i32>,
        pinned: &HashMap<usize, usize>,
        memo: &mut HashMap<(usize, Vec<i32>), (i64, i64)>,
    ) -> (i64, i64) {
        if i == self.scores.len() {
            return (0, 0);
        }
        if pinned.contains_key(&i) {
            return self.search(i + 1, left, pinned, memo);
        }
        if let Some(&v) = memo.get(&(i, left.clone())) {
            return v;
        }
        let mut best = self.search(i + 1, left, pinned, memo);
        for j in 0..left.len() {
            if let Some(s) = self.scores[i][j]
                && left[j] > 0
            {
                left[j] -= 1;
                let rest = self.search(i + 1, left, pinned, memo);
                left[j] += 1;
                best = best.max((rest.0 + 1, rest.1 + i64::from(s)));
            }
        }
        memo.insert((i, left.clone()), best);
        best
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Capacities, forbidden cells and pins hold; the optimum equals the exhaustive search's;
    /// the totals and reasons are consistent; solving twice gives the same answer.
    #[test]
    fn matrix_solver_is_exact_and_keeps_every_constraint(inst in instance()) {
        let pins = inst.feasible_pins();
        let problem = inst.problem(pins.clone());
        let a = problem.solve().unwrap();
        prop_assert_eq!(&a, &problem.solve().unwrap(), "deterministic");

        let mut load = vec![0; inst.capacity.len()];
        let mut total = 0;
        for (i, j) in a.mentor_of.iter().enumerate() {
            if let Some(j) = *j {
                load[j] += 1;
                let score = inst.scores[i][j];
                prop_assert!(score.is_some(), "forbidden pair ({}, {}) used", i, j);
                total += i64::from(score.unwrap_or(0));
            }
        }
        for (j, &l) in load.iter().enumerate() {
            prop_assert!(l <= inst.capacity[j], "mentor {} over capacity", j);
        }
        for &(i, j) in &pins {
            prop_assert_eq!(a.mentor_of[i], Some(j), "pin kept");
        }
        prop_assert_eq!(a.total, total);
        prop_assert_eq!(a.matched, a.mentor_of.iter().flatten().count());
        prop_assert_eq!((a.matched as i64, a.total), inst.brute_force(&pins));

        prop_assert_eq!(a.unmatched.len(), inst.scores.len() - a.matched);
        for &(i, reason) in &a.unmatched {
            prop_assert!(a.mentor_of[i].is_none());
            let eligible = (0..inst.capacity.len()).any(|j| inst.scores[i][j].is_some() && inst.capacity[j] > 0);
            let expected = if eligible { UnmatchedReason::CapacityUsedUp } else { UnmatchedReason::NoEligibleMentor };
            prop_assert_eq!(reason, expected);
        }
    }

    /// Impossible pins are refused, never half-applied.
    #[test]
    fn infeasible_pins_are_refused(inst in instance()) {
        let feasible = inst.feasible_pins();
        let problem = inst.problem(inst.pins.clone());
        let mut deduped = inst.pins.clone();
        deduped.dedup();
        match problem.solve() {
            Ok(a) => {
                for &(i, j) in &inst.pins {
                    prop_assert_eq!(a.mentor_of[i], Some(j));
                }
            }
            Err(_) => prop_assert_ne!(feasible.len(), deduped.len(), "feasible pins refused"),
        }
    }

    /// The JSON interface gives the same optimum as the Rust one.
    #[test]
    fn json_matches_the_rust_interface(inst in instance()) {
        let pins = inst.feasible_pins();
        let problem = inst.problem(pins.clone());
        let expected = problem.solution(&problem.solve().unwrap());
        let input = serde_json::json!({
            "mentors": problem.mentors.iter().map(|m| serde_json::json!({"id": m.id, "capacity": m.capacity})).collect::<Vec<_>>(),
            "mentees": problem.mentees.iter().map(|id| serde_json::json!({"id": id})).collect::<Vec<_>>(),
            "scores": inst.scores,
            "pins": pins.iter().map(|&(i, j)| [format!("e{i}"), format!("r{j}")]).collect::<Vec<_>>(),
        });
        let got: domain::pairing::Solution = serde_json::from_str(&solve_json(&input.to_string()).unwrap()).unwrap();
        prop_assert_eq!(got, expected);
    }

    /// Malformed matrices (ragged rows, scores out of range, unknown pin ids, negative
    /// capacities) get an error, never a panic.
    #[test]
    fn bad_json_never_panics(
        rows in proptest::collection::vec(proptest::collection::vec(prop_oneof![Just(None), (-3i64..=103).prop_map(Some)], 0..4), 0..4),
        capacities in proptest::collection::vec(-1i32..=2, 0..4),
        pins in proptest::collection::vec(("[a-z][0-9]", "[a-z][0-9]"), 0..3),
    ) {
        let input = serde_json::json!({
            "mentors": capacities.iter().enumerate().map(|(j, c)| serde_json::json!({"id": format!("r{j}"), "capacity": c})).collect::<Vec<_>>(),
            "mentees": (0..rows.len()).map(|i| serde_json::json!({"id": format!("e{i}")})).collect::<Vec<_>>(),
            "scores": rows,
            "pins": pins,
        });
        let _ = solve_json(&input.to_string());
    }
}

/// Small vocabularies, so random profiles share topics, slots and languages often.
fn person(prefix: &'static str) -> impl Strategy<Value = Person> {
    let some = |words: &'static [&'static str]| {
        proptest::collection::vec(proptest::sample::select(words), 0..4)
            .prop_map(|v| v.into_iter().map(String::from).collect::<Vec<String>>())
    };
    let topics: &'static [&'static str] = &["ai_tools", "dei", "leadership", "negotiation", "remote_work"];
    (
        (
            0u32..100,
            proptest::option::of(0i32..5),
            proptest::option::of(0i32..60),
        ),
        (
            some(&["es", "en", "fr"]),
            prop_oneof![Just(0), Just(60), Just(-300), Just(330)],
            some(&["mon_am", "tue_pm", "fri_am"]),
        ),
        (some(topics), some(topics), some(&["jazz", "golf", "chess"])),
        (
            0i32..=2,
            proptest::option::of(proptest::sample::select(vec!["it", "hr"])),
            proptest::option::of(proptest::sample::select(vec!["z", "x"])),
        ),
    )
        .prop_map(
            move |(
                (n, job_level, tenure_months),
                (languages, utc_offset_minutes, availability),
                (can_teach, wants_to_learn, interests),
                (capacity, department, generation),
            )| Person {
                id: format!("{prefix}{n}"),
                job_level,
                tenure_months,
                languages,
                utc_offset_minutes,
                availability,
                can_teach,
                wants_to_learn,
                interests,
                capacity,
                department: department.map(String::from),
                generation: generation.map(String::from),
                ..Person::default()
            },
        )
}

fn profile_problem() -> impl Strategy<Value = ProfileProblem> {
    (
        proptest::collection::vec(person("r"), 0..6),
        proptest::collection::vec(person("e"), 0..6),
        proptest::collection::vec((0usize..6, 0usize..6), 0..3),
        proptest::collection::vec((0usize..6, 0usize..6), 0..3),
        proptest::collection::vec(any::<bool>(), 6),
        (0i32..=50, 0i32..=50, 0i32..=10),
    )
        .prop_map(
            |(mut mentors, mut mentees, history, forbids, switches, (w1, w2, w3))| {
                // Unique ids: the generator may repeat a number.
                for (k, p) in mentors.iter_mut().enumerate() {
                    p.id = format!("r{k}");
                    p.manager_chain = if k % 3 == 0 { vec!["e0".into()] } else { Vec::new() };
                }
                for (k, p) in mentees.iter_mut().enumerate() {
                    p.id = format!("e{k}");
                }
                let pick = |pairs: Vec<(usize, usize)>| -> Vec<(String, String)> {
                    pairs
                        .into_iter()
                        .filter(|&(i, j)| i < mentees.len() && j < mentors.len())
                        .map(|(i, j)| (format!("e{i}"), format!("r{j}")))
                        .collect()
                };
                let rules = Rules {
                    mentor_junior: switches[0],
                    separate_reporting_lines: switches[1],
                    shared_language: switches[2],
                    time_overlap: switches[3],
                    respect_capacity: switches[4],
                    no_repeat_pairs: switches[5],
                    previous_pairs: pick(history),
                    forbids: pick(forbids),
                    ..Rules::default()
                };
                let weights = Weights {
                    mentor_teaches: w1,
                    mentee_teaches: w2,
                    different_department: w3,
                    ..Weights::default()
                };
                ProfileProblem {
                    mentors,
                    mentees,
                    rules,
                    weights,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// From profiles: every chosen pair is eligible under all enabled rules, forbids and
    /// capacities hold, explanations add up, solving is deterministic, and the result is the
    /// optimum of the eligibility/score matrix that `score_pair` defines.
    #[test]
    fn profile_solver_respects_rules_and_is_optimal(p in profile_problem()) {
        let s = p.solve().unwrap();
        prop_assert_eq!(&s, &p.solve().unwrap(), "deterministic");
        let find = |people: &[Person], id: &str| people.iter().position(|x| x.id == id).unwrap();
        let mut load = vec![0; p.mentors.len()];
        for pair in &s.pairs {
            let (i, j) = (find(&p.mentees, &pair.mentee), find(&p.mentors, &pair.mentor));
            load[j] += 1;
            let check = score_pair(&p.mentors[j], &p.mentees[i], &p.rules, &p.weights);
            prop_assert!(check.eligible, "{:?} breaks {:?}", pair, check.violations);
            prop_assert!(!p.rules.forbids.contains(&(pair.mentee.clone(), pair.mentor.clone())));
            prop_assert_eq!(pair.score, check.score);
            let explanation = pair.explanation.as_ref().unwrap();
            prop_assert_eq!(explanation.iter().map(|c| c.points).sum::<i32>(), pair.score);
        }
        if p.rules.respect_capacity {
            for (j, m) in p.mentors.iter().enumerate() {
                prop_assert!(load[j] <= m.capacity);
            }
        }
        // The same optimum from the matrix score_pair defines, by exhaustive search.
        let scores: Vec<Vec<Option<i32>>> = p.mentees.iter().map(|e| {
            p.mentors.iter().map(|r| {
                let s = score_pair(r, e, &p.rules, &p.weights);
                s.eligible.then_some(s.score)
            }).collect()
        }).collect();
        let capacity = p.mentors.iter().map(|m| if p.rules.respect_capacity { m.capacity } else { p.mentees.len() as i32 }).collect();
        let inst = Instance { scores, capacity, pins: Vec::new() };
        prop_assert_eq!((s.matched, s.total), inst.brute_force(&[]));
    }

    /// A random eligible pin is kept, and the mentee's other pairs are excluded by it.
    #[test]
    fn eligible_pins_are_kept(mut p in profile_problem(), pick in any::<proptest::sample::Index>()) {
        let eligible: Vec<(String, String)> = p.mentees.iter().flat_map(|e| p.mentors.iter().map(move |r| (e, r)))
            .filter(|(e, r)| r.capacity > 0 && score_pair(r, e, &p.rules, &p.weights).eligible)
            .map(|(e, r)| (e.id.clone(), r.id.clone()))
            .collect();
        prop_assume!(!eligible.is_empty());
        let pin = eligible[pick.index(eligible.len())].clone();
        p.rules.pins = vec![pin.clone()];
        let s = p.solve().unwrap();
        prop_assert!(s.pairs.iter().any(|x| (x.mentee.clone(), x.mentor.clone()) == pin));
        let elsewhere = p.mentors.iter().find(|r| r.id != pin.1);
        if let (Some(r), Some(e)) = (elsewhere, p.mentees.iter().find(|e| e.id == pin.0)) {
            prop_assert!(score_pair(r, e, &p.rules, &p.weights).violations.contains(&HardRule::PinnedElsewhere));
        }
    }
}
