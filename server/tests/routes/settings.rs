//! A program's topic catalogue and matching settings: who may change them, how they are checked,
//! and that the board and the engine use them.

use app::board::api::{LoadBoard, RunMatching};
use app::programs::api::{ChangeProgramStatus, GetProgram};
use app::programs::settings::{
    AddTopic, GetMatchingSettings, RemoveTopic, RenameTopic, ResetMatchingSettings,
};
use axum::http::StatusCode;
use domain::ProgramStatus;

use crate::refusals::assert_refused;
use crate::support::{Harness, Reply, harness};
use crate::{demo_board, move_to};

/// The settings form as the program page posts it: every rule on, the defaults, with `changes`
/// (`("rules[x]", Some("…"))` sets a field, `None` leaves it out, i.e. an unticked box).
///
/// Written by hand on purpose: a browser leaves an unticked box out of the form, which the
/// typed arguments (a `bool` per rule) cannot say.
fn settings_form(key: &str, changes: &[(&str, Option<&str>)]) -> String {
    let mut fields: Vec<(String, Option<String>)> = [
        "mentor_junior",
        "separate_reporting_lines",
        "no_repeat_pairs",
        "shared_language",
        "time_overlap",
        "respect_capacity",
        "apply_pins",
        "apply_forbids",
    ]
    .iter()
    .map(|r| (format!("rules[{r}]"), Some("true".to_owned())))
    .collect();
    fields.push(("rules[min_overlap_hours]".into(), Some("2".into())));
    for (w, v) in [
        ("mentor_teaches", "40"),
        ("mentee_teaches", "15"),
        ("shared_interests", "15"),
        ("shared_availability", "30"),
        ("different_department", "0"),
        ("different_generation", "0"),
    ] {
        fields.push((format!("weights[{w}]"), Some(v.into())));
    }
    for (name, value) in changes {
        let field = fields.iter_mut().find(|(n, _)| n == name).expect("known field");
        field.1 = value.map(str::to_owned);
    }
    let mut form = format!("key={key}");
    for (name, value) in fields {
        if let Some(v) = value {
            form.push_str(&format!("&{}={v}", name.replace('[', "%5B").replace(']', "%5D")));
        }
    }
    form
}

/// Saves `form` (a [`settings_form`]) as `cookie`, in `lang`.
async fn save_settings(h: &Harness, cookie: Option<&str>, form: &str, lang: &str) -> Reply {
    h.post("/api/save_matching_settings", form, cookie, lang).await
}

fn add_topic(key: &str, label_es: &str, label_en: &str) -> AddTopic {
    AddTopic {
        key: key.to_owned(),
        label_es: label_es.to_owned(),
        label_en: label_en.to_owned(),
        submission: String::new(),
    }
}

fn rename_topic(key: &str, topic: &str, label_es: &str, label_en: &str) -> RenameTopic {
    RenameTopic {
        key: key.to_owned(),
        topic: topic.to_owned(),
        label_es: label_es.to_owned(),
        label_en: label_en.to_owned(),
    }
}

fn remove_topic(key: &str, topic: &str, confirm: bool) -> RemoveTopic {
    RemoveTopic {
        key: key.to_owned(),
        topic: topic.to_owned(),
        confirm,
    }
}

#[tokio::test]
async fn topic_and_settings_functions_are_for_the_program_owner_only() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let k = || key.clone();
    // Every topic and settings function on the program, as `cookie`.
    let calls = async |cookie: Option<&str>| -> [Reply; 6] {
        [
            h.send_with(cookie, "en", &add_topic(&key, "Robótica", "Robotics"))
                .await,
            h.send_with(cookie, "en", &rename_topic(&key, "ai_tools", "IA", "AI"))
                .await,
            h.send_with(cookie, "en", &remove_topic(&key, "ai_tools", true))
                .await,
            h.send_with(cookie, "en", &GetMatchingSettings { key: k() }).await,
            save_settings(&h, cookie, &settings_form(&key, &[]), "en").await,
            h.send_with(cookie, "en", &ResetMatchingSettings { key: k() })
                .await,
        ]
    };
    let ana = h.sign_in("ana@example.com").await;
    let other = h.sign_in("pm2@example.com").await;
    // Neither the program nor its catalogue or settings show through a refusal.
    let protected = ["Piloto 2027", "ai_tools", "basic_cyber_security"];
    for r in calls(Some(&ana)).await {
        assert_refused(&r, StatusCode::FORBIDDEN, &protected);
    }
    for r in calls(Some(&other)).await {
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    for r in calls(None).await {
        assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    }
    let topics = db::programs::topics(&h.state.db, &key).await.unwrap();
    assert_eq!(topics.len(), domain::DEFAULT_TOPICS.len(), "nothing changed");
    assert!(
        topics
            .iter()
            .any(|t| t.key == "ai_tools" && t.label_en == "AI tools")
    );
}

