//! Unit tests of [`preview`]: one per rule, plus the file-level errors and the mapping override.

use super::*;

const HEAD: &str = "email;nombre;responsable;nivel;fecha de incorporación;capacidad;rol;zona horaria";

fn run_with(csv: &str, options: &ImportOptions, existing: &[&str]) -> Result<ImportPreview, ImportError> {
    let existing: HashSet<String> = existing.iter().map(|s| s.to_string()).collect();
    preview(csv.as_bytes(), options, &existing)
}

fn run(csv: &str) -> ImportPreview {
    run_with(csv, &ImportOptions::default(), &[]).unwrap()
}

/// A file with [`HEAD`] and these data lines.
fn table(lines: &[&str]) -> String {
    let mut s = HEAD.to_string();
    for l in lines {
        s.push('\n');
        s.push_str(l);
    }
    s
}

fn codes(p: &ImportPreview) -> Vec<(i64, RowErrorCode)> {
    p.errors.iter().map(|e| (e.row, e.code)).collect()
}

fn only_error(csv: &str) -> RowError {
    let p = run(csv);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert!(!p.is_importable());
    p.errors[0].clone()
}

#[test]
fn a_valid_row_is_read_into_a_record() {
    let p = run(&table(&[
        "  Ana@Example.COM ; Ana  García ;;20;05/03/2019;2;Mentora;europe/madrid",
        "luis@example.com;Luis;ana@example.com;1;2020-01-31;0;ambos;Atlantic/Canary",
    ]));
    assert!(p.is_importable(), "{:?}", p.errors);
    assert_eq!(p.rows, 2);
    assert_eq!(p.header_row, 1);
    assert_eq!(p.delimiter, Delimiter::Semicolon);
    assert_eq!(p.encoding, TextEncoding::Utf8);
    let ana = &p.valid_rows[0];
    assert_eq!(ana.row, 2);
    assert_eq!(ana.email, "ana@example.com");
    assert_eq!(ana.name, "Ana García");
    assert_eq!(ana.manager_email, None);
    assert_eq!(ana.job_level, Some(20));
    assert_eq!(ana.company_start.map(Date::iso).as_deref(), Some("2019-03-05"));
    assert_eq!(ana.mentor_capacity, Some(2));
    assert_eq!(ana.role, Some(ProgramRole::Mentor));
    assert_eq!(ana.time_zone.as_deref(), Some("Europe/Madrid"));
    let luis = &p.valid_rows[1];
    assert_eq!(luis.manager_email.as_deref(), Some("ana@example.com"));
    assert_eq!(luis.role, Some(ProgramRole::Both));
    assert_eq!(luis.mentor_capacity, Some(0));
    assert_eq!(luis.job_level, Some(1));
}

#[test]
fn optional_cells_may_be_empty_and_short_rows_are_padded() {
    let p = run(&table(&["ana@example.com;Ana", "luis@example.com;Luis;;;;;;"]));
    assert!(p.is_importable(), "{:?}", p.errors);
    let r = &p.valid_rows[0];
    assert_eq!(
        (r.job_level, r.company_start, r.mentor_capacity, r.role),
        (None, None, None, None)
    );
    assert_eq!(p.sample[0].cells.len(), 8);
}

#[test]
fn missing_and_invalid_email() {
    let e = only_error(&table(&[";Ana"]));
    assert_eq!(
        (e.row, e.code, e.field, e.column),
        (2, RowErrorCode::MissingEmail, Some(Field::Email), Some(0))
    );
    let e = only_error(&table(&["ana.example.com;Ana"]));
    assert_eq!(
        (e.code, e.value.as_str()),
        (RowErrorCode::InvalidEmail, "ana.example.com")
    );
    let e = only_error(&table(&["ana@example.com;Ana;jefe de ventas"]));
    assert_eq!(
        (e.code, e.field, e.column, e.value.as_str()),
        (
            RowErrorCode::InvalidEmail,
            Some(Field::ManagerEmail),
            Some(2),
            "jefe de ventas"
        )
    );
}

#[test]
fn missing_and_invalid_name() {
    let e = only_error(&table(&["ana@example.com;  "]));
    assert_eq!(
        (e.code, e.field, e.column),
        (RowErrorCode::MissingName, Some(Field::Name), Some(1))
    );
    let long = "x".repeat(121);
    let e = only_error(&table(&[&format!("ana@example.com;{long}")]));
    assert_eq!((e.code, e.field), (RowErrorCode::InvalidName, Some(Field::Name)));
}

