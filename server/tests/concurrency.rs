//! Two people acting at once: identical requests sent at the same moment, each from its own
//! session, through the real router over the real engine. The loser of a write conflict is
//! retried by the database layer and answers what the user should see — the same result for an
//! idempotent repeat, 409 where the state moved on — never 500. The data stays right.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use support::{Harness, Reply, harness, session_cookie};

/// Rounds per case: a conflict shows up in most rounds when it is not handled.
const ROUNDS: usize = 6;

/// Sends the same form post to `path` from every session at the same moment.
async fn race(h: &Harness, path: &str, form: &str, cookies: &[String]) -> Vec<Reply> {
    let calls = cookies.iter().map(|c| {
        let h = h.clone_handle();
        let (path, form, cookie) = (path.to_owned(), form.to_owned(), c.clone());
        tokio::spawn(async move { h.post(&path, &form, Some(&cookie), "en").await })
    });
    let mut replies = Vec::new();
    for call in calls.collect::<Vec<_>>() {
        replies.push(call.await.expect("request task"));
    }
    replies
}

trait CloneHandle {
    fn clone_handle(&self) -> Harness;
}

impl CloneHandle for Harness {
    /// Another handle on the same server, to send from a spawned task.
    fn clone_handle(&self) -> Harness {
        Harness {
            router: self.router.clone(),
            state: self.state.clone(),
        }
    }
}

/// Counts replies by status, for messages.
fn statuses(replies: &[Reply]) -> BTreeMap<u16, usize> {
    let mut m = BTreeMap::new();
    for r in replies {
        *m.entry(r.status.as_u16()).or_default() += 1;
    }
    m
}

/// Asserts that no reply is a server error, showing the bodies when one is.
fn no_server_error(case: &str, replies: &[Reply]) {
    for r in replies {
        assert!(
            !r.status.is_server_error(),
            "{case}: {:?}; a reply was {} {}",
            statuses(replies),
            r.status,
            r.body
        );
    }
}

/// Signs the demo person with `email` in `n` times: `n` separate sessions of one person.
async fn sessions(h: &Harness, email: &str, password: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(h.sign_in_with(email, password).await);
    }
    out
}

/// Makes sure the demo employee with `email` has an account and answers its password: demo
/// people who have one use the demo password; anyone else gets a participant account with
/// [`support::PASSWORD`].
async fn account_for(h: &Harness, email: &str) -> &'static str {
    if db::users::find_by_email(&h.state.db, email)
        .await
        .unwrap()
        .is_some()
    {
        return db::demo::DEMO_PASSWORD;
    }
    let hash = app::ssr::auth::hash_password(support::PASSWORD.to_owned())
        .await
        .unwrap();
    let account = db::users::create(
        &h.state.db,
        db::users::NewUser {
            email: email.to_owned(),
            name: "Mentor".into(),
            role: domain::Role::Participant,
            password_hash: Some(hash),
            lang: None,
        },
    )
    .await
    .unwrap();
    h.query(
        "UPDATE employee SET account = type::record('user', $a) WHERE email = $e",
        vec![("a", account.key()), ("e", email.to_owned())],
    )
    .await;
    support::PASSWORD
}

/// A fresh server with the demo organisation, its pairs published: the manager's sessions, the
/// program key, the mentee's (James's) sessions, the mentor's sessions and the pair key.
struct World {
    h: Harness,
    pm: Vec<String>,
    program: String,
    mentee: Vec<String>,
    mentor: Vec<String>,
    pair: String,
}

async fn world() -> World {
    let h = harness().await;
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned())
        .await
        .unwrap();
    db::demo::load(&h.state.db, &hash).await.unwrap();
    let pm = sessions(&h, "rrhh@inversa.example", db::demo::DEMO_PASSWORD, 2).await;
    let list = h.post("/api/list_programs", "", Some(&pm[0]), "en").await.json();
    let program = list[0]["key"].as_str().unwrap().to_owned();
    for (path, form) in [
        ("/api/change_program_status", format!("key={program}&to=matching")),
        ("/api/run_matching", format!("program={program}")),
        ("/api/publish_pairs", format!("program={program}")),
    ] {
        let r = h.post(path, &form, Some(&pm[0]), "en").await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    let mentee = sessions(&h, "james.wilson@inversa.example", db::demo::DEMO_PASSWORD, 2).await;
    let mine = h.post("/api/my_pairs", "", Some(&mentee[0]), "en").await.json();
    let pair = mine[0]["key"].as_str().unwrap().to_owned();
    let mentor_email = mine[0]["other_email"].as_str().unwrap().to_owned();
    let password = account_for(&h, &mentor_email).await;
    let mentor = sessions(&h, &mentor_email, password, 2).await;
    World {
        h,
        pm,
        program,
        mentee,
        mentor,
        pair,
    }
}

