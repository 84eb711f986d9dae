//! Unit tests of [`preview`]: one per rule, plus the file-level errors and the mapping override.

use super::*;

const HEAD: &str = "email;nombre;responsable;nivel;fecha de incorporación;capacidad;rol;zona horaria";

/// 15 June 2025, "today" in every test.
const TODAY: Date = Date {
    year: 2025,
    month: 6,
    day: 15,
};

/// The default catalogue, as a program starts with it.
fn catalogue() -> Vec<CatalogueTopic> {
    crate::topics::DEFAULT_TOPICS
        .iter()
        .map(|t| CatalogueTopic {
            key: t.key.into(),
            es: t.es.into(),
            en: t.en.into(),
        })
        .collect()
}

/// An organisation with these employees, no ladder and the default catalogue.
fn context(existing: &[&str]) -> ImportContext {
    ImportContext {
        existing_emails: existing.iter().map(|s| s.to_string()).collect(),
        level_ladder: Vec::new(),
        catalogue: catalogue(),
        today: TODAY,
    }
}

fn run_with(csv: &str, options: &ImportOptions, existing: &[&str]) -> Result<ImportPreview, ImportError> {
    preview(csv.as_bytes(), options, &context(existing))
}

fn run(csv: &str) -> ImportPreview {
    run_with(csv, &ImportOptions::default(), &[]).unwrap()
}

