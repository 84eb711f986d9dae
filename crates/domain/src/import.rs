//! Reading HR's employee list: the CSV file that enrols a company's people in a program.
//!
//! HR exports the list from whatever system they have (often via Excel, in Spanish or English)
//! and uploads it. Before anything is written, [`preview`] reads the whole file against what the
//! organisation already knows ([`ImportContext`]) and reports, row by row, everything that would go
//! wrong, in a form the UI can show and translate. The import is all-or-nothing: the caller writes
//! [`ImportPreview::valid_rows`] only when [`ImportPreview::is_importable`]; re-importing updates
//! people by email. The server re-runs the same function, with the same options, before writing.
//!
//! **Nothing uncertain is taken silently.** Where the file does not say for sure, the preview asks
//! ([`ImportPreview::open_questions`]) and HR answers in [`ImportOptions`]: the encoding when the
//! text does not read as Western European words ([`EncodingCheck`]); where job titles stand on the
//! level ladder ([`LevelReport`]); the role of rows the file gives none ([`RoleRule`]); what
//! unknown topics become ([`TopicChoice`]); whether `03/04/2019` is day- or month-first
//! ([`DateReport`]); whether people whose manager is unknown are imported without the link
//! ([`UnknownManagers`]). The import is possible only once every question is answered.
//!
//! What is accepted:
//! - **Encoding**: UTF-8 with or without BOM, otherwise Windows-1252 (Excel's plain "CSV"), or
//!   what HR chooses (Mac Roman, Latin-2, repaired double-encoded UTF-8); which one was used is
//!   reported ([`TextEncoding`]). Excel workbooks and UTF-16 are refused clearly.
//! - **Delimiter**: `,`, `;` (Spanish Excel) or tab, detected from the header line, or named by
//!   Excel's `sep=;` first line, or forced by the caller ([`Delimiter`]). Quoted cells may contain
//!   delimiters, `""` and line breaks; CRLF and LF; blank lines are skipped but counted, so row
//!   numbers are the ones the spreadsheet shows (the header is row 1).
//! - **Headers** in Spanish or English, matched ignoring case, accents, spaces and connector
//!   words ([`Field::from_header`]). The detected [`ColumnMapping`]s are returned so the UI can
//!   show them and HR can override them ([`ImportOptions::mapping`]); unknown columns are ignored.
//! - **Values**: see [`EmployeeRecord`] for each field's rules. Every problem becomes a
//!   [`RowError`] with row, column, field, a [`RowErrorCode`] and the offending value.
//!
//! Problems with the file as a whole (too big, not CSV, no header, no email column…) are an
//! [`ImportError`]. Nothing here panics, whatever the bytes. The module is pure (no IO), so the
//! browser can preview instantly and the server re-checks the same way before writing.

mod check;
mod dates;
mod encoding;
mod header;
mod levels;
mod roles;
mod text;
mod topics;
mod value;

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

pub use dates::{DateOrder, DateOrderSource, DateReport};
pub use encoding::{ENCODING_SAMPLES, EncodingAlternative, EncodingCheck, TextEncoding};
pub use header::{ColumnMapping, Field, detect_mapping, normalize_header};
pub use levels::{LevelReport, LevelTitle, MAX_LADDER};
pub use roles::{GenerationRole, MAX_UNDECIDED_ROWS, RoleReport, RoleRule, RoleSource};
pub use text::Delimiter;
pub use topics::{TopicAction, TopicChoice, TopicChoiceProblem, TopicReport, UnknownTopic};
pub use value::ProgramRole;

use crate::account::{normalize_email, validate_display_name, validate_email};
use crate::program::Date;
use crate::topics::CatalogueTopic;

/// Largest file accepted, in bytes (5 MiB: far more than 20,000 employees need).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most employee rows accepted in one file (blank rows and the header not counted).
pub const MAX_ROWS: usize = 20_000;
/// Most columns read; non-blank cells further right make the header an error, or the row.
pub const MAX_COLUMNS: usize = 200;
/// Longest cell accepted, in characters.
pub const MAX_CELL_CHARS: usize = 1_000;
/// How many data rows [`ImportPreview::sample`] shows.
pub const SAMPLE_ROWS: usize = 10;
/// Lowest and highest job level.
pub const JOB_LEVEL_RANGE: std::ops::RangeInclusive<i32> = 1..=20;
/// Lowest and highest mentor capacity.
pub const MENTOR_CAPACITY_RANGE: std::ops::RangeInclusive<i32> = 0..=10;
/// Longest offending value copied into a [`RowError`], in characters.
const MAX_ERROR_VALUE_CHARS: usize = 100;

