//! Pairing a whole program from profiles.
//!
//! [`ProfileProblem::solve`] scores every mentor–mentee pair, drops the ineligible ones, hands
//! the matrix to the exact solver ([`super::matrix`]) and explains each chosen pair. Scoring all
//! `mentees × mentors` pairs must be fast, so each profile list is first interned into a set of
//! ids (a 128-bit mask when that kind of list has at most 128 distinct entries in the program, as
//! topics, slots and languages do: intersection is then an AND and a popcount) and the pin,
//! forbid and history lists into hash sets. The rule and score arithmetic is the one of
//! [`super::score`], so every score here equals [`super::score_pair`]'s.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::matrix::{MatrixProblem, MentorSeats, ScoreMatrix, Solution};
use super::profile::{Person, Rules, Weights};
use super::score::{
    Facts, Fulfilment, HardRule, mentor_is_junior, overlap_of_starts, score_pair, work_start_utc,
};
use super::{PairingError, UnmatchedReason};

/// A program to pair: its people, rules and weights.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileProblem {
    /// The mentors (junior side), with their capacities.
    pub mentors: Vec<Person>,
    /// The mentees (senior side).
    pub mentees: Vec<Person>,
    /// The hard rules.
    pub rules: Rules,
    /// The score weights.
    pub weights: Weights,
}

impl ProfileProblem {
    /// Checks profiles, rules and weights: non-empty ids unique on each side (the same person may
    /// be both a mentor and a mentee, and is never paired with themselves),
    /// ranges, no negative mentor capacity, and applied pins and forbids that name a mentee and a
    /// mentor of this program (earlier pairs may name anyone).
    pub fn validate(&self) -> Result<(), PairingError> {
        self.rules.validate()?;
        self.weights.validate()?;
        for side in [&self.mentors, &self.mentees] {
            let mut seen = HashSet::with_capacity(side.len());
            for p in side {
                p.validate()?;
                if !seen.insert(p.id.as_str()) {
                    return Err(PairingError::DuplicateId { id: p.id.clone() });
                }
            }
        }
        if let Some(m) = self.mentors.iter().find(|m| m.capacity < 0) {
            return Err(PairingError::NegativeCapacity {
                mentor: m.id.clone(),
                capacity: m.capacity,
            });
        }
        let (mentee_index, mentor_index) = self.indices();
        let pins = if self.rules.apply_pins {
            &self.rules.pins[..]
        } else {
            &[]
        };
        let forbids = if self.rules.apply_forbids {
            &self.rules.forbids[..]
        } else {
            &[]
        };
        for (e, r) in pins.iter().chain(forbids) {
            if !mentee_index.contains_key(e.as_str()) {
                return Err(PairingError::UnknownId {
                    id: e.clone(),
                    role: "mentee",
                });
            }
            if !mentor_index.contains_key(r.as_str()) {
                return Err(PairingError::UnknownId {
                    id: r.clone(),
                    role: "mentor",
                });
            }
        }
        Ok(())
    }

