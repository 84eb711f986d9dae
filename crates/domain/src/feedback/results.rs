//! What HR may see of the answers to one question ([`question_results`]): the figures of
//! [`aggregate`] and a trend over time, and for an anonymous form only whole groups of
//! [`MIN_GROUP_SIZE`] answers, so that no figure, trend point or change between two views singles
//! out one person.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AnswerValue, Question, QuestionSummary, aggregate};

/// Fewest answers an aggregate of an anonymous form needs before HR sees it; below this a
/// respondent could be recognised. Anonymous results are released in groups of this size: see
/// [`question_results`].
pub const MIN_GROUP_SIZE: usize = 3;

/// One answer to one question, as HR's results see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultAnswer {
    /// A stable id of the answer (its request's key): orders answers given at the same instant,
    /// and names the answer in [`QuestionResults::counted`].
    pub id: String,
    /// When it was given, in any increasing unit (the app uses microseconds since 1970).
    pub at: i64,
    /// The trend period it was given in (the app uses the month: `year · 12 + month − 1`).
    pub period: u32,
    /// The answer.
    pub value: AnswerValue,
    /// Whether this viewer may not count it (it is about someone in their reporting chain).
    pub hidden: bool,
}

/// One point of a trend: the mean of the rating or scale answers given from period `from` to
/// period `to` (equal when the point covers one period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// First period of the point's answers.
    pub from: u32,
    /// Last period of the point's answers.
    pub to: u32,
    /// Mean value, in the question's own scale (1–5 or 0–10).
    pub average: f64,
    /// How many answers it is made of.
    pub count: usize,
    /// Their ids ([`ResultAnswer::id`]), in the order given.
    pub answers: Vec<String>,
}

/// What HR may see of the answers to one question ([`question_results`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResults {
    /// Count, average, NPS, distribution and free texts of the counted answers.
    pub summary: QuestionSummary,
    /// Averages over time, oldest first; empty for questions that are not rating or scale.
    pub trend: Vec<TrendPoint>,
    /// Whether nothing may be shown yet (an anonymous form without a complete group): then the
    /// summary is empty (count 0, no distribution) and so is the trend.
    pub withheld: bool,
    /// Ids of the answers every figure is made of, in the order given.
    pub counted: Vec<String>,
}

/// Whether `answer` counts in [`aggregate`] of `question` (right kind, number in range, a known
/// option, a text that is not blank).
fn counts(question: &Question, answer: &AnswerValue) -> bool {
    if answer.kind() != question.kind {
        return false;
    }
    match answer {
        AnswerValue::Rating(_) | AnswerValue::Scale(_) => answer.number().is_some(),
        AnswerValue::Single(k) => question.option(k).is_some(),
        AnswerValue::Multi(ks) => ks.iter().any(|k| question.option(k).is_some()),
        AnswerValue::Text(t) => !t.trim().is_empty(),
    }
}

fn trend_point(answers: &[&ResultAnswer]) -> Option<TrendPoint> {
    let numbers: Vec<(u32, u8, &str)> = answers
        .iter()
        .filter_map(|a| Some((a.period, a.value.number()?, a.id.as_str())))
        .collect();
    let count = numbers.len();
    let sum: u32 = numbers.iter().map(|&(_, n, _)| u32::from(n)).sum();
    Some(TrendPoint {
        from: numbers.iter().map(|&(p, _, _)| p).min()?,
        to: numbers.iter().map(|&(p, _, _)| p).max()?,
        average: f64::from(sum) / count as f64,
        count,
        answers: numbers.iter().map(|&(_, _, id)| id.to_owned()).collect(),
    })
}

