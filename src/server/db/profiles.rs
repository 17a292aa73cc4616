//! Queries on member profiles.

use crate::domain::{ValidProfile, Visibility, VisibilitySettings};
use crate::server::db::sql::{ListValue, QueryBuilder};
use crate::server::db::{Executor, Pool, Tx};
use anyhow::Context;

/// A stored profile with its owner's name. Holds private fields: never sent as is.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProfileRow {
    pub user_id: i64,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub residence: Option<String>,
    pub city: String,
    pub links: String,
    pub contact_email: String,
    pub visibility: i64,
    pub origin_visibility: i64,
    pub city_visibility: i64,
    pub contact_visibility: i64,
    /// While "invisible now": the level the profile comes back to.
    pub paused_visibility: Option<i64>,
    #[sqlx(try_from = "crate::server::db::Flag")]
    pub has_photo: bool,
    /// When its owner last saved it or said it is still accurate.
    pub confirmed_at: i64,
    /// Set while it is out of the directory for want of a confirmation.
    pub delisted_at: Option<i64>,
}

impl ProfileRow {
    /// The owner's visibility choices.
    pub fn settings(&self) -> VisibilitySettings {
        VisibilitySettings {
            profile: Visibility::from_level(self.visibility),
            origins: Visibility::from_level(self.origin_visibility),
            city: Visibility::from_level(self.city_visibility),
            contact: Visibility::from_level(self.contact_visibility),
        }
    }

    /// The stored links.
    pub fn links(&self) -> Vec<String> {
        serde_json::from_str(&self.links).unwrap_or_default()
    }
}

/// The multi-valued parts of a profile.
#[derive(Debug, Clone, Default)]
pub struct ProfileLists {
    pub origins: Vec<String>,
    pub languages: Vec<String>,
    pub sectors: Vec<String>,
    pub offers: Vec<String>,
    pub sdgs: Vec<i64>,
}

