//! Eligibility and score of one mentor–mentee pair, with the explanation of both.
//!
//! **Hard rules** ([`HardRule`], switched by [`Rules`]) decide whether a pair may be formed at
//! all; an ineligible pair lists every rule it breaks. **Criteria** ([`Criterion`], weighted by
//! [`Weights`]) give an eligible pair its score 0–100. Each criterion has a fulfilment between 0
//! and 1, measured on distinct entries:
//!
//! | criterion | fulfilment |
//! |---|---|
//! | `mentor_teaches` | share of the mentee's wanted topics the mentor can teach |
//! | `mentee_teaches` | share of the mentor's wanted topics the mentee can teach |
//! | `shared_interests` | shared interests ÷ the shorter of the two interest lists |
//! | `shared_availability` | shared slots ÷ the shorter of the two slot lists |
//! | `different_department` | 1 if both departments are known and differ |
//! | `different_generation` | 1 if both generations are known and differ |
//!
//! An empty list fulfils nothing (0). The score is `100 × Σ weight × fulfilment ÷ Σ weight`,
//! computed exactly in integers and rounded half up; with all weights 0 every score is 0. The
//! explanation gives each weighted criterion its whole points, by largest remainder, so the points
//! always add up to the score, and names the matched items (topic keys, interests, slots,
//! departments, generations).
//!
//! [`score_pair`] works directly on two profiles and allocates only the explanation, so the
//! pairing board can re-score a pair in the browser after every drag. The whole-program solver
//! ([`super::problem`]) computes the same facts from interned ids and shares the rule and score
//! arithmetic below, so both always agree.

use serde::{Deserialize, Serialize};

use super::profile::{Person, Rules, Weights};

/// A hard rule that can exclude a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HardRule {
    /// The mentor is not junior to the mentee (by job level, then tenure), or it is unknown.
    MentorNotJunior,
    /// One is in the other's reporting line.
    SameReportingLine,
    /// The two were paired before.
    RepeatPair,
    /// They share no language.
    NoSharedLanguage,
    /// Their working days overlap less than the minimum.
    TooLittleTimeOverlap,
    /// The mentor has capacity 0.
    MentorHasNoCapacity,
    /// HR pinned the mentee to another mentor.
    PinnedElsewhere,
    /// HR forbade this pair (or, in a score matrix, its cell is empty).
    Forbidden,
    /// Mentor and mentee are the same person (someone who both teaches and learns): never a
    /// pair, whatever the switches.
    SamePerson,
    /// One of the two has not completed the program's required training (pre-match training
    /// required before matching, and not waived by HR).
    TrainingIncomplete,
}

impl HardRule {
    /// Every rule, in the order violations are listed.
    pub const ALL: [HardRule; 10] = [
        HardRule::MentorNotJunior,
        HardRule::SameReportingLine,
        HardRule::RepeatPair,
        HardRule::NoSharedLanguage,
        HardRule::TooLittleTimeOverlap,
        HardRule::MentorHasNoCapacity,
        HardRule::PinnedElsewhere,
        HardRule::Forbidden,
        HardRule::SamePerson,
        HardRule::TrainingIncomplete,
    ];

    /// The stable snake_case name (as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            HardRule::MentorNotJunior => "mentor_not_junior",
            HardRule::SameReportingLine => "same_reporting_line",
            HardRule::RepeatPair => "repeat_pair",
            HardRule::NoSharedLanguage => "no_shared_language",
            HardRule::TooLittleTimeOverlap => "too_little_time_overlap",
            HardRule::MentorHasNoCapacity => "mentor_has_no_capacity",
            HardRule::PinnedElsewhere => "pinned_elsewhere",
            HardRule::Forbidden => "forbidden",
            HardRule::SamePerson => "same_person",
            HardRule::TrainingIncomplete => "training_incomplete",
        }
    }
}

/// A score criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Topics the mentor can teach that the mentee wants to learn.
    MentorTeaches,
    /// Topics the mentee can teach that the mentor wants to learn.
    MenteeTeaches,
    /// Shared interests.
    SharedInterests,
    /// Shared availability slots.
    SharedAvailability,
    /// Different departments.
    DifferentDepartment,
    /// Different generations.
    DifferentGeneration,
}

