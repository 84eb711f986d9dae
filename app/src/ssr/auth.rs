//! Sign-in with email and password on top of axum-login and tower-sessions; passwords are
//! hashed and checked by the bounded hasher in [`super::password`].

use db::Database;
use db::users::{self, UserRow};
use domain::{Lang, Role};

use crate::accounts::model::CurrentUser;

pub use super::password::hash_password;

/// The signed-in user as stored in the request.
#[derive(Clone)]
pub struct SessionUser {
    /// Account key.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Account role.
    pub role: Role,
    /// Preferred language.
    pub lang: Option<Lang>,
    /// Changes whenever the password or the session version changes, which ends old sessions.
    auth_hash: Vec<u8>,
    /// Unread notifications when the request began (read with the account, in one query).
    pub unread: i64,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("key", &self.key)
            .field("role", &self.role)
            .finish()
    }
}

impl SessionUser {
    fn from_row(row: UserRow, unread: i64) -> SessionUser {
        let auth_hash = format!(
            "{}:{}",
            row.session_version,
            row.password_hash.as_deref().unwrap_or("")
        )
        .into_bytes();
        SessionUser {
            key: row.key(),
            role: row.role(),
            lang: row.lang(),
            name: row.name,
            email: row.email,
            auth_hash,
            unread,
        }
    }

    /// The account key, typed for the repository functions that take it beside another key.
    pub fn account_key(&self) -> db::AccountKey {
        db::AccountKey::new(self.key.as_str())
    }

    /// What the browser may know about the user.
    pub fn to_current(&self) -> CurrentUser {
        CurrentUser {
            key: self.key.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role,
            lang: self.lang,
            unread: self.unread,
        }
    }
}

impl axum_login::AuthUser for SessionUser {
    type Id = String;

    fn id(&self) -> String {
        self.key.clone()
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// Email and password as typed.
#[derive(Clone)]
pub struct Credentials {
    /// Normalised email.
    pub email: String,
    /// Password as typed.
    pub password: String,
}

/// Errors of the sign-in backend.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Database failure.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// The password could not be checked (the hasher is busy, or its task failed).
    #[error(transparent)]
    Password(#[from] super::password::PasswordError),
}

/// Looks accounts up in SurrealDB and checks passwords.
#[derive(Clone, Debug)]
pub struct Backend {
    db: Database,
}

impl Backend {
    /// A backend over the given database.
    pub fn new(db: Database) -> Backend {
        Backend { db }
    }
}

/// The session extractor for this backend.
pub type AuthSession = axum_login::AuthSession<Backend>;

impl axum_login::AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, AuthError> {
        let row = users::find_by_email(&self.db, &creds.email).await?;
        // An unknown email is checked against a hash no one has, so the answer takes as long as
        // for a real account and does not reveal which emails exist.
        let hash = match row.as_ref().and_then(|r| r.password_hash.clone()) {
            Some(hash) => hash,
            None => super::password::dummy_hash().await?.to_owned(),
        };
        let matches = super::password::verify_password(creds.password, hash).await?;
        Ok(row
            .filter(|r| matches && !r.disabled && r.password_hash.is_some())
            .map(|r| SessionUser::from_row(r, 0)))
    }

    /// Run on every signed-in request: the account and its unread notifications in one query.
    async fn get_user(&self, key: &String) -> Result<Option<SessionUser>, AuthError> {
        Ok(users::find_with_unread(&self.db, key)
            .await?
            .filter(|(r, _)| !r.disabled)
            .map(|(r, unread)| SessionUser::from_row(r, unread)))
    }
}

/// Session key holding the unix time of sign-in, for the absolute session timeout.
pub const SIGNED_IN_AT: &str = "signed_in_at";

/// SHA-256 of an invitation token, hex: what the database stores instead of the token.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random token for a link: 32 bytes, URL-safe.
pub fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
