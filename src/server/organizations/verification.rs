//! Verification: an organization's admin asks, a moderator decides with a note.

use super::{find, require_role};
use crate::domain::{CurrentUser, OrgCard, OrgKind, OrgRole, Verification, VerificationRequest};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::db::{self, audit, organizations as orgs};
use crate::server::error::{Error, Result};
use crate::server::policy::Viewer;
use crate::server::reference;
use anyhow::Context;

/// Puts the organization in the moderation queue; its admins only, once at a time.
pub async fn request(pool: &Pool, admin: &CurrentUser, slug: &str) -> Result<()> {
    let org = find(pool, slug).await?;
    require_role(pool, &org, admin, OrgRole::Admin).await?;
    if matches!(
        org.verification(),
        Verification::Pending | Verification::Verified
    ) {
        return Ok(());
    }
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    sqlx::query("INSERT INTO verification_requests (org_id, requested_by, requested_at) VALUES ($1, $2, $3)")
        .bind(org.id)
        .bind(admin.id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("Failed to queue a verification request")?;
    orgs::set_verification(&mut *tx, org.id, Verification::Pending, None, now).await?;
    audit::record(
        &mut *tx,
        Some(admin.id),
        audit::Action::VerificationRequested,
        "",
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a verification request")?;
    Ok(())
}

/// A moderator's decision on a pending request, with a note for the organization.
pub async fn decide(
    pool: &Pool,
    viewer: &Viewer,
    slug: &str,
    approve: bool,
    note: &str,
) -> Result<()> {
    let moderator = viewer.user.as_ref().ok_or(Error::Unauthorized)?;
    if !viewer.is_moderator() {
        return Err(Error::Forbidden);
    }
    let org = find(pool, slug).await?;
    if org.verification() != Verification::Pending {
        return Err(Error::NotFound);
    }
    let note: String = note.trim().chars().take(1000).collect();
    let (status, request_status, action) = if approve {
        (
            Verification::Verified,
            "approved",
            audit::Action::VerificationGranted,
        )
    } else {
        (
            Verification::Rejected,
            "rejected",
            audit::Action::VerificationRejected,
        )
    };
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    sqlx::query(
        "UPDATE verification_requests SET status = $1, decided_by = $2, decided_at = $3, note = $4
         WHERE org_id = $5 AND status = 'pending'",
    )
    .bind(request_status)
    .bind(moderator.id)
    .bind(now)
    .bind(&note)
    .bind(org.id)
    .execute(&mut *tx)
    .await
    .context("Failed to record a verification decision")?;
    let note = (!note.is_empty()).then_some(note.as_str());
    orgs::set_verification(&mut *tx, org.id, status, note, now).await?;
    audit::record(&mut *tx, Some(moderator.id), action, "", now).await?;
    if approve {
        crate::server::introductions::events::for_org_admins(
            &mut tx,
            org.id,
            crate::server::introductions::events::Kind::VerificationGranted,
            None,
            now,
        )
        .await?;
    }
    tx.commit()
        .await
        .context("Failed to commit a verification decision")?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    hq_country: String,
    requested_by: Option<String>,
    requested_at: i64,
}

/// Pending requests, oldest first; moderators only.
pub async fn queue(
    pool: &Pool,
    viewer: &Viewer,
    locale: Locale,
) -> Result<Vec<VerificationRequest>> {
    if viewer.user.is_none() {
        return Err(Error::Unauthorized);
    }
    if !viewer.is_moderator() {
        return Err(Error::Forbidden);
    }
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT o.id, o.slug, o.name, o.kind, o.hq_country, u.display_name AS requested_by, r.requested_at
         FROM verification_requests r JOIN organizations o ON o.id = r.org_id
         LEFT JOIN users u ON u.id = r.requested_by
         WHERE r.status = 'pending' ORDER BY r.requested_at, r.id",
    )
    .fetch_all(pool)
    .await
    .context("Failed to load the verification queue")?;
    Ok(rows
        .into_iter()
        .map(|r| VerificationRequest {
            org: OrgCard {
                hq_country: reference::named_country(&r.hq_country, locale),
                kind: OrgKind::parse(&r.kind).unwrap_or(OrgKind::Ngo),
                sectors: Vec::new(),
                verification: Verification::Pending,
                id: r.id,
                slug: r.slug,
                name: r.name,
            },
            requested_by: r.requested_by.unwrap_or_default(),
            requested_at: r.requested_at,
        })
        .collect())
}