impl World {
    /// A new goal of the mentee's, answered by key.
    async fn goal(&self) -> String {
        let r = self
            .h
            .post(
                "/api/create_goal",
                &format!("pair={}&title=Usar+IA&description=", self.pair),
                Some(&self.mentee[0]),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json().as_str().unwrap().to_owned()
    }

    /// A meeting the mentee proposed, `days` ahead, answered by key.
    async fn meeting(&self, days: i64) -> String {
        let date = (chrono::Utc::now() + chrono::Duration::days(days)).format("%Y-%m-%d");
        let r = self
            .h
            .post(
                "/api/propose_meeting",
                &format!(
                    "pair={}&date={date}&time=10:00&minutes=45&time_zone=Europe/Madrid&place=Sala+2&video_url=",
                    self.pair
                ),
                Some(&self.mentee[0]),
                "en",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json().as_str().unwrap().to_owned()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_goal_writes_answer_like_one_after_the_other() {
    let w = world().await;
    let goal = w.goal().await;
    let both = [w.mentee[0].clone(), w.mentee[1].clone()];
    for round in 0..ROUNDS {
        let form = format!("goal={goal}&status=open&progress={}", 10 + round);
        let replies = race(&w.h, "/api/update_goal", &form, &both).await;
        no_server_error("update_goal", &replies);
        assert!(
            replies.iter().all(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
    }
    // Either person of the pair, each from two sessions, ticking one milestone at once.
    let r =
        w.h.post(
            "/api/add_milestone",
            &format!("goal={goal}&title=Primer+prompt"),
            Some(&w.mentee[0]),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let milestone: String = {
        let ws =
            w.h.post(
                "/api/pair_workspace",
                &format!("pair={}", w.pair),
                Some(&w.mentee[0]),
                "en",
            )
            .await
            .json();
        ws["goals"][0]["milestones"][0]["key"]
            .as_str()
            .expect("milestone key")
            .to_owned()
    };
    let mut crowd = Vec::new();
    for i in 0..20 {
        crowd.push(if i % 2 == 0 {
            w.mentee[i % 2].clone()
        } else {
            w.mentor[i % 2].clone()
        });
    }
    let replies = race(
        &w.h,
        "/api/toggle_milestone",
        &format!("milestone={milestone}&done=true"),
        &crowd,
    )
    .await;
    no_server_error("toggle_milestone", &replies);
    assert!(
        replies.iter().all(|r| r.status == StatusCode::OK),
        "{:?}",
        statuses(&replies)
    );
    let ws =
        w.h.post(
            "/api/pair_workspace",
            &format!("pair={}", w.pair),
            Some(&w.mentee[0]),
            "en",
        )
        .await
        .json();
    assert_eq!(ws["goals"][0]["milestones"][0]["done"], true);
    assert_eq!(ws["goals"][0]["progress"], 10 + ROUNDS as i64 - 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_account_writes_never_fail() {
    let w = world().await;
    let both = [w.mentee[0].clone(), w.mentee[1].clone()];
    for _ in 0..ROUNDS {
        for path in ["/api/create_calendar_feed", "/api/mark_notifications_read"] {
            let replies = race(&w.h, path, "", &both).await;
            no_server_error(path, &replies);
            assert!(
                replies.iter().all(|r| r.status == StatusCode::OK),
                "{path}: {:?}",
                statuses(&replies)
            );
        }
        let replies = race(&w.h, "/api/accept_agreement", &format!("pair={}", w.pair), &both).await;
        no_server_error("accept_agreement", &replies);
        assert!(
            replies.iter().all(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
    }
    // Both sessions asked for a feed at once: one feed link is live, the other's was replaced.
    let feed = w.h.post("/api/calendar_feed", "", Some(&w.mentee[0]), "en").await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_account_signs_in_from_many_places_at_once() {
    let w = world().await;
    for _ in 0..ROUNDS {
        let forms = "email=james.wilson@inversa.example&password=inversa-demo-2026";
        let calls: Vec<_> = (0..4)
            .map(|_| {
                let h = w.h.clone_handle();
                tokio::spawn(async move { h.post("/api/sign_in", forms, None, "en").await })
            })
            .collect();
        let mut replies = Vec::new();
        for c in calls {
            replies.push(c.await.unwrap());
        }
        no_server_error("sign_in", &replies);
        for r in &replies {
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            assert!(session_cookie(r).is_some());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_checkins_with_one_key_store_one() {
    let w = world().await;
    let both = [w.mentee[0].clone(), w.mentee[1].clone()];
    for round in 0..ROUNDS {
        let form = format!(
            "pair={}&rating=4&learned=Atajos&taught=&next_step=&client_id=race-round-{round}",
            w.pair
        );
        let replies = race(&w.h, "/api/submit_checkin", &form, &both).await;
        no_server_error("submit_checkin", &replies);
        assert!(
            replies.iter().all(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
        assert_eq!(
            replies[0].body, replies[1].body,
            "both are told about the same check-in"
        );
    }
    let list =
        w.h.post(
            "/api/pair_checkins",
            &format!("pair={}", w.pair),
            Some(&w.mentee[0]),
            "en",
        )
        .await
        .json();
    assert_eq!(list.as_array().unwrap().len(), ROUNDS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_meeting_changes_answer_done_or_changed() {
    let w = world().await;
    let both_mentors = [w.mentor[0].clone(), w.mentor[1].clone()];
    for round in 0..ROUNDS {
        let meeting = w.meeting(3 + round as i64).await;
        let replies = race(
            &w.h,
            "/api/change_meeting",
            &format!("meeting={meeting}&change=accept"),
            &both_mentors,
        )
        .await;
        no_server_error("change_meeting accept", &replies);
        assert!(
            replies.iter().all(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
        let replies = race(
            &w.h,
            "/api/save_meeting_notes",
            &format!("meeting={meeting}&notes=Vimos+atajos"),
            &both_mentors,
        )
        .await;
        no_server_error("save_meeting_notes", &replies);
        assert!(
            replies.iter().all(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_hr_actions_answer_done_or_conflict() {
    let w = world().await;
    for round in 0..ROUNDS {
        let (action, reason) = if round % 2 == 0 {
            ("pause", "")
        } else {
            ("resume", "")
        };
        let replies = race(
            &w.h,
            "/api/act_on_pair",
            &format!("pair={}&action={action}&reason={reason}", w.pair),
            &w.pm,
        )
        .await;
        no_server_error("act_on_pair", &replies);
        // One applies the action; the other finds it applied (same answer) or refused (409).
        assert!(
            replies.iter().any(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
        assert!(
            replies
                .iter()
                .all(|r| r.status == StatusCode::OK || r.status == StatusCode::CONFLICT),
            "{:?}",
            statuses(&replies)
        );
    }
    for to in ["active", "matching", "active"] {
        let replies = race(
            &w.h,
            "/api/change_program_status",
            &format!("key={}&to={to}", w.program),
            &w.pm,
        )
        .await;
        no_server_error("change_program_status", &replies);
        let _ = to;
    }
}

/// Counts the records of `table` matching `cond` (SurrealQL, with `$pair` bound).
async fn count(h: &Harness, sql: &str, pair: &str) -> i64 {
    let n: Option<i64> = h
        .state
        .db
        .client()
        .query(sql)
        .bind(("pair", db::RecordId::new("pair", pair)))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_form_sent_twice_creates_one_thing() {
    let w = world().await;
    let date = (chrono::Utc::now() + chrono::Duration::days(5)).format("%Y-%m-%d");
    let meetings = "RETURN count(SELECT id FROM meeting WHERE pair = $pair)";
    let emails = "RETURN count(SELECT id FROM outbox_email WHERE kind = 'meeting_proposed')";
    let notes = "RETURN count(SELECT id FROM notification WHERE kind = 'meeting_proposed')";
    let (m0, e0, n0) = (
        count(&w.h, meetings, &w.pair).await,
        count(&w.h, emails, &w.pair).await,
        count(&w.h, notes, &w.pair).await,
    );
    let form = format!(
        "pair={}&date={date}&time=10:00&minutes=45&time_zone=Europe/Madrid&place=Sala+2&video_url=&submission=0123456789abcdef0123456789abcdef",
        w.pair
    );
    // A double click (two at once, one session) and a replay a moment later.
    let same = [w.mentee[0].clone(), w.mentee[0].clone()];
    let replies = race(&w.h, "/api/propose_meeting", &form, &same).await;
    no_server_error("propose_meeting", &replies);
    let replay =
        w.h.post("/api/propose_meeting", &form, Some(&w.mentee[0]), "en")
            .await;
    assert_eq!(replay.status, StatusCode::OK, "{}", replay.body);
    for r in &replies {
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            r.body, replay.body,
            "every repeat answers the first meeting's key"
        );
    }
    assert_eq!(count(&w.h, meetings, &w.pair).await, m0 + 1, "one meeting");
    assert_eq!(count(&w.h, notes, &w.pair).await, n0 + 1, "one notification");
    assert_eq!(count(&w.h, emails, &w.pair).await, e0 + 1, "one email");
    // The next form (a new key) creates the next meeting.
    let next = form.replace(
        "0123456789abcdef0123456789abcdef",
        "fedcba9876543210fedcba9876543210",
    );
    let r =
        w.h.post("/api/propose_meeting", &next, Some(&w.mentee[0]), "en")
            .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_ne!(r.body, replay.body);
    assert_eq!(count(&w.h, meetings, &w.pair).await, m0 + 2);
    // A refused form (date in the past) gives its key up: fixed and sent again, it creates.
    let past = form.replace(&date.to_string(), "2020-01-01").replace(
        "0123456789abcdef0123456789abcdef",
        "aaaa0000aaaa0000aaaa0000aaaa0000",
    );
    let r =
        w.h.post("/api/propose_meeting", &past, Some(&w.mentee[0]), "en")
            .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fixed = past.replace("2020-01-01", &date.to_string());
    let r =
        w.h.post("/api/propose_meeting", &fixed, Some(&w.mentee[0]), "en")
            .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(count(&w.h, meetings, &w.pair).await, m0 + 3);
    // The page gives each form of the workspace a key of its own, new on every load.
    let key_of_page = |body: &str| -> Vec<String> {
        body.match_indices("name=\"submission\"")
            .filter_map(|(i, _)| {
                let rest = &body[i..];
                let v = rest.split("value=\"").nth(1)?;
                Some(v.split('"').next()?.to_owned())
            })
            .collect()
    };
    let first = w.h.get(&format!("/pair/{}", w.pair), Some(&w.mentee[0])).await;
    let second = w.h.get(&format!("/pair/{}", w.pair), Some(&w.mentee[0])).await;
    let (a, b) = (key_of_page(&first.body), key_of_page(&second.body));
    assert!(
        a.len() >= 2,
        "the new-goal and new-meeting forms carry a key: {a:?}"
    );
    assert!(a.iter().all(|k| k.len() == 32), "{a:?}");
    assert!(a.iter().zip(&b).all(|(x, y)| x != y), "a new load, new keys");
    // The same for goals, milestones and comments.
    let goals = "RETURN count(SELECT id FROM goal WHERE pair = $pair)";
    let g0 = count(&w.h, goals, &w.pair).await;
    let form = format!("pair={}&title=Usar+IA&description=&submission=goal-key-1", w.pair);
    let replies = race(&w.h, "/api/create_goal", &form, &same).await;
    no_server_error("create_goal", &replies);
    assert_eq!(replies[0].body, replies[1].body);
    assert_eq!(count(&w.h, goals, &w.pair).await, g0 + 1, "one goal");
    let goal = replies[0].json().as_str().unwrap().to_owned();
    for (path, form, table) in [
        (
            "/api/add_milestone",
            format!("goal={goal}&title=Paso&submission=m-1"),
            "milestone",
        ),
        (
            "/api/add_comment",
            format!("goal={goal}&body=Bien&submission=c-1"),
            "goal_comment",
        ),
    ] {
        let replies = race(&w.h, path, &form, &same).await;
        no_server_error(path, &replies);
        let replay = w.h.post(path, &form, Some(&w.mentee[0]), "en").await;
        assert_eq!(replies[0].body, replay.body, "{path}");
        assert_eq!(replies[1].body, replay.body, "{path}");
        let n = count(
            &w.h,
            &format!("RETURN count(SELECT id FROM {table} WHERE goal = type::record('goal', '{goal}'))"),
            &w.pair,
        )
        .await;
        assert_eq!(n, 1, "{path} created one");
    }
    // A key is the sender's own: another person's form with the same key creates their own.
    let r =
        w.h.post(
            "/api/create_goal",
            &form.replace("Usar+IA", "Otro"),
            Some(&w.mentor[0]),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(count(&w.h, goals, &w.pair).await, g0 + 2);
    // A malformed key is refused before anything is written.
    let r =
        w.h.post(
            "/api/create_goal",
            &format!("pair={}&title=X&description=&submission=%3Cscript%3E", w.pair),
            Some(&w.mentee[0]),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(count(&w.h, goals, &w.pair).await, g0 + 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hr_forms_sent_twice_create_one_thing() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let form = format!("{}&submission=program-key-1", support::PROGRAM_FORM);
    let both = [pm.clone(), pm.clone()];
    let replies = race(&h, "/api/create_program", &form, &both).await;
    no_server_error("create_program", &replies);
    assert_eq!(replies[0].status, StatusCode::OK, "{}", replies[0].body);
    assert_eq!(replies[0].body, replies[1].body);
    let list = h.post("/api/list_programs", "", Some(&pm), "en").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1, "one program");
    let program = replies[0].json().as_str().unwrap().to_owned();
    let topic = format!("key={program}&label_es=Hojas+de+c%C3%A1lculo&label_en=Spreadsheets&submission=t-1");
    let replies = race(&h, "/api/add_topic", &topic, &both).await;
    no_server_error("add_topic", &replies);
    for r in &replies {
        assert_eq!(
            r.status,
            StatusCode::OK,
            "the repeat answers the same topic, not 'already there': {}",
            r.body
        );
    }
    // Without a key (an API client), a second identical topic is the duplicate it is.
    let r = h
        .post(
            "/api/add_topic",
            &topic.replace("&submission=t-1", ""),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

/// Sends each request twice at the same moment, from two sessions of the person it belongs to,
/// and checks that neither answer is a server error and at least one did the work.
async fn twins(w: &World, cases: &[(&[String], &str, String)]) {
    for (who, path, form) in cases {
        let replies = race(&w.h, path, form, who).await;
        no_server_error(path, &replies);
        assert!(
            replies.iter().any(|r| r.status == StatusCode::OK),
            "{path}: {:?} {}",
            statuses(&replies),
            replies[0].body
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_other_write_survives_its_twin() {
    let w = world().await;
    let goal = w.goal().await;
    let meeting = w.meeting(9).await;
    let later = (chrono::Utc::now() + chrono::Duration::days(12)).format("%Y-%m-%d");
    let p = &w.program;
    let participant: Vec<(&[String], &str, String)> = vec![
        (
            &w.mentee,
            "/api/edit_goal",
            format!("goal={goal}&title=Usar+IA+bien&description=Con+criterio"),
        ),
        (
            &w.mentor,
            "/api/reschedule_meeting",
            format!(
                "meeting={meeting}&date={later}&time=11:00&minutes=30&time_zone=Europe/Madrid&place=Sala+3&video_url="
            ),
        ),
        (&w.mentee, "/api/accept_pair", format!("pair={}", w.pair)),
        (&w.mentor, "/api/accept_pair", format!("pair={}", w.pair)),
        (&w.mentee, "/api/create_calendar_feed", String::new()),
        (&w.mentee, "/api/revoke_calendar_feed", String::new()),
        (&w.mentee, "/api/delete_goal", format!("goal={goal}")),
    ];
    twins(&w, &participant).await;
    let hr: Vec<(&[String], &str, String)> = vec![
        (
            &w.pm,
            "/api/rename_topic",
            format!("key={p}&topic=ai_tools&label_es=IA+generativa&label_en=Generative+AI"),
        ),
        (&w.pm, "/api/reset_matching_settings", format!("key={p}")),
        (&w.pm, "/api/create_signup_link", format!("program={p}")),
        (
            &w.pm,
            "/api/send_program_invitations",
            format!("key={p}&sending=new"),
        ),
        (
            &w.pm,
            "/api/remove_topic",
            format!("key={p}&topic=social_media&confirm=true"),
        ),
        (&w.pm, "/api/run_matching", format!("program={p}")),
        (&w.pm, "/api/publish_pairs", format!("program={p}")),
    ];
    twins(&w, &hr).await;
    // Signing out of two sessions of one person at once.
    twins(&w, &[(&w.mentee, "/api/sign_out", String::new())]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn feedback_forms_and_answers_survive_their_twins() {
    let w = world().await;
    let p = &w.program;
    let create = format!(
        "program={p}&title_es=Pulso&title_en=Pulse&audience=both&trigger=manual&due_days=7&submission=form-key-1"
    );
    let replies = race(&w.h, "/api/create_feedback_form", &create, &w.pm).await;
    no_server_error("create_feedback_form", &replies);
    assert_eq!(replies[0].status, StatusCode::OK, "{}", replies[0].body);
    assert_eq!(replies[0].body, replies[1].body, "one form for one submission");
    let path: String = replies[0].json().as_str().unwrap().to_owned();
    let form = path.rsplit('/').next().unwrap().to_owned();
    let forms = "RETURN count(SELECT id FROM feedback_form)";
    assert_eq!(count(&w.h, forms, &w.pair).await, 1);
    let question = format!(
        "form={form}&kind=rating&required=on&text_es=%C2%BFQu%C3%A9+tal%3F&text_en=How+is+it%3F&submission=q-key-1"
    );
    let replies = race(&w.h, "/api/add_feedback_question", &question, &w.pm).await;
    no_server_error("add_feedback_question", &replies);
    let editor =
        w.h.post(
            "/api/feedback_form_editor",
            &format!("form={form}"),
            Some(&w.pm[0]),
            "en",
        )
        .await
        .json();
    assert_eq!(
        editor["questions"].as_array().unwrap().len(),
        1,
        "one question for one submission"
    );
    let key = editor["questions"][0]["key"].as_str().unwrap().to_owned();
    twins(
        &w,
        &[
            (
                &w.pm,
                "/api/set_feedback_form_active",
                format!("form={form}&active=true"),
            ),
            (&w.pm, "/api/send_feedback_form", format!("form={form}")),
        ],
    )
    .await;
    let request: Option<String> = w
        .h
        .state
        .db
        .client()
        .query(
            "RETURN (SELECT VALUE record::id(id) FROM feedback_request
             WHERE form = type::record('feedback_form', $form) AND respondent.email = 'james.wilson@inversa.example')[0]",
        )
        .bind(("form", form.clone()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let request = request.expect("James is asked");
    let replies = race(
        &w.h,
        "/api/answer_feedback",
        &format!("request={request}&answers[{key}][]=4"),
        &w.mentee,
    )
    .await;
    no_server_error("answer_feedback", &replies);
    // One answer is stored; the twin is told it was answered already (409) or gets the same.
    assert!(
        replies.iter().any(|r| r.status == StatusCode::OK),
        "{:?}",
        statuses(&replies)
    );
    assert!(
        replies
            .iter()
            .all(|r| r.status == StatusCode::OK || r.status == StatusCode::CONFLICT),
        "{:?}",
        statuses(&replies)
    );
    let answers = "RETURN count(SELECT id FROM feedback_answer)";
    assert_eq!(count(&w.h, answers, &w.pair).await, 1);
}

/// HR saves two different level ladders from two sessions at the same moment: both are answered
/// (never 500), and the stored ladder and every employee's level are those of one of them, not
/// a mix.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_ladder_saves_leave_one_whole_ladder() {
    let w = world().await;
    w.h.state
        .db
        .client()
        .query(
            "UPDATE employee SET job_title = 'Analista' WHERE email = 'james.wilson@inversa.example';
             UPDATE employee SET job_title = 'Directora' WHERE email != 'james.wilson@inversa.example'",
        )
        .await
        .unwrap()
        .check()
        .unwrap();
    let ladders = [
        serde_json::json!({ "titles": ["Analista", "Directora"] }),
        serde_json::json!({ "titles": ["Directora", "Analista", "Gerente"] }),
    ];
    for _ in 0..5 {
        let calls = ladders.iter().zip(w.pm.iter()).map(|(body, cookie)| {
            let h = w.h.clone_handle();
            let (body, cookie) = (body.clone(), cookie.clone());
            tokio::spawn(async move { h.post_json("/api/save_level_ladder", &body, Some(&cookie)).await })
        });
        let mut replies = Vec::new();
        for call in calls.collect::<Vec<_>>() {
            replies.push(call.await.expect("request task"));
        }
        no_server_error("save_level_ladder", &replies);
        assert!(
            replies.iter().any(|r| r.status == StatusCode::OK),
            "{:?}",
            statuses(&replies)
        );
        let stored = db::levels::ladder(&w.h.state.db).await.unwrap();
        assert!(!stored.is_empty(), "a ladder is stored");
        let analyst_level = (stored.iter().position(|t| t == "Analista").unwrap() + 1) as i64;
        let levels: Vec<Option<i64>> =
            w.h.state
                .db
                .client()
                .query("SELECT VALUE job_level FROM employee WHERE job_title = 'Analista'")
                .await
                .unwrap()
                .take(0)
                .unwrap();
        assert_eq!(
            levels,
            vec![Some(analyst_level)],
            "levels follow the stored ladder {stored:?}"
        );
    }
}
