//! Outgoing email. Every message is written to the `outbox` table in the same transaction
//! as what caused it; a worker sends what is due through the configured transport (SMTP,
//! or the log when none is set) and retries failures with a growing delay. A message
//! leaves the outbox only by being sent.

pub mod messages;
pub mod transport;

use crate::server::db::{Dialect, Executor, Pool};
use anyhow::Context;

use std::sync::Arc;
use tokio::sync::Notify;
pub use transport::Transport;

/// One email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Adds a message to the outbox (call it inside the caller's transaction).
pub async fn enqueue(db: impl Executor<'_>, mail: &Mail, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(now)
    .execute(db)
    .await
    .context("Failed to add a message to the outbox")?;
    Ok(())
}

/// How long a worker owns a message it claimed: well over the SMTP timeout (20 s).
const CLAIM_SECONDS: i64 = 120;

/// At most this many messages per round, so a round ends and the worker sleeps.
const ROUND: usize = 20;

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most an hour.
pub fn retry_delay(attempts: i64) -> i64 {
    let doubling = u32::try_from(attempts.clamp(0, 7)).unwrap_or(7);
    (30 * 2_i64.pow(doubling)).min(3600)
}

/// One claimed message: its id, the claim's token, the mail and its earlier attempts.
type Claimed = (i64, String, String, String, String, i64);

/// Claims the next due message: a lease until now + `CLAIM_SECONDS`,
/// under a token of its own. Each claim reads the clock afresh (a slow send earlier in the
/// round must not leave later leases already expired), and on PostgreSQL skips rows
/// another worker is claiming at this instant (`FOR UPDATE SKIP LOCKED`); SQLite has one
/// writer, so the statement alone is atomic.
async fn claim_next(pool: &Pool) -> anyhow::Result<Option<Claimed>> {
    use rand::distributions::{Alphanumeric, DistString};
    let token = Alphanumeric.sample_string(&mut rand::rngs::OsRng, 24);
    let now = crate::server::db::now();
    let lock = match Dialect::of(pool) {
        Dialect::Sqlite => "",
        Dialect::Postgres => " FOR UPDATE SKIP LOCKED",
    };
    sqlx::query_as(&format!(
        "UPDATE outbox SET claimed_until = $1, claim_token = $2
         WHERE id = (SELECT id FROM outbox
                      WHERE sent_at IS NULL AND next_attempt_at <= $3
                        AND (claimed_until IS NULL OR claimed_until < $3)
                      ORDER BY next_attempt_at, id LIMIT 1{lock})
         RETURNING id, claim_token, to_address, subject, body, attempts"
    ))
    .bind(now + CLAIM_SECONDS)
    .bind(token)
    .bind(now)
    .fetch_optional(pool)
    .await
    .context("Failed to claim a message")
}

/// Sends every message that is due, up to a round's worth; returns how many went.
pub async fn deliver_due(pool: &Pool, transport: &Transport) -> anyhow::Result<usize> {
    let mut sent = 0;
    for _ in 0..ROUND {
        let Some((id, token, to, subject, body, attempts)) = claim_next(pool).await? else {
            break;
        };
        let mail = Mail { to, subject, body };
        let outcome = transport.send(&mail).await;
        let now = crate::server::db::now();
        // Only the holder of the claim records the outcome.
        let recorded = match &outcome {
            Ok(()) => sqlx::query(
                "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, claimed_until = NULL,
                     claim_token = NULL, last_error = NULL
                 WHERE id = $2 AND claim_token = $3",
            )
            .bind(now)
            .bind(id)
            .bind(&token)
            .execute(pool)
            .await
            .context("Failed to mark a message sent")?,
            Err(error) => {
                tracing::warn!(message = id, attempts = attempts + 1, error = ?error, "sending an email failed; it will be retried");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
                         claimed_until = NULL, claim_token = NULL
                     WHERE id = $3 AND claim_token = $4",
                )
                .bind(format!("{error:#}"))
                .bind(now + retry_delay(attempts))
                .bind(id)
                .bind(&token)
                .execute(pool)
                .await
                .context("Failed to schedule a retry")?
            }
        };
        if recorded.rows_affected() == 0 {
            tracing::error!(
                message = id,
                "an email's claim expired while it was being sent; another worker may send it again"
            );
        }
        if outcome.is_ok() {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Sends due messages whenever woken, and at least every 15 seconds, for ever.
pub async fn run_worker(pool: Pool, transport: Arc<Transport>, wake: Arc<Notify>) {
    loop {
        if let Err(error) = deliver_due(&pool, &transport).await {
            tracing::error!(error = ?error, "the outbox worker failed a round");
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(std::time::Duration::from_secs(15)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::retry_delay;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(retry_delay(0), 30);
        assert_eq!(retry_delay(1), 60);
        assert_eq!(retry_delay(6), 1920);
        assert_eq!(retry_delay(7), 3600);
        assert_eq!(retry_delay(50), 3600);
    }
}
