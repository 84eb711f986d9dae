//! Route tests of program invitations: HR invites the people enrolled in a program who have no
//! account, each gets one email in their language with a working one-time link, and accepting
//! it (or signing in with an account made another way) links the account to the imported
//! record, so the person finds their pair.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

#[path = "support/refusals.rs"]
mod refusals;
mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::Role;
use refusals::assert_refused;
use support::{Harness, PASSWORD, Reply, harness, session_cookie};

/// What these tests need beyond the shared harness.
trait InvitationsHarness {
    async fn post_plain_from(&self, path: &str, form: &str, cookie: &str, referer: &str) -> Reply;
    async fn count(&self, sql: &str) -> i64;
    async fn enrol(&self, program: &str, email: &str, name: &str) -> String;
    async fn publish_pair(&self, program: &str, mentor: &str, mentee: &str);
    async fn emails_to(&self, to: &str) -> Vec<(String, String)>;
}

impl InvitationsHarness for Harness {
    /// A form posted by a browser without JavaScript (it asks for HTML back).
    async fn post_plain_from(&self, path: &str, form: &str, cookie: &str, referer: &str) -> Reply {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, referer)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_LENGTH, form.len())
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.call(req).await
    }

    /// How many rows the SELECT `sql` (a constant of the test) answers.
    async fn count(&self, sql: &str) -> i64 {
        let rows: Vec<surrealdb::types::Value> =
            self.state.db.client().query(sql).await.unwrap().take(0).unwrap();
        i64::try_from(rows.len()).unwrap()
    }

    /// Creates an employee (as an import does) enrolled in the program; answers its key.
    async fn enrol(&self, program: &str, email: &str, name: &str) -> String {
        let key: Option<String> = self
            .state
            .db
            .client()
            .query(
                "LET $e = (CREATE ONLY employee SET email = $email, name = $name RETURN VALUE id);
                 RELATE $e->enrolled->$program SET as_mentee = true;
                 RETURN record::id($e);",
            )
            .bind(("email", email.to_owned()))
            .bind(("name", name.to_owned()))
            .bind(("program", db::RecordId::new("program", program)))
            .await
            .unwrap()
            .take(2)
            .unwrap();
        key.unwrap()
    }

    /// Publishes a pair of two employees of the program (as the pairing board does).
    async fn publish_pair(&self, program: &str, mentor: &str, mentee: &str) {
        self.state
            .db
            .client()
            .query(
                "CREATE pair SET program = $program, mentor = type::record('employee', $mentor),
                     mentee = type::record('employee', $mentee), score = 75, status = 'published',
                     published_at = time::now();",
            )
            .bind(("program", db::RecordId::new("program", program)))
            .bind(("mentor", mentor.to_owned()))
            .bind(("mentee", mentee.to_owned()))
            .await
            .unwrap()
            .check()
            .unwrap();
    }

    /// The emails in the outbox for `to`, oldest first, as (subject, body).
    async fn emails_to(&self, to: &str) -> Vec<(String, String)> {
        let mails: Vec<Vec<String>> = self
            .state
            .db
            .client()
            .query(
                "SELECT VALUE [subject, body_text] FROM (SELECT subject, body_text, created_at
                 FROM outbox_email WHERE to = $to ORDER BY created_at)",
            )
            .bind(("to", to.to_owned()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        mails.into_iter().map(|m| (m[0].clone(), m[1].clone())).collect()
    }
}

