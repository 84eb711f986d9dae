//! Inversa's persistence on SurrealDB 3: connection, migrations, row types and repositories.
//!
//! Server-only. Every query binds its values; SurrealQL text never contains user input.

// Named SurrealQL clauses for what many queries repeat. Each expands to a string literal, so a
// query splices it with `concat!` at compile time (nothing from a request is ever spliced); the
// tests below hold each one to the domain's definition.

/// `['published', 'active']`: the pair statuses in which the two people can write in their
/// workspace ([`domain::PairStatus::WRITABLE`]). Use as `status IN ` + this.
macro_rules! writable_pair_statuses {
    () => {
        "['published', 'active']"
    };
}

/// `['published', 'active', 'paused']`: the pairs that exist for their people and are not over
/// ([`domain::PairStatus::CURRENT`]). Use as `status IN ` + this.
macro_rules! current_pair_statuses {
    () => {
        "['published', 'active', 'paused']"
    };
}

/// The signed-in person's employee records (`$me`) and their active enrolments (`$reach`: program,
/// employee, as_mentor, as_mentee). Expects `$account`. Used with [`employee_for!`] by what
/// reaches a participant through an enrolment on a side (training modules, workshops).
macro_rules! reach {
    () => {
        "LET $me = (SELECT VALUE id FROM employee WHERE account = $account);
    LET $reach = (SELECT out AS program, in AS employee, as_mentor, as_mentee FROM enrolled
        WHERE in IN $me AND status = 'active');"
    };
}

/// The employee through whom a thing of a program meant for an audience reaches the person, or
/// NONE: `$var` names a row with `program` and `audience` (`mentors`, `mentees` or `both`, as
/// `domain::training::is_for` reads them). Joined after `reach!()`, e.g. `employee_for!("$m")`.
macro_rules! employee_for {
    ($var:literal) => {
        concat!(
            "(SELECT VALUE employee FROM $reach WHERE program = ",
            $var,
            ".program AND (
        (as_mentor AND ",
            $var,
            ".audience IN ['mentors', 'both']) OR (as_mentee AND ",
            $var,
            ".audience IN ['mentees', 'both'])))[0]"
        )
    };
}

/// `$side` (the active enrolment of `$employee` in `$program`: as_mentor, as_mentee, or NONE) and
/// `$required` (the ids of the program's required modules for that side, as
/// `domain::training::is_for` reads audiences). Used by badges and certificates.
macro_rules! required_for_side {
    () => {
        "LET $side = (SELECT as_mentor, as_mentee FROM enrolled
                 WHERE in = $employee AND out = $program AND status = 'active')[0];
             LET $required = IF $side = NONE { [] } ELSE {
                 (SELECT VALUE id FROM training_module WHERE program = $program AND required = true
                     AND ((audience IN ['mentors', 'both'] AND $side.as_mentor)
                         OR (audience IN ['mentees', 'both'] AND $side.as_mentee)))
             };
             "
    };
}

/// Tells one person a notice (see [`domain::Notice`]): a notification if they have an account,
/// and an email, both carrying the notice's facts (`kind`, `params`) for the application to put
/// into words in the person's language. Expects `$recipient` = `(SELECT email, account,
/// account.lang AS lang FROM ONLY <employee>)`, `$kind`, `$params` (an object), `$link` (a path such as
/// `/pair`) and `$base` (the site's URL).
macro_rules! tell_person {
    () => {
        "IF $recipient.account != NONE {
             CREATE notification SET user = $recipient.account, kind = $kind, params = $params,
                 link = $link;
         };
         CREATE outbox_email SET to = $recipient.email, kind = $kind, params = $params,
             lang = $recipient.lang ?? 'es', url = $base + $link;"
    };
}

pub mod accounts_link;
pub mod audit;
pub mod badges;
pub mod certificates;
pub mod checkins;
pub mod dashboard;
pub mod demo;
pub mod employees;
pub mod enrolment;
pub mod feedback;
pub mod goals;
pub mod invitations;
pub mod keys;
pub mod kudos;
pub mod levels;
pub mod meetings;
pub mod migrations;
pub mod notifications;
pub mod outbox;
pub mod pairs;
pub mod program_invitations;
pub mod programs;
pub mod read_cache;
pub mod reminders;
pub mod risk;
pub mod session_cache;
pub mod submissions;
pub mod training;
pub mod users;
pub mod workshops;

use std::fmt;
use std::sync::Arc;

use surrealdb::Surreal;
use surrealdb::engine::any::Any;
use surrealdb::types::RecordIdKey;

