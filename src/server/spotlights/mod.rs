//! Spotlights: an organization's admins draft a story, a moderator publishes it.

pub mod markdown;

use crate::domain::{bounded_text, IMAGE_ALT_MAX};
use crate::domain::{CurrentUser, Named, OrgRole, Spotlight, SpotlightCard, SpotlightInput};
use crate::server::db::sql::QueryBuilder;
use crate::server::db::Pool;
use crate::server::db::{self, audit};
use crate::server::error::{Error, Result};
use crate::server::organizations::{find_for, right_before_form};
use crate::server::policy::Viewer;
use crate::server::reference::{self, M49};
use anyhow::Context;

/// Saves a draft about an organization the author administers; returns its slug.
pub async fn draft(pool: &Pool, author: &CurrentUser, input: &SpotlightInput) -> Result<String> {
    let claimed = right_before_form(pool, &input.organization, author, OrgRole::Admin).await?;
    let valid = input
        .validate(|r| M49::parse(r).is_some())
        .map_err(Error::Form)?;
    let org = match claimed {
        Some(org) if org.slug == valid.organization => org,
        _ => find_for(pool, &valid.organization, author, OrgRole::Admin).await?,
    };
    let base = crate::server::slugs::base(&valid.title, 70, "spotlight");
    let mut slug = base.clone();
    let mut n = 2;
    while sqlx::query_scalar::<_, crate::server::db::Flag>(
        "SELECT EXISTS (SELECT 1 FROM spotlights WHERE slug = $1)",
    )
    .bind(&slug)
    .fetch_one(pool)
    .await
    .context("Failed to check a spotlight slug")?
    .0
    {
        slug = format!("{base}-{n}");
        n += 1;
    }
    sqlx::query(
        "INSERT INTO spotlights (slug, org_id, title, summary, body_markdown, body_html, region,
             created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(&slug)
    .bind(org.id)
    .bind(&valid.title)
    .bind(&valid.summary)
    .bind(&valid.body)
    .bind(markdown::to_safe_html(&valid.body))
    .bind(&valid.region)
    .bind(author.id)
    .bind(db::now())
    .execute(pool)
    .await
    .context("Failed to save a spotlight draft")?;
    Ok(slug)
}

/// Publishes a draft; moderators only.
pub async fn publish(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<()> {
    let moderator = viewer.user.as_ref().ok_or(Error::Unauthorized)?;
    if !viewer.is_moderator() {
        return Err(Error::Forbidden);
    }
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let done = sqlx::query("UPDATE spotlights SET status = 'published', published_at = $1, updated_at = $1 WHERE slug = $2 AND status = 'draft'")
        .bind(now)
        .bind(slug)
        .execute(&mut *tx)
        .await
        .context("Failed to publish a spotlight")?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    let org_id: i64 = sqlx::query_scalar("SELECT org_id FROM spotlights WHERE slug = $1")
        .bind(slug)
        .fetch_one(&mut *tx)
        .await
        .context("Failed to read a story's organization")?;
    db::organizations::touch(&mut tx, org_id, now).await?;
    audit::record(
        &mut *tx,
        Some(moderator.id),
        audit::Action::SpotlightPublished,
        "",
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a publication")?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    slug: String,
    title: String,
    summary: String,
    region: String,
    org_name: String,
    org_slug: String,
    org_id: i64,
    published_at: Option<i64>,
    body_html: String,
    id: i64,
    image_alt: Option<String>,
}

const SELECT: &str =
    "SELECT s.slug, s.title, s.summary, s.region, o.name AS org_name, o.slug AS org_slug,
    o.id AS org_id, s.published_at, s.body_html, s.id, i.alt AS image_alt
    FROM spotlights s JOIN organizations o ON o.id = s.org_id
    LEFT JOIN spotlight_images i ON i.spotlight_id = s.id";

fn card(r: &Row) -> SpotlightCard {
    SpotlightCard {
        slug: r.slug.clone(),
        title: r.title.clone(),
        summary: r.summary.clone(),
        region: r.region.clone(),
        organization: r.org_name.clone(),
        organization_slug: r.org_slug.clone(),
        published_at: r.published_at,
        image_alt: r.image_alt.clone(),
    }
}

/// Published spotlights, newest first, optionally in one region (a region includes its sub-regions).
pub async fn published(
    pool: &Pool,
    region: Option<&str>,
    limit: i64,
) -> Result<Vec<SpotlightCard>> {
    let slugs: Vec<String> = match region.and_then(M49::parse) {
        Some(M49::Region(_)) => {
            let region = region.unwrap_or_default();
            let mut slugs = vec![region.to_owned()];
            slugs.extend(
                reference::region_slugs()
                    .into_iter()
                    .filter(|s| in_region(s, region)),
            );
            slugs
        }
        Some(M49::SubRegion(_)) => vec![region.unwrap_or_default().to_owned()],
        None => Vec::new(),
    };
    let mut qb = QueryBuilder::new(format!("{SELECT} WHERE s.status = 'published'"));
    if !slugs.is_empty() {
        qb.push(" AND s.region IN (");
        let mut list = qb.separated(", ");
        for slug in slugs {
            list.push_bind(slug);
        }
        qb.push(")");
    }
    qb.push(" ORDER BY s.published_at DESC, s.id DESC LIMIT ")
        .push_bind(limit);
    let rows: Vec<Row> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to list spotlights")?;
    Ok(rows.iter().map(card).collect())
}

/// Whether sub-region `sub` lies in region `region` (its countries are in it).
fn in_region(sub: &str, region: &str) -> bool {
    match (M49::parse(sub), M49::parse(region)) {
        (Some(sub @ M49::SubRegion(_)), Some(region @ M49::Region(_))) => {
            let all = region.countries();
            sub.countries().iter().any(|c| all.contains(c))
        }
        _ => false,
    }
}

/// One spotlight: published ones for everyone, drafts for the organization's admins and moderators.
pub async fn get(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<Spotlight> {
    let (row, manages) = load(pool, viewer, slug).await?;
    let draft = row.published_at.is_none();
    if draft && !manages && !viewer.is_moderator() {
        return Err(Error::NotFound);
    }
    Ok(Spotlight {
        card: card(&row),
        can_publish: draft && viewer.is_moderator(),
        can_edit: may_edit(draft, manages, viewer.is_moderator()),
        can_unpublish: !draft && (manages || viewer.is_moderator()),
        body_html: row.body_html,
    })
}

/// Who may change a story's text and image: its organization's admins while it is a
/// draft; once a moderator published it, moderators only (what they vetted stays as
/// vetted unless they change it).
fn may_edit(draft: bool, manages: bool, moderator: bool) -> bool {
    if draft {
        manages
    } else {
        moderator
    }
}

/// A spotlight's form as stored, for whoever may edit it; and every region slug.
pub async fn editor(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<SpotlightInput> {
    let (row, _) = editable(pool, viewer, slug).await?;
    let body: String = sqlx::query_scalar("SELECT body_markdown FROM spotlights WHERE id = $1")
        .bind(row.id)
        .fetch_one(pool)
        .await
        .context("Failed to load a spotlight's text")?;
    Ok(SpotlightInput {
        organization: row.org_slug,
        title: row.title,
        summary: row.summary,
        body,
        region: row.region,
    })
}

/// The row of a story `viewer` may edit: `Unauthorized` signed out, `NotFound` for a
/// draft they may not even read, `Forbidden` for one they may read but not change.
async fn editable(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<(Row, Spotlight)> {
    if viewer.user.is_none() {
        return Err(Error::Unauthorized);
    }
    let story = get(pool, viewer, slug).await?;
    if !story.can_edit {
        return Err(Error::Forbidden);
    }
    let (row, _) = load(pool, viewer, slug).await?;
    Ok((row, story))
}

/// Saves a story's new text (its organization and address stay); a refused field comes
/// back beside itself with the typing kept, and nothing is written.
pub async fn update(
    pool: &Pool,
    viewer: &Viewer,
    slug: &str,
    input: &SpotlightInput,
) -> Result<()> {
    let (row, _) = editable(pool, viewer, slug).await?;
    let input = SpotlightInput {
        organization: row.org_slug.clone(),
        ..input.clone()
    };
    let valid = input
        .validate(|r| M49::parse(r).is_some())
        .map_err(Error::Form)?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    sqlx::query(
        "UPDATE spotlights SET title = $1, summary = $2, body_markdown = $3, body_html = $4,
             region = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(&valid.title)
    .bind(&valid.summary)
    .bind(&valid.body)
    .bind(markdown::to_safe_html(&valid.body))
    .bind(&valid.region)
    .bind(now)
    .bind(row.id)
    .execute(&mut *tx)
    .await
    .context("Failed to save a spotlight")?;
    db::organizations::touch(&mut tx, row.org_id, now).await?;
    audit::record(
        &mut *tx,
        viewer.user_id(),
        audit::Action::SpotlightEdited,
        "",
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit a spotlight")?;
    Ok(())
}

/// Takes a published story back to a draft: it leaves the home page, the list and its
/// region's page on the next request; a moderator may publish it again. Moderators and
/// the organization's admins (it is their story to withdraw).
pub async fn unpublish(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<()> {
    if viewer.user.is_none() {
        return Err(Error::Unauthorized);
    }
    let story = get(pool, viewer, slug).await?;
    if !story.can_unpublish {
        return Err(Error::Forbidden);
    }
    let (row, _) = load(pool, viewer, slug).await?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let done = sqlx::query(
        "UPDATE spotlights SET status = 'draft', published_at = NULL, updated_at = $1
         WHERE id = $2 AND status = 'published'",
    )
    .bind(now)
    .bind(row.id)
    .execute(&mut *tx)
    .await
    .context("Failed to unpublish a spotlight")?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    db::organizations::touch(&mut tx, row.org_id, now).await?;
    audit::record(
        &mut *tx,
        viewer.user_id(),
        audit::Action::SpotlightUnpublished,
        "",
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit an unpublication")?;
    Ok(())
}

/// A spotlight's row, and whether `viewer` administers its organization.
async fn load(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<(Row, bool)> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE s.slug = $1"))
        .bind(slug)
        .fetch_optional(pool)
        .await
        .context("Failed to load a spotlight")?
        .ok_or(Error::NotFound)?;
    let manages = match viewer.user_id() {
        Some(id) => db::organizations::role_of(pool, row.org_id, id)
            .await?
            .is_some_and(OrgRole::can_manage),
        None => false,
    };
    Ok((row, manages))
}

/// Checks that `viewer` may change the image of `slug` (as its text: `may_edit`) and the
/// text alternative.
/// Returns the spotlight's id and the alternative, trimmed.
pub async fn image_target(
    pool: &Pool,
    viewer: &Viewer,
    slug: &str,
    alt: &str,
) -> Result<(i64, std::result::Result<String, crate::domain::FieldIssue>)> {
    if viewer.user.is_none() {
        return Err(Error::Unauthorized);
    }
    let spotlight = get(pool, viewer, slug).await?;
    if !spotlight.can_edit {
        return Err(Error::Forbidden);
    }
    let (row, _) = load(pool, viewer, slug).await?;
    Ok((row.id, bounded_text(alt, 1, IMAGE_ALT_MAX)))
}

/// Stores a spotlight's image (already re-encoded) and its text alternative.
pub async fn save_image(pool: &Pool, spotlight_id: i64, image: &[u8], alt: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO spotlight_images (spotlight_id, image, alt, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (spotlight_id) DO UPDATE SET image = excluded.image, alt = excluded.alt,
             updated_at = excluded.updated_at",
    )
    .bind(spotlight_id)
    .bind(image)
    .bind(alt)
    .bind(db::now())
    .execute(pool)
    .await
    .context("Failed to store a spotlight image")?;
    Ok(())
}

/// A spotlight's image for `viewer`, who must be allowed to read the story; and whether it
/// is published (then anyone may cache it).
pub async fn image(pool: &Pool, viewer: &Viewer, slug: &str) -> Result<(Vec<u8>, bool)> {
    let (row, _) = load(pool, viewer, slug).await?;
    let story = get(pool, viewer, slug).await?;
    let image: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT image FROM spotlight_images WHERE spotlight_id = $1")
            .bind(row.id)
            .fetch_optional(pool)
            .await
            .context("Failed to load a spotlight image")?;
    Ok((
        image.ok_or(Error::NotFound)?,
        story.card.published_at.is_some(),
    ))
}

/// Drafts waiting for a moderator.
pub async fn drafts(pool: &Pool, viewer: &Viewer) -> Result<Vec<SpotlightCard>> {
    if !viewer.is_moderator() {
        return Err(if viewer.user.is_some() {
            Error::Forbidden
        } else {
            Error::Unauthorized
        });
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE s.status = 'draft' ORDER BY s.created_at"
    ))
    .fetch_all(pool)
    .await
    .context("Failed to list spotlight drafts")?;
    Ok(rows.iter().map(card).collect())
}

/// The organizations `user` administers, for the spotlight form.
pub async fn administered(pool: &Pool, user: &CurrentUser) -> Result<Vec<Named>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.slug, o.name FROM org_members m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = $1 AND m.role IN ('owner', 'admin') ORDER BY o.name_key",
    )
    .bind(user.id)
    .fetch_all(pool)
    .await
    .context("Failed to list administered organizations")?;
    Ok(rows
        .into_iter()
        .map(|(code, name)| Named { code, name })
        .collect())
}
