//! Route tests for the start page (`/`) of each role and for completing a profile HR imported
//! (`/profile/{key}`, and the signup page `/join/{token}` pre-filled): the real router over an
//! in-memory database, called without a network.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

#[path = "support/refusals.rs"]
mod refusals;
mod support;

use axum::http::{StatusCode, header};
use domain::Role;
use refusals::{assert_page_refused, assert_refused};
use support::{Harness, PASSWORD, PROGRAM_FORM, harness, session_cookie};

/// The `<input …>` tag with this id in a page.
fn input_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// A program of pm@example.com moved to `stage` (through the stages before it); answers its key.
async fn program_in(h: &Harness, pm: &str, stages: &[&str]) -> String {
    let r = h.post("/api/create_program", PROGRAM_FORM, Some(pm), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let key: String = serde_json::from_str(&r.body).unwrap();
    for to in stages {
        let r = h
            .post(
                "/api/change_program_status",
                &format!("key={key}&to={to}"),
                Some(pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    key
}

/// Someone HR imported into the program (as a mentor, with department, level, topics, languages
/// and a zone), then given an account linked to that record; answers their session cookie.
async fn imported_and_linked(h: &Harness, program: &str, email: &str) -> String {
    h.query(
        "LET $e = (CREATE ONLY employee SET email = $email, name = 'Irene Importada', department = 'Finanzas',
             job_level = 4, languages = ['es', 'en'], time_zone = 'Atlantic/Canary',
             location = 'Las Palmas', can_teach = ['ai_tools'], interests = ['vela'] RETURN VALUE id);
         RELATE $e->enrolled->(type::record('program', $program)) SET as_mentor = true, as_mentee = false;",
        vec![("email", email.to_owned()), ("program", program.to_owned())],
    )
    .await;
    h.link_account(email, "Irene Importada").await
}

/// What is stored about the person with `email` (their account's view), with their enrolment in
/// the program, and how many employee records have that email.
async fn stored(h: &Harness, email: &str, program: &str) -> (db::enrolment::StoredProfile, i64) {
    let account = db::users::find_by_email(&h.state.db, email)
        .await
        .unwrap()
        .expect("an account");
    let profile = db::enrolment::profile_for(
        &h.state.db,
        &db::AccountKey::new(account.key()),
        email,
        &db::ProgramKey::new(program),
    )
    .await
    .unwrap()
    .expect("an employee record");
    let n: Option<i64> = h
        .state
        .db
        .client()
        .query("RETURN count(SELECT id FROM employee WHERE email = $email)")
        .bind(("email", email.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    (profile, n.unwrap_or(0))
}

fn agreed(p: &db::enrolment::StoredProfile) -> bool {
    p.enrolment
        .as_ref()
        .is_some_and(|e| e.agreement_accepted_at.is_some())
}

/// Signs in as the demo organisation's manager on a fresh database with the demo loaded, moves
/// the demo program to matching, runs the engine, publishes the pairs, and answers
/// `(manager cookie, program key)`.
async fn demo_published(h: &Harness) -> (String, String) {
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .unwrap();
    db::demo::load(&h.state.db, &hash).await.unwrap();
    let pm = h
        .sign_in_with("rrhh@inversa.example", db::demo::DEMO_PASSWORD)
        .await;
    let list: serde_json::Value =
        serde_json::from_str(&h.post("/api/list_programs", "", Some(&pm), "en").await.body).unwrap();
    let key = list[0]["key"].as_str().unwrap().to_owned();
    for (path, form) in [
        ("/api/change_program_status", format!("key={key}&to=matching")),
        ("/api/run_matching", format!("program={key}")),
        ("/api/publish_pairs", format!("program={key}")),
    ] {
        let r = h.post(path, &form, Some(&pm), "en").await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    (pm, key)
}

#[tokio::test]
async fn a_participant_with_a_published_pair_sees_it_on_the_start_page() {
    let h = harness().await;
    let (_, _) = demo_published(&h).await;
    let james = h
        .sign_in_with("james.wilson@inversa.example", db::demo::DEMO_PASSWORD)
        .await;
    let mine: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&james), "en").await.body).unwrap();
    let partner = mine[0]["other_name"].as_str().unwrap().to_owned();
    let pair = mine[0]["key"].as_str().unwrap().to_owned();

    let page = h.get("/", Some(&james)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&partner), "the partner's name: {}", page.body);
    assert!(!page.body.contains("Todavía no tienes pareja"), "{}", page.body);
    assert!(page.body.contains("Tus parejas"));
    assert!(page.body.contains(&format!("href=\"/pair/{pair}\"")));
    assert!(page.body.contains("Publicada · pendiente de aceptar"));
    assert!(
        page.body.contains(&format!("Acepta tu pareja con {partner}")),
        "accepting the pair is due"
    );
    assert!(page.body.contains("id=\"no-meeting\""), "no meeting planned yet");

    // The server function answers the same, in English when asked.
    let r = h.post("/api/participant_dashboard", "", Some(&james), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let home: app::home::model::ParticipantHome = serde_json::from_str(&r.body).unwrap();
    assert_eq!(home.pairs.len(), 1);
    assert_eq!(
        (
            home.pairs[0].other_name.as_str(),
            home.pairs[0].status.as_str(),
            home.pairs[0].i_mentor
        ),
        (partner.as_str(), "published", false)
    );
    assert!(home.next_meeting.is_none());

    // A meeting accepted for later shows, written in James's zone.
    h.query(
        "LET $pair = type::record('pair', $key);
         CREATE meeting SET pair = $pair, proposed_by = $pair.mentee.account,
             starts_at = d'2031-03-04T09:30:00Z', duration_minutes = 45, time_zone = 'Europe/Madrid',
             status = 'accepted';",
        vec![("key", pair.clone())],
    )
    .await;
    let r = h.post("/api/participant_dashboard", "", Some(&james), "en").await;
    let home: app::home::model::ParticipantHome = serde_json::from_str(&r.body).unwrap();
    let m = home.next_meeting.expect("the meeting to come");
    assert_eq!(m.pair, pair);
    assert!(m.confirmed);
    assert!(m.when.starts_with("Tue 4 Mar 2031, "), "{}", m.when);
    let page = h.get("/", Some(&james)).await;
    assert!(page.body.contains("Próxima reunión"), "{}", page.body);
    assert!(page.body.contains("mar 4 mar 2031"), "{}", page.body);

    // A participant enrolled nowhere keeps the empty state; HR's function is not theirs.
    let ana = h.sign_in("ana@example.com").await;
    let page = h.get("/", Some(&ana)).await;
    assert!(page.body.contains("Todavía no tienes pareja"), "{}", page.body);
    let r = h.post("/api/manager_dashboard", "", Some(&ana), "en").await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["Mentoría Inversa 2027", &partner]);
    let r = h.post("/api/participant_dashboard", "", None, "en").await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &[&partner, &pair]);
}

#[tokio::test]
async fn program_managers_see_their_programs_with_stage_counts_and_next_step() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let pm2 = h.sign_in("pm2@example.com").await;

    // No programs yet: the empty state, with a link to create one.
    let page = h.get("/", Some(&pm)).await;
    assert!(page.body.contains("Aún no hay programas"), "{}", page.body);
    assert!(page.body.contains("id=\"create-program\""));

    let draft = program_in(&h, &pm, &[]).await;
    let enrolling = program_in(&h, &pm, &["enrolling"]).await;
    let page = h.get("/", Some(&pm)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Aún no hay programas"), "{}", page.body);
    assert!(page.body.contains("Piloto 2027"));
    assert!(
        page.body.contains("data-status=\"draft\"") && page.body.contains("Borrador"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-status=\"enrolling\"") && page.body.contains("Inscripción"));
    assert!(page.body.contains("Abrir la inscripción"));
    assert!(
        page.body
            .contains(&format!("href=\"/programs/{enrolling}/import\""))
    );
    assert!(page.body.contains("Invitar personas"));

    // Another manager sees none of them; an admin sees all, above the account counts.
    let list: Vec<app::home::model::ProgramCard> =
        serde_json::from_str(&h.post("/api/manager_dashboard", "", Some(&pm2), "en").await.body).unwrap();
    assert!(list.is_empty());
    let admin = h.sign_in("admin@example.com").await;
    let list: Vec<app::home::model::ProgramCard> = serde_json::from_str(
        &h.post("/api/manager_dashboard", "", Some(&admin), "en")
            .await
            .body,
    )
    .unwrap();
    let keys: Vec<&str> = list.iter().map(|p| p.key.as_str()).collect();
    assert!(keys.contains(&draft.as_str()) && keys.contains(&enrolling.as_str()));
    let page = h.get("/", Some(&admin)).await;
    let programs_at = page.body.find("Piloto 2027").unwrap();
    let stats_at = page.body.find("Cuentas").unwrap();
    assert!(programs_at < stats_at, "programs above the account counts");
}

#[tokio::test]
async fn the_demo_manager_sees_the_program_in_matching_with_its_counts() {
    let h = harness().await;
    let (pm, key) = demo_published(&h).await;
    let list: Vec<app::home::model::ProgramCard> =
        serde_json::from_str(&h.post("/api/manager_dashboard", "", Some(&pm), "en").await.body).unwrap();
    assert_eq!(list.len(), 1);
    let p = &list[0];
    assert_eq!(p.key, key);
    assert_eq!(p.status, domain::ProgramStatus::Matching);
    assert_eq!(p.enrolled, i64::try_from(db::demo::employee_count()).unwrap());
    assert_eq!(p.mentors + p.mentees, p.enrolled);
    assert_eq!((p.published, p.active), (17, 0));
    assert_eq!(p.at_risk, None, "risk is counted for running programs");
    let page = h.get("/", Some(&pm)).await;
    assert!(
        page.body.contains("data-status=\"matching\"") && page.body.contains("Emparejamiento"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("href=\"/programs/{key}/pairs\"")));
    assert!(page.body.contains("Abrir el tablero de parejas"));

    // Running: the pairs at risk are counted (published pairs that never met are not yet late).
    h.post(
        "/api/change_program_status",
        &format!("key={key}&to=active"),
        Some(&pm),
        "en",
    )
    .await;
    let list: Vec<app::home::model::ProgramCard> =
        serde_json::from_str(&h.post("/api/manager_dashboard", "", Some(&pm), "en").await.body).unwrap();
    assert_eq!(list[0].status, domain::ProgramStatus::Active);
    assert_eq!(list[0].at_risk, Some(0));
    let page = h.get("/", Some(&pm)).await;
    assert!(page.body.contains("Ver parejas en riesgo"));
    assert!(page.body.contains(&format!("href=\"/programs/{key}/risk\"")));
}

#[tokio::test]
async fn an_imported_person_completes_a_prefilled_profile_that_keeps_hr_values() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = program_in(&h, &pm, &["enrolling"]).await;
    let irene = imported_and_linked(&h, &key, "irene@example.com").await;

    // Home leads to the profile while it is incomplete (no agreement yet).
    let page = h.get("/", Some(&irene)).await;
    assert!(
        page.body.contains(&format!("href=\"/profile/{key}\"")),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Todavía no tienes pareja"));
    assert!(
        page.body.contains("Estás inscrito en «Piloto 2027»"),
        "{}",
        page.body
    );

    // The page is filled with what HR imported, marked as such.
    let page = h.get(&format!("/profile/{key}"), Some(&irene)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(input_tag(&page.body, "p-department").contains("value=\"Finanzas\""));
    assert!(input_tag(&page.body, "p-level").contains("value=\"4\""));
    assert!(input_tag(&page.body, "can_teach-ai_tools").contains(" checked"));
    assert!(!input_tag(&page.body, "can_teach-leadership").contains(" checked"));
    assert!(page.body.contains("de tu ficha de RR. HH."));
    assert!(page.body.contains("data-field=\"department\""));
    assert!(
        page.body.contains("<option value=\"Atlantic/Canary\" selected"),
        "the zone HR gave"
    );
    assert!(
        page.body.contains("id=\"agreement-none\""),
        "no expectations written: it says so"
    );
    let r = h
        .post("/api/load_profile", &format!("program={key}"), Some(&irene), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let view: app::join::model::ProfileView = serde_json::from_str(&r.body).unwrap();
    assert_eq!(view.prefill.form.department, "Finanzas");
    assert_eq!(view.prefill.form.role, "mentor");
    assert_eq!(view.prefill.form.can_teach, ["ai_tools"]);
    assert!(view.prefill.from_hr.contains(&"department".to_owned()));
    assert!(!view.complete && !view.agreed && !view.role_fixed);

    // Someone else, and a program that is not theirs, get the usual "not found".
    let ana = h.sign_in("ana@example.com").await;
    // Irene's record (what HR imported about her) shows through none of them.
    let hers = ["Finanzas", "irene@example.com", "Atlantic/Canary"];
    let r = h.get(&format!("/profile/{key}"), Some(&ana)).await;
    assert_page_refused(&r, StatusCode::NOT_FOUND, &hers);
    let r = h
        .post("/api/load_profile", &format!("program={key}"), Some(&ana), "en")
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &hers);
    let r = h
        .post(
            "/api/save_profile",
            &format!("program={key}&profile%5Brole%5D=mentee&profile%5Bagree%5D=on"),
            Some(&ana),
            "en",
        )
        .await;
    assert_refused(&r, StatusCode::NOT_FOUND, &hers);
    let draft = program_in(&h, &pm, &[]).await;
    let r = h.get(&format!("/profile/{draft}"), Some(&irene)).await;
    assert_page_refused(&r, StatusCode::NOT_FOUND, &["Finanzas", "ai_tools"]);

    // Without JavaScript, a post with every optional field blank keeps what HR imported.
    let r = h
        .post_plain(
            "/api/save_profile",
            &format!("program={key}&profile%5Brole%5D=mentor&profile%5Bdepartment%5D=&profile%5Bjob_level%5D=&profile%5Binterests%5D=&profile%5Bagree%5D=on"),
            &irene,
        )
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.headers[header::LOCATION], format!("/profile/{key}?saved=1"));
    let (s, records) = stored(&h, "irene@example.com", &key).await;
    assert_eq!(records, 1);
    assert_eq!(s.department.as_deref(), Some("Finanzas"));
    assert_eq!(s.job_level, Some(4));
    assert_eq!(s.languages, ["es", "en"]);
    assert_eq!(s.time_zone, "Atlantic/Canary");
    assert_eq!(s.location.as_deref(), Some("Las Palmas"));
    assert_eq!(s.can_teach, ["ai_tools"]);
    assert_eq!(s.interests, ["vela"]);
    assert!(agreed(&s));
    let page = h.get(&format!("/profile/{key}?saved=1"), Some(&irene)).await;
    assert!(page.body.contains("id=\"profile-saved\""), "{}", page.body);
    assert!(page.body.contains("href=\"/pair\""));
    assert!(
        !page.body.contains("data-field=\"department\""),
        "confirmed: no longer HR's"
    );

    // A value the person changes replaces HR's.
    let r = h
        .post(
            "/api/save_profile",
            &format!(
                "program={key}&profile%5Brole%5D=both&profile%5Bdepartment%5D=Marketing\
                 &profile%5Bwants_to_learn%5D%5B%5D=leadership&profile%5Bagree%5D=on"
            ),
            Some(&irene),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (s, _) = stored(&h, "irene@example.com", &key).await;
    assert_eq!(s.department.as_deref(), Some("Marketing"));
    assert_eq!(s.wants_to_learn, ["leadership"]);
    assert_eq!(s.can_teach, ["ai_tools"]);

    // A refused field is named, and nothing changes.
    let r = h
        .post(
            "/api/save_profile",
            &format!("program={key}&profile%5Brole%5D=both&profile%5Bjob_level%5D=99&profile%5Bagree%5D=on"),
            Some(&irene),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        r.json_error(),
        ["invalid", "profile.job_level", "job_level"],
        "{}",
        r.body
    );
    assert_eq!(stored(&h, "irene@example.com", &key).await.0.job_level, Some(4));

    // Complete now: home no longer asks for the profile.
    let page = h.get("/", Some(&irene)).await;
    assert!(
        !page.body.contains(&format!("href=\"/profile/{key}\"")),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_signup_link_prefills_the_profile_of_someone_hr_imported() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = program_in(&h, &pm, &["enrolling"]).await;
    h.query(
        "CREATE employee SET email = 'jon@example.com', name = 'Jon Importado', department = 'Logística',
             job_level = 15, languages = ['eu', 'es'], wants_to_learn = ['ai_tools'];",
        vec![],
    )
    .await;
    let link: String = serde_json::from_str(
        &h.post(
            "/api/create_signup_link",
            &format!("program={key}"),
            Some(&pm),
            "en",
        )
        .await
        .body,
    )
    .unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();
    // Typing his address on the signup link makes no account: the record holds HR's data, so
    // he must show the address is his (not enrolled here, he is asked to get an invitation).
    let r = h
        .post(
            "/api/join_signup",
            &format!("token={token}&name=Jon&email=JON%40example.com&password=una-clave-larga"),
            None,
            "es",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(session_cookie(&r).is_none());
    // With an account of his own (as after an invitation), signing in links the record.
    let hash = app::ssr::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    db::users::create(
        &h.state.db,
        db::users::NewUser {
            email: "jon@example.com".into(),
            name: "Jon".into(),
            role: Role::Participant,
            password_hash: Some(hash),
            lang: None,
        },
    )
    .await
    .unwrap();
    let jon = h.sign_in("jon@example.com").await;

    let page = h.get(&format!("/join/{token}"), Some(&jon)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        input_tag(&page.body, "p-department").contains("value=\"Logística\""),
        "{}",
        page.body
    );
    assert!(input_tag(&page.body, "wants_to_learn-ai_tools").contains(" checked"));
    assert!(page.body.contains("de tu ficha de RR. HH."));
    assert!(page.body.contains("id=\"agreement-none\""));

    // Joining with the optional fields blank keeps them, and adds no second record.
    let r = h
        .post(
            "/api/join_program",
            &format!("token={token}&profile%5Brole%5D=mentee&profile%5Btime_zone%5D=Europe%2FMadrid&profile%5Bagree%5D=on"),
            Some(&jon),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (s, records) = stored(&h, "jon@example.com", &key).await;
    assert_eq!(records, 1, "one record for the email");
    assert_eq!(s.department.as_deref(), Some("Logística"));
    assert_eq!(s.job_level, Some(15));
    assert_eq!(s.languages, ["eu", "es"]);
    assert_eq!(s.wants_to_learn, ["ai_tools"]);
    assert!(agreed(&s));
}
