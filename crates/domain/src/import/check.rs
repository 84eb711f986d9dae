//! The checks that need the whole file: duplicate emails, managers that exist and are not the
//! person themself, and management loops; then which rows are valid and which people are new.
//! A manager who is unknown is an error, or, when HR chose [`UnknownManagers::ImportWithoutLink`],
//! the person is imported without the link.

use std::collections::{HashMap, HashSet};

use super::{EmployeeRecord, Field, ParsedRow, RowError, RowErrorCode, UnknownManagers};

/// The outcome of checking every row.
pub(super) struct Checked {
    pub valid_rows: Vec<EmployeeRecord>,
    pub errors: Vec<RowError>,
    pub new_count: i64,
    pub updated_count: i64,
    /// Valid rows imported without their (unknown) manager.
    pub unlinked: i64,
}

/// Where the email and manager columns are, for the errors' `column`.
pub(super) struct Columns {
    pub email: Option<i32>,
    pub manager: Option<i32>,
}

/// Runs the cross-row checks. `existing` holds normalised emails of employees already known.
pub(super) fn check_rows(
    mut rows: Vec<ParsedRow>,
    existing: &HashSet<String>,
    columns: &Columns,
    unknown_managers: UnknownManagers,
) -> Checked {
    let mut extra: Vec<Vec<RowError>> = vec![Vec::new(); rows.len()];
    let error =
        |row: &ParsedRow, field: Field, code: RowErrorCode, value: &str, related: Option<i64>| RowError {
            row: row.row,
            column: if field == Field::Email {
                columns.email
            } else {
                columns.manager
            },
            field: Some(field),
            code,
            value: super::error_value(value),
            related_row: related,
            suggestion: None,
        };

    // Duplicates: every later occurrence points at the first; the first points at the second.
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(email) = r.email.as_deref() else { continue };
        match first.get(email) {
            None => {
                first.insert(email, i);
            }
            Some(&j) => {
                extra[i].push(error(
                    r,
                    Field::Email,
                    RowErrorCode::DuplicateEmail,
                    email,
                    Some(rows[j].row),
                ));
                if !extra[j].iter().any(|e| e.code == RowErrorCode::DuplicateEmail) {
                    let e = error(
                        &rows[j],
                        Field::Email,
                        RowErrorCode::DuplicateEmail,
                        email,
                        Some(r.row),
                    );
                    extra[j].push(e);
                }
            }
        }
    }

    // Managers: not oneself, and known (or, if HR says so, unlinked).
    let mut unlink: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(manager) = r.record.manager_email.as_deref() else {
            continue;
        };
        if r.email.as_deref() == Some(manager) {
            extra[i].push(error(
                r,
                Field::ManagerEmail,
                RowErrorCode::ManagerIsSelf,
                manager,
                None,
            ));
        } else if !first.contains_key(manager) && !existing.contains(manager) {
            if unknown_managers == UnknownManagers::ImportWithoutLink {
                unlink.push(i);
                continue;
            }
            extra[i].push(error(
                r,
                Field::ManagerEmail,
                RowErrorCode::UnknownManager,
                manager,
                None,
            ));
        }
    }

    // Loops among the people of the file. Each person has at most one manager, so following the
    // manager links from every person and colouring visited nodes finds every cycle once.
    let manager_of = |i: usize| -> Option<usize> {
        let m = rows[i].record.manager_email.as_deref()?;
        first.get(m).copied().filter(|&j| j != i)
    };
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; rows.len()];
    let mut starts: Vec<usize> = first.values().copied().collect();
    starts.sort_unstable();
    for start in starts {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state[c] {
                DONE => break,
                ON_PATH => {
                    let from = path.iter().position(|&p| p == c).unwrap_or(0);
                    for &member in &path[from..] {
                        let Some(m) = manager_of(member) else { continue };
                        let manager = rows[m].email.as_deref().unwrap_or_default();
                        let e = error(
                            &rows[member],
                            Field::ManagerEmail,
                            RowErrorCode::ManagementCycle,
                            manager,
                            Some(rows[m].row),
                        );
                        extra[member].push(e);
                    }
                    break;
                }
                _ => {
                    state[c] = ON_PATH;
                    path.push(c);
                    cur = manager_of(c);
                }
            }
        }
        for p in path {
            state[p] = DONE;
        }
    }

    let mut new_count = 0;
    let mut updated_count = 0;
    for email in first.keys() {
        if existing.contains(*email) {
            updated_count += 1;
        } else {
            new_count += 1;
        }
    }

    for i in unlink {
        let r = &mut rows[i];
        r.record.manager_unlinked = true;
        r.record.manager_as_written = r.manager_text.take();
        r.record.manager_email = None;
    }

    let mut errors = Vec::new();
    let mut valid_rows = Vec::new();
    let mut unlinked = 0;
    for (mut r, more) in rows.into_iter().zip(extra) {
        if r.errors.is_empty() && more.is_empty() {
            r.record.existing = existing.contains(&r.record.email);
            unlinked += i64::from(r.record.manager_unlinked);
            valid_rows.push(r.record);
        } else {
            errors.extend(r.errors);
            errors.extend(more);
        }
    }
    errors.sort_by_key(|e| (e.row, e.column.unwrap_or(i32::MAX), e.code));
    Checked {
        valid_rows,
        errors,
        new_count,
        updated_count,
        unlinked,
    }
}
