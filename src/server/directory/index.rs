//! The member directory's index: for each facet value and each audience level, the set
//! of listed members as a compressed bitmap (`roaring`), and every listed member in name
//! order. A filter is an intersection, a facet count an intersection's size, a page a walk
//! of the name order: no request scans the profile table, and only the 20 cards of the
//! page are read from the database. `docs/directory.md` tells how it works and stays fresh.
//!
//! Each app server keeps its own copy, built at start-up, and follows the change log
//! (`server::db::changes`) before answering: a profile edited, hidden or deleted through
//! any server is reflected on the next request of every server. Until it is built, the
//! directory answers from SQL (`members::search_sql`, also the reference the property
//! test compares it with).

use super::Filters;
use crate::server::db::changes::{self, Changes};
use crate::server::matching::index::lists;
use anyhow::Context;
use roaring::RoaringBitmap;
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// The facets of the member directory, in the order the page shows them.
pub const KEYS: [&str; 6] = ["residence", "origin", "language", "sector", "offer", "sdg"];

/// The list tables behind the facets but residence: (facet, table, column).
const LISTS: [(usize, &str, &str); 5] = [
    (1, "profile_origins", "country"),
    (2, "profile_languages", "language"),
    (3, "profile_sectors", "sector"),
    (4, "profile_offers", "offer"),
    (5, "profile_sdgs", "sdg"),
];
const ORIGIN: usize = 1;

/// One listed member, as the index needs it to place and to remove them.
#[derive(Debug, Clone)]
struct Member {
    name: String,
    visibility: i64,
    origin_visibility: i64,
    /// Values per facet, in [`KEYS`] order.
    values: [Vec<String>; 6],
}

#[derive(Default)]
struct State {
    loaded: bool,
    seq: i64,
    members: HashMap<u32, Member>,
    /// By audience level (1 members, 2 public): who is listed, whose origins are shown.
    listed: [RoaringBitmap; 3],
    origins_shown: [RoaringBitmap; 3],
    /// Per facet (in [`KEYS`] order), per value: who has it.
    values: [HashMap<String, RoaringBitmap>; 6],
    /// Every indexed member, by name then id: the directory's order.
    order: Vec<(String, u32)>,
}

impl State {
    fn add(&mut self, id: u32, m: Member) {
        for level in 1..=2 {
            if m.visibility >= level {
                self.listed[level as usize].insert(id);
            }
            if m.origin_visibility >= level {
                self.origins_shown[level as usize].insert(id);
            }
        }
        for (facet, values) in m.values.iter().enumerate() {
            for v in values {
                self.values[facet].entry(v.clone()).or_default().insert(id);
            }
        }
        let key = (m.name.clone(), id);
        let at = self.order.binary_search(&key).unwrap_or_else(|at| at);
        self.order.insert(at, key);
        self.members.insert(id, m);
    }

    fn remove(&mut self, id: u32) {
        let Some(m) = self.members.remove(&id) else {
            return;
        };
        for set in self.listed.iter_mut().chain(self.origins_shown.iter_mut()) {
            set.remove(id);
        }
        for (facet, values) in m.values.iter().enumerate() {
            for v in values {
                if let Some(set) = self.values[facet].get_mut(v) {
                    set.remove(id);
                    if set.is_empty() {
                        self.values[facet].remove(v);
                    }
                }
            }
        }
        if let Ok(at) = self.order.binary_search(&(m.name, id)) {
            self.order.remove(at);
        }
    }

    /// Who matches every filter but the one of facet `except`, as a viewer of `level` may see.
    fn matching(&self, q: &Query<'_>, except: Option<usize>) -> RoaringBitmap {
        let level = q.level;
        let mut set = self.listed[level].clone();
        if let Some(ids) = &q.ids {
            set &= ids;
        }
        if let Some(text) = q.text {
            set &= &text.set;
        }
        for (facet, value) in q.wanted.iter().enumerate() {
            let Some(value) = value else { continue };
            if Some(facet) == except {
                continue;
            }
            if facet == ORIGIN {
                // Only members who show their origins to this viewer can be found by them.
                set &= &self.origins_shown[level];
            }
            match self.values[facet].get(*value) {
                Some(has) => set &= has,
                None => set.clear(),
            }
        }
        if let Some(region) = q.region {
            let mut inside = RoaringBitmap::new();
            let mut from = RoaringBitmap::new();
            for c in region {
                if let Some(has) = self.values[0].get(c) {
                    inside |= has;
                }
                if let Some(has) = self.values[ORIGIN].get(c) {
                    from |= has;
                }
            }
            inside |= from & &self.origins_shown[level];
            set &= inside;
        }
        set
    }
}

/// Members whose visible text matches a query, with FTS5's rank.
#[derive(Debug, Default)]
pub struct TextHits {
    set: RoaringBitmap,
    rank: HashMap<u32, f64>,
}

