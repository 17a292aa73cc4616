//! Partnership needs: posted by an organization's admins, read by anyone while open,
//! edited, closed (fulfilled, withdrawn) or deleted by them, expired by the clock once
//! their deadline has passed.

pub mod directory;
pub mod matches;

use crate::domain::{
    CurrentUser, FieldIssue, FormErrors, Need, NeedDeletion, NeedInput, NeedRules, NeedStatus,
    OrgKind, OrgRole, PartnerKind, PartnershipType, Sdg, Sector, ValidNeed, Verification,
};
use crate::i18n::Locale;
use crate::server::db;
use crate::server::db::sql::ListValue;
use crate::server::db::{Executor, Pool};
use crate::server::error::{Error, Result};
use crate::server::organizations::{find_for, right_before_form};
use crate::server::policy::Viewer;
use crate::server::reference;
use anyhow::Context;

/// Today's date in UTC, `YYYY-MM-DD`: a need whose deadline is before it is closed.
pub fn today() -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::OffsetDateTime::now_utc()
        .date()
        .format(&format)
        .unwrap_or_default()
}

/// Reads a `YYYY-MM-DD` deadline that must be after today.
pub fn deadline_rule(typed: &str) -> std::result::Result<String, FieldIssue> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(typed, &format).map_err(|_| FieldIssue::InvalidDate)?;
    let iso = date.format(&format).map_err(|_| FieldIssue::InvalidDate)?;
    if iso <= today() {
        return Err(FieldIssue::DateNotInFuture);
    }
    Ok(iso)
}

/// The status a reader sees: an open need past its deadline has expired.
pub const EFFECTIVE_STATUS: &str =
    "CASE WHEN n.status = 'open' AND n.deadline < $1 THEN 'expired' ELSE n.status END";