#[test]
fn first_name_and_surnames_are_joined() {
    let p = run(
        "Nombre;Primer apellido;Segundo apellido;Email\nJosé; Martínez ;Ibáñez;jose@example.com\nAna;;;ana@example.com\n",
    );
    assert!(p.is_importable(), "{:?}", p.errors);
    assert_eq!(p.valid_rows[0].name, "José Martínez Ibáñez");
    assert_eq!(p.valid_rows[1].name, "Ana");
    let e = only_error("First name,Last name,Email\n,,x@example.com\n");
    assert_eq!(
        (e.code, e.field),
        (RowErrorCode::MissingName, Some(Field::FirstName))
    );
    // An empty full name falls back to the parts when both exist.
    let p = run("Nombre completo;Nombre de pila;Apellidos;Email\n;Eva;Gil;eva@example.com\n");
    assert_eq!(p.valid_rows[0].name, "Eva Gil");
}

#[test]
fn duplicate_emails_name_each_other() {
    let p = run(&table(&[
        "ana@example.com;Ana",
        "luis@example.com;Luis",
        "ANA@example.com ;Ana bis",
        "ana@example.com;Ana ter",
    ]));
    let dups: Vec<(i64, Option<i64>)> = p
        .errors
        .iter()
        .filter(|e| e.code == RowErrorCode::DuplicateEmail)
        .map(|e| (e.row, e.related_row))
        .collect();
    assert_eq!(dups, vec![(2, Some(4)), (4, Some(2)), (5, Some(2))]);
    assert_eq!(p.errors.len(), 3);
    assert_eq!(p.valid_rows.len(), 1);
    assert_eq!(p.rows_with_errors(), 3);
    assert_eq!((p.new_count, p.updated_count), (2, 0));
}

#[test]
fn managers_must_be_known_and_not_oneself() {
    let csv = table(&[
        "ana@example.com;Ana;boss@example.com",
        "luis@example.com;Luis;Luis@Example.com",
        "eva@example.com;Eva;nadie@example.com",
        "pau@example.com;Pau;ana@example.com",
    ]);
    let p = run_with(&csv, &ImportOptions::default(), &[" BOSS@example.com"]).unwrap();
    assert_eq!(
        codes(&p),
        vec![
            (3, RowErrorCode::ManagerIsSelf),
            (4, RowErrorCode::UnknownManager)
        ]
    );
    assert_eq!(p.errors[1].value, "nadie@example.com");
    assert_eq!(p.errors[1].column, Some(2));
    assert_eq!(p.errors[1].field, Some(Field::ManagerEmail));
    // Without the existing employee, Ana's manager is unknown too.
    assert_eq!(codes(&run(&csv)).len(), 3);
}

#[test]
fn management_cycles_are_found() {
    let p = run(&table(&[
        "a@example.com;A;b@example.com",
        "b@example.com;B;a@example.com",
        "c@example.com;C;d@example.com",
        "d@example.com;D;e@example.com",
        "e@example.com;E;c@example.com",
        "f@example.com;F;c@example.com",
        "g@example.com;G;f@example.com",
        "h@example.com;H;",
    ]));
    let cycle: Vec<(i64, Option<i64>, &str)> = p
        .errors
        .iter()
        .map(|e| {
            assert_eq!(e.code, RowErrorCode::ManagementCycle);
            (e.row, e.related_row, e.value.as_str())
        })
        .collect();
    assert_eq!(
        cycle,
        vec![
            (2, Some(3), "b@example.com"),
            (3, Some(2), "a@example.com"),
            (4, Some(5), "d@example.com"),
            (5, Some(6), "e@example.com"),
            (6, Some(4), "c@example.com"),
        ]
    );
    // F and G report to the loop but are not in it.
    let valid: Vec<&str> = p.valid_rows.iter().map(|r| r.email.as_str()).collect();
    assert_eq!(valid, vec!["f@example.com", "g@example.com", "h@example.com"]);
}

