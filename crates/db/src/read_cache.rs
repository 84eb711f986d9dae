//! Answers of the reads every signed-in page makes, kept in memory until the next write.
//!
//! With the embedded engine every query costs a fixed part of a millisecond of CPU however
//! small (SurrealQL is parsed and planned each time), and every signed-in request reads the
//! account (with its unread notifications), most participant pages the person's pairs too.
//! Those answers change only when something is written, and with an embedded engine this
//! process is the only writer, so they are kept here between writes.
//!
//! The rule that keeps them right is coarse on purpose: *every* write drops *every* answer.
//! A write is anything run through [`crate::Database::write`] / [`crate::Database::execute`] or
//! through the raw client ([`crate::Database::client`]), which may run any statement. Each holds
//! a [`WriteGuard`] while it runs:
//!
//! * while any guard is held, reads bypass the answers (neither use nor keep them), so a read
//!   made after a write in the same scope sees it;
//! * when a guard is dropped the epoch moves on before the guard count goes down, so an answer
//!   loaded before or during the write, kept under the old epoch, is never used again.
//!
//! The session store writes sessions through its own handle; no answer kept here reads them.
//! With a remote server other processes write too, so there the cache is off.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::DbResult;

/// Most answers kept: the least recently used beyond it are read from the database again.
/// An answer is one account's row or pair list, a few hundred bytes, so at most a few MB.
pub const CAPACITY: usize = 20_000;

/// Which read an answer belongs to (with the account key, the cache key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Read {
    /// [`crate::users::find_with_unread`].
    AccountWithUnread,
    /// [`crate::pairs::for_account`].
    AccountPairs,
}

type Answer = Arc<dyn Any + Send + Sync>;

struct Inner {
    /// Moves on after every write.
    epoch: AtomicU64,
    /// Writes running now.
    writing: AtomicUsize,
    answers: quick_cache::sync::Cache<(Read, String), (u64, Answer)>,
}

/// The answers, or nothing at all ([`ReadCache::off`]). Clones share them.
#[derive(Clone)]
pub struct ReadCache {
    inner: Option<Arc<Inner>>,
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache")
            .field("on", &self.inner.is_some())
            .field("answers", &self.len())
            .finish()
    }
}

impl ReadCache {
    /// A cache of at most `capacity` answers.
    pub fn with_capacity(capacity: usize) -> ReadCache {
        ReadCache {
            inner: Some(Arc::new(Inner {
                epoch: AtomicU64::new(0),
                writing: AtomicUsize::new(0),
                answers: quick_cache::sync::Cache::new(capacity.max(1)),
            })),
        }
    }

    /// No cache: for a database other processes write to as well.
    pub fn off() -> ReadCache {
        ReadCache { inner: None }
    }

    /// How many answers are kept now (current or not).
    pub fn len(&self) -> usize {
        self.inner.as_ref().map_or(0, |i| i.answers.len())
    }

    /// Whether no answer is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept answer of `read` for `key` if no write happened since it was loaded; otherwise
    /// runs `load`, keeps its answer (when no write ran meanwhile) and returns it. Errors of
    /// `load` are returned as they are and never kept.
    pub(crate) async fn get_or_load<T, F>(&self, read: Read, key: &str, load: F) -> DbResult<T>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = DbResult<T>>,
    {
        let Some(inner) = &self.inner else {
            return load.await;
        };
        if inner.writing.load(Ordering::SeqCst) > 0 {
            return load.await;
        }
        let epoch = inner.epoch.load(Ordering::SeqCst);
        let cache_key = (read, key.to_owned());
        if let Some((kept_at, answer)) = inner.answers.get(&cache_key)
            && kept_at == epoch
            && let Some(value) = answer.downcast_ref::<T>()
        {
            return Ok(value.clone());
        }
        let value = load.await?;
        if inner.writing.load(Ordering::SeqCst) == 0 && inner.epoch.load(Ordering::SeqCst) == epoch {
            inner.answers.insert(cache_key, (epoch, Arc::new(value.clone())));
        }
        Ok(value)
    }

