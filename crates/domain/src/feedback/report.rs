//! HR's results page of one form, worked out from its stored answers ([`form_report`]): which
//! answers this viewer may count and read ([`hr_access`]), how many people answered, each
//! question's figures ([`question_results`]) with the labels the page shows (distribution bars
//! with percentages, trend points named by month) and, for a form that is not anonymous, each
//! person's answers written out in the reader's language.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{
    AnswerMeta, AnswerValue, HrAccess, Question, QuestionKind, ResultAnswer, TrendPoint, answer_text,
    hr_access, question_results,
};
use crate::lang::Lang;

/// One stored answer to one question of a form, as HR's results load it. Ids are record ids as
/// text (`table:key`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAnswer {
    /// The request answered (`feedback_request:KEY`): the answers one person gave to one sending
    /// of the form share it.
    pub request: String,
    /// Who answered (`employee:KEY`).
    pub respondent_id: String,
    /// Their name, shown with their answers on a form that is not anonymous.
    pub respondent_name: String,
    /// The name of the person the answers are about; empty when unknown or about no one.
    pub subject_name: String,
    /// That person's managers up the reporting chain (`employee:KEY`, direct manager first);
    /// empty when the answers are about no one.
    pub subject_chain: Vec<String>,
    /// The key of the question answered (possibly one no longer in the form).
    pub question: String,
    /// The answer; `None` when the stored value cannot be read, so it is in no figure (the
    /// person still counts as a respondent).
    pub value: Option<AnswerValue>,
    /// When the request was answered, in microseconds since 1970; 0 when unknown.
    pub at: i64,
    /// The month it was answered in ([`month_period`]); 0 when unknown.
    pub period: u32,
}

/// The HR viewer of a form's results, as the reporting-chain rule sees them ([`hr_access`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrViewer {
    /// Their account (`account:KEY`).
    pub account_id: String,
    /// Their employee records (`employee:KEY`); empty for an HR account that is nobody's
    /// employee.
    pub employee_ids: Vec<String>,
}

/// One bar of a question's distribution as the results page draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributionBar {
    /// The value (`"1"`…`"5"`, `"0"`…`"10"`) or the option's label in the reader's language (its
    /// key when the form no longer has that option).
    pub label: String,
    /// How many answers gave it.
    pub count: usize,
    /// Its share of all the bars' counts, in whole percent rounded down (0–100); 0 when no bar
    /// has a count.
    pub percent: u32,
}

/// One point of a question's trend as the results page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendLine {
    /// The month (`YYYY-MM`) or months (`YYYY-MM – YYYY-MM`) of the point's answers
    /// ([`trend_label`]).
    pub label: String,
    /// Mean value, in the question's own scale (1–5 or 0–10).
    pub average: f64,
    /// How many answers it is made of.
    pub count: usize,
}

/// HR's results of one question as the page shows them ([`question_report`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionReport {
    /// The question text in the reader's language.
    pub text: String,
    /// The question's kind.
    pub kind: QuestionKind,
    /// Answers counted (respondents, for multiple choice).
    pub count: usize,
    /// Mean of a rating or scale question; `None` for other kinds or without answers.
    pub average: Option<f64>,
    /// Net promoter score of a scale question, −100 to 100; `None` otherwise.
    pub nps: Option<i32>,
    /// One bar per value or option, in order, zeros included; empty for text and when withheld.
    pub distribution: Vec<DistributionBar>,
    /// The free-text answers (no names); sorted for an anonymous form.
    pub texts: Vec<String>,
    /// Too few answers to show anything of an anonymous form.
    pub withheld: bool,
    /// Averages over time, oldest first; empty for questions that are not rating or scale.
    pub trend: Vec<TrendLine>,
}

/// One person's answers to one request, shown to HR only for a form that is not anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAnswers {
    /// Who answered.
    pub respondent: String,
    /// Who the answers are about; empty when unknown or about no one.
    pub subject: String,
    /// (question text, answer written out), in the order the answers were stored; answers to
    /// questions no longer in the form and unreadable values are left out.
    pub answers: Vec<(String, String)>,
}