/// A query in the index's terms.
struct Query<'a> {
    level: usize,
    /// Wanted value per facet, in [`KEYS`] order.
    wanted: [Option<&'a str>; 6],
    region: Option<&'a [String]>,
    ids: Option<RoaringBitmap>,
    text: Option<&'a TextHits>,
}

/// What the index answers for one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Everything that matches.
    pub total: i64,
    /// The ids of the page asked for, in order.
    pub ids: Vec<i64>,
    /// Per facet (in [`KEYS`] order): (value, count) for every value with a count.
    pub facets: Vec<(&'static str, Vec<(String, i64)>)>,
}

/// The shared index; see the module documentation.
#[derive(Default)]
pub struct MemberIndex {
    state: RwLock<State>,
    /// Recent full-text answers, valid while the change log has not moved.
    texts: Mutex<(i64, HashMap<String, Arc<TextHits>>)>,
}

impl std::fmt::Debug for MemberIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MemberIndex({} members)", self.len())
    }
}

/// Full-text answers kept at most; past it, forgotten all at once.
const TEXT_CACHE: usize = 512;

impl MemberIndex {
    /// Builds the index, or brings it up to date with the database.
    pub async fn refresh(&self, pool: &SqlitePool) -> anyhow::Result<()> {
        let (loaded, seen) = self.read(|s| (s.loaded, s.seq));
        match changes::since(pool, loaded, seen).await? {
            Changes::None => Ok(()),
            Changes::All { latest } => {
                let members = load(pool, None).await?;
                let mut fresh = State {
                    loaded: true,
                    seq: latest,
                    ..State::default()
                };
                for (id, m) in members {
                    fresh.add(id, m);
                }
                self.write(|s| {
                    if latest >= s.seq {
                        *s = fresh;
                    }
                });
                Ok(())
            }
            Changes::Some {
                latest, members, ..
            } => {
                if members.is_empty() {
                    self.write(|s| s.seq = s.seq.max(latest));
                    return Ok(());
                }
                let fresh = load(pool, Some(&members)).await?;
                self.write(|s| {
                    if latest < s.seq {
                        return;
                    }
                    for id in members.iter().filter_map(|id| u32::try_from(*id).ok()) {
                        s.remove(id);
                        if let Some(m) = fresh.get(&id) {
                            s.add(id, m.clone());
                        }
                    }
                    s.seq = latest;
                });
                Ok(())
            }
        }
    }

    /// Whether the index has been built.
    pub fn is_loaded(&self) -> bool {
        self.read(|s| s.loaded)
    }

    /// How many members are indexed (every listed one).
    pub fn len(&self) -> usize {
        self.read(|s| s.members.len())
    }

    /// Whether no member is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members whose visible text matches `expression` (an FTS5 query), remembered
    /// until the next change.
    pub async fn text_hits(
        &self,
        pool: &SqlitePool,
        expression: &str,
    ) -> anyhow::Result<Arc<TextHits>> {
        let seq = self.read(|s| s.seq);
        {
            let cache = self.texts.lock().unwrap_or_else(|e| e.into_inner());
            if cache.0 == seq {
                if let Some(hits) = cache.1.get(expression) {
                    return Ok(hits.clone());
                }
            }
        }
        let rows: Vec<(i64, f64)> =
            sqlx::query_as("SELECT rowid, rank FROM member_search WHERE member_search MATCH $1")
                .bind(expression)
                .fetch_all(pool)
                .await
                .context("Failed to search members' text")?;
        let mut hits = TextHits::default();
        for (id, rank) in rows {
            if let Ok(id) = u32::try_from(id) {
                hits.set.insert(id);
                hits.rank.insert(id, rank);
            }
        }
        let hits = Arc::new(hits);
        let mut cache = self.texts.lock().unwrap_or_else(|e| e.into_inner());
        if cache.0 != seq || cache.1.len() >= TEXT_CACHE {
            *cache = (seq, HashMap::new());
        }
        cache.1.insert(expression.to_owned(), hits.clone());
        Ok(hits)
    }

