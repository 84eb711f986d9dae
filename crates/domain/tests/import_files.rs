//! The employee import on real files (fixtures under `tests/fixtures/import/`) and on generated
//! ones: Spanish Excel (UTF-8 with BOM and Windows-1252, `;`), English CSV with quoted commas and
//! line breaks, CRLF, a file with every row error; real HR exports walked through every question
//! HR must answer (job titles, no role column, free-typed topics, misspelt time zones, month-first
//! dates, Mac Roman); arbitrary bytes never panic; a generated valid table reads back exactly.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::collections::{BTreeSet, HashSet};

use domain::import::{
    ColumnMapping, DateOrder, DateOrderSource, Delimiter, EmployeeRecord, Field, ImportContext, ImportError,
    ImportOptions, ImportPreview, LevelReport, ProgramRole, Question, RoleRule, RoleSource, RowErrorCode,
    TextEncoding, TopicAction, TopicChoice, UnknownManagers, preview,
};
use domain::{CatalogueTopic, DEFAULT_TOPICS, Date};
use proptest::prelude::*;

/// 15 June 2025.
const TODAY: Date = Date {
    year: 2025,
    month: 6,
    day: 15,
};

fn catalogue() -> Vec<CatalogueTopic> {
    DEFAULT_TOPICS
        .iter()
        .map(|t| CatalogueTopic {
            key: t.key.into(),
            es: t.es.into(),
            en: t.en.into(),
        })
        .collect()
}

/// An organisation with these employees, no level ladder and the default topic catalogue.
fn context(existing: &[&str]) -> ImportContext {
    ImportContext {
        existing_emails: existing.iter().map(|s| s.to_string()).collect(),
        level_ladder: Vec::new(),
        catalogue: catalogue(),
        today: TODAY,
    }
}

fn fixture(name: &str) -> Vec<u8> {
    // Read when the test runs (cargo and nextest set it for every test process): a test binary
    // reused from another checkout sharing the build directory would carry that checkout's path.
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
    let path = format!("{dir}/tests/fixtures/import/{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str, existing: &[&str]) -> ImportPreview {
    read_with(name, &ImportOptions::default(), existing)
}

fn read_with(name: &str, options: &ImportOptions, existing: &[&str]) -> ImportPreview {
    preview(&fixture(name), options, &context(existing)).unwrap()
}

fn day_first() -> ImportOptions {
    ImportOptions {
        date_order: Some(DateOrder::DayFirst),
        ..ImportOptions::default()
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    Some(Date { year, month, day })
}

#[test]
fn import_spanish_excel_utf8_with_bom() {
    let bytes = fixture("es_utf8_bom_semicolon.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "fixture must keep its BOM");
    let existing = ["JOSE.MARTINEZ@inversa.example"];
    // 03/02/1998 and 1-7-2010 could be month-first: HR is asked.
    let p = read("es_utf8_bom_semicolon.csv", &existing);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.open_questions(), vec![Question::DateOrder]);
    let p = read_with("es_utf8_bom_semicolon.csv", &day_first(), &existing);
    assert_eq!(p.encoding, TextEncoding::Utf8WithBom);
    assert!(!p.encoding_check.needs_decision);
    assert_eq!(p.delimiter, Delimiter::Semicolon);
    assert!(p.is_importable(), "{:?}", p.errors);
    assert_eq!(p.levels, LevelReport::Numbers);
    assert_eq!(p.roles.source, RoleSource::Column);
    assert_eq!(p.topics.matched, 8);
    assert!(
        p.ignored_columns().next().is_none(),
        "every Spanish header maps: {:?}",
        p.columns
    );
    let fields: Vec<Option<Field>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            Some(Field::Email),
            Some(Field::FirstName),
            Some(Field::LastName),
            Some(Field::Department),
            Some(Field::JobLevel),
            Some(Field::ManagerEmail),
            Some(Field::CompanyStart),
            Some(Field::Generation),
            Some(Field::Languages),
            Some(Field::TimeZone),
            Some(Field::Location),
            Some(Field::CanTeach),
            Some(Field::WantsToLearn),
            Some(Field::Interests),
            Some(Field::MentorCapacity),
            Some(Field::Role),
        ]
    );
    assert_eq!(
        p.columns[0].header, "Correo electrónico",
        "the BOM is not part of the first header"
    );
    assert_eq!((p.rows, p.new_count, p.updated_count), (3, 2, 1));

    let jose = &p.valid_rows[0];
    assert_eq!(jose.row, 2);
    assert_eq!(jose.email, "jose.martinez@inversa.example");
    assert_eq!(jose.name, "José Martínez Ibáñez");
    assert_eq!(jose.department.as_deref(), Some("Dirección Financiera"));
    assert_eq!(jose.job_level, Some(14));
    assert_eq!(jose.company_start, date(1998, 2, 3));
    assert_eq!(jose.generation.as_deref(), Some("Baby boomer"));
    assert_eq!(jose.languages, strings(&["es", "en"]));
    assert_eq!(jose.wants_to_learn, strings(&["ai_tools", "social_media"]));
    assert_eq!(jose.interests, strings(&["ciclismo", "ópera"]));
    assert_eq!(jose.mentor_capacity, Some(0));
    assert_eq!(jose.role, Some(ProgramRole::Mentee));
    assert!(jose.existing);
    assert!(!p.valid_rows[1].existing);

    let lucia = &p.valid_rows[1];
    assert_eq!(lucia.name, "Lucía Fernández Agüero");
    assert_eq!(
        lucia.manager_email.as_deref(),
        Some("jose.martinez@inversa.example")
    );
    assert_eq!(lucia.company_start, date(2023, 9, 15));
    assert_eq!(lucia.languages, strings(&["es", "en", "fr"]));
    assert_eq!(lucia.time_zone.as_deref(), Some("Atlantic/Canary"));
    assert_eq!(lucia.location.as_deref(), Some("Las Palmas de Gran Canaria"));
    assert_eq!(lucia.role, Some(ProgramRole::Mentor));
    assert_eq!(
        lucia.can_teach,
        strings(&["ai_tools", "social_media", "remote_work"])
    );
    assert_eq!(lucia.wants_to_learn, strings(&["leadership"]));

    let begona = &p.valid_rows[2];
    assert_eq!(begona.name, "Begoña Núñez Peña");
    assert_eq!(begona.company_start, date(2010, 7, 1));
    assert_eq!(begona.languages, strings(&["es", "eu"]));
    assert_eq!(begona.interests, Vec::<String>::new());
    assert_eq!(begona.role, Some(ProgramRole::Both));
}

