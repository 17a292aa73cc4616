//! A mark that a server is serving an SQLite database, so that `passerelle restore` never
//! swaps the file under it (the server would go on writing to the old one, and its
//! in-memory indexes would describe a community that is gone).
//!
//! The mark is an advisory lock (`flock`) on a file beside the database, `<db>.lock`:
//! every `serve` holds it shared for its lifetime, `restore` takes it exclusively. The
//! kernel drops it when a process ends, even killed, so a crash leaves no stale mark.
//! It is not taken on the database file itself: closing any descriptor of that file
//! would drop SQLite's own POSIX locks in the same process.

use anyhow::{bail, Context};
use sqlx::sqlite::SqliteConnectOptions;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Held while it lives; dropped, the lock goes with its file descriptor.
#[derive(Debug)]
pub struct ServingLock {
    _file: File,
}

impl ServingLock {
    /// Marks the database as served (several servers may hold this at once).
    pub fn serve(database: &Path) -> anyhow::Result<Self> {
        let file = lock_file(database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => {
                bail!(
                    "{} is being restored: start the server once the restore has ended",
                    database.display()
                )
            }
            Err(TryLockError::Error(error)) => {
                Err(error).with_context(|| format!("Failed to lock {}", database.display()))
            }
        }
    }

    /// Takes the database for a restore, or says that a server is serving it.
    pub fn restore(database: &Path) -> anyhow::Result<Self> {
        let file = lock_file(database)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => bail!(
                "a Passerelle server is serving {}: stop every server on it, then restore",
                database.display()
            ),
            Err(TryLockError::Error(error)) => {
                Err(error).with_context(|| format!("Failed to lock {}", database.display()))
            }
        }
    }
}

fn lock_file(database: &Path) -> anyhow::Result<File> {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(&name))
        .with_context(|| format!("Failed to open {}", PathBuf::from(name).display()))
}

/// The file of an SQLite database URL (`sqlite://data/passerelle.db`).
pub fn sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("Failed to parse the database URL {url:?}"))?;
    Ok(options.get_filename().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_waits_for_every_server_to_stop_and_a_server_for_the_restore() {
        let folder = tempfile::tempdir().expect("a folder");
        let database = folder.path().join("passerelle.db");
        let first = ServingLock::serve(&database).expect("one server");
        let second = ServingLock::serve(&database).expect("a second server beside it");
        assert!(
            ServingLock::restore(&database).is_err(),
            "restored under two servers"
        );
        drop(first);
        assert!(
            ServingLock::restore(&database).is_err(),
            "restored under one server"
        );
        drop(second);
        let restoring = ServingLock::restore(&database).expect("no server left");
        assert!(ServingLock::serve(&database).is_err(), "served mid-restore");
        drop(restoring);
        ServingLock::serve(&database).expect("served after the restore");
    }

    #[test]
    fn the_file_of_an_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite://data/passerelle.db").expect("a path"),
            PathBuf::from("data/passerelle.db")
        );
    }
}
