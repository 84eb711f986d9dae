//! The employee import at scale: thousands of people written with the right manager through the
//! real repository, and a benchmark of preview and write up to the size the upload limit allows
//! (20,000 rows).
//!
//! The benchmark is ignored by default; run it optimised with
//! `cargo test --release -p db --test import_scale -- --ignored --nocapture`.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use std::collections::HashMap;
use std::time::Instant;

use db::employees::{self, ImportCounts, ImportDecisions};
use db::users::{self, NewUser};
use db::{Database, DbSettings, programs};
use domain::Role;
use domain::import::{ImportContext, ImportOptions, ImportPreview, preview};
use surrealdb::types::SurrealValue;

/// The level ladder the generated files' titles are placed on, most junior first.
const LADDER: [&str; 6] = [
    "Becario",
    "Analista",
    "Analista Sénior",
    "Responsable",
    "Gerente",
    "Director",
];

/// Topics as people write them: catalogue labels in both languages and one unknown topic.
const TOPICS: [&str; 7] = [
    "liderazgo",
    "Negociación",
    "redes sociales",
    "Public speaking",
    "herramientas de IA",
    "Cultura de datos",
    "Excel avanzado",
];

/// The email of the `i`-th person of a generated organisation.
fn email(i: usize) -> String {
    format!("p{i}@example.com")
}

/// The manager of the `i`-th person: a tree with eight reports per manager, person 0 at the top.
fn manager(i: usize) -> Option<usize> {
    (i > 0).then(|| (i - 1) / 8)
}

/// A semicolon-separated export of `n` people (Spanish headers) with titles on [`LADDER`],
/// managers, roles, start dates and topics. Rows are shuffled (a fixed permutation), so most
/// managers appear after some of their reports. `tag` changes the departments, to tell a
/// re-import's values from the first one's.
fn generate_csv(n: usize, tag: &str) -> String {
    let mut csv = String::with_capacity(n * 100);
    csv.push_str("Email;Nombre;Departamento;Puesto;Responsable;Rol;Fecha de incorporación;Puede enseñar;Quiere aprender\n");
    // 7919 is prime and does not divide any size used here, so `k * 7919 % n` visits every row.
    for k in 0..n {
        let i = if n.is_multiple_of(7919) { k } else { k * 7919 % n };
        let level = LADDER.len() - 1 - (depth(i).min(LADDER.len() - 1));
        let role = match i % 3 {
            0 => "mentor",
            1 => "mentee",
            _ => "ambos",
        };
        csv.push_str(&format!(
            "{};Persona {i};{tag}{};{};{};{role};{}-{:02}-{:02};{};{}\n",
            email(i),
            i % 40,
            LADDER[level],
            manager(i).map(email).unwrap_or_default(),
            2000 + i % 25,
            1 + i % 12,
            1 + i % 28,
            TOPICS[i % TOPICS.len()],
            TOPICS[(i + 3) % TOPICS.len()],
        ));
    }
    csv
}

/// How far below person 0 the `i`-th person stands.
fn depth(mut i: usize) -> usize {
    let mut d = 0;
    while let Some(m) = manager(i) {
        i = m;
        d += 1;
    }
    d
}

/// CPU seconds this process has used so far (user + system), from `/proc/self/stat`; 0 where
/// that file is missing. Less disturbed than wall time on a busy machine.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks/s.
    (ticks(11) + ticks(12)) / 100.0
}

/// Wall and CPU seconds of a step.
struct Timed {
    wall: f64,
    cpu: f64,
}

impl std::fmt::Display for Timed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>7.2} s ({:>6.2} s CPU)", self.wall, self.cpu)
    }
}

async fn timed<T>(step: impl std::future::Future<Output = T>) -> (T, Timed) {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let out = step.await;
    let t = Timed {
        wall: wall.elapsed().as_secs_f64(),
        cpu: cpu_seconds() - cpu,
    };
    (out, t)
}

async fn fresh() -> Database {
    Database::open(&DbSettings::memory())
        .await
        .expect("open in-memory database")
}

