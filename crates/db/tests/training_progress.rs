//! HR's training progress view and its reminder against a real (in-memory) SurrealDB: the grid
//! answers each active participant with the modules they completed; the reminder reaches only
//! those with a required module of their side left, at most once in 24 hours (also when two are
//! sent at once), again after that, and never a withdrawn person.
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use chrono::{DateTime, Duration, Utc};
use db::training::{self, GridRow};
use db::users::{self, NewUser};
use db::{AccountKey, Database, DbSettings, EmployeeKey, ProgramKey, TrainingModuleKey};
use domain::notice::Notice;
use domain::training::{Audience, ModuleInput, ModuleKind, Standing, required_left};
use domain::{Lang, Role};

const BASE: &str = "https://inversa.example";

/// Who takes part, as `(email, name, as_mentor, as_mentee, status, has an account)`.
const PEOPLE: [(&str, &str, bool, bool, &str, bool); 5] = [
    ("marta@example.com", "Marta", true, false, "active", true),
    ("tomas@example.com", "Tomás", false, true, "active", true),
    // Both sides, no account: reached by email only.
    ("nico@example.com", "Nico", true, true, "active", false),
    // Withdrawn: never in the grid, never reminded.
    ("wanda@example.com", "Wanda", false, true, "withdrawn", true),
    // Enrolled in another program only.
    ("otto@example.com", "Otto", false, true, "other", true),
];

/// A program "Piloto" with the people above and four modules: required for both sides, required
/// for mentors, required for mentees, optional for both (in that order).
struct World {
    db: Database,
    program: ProgramKey,
    modules: Vec<TrainingModuleKey>,
    /// Account per person (in [`PEOPLE`]'s order), if they have one.
    accounts: Vec<Option<AccountKey>>,
}

async fn world() -> World {
    let db = Database::open(&DbSettings::memory()).await.unwrap();
    let hr = users::create(
        &db,
        NewUser {
            email: "rrhh@example.com".into(),
            name: "RR. HH.".into(),
            role: Role::ProgramManager,
            password_hash: None,
            lang: None,
        },
    )
    .await
    .unwrap();
    let program: Option<String> = db
        .client()
        .query(
            "LET $p = (CREATE ONLY program SET name = 'Piloto', owner = type::record('user', $hr),
                 starts_on = d'2026-01-01', ends_on = d'2026-06-30', status = 'enrolling');
             LET $q = (CREATE ONLY program SET name = 'Otro', owner = type::record('user', $hr),
                 starts_on = d'2026-01-01', ends_on = d'2026-06-30', status = 'enrolling');
             RETURN record::id($p.id);",
        )
        .bind(("hr", hr.key()))
        .await
        .unwrap()
        .take(2)
        .unwrap();
    let program = program.unwrap();
    let mut accounts = Vec::new();
    for (email, name, as_mentor, as_mentee, status, account) in PEOPLE {
        let user = if account {
            let u = users::create(
                &db,
                NewUser {
                    email: email.into(),
                    name: name.into(),
                    role: Role::Participant,
                    password_hash: None,
                    lang: Some(Lang::En),
                },
            )
            .await
            .unwrap();
            Some(u.key())
        } else {
            None
        };
        db.client()
            .query(
                "LET $e = (CREATE ONLY employee SET email = $email, name = $name,
                     account = IF $account = NONE { NONE } ELSE { type::record('user', $account) });
                 LET $to = IF $status = 'other' { (SELECT VALUE id FROM ONLY program WHERE name = 'Otro' LIMIT 1) }
                     ELSE { type::record('program', $program) };
                 RELATE ($e.id)->enrolled->$to SET as_mentor = $as_mentor, as_mentee = $as_mentee,
                     status = IF $status = 'other' { 'active' } ELSE { $status };",
            )
            .bind(("email", email))
            .bind(("name", name))
            .bind(("account", user.clone()))
            .bind(("status", status))
            .bind(("program", program.clone()))
            .bind(("as_mentor", as_mentor))
            .bind(("as_mentee", as_mentee))
            .await
            .unwrap()
            .check()
            .unwrap();
        accounts.push(user.map(AccountKey::new));
    }
    let module = |audience: Audience, required: bool, title: &str| ModuleInput {
        title_es: title.into(),
        title_en: title.into(),
        body_es: "Texto".into(),
        body_en: "Text".into(),
        kind: ModuleKind::Reading,
        url: String::new(),
        minutes: 5,
        audience,
        required,
        items: Vec::new(),
        questions: Vec::new(),
        pass_percent: 0,
    };
    let modules = training::add(
        &db,
        &program,
        &[
            module(Audience::Both, true, "Todos"),
            module(Audience::Mentors, true, "Mentores"),
            module(Audience::Mentees, true, "Mentees"),
            module(Audience::Both, false, "Opcional"),
        ],
    )
    .await
    .unwrap()
    .into_iter()
    .map(TrainingModuleKey::new)
    .collect();
    World {
        db,
        program: ProgramKey::new(program),
        modules,
        accounts,
    }
}

