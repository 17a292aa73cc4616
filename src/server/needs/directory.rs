//! `/needs`: open needs with the directory's filters and facet counts.

use super::{types_of, EFFECTIVE_STATUS};
use crate::domain::{
    Direction, DirectoryPage, DirectoryQuery, Facet, NeedCard, NeedStatus, OrgKind, Verification,
};
use crate::i18n::Locale;
use crate::server::db::search::{self, Corpus, Terms};
use crate::server::db::sql::{self, QueryBuilder};
use crate::server::db::{Dialect, Pool};
use crate::server::directory::index::{key_of, FacetIndex, Field, Record, Source, Wanted};
use crate::server::directory::{facet_values, named_facets, paging};
use crate::server::matching::index::lists as index_lists;
use anyhow::Context;

use std::collections::HashMap;

/// The list filters: (query key, list table, list column).
const LIST_FACETS: [(&str, &str, &str); 6] = [
    ("type", "need_types", "type"),
    ("kind", "need_partner_kinds", "kind"),
    ("sdg", "need_sdgs", "sdg"),
    ("sector", "need_sectors", "sector"),
    ("country", "need_countries", "country"),
    ("language", "need_languages", "language"),
];

/// The statuses a reader can list (drafts never are).
fn status_of(query: &DirectoryQuery) -> &'static str {
    match NeedStatus::parse(&query.status) {
        None | Some(NeedStatus::Draft) => NeedStatus::Open.code(),
        Some(status) => status.code(),
    }
}

/// Adds the FROM and WHERE: every filter but `except`.
fn push_from_where(
    qb: &mut QueryBuilder<'_>,
    dialect: Dialect,
    query: &DirectoryQuery,
    except: &str,
) {
    qb.push(" FROM needs n JOIN organizations o ON o.id = n.org_id WHERE n.status <> 'draft'");
    if except != "status" {
        qb.push(format!(" AND {} = ", effective()))
            .push_bind(status_of(query));
    }
    if let Some(words) = search::words(&query.q) {
        qb.push(" AND n.id IN (");
        search::push_ids(qb, dialect, Corpus::Needs, Terms::typed(&words));
        qb.push(")");
    }
    for (key, table, column) in LIST_FACETS {
        let value = query.get(key);
        if value.is_empty() || key == except {
            continue;
        }
        qb.push(format!(
            " AND EXISTS (SELECT 1 FROM {table} x WHERE x.need_id = n.id AND CAST(x.{column} AS TEXT) = "
        ))
        .push_bind(value.to_owned())
        .push(")");
    }
}

/// A builder whose first bound value, `?1`, is today's date.
fn builder<'a>(select: &str) -> QueryBuilder<'a> {
    let mut qb = QueryBuilder::new("WITH today(d) AS (SELECT ");
    qb.push_bind(super::today()).push(") ").push(select);
    qb
}

/// The needs directory as the index serves it.
#[derive(Debug)]
pub struct Needs;

impl Source for Needs {
    const KEYS: &'static [&'static str] = &[
        "type", "kind", "sdg", "sector", "country", "language", "status",
    ];
    const TEXT: Corpus = Corpus::Needs;
    /// Needs list newest first, whatever the text.
    const BY_RELEVANCE: bool = false;
    const REGION: &'static [usize] = &[];

    fn changed(_: &[i64], _: &[i64], needs: &[i64]) -> Vec<i64> {
        needs.to_vec()
    }

    async fn load(pool: &Pool, ids: Option<&[i64]>) -> anyhow::Result<HashMap<u32, Record>> {
        let mut qb = builder(&format!(
            "SELECT n.id, n.created_at, {} FROM needs n WHERE n.status <> 'draft'",
            effective()
        ));
        qb.push_only("n.id", ids);
        let rows: Vec<(i64, i64, String)> = qb
            .build_query_as()
            .fetch_all(pool)
            .await
            .context("Failed to load needs for the directory")?;
        let mut lists = Vec::new();
        for (_, table, column) in LIST_FACETS {
            lists.push(index_lists(pool, table, "need_id", column, ids).await?);
        }
        let public = |values| Field {
            values,
            visibility: 2,
        };
        let mut out = HashMap::with_capacity(rows.len());
        for (id, created_at, status) in rows {
            let Some(key) = key_of(id) else { continue };
            let mut facets: Vec<Field> = lists
                .iter_mut()
                .map(|l| public(l.remove(&id).unwrap_or_default()))
                .collect();
            facets.push(public(vec![status]));
            // Newest first, then the highest id: both reversed so the order ascends.
            let sort = format!(
                "{:020}{:020}",
                i64::MAX.saturating_sub(created_at.max(0)),
                i64::MAX.saturating_sub(id)
            );
            out.insert(
                key,
                Record {
                    sort,
                    visibility: 2,
                    facets,
                },
            );
        }
        Ok(out)
    }

    /// A need past its deadline reads expired from the next day on.
    fn epoch() -> String {
        super::today()
    }
}