fn run_opts(csv: &str, options: &ImportOptions) -> ImportPreview {
    run_with(csv, options, &[]).unwrap()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn day_first() -> ImportOptions {
    ImportOptions {
        date_order: Some(DateOrder::DayFirst),
        ..ImportOptions::default()
    }
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
    let csv = table(&[
        "  Ana@Example.COM ; Ana  García ;;20;05/03/2019;2;Mentora;europe/madrid",
        "luis@example.com;Luis;ana@example.com;1;2020-01-31;0;ambos;Atlantic/Canary",
    ]);
    // 05/03/2019 could be 3 May: HR must say which.
    let undecided = run(&csv);
    assert!(undecided.errors.is_empty(), "{:?}", undecided.errors);
    assert_eq!(undecided.open_questions(), vec![Question::DateOrder]);
    assert_eq!(undecided.valid_rows[0].company_start, None);
    let p = run_opts(&csv, &day_first());
    assert!(p.is_importable(), "{:?}", p.errors);
    assert_eq!(p.levels, LevelReport::Numbers);
    assert_eq!(p.roles.source, RoleSource::Column);
    assert_eq!((p.roles.mentors, p.roles.both, p.roles.undecided), (1, 1, 0));
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
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let r = &p.valid_rows[0];
    assert_eq!(
        (r.job_level, r.company_start, r.mentor_capacity, r.role),
        (None, None, None, None)
    );
    assert_eq!(p.sample[0].cells.len(), 8);
    // A blank role is never defaulted: the rows wait for a rule.
    assert_eq!(
        (p.roles.undecided, p.roles.undecided_rows.clone()),
        (2, vec![2, 3])
    );
    assert!(!p.is_importable());
    assert_eq!(p.open_questions(), vec![Question::Roles]);
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
    assert!(p.errors.is_empty(), "{:?}", p.errors);
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
            "a@x.es;A;;3.5",
            RowErrorCode::InvalidJobLevel,
            Field::JobLevel,
            "3.5",
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
    assert!(run("email,name,role\nana@x.es,Ana,mentor,,\n").is_importable());
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
    let e = preview(&big, &ImportOptions::default(), &ImportContext::default()).unwrap_err();
    assert_eq!(
        e,
        ImportError::FileTooLarge {
            bytes: 5 * 1024 * 1024 + 1,
            max_bytes: 5 * 1024 * 1024
        }
    );
    assert_eq!(e.code(), "file_too_large");

    let rows = |n: usize| {
        let mut s = String::from("email,name,role\n");
        for i in 0..n {
            s.push_str(&format!("p{i}@x.es,P,mentee\n"));
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
        ..ImportOptions::default()
    };
    let p = run_with(
        csv,
        &map(&[(0, Some(Field::Email)), (1, Some(Field::Name)), (2, None)]),
        &[],
    )
    .unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
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
        ..ImportOptions::default()
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
    // Topics are catalogue keys; "IA" and "Excel" are not in it and wait for HR.
    assert_eq!(r.can_teach, Vec::<String>::new());
    assert_eq!(r.wants_to_learn, vec!["leadership", "negotiation"]);
    let unknown: Vec<&str> = p.topics.unknown.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(unknown, vec!["IA", "Excel"]);
    // Interests stay free text.
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
        ImportError::InvalidRoleRule,
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
    assert_eq!(json["levels"]["kind"], "numbers");
    assert_eq!(json["roles"]["source"], "column");
    assert_eq!(json["encoding_check"]["needs_decision"], false);
    assert_eq!(json["dates"], serde_json::Value::Null);
    let back: ImportPreview = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
    // Errors from before suggestions existed still read.
    let old = r#"{"row":2,"column":null,"field":null,"code":"extra_cells","value":"","related_row":null}"#;
    assert_eq!(serde_json::from_str::<RowError>(old).unwrap().suggestion, None);
}

// ---------------------------------------------------------------------------------------------
// Level titles and the ladder.

const TITLES_HEAD: &str = "email;nombre;puesto;rol";

fn titled(lines: &[&str]) -> String {
    let mut s = TITLES_HEAD.to_string();
    for l in lines {
        s.push('\n');
        s.push_str(l);
    }
    s
}

fn with_ladder(titles: &[&str]) -> ImportOptions {
    ImportOptions {
        level_ladder: Some(strings(titles)),
        ..ImportOptions::default()
    }
}

#[test]
fn titles_in_the_level_column_wait_for_the_ladder() {
    let csv = titled(&[
        "a@x.es;A;Becario;mentor",
        "b@x.es;B;Analista  Sénior;mentor",
        "c@x.es;C;Director;mentee",
        "d@x.es;D;analista senior;both",
        "e@x.es;E;3;both",
    ]);
    let p = run(&csv);
    // Titles are not row errors: the records just have no level yet.
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.valid_rows[1].job_level, None);
    assert_eq!(p.valid_rows[1].job_title.as_deref(), Some("Analista Sénior"));
    let LevelReport::Titles {
        titles,
        unplaced,
        too_many,
    } = &p.levels
    else {
        panic!("{:?}", p.levels)
    };
    assert_eq!(
        unplaced,
        &strings(&["Becario", "Analista Sénior", "Director", "3"])
    );
    assert_eq!(titles[1].count, 2, "folded: one title in two spellings");
    assert!(!too_many);
    assert!(!p.is_importable());
    assert_eq!(p.open_questions(), vec![Question::LevelTitles]);

    // HR orders them (folded: case, accents and spaces ignored).
    let p = run_opts(
        &csv,
        &with_ladder(&["becario", "Analista", "ANALISTA SENIOR", "3", "Director"]),
    );
    assert!(p.is_importable(), "{:?}", p.open_questions());
    let levels: Vec<Option<i32>> = p.valid_rows.iter().map(|r| r.job_level).collect();
    assert_eq!(levels, vec![Some(1), Some(3), Some(5), Some(3), Some(4)]);
    assert_eq!(
        p.ladder,
        strings(&["becario", "Analista", "ANALISTA SENIOR", "3", "Director"])
    );
    let LevelReport::Titles { titles, unplaced, .. } = &p.levels else {
        panic!("{:?}", p.levels)
    };
    assert!(unplaced.is_empty());
    let order: Vec<(&str, Option<i32>)> = titles.iter().map(|t| (t.title.as_str(), t.level)).collect();
    assert_eq!(
        order,
        vec![
            ("Becario", Some(1)),
            ("Analista Sénior", Some(3)),
            ("3", Some(4)),
            ("Director", Some(5))
        ],
        "ladder order"
    );
    assert_eq!(p.roles.level_span, Some((1, 5)));
}

#[test]
fn the_stored_ladder_is_used_unless_hr_sends_one() {
    let csv = titled(&["a@x.es;A;Becario;mentor", "b@x.es;B;Gerente;mentee"]);
    let mut cx = context(&[]);
    cx.level_ladder = strings(&["Becario", " Analista ", "", "Gerente"]);
    let p = preview(csv.as_bytes(), &ImportOptions::default(), &cx).unwrap();
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.ladder, strings(&["Becario", "Analista", "Gerente"]), "cleaned");
    assert_eq!(p.valid_rows[1].job_level, Some(3));
    // HR's ladder replaces the stored one.
    let p = preview(csv.as_bytes(), &with_ladder(&["Gerente"]), &cx).unwrap();
    assert_eq!(p.ladder, strings(&["Gerente"]));
    assert_eq!(p.valid_rows[1].job_level, Some(1));
    assert_eq!(
        p.open_questions(),
        vec![Question::LevelTitles],
        "Becario is off the ladder"
    );
}