pub use keys::{
    AccountKey, EmployeeKey, FeedbackRequestKey, GoalKey, MeetingKey, MilestoneKey, PairKey, ProgramKey,
    SubmissionKey, TopicKey, TrainingModuleKey, WorkshopKey,
};
pub use surrealdb::types::RecordId;
pub use tower_sessions_surrealdb_store::SurrealSessionStore;

/// Name of the table that holds server-side sessions.
pub const SESSION_TABLE: &str = "session";

/// Errors of the persistence layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique index refused the write (e.g. an email that is already taken).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The settings cannot be used (bad URL, sync mode off…).
    #[error("configuration: {0}")]
    Config(String),
    /// A write lost to concurrent writes on every attempt (see [`retrying`]).
    #[error("the data changed meanwhile; the write lost to concurrent writes on every attempt")]
    Busy,
    /// Stored data the code cannot read: a value outside what the schema allows (e.g. an
    /// unknown pair status). Never a user's fault.
    #[error("unreadable stored data: {0}")]
    Unreadable(String),
    /// Anything else SurrealDB reported.
    #[error(transparent)]
    Surreal(#[from] surrealdb::Error),
}

/// Reads a stored pair status (`pair.status`). Errors: [`DbError::Unreadable`] for any name
/// [`domain::PairStatus::parse`] does not know, instead of guessing one.
pub fn pair_status(value: &str) -> DbResult<domain::PairStatus> {
    stored("pair status", value, domain::PairStatus::parse)
}

/// Reads a stored name (a status, a direction) into its domain type with `parse`, e.g.
/// `stored("goal status", &row.status, GoalStatus::parse)`. Errors: [`DbError::Unreadable`]
/// naming `what` and the value when `parse` does not know it: stored data the code cannot read
/// is reported, never replaced by a default.
pub fn stored<T>(what: &str, value: &str, parse: impl FnOnce(&str) -> Option<T>) -> DbResult<T> {
    parse(value).ok_or_else(|| DbError::Unreadable(format!("unknown {what} `{value}`")))
}

impl DbError {
    /// Classifies a SurrealDB error, recognising unique-index violations.
    fn from_surreal(err: surrealdb::Error) -> DbError {
        if err.is_already_exists() || err.message().contains("already contains") {
            DbError::Conflict(err.message().to_owned())
        } else {
            DbError::Surreal(err)
        }
    }
}

impl DbError {
    /// Whether the write failed only because a concurrent transaction touched the same data, so
    /// running it again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            DbError::Surreal(e) => {
                let m = e.message().to_lowercase();
                m.contains("conflict")
                    || m.contains("can be retried")
                    || m.contains("resource busy")
                    || m.contains("transaction failed")
            }
            _ => false,
        }
    }

    /// Whether the write lost to concurrent writes every time it was tried: the caller should
    /// be told that the data changed meanwhile (HTTP 409), not that the server failed.
    pub fn is_busy(&self) -> bool {
        matches!(self, DbError::Busy)
    }
}

/// Result of every repository function.
pub type DbResult<T> = Result<T, DbError>;

/// How many times a write is tried before [`DbError::Busy`] is returned.
pub const WRITE_ATTEMPTS: u32 = 10;

/// How many times a write refused by a unique index is tried before the conflict is returned.
pub const UNIQUE_ATTEMPTS: u32 = 3;

/// Runs a write again, after a short random wait (0–2^attempt × 4 ms, at most 250 ms; about 1 s
/// in all), when a concurrent transaction made the engine refuse it or a unique key it checked
/// was taken meanwhile, up to [`WRITE_ATTEMPTS`] times ([`UNIQUE_ATTEMPTS`] for a taken key). The write must re-check what it relies
/// on, so the run that follows the winner sees the winner's writes and answers accordingly (the
/// same result for an idempotent repeat, a "changed" answer where the state moved on).
///
/// Errors: the last unique-index [`DbError::Conflict`] when the key stayed taken, [`DbError::Busy`]
/// when the engine refused every attempt for a concurrent write, any other error at once.
pub(crate) async fn retrying<T, F, Fut>(mut run: F) -> DbResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = DbResult<T>>,
{
    let mut attempt = 0_u32;
    loop {
        attempt += 1;
        match run().await {
            Err(e) if e.is_retryable() || matches!(e, DbError::Conflict(_)) => {
                // A unique key taken by a concurrent write is settled after one more look; a key
                // that stays taken is the caller's conflict to report.
                let key_taken = matches!(e, DbError::Conflict(_));
                if attempt
                    >= if key_taken {
                        UNIQUE_ATTEMPTS
                    } else {
                        WRITE_ATTEMPTS
                    }
                {
                    return Err(if key_taken { e } else { DbError::Busy });
                }
                let ceiling = (4_u64 << attempt.min(6)).min(250);
                let random =
                    u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap_or([0; 8]));
                tokio::time::sleep(std::time::Duration::from_millis(random % (ceiling + 1))).await;
            }
            other => return other,
        }
    }
}