#[test]
fn import_spanish_excel_windows_1252() {
    let bytes = fixture("es_windows1252_semicolon.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture must not be UTF-8");
    assert!(bytes.windows(2).any(|w| w == b"I\xF1"), "Iñaki in Windows-1252");
    let p = read("es_windows1252_semicolon.csv", &[]);
    assert_eq!(p.encoding, TextEncoding::Windows1252);
    assert!(!p.encoding_check.needs_decision, "plain Spanish text is certain");
    assert_eq!(p.delimiter, Delimiter::Semicolon);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    // No role column and ambiguous dates: nobody becomes a mentee silently.
    assert_eq!(p.open_questions(), vec![Question::DateOrder, Question::Roles]);
    assert_eq!(p.roles.source, RoleSource::Undecided);
    assert_eq!(p.roles.undecided, 2);
    assert!(p.valid_rows.iter().all(|r| r.role.is_none()));
    let options = ImportOptions {
        role_rule: Some(RoleRule::Tenure {
            mentor_below: 5,
            mentee_from: 15,
        }),
        ..day_first()
    };
    let p = read_with("es_windows1252_semicolon.csv", &options, &[]);
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.roles.source, RoleSource::Rule);
    let headers: Vec<&str> = p.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers[2], "Área");
    assert_eq!(p.columns[2].field, Some(Field::Department));
    assert_eq!(p.columns[3].field, Some(Field::ManagerEmail));
    let [inaki, agustin] = p.valid_rows.as_slice() else {
        panic!("{:?}", p.valid_rows)
    };
    assert_eq!(inaki.name, "Iñaki Múgica Ordóñez");
    assert_eq!(inaki.department.as_deref(), Some("Logística"));
    assert_eq!(inaki.company_start, date(2001, 5, 12));
    assert_eq!(inaki.interests, strings(&["pingüinos", "montaña"]));
    assert_eq!(inaki.role, Some(ProgramRole::Mentee), "24 years in the company");
    assert_eq!(agustin.role, Some(ProgramRole::Mentor), "3 years in the company");
    assert_eq!(agustin.name, "Agustín Argüelles Nuño");
    assert_eq!(agustin.location.as_deref(), Some("Gijón"));
    assert_eq!(
        agustin.manager_email.as_deref(),
        Some("inaki.mugica@inversa.example")
    );
    assert_eq!(agustin.interests, strings(&["café", "cómics"]));
}

#[test]
fn import_english_with_quoted_commas_and_line_breaks() {
    let p = read("en_comma_quoted.csv", &[]);
    assert_eq!((p.encoding, p.delimiter), (TextEncoding::Utf8, Delimiter::Comma));
    assert!(p.is_importable(), "{:?} {:?}", p.errors, p.open_questions());
    // 15/06/2019 proves day-first.
    let dates = p.dates.unwrap();
    assert_eq!(
        (dates.order, dates.source),
        (Some(DateOrder::DayFirst), DateOrderSource::Detected)
    );
    assert!(p.ignored_columns().next().is_none(), "{:?}", p.columns);
    // The first record spans two lines but is one spreadsheet row.
    let rows: Vec<i64> = p.valid_rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![2, 3, 4]);

    let james = &p.valid_rows[0];
    assert_eq!(james.name, "O'Connor, James");
    assert_eq!(james.location.as_deref(), Some("London, UK"));
    assert_eq!(james.languages, strings(&["en", "es"]));
    assert_eq!(james.wants_to_learn, strings(&["ai_tools", "social_media"]));
    assert_eq!(james.interests, strings(&["sailing", "chess"]));
    assert_eq!(james.job_level, Some(18));
    assert_eq!(james.role, Some(ProgramRole::Mentee));

    let priya = &p.valid_rows[1];
    assert_eq!(priya.department.as_deref(), Some("The \"Growth\" team"));
    assert_eq!(priya.interests, strings(&["climbing", "\"retro\" games"]));
    assert_eq!(priya.languages, strings(&["en", "hi"]));
    assert_eq!(priya.mentor_capacity, Some(3));
    assert_eq!(priya.can_teach, strings(&["ai_tools", "data_literacy"]));

    let sam = &p.valid_rows[2];
    assert_eq!(
        sam.department.as_deref(),
        Some("Sales, EMEA"),
        "line break collapsed to a space"
    );
    assert_eq!(sam.company_start, date(2019, 6, 15));
    assert_eq!(sam.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(sam.role, Some(ProgramRole::Both));
    assert_eq!(
        p.sample[2].cells[2], "Sales,\nEMEA",
        "the sample shows the cell as written"
    );
}

#[test]
fn import_crlf_line_endings() {
    let bytes = fixture("crlf.csv");
    assert!(
        bytes.windows(2).filter(|w| w == b"\r\n").count() >= 4,
        "fixture must keep CRLF"
    );
    let p = read("crlf.csv", &[]);
    assert!(p.is_importable(), "{:?}", p.errors);
    assert_eq!(p.rows, 2);
    let names: Vec<(&str, i64)> = p.valid_rows.iter().map(|r| (r.name.as_str(), r.row)).collect();
    assert_eq!(names, vec![("Ana Ruiz", 2), ("Luis Gil", 3)]);
    assert_eq!(p.valid_rows[0].department.as_deref(), Some("Ventas Norte"));
    assert!(
        p.valid_rows
            .iter()
            .all(|r| !r.email.contains('\r') && r.role.is_some())
    );
    // The same content with LF reads the same.
    let lf = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
    let p2 = preview(lf.as_bytes(), &ImportOptions::default(), &context(&[])).unwrap();
    assert_eq!(p2.valid_rows, p.valid_rows);
}

