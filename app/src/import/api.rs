//! Employee import: HR previews a CSV file against the organisation, then imports it into one of
//! their programs, all or nothing.
//!
//! The file travels as base64 text (JSON-encoded arguments), so Windows-1252 bytes survive the
//! trip. Both functions re-read the file with [`domain::import::preview`] on the server: the
//! browser never decides what is valid.

use domain::import::{
    ColumnMapping, DateReport, Delimiter, EncodingCheck, ImportError, ImportOptions, LevelReport, Question,
    RoleReport, RowError, SampleRow, TextEncoding, TopicReport,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{SessionUser, fail, internal, require},
    db::programs::ProgramRow,
    domain::import::{ImportContext, ImportPreview, preview},
    domain::{ProgramStatus, Role},
};

/// Largest file the page sends, in bytes. Base64 makes it 4/3 larger, and the server accepts
/// request bodies up to 2 MiB, so this is below [`domain::import::MAX_FILE_BYTES`].
pub const MAX_UPLOAD_BYTES: usize = 1_500_000;

/// Most row errors sent to the browser; the rest are counted.
pub const MAX_ERRORS_SHOWN: usize = 200;

/// What HR sees before importing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewView {
    /// Encoding the file was read with.
    pub encoding: TextEncoding,
    /// Delimiter found (or forced).
    pub delimiter: Delimiter,
    /// Every header column with the field it feeds.
    pub columns: Vec<ColumnMapping>,
    /// Employee rows in the file.
    pub rows: i64,
    /// The first rows as written.
    pub sample: Vec<SampleRow>,
    /// The first [`MAX_ERRORS_SHOWN`] row errors.
    pub errors: Vec<RowError>,
    /// All row errors, shown or not.
    pub error_count: i64,
    /// People in the file who are not employees yet.
    pub new_count: i64,
    /// People in the file who are employees already (updated by email).
    pub updated_count: i64,
    /// The level column: numbers, or titles placed (or not yet) on the level ladder.
    pub levels: LevelReport,
    /// How roles were decided and the split.
    pub roles: RoleReport,
    /// Topics matched to the catalogue and the unknown ones with HR's choices.
    pub topics: TopicReport,
    /// How the date column's day/month order was decided, when it has one.
    pub dates: Option<DateReport>,
    /// Whether the text's encoding is certain, and the alternatives when it is not.
    pub encoding_check: EncodingCheck,
    /// Rows imported without their manager link.
    pub unlinked_managers: i64,
    /// The level ladder the file is read with (most junior first).
    pub ladder: Vec<String>,
    /// The program's topic catalogue as `(key, Spanish, English)`, to map unknown topics to.
    pub catalogue: Vec<(String, String, String)>,
    /// What HR still has to decide besides fixing rows.
    pub questions: Vec<Question>,
    /// No errors, nothing undecided and at least one row: the import may go ahead.
    pub importable: bool,
}

/// The organisation's level ladder as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderView {
    /// Titles, most junior first (level = position + 1).
    pub titles: Vec<String>,
    /// Employees imported with a title.
    pub titled: i64,
    /// Of those, how many have a title that is not on the ladder (no level).
    pub unplaced: i64,
}

/// The preview, or why the file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreviewOutcome {
    /// The file was read; its rows may still have errors.
    Read(Box<PreviewView>),
    /// The file as a whole is unusable.
    Unusable(ImportError),
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDone {
    /// Employees created.
    pub created: i64,
    /// Existing employees updated.
    pub updated: i64,
    /// People newly enrolled in the program.
    pub enrolled: i64,
    /// Enrolled people of the program who have no account yet (to invite).
    pub without_account: i64,
}

#[cfg(feature = "ssr")]
fn to_view(p: ImportPreview, catalogue: Vec<(String, String, String)>) -> PreviewView {
    PreviewView {
        importable: p.is_importable(),
        questions: p.open_questions(),
        levels: p.levels,
        roles: p.roles,
        topics: p.topics,
        dates: p.dates,
        encoding_check: p.encoding_check,
        unlinked_managers: p.unlinked_managers,
        ladder: p.ladder,
        catalogue,
        error_count: i64::try_from(p.errors.len()).unwrap_or(i64::MAX),
        encoding: p.encoding,
        delimiter: p.delimiter,
        columns: p.columns,
        rows: p.rows,
        sample: p.sample,
        errors: p.errors.into_iter().take(MAX_ERRORS_SHOWN).collect(),
        new_count: p.new_count,
        updated_count: p.updated_count,
    }
}