impl Criterion {
    /// Every criterion, in the order of [`Weights`]' fields and of explanations.
    pub const ALL: [Criterion; 6] = [
        Criterion::MentorTeaches,
        Criterion::MenteeTeaches,
        Criterion::SharedInterests,
        Criterion::SharedAvailability,
        Criterion::DifferentDepartment,
        Criterion::DifferentGeneration,
    ];
}

/// One criterion's share of a pair's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionScore {
    /// The criterion.
    pub criterion: Criterion,
    /// Its weight.
    pub weight: i32,
    /// Whole points it contributes; the points of all criteria add up to the score.
    pub points: i32,
    /// What matched: topic keys, interests or slots in the mentee's order (for `mentee_teaches`
    /// in the mentor's order), or the mentee's and the mentor's department / generation.
    pub matched: Vec<String>,
}

/// Eligibility, score and explanation of one pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairScore {
    /// The mentee's id.
    pub mentee: String,
    /// The mentor's id.
    pub mentor: String,
    /// No enabled hard rule is broken.
    pub eligible: bool,
    /// Every enabled hard rule the pair breaks, in [`HardRule::ALL`] order.
    pub violations: Vec<HardRule>,
    /// The score 0–100 (computed for ineligible pairs too, for information).
    pub score: i32,
    /// Minutes their working days overlap.
    pub overlap_minutes: i32,
    /// Points per criterion with a weight above 0, in [`Criterion::ALL`] order.
    pub explanation: Vec<CriterionScore>,
}

/// Eligibility, score and explanation of `mentor` with `mentee` under `rules` and `weights`.
/// Works on the profiles as given (no validation; use [`super::Board`] for checked look-ups).
pub fn score_pair(mentor: &Person, mentee: &Person, rules: &Rules, weights: &Weights) -> PairScore {
    let same = |(e, r): &(String, String)| *e == mentee.id && *r == mentor.id;
    let facts = Facts {
        mentor_junior: mentor_is_junior(mentor, mentee),
        same_line: mentee.manager_chain.contains(&mentor.id) || mentor.manager_chain.contains(&mentee.id),
        repeat: rules.previous_pairs.iter().any(same),
        shared_language: mentor.languages.iter().any(|l| mentee.languages.contains(l)),
        overlap_minutes: overlap_minutes(mentor.utc_offset_minutes, mentee.utc_offset_minutes, rules),
        mentor_has_capacity: mentor.capacity > 0,
        pinned_elsewhere: rules.pins.iter().any(|(e, r)| *e == mentee.id && *r != mentor.id),
        forbidden: rules.forbids.iter().any(same),
        same_person: mentor.id == mentee.id,
        training_complete: mentor.training_complete && mentee.training_complete,
    };
    let diff = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) if a != b => vec![a.clone(), b.clone()],
        _ => Vec::new(),
    };
    let matched = [
        common(&mentee.wants_to_learn, &mentor.can_teach),
        common(&mentor.wants_to_learn, &mentee.can_teach),
        common(&mentee.interests, &mentor.interests),
        common(&mentee.availability, &mentor.availability),
        diff(&mentee.department, &mentor.department),
        diff(&mentee.generation, &mentor.generation),
    ];
    let shorter = |a: &[String], b: &[String]| distinct_len(a).min(distinct_len(b));
    let wholes = [
        distinct_len(&mentee.wants_to_learn),
        distinct_len(&mentor.wants_to_learn),
        shorter(&mentee.interests, &mentor.interests),
        shorter(&mentee.availability, &mentor.availability),
        1,
        1,
    ];
    let mut fulfilment = Fulfilment::default();
    for (k, (m, whole)) in matched.iter().zip(wholes).enumerate() {
        // The two diversity criteria list two names for one fulfilled item.
        let hits = if k >= 4 { m.len().min(1) } else { m.len() };
        fulfilment.set(k, hits, whole);
    }
    let (score, points) = fulfilment.points(weights);
    let explanation = Criterion::ALL
        .into_iter()
        .zip(weights.named())
        .zip(points.into_iter().zip(matched))
        .filter(|((_, (_, weight)), _)| *weight > 0)
        .map(|((criterion, (_, weight)), (points, matched))| CriterionScore {
            criterion,
            weight,
            points,
            matched,
        })
        .collect();
    let violations = facts.broken(rules);
    PairScore {
        mentee: mentee.id.clone(),
        mentor: mentor.id.clone(),
        eligible: violations.is_empty(),
        violations,
        score,
        overlap_minutes: facts.overlap_minutes,
        explanation,
    }
}

