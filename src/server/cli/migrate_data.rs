//! `passerelle migrate-data --from … --to …`: moves a whole community between the two
//! backends (SQLite to PostgreSQL to grow past one machine, or back), every row and
//! photo, in one transaction on the target, then checks every table's row count.
//!
//! Not copied: sessions and the note of their accounts (everyone signs in again) and the
//! change log (a server loads its indexes whole at start). Search documents are rebuilt by the target itself.

use crate::server::db::sql::QueryBuilder;
use crate::server::db::{self, Dialect, Pool};
use anyhow::{bail, Context};
use futures_util::TryStreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::any::AnyRow;
use sqlx::Row;

/// Every table of a community, parents before children, with the column giving the
/// order rows were written in (kept, so lists keep their order).
pub const TABLES: &[(&str, &str)] = &[
    ("users", "id"),
    ("auth_throttle", "key"),
    ("server_secrets", "name"),
    ("audit_log", "id"),
    ("account_tokens", "id"),
    ("profiles", "user_id"),
    ("profile_photos", "user_id"),
    ("profile_origins", "rowid"),
    ("profile_languages", "rowid"),
    ("profile_sectors", "rowid"),
    ("profile_offers", "rowid"),
    ("profile_sdgs", "rowid"),
    ("organizations", "id"),
    ("org_logos", "org_id"),
    ("org_countries", "rowid"),
    ("org_sectors", "rowid"),
    ("org_sdgs", "rowid"),
    ("org_members", "org_id, user_id"),
    ("org_join_requests", "org_id, user_id"),
    ("org_invitations", "org_id, user_id"),
    ("verification_requests", "id"),
    ("freshness_links", "id"),
    ("spotlights", "id"),
    ("spotlight_images", "spotlight_id"),
    ("needs", "id"),
    ("need_types", "rowid"),
    ("need_sdgs", "rowid"),
    ("need_countries", "rowid"),
    ("need_sectors", "rowid"),
    ("need_partner_kinds", "rowid"),
    ("need_languages", "rowid"),
    ("introductions", "id"),
    ("intro_follow_ups", "intro_id"),
    ("intro_stage_moves", "id"),
    ("meetings", "id"),
    ("meeting_slots", "meeting_id, starts_at"),
    ("blocks", "blocked_user_id, created_at"),
    ("events", "id"),
    ("outbox", "id"),
];

/// Tables that are not moved: what the servers derive or keep only for a while (the
/// change log that page caches follow, sessions: everyone signs in again), and the
/// migrations' own record.
pub const NOT_MOVED: &[&str] = &[
    "match_changes",
    "change_log_pruned",
    "session_accounts",
    "tower_sessions",
    "_sqlx_migrations",
];

/// Rows per INSERT: well under both backends' limits on bound values.
const BATCH: usize = 400;

/// One table's row counts on each side, after the move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub table: &'static str,
    pub from: i64,
    pub to: i64,
}

/// What a column holds, from its declared type (a NULL is bound with its column's type:
/// PostgreSQL refuses an integer NULL in a text column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Real,
    Text,
    Bytes,
}

impl Kind {
    fn of_declared(declared: &str) -> Self {
        match declared.to_ascii_uppercase().as_str() {
            "TEXT" => Self::Text,
            "BLOB" => Self::Bytes,
            "REAL" => Self::Real,
            _ => Self::Int,
        }
    }
}

/// One value as read from either backend.
#[derive(Debug, Clone)]
enum Value {
    Null(Kind),
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

fn value(row: &AnyRow, i: usize, kind: Kind) -> anyhow::Result<Value> {
    let null = Value::Null(kind);
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return Ok(v.map_or(null, Value::Int));
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return Ok(v.map_or(null, Value::Text));
    }
    if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
        return Ok(v.map_or(null, Value::Bytes));
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return Ok(v.map_or(null, Value::Real));
    }
    bail!("a value of an unexpected type in column {i}")
}

/// The columns both schemas share for `table`: SQLite's own list (PostgreSQL adds only
/// generated ones: `rowid` identities and search documents).
async fn columns(sqlite: &Pool, table: &str) -> anyhow::Result<Vec<(String, Kind)>> {
    let columns: Vec<(String, String)> =
        sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
            .bind(table)
            .fetch_all(sqlite)
            .await
            .with_context(|| format!("Failed to read the columns of {table}"))?;
    if columns.is_empty() {
        bail!("the SQLite database has no table {table}");
    }
    Ok(columns
        .into_iter()
        .map(|(name, declared)| (name, Kind::of_declared(&declared)))
        .collect())
}