/// Why a file cannot be imported at all. Serialised with its code in `code`, e.g.
/// `{"code": "file_too_large", "bytes": 6000000, "max_bytes": 5242880}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ImportError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file has {bytes} bytes; at most {max_bytes} are accepted")]
    FileTooLarge {
        /// Size of the file.
        bytes: i64,
        /// The limit.
        max_bytes: i64,
    },
    /// The file is an Excel or OpenDocument workbook, not CSV text.
    #[error("the file is a spreadsheet workbook; save it as CSV")]
    SpreadsheetFile,
    /// The file is UTF-16 or binary (it contains NUL bytes).
    #[error("the file is not UTF-8 or Windows-1252 text")]
    UnsupportedEncoding,
    /// There is no header row: the file is empty, or its first row holds data (an email address)
    /// instead of column names.
    #[error("the first row must hold the column names")]
    NoHeader,
    /// The header has non-blank names beyond [`MAX_COLUMNS`] columns.
    #[error("the file has more than {max_columns} columns")]
    TooManyColumns {
        /// The limit.
        max_columns: i64,
    },
    /// More than [`MAX_ROWS`] employee rows.
    #[error("the file has more than {max_rows} rows")]
    TooManyRows {
        /// The limit.
        max_rows: i64,
    },
    /// A quoted cell starting in `row` is never closed.
    #[error("row {row}: a quoted cell is never closed")]
    UnterminatedQuote {
        /// Spreadsheet row where the quoted cell starts.
        row: i64,
    },
    /// No column holds the email. `columns` is the mapping found, so the UI can let HR pick one.
    #[error("no column holds the email")]
    MissingEmailColumn {
        /// The mapping found.
        columns: Vec<ColumnMapping>,
    },
    /// No column holds the name (a full name, or at least a first name).
    #[error("no column holds the name")]
    MissingNameColumn {
        /// The mapping found.
        columns: Vec<ColumnMapping>,
    },
    /// An explicit mapping names a column that does not exist, or the same column twice.
    #[error("the mapping names column {index}, which does not exist or is mapped twice")]
    InvalidMapping {
        /// The offending column index.
        index: i32,
    },
    /// An explicit mapping sends two columns to the same field.
    #[error("the mapping sends two columns to {field:?}")]
    DuplicateMapping {
        /// The field mapped twice.
        field: Field,
    },
    /// [`ImportOptions::role_rule`] is incoherent (see [`RoleRule::is_valid`]): a level rule with
    /// `mentor_max >= mentee_min`, a tenure rule with `mentor_below > mentee_from`, or a
    /// generation rule listing a band twice (or a blank band).
    #[error("the role rule is incoherent")]
    InvalidRoleRule,
}

impl ImportError {
    /// The machine code the UI translates (the serde `code`).
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::FileTooLarge { .. } => "file_too_large",
            ImportError::SpreadsheetFile => "spreadsheet_file",
            ImportError::UnsupportedEncoding => "unsupported_encoding",
            ImportError::NoHeader => "no_header",
            ImportError::TooManyColumns { .. } => "too_many_columns",
            ImportError::TooManyRows { .. } => "too_many_rows",
            ImportError::UnterminatedQuote { .. } => "unterminated_quote",
            ImportError::MissingEmailColumn { .. } => "missing_email_column",
            ImportError::MissingNameColumn { .. } => "missing_name_column",
            ImportError::InvalidMapping { .. } => "invalid_mapping",
            ImportError::DuplicateMapping { .. } => "duplicate_mapping",
            ImportError::InvalidRoleRule => "invalid_role_rule",
        }
    }
}

/// What is wrong with one cell or row. The UI translates the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowErrorCode {
    /// The email cell is empty.
    MissingEmail,
    /// The email (or the manager's email) is not of the form `local@domain.tld`.
    InvalidEmail,
    /// The name is empty (no full name and no first name/surnames).
    MissingName,
    /// The name is longer than [`crate::account::MAX_NAME_LEN`] characters.
    InvalidName,
    /// Another row has the same email; `related_row` is the other row.
    DuplicateEmail,
    /// The manager's email is neither in the file nor among the existing employees (and HR has not
    /// chosen [`UnknownManagers::ImportWithoutLink`]).
    UnknownManager,
    /// The manager's email is the person's own.
    ManagerIsSelf,
    /// The managers in the file form a loop (A manages B manages A); `related_row` is the manager's row.
    ManagementCycle,
    /// The start date is not `YYYY-MM-DD`, `A/B/YYYY` or `A-B-YYYY`, or does not exist (in the
    /// column's day/month order, see [`DateReport`]).
    InvalidDate,
    /// The job level, in a column of numbers, is not a whole number from 1 to 20.
    InvalidJobLevel,
    /// The mentor capacity is not a whole number from 0 to 10.
    InvalidCapacity,
    /// The role is not mentor, mentee or both (in Spanish or English).
    InvalidRole,
    /// The time zone is not an IANA name such as `Europe/Madrid` (checked against the tz
    /// database); `suggestion` may hold the closest real one.
    InvalidTimeZone,
    /// The cell is longer than [`MAX_CELL_CHARS`] characters.
    ValueTooLong,
    /// The row has non-blank cells to the right of the last column with a header (often a
    /// delimiter inside an unquoted cell that shifted the row).
    ExtraCells,
}

impl RowErrorCode {
    /// Every code.
    pub const ALL: [RowErrorCode; 15] = [
        RowErrorCode::MissingEmail,
        RowErrorCode::InvalidEmail,
        RowErrorCode::MissingName,
        RowErrorCode::InvalidName,
        RowErrorCode::DuplicateEmail,
        RowErrorCode::UnknownManager,
        RowErrorCode::ManagerIsSelf,
        RowErrorCode::ManagementCycle,
        RowErrorCode::InvalidDate,
        RowErrorCode::InvalidJobLevel,
        RowErrorCode::InvalidCapacity,
        RowErrorCode::InvalidRole,
        RowErrorCode::InvalidTimeZone,
        RowErrorCode::ValueTooLong,
        RowErrorCode::ExtraCells,
    ];

