//! The database: connection pool, migrations, and one module of queries per aggregate.
//!
//! One binary speaks to SQLite (the embedded default) and to PostgreSQL, chosen by the
//! URL at start-up through sqlx's `Any` driver: every query is written once, in the SQL
//! both share (`$1` placeholders, `BIGINT` Unix-second timestamps, text, bytes), and
//! the few that differ branch on [`Dialect`] where they stand (full text, id lists,
//! row locks). Rows carry only what `Any` carries: integers, floats, text and bytes, so
//! a flag is read as an integer (`docs/databases.md` says why this shape).

pub mod audit;
pub mod changes;
pub mod organizations;
pub mod profiles;
pub mod search;
pub mod secrets;
pub mod serving;
pub mod sessions;
pub mod sql;
pub mod throttle;
pub mod tokens;
pub mod users;

use anyhow::{bail, Context};
use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection, Executor as _};
use std::str::FromStr;
use std::time::Duration;

/// A pool on either backend.
pub type Pool = sqlx::AnyPool;

/// A transaction on either backend.
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// What runs a query: a pool, a connection or a transaction, on either backend.
pub trait Executor<'c>: sqlx::Executor<'c, Database = sqlx::Any> {}
impl<'c, T: sqlx::Executor<'c, Database = sqlx::Any>> Executor<'c> for T {}

/// A yes or no read from either backend: SQLite answers `EXISTS (…)` and comparisons
/// with an integer, PostgreSQL with a boolean, and `Any` decodes `bool` from the second
/// only. Read flags as `Flag` (`#[sqlx(try_from = "Flag")]` on a `bool` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> Self {
        flag.0
    }
}

impl sqlx::Type<sqlx::Any> for Flag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <bool as sqlx::Type<sqlx::Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <bool as sqlx::Type<sqlx::Any>>::compatible(ty)
            || <i64 as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Any> for Flag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <bool as sqlx::Decode<sqlx::Any>>::decode(value.clone()) {
            Ok(flag) => Ok(Self(flag)),
            Err(_) => Ok(Self(<i64 as sqlx::Decode<sqlx::Any>>::decode(value)? != 0)),
        }
    }
}

/// Which SQL dialect a pool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The embedded default: one file, one writer at a time.
    Sqlite,
    /// PostgreSQL 15 or later, for several app servers.
    Postgres,
}

impl Dialect {
    /// The dialect of a database URL, if it is one Passerelle speaks.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    /// The dialect `pool` was opened on.
    pub fn of(pool: &Pool) -> Self {
        match pool.connect_options().database_url.scheme() {
            "sqlite" => Self::Sqlite,
            _ => Self::Postgres,
        }
    }

    /// The dialect of one open connection (or transaction).
    pub fn of_connection(connection: &sqlx::AnyConnection) -> Self {
        match connection.backend_name() {
            "SQLite" => Self::Sqlite,
            _ => Self::Postgres,
        }
    }
}

