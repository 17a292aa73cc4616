//! The database: connection pool, migrations, and one module of queries per aggregate.
//!
//! SQL here sticks to what SQLite and PostgreSQL share (`$1` placeholders, plain
//! types, UTC Unix-second timestamps) so a PostgreSQL backend can sit beside it.

pub mod audit;
pub mod changes;
pub mod organizations;
pub mod profiles;
pub mod secrets;
pub mod throttle;
pub mod users;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// Migrations for the SQLite backend, embedded in the binary.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Opens a pool on a SQLite database, creating the file if needed.
///
/// WAL lets readers run beside the writer; `synchronous=NORMAL` loses nothing
/// committed when the app crashes; foreign keys are enforced.
pub async fn connect(url: &str) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("Failed to parse the database URL {url:?}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("Failed to open the database at {url:?}"))
}

/// Applies every migration not yet applied.
pub async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("Failed to apply database migrations")
}

/// Seconds since the Unix epoch, UTC: how every timestamp is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