#[test]
fn a_ladder_longer_than_twenty_blocks_the_import() {
    let ladder: Vec<String> = (1..=21).map(|i| format!("Nivel {i}")).collect();
    let csv = titled(&["a@x.es;A;Nivel 1;mentor", "b@x.es;B;nivel 21;mentee"]);
    let p = run_opts(
        &csv,
        &ImportOptions {
            level_ladder: Some(ladder),
            ..ImportOptions::default()
        },
    );
    let LevelReport::Titles {
        titles,
        unplaced,
        too_many,
    } = &p.levels
    else {
        panic!("{:?}", p.levels)
    };
    assert!(too_many);
    assert!(unplaced.is_empty());
    assert_eq!(titles[1].level, Some(21));
    assert_eq!(p.valid_rows[1].job_level, None, "21 is no job level");
    assert!(p.errors.is_empty());
    assert!(!p.is_importable());
    assert_eq!(p.open_questions(), vec![Question::LevelTitles]);
}

#[test]
fn numbers_only_columns_keep_the_number_rules() {
    let p = run(&titled(&[
        "a@x.es;A;7;mentor",
        "b@x.es;B;21;mentee",
        "c@x.es;C;;mentee",
    ]));
    assert_eq!(p.levels, LevelReport::Numbers);
    assert_eq!(codes(&p), vec![(3, RowErrorCode::InvalidJobLevel)]);
    assert_eq!(p.valid_rows[0].job_level, Some(7));
    assert_eq!(p.valid_rows[0].job_title, None);
    let p = run("email;nombre;rol\na@x.es;A;mentor\n");
    assert_eq!(p.levels, LevelReport::None);
}

// ---------------------------------------------------------------------------------------------
// Roles.

fn rule(rule: RoleRule) -> ImportOptions {
    ImportOptions {
        role_rule: Some(rule),
        ..ImportOptions::default()
    }
}

#[test]
fn the_role_column_wins_over_the_rule_and_blank_cells_fall_back() {
    let csv = "email;nombre;nivel;rol\n\
               a@x.es;A;1;mentee\n\
               b@x.es;B;1;\n\
               c@x.es;C;9;\n\
               d@x.es;D;;\n";
    let p = run_opts(
        csv,
        &rule(RoleRule::Level {
            mentor_max: 2,
            mentee_min: 8,
        }),
    );
    let roles: Vec<Option<ProgramRole>> = p.valid_rows.iter().map(|r| r.role).collect();
    assert_eq!(
        roles,
        vec![
            Some(ProgramRole::Mentee),
            Some(ProgramRole::Mentor),
            Some(ProgramRole::Mentee),
            None
        ]
    );
    assert_eq!(p.roles.source, RoleSource::Mixed);
    assert_eq!(
        (p.roles.mentors, p.roles.mentees, p.roles.both, p.roles.undecided),
        (1, 2, 0, 1)
    );
    assert_eq!(p.roles.undecided_rows, vec![5]);
    assert_eq!(p.roles.level_span, Some((1, 9)));
    assert!(!p.is_importable());
    assert_eq!(p.open_questions(), vec![Question::Roles]);
    // An invalid role cell stays an error; the rule does not hide it.
    let p = run_opts(
        "email;nombre;nivel;rol\na@x.es;A;1;tutor\n",
        &rule(RoleRule::Level {
            mentor_max: 2,
            mentee_min: 8,
        }),
    );
    assert_eq!(codes(&p), vec![(2, RowErrorCode::InvalidRole)]);
}

#[test]
fn without_role_column_and_rule_everyone_is_undecided() {
    let p = run("email;nombre;nivel\na@x.es;A;1\nb@x.es;B;9\n");
    assert_eq!(p.roles.source, RoleSource::Undecided);
    assert_eq!(p.roles.undecided, 2);
    assert!(p.valid_rows.iter().all(|r| r.role.is_none()), "never defaulted");
    assert!(!p.is_importable());
}