/// Values bound to a [`Database::write`], by parameter name: kept apart from the query so that
/// the write can be sent again when a concurrent transaction made the engine refuse it. Every
/// repository write goes through [`Database::write`], the one place where conflicts are retried.
pub(crate) type Binds = Vec<(&'static str, surrealdb::types::Value)>;

/// A value ready to bind to a [`Database::write`].
pub(crate) fn val(v: impl surrealdb::types::SurrealValue) -> surrealdb::types::Value {
    v.into_value()
}

/// Where the database lives and how to reach it.
#[derive(Clone)]
pub struct DbSettings {
    /// `surrealkv://PATH`, `mem://`, `ws://HOST:PORT` or `wss://HOST:PORT`.
    pub url: String,
    /// SurrealDB namespace.
    pub namespace: String,
    /// SurrealDB database.
    pub database: String,
    /// Root user for a remote server (ignored by embedded engines).
    pub username: Option<String>,
    /// Root password for a remote server.
    pub password: Option<String>,
}

impl fmt::Debug for DbSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbSettings")
            .field("url", &self.url)
            .field("namespace", &self.namespace)
            .field("database", &self.database)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

impl DbSettings {
    /// In-memory settings for tests.
    pub fn memory() -> DbSettings {
        DbSettings {
            url: "mem://".into(),
            namespace: "inversa".into(),
            database: "main".into(),
            username: None,
            password: None,
        }
    }

    /// The engine of the URL, checked: embedded engines and the WebSocket protocol only.
    ///
    /// For SurrealKV the URL gets `sync=every` (fsync on every commit, so an acknowledged write
    /// survives a crash); any other sync mode is refused.
    pub fn connection_url(&self) -> DbResult<String> {
        let (scheme, rest) = self
            .url
            .split_once("://")
            .ok_or_else(|| DbError::Config(format!("database URL `{}` has no scheme", self.url)))?;
        match scheme {
            "mem" | "ws" | "wss" => Ok(self.url.clone()),
            "surrealkv" => {
                let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
                if path.is_empty() {
                    return Err(DbError::Config(
                        "surrealkv:// needs a path, e.g. surrealkv://data".into(),
                    ));
                }
                let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
                if let Some(sync) = params.iter().find_map(|p| p.strip_prefix("sync=")) {
                    if sync != "every" {
                        return Err(DbError::Config(format!(
                            "surrealkv sync mode `{sync}` would lose acknowledged writes on a crash; use sync=every"
                        )));
                    }
                } else {
                    params.push("sync=every");
                }
                Ok(format!("surrealkv://{path}?{}", params.join("&")))
            }
            other => Err(DbError::Config(format!(
                "unsupported database scheme `{other}` (use surrealkv://, mem://, ws:// or wss://)"
            ))),
        }
    }

    /// Whether this is a remote server rather than an embedded engine.
    pub fn is_remote(&self) -> bool {
        self.url.starts_with("ws://") || self.url.starts_with("wss://")
    }
}

/// The application's handle to SurrealDB. Cheap to clone (an `Arc`); one per process.
#[derive(Clone, Debug)]
pub struct Database {
    /// Shared, never cloned: cloning a `Surreal` handle opens a new session on the engine (a
    /// round trip through its session task and three concurrent maps), which cost more than
    /// the queries of a small page when every request cloned the state a few dozen times.
    db: Arc<Surreal<Any>>,
    /// Sessions kept in memory too (embedded engines only; see [`session_cache`]).
    sessions: session_cache::SessionCache,
    /// Answers of hot reads kept until the next write (embedded engines only; see
    /// [`read_cache`]).
    reads: read_cache::ReadCache,
}

/// Raw access to SurrealDB, from [`Database::client`]: a `&Surreal<Any>` (it derefs to one)
/// that counts as a write while it is held, since it may run any statement. While it is held,
/// reads kept in memory are bypassed; once it is dropped they are dropped (see [`read_cache`]).
/// A temporary `db.client().query(…).await` holds it to the end of its statement.
pub struct Client<'a> {
    db: &'a Surreal<Any>,
    _write: read_cache::WriteGuard,
}

impl std::ops::Deref for Client<'_> {
    type Target = Surreal<Any>;

    fn deref(&self) -> &Surreal<Any> {
        self.db
    }
}

