//! Counters of failed attempts, per key, over a fixed window.

use crate::server::db::Executor;
use anyhow::Context;

/// How many failures `key` has had since `since` (0 when its window is older).
pub async fn failures_since(db: impl Executor<'_>, key: &str, since: i64) -> anyhow::Result<i64> {
    let failures = sqlx::query_scalar::<_, i64>(
        "SELECT failures FROM auth_throttle WHERE key = $1 AND window_start > $2",
    )
    .bind(key)
    .bind(since)
    .fetch_optional(db)
    .await
    .context("Failed to read a throttle counter")?;
    Ok(failures.unwrap_or(0))
}

/// Counts one more failure for `key`, starting a new window when the old one ended.
pub async fn record_failure(
    db: impl Executor<'_>,
    key: &str,
    now: i64,
    window_ended_before: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO auth_throttle (key, failures, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN auth_throttle.window_start <= $3 THEN 1 \
                           ELSE auth_throttle.failures + 1 END, \
           window_start = CASE WHEN auth_throttle.window_start <= $3 THEN $2 \
                               ELSE auth_throttle.window_start END",
    )
    .bind(key)
    .bind(now)
    .bind(window_ended_before)
    .execute(db)
    .await
    .context("Failed to count a failed attempt")?;
    Ok(())
}

/// Forgets the failures of `key` (after a success).
pub async fn clear(db: impl Executor<'_>, key: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM auth_throttle WHERE key = $1")
        .bind(key)
        .execute(db)
        .await
        .context("Failed to clear a throttle counter")?;
    Ok(())
}