    /// The stable key (the serde name), e.g. `duplicate_email`.
    pub fn as_str(self) -> &'static str {
        match self {
            RowErrorCode::MissingEmail => "missing_email",
            RowErrorCode::InvalidEmail => "invalid_email",
            RowErrorCode::MissingName => "missing_name",
            RowErrorCode::InvalidName => "invalid_name",
            RowErrorCode::DuplicateEmail => "duplicate_email",
            RowErrorCode::UnknownManager => "unknown_manager",
            RowErrorCode::ManagerIsSelf => "manager_is_self",
            RowErrorCode::ManagementCycle => "management_cycle",
            RowErrorCode::InvalidDate => "invalid_date",
            RowErrorCode::InvalidJobLevel => "invalid_job_level",
            RowErrorCode::InvalidCapacity => "invalid_capacity",
            RowErrorCode::InvalidRole => "invalid_role",
            RowErrorCode::InvalidTimeZone => "invalid_time_zone",
            RowErrorCode::ValueTooLong => "value_too_long",
            RowErrorCode::ExtraCells => "extra_cells",
        }
    }
}

/// One problem in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// Row number as the spreadsheet shows it (the header is row 1).
    pub row: i64,
    /// Column index (0-based), when the problem is in one cell.
    pub column: Option<i32>,
    /// The field of that column.
    pub field: Option<Field>,
    /// What is wrong.
    pub code: RowErrorCode,
    /// The offending value as written (cut to 100 characters); empty for a missing value.
    pub value: String,
    /// The other row involved: the first other row with the same email for `duplicate_email`,
    /// the manager's row for `management_cycle`.
    pub related_row: Option<i64>,
    /// A likely correction to offer: the closest IANA name for `invalid_time_zone`
    /// (`America/Sao_Pablo` → `America/Sao_Paulo`); `None` when nothing is close.
    #[serde(default)]
    pub suggestion: Option<String>,
}

/// One employee as read from a valid row. Text is trimmed with inner whitespace collapsed; empty
/// cells are `None` or empty lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRecord {
    /// Spreadsheet row the record comes from.
    pub row: i64,
    /// Work email, trimmed and lower-cased; the identity used to update on re-import.
    pub email: String,
    /// Full name; from the name column, or first name and surnames joined by spaces.
    pub name: String,
    /// Department.
    pub department: Option<String>,
    /// Job level 1–20, higher is more senior: the number in the level column, or the position + 1
    /// of the job title on the level ladder (`None` while the title is not placed).
    pub job_level: Option<i32>,
    /// The job title as written (whitespace collapsed), when the level column holds titles.
    #[serde(default)]
    pub job_title: Option<String>,
    /// The manager's email, normalised; in the file or among the existing employees. `None`
    /// when the manager is unknown and HR chose to import without the link.
    pub manager_email: Option<String>,
    /// The manager in the file is unknown and the person is imported without the link
    /// ([`UnknownManagers::ImportWithoutLink`]).
    #[serde(default)]
    pub manager_unlinked: bool,
    /// The unknown manager's email as written, when `manager_unlinked`, so HR can see it later.
    #[serde(default)]
    pub manager_as_written: Option<String>,
    /// Date the person joined the company (`None` also while the column's day/month order is
    /// undecided and the date is ambiguous).
    pub company_start: Option<Date>,
    /// Generation band, as written.
    pub generation: Option<String>,
    /// Languages as lower-case codes (`es`, `en`…); unknown names kept lower-cased.
    pub languages: Vec<String>,
    /// IANA time zone such as `Europe/Madrid`, as the tz database spells it.
    pub time_zone: Option<String>,
    /// Office or city.
    pub location: Option<String>,
    /// Catalogue keys of the topics the person can teach (matched, mapped or added; see
    /// [`TopicReport`]). Unknown topics without a choice, and ignored ones, are left out.
    pub can_teach: Vec<String>,
    /// Catalogue keys of the topics the person wants to learn, like `can_teach`.
    pub wants_to_learn: Vec<String>,
    /// Interests, lower-cased.
    pub interests: Vec<String>,
    /// Mentees this person takes as a mentor, 0–10.
    pub mentor_capacity: Option<i32>,
    /// Role in the program: from the role cell, else from [`ImportOptions::role_rule`]; `None`
    /// when undecided (never in an importable preview).
    pub role: Option<ProgramRole>,
    /// Whether the email is already an employee (the import updates them) rather than a new one.
    pub existing: bool,
}

/// A data row as written, for the preview table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleRow {
    /// Spreadsheet row number.
    pub row: i64,
    /// Trimmed cells, one per column of the header.
    pub cells: Vec<String>,
}