#[tokio::test]
async fn topics_are_added_renamed_and_removed_with_clear_refusals() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let cyber = "basic_cyber_security";
    let added = h
        .send_with(
            Some(&pm),
            "es",
            &add_topic(&key, "Ciberseguridad básica", "Basic cyber security"),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.body, "\"basic_cyber_security\"");
    let again = h
        .send_with(Some(&pm), "es", &add_topic(&key, "Otra", "Basic Cyber Security"))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body.contains("ya tiene un tema con ese nombre"),
        "{}",
        again.body
    );
    assert_eq!(
        again.json_error(),
        ["invalid", "topic.duplicate", ""],
        "{}",
        again.body
    );
    let half = h.send(&pm, &add_topic(&key, "Robótica", " ")).await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(half.body.contains("in Spanish and in English"), "{}", half.body);
    assert_eq!(
        half.json_error(),
        ["invalid", "topic.label_missing", ""],
        "{}",
        half.body
    );

    let renamed = h
        .send(
            &pm,
            &rename_topic(&key, cyber, "Ciberseguridad", "Cyber security"),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let clash = h
        .send(&pm, &rename_topic(&key, cyber, "Liderazgo", "Cyber"))
        .await;
    assert_eq!(clash.status, StatusCode::CONFLICT, "{}", clash.body);
    assert_eq!(
        clash.json_error(),
        ["invalid", "topic.duplicate", ""],
        "{}",
        clash.body
    );
    let missing = h.send(&pm, &rename_topic(&key, "nope", "A", "B")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let unconfirmed = h
        .send_with(Some(&pm), "es", &remove_topic(&key, cyber, false))
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.body.contains("Marca la casilla"),
        "{}",
        unconfirmed.body
    );
    let detail = async || h.send(&pm, &GetProgram { key: key.clone() }).await;
    let shown = detail().await;
    assert!(shown.body.contains("\"Cyber security\""), "{}", shown.body);
    let removed = h
        .send_with(Some(&pm), "es", &remove_topic(&key, cyber, true))
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let shown = detail().await;
    assert!(!shown.body.contains(cyber), "{}", shown.body);

    // A closed program's catalogue is read-only.
    for to in [
        ProgramStatus::Enrolling,
        ProgramStatus::Matching,
        ProgramStatus::Active,
    ] {
        h.send_ok(&pm, &move_to(&key, to)).await;
    }
    let close = ChangeProgramStatus {
        key: key.clone(),
        to: ProgramStatus::Closed,
        confirm: true,
    };
    let closed = h.send(&pm, &close).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    let late = h.send(&pm, &add_topic(&key, "Tarde", "Late")).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    let late = h.send(&pm, &remove_topic(&key, "ai_tools", true)).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
}

