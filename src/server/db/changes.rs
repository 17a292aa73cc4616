//! The change log: `match_changes`, filled by triggers on `profiles`, `organizations` and
//! `needs` (whose lists are always written with their row). Every app server's in-memory
//! indexes (matching, directory) and its anonymous page cache follow it, so a write made
//! through one server is seen by the others on their next request.

use crate::server::db::{Dialect, Pool};
use anyhow::Context;

/// Above this many changed records, a full reload is cheaper than one by one.
const FULL_RELOAD_AFTER: usize = 500;

/// What changed since an index last looked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Nothing: the index is current.
    None,
    /// Too much (or the index was never loaded): reload everything, up to `latest`.
    All { latest: i64 },
    /// These records, up to `latest`.
    Some {
        latest: i64,
        members: Vec<i64>,
        orgs: Vec<i64>,
        needs: Vec<i64>,
    },
}

/// Where a reader of the log stands once it has read everything there is now.
///
/// SQLite has one writer at a time, so changes commit in the order of their numbers and
/// the position is the last number. PostgreSQL commits transactions out of order: a
/// change numbered 10 may commit after 11 was read, and "the last number seen" would
/// skip it for good. There the position is the oldest transaction still running (the
/// snapshot's xmin): every transaction before it has committed or rolled back, so the
/// changes it logged are all visible and no more can come. A reader takes the changes
/// of transactions between its last position and the current one.
async fn position(pool: &Pool) -> anyhow::Result<i64> {
    let sql = match Dialect::of(pool) {
        Dialect::Sqlite => "SELECT COALESCE(MAX(seq), 0) FROM match_changes",
        Dialect::Postgres => {
            "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT)"
        }
    };
    sqlx::query_scalar(sql)
        .fetch_one(pool)
        .await
        .context("Failed to read the change log")
}

/// What changed after `seen`, for an index that is `loaded` or not.
pub async fn since(pool: &Pool, loaded: bool, seen: i64) -> anyhow::Result<Changes> {
    let dialect = Dialect::of(pool);
    let latest = position(pool).await?;
    if !loaded {
        return Ok(Changes::All { latest });
    }
    if latest <= seen {
        return Ok(Changes::None);
    }
    let between = match dialect {
        Dialect::Sqlite => "seq > $1 AND seq <= $2",
        Dialect::Postgres => {
            "tx >= CAST(CAST($1 AS TEXT) AS XID8) AND tx < CAST(CAST($2 AS TEXT) AS XID8)"
        }
    };
    let changed: Vec<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT DISTINCT member_id, org_id, need_id FROM match_changes WHERE {between} LIMIT $3"
    ))
    .bind(seen)
    .bind(latest)
    .bind(i64::try_from(FULL_RELOAD_AFTER + 1).unwrap_or(i64::MAX))
    .fetch_all(pool)
    .await
    .context("Failed to read the change log")?;
    if changed.is_empty() {
        // PostgreSQL's position moves with every transaction, logged changes or not.
        return Ok(Changes::None);
    }
    if changed.len() > FULL_RELOAD_AFTER {
        return Ok(Changes::All { latest });
    }
    Ok(Changes::Some {
        latest,
        members: changed.iter().filter_map(|(m, _, _)| *m).collect(),
        orgs: changed.iter().filter_map(|(_, o, _)| *o).collect(),
        needs: changed.iter().filter_map(|(_, _, n)| *n).collect(),
    })
}