#[test]
fn level_rule_bands_including_both() {
    let mut csv = String::from("email;nombre;nivel\n");
    for level in 1..=8 {
        csv.push_str(&format!("p{level}@x.es;P;{level}\n"));
    }
    let p = run_opts(
        &csv,
        &rule(RoleRule::Level {
            mentor_max: 3,
            mentee_min: 6,
        }),
    );
    let roles: Vec<ProgramRole> = p.valid_rows.iter().filter_map(|r| r.role).collect();
    use ProgramRole::*;
    assert_eq!(
        roles,
        vec![Mentor, Mentor, Mentor, Both, Both, Mentee, Mentee, Mentee]
    );
    assert_eq!(p.roles.source, RoleSource::Rule);
    assert_eq!((p.roles.mentors, p.roles.both, p.roles.mentees), (3, 2, 3));
    assert!(p.is_importable());
}

#[test]
fn tenure_rule_counts_years_at_today() {
    // Today is 2025-06-15.
    let csv = "email;nombre;fecha alta\n\
               a@x.es;A;2024-01-10\n\
               b@x.es;B;2022-06-16\n\
               c@x.es;C;2022-06-15\n\
               d@x.es;D;2015-06-16\n\
               e@x.es;E;2015-06-15\n\
               f@x.es;F;\n";
    let p = run_opts(
        csv,
        &rule(RoleRule::Tenure {
            mentor_below: 3,
            mentee_from: 10,
        }),
    );
    let roles: Vec<Option<ProgramRole>> = p.valid_rows.iter().map(|r| r.role).collect();
    use ProgramRole::*;
    assert_eq!(
        roles,
        vec![
            Some(Mentor),
            Some(Mentor),
            Some(Both),
            Some(Both),
            Some(Mentee),
            None
        ]
    );
    assert_eq!(p.roles.undecided_rows, vec![7], "no start date, no tenure");
}

#[test]
fn generation_rule_and_the_bands_listed() {
    let csv = "email;nombre;generación\n\
               a@x.es;A;Generación Z\n\
               b@x.es;B;generacion z\n\
               c@x.es;C;Baby Boomer\n\
               d@x.es;D;Generación X\n";
    let p = run(csv);
    assert_eq!(
        p.roles.generations,
        vec![
            ("Generación Z".to_string(), 2),
            ("Baby Boomer".to_string(), 1),
            ("Generación X".to_string(), 1)
        ]
    );
    let p = run_opts(
        csv,
        &rule(RoleRule::Generation {
            roles: vec![
                GenerationRole {
                    generation: "GENERACIÓN Z".into(),
                    role: ProgramRole::Mentor,
                },
                GenerationRole {
                    generation: "baby  boomer".into(),
                    role: ProgramRole::Mentee,
                },
            ],
        }),
    );
    let roles: Vec<Option<ProgramRole>> = p.valid_rows.iter().map(|r| r.role).collect();
    assert_eq!(
        roles,
        vec![
            Some(ProgramRole::Mentor),
            Some(ProgramRole::Mentor),
            Some(ProgramRole::Mentee),
            None
        ]
    );
    assert_eq!(p.roles.undecided_rows, vec![5], "a band not listed is undecided");
}

