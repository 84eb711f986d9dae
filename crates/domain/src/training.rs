//! Training: the modules HR builds for a program and participants take before and while they
//! are paired ("pre-match training" in mentoring practice standards), and the rules for quizzes
//! and progress.
//!
//! A module is for mentors, mentees or both ([`Audience`]), required or optional, with an
//! estimated length in minutes and its texts in Spanish and English. Four kinds ([`ModuleKind`]):
//! a reading (Markdown), a link to a video or page, a checklist ticked item by item, and a short
//! quiz with one right answer per question and a pass mark in percent.
//!
//! [`starter`] holds the starter set: five ready-made modules on reverse mentoring that HR adds to
//! a program in one click and may then edit.

pub mod starter;
pub mod workshop;

use serde::{Deserialize, Serialize};

pub use crate::feedback::Audience;

/// Most characters in a module's title, per language.
pub const MAX_TITLE: usize = 160;
/// Most characters in a module's text (Markdown), per language.
pub const MAX_BODY: usize = 20_000;
/// Most characters in a checklist item, a question or an answer option, per language.
pub const MAX_LINE: usize = 300;
/// Most characters in a link.
pub const MAX_URL: usize = 500;
/// Estimated length bounds, in minutes.
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=240;
/// Most items in a checklist.
pub const MAX_ITEMS: usize = 20;
/// Most questions in a quiz.
pub const MAX_QUESTIONS: usize = 20;
/// Answer options per quiz question.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=6;

/// What a module asks of the person taking it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModuleKind {
    /// A text to read (Markdown); done when the person marks it read.
    Reading,
    /// A video or external page, shown as a link with its length; done when marked.
    Link,
    /// Items ticked one by one; done when every item is ticked.
    Checklist,
    /// Questions with one right answer; done when a try reaches the pass mark.
    Quiz,
}

impl ModuleKind {
    /// Every kind, in the order HR's form lists them.
    pub const ALL: [ModuleKind; 4] = [
        ModuleKind::Reading,
        ModuleKind::Link,
        ModuleKind::Checklist,
        ModuleKind::Quiz,
    ];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleKind::Reading => "reading",
            ModuleKind::Link => "link",
            ModuleKind::Checklist => "checklist",
            ModuleKind::Quiz => "quiz",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<ModuleKind> {
        ModuleKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A short text in both languages (a checklist item, a question, an option).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

impl Texts {
    /// Both texts, trimmed.
    pub fn new(es: &str, en: &str) -> Texts {
        Texts {
            es: es.trim().to_owned(),
            en: en.trim().to_owned(),
        }
    }

    /// The text in `lang`, or in the other language when it is empty in `lang`.
    pub fn get(&self, lang: crate::Lang) -> &str {
        let (mine, other) = match lang {
            crate::Lang::Es => (&self.es, &self.en),
            crate::Lang::En => (&self.en, &self.es),
        };
        if mine.is_empty() { other } else { mine }
    }
}

/// One quiz question: a prompt, its options and which one is right (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizQuestion {
    /// The question.
    pub prompt: Texts,
    /// The options, in the order shown (2–6).
    pub options: Vec<Texts>,
    /// The index of the right option in `options`.
    pub correct: usize,
}

/// What HR writes for a module, as the form sends it (validated by [`validate_module`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleInput {
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Spanish text, Markdown: the reading itself, or an introduction for the other kinds.
    pub body_es: String,
    /// English text, Markdown.
    pub body_en: String,
    /// What the module asks.
    pub kind: ModuleKind,
    /// The video or page (links only; `http` or `https`).
    pub url: String,
    /// Estimated length in minutes (1–240).
    pub minutes: u32,
    /// Who takes it.
    pub audience: Audience,
    /// Whether it must be completed (required modules can be a condition for matching).
    pub required: bool,
    /// Checklist items (checklists only; 1–20).
    pub items: Vec<Texts>,
    /// Quiz questions (quizzes only; 1–20).
    pub questions: Vec<QuizQuestion>,
    /// Pass mark of a quiz in percent (1–100).
    pub pass_percent: u8,
}

/// Which language a text problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Spanish.
    Es,
    /// English.
    En,
}

