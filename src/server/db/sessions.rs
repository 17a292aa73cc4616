//! Where sessions are kept: in the database the app runs on, so that any app server
//! in front of it can continue a session another one started.
//!
//! tower-sessions keeps a session's data encoded in one column, so the store also notes
//! in `session_accounts` which account each signed-in session belongs to: erasing an
//! account deletes its sessions on every device at once ([`end_all`]), not when they
//! expire.

use super::{Dialect, Pool};
use anyhow::Context;
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session key under which the signed-in account is kept (`auth::session`).
pub const SIGNED_IN: &str = "signed_in";

/// tower-sessions' own SQL store for the backend in use, and a note of each signed-in
/// session's account.
#[derive(Debug, Clone)]
pub struct Store {
    backend: Backend,
    pool: Pool,
}

#[derive(Debug, Clone)]
enum Backend {
    /// A table in the SQLite file.
    Sqlite(SqliteStore),
    /// `tower_sessions.session`, created by our migrations so that two servers
    /// starting together do not race to create it.
    Postgres(PostgresStore),
}

impl Store {
    /// Opens the store beside `pool`, on the same database (the stores need a pool of
    /// their backend's own type). SQLite's table is created here if missing.
    pub async fn open(pool: &Pool, url: &str) -> anyhow::Result<Self> {
        const CONNECTIONS: u32 = 4;
        let pool_of_app = pool;
        match Dialect::of(pool) {
            Dialect::Sqlite => {
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(CONNECTIONS)
                    .connect(url)
                    .await
                    .context("Failed to open the session store")?;
                let store = SqliteStore::new(pool);
                store
                    .migrate()
                    .await
                    .context("Failed to create the session table")?;
                Ok(Self {
                    backend: Backend::Sqlite(store),
                    pool: pool_of_app.clone(),
                })
            }
            Dialect::Postgres => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(CONNECTIONS)
                    .connect(url)
                    .await
                    .context("Failed to open the session store")?;
                Ok(Self {
                    backend: Backend::Postgres(PostgresStore::new(pool)),
                    pool: pool_of_app.clone(),
                })
            }
        }
    }
}

impl Store {
    /// Notes which account a session saved with a signed-in account belongs to. A
    /// session stops being signed in only by being deleted (sign-out flushes it).
    async fn note_account(&self, record: &Record) -> session_store::Result<()> {
        let Some(user_id) = record
            .data
            .get(SIGNED_IN)
            .and_then(|signed_in| signed_in.get("user_id"))
            .and_then(serde_json::Value::as_i64)
        else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO session_accounts (session_id, user_id) VALUES ($1, $2)
             ON CONFLICT (session_id) DO UPDATE SET user_id = excluded.user_id",
        )
        .bind(record.id.to_string())
        .bind(user_id)
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(backend_error)
    }
}

fn backend_error(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

/// Deletes every session of `user_id`, wherever it was opened, inside `tx`.
pub async fn end_all(tx: &mut super::Tx<'_>, user_id: i64) -> anyhow::Result<()> {
    let table = match Dialect::of_connection(tx) {
        Dialect::Sqlite => "tower_sessions",
        Dialect::Postgres => "tower_sessions.session",
    };
    sqlx::query(&format!(
        "DELETE FROM {table}
         WHERE id IN (SELECT session_id FROM session_accounts WHERE user_id = $1)"
    ))
    .bind(user_id)
    .execute(&mut **tx)
    .await
    .context("Failed to delete an account's sessions")?;
    sqlx::query("DELETE FROM session_accounts WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .context("Failed to delete an account's sessions")?;
    Ok(())
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.backend {
            Backend::Sqlite(store) => store.create(record).await?,
            Backend::Postgres(store) => store.create(record).await?,
        }
        self.note_account(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match &self.backend {
            Backend::Sqlite(store) => store.save(record).await?,
            Backend::Postgres(store) => store.save(record).await?,
        }
        self.note_account(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match &self.backend {
            Backend::Sqlite(store) => store.load(id).await,
            Backend::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match &self.backend {
            Backend::Sqlite(store) => store.delete(id).await?,
            Backend::Postgres(store) => store.delete(id).await?,
        }
        sqlx::query("DELETE FROM session_accounts WHERE session_id = $1")
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(backend_error)
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let table = match &self.backend {
            Backend::Sqlite(store) => {
                store.delete_expired().await?;
                "tower_sessions"
            }
            Backend::Postgres(store) => {
                store.delete_expired().await?;
                "tower_sessions.session"
            }
        };
        sqlx::query(&format!(
            "DELETE FROM session_accounts WHERE session_id NOT IN (SELECT id FROM {table})"
        ))
        .execute(&self.pool)
        .await
        .map(|_| ())
        .map_err(backend_error)
    }
}