/// What the caller may choose instead of letting the file speak for itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// Force this delimiter instead of detecting it.
    pub delimiter: Option<Delimiter>,
    /// Use this mapping instead of the detected one. Only `index` and `field` matter; columns not
    /// listed (or listed with `field: None`) are ignored.
    pub mapping: Option<Vec<ColumnMapping>>,
    /// Read the file with this encoding (HR's answer when [`EncodingCheck::needs_decision`]).
    pub encoding: Option<TextEncoding>,
    /// The level ladder for this import, most junior title first (level = position + 1),
    /// instead of [`ImportContext::level_ladder`]; what the server stores on commit.
    pub level_ladder: Option<Vec<String>>,
    /// How rows without a role cell get one. A role cell, when present, always wins.
    pub role_rule: Option<RoleRule>,
    /// What unknown topics become (one per [`UnknownTopic`]; the first for a name wins; choices
    /// for names that are not unknown are ignored).
    pub topic_choices: Vec<TopicChoice>,
    /// The day/month order of `A/B/YYYY` dates, when the column does not prove it.
    pub date_order: Option<DateOrder>,
    /// What to do with people whose manager is neither in the file nor an employee.
    pub link_unknown_managers: UnknownManagers,
}

/// What to do with a manager email that is neither in the file nor among the employees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownManagers {
    /// The row error `unknown_manager`.
    #[default]
    Refuse,
    /// Import the person without the link: `manager_email` is `None`, `manager_unlinked` is set
    /// and `manager_as_written` keeps the email.
    ImportWithoutLink,
}

/// What the organisation already knows, read by the server before previewing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportContext {
    /// Emails of existing employees (any case; normalised here): a manager may be one of them,
    /// and they tell new people from updated ones.
    pub existing_emails: HashSet<String>,
    /// The organisation's stored level ladder: job titles, most junior first (level = position
    /// + 1). [`ImportOptions::level_ladder`] replaces it for one import.
    pub level_ladder: Vec<String>,
    /// The program's topic catalogue, which the file's topics are matched with.
    pub catalogue: Vec<CatalogueTopic>,
    /// Today (UTC), for the years in the company of a [`RoleRule::Tenure`].
    pub today: Date,
}

impl Default for ImportContext {
    /// No employees, no ladder, an empty catalogue and today 1970-01-01 (set `today` whenever a
    /// tenure rule may be used).
    fn default() -> ImportContext {
        ImportContext {
            existing_emails: HashSet::new(),
            level_ladder: Vec::new(),
            catalogue: Vec::new(),
            today: Date {
                year: 1970,
                month: 1,
                day: 1,
            },
        }
    }
}

/// Something HR must decide before the import can go ahead (besides fixing row errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// Job titles are not on the level ladder, or the ladder is too long: set
    /// [`ImportOptions::level_ladder`].
    LevelTitles,
    /// Rows have no role: map a role column or set [`ImportOptions::role_rule`].
    Roles,
    /// Unknown topics have no choice, or one that cannot apply: set
    /// [`ImportOptions::topic_choices`].
    Topics,
    /// Whether `A/B/YYYY` dates are day- or month-first: set [`ImportOptions::date_order`].
    DateOrder,
    /// The text's encoding is uncertain: set [`ImportOptions::encoding`].
    Encoding,
    /// Managers are unknown (row errors `unknown_manager`): fix the file, or set
    /// [`ImportOptions::link_unknown_managers`] to import without the link.
    UnknownManagers,
}

/// Everything the preview screen shows, and what the import writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// Encoding the file was read with.
    pub encoding: TextEncoding,
    /// Delimiter used.
    pub delimiter: Delimiter,
    /// Spreadsheet row of the header (1 unless the file starts with blank lines).
    pub header_row: i64,
    /// One entry per header column: which field it feeds, or `None` when ignored.
    pub columns: Vec<ColumnMapping>,
    /// Number of employee rows (non-blank rows after the header).
    pub rows: i64,
    /// The rows without any error, in file order.
    pub valid_rows: Vec<EmployeeRecord>,
    /// Every problem, ordered by row then column.
    pub errors: Vec<RowError>,
    /// The first [`SAMPLE_ROWS`] data rows as written.
    pub sample: Vec<SampleRow>,
    /// Distinct valid emails in the file that are not existing employees ("12 new").
    pub new_count: i64,
    /// Distinct valid emails in the file that are existing employees ("28 updated").
    pub updated_count: i64,
    /// What the level column holds, and which titles still need a place on the ladder.
    pub levels: LevelReport,
    /// Where the roles come from and the split.
    pub roles: RoleReport,
    /// The topics matched with the catalogue, and the unknown ones with HR's choices.
    pub topics: TopicReport,
    /// The day/month order of the date column; `None` without a date column or without
    /// `A/B/YYYY` dates.
    pub dates: Option<DateReport>,
    /// Whether the encoding is certain (or chosen), and the alternatives when it is not.
    pub encoding_check: EncodingCheck,
    /// Valid rows imported without their manager link ([`UnknownManagers::ImportWithoutLink`]).
    pub unlinked_managers: i64,
    /// Topics the import adds to the program's catalogue ([`TopicAction::Add`]), in the order of
    /// the unknown topics.
    pub new_topics: Vec<CatalogueTopic>,
    /// The effective level ladder ([`ImportOptions::level_ladder`], else the context's), cleaned:
    /// whitespace collapsed, blank and repeated titles dropped. Levels are positions in it + 1;
    /// it is what the server stores on commit.
    pub ladder: Vec<String>,
}

impl ImportPreview {
    /// Whether the import may go ahead: at least one row, no row error, and no open question
    /// ([`ImportPreview::open_questions`]). (All or nothing: a file with one bad row is not
    /// imported at all.)
    pub fn is_importable(&self) -> bool {
        self.errors.is_empty() && self.rows > 0 && self.open_questions().is_empty()
    }