async fn count(pool: &Pool, table: &str) -> anyhow::Result<i64> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .with_context(|| format!("Failed to count {table}"))
}

/// Moves everything from `from` to `to` (both migrated first). The target must hold no
/// community yet; nothing is written there unless everything is.
pub async fn run(from_url: &str, to_url: &str) -> anyhow::Result<Vec<Count>> {
    let (from_dialect, to_dialect) = (Dialect::of_url(from_url), Dialect::of_url(to_url));
    let sqlite_side = match (from_dialect, to_dialect) {
        (Some(Dialect::Sqlite), Some(Dialect::Postgres)) => Side::From,
        (Some(Dialect::Postgres), Some(Dialect::Sqlite)) => Side::To,
        _ => bail!(
            "--from and --to must be one SQLite and one PostgreSQL database \
             (to copy one backend to itself, use its own backup: sqlite3 .backup, pg_dump)"
        ),
    };
    let from = db::connect(from_url).await?;
    db::migrate(&from).await?;
    let to = db::connect(to_url).await?;
    db::migrate(&to).await?;
    for (table, _) in TABLES {
        if count(&to, table).await? > 0 {
            bail!(
                "the target already holds data ({table} is not empty): migrate-data fills an empty database"
            );
        }
    }
    let sqlite = match sqlite_side {
        Side::From => &from,
        Side::To => &to,
    };
    let mut plan = Vec::new();
    let mut total = 0;
    for (table, order) in TABLES {
        let rows = count(&from, table).await?;
        total += rows;
        plan.push((*table, *order, columns(sqlite, table).await?, rows));
    }

    let bar = ProgressBar::new(u64::try_from(total).unwrap_or(0));
    bar.set_style(
        ProgressStyle::with_template("{msg:22} [{bar:40}] {pos}/{len} rows ({eta} left)")
            .context("Failed to style the progress bar")?
            .progress_chars("=> "),
    );
    let mut tx = db::begin_write(&to)
        .await
        .context("Failed to begin the target's transaction")?;
    for (table, order, columns, _) in &plan {
        bar.set_message(*table);
        let list = columns
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        // One ordered read per table (OFFSET pages would rescan the table each batch),
        // written in batches as it streams.
        let select = format!("SELECT {list} FROM {table} ORDER BY {order}");
        let insert = format!("INSERT INTO {table} ({list}) ");
        let mut rows = sqlx::query(&select).fetch(&from);
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            let row = rows
                .try_next()
                .await
                .with_context(|| format!("Failed to read {table}"))?;
            if let Some(row) = &row {
                let mut one = Vec::with_capacity(columns.len());
                for (i, (_, kind)) in columns.iter().enumerate() {
                    one.push(value(row, i, *kind).with_context(|| format!("In {table}"))?);
                }
                batch.push(one);
            }
            if batch.len() == BATCH || (row.is_none() && !batch.is_empty()) {
                let written = batch.len();
                write_batch(&mut tx, &insert, std::mem::take(&mut batch))
                    .await
                    .with_context(|| format!("Failed to write {table}"))?;
                bar.inc(u64::try_from(written).unwrap_or(0));
            }
            if row.is_none() {
                break;
            }
        }
    }
    db::advance_ids(&mut tx).await?;
    tx.commit()
        .await
        .context("Failed to commit the copied community")?;
    bar.finish_and_clear();

    let mut counts = Vec::new();
    for (table, _, _, rows) in plan {
        counts.push(Count {
            table,
            from: rows,
            to: count(&to, table).await?,
        });
    }
    Ok(counts)
}

/// Inserts one batch of rows with the statement's head `insert`.
async fn write_batch(
    tx: &mut db::Tx<'_>,
    insert: &str,
    rows: Vec<Vec<Value>>,
) -> anyhow::Result<()> {
    let mut qb = QueryBuilder::new(insert);
    qb.push_values(rows, |mut tuple, row| {
        for v in row {
            match v {
                Value::Null(Kind::Int) => tuple.push_bind(None::<i64>),
                Value::Null(Kind::Real) => tuple.push_bind(None::<f64>),
                Value::Null(Kind::Text) => tuple.push_bind(None::<String>),
                Value::Null(Kind::Bytes) => tuple.push_bind(None::<Vec<u8>>),
                Value::Int(n) => tuple.push_bind(n),
                Value::Real(x) => tuple.push_bind(x),
                Value::Text(s) => tuple.push_bind(s),
                Value::Bytes(b) => tuple.push_bind(b),
            };
        }
    });
    qb.build().execute(&mut **tx).await?;
    Ok(())
}

enum Side {
    From,
    To,
}