#[test]
fn import_broken_rows_report_every_code_at_its_row() {
    let p = read("broken_rows.csv", &["director@empresa.example"]);
    assert!(!p.is_importable());
    let found: Vec<(i64, RowErrorCode)> = p.errors.iter().map(|e| (e.row, e.code)).collect();
    use RowErrorCode::*;
    assert_eq!(
        found,
        vec![
            (2, DuplicateEmail),
            (3, MissingEmail),
            (4, InvalidEmail),
            (5, MissingName),
            (6, InvalidName),
            (7, DuplicateEmail),
            (8, UnknownManager),
            (9, ManagerIsSelf),
            (10, InvalidDate),
            (11, InvalidJobLevel),
            (12, InvalidCapacity),
            (13, InvalidRole),
            (14, InvalidTimeZone),
            (15, ManagementCycle),
            (16, ManagementCycle),
            (18, ValueTooLong),
            (19, InvalidEmail),
            (19, ExtraCells),
        ]
    );
    let every: BTreeSet<RowErrorCode> = found.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        every,
        RowErrorCode::ALL.into_iter().collect(),
        "every code appears"
    );

    let at = |row: i64, code: RowErrorCode| p.errors.iter().find(|e| e.row == row && e.code == code).unwrap();
    assert_eq!(at(2, DuplicateEmail).related_row, Some(7));
    assert_eq!(at(7, DuplicateEmail).related_row, Some(2));
    assert_eq!(at(7, DuplicateEmail).value, "ana.ruiz@empresa.example");
    assert_eq!(at(4, InvalidEmail).value, "pepe(at)empresa.example");
    assert_eq!(at(8, UnknownManager).value, "nadie@empresa.example");
    assert_eq!(at(8, UnknownManager).column, Some(2));
    assert_eq!(at(8, UnknownManager).field, Some(Field::ManagerEmail));
    assert_eq!(at(10, InvalidDate).value, "31/02/2020");
    assert_eq!(at(10, InvalidDate).column, Some(4));
    assert_eq!(at(11, InvalidJobLevel).value, "25");
    assert_eq!(at(12, InvalidCapacity).value, "12");
    assert_eq!(at(13, InvalidRole).value, "jefa");
    assert_eq!(at(14, InvalidTimeZone).value, "Madrid");
    assert_eq!(
        at(14, InvalidTimeZone).suggestion.as_deref(),
        Some("Europe/Madrid")
    );
    assert_eq!(at(15, ManagementCycle).related_row, Some(16));
    assert_eq!(at(16, ManagementCycle).related_row, Some(15));
    assert_eq!(at(18, ValueTooLong).field, Some(Field::Interests));
    assert_eq!(at(19, ExtraCells).value, "Ventas");
    assert_eq!(at(19, ExtraCells).column, Some(9));

    // Only Carmen (row 20), whose manager is an existing employee, is clean.
    let valid: Vec<i64> = p.valid_rows.iter().map(|r| r.row).collect();
    assert_eq!(valid, vec![20]);
    assert_eq!(p.rows, 18, "the blank row 17 is not an employee");
    assert_eq!(p.rows_with_errors(), 17);
}

#[test]
fn import_explicit_mapping_on_a_fixture() {
    // HR says the "Responsable" column is not an email and should be ignored.
    let mut columns = read("es_windows1252_semicolon.csv", &[]).columns;
    columns[3].field = None;
    let options = ImportOptions {
        mapping: Some(columns),
        ..ImportOptions::default()
    };
    let p = read_with("es_windows1252_semicolon.csv", &options, &[]);
    assert!(p.errors.is_empty());
    assert!(p.valid_rows.iter().all(|r| r.manager_email.is_none()));
    assert_eq!(p.ignored_columns().map(|c| c.index).collect::<Vec<_>>(), vec![3]);
    // Serialised mapping goes to the browser and back unchanged.
    let json = serde_json::to_string(&p.columns).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<ColumnMapping>>(&json).unwrap(),
        p.columns
    );
}

// ---------------------------------------------------------------------------------------------
// Real HR exports, walked through every question HR must answer.

const HR_LADDER: [&str; 7] = [
    "Becario",
    "Analista",
    "Analista Sénior",
    "Jefe de equipo",
    "Gerente",
    "Director",
    "Vicepresidente",
];

fn record<'a>(p: &'a ImportPreview, email: &str) -> &'a EmployeeRecord {
    p.valid_rows
        .iter()
        .find(|r| r.email == email)
        .unwrap_or_else(|| panic!("{email} not among the valid rows"))
}

