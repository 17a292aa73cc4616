//! Deleting an organization, by its owner, after seeing what goes with it.
//!
//! The rule: its needs, spotlights (and their images), invitations, requests to join,
//! verification requests, blocks and introductions go with it, in one transaction; the
//! people in it keep their accounts and profiles. Each other side of an introduction
//! with it is told by email (their inbox no longer shows it; contact details already
//! shared stay theirs). Introductions that were about one of its needs but between
//! other parties do not exist: a need's introductions are always addressed to its
//! organization. Nothing points at it afterwards (foreign keys, checked by the tests).

use crate::domain::{CurrentUser, OrgDeletion, OrgRole};
use crate::server::db::{self, audit, Pool};
use crate::server::error::Result;
use crate::server::introductions::Mailer;
use crate::server::mail::{self, messages};
use anyhow::Context;

/// What deleting the organization at `slug` would take; its owners only.
pub async fn preview(pool: &Pool, user: &CurrentUser, slug: &str) -> Result<OrgDeletion> {
    let org = super::find_for(pool, slug, user, OrgRole::Owner).await?;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(org.id)
            .fetch_one(pool)
            .await
            .context("Failed to count what an organization holds")
    };
    Ok(OrgDeletion {
        needs: count("SELECT COUNT(*) FROM needs WHERE org_id = $1").await?,
        spotlights: count("SELECT COUNT(*) FROM spotlights WHERE org_id = $1").await?,
        people: count("SELECT COUNT(*) FROM org_members WHERE org_id = $1").await? - 1,
        pending_people: count(
            "SELECT (SELECT COUNT(*) FROM org_invitations WHERE org_id = $1)
                  + (SELECT COUNT(*) FROM org_join_requests WHERE org_id = $1)",
        )
        .await?,
        introductions: count(
            "SELECT COUNT(*) FROM introductions WHERE recipient_org_id = $1 OR sender_org_id = $1",
        )
        .await?,
        slug: org.slug,
        name: org.name,
    })
}

/// Deletes the organization at `slug` and all it holds; its owners only. Returns its name.
pub async fn delete(
    pool: &Pool,
    mailer: &Mailer,
    user: &CurrentUser,
    slug: &str,
) -> Result<String> {
    let org = super::find_for(pool, slug, user, OrgRole::Owner).await?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    // The other side of each introduction with it: the member who asked it or was asked
    // by it (never one of its own people acting for it).
    let others: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT u.email, u.locale FROM introductions i
         JOIN users u ON u.id = CASE WHEN i.recipient_org_id = $1 THEN i.sender_id
                                     ELSE i.recipient_user_id END
         WHERE (i.recipient_org_id = $1 OR i.sender_org_id = $1) AND u.erased_at IS NULL",
    )
    .bind(org.id)
    .fetch_all(&mut *tx)
    .await
    .context("Failed to find whom to tell")?;
    let done = sqlx::query("DELETE FROM organizations WHERE id = $1")
        .bind(org.id)
        .execute(&mut *tx)
        .await
        .context("Failed to delete an organization")?;
    if done.rows_affected() == 0 {
        return Err(crate::server::error::Error::NotFound);
    }
    for (email, locale) in others {
        let locale = crate::server::locale::from_code(&locale);
        let mail = messages::organization_deleted(email, locale, &org.name);
        mail::enqueue(&mut *tx, &mail, now).await?;
    }
    audit::record(&mut *tx, Some(user.id), audit::Action::OrgDeleted, "", now).await?;
    tx.commit()
        .await
        .context("Failed to commit an organization's deletion")?;
    mailer.wake.notify_one();
    Ok(org.name)
}
