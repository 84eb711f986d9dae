//! Figures of the answers to one question, before any privacy rule: count, average,
//! distribution, net promoter score and free texts ([`aggregate`]), and averages per period
//! ([`average_by_period`]). HR sees them through [`question_results`](super::question_results).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{AnswerValue, Question, QuestionKind, RATING_RANGE, SCALE_RANGE};

/// HR's summary of the answers to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionSummary {
    /// The question's key.
    pub key: String,
    /// The question's kind.
    pub kind: QuestionKind,
    /// How many answers were counted (respondents, for multiple choice).
    pub count: usize,
    /// Mean of a rating or scale question; `None` for other kinds or without answers.
    pub average: Option<f64>,
    /// Answers per value (`"1"`…`"5"`, `"0"`…`"10"`) or per option key in the question's order,
    /// zeros included; empty for text. For multiple choice each chosen option counts.
    pub distribution: Vec<(String, usize)>,
    /// Net promoter score of a scale question, −100 to 100; `None` otherwise or without answers.
    pub nps: Option<i32>,
    /// The free-text answers, in the order given; empty for other kinds.
    pub texts: Vec<String>,
}

/// The net promoter score of 0–10 answers: the share of promoters (9–10) minus the share of
/// detractors (0–6), in percent rounded half away from zero. Values over 10 are ignored; `None`
/// without answers.
pub fn nps(scores: &[u8]) -> Option<i32> {
    let counted: Vec<u8> = scores
        .iter()
        .copied()
        .filter(|s| SCALE_RANGE.contains(s))
        .collect();
    let total = i64::try_from(counted.len()).ok().filter(|&n| n > 0)?;
    let promoters = counted.iter().filter(|&&s| s >= 9).count();
    let detractors = counted.iter().filter(|&&s| s <= 6).count();
    let diff = i64::try_from(promoters).ok()? - i64::try_from(detractors).ok()?;
    // round(100 · diff / total), half away from zero, in integers.
    let rounded = (200 * diff.abs() + total) / (2 * total);
    i32::try_from(rounded * diff.signum()).ok()
}

/// Summarises the answers to `question`. Answers of another kind than the question's, numbers out
/// of range and unknown option keys (left from an earlier version of the form) are not counted;
/// nor are blank texts.
pub fn aggregate(question: &Question, answers: &[AnswerValue]) -> QuestionSummary {
    let mut summary = QuestionSummary {
        key: question.key.clone(),
        kind: question.kind,
        count: 0,
        average: None,
        distribution: Vec::new(),
        nps: None,
        texts: Vec::new(),
    };
    let counted = answers.iter().filter(|a| a.kind() == question.kind);
    match question.kind {
        QuestionKind::Rating | QuestionKind::Scale => {
            let range = question.kind.value_range().unwrap_or(RATING_RANGE);
            let numbers: Vec<u8> = counted.filter_map(AnswerValue::number).collect();
            summary.distribution = range
                .map(|v| (v.to_string(), numbers.iter().filter(|&&n| n == v).count()))
                .collect();
            summary.count = numbers.len();
            if !numbers.is_empty() {
                let sum: f64 = numbers.iter().map(|&n| f64::from(n)).sum();
                summary.average = Some(sum / numbers.len() as f64);
            }
            if question.kind == QuestionKind::Scale {
                summary.nps = nps(&numbers);
            }
        }
        QuestionKind::Single | QuestionKind::Multi => {
            let mut tally: BTreeMap<&str, usize> =
                question.options.iter().map(|o| (o.key.as_str(), 0)).collect();
            for answer in counted {
                let chosen: BTreeSet<&str> = match answer {
                    AnswerValue::Single(k) => BTreeSet::from([k.as_str()]),
                    AnswerValue::Multi(ks) => ks.iter().map(String::as_str).collect(),
                    _ => BTreeSet::new(),
                };
                let mut any = false;
                for key in chosen {
                    if let Some(n) = tally.get_mut(key) {
                        *n += 1;
                        any = true;
                    }
                }
                summary.count += usize::from(any);
            }
            summary.distribution = question
                .options
                .iter()
                .map(|o| (o.key.clone(), tally.get(o.key.as_str()).copied().unwrap_or(0)))
                .collect();
        }
        QuestionKind::Text => {
            summary.texts = counted
                .filter_map(|a| match a {
                    AnswerValue::Text(t) if !t.trim().is_empty() => Some(t.clone()),
                    _ => None,
                })
                .collect();
            summary.count = summary.texts.len();
        }
    }
    summary
}