    /// The page at `offset` (`per_page` ids) of what matches `f` for a viewer of `level`,
    /// with the total and the facet counts; `None` until the index is built.
    pub fn answer(
        &self,
        f: &Filters,
        text: Option<&TextHits>,
        level: i64,
        page: impl FnOnce(i64) -> (i64, usize),
    ) -> Option<Answer> {
        let level = usize::try_from(level)
            .ok()
            .filter(|l| (1..=2).contains(l))?;
        let sdg = f.sdg.map(|n| n.to_string());
        let q = Query {
            level,
            wanted: [
                f.residence.as_deref(),
                f.origin.as_deref(),
                f.language.as_deref(),
                f.sector.as_deref(),
                f.offer.as_deref(),
                sdg.as_deref(),
            ],
            region: f.region.as_deref(),
            ids: f.ids.as_ref().map(|ids| {
                ids.iter()
                    .filter_map(|id| u32::try_from(*id).ok())
                    .collect()
            }),
            text,
        };
        self.read(|s| {
            if !s.loaded {
                return None;
            }
            let all = s.matching(&q, None);
            let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
            let (offset, per_page) = page(total);
            let offset = usize::try_from(offset).unwrap_or(0);
            let ids = match text {
                Some(text) => by_relevance(s, &all, text, offset, per_page),
                None => by_name(s, &all, offset, per_page),
            };
            let facets = KEYS
                .iter()
                .enumerate()
                .map(|(facet, key)| {
                    // Each facet counts under every filter but its own.
                    let base = if q.wanted[facet].is_some() {
                        s.matching(&q, Some(facet))
                    } else {
                        all.clone()
                    };
                    let base = if facet == ORIGIN {
                        base & &s.origins_shown[level]
                    } else {
                        base
                    };
                    let counts = s.values[facet]
                        .iter()
                        .filter_map(|(value, has)| {
                            let n = base.intersection_len(has);
                            (n > 0).then(|| (value.clone(), i64::try_from(n).unwrap_or(i64::MAX)))
                        })
                        .collect();
                    (*key, counts)
                })
                .collect();
            Some(Answer { total, ids, facets })
        })
    }

    fn read<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        // A panic while holding the lock leaves data that is still whole: keep using it.
        let guard = self.state.read().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }

    fn write(&self, f: impl FnOnce(&mut State)) {
        let mut guard = self.state.write().unwrap_or_else(|e| e.into_inner());
        f(&mut guard);
    }
}

/// Below this many results, sorting them beats walking the whole name order.
const SORT_BELOW: u64 = 2_000;

/// One page of `set` in name order.
fn by_name(s: &State, set: &RoaringBitmap, offset: usize, per_page: usize) -> Vec<i64> {
    if set.len() < SORT_BELOW {
        let mut found: Vec<(&str, u32)> = set
            .iter()
            .filter_map(|id| s.members.get(&id).map(|m| (m.name.as_str(), id)))
            .collect();
        found.sort_unstable();
        return found
            .into_iter()
            .skip(offset)
            .take(per_page)
            .map(|(_, id)| i64::from(id))
            .collect();
    }
    s.order
        .iter()
        .filter(|(_, id)| set.contains(*id))
        .skip(offset)
        .take(per_page)
        .map(|(_, id)| i64::from(*id))
        .collect()
}

/// One page of `set` by text relevance, then name: never by a private field.
fn by_relevance(
    s: &State,
    set: &RoaringBitmap,
    text: &TextHits,
    offset: usize,
    per_page: usize,
) -> Vec<i64> {
    let mut found: Vec<(f64, &str, u32)> = set
        .iter()
        .filter_map(|id| {
            let m = s.members.get(&id)?;
            Some((
                text.rank.get(&id).copied().unwrap_or(0.0),
                m.name.as_str(),
                id,
            ))
        })
        .collect();
    found.sort_unstable_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    found
        .into_iter()
        .skip(offset)
        .take(per_page)
        .map(|(_, _, id)| i64::from(id))
        .collect()
}

/// Listed members (not hidden) with their facet values; all, or only `ids`.
async fn load(pool: &SqlitePool, ids: Option<&[i64]>) -> anyhow::Result<HashMap<u32, Member>> {
    let rows: Vec<(i64, String, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT p.user_id, u.display_name, p.visibility, p.origin_visibility, p.residence
         FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE p.visibility > 0
           AND ($1 IS NULL OR p.user_id IN (SELECT value FROM json_each($1)))",
    )
    .bind(ids.map(|ids| serde_json::to_string(ids).unwrap_or_default()))
    .fetch_all(pool)
    .await
    .context("Failed to load profiles for the directory")?;
    let mut values: [HashMap<i64, Vec<String>>; 6] = Default::default();
    for (facet, table, column) in LISTS {
        values[facet] = lists(pool, table, "user_id", column, ids).await?;
    }
    let mut out = HashMap::with_capacity(rows.len());
    for (id, name, visibility, origin_visibility, residence) in rows {
        let Ok(key) = u32::try_from(id) else {
            tracing::warn!(
                id,
                "a member id too large for the directory index: not listed"
            );
            continue;
        };
        let mut member = Member {
            name,
            visibility,
            origin_visibility,
            values: Default::default(),
        };
        member.values[0] = residence.into_iter().collect();
        for (facet, _, _) in LISTS {
            member.values[facet] = values[facet].remove(&id).unwrap_or_default();
        }
        out.insert(key, member);
    }
    Ok(out)
}
