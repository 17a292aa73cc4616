//! The searchable directories of members and organizations, with facet counts.
//!
//! Visibility is part of every query: a row or field the viewer may not see
//! is neither listed, nor counted, nor used to filter or sort.

pub mod index;
pub mod members;
pub mod organizations;

use crate::domain::{DirectoryQuery, Facet, FacetCount, Sdg};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::reference::{self, M49};

/// The filters of a query, checked: unknown codes are dropped, the text is made safe.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub text: Option<Vec<String>>,
    pub origin: Option<String>,
    pub residence: Option<String>,
    pub country: Option<String>,
    pub sdg: Option<i64>,
    pub sector: Option<String>,
    pub language: Option<String>,
    pub offer: Option<String>,
    pub kind: Option<String>,
    pub verified: bool,
    pub region: Option<Vec<String>>,
    /// Only these records (members' or organizations' ids): the cards of ranked matches.
    pub ids: Option<Vec<i64>>,
}

impl Filters {
    /// Reads the URL filters.
    pub fn from_query(query: &DirectoryQuery) -> Self {
        let some = |v: &str| (!v.is_empty()).then(|| v.to_owned());
        Self {
            text: crate::server::db::search::words(&query.q),
            origin: some(&query.origin),
            residence: some(&query.residence),
            country: some(&query.country),
            sdg: Sdg::parse(&query.sdg).map(|s| i64::from(s.number())),
            sector: some(&query.sector),
            language: some(&query.language),
            offer: some(&query.offer),
            kind: some(&query.kind),
            verified: query.verified == "yes",
            region: M49::parse(&query.region).map(M49::countries),
            ids: None,
        }
    }
}

/// Adds ` AND {column} IN (…)` when the filters name records.
pub fn push_ids(qb: &mut crate::server::db::sql::QueryBuilder<'_>, f: &Filters, column: &str) {
    qb.push_only(column, f.ids.as_deref());
}

/// Offset and page count for `total` results.
pub fn paging(query: &DirectoryQuery, total: i64) -> (u32, u32, i64) {
    let per_page = i64::from(DirectoryQuery::PER_PAGE);
    let pages = u32::try_from((total + per_page - 1) / per_page)
        .unwrap_or(u32::MAX)
        .max(1);
    let page = query.page_number().min(pages);
    (page, pages, i64::from(page - 1) * per_page)
}

/// The in-memory indexes of the three directories (`index`), shared by every request.
#[derive(Debug, Default)]
pub struct Directories {
    pub members: index::FacetIndex<members::Members>,
    pub organizations: index::FacetIndex<organizations::Organizations>,
    pub needs: index::FacetIndex<crate::server::needs::directory::Needs>,
}

impl Directories {
    /// Builds the three indexes, or brings them up to date.
    pub async fn refresh(&self, pool: &Pool) -> anyhow::Result<()> {
        self.members.refresh(pool).await?;
        self.organizations.refresh(pool).await?;
        self.needs.refresh(pool).await
    }

    /// About how much memory the three hold, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.members.heap_bytes() + self.organizations.heap_bytes() + self.needs.heap_bytes()
    }

    /// Whether all three are built.
    pub fn is_loaded(&self) -> bool {
        self.members.is_loaded() && self.organizations.is_loaded() && self.needs.is_loaded()
    }
}

/// The index's facet counts as a page shows them, named and sorted.
pub fn named_facets(facets: Vec<(&'static str, Vec<(String, i64)>)>, locale: Locale) -> Vec<Facet> {
    facets
        .into_iter()
        .map(|(key, rows)| Facet {
            key: key.into(),
            values: facet_values(key, rows, locale),
        })
        .collect()
}

/// Facet values from (code, count) rows; countries and languages get their names.
pub fn facet_values(key: &str, rows: Vec<(String, i64)>, locale: Locale) -> Vec<FacetCount> {
    let mut values: Vec<FacetCount> = rows
        .into_iter()
        .map(|(code, count)| FacetCount {
            name: match key {
                "origin" | "residence" | "country" => Some(reference::country_name(&code, locale)),
                "language" => Some(reference::language_name(&code)),
                _ => None,
            },
            code,
            count,
        })
        .collect();
    // Most common first, then by name: the order depends only on counted, visible rows.
    values.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.code.cmp(&b.code))
    });
    values
}
