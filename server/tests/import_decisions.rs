//! Route tests of a real HR export (Windows-1252, `;`, job titles in the level column, no role
//! column, topics typed by people, misspelt time zones, a manager from outside the file) going
//! through the import server functions: nothing is imported while anything is undecided, every
//! decision is taken on the server, and what HR decided is stored with the people.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

#[path = "support/refusals.rs"]
mod refusals;
mod support;

use axum::http::StatusCode;
use refusals::assert_refused;
use support::{Harness, harness};

/// The HR export fixture of the domain tests (60 people).
fn hr_export() -> Vec<u8> {
    // Read when the test runs: a binary reused from another checkout carries that one's path.
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
    let path = format!("{dir}/../crates/domain/tests/fixtures/import/hr_export_titles_1252.csv");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn args(program: &str, csv: &[u8], options: serde_json::Value) -> serde_json::Value {
    use base64::Engine;
    serde_json::json!({
        "program": program,
        "csv_base64": base64::engine::general_purpose::STANDARD.encode(csv),
        "options": options,
    })
}

/// Replaces every occurrence of `from` with `to` in the bytes (both ASCII).
fn replace(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

async fn count(h: &Harness, query: &str) -> i64 {
    let n: Option<i64> = h.state.db.client().query(query).await.unwrap().take(0).unwrap();
    n.unwrap_or(0)
}

const LADDER: [&str; 7] = [
    "Becario",
    "Analista",
    "Analista Sénior",
    "Jefe de equipo",
    "Gerente",
    "Director",
    "Vicepresidente",
];

#[tokio::test]
async fn an_hr_export_imports_once_every_question_is_answered() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;

    // First look: titles to order, roles to decide, unknown topics, two misspelt time zones
    // with a suggestion each. Nothing is a row error because of a title.
    let r = h
        .post_json(
            "/api/preview_import",
            &args(&key, &hr_export(), serde_json::json!({})),
            Some(&pm),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let read = &r.json()["Read"];
    assert_eq!(read["importable"], false);
    assert_eq!(read["encoding"], "windows1252");
    assert_eq!(read["levels"]["kind"], "titles");
    assert_eq!(read["levels"]["unplaced"].as_array().unwrap().len(), 7);
    assert_eq!(read["roles"]["source"], "undecided");
    let questions: Vec<&str> = read["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q.as_str())
        .collect();
    for q in ["level_titles", "roles", "topics"] {
        assert!(questions.contains(&q), "{q} in {questions:?}");
    }
    let zones: Vec<(&str, &str)> = read["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == "invalid_time_zone")
        .map(|e| {
            (
                e["value"].as_str().unwrap(),
                e["suggestion"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        zones,
        vec![
            ("Europe/Madird", "Europe/Madrid"),
            ("America/Sao_Pablo", "America/Sao_Paulo")
        ]
    );
    let unknown: Vec<String> = read["topics"]["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(unknown.contains(&"excel avanzado".to_string()), "{unknown:?}");

    // HR fixes the two zones in the file as suggested; still nothing is imported while the
    // questions are open (422, nothing written).
    let fixed = replace(
        &replace(&hr_export(), "America/Sao_Pablo", "America/Sao_Paulo"),
        "Europe/Madird",
        "Europe/Madrid",
    );
    let r = h
        .post_json(
            "/api/commit_import",
            &args(&key, &fixed, serde_json::json!({})),
            Some(&pm),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("needs a decision"), "{}", r.body);
    assert_eq!(count(&h, "RETURN count(SELECT id FROM employee)").await, 0);

    // An incoherent role rule is refused as such.
    let bad_rule = serde_json::json!({"role_rule": {"kind": "level", "mentor_max": 5, "mentee_min": 3}});
    let r = h
        .post_json("/api/preview_import", &args(&key, &fixed, bad_rule), Some(&pm))
        .await;
    assert_eq!(r.json()["Unusable"]["code"], "invalid_role_rule", "{}", r.body);

    // Every answer: the ladder, a rule by level (up to Analista Sénior mentors, from Gerente
    // mentees, Jefe de equipo both), and each unknown topic added, mapped or ignored.
    let choices: Vec<serde_json::Value> = read["topics"]["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let name = u["name"].as_str().unwrap();
            let action = if name.to_lowercase() == "excel avanzado" {
                serde_json::json!({"kind": "add", "es": "Excel avanzado", "en": "Advanced Excel"})
            } else if name.to_lowercase().contains("inteligencia artificial") {
                serde_json::json!({"kind": "map_to", "key": "ai_tools"})
            } else {
                serde_json::json!({"kind": "ignore"})
            };
            serde_json::json!({"name": name, "action": action})
        })
        .collect();
    let mut options = serde_json::json!({
        "level_ladder": LADDER,
        "role_rule": {"kind": "level", "mentor_max": 3, "mentee_min": 5},
        "topic_choices": choices,
    });
    let r = h
        .post_json(
            "/api/preview_import",
            &args(&key, &fixed, options.clone()),
            Some(&pm),
        )
        .await;
    let read = &r.json()["Read"];
    if let Some(dates) = read["dates"].as_object()
        && dates["order"].is_null()
    {
        options["date_order"] = serde_json::json!("day_first");
    }
    let r = h
        .post_json(
            "/api/preview_import",
            &args(&key, &fixed, options.clone()),
            Some(&pm),
        )
        .await;
    let read = &r.json()["Read"];
    assert_eq!(read["questions"], serde_json::json!([]), "{}", read["errors"]);
    assert_eq!(read["importable"], true);
    let split = &read["roles"];
    assert_eq!(
        split["mentors"].as_i64().unwrap()
            + split["mentees"].as_i64().unwrap()
            + split["both"].as_i64().unwrap(),
        60
    );

    // A participant or another manager may not import it.
    let ana = h.sign_in("ana@example.com").await;
    let other = h.sign_in("pm2@example.com").await;
    let body = args(&key, &fixed, options.clone());
    // Nothing of the file (people, titles, what was decided) shows through a refusal.
    let protected = ["Carmen", "grupo-iberia.example", "Becaria", "Directora", "titled"];
    for path in ["/api/commit_import", "/api/preview_import"] {
        let r = h.post_json(path, &body, Some(&ana)).await;
        assert_refused(&r, StatusCode::FORBIDDEN, &protected);
        let r = h.post_json(path, &body, Some(&other)).await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }

    let r = h.post_json("/api/commit_import", &body, Some(&pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done = r.json();
    assert_eq!(done["created"], 60);
    assert_eq!(done["without_account"], 60);

    // What HR decided is stored with the people.
    assert_eq!(db::levels::ladder(&h.state.db).await.unwrap(), LADDER.to_vec());
    assert_eq!(
        count(
            &h,
            "RETURN count(SELECT id FROM topic WHERE label_en = 'Advanced Excel')"
        )
        .await,
        1
    );
    assert_eq!(
        count(&h, "RETURN count(SELECT id FROM employee WHERE job_level = NONE)").await,
        0,
        "every title has a level"
    );
    assert_eq!(
        count(
            &h,
            "RETURN count(SELECT id FROM enrolled WHERE as_mentor = false AND as_mentee = false)"
        )
        .await,
        0,
        "everyone has a role"
    );
    let becario_mentors = count(
        &h,
        "RETURN count(SELECT id FROM enrolled WHERE in.job_title = 'Becario' AND as_mentor AND !as_mentee)",
    )
    .await;
    assert!(becario_mentors > 0);
    let vp_mentees = count(
        &h,
        "RETURN count(SELECT id FROM enrolled WHERE in.job_title = 'Vicepresidente' AND as_mentee AND !as_mentor)",
    )
    .await;
    assert_eq!(vp_mentees, 1);
    let known_topics = count(
        &h,
        "RETURN count(SELECT id FROM employee WHERE array::len(array::complement(array::concat(can_teach, wants_to_learn),
            (SELECT VALUE key FROM topic))) > 0)",
    )
    .await;
    assert_eq!(known_topics, 0, "every imported topic is a catalogue key");

    // The ladder is reused by the next import: the same file needs no ordering again.
    let again = serde_json::json!({
        "role_rule": options["role_rule"],
        "topic_choices": options["topic_choices"],
        "date_order": options.get("date_order").cloned().unwrap_or(serde_json::Value::Null),
    });
    let r = h
        .post_json("/api/preview_import", &args(&key, &fixed, again), Some(&pm))
        .await;
    let read = &r.json()["Read"];
    assert_eq!(read["levels"]["unplaced"], serde_json::json!([]));
    assert_eq!(read["updated_count"], 60);
}

#[tokio::test]
async fn the_ladder_is_edited_later_and_relevels_everyone_with_a_title() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let csv = "email;nombre;puesto;rol\nana.b@example.com;Ana;Becaria;mentor\nbea.d@example.com;Bea;Directora;mentee\n";
    let options = serde_json::json!({"level_ladder": ["Becaria", "Directora"]});
    let r = h
        .post_json(
            "/api/commit_import",
            &args(&key, csv.as_bytes(), options),
            Some(&pm),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let r = h.post("/api/level_ladder", "", Some(&pm), "en").await;
    assert_eq!(r.json()["titles"], serde_json::json!(["Becaria", "Directora"]));
    assert_eq!(r.json()["titled"], 2);

    // A participant may not change it; a ladder with a repeated title is refused.
    let ana = h.sign_in("ana@example.com").await;
    let reorder = serde_json::json!({"titles": ["Analista", "Directora", "Becaria"]});
    let r = h.post_json("/api/save_level_ladder", &reorder, Some(&ana)).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["Becaria", "Directora", "Analista"]);
    let r = h.post("/api/level_ladder", "", Some(&ana), "en").await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["Becaria", "Directora"]);
    let repeated = serde_json::json!({"titles": ["Becaria", "becaria "]});
    let r = h.post_json("/api/save_level_ladder", &repeated, Some(&pm)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // An import may not store a ladder the editor would refuse either (a title of 81 characters).
    let long = serde_json::json!({"level_ladder": ["Becaria", "x".repeat(81)]});
    for path in ["/api/preview_import", "/api/commit_import"] {
        let r = h
            .post_json(path, &args(&key, csv.as_bytes(), long.clone()), Some(&pm))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", r.body);
    }
    assert_eq!(
        db::levels::ladder(&h.state.db).await.unwrap(),
        vec!["Becaria", "Directora"]
    );

    let r = h.post_json("/api/save_level_ladder", &reorder, Some(&pm)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        count(
            &h,
            "RETURN (SELECT VALUE job_level FROM ONLY employee WHERE email = 'ana.b@example.com' LIMIT 1)"
        )
        .await,
        3
    );
    assert_eq!(
        count(
            &h,
            "RETURN (SELECT VALUE job_level FROM ONLY employee WHERE email = 'bea.d@example.com' LIMIT 1)"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn the_signup_link_never_hands_an_imported_record_to_whoever_types_its_address() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let r = h
        .post(
            "/api/change_program_status",
            &format!("key={key}&to=enrolling"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let csv = "email;nombre;departamento;rol\nmarta.i@example.com;Marta Importada;Legal;mentee\n";
    let r = h
        .post_json(
            "/api/commit_import",
            &args(&key, csv.as_bytes(), serde_json::json!({})),
            Some(&pm),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Someone known to the organisation but not enrolled in this program.
    db::employees::import(
        &h.state.db,
        &h.create_program(&pm).await,
        &[domain::import::EmployeeRecord {
            row: 2,
            email: "otro@example.com".into(),
            name: "Otro".into(),
            department: None,
            job_level: None,
            job_title: None,
            manager_email: None,
            manager_unlinked: false,
            manager_as_written: None,
            company_start: None,
            generation: None,
            languages: vec![],
            time_zone: None,
            location: None,
            can_teach: vec![],
            wants_to_learn: vec![],
            interests: vec![],
            mentor_capacity: None,
            role: Some(domain::import::ProgramRole::Mentor),
            existing: false,
        }],
        db::employees::ImportDecisions::default(),
    )
    .await
    .unwrap();
    let link: String = h
        .post(
            "/api/create_signup_link",
            &format!("program={key}"),
            Some(&pm),
            "en",
        )
        .await
        .json()
        .as_str()
        .unwrap()
        .to_owned();
    let token = link.rsplit('/').next().unwrap();

    // Typing the imported person's address sends them the invitation; no account is made.
    let form =
        format!("token={token}&name=Impostor&email=MARTA.I%40example.com&password=una-clave-larga-2027");
    let r = h.post("/api/join_signup", &form, None, "es").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("check_email=1"), "{}", r.body);
    assert!(support::session_cookie(&r).is_none(), "nobody is signed in");
    assert!(
        db::users::find_by_email(&h.state.db, "marta.i@example.com")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        count(
            &h,
            "RETURN count(SELECT id FROM outbox_email WHERE to = 'marta.i@example.com' AND body_text CONTAINS '/invite/')"
        )
        .await,
        1
    );

    // An employee of another program is asked to get an invitation from HR.
    let form = format!("token={token}&name=Otro&email=otro%40example.com&password=una-clave-larga-2027");
    let r = h.post("/api/join_signup", &form, None, "en").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("Ask HR to invite you"), "{}", r.body);

    // An address nobody knows still makes an account at once.
    let form = format!("token={token}&name=Nueva&email=nueva%40example.com&password=una-clave-larga-2027");
    let r = h.post("/api/join_signup", &form, None, "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(support::session_cookie(&r).is_some());
}

#[tokio::test]
async fn people_with_the_same_name_are_told_apart_on_the_board() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let csv = "email;nombre;departamento;rol;responsable\n\
        ana.g1@example.com;Ana García;Ventas;mentor;\n\
        ana.g2@example.com;Ana García;Ventas;mentee;\n\
        ana.g3@example.com;Ana García;Legal;mentee;\n\
        luis.r@example.com;Luis Ruiz;IT;mentor;jefa@otra.example\n";
    let options = serde_json::json!({"link_unknown_managers": "import_without_link"});
    let r = h
        .post_json(
            "/api/commit_import",
            &args(&key, csv.as_bytes(), options),
            Some(&pm),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h
        .post("/api/load_board", &format!("program={key}"), Some(&pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let board = r.json();
    let names: std::collections::HashMap<String, String> = board["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut lines: Vec<(String, String, bool)> = board["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                names[p["key"].as_str().unwrap()].clone(),
                p["detail"].as_str().unwrap().to_owned(),
                p["reporting_line_unchecked"].as_bool().unwrap(),
            )
        })
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            ("Ana García".into(), "Legal".into(), false),
            ("Ana García".into(), "ana.g1@example.com".into(), false),
            ("Ana García".into(), "ana.g2@example.com".into(), false),
            ("Luis Ruiz".into(), "IT".into(), true),
        ],
        "the same name and department: the email; otherwise the department"
    );
}