/// The profile of `user_id`, if they saved one.
pub async fn find(db: impl Executor<'_>, user_id: i64) -> anyhow::Result<Option<ProfileRow>> {
    sqlx::query_as::<_, ProfileRow>(
        "SELECT p.user_id, u.display_name, p.headline, p.bio, p.residence, p.city, p.links,
                p.contact_email, p.visibility, p.origin_visibility, p.city_visibility,
                p.contact_visibility, p.paused_visibility, p.confirmed_at, p.delisted_at,
                EXISTS (SELECT 1 FROM profile_photos f WHERE f.user_id = p.user_id) AS has_photo
         FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE p.user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
    .context("Failed to load a profile")
}

/// The lists of one profile.
pub async fn lists(pool: &Pool, user_id: i64) -> anyhow::Result<ProfileLists> {
    let mut conn = pool.acquire().await.context("Failed to get a connection")?;
    lists_on(&mut conn, user_id).await
}

/// The lists of one profile, read on `conn` (a transaction's, say).
pub async fn lists_on(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
) -> anyhow::Result<ProfileLists> {
    Ok(ProfileLists {
        origins: codes(&mut *conn, "profile_origins", "country", user_id).await?,
        languages: codes(&mut *conn, "profile_languages", "language", user_id).await?,
        sectors: codes(&mut *conn, "profile_sectors", "sector", user_id).await?,
        offers: codes(&mut *conn, "profile_offers", "offer", user_id).await?,
        sdgs: sqlx::query_scalar("SELECT sdg FROM profile_sdgs WHERE user_id = $1 ORDER BY sdg")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await
            .context("Failed to load goals")?,
    })
}

async fn codes(
    pool: impl Executor<'_>,
    table: &str,
    column: &str,
    user_id: i64,
) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(&format!(
        "SELECT {column} FROM {table} WHERE user_id = $1 ORDER BY rowid"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await
    .with_context(|| format!("Failed to load {table}"))
}

/// Writes a whole profile (and the owner's display name) inside `tx`. A profile made
/// invisible by its owner's switch stays invisible: a level other than hidden becomes
/// the one it comes back to, and hidden ends the pause.
pub async fn save(
    tx: &mut Tx<'_>,
    user_id: i64,
    profile: &ValidProfile,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET display_name = $1, updated_at = $2 WHERE id = $3")
        .bind(profile.display_name.as_str())
        .bind(now)
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .context("Failed to rename the account")?;
    let links = serde_json::to_string(&profile.links).context("Failed to encode links")?;
    sqlx::query(
        "INSERT INTO profiles (user_id, headline, bio, residence, city, links, contact_email,
             visibility, origin_visibility, city_visibility, contact_visibility, updated_at,
             confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
         ON CONFLICT (user_id) DO UPDATE SET headline = excluded.headline, bio = excluded.bio,
             residence = excluded.residence, city = excluded.city, links = excluded.links,
             contact_email = excluded.contact_email,
             visibility = CASE WHEN profiles.paused_visibility IS NULL THEN excluded.visibility
                               ELSE 0 END,
             paused_visibility = CASE WHEN profiles.paused_visibility IS NOT NULL
                                       AND excluded.visibility > 0
                                      THEN excluded.visibility END,
             origin_visibility = excluded.origin_visibility,
             city_visibility = excluded.city_visibility,
             contact_visibility = excluded.contact_visibility, updated_at = excluded.updated_at,
             confirmed_at = excluded.confirmed_at, freshness_notice = 0,
             freshness_noticed_at = NULL, delisted_at = NULL",
    )
    .bind(user_id)
    .bind(&profile.headline)
    .bind(&profile.bio)
    .bind(profile.residence.as_deref())
    .bind(&profile.city)
    .bind(links)
    .bind(
        profile
            .contact_email
            .as_ref()
            .map(|e| e.as_str())
            .unwrap_or_default(),
    )
    .bind(profile.visibility.level())
    .bind(profile.origin_visibility.level())
    .bind(profile.city_visibility.level())
    .bind(profile.contact_visibility.level())
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to save a profile")?;
    // Saved is confirmed: the reminders' links have nothing left to do.
    sqlx::query("DELETE FROM freshness_links WHERE profile_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .context("Failed to drop confirmation links")?;
    replace(
        tx,
        "profile_origins",
        "country",
        user_id,
        ListValue::codes(&profile.origins),
    )
    .await?;
    replace(
        tx,
        "profile_languages",
        "language",
        user_id,
        ListValue::codes(&profile.languages),
    )
    .await?;
    let sectors = ListValue::codes(profile.sectors.iter().map(|s| s.code()));
    replace(tx, "profile_sectors", "sector", user_id, sectors).await?;
    let offers = ListValue::codes(profile.offers.iter().map(|o| o.code()));
    replace(tx, "profile_offers", "offer", user_id, offers).await?;
    let sdgs = profile
        .sdgs
        .iter()
        .map(|s| ListValue::Number(i64::from(s.number())))
        .collect();
    replace(tx, "profile_sdgs", "sdg", user_id, sdgs).await
}

/// Replaces the rows of one list table for one owner.
pub async fn replace(
    tx: &mut Tx<'_>,
    table: &'static str,
    column: &'static str,
    user_id: i64,
    values: Vec<ListValue>,
) -> anyhow::Result<()> {
    sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to clear {table}"))?;
    if values.is_empty() {
        return Ok(());
    }
    let mut insert = QueryBuilder::new(format!("INSERT INTO {table} (user_id, {column}) "));
    insert.push_values(values, |mut row, value| {
        row.push_bind(user_id).push_bind(value);
    });
    insert
        .build()
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to fill {table}"))?;
    Ok(())
}

/// Stores (or replaces) a profile photo, already re-encoded.
pub async fn save_photo(
    db: impl Executor<'_>,
    user_id: i64,
    image: &[u8],
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO profile_photos (user_id, image, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET image = excluded.image, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(image)
    .bind(now)
    .execute(db)
    .await
    .context("Failed to store a profile photo")?;
    Ok(())
}

/// Deletes `user_id`'s photo, and marks the profile changed so that every cached page
/// showing it is made again; false when there was none.
pub async fn remove_photo(
    tx: &mut sqlx::AnyConnection,
    user_id: i64,
    now: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM profile_photos WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .context("Failed to delete a profile photo")?;
    sqlx::query("UPDATE profiles SET updated_at = $1 WHERE user_id = $2")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .context("Failed to mark a profile changed")?;
    Ok(done.rows_affected() == 1)
}

/// The stored photo of `user_id`.
pub async fn photo(db: impl Executor<'_>, user_id: i64) -> anyhow::Result<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT image FROM profile_photos WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await
        .context("Failed to load a profile photo")
}

/// Hides a listed profile at once, remembering its level; false when there was nothing
/// to hide (no profile, hidden already, or paused already).
pub async fn pause(db: impl Executor<'_>, user_id: i64, now: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE profiles SET paused_visibility = visibility, visibility = 0, updated_at = $1
         WHERE user_id = $2 AND visibility > 0 AND paused_visibility IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(db)
    .await
    .context("Failed to hide a profile")?;
    Ok(done.rows_affected() == 1)
}

/// Shows a paused profile again at the level it had; false when it was not paused.
pub async fn resume(db: impl Executor<'_>, user_id: i64, now: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE profiles SET visibility = paused_visibility, paused_visibility = NULL,
                             updated_at = $1
         WHERE user_id = $2 AND paused_visibility IS NOT NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(db)
    .await
    .context("Failed to show a profile again")?;
    Ok(done.rows_affected() == 1)
}