/// The `/invite/{token}` path in an email body.
fn invite_path(body: &str, base_url: &str) -> String {
    let start = body
        .find(&format!("{base_url}/invite/"))
        .unwrap_or_else(|| panic!("no link in {body}"));
    let link: String = body[start + base_url.len()..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert_eq!(link.len(), "/invite/".len() + 64, "{link}");
    link
}

fn token_of(path: &str) -> &str {
    path.trim_start_matches("/invite/")
}

/// Whether `body` gives the expiry date, 14 days from now, as the email writes it: the day in
/// Madrid (UTC+1 or +2), which is the UTC day or the next one.
fn names_expiry(body: &str, lang: domain::Lang) -> bool {
    use chrono::Datelike;
    let at = chrono::Utc::now() + chrono::Duration::days(14);
    [at, at + chrono::Duration::hours(2)]
        .iter()
        .any(|d| body.contains(&domain::format_date(d.year(), d.month(), d.day(), lang).unwrap()))
}

#[tokio::test]
async fn only_the_programs_owner_or_an_admin_sends_its_invitations() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    h.enrol(&key, "marta.ruiz@example.com", "Marta Ruiz").await;
    let ana = h.sign_in("ana@example.com").await;
    let other = h.sign_in("pm2@example.com").await;
    let send = format!("key={key}&sending=new");
    let list = format!("key={key}");
    let person = format!("key={key}&employee=x");
    // Neither the enrolled person nor the program shows through a refusal.
    let protected = ["Marta Ruiz", "marta.ruiz@example.com", "Piloto 2027"];
    for (path, body) in [
        ("/api/send_program_invitations", &send),
        ("/api/program_invitations", &list),
        ("/api/invite_person", &person),
    ] {
        assert_refused(
            &h.post(path, body, None, "en").await,
            StatusCode::UNAUTHORIZED,
            &protected,
        );
        assert_refused(
            &h.post(path, body, Some(&ana), "en").await,
            StatusCode::FORBIDDEN,
            &protected,
        );
        let r = h.post(path, body, Some(&other), "en").await;
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    assert_eq!(h.count("SELECT id FROM outbox_email").await, 0);
    assert_eq!(h.count("SELECT id FROM invitation").await, 0);

    // An admin may, like the owner.
    let admin = h.sign_in("admin@example.com").await;
    let r = h
        .post("/api/program_invitations", &list, Some(&admin), "en")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let l: app::programs::invitations::InvitationList = serde_json::from_str(&r.body).unwrap();
    assert_eq!((l.not_invited, l.invited, l.expired, l.accepted), (1, 0, 0, 0));
}

#[tokio::test]
async fn hr_invites_the_enrolled_people_who_accept_and_find_their_pair() {
    let h = harness().await;
    let base = h.state.base_url.clone();
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let marta = h.enrol(&key, "marta.ruiz@example.com", "Marta Ruiz").await;
    let john = h.enrol(&key, "john.smith@example.com", "John Smith").await;
    h.enrol(&key, "ana@example.com", "Ana").await; // already has an account
    h.publish_pair(&key, &marta, &john).await;

    let list = |cookie: String| {
        let h = &h;
        let key = key.clone();
        async move {
            let r = h
                .post(
                    "/api/program_invitations",
                    &format!("key={key}"),
                    Some(&cookie),
                    "en",
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            serde_json::from_str::<app::programs::invitations::InvitationList>(&r.body).unwrap()
        }
    };
    let l = list(pm.clone()).await;
    assert_eq!((l.not_invited, l.invited, l.expired, l.accepted), (2, 0, 0, 1));

    // Invite everyone not yet invited: one batch, each person once.
    let r = h
        .post(
            "/api/send_program_invitations",
            &format!("key={key}&sending=new"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let progress: app::programs::invitations::InvitationProgress = serde_json::from_str(&r.body).unwrap();
    assert_eq!((progress.sent, progress.remaining, progress.first), (2, 0, true));
    let again = h
        .post(
            "/api/send_program_invitations",
            &format!("key={key}&sending=new"),
            Some(&pm),
            "en",
        )
        .await;
    let again: app::programs::invitations::InvitationProgress = serde_json::from_str(&again.body).unwrap();
    assert_eq!(again.sent, 0, "nobody is invited twice");
    assert!(h.emails_to("ana@example.com").await.is_empty());
    let l = list(pm.clone()).await;
    assert_eq!((l.not_invited, l.invited, l.expired, l.accepted), (0, 2, 0, 1));
    assert_eq!(
        h.count("SELECT id FROM audit_event WHERE action = 'program.invitations.new'")
            .await,
        2
    );

    // One email each, in Spanish (the program owner has no language: Spanish), naming the
    // program and the expiry date, with a working link.
    let mails = h.emails_to("marta.ruiz@example.com").await;
    assert_eq!(mails.len(), 1);
    let (subject, body) = &mails[0];
    assert!(
        subject.contains("Piloto 2027") && subject.contains("tu invitación"),
        "{subject}"
    );
    assert!(body.contains("Hola, Marta Ruiz"), "{body}");
    assert!(names_expiry(body, domain::Lang::Es), "{body}");
    let marta_link = invite_path(body, &base);
    assert_eq!(h.emails_to("john.smith@example.com").await.len(), 1);
    let john_first = invite_path(&h.emails_to("john.smith@example.com").await[0].1, &base);

    // The page of the link asks Marta for a password.
    let page = h.get(&marta_link, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("marta.ruiz@example.com"),
        "{}",
        &page.body[..page.body.len().min(400)]
    );

    // Accepting sets the password, signs her in and opens her profile for the program; her
    // pair is found through her imported record.
    let r = h
        .post(
            "/api/accept_invitation",
            &format!(
                "token={}&password=a+long+password&confirm=a+long+password",
                token_of(&marta_link)
            ),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body, format!("\"/profile/{key}\""));
    let marta_session = session_cookie(&r).expect("signed in");
    let pairs = h.post("/api/my_pairs", "", Some(&marta_session), "en").await;
    assert_eq!(pairs.status, StatusCode::OK, "{}", pairs.body);
    let pairs: serde_json::Value = serde_json::from_str(&pairs.body).unwrap();
    assert_eq!(pairs.as_array().unwrap().len(), 1, "{pairs}");
    assert_eq!(pairs[0]["other_name"], "John Smith");
    assert_eq!(pairs[0]["i_mentor"], true);
    let page = h.get("/pair", Some(&marta_session)).await;
    assert!(page.body.contains("John Smith"), "the pair page shows the pair");
    assert_eq!(
        h.count("SELECT id FROM employee WHERE email = 'marta.ruiz@example.com'")
            .await,
        1,
        "no second record for Marta"
    );
    // The link worked once.
    let r = h
        .post(
            "/api/accept_invitation",
            &format!(
                "token={}&password=another+password&confirm=another+password",
                token_of(&marta_link)
            ),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);

    // Re-sending to John replaces his link: the first stops working, the new one works.
    let r = h
        .post(
            "/api/invite_person",
            &format!("key={key}&employee={john}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mails = h.emails_to("john.smith@example.com").await;
    assert_eq!(mails.len(), 2);
    let john_second = invite_path(&mails[1].1, &base);
    assert_ne!(john_first, john_second);
    assert_eq!(
        h.post(
            "/api/invitation_email",
            &format!("token={}", token_of(&john_first)),
            None,
            "en"
        )
        .await
        .status,
        StatusCode::GONE
    );
    assert_eq!(
        h.post(
            "/api/invitation_email",
            &format!("token={}", token_of(&john_second)),
            None,
            "en"
        )
        .await
        .body,
        "\"john.smith@example.com\""
    );
    // Marta has an account now: nothing to send her.
    let r = h
        .post(
            "/api/invite_person",
            &format!("key={key}&employee={marta}"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let l = list(pm.clone()).await;
    assert_eq!((l.not_invited, l.invited, l.expired, l.accepted), (0, 1, 0, 2));

    // Once the owner works in English, people without a language are written to in English.
    db::users::set_lang(
        &h.state.db,
        &db::users::find_by_email(&h.state.db, "pm@example.com")
            .await
            .unwrap()
            .unwrap()
            .key(),
        domain::Lang::En,
    )
    .await
    .unwrap();
    h.enrol(&key, "lee.brown@example.com", "Lee Brown").await;
    let r = h
        .post(
            "/api/send_program_invitations",
            &format!("key={key}&sending=new"),
            Some(&pm),
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mails = h.emails_to("lee.brown@example.com").await;
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].0.contains("your invitation to Inversa"),
        "{}",
        mails[0].0
    );
    assert!(names_expiry(&mails[0].1, domain::Lang::En), "{}", mails[0].1);
    let lee_link = invite_path(&mails[0].1, &base);
    let r = h
        .post(
            "/api/accept_invitation",
            &format!(
                "token={}&password=a+long+password&confirm=a+long+password",
                token_of(&lee_link)
            ),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let lee = db::users::find_by_email(&h.state.db, "lee.brown@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        lee.lang(),
        Some(domain::Lang::En),
        "the account keeps the email's language"
    );
}

#[tokio::test]
async fn without_javascript_a_bulk_post_sends_and_comes_back_to_the_invitations() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    for i in 0..3 {
        h.enrol(&key, &format!("p{i}@example.com"), &format!("Persona {i}"))
            .await;
    }
    let page = format!("{}/programs/{key}", h.state.base_url);
    let r = h
        .post_plain_from(
            "/api/send_program_invitations",
            &format!("key={key}&sending=new"),
            &pm,
            &page,
        )
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(
        r.headers[header::LOCATION],
        format!("/programs/{key}?invited=3&left=0#invitations").as_str()
    );
    assert_eq!(h.count("SELECT id FROM outbox_email").await, 3);
    // The program page shows the card, with what was sent.
    let shown = h
        .get(&format!("/programs/{key}?invited=3&left=0"), Some(&pm))
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("id=\"invitations\""),
        "the card has its anchor"
    );
    let text = shown.body.replace("<!>", "");
    assert!(
        text.contains("Se han enviado 3 invitaciones."),
        "the page says what was sent"
    );
    assert!(text.contains("3 invitaciones pendientes"), "and counts them");
    assert!(text.contains("0 personas sin invitar"));
    assert!(shown.body.contains("p1@example.com"));
    // A per-person re-send comes back to the card too.
    let someone: Option<String> = h
        .state
        .db
        .client()
        .query("RETURN (SELECT VALUE record::id(id) FROM employee WHERE email = 'p1@example.com')[0]")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let r = h
        .post_plain_from(
            "/api/invite_person",
            &format!("key={key}&employee={}", someone.unwrap()),
            &pm,
            &page,
        )
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(
        r.headers[header::LOCATION],
        format!("/programs/{key}?reinvited=1#invitations").as_str()
    );
    assert_eq!(h.emails_to("p1@example.com").await.len(), 2);
    // A refused post comes back to the page with the error.
    let ana = h.sign_in("ana@example.com").await;
    let r = h
        .post_plain_from(
            "/api/send_program_invitations",
            &format!("key={key}&sending=resend"),
            &ana,
            &page,
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert!(
        r.headers[header::LOCATION].to_str().unwrap().contains("__err"),
        "{:?}",
        r.headers[header::LOCATION]
    );
}

#[tokio::test]
async fn signing_in_links_an_account_to_the_imported_record() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let mentor = h.enrol(&key, "mentor@example.com", "Mentora").await;
    let mentee = h.enrol(&key, "mentee@example.com", "Mentee").await;
    h.publish_pair(&key, &mentor, &mentee).await;
    // An admin made the mentee an account before the import linked anything.
    let hash = app::ssr::auth::hash_password(PASSWORD.to_owned()).await.unwrap();
    db::users::create(
        &h.state.db,
        db::users::NewUser {
            email: "mentee@example.com".into(),
            name: "Mentee".into(),
            role: Role::Participant,
            password_hash: Some(hash),
            lang: None,
        },
    )
    .await
    .unwrap();
    let session = h.sign_in("MENTEE@example.com").await;
    let pairs: serde_json::Value =
        serde_json::from_str(&h.post("/api/my_pairs", "", Some(&session), "en").await.body).unwrap();
    assert_eq!(pairs.as_array().unwrap().len(), 1, "{pairs}");
    assert_eq!(pairs[0]["other_name"], "Mentora");
    // Signing in again links nothing more and creates no record.
    h.sign_in("mentee@example.com").await;
    assert_eq!(h.count("SELECT id FROM employee WHERE account != NONE").await, 1);
    assert_eq!(h.count("SELECT id FROM employee").await, 2);
}
