//! The employee import on the in-memory engine: upsert by email, manager links, enrolment and
//! all-or-nothing writes.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use db::employees::{self, ImportCounts};
use db::users::{self, NewUser};
use db::{Database, DbSettings, programs};
use domain::Role;
use domain::import::{EmployeeRecord, ImportContext, ImportOptions, RoleRule, preview};
use surrealdb::types::SurrealValue;

async fn fresh() -> Database {
    Database::open(&DbSettings::memory())
        .await
        .expect("open in-memory database")
}

/// A database with one program owner and one program; answers the program key.
async fn with_program() -> (Database, String) {
    let db = fresh().await;
    let owner = users::create(
        &db,
        NewUser {
            email: "rrhh@example.com".into(),
            name: "RRHH".into(),
            role: Role::ProgramManager,
            password_hash: None,
            lang: None,
        },
    )
    .await
    .unwrap();
    let input = domain::ProgramInput {
        name: "Piloto".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-06-30".into(),
        cadence_days: 14,
        meeting_minutes: 45,
        ..Default::default()
    }
    .validate()
    .unwrap();
    let program = programs::create(&db, &owner.key(), &input).await.unwrap();
    (db, program.key())
}

/// The valid rows of a CSV text, checked against the stored employees; rows without a role get
/// one by level (up to 5 mentor, from 10 mentee, both in between).
async fn records(db: &Database, csv: &str) -> Vec<EmployeeRecord> {
    let context = ImportContext {
        existing_emails: employees::existing_emails(db).await.unwrap(),
        ..ImportContext::default()
    };
    let options = ImportOptions {
        role_rule: Some(RoleRule::Level {
            mentor_max: 5,
            mentee_min: 10,
        }),
        ..ImportOptions::default()
    };
    let p = preview(csv.as_bytes(), &options, &context).unwrap();
    assert!(p.is_importable(), "{:?} {:?}", p.errors, p.open_questions());
    p.valid_rows
}

/// Imports with no decisions beyond the rows themselves.
async fn import(db: &Database, program: &str, rows: &[EmployeeRecord]) -> db::DbResult<ImportCounts> {
    employees::import(db, program, rows, employees::ImportDecisions::default()).await
}

#[derive(Debug, SurrealValue)]
struct Person {
    email: String,
    name: String,
    department: Option<String>,
    job_level: Option<i64>,
    manager_email: Option<String>,
    as_mentor: Option<bool>,
    as_mentee: Option<bool>,
}

