//! Blocks: a member a recipient (or an organization's admins) no longer takes requests
//! from, listed in the account, and lifted there.

use crate::domain::{Block, CurrentUser, Named, OrgRole};
use crate::server::db::{self, audit, Pool};
use crate::server::error::{Error, Result};
use anyhow::Context;

#[derive(sqlx::FromRow)]
struct BlockRow {
    blocked_user_id: i64,
    name: String,
    org_slug: Option<String>,
    org_name: Option<String>,
    created_at: i64,
}

/// Whom `user` blocked, and whom the organizations they administer blocked; newest first.
pub async fn list(pool: &Pool, user: &CurrentUser) -> Result<Vec<Block>> {
    let rows: Vec<BlockRow> = sqlx::query_as(
        "SELECT b.blocked_user_id, u.display_name AS name, o.slug AS org_slug,
                o.name AS org_name, b.created_at
         FROM blocks b
         JOIN users u ON u.id = b.blocked_user_id
         LEFT JOIN organizations o ON o.id = b.blocker_org_id
         WHERE b.blocker_user_id = $1
            OR b.blocker_org_id IN (SELECT org_id FROM org_members
                                    WHERE user_id = $1 AND role IN ('owner', 'admin'))
         ORDER BY b.created_at DESC, o.name",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await
    .context("Failed to list blocks")?;
    Ok(rows
        .into_iter()
        .map(|r| Block {
            member_id: r.blocked_user_id,
            name: r.name,
            organization: r
                .org_slug
                .zip(r.org_name)
                .map(|(code, name)| Named { code, name }),
            since: r.created_at,
        })
        .collect())
}

/// Lifts a block `user` made, for themselves (`organization` empty) or for an
/// organization they administer. A block that is not theirs to lift is not found.
pub async fn unblock(
    pool: &Pool,
    user: &CurrentUser,
    member_id: i64,
    organization: &str,
) -> Result<()> {
    let organization = organization.trim();
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let done = if organization.is_empty() {
        sqlx::query("DELETE FROM blocks WHERE blocker_user_id = $1 AND blocked_user_id = $2")
            .bind(user.id)
            .bind(member_id)
            .execute(&mut *tx)
            .await
    } else {
        let org = db::organizations::find_by_slug(&mut *tx, organization)
            .await?
            .ok_or(Error::NotFound)?;
        let role = db::organizations::role_of(&mut *tx, org.id, user.id).await?;
        if !role.is_some_and(OrgRole::can_manage) {
            return Err(Error::NotFound);
        }
        sqlx::query("DELETE FROM blocks WHERE blocker_org_id = $1 AND blocked_user_id = $2")
            .bind(org.id)
            .bind(member_id)
            .execute(&mut *tx)
            .await
    }
    .context("Failed to lift a block")?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut *tx,
        Some(user.id),
        audit::Action::SenderUnblocked,
        "",
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit an unblock")?;
    Ok(())
}