    /// What HR still has to decide, in the order to ask: the encoding, the titles' places on the
    /// ladder, the date order, the roles, the unknown topics, and the unknown managers (only
    /// while there are `unknown_manager` row errors). Empty when nothing is open.
    pub fn open_questions(&self) -> Vec<Question> {
        let mut open = Vec::new();
        if self.encoding_check.needs_decision {
            open.push(Question::Encoding);
        }
        if !self.levels.is_decided() {
            open.push(Question::LevelTitles);
        }
        if self.dates.is_some_and(|d| !d.is_decided()) {
            open.push(Question::DateOrder);
        }
        if self.roles.undecided > 0 {
            open.push(Question::Roles);
        }
        if !self.topics.is_decided() {
            open.push(Question::Topics);
        }
        if self.errors.iter().any(|e| e.code == RowErrorCode::UnknownManager) {
            open.push(Question::UnknownManagers);
        }
        open
    }

    /// Columns that feed no field (unknown headers, or a second column for a field), for the
    /// "ignored columns" notice.
    pub fn ignored_columns(&self) -> impl Iterator<Item = &ColumnMapping> {
        self.columns.iter().filter(|c| c.field.is_none())
    }

    /// How many distinct rows have at least one error.
    pub fn rows_with_errors(&self) -> i64 {
        let rows: BTreeSet<i64> = self.errors.iter().map(|e| e.row).collect();
        i64::try_from(rows.len()).unwrap_or(i64::MAX)
    }
}

/// The spreadsheet letter of a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`. Negative → empty.
pub fn column_letter(index: i32) -> String {
    let Ok(mut n) = u32::try_from(index) else {
        return String::new();
    };
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().collect()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Reads and checks a whole employee file against what the organisation knows, with HR's
/// choices so far.
///
/// Returns an [`ImportError`] when the file as a whole is unusable (or the role rule is
/// incoherent), otherwise the preview with every row-level problem and every open question;
/// write only when [`ImportPreview::is_importable`]. Pure and deterministic: the server re-runs
/// it with the same bytes, options and context before writing.
pub fn preview(
    bytes: &[u8],
    options: &ImportOptions,
    context: &ImportContext,
) -> Result<ImportPreview, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::FileTooLarge {
            bytes: to_i64(bytes.len()),
            max_bytes: to_i64(MAX_FILE_BYTES),
        });
    }
    let decoded = encoding::decode(bytes, options.encoding)?;
    let (body, sep_line) = text::strip_sep_line(&decoded.text);
    let delimiter = options
        .delimiter
        .or(sep_line)
        .unwrap_or_else(|| text::detect_delimiter(body));
    // Header + MAX_ROWS + one more to notice the excess.
    let mut records = text::records(body, delimiter, MAX_ROWS + 2)?.into_iter();
    let header = records.next().ok_or(ImportError::NoHeader)?;
    let data: Vec<text::RawRecord> = records.collect();
    if header.overflow {
        return Err(ImportError::TooManyColumns {
            max_columns: to_i64(MAX_COLUMNS),
        });
    }
    if data.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            max_rows: to_i64(MAX_ROWS),
        });
    }
    let mut headers: Vec<String> = header.cells.iter().map(|h| value::clean(h).to_string()).collect();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    if headers
        .iter()
        .any(|h| validate_email(&normalize_email(h)).is_ok())
    {
        return Err(ImportError::NoHeader);
    }
    let columns = match &options.mapping {
        Some(explicit) => apply_mapping(&headers, explicit)?,
        None => detect_mapping(&headers),
    };
    let has = |f: Field| columns.iter().any(|c| c.field == Some(f));
    if !has(Field::Email) {
        return Err(ImportError::MissingEmailColumn { columns });
    }
    if !has(Field::Name) && !has(Field::FirstName) {
        return Err(ImportError::MissingNameColumn { columns });
    }
    if options.role_rule.as_ref().is_some_and(|r| !r.is_valid()) {
        return Err(ImportError::InvalidRoleRule);
    }

    // What the whole file says before reading any row: titles or numbers, the date order.
    let mut reader = RowReader::new(&columns, headers.len());
    let column_cells = |field: Field| {
        let column = reader.column(field);
        data.iter()
            .filter_map(move |r| Some(value::clean(r.cells.get(column?)?)))
            .filter(|c| !c.is_empty())
    };
    let level_mode = levels::detect_mode(has(Field::JobLevel), column_cells(Field::JobLevel));
    let dates = dates::detect_order(column_cells(Field::CompanyStart), options.date_order);
    let ladder = levels::Ladder::new(options.level_ladder.as_deref().unwrap_or(&context.level_ladder));
    reader.settings = Settings {
        level_mode,
        ladder: ladder.clone(),
        date_order: dates.and_then(|d| d.order),
        role_rule: options.role_rule.clone(),
        today: context.today,
    };
    let mut parsed: Vec<ParsedRow> = data.iter().map(|r| reader.read(r)).collect();

    suggest_time_zones(&mut parsed);
    let levels = match level_mode {
        levels::LevelMode::None => LevelReport::None,
        levels::LevelMode::Numbers => LevelReport::Numbers,
        levels::LevelMode::Titles => levels::titles_report(
            &ladder,
            parsed.iter().filter_map(|r| r.record.job_title.as_deref()),
        ),
    };
    let resolved = topics::resolve(
        parsed
            .iter()
            .flat_map(|r| r.teach_items.iter().chain(&r.learn_items)),
        &context.catalogue,
        &options.topic_choices,
    );
    for r in &mut parsed {
        r.record.can_teach = resolved.keys(&r.teach_items);
        r.record.wants_to_learn = resolved.keys(&r.learn_items);
    }
    let generations = generation_counts(&parsed);
    let level_span = parsed
        .iter()
        .filter_map(|r| r.record.job_level)
        .fold(None, |span: Option<(i32, i32)>, l| {
            Some(span.map_or((l, l), |(lo, hi)| (lo.min(l), hi.max(l))))
        });
    let by_rule: HashSet<i64> = parsed
        .iter()
        .filter(|r| r.role_from_rule)
        .map(|r| r.row)
        .collect();

    let existing: HashSet<String> = context
        .existing_emails
        .iter()
        .map(|e| normalize_email(e))
        .collect();
    let col = |f: Field| reader.column(f).map(|c| i32::try_from(c).unwrap_or(i32::MAX));
    let check_columns = check::Columns {
        email: col(Field::Email),
        manager: col(Field::ManagerEmail),
    };
    let checked = check::check_rows(parsed, &existing, &check_columns, options.link_unknown_managers);
    let roles = role_report(
        &checked.valid_rows,
        &by_rule,
        has(Field::Role),
        options.role_rule.is_some(),
        generations,
        level_span,
    );

    let sample = data
        .iter()
        .take(SAMPLE_ROWS)
        .map(|r| SampleRow {
            row: r.row,
            cells: (0..headers.len())
                .map(|i| r.cells.get(i).map_or("", |c| value::clean(c)).to_string())
                .collect(),
        })
        .collect();
    Ok(ImportPreview {
        encoding: decoded.encoding,
        delimiter,
        header_row: header.row,
        columns,
        rows: to_i64(data.len()),
        valid_rows: checked.valid_rows,
        errors: checked.errors,
        sample,
        new_count: checked.new_count,
        updated_count: checked.updated_count,
        levels,
        roles,
        topics: resolved.report,
        dates,
        encoding_check: decoded.check,
        unlinked_managers: checked.unlinked,
        new_topics: resolved.new_topics,
        ladder: ladder.titles,
    })
}