    /// Marks a write as running until the guard is dropped (see the module's rule).
    pub(crate) fn write_guard(&self) -> WriteGuard {
        if let Some(inner) = &self.inner {
            inner.writing.fetch_add(1, Ordering::SeqCst);
        }
        WriteGuard {
            inner: self.inner.clone(),
        }
    }
}

/// Held while a write runs; dropping it makes every kept answer stale.
pub struct WriteGuard {
    inner: Option<Arc<Inner>>,
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        if let Some(inner) = &self.inner {
            // The epoch first: between the two, reads still bypass the answers.
            inner.epoch.fetch_add(1, Ordering::SeqCst);
            inner.writing.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    /// Loads `value`, counting the loads.
    async fn read(cache: &ReadCache, loads: &AtomicU32, key: &str, value: u32) -> u32 {
        cache
            .get_or_load(Read::AccountPairs, key, async {
                loads.fetch_add(1, Ordering::SeqCst);
                Ok(value)
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn an_answer_is_kept_until_a_write_ends() {
        let cache = ReadCache::with_capacity(10);
        let loads = AtomicU32::new(0);
        assert_eq!(read(&cache, &loads, "a", 1).await, 1);
        assert_eq!(read(&cache, &loads, "a", 2).await, 1, "kept");
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        drop(cache.write_guard());
        assert_eq!(read(&cache, &loads, "a", 3).await, 3, "a write made it stale");
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn reads_during_a_write_bypass_the_answers() {
        let cache = ReadCache::with_capacity(10);
        let loads = AtomicU32::new(0);
        read(&cache, &loads, "a", 1).await;
        let guard = cache.write_guard();
        assert_eq!(read(&cache, &loads, "a", 2).await, 2, "not the kept answer");
        assert_eq!(read(&cache, &loads, "a", 3).await, 3, "nor one kept meanwhile");
        drop(guard);
        assert_eq!(read(&cache, &loads, "a", 4).await, 4);
        assert_eq!(read(&cache, &loads, "a", 5).await, 4);
        assert_eq!(loads.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn an_answer_loaded_while_a_write_ran_is_not_used() {
        let cache = ReadCache::with_capacity(10);
        let loads = AtomicU32::new(0);
        // The write starts and ends while the read's query runs.
        let value = cache
            .get_or_load(Read::AccountPairs, "a", async {
                loads.fetch_add(1, Ordering::SeqCst);
                drop(cache.write_guard());
                Ok(1u32)
            })
            .await
            .unwrap();
        assert_eq!(value, 1);
        assert_eq!(read(&cache, &loads, "a", 2).await, 2);
    }

    #[tokio::test]
    async fn keys_and_reads_are_apart_and_errors_are_not_kept() {
        let cache = ReadCache::with_capacity(10);
        let loads = AtomicU32::new(0);
        read(&cache, &loads, "a", 1).await;
        assert_eq!(read(&cache, &loads, "b", 2).await, 2);
        let other: u32 = cache
            .get_or_load(Read::AccountWithUnread, "a", async { Ok(7u32) })
            .await
            .unwrap();
        assert_eq!(other, 7);
        let failed: DbResult<u32> = cache
            .get_or_load(Read::AccountWithUnread, "c", async {
                Err(crate::DbError::Config("down".into()))
            })
            .await;
        assert!(failed.is_err());
        let then: u32 = cache
            .get_or_load(Read::AccountWithUnread, "c", async { Ok(8u32) })
            .await
            .unwrap();
        assert_eq!(then, 8);
    }

    #[tokio::test]
    async fn off_always_loads() {
        let cache = ReadCache::off();
        let loads = AtomicU32::new(0);
        read(&cache, &loads, "a", 1).await;
        assert_eq!(read(&cache, &loads, "a", 2).await, 2);
        assert!(cache.is_empty());
    }
}
