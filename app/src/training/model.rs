//! Wire types of training: plain data sent between server and browser (serde), kept apart from
//! database rows.

use domain::training::{Audience, ModuleKind, Standing};
use serde::{Deserialize, Serialize};

/// A module in HR's list of a program's modules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSummary {
    /// Module key.
    pub key: String,
    /// What it asks.
    pub kind: ModuleKind,
    /// Title in the reader's language.
    pub title: String,
    /// Estimated length, minutes.
    pub minutes: u32,
    /// Who takes it.
    pub audience: Audience,
    /// Whether it must be completed.
    pub required: bool,
    /// People who completed it.
    pub completions: i64,
}

/// HR's module editor: the form's values as text, for a new module (`key` empty) or an
/// existing one. Checklist items are one per line; quiz questions are blocks separated by a
/// blank line, the prompt first and one option per line, the right one starting with `*`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleDraft {
    /// Module key; empty for a new module.
    pub key: String,
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Spanish text (Markdown).
    pub body_es: String,
    /// English text (Markdown).
    pub body_en: String,
    /// `reading`, `link`, `checklist` or `quiz`.
    pub kind: String,
    /// The video or page of a link module.
    pub url: String,
    /// Estimated length, minutes.
    pub minutes: u32,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// Whether it must be completed.
    pub required: bool,
    /// Checklist items in Spanish, one per line.
    pub items_es: String,
    /// Checklist items in English, one per line.
    pub items_en: String,
    /// Quiz questions in Spanish.
    pub questions_es: String,
    /// Quiz questions in English.
    pub questions_en: String,
    /// Quiz pass mark, percent.
    pub pass_percent: u8,
}

/// What removing a module did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoveOutcome {
    /// It is gone.
    Removed,
    /// People completed it (how many): asked again with confirmation.
    NeedsConfirmation(i64),
}

/// One of my modules in "My training".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyModuleItem {
    /// Module key.
    pub key: String,
    /// Title in my language.
    pub title: String,
    /// Its program's name.
    pub program: String,
    /// What it asks.
    pub kind: ModuleKind,
    /// Estimated length, minutes.
    pub minutes: u32,
    /// Whether it must be completed.
    pub required: bool,
    /// Whether I completed it.
    pub done: bool,
}

/// "My training": my modules (required first) and how far I am (the `my_training` answer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingOverview {
    /// My modules.
    pub modules: Vec<MyModuleItem>,
    /// Modules completed.
    pub done: usize,
    /// Modules in all.
    pub total: usize,
    /// Required modules completed.
    pub required_done: usize,
    /// Required modules in all.
    pub required_total: usize,
    /// `done` as a whole percent of `total` (0–100).
    pub percent: u8,
}

/// A checklist item on a module page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    /// The item in my language.
    pub label: String,
    /// Whether I ticked it.
    pub ticked: bool,
}

/// A quiz question on a module page (the right answer is not sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    /// The question in my language.
    pub prompt: String,
    /// The options in my language.
    pub options: Vec<String>,
}

/// A module's page, for the participant taking it or HR previewing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleView {
    /// Module key.
    pub key: String,
    /// Title in the reader's language.
    pub title: String,
    /// Its program's name.
    pub program: String,
    /// What it asks.
    pub kind: ModuleKind,
    /// Estimated length, minutes.
    pub minutes: u32,
    /// Whether it must be completed.
    pub required: bool,
    /// The text as sanitised HTML (see `training::markdown`).
    pub body_html: String,
    /// The video or page of a link module.
    pub link: Option<String>,
    /// Checklist items.
    pub items: Vec<ItemView>,
    /// Quiz questions.
    pub questions: Vec<QuestionView>,
    /// Quiz pass mark, percent.
    pub pass_percent: u8,
    /// Whether the reader completed it.
    pub done: bool,
    /// Quiz tries so far.
    pub attempts: i64,
    /// Best quiz score, percent.
    pub best_percent: Option<i64>,
    /// Questions wrong in the last try (0-based).
    pub last_wrong: Vec<usize>,
    /// HR looking at it: nothing can be ticked or answered.
    pub preview: bool,
}

/// A required module as a column of HR's training progress view, with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressColumn {
    /// Module key.
    pub key: String,
    /// Title in the asker's language.
    pub title: String,
    /// Who takes it.
    pub audience: Audience,
    /// People it is for who completed it.
    pub done: usize,
    /// People it is for.
    pub expected: usize,
}

/// One active participant as a row of HR's training progress view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressPerson {
    /// Employee key.
    pub employee: String,
    /// Their name.
    pub name: String,
    /// Takes part as mentor.
    pub as_mentor: bool,
    /// Takes part as mentee.
    pub as_mentee: bool,
    /// Where they stand on each required module, in the columns' order.
    pub standings: Vec<Standing>,
    /// Required modules for their side not completed yet.
    pub left: usize,
    /// Whether they completed every required module for their side (`left` is 0).
    pub finished: bool,
}

/// HR's training progress view of a program (the `training_progress` answer): active
/// participants × required modules, with counts. Optional modules are not shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingProgress {
    /// The program's name.
    pub program: String,
    /// The required modules, in the program's order.
    pub columns: Vec<ProgressColumn>,
    /// The active participants, by name.
    pub rows: Vec<ProgressPerson>,
    /// Participants who finished every required module for their side.
    pub finished: usize,
    /// Required completions made, over every person and module.
    pub done: usize,
    /// Required completions asked, over every person and module (each person, each required
    /// module for their side).
    pub expected: usize,
}