/// Why a module cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum TrainingError {
    /// The kind is not one of [`ModuleKind`].
    #[error("unknown module kind")]
    Kind,
    /// The audience is not one of [`Audience`].
    #[error("unknown audience")]
    Audience,
    /// A title is empty or longer than [`MAX_TITLE`].
    #[error("title: 1 to {MAX_TITLE} characters in each language")]
    Title,
    /// A text is longer than [`MAX_BODY`].
    #[error("text: at most {MAX_BODY} characters in each language")]
    Body,
    /// A reading has no text in either language.
    #[error("a reading needs its text")]
    ReadingEmpty,
    /// The minutes are outside 1–240.
    #[error("estimated length: 1 to 240 minutes")]
    Minutes,
    /// A link module without a valid `http(s)` address.
    #[error("the link must be an http or https address")]
    Url,
    /// A checklist without items, with too many, or with an item empty in both languages or too
    /// long.
    #[error("checklist: 1 to {MAX_ITEMS} items of at most {MAX_LINE} characters")]
    Items,
    /// A quiz without questions or with too many.
    #[error("quiz: 1 to {MAX_QUESTIONS} questions")]
    Questions,
    /// A question or option is empty in both languages or too long, a question has too few or
    /// too many options, or its right answer is not one of them.
    #[error("each question needs its text, 2 to 6 options and the right one marked")]
    Question,
    /// The pass mark is outside 1–100.
    #[error("pass mark: 1 to 100 percent")]
    PassMark,
}

