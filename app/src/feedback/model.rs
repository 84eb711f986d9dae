//! Wire types of this feature: plain data sent between server and browser (serde), kept
//! apart from database rows.

use serde::{Deserialize, Serialize};

/// A feedback form in HR's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    /// Form key.
    pub key: String,
    /// Title in the reader's language.
    pub title: String,
    /// `after_meeting`, `midpoint`, `end` or `manual`.
    pub trigger: String,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// Whether it is being sent.
    pub active: bool,
    /// Number of questions.
    pub questions: usize,
    /// Requests made.
    pub sent: i64,
    /// Requests answered.
    pub answered: i64,
}

/// A feedback form in HR's builder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEditor {
    /// Form key.
    pub key: String,
    /// Program key.
    pub program: String,
    /// Program name.
    pub program_name: String,
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Audience.
    pub audience: String,
    /// Trigger.
    pub trigger: String,
    /// Days to answer.
    pub due_days: i64,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
    /// Whether it is being sent.
    pub active: bool,
    /// Someone answered it, so its questions are fixed.
    pub locked: bool,
    /// Requests made.
    pub sent: i64,
    /// Requests answered.
    pub answered: i64,
    /// The questions in order.
    pub questions: Vec<domain::feedback::Question>,
}

/// A feedback request in the respondent's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    /// Request key.
    pub key: String,
    /// Program name.
    pub program: String,
    /// Form title in the reader's language.
    pub title: String,
    /// Who the answers are about.
    pub subject: String,
    /// Due date, as text.
    pub due: String,
    /// Whether it is answered.
    pub answered: bool,
    /// Whether it is past due and unanswered.
    pub overdue: bool,
}

/// A feedback request opened by its respondent: the questions, or their own answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    /// The request.
    pub request: RequestView,
    /// Whether HR sees only aggregates.
    pub anonymous: bool,
    /// The questions.
    pub questions: Vec<domain::feedback::Question>,
    /// The respondent's own answers (question text, answer text), once answered.
    pub my_answers: Vec<(String, String)>,
}

/// One bar of a distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    /// Value or option label.
    pub label: String,
    /// How many answers.
    pub count: usize,
    /// Share of the answers, 0–100.
    pub percent: u32,
}

/// HR's results for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    /// Question text in the reader's language.
    pub text: String,
    /// Kind.
    pub kind: domain::feedback::QuestionKind,
    /// Answers counted.
    pub count: usize,
    /// Average of a rating or scale question.
    pub average: Option<f64>,
    /// Net promoter score of a scale question.
    pub nps: Option<i32>,
    /// Answers per value or option.
    pub distribution: Vec<Bar>,
    /// Free-text answers (no names).
    pub texts: Vec<String>,
    /// Too few answers to show for an anonymous form.
    pub withheld: bool,
    /// Average per month, oldest first: (`YYYY-MM`, average, count).
    pub trend: Vec<(String, f64, usize)>,
}

/// One person's answers, shown to HR only for a form that is not anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndividualAnswers {
    /// Who answered.
    pub respondent: String,
    /// Who the answers are about.
    pub subject: String,
    /// (question text, answer text).
    pub answers: Vec<(String, String)>,
}

/// HR's results of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormResults {
    /// Whether the form is anonymous.
    pub anonymous: bool,
    /// People who answered (and whose answers the viewer may count).
    pub respondents: usize,
    /// Per question.
    pub questions: Vec<QuestionResult>,
    /// Individual answers (not anonymous forms only).
    pub individual: Vec<IndividualAnswers>,
    /// Answers left out because they are about someone the viewer manages (reporting chain).
    pub hidden_by_chain: usize,
}

#[cfg(feature = "ssr")]
impl From<domain::feedback::DistributionBar> for Bar {
    fn from(b: domain::feedback::DistributionBar) -> Self {
        Bar {
            label: b.label,
            count: b.count,
            percent: b.percent,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::feedback::QuestionReport> for QuestionResult {
    fn from(q: domain::feedback::QuestionReport) -> Self {
        QuestionResult {
            text: q.text,
            kind: q.kind,
            count: q.count,
            average: q.average,
            nps: q.nps,
            distribution: q.distribution.into_iter().map(Bar::from).collect(),
            texts: q.texts,
            withheld: q.withheld,
            trend: q
                .trend
                .into_iter()
                .map(|p| (p.label, p.average, p.count))
                .collect(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::feedback::PersonAnswers> for IndividualAnswers {
    fn from(p: domain::feedback::PersonAnswers) -> Self {
        IndividualAnswers {
            respondent: p.respondent,
            subject: p.subject,
            answers: p.answers,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::feedback::FormReport> for FormResults {
    fn from(r: domain::feedback::FormReport) -> Self {
        FormResults {
            anonymous: r.anonymous,
            respondents: r.respondents,
            questions: r.questions.into_iter().map(QuestionResult::from).collect(),
            individual: r.individual.into_iter().map(IndividualAnswers::from).collect(),
            hidden_by_chain: r.hidden_by_chain,
        }
    }
}