#[test]
fn dates_levels_capacities_roles_and_zones() {
    let cases = [
        (
            "a@x.es;A;;;31/02/2020",
            RowErrorCode::InvalidDate,
            Field::CompanyStart,
            "31/02/2020",
        ),
        (
            "a@x.es;A;;;03/05/19",
            RowErrorCode::InvalidDate,
            Field::CompanyStart,
            "03/05/19",
        ),
        ("a@x.es;A;;0", RowErrorCode::InvalidJobLevel, Field::JobLevel, "0"),
        (
            "a@x.es;A;;21",
            RowErrorCode::InvalidJobLevel,
            Field::JobLevel,
            "21",
        ),
        (
            "a@x.es;A;;senior",
            RowErrorCode::InvalidJobLevel,
            Field::JobLevel,
            "senior",
        ),
        (
            "a@x.es;A;;;;11",
            RowErrorCode::InvalidCapacity,
            Field::MentorCapacity,
            "11",
        ),
        (
            "a@x.es;A;;;;-1",
            RowErrorCode::InvalidCapacity,
            Field::MentorCapacity,
            "-1",
        ),
        (
            "a@x.es;A;;;;;tutor",
            RowErrorCode::InvalidRole,
            Field::Role,
            "tutor",
        ),
        (
            "a@x.es;A;;;;;;Madrid",
            RowErrorCode::InvalidTimeZone,
            Field::TimeZone,
            "Madrid",
        ),
        (
            "a@x.es;A;;;;;;GMT+1",
            RowErrorCode::InvalidTimeZone,
            Field::TimeZone,
            "GMT+1",
        ),
    ];
    for (line, code, field, value) in cases {
        let e = only_error(&table(&[line]));
        assert_eq!(
            (e.code, e.field, e.value.as_str(), e.row),
            (code, Some(field), value, 2),
            "{line}"
        );
    }
}

#[test]
fn overlong_cells_and_extra_cells() {
    let long = "a".repeat(MAX_CELL_CHARS + 1);
    let e = only_error(&format!("email,name,department\nana@x.es,Ana,{long}\n"));
    assert_eq!(
        (e.code, e.field),
        (RowErrorCode::ValueTooLong, Some(Field::Department))
    );
    assert_eq!(e.value.chars().count(), MAX_ERROR_VALUE_CHARS + 1);
    assert!(e.value.ends_with('…'));
    // A too-long name is reported once, as too long.
    let e = only_error(&format!("email,name\nana@x.es,{long}\n"));
    assert_eq!(e.code, RowErrorCode::ValueTooLong);
    // An unquoted comma shifts the row: the extra cell is reported.
    let e = only_error("email,name,department\nana@x.es,García, Ana,Ventas\n");
    assert_eq!(
        (e.code, e.column, e.value.as_str()),
        (RowErrorCode::ExtraCells, Some(3), "Ventas")
    );
    // Empty trailing cells are harmless.
    assert!(run("email,name\nana@x.es,Ana,,,\n").is_importable());
}

#[test]
fn errors_are_ordered_and_rows_with_errors_are_not_valid() {
    let p = run(&table(&["bad;;;99;ayer;;;", "ok@example.com;Ok", ";Nadie;;;;;x"]));
    assert_eq!(
        codes(&p),
        vec![
            (2, RowErrorCode::InvalidEmail),
            (2, RowErrorCode::MissingName),
            (2, RowErrorCode::InvalidJobLevel),
            (2, RowErrorCode::InvalidDate),
            (4, RowErrorCode::MissingEmail),
            (4, RowErrorCode::InvalidRole),
        ]
    );
    assert_eq!(p.valid_rows.len(), 1);
    assert_eq!(p.rows_with_errors(), 2);
}

#[test]
fn new_and_existing_people() {
    let csv = table(&[
        "ana@example.com;Ana",
        "luis@example.com;Luis",
        "eva@example.com;Eva",
    ]);
    let p = run_with(
        &csv,
        &ImportOptions::default(),
        &["LUIS@example.com", "other@example.com"],
    )
    .unwrap();
    assert_eq!((p.new_count, p.updated_count), (2, 1));
    let existing: Vec<bool> = p.valid_rows.iter().map(|r| r.existing).collect();
    assert_eq!(existing, vec![false, true, false]);
}

#[test]
fn blank_lines_keep_spreadsheet_row_numbers() {
    let p = run("\n\nemail,name\n\nana@x.es,Ana\n,,\nbad,Bad\n\n\n");
    assert_eq!(p.header_row, 3);
    assert_eq!(p.rows, 2);
    assert_eq!(p.valid_rows[0].row, 5);
    assert_eq!(codes(&p), vec![(7, RowErrorCode::InvalidEmail)]);
}