impl TrainingError {
    /// The form field the problem belongs to.
    pub fn field(self) -> &'static str {
        match self {
            TrainingError::Kind => "kind",
            TrainingError::Audience => "audience",
            TrainingError::Title => "title_es",
            TrainingError::Body | TrainingError::ReadingEmpty => "body_es",
            TrainingError::Minutes => "minutes",
            TrainingError::Url => "url",
            TrainingError::Items => "items",
            TrainingError::Questions | TrainingError::Question => "questions",
            TrainingError::PassMark => "pass_percent",
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn line_ok(t: &Texts) -> bool {
    (!t.es.is_empty() || !t.en.is_empty()) && chars(&t.es) <= MAX_LINE && chars(&t.en) <= MAX_LINE
}

/// Checks and normalises a module: texts trimmed; what does not belong to its kind dropped
/// (a reading keeps no items, a checklist no questions, only a link keeps its URL).
///
/// Errors: the first [`TrainingError`] found, in the order of the form.
pub fn validate_module(input: &ModuleInput) -> Result<ModuleInput, TrainingError> {
    let title_es = input.title_es.trim().to_owned();
    let title_en = input.title_en.trim().to_owned();
    for t in [&title_es, &title_en] {
        if t.is_empty() || chars(t) > MAX_TITLE {
            return Err(TrainingError::Title);
        }
    }
    let body_es = input.body_es.trim().to_owned();
    let body_en = input.body_en.trim().to_owned();
    if chars(&body_es) > MAX_BODY || chars(&body_en) > MAX_BODY {
        return Err(TrainingError::Body);
    }
    if input.kind == ModuleKind::Reading && body_es.is_empty() && body_en.is_empty() {
        return Err(TrainingError::ReadingEmpty);
    }
    if !MINUTES.contains(&input.minutes) {
        return Err(TrainingError::Minutes);
    }
    let mut out = ModuleInput {
        title_es,
        title_en,
        body_es,
        body_en,
        kind: input.kind,
        url: String::new(),
        minutes: input.minutes,
        audience: input.audience,
        required: input.required,
        items: Vec::new(),
        questions: Vec::new(),
        pass_percent: 0,
    };
    match input.kind {
        ModuleKind::Reading => {}
        ModuleKind::Link => {
            let url = input.url.trim();
            let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
            let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
            if !scheme_ok
                || host.is_empty()
                || host.starts_with('/')
                || url.contains(char::is_whitespace)
                || chars(url) > MAX_URL
            {
                return Err(TrainingError::Url);
            }
            out.url = url.to_owned();
        }
        ModuleKind::Checklist => {
            let items: Vec<Texts> = input.items.iter().map(|t| Texts::new(&t.es, &t.en)).collect();
            if items.is_empty() || items.len() > MAX_ITEMS || !items.iter().all(line_ok) {
                return Err(TrainingError::Items);
            }
            out.items = items;
        }
        ModuleKind::Quiz => {
            if input.questions.is_empty() || input.questions.len() > MAX_QUESTIONS {
                return Err(TrainingError::Questions);
            }
            let mut questions = Vec::with_capacity(input.questions.len());
            for q in &input.questions {
                let prompt = Texts::new(&q.prompt.es, &q.prompt.en);
                let options: Vec<Texts> = q.options.iter().map(|o| Texts::new(&o.es, &o.en)).collect();
                if !line_ok(&prompt)
                    || !OPTIONS.contains(&options.len())
                    || !options.iter().all(line_ok)
                    || q.correct >= options.len()
                {
                    return Err(TrainingError::Question);
                }
                questions.push(QuizQuestion {
                    prompt,
                    options,
                    correct: q.correct,
                });
            }
            if !(1..=100).contains(&input.pass_percent) {
                return Err(TrainingError::PassMark);
            }
            out.questions = questions;
            out.pass_percent = input.pass_percent;
        }
    }
    Ok(out)
}

/// Reads checklist items written one per line in each language: line *n* of the Spanish text
/// pairs with line *n* of the English one; blank lines are skipped; a list may be left empty in
/// one language.
///
/// Errors: [`TrainingError::Items`] when both lists have lines and their counts differ.
pub fn items_from_lines(es: &str, en: &str) -> Result<Vec<Texts>, TrainingError> {
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (es, en) = (lines(es), lines(en));
    paired(es, en)
        .ok_or(TrainingError::Items)
        .map(|pairs| pairs.into_iter().map(|(es, en)| Texts { es, en }).collect())
}

/// Writes checklist items back as the two texts [`items_from_lines`] reads.
pub fn items_to_lines(items: &[Texts]) -> (String, String) {
    let join = |f: fn(&Texts) -> &str| items.iter().map(f).collect::<Vec<_>>().join("\n");
    (join(|t| t.es.as_str()), join(|t| t.en.as_str()))
}

/// Pairs two lists of the same length, or fills the empty one with blanks.
fn paired(es: Vec<String>, en: Vec<String>) -> Option<Vec<(String, String)>> {
    match (es.len(), en.len()) {
        (a, b) if a == b => Some(es.into_iter().zip(en).collect()),
        (_, 0) => Some(es.into_iter().map(|e| (e, String::new())).collect()),
        (0, _) => Some(en.into_iter().map(|e| (String::new(), e)).collect()),
        _ => None,
    }
}

/// One question as written in the editor: the prompt, the options, and which one is marked.
struct Written {
    prompt: String,
    options: Vec<String>,
    marked: Vec<usize>,
}

fn written_questions(text: &str) -> Vec<Written> {
    let mut out: Vec<Written> = Vec::new();
    let mut current: Option<Written> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        match current.as_mut() {
            None => {
                current = Some(Written {
                    prompt: line.to_owned(),
                    options: Vec::new(),
                    marked: Vec::new(),
                })
            }
            Some(q) => {
                let (option, right) = match line.strip_prefix('*') {
                    Some(rest) => (rest.trim(), true),
                    None => (line.strip_prefix('-').map(str::trim).unwrap_or(line), false),
                };
                if right {
                    q.marked.push(q.options.len());
                }
                q.options.push(option.to_owned());
            }
        }
    }
    out.extend(current);
    out
}

/// Reads quiz questions as HR writes them, once per language: questions separated by a blank
/// line; a question's first line is the prompt and each following line an option, the right one
/// starting with `*` (others may start with `-`). Question *n* and its options pair across the
/// two languages; a language may be left empty. The right option may be marked in either text.
///
/// Errors: [`TrainingError::Questions`] when the two texts have different numbers of questions,
/// [`TrainingError::Question`] when a question's options differ in number, or it has not
/// exactly one right option (or the two texts mark different ones).
pub fn questions_from_text(es: &str, en: &str) -> Result<Vec<QuizQuestion>, TrainingError> {
    let (es, en) = (written_questions(es), written_questions(en));
    if !es.is_empty() && !en.is_empty() && es.len() != en.len() {
        return Err(TrainingError::Questions);
    }
    let count = es.len().max(en.len());
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (a, b) = (es.get(i), en.get(i));
        let options_es = a.map(|q| q.options.clone()).unwrap_or_default();
        let options_en = b.map(|q| q.options.clone()).unwrap_or_default();
        let options = paired(options_es, options_en).ok_or(TrainingError::Question)?;
        let mut marked: Vec<usize> = a
            .iter()
            .chain(b.iter())
            .flat_map(|q| q.marked.iter().copied())
            .collect();
        marked.sort_unstable();
        marked.dedup();
        let [correct] = marked[..] else {
            return Err(TrainingError::Question);
        };
        out.push(QuizQuestion {
            prompt: Texts::new(
                a.map(|q| q.prompt.as_str()).unwrap_or_default(),
                b.map(|q| q.prompt.as_str()).unwrap_or_default(),
            ),
            options: options.into_iter().map(|(es, en)| Texts { es, en }).collect(),
            correct,
        });
    }
    Ok(out)
}

