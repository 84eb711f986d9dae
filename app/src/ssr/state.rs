//! The state every request can reach: built once in `server`, provided to server functions as
//! context.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use db::Database;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::config::LeptosOptions;

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// A session unused for this long ends.
    pub inactivity: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute: Duration,
    /// Whether the session cookie is `Secure` (HTTPS only).
    pub secure_cookie: bool,
}

/// Sign-in attempt limits, per email and per client address, and the limit of public look-ups
/// (certificate verification) per client address.
#[derive(Clone)]
pub struct LoginLimiter {
    by_email: Arc<DefaultKeyedRateLimiter<String>>,
    by_ip: Arc<DefaultKeyedRateLimiter<String>>,
    lookups: Arc<DefaultKeyedRateLimiter<String>>,
}

/// Public look-ups one client address may make a minute (certificate verification pages).
pub const LOOKUPS_PER_MINUTE: u32 = 30;

impl LoginLimiter {
    /// `per_email` attempts a minute for one email; four times that for one address.
    pub fn new(per_email: u32) -> LoginLimiter {
        let email_quota = NonZeroU32::new(per_email.max(1)).unwrap_or(NonZeroU32::MIN);
        let ip_quota = NonZeroU32::new(per_email.max(1).saturating_mul(4)).unwrap_or(NonZeroU32::MIN);
        LoginLimiter {
            by_email: Arc::new(RateLimiter::keyed(Quota::per_minute(email_quota))),
            by_ip: Arc::new(RateLimiter::keyed(Quota::per_minute(ip_quota))),
            lookups: Arc::new(RateLimiter::keyed(Quota::per_minute(
                NonZeroU32::new(LOOKUPS_PER_MINUTE).unwrap_or(NonZeroU32::MIN),
            ))),
        }
    }

    /// Counts one public look-up from `ip`; `false` past [`LOOKUPS_PER_MINUTE`] a minute.
    pub fn check_lookup(&self, ip: &str) -> bool {
        self.lookups.check_key(&ip.to_owned()).is_ok()
    }

    /// Counts one attempt; `false` when either limit is exhausted.
    pub fn check(&self, email: &str, ip: &str) -> bool {
        let ip_ok = self.by_ip.check_key(&ip.to_owned()).is_ok();
        let email_ok = self.by_email.check_key(&email.to_owned()).is_ok();
        ip_ok && email_ok
    }

    /// Drops stale keys so the maps do not grow without bound.
    pub fn forget_idle(&self) {
        self.by_email.retain_recent();
        self.by_ip.retain_recent();
        self.lookups.retain_recent();
    }
}

/// Everything a handler or server function needs. Cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Leptos site settings.
    pub leptos_options: LeptosOptions,
    /// The database.
    pub db: Database,
    /// Public base URL, e.g. `https://mentoring.example.com` (links in emails and invitations).
    pub base_url: String,
    /// Session lifetimes.
    pub sessions: SessionPolicy,
    /// Sign-in rate limits.
    pub login_limiter: LoginLimiter,
    /// The names of the built files pages link to, read once at start-up from the build's hash
    /// file (see [`crate::assets`]).
    pub assets: Arc<crate::assets::AssetNames>,
}
