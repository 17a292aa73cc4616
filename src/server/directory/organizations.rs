//! The organization directory. Organizations are public institutions: every
//! viewer sees the same list.

use super::{facet_values, paging, Filters};
use crate::domain::{DirectoryPage, DirectoryQuery, Facet, OrgCard, OrgKind, Sector, Verification};
use crate::i18n::Locale;
use crate::server::reference;
use anyhow::Context;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::collections::HashMap;

const LIST_FACETS: [(&str, &str, &str); 3] = [
    ("country", "org_countries", "country"),
    ("sector", "org_sectors", "sector"),
    ("sdg", "org_sdgs", "sdg"),
];

/// Adds ` WHERE …` for every filter but `except`.
pub fn push_where(qb: &mut QueryBuilder<'_, Sqlite>, f: &Filters, except: &str) {
    qb.push(" WHERE 1 = 1");
    super::push_ids(qb, f, "o.id");
    if let Some(text) = f.text.clone() {
        qb.push(" AND o.id IN (SELECT rowid FROM org_search WHERE org_search MATCH ")
            .push_bind(text)
            .push(")");
    }
    for (key, table, column) in LIST_FACETS {
        let value = match key {
            "country" => f.country.clone(),
            "sector" => f.sector.clone(),
            _ => f.sdg.map(|s| s.to_string()),
        };
        if let (Some(value), true) = (value, key != except) {
            qb.push(format!(
                " AND EXISTS (SELECT 1 FROM {table} x WHERE x.org_id = o.id AND x.{column} = "
            ))
            .push_bind(value)
            .push(")");
        }
    }
    if let (Some(kind), true) = (f.kind.clone(), except != "kind") {
        qb.push(" AND o.kind = ").push_bind(kind);
    }
    if f.verified && except != "verified" {
        qb.push(" AND o.verification = 'verified'");
    }
    if let Some(region) = f.region.clone() {
        qb.push(
            " AND EXISTS (SELECT 1 FROM org_countries x WHERE x.org_id = o.id AND x.country IN (",
        );
        let mut list = qb.separated(", ");
        for c in region {
            list.push_bind(c);
        }
        qb.push("))");
    }
}

