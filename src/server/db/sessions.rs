//! Where sessions are kept: in the database the app runs on, so that any app server
//! in front of it can continue a session another one started.

use super::{Dialect, Pool};
use anyhow::Context;
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// tower-sessions' own SQL store for the backend in use.
#[derive(Debug, Clone)]
pub enum Store {
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
                Ok(Self::Sqlite(store))
            }
            Dialect::Postgres => {
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(CONNECTIONS)
                    .connect(url)
                    .await
                    .context("Failed to open the session store")?;
                Ok(Self::Postgres(PostgresStore::new(pool)))
            }
        }
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.create(record).await,
            Self::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.save(record).await,
            Self::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(store) => store.load(id).await,
            Self::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete(id).await,
            Self::Postgres(store) => store.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete_expired().await,
            Self::Postgres(store) => store.delete_expired().await,
        }
    }
}
