//! Queries on organizations, their people and their verification.

use crate::domain::{OrgRole, ValidOrg, Verification};
use crate::server::db::sql::{ListValue, QueryBuilder};
use crate::server::db::{Executor, Flag, Pool, Tx};
use anyhow::Context;

/// A stored organization.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub hq_country: String,
    pub description: String,
    pub website: Option<String>,
    pub year_founded: Option<i64>,
    pub size: Option<String>,
    pub public_contact: Option<String>,
    pub verification: String,
    pub verification_note: Option<String>,
    /// When an admin last saved it or said it is still accurate.
    pub confirmed_at: i64,
    /// Set while it is out of the directory for want of a confirmation.
    pub delisted_at: Option<i64>,
}

impl OrgRow {
    /// Where it stands with the moderators.
    pub fn verification(&self) -> Verification {
        Verification::parse(&self.verification)
    }
}

const COLUMNS: &str = "id, slug, name, kind, hq_country, description, website, year_founded, size,
    public_contact, verification, verification_note, confirmed_at, delisted_at";

/// The organization at `slug`.
pub async fn find_by_slug(db: impl Executor<'_>, slug: &str) -> anyhow::Result<Option<OrgRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM organizations WHERE slug = $1"
    ))
    .bind(slug)
    .fetch_optional(db)
    .await
    .context("Failed to load an organization")
}

/// The organization with `id`.
pub async fn find(db: impl Executor<'_>, id: i64) -> anyhow::Result<Option<OrgRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM organizations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
    .context("Failed to load an organization")
}

/// Whether another organization already uses this name (compared case-insensitively).
pub async fn name_taken(
    db: impl Executor<'_>,
    name: &str,
    except: Option<i64>,
) -> anyhow::Result<bool> {
    let taken: Flag = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM organizations WHERE name_key = $1 AND id != $2)",
    )
    .bind(name_key(name))
    .bind(except.unwrap_or(-1))
    .fetch_one(db)
    .await
    .context("Failed to check an organization name")?;
    Ok(taken.0)
}

/// The key two names collide on.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether a slug is free.
pub async fn slug_taken(db: impl Executor<'_>, slug: &str) -> anyhow::Result<bool> {
    let taken: Flag =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organizations WHERE slug = $1)")
            .bind(slug)
            .fetch_one(db)
            .await
            .context("Failed to check a slug")?;
    Ok(taken.0)
}

/// Inserts an organization and returns its id.
pub async fn insert(
    tx: &mut Tx<'_>,
    slug: &str,
    org: &ValidOrg,
    created_by: Option<i64>,
    now: i64,
) -> anyhow::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO organizations (slug, name, name_key, kind, hq_country, description, website,
             year_founded, size, public_contact, created_by, created_at, updated_at, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $12) RETURNING id",
    )
    .bind(slug)
    .bind(&org.name)
    .bind(name_key(&org.name))
    .bind(org.kind.code())
    .bind(&org.hq_country)
    .bind(&org.description)
    .bind(org.website.as_deref())
    .bind(org.year_founded)
    .bind(org.size.map(|s| s.code()))
    .bind(org.public_contact.as_ref().map(|e| e.as_str()))
    .bind(created_by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to insert an organization")?;
    replace_lists(tx, id, org).await?;
    Ok(id)
}

/// Rewrites an organization's fields and lists.
pub async fn update(tx: &mut Tx<'_>, id: i64, org: &ValidOrg, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE organizations SET name = $1, name_key = $2, kind = $3, hq_country = $4,
             description = $5, website = $6, year_founded = $7, size = $8, public_contact = $9,
             updated_at = $10, confirmed_at = $10, freshness_notice = 0,
             freshness_noticed_at = NULL, delisted_at = NULL WHERE id = $11",
    )
    .bind(&org.name)
    .bind(name_key(&org.name))
    .bind(org.kind.code())
    .bind(&org.hq_country)
    .bind(&org.description)
    .bind(org.website.as_deref())
    .bind(org.year_founded)
    .bind(org.size.map(|s| s.code()))
    .bind(org.public_contact.as_ref().map(|e| e.as_str()))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to update an organization")?;
    // Saved is confirmed: the reminders' links have nothing left to do.
    sqlx::query("DELETE FROM freshness_links WHERE org_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to drop confirmation links")?;
    replace_lists(tx, id, org).await
}

/// Notes a change to what the organization's pages show (its logo, its stories) in the
/// change log, through its row's trigger, so every server's cached pages of it are
/// rendered anew.
pub async fn touch(tx: &mut Tx<'_>, id: i64, now: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE organizations SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to note a change to an organization's pages")?;
    Ok(())
}

async fn replace_lists(tx: &mut Tx<'_>, id: i64, org: &ValidOrg) -> anyhow::Result<()> {
    let mut countries = vec![org.hq_country.clone()];
    countries.extend(
        org.countries
            .iter()
            .filter(|c| **c != org.hq_country)
            .cloned(),
    );
    replace(
        tx,
        "org_countries",
        "country",
        id,
        ListValue::codes(countries),
    )
    .await?;
    replace(
        tx,
        "org_sectors",
        "sector",
        id,
        ListValue::codes(org.sectors.iter().map(|s| s.code())),
    )
    .await?;
    replace(
        tx,
        "org_sdgs",
        "sdg",
        id,
        org.sdgs
            .iter()
            .map(|s| ListValue::Number(i64::from(s.number())))
            .collect(),
    )
    .await
}

