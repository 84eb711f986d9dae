//! Employee import: HR previews a CSV file against the organisation, then imports it into one of
//! their programs, all or nothing.
//!
//! The file travels as base64 text (JSON-encoded arguments), so Windows-1252 bytes survive the
//! trip. Both functions re-read the file with [`domain::import::preview`] on the server: the
//! browser never decides what is valid.

use domain::import::{ColumnMapping, Delimiter, ImportError, RowError, SampleRow, TextEncoding};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{SessionUser, fail, internal, require},
    db::programs::ProgramRow,
    domain::import::{ImportOptions, ImportPreview, preview},
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
    /// No errors and at least one row: the import may go ahead.
    pub importable: bool,
}

/// The preview, or why the file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreviewOutcome {
    /// The file was read; its rows may still have errors.
    Read(PreviewView),
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
}

#[cfg(feature = "ssr")]
fn to_view(p: ImportPreview) -> PreviewView {
    PreviewView {
        importable: p.is_importable(),
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
    let row = super::programs::owned_program(user, key).await?;
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

/// Reads the file against the current employees.
#[cfg(feature = "ssr")]
async fn read_file(
    csv_base64: &str,
    mapping: Option<Vec<ColumnMapping>>,
) -> Result<Result<ImportPreview, ImportError>, AppError> {
    let bytes = decode_file(csv_base64)?;
    let state = crate::ssr::guard::state()?;
    let existing = db::employees::existing_emails(&state.db)
        .await
        .map_err(internal)?;
    let options = ImportOptions {
        mapping,
        ..ImportOptions::default()
    };
    Ok(preview(&bytes, &options, &existing))
}

/// Reads an employee file for `program` and reports how each column and row would be imported.
/// Writes nothing.
#[server(endpoint = "preview_import", input = server_fn::codec::Json)]
pub async fn preview_import(
    program: String,
    csv_base64: String,
    #[server(default)] mapping: Option<Vec<ColumnMapping>>,
) -> Result<PreviewOutcome, AppError> {
    let user = require(Role::ProgramManager).await?;
    importable_program(&user, &program).await?;
    Ok(match read_file(&csv_base64, mapping).await? {
        Ok(p) => PreviewOutcome::Read(to_view(p)),
        Err(e) => PreviewOutcome::Unusable(e),
    })
}

/// Imports an employee file into `program`: only when every row is valid, all in one
/// transaction. Re-reads the file on the server; a file with any error writes nothing (422).
#[server(endpoint = "commit_import", input = server_fn::codec::Json)]
pub async fn commit_import(
    program: String,
    csv_base64: String,
    #[server(default)] mapping: Option<Vec<ColumnMapping>>,
) -> Result<ImportDone, AppError> {
    let user = require(Role::ProgramManager).await?;
    importable_program(&user, &program).await?;
    let checked = read_file(&csv_base64, mapping)
        .await?
        .map_err(|_| fail(ErrorKind::ImportFile))?;
    if !checked.is_importable() {
        return Err(fail(ErrorKind::ImportRows));
    }
    let state = crate::ssr::guard::state()?;
    let counts = db::employees::import(&state.db, &program, &checked.valid_rows)
        .await
        .map_err(internal)?;
    crate::ssr::guard::audit(&user, "employees.import", &format!("program:{program}")).await?;
    Ok(ImportDone {
        created: counts.created,
        updated: counts.updated,
        enrolled: counts.enrolled,
    })
}

/// How many people are enrolled in a program the asker owns.
#[server(endpoint = "enrolled_count")]
pub async fn enrolled_count(program: String) -> Result<i64, AppError> {
    let user = require(Role::ProgramManager).await?;
    super::programs::owned_program(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    db::employees::enrolled_count(&state.db, &program)
        .await
        .map_err(internal)
}