#[test]
fn hr_export_with_job_titles_in_windows_1252() {
    let bytes = fixture("hr_export_titles_1252.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture must not be UTF-8");
    assert!(bytes.starts_with(b"N\xBA empleado;"), "Nº in Windows-1252");

    // 1. The first preview: what the file says, and what it does not.
    let p = read("hr_export_titles_1252.csv", &[]);
    assert_eq!(p.encoding, TextEncoding::Windows1252);
    assert!(
        !p.encoding_check.needs_decision,
        "a Spanish export is not questioned"
    );
    assert_eq!(p.delimiter, Delimiter::Semicolon);
    assert_eq!(p.rows, 60);
    let fields: Vec<Option<Field>> = p.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            None,
            Some(Field::FirstName),
            Some(Field::LastName),
            Some(Field::Email),
            Some(Field::Department),
            Some(Field::JobLevel),
            Some(Field::ManagerEmail),
            Some(Field::CompanyStart),
            Some(Field::TimeZone),
            Some(Field::Languages),
            Some(Field::CanTeach),
            Some(Field::WantsToLearn),
        ],
        "\"Puesto\" is the level column, \"Nº empleado\" is ignored"
    );
    // Job titles are not errors: they wait for their place on the ladder.
    let LevelReport::Titles {
        titles,
        unplaced,
        too_many,
    } = &p.levels
    else {
        panic!("{:?}", p.levels)
    };
    assert!(!too_many);
    assert_eq!(
        unplaced,
        &strings(&[
            "Vicepresidente",
            "Director",
            "Gerente",
            "Jefe de equipo",
            "Analista Sénior",
            "Analista",
            "Becario"
        ])
    );
    let counts: Vec<i64> = titles.iter().map(|t| t.count).collect();
    assert_eq!(counts, vec![1, 2, 4, 8, 10, 20, 15], "spellings folded together");
    // No role column: nobody is a mentee by default.
    assert_eq!(p.roles.source, RoleSource::Undecided);
    assert_eq!(p.roles.undecided, 58);
    assert_eq!(p.roles.undecided_rows.len(), 50);
    assert!(p.valid_rows.iter().all(|r| r.role.is_none()));
    // Topics typed by people: matched whatever the case and accents, two unknown.
    let unknown: Vec<(&str, i64)> = p
        .topics
        .unknown
        .iter()
        .map(|u| (u.name.as_str(), u.count))
        .collect();
    assert_eq!(
        unknown,
        vec![("Inteligencia artificial generativa", 16), ("Excel avanzado", 16)]
    );
    assert!(p.topics.matched > 60);
    // The misspelt zones are errors, each with the zone HR most likely meant.
    let zones: Vec<(i64, &str, Option<&str>)> = p
        .errors
        .iter()
        .map(|e| {
            assert_eq!(e.code, RowErrorCode::InvalidTimeZone);
            (e.row, e.value.as_str(), e.suggestion.as_deref())
        })
        .collect();
    assert_eq!(
        zones,
        vec![
            (27, "Europe/Madird", Some("Europe/Madrid")),
            (47, "America/Sao_Pablo", Some("America/Sao_Paulo")),
        ]
    );
    // Day-first dates, proven by days above 12.
    let dates = p.dates.unwrap();
    assert_eq!(
        (dates.order, dates.source, dates.month_first_evidence),
        (Some(DateOrder::DayFirst), DateOrderSource::Detected, 0)
    );
    assert!(dates.day_first_evidence > 10);
    assert!(!p.is_importable());
    assert_eq!(
        p.open_questions(),
        vec![Question::LevelTitles, Question::Roles, Question::Topics]
    );

    // 2. HR fixes the two zones in the file as suggested, and answers the questions.
    let mut fixed = String::from_utf8(
        bytes
            .iter()
            .map(|&b| if b.is_ascii() { b } else { b'?' })
            .collect(),
    )
    .unwrap();
    for e in &p.errors {
        fixed = fixed.replace(&e.value, e.suggestion.as_deref().unwrap());
    }
    let fixed: Vec<u8> = {
        // Put the non-ASCII bytes back (the replacements are ASCII and the same length ± 0).
        assert_eq!(fixed.len(), bytes.len());
        fixed
            .bytes()
            .zip(&bytes)
            .map(|(f, &b)| if b.is_ascii() { f } else { b })
            .collect()
    };
    let options = ImportOptions {
        level_ladder: Some(strings(&HR_LADDER)),
        role_rule: Some(RoleRule::Level {
            mentor_max: 3,
            mentee_min: 5,
        }),
        topic_choices: vec![
            TopicChoice {
                name: "excel avanzado".into(),
                action: TopicAction::Add {
                    es: "Excel avanzado".into(),
                    en: "Advanced Excel".into(),
                },
            },
            TopicChoice {
                name: "Inteligencia artificial generativa".into(),
                action: TopicAction::MapTo {
                    key: "ai_tools".into(),
                },
            },
        ],
        ..ImportOptions::default()
    };
    let p = preview(&fixed, &options, &context(&[])).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.valid_rows.len(), 60);
    assert_eq!(p.ladder, strings(&HR_LADDER));
    assert_eq!(
        p.new_topics,
        vec![CatalogueTopic {
            key: "advanced_excel".into(),
            es: "Excel avanzado".into(),
            en: "Advanced Excel".into(),
        }]
    );
    assert_eq!(p.roles.source, RoleSource::Rule);
    assert_eq!(
        (p.roles.mentors, p.roles.both, p.roles.mentees, p.roles.undecided),
        (45, 8, 7, 0)
    );
    assert_eq!(p.roles.level_span, Some((1, 7)));

    // 3. The records carry levels, roles, topic keys, dates and managers.
    let vp = record(&p, "carmen.ibanez@grupo-iberia.example");
    assert_eq!(vp.name, "Carmen Ibáñez Núñez");
    assert_eq!(vp.department.as_deref(), Some("Dirección General"));
    assert_eq!(
        (vp.job_title.as_deref(), vp.job_level, vp.role),
        (Some("Vicepresidente"), Some(7), Some(ProgramRole::Mentee))
    );
    assert_eq!(vp.company_start, date(1999, 1, 1));
    assert_eq!(vp.can_teach, strings(&["leadership"]));
    assert_eq!(vp.wants_to_learn, strings(&["social_media"]));
    assert_eq!(vp.manager_email, None);

    let director = record(&p, "begona.garcia@grupo-iberia.example");
    assert_eq!(
        (director.job_level, director.role),
        (Some(6), Some(ProgramRole::Mentee))
    );
    assert_eq!(director.company_start, date(2004, 11, 15));
    assert_eq!(director.can_teach, strings(&["leadership", "public_speaking"]));
    assert_eq!(
        director.wants_to_learn,
        strings(&["social_media", "advanced_excel"])
    );
    assert_eq!(
        director.manager_email.as_deref(),
        Some("carmen.ibanez@grupo-iberia.example")
    );

    let jefe = p
        .valid_rows
        .iter()
        .find(|r| r.job_title.as_deref() == Some("Jefe de Equipo"))
        .unwrap();
    assert_eq!((jefe.job_level, jefe.role), (Some(4), Some(ProgramRole::Both)));

    let senior: Vec<&EmployeeRecord> = p.valid_rows.iter().filter(|r| r.job_level == Some(3)).collect();
    assert_eq!(
        senior.len(),
        10,
        "\"analista senior\" and \"ANALISTA SÉNIOR\" are one title"
    );
    assert!(senior.iter().all(|r| r.role == Some(ProgramRole::Mentor)));

    let becario = record(&p, "joaquin.hernandez45@grupo-iberia.example");
    assert_eq!(becario.name, "Joaquín Hernández Navarro");
    assert_eq!(
        (becario.job_level, becario.role),
        (Some(1), Some(ProgramRole::Mentor))
    );
    assert_eq!(becario.time_zone.as_deref(), Some("America/Sao_Paulo"));
    assert_eq!(becario.languages, strings(&["pt", "es"]));
    assert_eq!(becario.can_teach, strings(&["ai_tools"]), "mapped by HR");
    assert_eq!(becario.wants_to_learn, strings(&["negotiation", "leadership"]));
    assert_eq!(
        becario.manager_email.as_deref(),
        Some("marta.rodriguez@grupo-iberia.example"),
        "written in capitals"
    );
    assert_eq!(
        record(&p, "german.suarez@grupo-iberia.example")
            .time_zone
            .as_deref(),
        Some("Europe/Madrid")
    );
    let excel = p
        .valid_rows
        .iter()
        .filter(|r| r.can_teach.contains(&"advanced_excel".to_string()))
        .count();
    assert!(excel > 0);
    assert!(
        p.valid_rows
            .iter()
            .flat_map(|r| r.can_teach.iter().chain(&r.wants_to_learn))
            .all(|k| k == "advanced_excel" || DEFAULT_TOPICS.iter().any(|t| t.key == k)),
        "records hold catalogue keys only"
    );
}

