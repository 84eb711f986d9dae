//! Training modules of a program and each person's progress in them.
//!
//! HR owns a program's modules (the caller checks program ownership). A participant reaches a
//! module only through an active enrolment in its program on a side the module is for; every
//! participant function finds the person from the account and checks that inside its own query,
//! so "not yours" and "not there" answer the same (`None` / [`Taken::NotFound`]).

use chrono::{DateTime, Utc};
use domain::training::{ModuleInput, QuizQuestion, Texts};
use serde::{Deserialize, Serialize};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{
    AccountKey, Database, DbError, DbResult, EmployeeKey, ProgramKey, TrainingModuleKey, new_key, users,
};

/// Table of modules.
pub const TABLE: &str = "training_module";

fn account(account: &AccountKey) -> RecordId {
    RecordId::new(users::TABLE, account.as_str())
}

fn module(module_key: &str) -> RecordId {
    RecordId::new(TABLE, module_key)
}

/// What a module holds beyond its texts, stored as JSON (`content_json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    /// Checklist items.
    #[serde(default)]
    pub items: Vec<Texts>,
    /// Quiz questions.
    #[serde(default)]
    pub questions: Vec<QuizQuestion>,
    /// Quiz pass mark, percent.
    #[serde(default)]
    pub pass_percent: u8,
}

impl Content {
    fn of(m: &ModuleInput) -> Content {
        Content {
            items: m.items.clone(),
            questions: m.questions.clone(),
            pass_percent: m.pass_percent,
        }
    }

    fn json(m: &ModuleInput) -> String {
        // A struct of strings and numbers always serialises.
        serde_json::to_string(&Content::of(m)).unwrap_or_else(|_| "{}".to_owned())
    }
}

/// A stored module.
#[derive(Debug, Clone, SurrealValue)]
pub struct ModuleRow {
    /// Record id.
    pub id: RecordId,
    /// Its program.
    pub program: RecordId,
    /// Place in the program's list (0 first).
    pub position: i64,
    /// `reading`, `link`, `checklist` or `quiz`.
    pub kind: String,
    /// Spanish title.
    pub title_es: String,
    /// English title.
    pub title_en: String,
    /// Spanish text (Markdown).
    pub body_es: String,
    /// English text (Markdown).
    pub body_en: String,
    /// The video or page of a link module.
    pub link: Option<String>,
    /// Estimated length in minutes.
    pub minutes: i64,
    /// `mentors`, `mentees` or `both`.
    pub audience: String,
    /// Whether it must be completed.
    pub required: bool,
    /// Items, questions and pass mark ([`Content`] as JSON).
    pub content_json: String,
    /// People who completed it.
    pub completions: i64,
}

impl ModuleRow {
    /// The record key.
    pub fn key(&self) -> String {
        crate::key_of(&self.id)
    }

    /// The module as the domain describes it.
    ///
    /// Errors: [`DbError::Unreadable`] for a kind, audience or content this version does not
    /// know.
    pub fn input(&self) -> DbResult<ModuleInput> {
        let kind = crate::stored(
            "training module kind",
            &self.kind,
            domain::training::ModuleKind::parse,
        )?;
        let audience = crate::stored(
            "training audience",
            &self.audience,
            domain::training::Audience::parse,
        )?;
        let content: Content = serde_json::from_str(&self.content_json).map_err(|_| {
            DbError::Unreadable(format!(
                "training content `{}`",
                self.content_json.chars().take(80).collect::<String>()
            ))
        })?;
        Ok(ModuleInput {
            title_es: self.title_es.clone(),
            title_en: self.title_en.clone(),
            body_es: self.body_es.clone(),
            body_en: self.body_en.clone(),
            kind,
            url: self.link.clone().unwrap_or_default(),
            minutes: u32::try_from(self.minutes).unwrap_or(1),
            audience,
            required: self.required,
            items: content.items,
            questions: content.questions,
            pass_percent: content.pass_percent,
        })
    }
}