/// Migrations for each backend, embedded in the binary: the same schema in two dialects.
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How many connections a pool keeps at most (`PASSERELLE_DB_CONNECTIONS` overrides it).
fn pool_size(dialect: Dialect) -> u32 {
    let default = match dialect {
        Dialect::Sqlite => 8,
        Dialect::Postgres => 16,
    };
    std::env::var("PASSERELLE_DB_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// Opens a pool on the database at `url`: SQLite (creating the file if needed) or
/// PostgreSQL.
///
/// SQLite runs in WAL so readers run beside the writer; `synchronous=NORMAL` loses
/// nothing committed when the app crashes; foreign keys are enforced.
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    sqlx::any::install_default_drivers();
    let Some(dialect) = Dialect::of_url(url) else {
        bail!("DATABASE_URL must be a sqlite: or postgres:// URL (got {url:?})");
    };
    let options = AnyPoolOptions::new()
        .max_connections(pool_size(dialect))
        .acquire_timeout(Duration::from_secs(10));
    let pool = match dialect {
        Dialect::Sqlite => {
            // WAL is a property of the file: set it once, with the file's creation.
            let mut first = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("Failed to parse the database URL {url:?}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .connect()
                .await
                .with_context(|| format!("Failed to open the database at {url:?}"))?;
            first.ping().await.context("Failed to open the database")?;
            first.close().await.context("Failed to open the database")?;
            options
                .after_connect(|connection, _| {
                    Box::pin(async move {
                        // secure_delete: what is deleted (an erased account) is overwritten
                        // in the file, not left in free pages for a copy of it to reveal.
                        connection
                            .execute(
                                "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;
                                 PRAGMA secure_delete = ON;",
                            )
                            .await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await
        }
        Dialect::Postgres => options.connect(url).await,
    };
    pool.with_context(|| format!("Failed to open the database at {}", redacted(url)))
}

/// A database URL without its password, for messages and logs.
pub fn redacted(url: &str) -> String {
    match sqlx::any::AnyConnectOptions::from_str(url) {
        Ok(options) if options.database_url.password().is_some() => {
            let mut parsed = options.database_url;
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The migrations this binary knows for SQLite, by version (a backup made by a newer
/// Passerelle has others).
pub fn sqlite_migration_versions() -> Vec<i64> {
    SQLITE_MIGRATIONS.iter().map(|m| m.version).collect()
}

/// Applies every migration not yet applied, from the backend's own folder.
///
/// On SQLite they run on a connection of their own with foreign keys off, as SQLite's
/// documentation asks for a table rebuilt to change a constraint: with them on,
/// dropping the old table would delete every row that points at it (a need's lists) or
/// forget the pointer (an introduction's need). Every foreign key is checked once they
/// have run, and a violation stops the start.
pub async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    match Dialect::of(pool) {
        Dialect::Postgres => POSTGRES_MIGRATIONS
            .run(pool)
            .await
            .context("Failed to apply database migrations"),
        Dialect::Sqlite => {
            // Detached: a connection with foreign keys off never goes back to the pool.
            let mut connection = pool
                .acquire()
                .await
                .context("Failed to open a connection for migrations")?
                .detach();
            connection
                .execute("PRAGMA foreign_keys = OFF")
                .await
                .context("Failed to turn foreign keys off for migrations")?;
            SQLITE_MIGRATIONS
                .run(&mut connection)
                .await
                .context("Failed to apply database migrations")?;
            let broken: Vec<(String, i64)> = sqlx::query_as(
                "SELECT \"table\", COALESCE(rowid, 0) FROM pragma_foreign_key_check",
            )
            .fetch_all(&mut connection)
            .await
            .context("Failed to check foreign keys after migrations")?;
            connection.close().await.ok();
            if let Some((table, row)) = broken.first() {
                bail!(
                    "After the migrations, {} rows point at nothing (the first: row {row} of {table})",
                    broken.len()
                );
            }
            Ok(())
        }
    }
}

/// Begins a transaction that writes. On SQLite it takes the one write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes second fails
/// at once (`SQLITE_BUSY`, no waiting) when another writer committed in between, which
/// two members saving their profiles at the same moment did (found by the crash test);
/// taken first, the lock is waited for (`busy_timeout`). PostgreSQL needs nothing.
pub async fn begin_write(pool: &Pool) -> Result<Tx<'static>, sqlx::Error> {
    match Dialect::of(pool) {
        Dialect::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Dialect::Postgres => pool.begin().await,
    }
}

/// Begins a transaction that holds the row `id` of `table` until it ends, so that a
/// check and the write it allows cannot interleave with another transaction's (the last
/// owner leaving, the day's last introduction): PostgreSQL locks the row
/// (`FOR UPDATE`); SQLite takes its one write lock at once (`BEGIN IMMEDIATE`), so a
/// second writer waits instead of failing on what it read before the first one wrote.
pub async fn begin_locked(
    pool: &Pool,
    table: &'static str,
    id: i64,
) -> anyhow::Result<Tx<'static>> {
    match Dialect::of(pool) {
        Dialect::Sqlite => pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .context("Failed to begin a transaction"),
        Dialect::Postgres => {
            let mut tx = pool
                .begin()
                .await
                .context("Failed to begin a transaction")?;
            sqlx::query(&format!("SELECT 1 FROM {table} WHERE id = $1 FOR UPDATE"))
                .bind(id)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("Failed to lock a row of {table}"))?;
            Ok(tx)
        }
    }
}

/// Every table whose id the database numbers (an identity in PostgreSQL).
pub const NUMBERED: &[&str] = &[
    "users",
    "audit_log",
    "account_tokens",
    "organizations",
    "freshness_links",
    "verification_requests",
    "spotlights",
    "needs",
    "introductions",
    "intro_stage_moves",
    "meetings",
    "events",
    "outbox",
];

/// After rows were written with ids of their own (a bulk seed, a copied community),
/// moves PostgreSQL's id sequences past the largest id, so the next row numbered by the
/// database does not collide. SQLite numbers from the largest id already.
pub async fn advance_ids(tx: &mut Tx<'_>) -> anyhow::Result<()> {
    if Dialect::of_connection(tx) == Dialect::Sqlite {
        return Ok(());
    }
    for table in NUMBERED {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                           (SELECT COALESCE(MAX(id), 0) FROM {table}) + 1, false)"
        ))
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to move the ids of {table} on"))?;
    }
    Ok(())
}

/// Seconds since the Unix epoch, UTC: how every timestamp is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