/// HR's results of one question from its `answers` (in any order), applying the anonymity rule
/// when the form is `anonymous`. Answers the viewer may not count (`hidden`) never appear.
///
/// A form that is not anonymous shows every answer the viewer may count (HR reads them one by
/// one anyway); its trend has one point per period.
///
/// For an anonymous form no figure may single out one person, neither on its own nor by
/// comparing views (two loads before and after one more answer; two viewers; a total and a trend
/// point). So:
///
/// 1. Only answers that count for the question are used ([`aggregate`]'s rules), including the
///    ones hidden from this viewer, ordered by time (`at`), then `id`.
/// 2. In that order they are cut into groups of [`MIN_GROUP_SIZE`]: the first three, the next
///    three, …; the incomplete last group waits for more answers.
/// 3. A group is shown only when it is complete and none of its answers is hidden from the
///    viewer. Every figure (count, average, NPS, distribution, option counts, free texts) is made
///    of the shown groups only; free texts come sorted, not in the order given.
/// 4. Each trend point is made of whole shown groups: those whose last answer falls in the same
///    period, labelled with the periods their answers span (`from`–`to`).
///
/// Every figure is therefore made of at least [`MIN_GROUP_SIZE`] answers, a new answer changes
/// nothing until it completes a group, and any two views (at different times, or of different
/// viewers) differ by whole groups of at least [`MIN_GROUP_SIZE`] answers. This holds while
/// answers are recorded in time order, as the database's clock does. With no shown group the
/// result is `withheld`.
pub fn question_results(question: &Question, answers: &[ResultAnswer], anonymous: bool) -> QuestionResults {
    let mut usable: Vec<&ResultAnswer> = answers
        .iter()
        .filter(|a| !anonymous || counts(question, &a.value))
        .collect();
    usable.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let (shown, trend): (Vec<&ResultAnswer>, Vec<TrendPoint>) = if anonymous {
        let groups: Vec<&[&ResultAnswer]> = usable
            .chunks_exact(MIN_GROUP_SIZE)
            .filter(|g| g.iter().all(|a| !a.hidden))
            .collect();
        let mut by_period: BTreeMap<u32, Vec<&ResultAnswer>> = BTreeMap::new();
        for g in &groups {
            let last = g.iter().map(|a| a.period).max().unwrap_or_default();
            by_period.entry(last).or_default().extend(g.iter().copied());
        }
        (
            groups.concat(),
            by_period.values().filter_map(|g| trend_point(g)).collect(),
        )
    } else {
        let shown: Vec<&ResultAnswer> = usable.into_iter().filter(|a| !a.hidden).collect();
        let mut by_period: BTreeMap<u32, Vec<&ResultAnswer>> = BTreeMap::new();
        for a in &shown {
            by_period.entry(a.period).or_default().push(a);
        }
        let trend = by_period.values().filter_map(|g| trend_point(g)).collect();
        (shown, trend)
    };
    let values: Vec<AnswerValue> = shown.iter().map(|a| a.value.clone()).collect();
    let mut summary = aggregate(question, &values);
    let withheld = anonymous && shown.is_empty();
    if withheld {
        summary.distribution.clear();
    }
    if anonymous {
        summary.texts.sort();
    }
    QuestionResults {
        summary,
        trend,
        withheld,
        counted: shown
            .iter()
            .filter(|a| counts(question, &a.value))
            .map(|a| a.id.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::feedback::QuestionKind;
    use crate::feedback::fixtures::question;

    /// An answer given at `at` (period = `at / 100`), by `id`.
    fn given(id: &str, at: i64, value: AnswerValue) -> ResultAnswer {
        ResultAnswer {
            id: id.into(),
            at,
            period: u32::try_from(at / 100).unwrap(),
            value,
            hidden: false,
        }
    }

    #[test]
    fn three_answers_in_march_and_one_in_april_make_no_point_of_one() {
        // Months as the app numbers them: March and April 2027.
        let (march, april) = (2027 * 12 + 2, 2027 * 12 + 3);
        let at = |month: u32, day: i64| i64::from(month) * 100 + day;
        let q = question("q", QuestionKind::Rating);
        let answers = vec![
            given("a", at(march, 3), AnswerValue::Rating(4)),
            given("b", at(march, 10), AnswerValue::Rating(5)),
            given("c", at(march, 20), AnswerValue::Rating(3)),
            given("d", at(april, 2), AnswerValue::Rating(1)),
        ];
        let r = question_results(&q, &answers, true);
        assert!(!r.withheld);
        assert_eq!(r.summary.count, 3, "the fourth answer waits for two more");
        assert_eq!(r.summary.average, Some(4.0));
        assert_eq!(r.counted, ["a", "b", "c"]);
        assert_eq!(r.trend.len(), 1);
        assert_eq!(
            (r.trend[0].from, r.trend[0].to, r.trend[0].count),
            (march, march, 3)
        );
        assert!(r.trend.iter().all(|p| p.count >= MIN_GROUP_SIZE), "{:?}", r.trend);
        // The same answers of a form that is not anonymous: HR reads them one by one anyway.
        let open = question_results(&q, &answers, false);
        assert_eq!(open.summary.count, 4);
        assert_eq!(open.trend.len(), 2);
        assert_eq!(
            (open.trend[1].to, open.trend[1].count, open.trend[1].average),
            (april, 1, 1.0)
        );
    }

    #[test]
    fn anonymous_answers_are_shown_in_whole_groups() {
        let q = question("q", QuestionKind::Rating);
        let ratings = [2, 5, 4, 1, 3, 5, 4];
        let answers: Vec<ResultAnswer> = ratings
            .iter()
            .enumerate()
            .map(|(i, &n)| given(&format!("r{i}"), 100 * i as i64, AnswerValue::Rating(n)))
            .collect();
        let seen = |n: usize| question_results(&q, &answers[..n], true);
        for n in 0..3 {
            let r = seen(n);
            assert!(r.withheld, "{n}");
            assert_eq!((r.summary.count, r.summary.average), (0, None));
            assert!(r.summary.distribution.is_empty() && r.trend.is_empty() && r.counted.is_empty());
        }
        assert_eq!(seen(3).summary.average, Some(11.0 / 3.0));
        assert_eq!(seen(3).summary.distribution[1], ("2".into(), 1));
        // A fourth and fifth answer change nothing; the sixth shows the second group.
        assert_eq!(seen(4), seen(3));
        assert_eq!(seen(5), seen(3));
        assert_eq!(seen(6).summary.count, 6);
        assert_eq!(seen(6).trend.iter().map(|p| p.count).collect::<Vec<_>>(), [3, 3]);
        assert_eq!(seen(7), seen(6));
        // Answers given at the same instant are ordered by id, wherever they are listed.
        let mut reversed = answers.clone();
        reversed.reverse();
        assert_eq!(question_results(&q, &reversed, true), seen(7));
        // A group with an answer hidden from the viewer is not shown at all.
        let mut hidden = answers.clone();
        hidden[4].hidden = true;
        let r = question_results(&q, &hidden, true);
        assert_eq!(r.counted, ["r0", "r1", "r2"]);
        hidden[0].hidden = true;
        assert!(question_results(&q, &hidden[..6], true).withheld);
        // Answers that do not count (another kind, out of range) do not fill a group.
        let mut odd = answers[..3].to_vec();
        odd[1].value = AnswerValue::Rating(9);
        odd.push(given("t", 1, AnswerValue::Text("hola".into())));
        assert!(question_results(&q, &odd, true).withheld);
    }

    #[test]
    fn anonymous_texts_and_options_come_in_whole_groups_and_sorted() {
        let q = question("t", QuestionKind::Text);
        let texts = ["zeta", "alfa", "  ", "mu", "beta"];
        let answers: Vec<ResultAnswer> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| given(&format!("t{i}"), i as i64, AnswerValue::Text((*t).into())))
            .collect();
        let r = question_results(&q, &answers, true);
        assert_eq!(r.summary.texts, ["alfa", "mu", "zeta"], "blank ones do not count");
        assert!(r.trend.is_empty());
        let q = question("m", QuestionKind::Multi);
        let multi = |keys: &[&str]| AnswerValue::Multi(keys.iter().map(|k| (*k).to_owned()).collect());
        let answers = vec![
            given("a", 1, multi(&["yes", "no"])),
            given("b", 2, multi(&["gone"])),
            given("c", 3, multi(&["no"])),
            given("d", 4, multi(&["maybe"])),
        ];
        let r = question_results(&q, &answers, true);
        assert_eq!(r.summary.count, 3);
        assert_eq!(
            r.summary.distribution,
            [("yes".into(), 1), ("no".into(), 2), ("maybe".into(), 1)]
        );
        assert!(question_results(&q, &answers[..3], true).withheld);
    }

    fn any_answer(kind: QuestionKind) -> impl proptest::strategy::Strategy<Value = AnswerValue> {
        use proptest::prelude::*;
        match kind {
            QuestionKind::Rating => (0u8..=6).prop_map(AnswerValue::Rating).boxed(),
            QuestionKind::Scale => (0u8..=11).prop_map(AnswerValue::Scale).boxed(),
            QuestionKind::Single => prop::sample::select(vec!["yes", "no", "maybe", "gone"])
                .prop_map(|k| AnswerValue::Single(k.into()))
                .boxed(),
            QuestionKind::Multi => prop::sample::subsequence(vec!["yes", "no", "maybe", "gone"], 0..=4)
                .prop_map(|ks| AnswerValue::Multi(ks.into_iter().map(String::from).collect()))
                .boxed(),
            QuestionKind::Text => prop::sample::select(vec!["", " ", "sí", "no", "bien", "mal"])
                .prop_map(|t| AnswerValue::Text(t.into()))
                .boxed(),
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Every view HR gets of an anonymous question as answers arrive one by one, seen by two
        /// viewers (one with some answers hidden): each figure (the counted answers, each trend
        /// point) is a set of answers, and intersecting and subtracting all of them across all
        /// views never isolates fewer than `MIN_GROUP_SIZE` answers.
        #[test]
        fn no_view_of_an_anonymous_question_singles_anyone_out(
            (kind, answers) in proptest::sample::select(QuestionKind::ALL.to_vec()).prop_flat_map(|kind| {
                use proptest::prelude::*;
                (
                    Just(kind),
                    proptest::collection::vec((any_answer(kind), 0i64..3, 0u32..2, proptest::bool::weighted(0.15)), 0..24),
                )
            }),
        ) {
            use proptest::prelude::*;
            let q = question("q", kind);
            // Arrival order is time order; several may share an instant or a period.
            let mut at = 0;
            let mut period = 0;
            let given: Vec<ResultAnswer> = answers
                .iter()
                .enumerate()
                .map(|(i, (value, step, next_period, hidden))| {
                    at += step;
                    period += next_period;
                    ResultAnswer { id: format!("{i:03}"), at, period, value: value.clone(), hidden: *hidden }
                })
                .collect();
            let mut sets: Vec<BTreeSet<String>> = Vec::new();
            for n in 0..=given.len() {
                for hide in [false, true] {
                    let seen: Vec<ResultAnswer> = given[..n]
                        .iter()
                        .map(|a| ResultAnswer { hidden: hide && a.hidden, ..a.clone() })
                        .collect();
                    let r = question_results(&q, &seen, true);
                    let counted: BTreeSet<String> = r.counted.iter().cloned().collect();
                    prop_assert_eq!(r.counted.len(), r.summary.count);
                    prop_assert_eq!(counted.len() % MIN_GROUP_SIZE, 0);
                    prop_assert_eq!(r.withheld, counted.is_empty());
                    if r.withheld {
                        prop_assert!(r.summary.average.is_none() && r.summary.nps.is_none());
                        prop_assert!(r.summary.distribution.is_empty() && r.summary.texts.is_empty());
                        prop_assert!(r.trend.is_empty());
                    }
                    prop_assert!(seen.iter().all(|a| !a.hidden || !counted.contains(&a.id)));
                    let mut sorted = r.summary.texts.clone();
                    sorted.sort();
                    prop_assert_eq!(&sorted, &r.summary.texts);
                    for p in &r.trend {
                        prop_assert!(p.count >= MIN_GROUP_SIZE, "{:?}", p);
                        prop_assert!(p.answers.iter().all(|id| counted.contains(id)));
                        sets.push(p.answers.iter().cloned().collect());
                    }
                    sets.push(counted);
                }
            }
            // The finest pieces HR can make of all those sets: answers in exactly the same sets.
            let mut pieces: BTreeMap<Vec<bool>, usize> = BTreeMap::new();
            for a in &given {
                let member: Vec<bool> = sets.iter().map(|s| s.contains(&a.id)).collect();
                if member.iter().any(|&m| m) {
                    *pieces.entry(member).or_default() += 1;
                }
            }
            for (_, size) in pieces {
                prop_assert!(size >= MIN_GROUP_SIZE, "a piece of {} answers", size);
            }
        }
    }
}
