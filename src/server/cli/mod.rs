//! The command line: `serve` (the default), `migrate`, `create-admin`, `seed`, `import`,
//! `migrate-data`, `backup`, `restore`, `bench-matching`.

pub mod backup;
pub mod bench;
mod demo_words;
pub mod import;
pub mod migrate_data;
pub mod seed;

use crate::server::config::Settings;
use clap::{Parser, Subcommand};

/// Passerelle: where diasporas, governments and international organizations meet.
#[derive(Debug, Parser)]
#[command(name = "passerelle", version, about)]
pub struct Cli {
    /// Settings shared by every command.
    #[command(flatten)]
    pub settings: Settings,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// One thing the binary can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations, then serve the web app (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create the first administrator, or promote an existing account.
    ///
    /// The password is read from PASSERELLE_ADMIN_PASSWORD, or asked for on the terminal.
    CreateAdmin {
        /// The administrator's email address.
        #[arg(long)]
        email: String,
        /// The name shown to others (for a new account).
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Fill an empty database with a demo community: `--demo` (1,000 members, 220
    /// organizations, spotlights, introductions) or `--scale N` (N members, N/10
    /// organizations, N/5 needs, to try Passerelle at size).
    Seed {
        /// The demo community; the seed is demo data, never real people.
        #[arg(long, required_unless_present = "scale")]
        demo: bool,
        /// A demo community of this many members instead, written in bulk.
        #[arg(long, value_name = "N", conflicts_with = "demo")]
        scale: Option<usize>,
    },
    /// Time the matcher over a throw-away database of many profiles and print the figures.
    BenchMatching {
        /// Member profiles to create.
        #[arg(long, default_value_t = 100_000)]
        members: usize,
        /// Organizations to create.
        #[arg(long, default_value_t = 5_000)]
        organizations: usize,
        /// Needs to time.
        #[arg(long, default_value_t = 200)]
        queries: usize,
    },
    /// Move a whole community to an empty database of the other backend (SQLite to
    /// PostgreSQL, or back), every row and photo, then check every table's row count.
    MigrateData {
        /// The database it is in now, e.g. sqlite://data/passerelle.db.
        #[arg(long)]
        from: String,
        /// The empty database it moves to, e.g. postgres://passerelle@db.internal/passerelle.
        #[arg(long)]
        to: String,
    },
    /// Copy the SQLite database, while it serves, into a new file: a consistent snapshot,
    /// checked before it is named FILE (on PostgreSQL, use pg_dump).
    Backup {
        /// The backup to write; it must not exist yet.
        file: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup, once every server on it has stopped,
    /// then apply the migrations it lacks (on PostgreSQL, use pg_restore).
    Restore {
        /// The backup to restore.
        file: std::path::PathBuf,
        /// Replace a database that already holds a community.
        #[arg(long)]
        force: bool,
    },
    /// Import data from a file.
    Import {
        /// What the file holds.
        #[command(subcommand)]
        what: ImportKind,
    },
}

/// What an import holds.
#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// Organizations from a CSV file with a header row: name, kind, hq_country, countries,
    /// sectors, sdgs, description, website, year_founded, size, public_contact
    /// (lists separated by semicolons; see docs/import.md).
    Organizations {
        /// The CSV file.
        file: std::path::PathBuf,
    },
}
