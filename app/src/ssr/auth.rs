//! Sign-in with email and password (argon2id) on top of axum-login and tower-sessions.

use db::Database;
use db::users::{self, UserRow};
use domain::{Lang, Role};

use crate::model::CurrentUser;

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
    fn from_row(row: UserRow) -> SessionUser {
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
        }
    }

    /// What the browser may know about the user.
    pub fn to_current(&self) -> CurrentUser {
        CurrentUser {
            key: self.key.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role,
            lang: self.lang,
            unread: 0,
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
    /// The hashing task failed.
    #[error("password check failed: {0}")]
    Task(#[from] tokio::task::JoinError),
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

/// A hash checked when the email is unknown, so the answer takes as long as for a real account
/// and does not reveal which emails exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password_auth::generate_hash("not a real password"));

impl axum_login::AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AuthError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, AuthError> {
        let row = users::find_by_email(&self.db, &creds.email).await?;
        let hash = row
            .as_ref()
            .and_then(|r| r.password_hash.clone())
            .unwrap_or_else(|| DUMMY_HASH.clone());
        let password = creds.password;
        let matches =
            tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
                .await?;
        Ok(row
            .filter(|r| matches && !r.disabled && r.password_hash.is_some())
            .map(SessionUser::from_row))
    }

    async fn get_user(&self, key: &String) -> Result<Option<SessionUser>, AuthError> {
        Ok(users::find(&self.db, key)
            .await?
            .filter(|r| !r.disabled)
            .map(SessionUser::from_row))
    }
}

/// Hashes a new password with argon2id off the async runtime.
pub async fn hash_password(password: String) -> Result<String, tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await
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
