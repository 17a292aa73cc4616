//! `passerelle backup FILE` and `passerelle restore FILE [--force]`: the embedded SQLite
//! database copied whole while it serves, and put back.
//!
//! A backup is `VACUUM INTO` a file beside the destination, checked
//! (`PRAGMA integrity_check`) and then renamed into place, so a backup that exists is a
//! whole one: SQLite copies one read transaction's snapshot, so writers go on meanwhile
//! and every write committed before it began is in it. Photos live in the database, so
//! the one file is the whole community (its session key and sessions too: keep backups
//! as private as the database; they are written readable by their owner only).
//!
//! A restore checks the backup the same way, refuses while any server serves the
//! database ([`ServingLock`]) and, without `--force`, when the database already holds a
//! community; then it puts the copy in place and applies the migrations this binary has
//! that the backup lacks. On PostgreSQL both say to use `pg_dump` and `pg_restore`.

use crate::server::db::{self, serving::ServingLock, Dialect};
use anyhow::{bail, Context};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use std::fs;
use std::path::{Path, PathBuf};

/// What a backup holds, as the commands print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Accounts (erased ones left out).
    pub members: i64,
    pub organizations: i64,
    pub photos: i64,
    /// The size of the file.
    pub bytes: u64,
}

/// Copies the database at `database_url` into the new file `file`.
pub async fn backup(database_url: &str, file: &Path) -> anyhow::Result<Summary> {
    let database = sqlite_only(database_url, "backup", "pg_dump --format=custom")?;
    if !database.exists() {
        bail!("there is no database at {}", database.display());
    }
    if file.exists() {
        bail!(
            "{} already exists: a backup never overwrites a file, choose a new name",
            file.display()
        );
    }
    let partial = beside(file, ".partial")?;
    remove_if_there(&partial)?;
    let mut live = open(&database).await?;
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(partial.to_string_lossy().into_owned())
        .execute(&mut live)
        .await
        .with_context(|| format!("Failed to copy the database into {}", partial.display()));
    live.close().await.ok();
    if let Err(error) = copied {
        remove_if_there(&partial)?;
        return Err(error);
    }
    let summary = match integrity(&partial).await {
        Ok(()) => summary(&partial).await,
        Err(error) => Err(error),
    };
    let summary = match summary.and_then(|summary| private(&partial).map(|()| summary)) {
        Ok(summary) => summary,
        Err(error) => {
            remove_if_there(&partial)?;
            return Err(error);
        }
    };
    put_in_place(&partial, file)?;
    Ok(summary)
}

/// Replaces the database at `database_url` with the backup `file`.
pub async fn restore(database_url: &str, file: &Path, force: bool) -> anyhow::Result<Summary> {
    let database = sqlite_only(database_url, "restore", "pg_restore")?;
    if !file.is_file() {
        bail!("there is no backup at {}", file.display());
    }
    if let Some(folder) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder)
            .with_context(|| format!("Failed to create {}", folder.display()))?;
    }
    let _restoring = ServingLock::restore(&database)?;
    if database.exists() && !force {
        let mut current = open(&database).await?;
        let tables: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'")
                .fetch_one(&mut current)
                .await
                .context("Failed to read the database")?;
        current.close().await.ok();
        if tables > 0 {
            bail!(
                "{} already holds a community: add --force to replace it with the backup",
                database.display()
            );
        }
    }
    // The backup is checked as a copy beside the database, so that the user's file is
    // only ever read, and the database is replaced by a rename that cannot half happen.
    let incoming = beside(&database, ".restoring")?;
    fs::copy(file, &incoming)
        .with_context(|| format!("Failed to copy {} beside the database", file.display()))?;
    let checked = match integrity(&incoming).await {
        Ok(()) => known_migrations(&incoming).await,
        Err(error) => Err(error),
    };
    if let Err(error) = checked.and_then(|()| private(&incoming)) {
        remove_if_there(&incoming)?;
        return Err(error);
    }
    // No server is running (the lock says so), so these hold only what the database
    // being replaced had not yet checkpointed: left beside the new file, SQLite would
    // replay them into it.
    for suffix in ["-wal", "-shm"] {
        remove_if_there(&beside(&database, suffix)?)?;
    }
    put_in_place(&incoming, &database)?;
    let pool = db::connect(database_url).await?;
    db::migrate(&pool).await?;
    pool.close().await;
    summary(&database).await
}

