//! The member directory.

use super::index::{key_of, FacetIndex, Field, Record, Source, Wanted};
use super::{facet_values, paging, Filters};
use crate::domain::{DirectoryPage, DirectoryQuery, Facet, MemberCard, Sector};
use crate::i18n::Locale;
use crate::server::db::search::{self, Corpus, Terms};
use crate::server::db::sql::{self, ListValue, QueryBuilder};
use crate::server::db::{Dialect, Pool};
use crate::server::matching::index::lists as index_lists;
use crate::server::policy::Viewer;
use crate::server::reference;
use anyhow::Context;

use std::collections::HashMap;

/// The facets of the member directory: (query key, list table, list column).
const LIST_FACETS: [(&str, &str, &str); 5] = [
    ("origin", "profile_origins", "country"),
    ("language", "profile_languages", "language"),
    ("sector", "profile_sectors", "sector"),
    ("offer", "profile_offers", "offer"),
    ("sdg", "profile_sdgs", "sdg"),
];

/// Adds ` WHERE …`: what this viewer may list, under every filter but `except`.
fn push_where(qb: &mut QueryBuilder<'_>, dialect: Dialect, f: &Filters, level: i64, except: &str) {
    qb.push(" WHERE p.delisted_at IS NULL AND p.visibility >= ")
        .push_bind(level);
    super::push_ids(qb, f, "p.user_id");
    if let Some(words) = &f.text {
        qb.push(" AND p.user_id IN (");
        search::push_ids(qb, dialect, Corpus::Members, Terms::typed(words));
        qb.push(")");
    }
    if let (Some(origin), true) = (f.origin.clone(), except != "origin") {
        // Only members who show their origins to this viewer can be found by them.
        qb.push(" AND p.origin_visibility >= ").push_bind(level);
        qb.push(" AND EXISTS (SELECT 1 FROM profile_origins x WHERE x.user_id = p.user_id AND x.country = ")
            .push_bind(origin)
            .push(")");
    }
    if let (Some(residence), true) = (f.residence.clone(), except != "residence") {
        qb.push(" AND p.residence = ").push_bind(residence);
    }
    for (key, table, column) in LIST_FACETS.iter().skip(1) {
        if *key == except {
            continue;
        }
        let value = match *key {
            "language" => f.language.clone().map(ListValue::Code),
            "sector" => f.sector.clone().map(ListValue::Code),
            "offer" => f.offer.clone().map(ListValue::Code),
            _ => f.sdg.map(ListValue::Number),
        };
        if let Some(value) = value {
            qb.push(format!(" AND EXISTS (SELECT 1 FROM {table} x WHERE x.user_id = p.user_id AND x.{column} = "))
                .push_bind(value)
                .push(")");
        }
    }
    if let Some(region) = f.region.clone() {
        qb.push(" AND (p.residence IN (");
        push_list(qb, &region);
        qb.push(") OR (p.origin_visibility >= ").push_bind(level);
        qb.push(" AND EXISTS (SELECT 1 FROM profile_origins x WHERE x.user_id = p.user_id AND x.country IN (");
        push_list(qb, &region);
        qb.push("))))");
    }
}

fn push_list(qb: &mut QueryBuilder<'_>, values: &[String]) {
    let mut list = qb.separated(", ");
    for v in values {
        list.push_bind(v.clone());
    }
}

/// The member directory as the index serves it.
#[derive(Debug)]
pub struct Members;

impl Source for Members {
    const KEYS: &'static [&'static str] =
        &["residence", "origin", "language", "sector", "offer", "sdg"];
    const TEXT: Corpus = Corpus::Members;
    const BY_RELEVANCE: bool = true;
    /// Living in the region, or from it for viewers the member shows their origins to.
    const REGION: &'static [usize] = &[0, 1];

    fn changed(members: &[i64], _: &[i64], _: &[i64]) -> Vec<i64> {
        members.to_vec()
    }

    async fn load(pool: &Pool, ids: Option<&[i64]>) -> anyhow::Result<HashMap<u32, Record>> {
        let mut qb = QueryBuilder::new(
            "SELECT p.user_id, u.display_name, p.visibility, p.origin_visibility, p.residence
             FROM profiles p JOIN users u ON u.id = p.user_id
             WHERE p.visibility > 0 AND p.delisted_at IS NULL",
        );
        qb.push_only("p.user_id", ids);
        let rows: Vec<(i64, String, i64, i64, Option<String>)> = qb
            .build_query_as()
            .fetch_all(pool)
            .await
            .context("Failed to load profiles for the directory")?;
        let mut lists = Vec::new();
        for (key, table, column) in LIST_FACETS {
            lists.push((key, index_lists(pool, table, "user_id", column, ids).await?));
        }
        let mut out = HashMap::with_capacity(rows.len());
        for (id, name, visibility, origin_visibility, residence) in rows {
            let Some(key) = key_of(id) else { continue };
            let mut facets = vec![Field {
                values: residence.into_iter().collect(),
                visibility,
            }];
            for (facet, values) in &mut lists {
                facets.push(Field {
                    values: values.remove(&id).unwrap_or_default(),
                    // Only members who show their origins to a viewer can be found by them.
                    visibility: if *facet == "origin" {
                        origin_visibility
                    } else {
                        visibility
                    },
                });
            }
            out.insert(
                key,
                Record {
                    sort: name,
                    visibility,
                    facets,
                },
            );
        }
        Ok(out)
    }
}

/// What a query asks of the index.
fn wanted(f: &Filters) -> Wanted {
    Wanted {
        values: vec![
            f.residence.clone(),
            f.origin.clone(),
            f.language.clone(),
            f.sector.clone(),
            f.offer.clone(),
            f.sdg.map(|n| n.to_string()),
        ],
        region: f.region.clone(),
        text: f.text.clone(),
        ids: f.ids.clone(),
    }
}