    /// Index of each mentee id and of each mentor id.
    pub(crate) fn indices(&self) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
        (index_by_id(&self.mentees), index_by_id(&self.mentors))
    }

    /// The matrix form: the score of every pair that keeps the rules (the others are empty
    /// cells), each mentor's capacity (unlimited when capacities are switched off) and the pins.
    /// Capacity is left to the matrix's seats rather than to the cells, so that a mentee whose
    /// only rule-keeping mentors take nobody is told [`UnmatchedReason::NoMentorCapacity`], not
    /// that no mentor keeps the rules. Checks the input and the pins first.
    ///
    /// [`UnmatchedReason::NoMentorCapacity`]: super::UnmatchedReason::NoMentorCapacity
    pub fn to_matrix(&self) -> Result<MatrixProblem, PairingError> {
        self.validate()?;
        let pins = self.pins()?;
        let prepared = Prepared::new(self, &pins);
        let rules = &self.rules;
        let scores = ScoreMatrix::from_fn(self.mentees.len(), self.mentors.len(), |i, j| {
            let mut facts = prepared.facts(i, j, self);
            facts.mentor_has_capacity = true;
            facts
                .eligible(rules)
                .then(|| prepared.fulfilment(i, j).score(&self.weights))
        })?;
        let unlimited = i32::try_from(self.mentees.len()).unwrap_or(i32::MAX);
        let mentors = (self.mentors.iter())
            .map(|m| MentorSeats {
                id: m.id.clone(),
                capacity: if rules.respect_capacity {
                    m.capacity
                } else {
                    unlimited
                },
            })
            .collect();
        let mentees = self.mentees.iter().map(|p| p.id.clone()).collect();
        Ok(MatrixProblem {
            mentees,
            mentors,
            scores,
            pins,
        })
    }

    /// The pins by index, if enabled: each mentee pinned to one mentor only, every pinned pair
    /// keeping the rules. (Capacity, a mentor's 0 included, is checked by the matrix solver, so
    /// both input forms refuse too many pins on a mentor with the same error.)
    fn pins(&self) -> Result<Vec<(usize, usize)>, PairingError> {
        if !self.rules.apply_pins {
            return Ok(Vec::new());
        }
        let (mentee_index, mentor_index) = self.indices();
        let mut pinned: HashMap<usize, usize> = HashMap::new();
        let mut pins = Vec::new();
        for (e, r) in &self.rules.pins {
            let (Some(&i), Some(&j)) = (mentee_index.get(e.as_str()), mentor_index.get(r.as_str())) else {
                continue; // validate() has reported unknown ids already
            };
            match pinned.insert(i, j) {
                Some(first) if first != j => {
                    return Err(PairingError::PinConflict {
                        mentee: e.clone(),
                        first: self.mentors[first].id.clone(),
                        second: r.clone(),
                    });
                }
                Some(_) => continue,
                None => pins.push((i, j)),
            }
        }
        for &(i, j) in &pins {
            let s = score_pair(&self.mentors[j], &self.mentees[i], &self.rules, &self.weights);
            let mut broken = s.violations;
            broken.retain(|r| *r != HardRule::MentorHasNoCapacity);
            if !broken.is_empty() {
                return Err(PairingError::PinIneligible {
                    mentee: s.mentee,
                    mentor: s.mentor,
                    rules: broken,
                });
            }
        }
        Ok(pins)
    }

    /// The exact optimum (most matched mentees, then highest total score) with every pair
    /// explained. See [`MatrixProblem::solve`] for the guarantees and the tie rule.
    pub fn solve(&self) -> Result<Solution, PairingError> {
        let matrix = self.to_matrix()?;
        let assignment = matrix.solve()?;
        let mut solution = matrix.solution(&assignment);
        let (mentee_index, mentor_index) = self.indices();
        // A mentee who has not completed the required training is told so, before anything the
        // matrix can see.
        if self.rules.require_training {
            for u in &mut solution.unmatched {
                if mentee_index
                    .get(u.mentee.as_str())
                    .is_some_and(|&i| !self.mentees[i].training_complete)
                {
                    u.reason = UnmatchedReason::TrainingIncomplete;
                }
            }
        }
        for pair in &mut solution.pairs {
            let (i, j) = (
                mentee_index[pair.mentee.as_str()],
                mentor_index[pair.mentor.as_str()],
            );
            let explained = score_pair(&self.mentors[j], &self.mentees[i], &self.rules, &self.weights);
            debug_assert_eq!(explained.score, pair.score);
            pair.explanation = Some(explained.explanation);
        }
        Ok(solution)
    }
}

/// Index of each person by id.
fn index_by_id(people: &[Person]) -> HashMap<&str, usize> {
    people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect()
}

/// Profiles as sets of interned ids, for fast pair scoring.
struct Prepared {
    mentors: Vec<Sets>,
    mentees: Vec<Sets>,
    previous: HashSet<(usize, usize)>,
    forbidden: HashSet<(usize, usize)>,
    pinned_to: Vec<Option<usize>>,
}