#[test]
fn hr_export_in_english_with_month_first_dates() {
    let p = read("hr_export_en_month_first.csv", &[]);
    assert_eq!((p.encoding, p.delimiter), (TextEncoding::Utf8, Delimiter::Comma));
    assert!(!p.encoding_check.needs_decision);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    // 03/17/2019 proves month-first: 03/04/2019 is 4 March, not 3 April.
    let dates = p.dates.unwrap();
    assert_eq!(
        (dates.order, dates.source),
        (Some(DateOrder::MonthFirst), DateOrderSource::Detected)
    );
    assert_eq!(dates.day_first_evidence, 0);
    assert_eq!(
        record(&p, "david.obrien@northwind.example").company_start,
        date(2019, 3, 4)
    );
    // One blank role cell, one unknown topic.
    assert_eq!(p.roles.source, RoleSource::Column);
    assert_eq!(p.roles.undecided_rows, vec![7]);
    let unknown: Vec<&str> = p.topics.unknown.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(unknown, vec!["Storytelling"]);
    assert_eq!(p.open_questions(), vec![Question::Roles, Question::Topics]);

    let options = ImportOptions {
        role_rule: Some(RoleRule::Level {
            mentor_max: 4,
            mentee_min: 10,
        }),
        topic_choices: vec![TopicChoice {
            name: "storytelling".into(),
            action: TopicAction::Ignore,
        }],
        ..ImportOptions::default()
    };
    let p = read_with("hr_export_en_month_first.csv", &options, &[]);
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(
        p.roles.source,
        RoleSource::Mixed,
        "the column wins; the rule fills the blank"
    );
    assert!(p.new_topics.is_empty());

    let margaret = record(&p, "margaret.collins@northwind.example");
    assert_eq!(margaret.company_start, date(2019, 3, 17));
    assert_eq!(
        (margaret.job_level, margaret.role),
        (Some(18), Some(ProgramRole::Mentee))
    );
    assert_eq!(margaret.can_teach, strings(&["leadership", "negotiation"]));
    assert_eq!(margaret.wants_to_learn, strings(&["ai_tools", "social_media"]));
    let jose = record(&p, "jose.hernandez@northwind.example");
    assert_eq!(jose.name, "José Hernández");
    assert_eq!(jose.department.as_deref(), Some("Sales, Americas"));
    assert_eq!(jose.company_start, date(2015, 11, 2));
    assert_eq!(jose.role, Some(ProgramRole::Both), "from the column");
    let chloe = record(&p, "chloe.martin@northwind.example");
    assert_eq!(chloe.company_start, date(2024, 1, 5));
    assert_eq!(
        chloe.can_teach,
        strings(&["social_media"]),
        "Storytelling ignored"
    );
    let tom = record(&p, "tom.nguyen@northwind.example");
    assert_eq!(
        (tom.job_level, tom.role),
        (Some(1), Some(ProgramRole::Mentor)),
        "from the rule"
    );
    assert_eq!(tom.company_start, date(2025, 6, 12));
    assert_eq!(tom.wants_to_learn, strings(&["career_navigation"]));
    assert_eq!(
        record(&p, "linda.park@northwind.example").company_start,
        date(2012, 12, 12)
    );

    // Had HR said day-first, the month-first dates would be errors, not silently swapped.
    let p = read_with(
        "hr_export_en_month_first.csv",
        &ImportOptions {
            date_order: Some(DateOrder::DayFirst),
            ..options
        },
        &[],
    );
    let bad: Vec<&str> = p
        .errors
        .iter()
        .map(|e| {
            assert_eq!(e.code, RowErrorCode::InvalidDate);
            e.value.as_str()
        })
        .collect();
    assert_eq!(bad, vec!["03/17/2019", "07/30/2021", "09/23/2022"]);
}

#[test]
fn hr_export_from_a_mac_asks_for_the_encoding() {
    let bytes = fixture("hr_export_macroman.csv");
    assert!(bytes.windows(4).any(|w| w == b"Jos\x8E"), "José in Mac Roman");
    assert!(!bytes.contains(&b'\n'), "old Mac line breaks (CR only)");

    let p = read("hr_export_macroman.csv", &[]);
    assert!(p.encoding_check.needs_decision);
    assert_eq!(p.open_questions(), vec![Question::Encoding]);
    assert!(!p.is_importable());
    let alternatives = &p.encoding_check.alternatives;
    assert_eq!(
        alternatives[0].encoding,
        TextEncoding::MacRoman,
        "the most plausible first"
    );
    assert_eq!(
        alternatives[0].samples,
        strings(&[
            "Correo electrónico",
            "Ubicación",
            "José García Núñez",
            "Producción",
            "Logroño"
        ])
    );
    let cp1252 = alternatives
        .iter()
        .find(|a| a.encoding == TextEncoding::Windows1252)
        .unwrap();
    assert_eq!(cp1252.samples[2], "JosŽ Garc’a Nœ–ez");
    // Meanwhile the preview is read with the most plausible encoding, so the columns map.
    assert_eq!(p.encoding, TextEncoding::MacRoman);
    assert_eq!(p.rows, 5);

    let mac = ImportOptions {
        encoding: Some(TextEncoding::MacRoman),
        ..ImportOptions::default()
    };
    let p = read_with("hr_export_macroman.csv", &mac, &[]);
    assert!(p.is_importable(), "{:?}", p.open_questions());
    assert_eq!(p.encoding, TextEncoding::MacRoman);
    let names: Vec<&str> = p.valid_rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "José García Núñez",
            "Begoña Martín",
            "Íñigo Muñoz",
            "Ángela Pérez Müller",
            "Raúl Gómez"
        ]
    );
    assert_eq!(p.valid_rows[1].location.as_deref(), Some("Málaga"));
    assert_eq!(p.valid_rows[2].role, Some(ProgramRole::Both));
    // HR's choice is obeyed even when wrong: read as Windows-1252 the email header is garbled.
    let cp1252 = ImportOptions {
        encoding: Some(TextEncoding::Windows1252),
        ..ImportOptions::default()
    };
    let e = preview(&bytes, &cp1252, &context(&[])).unwrap_err();
    assert!(matches!(e, ImportError::MissingEmailColumn { .. }), "{e:?}");
}