/// The program, if the asker may import into it: their own (any, for admins) and not closed.
#[cfg(feature = "ssr")]
async fn importable_program(user: &SessionUser, key: &str) -> Result<ProgramRow, AppError> {
    let row = crate::programs::api::owned_program(user, key).await?;
    if row.status() == ProgramStatus::Closed {
        return Err(fail(ErrorKind::ProgramClosed));
    }
    Ok(row)
}

/// The file's bytes, refusing oversized input before decoding it.
#[cfg(feature = "ssr")]
fn decode_file(csv_base64: &str) -> Result<Vec<u8>, AppError> {
    use base64::Engine;
    if csv_base64.len() > MAX_UPLOAD_BYTES.div_ceil(3) * 4 {
        return Err(fail(ErrorKind::ImportTooLarge));
    }
    base64::engine::general_purpose::STANDARD
        .decode(csv_base64.trim())
        .map_err(|_| fail(ErrorKind::BadRequest))
}

/// What the organisation knows that the file is read against: the employees, the stored level
/// ladder and the program's topic catalogue.
#[cfg(feature = "ssr")]
async fn context(program: &str) -> Result<ImportContext, AppError> {
    let state = crate::ssr::guard::state()?;
    let existing_emails = db::employees::existing_emails(&state.db).await?;
    let level_ladder = db::levels::ladder(&state.db).await?;
    let catalogue = db::programs::topics(&state.db, program)
        .await?
        .into_iter()
        .map(|t| domain::CatalogueTopic {
            key: t.key,
            es: t.label_es,
            en: t.label_en,
        })
        .collect();
    Ok(ImportContext {
        existing_emails,
        level_ladder,
        catalogue,
        today: db::programs::to_date(chrono::Utc::now()),
    })
}

/// Refuses a level ladder HR could not store (more than 20 titles, an empty, too long or
/// repeated one): 422 `LadderInvalid`, as when saving it from the ladder editor.
#[cfg(feature = "ssr")]
fn check_ladder(options: &ImportOptions) -> Result<(), AppError> {
    match &options.level_ladder {
        Some(titles) => domain::ladder::validate_ladder(titles)
            .map(|_| ())
            .map_err(|_| fail(ErrorKind::LadderInvalid)),
        None => Ok(()),
    }
}

/// Reads the file against what the organisation knows, with HR's choices.
#[cfg(feature = "ssr")]
fn read_file(
    csv_base64: &str,
    options: &ImportOptions,
    context: &ImportContext,
) -> Result<Result<ImportPreview, ImportError>, AppError> {
    let bytes = decode_file(csv_base64)?;
    Ok(preview(&bytes, options, context))
}

/// Reads an employee file for `program` with HR's choices so far (`options`: column mapping,
/// level ladder, role rule, topic choices, date order, encoding, unknown managers) and reports
/// how each column and row would be imported and what is still to decide. Writes nothing.
#[server(endpoint = "preview_import", input = server_fn::codec::Json)]
pub async fn preview_import(
    program: String,
    csv_base64: String,
    #[server(default)] options: ImportOptions,
) -> Result<PreviewOutcome, AppError> {
    let user = require(Role::ProgramManager).await?;
    importable_program(&user, &program).await?;
    check_ladder(&options)?;
    let context = context(&program).await?;
    let catalogue = context
        .catalogue
        .iter()
        .map(|t| (t.key.clone(), t.es.clone(), t.en.clone()))
        .collect();
    Ok(match read_file(&csv_base64, &options, &context)? {
        Ok(p) => PreviewOutcome::Read(Box::new(to_view(p, catalogue))),
        Err(e) => PreviewOutcome::Unusable(e),
    })
}