#[test]
fn incoherent_rules_are_refused() {
    let csv = "email;nombre;nivel\na@x.es;A;1\n";
    for bad in [
        RoleRule::Level {
            mentor_max: 5,
            mentee_min: 5,
        },
        RoleRule::Tenure {
            mentor_below: 4,
            mentee_from: 3,
        },
        RoleRule::Generation {
            roles: vec![
                GenerationRole {
                    generation: "Gen Z".into(),
                    role: ProgramRole::Mentor,
                },
                GenerationRole {
                    generation: "gen-z".into(),
                    role: ProgramRole::Mentee,
                },
            ],
        },
    ] {
        assert_eq!(
            run_with(csv, &rule(bad.clone()), &[]).unwrap_err(),
            ImportError::InvalidRoleRule,
            "{bad:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Topics.

const TOPICS_HEAD: &str = "email;nombre;rol;puede enseñar;quiere aprender";

fn topics_table(lines: &[&str]) -> String {
    let mut s = TOPICS_HEAD.to_string();
    for l in lines {
        s.push('\n');
        s.push_str(l);
    }
    s
}

fn choose(choices: &[(&str, TopicAction)]) -> ImportOptions {
    ImportOptions {
        topic_choices: choices
            .iter()
            .map(|(name, action)| TopicChoice {
                name: name.to_string(),
                action: action.clone(),
            })
            .collect(),
        ..ImportOptions::default()
    }
}

#[test]
fn topics_match_the_catalogue_by_key_or_either_label() {
    let p = run(&topics_table(&[
        "a@x.es;A;mentor;redes sociales|HERRAMIENTAS DE IA;Liderazgo, negociacion",
        "b@x.es;B;mentee;Social media / social_media;ai_tools|Hablar en PÚBLICO",
    ]));
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.valid_rows[0].can_teach, strings(&["social_media", "ai_tools"]));
    assert_eq!(
        p.valid_rows[0].wants_to_learn,
        strings(&["leadership", "negotiation"])
    );
    assert_eq!(p.valid_rows[1].can_teach, strings(&["social_media"]));
    assert_eq!(
        p.valid_rows[1].wants_to_learn,
        strings(&["ai_tools", "public_speaking"])
    );
    assert_eq!(p.topics.matched, 7, "social media twice in one cell counts once");
    assert!(p.topics.unknown.is_empty());
    assert!(p.new_topics.is_empty());
}

#[test]
fn unknown_topics_need_a_choice() {
    let csv = topics_table(&[
        "a@x.es;A;mentor;Excel avanzado|Redes sociales;Inteligencia artificial generativa",
        "b@x.es;B;mentee;excel AVANZADO;Liderazgo de equipos",
    ]);
    let p = run(&csv);
    assert!(p.errors.is_empty());
    let got: Vec<(&str, i64, Option<&str>)> = p
        .topics
        .unknown
        .iter()
        .map(|u| (u.name.as_str(), u.count, u.suggestion.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Excel avanzado", 2, None),
            ("Inteligencia artificial generativa", 1, None),
            ("Liderazgo de equipos", 1, Some("leadership")),
        ]
    );
    assert_eq!(p.valid_rows[0].can_teach, strings(&["social_media"]));
    assert!(!p.is_importable());
    assert_eq!(p.open_questions(), vec![Question::Topics]);

    // Add one, map one to the addition, one to the catalogue; a choice for a known or absent
    // topic is ignored.
    let p = run_opts(
        &csv,
        &choose(&[
            (
                "EXCEL AVANZADO",
                TopicAction::Add {
                    es: "Excel avanzado".into(),
                    en: "Advanced Excel".into(),
                },
            ),
            (
                "inteligencia artificial generativa",
                TopicAction::MapTo {
                    key: "ai_tools".into(),
                },
            ),
            (
                "Liderazgo de equipos",
                TopicAction::MapTo {
                    key: "leadership".into(),
                },
            ),
            ("Redes sociales", TopicAction::Ignore),
            ("Cocina", TopicAction::Ignore),
        ]),
    );
    assert!(p.is_importable(), "{:?}", p.topics);
    assert_eq!(
        p.new_topics,
        vec![CatalogueTopic {
            key: "advanced_excel".into(),
            es: "Excel avanzado".into(),
            en: "Advanced Excel".into(),
        }]
    );
    assert_eq!(
        p.valid_rows[0].can_teach,
        strings(&["advanced_excel", "social_media"])
    );
    assert_eq!(p.valid_rows[0].wants_to_learn, strings(&["ai_tools"]));
    assert_eq!(p.valid_rows[1].can_teach, strings(&["advanced_excel"]));
    assert_eq!(p.valid_rows[1].wants_to_learn, strings(&["leadership"]));
    assert!(
        p.topics
            .unknown
            .iter()
            .all(|u| u.choice.is_some() && u.problem.is_none())
    );
}

#[test]
fn ignored_topics_are_dropped_and_map_to_an_addition_works() {
    let csv = topics_table(&["a@x.es;A;mentor;Excel;Hojas de cálculo|Liderazgo"]);
    let p = run_opts(
        &csv,
        &choose(&[
            (
                "hojas de calculo",
                TopicAction::MapTo {
                    key: "spreadsheets".into(),
                },
            ),
            (
                "excel",
                TopicAction::Add {
                    es: "Hojas de cálculo".into(),
                    en: "Spreadsheets".into(),
                },
            ),
        ]),
    );
    assert!(p.is_importable(), "{:?}", p.topics);
    assert_eq!(p.valid_rows[0].can_teach, strings(&["spreadsheets"]));
    assert_eq!(
        p.valid_rows[0].wants_to_learn,
        strings(&["spreadsheets", "leadership"])
    );
    let p = run_opts(
        &csv,
        &choose(&[
            ("Excel", TopicAction::Ignore),
            ("Hojas de cálculo", TopicAction::Ignore),
        ]),
    );
    assert!(p.is_importable());
    assert!(p.valid_rows[0].can_teach.is_empty());
    assert_eq!(p.valid_rows[0].wants_to_learn, strings(&["leadership"]));
}

#[test]
fn bad_topic_choices_are_reported_and_block_the_import() {
    let csv = topics_table(&["a@x.es;A;mentor;Excel|Word|PowerPoint|Teams;"]);
    let p = run_opts(
        &csv,
        &choose(&[
            (
                "Excel",
                TopicAction::Add {
                    es: "".into(),
                    en: "Excel".into(),
                },
            ),
            (
                "Word",
                TopicAction::Add {
                    es: "Liderazgo".into(),
                    en: "Word".into(),
                },
            ),
            ("PowerPoint", TopicAction::MapTo { key: "slides".into() }),
            (
                "Teams",
                TopicAction::Add {
                    es: "Ofimática".into(),
                    en: "Office tools".into(),
                },
            ),
        ]),
    );
    let problems: Vec<Option<TopicChoiceProblem>> = p.topics.unknown.iter().map(|u| u.problem).collect();
    assert_eq!(
        problems,
        vec![
            Some(TopicChoiceProblem::LabelMissing),
            Some(TopicChoiceProblem::Duplicate),
            Some(TopicChoiceProblem::UnknownKey),
            None
        ]
    );
    assert!(!p.is_importable());
    assert_eq!(p.open_questions(), vec![Question::Topics]);
    assert_eq!(p.new_topics.len(), 1);
    assert_eq!(p.valid_rows[0].can_teach, strings(&["office_tools"]));

    // Two additions with the same key: the second is a duplicate.
    let p = run_opts(
        &topics_table(&["a@x.es;A;mentor;Excel|MS Excel;"]),
        &choose(&[
            (
                "Excel",
                TopicAction::Add {
                    es: "Excel".into(),
                    en: "Excel".into(),
                },
            ),
            (
                "MS Excel",
                TopicAction::Add {
                    es: "Excel de Microsoft".into(),
                    en: "excel".into(),
                },
            ),
        ]),
    );
    assert_eq!(p.topics.unknown[1].problem, Some(TopicChoiceProblem::Duplicate));
    assert_eq!(p.new_topics.len(), 1, "added once");
}

// ---------------------------------------------------------------------------------------------
// Time zones, dates, encoding, managers.

#[test]
fn misspelt_time_zones_are_errors_with_a_suggestion() {
    let p = run(&table(&[
        "a@x.es;A;;;;;mentor;America/Sao_Pablo",
        "b@x.es;B;;;;;mentor;Europe/Madird",
        "c@x.es;C;;;;;mentor;Madrid",
        "d@x.es;D;;;;;mentor;Europe/Madird",
        "e@x.es;E;;;;;mentor;CET",
        "f@x.es;F;;;;;mentor;europe/madrid",
    ]));
    let got: Vec<(i64, RowErrorCode, &str, Option<&str>)> = p
        .errors
        .iter()
        .map(|e| (e.row, e.code, e.value.as_str(), e.suggestion.as_deref()))
        .collect();
    use RowErrorCode::InvalidTimeZone as Tz;
    assert_eq!(
        got,
        vec![
            (2, Tz, "America/Sao_Pablo", Some("America/Sao_Paulo")),
            (3, Tz, "Europe/Madird", Some("Europe/Madrid")),
            (4, Tz, "Madrid", Some("Europe/Madrid")),
            (5, Tz, "Europe/Madird", Some("Europe/Madrid")),
            (6, Tz, "CET", None),
        ]
    );
    assert_eq!(p.valid_rows[0].time_zone.as_deref(), Some("Europe/Madrid"));
    let json = serde_json::to_value(&p.errors[0]).unwrap();
    assert_eq!(json["suggestion"], "America/Sao_Paulo");
}

fn dated(dates: &[&str]) -> String {
    let mut s = String::from("email,name,role,start date");
    for (i, d) in dates.iter().enumerate() {
        s.push_str(&format!("\np{i}@x.es,P,mentor,{d}"));
    }
    s
}

fn starts(p: &ImportPreview) -> Vec<Option<String>> {
    p.valid_rows
        .iter()
        .map(|r| r.company_start.map(Date::iso))
        .collect()
}

fn iso(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| (!s.is_empty()).then(|| s.to_string())).collect()
}

#[test]
fn date_order_detected_day_first() {
    let p = run(&dated(&["17/03/2019", "03/04/2019", "2020-01-02"]));
    let d = p.dates.unwrap();
    assert_eq!(
        (d.order, d.source, d.day_first_evidence, d.month_first_evidence),
        (Some(DateOrder::DayFirst), DateOrderSource::Detected, 1, 0)
    );
    assert!(p.is_importable());
    assert_eq!(starts(&p), iso(&["2019-03-17", "2019-04-03", "2020-01-02"]));
}

#[test]
fn date_order_detected_month_first() {
    // The English-headers case: 03/17/2019 proves month-first, so 03/04/2019 is 4 March.
    let p = run(&dated(&["03/17/2019", "03/04/2019"]));
    let d = p.dates.unwrap();
    assert_eq!(
        (d.order, d.source, d.month_first_evidence),
        (Some(DateOrder::MonthFirst), DateOrderSource::Detected, 1)
    );
    assert!(p.is_importable());
    assert_eq!(starts(&p), iso(&["2019-03-17", "2019-03-04"]));
}

#[test]
fn ambiguous_dates_wait_for_hr_without_row_errors() {
    let csv = dated(&["03/04/2019", "05-06-2020", "2021-01-31"]);
    let p = run(&csv);
    let d = p.dates.unwrap();
    assert_eq!((d.order, d.source), (None, DateOrderSource::Detected));
    assert!(p.errors.is_empty());
    assert_eq!(starts(&p), iso(&["", "", "2021-01-31"]));
    assert_eq!(p.open_questions(), vec![Question::DateOrder]);
    assert!(!p.is_importable());
    let p = run_opts(
        &csv,
        &ImportOptions {
            date_order: Some(DateOrder::MonthFirst),
            ..ImportOptions::default()
        },
    );
    assert_eq!(p.dates.unwrap().source, DateOrderSource::Chosen);
    assert!(p.is_importable());
    assert_eq!(starts(&p), iso(&["2019-03-04", "2020-05-06", "2021-01-31"]));
}

#[test]
fn conflicting_dates_wait_and_the_choice_makes_the_others_errors() {
    let csv = dated(&["17/03/2019", "03/17/2019", "03/04/2019"]);
    let p = run(&csv);
    let d = p.dates.unwrap();
    assert_eq!(
        (d.order, d.day_first_evidence, d.month_first_evidence),
        (None, 1, 1)
    );
    assert!(p.errors.is_empty());
    assert_eq!(p.open_questions(), vec![Question::DateOrder]);
    let p = run_opts(&csv, &day_first());
    assert_eq!(codes(&p), vec![(3, RowErrorCode::InvalidDate)]);
    assert_eq!(p.errors[0].value, "03/17/2019");
    assert_eq!(starts(&p), iso(&["2019-03-17", "2019-04-03"]));
    // Only ISO dates: nothing to report.
    assert_eq!(run(&dated(&["2019-03-17"])).dates, None);
}

#[test]
fn spanish_windows_1252_is_certain_and_mac_roman_asks() {
    let text = "Correo electrónico;Nombre;Rol\nines@x.es;Inés Núñez Peña;mentora\n";
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let p = preview(&cp1252, &ImportOptions::default(), &context(&[])).unwrap();
    assert_eq!(p.encoding, TextEncoding::Windows1252);
    assert!(!p.encoding_check.needs_decision);
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.valid_rows[0].name, "Inés Núñez Peña");

    let mac = b"email;nombre;rol\njose@x.es;Jos\x8E Garc\x92a;mentor\n";
    let p = preview(mac, &ImportOptions::default(), &context(&[])).unwrap();
    assert!(p.encoding_check.needs_decision);
    assert_eq!(
        p.encoding,
        TextEncoding::MacRoman,
        "the most plausible reading meanwhile"
    );
    assert_eq!(p.valid_rows[0].name, "José García");
    assert_eq!(p.open_questions(), vec![Question::Encoding]);
    assert!(!p.is_importable());
    let mac_roman = &p.encoding_check.alternatives[0];
    assert_eq!(mac_roman.encoding, TextEncoding::MacRoman);
    assert_eq!(mac_roman.samples, strings(&["José García"]));
    let cp1252 = p
        .encoding_check
        .alternatives
        .iter()
        .find(|a| a.encoding == TextEncoding::Windows1252)
        .unwrap();
    assert_eq!(cp1252.samples, strings(&["JosŽ Garc’a"]));
    let forced = ImportOptions {
        encoding: Some(TextEncoding::MacRoman),
        ..ImportOptions::default()
    };
    let p = preview(mac, &forced, &context(&[])).unwrap();
    assert_eq!(p.encoding, TextEncoding::MacRoman);
    assert_eq!(p.valid_rows[0].name, "José García");
    assert!(p.is_importable());
}