/// The projection of a module, joined into queries at compile time with `concat!`.
macro_rules! module_fields {
    () => {
        "id, program, position, kind, title_es, title_en, body_es, body_en, link, minutes,
    audience, required, content_json,
    count(SELECT id FROM training_progress WHERE module = $parent.id AND completed_at != NONE) AS completions"
    };
}

/// The binds that write a module's fields (`$kind`, `$title_es`… `$content`).
fn module_binds(m: &ModuleInput) -> Vec<(&'static str, surrealdb::types::Value)> {
    vec![
        ("kind", crate::val(m.kind.as_str().to_owned())),
        ("title_es", crate::val(m.title_es.clone())),
        ("title_en", crate::val(m.title_en.clone())),
        ("body_es", crate::val(m.body_es.clone())),
        ("body_en", crate::val(m.body_en.clone())),
        ("link", crate::val((!m.url.is_empty()).then(|| m.url.clone()))),
        ("minutes", crate::val(i64::from(m.minutes))),
        ("audience", crate::val(m.audience.as_str().to_owned())),
        ("required", crate::val(m.required)),
        ("content", crate::val(Content::json(m))),
    ]
}

macro_rules! set_fields {
    () => {
        "kind = $kind, title_es = $title_es, title_en = $title_en, body_es = $body_es,
    body_en = $body_en, link = $link, minutes = $minutes, audience = $audience, required = $required,
    content_json = $content"
    };
}

/// Adds modules (validated by the caller) at the end of the program's list, in one transaction;
/// answers their keys in order.
pub async fn add(db: &Database, program_key: &str, modules: &[ModuleInput]) -> DbResult<Vec<String>> {
    let mut keys = Vec::with_capacity(modules.len());
    let mut rows = Vec::with_capacity(modules.len());
    for (i, m) in modules.iter().enumerate() {
        let key = new_key();
        let content = Content::json(m);
        rows.push(serde_json::json!({
            "key": key, "index": i, "kind": m.kind.as_str(), "title_es": m.title_es, "title_en": m.title_en,
            "body_es": m.body_es, "body_en": m.body_en,
            "link": if m.url.is_empty() { serde_json::Value::Null } else { m.url.clone().into() },
            "minutes": m.minutes, "audience": m.audience.as_str(), "required": m.required,
            "content": content,
        }));
        keys.push(key);
    }
    db.execute(
        "BEGIN TRANSACTION;
         LET $start = count(SELECT id FROM training_module WHERE program = $program);
         FOR $m IN $rows {
             CREATE type::record('training_module', $m.key) SET program = $program, position = $start + $m.index,
                 kind = $m.kind, title_es = $m.title_es, title_en = $m.title_en, body_es = $m.body_es,
                 body_en = $m.body_en, link = $m.link ?? NONE, minutes = $m.minutes, audience = $m.audience,
                 required = $m.required, content_json = $m.content;
         };
         COMMIT TRANSACTION;",
        &[
            ("program", crate::val(RecordId::new("program", program_key))),
            ("rows", crate::val(serde_json::Value::Array(rows))),
        ],
    )
    .await?;
    Ok(keys)
}