/// Imports an employee file into `program` with HR's choices: only when every row is valid and
/// nothing is left undecided, all in one transaction together with the level ladder and the
/// topics added to the catalogue. Re-reads the file on the server. Errors: 422 `ImportFile`
/// (unreadable), `ImportRows` (row errors), `ImportUndecided` (a question is open); nothing is
/// written then.
#[server(endpoint = "commit_import", input = server_fn::codec::Json)]
pub async fn commit_import(
    program: String,
    csv_base64: String,
    #[server(default)] options: ImportOptions,
) -> Result<ImportDone, AppError> {
    let user = require(Role::ProgramManager).await?;
    importable_program(&user, &program).await?;
    check_ladder(&options)?;
    let context = context(&program).await?;
    let checked = read_file(&csv_base64, &options, &context)?.map_err(|_| fail(ErrorKind::ImportFile))?;
    if !checked.errors.is_empty() || checked.rows == 0 {
        return Err(fail(ErrorKind::ImportRows));
    }
    if !checked.is_importable() {
        return Err(fail(ErrorKind::ImportUndecided));
    }
    let state = crate::ssr::guard::state()?;
    let decisions = db::employees::ImportDecisions {
        ladder: options
            .level_ladder
            .is_some()
            .then_some(checked.ladder.as_slice()),
        new_topics: &checked.new_topics,
        by: Some(&user.key),
    };
    let counts = db::employees::import(&state.db, &program, &checked.valid_rows, decisions).await?;
    crate::ssr::guard::audit(&user, "employees.import", &format!("program:{program}")).await?;
    let without_account = db::employees::enrolled_without_account(&state.db, &program).await?;
    Ok(ImportDone {
        created: counts.created,
        updated: counts.updated,
        enrolled: counts.enrolled,
        without_account,
    })
}

/// The organisation's level ladder (most junior title first) and how many employees carry a
/// title, for the ladder editor on the import page.
#[server(endpoint = "level_ladder")]
pub async fn level_ladder() -> Result<LadderView, AppError> {
    require(Role::ProgramManager).await?;
    let state = crate::ssr::guard::state()?;
    let titles = db::levels::ladder(&state.db).await?;
    let titled = db::levels::titled_employees(&state.db).await?;
    let unplaced = titled
        .iter()
        .filter(|e| domain::ladder::level_of(&titles, &e.title).is_none())
        .count();
    Ok(LadderView {
        titles,
        titled: i64::try_from(titled.len()).unwrap_or(i64::MAX),
        unplaced: i64::try_from(unplaced).unwrap_or(i64::MAX),
    })
}

/// Stores a new order of the level ladder (program managers and admins; it is shared by the
/// organisation) and re-levels every employee imported with a title, in one transaction.
/// Errors: 422 `LadderInvalid` (more than 20 titles, an empty, too long or repeated one).
#[server(endpoint = "save_level_ladder", input = server_fn::codec::Json)]
pub async fn save_level_ladder(titles: Vec<String>) -> Result<LadderView, AppError> {
    let user = require(Role::ProgramManager).await?;
    let titles = domain::ladder::validate_ladder(&titles).map_err(|_| fail(ErrorKind::LadderInvalid))?;
    let state = crate::ssr::guard::state()?;
    let titled = db::levels::titled_employees(&state.db).await?;
    let levels: Vec<(String, Option<i32>)> = titled
        .iter()
        .map(|e| (e.key.clone(), domain::ladder::level_of(&titles, &e.title)))
        .collect();
    db::levels::save(&state.db, &titles, &levels, Some(&user.key)).await?;
    crate::ssr::guard::audit(&user, "levels.ladder", "level_ladder:org").await?;
    let unplaced = levels.iter().filter(|(_, l)| l.is_none()).count();
    Ok(LadderView {
        titles,
        titled: i64::try_from(levels.len()).unwrap_or(i64::MAX),
        unplaced: i64::try_from(unplaced).unwrap_or(i64::MAX),
    })
}

/// How many people are enrolled in a program the asker owns.
#[server(endpoint = "enrolled_count")]
pub async fn enrolled_count(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    crate::programs::api::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    db::employees::enrolled_count(&state.db, &program)
        .await
        .map_err(internal)
}