/// A database with one program owner and one program; answers the program key.
async fn with_program(db: &Database) -> String {
    let owner = users::create(
        db,
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
    programs::create(db, &owner.key(), &input).await.unwrap().key()
}

/// What the server reads before previewing: the stored employees, ladder and catalogue.
async fn context(db: &Database, program: &str) -> ImportContext {
    ImportContext {
        existing_emails: employees::existing_emails(db).await.unwrap(),
        level_ladder: db::levels::ladder(db).await.unwrap(),
        catalogue: programs::topics(db, program)
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
    }
}

/// HR's answers for a generated file: the ladder, and "Excel avanzado" added as a new topic.
fn options() -> ImportOptions {
    ImportOptions {
        level_ladder: Some(LADDER.iter().map(|t| t.to_string()).collect()),
        topic_choices: vec![domain::import::TopicChoice {
            name: "Excel avanzado".into(),
            action: domain::import::TopicAction::Add {
                es: "Excel avanzado".into(),
                en: "Advanced Excel".into(),
            },
        }],
        ..ImportOptions::default()
    }
}

/// Previews a generated file and checks it may be imported.
fn checked(csv: &str, context: &ImportContext) -> ImportPreview {
    let p = preview(csv.as_bytes(), &options(), context).unwrap();
    assert!(
        p.is_importable(),
        "{:?} {:?}",
        &p.errors[..p.errors.len().min(5)],
        p.open_questions()
    );
    p
}

async fn write(db: &Database, program: &str, p: &ImportPreview) -> db::DbResult<ImportCounts> {
    employees::import(
        db,
        program,
        &p.valid_rows,
        ImportDecisions {
            ladder: Some(&p.ladder),
            new_topics: &p.new_topics,
            by: None,
        },
    )
    .await
}

#[derive(Debug, SurrealValue)]
struct Link {
    email: String,
    manager_email: Option<String>,
    job_level: Option<i64>,
    department: Option<String>,
}

/// Every employee's email, manager's email, level and department.
async fn links(db: &Database) -> HashMap<String, Link> {
    let rows: Vec<Link> = db
        .client()
        .query("SELECT email, manager.email AS manager_email, job_level, department FROM employee")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    rows.into_iter().map(|l| (l.email.clone(), l)).collect()
}

async fn count(db: &Database, text: &str) -> i64 {
    let n: Option<i64> = db.client().query(text).await.unwrap().take(0).unwrap();
    n.unwrap()
}

#[tokio::test]
async fn a_large_import_writes_every_person_with_their_manager_and_enrolment() {
    // 2,000 rows: a manager tree five levels deep, managers before and after their reports.
    // The full 20,000 rows run in `bench_import_sizes` (an unoptimised SurrealDB takes minutes
    // for them, an optimised one seconds).
    let db = fresh().await;
    let program = with_program(&db).await;
    let n = 2_000;
    let csv = generate_csv(n, "D");
    let p = checked(&csv, &context(&db, &program).await);
    assert_eq!(p.valid_rows.len(), n);
    let counts = write(&db, &program, &p).await.unwrap();
    assert_eq!(
        counts,
        ImportCounts {
            created: n as i64,
            updated: 0,
            enrolled: n as i64
        }
    );

    let stored = links(&db).await;
    assert_eq!(stored.len(), n, "exactly one employee per row");
    for i in 0..n {
        let person = &stored[&email(i)];
        assert_eq!(
            person.manager_email,
            manager(i).map(email),
            "manager of {}",
            email(i)
        );
        let level = LADDER.len() - depth(i).min(LADDER.len() - 1);
        assert_eq!(person.job_level, Some(level as i64), "level of {}", email(i));
    }
    assert_eq!(
        count(
            &db,
            "RETURN count(SELECT id FROM enrolled WHERE as_mentor AND as_mentee)"
        )
        .await,
        (0..n).filter(|i| i % 3 == 2).count() as i64
    );
    assert_eq!(
        count(&db, "RETURN count(SELECT id FROM enrolled)").await,
        n as i64
    );
    assert_eq!(
        count(
            &db,
            "RETURN count(SELECT id FROM employee WHERE array::len(can_teach) = 1)"
        )
        .await,
        n as i64,
        "every row's topic, the added one included, is stored as a catalogue key"
    );

    // The same people again with other departments: updated in place, nothing added.
    let again = generate_csv(n, "E");
    let p = checked(&again, &context(&db, &program).await);
    let counts = write(&db, &program, &p).await.unwrap();
    assert_eq!(
        counts,
        ImportCounts {
            created: 0,
            updated: n as i64,
            enrolled: 0
        }
    );
    let stored = links(&db).await;
    assert_eq!(stored.len(), n);
    assert_eq!(stored[&email(17)].department.as_deref(), Some("E17"));
    assert_eq!(stored[&email(17)].manager_email, Some(email(2)));
    assert_eq!(
        count(&db, "RETURN count(SELECT id FROM enrolled)").await,
        n as i64
    );
}

/// Prints how long the preview (parsing and decisions) and the write take for 1,000, 10,000 and
/// 20,000 rows (or the sizes listed in `IMPORT_BENCH_ROWS`, e.g. `1000,5000`), into an empty
/// database and again as a re-import of the same people.
#[tokio::test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
async fn bench_import_sizes() {
    let sizes: Vec<usize> = std::env::var("IMPORT_BENCH_ROWS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 20_000]);
    for n in sizes {
        let db = fresh().await;
        let program = with_program(&db).await;
        let csv = generate_csv(n, "D");
        let (p, previewed) = timed(async { checked(&csv, &context(&db, &program).await) }).await;
        let (_, written) = timed(async { write(&db, &program, &p).await.unwrap() }).await;
        let again = generate_csv(n, "E");
        let (p, re_previewed) = timed(async { checked(&again, &context(&db, &program).await) }).await;
        let (_, re_written) = timed(async { write(&db, &program, &p).await.unwrap() }).await;
        println!(
            "{n:>6} rows, {:>7} bytes | new: preview {previewed}, write {written} | again: preview {re_previewed}, write {re_written}",
            csv.len(),
        );
    }
}