#[test]
fn header_only_is_not_importable() {
    let p = run("email;nombre\n");
    assert_eq!(p.rows, 0);
    assert!(p.errors.is_empty());
    assert!(!p.is_importable());
}

#[test]
fn sample_and_ignored_columns() {
    let mut lines = vec!["Email,Name,Salary,".to_string()];
    for i in 0..15 {
        lines.push(format!("p{i}@example.com, P{i} ,{i}000"));
    }
    let p = run(&lines.join("\r\n"));
    assert_eq!(p.columns.len(), 3, "trailing empty header cells are dropped");
    assert_eq!(p.sample.len(), SAMPLE_ROWS);
    assert_eq!(
        p.sample[1],
        SampleRow {
            row: 3,
            cells: vec!["p1@example.com".into(), "P1".into(), "1000".into()]
        }
    );
    let ignored: Vec<&str> = p.ignored_columns().map(|c| c.header.as_str()).collect();
    assert_eq!(ignored, vec!["Salary"]);
    assert_eq!(p.valid_rows.len(), 15);
}

#[test]
fn file_level_errors() {
    let opts = ImportOptions::default();
    let err = |csv: &str| run_with(csv, &opts, &[]).unwrap_err();
    assert_eq!(err(""), ImportError::NoHeader);
    assert_eq!(err("\n \n;;\n"), ImportError::NoHeader);
    assert_eq!(
        err("ana@example.com;Ana\nluis@example.com;Luis"),
        ImportError::NoHeader
    );
    assert_eq!(
        err("email,name\n\"ana@x.es,Ana\n"),
        ImportError::UnterminatedQuote { row: 2 }
    );
    match err("Nombre;Departamento\nAna;Ventas") {
        ImportError::MissingEmailColumn { columns } => {
            assert_eq!(columns.len(), 2);
            assert_eq!(columns[1].field, Some(Field::Department));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        err("Email;Departamento\na@x.es;V"),
        ImportError::MissingNameColumn { .. }
    ));
    assert!(matches!(
        err("Email;Apellidos\na@x.es;V"),
        ImportError::MissingNameColumn { .. }
    ));
    let wide = format!("email,name,{}x\n", ",".repeat(MAX_COLUMNS));
    assert_eq!(err(&wide), ImportError::TooManyColumns { max_columns: 200 });
    assert_eq!(
        run_with("PK\u{3}\u{4}", &opts, &[]).unwrap_err(),
        ImportError::SpreadsheetFile
    );
}

#[test]
fn size_and_row_limits() {
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    let e = preview(&big, &ImportOptions::default(), &HashSet::new()).unwrap_err();
    assert_eq!(
        e,
        ImportError::FileTooLarge {
            bytes: 5 * 1024 * 1024 + 1,
            max_bytes: 5 * 1024 * 1024
        }
    );
    assert_eq!(e.code(), "file_too_large");

    let rows = |n: usize| {
        let mut s = String::from("email,name\n");
        for i in 0..n {
            s.push_str(&format!("p{i}@x.es,P\n"));
        }
        s
    };
    let p = run(&rows(MAX_ROWS));
    assert_eq!(p.rows, 20_000);
    assert!(p.is_importable());
    assert_eq!(
        run_with(&rows(MAX_ROWS + 1), &ImportOptions::default(), &[]).unwrap_err(),
        ImportError::TooManyRows { max_rows: 20_000 }
    );
}