// ---------------------------------------------------------------------------------------------
// Generated files.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever the bytes, the import answers (with a preview or an error) and never panics; a
    /// preview accounts for every row.
    #[test]
    fn import_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_no_panic(&bytes, &ImportOptions::default());
    }

    /// The same on text made of CSV's special characters, where the interesting cases are.
    #[test]
    fn import_csv_like_text_never_panics(
        text in "(email|nombre|responsable|nivel|a@b\\.co|c@d\\.es|[;,\"\r\n |/]|x|ñ|1|2020-01-01|sep=;){0,60}",
        delimiter in proptest::option::of(prop_oneof![Just(Delimiter::Comma), Just(Delimiter::Semicolon)]),
        mapping in proptest::option::of(proptest::collection::vec((-1i32..5, 0usize..Field::ALL.len() + 1), 0..5)),
    ) {
        let mapping = mapping.map(|pairs| {
            pairs
                .into_iter()
                .map(|(index, f)| ColumnMapping { index, header: String::new(), field: Field::ALL.get(f).copied() })
                .collect()
        });
        check_no_panic(text.as_bytes(), &ImportOptions { delimiter, mapping, ..ImportOptions::default() });
    }

    /// HR's answers, whatever they are, never make the import panic either.
    #[test]
    fn import_with_arbitrary_answers_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        text in r"(email;nombre;puesto;rol;fecha;puede enseñar;generación\n|a@b\.co;|[;,|\n]|Becario|x|ñ|1|03/04/2020|13/01/2020|mentor|Gen Z|é){0,50}",
        encoding in proptest::option::of(proptest::sample::select(TextEncoding::ALL.to_vec())),
        date_order in proptest::option::of(prop_oneof![Just(DateOrder::DayFirst), Just(DateOrder::MonthFirst)]),
        ladder in proptest::option::of(proptest::collection::vec("[a-zA-Zé 1]{0,8}", 0..25)),
        bounds in (-3i32..25, -3i32..25),
        rule_kind in 0u8..4,
        choice in proptest::option::of(("[a-zA-Z ]{0,8}", 0u8..3, "[a-zé _]{0,10}")),
        link in any::<bool>(),
    ) {
        let role_rule = match rule_kind {
            0 => None,
            1 => Some(RoleRule::Level { mentor_max: bounds.0, mentee_min: bounds.1 }),
            2 => Some(RoleRule::Tenure { mentor_below: bounds.0, mentee_from: bounds.1 }),
            _ => Some(RoleRule::Generation { roles: vec![domain::import::GenerationRole {
                generation: "Gen Z".into(),
                role: ProgramRole::Mentor,
            }] }),
        };
        let topic_choices = choice.into_iter().map(|(name, kind, label)| TopicChoice {
            name,
            action: match kind {
                0 => TopicAction::Add { es: label.clone(), en: label },
                1 => TopicAction::MapTo { key: label },
                _ => TopicAction::Ignore,
            },
        }).collect();
        let options = ImportOptions {
            encoding,
            date_order,
            level_ladder: ladder,
            role_rule,
            topic_choices,
            link_unknown_managers: if link { UnknownManagers::ImportWithoutLink } else { UnknownManagers::Refuse },
            ..ImportOptions::default()
        };
        check_no_panic(&bytes, &options);
        check_no_panic(text.as_bytes(), &options);
    }
}

fn check_no_panic(bytes: &[u8], options: &ImportOptions) {
    match preview(bytes, options, &context(&["a@b.co"])) {
        Ok(p) => {
            let valid = i64::try_from(p.valid_rows.len()).unwrap();
            assert_eq!(
                valid + p.rows_with_errors(),
                p.rows,
                "each row is valid or has errors"
            );
            assert!(p.errors.iter().all(|e| e.row > p.header_row));
            assert!(p.valid_rows.iter().all(|r| r.row > p.header_row));
            assert!(
                p.errors.windows(2).all(|w| w[0].row <= w[1].row),
                "errors in row order"
            );
            assert!(p.new_count + p.updated_count <= p.rows);
            let questions = p.open_questions();
            assert_eq!(
                p.is_importable(),
                p.errors.is_empty() && p.rows > 0 && questions.is_empty()
            );
            if p.is_importable() {
                assert!(
                    p.valid_rows.iter().all(|r| r.role.is_some()),
                    "roles are never left open"
                );
            }
            assert_eq!(
                p.roles.mentors + p.roles.mentees + p.roles.both + p.roles.undecided,
                valid
            );
            assert!(
                p.valid_rows
                    .iter()
                    .all(|r| r.job_level.is_none_or(|l| (1..=20).contains(&l)))
            );
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            let _ = e.to_string();
        }
    }
}

/// One generated employee and how to write each of its cells.
#[derive(Debug, Clone)]
struct GenRow {
    record: EmployeeRecord,
    /// Random case for the email as written.
    email_upper: bool,
    /// Date format: 0 = ISO, 1 = `DD/MM/YYYY`, 2 = `DD-MM-YYYY`.
    date_format: u8,
    /// Languages as written (names or codes).
    languages_text: Vec<String>,
    /// Role as written.
    role_text: Option<String>,
    /// Topics as written (catalogue labels or keys in any case).
    can_teach_text: Vec<String>,
    wants_to_learn_text: Vec<String>,
    /// List separator: `|`, `, ` or ` / `.
    list_sep: &'static str,
}

