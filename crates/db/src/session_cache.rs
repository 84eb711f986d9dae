//! Sessions kept in memory beside SurrealDB, so that a signed-in request does not read its
//! session from the database every time.
//!
//! Every signed-in page used to start with a session read: with the embedded engine each query
//! costs a fixed part of a millisecond of CPU however small (measured with `perf` on the release
//! build: `RETURN 1` alone took `/healthz` from the static-file rate down to about 4,300 requests
//! a second on 2 cores), so the read was a large share of a page. Sessions change only through
//! the store (sign-in, sign-out, the data the session carries), and with an embedded engine this
//! process is the only one using the database, so a copy kept here, written and deleted through
//! [`tower_sessions::CachingSessionStore`] together with the database's, is never stale. With a
//! remote server other processes may sign people out, so there the cache is off and every
//! request reads the database.

use std::sync::Arc;

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Result, SessionStore};

/// Most sessions kept in memory: the least recently used beyond it are read from the database
/// again when next used. About 300 bytes each, so at most a few megabytes.
pub const CAPACITY: usize = 10_000;

/// The in-memory side of the session store: a bounded map from session id to record, or nothing
/// at all ([`SessionCache::off`]), in which case every load falls through to the database.
#[derive(Debug, Clone)]
pub struct SessionCache {
    sessions: Option<Arc<quick_cache::sync::Cache<Id, Record>>>,
}

impl SessionCache {
    /// A cache of at most `capacity` sessions.
    pub fn with_capacity(capacity: usize) -> SessionCache {
        SessionCache {
            sessions: Some(Arc::new(quick_cache::sync::Cache::new(capacity.max(1)))),
        }
    }

    /// No cache: for a database other processes write to as well.
    pub fn off() -> SessionCache {
        SessionCache { sessions: None }
    }

    /// How many sessions are held in memory now.
    pub fn len(&self) -> usize {
        self.sessions.as_ref().map_or(0, |s| s.len())
    }

    /// Whether no session is held in memory.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[async_trait]
impl SessionStore for SessionCache {
    async fn create(&self, record: &mut Record) -> Result<()> {
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        if let Some(sessions) = &self.sessions {
            sessions.insert(record.id, record.clone());
        }
        Ok(())
    }

    /// The session, unless it has expired (then it is forgotten, and the database's copy, which
    /// has expired too, is not read).
    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let Some(sessions) = &self.sessions else {
            return Ok(None);
        };
        match sessions.get(session_id) {
            Some(record) if record.expiry_date > tower_sessions::cookie::time::OffsetDateTime::now_utc() => {
                Ok(Some(record))
            }
            Some(_) => {
                sessions.remove(session_id);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        if let Some(sessions) = &self.sessions {
            sessions.remove(session_id);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn record(id: i128, minutes: i64) -> Record {
        Record {
            id: Id(id),
            data: HashMap::new(),
            expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
                + tower_sessions::cookie::time::Duration::minutes(minutes),
        }
    }

    #[tokio::test]
    async fn a_saved_session_is_loaded_until_it_expires_or_is_deleted() {
        let cache = SessionCache::with_capacity(10);
        let live = record(1, 30);
        cache.save(&live).await.unwrap_or_default();
        assert_eq!(cache.load(&Id(1)).await.ok().flatten().map(|r| r.id), Some(Id(1)));
        cache.delete(&Id(1)).await.unwrap_or_default();
        assert!(cache.load(&Id(1)).await.ok().flatten().is_none());

        cache.save(&record(2, -1)).await.unwrap_or_default();
        assert!(cache.load(&Id(2)).await.ok().flatten().is_none(), "expired");
        assert!(cache.is_empty(), "an expired session is forgotten");
    }

    #[tokio::test]
    async fn off_holds_nothing() {
        let cache = SessionCache::off();
        cache.save(&record(1, 30)).await.unwrap_or_default();
        assert!(cache.load(&Id(1)).await.ok().flatten().is_none());
        assert_eq!(cache.len(), 0);
    }

    #[tokio::test]
    async fn the_least_recently_used_give_way_beyond_the_capacity() {
        let cache = SessionCache::with_capacity(2);
        for id in 0..50 {
            cache.save(&record(id, 30)).await.unwrap_or_default();
        }
        assert!(cache.len() <= 2, "held {}", cache.len());
    }
}