/// One person's lists as interned ids.
struct Sets {
    id: u32,
    work_start_utc: i32,
    managers: Vec<u32>,
    languages: IdSet,
    availability: IdSet,
    can_teach: IdSet,
    wants_to_learn: IdSet,
    interests: IdSet,
    department: Option<u32>,
    generation: Option<u32>,
}

impl Prepared {
    /// Prepares `problem` with its checked `pins` (by index).
    fn new(problem: &ProfileProblem, pins: &[(usize, usize)]) -> Self {
        let people: Vec<&Person> = problem.mentors.iter().chain(&problem.mentees).collect();
        // One vocabulary per kind of list (languages, slots, topics, interests), so each usually
        // stays small enough for bit masks.
        let mut kinds: [Vocabulary; 4] = Default::default();
        let lists: Vec<[Vec<u32>; 5]> = (people.iter())
            .map(|p| {
                [
                    kinds[0].list(&p.languages),
                    kinds[1].list(&p.availability),
                    kinds[2].list(&p.can_teach),
                    kinds[2].list(&p.wants_to_learn),
                    kinds[3].list(&p.interests),
                ]
            })
            .collect();
        let small = [0, 1, 2, 2, 3].map(|k| kinds[k].len() <= IdSet::BITS);
        let (mut names, mut groups) = (Vocabulary::default(), Vocabulary::default());
        let mut sets: Vec<Sets> = (people.iter().zip(lists))
            .map(|(p, lists)| {
                let mut sets = lists
                    .into_iter()
                    .zip(small)
                    .map(|(list, small)| IdSet::new(list, small));
                let mut next = || {
                    sets.next().unwrap_or(IdSet {
                        len: 0,
                        items: Items::Sorted(Vec::new()),
                    })
                };
                Sets {
                    languages: next(),
                    availability: next(),
                    can_teach: next(),
                    wants_to_learn: next(),
                    interests: next(),
                    id: names.id(&p.id),
                    work_start_utc: work_start_utc(p.utc_offset_minutes, &problem.rules),
                    managers: names.list(&p.manager_chain),
                    department: p.department.as_deref().map(|d| groups.id(d)),
                    generation: p.generation.as_deref().map(|g| groups.id(g)),
                }
            })
            .collect();
        let mentees = sets.split_off(problem.mentors.len());
        let (mentee_index, mentor_index) = problem.indices();
        let by_index = |pairs: &[(String, String)]| -> HashSet<(usize, usize)> {
            (pairs.iter())
                .filter_map(|(e, r)| Some((*mentee_index.get(e.as_str())?, *mentor_index.get(r.as_str())?)))
                .collect()
        };
        let mut pinned_to = vec![None; problem.mentees.len()];
        for &(i, j) in pins {
            pinned_to[i] = Some(j);
        }
        Prepared {
            mentors: sets,
            mentees,
            previous: by_index(&problem.rules.previous_pairs),
            forbidden: by_index(&problem.rules.forbids),
            pinned_to,
        }
    }

    fn facts(&self, i: usize, j: usize, problem: &ProfileProblem) -> Facts {
        let (e, r) = (&self.mentees[i], &self.mentors[j]);
        let (mentee, mentor) = (&problem.mentees[i], &problem.mentors[j]);
        Facts {
            mentor_junior: mentor_is_junior(mentor, mentee),
            same_line: e.managers.binary_search(&r.id).is_ok() || r.managers.binary_search(&e.id).is_ok(),
            repeat: self.previous.contains(&(i, j)),
            shared_language: e.languages.common(&r.languages) > 0,
            overlap_minutes: overlap_of_starts(r.work_start_utc, e.work_start_utc, &problem.rules),
            mentor_has_capacity: mentor.capacity > 0,
            pinned_elsewhere: self.pinned_to[i].is_some_and(|p| p != j),
            forbidden: self.forbidden.contains(&(i, j)),
            same_person: e.id == r.id,
            training_complete: mentee.training_complete && mentor.training_complete,
        }
    }