/// One page of needs, newest first, with facet counts: from the index once it is built,
/// from SQL until then.
pub async fn search(
    pool: &Pool,
    index: &FacetIndex<Needs>,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<NeedCard>> {
    let mut values: Vec<Option<String>> = LIST_FACETS
        .iter()
        .map(|(key, _, _)| Some(query.get(key).to_owned()).filter(|v| !v.is_empty()))
        .collect();
    values.push(Some(status_of(query).to_owned()));
    let wanted = Wanted {
        values,
        region: None,
        text: search::words(&query.q),
        ids: None,
    };
    let mut paged = (1, 1);
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
    Ok(DirectoryPage {
        items: cards_of(pool, &answer.ids).await?,
        total: answer.total,
        page: paged.0,
        pages: paged.1,
        facets: named_facets(answer.facets, locale),
    })
}

/// The same page computed by SQL alone: what the directory answers before the index is
/// built, and the reference the index is tested against.
pub async fn search_sql(
    pool: &Pool,
    query: &DirectoryQuery,
    locale: Locale,
) -> anyhow::Result<DirectoryPage<NeedCard>> {
    let mut count = builder("SELECT COUNT(*)");
    push_from_where(&mut count, Dialect::of(pool), query, "");
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .context("Failed to count needs")?;
    let (page, pages, offset) = paging(query, total);
    let mut qb = builder(&format!(
        "{} {} AS status",
        card_select(Dialect::of(pool)),
        effective()
    ));
    push_from_where(&mut qb, Dialect::of(pool), query, "");
    qb.push(" ORDER BY n.created_at DESC, n.id DESC LIMIT ")
        .push_bind(i64::from(DirectoryQuery::PER_PAGE))
        .push(" OFFSET ")
        .push_bind(offset);
    let cards: Vec<CardRow> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to list needs")?;
    let mut facets = Vec::new();
    for (key, table, column) in LIST_FACETS {
        let mut qb = builder(&format!(
            "SELECT CAST(l.{column} AS TEXT), COUNT(*) FROM {table} l JOIN ("
        ));
        qb.push("SELECT n.id");
        push_from_where(&mut qb, Dialect::of(pool), query, key);
        qb.push(format!(") m ON m.id = l.need_id GROUP BY l.{column}"));
        let rows = qb
            .build_query_as()
            .fetch_all(pool)
            .await
            .with_context(|| format!("Failed to count needs by {key}"))?;
        facets.push(Facet {
            key: key.into(),
            values: facet_values(key, rows, locale),
        });
    }
    let mut statuses = builder(&format!("SELECT {}, COUNT(*)", effective()));
    push_from_where(&mut statuses, Dialect::of(pool), query, "status");
    statuses.push(" GROUP BY 1");
    let rows = statuses
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to count needs by status")?;
    facets.push(Facet {
        key: "status".into(),
        values: facet_values("status", rows, locale),
    });
    Ok(DirectoryPage {
        items: cards.into_iter().map(card).collect(),
        total,
        page,
        pages,
        facets,
    })
}

/// The status as read, in a query built by [`builder`].
fn effective() -> String {
    EFFECTIVE_STATUS.replace("$1", "(SELECT d FROM today)")
}

/// The columns of a need's card, its types joined.
fn card_select(dialect: Dialect) -> String {
    format!(
        "SELECT n.id, n.title, n.direction, n.deadline, o.name AS org_name,
         o.slug AS org_slug, o.kind AS org_kind, o.verification,
         COALESCE((SELECT {} FROM need_types t WHERE t.need_id = n.id), '') AS types,",
        sql::joined(dialect, "t.type", "t.rowid")
    )
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    title: String,
    direction: String,
    deadline: String,
    org_name: String,
    org_slug: String,
    org_kind: String,
    verification: String,
    types: String,
    status: String,
}

fn card(r: CardRow) -> NeedCard {
    NeedCard {
        id: r.id,
        types: types_of(&r.types),
        direction: Direction::parse(&r.direction).unwrap_or(Direction::Seeking),
        status: NeedStatus::parse(&r.status).unwrap_or(NeedStatus::Withdrawn),
        deadline: r.deadline,
        organization: r.org_name,
        organization_slug: r.org_slug,
        organization_kind: OrgKind::parse(&r.org_kind).unwrap_or(OrgKind::Ngo),
        verification: Verification::parse(&r.verification),
        title: r.title,
    }
}

/// The cards of these needs (any status), in the order given.
pub async fn cards_of(pool: &Pool, ids: &[i64]) -> anyhow::Result<Vec<NeedCard>> {
    let mut qb = builder(&format!(
        "{} {} AS status",
        card_select(Dialect::of(pool)),
        effective()
    ));
    qb.push(" FROM needs n JOIN organizations o ON o.id = n.org_id WHERE ")
        .push_in("n.id", ids);
    let rows: Vec<CardRow> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to load need cards")?;
    let mut cards: Vec<NeedCard> = rows.into_iter().map(card).collect();
    cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    Ok(cards)
}

/// One need's card.
pub async fn card_of(pool: &Pool, id: i64) -> anyhow::Result<Option<NeedCard>> {
    Ok(cards_of(pool, &[id]).await?.into_iter().next())
}