/// The file of an SQLite URL, or what to use instead on PostgreSQL.
fn sqlite_only(database_url: &str, command: &str, instead: &str) -> anyhow::Result<PathBuf> {
    match Dialect::of_url(database_url) {
        Some(Dialect::Sqlite) => db::serving::sqlite_file(database_url),
        Some(Dialect::Postgres) => bail!(
            "`passerelle {command}` copies the embedded SQLite database; on PostgreSQL use \
             {instead} (docs/operations.md, Backups)"
        ),
        None => bail!("DATABASE_URL must be a sqlite: or postgres:// URL"),
    }
}

async fn open(path: &Path) -> anyhow::Result<SqliteConnection> {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .connect()
        .await
        .with_context(|| format!("Failed to open {}", path.display()))
}

/// Fails unless `path` is a whole SQLite database.
async fn integrity(path: &Path) -> anyhow::Result<()> {
    let mut connection = open(path).await?;
    let verdict = sqlx::query_scalar::<_, String>("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .with_context(|| format!("{} is not an SQLite database", path.display()));
    connection.close().await.ok();
    match verdict? {
        ok if ok == "ok" => Ok(()),
        damage => bail!("{} is damaged: {damage}", path.display()),
    }
}

/// Fails unless `path` is a Passerelle database whose migrations this binary knows.
async fn known_migrations(path: &Path) -> anyhow::Result<()> {
    let mut connection = open(path).await?;
    let versions = sqlx::query_scalar::<_, i64>("SELECT version FROM _sqlx_migrations")
        .fetch_all(&mut connection)
        .await
        .with_context(|| format!("{} is not a Passerelle database", path.display()));
    connection.close().await.ok();
    let known = db::sqlite_migration_versions();
    if let Some(newer) = versions?.iter().find(|v| !known.contains(v)) {
        bail!(
            "{} was made by a newer Passerelle (migration {newer}): restore it with that version",
            path.display()
        );
    }
    Ok(())
}

/// What the database at `path` holds.
async fn summary(path: &Path) -> anyhow::Result<Summary> {
    let mut connection = open(path).await?;
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM users WHERE erased_at IS NULL",
        "SELECT COUNT(*) FROM organizations",
        "SELECT COUNT(*) FROM profile_photos",
    ] {
        counts.push(
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&mut connection)
                .await,
        );
    }
    connection.close().await.ok();
    let context = || format!("{} is not a Passerelle database", path.display());
    let mut counts = counts.into_iter();
    let mut next = || counts.next().unwrap_or(Ok(0)).with_context(context);
    let (members, organizations, photos) = (next()?, next()?, next()?);
    let bytes = fs::metadata(path)
        .with_context(|| format!("Failed to read {}", path.display()))?
        .len();
    Ok(Summary {
        members,
        organizations,
        photos,
        bytes,
    })
}

/// `path` with `suffix` added to its file name.
fn beside(path: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let Some(name) = path.file_name() else {
        bail!("{} is not a file name", path.display());
    };
    let mut name = name.to_owned();
    name.push(suffix);
    Ok(path.with_file_name(name))
}

fn remove_if_there(path: &Path) -> anyhow::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("Failed to remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Readable and writable by its owner only (the database holds password hashes, the
/// session key and sessions).
fn private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .with_context(|| format!("Failed to restrict {}", path.display()))?;
    }
    Ok(())
}

/// Makes `from` durable, then renames it to `to` and makes the rename durable.
fn put_in_place(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::File::open(from)
        .and_then(|file| file.sync_all())
        .with_context(|| format!("Failed to write {}", from.display()))?;
    fs::rename(from, to)
        .with_context(|| format!("Failed to move {} to {}", from.display(), to.display()))?;
    if let Some(folder) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::File::open(folder)
            .and_then(|folder| folder.sync_all())
            .with_context(|| format!("Failed to write {}", folder.display()))?;
    }
    Ok(())
}
