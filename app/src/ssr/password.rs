//! Password hashing and checking (argon2id), bounded.
//!
//! One argon2id run holds a 19 MiB memory block for tens of milliseconds. Run unbounded, a burst
//! of sign-ins takes that much memory per request at once (gigabytes for a few hundred), and the
//! allocator may keep it afterwards. So every hash and every check in the process goes through
//! one [`PasswordHasher`]: at most one run per core at a time, on tokio's blocking threads, with
//! a short queue behind them. When the queue is full the request is refused at once with
//! [`PasswordError::Busy`], which server functions answer as 503 "busy, try again in a few
//! seconds" with `Retry-After`, rather than letting requests (and their wait) pile up.
//!
//! The hasher is process-wide, not part of [`crate::ssr::AppState`]: what it shares out — cores
//! and memory — belongs to the process, and several states in one process (tests) must share it
//! too.

use std::sync::{Arc, LazyLock};

use tokio::sync::{OnceCell, Semaphore};

use crate::error::{AppError, ErrorKind};

/// How many requests may wait per running password check before more are refused. With an
/// argon2id run taking about 30–60 ms on a server core, the last one waits under half a second;
/// in a longer burst the others are told at once to try again in a few seconds.
pub const WAITING_PER_WORKER: usize = 8;

/// Seconds a client refused with [`PasswordError::Busy`] is asked to wait (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u32 = 2;

/// Why a password could not be hashed or checked.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// As many password checks as allowed are running and waiting; nothing was done. Answer
    /// 503 with `Retry-After` ([`RETRY_AFTER_SECONDS`]).
    #[error("too many password checks at once; try again in a few seconds")]
    Busy,
    /// The blocking task panicked or the runtime is shutting down.
    #[error("the password task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<PasswordError> for AppError {
    /// A full queue is 503 "busy" with `Retry-After`; a failed task is an internal error.
    fn from(e: PasswordError) -> AppError {
        match e {
            PasswordError::Busy => {
                tracing::warn!("password check refused: the hasher's queue is full");
                if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                    res.insert_header(
                        http::header::RETRY_AFTER,
                        http::HeaderValue::from(RETRY_AFTER_SECONDS),
                    );
                }
                super::fail(ErrorKind::ServerBusy)
            }
            PasswordError::Task(e) => super::internal(e),
        }
    }
}

/// Runs argon2id hashes and checks on blocking threads: at most `workers` at once, at most
/// `waiting` more queued (in arrival order) behind them, any further one refused at once.
///
/// A run that has started keeps its place until it ends, even when the request that asked for
/// it is dropped (a client that gives up does not let one more run start).
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    /// Permits to run: one per worker.
    running: Arc<Semaphore>,
    /// Permits to be running or waiting: workers plus the queue.
    admitted: Arc<Semaphore>,
    workers: usize,
    waiting: usize,
}

impl PasswordHasher {
    /// A hasher running at most `workers` (at least 1) argon2id runs at once, with `waiting`
    /// more queued.
    pub fn new(workers: usize, waiting: usize) -> PasswordHasher {
        let workers = workers.max(1);
        PasswordHasher {
            running: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(Semaphore::new(workers.saturating_add(waiting))),
            workers,
            waiting,
        }
    }

    /// The process's hasher: one worker per core (`std::thread::available_parallelism`, at least
    /// 1) and [`WAITING_PER_WORKER`] queued per worker.
    pub fn shared() -> &'static PasswordHasher {
        static SHARED: LazyLock<PasswordHasher> = LazyLock::new(|| {
            let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
            PasswordHasher::new(workers, workers.saturating_mul(WAITING_PER_WORKER))
        });
        &SHARED
    }

    /// How many runs may go at once.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// How many requests may wait behind the running ones.
    pub fn waiting(&self) -> usize {
        self.waiting
    }

    /// Hashes a new password: a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    ///
    /// Errors: [`PasswordError::Busy`] when the queue is full.
    pub async fn hash(&self, password: String) -> Result<String, PasswordError> {
        self.run(move || password_auth::generate_hash(password)).await
    }

    /// Whether `password` matches the PHC string `hash`; `false` also for a hash that cannot be
    /// read.
    ///
    /// Errors: [`PasswordError::Busy`] when the queue is full.
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, PasswordError> {
        self.run(move || password_auth::verify_password(password, &hash).is_ok())
            .await
    }

    async fn run<T, F>(&self, work: F) -> Result<T, PasswordError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let admitted = Arc::clone(&self.admitted)
            .try_acquire_owned()
            .map_err(|_| PasswordError::Busy)?;
        // The semaphores are never closed, so acquiring only waits.
        let running = Arc::clone(&self.running)
            .acquire_owned()
            .await
            .map_err(|_| PasswordError::Busy)?;
        let out = tokio::task::spawn_blocking(move || {
            let out = work();
            drop((running, admitted));
            out
        })
        .await?;
        Ok(out)
    }
}