/// The mean of rating or scale answers per period (e.g. month of the program, numbered from 0),
/// for a trend over the program: `(period, average, count)` sorted by period, only periods with
/// answers. Pass the answers of one question (or of one kind); other kinds and numbers out of
/// range are ignored.
pub fn average_by_period(answers: &[(u32, AnswerValue)]) -> Vec<(u32, f64, usize)> {
    let mut periods: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    for (period, answer) in answers {
        if let Some(n) = answer.number() {
            let entry = periods.entry(*period).or_default();
            entry.0 += u32::from(n);
            entry.1 += 1;
        }
    }
    periods
        .into_iter()
        .map(|(period, (sum, count))| (period, f64::from(sum) / count as f64, count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::fixtures::question;

    #[test]
    fn rating_summary() {
        let q = question("r", QuestionKind::Rating);
        let answers = [
            AnswerValue::Rating(5),
            AnswerValue::Rating(4),
            AnswerValue::Rating(4),
            AnswerValue::Rating(0),
            AnswerValue::Scale(3),
        ];
        let s = aggregate(&q, &answers);
        assert_eq!(s.count, 3, "out of range and other kinds are not counted");
        assert!((s.average.unwrap() - 13.0 / 3.0).abs() < 1e-9);
        let counts: Vec<usize> = s.distribution.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [0, 0, 0, 2, 1]);
        assert_eq!(s.distribution[0].0, "1");
        assert_eq!(s.nps, None, "NPS is for scale questions");
        assert!(s.texts.is_empty());
        let empty = aggregate(&q, &[]);
        assert_eq!((empty.count, empty.average), (0, None));
        assert_eq!(empty.distribution.len(), 5);
    }

    #[test]
    fn scale_summary_has_nps() {
        let q = question("nps", QuestionKind::Scale);
        let scores = [10, 9, 8, 7, 6, 0];
        let answers: Vec<_> = scores.iter().map(|&s| AnswerValue::Scale(s)).collect();
        let s = aggregate(&q, &answers);
        assert_eq!(s.count, 6);
        assert_eq!(s.average, Some(40.0 / 6.0));
        assert_eq!(s.distribution.len(), 11);
        assert_eq!(s.distribution[10], ("10".to_string(), 1));
        assert_eq!(s.nps, Some(0), "two promoters, two detractors");
        assert_eq!(aggregate(&q, &[]).nps, None);
    }

    #[test]
    fn nps_bounds_and_rounding() {
        assert_eq!(nps(&[]), None);
        assert_eq!(nps(&[10, 9]), Some(100));
        assert_eq!(nps(&[0, 6]), Some(-100));
        assert_eq!(nps(&[7, 8]), Some(0), "passives");
        assert_eq!(nps(&[9, 7, 8]), Some(33));
        assert_eq!(nps(&[9, 9, 8]), Some(67));
        assert_eq!(nps(&[6, 7, 8]), Some(-33));
        assert_eq!(nps(&[6, 6, 8]), Some(-67));
        assert_eq!(
            nps(&[9, 7, 7, 7, 7, 7, 7, 7]),
            Some(13),
            "12.5 rounds away from zero"
        );
        assert_eq!(nps(&[6, 7, 7, 7, 7, 7, 7, 7]), Some(-13));
        assert_eq!(nps(&[11, 10]), Some(100), "values over 10 are ignored");
        assert_eq!(nps(&[11]), None);
    }

    #[test]
    fn choice_summaries_count_each_option() {
        let single = question("s", QuestionKind::Single);
        let s = aggregate(
            &single,
            &[
                AnswerValue::Single("no".into()),
                AnswerValue::Single("no".into()),
                AnswerValue::Single("yes".into()),
                AnswerValue::Single("gone".into()),
                AnswerValue::Rating(3),
            ],
        );
        assert_eq!(s.count, 3, "unknown options and other kinds are not counted");
        assert_eq!(
            s.distribution,
            [("yes".to_string(), 1), ("no".into(), 2), ("maybe".into(), 0)],
            "in the question's option order"
        );
        assert_eq!((s.average, s.nps), (None, None));

        let multi = question("m", QuestionKind::Multi);
        let s = aggregate(
            &multi,
            &[
                AnswerValue::Multi(vec!["yes".into(), "maybe".into()]),
                AnswerValue::Multi(vec!["maybe".into(), "maybe".into()]),
                AnswerValue::Multi(vec!["gone".into()]),
                AnswerValue::Multi(vec![]),
            ],
        );
        assert_eq!(s.count, 2, "respondents with at least one known option");
        assert_eq!(
            s.distribution,
            [("yes".to_string(), 1), ("no".into(), 0), ("maybe".into(), 2)]
        );
    }

    #[test]
    fn text_summary_lists_the_texts() {
        let q = question("t", QuestionKind::Text);
        let s = aggregate(
            &q,
            &[
                AnswerValue::Text("Genial".into()),
                AnswerValue::Text("  ".into()),
                AnswerValue::Text("Más tiempo".into()),
                AnswerValue::Single("yes".into()),
            ],
        );
        assert_eq!(s.count, 2);
        assert_eq!(s.texts, ["Genial", "Más tiempo"]);
        assert!(s.distribution.is_empty());
        assert_eq!(s.average, None);
    }

    #[test]
    fn averages_per_period_make_a_trend() {
        let trend = average_by_period(&[
            (2, AnswerValue::Rating(4)),
            (0, AnswerValue::Rating(2)),
            (2, AnswerValue::Rating(5)),
            (0, AnswerValue::Rating(3)),
            (1, AnswerValue::Text("ignored".into())),
            (3, AnswerValue::Rating(9)),
            (0, AnswerValue::Rating(5)),
        ]);
        assert_eq!(trend, [(0, 10.0 / 3.0, 3), (2, 4.5, 2)]);
        assert_eq!(
            average_by_period(&[(5, AnswerValue::Scale(10)), (5, AnswerValue::Scale(0))]),
            [(5, 5.0, 2)]
        );
        assert!(average_by_period(&[]).is_empty());
    }
}