/// The session store the server uses: SurrealDB, behind the in-memory [`session_cache`].
pub type SessionStore =
    tower_sessions::CachingSessionStore<session_cache::SessionCache, SurrealSessionStore<Any>>;

impl Database {
    /// Connects, selects namespace and database (defining them on a fresh remote server) and
    /// applies pending migrations.
    pub async fn open(settings: &DbSettings) -> DbResult<Database> {
        let url = settings.connection_url()?;
        let db = surrealdb::engine::any::connect(url)
            .await
            .map_err(DbError::from_surreal)?;
        if settings.is_remote() {
            let (Some(username), Some(password)) = (&settings.username, &settings.password) else {
                return Err(DbError::Config(
                    "a remote database needs a user and a password".into(),
                ));
            };
            db.signin(surrealdb::opt::auth::Root {
                username: username.clone(),
                password: password.clone(),
            })
            .await
            .map_err(DbError::from_surreal)?;
        }
        db.query("DEFINE NAMESPACE IF NOT EXISTS type::string($ns)")
            .bind(("ns", settings.namespace.clone()))
            .await
            .and_then(|r| r.check())
            .map_err(DbError::from_surreal)?;
        db.use_ns(settings.namespace.clone())
            .await
            .map_err(DbError::from_surreal)?;
        db.query("DEFINE DATABASE IF NOT EXISTS type::string($db)")
            .bind(("db", settings.database.clone()))
            .await
            .and_then(|r| r.check())
            .map_err(DbError::from_surreal)?;
        db.use_db(settings.database.clone())
            .await
            .map_err(DbError::from_surreal)?;
        let (sessions, reads) = if settings.is_remote() {
            (session_cache::SessionCache::off(), read_cache::ReadCache::off())
        } else {
            (
                session_cache::SessionCache::with_capacity(session_cache::CAPACITY),
                read_cache::ReadCache::with_capacity(read_cache::CAPACITY),
            )
        };
        let database = Database {
            db: Arc::new(db),
            sessions,
            reads,
        };
        migrations::apply(&database).await?;
        Ok(database)
    }