const TIME_ZONES: &[&str] = &[
    "Europe/Madrid",
    "Atlantic/Canary",
    "America/New_York",
    "Europe/London",
    "UTC",
];
const LANGUAGE_TEXTS: &[(&str, &[&str])] = &[
    ("es", &["es", "Español", "castellano", "Spanish", "ES"]),
    ("en", &["en", "Inglés", "English", "en-GB"]),
    ("fr", &["fr", "Francés", "French"]),
    ("de", &["de", "Alemán", "German"]),
];
const ROLE_TEXTS: &[(ProgramRole, &[&str])] = &[
    (ProgramRole::Mentor, &["mentor", "Mentora", "MENTOR"]),
    (ProgramRole::Mentee, &["mentee", "Mentorizado", "Mentee"]),
    (ProgramRole::Both, &["ambos", "Both", "mentor y mentee"]),
];

fn words(chars: &'static str, max_words: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::string::string_regex(&format!("[{chars}]{{1,8}}")).unwrap(),
        1..=max_words,
    )
    .prop_map(|w| w.join(" "))
}

/// Words as people write names: an optional capital, then lower case (Windows-1252 text where a
/// capital follows a lower-case letter, `ñÁ`, does not read as Spanish and would be questioned).
fn name_words(max_words: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec("[A-ZÑÁÉ]?[a-zñáéíóúü']{1,7}", 1..=max_words).prop_map(|w| w.join(" "))
}

fn topics() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set(words("a-zñáü", 2), 0..4).prop_map(|s| s.into_iter().collect())
}

/// Catalogue topics as people type them: `(key, spelling)` pairs, distinct topics.
fn catalogue_topics() -> impl Strategy<Value = Vec<(String, String)>> {
    (
        proptest::sample::subsequence((0..DEFAULT_TOPICS.len()).collect::<Vec<_>>(), 0..=3),
        proptest::collection::vec(0usize..5, 3),
    )
        .prop_map(|(picked, variants)| {
            picked
                .into_iter()
                .zip(variants)
                .map(|(i, v)| {
                    let t = &DEFAULT_TOPICS[i];
                    // The Spanish DEI label has a comma, which separates list items.
                    let es = if t.es.contains(',') { t.en } else { t.es };
                    let spelling = match v {
                        0 => t.key.to_string(),
                        1 => es.to_string(),
                        2 => t.en.to_string(),
                        3 => es.to_uppercase(),
                        _ => t.en.to_lowercase(),
                    };
                    (t.key.to_string(), spelling)
                })
                .collect()
        })
}