#[test]
fn unknown_managers_are_refused_or_imported_without_the_link() {
    let csv = table(&[
        "ana@x.es;Ana;Jefa.Desconocida@X.es;;;;mentor",
        "luis@x.es;Luis;ana@x.es;;;;mentee",
        "eva@x.es;Eva;eva@x.es;;;;mentee",
    ]);
    let p = run(&csv);
    assert_eq!(
        codes(&p),
        vec![
            (2, RowErrorCode::UnknownManager),
            (4, RowErrorCode::ManagerIsSelf)
        ]
    );
    assert_eq!(p.open_questions(), vec![Question::UnknownManagers]);
    assert_eq!(p.unlinked_managers, 0);

    let without_link = ImportOptions {
        link_unknown_managers: UnknownManagers::ImportWithoutLink,
        ..ImportOptions::default()
    };
    let p = run_opts(&csv, &without_link);
    assert_eq!(
        codes(&p),
        vec![(4, RowErrorCode::ManagerIsSelf)],
        "other errors stay"
    );
    assert!(p.open_questions().is_empty());
    assert_eq!(p.unlinked_managers, 1);
    let ana = &p.valid_rows[0];
    assert_eq!(ana.manager_email, None);
    assert!(ana.manager_unlinked);
    assert_eq!(ana.manager_as_written.as_deref(), Some("Jefa.Desconocida@X.es"));
    let luis = &p.valid_rows[1];
    assert_eq!(luis.manager_email.as_deref(), Some("ana@x.es"));
    assert!(!luis.manager_unlinked && luis.manager_as_written.is_none());
    // Without the self-managed row, the file imports.
    let p = run_opts(&table(&["ana@x.es;Ana;jefa@x.es;;;;mentor"]), &without_link);
    assert!(p.is_importable());
}