/// One page of the member directory as `viewer` may see it: from the index once it is
/// built (brought up to date first), from SQL until then.
pub async fn search(
    pool: &Pool,
    index: &FacetIndex<Members>,
    viewer: &Viewer,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<MemberCard>> {
    let f = Filters::from_query(query);
    let level = viewer.audience().min_level();
    let mut paged = (1, 1);
    let answer = index
        .answer(pool, &wanted(&f), level, |total| {
            let (page, pages, offset) = paging(query, total);
            paged = (page, pages);
            (offset, DirectoryQuery::PER_PAGE as usize)
        })
        .await?;
    let Some(answer) = answer else {
        return search_sql(pool, viewer, query, locale).await;
    };
    let ids = Filters {
        ids: Some(answer.ids.clone()),
        ..Filters::default()
    };
    let mut cards: HashMap<i64, MemberCard> = page_items(pool, &ids, level, 0, locale)
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
    viewer: &Viewer,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<MemberCard>> {
    let f = Filters::from_query(query);
    let level = viewer.audience().min_level();
    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM profiles p");
    push_where(&mut count, Dialect::of(pool), &f, level, "");
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .context("Failed to count members")?;
    let (page, pages, offset) = paging(query, total);
    let items = page_items(pool, &f, level, offset, locale).await?;
    Ok(DirectoryPage {
        items,
        total,
        page,
        pages,
        facets: facets(pool, &f, level, locale).await?,
    })
}

#[derive(sqlx::FromRow)]
struct CardRow {
    user_id: i64,
    display_name: String,
    headline: String,
    residence: Option<String>,
    #[sqlx(try_from = "crate::server::db::Flag")]
    origins_listed: bool,
    #[sqlx(try_from = "crate::server::db::Flag")]
    has_photo: bool,
    origins: Option<String>,
    sectors: Option<String>,
}

pub(crate) async fn page_items(
    pool: &Pool,
    f: &Filters,
    level: i64,
    offset: i64,
    locale: Locale,
) -> anyhow::Result<Vec<MemberCard>> {
    // One query for the cards and their lists (origins and sectors in the order given).
    let mut qb = QueryBuilder::new(
        "SELECT p.user_id, u.display_name, p.headline, p.residence, p.origin_visibility >= ",
    );
    let dialect = Dialect::of(pool);
    qb.push_bind(level).push(format_args!(
        " AS origins_listed, EXISTS (SELECT 1 FROM profile_photos ph WHERE ph.user_id = p.user_id) AS has_photo,
          (SELECT {} FROM profile_origins po WHERE po.user_id = p.user_id) AS origins,
          (SELECT {} FROM profile_sectors ps WHERE ps.user_id = p.user_id) AS sectors
          FROM profiles p JOIN users u ON u.id = p.user_id",
        sql::joined(dialect, "po.country", "po.rowid"),
        sql::joined(dialect, "ps.sector", "ps.rowid"),
    ));
    if let Some(words) = &f.text {
        qb.push(" JOIN (");
        search::push_ranked(
            &mut qb,
            Dialect::of(pool),
            Corpus::Members,
            Terms::typed(words),
            1.0,
        );
        qb.push(") s ON s.id = p.user_id");
    }
    push_where(&mut qb, Dialect::of(pool), f, level, "");
    // Sorted by relevance to visible text, then by name: never by a private field.
    qb.push(if f.text.is_some() {
        " ORDER BY s.relevance DESC, u.display_name, p.user_id"
    } else {
        " ORDER BY u.display_name, p.user_id"
    });
    qb.push(" LIMIT ")
        .push_bind(i64::from(DirectoryQuery::PER_PAGE))
        .push(" OFFSET ")
        .push_bind(offset);
    let rows: Vec<CardRow> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to list members")?;
    fn codes(list: Option<&str>) -> impl Iterator<Item = &str> {
        list.unwrap_or_default()
            .split(',')
            .filter(|c| !c.is_empty())
    }
    Ok(rows
        .into_iter()
        .map(|r| MemberCard {
            origins: r.origins_listed.then(|| {
                codes(r.origins.as_deref())
                    .map(|c| reference::named_country(c, locale))
                    .collect()
            }),
            sectors: codes(r.sectors.as_deref())
                .filter_map(Sector::parse)
                .collect(),
            residence: r
                .residence
                .as_deref()
                .map(|c| reference::named_country(c, locale)),
            id: r.user_id,
            display_name: r.display_name,
            headline: r.headline,
            has_photo: r.has_photo,
        })
        .collect())
}

/// Counts per facet value, each under every filter but its own.
async fn facets(
    pool: &Pool,
    f: &Filters,
    level: i64,
    locale: Locale,
) -> anyhow::Result<Vec<Facet>> {
    let mut facets = Vec::new();
    let mut residence = QueryBuilder::new("SELECT p.residence, COUNT(*) FROM profiles p");
    push_where(&mut residence, Dialect::of(pool), f, level, "residence");
    residence.push(" AND p.residence IS NOT NULL GROUP BY p.residence");
    let rows = residence
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to count residences")?;
    facets.push(Facet {
        key: "residence".into(),
        values: facet_values("residence", rows, locale),
    });
    for (key, table, column) in LIST_FACETS {
        let mut qb = QueryBuilder::new(format!("SELECT CAST(l.{column} AS TEXT), COUNT(*) FROM {table} l JOIN profiles p ON p.user_id = l.user_id"));
        push_where(&mut qb, Dialect::of(pool), f, level, key);
        if key == "origin" {
            qb.push(" AND p.origin_visibility >= ").push_bind(level);
        }
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
    Ok(facets)
}