/// Posts a need for an organization `author` administers; returns its id.
/// Government bodies and IOs must be verified to speak through a need.
pub async fn create(pool: &Pool, author: &CurrentUser, input: &NeedInput) -> Result<i64> {
    require_confirmed(author, input)?;
    let claimed = right_before_form(pool, &input.organization, author, OrgRole::Admin).await?;
    let need = validate(input, &deadline_rule)?;
    let org = match claimed {
        Some(org) if org.slug == need.organization => org,
        _ => find_for(pool, &need.organization, author, OrgRole::Admin).await?,
    };
    require_voice(&org, input)?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO needs (org_id, title, description, direction, deadline, status, created_by,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(org.id)
    .bind(&need.title)
    .bind(&need.description)
    .bind(need.direction.code())
    .bind(&need.deadline)
    .bind(need.status.code())
    .bind(author.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .context("Failed to save a need")?;
    write_lists(&mut tx, id, &need).await?;
    tx.commit().await.context("Failed to commit a need")?;
    Ok(id)
}

/// Rewrites a need: everything but its organization and its status, which its own
/// control changes. A deadline left as it was may have passed (an expired need is
/// corrected before it is reopened); a new one must be after today.
pub async fn update(pool: &Pool, user: &CurrentUser, id: i64, input: &NeedInput) -> Result<()> {
    let current = managed(pool, user, id).await?;
    require_confirmed(user, input)?;
    let org = db::organizations::find(pool, current.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let input = NeedInput {
        organization: org.slug.clone(),
        status: String::new(),
        ..input.clone()
    };
    let kept = current.deadline.clone();
    let deadline = move |typed: &str| {
        if typed == kept {
            Ok(kept.clone())
        } else {
            deadline_rule(typed)
        }
    };
    let need = validate(&input, &deadline)?;
    require_voice(&org, &input)?;
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    sqlx::query(
        "UPDATE needs SET title = $1, description = $2, direction = $3, deadline = $4,
             updated_at = $5 WHERE id = $6",
    )
    .bind(&need.title)
    .bind(&need.description)
    .bind(need.direction.code())
    .bind(&need.deadline)
    .bind(db::now())
    .bind(id)
    .execute(&mut *tx)
    .await
    .context("Failed to save a need")?;
    for (table, _, _) in lists_of(&need) {
        sqlx::query(&format!("DELETE FROM {table} WHERE need_id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("Failed to clear {table}"))?;
    }
    write_lists(&mut tx, id, &need).await?;
    tx.commit().await.context("Failed to commit a need")?;
    Ok(())
}

/// Deletes a need for good; returns its organization's slug. The introductions that
/// answered it keep its title, and say it was deleted.
pub async fn delete(pool: &Pool, user: &CurrentUser, id: i64) -> Result<String> {
    let need = managed(pool, user, id).await?;
    let org = db::organizations::find(pool, need.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    sqlx::query("UPDATE introductions SET need_title = $1 WHERE need_id = $2")
        .bind(&need.title)
        .bind(id)
        .execute(&mut *tx)
        .await
        .context("Failed to keep a need's title on its introductions")?;
    // Its lists go with it (ON DELETE CASCADE); introductions forget its number.
    sqlx::query("DELETE FROM needs WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .context("Failed to delete a need")?;
    tx.commit()
        .await
        .context("Failed to commit a need's deletion")?;
    Ok(org.slug)
}

/// Until their address is confirmed, accounts cannot speak through needs.
fn require_confirmed(user: &CurrentUser, input: &NeedInput) -> Result<()> {
    if user.email_confirmed {
        return Ok(());
    }
    Err(Error::Form(input.keep(
        FormErrors::default().notice(crate::domain::Notice::ConfirmEmailFirst),
    )))
}

/// Government bodies and IOs must be verified to speak through a need.
fn require_voice(org: &db::organizations::OrgRow, input: &NeedInput) -> Result<()> {
    let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Ngo);
    if kind.is_institution() && org.verification() != Verification::Verified {
        return Err(Error::Form(input.keep(
            FormErrors::default().field("organization", FieldIssue::NotVerified),
        )));
    }
    Ok(())
}

fn validate(
    input: &NeedInput,
    deadline: &dyn Fn(&str) -> std::result::Result<String, FieldIssue>,
) -> Result<ValidNeed> {
    let rules = NeedRules {
        country: &reference::is_country,
        language: &reference::is_language,
        deadline,
    };
    input.validate(&rules).map_err(Error::Form)
}

/// A need its organization's admins may change, as read; anyone else is refused: a
/// draft does not exist for them, a published need is forbidden.
async fn managed(pool: &Pool, user: &CurrentUser, id: i64) -> Result<NeedRow> {
    let row = row(pool, id).await?.ok_or(Error::NotFound)?;
    let role = db::organizations::role_of(pool, row.org_id, user.id).await?;
    if !role.is_some_and(OrgRole::can_manage) {
        return Err(if row.status == NeedStatus::Draft.code() {
            Error::NotFound
        } else {
            Error::Forbidden
        });
    }
    Ok(row)
}

/// A need's lists as stored: (table, column, values).
fn lists_of(need: &ValidNeed) -> [(&'static str, &'static str, Vec<ListValue>); 6] {
    [
        (
            "need_types",
            "type",
            ListValue::codes(need.types.iter().map(|t| t.code())),
        ),
        (
            "need_sdgs",
            "sdg",
            need.sdgs
                .iter()
                .map(|s| ListValue::Number(i64::from(s.number())))
                .collect(),
        ),
        (
            "need_countries",
            "country",
            ListValue::codes(&need.countries),
        ),
        (
            "need_sectors",
            "sector",
            ListValue::codes(need.sectors.iter().map(|s| s.code())),
        ),
        (
            "need_partner_kinds",
            "kind",
            ListValue::codes(need.partner_kinds.iter().map(|k| k.code())),
        ),
        (
            "need_languages",
            "language",
            ListValue::codes(&need.languages),
        ),
    ]
}

async fn write_lists(tx: &mut sqlx::AnyConnection, id: i64, need: &ValidNeed) -> Result<()> {
    for (table, column, values) in lists_of(need) {
        insert_list(tx, table, column, id, &values).await?;
    }
    Ok(())
}

async fn insert_list(
    tx: &mut sqlx::AnyConnection,
    table: &str,
    column: &str,
    need_id: i64,
    values: &[ListValue],
) -> Result<()> {
    for value in values {
        sqlx::query(&format!(
            "INSERT INTO {table} (need_id, {column}) VALUES ($1, $2)"
        ))
        .bind(need_id)
        .bind(value)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("Failed to save {table}"))?;
    }
    Ok(())
}

/// Changes a need's status; its organization's admins only. Only the clock expires a
/// need, and only a need whose deadline is still ahead opens.
pub async fn set_status(
    pool: &Pool,
    user: &CurrentUser,
    id: i64,
    status: NeedStatus,
) -> Result<()> {
    let row = managed(pool, user, id).await?;
    if status == NeedStatus::Expired {
        return Err(Error::Form(
            FormErrors::default().field("status", FieldIssue::InvalidChoice),
        ));
    }
    if status == NeedStatus::Open && row.deadline <= today() {
        return Err(Error::Form(
            FormErrors::default().field("status", FieldIssue::DateNotInFuture),
        ));
    }
    sqlx::query("UPDATE needs SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.code())
        .bind(db::now())
        .bind(id)
        .execute(pool)
        .await
        .context("Failed to change a need's status")?;
    Ok(())
}

/// Closes open needs whose deadline has passed (readers already see them closed).
pub async fn close_expired(pool: &Pool) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "UPDATE needs SET status = 'expired', updated_at = $2 WHERE status = 'open' AND deadline < $1",
    )
    .bind(today())
    .bind(db::now())
    .execute(pool)
    .await
    .context("Failed to close expired needs")?;
    Ok(done.rows_affected())
}

/// A need's own columns.
#[derive(Debug, sqlx::FromRow)]
pub struct NeedRow {
    pub id: i64,
    pub org_id: i64,
    pub title: String,
    pub description: String,
    pub direction: String,
    pub deadline: String,
    /// As read: an open need past its deadline reads `expired`.
    pub status: String,
}

/// One need's row, with its effective status.
pub async fn row(db: impl Executor<'_>, id: i64) -> anyhow::Result<Option<NeedRow>> {
    sqlx::query_as(&format!(
        "SELECT n.id, n.org_id, n.title, n.description, n.direction, n.deadline,
             {EFFECTIVE_STATUS} AS status FROM needs n WHERE n.id = $2"
    ))
    .bind(today())
    .bind(id)
    .fetch_optional(db)
    .await
    .context("Failed to load a need")
}

/// A need's lists: (types, sdgs, countries, sectors, partner kinds, languages).
pub type NeedLists = (
    Vec<String>,
    Vec<i64>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
);

/// Reads a need's lists.
pub async fn lists(pool: &Pool, id: i64) -> anyhow::Result<NeedLists> {
    let types = list(pool, "need_types", "type", id).await?;
    let sdgs: Vec<i64> =
        sqlx::query_scalar("SELECT sdg FROM need_sdgs WHERE need_id = $1 ORDER BY sdg")
            .bind(id)
            .fetch_all(pool)
            .await
            .context("Failed to load a need's SDGs")?;
    let countries = list(pool, "need_countries", "country", id).await?;
    let sectors = list(pool, "need_sectors", "sector", id).await?;
    let kinds = list(pool, "need_partner_kinds", "kind", id).await?;
    let languages = list(pool, "need_languages", "language", id).await?;
    Ok((types, sdgs, countries, sectors, kinds, languages))
}

async fn list(pool: &Pool, table: &str, column: &str, id: i64) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(&format!(
        "SELECT CAST({column} AS TEXT) FROM {table} WHERE need_id = $1 ORDER BY rowid"
    ))
    .bind(id)
    .fetch_all(pool)
    .await
    .with_context(|| format!("Failed to load {table}"))
}

/// One need as `viewer` sees it: drafts only for its organization's admins.
pub async fn get(pool: &Pool, viewer: &Viewer, id: i64, locale: Locale) -> Result<Need> {
    let row = row(pool, id).await?.ok_or(Error::NotFound)?;
    let manages = match viewer.user_id() {
        Some(user) => db::organizations::role_of(pool, row.org_id, user)
            .await?
            .is_some_and(OrgRole::can_manage),
        None => false,
    };
    if row.status == "draft" && !manages {
        return Err(Error::NotFound);
    }
    let card = directory::card_of(pool, id).await?.ok_or(Error::NotFound)?;
    let (_, sdgs, countries, sectors, kinds, languages) = lists(pool, id).await?;
    Ok(Need {
        card,
        description: row.description,
        sdgs: sdgs
            .iter()
            .filter_map(|n| u8::try_from(*n).ok().and_then(Sdg::new))
            .collect(),
        countries: countries
            .iter()
            .map(|c| reference::named_country(c, locale))
            .collect(),
        sectors: sectors.iter().filter_map(|s| Sector::parse(s)).collect(),
        partner_kinds: kinds.iter().filter_map(|k| PartnerKind::parse(k)).collect(),
        languages: languages
            .iter()
            .map(|l| crate::server::profiles::named_language(l))
            .collect(),
        manages,
    })
}

/// Parses stored type codes.
pub fn types_of(codes: &str) -> Vec<PartnershipType> {
    codes
        .split(',')
        .filter_map(PartnershipType::parse)
        .collect()
}

/// A need as its edit form shows it (codes, as typed); its organization's admins only.
pub async fn for_edit(pool: &Pool, user: &CurrentUser, id: i64) -> Result<NeedInput> {
    let row = managed(pool, user, id).await?;
    let org = db::organizations::find(pool, row.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let (types, sdgs, countries, sectors, partner_kinds, languages) = lists(pool, id).await?;
    Ok(NeedInput {
        organization: org.slug,
        title: row.title,
        description: row.description,
        direction: row.direction,
        types,
        sdgs: sdgs.iter().map(i64::to_string).collect(),
        countries,
        sectors,
        partner_kinds,
        languages,
        deadline: row.deadline,
        status: row.status,
    })
}

/// What deleting a need takes with it, shown before it is confirmed; its organization's
/// admins only.
pub async fn deletion(pool: &Pool, user: &CurrentUser, id: i64) -> Result<NeedDeletion> {
    let row = managed(pool, user, id).await?;
    let introductions = sqlx::query_scalar("SELECT COUNT(*) FROM introductions WHERE need_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .context("Failed to count a need's introductions")?;
    Ok(NeedDeletion {
        id,
        title: row.title,
        introductions,
    })
}