#[test]
fn open_questions_list_everything_in_order() {
    // Mac Roman: "enseñar", "José".
    let csv = b"email;nombre;puesto;fecha alta;puede ense\x96ar;responsable\n\
                jose@x.es;Jos\x8E;Becario;03/04/2019;Excel;nadie@x.es\n";
    let p = preview(csv, &ImportOptions::default(), &context(&[])).unwrap();
    assert_eq!(
        p.open_questions(),
        vec![
            Question::Encoding,
            Question::LevelTitles,
            Question::DateOrder,
            Question::Topics,
            Question::UnknownManagers,
        ]
    );
    // Roles are counted over valid rows: with the manager fixed, the role question appears.
    let options = ImportOptions {
        link_unknown_managers: UnknownManagers::ImportWithoutLink,
        ..ImportOptions::default()
    };
    let p = preview(csv, &options, &context(&[])).unwrap();
    assert_eq!(
        p.open_questions(),
        vec![
            Question::Encoding,
            Question::LevelTitles,
            Question::DateOrder,
            Question::Roles,
            Question::Topics,
        ]
    );
    let answered = ImportOptions {
        encoding: Some(TextEncoding::MacRoman),
        level_ladder: Some(strings(&["Becario"])),
        date_order: Some(DateOrder::DayFirst),
        role_rule: Some(RoleRule::Level {
            mentor_max: 1,
            mentee_min: 2,
        }),
        topic_choices: vec![TopicChoice {
            name: "Excel".into(),
            action: TopicAction::Ignore,
        }],
        ..options
    };
    let p = preview(csv, &answered, &context(&[])).unwrap();
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.columns[4].field, Some(Field::CanTeach));
    assert_eq!(p.topics.unknown[0].choice, Some(TopicAction::Ignore));
    let jose = &p.valid_rows[0];
    assert_eq!(jose.name, "José");
    assert_eq!((jose.job_level, jose.role), (Some(1), Some(ProgramRole::Mentor)));
    assert_eq!(jose.company_start.map(Date::iso).as_deref(), Some("2019-04-03"));
    // Options travel as JSON and back.
    let json = serde_json::to_string(&answered).unwrap();
    assert_eq!(serde_json::from_str::<ImportOptions>(&json).unwrap(), answered);
    assert_eq!(
        serde_json::from_str::<ImportOptions>("{}").unwrap(),
        ImportOptions::default()
    );
}
