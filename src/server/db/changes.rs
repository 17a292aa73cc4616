//! The change log: `match_changes`, filled by triggers on `profiles`, `organizations` and
//! `needs` (whose lists are always written with their row). Every app server's in-memory
//! indexes (matching, directory) and its anonymous page cache follow it, so a write made
//! through one server is seen by the others on their next request.
//!
//! The log is pruned to its last [`KEEP`] changes ([`prune`], hourly in each server);
//! `change_log_pruned.below` is the position below which changes may be gone, and a
//! reader behind it loads everything again instead of missing what was pruned.

use crate::server::db::Pool;
use anyhow::Context;

/// Above this many changed records, a full reload is cheaper than one by one.
const FULL_RELOAD_AFTER: usize = 500;

/// How many of the latest changes pruning keeps: far more than a server reads between
/// two requests.
pub const KEEP: i64 = 50_000;

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

/// Where a reader of the log stands once it has read everything there is now: the last
/// number. Changes commit in the order of their numbers on both backends (SQLite has one
/// writer; PostgreSQL's triggers take turns on an advisory lock, see the migration), so
/// no change can appear later below a number already seen.
async fn position(pool: &Pool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM match_changes")
        .fetch_one(pool)
        .await
        .context("Failed to read the change log")
}

/// What changed after `seen`, for an index that is `loaded` or not.
pub async fn since(pool: &Pool, loaded: bool, seen: i64) -> anyhow::Result<Changes> {
    let latest = position(pool).await?;
    if !loaded {
        return Ok(Changes::All { latest });
    }
    if latest <= seen {
        return Ok(Changes::None);
    }
    let changed: Vec<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT DISTINCT member_id, org_id, need_id FROM match_changes
         WHERE seq > $1 AND seq <= $2 LIMIT $3",
    )
    .bind(seen)
    .bind(latest)
    .bind(i64::try_from(FULL_RELOAD_AFTER + 1).unwrap_or(i64::MAX))
    .fetch_all(pool)
    .await
    .context("Failed to read the change log")?;
    // Read after the changes: had pruning removed some this reader still needed, the
    // mark it commits with them shows it here.
    if seen < pruned_below(pool).await? {
        return Ok(Changes::All { latest });
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

/// The position below which changes may have been pruned.
async fn pruned_below(pool: &Pool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT below FROM change_log_pruned")
        .fetch_one(pool)
        .await
        .context("Failed to read the change log's pruning mark")
}

/// Deletes all but the latest `keep` changes, and moves the pruning mark past them in
/// the same transaction; returns how many went.
pub async fn prune(pool: &Pool, keep: i64) -> anyhow::Result<u64> {
    let mut tx = super::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let cut: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) - $1 FROM match_changes")
        .bind(keep)
        .fetch_one(&mut *tx)
        .await
        .context("Failed to read the change log")?;
    if cut <= 0 {
        return Ok(0);
    }
    let gone = sqlx::query("DELETE FROM match_changes WHERE seq <= $1")
        .bind(cut)
        .execute(&mut *tx)
        .await
        .context("Failed to prune the change log")?
        .rows_affected();
    if gone > 0 {
        // A reader at `cut` or beyond had read everything that went.
        sqlx::query("UPDATE change_log_pruned SET below = $1 WHERE below < $1")
            .bind(cut)
            .execute(&mut *tx)
            .await
            .context("Failed to mark the change log pruned")?;
    }
    tx.commit()
        .await
        .context("Failed to prune the change log")?;
    Ok(gone)
}
