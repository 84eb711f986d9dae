//! Feedback forms: built by HR, sent after a held meeting or by hand, answered once, and read
//! back under the privacy rules (own answers only; the reporting chain; anonymous forms).

use std::collections::BTreeMap;

use app::feedback::api::{
    AddFeedbackQuestion, AnswerFeedback, CreateFeedbackForm, FeedbackFormEditor, FeedbackRequestForm,
    FeedbackResults, MoveFeedbackQuestion, MyFeedback, RemoveFeedbackQuestion, SendFeedbackForm,
    SetFeedbackFormActive,
};
use app::form::Checkbox;
use app::{
    feedback::model::FormEditor, feedback::model::FormResults, feedback::model::RequestForm,
    feedback::model::RequestView,
};
use axum::http::StatusCode;

use crate::refusals::assert_refused;
use crate::support::harness;
use crate::{Published, change_meeting, count, day_from_now, proposal, published_pair};

/// `add_feedback_question`'s arguments: a question of `kind` in `form`.
fn question(
    form: &str,
    kind: &str,
    required: bool,
    text_es: &str,
    text_en: &str,
    options: Option<&str>,
) -> AddFeedbackQuestion {
    AddFeedbackQuestion {
        form: form.to_owned(),
        kind: kind.to_owned(),
        required: Checkbox(required),
        text_es: text_es.to_owned(),
        text_en: text_en.to_owned(),
        options: options.map(str::to_owned),
        submission: String::new(),
    }
}

/// `answer_feedback`'s arguments for `request`: each `(question key, value)` adds a value to its
/// question (as the form's ticked boxes do).
fn answer(request: &str, values: &[(&str, &str)]) -> AnswerFeedback {
    let mut answers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (question, value) in values {
        answers
            .entry((*question).to_owned())
            .or_default()
            .push((*value).to_owned());
    }
    AnswerFeedback {
        request: request.to_owned(),
        answers: Some(answers),
    }
}

fn activate(form: &str) -> SetFeedbackFormActive {
    SetFeedbackFormActive {
        form: form.to_owned(),
        active: true,
    }
}

fn editor(form: &str) -> FeedbackFormEditor {
    FeedbackFormEditor {
        form: form.to_owned(),
    }
}

