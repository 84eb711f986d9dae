//! Anonymity holds in every view HR has of an anonymous form's answers: nothing is shown below
//! `MIN_GROUP_SIZE` answers, figures appear once a group is complete and then change only by
//! whole groups (so comparing two loads never reveals the newest answer), trend points are made
//! of whole groups, and anonymous ratings never reach a per-pair view such as pairs at risk.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use app::{feedback::model::FormEditor, feedback::model::FormResults, feedback::model::QuestionResult};
use axum::http::StatusCode;
use domain::feedback::MIN_GROUP_SIZE;
use support::{Harness, harness, session_cookie};

/// A demo person's session (demo password).
async fn sign_in(h: &Harness, email: &str) -> String {
    let r = h
        .post(
            "/api/sign_in",
            &format!("email={email}&password={}", db::demo::DEMO_PASSWORD),
            None,
            "en",
        )
        .await;
    session_cookie(&r).unwrap_or_else(|| panic!("{email} signs in: {}", r.body))
}

/// The demo loaded, its pairs published; answers (manager's cookie, program key).
async fn demo_program(h: &Harness) -> (String, String) {
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .unwrap();
    db::demo::load(&h.state.db, &hash).await.unwrap();
    // Every demo employee gets an account with the demo password, to answer their requests.
    let people: Vec<Vec<String>> = h
        .state
        .db
        .client()
        .query("SELECT VALUE [email, name] FROM employee WHERE account = NONE")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    for person in people {
        let account = db::users::create(
            &h.state.db,
            db::users::NewUser {
                email: person[0].clone(),
                name: person[1].clone(),
                role: domain::Role::Participant,
                password_hash: Some(hash.clone()),
                lang: None,
            },
        )
        .await
        .unwrap();
        h.query(
            "UPDATE employee SET account = type::record('user', $a) WHERE email = $e",
            vec![("a", account.key()), ("e", person[0].clone())],
        )
        .await;
    }
    let pm = sign_in(h, "rrhh@inversa.example").await;
    let programs = h.post("/api/list_programs", "", Some(&pm), "en").await.json();
    let program = programs[0]["key"].as_str().unwrap().to_owned();
    for (path, form) in [
        ("/api/change_program_status", format!("key={program}&to=matching")),
        ("/api/run_matching", format!("program={program}")),
        ("/api/publish_pairs", format!("program={program}")),
    ] {
        let r = h.post(path, &form, Some(&pm), "en").await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    (pm, program)
}

/// A switched-on form with one required rating question, sent now to everyone; answers (form
/// key, question key).
async fn rating_form(h: &Harness, pm: &str, program: &str, anonymous: bool) -> (String, String) {
    let r = h
        .post(
            "/api/create_feedback_form",
            &format!(
                "program={program}&title_es=Pulso&title_en=Pulse&audience=both&trigger=manual&due_days=7{}",
                if anonymous { "&anonymous=on" } else { "" }
            ),
            Some(pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let path: String = serde_json::from_str(&r.body).unwrap();
    let form = path.rsplit('/').next().unwrap().to_owned();
    for (endpoint, fields) in [
        (
            "/api/add_feedback_question",
            "kind=rating&required=on&text_es=%C2%BFQu%C3%A9+tal%3F&text_en=How+is+it%3F",
        ),
        ("/api/set_feedback_form_active", "active=true"),
        ("/api/send_feedback_form", ""),
    ] {
        let r = h
            .post(endpoint, &format!("form={form}&{fields}"), Some(pm), "en")
            .await;
        assert_eq!(r.status, StatusCode::OK, "{endpoint}: {}", r.body);
    }
    let editor: FormEditor = serde_json::from_str(
        &h.post(
            "/api/feedback_form_editor",
            &format!("form={form}"),
            Some(pm),
            "en",
        )
        .await
        .body,
    )
    .unwrap();
    (form, editor.questions[0].key.clone())
}

/// The form's requests as (request key, pair key, respondent's email), in a fixed order.
async fn requests(h: &Harness, form: &str) -> Vec<(String, String, String)> {
    let rows: Vec<Vec<String>> = h
        .state
        .db
        .client()
        .query(
            "SELECT VALUE [record::id(id), record::id(pair), respondent.email] FROM feedback_request
             WHERE form = type::record('feedback_form', $form) ORDER BY pair, respondent.email",
        )
        .bind(("form", form.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

/// The respondent of `request` answers the rating question with `rating`.
async fn answer(h: &Harness, request: &(String, String, String), question: &str, rating: u8) {
    let cookie = sign_in(h, &request.2).await;
    let r = h
        .post(
            "/api/answer_feedback",
            &format!("request={}&answers[{question}][]={rating}", request.0),
            Some(&cookie),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn results(h: &Harness, pm: &str, form: &str) -> FormResults {
    let r = h
        .post("/api/feedback_results", &format!("form={form}"), Some(pm), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn assert_withheld(q: &QuestionResult) {
    assert!(q.withheld, "{q:?}");
    assert_eq!((q.count, q.average, q.nps), (0, None, None), "{q:?}");
    assert!(
        q.distribution.is_empty() && q.texts.is_empty() && q.trend.is_empty(),
        "{q:?}"
    );
}

#[tokio::test]
async fn anonymous_results_appear_at_three_answers_and_change_only_by_whole_groups() {
    let h = harness().await;
    let (pm, program) = demo_program(&h).await;
    let (form, question) = rating_form(&h, &pm, &program, true).await;
    let asked = requests(&h, &form).await;
    assert!(asked.len() > 2 * MIN_GROUP_SIZE, "{}", asked.len());
    let page = format!("/programs/{program}/feedback/{form}");
    let ratings = [4u8, 5, 3, 1, 2, 2, 5];

    let mut seen: Vec<FormResults> = Vec::new();
    for (n, rating) in ratings.iter().enumerate() {
        answer(&h, &asked[n], &question, *rating).await;
        let res = results(&h, &pm, &form).await;
        assert_eq!(res.respondents, n + 1);
        assert!(res.individual.is_empty());
        seen.push(res);
    }
    // One and two answers: everything is withheld, in the data and on the page.
    for res in &seen[..2] {
        assert_withheld(&res.questions[0]);
    }
    // Three answers: the figures of those three appear.
    let q = &seen[2].questions[0];
    assert!(!q.withheld, "{q:?}");
    assert_eq!(q.count, 3);
    assert_eq!(q.average, Some(4.0));
    let bars: Vec<(String, usize)> = q
        .distribution
        .iter()
        .map(|b| (b.label.clone(), b.count))
        .collect();
    assert_eq!(
        bars,
        [("1", 0), ("2", 0), ("3", 1), ("4", 1), ("5", 1)].map(|(l, n)| (l.to_owned(), n))
    );
    // The fourth and fifth answers change nothing HR sees, so comparing loads reveals nothing.
    assert_eq!(seen[3].questions, seen[2].questions);
    assert_eq!(seen[4].questions, seen[2].questions);
    // The sixth completes the second group.
    let q = &seen[5].questions[0];
    assert_eq!((q.count, q.average), (6, Some(17.0 / 6.0)));
    assert_eq!(seen[6].questions, seen[5].questions);
    // The page shows the figures of six answers and says why the seventh is not in them yet.
    let html = h.get(&page, Some(&pm)).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("Media: 2.8"), "{}", html.body);
    assert!(html.body.contains("groups-note"), "{}", html.body);
    assert!(!html.body.contains("Menos de 3 respuestas"), "{}", html.body);
}

#[tokio::test]
async fn at_one_answer_the_page_shows_nothing_and_at_three_it_shows_the_results() {
    let h = harness().await;
    let (pm, program) = demo_program(&h).await;
    let (form, question) = rating_form(&h, &pm, &program, true).await;
    let asked = requests(&h, &form).await;
    let page = format!("/programs/{program}/feedback/{form}");
    answer(&h, &asked[0], &question, 2).await;
    // The demo manager reads Spanish. The page carries its data too (for hydration): neither
    // the HTML nor the data may show the one rating.
    let html = h.get(&page, Some(&pm)).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains(r#"\"average\":null"#), "{}", html.body);
    assert!(!html.body.contains(r#"\"average\":2"#), "{}", html.body);
    assert!(html.body.contains("Menos de 3 respuestas"), "{}", html.body);
    for shown in ["Media:", "class=\"bars\"", "class=\"trend\""] {
        assert!(!html.body.contains(shown), "{shown} at one answer");
    }
    answer(&h, &asked[1], &question, 4).await;
    answer(&h, &asked[2], &question, 5).await;
    let html = h.get(&page, Some(&pm)).await;
    assert!(!html.body.contains("Menos de 3 respuestas"), "{}", html.body);
    assert!(html.body.contains("Media: 3.7"), "{}", html.body);
    assert!(html.body.contains("class=\"bars\""), "{}", html.body);
}

#[tokio::test]
async fn three_answers_in_march_and_one_in_april_make_no_trend_point_of_one() {
    let h = harness().await;
    let (pm, program) = demo_program(&h).await;
    let (form, question) = rating_form(&h, &pm, &program, true).await;
    let asked = requests(&h, &form).await;
    let days = [
        "2027-03-03T10:00:00Z",
        "2027-03-10T10:00:00Z",
        "2027-03-20T10:00:00Z",
        "2027-04-02T10:00:00Z",
        "2027-04-08T10:00:00Z",
        "2027-04-09T10:00:00Z",
        "2027-04-20T10:00:00Z",
    ];
    let ratings = [4u8, 5, 3, 1, 2, 4, 5];
    let set_day = |request: String, day: &'static str| {
        let h = &h;
        async move {
            h.query(
                "UPDATE type::record('feedback_request', $r) SET answered_at = <datetime> $day",
                vec![("r", request), ("day", day.to_owned())],
            )
            .await;
        }
    };
    for n in 0..4 {
        answer(&h, &asked[n], &question, ratings[n]).await;
        set_day(asked[n].0.clone(), days[n]).await;
    }
    // The case: three in March, one in April. No point is one person's rating.
    let q = results(&h, &pm, &form).await.questions.remove(0);
    assert_eq!(q.count, 3);
    assert_eq!(q.trend, [("2027-03".to_owned(), 4.0, 3)]);
    let html = h
        .get(&format!("/programs/{program}/feedback/{form}"), Some(&pm))
        .await;
    assert!(!html.body.contains("2027-04"), "{}", html.body);
    assert!(!html.body.contains("(1)</li>"), "{}", html.body);
    // Two more in April complete the second group: a point of three, from March into April
    // where the group began.
    for n in 4..7 {
        answer(&h, &asked[n], &question, ratings[n]).await;
        set_day(asked[n].0.clone(), days[n]).await;
    }
    let q = results(&h, &pm, &form).await.questions.remove(0);
    assert_eq!(q.count, 6);
    assert!(
        q.trend.iter().all(|(_, _, n)| *n >= MIN_GROUP_SIZE),
        "{:?}",
        q.trend
    );
    assert_eq!(
        q.trend,
        [
            ("2027-03".to_owned(), 4.0, 3),
            ("2027-04".to_owned(), 7.0 / 3.0, 3)
        ]
    );
    let html = h
        .get(&format!("/programs/{program}/feedback/{form}"), Some(&pm))
        .await;
    let trend = html
        .body
        .split_once("<ul class=\"trend\">")
        .and_then(|(_, rest)| rest.split_once("</ul>"))
        .map(|(list, _)| list)
        .unwrap_or_else(|| panic!("a trend list: {}", html.body));
    assert!(trend.contains("2027-03: 4.0 (3)"), "{trend}");
    assert!(trend.contains("2027-04: 2.3 (3)"), "{trend}");
    assert_eq!(trend.matches("<li").count(), 2, "{trend}");
}

#[tokio::test]
async fn anonymous_ratings_never_mark_a_pair_at_risk_but_named_ones_do() {
    let h = harness().await;
    let (pm, program) = demo_program(&h).await;
    let at_risk = || async {
        let r = h
            .post(
                "/api/pairs_at_risk",
                &format!("program={program}"),
                Some(&pm),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()
    };
    let low = |list: &serde_json::Value, pair: &str| {
        list.as_array().unwrap().iter().any(|p| {
            p["key"] == pair
                && p["reason_keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k == "low_ratings")
        })
    };
    let (anon, question) = rating_form(&h, &pm, &program, true).await;
    let asked = requests(&h, &anon).await;
    let before = at_risk().await;
    // Both people of a pair not at risk for its ratings rate it 1 on the anonymous form.
    let pair = asked
        .iter()
        .map(|(_, p, _)| p.clone())
        .find(|p| !low(&before, p) && asked.iter().filter(|(_, q, _)| q == p).count() == 2)
        .unwrap();
    for request in asked.iter().filter(|(_, p, _)| *p == pair) {
        answer(&h, request, &question, 1).await;
    }
    assert!(
        !low(&at_risk().await, &pair),
        "two anonymous answers would be shown as this pair's average"
    );
    // The same ratings on a form that is not anonymous do count.
    let (named, question) = rating_form(&h, &pm, &program, false).await;
    for request in requests(&h, &named).await.iter().filter(|(_, p, _)| *p == pair) {
        answer(&h, request, &question, 1).await;
    }
    assert!(low(&at_risk().await, &pair));
}