/// Distinct entries of `a` (first occurrences, in order) that are also in `b`.
fn common(a: &[String], b: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in a {
        if b.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

fn distinct_len(a: &[String]) -> usize {
    a.iter().enumerate().filter(|(i, x)| !a[..*i].contains(x)).count()
}

/// Whether the mentor is junior: lower job level; if levels are equal or unknown, shorter tenure.
pub(crate) fn mentor_is_junior(mentor: &Person, mentee: &Person) -> bool {
    match (mentor.job_level, mentee.job_level) {
        (Some(a), Some(b)) if a != b => a < b,
        _ => matches!((mentor.tenure_months, mentee.tenure_months), (Some(a), Some(b)) if a < b),
    }
}

/// Minutes the two working days (same local hours, different UTC offsets) overlap.
pub(crate) fn overlap_minutes(mentor_offset: i32, mentee_offset: i32, rules: &Rules) -> i32 {
    overlap_of_starts(
        work_start_utc(mentor_offset, rules),
        work_start_utc(mentee_offset, rules),
        rules,
    )
}

const DAY_MINUTES: i32 = 24 * 60;

/// The minute of the UTC day (0–1439) when someone at `offset` starts work.
pub(crate) fn work_start_utc(offset: i32, rules: &Rules) -> i32 {
    (rules.work_day_start_hour * 60 - offset).rem_euclid(DAY_MINUTES)
}

/// Minutes two working days starting at UTC minutes `a` and `b` overlap, on the 24-hour circle
/// (so days that cross midnight in UTC count): with `d` the gap from `b` to `a` round the clock,
/// the days overlap `len − d` on one side and `len − (24 h − d)` on the other, where positive.
pub(crate) fn overlap_of_starts(a: i32, b: i32, rules: &Rules) -> i32 {
    let len = rules.work_day_minutes();
    let d = (a - b).rem_euclid(DAY_MINUTES);
    (len - d).max(0) + (len - (DAY_MINUTES - d)).max(0)
}

/// The facts about a pair that the hard rules look at.
pub(crate) struct Facts {
    pub(crate) mentor_junior: bool,
    pub(crate) same_line: bool,
    pub(crate) repeat: bool,
    pub(crate) shared_language: bool,
    pub(crate) overlap_minutes: i32,
    pub(crate) mentor_has_capacity: bool,
    pub(crate) pinned_elsewhere: bool,
    pub(crate) forbidden: bool,
    /// Mentor and mentee are the same person (someone enrolled to both teach and learn): never
    /// a pair, whatever the switches ([`HardRule::SamePerson`]).
    pub(crate) same_person: bool,
    /// Both people completed the required training (or had it waived).
    pub(crate) training_complete: bool,
}

impl Facts {
    /// Whether each rule of [`HardRule::ALL`] is enabled and broken.
    fn check(&self, rules: &Rules) -> [bool; 10] {
        [
            rules.mentor_junior && !self.mentor_junior,
            rules.separate_reporting_lines && self.same_line,
            rules.no_repeat_pairs && self.repeat,
            rules.shared_language && !self.shared_language,
            rules.time_overlap && self.overlap_minutes < rules.min_overlap_hours * 60,
            rules.respect_capacity && !self.mentor_has_capacity,
            rules.apply_pins && self.pinned_elsewhere,
            rules.apply_forbids && self.forbidden,
            self.same_person,
            rules.require_training && !self.training_complete,
        ]
    }

    /// Every enabled rule the pair breaks.
    pub(crate) fn broken(&self, rules: &Rules) -> Vec<HardRule> {
        HardRule::ALL
            .into_iter()
            .zip(self.check(rules))
            .filter(|&(_, b)| b)
            .map(|(r, _)| r)
            .collect()
    }

    /// Whether the pair breaks no enabled rule.
    pub(crate) fn eligible(&self, rules: &Rules) -> bool {
        !self.check(rules).contains(&true)
    }
}

/// Fulfilment of each criterion of [`Criterion::ALL`] as an exact fraction `hits / whole`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fulfilment {
    hits: [i64; 6],
    whole: [i64; 6],
}

impl Default for Fulfilment {
    fn default() -> Self {
        Fulfilment {
            hits: [0; 6],
            whole: [1; 6],
        }
    }
}

impl Fulfilment {
    /// Sets criterion `k` to `hits / whole` (`0` when `whole` is 0).
    pub(crate) fn set(&mut self, k: usize, hits: usize, whole: usize) {
        if whole > 0 {
            self.hits[k] = hits as i64;
            self.whole[k] = whole as i64;
        }
    }

    /// Each criterion's exact points as `numerator[k] / denominator`. With lists of at most
    /// [`super::profile::MAX_LIST_LEN`] entries and weights of at most
    /// [`super::profile::MAX_WEIGHT`], all values stay below 10¹⁸.
    fn exact(&self, weights: &Weights) -> ([i64; 6], i64) {
        let w = weights.named().map(|(_, w)| i64::from(w));
        // others[k] = Π whole[l] for l ≠ k, by prefix and suffix products (no division).
        let mut others = [1i64; 6];
        let mut product = 1;
        for (other, whole) in others.iter_mut().zip(self.whole) {
            *other = product;
            product *= whole;
        }
        let mut suffix = 1;
        for (other, whole) in others.iter_mut().zip(self.whole).rev() {
            *other *= suffix;
            suffix *= whole;
        }
        let numerator = std::array::from_fn(|k| 100 * w[k] * self.hits[k] * others[k]);
        (numerator, w.iter().sum::<i64>() * product)
    }

    /// The score, rounded half up.
    pub(crate) fn score(&self, weights: &Weights) -> i32 {
        let (numerator, denominator) = self.exact(weights);
        if denominator == 0 {
            return 0;
        }
        let sum: i64 = numerator.iter().sum();
        ((2 * sum + denominator) / (2 * denominator)) as i32
    }

    /// The score and each criterion's whole points, adding up to it (largest remainder, ties to
    /// the earlier criterion).
    pub(crate) fn points(&self, weights: &Weights) -> (i32, [i32; 6]) {
        let score = self.score(weights);
        let (numerator, denominator) = self.exact(weights);
        if denominator == 0 {
            return (0, [0; 6]);
        }
        let mut points = numerator.map(|n| (n / denominator) as i32);
        let mut order: [usize; 6] = std::array::from_fn(|k| k);
        order.sort_by_key(|&k| std::cmp::Reverse(numerator[k] % denominator));
        let missing = (score - points.iter().sum::<i32>()) as usize;
        for &k in &order[..missing] {
            points[k] += 1;
        }
        (score, points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentor() -> Person {
        Person {
            job_level: Some(2),
            tenure_months: Some(14),
            languages: vec!["es".into(), "en".into()],
            utc_offset_minutes: 60,
            availability: vec!["mon_am".into(), "tue_pm".into(), "thu_am".into()],
            can_teach: vec!["ai_tools".into(), "social_media".into(), "remote_work".into()],
            wants_to_learn: vec!["leadership".into(), "negotiation".into()],
            interests: vec!["running".into(), "jazz".into()],
            department: Some("marketing".into()),
            generation: Some("gen_z".into()),
            ..Person::new("lucia")
        }
    }

    fn mentee() -> Person {
        Person {
            job_level: Some(6),
            tenure_months: Some(240),
            languages: vec!["en".into()],
            utc_offset_minutes: 0,
            availability: vec!["tue_pm".into(), "thu_am".into()],
            can_teach: vec!["leadership".into()],
            wants_to_learn: vec![
                "ai_tools".into(),
                "social_media".into(),
                "data_literacy".into(),
                "ai_tools".into(),
            ],
            interests: vec!["jazz".into(), "golf".into(), "chess".into()],
            department: Some("finance".into()),
            generation: Some("boomer".into()),
            ..Person::new("james")
        }
    }

    fn violations(mentor: &Person, mentee: &Person, rules: &Rules) -> Vec<HardRule> {
        score_pair(mentor, mentee, rules, &Weights::default()).violations
    }

    #[test]
    fn eligible_pair_is_explained_point_by_point() {
        let s = score_pair(&mentor(), &mentee(), &Rules::default(), &Weights::default());
        assert!(s.eligible, "{:?}", s.violations);
        // mentor_teaches 2/3 × 40 = 26.67, mentee_teaches 1/2 × 15 = 7.5, interests 1/2 × 15 = 7.5,
        // availability 2/2 × 30 = 30: 71.67 → 72; whole points 26 + 7 + 7 + 30 = 70, the two
        // largest remainders (.67, then .5 of the earlier criterion) get one more each.
        assert_eq!(s.score, 72);
        let got: Vec<(Criterion, i32, Vec<&str>)> = s
            .explanation
            .iter()
            .map(|c| {
                (
                    c.criterion,
                    c.points,
                    c.matched.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Criterion::MentorTeaches, 27, vec!["ai_tools", "social_media"]),
                (Criterion::MenteeTeaches, 8, vec!["leadership"]),
                (Criterion::SharedInterests, 7, vec!["jazz"]),
                (Criterion::SharedAvailability, 30, vec!["tue_pm", "thu_am"]),
            ]
        );
        assert_eq!(s.explanation.iter().map(|c| c.points).sum::<i32>(), s.score);
        assert_eq!(s.overlap_minutes, 8 * 60);
    }

    #[test]
    fn diversity_criteria_name_both_sides() {
        let w = Weights {
            different_department: 10,
            different_generation: 10,
            ..Weights::default()
        };
        let s = score_pair(&mentor(), &mentee(), &Rules::default(), &w);
        let dept = s
            .explanation
            .iter()
            .find(|c| c.criterion == Criterion::DifferentDepartment)
            .unwrap();
        assert_eq!(dept.matched, ["finance", "marketing"]);
        // 100 × 10 / 120 = 8.33 each for department and generation; 76.39 in all → 76, and the
        // one point left after the whole parts goes to the largest remainder, the department.
        assert_eq!((s.score, dept.points), (76, 9));
        let same = Person {
            department: Some("finance".into()),
            ..mentor()
        };
        let s = score_pair(&same, &mentee(), &Rules::default(), &w);
        let dept = s
            .explanation
            .iter()
            .find(|c| c.criterion == Criterion::DifferentDepartment)
            .unwrap();
        assert!(dept.matched.is_empty() && dept.points == 0);
    }

    #[test]
    fn scores_are_bounded_and_zero_weights_give_zero() {
        let w = Weights {
            mentor_teaches: 0,
            mentee_teaches: 0,
            shared_interests: 0,
            shared_availability: 0,
            ..Weights::default()
        };
        let s = score_pair(&mentor(), &mentee(), &Rules::default(), &w);
        assert_eq!((s.score, s.explanation.len()), (0, 0));
        let perfect = Person {
            can_teach: mentee().wants_to_learn,
            ..mentor()
        };
        let mentee = Person {
            can_teach: mentor().wants_to_learn,
            interests: vec!["jazz".into()],
            ..mentee()
        };
        assert_eq!(
            score_pair(&perfect, &mentee, &Rules::default(), &Weights::default()).score,
            100
        );
        let empty = score_pair(
            &Person::new("a"),
            &Person::new("b"),
            &Rules::default(),
            &Weights::default(),
        );
        assert_eq!(empty.score, 0);
    }

    #[test]
    fn mentor_must_be_junior_by_level_then_tenure() {
        let rules = Rules::default();
        let (m, e) = (mentor(), mentee());
        assert!(!violations(&m, &e, &rules).contains(&HardRule::MentorNotJunior));
        let senior = Person {
            job_level: Some(7),
            ..mentor()
        };
        assert_eq!(violations(&senior, &e, &rules), [HardRule::MentorNotJunior]);
        // Equal levels: tenure decides, even against a higher level elsewhere.
        let equal = Person {
            job_level: Some(6),
            ..mentor()
        };
        assert!(violations(&equal, &e, &rules).is_empty());
        let longer = Person {
            job_level: Some(6),
            tenure_months: Some(300),
            ..mentor()
        };
        assert_eq!(violations(&longer, &e, &rules), [HardRule::MentorNotJunior]);
        // Unknown level: tenure decides; nothing known: excluded.
        let no_level = Person {
            job_level: None,
            ..mentor()
        };
        assert!(violations(&no_level, &e, &rules).is_empty());
        let unknown = Person {
            job_level: None,
            tenure_months: None,
            ..mentor()
        };
        assert_eq!(violations(&unknown, &e, &rules), [HardRule::MentorNotJunior]);
        let off = Rules {
            mentor_junior: false,
            ..Rules::default()
        };
        assert!(violations(&senior, &e, &off).is_empty());
    }

    #[test]
    fn reporting_line_is_checked_both_ways() {
        let rules = Rules::default();
        let boss = Person {
            manager_chain: vec!["lucia".into()],
            ..mentee()
        };
        assert_eq!(
            violations(&mentor(), &boss, &rules),
            [HardRule::SameReportingLine]
        );
        let report = Person {
            manager_chain: vec!["x".into(), "james".into()],
            ..mentor()
        };
        assert_eq!(
            violations(&report, &mentee(), &rules),
            [HardRule::SameReportingLine]
        );
        let off = Rules {
            separate_reporting_lines: false,
            ..Rules::default()
        };
        assert!(violations(&report, &mentee(), &off).is_empty());
    }

    #[test]
    fn previous_pairs_pins_and_forbids() {
        let pair = ("james".to_string(), "lucia".to_string());
        let other = ("james".to_string(), "someone".to_string());
        let repeat = Rules {
            previous_pairs: vec![pair.clone()],
            ..Rules::default()
        };
        assert_eq!(violations(&mentor(), &mentee(), &repeat), [HardRule::RepeatPair]);
        let forbid = Rules {
            forbids: vec![pair.clone()],
            ..Rules::default()
        };
        assert_eq!(violations(&mentor(), &mentee(), &forbid), [HardRule::Forbidden]);
        let pinned_here = Rules {
            pins: vec![pair.clone()],
            ..Rules::default()
        };
        assert!(violations(&mentor(), &mentee(), &pinned_here).is_empty());
        let pinned_away = Rules {
            pins: vec![other.clone()],
            ..Rules::default()
        };
        assert_eq!(
            violations(&mentor(), &mentee(), &pinned_away),
            [HardRule::PinnedElsewhere]
        );
        let all_off = Rules {
            no_repeat_pairs: false,
            apply_forbids: false,
            apply_pins: false,
            previous_pairs: vec![pair.clone()],
            forbids: vec![pair],
            pins: vec![other],
            ..Rules::default()
        };
        assert!(violations(&mentor(), &mentee(), &all_off).is_empty());
    }

    #[test]
    fn language_capacity_and_several_violations_at_once() {
        let rules = Rules::default();
        let mute = Person {
            languages: vec!["fr".into()],
            ..mentee()
        };
        assert_eq!(violations(&mentor(), &mute, &rules), [HardRule::NoSharedLanguage]);
        let full = Person {
            capacity: 0,
            job_level: Some(9),
            ..mentor()
        };
        assert_eq!(
            violations(&full, &mute, &rules),
            [
                HardRule::MentorNotJunior,
                HardRule::NoSharedLanguage,
                HardRule::MentorHasNoCapacity
            ]
        );
        let off = Rules {
            shared_language: false,
            respect_capacity: false,
            mentor_junior: false,
            ..Rules::default()
        };
        assert!(violations(&full, &mute, &off).is_empty());
    }

    #[test]
    fn time_overlap_handles_offsets_and_midnight() {
        let rules = Rules::default(); // 9–18 local, at least 2 h
        assert_eq!(overlap_minutes(0, 0, &rules), 9 * 60);
        assert_eq!(overlap_minutes(60, 0, &rules), 8 * 60);
        assert_eq!(overlap_minutes(0, 60, &rules), 8 * 60);
        assert_eq!(overlap_minutes(330, 0, &rules), 3 * 60 + 30); // India vs London
        assert_eq!(overlap_minutes(-480, 60, &rules), 0); // California vs Madrid
        assert_eq!(overlap_minutes(600, -600, &rules), 5 * 60); // Sydney vs Hawaii, across midnight UTC
        let day = Rules {
            work_day_start_hour: 0,
            work_day_end_hour: 24,
            ..Rules::default()
        };
        assert_eq!(overlap_minutes(600, -600, &day), 24 * 60);
        let far = Person {
            utc_offset_minutes: -480,
            ..mentee()
        };
        assert_eq!(
            violations(&mentor(), &far, &rules),
            [HardRule::TooLittleTimeOverlap]
        );
        let relaxed = Rules {
            time_overlap: false,
            ..Rules::default()
        };
        assert!(violations(&mentor(), &far, &relaxed).is_empty());
    }

    #[test]
    fn serde_names_are_snake_case() {
        assert_eq!(
            serde_json::to_string(&HardRule::TooLittleTimeOverlap).unwrap(),
            "\"too_little_time_overlap\""
        );
        for r in HardRule::ALL {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.as_str()));
        }
        assert_eq!(
            serde_json::to_string(&Criterion::SharedAvailability).unwrap(),
            "\"shared_availability\""
        );
    }
}
