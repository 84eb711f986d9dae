//! The demo organisation loaded on first start: about forty employees with Spanish and English
//! names, a pilot program with its topic catalogue, and a few accounts to sign in with.

use chrono::{Duration, Utc};
use domain::{Lang, Role, topics::DEFAULT_TOPICS};
use surrealdb::types::RecordId;

use crate::users::{self, NewUser};
use crate::{Database, DbError, DbResult, new_key};

/// An account created for the demo, to print in the terminal.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    /// Email to sign in with.
    pub email: &'static str,
    /// What the account is for.
    pub role: Role,
}

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "inversa-demo-2026";

/// `(name, email local part, department, job level, manager index, languages, teaches, learns)`.
/// Levels: 1–4 juniors (future mentors), 8–14 seniors (future mentees).
type Person = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<usize>,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const PEOPLE: &[Person] = &[
    (
        "Carmen Ortega Ruiz",
        "carmen.ortega",
        "Dirección",
        14,
        None,
        &["es", "en"],
        &["leadership", "industry_experience"],
        &["ai_tools", "new_generations"],
    ),
    (
        "Richard Hughes",
        "richard.hughes",
        "Finance",
        13,
        Some(0),
        &["en", "es"],
        &["negotiation", "industry_experience"],
        &["data_literacy", "ai_tools"],
    ),
    (
        "Javier Morales Gil",
        "javier.morales",
        "Operaciones",
        12,
        Some(0),
        &["es"],
        &["leadership", "career_navigation"],
        &["digital_collaboration", "social_media"],
    ),
    (
        "Elizabeth Carter",
        "elizabeth.carter",
        "Marketing",
        12,
        Some(0),
        &["en"],
        &["public_speaking", "leadership"],
        &["social_media", "dei"],
    ),
    (
        "Antonio Navarro Díaz",
        "antonio.navarro",
        "Ventas",
        11,
        Some(2),
        &["es", "en"],
        &["negotiation", "career_navigation"],
        &["ai_tools", "remote_work"],
    ),
    (
        "Pilar Romero Vega",
        "pilar.romero",
        "Recursos Humanos",
        11,
        Some(0),
        &["es"],
        &["career_navigation", "public_speaking"],
        &["new_generations", "dei"],
    ),
    (
        "James Wilson",
        "james.wilson",
        "Engineering",
        11,
        Some(1),
        &["en"],
        &["industry_experience", "leadership"],
        &["ai_tools", "social_media"],
    ),
    (
        "Francisco Jiménez Soto",
        "francisco.jimenez",
        "Finanzas",
        10,
        Some(1),
        &["es"],
        &["negotiation", "industry_experience"],
        &["data_literacy", "digital_collaboration"],
    ),
    (
        "Margaret Thompson",
        "margaret.thompson",
        "Legal",
        10,
        Some(0),
        &["en", "es"],
        &["negotiation", "public_speaking"],
        &["remote_work", "ai_tools"],
    ),
    (
        "Rosa Martín Herrera",
        "rosa.martin",
        "Operaciones",
        10,
        Some(2),
        &["es", "en"],
        &["leadership", "industry_experience"],
        &["social_media", "new_generations"],
    ),
    (
        "David Clarke",
        "david.clarke",
        "Sales",
        9,
        Some(4),
        &["en"],
        &["negotiation", "career_navigation"],
        &["data_literacy", "ai_tools"],
    ),
    (
        "Manuel Castro Prieto",
        "manuel.castro",
        "Logística",
        9,
        Some(2),
        &["es"],
        &["industry_experience"],
        &["digital_collaboration", "remote_work"],
    ),
    (
        "Susan Bennett",
        "susan.bennett",
        "Marketing",
        9,
        Some(3),
        &["en"],
        &["public_speaking", "career_navigation"],
        &["ai_tools", "data_literacy"],
    ),
    (
        "Isabel Domínguez León",
        "isabel.dominguez",
        "Calidad",
        9,
        Some(2),
        &["es", "en"],
        &["leadership", "negotiation"],
        &["dei", "social_media"],
    ),
    (
        "Robert Evans",
        "robert.evans",
        "IT",
        8,
        Some(6),
        &["en", "es"],
        &["industry_experience", "leadership"],
        &["new_generations", "remote_work"],
    ),
    (
        "Teresa Gutiérrez Ramos",
        "teresa.gutierrez",
        "Atención al cliente",
        8,
        Some(4),
        &["es"],
        &["career_navigation", "public_speaking"],
        &["ai_tools", "digital_collaboration"],
    ),
    (
        "Luis Ortiz Blanco",
        "luis.ortiz",
        "Compras",
        8,
        Some(7),
        &["es"],
        &["negotiation"],
        &["data_literacy", "social_media"],
    ),
    (
        "Patricia Moore",
        "patricia.moore",
        "Finance",
        8,
        Some(1),
        &["en"],
        &["industry_experience", "career_navigation"],
        &["ai_tools", "dei"],
    ),
    (
        "Lucía Fernández Gómez",
        "lucia.fernandez",
        "Marketing",
        2,
        Some(3),
        &["es", "en"],
        &["social_media", "ai_tools", "new_generations"],
        &["leadership", "public_speaking"],
    ),
    (
        "Pablo Sánchez Torres",
        "pablo.sanchez",
        "Ingeniería",
        1,
        Some(6),
        &["es"],
        &["ai_tools", "data_literacy"],
        &["career_navigation", "industry_experience"],
    ),
    (
        "Emily Johnson",
        "emily.johnson",
        "Engineering",
        2,
        Some(6),
        &["en", "es"],
        &["ai_tools", "remote_work", "digital_collaboration"],
        &["leadership", "negotiation"],
    ),
    (
        "Alejandro Ruiz Molina",
        "alejandro.ruiz",
        "Ventas",
        1,
        Some(10),
        &["es"],
        &["social_media", "digital_collaboration"],
        &["negotiation", "career_navigation"],
    ),
    (
        "Sofía López Castillo",
        "sofia.lopez",
        "Recursos Humanos",
        2,
        Some(5),
        &["es", "en"],
        &["dei", "new_generations", "social_media"],
        &["public_speaking", "leadership"],
    ),
    (
        "Oliver Smith",
        "oliver.smith",
        "IT",
        3,
        Some(14),
        &["en"],
        &["ai_tools", "data_literacy", "remote_work"],
        &["industry_experience", "leadership"],
    ),
    (
        "Marta Vázquez Iglesias",
        "marta.vazquez",
        "Finanzas",
        2,
        Some(7),
        &["es"],
        &["data_literacy", "digital_collaboration"],
        &["negotiation", "industry_experience"],
    ),
    (
        "Daniel García Serrano",
        "daniel.garcia",
        "Logística",
        1,
        Some(11),
        &["es", "en"],
        &["remote_work", "ai_tools"],
        &["career_navigation", "leadership"],
    ),
    (
        "Chloe Davies",
        "chloe.davies",
        "Marketing",
        2,
        Some(12),
        &["en"],
        &["social_media", "dei"],
        &["public_speaking", "career_navigation"],
    ),
    (
        "Hugo Medina Cruz",
        "hugo.medina",
        "Operaciones",
        3,
        Some(9),
        &["es"],
        &["digital_collaboration", "data_literacy"],
        &["leadership", "industry_experience"],
    ),
    (
        "Paula Reyes Cortés",
        "paula.reyes",
        "Calidad",
        2,
        Some(13),
        &["es", "en"],
        &["ai_tools", "new_generations"],
        &["negotiation", "leadership"],
    ),
    (
        "Jack Taylor",
        "jack.taylor",
        "Sales",
        1,
        Some(10),
        &["en"],
        &["social_media", "remote_work"],
        &["negotiation", "industry_experience"],
    ),
    (
        "Claudia Herrero Pascual",
        "claudia.herrero",
        "Atención al cliente",
        1,
        Some(15),
        &["es"],
        &["digital_collaboration", "social_media"],
        &["career_navigation", "public_speaking"],
    ),
    (
        "Adrián Núñez Campos",
        "adrian.nunez",
        "Compras",
        2,
        Some(16),
        &["es", "en"],
        &["data_literacy", "ai_tools"],
        &["negotiation", "leadership"],
    ),
    (
        "Grace Walker",
        "grace.walker",
        "Legal",
        3,
        Some(8),
        &["en", "es"],
        &["dei", "digital_collaboration"],
        &["industry_experience", "public_speaking"],
    ),
    (
        "Irene Santos Marín",
        "irene.santos",
        "Ingeniería",
        2,
        Some(14),
        &["es"],
        &["ai_tools", "remote_work"],
        &["leadership", "career_navigation"],
    ),
    (
        "Thomas Wright",
        "thomas.wright",
        "Finance",
        3,
        Some(17),
        &["en"],
        &["data_literacy", "new_generations"],
        &["negotiation", "leadership"],
    ),
    (
        "Nuria Calvo Aguilar",
        "nuria.calvo",
        "Recursos Humanos",
        1,
        Some(5),
        &["es", "en"],
        &["new_generations", "dei", "social_media"],
        &["public_speaking", "industry_experience"],
    ),
    (
        "Sergio Peña Flores",
        "sergio.pena",
        "Ventas",
        2,
        Some(4),
        &["es"],
        &["social_media", "ai_tools"],
        &["negotiation", "career_navigation"],
    ),
    (
        "Amelia Hall",
        "amelia.hall",
        "IT",
        1,
        Some(14),
        &["en"],
        &["ai_tools", "digital_collaboration"],
        &["leadership", "industry_experience"],
    ),
    (
        "Raúl Cabrera Méndez",
        "raul.cabrera",
        "Logística",
        3,
        Some(11),
        &["es"],
        &["remote_work", "data_literacy"],
        &["leadership", "negotiation"],
    ),
    (
        "Laura Mora Delgado",
        "laura.mora",
        "Dirección",
        2,
        Some(0),
        &["es", "en"],
        &["ai_tools", "social_media", "new_generations"],
        &["leadership", "industry_experience"],
    ),
];