#[tokio::test]
async fn feedback_is_built_sent_after_a_held_meeting_answered_and_read_with_the_privacy_rules() {
    let h = harness().await;
    let Published {
        pair,
        program,
        mentee: james,
        mentor,
        pm,
    } = published_pair(&h).await;
    let new_form = |anonymous: bool, trigger: &str| CreateFeedbackForm {
        program: program.clone(),
        title_es: "Tras la reunión".into(),
        title_en: "After the meeting".into(),
        audience: "both".into(),
        trigger: trigger.to_owned(),
        due_days: "7".into(),
        anonymous: Checkbox(anonymous),
        submission: String::new(),
    };

    // Creating: refusals say what is missing; participants and other managers are kept out.
    let untitled = CreateFeedbackForm {
        title_es: "Hola".into(),
        title_en: String::new(),
        ..new_form(false, "end")
    };
    let r = h.send(&pm, &untitled).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Write the title in English"), "{}", r.body);
    assert_eq!(
        r.json_error(),
        ["invalid", "feedback_form.title_missing", ""],
        "{}",
        r.body
    );
    assert_eq!(
        r.json()["detail"],
        serde_json::json!({"lang": "en"}),
        "{}",
        r.body
    );
    let r = h.send(&james, &new_form(false, "after_meeting")).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &[]);
    let path: String = h.send_ok(&pm, &new_form(false, "after_meeting")).await;
    let form = path.rsplit('/').next().unwrap().to_owned();
    let pm2 = h.sign_in("pm2@example.com").await;
    let r = h.send(&pm2, &editor(&form)).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["Piloto 2027", "after_meeting"]);

    // An empty form cannot be switched on; a bad question names itself.
    let r = h.send(&pm, &activate(&form)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("at least one question"), "{}", r.body);
    assert_eq!(
        r.json_error(),
        ["invalid", "feedback_form.no_questions", ""],
        "{}",
        r.body
    );
    let one_option = question(
        &form,
        "single",
        true,
        "Formato",
        "Format",
        Some("Sólo una | Only one"),
    );
    let r = h.send(&pm, &one_option).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Question 1: a choice question needs 2 to 12 options"),
        "{}",
        r.body
    );

    let (useful, recommend) = ("Was it useful?", "Would you recommend it?");
    for q in [
        question(&form, "rating", true, "¿Fue útil?", useful, None),
        question(&form, "scale", true, "¿Lo recomendarías?", recommend, None),
        question(
            &form,
            "multi",
            false,
            "Temas",
            "Topics",
            Some("IA | AI\nExcel | Excel\nEquipo | Team"),
        ),
        question(&form, "text", false, "Comentarios", "Comments", None),
    ] {
        h.send_ok(&pm, &q).await;
    }
    // Reorder: each move leaves exactly the order it names, as the editor reads it back.
    let read_editor = async || -> FormEditor {
        let r = h.send(&pm, &editor(&form)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.parse()
    };
    let order = async || {
        read_editor()
            .await
            .questions
            .iter()
            .map(|q| q.text_en.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order().await, [useful, recommend, "Topics", "Comments"]);
    for (from, to, expected) in [
        (4, 1, ["Comments", useful, recommend, "Topics"]),
        (2, 3, ["Comments", recommend, useful, "Topics"]),
        (3, 2, ["Comments", useful, recommend, "Topics"]),
        (1, 4, [useful, recommend, "Topics", "Comments"]),
    ] {
        let r = h
            .send(
                &pm,
                &MoveFeedbackQuestion {
                    form: form.clone(),
                    from,
                    to,
                },
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(order().await, expected, "after moving {from} to {to}");
    }
    let built = read_editor().await;
    let keys: Vec<&str> = built.questions.iter().map(|q| q.key.as_str()).collect();
    let r = h.send(&pm, &activate(&form)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // A meeting is held: the form goes to both people of that pair, and to nobody else.
    let meeting: String = h
        .send(
            &james,
            &proposal(&pair, &day_from_now(2), "10:30", "Europe/Madrid", "Sala 1"),
        )
        .await
        .parse();
    h.send(&mentor, &change_meeting(&meeting, "accept")).await;
    h.query(
        "UPDATE type::record('meeting', $m) SET starts_at = time::now() - 2h",
        vec![("m", meeting.clone())],
    )
    .await;
    let r = h.send(&mentor, &change_meeting(&meeting, "held")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let requests = async |cookie: &str| -> Vec<RequestView> { h.send(cookie, &MyFeedback {}).await.parse() };
    let james_requests = requests(&james).await;
    let mentor_requests = requests(&mentor).await;
    assert_eq!((james_requests.len(), mentor_requests.len()), (1, 1));
    let sent = count(&h, "RETURN count(SELECT id FROM feedback_request)").await;
    assert_eq!(sent, Some(2));

    // Answering: every problem is named; then once only; nobody answers for someone else.
    let jr = &james_requests[0].key;
    let r = h.send(&james, &answer(jr, &[(keys[0], "9")])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Was it useful?: Choose a value on the scale"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("Would you recommend it?: This question is required"),
        "{}",
        r.body
    );
    let r = h.send(&mentor, &answer(jr, &[(keys[0], "5")])).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["Was it useful?", "Comments"]);
    // Every question answered: a rating, a score, the topics ticked (if any) and a text.
    let answers = |request: &str, rating: &str, nps: &str, topics: &[&str], text: &str| {
        let mut values = vec![(keys[0], rating), (keys[1], nps)];
        values.extend(topics.iter().map(|t| (keys[2], *t)));
        values.push((keys[3], text));
        answer(request, &values)
    };
    let r = h
        .send(
            &james,
            &answers(jr, "5", "10", &["o1", "o3"], "Clear and patient"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again = h.send(&james, &answers(jr, "1", "0", &[], "")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let mr = &mentor_requests[0].key;
    let r = h
        .send(&mentor, &answers(mr, "3", "6", &[], "He asks good questions"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // A participant reads their own answers, and only theirs.
    let own_request = FeedbackRequestForm { request: jr.clone() };
    let own: RequestForm = h.send(&james, &own_request).await.parse();
    assert!(own.request.answered);
    assert!(
        own.my_answers
            .contains(&("Topics".to_owned(), "AI, Team".to_owned())),
        "{:?}",
        own.my_answers
    );
    let r = h.send(&mentor, &own_request).await;
    // James's answers stay his: his mentor sees neither the form nor what he said.
    let theirs = [
        "Clear and patient",
        "Clear+and+patient",
        "AI, Team",
        "Was it useful?",
    ];
    assert_refused(&r, StatusCode::NOT_FOUND, &theirs);
    let results_of = |form: &str| FeedbackResults {
        form: form.to_owned(),
    };
    let r = h.send(&james, &results_of(&form)).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &theirs);

    // HR: aggregates and, as the form is not anonymous, who said what.
    let results = async || -> FormResults { h.send(&pm, &results_of(&form)).await.parse() };
    let res = results().await;
    assert_eq!(res.respondents, 2);
    assert_eq!(res.questions[0].average, Some(4.0));
    assert_eq!(
        res.questions[1].nps,
        Some(0),
        "one promoter (10), one detractor (6)"
    );
    let team = res.questions[2]
        .distribution
        .iter()
        .find(|b| b.label == "Team")
        .unwrap();
    assert_eq!(team.count, 1);
    assert_eq!(res.questions[3].texts.len(), 2);
    assert_eq!(res.individual.len(), 2);
    // The questions are fixed once answered.
    let remove = RemoveFeedbackQuestion {
        form: form.clone(),
        index: 1,
    };
    let r = h.send(&pm, &remove).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // The reporting-chain rule: if HR's account is also James's manager, HR never sees what his
    // junior mentor wrote about him — not individually, not in the aggregates.
    let pm_account = db::users::find_by_email(&h.state.db, "rrhh@inversa.example")
        .await
        .unwrap()
        .unwrap();
    h.query(
        "LET $boss = (SELECT VALUE manager FROM ONLY employee WHERE email = 'james.wilson@inversa.example' LIMIT 1);
         UPDATE $boss SET account = type::record('user', $pm);",
        vec![("pm", pm_account.key())],
    )
    .await;
    let res = results().await;
    assert_eq!(res.hidden_by_chain, 1);
    assert_eq!(res.respondents, 1);
    assert_eq!(
        res.questions[0].average,
        Some(5.0),
        "only James's own answer about his mentor counts"
    );
    assert!(
        res.individual.iter().all(|i| i.subject != "James Wilson"),
        "{:?}",
        res.individual
    );
    assert!(
        res.questions[3]
            .texts
            .iter()
            .all(|t| !t.contains("good questions"))
    );

    // An anonymous form: HR sees aggregates only, and only from three answers.
    let r = h.send(&pm2, &new_form(true, "manual")).await;
    // Another manager cannot add forms to this program.
    assert_refused(&r, StatusCode::NOT_FOUND, &["Piloto 2027"]);
    let path: String = h.send(&pm, &new_form(true, "manual")).await.parse();
    let anon = path.rsplit('/').next().unwrap().to_owned();
    h.send_ok(&pm, &question(&anon, "rating", true, "¿Bien?", "Good?", None))
        .await;
    h.send(&pm, &activate(&anon)).await;
    let r = h.send(&pm, &SendFeedbackForm { form: anon.clone() }).await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (StatusCode::OK, "34"),
        "17 pairs, both people"
    );
    let q = h.send(&pm, &editor(&anon)).await.parse::<FormEditor>().questions[0]
        .key
        .clone();
    let mine = requests(&mentor).await;
    let req = mine.iter().find(|r| !r.answered).unwrap();
    let r = h.send(&mentor, &answer(&req.key, &[(q.as_str(), "2")])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let anon_results: FormResults = h.send(&pm, &results_of(&anon)).await.parse();
    assert!(anon_results.anonymous && anon_results.individual.is_empty());
    assert!(anon_results.questions[0].withheld);
    assert_eq!(anon_results.questions[0].average, None);

    // Two days before the due date, everyone who has not answered is reminded, once.
    let soon = chrono::Utc::now() + chrono::Duration::days(6);
    let sent = db::reminders::send_due(&h.state.db, soon, "http://localhost")
        .await
        .unwrap();
    assert_eq!(sent.feedback, 33, "34 asked, one answered");
    let sent = db::reminders::send_due(&h.state.db, soon, "http://localhost")
        .await
        .unwrap();
    assert_eq!(sent.feedback, 0);
}