fn gen_row() -> impl Strategy<Value = GenRow> {
    let tricky = "A-Za-zñáé,;\"'";
    (
        (
            "[a-z]{1,8}",
            any::<bool>(),
            name_words(3),
            proptest::option::of(words(tricky, 3)),
            proptest::option::of(1i32..=20),
            proptest::option::of((1950i32..=2030, 1u32..=12, 1u32..=28)),
            0u8..3,
            proptest::option::of(name_words(2)),
        ),
        (
            proptest::sample::subsequence(vec![0usize, 1, 2, 3], 0..=4),
            proptest::collection::vec(0usize..5, 4),
            proptest::option::of(proptest::sample::select(TIME_ZONES)),
            proptest::option::of(words(tricky, 3)),
            (catalogue_topics(), catalogue_topics(), topics()),
            proptest::option::of(0i32..=10),
            (0usize..3, 0usize..3),
            proptest::sample::select(vec!["|", ", ", " / "]),
        ),
    )
        .prop_map(
            |(
                (local, email_upper, name, department, job_level, start, date_format, generation),
                (
                    langs,
                    lang_variant,
                    time_zone,
                    location,
                    (can_teach, wants_to_learn, interests),
                    capacity,
                    role,
                    list_sep,
                ),
            )| {
                let languages: Vec<String> = langs.iter().map(|&i| LANGUAGE_TEXTS[i].0.to_string()).collect();
                let languages_text = langs
                    .iter()
                    .map(|&i| {
                        let variants = LANGUAGE_TEXTS[i].1;
                        variants[lang_variant[i] % variants.len()].to_string()
                    })
                    .collect();
                // Every row gives its role: the import never assumes one.
                let role_pick = Some(role).map(|(r, v)| (ROLE_TEXTS[r].0, ROLE_TEXTS[r].1[v].to_string()));
                let keys = |v: &[(String, String)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
                let spellings = |v: &[(String, String)]| v.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>();
                GenRow {
                    record: EmployeeRecord {
                        row: 0,
                        email: format!("{local}@empresa.example"),
                        name,
                        department,
                        job_level,
                        job_title: None,
                        manager_email: None,
                        manager_unlinked: false,
                        manager_as_written: None,
                        company_start: start.map(|(year, month, day)| Date { year, month, day }),
                        generation,
                        languages,
                        time_zone: time_zone.map(str::to_string),
                        location,
                        can_teach: keys(&can_teach),
                        wants_to_learn: keys(&wants_to_learn),
                        interests,
                        mentor_capacity: capacity,
                        role: role_pick.as_ref().map(|(r, _)| *r),
                        existing: false,
                    },
                    email_upper,
                    date_format,
                    languages_text,
                    role_text: role_pick.map(|(_, t)| t),
                    can_teach_text: spellings(&can_teach),
                    wants_to_learn_text: spellings(&wants_to_learn),
                    list_sep,
                }
            },
        )
}

/// A whole generated file: rows (emails made unique, managers only earlier rows, so no loops),
/// which are existing employees, and how the file is written.
#[derive(Debug, Clone)]
struct GenFile {
    rows: Vec<GenRow>,
    existing: Vec<bool>,
    spanish_headers: bool,
    delimiter: Delimiter,
    crlf: bool,
    /// 0 = UTF-8, 1 = UTF-8 with BOM, 2 = Windows-1252.
    encoding: u8,
    quote_all: bool,
}

fn gen_file() -> impl Strategy<Value = GenFile> {
    proptest::collection::vec(
        (
            gen_row(),
            proptest::option::of(any::<proptest::sample::Index>()),
            any::<bool>(),
        ),
        1..25,
    )
    .prop_flat_map(|rows| {
        (
            Just(rows),
            any::<bool>(),
            prop_oneof![Just(Delimiter::Comma), Just(Delimiter::Semicolon)],
            any::<bool>(),
            0u8..3,
            any::<bool>(),
        )
    })
    .prop_map(|(rows, spanish_headers, delimiter, crlf, encoding, quote_all)| {
        let mut out: Vec<GenRow> = Vec::new();
        let mut existing = Vec::new();
        for (i, (mut row, manager, is_existing)) in rows.into_iter().enumerate() {
            // Unique emails: the index is part of the local part.
            let (local, domain) = row.record.email.split_once('@').unwrap();
            row.record.email = format!("{local}.{i}@{domain}");
            row.record.manager_email = manager
                .filter(|_| i > 0)
                .map(|m| out[m.index(i)].record.email.clone());
            row.record.row = i64::try_from(i).unwrap() + 2;
            row.record.existing = is_existing;
            existing.push(is_existing);
            out.push(row);
        }
        GenFile {
            rows: out,
            existing,
            spanish_headers,
            delimiter,
            crlf,
            encoding,
            quote_all,
        }
    })
}

const HEADERS_ES: [&str; 16] = [
    "Correo electrónico",
    "Nombre completo",
    "Departamento",
    "Nivel",
    "Email del responsable",
    "Fecha de incorporación",
    "Generación",
    "Idiomas",
    "Zona horaria",
    "Ubicación",
    "Puede enseñar",
    "Quiere aprender",
    "Intereses",
    "Capacidad",
    "Rol en el programa",
    "Salario",
];
const HEADERS_EN: [&str; 16] = [
    "E-mail",
    "Name",
    "Department",
    "Job level",
    "Manager email",
    "Start date",
    "Generation",
    "Languages",
    "Time zone",
    "Location",
    "Can teach",
    "Wants to learn",
    "Interests",
    "Mentor capacity",
    "Role",
    "Salary",
];

impl GenFile {
    fn render(&self) -> Vec<u8> {
        let d = self.delimiter.as_char();
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let cell = |s: &str| {
            if self.quote_all || s.contains([d, '"', '\r', '\n']) || s.starts_with(' ') {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let line = |cells: Vec<String>| {
            cells
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(&d.to_string())
        };
        let headers = if self.spanish_headers {
            HEADERS_ES
        } else {
            HEADERS_EN
        };
        let mut text = line(headers.iter().map(|h| h.to_string()).collect());
        for g in &self.rows {
            let r = &g.record;
            let opt = |o: &Option<String>| o.clone().unwrap_or_default();
            let num = |o: Option<i32>| o.map(|n| n.to_string()).unwrap_or_default();
            let date = r.company_start.map(|dt| match g.date_format {
                0 => dt.iso(),
                1 => format!("{:02}/{:02}/{}", dt.day, dt.month, dt.year),
                _ => format!("{}-{}-{}", dt.day, dt.month, dt.year),
            });
            let list = |v: &[String]| v.join(g.list_sep);
            let email = if g.email_upper {
                r.email.to_uppercase()
            } else {
                r.email.clone()
            };
            text.push_str(eol);
            text.push_str(&line(vec![
                format!(" {email} "),
                r.name.clone(),
                opt(&r.department),
                num(r.job_level),
                opt(&r.manager_email),
                date.unwrap_or_default(),
                opt(&r.generation),
                list(&g.languages_text),
                opt(&r.time_zone),
                opt(&r.location),
                list(&g.can_teach_text),
                list(&g.wants_to_learn_text),
                list(&r.interests),
                num(r.mentor_capacity),
                g.role_text.clone().unwrap_or_default(),
                "42.000,50".to_string(),
            ]));
        }
        text.push_str(eol);
        match self.encoding {
            0 => text.into_bytes(),
            1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            _ => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                assert!(!unmappable);
                bytes.into_owned()
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A valid table written by "Excel" in any of the accepted shapes reads back exactly.
    #[test]
    fn import_generated_valid_table_round_trips(file in gen_file()) {
        let bytes = file.render();
        let existing: HashSet<String> = file
            .rows
            .iter()
            .zip(&file.existing)
            .filter(|(_, e)| **e)
            .map(|(r, _)| r.record.email.to_uppercase())
            .collect();
        let cx = ImportContext { existing_emails: existing, ..context(&[]) };
        // Day-first dates are what the generator writes; HR says so.
        let p = preview(&bytes, &day_first(), &cx).unwrap();
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);
        prop_assert!(p.is_importable(), "{:?}", p.open_questions());
        prop_assert_eq!(&p.roles.source, &RoleSource::Column);
        prop_assert!(p.topics.unknown.is_empty());
        prop_assert_eq!(p.delimiter, file.delimiter);
        let expected_encoding = match file.encoding {
            0 => TextEncoding::Utf8,
            1 => TextEncoding::Utf8WithBom,
            _ if bytes.is_ascii() => TextEncoding::Utf8,
            _ => TextEncoding::Windows1252,
        };
        prop_assert_eq!(p.encoding, expected_encoding);
        let mapped: Vec<Option<Field>> = p.columns.iter().map(|c| c.field).collect();
        prop_assert_eq!(mapped.last(), Some(&None), "salary is ignored");
        prop_assert!(mapped[..15].iter().all(Option::is_some));
        let expected: Vec<EmployeeRecord> = file.rows.iter().map(|r| r.record.clone()).collect();
        prop_assert_eq!(&p.valid_rows, &expected);
        let updated = i64::try_from(file.existing.iter().filter(|e| **e).count()).unwrap();
        prop_assert_eq!(p.updated_count, updated);
        prop_assert_eq!(p.new_count + p.updated_count, i64::try_from(file.rows.len()).unwrap());
    }
}

#[test]
fn import_limits_are_file_level_errors() {
    let e = preview(
        &vec![b' '; 6 * 1024 * 1024],
        &ImportOptions::default(),
        &ImportContext::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "file_too_large");
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["code"], "file_too_large");
    assert_eq!(json["max_bytes"], 5 * 1024 * 1024);
    let e = preview(
        b"Nombre;Apellidos\nAna;Ruiz\n",
        &ImportOptions::default(),
        &ImportContext::default(),
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::MissingEmailColumn { .. }), "{e:?}");
}