/// Demo accounts: `(email local part or full email, name, role, employee index)`.
const ACCOUNTS: &[(&str, &str, Role, Option<usize>)] = &[
    ("admin@inversa.example", "Admin Inversa", Role::Admin, None),
    (
        "rrhh@inversa.example",
        "Marta Ruiz (RR. HH.)",
        Role::ProgramManager,
        None,
    ),
    (
        "hr@inversa.example",
        "Helen Brooks (HR)",
        Role::ProgramManager,
        None,
    ),
    (
        "lucia.fernandez@inversa.example",
        "Lucía Fernández Gómez",
        Role::Participant,
        Some(18),
    ),
    (
        "james.wilson@inversa.example",
        "James Wilson",
        Role::Participant,
        Some(6),
    ),
];

/// Whether the database has no accounts at all (a first start).
pub async fn is_empty(db: &Database) -> DbResult<bool> {
    Ok(users::count(db).await? == 0)
}

/// Loads the demo organisation. `password_hash` is the hash of [`DEMO_PASSWORD`], computed by the
/// caller (hashing is the auth layer's job); it is shared by every demo account.
pub async fn load(db: &Database, password_hash: &str) -> DbResult<Vec<DemoLogin>> {
    let mut logins = Vec::new();
    let mut account_keys: Vec<Option<String>> = vec![None; PEOPLE.len()];
    let mut manager_key = None;
    for (email, name, role, person) in ACCOUNTS {
        let lang = if email.contains("hr@") || email.starts_with("james") {
            Lang::En
        } else {
            Lang::Es
        };
        let user = users::create(
            db,
            NewUser {
                email: (*email).to_owned(),
                name: (*name).to_owned(),
                role: *role,
                password_hash: Some(password_hash.to_owned()),
                lang: Some(lang),
            },
        )
        .await?;
        if *role == Role::ProgramManager && manager_key.is_none() {
            manager_key = Some(user.id.clone());
        }
        if let Some(i) = person {
            account_keys[*i] = Some(user.key());
        }
        logins.push(DemoLogin { email, role: *role });
    }
    let owner = manager_key.ok_or_else(|| DbError::Config("demo needs a program manager".into()))?;
    // Every other employee can sign in too (same password), so any pair can be tried from both
    // sides.
    for (i, (name, local, _, _, _, languages, _, _)) in PEOPLE.iter().enumerate() {
        if account_keys[i].is_some() {
            continue;
        }
        let user = users::create(
            db,
            NewUser {
                email: format!("{local}@inversa.example"),
                name: (*name).to_owned(),
                role: Role::Participant,
                password_hash: Some(password_hash.to_owned()),
                lang: Some(if languages.first() == Some(&"en") {
                    Lang::En
                } else {
                    Lang::Es
                }),
            },
        )
        .await?;
        account_keys[i] = Some(user.key());
    }

    let employee_ids: Vec<RecordId> = PEOPLE
        .iter()
        .map(|_| RecordId::new("employee", new_key()))
        .collect();
    let now = Utc::now();
    for (i, (name, local, department, level, manager, languages, teaches, learns)) in
        PEOPLE.iter().enumerate()
    {
        let tenure_years = if *level >= 8 {
            6 + i64::try_from(i % 20).unwrap_or(0)
        } else {
            i64::try_from(i % 4).unwrap_or(0)
        };
        db.client()
            .query(
                "CREATE ONLY $id SET email = $email, name = $name, department = $department,
                    job_level = $level, manager = $manager, languages = $languages,
                    can_teach = $teaches, wants_to_learn = $learns, interests = [],
                    time_zone = $tz, company_start = $start,
                    mentor_capacity = $capacity, account = $account",
            )
            .bind(("id", employee_ids[i].clone()))
            .bind(("email", format!("{local}@inversa.example")))
            .bind(("name", (*name).to_owned()))
            .bind(("department", (*department).to_owned()))
            .bind(("level", *level))
            .bind(("manager", manager.map(|m| employee_ids[m].clone())))
            .bind((
                "languages",
                languages.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            ))
            .bind((
                "teaches",
                teaches.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            ))
            .bind((
                "learns",
                learns.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            ))
            .bind((
                "tz",
                if languages.first() == Some(&"en") {
                    "Europe/London"
                } else {
                    "Europe/Madrid"
                },
            ))
            .bind(("start", now - Duration::days(365 * tenure_years + 30)))
            .bind(("capacity", if *level <= 4 { 2_i64 } else { 1 }))
            .bind((
                "account",
                account_keys[i]
                    .as_ref()
                    .map(|k| RecordId::new(users::TABLE, k.as_str())),
            ))
            .await
            .and_then(|r| r.check())
            .map_err(DbError::from_surreal)?;
    }

    let program = RecordId::new("program", new_key());
    db.client()
        .query(
            "CREATE ONLY $id SET name = $name, purpose = $purpose, objectives = $objectives,
                mentor_expectations = $mentor_exp, mentee_expectations = $mentee_exp,
                starts_on = $starts, ends_on = $ends, cadence_days = 14, meeting_minutes = 45,
                status = 'enrolling', owner = $owner",
        )
        .bind(("id", program.clone()))
        .bind(("name", "Mentoría Inversa 2027 · Piloto"))
        .bind((
            "purpose",
            "Acercar la dirección a las herramientas digitales y a las expectativas de las nuevas generaciones, y compartir experiencia en ambos sentidos.",
        ))
        .bind((
            "objectives",
            vec![
                "Cada directivo usa a diario al menos una herramienta de IA".to_owned(),
                "Cada mentor joven define un plan de carrera con su mentee".to_owned(),
            ],
        ))
        .bind(("mentor_exp", "Preparar cada sesión, escuchar y enseñar con paciencia; confidencialidad."))
        .bind(("mentee_exp", "Reservar el tiempo, venir con preguntas, compartir experiencia con generosidad."))
        .bind(("starts", now + Duration::days(14)))
        .bind(("ends", now + Duration::days(14 + 180)))
        .bind(("owner", owner))
        .await
        .and_then(|r| r.check())
        .map_err(DbError::from_surreal)?;
    for topic in DEFAULT_TOPICS {
        db.client()
            .query("CREATE topic SET program = $program, key = $key, label_es = $es, label_en = $en")
            .bind(("program", program.clone()))
            .bind(("key", topic.key))
            .bind(("es", topic.es))
            .bind(("en", topic.en))
            .await
            .and_then(|r| r.check())
            .map_err(DbError::from_surreal)?;
    }
    for (i, person) in PEOPLE.iter().enumerate() {
        let junior = person.3 <= 4;
        db.client()
            .query("RELATE $employee->enrolled->$program SET as_mentor = $mentor, as_mentee = $mentee")
            .bind(("employee", employee_ids[i].clone()))
            .bind(("program", program.clone()))
            .bind(("mentor", junior))
            .bind(("mentee", !junior))
            .await
            .and_then(|r| r.check())
            .map_err(DbError::from_surreal)?;
    }
    Ok(logins)
}

