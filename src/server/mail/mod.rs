//! Outgoing email. Every message is written to the `outbox` table in the same transaction
//! as what caused it; a worker sends what is due through the configured transport (SMTP,
//! or the log when none is set) and retries failures with a growing delay. A message
//! leaves the outbox only by being sent.

pub mod messages;
pub mod transport;

use crate::server::db::{Executor, Pool};
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

/// How long a worker owns a message it is sending.
const CLAIM_SECONDS: i64 = 120;

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most an hour.
pub fn retry_delay(attempts: i64) -> i64 {
    let doubling = u32::try_from(attempts.clamp(0, 7)).unwrap_or(7);
    (30 * 2_i64.pow(doubling)).min(3600)
}

/// Sends every message that is due; returns how many went.
pub async fn deliver_due(pool: &Pool, transport: &Transport, now: i64) -> anyhow::Result<usize> {
    let due: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, to_address, subject, body, attempts FROM outbox
         WHERE sent_at IS NULL AND next_attempt_at <= $1
           AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY next_attempt_at, id LIMIT 20",
    )
    .bind(now)
    .fetch_all(pool)
    .await
    .context("Failed to read the outbox")?;
    let mut sent = 0;
    for (id, to, subject, body, attempts) in due {
        let claimed = sqlx::query(
            "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND sent_at IS NULL
               AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(now + CLAIM_SECONDS)
        .bind(id)
        .bind(now)
        .execute(pool)
        .await
        .context("Failed to claim a message")?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        let mail = Mail { to, subject, body };
        match transport.send(&mail).await {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, claimed_until = NULL, last_error = NULL WHERE id = $2")
                    .bind(now)
                    .bind(id)
                    .execute(pool)
                    .await
                    .context("Failed to mark a message sent")?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(message = id, attempts = attempts + 1, error = ?error, "sending an email failed; it will be retried");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
                         claimed_until = NULL WHERE id = $3",
                )
                .bind(format!("{error:#}"))
                .bind(now + retry_delay(attempts))
                .bind(id)
                .execute(pool)
                .await
                .context("Failed to schedule a retry")?;
            }
        }
    }
    Ok(sent)
}

/// Sends due messages whenever woken, and at least every 15 seconds, for ever.
pub async fn run_worker(pool: Pool, transport: Arc<Transport>, wake: Arc<Notify>) {
    loop {
        if let Err(error) = deliver_due(&pool, &transport, crate::server::db::now()).await {
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
