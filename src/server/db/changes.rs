//! The change log: `match_changes`, filled by triggers on `profiles`, `organizations` and
//! `needs` (whose lists are always written with their row). Every app server's in-memory
//! indexes (matching, directory) and its anonymous page cache follow it, so a write made
//! through one server is seen by the others on their next request.

use crate::server::db::Pool;
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

/// The latest change's number (0 before any).
pub async fn latest(pool: &Pool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM match_changes")
        .fetch_one(pool)
        .await
        .context("Failed to read the change log")
}

/// What changed after `seen`, for an index that is `loaded` or not.
pub async fn since(pool: &Pool, loaded: bool, seen: i64) -> anyhow::Result<Changes> {
    let latest = latest(pool).await?;
    if loaded && latest <= seen {
        return Ok(Changes::None);
    }
    if !loaded {
        return Ok(Changes::All { latest });
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