/// HR's results of a whole form as the page shows them ([`form_report`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormReport {
    /// Whether the form is anonymous.
    pub anonymous: bool,
    /// Requests answered whose answers the viewer may count (people, per sending).
    pub respondents: usize,
    /// One per question of the form, in the form's order.
    pub questions: Vec<QuestionReport>,
    /// Each readable request's answers, ordered by request id; always empty for an anonymous form.
    pub individual: Vec<PersonAnswers>,
    /// Requests left out because they are about someone in the viewer's reporting chain.
    pub hidden_by_chain: usize,
}

/// The trend period of a date in `year` and month `month0` (0 for January … 11 for December):
/// months since year 0, `year · 12 + month0`. Years before 0 count as year 0.
pub fn month_period(year: i32, month0: u32) -> u32 {
    u32::try_from(year).unwrap_or(0) * 12 + month0
}

/// A trend `period` ([`month_period`]) as `YYYY-MM`, e.g. `2027-03`.
pub fn month_label(period: u32) -> String {
    format!("{}-{:02}", period / 12, period % 12 + 1)
}

/// The label of a trend point: its month (`2027-03`) when all its answers fall in one, else the
/// first and last month joined by a spaced en dash (`2027-03 – 2027-05`).
pub fn trend_label(point: &TrendPoint) -> String {
    if point.from == point.to {
        month_label(point.to)
    } else {
        format!("{} – {}", month_label(point.from), month_label(point.to))
    }
}

/// The bars of a `distribution` (value or option key → count, as
/// [`QuestionSummary::distribution`](super::QuestionSummary::distribution)) of `question`:
/// option keys become their label in `lang`, other values stay as they are, and each bar gets
/// its share of the total in whole percent, rounded down.
pub fn distribution_bars(
    question: &Question,
    distribution: &[(String, usize)],
    lang: Lang,
) -> Vec<DistributionBar> {
    let total: usize = distribution.iter().map(|(_, n)| n).sum();
    distribution
        .iter()
        .map(|(key, n)| DistributionBar {
            label: question
                .option(key)
                .map_or_else(|| key.clone(), |o| o.label(lang).to_owned()),
            count: *n,
            percent: (n * 100)
                .checked_div(total)
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(0),
        })
        .collect()
}

/// HR's results of `question` from its `answers` as the page shows them: the figures of
/// [`question_results`] (privacy rules included, `anonymous` as the form is) with the question
/// text in `lang`, labelled bars ([`distribution_bars`]) and labelled trend points
/// ([`trend_label`]).
pub fn question_report(
    question: &Question,
    answers: &[ResultAnswer],
    anonymous: bool,
    lang: Lang,
) -> QuestionReport {
    let shown = question_results(question, answers, anonymous);
    let summary = shown.summary;
    QuestionReport {
        text: question.text(lang).to_owned(),
        kind: question.kind,
        count: summary.count,
        average: summary.average,
        nps: summary.nps,
        distribution: distribution_bars(question, &summary.distribution, lang),
        texts: summary.texts,
        withheld: shown.withheld,
        trend: shown
            .trend
            .iter()
            .map(|p| TrendLine {
                label: trend_label(p),
                average: p.average,
                count: p.count,
            })
            .collect(),
    }
}