/// Fills the suggestion of every `invalid_time_zone` error (each distinct value looked up once).
fn suggest_time_zones(rows: &mut [ParsedRow]) {
    let mut cache: HashMap<String, Option<String>> = HashMap::new();
    for e in rows.iter_mut().flat_map(|r| r.errors.iter_mut()) {
        if e.code == RowErrorCode::InvalidTimeZone {
            e.suggestion = cache
                .entry(e.value.clone())
                .or_insert_with(|| value::suggest_time_zone(&e.value))
                .clone();
        }
    }
}

/// Distinct generation bands of all rows (folded), as first written, with their counts.
fn generation_counts(rows: &[ParsedRow]) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for band in rows.iter().filter_map(|r| r.record.generation.as_deref()) {
        match index.get(&roles::fold_generation(band)) {
            Some(&i) => out[i].1 += 1,
            None => {
                index.insert(roles::fold_generation(band), out.len());
                out.push((band.to_string(), 1));
            }
        }
    }
    out
}

/// The roles of the valid rows: the split, the undecided rows and where the roles come from.
fn role_report(
    valid: &[EmployeeRecord],
    by_rule: &HashSet<i64>,
    has_column: bool,
    has_rule: bool,
    generations: Vec<(String, i64)>,
    level_span: Option<(i32, i32)>,
) -> RoleReport {
    let mut report = RoleReport {
        source: RoleSource::Undecided,
        mentors: 0,
        mentees: 0,
        both: 0,
        undecided: 0,
        undecided_rows: Vec::new(),
        generations,
        level_span,
    };
    let (mut from_column, mut from_rule) = (0, 0);
    for r in valid {
        match r.role {
            Some(ProgramRole::Mentor) => report.mentors += 1,
            Some(ProgramRole::Mentee) => report.mentees += 1,
            Some(ProgramRole::Both) => report.both += 1,
            None => {
                report.undecided += 1;
                if report.undecided_rows.len() < MAX_UNDECIDED_ROWS {
                    report.undecided_rows.push(r.row);
                }
            }
        }
        if r.role.is_some() {
            if by_rule.contains(&r.row) {
                from_rule += 1;
            } else {
                from_column += 1;
            }
        }
    }
    report.source = match (from_column > 0, from_rule > 0) {
        (true, true) => RoleSource::Mixed,
        (false, true) => RoleSource::Rule,
        (true, false) => RoleSource::Column,
        (false, false) if has_column => RoleSource::Column,
        (false, false) if has_rule => RoleSource::Rule,
        (false, false) => RoleSource::Undecided,
    };
    report
}