/// The program's modules in their order.
pub async fn list(db: &Database, program_key: &str) -> DbResult<Vec<ModuleRow>> {
    db.client()
        .query(concat!(
            "SELECT ",
            module_fields!(),
            ", created_at FROM training_module WHERE program = $program
             ORDER BY position, created_at"
        ))
        .bind(("program", RecordId::new("program", program_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// The modules of several programs in one query, each program's in its order (programs in the
/// order given).
pub async fn list_for_programs(db: &Database, programs: &[ProgramKey]) -> DbResult<Vec<ModuleRow>> {
    let ids: Vec<RecordId> = programs
        .iter()
        .map(|p| RecordId::new("program", p.as_str()))
        .collect();
    let mut rows: Vec<ModuleRow> = db
        .client()
        .query(concat!(
            "SELECT ",
            module_fields!(),
            ", created_at FROM training_module WHERE program IN $programs ORDER BY position, created_at"
        ))
        .bind(("programs", ids.clone()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    rows.sort_by_key(|m| ids.iter().position(|p| *p == m.program));
    Ok(rows)
}

/// Who may be matched in a program that requires its training first: whether it does, and the
/// employee keys of the active participants who completed the required modules of their side
/// (or had the training waived by HR).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingGate {
    /// `program.requires_training`.
    pub required: bool,
    /// Employee keys of those who may be matched.
    pub complete: std::collections::HashSet<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct Enrolment {
    employee: RecordId,
    as_mentor: bool,
    as_mentee: bool,
    training_waived: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct RequiredModule {
    id: RecordId,
    audience: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct Completion {
    module: RecordId,
    employee: RecordId,
}

/// The program's [`TrainingGate`].
pub async fn gate(db: &Database, program: &ProgramKey) -> DbResult<TrainingGate> {
    let mut response = db
        .client()
        .query(
            "RETURN (SELECT VALUE requires_training FROM ONLY $program) ?? false;
             SELECT in AS employee, as_mentor, as_mentee, training_waived FROM enrolled
                 WHERE out = $program AND status = 'active';
             SELECT id, audience FROM training_module WHERE program = $program AND required = true;
             SELECT module, employee FROM training_progress
                 WHERE module.program = $program AND completed_at != NONE;",
        )
        .bind(("program", RecordId::new("program", program.as_str())))
        .await
        .map_err(DbError::from_surreal)?;
    let required: Option<bool> = response.take(0).map_err(DbError::from_surreal)?;
    let people: Vec<Enrolment> = response.take(1).map_err(DbError::from_surreal)?;
    let modules: Vec<RequiredModule> = response.take(2).map_err(DbError::from_surreal)?;
    let done: Vec<Completion> = response.take(3).map_err(DbError::from_surreal)?;
    let modules: Vec<(String, domain::training::Audience)> = modules
        .iter()
        .map(|m| {
            let audience = crate::stored(
                "training audience",
                &m.audience,
                domain::training::Audience::parse,
            )?;
            Ok((crate::key_of(&m.id), audience))
        })
        .collect::<DbResult<_>>()?;
    let complete = people
        .iter()
        .filter(|p| {
            let mine: Vec<String> = done
                .iter()
                .filter(|d| d.employee == p.employee)
                .map(|d| crate::key_of(&d.module))
                .collect();
            let mine = mine.iter().map(String::as_str).collect();
            p.training_waived
                || domain::training::required_complete(
                    modules.iter().map(|(k, a)| (k.as_str(), *a)),
                    p.as_mentor,
                    p.as_mentee,
                    &mine,
                )
        })
        .map(|p| crate::key_of(&p.employee))
        .collect();
    Ok(TrainingGate {
        required: required.unwrap_or(false),
        complete,
    })
}

/// Switches "required training must be complete before matching" for the program.
pub async fn set_required(db: &Database, program: &ProgramKey, required: bool) -> DbResult<()> {
    db.execute(
        "UPDATE $program SET requires_training = $required",
        &[
            ("program", crate::val(RecordId::new("program", program.as_str()))),
            ("required", crate::val(required)),
        ],
    )
    .await
}

/// Waives the required training for one participant of the program (an active enrolment);
/// answers whether there was such a person.
pub async fn waive(db: &Database, program: &ProgramKey, employee: &EmployeeKey) -> DbResult<bool> {
    let changed: Vec<RecordId> = db
        .write(
            "UPDATE enrolled SET training_waived = true
                 WHERE in = $employee AND out = $program AND status = 'active' RETURN VALUE id",
            &[
                ("program", crate::val(RecordId::new("program", program.as_str()))),
                (
                    "employee",
                    crate::val(RecordId::new(crate::employees::TABLE, employee.as_str())),
                ),
            ],
        )
        .await?;
    Ok(!changed.is_empty())
}

/// One module.
pub async fn get(db: &Database, module_key: &str) -> DbResult<Option<ModuleRow>> {
    db.client()
        .query(concat!("SELECT ", module_fields!(), " FROM ONLY $module"))
        .bind(("module", module(module_key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Replaces a module's texts and settings (validated by the caller); answers whether it exists.
/// Progress already made is kept: a checklist keeps the ticks of items that still exist.
pub async fn update(db: &Database, module_key: &str, m: &ModuleInput) -> DbResult<bool> {
    let mut binds = module_binds(m);
    binds.push(("module", crate::val(module(module_key))));
    binds.push(("items", crate::val(i64::try_from(m.items.len()).unwrap_or(0))));
    let written: Vec<RecordId> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
                 LET $done = (UPDATE $module SET ",
                set_fields!(),
                " RETURN VALUE id);
                 UPDATE training_progress SET ticked = ticked[WHERE $this < $items] WHERE module = $module;
                 RETURN $done;
                 COMMIT TRANSACTION;"
            ),
            &binds,
        )
        .await?;
    Ok(!written.is_empty())
}

/// What removing a module did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// It is gone, with everyone's progress in it.
    Removed,
    /// People have completed it (how many) and the removal was not confirmed: nothing changed.
    HasCompletions(i64),
    /// No such module.
    NotFound,
}

/// Removes a module; one that people have completed goes only when `confirmed`. The modules
/// after it move up, and workshops that counted as it no longer count as any.
pub async fn remove(db: &Database, module_key: &str, confirmed: bool) -> DbResult<Removal> {
    let answer: Option<i64> = db
        .write(
            "BEGIN TRANSACTION;
             LET $m = (SELECT program, position FROM ONLY $module);
             LET $done = count(SELECT id FROM training_progress WHERE module = $module AND completed_at != NONE);
             LET $answer = IF $m = NONE { -1 } ELSE IF $done > 0 AND !$confirmed { $done } ELSE {
                 DELETE training_progress WHERE module = $module;
                 UPDATE workshop SET module = NONE WHERE module = $module;
                 DELETE $module;
                 UPDATE training_module SET position -= 1 WHERE program = $m.program AND position > $m.position;
                 0
             };
             RETURN $answer;
             COMMIT TRANSACTION;",
            &[
                ("module", crate::val(module(module_key))),
                ("confirmed", crate::val(confirmed)),
            ],
        )
        .await?;
    Ok(match answer {
        Some(0) => Removal::Removed,
        Some(n) if n > 0 => Removal::HasCompletions(n),
        _ => Removal::NotFound,
    })
}

/// Moves a module to place `to` (0-based, clamped to the list) in its program, renumbering the
/// others in one transaction; answers whether it exists.
pub async fn move_to(db: &Database, module_key: &str, to: usize) -> DbResult<bool> {
    let Some(row) = get(db, module_key).await? else {
        return Ok(false);
    };
    let mut order: Vec<RecordId> = list(db, &crate::key_of(&row.program))
        .await?
        .into_iter()
        .map(|m| m.id)
        .filter(|id| *id != row.id)
        .collect();
    order.insert(to.min(order.len()), row.id);
    db.execute(
        "BEGIN TRANSACTION;
         FOR $p IN $order { UPDATE type::record('training_module', $p.key) SET position = $p.position; };
         COMMIT TRANSACTION;",
        &[(
            "order",
            crate::val(
                order
                    .iter()
                    .enumerate()
                    .map(|(i, id)| serde_json::json!({"key": crate::key_of(id), "position": i}))
                    .collect::<Vec<_>>(),
            ),
        )],
    )
    .await?;
    Ok(true)
}

/// A person's progress in one module.
#[derive(Debug, Clone, Default, SurrealValue)]
pub struct ProgressRow {
    /// Checklist items ticked (0-based).
    pub ticked: Vec<i64>,
    /// Quiz tries.
    pub attempts: i64,
    /// Best quiz score, percent.
    pub best_percent: Option<i64>,
    /// Questions wrong in the last quiz try (0-based).
    pub last_wrong: Vec<i64>,
    /// When it was completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A module as one participant sees it: the module, its program's name and their progress.
#[derive(Debug, Clone, SurrealValue)]
pub struct MyModule {
    /// The module.
    pub module: ModuleRow,
    /// Its program's name.
    pub program_name: String,
    /// Their progress (`None` before they start).
    pub progress: Option<ProgressRow>,
}

/// The progress record of `$m` (a module row) for `$e` (an employee).
macro_rules! progress_id {
    () => {
        "type::record('training_progress', [record::id($m.id), record::id($e)])"
    };
}

/// One active enrolment of the person: which program, as whom.
#[derive(Debug, Clone, SurrealValue)]
struct Reach {
    program: RecordId,
    employee: RecordId,
    as_mentor: bool,
    as_mentee: bool,
}

/// A progress record with its keys.
#[derive(Debug, Clone, SurrealValue)]
struct KeyedProgress {
    module: RecordId,
    employee: RecordId,
    ticked: Vec<i64>,
    attempts: i64,
    best_percent: Option<i64>,
    last_wrong: Vec<i64>,
    completed_at: Option<DateTime<Utc>>,
}

/// A program's id and name.
#[derive(Debug, Clone, SurrealValue)]
struct ProgramName {
    id: RecordId,
    name: String,
}

/// Every module that is the person's (an active enrolment on a side the module is for), with
/// their progress: required first, then in each program's order.
pub async fn mine(db: &Database, account_key: &AccountKey) -> DbResult<Vec<MyModule>> {
    let mut response = db
        .client()
        .query(concat!(
            reach!(),
            "
             SELECT ",
            module_fields!(),
            ", created_at FROM training_module WHERE program IN $reach.program
                 ORDER BY position, created_at;
             SELECT module, employee, ticked, attempts, best_percent, last_wrong, completed_at
                 FROM training_progress WHERE employee IN $me;
             SELECT id, name FROM program WHERE id IN $reach.program;
             RETURN $reach;"
        ))
        .bind(("account", account(account_key)))
        .await
        .map_err(DbError::from_surreal)?;
    let modules: Vec<ModuleRow> = response.take(2).map_err(DbError::from_surreal)?;
    let progress: Vec<KeyedProgress> = response.take(3).map_err(DbError::from_surreal)?;
    let names: Vec<ProgramName> = response.take(4).map_err(DbError::from_surreal)?;
    let reach: Vec<Reach> = response.take(5).map_err(DbError::from_surreal)?;
    let mut out = Vec::new();
    for m in modules {
        let audience = crate::stored(
            "training audience",
            &m.audience,
            domain::training::Audience::parse,
        )?;
        let Some(r) = reach
            .iter()
            .find(|r| r.program == m.program && domain::training::is_for(audience, r.as_mentor, r.as_mentee))
        else {
            continue;
        };
        let progress = progress
            .iter()
            .find(|p| p.module == m.id && p.employee == r.employee)
            .map(|p| ProgressRow {
                ticked: p.ticked.clone(),
                attempts: p.attempts,
                best_percent: p.best_percent,
                last_wrong: p.last_wrong.clone(),
                completed_at: p.completed_at,
            });
        let program_name = names
            .iter()
            .find(|n| n.id == m.program)
            .map(|n| n.name.clone())
            .unwrap_or_default();
        out.push(MyModule {
            module: m,
            program_name,
            progress,
        });
    }
    out.sort_by_key(|r| !r.module.required);
    Ok(out)
}

/// One of the person's modules with their progress; `None` when it is not theirs.
pub async fn my_module(
    db: &Database,
    account_key: &AccountKey,
    module_key: &TrainingModuleKey,
) -> DbResult<Option<MyModule>> {
    let mut response = db
        .client()
        .query(concat!(
            reach!(),
            "
             LET $m = (SELECT ",
            module_fields!(),
            " FROM ONLY $module);
             LET $e = IF $m = NONE { NONE } ELSE { ",
            employee_for!("$m"),
            " };
             RETURN IF $e = NONE { NONE } ELSE { {
                 module: $m,
                 program_name: (SELECT VALUE name FROM ONLY $m.program),
                 progress: (SELECT ticked, attempts, best_percent, last_wrong, completed_at
                     FROM ONLY ",
            progress_id!(),
            ")
             } };"
        ))
        .bind(("account", account(account_key)))
        .bind(("module", module(module_key.as_str())))
        .await
        .map_err(DbError::from_surreal)?;
    response.take(4).map_err(DbError::from_surreal)
}

/// What a participant's training write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Recorded.
    Done,
    /// The module is not the person's (or does not exist).
    NotFound,
}

/// The transaction of a participant's progress write: finds the person's employee through whom
/// the module reaches them (`$e`, or NONE), creates their progress record `$pid` on first use and
/// runs `$change` (SurrealQL setting its fields) on it; answers whether the module is theirs.
macro_rules! progress_change {
    ($change:literal) => {
        concat!(
            "BEGIN TRANSACTION;",
            reach!(),
            "
             LET $m = (SELECT id, program, audience FROM ONLY $module);
             LET $e = IF $m = NONE { NONE } ELSE { ",
            employee_for!("$m"),
            " };
             IF $e != NONE {
                 LET $pid = ",
            progress_id!(),
            ";
                 UPSERT $pid SET module = $m.id, employee = $e;
                 ",
            $change,
            "
             };
             RETURN $e != NONE;
             COMMIT TRANSACTION;"
        )
    };
}

/// Runs `text` (a [`progress_change!`] transaction) for the person's progress in the module.
async fn progress_write(
    db: &Database,
    account_key: &AccountKey,
    module_key: &TrainingModuleKey,
    text: &'static str,
    mut binds: Vec<(&'static str, surrealdb::types::Value)>,
) -> DbResult<Taken> {
    binds.push(("account", crate::val(account(account_key))));
    binds.push(("module", crate::val(module(module_key.as_str()))));
    let done: Option<bool> = db.write(text, &binds).await?;
    Ok(if done == Some(true) {
        Taken::Done
    } else {
        Taken::NotFound
    })
}

/// Marks a reading or link module done (once: a repeat keeps the first time).
pub async fn mark_done(
    db: &Database,
    account_key: &AccountKey,
    module_key: &TrainingModuleKey,
) -> DbResult<Taken> {
    progress_write(
        db,
        account_key,
        module_key,
        progress_change!("UPDATE $pid SET completed_at = completed_at ?? time::now();"),
        Vec::new(),
    )
    .await
}

/// Ticks (or unticks) checklist item `item` of a checklist of `items` items (the caller checks
/// `item < items`); the module is complete while every item is ticked.
pub async fn tick(
    db: &Database,
    account_key: &AccountKey,
    module_key: &TrainingModuleKey,
    item: usize,
    on: bool,
    items: usize,
) -> DbResult<Taken> {
    progress_write(
        db,
        account_key,
        module_key,
        progress_change!("UPDATE $pid SET ticked = IF $on { array::sort(array::union(ticked, [$item])) }
             ELSE { array::complement(ticked, [$item]) };
         UPDATE $pid SET completed_at = IF array::len(ticked) >= $items { completed_at ?? time::now() } ELSE { NONE };"),
        vec![
            ("item", crate::val(i64::try_from(item).unwrap_or(i64::MAX))),
            ("on", crate::val(on)),
            ("items", crate::val(i64::try_from(items).unwrap_or(i64::MAX))),
        ],
    )
    .await
}

/// Records a quiz try scored by the caller: one more try, the best score kept, the questions
/// wrong this time, and completion once a try passes (a later failed try does not undo it).
pub async fn record_try(
    db: &Database,
    account_key: &AccountKey,
    module_key: &TrainingModuleKey,
    result: &domain::training::QuizResult,
) -> DbResult<Taken> {
    let wrong: Vec<i64> = result
        .wrong
        .iter()
        .map(|&i| i64::try_from(i).unwrap_or(i64::MAX))
        .collect();
    progress_write(
        db,
        account_key,
        module_key,
        progress_change!("UPDATE $pid SET attempts = attempts + 1, best_percent = math::max([best_percent ?? 0, $percent]),
             last_wrong = $wrong, completed_at = IF $passed { completed_at ?? time::now() } ELSE { completed_at };"),
        vec![
            ("percent", crate::val(i64::from(result.percent))),
            ("wrong", crate::val(wrong)),
            ("passed", crate::val(result.passed)),
        ],
    )
    .await
}

/// One active participant of a program in HR's progress view, with the modules of the program
/// they completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The person.
    pub employee: EmployeeKey,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// Takes part as mentor.
    pub as_mentor: bool,
    /// Takes part as mentee.
    pub as_mentee: bool,
    /// The modules of the program they completed (any side, required or not).
    pub completed: Vec<TrainingModuleKey>,
}

#[derive(Debug, Clone, SurrealValue)]
struct StoredGridRow {
    employee: RecordId,
    name: String,
    email: String,
    as_mentor: bool,
    as_mentee: bool,
    completed: Vec<RecordId>,
}

/// Every active participant of the program (by name) with the modules of the program they
/// completed; the caller checks program ownership.
pub async fn progress_grid(db: &Database, program: &ProgramKey) -> DbResult<Vec<GridRow>> {
    let rows: Vec<StoredGridRow> = db
        .client()
        .query(
            "SELECT in AS employee, in.name AS name, in.email AS email, as_mentor, as_mentee,
                 (SELECT VALUE module FROM training_progress
                     WHERE employee = $parent.in AND completed_at != NONE AND module.program = $program) AS completed
             FROM enrolled WHERE out = $program AND status = 'active' ORDER BY name COLLATE",
        )
        .bind(("program", RecordId::new(crate::programs::TABLE, program.as_str())))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(rows
        .into_iter()
        .map(|r| GridRow {
            employee: EmployeeKey::new(crate::key_of(&r.employee)),
            name: r.name,
            email: r.email,
            as_mentor: r.as_mentor,
            as_mentee: r.as_mentee,
            completed: r
                .completed
                .iter()
                .map(|m| TrainingModuleKey::new(crate::key_of(m)))
                .collect(),
        })
        .collect())
}

/// Reminds the program's active participants who have not finished their training: each who has
/// a required module for their side not completed (`domain::training::required_left` > 0) and
/// was not reminded about this program's training in the last
/// [`domain::training::REMIND_AGAIN_AFTER_HOURS`] hours before `now`. In one transaction: the
/// check, the time of the reminder (`enrolled.training_reminded_at`) and the notice
/// (`training_reminder`: the program's name and how many required modules are left, linking to
/// `/training`), so two reminders sent at once remind nobody twice. Answers how many were
/// reminded. The caller checks program ownership.
pub async fn remind_unfinished(
    db: &Database,
    program: &ProgramKey,
    base_url: &str,
    now: DateTime<Utc>,
) -> DbResult<usize> {
    let since = now - chrono::Duration::hours(domain::training::REMIND_AGAIN_AFTER_HOURS);
    let reminded: Option<i64> = db
        .write(
            concat!(
                "BEGIN TRANSACTION;
                 LET $name = (SELECT VALUE name FROM ONLY $program);
                 LET $people = (SELECT id, in AS employee, as_mentor, as_mentee FROM enrolled
                     WHERE out = $program AND status = 'active'
                         AND (training_reminded_at = NONE OR training_reminded_at <= $since));
                 -- Required modules for the person's side (domain::training::is_for) not completed.
                 LET $due = (SELECT id, employee, count(
                         SELECT id FROM training_module WHERE program = $program AND required = true
                             AND ((audience IN ['mentors', 'both'] AND $parent.as_mentor)
                                 OR (audience IN ['mentees', 'both'] AND $parent.as_mentee))
                             AND type::record('training_progress', [record::id(id), record::id($parent.employee)]).completed_at = NONE
                     ) AS left FROM $people)[WHERE left > 0];
                 FOR $d IN $due {
                     UPDATE $d.id SET training_reminded_at = $now;
                     LET $recipient = (SELECT email, account, account.lang AS lang FROM ONLY $d.employee);
                     LET $kind = 'training_reminder';
                     LET $params = { program: $name, left: $d.left };
                     LET $link = '/training';
                     ",
                tell_person!(),
                "
                 };
                 RETURN array::len($due);
                 COMMIT TRANSACTION;"
            ),
            &[
                ("program", crate::val(RecordId::new(crate::programs::TABLE, program.as_str()))),
                ("since", crate::val(since)),
                ("now", crate::val(now)),
                ("base", crate::val(base_url.to_owned())),
            ],
        )
        .await?;
    Ok(reminded.and_then(|n| usize::try_from(n).ok()).unwrap_or(0))
}
