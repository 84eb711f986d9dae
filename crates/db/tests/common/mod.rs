//! The world the repository tests share: a program with mentors and mentees who have accounts,
//! and an HR account that owns it.
#![allow(dead_code, reason = "each test file uses part of it")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use db::users::{self, NewUser};
use db::{AccountKey, Database, DbSettings, EmployeeKey, ProgramKey};
use domain::Role;

/// The site address notices link to.
pub const BASE: &str = "https://inversa.example";

/// A program with `mentors` mentors and two mentees enrolled, and an outsider (the program's
/// owner account, enrolled nowhere).
pub struct World {
    pub db: Database,
    pub program: ProgramKey,
    /// Accounts of the mentors, then the two mentees.
    pub people: Vec<AccountKey>,
    /// Their employee keys, in the same order.
    pub employees: Vec<EmployeeKey>,
    pub out: AccountKey,
    pub mentors: usize,
}

impl World {
    /// The account of mentee `i` (0 or 1).
    pub fn mentee(&self, i: usize) -> &AccountKey {
        &self.people[self.mentors + i]
    }
}

/// A fresh in-memory database with the program of [`World`].
pub async fn world(mentors: usize) -> World {
    let db = Database::open(&DbSettings::memory()).await.unwrap();
    let mut people = Vec::new();
    let mut employees = Vec::new();
    let out = users::create(
        &db,
        NewUser {
            email: "hr@example.com".into(),
            name: "Helena".into(),
            role: Role::ProgramManager,
            password_hash: None,
            lang: None,
        },
    )
    .await
    .unwrap()
    .key();
    let program: Option<String> = db
        .client()
        .query(
            "LET $p = (CREATE ONLY program SET name = 'Piloto', owner = type::record('user', $out),
                 starts_on = d'2026-01-01', ends_on = d'2027-06-30', status = 'enrolling');
             RETURN record::id($p.id);",
        )
        .bind(("out", out.clone()))
        .await
        .unwrap()
        .take(1)
        .unwrap();
    let program = program.unwrap();
    for i in 0..mentors + 2 {
        let is_mentor = i < mentors;
        let email = format!("p{i}@example.com");
        let user = users::create(
            &db,
            NewUser {
                email: email.clone(),
                name: format!("Persona {i}"),
                role: Role::Participant,
                password_hash: None,
                lang: Some(domain::Lang::En),
            },
        )
        .await
        .unwrap();
        let employee: Option<String> = db
            .client()
            .query(
                "LET $e = (CREATE ONLY employee SET email = $email, name = $name, account = type::record('user', $a));
                 RELATE ($e.id)->enrolled->(type::record('program', $p)) SET as_mentor = $m, as_mentee = !$m;
                 RETURN record::id($e.id);",
            )
            .bind(("email", email))
            .bind(("name", format!("Persona {i}")))
            .bind(("a", user.key()))
            .bind(("p", program.clone()))
            .bind(("m", is_mentor))
            .await
            .unwrap()
            .take(2)
            .unwrap();
        people.push(AccountKey::new(user.key()));
        employees.push(EmployeeKey::new(employee.unwrap()));
    }
    World {
        db,
        program: ProgramKey::new(program),
        people,
        employees,
        out: AccountKey::new(out),
        mentors,
    }
}

/// How many notifications of `kind` the account has.
pub async fn notices(db: &Database, account: &AccountKey, kind: &str) -> usize {
    let n: Option<i64> = db
        .client()
        .query(
            "RETURN count(SELECT id FROM notification WHERE user = type::record('user', $a) AND kind = $k)",
        )
        .bind(("a", account.as_str().to_owned()))
        .bind(("k", kind.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    usize::try_from(n.unwrap()).unwrap()
}