/// Hashes a new password with the process's hasher ([`PasswordHasher::shared`]).
///
/// Errors: [`PasswordError::Busy`] when too many password checks are queued.
pub async fn hash_password(password: String) -> Result<String, PasswordError> {
    PasswordHasher::shared().hash(password).await
}

/// Checks a password against a stored PHC string with the process's hasher.
///
/// Errors: [`PasswordError::Busy`] when too many password checks are queued.
pub async fn verify_password(password: String, hash: String) -> Result<bool, PasswordError> {
    PasswordHasher::shared().verify(password, hash).await
}

/// A hash of a password no one has, checked when the email is unknown so that the answer takes as
/// long as for a real account and does not reveal which emails exist. Made once, by the hasher.
pub async fn dummy_hash() -> Result<&'static str, PasswordError> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password("not a real password".to_owned()))
        .await
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_hash_checks_its_own_password_only() {
        let hasher = PasswordHasher::new(1, 1);
        let hash = hasher.hash("correct horse".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(
            hasher
                .verify("correct horse".into(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(!hasher.verify("wrong horse".into(), hash).await.expect("verify"));
        assert!(
            !hasher
                .verify("x".into(), "not a hash".into())
                .await
                .expect("verify")
        );
    }

    /// With one worker and one place in the queue, a third request at the same moment is refused
    /// at once, and at no moment do two runs overlap.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn runs_are_bounded_and_the_queue_refuses_when_full() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let hasher = PasswordHasher::new(1, 1);
        let now = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let slow = |now: Arc<AtomicUsize>, most: Arc<AtomicUsize>| {
            move || {
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(n, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(150));
                now.fetch_sub(1, Ordering::SeqCst);
            }
        };
        let first = tokio::spawn({
            let h = hasher.clone();
            let work = slow(now.clone(), most.clone());
            async move { h.run(work).await }
        });
        tokio::time::sleep(Duration::from_millis(30)).await;
        let second = tokio::spawn({
            let h = hasher.clone();
            let work = slow(now.clone(), most.clone());
            async move { h.run(work).await }
        });
        tokio::time::sleep(Duration::from_millis(30)).await;
        let third = hasher.run(slow(now.clone(), most.clone())).await;
        assert!(matches!(third, Err(PasswordError::Busy)), "{third:?}");
        assert!(first.await.expect("task").is_ok());
        assert!(second.await.expect("task").is_ok());
        assert_eq!(most.load(Ordering::SeqCst), 1, "two runs overlapped");
        // The queue has room again.
        assert!(hasher.run(|| ()).await.is_ok());
    }

    /// A request that gives up while its run is going does not free the place for another run.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_dropped_request_keeps_its_run_counted_until_it_ends() {
        let hasher = PasswordHasher::new(1, 0);
        let started = Arc::new(tokio::sync::Notify::new());
        let task = tokio::spawn({
            let (h, started) = (hasher.clone(), started.clone());
            async move {
                h.run(move || {
                    started.notify_one();
                    std::thread::sleep(Duration::from_millis(200));
                })
                .await
            }
        });
        started.notified().await;
        task.abort();
        assert!(matches!(hasher.run(|| ()).await, Err(PasswordError::Busy)));
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(hasher.run(|| ()).await.is_ok());
    }

    #[test]
    fn the_shared_hasher_has_a_worker_per_core_and_a_queue() {
        let h = PasswordHasher::shared();
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        assert_eq!(h.workers(), cores);
        assert_eq!(h.waiting(), cores * WAITING_PER_WORKER);
    }
}