/// Checks an explicit mapping against the header and returns it in full (one entry per column).
fn apply_mapping(headers: &[String], explicit: &[ColumnMapping]) -> Result<Vec<ColumnMapping>, ImportError> {
    let mut fields: Vec<Option<Field>> = vec![None; headers.len()];
    let mut seen_index = vec![false; headers.len()];
    let mut seen_field: Vec<Field> = Vec::new();
    for m in explicit {
        let slot = usize::try_from(m.index)
            .ok()
            .filter(|&i| i < headers.len() && !seen_index[i])
            .ok_or(ImportError::InvalidMapping { index: m.index })?;
        seen_index[slot] = true;
        if let Some(f) = m.field {
            if seen_field.contains(&f) {
                return Err(ImportError::DuplicateMapping { field: f });
            }
            seen_field.push(f);
        }
        fields[slot] = m.field;
    }
    Ok(headers
        .iter()
        .zip(fields)
        .enumerate()
        .map(|(i, (header, field))| ColumnMapping {
            index: i32::try_from(i).unwrap_or(i32::MAX),
            header: header.clone(),
            field,
        })
        .collect())
}

/// A row after reading its own cells, before the checks that need the other rows.
#[derive(Debug)]
struct ParsedRow {
    row: i64,
    /// The normalised email when it is valid.
    email: Option<String>,
    /// The manager cell as written, when it holds a valid email.
    manager_text: Option<String>,
    /// Errors found in the row's own cells.
    errors: Vec<RowError>,
    /// The record, complete except for the topics and the cross-row checks (`existing` and the
    /// unknown-manager fields are set later).
    record: EmployeeRecord,
    /// The topics the person can teach and wants to learn, as written, before matching.
    teach_items: Vec<String>,
    learn_items: Vec<String>,
    /// The role comes from [`ImportOptions::role_rule`], not from the role cell.
    role_from_rule: bool,
}

/// What the whole file and HR's options decide about how each row is read.
#[derive(Debug, Clone)]
struct Settings {
    level_mode: levels::LevelMode,
    ladder: levels::Ladder,
    /// `None`: undecided (ambiguous dates are not read).
    date_order: Option<DateOrder>,
    role_rule: Option<RoleRule>,
    today: Date,
}

/// Reads rows with a fixed mapping.
struct RowReader {
    /// Column of each field, indexed like [`Field::ALL`].
    slots: [Option<usize>; Field::ALL.len()],
    header_len: usize,
    settings: Settings,
}

impl RowReader {
    fn new(columns: &[ColumnMapping], header_len: usize) -> RowReader {
        let mut slots = [None; Field::ALL.len()];
        for c in columns {
            if let (Some(f), Ok(i)) = (c.field, usize::try_from(c.index))
                && let Some(k) = Field::ALL.iter().position(|x| *x == f)
            {
                slots[k] = Some(i);
            }
        }
        RowReader {
            slots,
            header_len,
            settings: Settings {
                level_mode: levels::LevelMode::None,
                ladder: levels::Ladder::default(),
                date_order: None,
                role_rule: None,
                today: ImportContext::default().today,
            },
        }
    }

    fn column(&self, field: Field) -> Option<usize> {
        Field::ALL
            .iter()
            .position(|x| *x == field)
            .and_then(|k| self.slots[k])
    }

    fn read(&self, raw: &text::RawRecord) -> ParsedRow {
        let settings = &self.settings;
        let mut cx = RowContext {
            reader: self,
            raw,
            errors: Vec::new(),
        };

        let email = match cx.cell(Field::Email) {
            None => {
                cx.error(Field::Email, RowErrorCode::MissingEmail, "");
                None
            }
            Some(text) => {
                let email = normalize_email(text);
                if validate_email(&email).is_ok() {
                    Some(email)
                } else {
                    cx.error(Field::Email, RowErrorCode::InvalidEmail, text);
                    None
                }
            }
        };

        let name = cx.name();
        let department = cx.cell(Field::Department).map(value::collapse_spaces);
        let (job_level, job_title) = match settings.level_mode {
            levels::LevelMode::None => (None, None),
            levels::LevelMode::Numbers => (
                cx.parse(Field::JobLevel, RowErrorCode::InvalidJobLevel, |t| {
                    value::parse_int(t, JOB_LEVEL_RANGE)
                }),
                None,
            ),
            levels::LevelMode::Titles => match cx.cell(Field::JobLevel).map(value::collapse_spaces) {
                Some(title) => (settings.ladder.job_level(&title), Some(title)),
                None => (None, None),
            },
        };
        let mut manager_text = None;
        let manager_email = cx.cell(Field::ManagerEmail).and_then(|text| {
            let email = normalize_email(text);
            if validate_email(&email).is_ok() {
                manager_text = Some(text.to_string());
                Some(email)
            } else {
                cx.error(Field::ManagerEmail, RowErrorCode::InvalidEmail, text);
                None
            }
        });
        let company_start = cx.cell(Field::CompanyStart).and_then(|text| {
            match dates::parse_date(text, settings.date_order) {
                dates::DateValue::Date(d) => Some(d),
                dates::DateValue::Undecided => None,
                dates::DateValue::Invalid => {
                    cx.error(Field::CompanyStart, RowErrorCode::InvalidDate, text);
                    None
                }
            }
        });
        let generation = cx.cell(Field::Generation).map(value::collapse_spaces);
        let languages = cx
            .cell(Field::Languages)
            .map(value::parse_languages)
            .unwrap_or_default();
        let time_zone = cx.parse(
            Field::TimeZone,
            RowErrorCode::InvalidTimeZone,
            value::parse_time_zone,
        );
        let location = cx.cell(Field::Location).map(value::collapse_spaces);
        let teach_items = cx
            .cell(Field::CanTeach)
            .map(value::parse_topic_items)
            .unwrap_or_default();
        let learn_items = cx
            .cell(Field::WantsToLearn)
            .map(value::parse_topic_items)
            .unwrap_or_default();
        let interests = cx
            .cell(Field::Interests)
            .map(value::parse_topics)
            .unwrap_or_default();
        let mentor_capacity = cx.parse(Field::MentorCapacity, RowErrorCode::InvalidCapacity, |t| {
            value::parse_int(t, MENTOR_CAPACITY_RANGE)
        });
        // The role cell wins; a blank one falls back to HR's rule; nothing is assumed.
        let mut role_from_rule = false;
        let role = match cx.cell(Field::Role) {
            Some(text) => {
                let role = ProgramRole::parse_loose(text);
                if role.is_none() {
                    cx.error(Field::Role, RowErrorCode::InvalidRole, text);
                }
                role
            }
            None => {
                let role = settings.role_rule.as_ref().and_then(|rule| {
                    rule.decide(job_level, company_start, generation.as_deref(), settings.today)
                });
                role_from_rule = role.is_some();
                role
            }
        };
        cx.extra_cells();

        ParsedRow {
            row: raw.row,
            email: email.clone(),
            manager_text,
            errors: cx.errors,
            record: EmployeeRecord {
                row: raw.row,
                email: email.unwrap_or_default(),
                name,
                department,
                job_level,
                job_title,
                manager_email,
                manager_unlinked: false,
                manager_as_written: None,
                company_start,
                generation,
                languages,
                time_zone,
                location,
                can_teach: Vec::new(),
                wants_to_learn: Vec::new(),
                interests,
                mentor_capacity,
                role,
                existing: false,
            },
            teach_items,
            learn_items,
            role_from_rule,
        }
    }
}

