//! An organization's logo: uploaded by its admins (decoded and re-encoded like profile
//! photos, so no metadata survives), with a text alternative; shown to everyone, as the
//! organization is.

use crate::domain::{bounded_text, CurrentUser, FieldIssue, OrgRole, IMAGE_ALT_MAX};
use crate::server::db::{self, Pool};
use crate::server::error::{Error, Result};
use anyhow::Context;

/// Checks that `user` administers the organization at `slug`, and its logo's text
/// alternative; returns the organization's id and the alternative, trimmed.
pub async fn target(
    pool: &Pool,
    user: &CurrentUser,
    slug: &str,
    alt: &str,
) -> Result<(i64, std::result::Result<String, FieldIssue>)> {
    let org = super::find_for(pool, slug, user, OrgRole::Admin).await?;
    Ok((org.id, bounded_text(alt, 1, IMAGE_ALT_MAX)))
}

/// Stores a logo (already re-encoded) and its text alternative.
pub async fn save(pool: &Pool, org_id: i64, image: &[u8], alt: &str) -> Result<()> {
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    sqlx::query(
        "INSERT INTO org_logos (org_id, image, alt, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id) DO UPDATE SET image = excluded.image, alt = excluded.alt,
             updated_at = excluded.updated_at",
    )
    .bind(org_id)
    .bind(image)
    .bind(alt)
    .bind(now)
    .execute(&mut *tx)
    .await
    .context("Failed to store a logo")?;
    db::organizations::touch(&mut tx, org_id, now).await?;
    tx.commit().await.context("Failed to commit a logo")?;
    Ok(())
}

/// Removes the logo of the organization at `slug`; its admins only.
pub async fn remove(pool: &Pool, user: &CurrentUser, slug: &str) -> Result<()> {
    let org = super::find_for(pool, slug, user, OrgRole::Admin).await?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let done = sqlx::query("DELETE FROM org_logos WHERE org_id = $1")
        .bind(org.id)
        .execute(&mut *tx)
        .await
        .context("Failed to remove a logo")?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    db::organizations::touch(&mut tx, org.id, now).await?;
    tx.commit()
        .await
        .context("Failed to commit a logo's removal")?;
    Ok(())
}

/// The logo of the organization at `slug`.
pub async fn image(pool: &Pool, slug: &str) -> Result<Vec<u8>> {
    let image: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT l.image FROM org_logos l JOIN organizations o ON o.id = l.org_id
         WHERE o.slug = $1",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await
    .context("Failed to load a logo")?;
    image.ok_or(Error::NotFound)
}

/// The text alternative and version (its last change) of an organization's logo.
pub async fn describe(pool: &Pool, org_id: i64) -> Result<Option<(String, i64)>> {
    Ok(
        sqlx::query_as("SELECT alt, updated_at FROM org_logos WHERE org_id = $1")
            .bind(org_id)
            .fetch_optional(pool)
            .await
            .context("Failed to read a logo")?,
    )
}