/// One page of the organization directory, with facet counts.
pub async fn search(
    pool: &SqlitePool,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<OrgCard>> {
    let f = Filters::from_query(query);
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM organizations o");
    push_where(&mut count, &f, "");
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .context("Failed to count organizations")?;
    let (page, pages, offset) = paging(query, total);
    let items = cards(
        pool,
        &f,
        Some((i64::from(DirectoryQuery::PER_PAGE), offset)),
        locale,
    )
    .await?;
    Ok(DirectoryPage {
        items,
        total,
        page,
        pages,
        facets: facets(pool, &f, locale).await?,
    })
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    hq_country: String,
    verification: String,
}

/// The matching organizations as cards; `limit` is (count, offset), `None` for all (exports).
pub async fn cards(
    pool: &SqlitePool,
    f: &Filters,
    limit: Option<(i64, i64)>,
    locale: Locale,
) -> anyhow::Result<Vec<OrgCard>> {
    let mut qb = QueryBuilder::new(
        "SELECT o.id, o.slug, o.name, o.kind, o.hq_country, o.verification FROM organizations o",
    );
    if let Some(text) = f.text.clone() {
        qb.push(" JOIN (SELECT rowid AS rid, rank FROM org_search WHERE org_search MATCH ")
            .push_bind(text)
            .push(") s ON s.rid = o.id");
    }
    push_where(&mut qb, f, "");
    qb.push(if f.text.is_some() {
        " ORDER BY s.rank, o.name_key, o.id"
    } else {
        " ORDER BY o.name_key, o.id"
    });
    if let Some((count, offset)) = limit {
        qb.push(" LIMIT ")
            .push_bind(count)
            .push(" OFFSET ")
            .push_bind(offset);
    }
    let rows: Vec<CardRow> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to list organizations")?;
    let sectors = sectors_of(pool, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .map(|r| OrgCard {
            sectors: sectors.get(&r.id).cloned().unwrap_or_default(),
            hq_country: reference::named_country(&r.hq_country, locale),
            kind: OrgKind::parse(&r.kind).unwrap_or(OrgKind::Ngo),
            verification: Verification::parse(&r.verification),
            id: r.id,
            slug: r.slug,
            name: r.name,
        })
        .collect())
}

async fn sectors_of(pool: &SqlitePool, ids: &[i64]) -> anyhow::Result<HashMap<i64, Vec<Sector>>> {
    let mut out: HashMap<i64, Vec<Sector>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut qb =
        QueryBuilder::<Sqlite>::new("SELECT org_id, sector FROM org_sectors WHERE org_id IN (");
    let mut list = qb.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    qb.push(") ORDER BY rowid");
    let rows: Vec<(i64, String)> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to read sectors")?;
    for (id, code) in rows {
        if let Some(sector) = Sector::parse(&code) {
            out.entry(id).or_default().push(sector);
        }
    }
    Ok(out)
}

async fn facets(pool: &SqlitePool, f: &Filters, locale: Locale) -> anyhow::Result<Vec<Facet>> {
    let mut facets = Vec::new();
    for (key, table, column) in LIST_FACETS {
        let mut qb = QueryBuilder::new(format!("SELECT CAST(l.{column} AS TEXT), COUNT(*) FROM {table} l JOIN organizations o ON o.id = l.org_id"));
        push_where(&mut qb, f, key);
        qb.push(format!(" GROUP BY l.{column}"));
        let rows = qb
            .build_query_as()
            .fetch_all(pool)
            .await
            .with_context(|| format!("Failed to count {key}"))?;
        facets.push(Facet {
            key: key.into(),
            values: facet_values(key, rows, locale),
        });
    }
    let mut kinds = QueryBuilder::new("SELECT o.kind, COUNT(*) FROM organizations o");
    push_where(&mut kinds, f, "kind");
    kinds.push(" GROUP BY o.kind");
    let rows = kinds
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to count kinds")?;
    facets.push(Facet {
        key: "kind".into(),
        values: facet_values("kind", rows, locale),
    });
    let mut verified = QueryBuilder::new("SELECT 'yes', COUNT(*) FROM organizations o");
    push_where(&mut verified, f, "verified");
    verified.push(" AND o.verification = 'verified'");
    let rows = verified
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to count verified")?;
    facets.push(Facet {
        key: "verified".into(),
        values: facet_values("verified", rows, locale),
    });
    Ok(facets)
}

/// Organizations per country (headquarters or activity), for the map.
pub async fn count_by_country(pool: &SqlitePool) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT country, COUNT(*) FROM org_countries GROUP BY country ORDER BY COUNT(*) DESC, country")
        .fetch_all(pool)
        .await
        .context("Failed to count organizations by country")
}

#[derive(sqlx::FromRow)]
struct OpenRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    hq_country: String,
    verification: String,
    website: Option<String>,
    year_founded: Option<i64>,
    size: Option<String>,
    public_contact: Option<String>,
}

/// Every matching organization with its public fields, for the open-data exports.
pub async fn open_records(
    pool: &SqlitePool,
    f: &Filters,
) -> anyhow::Result<Vec<crate::server::handlers::export::OpenRecord>> {
    let mut qb = QueryBuilder::new(
        "SELECT o.id, o.slug, o.name, o.kind, o.hq_country, o.verification, o.website, o.year_founded, o.size, o.public_contact FROM organizations o",
    );
    push_where(&mut qb, f, "");
    qb.push(" ORDER BY o.name_key, o.id");
    let rows: Vec<OpenRow> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to export organizations")?;
    let lists = |table: &'static str, column: &'static str| async move {
        let all: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT org_id, CAST({column} AS TEXT) FROM {table} ORDER BY rowid"
        ))
        .fetch_all(pool)
        .await
        .with_context(|| format!("Failed to export {table}"))?;
        let mut by_org: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, value) in all {
            by_org.entry(id).or_default().push(value);
        }
        anyhow::Ok(by_org)
    };
    let (countries, sectors, sdgs) = (
        lists("org_countries", "country").await?,
        lists("org_sectors", "sector").await?,
        lists("org_sdgs", "sdg").await?,
    );
    let joined =
        |map: &HashMap<i64, Vec<String>>, id| map.get(&id).map(|v| v.join(";")).unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|r| crate::server::handlers::export::OpenRecord {
            countries: joined(&countries, r.id),
            sectors: joined(&sectors, r.id),
            sdgs: joined(&sdgs, r.id),
            verified: r.verification == "verified",
            url: format!("/organizations/{}", r.slug),
            slug: r.slug,
            name: r.name,
            kind: r.kind,
            hq_country: r.hq_country,
            website: r.website.unwrap_or_default(),
            year_founded: r.year_founded,
            size: r.size.unwrap_or_default(),
            public_contact: r.public_contact.unwrap_or_default(),
        })
        .collect())
}