/// HR's results of a form with `questions` (anonymous or not) from all its stored `answers`, as
/// `viewer` may see them, in `lang`:
///
/// - every answer's access comes from [`hr_access`]: answers about someone in the viewer's
///   reporting chain are in no figure and only their requests are counted (`hidden_by_chain`);
/// - `respondents` counts the other requests, readable values or not;
/// - each question's figures come from [`question_report`] with the answers given to it (those
///   with a readable value), so an anonymous form shows only whole groups of
///   [`MIN_GROUP_SIZE`](super::MIN_GROUP_SIZE);
/// - a form that is not anonymous also lists, per request the viewer may read, the answers
///   written out ([`answer_text`]).
pub fn form_report(
    questions: &[Question],
    anonymous: bool,
    answers: &[StoredAnswer],
    viewer: &HrViewer,
    lang: Lang,
) -> FormReport {
    let access: Vec<HrAccess> = answers
        .iter()
        .map(|a| {
            let meta = AnswerMeta {
                respondent_id: a.respondent_id.clone(),
                subject_chain: a.subject_chain.clone(),
                form_anonymous: anonymous,
            };
            hr_access(&viewer.account_id, &viewer.employee_ids, &meta)
        })
        .collect();
    let with_access = || answers.iter().zip(access.iter().copied());
    let requests = |hidden: bool| {
        with_access()
            .filter(|(_, x)| x.hidden == hidden)
            .map(|(a, _)| a.request.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let reports = questions
        .iter()
        .map(|q| {
            let given: Vec<ResultAnswer> = with_access()
                .filter(|(a, _)| a.question == q.key)
                .filter_map(|(a, x)| {
                    Some(ResultAnswer {
                        id: a.request.clone(),
                        at: a.at,
                        period: a.period,
                        value: a.value.clone()?,
                        hidden: x.hidden,
                    })
                })
                .collect();
            question_report(q, &given, anonymous, lang)
        })
        .collect();
    let mut individual: BTreeMap<&str, PersonAnswers> = BTreeMap::new();
    for (a, _) in with_access().filter(|(_, x)| !anonymous && x.may_read) {
        let person = individual
            .entry(a.request.as_str())
            .or_insert_with(|| PersonAnswers {
                respondent: a.respondent_name.clone(),
                subject: a.subject_name.clone(),
                answers: Vec::new(),
            });
        if let (Some(q), Some(v)) = (questions.iter().find(|q| q.key == a.question), &a.value) {
            person
                .answers
                .push((q.text(lang).to_owned(), answer_text(q, v, lang)));
        }
    }
    FormReport {
        anonymous,
        respondents: requests(false),
        questions: reports,
        individual: individual.into_values().collect(),
        hidden_by_chain: requests(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::fixtures::question;

    #[test]
    fn months_are_numbered_and_named() {
        assert_eq!(month_period(2027, 2), 24_326, "March 2027");
        assert_eq!(month_label(24_326), "2027-03");
        assert_eq!(month_label(month_period(2027, 11)), "2027-12");
        assert_eq!(month_label(month_period(2028, 0)), "2028-01");
        assert_eq!(month_period(-5, 4), 4, "years before 0 count as 0");
        assert_eq!(month_label(0), "0-01");
    }

    #[test]
    fn trend_labels_name_one_month_or_a_span() {
        let point = |from: u32, to: u32| TrendPoint {
            from,
            to,
            average: 4.0,
            count: 3,
            answers: vec!["a".into(), "b".into(), "c".into()],
        };
        let march = month_period(2027, 2);
        assert_eq!(trend_label(&point(march, march)), "2027-03");
        assert_eq!(trend_label(&point(march, march + 2)), "2027-03 – 2027-05");
    }

    #[test]
    fn bars_name_options_in_the_readers_language_with_whole_percentages() {
        let single = question("s", QuestionKind::Single);
        let counts = |pairs: &[(&str, usize)]| -> Vec<(String, usize)> {
            pairs.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
        };
        let bars = distribution_bars(
            &single,
            &counts(&[("yes", 1), ("no", 2), ("maybe", 0), ("gone", 3)]),
            Lang::Es,
        );
        let bar = |label: &str, count: usize, percent: u32| DistributionBar {
            label: label.into(),
            count,
            percent,
        };
        assert_eq!(
            bars,
            [
                bar("Sí", 1, 16),
                bar("No", 2, 33),
                bar("Quizá", 0, 0),
                bar("gone", 3, 50)
            ],
            "an option the form no longer has keeps its key; 1/6 is 16 %, rounded down"
        );
        assert_eq!(
            distribution_bars(&single, &counts(&[("maybe", 2)]), Lang::En),
            [bar("Maybe", 2, 100)]
        );
        let rating = question("r", QuestionKind::Rating);
        assert_eq!(
            distribution_bars(&rating, &counts(&[("1", 0), ("2", 0)]), Lang::En),
            [bar("1", 0, 0), bar("2", 0, 0)],
            "no answers: no share"
        );
        assert!(distribution_bars(&rating, &[], Lang::En).is_empty());
    }

    /// An answer to request `id` given in `period`, at instant `at`.
    fn given(id: &str, at: i64, period: u32, value: AnswerValue) -> ResultAnswer {
        ResultAnswer {
            id: id.into(),
            at,
            period,
            value,
            hidden: false,
        }
    }

    #[test]
    fn a_question_report_labels_what_question_results_shows() {
        let (march, april) = (month_period(2027, 2), month_period(2027, 3));
        let q = question("q", QuestionKind::Rating);
        let answers = [
            given("a", 1, march, AnswerValue::Rating(4)),
            given("b", 2, march, AnswerValue::Rating(5)),
            given("c", 3, april, AnswerValue::Rating(3)),
            given("d", 4, april, AnswerValue::Rating(3)),
        ];
        let r = question_report(&q, &answers, true, Lang::En);
        assert_eq!(r.text, "Question q?");
        assert_eq!(
            (r.kind, r.count, r.average, r.nps),
            (QuestionKind::Rating, 3, Some(4.0), None)
        );
        assert!(!r.withheld);
        let percents: Vec<(String, usize, u32)> = r
            .distribution
            .iter()
            .map(|b| (b.label.clone(), b.count, b.percent))
            .collect();
        assert_eq!(
            percents,
            [
                ("1".to_owned(), 0, 0),
                ("2".into(), 0, 0),
                ("3".into(), 1, 33),
                ("4".into(), 1, 33),
                ("5".into(), 1, 33)
            ]
        );
        assert_eq!(
            r.trend,
            [TrendLine {
                label: "2027-03 – 2027-04".into(),
                average: 4.0,
                count: 3
            }],
            "one group of three, from March to April; the fourth answer waits"
        );
        let open = question_report(&q, &answers, false, Lang::Es);
        assert_eq!(open.text, "¿Pregunta q?");
        assert_eq!((open.count, open.average), (4, Some(3.75)));
        let trend: Vec<(&str, f64, usize)> = open
            .trend
            .iter()
            .map(|p| (p.label.as_str(), p.average, p.count))
            .collect();
        assert_eq!(trend, [("2027-03", 4.5, 2), ("2027-04", 3.0, 2)]);
        let none = question_report(&q, &answers[..2], true, Lang::En);
        assert!(none.withheld);
        assert!(none.distribution.is_empty() && none.trend.is_empty());
        assert_eq!((none.count, none.average), (0, None));
    }

    /// An answer of request `request` by `respondent` about `subject` (managed by `chain`).
    fn stored(request: &str, respondent: &str, subject: &str, chain: &[&str]) -> StoredAnswer {
        StoredAnswer {
            request: format!("feedback_request:{request}"),
            respondent_id: format!("employee:{respondent}"),
            respondent_name: respondent.to_uppercase(),
            subject_name: subject.to_uppercase(),
            subject_chain: chain.iter().map(|m| format!("employee:{m}")).collect(),
            question: "rating".into(),
            value: None,
            at: 0,
            period: 0,
        }
    }

    fn answering(mut a: StoredAnswer, question: &str, value: Option<AnswerValue>, at: i64) -> StoredAnswer {
        a.question = question.into();
        a.value = value;
        a.at = at;
        a
    }

    /// Answers to a form with a rating and a text question: r1 by ana about sr (managed by boss),
    /// r2 by bea about jr (managed by the viewer "hr"), r3 by carl about no one with an unreadable
    /// rating and an answer to a question the form no longer has.
    fn stored_answers() -> Vec<StoredAnswer> {
        let r1 = stored("r1", "ana", "sr", &["boss", "ceo"]);
        let r2 = stored("r2", "bea", "jr", &["hr", "ceo"]);
        let r3 = stored("r3", "carl", "", &[]);
        vec![
            answering(r1.clone(), "rating", Some(AnswerValue::Rating(4)), 10),
            answering(r1, "text", Some(AnswerValue::Text("Muy útil".into())), 10),
            answering(r2.clone(), "rating", Some(AnswerValue::Rating(2)), 20),
            answering(r2, "text", Some(AnswerValue::Text("Regular".into())), 20),
            answering(r3.clone(), "rating", None, 30),
            answering(r3, "old", Some(AnswerValue::Rating(5)), 30),
        ]
    }

    fn hr() -> HrViewer {
        HrViewer {
            account_id: "account:hr".into(),
            employee_ids: vec!["employee:hr".into()],
        }
    }

    #[test]
    fn a_form_report_counts_people_and_leaves_out_the_viewers_chain() {
        let questions = [
            question("rating", QuestionKind::Rating),
            question("text", QuestionKind::Text),
        ];
        let r = form_report(&questions, false, &stored_answers(), &hr(), Lang::En);
        assert!(!r.anonymous);
        assert_eq!(
            (r.respondents, r.hidden_by_chain),
            (2, 1),
            "r1 and r3 count, r2 is about someone the viewer manages"
        );
        assert_eq!(r.questions.len(), 2);
        assert_eq!(
            (r.questions[0].count, r.questions[0].average),
            (1, Some(4.0)),
            "only r1's rating: r2 is hidden, r3's cannot be read"
        );
        assert_eq!(r.questions[1].texts, ["Muy útil"]);
        assert_eq!(
            r.individual,
            [
                PersonAnswers {
                    respondent: "ANA".into(),
                    subject: "SR".into(),
                    answers: vec![
                        ("Question rating?".into(), "4/5".into()),
                        ("Question text?".into(), "Muy útil".into()),
                    ],
                },
                PersonAnswers {
                    respondent: "CARL".into(),
                    subject: String::new(),
                    answers: vec![],
                },
            ],
            "by request id; r3's answers are unreadable or to a removed question"
        );
        // Someone outside every chain counts all three requests and reads them all.
        let outsider = HrViewer {
            account_id: "account:other".into(),
            employee_ids: vec![],
        };
        let all = form_report(&questions, false, &stored_answers(), &outsider, Lang::Es);
        assert_eq!((all.respondents, all.hidden_by_chain), (3, 0));
        assert_eq!((all.questions[0].count, all.questions[0].average), (2, Some(3.0)));
        assert_eq!(all.individual.len(), 3);
        assert_eq!(
            all.individual[1].answers,
            [
                ("¿Pregunta rating?".to_owned(), "2/5".to_owned()),
                ("¿Pregunta text?".into(), "Regular".into())
            ]
        );
    }

    #[test]
    fn an_anonymous_form_report_lists_no_one_and_withholds_small_groups() {
        let questions = [question("rating", QuestionKind::Rating)];
        let r = form_report(&questions, true, &stored_answers(), &hr(), Lang::En);
        assert!(r.anonymous);
        assert_eq!((r.respondents, r.hidden_by_chain), (2, 1));
        assert!(r.individual.is_empty());
        assert!(r.questions[0].withheld);
        assert_eq!(r.questions[0].count, 0);
        // Three readable ratings nobody manages make one group.
        let mut answers = stored_answers();
        answers[4].value = Some(AnswerValue::Rating(3));
        let outsider = HrViewer {
            account_id: "account:other".into(),
            employee_ids: vec![],
        };
        let r = form_report(&questions, true, &answers, &outsider, Lang::En);
        assert!(!r.questions[0].withheld);
        assert_eq!((r.questions[0].count, r.questions[0].average), (3, Some(3.0)));
        assert_eq!(
            r.questions[0].trend,
            [TrendLine {
                label: "0-01".into(),
                average: 3.0,
                count: 3
            }]
        );
        assert!(r.individual.is_empty(), "never for an anonymous form");
        // The viewer who manages bea's subject sees nothing: the only group holds a hidden answer.
        assert!(form_report(&questions, true, &answers, &hr(), Lang::En).questions[0].withheld);
    }
}