    /// The raw SurrealDB client, for repositories and tests. It counts as a write (see
    /// [`Client`]); reads whose answers are kept in memory use [`Database::kept_read`].
    pub fn client(&self) -> Client<'_> {
        Client {
            db: &self.db,
            _write: self.reads.write_guard(),
        }
    }

    /// The raw client without the write guard, for the read-only queries of
    /// [`Database::kept_read`]: a statement that writes must go through [`Database::client`] or
    /// [`Database::write`], or kept answers would go stale.
    pub(crate) fn read_only(&self) -> &Surreal<Any> {
        &self.db
    }

    /// Answers what `load` (a read-only query, made with [`Database::read_only`]) answered
    /// before if nothing was written since, or runs it (see [`read_cache`]). `key` tells apart
    /// the answers of one `read`, e.g. an account key.
    pub(crate) async fn kept_read<T, F>(&self, read: read_cache::Read, key: &str, load: F) -> DbResult<T>
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = DbResult<T>>,
    {
        self.reads.get_or_load(read, key, load).await
    }

    /// The tower-sessions store: sessions in this database, the ones in use also in memory
    /// when the engine is embedded (every clone of this handle shares them).
    pub fn session_store(&self) -> SessionStore {
        tower_sessions::CachingSessionStore::new(
            self.sessions.clone(),
            SurrealSessionStore::new(Surreal::clone(&self.db), SESSION_TABLE.to_owned()),
        )
    }

    /// Runs a write and returns the value of its last statement, retrying it (see [`retrying`])
    /// when it loses a conflict with a concurrent write.
    ///
    /// `text` is either one or more statements, the value being the last one's, or a
    /// transaction `BEGIN TRANSACTION; …; RETURN $x; COMMIT TRANSACTION;`, the value being the
    /// `RETURN`'s. A failed transaction reports its cause (not the "not executed" echoes).
    pub(crate) async fn write<T>(
        &self,
        text: &str,
        binds: &[(&'static str, surrealdb::types::Value)],
    ) -> DbResult<T>
    where
        T: surrealdb::types::SurrealValue,
        usize: surrealdb::opt::QueryResult<T>,
    {
        let transaction = text
            .trim_end()
            .trim_end_matches(';')
            .trim_end()
            .to_ascii_uppercase()
            .ends_with("COMMIT TRANSACTION");
        let _write = self.reads.write_guard();
        retrying(|| async {
            let mut query = self.db.query(text);
            for (name, value) in binds {
                query = query.bind((*name, value.clone()));
            }
            statement_value(query.await, if transaction { 2 } else { 1 })
        })
        .await
    }

    /// Runs a write whose value is not needed, retrying it like [`Database::write`].
    pub(crate) async fn execute(
        &self,
        text: &str,
        binds: &[(&'static str, surrealdb::types::Value)],
    ) -> DbResult<()> {
        self.write::<surrealdb::types::Value>(text, binds)
            .await
            .map(|_| ())
    }

    /// Checks that the database answers (for `/healthz`).
    pub async fn ping(&self) -> DbResult<()> {
        self.db
            .query("RETURN 1")
            .await
            .and_then(|r| r.check())
            .map_err(DbError::from_surreal)?;
        Ok(())
    }
}

/// The result of a `BEGIN TRANSACTION; …; RETURN $x; COMMIT TRANSACTION;` query: the value of the
/// `RETURN` (the statement before `COMMIT`), or the error that made the transaction fail.
///
/// A failed transaction reports its cause on one statement and echoes it on the others ("not
/// executed", "Cannot COMMIT"); the cause is the error returned.
pub(crate) fn transaction_return<T>(response: surrealdb::Result<surrealdb::IndexedResults>) -> DbResult<T>
where
    T: surrealdb::types::SurrealValue,
    usize: surrealdb::opt::QueryResult<T>,
{
    statement_value(response, 2)
}

/// The value of the statement `from_end` places from the end of a response (1 = the last), or
/// the error that made the query fail (see [`transaction_return`]).
fn statement_value<T>(response: surrealdb::Result<surrealdb::IndexedResults>, from_end: usize) -> DbResult<T>
where
    T: surrealdb::types::SurrealValue,
    usize: surrealdb::opt::QueryResult<T>,
{
    let mut r = response.map_err(DbError::from_surreal)?;
    let mut errors: Vec<(usize, surrealdb::Error)> = r.take_errors().into_iter().collect();
    if !errors.is_empty() {
        // Statements rolled back or skipped, and the refused COMMIT, only echo the failure;
        // unless the COMMIT itself failed on a conflict with a concurrent transaction, which is
        // then the cause (and can be retried).
        let echo = |e: &surrealdb::Error| {
            let m = e.message();
            m.contains("not executed") || (m.starts_with("Cannot COMMIT") && !m.contains("can be retried"))
        };
        errors.sort_by_key(|(i, e)| (echo(e), *i));
        return Err(DbError::from_surreal(errors.swap_remove(0).1));
    }
    let n = r.num_statements();
    r.take(n.saturating_sub(from_end)).map_err(DbError::from_surreal)
}

/// The key of a record id as text (`user:abc` → `abc`), the form that crosses to the browser.
pub fn key_of(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        RecordIdKey::Uuid(u) => u.to_string(),
        other => format!("{other:?}"),
    }
}

/// A record id as `table:key` text, for comparing ids from different queries.
pub fn id_text(id: &RecordId) -> String {
    format!("{:?}:{}", id.table, key_of(id))
}

/// A fresh random record key (UUID v4, simple form).
pub fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn named_status_clauses_list_the_domain_statuses() {
        let list = |statuses: &[domain::PairStatus]| {
            let names: Vec<String> = statuses.iter().map(|s| format!("'{s}'")).collect();
            format!("[{}]", names.join(", "))
        };
        assert_eq!(writable_pair_statuses!(), list(&domain::PairStatus::WRITABLE));
        assert_eq!(current_pair_statuses!(), list(&domain::PairStatus::CURRENT));
    }

    use super::*;

    fn with_url(url: &str) -> DbSettings {
        DbSettings {
            url: url.into(),
            ..DbSettings::memory()
        }
    }

    #[test]
    fn surrealkv_gets_sync_every() {
        assert_eq!(
            with_url("surrealkv://data/inversa").connection_url().unwrap(),
            "surrealkv://data/inversa?sync=every"
        );
        assert_eq!(
            with_url("surrealkv://d?sync=every").connection_url().unwrap(),
            "surrealkv://d?sync=every"
        );
    }

    #[test]
    fn unsafe_or_unknown_urls_are_refused() {
        assert!(matches!(
            with_url("surrealkv://d?sync=5s").connection_url(),
            Err(DbError::Config(_))
        ));
        assert!(matches!(
            with_url("rocksdb://d").connection_url(),
            Err(DbError::Config(_))
        ));
        assert!(matches!(
            with_url("data").connection_url(),
            Err(DbError::Config(_))
        ));
        assert!(matches!(
            with_url("surrealkv://").connection_url(),
            Err(DbError::Config(_))
        ));
    }
}
