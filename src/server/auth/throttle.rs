//! Limits on failed log-ins, per account and per client, on registrations per client and
//! on emailed links, kept in the database so that every app server behind a load
//! balancer shares them. Mastodon's figures (25 sign-ups, log-ins or reset links per
//! address in 5 minutes) are the floor: each limit here is tighter.

use crate::server::db;
use crate::server::db::Pool;

/// How long failures are remembered, in seconds.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failed log-ins allowed for one account within the window.
pub const PER_ACCOUNT: i64 = 5;
/// Failed log-ins (or reset links) allowed for one client within the window.
pub const PER_CLIENT: i64 = 20;
/// Registrations one client may attempt within the window, whatever their outcome: a
/// family or an office registers a few accounts from one address, a script hundreds.
pub const REGISTRATIONS_PER_CLIENT: i64 = 10;

/// One counter: a namespaced key and how many failures it may reach.
pub struct Limit {
    key: String,
    max: i64,
}

impl Limit {
    /// The limit on failed log-ins for one account (known or not: the email as typed).
    pub fn account(email: &str) -> Self {
        Self {
            key: format!("account:{}", email.trim().to_lowercase()),
            max: PER_ACCOUNT,
        }
    }

    /// A limit of `max` attempts per window on one action of one account or address
    /// (links asked for by email, say): every attempt counts, not only failures.
    pub fn per_account(action: &str, who: &str, max: i64) -> Self {
        Self {
            key: format!("{action}:{}", who.trim().to_lowercase()),
            max,
        }
    }

    /// The limit on failures from one client address.
    pub fn client(action: &str, client: &str) -> Self {
        Self {
            key: format!("client:{action}:{client}"),
            max: PER_CLIENT,
        }
    }

    /// The limit on registrations from one client address: every attempt counts.
    pub fn registrations(client: &str) -> Self {
        Self {
            key: format!("client:register:{client}"),
            max: REGISTRATIONS_PER_CLIENT,
        }
    }

    /// True when the limit is reached and attempts must wait.
    pub async fn is_reached(&self, pool: &Pool, now: i64) -> anyhow::Result<bool> {
        let failures = db::throttle::failures_since(pool, &self.key, now - WINDOW_SECS).await?;
        Ok(failures >= self.max)
    }

    /// Counts one attempt (a failure, for the limits on failures).
    pub async fn count(&self, pool: &Pool, now: i64) -> anyhow::Result<()> {
        db::throttle::record_failure(pool, &self.key, now, now - WINDOW_SECS).await
    }

    /// Forgets past failures.
    pub async fn reset(&self, pool: &Pool) -> anyhow::Result<()> {
        db::throttle::clear(pool, &self.key).await
    }
}