/// Writes quiz questions back as the two texts [`questions_from_text`] reads.
pub fn questions_to_text(questions: &[QuizQuestion]) -> (String, String) {
    let write = |lang: crate::Lang| {
        questions
            .iter()
            .map(|q| {
                let pick = |t: &Texts| match lang {
                    crate::Lang::Es => t.es.clone(),
                    crate::Lang::En => t.en.clone(),
                };
                let mut lines = vec![pick(&q.prompt)];
                for (i, o) in q.options.iter().enumerate() {
                    lines.push(format!("{} {}", if i == q.correct { "*" } else { "-" }, pick(o)));
                }
                lines.join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    (write(crate::Lang::Es), write(crate::Lang::En))
}

/// The outcome of one quiz try.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizResult {
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the quiz.
    pub total: usize,
    /// `correct` as a whole percent of `total`, rounded down (0–100).
    pub percent: u8,
    /// Whether `percent` reaches the pass mark.
    pub passed: bool,
    /// The questions answered wrong or left unanswered (0-based), shown after the try.
    pub wrong: Vec<usize>,
}

/// Scores a try: `answers[i]` is the option chosen for question `i` (`None` when left out; a
/// missing or out-of-range answer counts as wrong). A quiz with no questions scores 0 and is
/// not passed.
pub fn score_quiz(questions: &[QuizQuestion], pass_percent: u8, answers: &[Option<usize>]) -> QuizResult {
    let wrong: Vec<usize> = (0..questions.len())
        .filter(|&i| answers.get(i).copied().flatten() != Some(questions[i].correct))
        .collect();
    let total = questions.len();
    let correct = total - wrong.len();
    let percent = (correct * 100).checked_div(total).unwrap_or(0);
    let percent = u8::try_from(percent).unwrap_or(100);
    QuizResult {
        correct,
        total,
        percent,
        passed: total > 0 && percent >= pass_percent,
        wrong,
    }
}

/// Whether a checklist of `items` items is complete with the `ticked` item indexes (duplicates
/// and indexes past the end do not count).
pub fn checklist_done(items: usize, ticked: &[usize]) -> bool {
    items > 0 && (0..items).all(|i| ticked.contains(&i))
}

/// A person's progress over the modules that are theirs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Modules completed.
    pub done: usize,
    /// Modules in all.
    pub total: usize,
    /// Required modules completed.
    pub required_done: usize,
    /// Required modules in all.
    pub required_total: usize,
}

impl Progress {
    /// Counts `(required, done)` for each of a person's modules.
    pub fn of(modules: impl IntoIterator<Item = (bool, bool)>) -> Progress {
        modules
            .into_iter()
            .fold(Progress::default(), |mut p, (required, done)| {
                p.total += 1;
                p.done += usize::from(done);
                if required {
                    p.required_total += 1;
                    p.required_done += usize::from(done);
                }
                p
            })
    }

    /// Completed modules as a whole percent of all (0–100, rounded down; 100 when there are none).
    pub fn percent(self) -> u8 {
        u8::try_from((self.done * 100).checked_div(self.total).unwrap_or(100)).unwrap_or(100)
    }

    /// Whether every required module is complete (true when none is required).
    pub fn required_complete(self) -> bool {
        self.required_done >= self.required_total
    }
}

/// Whether a person completed the required training of a program: every required module for
/// their side(s) (`required` lists each required module's key and audience) is in `done`.
/// Pre-match training: when the program requires it, matching leaves out who has not.
pub fn required_complete<'a>(
    required: impl IntoIterator<Item = (&'a str, Audience)>,
    as_mentor: bool,
    as_mentee: bool,
    done: &std::collections::HashSet<&str>,
) -> bool {
    required
        .into_iter()
        .filter(|(_, audience)| is_for(*audience, as_mentor, as_mentee))
        .all(|(module, _)| done.contains(module))
}

/// Whether a module for `audience` is for a person who takes part as mentor and/or mentee.
pub fn is_for(audience: Audience, as_mentor: bool, as_mentee: bool) -> bool {
    (as_mentor && audience.includes(true)) || (as_mentee && audience.includes(false))
}

/// Hours after a training reminder before the same person may be reminded again about the same
/// program's training ("at most once a day per person").
pub const REMIND_AGAIN_AFTER_HOURS: i64 = 24;

/// Where one participant stands on one required module, in HR's progress view of a program
/// (people × required modules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The module is for their side and they completed it.
    Done,
    /// The module is for their side and they have not completed it yet.
    NotDone,
    /// The module is for the other side only: nothing is asked of them (a completion from an
    /// earlier side does not count).
    NotForThem,
}