impl World {
    /// Person `i` (in [`PEOPLE`]'s order) completes module `m`.
    async fn complete(&self, i: usize, m: usize) {
        let account = self.accounts[i].clone().unwrap();
        assert_eq!(
            training::mark_done(&self.db, &account, &self.modules[m])
                .await
                .unwrap(),
            training::Taken::Done
        );
    }

    /// The key of the employee with `email`.
    async fn employee(&self, email: &str) -> EmployeeKey {
        let id: Option<String> = self
            .db
            .client()
            .query("SELECT VALUE record::id(id) FROM ONLY employee WHERE email = $e LIMIT 1")
            .bind(("e", email.to_owned()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        EmployeeKey::new(id.unwrap())
    }

    async fn remind(&self, now: DateTime<Utc>) -> usize {
        training::remind_unfinished(&self.db, &self.program, BASE, now)
            .await
            .unwrap()
    }

    /// The training reminders person `i` has been told in the app.
    async fn notified(&self, i: usize) -> Vec<Notice> {
        let params: Vec<serde_json::Value> = self
            .db
            .client()
            .query(
                "SELECT VALUE params FROM notification
                 WHERE user = type::record('user', $a) AND kind = 'training_reminder'",
            )
            .bind(("a", self.accounts[i].clone().unwrap().into_string()))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        params
            .iter()
            .map(|p| Notice::from_stored("training_reminder", p).unwrap())
            .collect()
    }

    /// The training reminder emails as `(to, lang, url)`, ordered by address.
    async fn emailed(&self) -> Vec<(String, String, String)> {
        self.db
            .client()
            .query(
                "SELECT VALUE [to, lang, url] FROM outbox_email WHERE kind = 'training_reminder'
                 ORDER BY to",
            )
            .await
            .unwrap()
            .take(0)
            .unwrap()
    }

    /// The people the domain says have not finished, from the grid.
    async fn unfinished_by_the_domain(&self) -> Vec<String> {
        let required: Vec<(TrainingModuleKey, Audience)> = training::list(&self.db, self.program.as_str())
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.required)
            .map(|m| (TrainingModuleKey::new(m.key()), m.input().unwrap().audience))
            .collect();
        training::progress_grid(&self.db, &self.program)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| {
                let row: Vec<Standing> = required
                    .iter()
                    .map(|(k, a)| Standing::of(*a, r.as_mentor, r.as_mentee, r.completed.contains(k)))
                    .collect();
                required_left(&row) > 0
            })
            .map(|r| r.name)
            .collect()
    }
}

fn emails(list: &[&str]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|e| {
            let lang = if e.starts_with("nico") { "es" } else { "en" };
            (e.to_string(), lang.to_owned(), format!("{BASE}/training"))
        })
        .collect()
}

