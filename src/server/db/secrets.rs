//! Secrets generated on first run and kept in the database, so that every app
//! server behind a load balancer shares them and none is ever in git.

use crate::server::db::Pool;
use anyhow::{ensure, Context};
use rand::RngCore;

/// Returns the secret called `name`, generating `len` random bytes the first time.
///
/// Safe when several servers start at once: the first insert wins and all read it back.
pub async fn get_or_create(
    pool: &Pool,
    name: &str,
    len: usize,
    now: i64,
) -> anyhow::Result<Vec<u8>> {
    let mut fresh = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    sqlx::query(
        "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(&fresh)
    .bind(now)
    .execute(pool)
    .await
    .with_context(|| format!("Failed to store the secret {name:?}"))?;
    let value =
        sqlx::query_scalar::<_, Vec<u8>>("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await
            .with_context(|| format!("Failed to read the secret {name:?}"))?;
    ensure!(
        value.len() == len,
        "The stored secret {name:?} has the wrong length"
    );
    Ok(value)
}