/// Every employee with their manager's email and enrolment flags in the program.
async fn people(db: &Database, program: &str) -> Vec<Person> {
    db.client()
        .query(
            "SELECT email, name, department, job_level, manager.email AS manager_email,
                (SELECT VALUE as_mentor FROM enrolled WHERE in = $parent.id AND out = $program)[0] AS as_mentor,
                (SELECT VALUE as_mentee FROM enrolled WHERE in = $parent.id AND out = $program)[0] AS as_mentee
             FROM employee ORDER BY email",
        )
        .bind(("program", surrealdb::types::RecordId::new("program", program)))
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

async fn count(db: &Database, table: &str) -> i64 {
    let n: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM type::table($t))")
        .bind(("t", table.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap()
}

const FILE: &str = "Email;Nombre;Departamento;Nivel;Responsable;Rol\n\
    ana@example.com;Ana Pérez;Ventas;3;boss@example.com;mentora\n\
    boss@example.com;Beatriz Jefa;Dirección;12;;\n\
    carlos@example.com;Carlos Ruiz;;9;boss@example.com;ambos\n";

#[tokio::test]
async fn import_creates_links_managers_and_enrols() {
    let (db, program) = with_program().await;
    let rows = records(&db, FILE).await;
    let counts = import(&db, &program, &rows).await.unwrap();
    assert_eq!(
        counts,
        ImportCounts {
            created: 3,
            updated: 0,
            enrolled: 3
        }
    );
    let people = people(&db, &program).await;
    assert_eq!(people.len(), 3);
    let ana = &people[0];
    assert_eq!(ana.email, "ana@example.com");
    assert_eq!(ana.name, "Ana Pérez");
    assert_eq!(ana.department.as_deref(), Some("Ventas"));
    assert_eq!(ana.job_level, Some(3));
    assert_eq!(
        ana.manager_email.as_deref(),
        Some("boss@example.com"),
        "manager defined later in the file"
    );
    assert_eq!((ana.as_mentor, ana.as_mentee), (Some(true), Some(false)));
    let boss = &people[1];
    assert_eq!(boss.manager_email, None);
    assert_eq!(
        (boss.as_mentor, boss.as_mentee),
        (Some(false), Some(true)),
        "no role in the file: the level rule makes level 12 a mentee"
    );
    let carlos = &people[2];
    assert_eq!(carlos.department, None);
    assert_eq!((carlos.as_mentor, carlos.as_mentee), (Some(true), Some(true)));
    assert_eq!(employees::enrolled_count(&db, &program).await.unwrap(), 3);
}

#[tokio::test]
async fn reimport_updates_by_email_and_keeps_what_the_file_leaves_out() {
    let (db, program) = with_program().await;
    import(&db, &program, &records(&db, FILE).await).await.unwrap();
    // Ana changes department and name case of email; Beatriz keeps her level (the rule makes
    // her a mentee again); a new person reports to an existing employee who is not in this file.
    let second = "email,name,department,manager,role\n\
        ANA@example.com,Ana Pérez López,Marketing,,mentor\n\
        boss@example.com,Beatriz Jefa,,,mentee\n\
        dora@example.com,Dora Nueva,IT,carlos@example.com,mentor\n";
    let rows = records(&db, second).await;
    assert_eq!(rows.iter().filter(|r| r.existing).count(), 2);
    let counts = import(&db, &program, &rows).await.unwrap();
    assert_eq!(
        counts,
        ImportCounts {
            created: 1,
            updated: 2,
            enrolled: 1
        }
    );
    assert_eq!(count(&db, "employee").await, 4, "no duplicates");
    assert_eq!(count(&db, "enrolled").await, 4, "no duplicate enrolments");
    let people = people(&db, &program).await;
    let ana = &people[0];
    assert_eq!(ana.name, "Ana Pérez López");
    assert_eq!(ana.department.as_deref(), Some("Marketing"));
    assert_eq!(ana.job_level, Some(3), "a missing column keeps the stored value");
    assert_eq!(ana.manager_email.as_deref(), Some("boss@example.com"));
    assert_eq!((ana.as_mentor, ana.as_mentee), (Some(true), Some(false)));
    let boss = &people[1];
    assert_eq!(
        boss.department.as_deref(),
        Some("Dirección"),
        "a blank cell keeps the stored value"
    );
    let dora = &people[3];
    assert_eq!(dora.manager_email.as_deref(), Some("carlos@example.com"));

    // The same file again: nothing new.
    let counts = import(&db, &program, &records(&db, second).await).await.unwrap();
    assert_eq!(
        counts,
        ImportCounts {
            created: 0,
            updated: 3,
            enrolled: 0
        }
    );
    assert_eq!(count(&db, "employee").await, 4);
    assert_eq!(count(&db, "enrolled").await, 4);
}

#[tokio::test]
async fn a_failure_in_any_row_writes_nothing() {
    let (db, program) = with_program().await;
    let mut rows = records(&db, FILE).await;
    // A value the schema refuses, as if the check had been bypassed: the last row fails after
    // the first ones were written inside the transaction.
    rows[2].job_level = Some(99);
    assert!(import(&db, &program, &rows).await.is_err());
    assert_eq!(count(&db, "employee").await, 0);
    assert_eq!(count(&db, "enrolled").await, 0);

    // A manager that is nowhere (e.g. deleted between preview and import).
    let mut rows = records(&db, FILE).await;
    rows[0].manager_email = Some("ghost@example.com".into());
    assert!(import(&db, &program, &rows).await.is_err());
    assert_eq!(count(&db, "employee").await, 0);
    assert_eq!(count(&db, "enrolled").await, 0);
    assert!(employees::existing_emails(&db).await.unwrap().is_empty());
}

#[derive(Debug, SurrealValue)]
struct Imported {
    email: String,
    job_level: Option<i64>,
    job_title: Option<String>,
    manager_unlinked: bool,
    manager_as_written: Option<String>,
}

async fn imported(db: &Database) -> Vec<Imported> {
    db.client()
        .query("SELECT email, job_level, job_title, manager_unlinked, manager_as_written FROM employee ORDER BY email")
        .await
        .unwrap()
        .take(0)
        .unwrap()
}

#[tokio::test]
async fn an_import_stores_the_ladder_new_topics_and_unlinked_managers_with_the_people() {
    let (db, program) = with_program().await;
    let csv = "Email;Nombre;Puesto;Responsable;Rol;Puede enseñar\n\
        ana@example.com;Ana;Becaria;jefa@otra.example;mentora;Excel avanzado\n\
        bea@example.com;Bea;Directora;;mentee;liderazgo\n";
    let context = ImportContext {
        existing_emails: employees::existing_emails(&db).await.unwrap(),
        catalogue: programs::topics(&db, &program)
            .await
            .unwrap()
            .into_iter()
            .map(|t| domain::CatalogueTopic {
                key: t.key,
                es: t.label_es,
                en: t.label_en,
            })
            .collect(),
        ..ImportContext::default()
    };
    let options = ImportOptions {
        level_ladder: Some(vec!["Becaria".into(), "Analista".into(), "Directora".into()]),
        topic_choices: vec![domain::import::TopicChoice {
            name: "Excel avanzado".into(),
            action: domain::import::TopicAction::Add {
                es: "Excel avanzado".into(),
                en: "Advanced Excel".into(),
            },
        }],
        link_unknown_managers: domain::import::UnknownManagers::ImportWithoutLink,
        ..ImportOptions::default()
    };
    let p = preview(csv.as_bytes(), &options, &context).unwrap();
    assert!(p.is_importable(), "{:?} {:?}", p.errors, p.open_questions());
    let decisions = employees::ImportDecisions {
        ladder: Some(&p.ladder),
        new_topics: &p.new_topics,
        by: None,
    };
    employees::import(&db, &program, &p.valid_rows, decisions)
        .await
        .unwrap();

    assert_eq!(
        db::levels::ladder(&db).await.unwrap(),
        vec!["Becaria", "Analista", "Directora"]
    );
    let topics = programs::topics(&db, &program).await.unwrap();
    let excel = topics
        .iter()
        .find(|t| t.label_en == "Advanced Excel")
        .expect("topic added");
    let people = imported(&db).await;
    assert_eq!(people[0].email, "ana@example.com");
    assert_eq!(
        (people[0].job_level, people[0].job_title.as_deref()),
        (Some(1), Some("Becaria"))
    );
    assert!(people[0].manager_unlinked);
    assert_eq!(people[0].manager_as_written.as_deref(), Some("jefa@otra.example"));
    assert_eq!(
        (people[1].job_level, people[1].manager_unlinked),
        (Some(3), false)
    );
    let teach: Vec<String> = db
        .client()
        .query("SELECT VALUE can_teach FROM ONLY employee WHERE email = 'ana@example.com' LIMIT 1")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(teach, vec![excel.key.clone()]);

    // Reordering the ladder later re-levels the people imported with a title.
    let titled = db::levels::titled_employees(&db).await.unwrap();
    let ladder = vec!["Analista".to_string(), "Directora".into(), "Becaria".into()];
    let levels: Vec<(String, Option<i32>)> = titled
        .iter()
        .map(|e| (e.key.clone(), domain::ladder::level_of(&ladder, &e.title)))
        .collect();
    db::levels::save(&db, &ladder, &levels, None).await.unwrap();
    let people = imported(&db).await;
    assert_eq!((people[0].job_level, people[1].job_level), (Some(3), Some(2)));
}

#[tokio::test]
async fn a_new_enrolment_without_a_role_is_refused_whole() {
    let (db, program) = with_program().await;
    let mut rows = records(&db, FILE).await;
    rows[1].role = None;
    assert!(
        import(&db, &program, &rows).await.is_err(),
        "roles are never defaulted"
    );
    assert_eq!(count(&db, "employee").await, 0);
    assert_eq!(count(&db, "enrolled").await, 0);
}