#[test]
fn explicit_mapping_overrides_detection() {
    let csv = "Correo;Persona;Jefe;Extra\nana@x.es;Ana;;x\n";
    // "Persona" is not a known header: without a mapping there is no name column.
    assert!(matches!(
        run_with(csv, &ImportOptions::default(), &[]),
        Err(ImportError::MissingNameColumn { .. })
    ));
    let map = |pairs: &[(i32, Option<Field>)]| ImportOptions {
        delimiter: None,
        mapping: Some(
            pairs
                .iter()
                .map(|&(index, field)| ColumnMapping {
                    index,
                    header: String::new(),
                    field,
                })
                .collect(),
        ),
    };
    let p = run_with(
        csv,
        &map(&[(0, Some(Field::Email)), (1, Some(Field::Name)), (2, None)]),
        &[],
    )
    .unwrap();
    assert!(p.is_importable(), "{:?}", p.errors);
    assert_eq!(p.valid_rows[0].name, "Ana");
    assert_eq!(p.columns[1].header, "Persona", "headers come from the file");
    assert_eq!(p.columns[2].field, None, "a detected field can be switched off");
    assert_eq!(p.columns[3].field, None);

    let bad = |pairs: &[(i32, Option<Field>)]| run_with(csv, &map(pairs), &[]).unwrap_err();
    assert_eq!(
        bad(&[(4, Some(Field::Email))]),
        ImportError::InvalidMapping { index: 4 }
    );
    assert_eq!(
        bad(&[(-1, Some(Field::Email))]),
        ImportError::InvalidMapping { index: -1 }
    );
    assert_eq!(
        bad(&[(0, Some(Field::Email)), (0, Some(Field::Name))]),
        ImportError::InvalidMapping { index: 0 }
    );
    assert_eq!(
        bad(&[(0, Some(Field::Email)), (1, Some(Field::Email))]),
        ImportError::DuplicateMapping { field: Field::Email }
    );
    assert!(matches!(
        bad(&[(1, Some(Field::Name))]),
        ImportError::MissingEmailColumn { .. }
    ));
}

#[test]
fn delimiter_from_sep_line_or_option() {
    let p = run("sep=,\r\nemail,nombre\r\nana@x.es,Ana\r\n");
    assert_eq!(p.delimiter, Delimiter::Comma);
    assert_eq!(p.header_row, 1);
    assert_eq!(p.valid_rows[0].row, 2);
    // A one-column header gives no clue; the caller can say.
    let csv = "email\nana@x.es;Ana\n";
    let opts = ImportOptions {
        delimiter: Some(Delimiter::Semicolon),
        mapping: Some(vec![ColumnMapping {
            index: 0,
            header: String::new(),
            field: Some(Field::Email),
        }]),
    };
    // Only one header column, so the name column can't be mapped: missing name column.
    assert!(matches!(
        run_with(csv, &opts, &[]),
        Err(ImportError::MissingNameColumn { .. })
    ));
}

#[test]
fn lists_are_read() {
    let p = run("email;name;idiomas;puede enseñar;quiere aprender;intereses\n\
         a@x.es;A;Español|Inglés (B2)/fr;IA, Excel;Liderazgo | Negociación;\"Running, Cocina\"\n");
    let r = &p.valid_rows[0];
    assert_eq!(r.languages, vec!["es", "en", "fr"]);
    assert_eq!(r.can_teach, vec!["ia", "excel"]);
    assert_eq!(r.wants_to_learn, vec!["liderazgo", "negociación"]);
    assert_eq!(r.interests, vec!["running", "cocina"]);
}

#[test]
fn column_letters() {
    let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, -1].map(column_letter).into();
    assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", ""]);
}

#[test]
fn codes_match_serde_names() {
    for code in RowErrorCode::ALL {
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            format!("\"{}\"", code.as_str())
        );
    }
    for e in [
        ImportError::FileTooLarge {
            bytes: 1,
            max_bytes: 0,
        },
        ImportError::SpreadsheetFile,
        ImportError::UnsupportedEncoding,
        ImportError::NoHeader,
        ImportError::TooManyColumns { max_columns: 1 },
        ImportError::TooManyRows { max_rows: 1 },
        ImportError::UnterminatedQuote { row: 1 },
        ImportError::MissingEmailColumn { columns: vec![] },
        ImportError::MissingNameColumn { columns: vec![] },
        ImportError::InvalidMapping { index: 1 },
        ImportError::DuplicateMapping { field: Field::Email },
    ] {
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], e.code());
        assert_eq!(serde_json::from_value::<ImportError>(json).unwrap(), e);
    }
}

#[test]
fn preview_serialises_for_the_browser() {
    let p = run(&table(&[
        "ana@example.com;Ana;;3;2019-03-05;1;mentee;Europe/Madrid",
    ]));
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["encoding"], "utf8");
    assert_eq!(json["delimiter"], "semicolon");
    assert_eq!(json["columns"][2]["field"], "manager_email");
    assert_eq!(json["valid_rows"][0]["role"], "mentee");
    assert_eq!(json["valid_rows"][0]["company_start"]["year"], 2019);
    let back: ImportPreview = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
}