#[tokio::test]
async fn matching_settings_are_validated_kept_and_locked_once_active() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let get = async || {
        let r = h.send(&pm, &GetMatchingSettings { key: key.clone() }).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()
    };
    let save = async |form: &str, lang: &str| save_settings(&h, Some(&pm), form, lang).await;
    let reset = async || h.send(&pm, &ResetMatchingSettings { key: key.clone() }).await;
    let defaults = get().await;
    assert_eq!(defaults["editable"], true);
    assert_eq!(defaults["settings"]["weights"]["mentor_teaches"], 40);
    assert_eq!(defaults["settings"]["rules"]["shared_language"], true);

    // Out of range: 422, nothing saved, the message names the field in the asker's language.
    let bad = settings_form(&key, &[("weights[mentor_teaches]", Some("1001"))]);
    let r = save(&bad, "es").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("«Lo que el mentor puede enseñar»"), "{}", r.body);
    assert!(r.body.contains("entre 0 y 1000"), "{}", r.body);
    let r = save(&bad, "en").await;
    assert!(r.body.contains("What the mentor can teach"), "{}", r.body);
    let r = save(
        &settings_form(&key, &[("weights[shared_interests]", Some("abc"))]),
        "en",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Shared interests"), "{}", r.body);
    let r = save(
        &settings_form(&key, &[("rules[min_overlap_hours]", Some("10"))]),
        "en",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("from 0 to 9"), "{}", r.body);
    assert_eq!(get().await, defaults);

    // A valid form round-trips; an unticked box switches its rule off.
    let good = settings_form(
        &key,
        &[
            ("rules[shared_language]", None),
            ("rules[min_overlap_hours]", Some("3")),
            ("weights[mentor_teaches]", Some("0")),
            ("weights[different_department]", Some("1000")),
        ],
    );
    let r = save(&good, "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let saved = get().await;
    assert_eq!(saved["settings"]["rules"]["shared_language"], false);
    assert_eq!(saved["settings"]["rules"]["mentor_junior"], true);
    assert_eq!(saved["settings"]["rules"]["min_overlap_hours"], 3);
    assert_eq!(saved["settings"]["weights"]["mentor_teaches"], 0);
    assert_eq!(saved["settings"]["weights"]["different_department"], 1000);
    assert_eq!(reset().await.status, StatusCode::OK);
    assert_eq!(get().await, defaults);

    // Settings change in draft, enrolling and matching; not once pairs are active.
    for to in [ProgramStatus::Enrolling, ProgramStatus::Matching] {
        h.send_ok(&pm, &move_to(&key, to)).await;
        let r = save(&good, "en").await;
        assert_eq!(r.status, StatusCode::OK, "{to:?}: {}", r.body);
    }
    h.send_ok(&pm, &move_to(&key, ProgramStatus::Active)).await;
    assert_eq!(get().await["editable"], false);
    let r = save(&good, "en").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = reset().await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(get().await["settings"]["weights"]["mentor_teaches"], 0);
}

#[tokio::test]
async fn the_board_and_the_engine_use_the_programs_own_settings() {
    let h = harness().await;
    let (pm, key) = demo_board(&h).await;
    let criterion_weight = |explanation: &serde_json::Value, name: &str| {
        explanation["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["criterion"] == name)
            .map(|c| c["weight"].clone())
    };
    let stored = db::pairs::list(&h.state.db, &key).await.unwrap();
    assert_eq!(
        criterion_weight(&stored[0].explanation, "mentor_teaches"),
        Some(serde_json::json!(40)),
        "defaults before any settings are saved"
    );

    let form = settings_form(
        &key,
        &[
            ("weights[mentor_teaches]", Some("0")),
            ("rules[time_overlap]", None),
        ],
    );
    let r = save_settings(&h, Some(&pm), &form, "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The board scores with the stored weights and rules (the browser re-scores with them)…
    let board = h.send(&pm, &LoadBoard { program: key.clone() }).await.json();
    assert_eq!(board["weights"]["mentor_teaches"], 0);
    assert_eq!(board["weights"]["shared_availability"], 30);
    assert_eq!(board["rules"]["time_overlap"], false);
    assert_eq!(board["rules"]["shared_language"], true);
    // …and so does the engine: a criterion without weight drops out of every new explanation.
    let run = h.send(&pm, &RunMatching { program: key.clone() }).await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.body);
    let stored = db::pairs::list(&h.state.db, &key).await.unwrap();
    assert!(!stored.is_empty());
    for pair in &stored {
        assert_eq!(
            criterion_weight(&pair.explanation, "mentor_teaches"),
            None,
            "{}",
            pair.explanation
        );
        assert!(criterion_weight(&pair.explanation, "shared_availability").is_some());
    }
}