    fn fulfilment(&self, i: usize, j: usize) -> Fulfilment {
        let (e, r) = (&self.mentees[i], &self.mentors[j]);
        let differ =
            |a: Option<u32>, b: Option<u32>| usize::from(matches!((a, b), (Some(a), Some(b)) if a != b));
        let mut f = Fulfilment::default();
        f.set(0, e.wants_to_learn.common(&r.can_teach), e.wants_to_learn.len);
        f.set(1, r.wants_to_learn.common(&e.can_teach), r.wants_to_learn.len);
        f.set(
            2,
            e.interests.common(&r.interests),
            e.interests.len.min(r.interests.len),
        );
        f.set(
            3,
            e.availability.common(&r.availability),
            e.availability.len.min(r.availability.len),
        );
        f.set(4, differ(e.department, r.department), 1);
        f.set(5, differ(e.generation, r.generation), 1);
        f
    }
}

/// Gives each distinct string of one kind a small integer id, in order of appearance.
#[derive(Default)]
struct Vocabulary<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> Vocabulary<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(s).or_insert(next)
    }

    /// The ids of a list, sorted and deduplicated.
    fn list(&mut self, l: &'a [String]) -> Vec<u32> {
        let mut v: Vec<u32> = l.iter().map(|s| self.id(s)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// A set of interned ids: a bit mask when its vocabulary has at most [`IdSet::BITS`] entries
/// (intersection = AND + popcount), else a sorted list (intersection by merging).
struct IdSet {
    len: usize,
    items: Items,
}

enum Items {
    Bits(u128),
    Sorted(Vec<u32>),
}

impl IdSet {
    const BITS: usize = 128;

    /// From sorted, deduplicated ids; `small` when every id of the vocabulary is below `BITS`.
    fn new(ids: Vec<u32>, small: bool) -> Self {
        let len = ids.len();
        let items = if small {
            Items::Bits(ids.iter().fold(0, |bits, &id| bits | 1 << id))
        } else {
            Items::Sorted(ids)
        };
        IdSet { len, items }
    }

    /// Size of the intersection.
    fn common(&self, other: &IdSet) -> usize {
        match (&self.items, &other.items) {
            // Most pairs share nothing: skip the popcount (software on baseline x86-64) then.
            (Items::Bits(a), Items::Bits(b)) => match a & b {
                0 => 0,
                both => both.count_ones() as usize,
            },
            (Items::Sorted(a), Items::Sorted(b)) => {
                let (mut i, mut j, mut n) = (0, 0, 0);
                while i < a.len() && j < b.len() {
                    match a[i].cmp(&b[j]) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            n += 1;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                n
            }
            // One kind always uses one representation; this only keeps the match total.
            (Items::Bits(bits), Items::Sorted(ids)) | (Items::Sorted(ids), Items::Bits(bits)) => ids
                .iter()
                .filter(|&&id| (id as usize) < Self::BITS && bits >> id & 1 == 1)
                .count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::UnmatchedReason;
    use crate::pairing::score::HardRule;

    fn person(id: &str, level: i32, teach: &[&str], learn: &[&str]) -> Person {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Person {
            job_level: Some(level),
            languages: vec!["es".into()],
            availability: vec!["mon_am".into()],
            can_teach: list(teach),
            wants_to_learn: list(learn),
            ..Person::new(id)
        }
    }

    /// Two mentors, three mentees: a greedy choice for `e1` (its best mentor `r1`) would leave
    /// `e2` without anyone; the optimum matches both and gives `e3` the reason.
    fn program() -> ProfileProblem {
        ProfileProblem {
            mentors: vec![
                person("r1", 1, &["ai_tools", "dei"], &[]),
                person("r2", 1, &["ai_tools"], &[]),
            ],
            mentees: vec![
                person("e1", 5, &[], &["ai_tools"]),
                person("e2", 5, &[], &["dei"]),
                Person {
                    languages: vec!["fr".into()],
                    ..person("e3", 5, &[], &["ai_tools"])
                },
            ],
            ..ProfileProblem::default()
        }
    }

    fn pairs(s: &Solution) -> Vec<(&str, &str, i32)> {
        s.pairs
            .iter()
            .map(|p| (p.mentee.as_str(), p.mentor.as_str(), p.score))
            .collect()
    }

    #[test]
    fn solves_globally_and_explains() {
        let s = program().solve().unwrap();
        // e2 can only learn dei from r1; e1 then takes r2 (same score, 40 + 30).
        assert_eq!(pairs(&s), [("e1", "r2", 70), ("e2", "r1", 70)]);
        assert_eq!((s.matched, s.total), (2, 140));
        assert_eq!(s.unmatched.len(), 1);
        assert_eq!(
            (s.unmatched[0].mentee.as_str(), s.unmatched[0].reason),
            ("e3", UnmatchedReason::NoEligibleMentor)
        );
        let explanation = s.pairs[0].explanation.as_ref().unwrap();
        assert_eq!(explanation[0].matched, ["ai_tools"]);
        assert_eq!(explanation.iter().map(|c| c.points).sum::<i32>(), 70);
    }

    #[test]
    fn required_training_leaves_out_who_has_not_completed_it() {
        let mut p = program();
        p.mentees[2].languages = vec!["es".into()];
        p.rules.respect_capacity = false;
        p.mentees[0].training_complete = false;
        p.mentors[0].training_complete = false;
        // Switched off, training is not looked at: everyone is paired.
        assert_eq!(p.solve().unwrap().matched, 3);
        p.rules.require_training = true;
        let s = p.solve().unwrap();
        // e1 is told why; r1 takes nobody, so e2 and e3 share r2.
        assert_eq!(
            pairs(&s).iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(),
            [("e2", "r2"), ("e3", "r2")]
        );
        assert_eq!(
            (s.unmatched[0].mentee.as_str(), s.unmatched[0].reason),
            ("e1", UnmatchedReason::TrainingIncomplete)
        );
        let score = score_pair(&p.mentors[0], &p.mentees[1], &p.rules, &p.weights);
        assert_eq!(score.violations, [HardRule::TrainingIncomplete]);
        // A pin through someone whose training is incomplete is refused, naming the rule.
        p.rules.pins = vec![("e2".into(), "r1".into())];
        assert!(matches!(
            p.solve(),
            Err(PairingError::PinIneligible { rules, .. }) if rules == [HardRule::TrainingIncomplete]
        ));
    }

    #[test]
    fn capacity_used_up_and_switched_off() {
        let mut p = program();
        p.mentees[2].languages = vec!["es".into()];
        let s = p.solve().unwrap();
        assert_eq!(s.matched, 2);
        assert_eq!(s.unmatched[0].reason, UnmatchedReason::CapacityUsedUp);
        p.rules.respect_capacity = false;
        let s = p.solve().unwrap();
        assert_eq!((s.matched, s.total), (3, 210), "everyone gets a best mentor");
    }

    #[test]
    fn pins_are_kept_and_checked() {
        let mut p = program();
        p.rules.pins = vec![("e1".into(), "r1".into())];
        let s = p.solve().unwrap();
        assert_eq!(
            pairs(&s),
            [("e1", "r1", 70), ("e2", "r2", 30)],
            "the pin costs 40 points"
        );

        p.rules.pins = vec![("e1".into(), "r1".into()), ("e1".into(), "r2".into())];
        assert!(matches!(p.solve(), Err(PairingError::PinConflict { .. })));
        p.rules.pins = vec![("e3".into(), "r1".into())];
        assert_eq!(
            p.solve(),
            Err(PairingError::PinIneligible {
                mentee: "e3".into(),
                mentor: "r1".into(),
                rules: vec![HardRule::NoSharedLanguage]
            })
        );
        p.rules.pins = vec![("e1".into(), "r1".into()), ("e2".into(), "r1".into())];
        assert!(matches!(p.solve(), Err(PairingError::PinsExceedCapacity { .. })));
        p.rules.pins = vec![("nobody".into(), "r1".into())];
        assert_eq!(
            p.solve(),
            Err(PairingError::UnknownId {
                id: "nobody".into(),
                role: "mentee"
            })
        );
        p.rules.apply_pins = false;
        assert!(p.solve().is_ok(), "pins switched off are not read");
    }

    #[test]
    fn forbids_and_history_exclude_pairs() {
        let mut p = program();
        p.rules.forbids = vec![("e2".into(), "r1".into()), ("e2".into(), "r2".into())];
        let s = p.solve().unwrap();
        assert_eq!((s.matched, s.total), (1, 70));
        let reasons: Vec<_> = s
            .unmatched
            .iter()
            .map(|u| (u.mentee.as_str(), u.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("e2", UnmatchedReason::NoEligibleMentor),
                ("e3", UnmatchedReason::NoEligibleMentor)
            ]
        );
        p.rules.forbids.clear();
        p.rules.previous_pairs = vec![("e2".into(), "r1".into()), ("old".into(), "gone".into())];
        assert_eq!(pairs(&p.solve().unwrap()), [("e1", "r1", 70), ("e2", "r2", 30)]);
    }

    #[test]
    fn someone_on_both_sides_is_never_paired_with_themselves() {
        let person = |id: &str, level: i32| Person {
            job_level: Some(level),
            languages: vec!["es".into()],
            can_teach: vec!["ai".into()],
            wants_to_learn: vec!["ai".into()],
            ..Person::new(id)
        };
        // "mid" teaches "senior" and learns from "junior"; with the seniority rule off, "mid"
        // alone would score best with themselves.
        let mut p = ProfileProblem {
            mentors: vec![person("junior", 1), person("mid", 5)],
            mentees: vec![person("mid", 5), person("senior", 9)],
            ..ProfileProblem::default()
        };
        let solved = p.solve().unwrap();
        let got = pairs(&solved);
        assert_eq!(got.len(), 2);
        assert!(got.iter().any(|(e, r, _)| (*e, *r) == ("mid", "junior")));
        assert!(got.iter().any(|(e, r, _)| (*e, *r) == ("senior", "mid")));
        p.rules.mentor_junior = false;
        p.rules.apply_forbids = false;
        let solved = p.solve().unwrap();
        let got = pairs(&solved);
        assert!(got.iter().all(|(e, r, _)| e != r), "{got:?}");
        let s = score_pair(&p.mentors[1], &p.mentees[0], &p.rules, &p.weights);
        assert_eq!(s.violations, [HardRule::SamePerson]);
    }

    #[test]
    fn bad_input_is_refused() {
        let mut p = program();
        p.mentors[1].id = p.mentors[0].id.clone();
        assert_eq!(
            p.solve(),
            Err(PairingError::DuplicateId {
                id: p.mentors[0].id.clone()
            })
        );
        let mut p = program();
        p.mentors[0].capacity = -1;
        assert!(matches!(p.solve(), Err(PairingError::NegativeCapacity { .. })));
        let mut p = program();
        p.weights.mentor_teaches = 5000;
        assert!(matches!(p.solve(), Err(PairingError::InvalidWeight { .. })));
        let mut p = program();
        p.rules.forbids = vec![("e1".into(), "zz".into())];
        assert_eq!(
            p.solve(),
            Err(PairingError::UnknownId {
                id: "zz".into(),
                role: "mentor"
            })
        );
    }

    #[test]
    fn matrix_scores_equal_score_pair() {
        let mut p = program();
        p.rules.mentor_junior = false;
        p.mentees[0].interests = vec!["jazz".into(), "golf".into(), "jazz".into()];
        p.mentors[0].interests = vec!["golf".into()];
        p.mentors[1].department = Some("it".into());
        p.mentees[1].department = Some("hr".into());
        p.weights.different_department = 7;
        // Capacity is the seats' business, not the cells'.
        p.mentors[1].capacity = 0;
        let m = p.to_matrix().unwrap();
        assert_eq!(m.mentors[1].capacity, 0);
        for (i, e) in p.mentees.iter().enumerate() {
            for (j, r) in p.mentors.iter().enumerate() {
                let s = score_pair(r, e, &p.rules, &p.weights);
                let keeps_rules = s.violations.iter().all(|v| *v == HardRule::MentorHasNoCapacity);
                assert_eq!(
                    m.scores.get(i, j),
                    keeps_rules.then_some(s.score),
                    "{} {}",
                    e.id,
                    r.id
                );
            }
        }
    }
}