#[tokio::test]
async fn the_grid_answers_each_active_participant_with_what_they_completed() {
    let w = world().await;
    w.complete(0, 0).await;
    w.complete(0, 1).await;
    w.complete(0, 3).await;
    w.complete(1, 2).await;
    let grid = training::progress_grid(&w.db, &w.program).await.unwrap();
    let m = |i: usize| w.modules[i].clone();
    let mut marta = grid[0].clone();
    marta.completed.sort();
    let mut want = vec![m(0), m(1), m(3)];
    want.sort();
    assert_eq!(
        marta,
        GridRow {
            employee: w.employee("marta@example.com").await,
            name: "Marta".into(),
            email: "marta@example.com".into(),
            as_mentor: true,
            as_mentee: false,
            completed: want,
        }
    );
    // By name; the withdrawn person and the other program's are not there.
    let names: Vec<&str> = grid.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Marta", "Nico", "Tomás"]);
    assert_eq!(grid[1].completed, Vec::<TrainingModuleKey>::new());
    assert!(grid[1].as_mentor && grid[1].as_mentee);
    assert_eq!(grid[2].completed, vec![m(2)]);
    assert_eq!(grid[2].employee, w.employee("tomas@example.com").await);
}

#[tokio::test]
async fn only_the_unfinished_are_reminded_once_a_day() {
    let w = world().await;
    let now = Utc::now();
    // Marta finishes every required module of her side (the mentees' one is not hers); Tomás
    // has the mentees' module left; Nico (both sides) has all three left.
    w.complete(0, 0).await;
    w.complete(0, 1).await;
    w.complete(1, 0).await;
    w.complete(1, 3).await;
    assert_eq!(w.unfinished_by_the_domain().await, ["Nico", "Tomás"]);

    assert_eq!(w.remind(now).await, 2);
    assert_eq!(
        w.notified(1).await,
        [Notice::TrainingReminder {
            program: "Piloto".into(),
            left: 1
        }]
    );
    assert!(w.notified(0).await.is_empty());
    assert!(w.notified(3).await.is_empty(), "withdrawn");
    assert!(w.notified(4).await.is_empty(), "another program");
    assert_eq!(
        w.emailed().await,
        emails(&["nico@example.com", "tomas@example.com"])
    );
    let nico: Vec<serde_json::Value> =
        w.db.client()
            .query("SELECT VALUE params FROM outbox_email WHERE to = 'nico@example.com'")
            .await
            .unwrap()
            .take(0)
            .unwrap();
    assert_eq!(
        Notice::from_stored("training_reminder", &nico[0]),
        Some(Notice::TrainingReminder {
            program: "Piloto".into(),
            left: 3
        })
    );

    // Not again within 24 hours, even a second before.
    assert_eq!(w.remind(now).await, 0);
    assert_eq!(
        w.remind(now + Duration::hours(24) - Duration::seconds(1)).await,
        0
    );
    assert_eq!(w.emailed().await.len(), 2);

    // After 24 hours, again: those still unfinished, with what is left now.
    w.complete(1, 2).await;
    assert_eq!(w.unfinished_by_the_domain().await, ["Nico"]);
    let later = now + Duration::hours(24);
    assert_eq!(w.remind(later).await, 1);
    assert_eq!(w.notified(1).await.len(), 1, "Tomás has finished");
    assert_eq!(
        w.emailed().await,
        emails(&["nico@example.com", "nico@example.com", "tomas@example.com"])
    );
    assert_eq!(w.remind(later).await, 0);

    // A program that does not exist reminds nobody.
    assert_eq!(
        training::remind_unfinished(
            &w.db,
            &ProgramKey::new("nosuchprogram"),
            BASE,
            later + Duration::days(2)
        )
        .await
        .unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_reminders_at_once_remind_nobody_twice() {
    let w = world().await;
    let now = Utc::now();
    let sends: Vec<_> = (0..8)
        .map(|i| {
            let (db, program) = (w.db.clone(), w.program.clone());
            // Eight clicks from HR's tabs, two at each millisecond. (Without the one transaction
            // this reminds people several times.)
            let at = now + Duration::milliseconds(i64::from(i / 2));
            tokio::spawn(async move { training::remind_unfinished(&db, &program, BASE, at).await })
        })
        .collect();
    let mut total = 0;
    for s in sends {
        total += s.await.unwrap().unwrap();
    }
    // Marta, Tomás and Nico have everything left; each is reminded once.
    assert_eq!(total, 3);
    assert_eq!(w.notified(0).await.len(), 1);
    assert_eq!(w.notified(1).await.len(), 1);
    assert_eq!(
        w.emailed().await,
        emails(&["marta@example.com", "nico@example.com", "tomas@example.com"])
    );
}
