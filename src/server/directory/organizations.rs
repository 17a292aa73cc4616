//! The organization directory. Organizations are public institutions: every
//! viewer sees the same list.

use super::index::{key_of, FacetIndex, Field, Record, Source, Wanted};
use super::{facet_values, paging, Filters};
use crate::domain::{DirectoryPage, DirectoryQuery, Facet, OrgCard, OrgKind, Sector, Verification};
use crate::i18n::Locale;
use crate::server::db::search::{self, Corpus, Terms};
use crate::server::db::sql::{ListValue, QueryBuilder};
use crate::server::db::{Dialect, Pool};
use crate::server::matching::index::lists as index_lists;
use crate::server::reference;
use anyhow::Context;

use std::collections::HashMap;

const LIST_FACETS: [(&str, &str, &str); 3] = [
    ("country", "org_countries", "country"),
    ("sector", "org_sectors", "sector"),
    ("sdg", "org_sdgs", "sdg"),
];

/// Adds ` WHERE …` for every filter but `except`.
pub fn push_where(qb: &mut QueryBuilder<'_>, dialect: Dialect, f: &Filters, except: &str) {
    qb.push(" WHERE o.delisted_at IS NULL");
    super::push_ids(qb, f, "o.id");
    if let Some(words) = &f.text {
        qb.push(" AND o.id IN (");
        search::push_ids(qb, dialect, Corpus::Organizations, Terms::typed(words));
        qb.push(")");
    }
    for (key, table, column) in LIST_FACETS {
        let value = match key {
            "country" => f.country.clone().map(ListValue::Code),
            "sector" => f.sector.clone().map(ListValue::Code),
            _ => f.sdg.map(ListValue::Number),
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

/// The organization directory as the index serves it.
#[derive(Debug)]
pub struct Organizations;

impl Source for Organizations {
    const KEYS: &'static [&'static str] = &["country", "sector", "sdg", "kind", "verified"];
    const TEXT: Corpus = Corpus::Organizations;
    const BY_RELEVANCE: bool = true;
    const REGION: &'static [usize] = &[0];
    /// The "verified only" filter is offered even when none is.
    const ALWAYS: &'static [(usize, &'static str)] = &[(4, "yes")];

    fn changed(_: &[i64], orgs: &[i64], _: &[i64]) -> Vec<i64> {
        orgs.to_vec()
    }

    async fn load(pool: &Pool, ids: Option<&[i64]>) -> anyhow::Result<HashMap<u32, Record>> {
        let mut qb = QueryBuilder::new(
            "SELECT id, name_key, kind, verification FROM organizations WHERE delisted_at IS NULL",
        );
        qb.push_only("id", ids);
        let rows: Vec<(i64, String, String, String)> = qb
            .build_query_as()
            .fetch_all(pool)
            .await
            .context("Failed to load organizations for the directory")?;
        let mut lists = Vec::new();
        for (_, table, column) in LIST_FACETS {
            lists.push(index_lists(pool, table, "org_id", column, ids).await?);
        }
        let public = |values| Field {
            values,
            visibility: 2,
        };
        let mut out = HashMap::with_capacity(rows.len());
        for (id, name_key, kind, verification) in rows {
            let Some(key) = key_of(id) else { continue };
            let mut facets: Vec<Field> = lists
                .iter_mut()
                .map(|l| public(l.remove(&id).unwrap_or_default()))
                .collect();
            facets.push(public(vec![kind]));
            facets.push(public(if verification == "verified" {
                vec!["yes".to_owned()]
            } else {
                Vec::new()
            }));
            out.insert(
                key,
                Record {
                    sort: name_key,
                    visibility: 2,
                    facets,
                },
            );
        }
        Ok(out)
    }
}

