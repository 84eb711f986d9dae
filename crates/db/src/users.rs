//! The `user` table: accounts that can sign in.

use chrono::{DateTime, Utc};
use domain::{Lang, Role};
use surrealdb::types::{RecordId, SurrealValue};

use crate::{Database, DbError, DbResult, key_of, new_key};

/// Table name.
pub const TABLE: &str = "user";

/// A row of `user` as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct UserRow {
    /// Record id.
    pub id: RecordId,
    /// Lower-cased email, unique.
    pub email: String,
    /// Display name.
    pub name: String,
    /// PHC string (argon2id); `None` until the invitation is accepted.
    pub password_hash: Option<String>,
    /// `admin`, `program_manager` or `participant`.
    pub role: String,
    /// Preferred language, when the user chose one.
    pub lang: Option<String>,
    /// A disabled account cannot sign in and loses its sessions.
    pub disabled: bool,
    /// Bumped to end every session of the account (password change, disable).
    pub session_version: i64,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// Last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

impl UserRow {
    /// The key that identifies the user outside the database.
    pub fn key(&self) -> String {
        key_of(&self.id)
    }

    /// The account role; unknown values (never written by the app) degrade to participant.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Participant)
    }

    /// The preferred language, if any.
    pub fn lang(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}

/// What is needed to create an account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Normalised email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Account role.
    pub role: Role,
    /// Password hash, or `None` for an invited user who has not chosen one yet.
    pub password_hash: Option<String>,
    /// Preferred language.
    pub lang: Option<Lang>,
}

fn id(key: &str) -> RecordId {
    RecordId::new(TABLE, key)
}

/// Creates an account; `DbError::Conflict` when the email is taken.
pub async fn create(db: &Database, new: NewUser) -> DbResult<UserRow> {
    let row: Option<UserRow> = db
        .write(
            "CREATE ONLY $id SET email = $email, name = $name, role = $role,
                password_hash = $password_hash, lang = $lang",
            &[
                ("id", crate::val(id(&new_key()))),
                ("email", crate::val(new.email)),
                ("name", crate::val(new.name.trim().to_owned())),
                ("role", crate::val(new.role.as_str())),
                ("password_hash", crate::val(new.password_hash)),
                ("lang", crate::val(new.lang.map(|l| l.code()))),
            ],
        )
        .await?;
    row.ok_or_else(|| DbError::Config("CREATE returned nothing".into()))
}

/// Finds an account by key.
pub async fn find(db: &Database, key: &str) -> DbResult<Option<UserRow>> {
    db.client()
        .query("SELECT * FROM ONLY $id")
        .bind(("id", id(key)))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// The account with key `key` and how many of its notifications are unread, read in one query
/// (what every signed-in request needs). `None` when there is no such account.
pub async fn find_with_unread(db: &Database, key: &str) -> DbResult<Option<(UserRow, i64)>> {
    db.kept_read(crate::read_cache::Read::AccountWithUnread, key, async {
        let mut response = db
            .read_only()
            .query(
                "SELECT * FROM ONLY $id;
                 RETURN count(SELECT id FROM notification WHERE user = $id AND read_at = NONE);",
            )
            .bind(("id", id(key)))
            .await
            .map_err(DbError::from_surreal)?;
        let row: Option<UserRow> = response.take(0).map_err(DbError::from_surreal)?;
        let unread: Option<i64> = response.take(1).map_err(DbError::from_surreal)?;
        Ok(row.map(|r| (r, unread.unwrap_or(0))))
    })
    .await
}

/// Finds an account by (normalised) email.
pub async fn find_by_email(db: &Database, email: &str) -> DbResult<Option<UserRow>> {
    db.client()
        .query("SELECT * FROM ONLY user WHERE email = $email LIMIT 1")
        .bind(("email", email.to_owned()))
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// Every account, by name.
pub async fn list(db: &Database) -> DbResult<Vec<UserRow>> {
    db.client()
        .query("SELECT * FROM user ORDER BY name COLLATE")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)
}

/// How many accounts exist.
pub async fn count(db: &Database) -> DbResult<i64> {
    let n: Option<i64> = db
        .client()
        .query("RETURN count(SELECT id FROM user)")
        .await
        .and_then(|mut r| r.take(0))
        .map_err(DbError::from_surreal)?;
    Ok(n.unwrap_or(0))
}

/// Enables or disables an account. Disabling bumps the session version, which ends every session.
pub async fn set_disabled(db: &Database, key: &str, disabled: bool) -> DbResult<Option<UserRow>> {
    db.write(
        "UPDATE ONLY $id SET disabled = $disabled,
                session_version += (IF $disabled THEN 1 ELSE 0 END)",
        &[("id", crate::val(id(key))), ("disabled", crate::val(disabled))],
    )
    .await
}

/// Sets a new password hash and ends every existing session of the account.
pub async fn set_password(db: &Database, key: &str, password_hash: String) -> DbResult<()> {
    db.execute(
        "UPDATE ONLY $id SET password_hash = $hash, session_version += 1",
        &[("id", crate::val(id(key))), ("hash", crate::val(password_hash))],
    )
    .await?;
    Ok(())
}

/// Stores the user's language choice.
pub async fn set_lang(db: &Database, key: &str, lang: Lang) -> DbResult<()> {
    db.execute(
        "UPDATE ONLY $id SET lang = $lang",
        &[("id", crate::val(id(key))), ("lang", crate::val(lang.code()))],
    )
    .await?;
    Ok(())
}

/// Records a successful sign-in.
pub async fn touch_sign_in(db: &Database, key: &str) -> DbResult<()> {
    db.execute(
        "UPDATE ONLY $id SET last_sign_in_at = time::now()",
        &[("id", crate::val(id(key)))],
    )
    .await?;
    Ok(())
}