async fn replace(
    tx: &mut Tx<'_>,
    table: &str,
    column: &str,
    id: i64,
    values: Vec<ListValue>,
) -> anyhow::Result<()> {
    sqlx::query(&format!("DELETE FROM {table} WHERE org_id = $1"))
        .bind(id)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to clear {table}"))?;
    if values.is_empty() {
        return Ok(());
    }
    let mut qb = QueryBuilder::new(format!("INSERT INTO {table} (org_id, {column}) "));
    qb.push_values(values, |mut row, v| {
        row.push_bind(id).push_bind(v);
    });
    qb.build()
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to fill {table}"))?;
    Ok(())
}

/// The countries, sectors and goals of an organization (countries with the headquarters first).
pub async fn lists(pool: &Pool, id: i64) -> anyhow::Result<(Vec<String>, Vec<String>, Vec<i64>)> {
    let countries =
        sqlx::query_scalar("SELECT country FROM org_countries WHERE org_id = $1 ORDER BY rowid")
            .bind(id)
            .fetch_all(pool)
            .await
            .context("Failed to load countries")?;
    let sectors =
        sqlx::query_scalar("SELECT sector FROM org_sectors WHERE org_id = $1 ORDER BY rowid")
            .bind(id)
            .fetch_all(pool)
            .await
            .context("Failed to load sectors")?;
    let sdgs = sqlx::query_scalar("SELECT sdg FROM org_sdgs WHERE org_id = $1 ORDER BY sdg")
        .bind(id)
        .fetch_all(pool)
        .await
        .context("Failed to load goals")?;
    Ok((countries, sectors, sdgs))
}

/// A person's role in an organization.
pub async fn role_of(
    db: impl Executor<'_>,
    org_id: i64,
    user_id: i64,
) -> anyhow::Result<Option<OrgRole>> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM org_members WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(db)
            .await
            .context("Failed to load a role")?;
    Ok(role.as_deref().and_then(OrgRole::parse))
}

/// Adds a person, or changes their role.
pub async fn set_member(
    db: impl Executor<'_>,
    org_id: i64,
    user_id: i64,
    role: OrgRole,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO org_members (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(role.code())
    .bind(now)
    .execute(db)
    .await
    .context("Failed to set a member")?;
    Ok(())
}

/// Removes a person.
pub async fn remove_member(db: impl Executor<'_>, org_id: i64, user_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM org_members WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(db)
        .await
        .context("Failed to remove a member")?;
    Ok(())
}

/// How many owners an organization has.
pub async fn owner_count(db: impl Executor<'_>, org_id: i64) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM org_members WHERE org_id = $1 AND role = 'owner'")
        .bind(org_id)
        .fetch_one(db)
        .await
        .context("Failed to count owners")
}

/// The people of an organization, owners first, with their display names.
///
/// With `min_level`, only people whose profile reaches that visibility level are
/// listed (and `viewer` themself): membership must not expose a hidden member.
pub async fn members(
    pool: &Pool,
    org_id: i64,
    min_level: Option<i64>,
    viewer: Option<i64>,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT m.user_id, u.display_name, m.role FROM org_members m JOIN users u ON u.id = m.user_id
         LEFT JOIN profiles p ON p.user_id = m.user_id
         WHERE m.org_id = $1 AND ($2 IS NULL OR p.visibility >= $2 OR m.user_id = $3)
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.display_name",
    )
    .bind(org_id)
    .bind(min_level)
    .bind(viewer)
    .fetch_all(pool)
    .await
    .context("Failed to list members")
}

/// The two ways into an organization that wait for the other side's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Someone asked to join; an admin answers.
    JoinRequest,
    /// An owner invited someone; the invitee answers.
    Invitation,
}

impl Pending {
    fn table(self) -> &'static str {
        match self {
            Self::JoinRequest => "org_join_requests",
            Self::Invitation => "org_invitations",
        }
    }
}

/// People waiting on `org_id`, oldest first.
pub async fn pending(
    pool: &Pool,
    kind: Pending,
    org_id: i64,
) -> anyhow::Result<Vec<(i64, String)>> {
    sqlx::query_as(&format!(
        "SELECT r.user_id, u.display_name FROM {} r JOIN users u ON u.id = r.user_id
         WHERE r.org_id = $1 ORDER BY r.created_at",
        kind.table()
    ))
    .bind(org_id)
    .fetch_all(pool)
    .await
    .context("Failed to list waiting people")
}

/// Records a join request or an invitation (once).
pub async fn add_pending(
    db: impl Executor<'_>,
    kind: Pending,
    org_id: i64,
    user_id: i64,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(&format!(
        "INSERT INTO {} (org_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        kind.table()
    ))
    .bind(org_id)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await
    .context("Failed to record a join request or invitation")?;
    Ok(())
}

/// Removes a join request or an invitation; true if there was one.
pub async fn take_pending(
    db: impl Executor<'_>,
    kind: Pending,
    org_id: i64,
    user_id: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(&format!(
        "DELETE FROM {} WHERE org_id = $1 AND user_id = $2",
        kind.table()
    ))
    .bind(org_id)
    .bind(user_id)
    .execute(db)
    .await
    .context("Failed to remove a join request or invitation")?;
    Ok(done.rows_affected() > 0)
}

/// The organizations that invited `user_id` and wait for an answer: (slug, name).
pub async fn invitations_of(pool: &Pool, user_id: i64) -> anyhow::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT o.slug, o.name FROM org_invitations i JOIN organizations o ON o.id = i.org_id
         WHERE i.user_id = $1 ORDER BY i.created_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    .context("Failed to list invitations")
}

/// Sets the verification status and the moderator's note.
pub async fn set_verification(
    db: impl Executor<'_>,
    org_id: i64,
    status: Verification,
    note: Option<&str>,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE organizations SET verification = $1, verification_note = $2, updated_at = $3 WHERE id = $4")
        .bind(status.code()).bind(note).bind(now).bind(org_id)
        .execute(db).await.context("Failed to set a verification status")?;
    Ok(())
}