/// One page of the organization directory, with facet counts: from the index once it
/// is built, from SQL until then.
pub async fn search(
    pool: &Pool,
    index: &FacetIndex<Organizations>,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<OrgCard>> {
    let f = Filters::from_query(query);
    let wanted = Wanted {
        values: vec![
            f.country.clone(),
            f.sector.clone(),
            f.sdg.map(|n| n.to_string()),
            f.kind.clone(),
            f.verified.then(|| "yes".to_owned()),
        ],
        region: f.region.clone(),
        text: f.text.clone(),
        ids: f.ids.clone(),
    };
    let mut paged = (1, 1);
    // Organizations are public: every viewer is served as a visitor.
    let answer = index
        .answer(pool, &wanted, 2, |total| {
            let (page, pages, offset) = paging(query, total);
            paged = (page, pages);
            (offset, DirectoryQuery::PER_PAGE as usize)
        })
        .await?;
    let Some(answer) = answer else {
        return search_sql(pool, query, locale).await;
    };
    let only = Filters {
        ids: Some(answer.ids.clone()),
        ..Filters::default()
    };
    let mut cards: HashMap<i64, OrgCard> = cards(pool, &only, None, locale)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(DirectoryPage {
        items: answer
            .ids
            .iter()
            .filter_map(|id| cards.remove(id))
            .collect(),
        total: answer.total,
        page: paged.0,
        pages: paged.1,
        facets: super::named_facets(answer.facets, locale),
    })
}

/// The same page computed by SQL alone: what the directory answers before the index is
/// built, and the reference the index is tested against.
pub async fn search_sql(
    pool: &Pool,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<OrgCard>> {
    let f = Filters::from_query(query);
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM organizations o");
    push_where(&mut count, Dialect::of(pool), &f, "");
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
    pool: &Pool,
    f: &Filters,
    limit: Option<(i64, i64)>,
    locale: Locale,
) -> anyhow::Result<Vec<OrgCard>> {
    let mut qb = QueryBuilder::new(
        "SELECT o.id, o.slug, o.name, o.kind, o.hq_country, o.verification FROM organizations o",
    );
    if let Some(words) = &f.text {
        qb.push(" JOIN (");
        search::push_ranked(
            &mut qb,
            Dialect::of(pool),
            Corpus::Organizations,
            Terms::typed(words),
            1.0,
        );
        qb.push(") s ON s.id = o.id");
    }
    push_where(&mut qb, Dialect::of(pool), f, "");
    qb.push(if f.text.is_some() {
        " ORDER BY s.relevance DESC, o.name_key, o.id"
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

async fn sectors_of(pool: &Pool, ids: &[i64]) -> anyhow::Result<HashMap<i64, Vec<Sector>>> {
    let mut out: HashMap<i64, Vec<Sector>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut qb = QueryBuilder::new("SELECT org_id, sector FROM org_sectors WHERE org_id IN (");
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

async fn facets(pool: &Pool, f: &Filters, locale: Locale) -> anyhow::Result<Vec<Facet>> {
    let mut facets = Vec::new();
    for (key, table, column) in LIST_FACETS {
        let mut qb = QueryBuilder::new(format!("SELECT CAST(l.{column} AS TEXT), COUNT(*) FROM {table} l JOIN organizations o ON o.id = l.org_id"));
        push_where(&mut qb, Dialect::of(pool), f, key);
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
    push_where(&mut kinds, Dialect::of(pool), f, "kind");
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
    push_where(&mut verified, Dialect::of(pool), f, "verified");
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
pub async fn count_by_country(pool: &Pool) -> anyhow::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT c.country, COUNT(*) FROM org_countries c JOIN organizations o ON o.id = c.org_id
         WHERE o.delisted_at IS NULL GROUP BY c.country ORDER BY COUNT(*) DESC, c.country",
    )
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
    pool: &Pool,
    f: &Filters,
) -> anyhow::Result<Vec<crate::server::handlers::export::OpenRecord>> {
    let mut qb = QueryBuilder::new(
        "SELECT o.id, o.slug, o.name, o.kind, o.hq_country, o.verification, o.website, o.year_founded, o.size, o.public_contact FROM organizations o",
    );
    push_where(&mut qb, Dialect::of(pool), f, "");
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