impl Standing {
    /// Where a person taking part as mentor and/or mentee stands on a module for `audience`,
    /// given whether they `completed` it.
    pub fn of(audience: Audience, as_mentor: bool, as_mentee: bool, completed: bool) -> Standing {
        match (is_for(audience, as_mentor, as_mentee), completed) {
            (false, _) => Standing::NotForThem,
            (true, true) => Standing::Done,
            (true, false) => Standing::NotDone,
        }
    }
}

/// How many of the required modules of a person's row (their [`Standing`] on each) are theirs
/// and not completed. A person with any left has not finished their training: HR may remind
/// them.
pub fn required_left(row: &[Standing]) -> usize {
    row.iter().filter(|s| **s == Standing::NotDone).count()
}

/// Whether a person finished every required module that is for their side (true when none is).
pub fn finished(row: &[Standing]) -> bool {
    required_left(row) == 0
}

/// One required module's column in HR's progress view: people who completed it, of those it is
/// for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnCount {
    /// People it is for who completed it.
    pub done: usize,
    /// People it is for.
    pub expected: usize,
}

/// The count of each of `columns` required modules over the rows of the people ([`Standing`]s
/// in the modules' order; a short row counts as "not for them" past its end).
pub fn column_counts(rows: &[Vec<Standing>], columns: usize) -> Vec<ColumnCount> {
    (0..columns)
        .map(|c| {
            rows.iter().fold(ColumnCount::default(), |mut n, row| {
                match row.get(c) {
                    Some(Standing::Done) => {
                        n.done += 1;
                        n.expected += 1;
                    }
                    Some(Standing::NotDone) => n.expected += 1,
                    Some(Standing::NotForThem) | None => {}
                }
                n
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Texts {
        Texts::new(s, s)
    }

    fn question(correct: usize) -> QuizQuestion {
        QuizQuestion {
            prompt: t("¿?"),
            options: vec![t("a"), t("b"), t("c")],
            correct,
        }
    }

    fn module(kind: ModuleKind) -> ModuleInput {
        ModuleInput {
            title_es: " Escucha activa ".into(),
            title_en: "Active listening".into(),
            body_es: "Texto".into(),
            body_en: "Text".into(),
            kind,
            url: "https://example.com/v".into(),
            minutes: 8,
            audience: Audience::Both,
            required: true,
            items: vec![t("uno"), t("dos")],
            questions: vec![question(0), question(2)],
            pass_percent: 60,
        }
    }

    #[test]
    fn a_module_keeps_only_what_its_kind_uses() {
        let r = validate_module(&module(ModuleKind::Reading)).unwrap();
        assert_eq!(r.title_es, "Escucha activa");
        assert!(r.items.is_empty() && r.questions.is_empty() && r.url.is_empty());
        let c = validate_module(&module(ModuleKind::Checklist)).unwrap();
        assert_eq!(c.items.len(), 2);
        assert!(c.questions.is_empty());
        let q = validate_module(&module(ModuleKind::Quiz)).unwrap();
        assert_eq!((q.questions.len(), q.pass_percent), (2, 60));
        let l = validate_module(&module(ModuleKind::Link)).unwrap();
        assert_eq!(l.url, "https://example.com/v");
    }

    #[test]
    fn refusals_name_their_field() {
        let mut m = module(ModuleKind::Link);
        m.url = "javascript:alert(1)".into();
        assert_eq!(validate_module(&m), Err(TrainingError::Url));
        m.url = "https:///nohost".into();
        assert_eq!(validate_module(&m), Err(TrainingError::Url));
        let mut m = module(ModuleKind::Reading);
        m.title_en = "  ".into();
        assert_eq!(validate_module(&m).map_err(TrainingError::field), Err("title_es"));
        let mut m = module(ModuleKind::Reading);
        m.body_es.clear();
        m.body_en = " ".into();
        assert_eq!(validate_module(&m), Err(TrainingError::ReadingEmpty));
        let mut m = module(ModuleKind::Reading);
        m.minutes = 0;
        assert_eq!(validate_module(&m), Err(TrainingError::Minutes));
        let mut m = module(ModuleKind::Checklist);
        m.items.clear();
        assert_eq!(validate_module(&m), Err(TrainingError::Items));
        let mut m = module(ModuleKind::Quiz);
        m.questions[1].correct = 3;
        assert_eq!(validate_module(&m), Err(TrainingError::Question));
        let mut m = module(ModuleKind::Quiz);
        m.questions[0].options.truncate(1);
        assert_eq!(validate_module(&m), Err(TrainingError::Question));
        let mut m = module(ModuleKind::Quiz);
        m.pass_percent = 0;
        assert_eq!(validate_module(&m), Err(TrainingError::PassMark));
    }

    #[test]
    fn a_quiz_try_is_scored_with_the_wrong_questions_named() {
        let qs = vec![question(0), question(1), question(2), question(0)];
        let r = score_quiz(&qs, 75, &[Some(0), Some(0), Some(2), None]);
        assert_eq!(
            r,
            QuizResult {
                correct: 2,
                total: 4,
                percent: 50,
                passed: false,
                wrong: vec![1, 3]
            }
        );
        let r = score_quiz(&qs, 75, &[Some(0), Some(1), Some(2), Some(9)]);
        assert_eq!((r.percent, r.passed, r.wrong), (75, true, vec![3]));
        // Rounded down: 2 of 3 is 66 %, short of a 67 % mark.
        let r = score_quiz(&qs[..3], 67, &[Some(0), Some(1), None]);
        assert_eq!((r.percent, r.passed), (66, false));
        // Fewer answers than questions: the rest are wrong; no questions never passes.
        assert_eq!(score_quiz(&qs, 1, &[]).wrong, vec![0, 1, 2, 3]);
        assert!(!score_quiz(&[], 1, &[]).passed);
    }

    #[test]
    fn progress_counts_required_modules_apart() {
        let p = Progress::of([(true, true), (true, false), (false, true), (false, false)]);
        assert_eq!(
            p,
            Progress {
                done: 2,
                total: 4,
                required_done: 1,
                required_total: 2
            }
        );
        assert_eq!(p.percent(), 50);
        assert!(!p.required_complete());
        assert!(Progress::of([(false, false)]).required_complete());
        assert_eq!(Progress::of([]).percent(), 100);
        assert_eq!(
            Progress::of([(true, true), (false, false), (false, false)]).percent(),
            33
        );
    }

    #[test]
    fn checklists_are_done_when_every_item_is_ticked() {
        assert!(checklist_done(3, &[2, 0, 1]));
        assert!(!checklist_done(3, &[0, 1, 1, 5]));
        assert!(!checklist_done(0, &[]));
    }

    #[test]
    fn required_training_counts_only_the_modules_for_ones_side() {
        let required = [
            ("a", Audience::Both),
            ("m", Audience::Mentors),
            ("e", Audience::Mentees),
        ];
        let done = |keys: &[&'static str]| keys.iter().copied().collect::<std::collections::HashSet<&str>>();
        assert!(required_complete(required, true, false, &done(&["a", "m"])));
        assert!(!required_complete(required, false, true, &done(&["a", "m"])));
        assert!(!required_complete(required, true, true, &done(&["a", "m"])));
        assert!(required_complete(required, true, true, &done(&["a", "m", "e"])));
        assert!(required_complete([], true, false, &done(&[])));
    }

    #[test]
    fn modules_reach_the_side_they_are_for() {
        assert!(is_for(Audience::Mentors, true, false));
        assert!(!is_for(Audience::Mentors, false, true));
        assert!(is_for(Audience::Mentees, true, true));
        assert!(is_for(Audience::Both, false, true));
        assert!(!is_for(Audience::Both, false, false));
    }

    #[test]
    fn a_person_stands_on_each_required_module_by_their_side() {
        use Standing::*;
        assert_eq!(Standing::of(Audience::Mentors, true, false, true), Done);
        assert_eq!(Standing::of(Audience::Mentors, true, false, false), NotDone);
        // A completion of a module for the other side (from an earlier enrolment) does not count.
        assert_eq!(Standing::of(Audience::Mentors, false, true, true), NotForThem);
        assert_eq!(Standing::of(Audience::Both, false, true, false), NotDone);
        // Someone on both sides is asked every module.
        assert_eq!(Standing::of(Audience::Mentees, true, true, false), NotDone);
        assert_eq!(Standing::of(Audience::Both, false, false, false), NotForThem);
    }

    #[test]
    fn unfinished_means_a_required_module_of_their_side_left() {
        use Standing::*;
        assert_eq!(required_left(&[Done, NotDone, NotForThem, NotDone]), 2);
        assert!(!finished(&[Done, NotDone]));
        // Only modules for the other side, or none at all: nothing left, finished.
        assert!(finished(&[NotForThem, Done]));
        assert!(finished(&[]));
        assert_eq!(required_left(&[NotForThem]), 0);
    }

    #[test]
    fn columns_count_only_the_people_a_module_is_for() {
        use Standing::*;
        let rows = vec![
            vec![Done, NotForThem, NotDone],
            vec![NotDone, Done, NotDone],
            vec![Done, NotForThem],
        ];
        assert_eq!(
            column_counts(&rows, 3),
            vec![
                ColumnCount { done: 2, expected: 3 },
                ColumnCount { done: 1, expected: 1 },
                ColumnCount { done: 0, expected: 2 },
            ]
        );
        assert!(column_counts(&[], 2).iter().all(|c| *c == ColumnCount::default()));
        assert!(column_counts(&rows, 0).is_empty());
    }

    #[test]
    fn texts_fall_back_to_the_other_language() {
        let x = Texts::new(" hola ", "");
        assert_eq!(x.get(crate::Lang::En), "hola");
        assert_eq!(ModuleKind::parse("quiz"), Some(ModuleKind::Quiz));
        assert_eq!(ModuleKind::parse("video"), None);
    }

    #[test]
    fn checklists_and_quizzes_are_written_as_plain_text_per_language() {
        let items = items_from_lines("uno\n\n dos ", "one\ntwo").unwrap();
        assert_eq!(items, vec![Texts::new("uno", "one"), Texts::new("dos", "two")]);
        assert_eq!(items_from_lines("uno\ndos", "one"), Err(TrainingError::Items));
        assert_eq!(items_from_lines("uno", "").unwrap(), vec![Texts::new("uno", "")]);
        assert_eq!(
            items_to_lines(&items),
            ("uno\ndos".to_owned(), "one\ntwo".to_owned())
        );

        let es = "¿Qué es?\n- Nada\n* Algo\n\n¿Cuándo?\n* Ahora\n- Luego";
        let en = "What is it?\n- Nothing\n- Something\n\nWhen?\n- Now\n- Later";
        let qs = questions_from_text(es, en).unwrap();
        assert_eq!(qs.len(), 2);
        assert_eq!((qs[0].correct, qs[1].correct), (1, 0));
        assert_eq!(qs[0].options[1], Texts::new("Algo", "Something"));
        assert_eq!(
            questions_from_text(&questions_to_text(&qs).0, &questions_to_text(&qs).1).unwrap(),
            qs
        );
        // Two right answers, none, or different ones in each language are refused.
        assert_eq!(
            questions_from_text("P\n* a\n* b", ""),
            Err(TrainingError::Question)
        );
        assert_eq!(
            questions_from_text("P\n- a\n- b", ""),
            Err(TrainingError::Question)
        );
        assert_eq!(
            questions_from_text("P\n* a\n- b", "Q\n- a\n* b"),
            Err(TrainingError::Question)
        );
        assert_eq!(
            questions_from_text("P\n* a\n- b", "Q\n* a\n- b\n\nR\n* x\n- y"),
            Err(TrainingError::Questions)
        );
    }
}