/// Number of employees the demo creates.
pub fn employee_count() -> usize {
    PEOPLE.len()
}

/// A deterministic pseudo-random sequence (a 64-bit linear congruential generator), so a large
/// synthetic program is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// Between `min` and `min + spread - 1` distinct items of `from`.
    fn pick<'a>(&mut self, from: &[&'a str], min: usize, spread: usize) -> Vec<&'a str> {
        let k = min + self.next(spread);
        let mut out: Vec<&str> = Vec::new();
        while out.len() < k.min(from.len()) {
            let x = from[self.next(from.len())];
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// Creates a synthetic program with `people` enrolled employees (half juniors who mentor, half
/// seniors who learn), in the matching stage and owned by the account `owner_email`, for
/// measuring the pairing board at scale. Profiles are varied but deterministic. Answers the
/// program key.
pub async fn load_large(db: &Database, owner_email: &str, people: usize) -> DbResult<String> {
    let owner = users::find_by_email(db, owner_email)
        .await?
        .ok_or_else(|| DbError::Config(format!("no account {owner_email}")))?;
    let program_key = new_key();
    let program = RecordId::new("program", program_key.as_str());
    let now = Utc::now();
    let topics: Vec<&str> = DEFAULT_TOPICS.iter().map(|t| t.key).collect();
    let slots = [
        "mon_am", "mon_pm", "tue_am", "tue_pm", "wed_am", "wed_pm", "thu_am", "thu_pm", "fri_am",
    ];
    let departments = [
        "Ventas",
        "Operaciones",
        "Finanzas",
        "Marketing",
        "Tecnología",
        "Personas",
        "Legal",
    ];
    let interests = [
        "running",
        "music",
        "cooking",
        "chess",
        "travel",
        "cinema",
        "photography",
        "gaming",
    ];
    let mut rng = Lcg(0x1f2e_3d4c_5b6a_7988);
    let rows: Vec<serde_json::Value> = (0..people)
        .map(|i| {
            let junior = i % 2 == 0;
            let level = if junior { 1 + rng.next(4) } else { 8 + rng.next(7) };
            let english = rng.next(4) == 0;
            serde_json::json!({
                "key": format!("bench{program_key}x{i}"),
                "email": format!("bench.{i}.{program_key}@inversa.example"),
                "name": format!("{} {i}", if junior { "Junior" } else { "Senior" }),
                "department": departments[rng.next(departments.len())],
                "level": level,
                "languages": if english { vec!["en", "es"] } else { vec!["es"] },
                "teaches": rng.pick(&topics, 2, 3),
                "learns": rng.pick(&topics, 1, 3),
                "interests": rng.pick(&interests, 1, 2),
                "availability": rng.pick(&slots, 2, 4),
                "days": 30 + if junior { rng.next(1_500) } else { 2_000 + rng.next(8_000) },
                "mentor": junior,
            })
        })
        .collect();
    let response = db
        .client()
        .query(
            "BEGIN TRANSACTION;
             CREATE ONLY $program SET name = $name, purpose = '', starts_on = $starts, ends_on = $ends,
                 status = 'matching', owner = $owner;
             FOR $t IN $topics {
                 CREATE topic SET program = $program, key = $t.key, label_es = $t.es, label_en = $t.en;
             };
             FOR $p IN $rows {
                 LET $e = type::record('employee', $p.key);
                 CREATE ONLY $e SET email = $p.email, name = $p.name, department = $p.department,
                     job_level = $p.level, languages = $p.languages, can_teach = $p.teaches,
                     wants_to_learn = $p.learns, interests = $p.interests, availability = $p.availability,
                     time_zone = 'Europe/Madrid', company_start = $now - duration::from_days($p.days),
                     mentor_capacity = 1;
                 RELATE $e->enrolled->$program SET as_mentor = $p.mentor, as_mentee = !$p.mentor;
             };
             RETURN $program;
             COMMIT TRANSACTION;",
        )
        .bind(("program", program))
        .bind(("name", format!("Benchmark {people}")))
        .bind(("starts", now + Duration::days(14)))
        .bind(("ends", now + Duration::days(194)))
        .bind(("owner", owner.id.clone()))
        .bind((
            "topics",
            DEFAULT_TOPICS
                .iter()
                .map(|t| serde_json::json!({"key": t.key, "es": t.es, "en": t.en}))
                .collect::<Vec<_>>(),
        ))
        .bind(("rows", rows))
        .bind(("now", now))
        .await;
    let _: Option<RecordId> = crate::transaction_return(response)?;
    Ok(program_key)
}