/// Reading one row: its cells and the errors found so far.
struct RowContext<'a> {
    reader: &'a RowReader,
    raw: &'a text::RawRecord,
    errors: Vec<RowError>,
}

impl<'a> RowContext<'a> {
    fn error(&mut self, field: Field, code: RowErrorCode, value: &str) {
        let column = self
            .reader
            .column(field)
            .map(|c| i32::try_from(c).unwrap_or(i32::MAX));
        self.errors.push(RowError {
            row: self.raw.row,
            column,
            field: Some(field),
            code,
            value: error_value(value),
            related_row: None,
            suggestion: None,
        });
    }

    /// The cleaned cell of a field; `None` when the field is unmapped or the cell blank. A cell
    /// longer than [`MAX_CELL_CHARS`] is reported and treated as blank.
    fn cell(&mut self, field: Field) -> Option<&'a str> {
        let raw: &'a text::RawRecord = self.raw;
        let text = value::clean(raw.cells.get(self.reader.column(field)?)?);
        if text.is_empty() {
            return None;
        }
        if text.chars().nth(MAX_CELL_CHARS).is_some() {
            self.error(field, RowErrorCode::ValueTooLong, text);
            return None;
        }
        Some(text)
    }

    /// Parses a field's cell, reporting `code` when the parser refuses it.
    fn parse<T>(
        &mut self,
        field: Field,
        code: RowErrorCode,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let text = self.cell(field)?;
        let parsed = parse(text);
        if parsed.is_none() {
            self.error(field, code, text);
        }
        parsed
    }

    /// The full name, or first name and surnames joined; reports a missing or too long name.
    fn name(&mut self) -> String {
        let errors_before = self.errors.len();
        let full = self.cell(Field::Name).map(value::collapse_spaces);
        let name = full.unwrap_or_else(|| {
            [Field::FirstName, Field::LastName, Field::SecondLastName]
                .into_iter()
                .filter_map(|f| self.cell(f))
                .map(value::collapse_spaces)
                .collect::<Vec<_>>()
                .join(" ")
        });
        let name_field = if self.reader.column(Field::Name).is_some() {
            Field::Name
        } else {
            Field::FirstName
        };
        if name.is_empty() {
            // A too-long part was already reported; don't also call the name missing.
            if self.errors.len() == errors_before {
                self.error(name_field, RowErrorCode::MissingName, "");
            }
        } else if validate_display_name(&name).is_err() {
            self.error(name_field, RowErrorCode::InvalidName, &name);
        }
        name
    }

    /// Reports non-blank cells right of the header's last column.
    fn extra_cells(&mut self) {
        let extra = self
            .raw
            .cells
            .iter()
            .enumerate()
            .skip(self.reader.header_len)
            .find(|(_, c)| !value::clean(c).is_empty());
        if let Some((i, c)) = extra {
            self.errors.push(RowError {
                row: self.raw.row,
                column: Some(i32::try_from(i).unwrap_or(i32::MAX)),
                field: None,
                code: RowErrorCode::ExtraCells,
                value: error_value(value::clean(c)),
                related_row: None,
                suggestion: None,
            });
        } else if self.raw.overflow {
            self.errors.push(RowError {
                row: self.raw.row,
                column: None,
                field: None,
                code: RowErrorCode::ExtraCells,
                value: String::new(),
                related_row: None,
                suggestion: None,
            });
        }
    }
}

/// The value shown in an error, cut to [`MAX_ERROR_VALUE_CHARS`] characters.
fn error_value(text: &str) -> String {
    match text.char_indices().nth(MAX_ERROR_VALUE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
