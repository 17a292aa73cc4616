//! The directories' index: for each facet value and each audience level, the set of
//! listed records as a compressed bitmap (`roaring`), and every listed record in the
//! directory's order. A filter is an intersection, a facet count an intersection's size,
//! a page a walk of the order: no request scans a table, and only the 20 cards of the page
//! are read from the database. `docs/directory.md` tells how it works and stays fresh.
//!
//! One [`FacetIndex`] per directory (members, organizations, needs), each described by a
//! [`Source`]: its facets, its full-text table, its order and how its records load. Each
//! app server keeps its own copies, built at start-up, and follows the change log
//! (`server::db::changes`) before answering: a record edited, hidden or deleted through
//! any server is reflected on the next request of every server. Until they are built,
//! the directories answer from SQL (each `search_sql`, also the reference the property
//! tests compare the index with).

use crate::server::db::changes::{self, Changes};
use crate::server::db::search::{self, Corpus, Terms};
use crate::server::db::sql::QueryBuilder;
use crate::server::db::{Dialect, Pool};
use anyhow::Context;
use roaring::RoaringBitmap;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};

/// One listed record as the index needs it to place it, and to remove it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where it sorts in the directory's order (ties broken by id).
    pub sort: String,
    /// Whom it is listed to: a viewer of level `L` sees it when `visibility >= L`.
    pub visibility: i64,
    /// Per facet (in [`Source::KEYS`] order): its values, and whom they are shown to.
    pub facets: Vec<Field>,
}

/// The values of one facet of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub values: Vec<String>,
    /// A viewer of level `L` may find and count the record by these values when
    /// `visibility >= L` (a member's origins have their own setting).
    pub visibility: i64,
}

/// What a query asks, in the index's terms.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// The value wanted per facet, in [`Source::KEYS`] order.
    pub values: Vec<Option<String>>,
    /// Countries of a region, looked for in the source's region facets.
    pub region: Option<Vec<String>>,
    /// An FTS5 expression.
    pub text: Option<Vec<String>>,
    /// Only these records.
    pub ids: Option<Vec<i64>>,
}

/// A directory the index can serve.
pub trait Source: Send + Sync + 'static {
    /// Its facets, in the order the page shows them.
    const KEYS: &'static [&'static str];
    /// Its full text (`db::search`).
    const TEXT: Corpus;
    /// Ordered by text relevance first when text is searched (else by its order only).
    const BY_RELEVANCE: bool;
    /// The facets a region filter looks in.
    const REGION: &'static [usize];
    /// Values listed in a facet even when nothing counts: (facet, value).
    const ALWAYS: &'static [(usize, &'static str)] = &[];

    /// The ids among changed ones that are its records.
    fn changed(members: &[i64], orgs: &[i64], needs: &[i64]) -> Vec<i64>;

    /// Its listed records: all, or only `ids` (one missing is no longer listed).
    fn load(
        pool: &Pool,
        ids: Option<&[i64]>,
    ) -> impl Future<Output = anyhow::Result<HashMap<u32, Record>>> + Send;

    /// What the records depend on beyond the change log (needs: today's date, which
    /// closes those past their deadline); a change reloads everything.
    fn epoch() -> String {
        String::new()
    }
}

/// A record as kept: its values interned (a facet's distinct values are few).
struct Stored {
    sort: Box<str>,
    /// Per facet: the numbers of its values.
    facets: Box<[Box<[u32]>]>,
}

struct State {
    loaded: bool,
    seq: i64,
    epoch: String,
    records: HashMap<u32, Stored>,
    /// By audience level (1 members, 2 public): who is listed.
    listed: [RoaringBitmap; 3],
    /// Per facet, by level: whose values of that facet a viewer of the level may use.
    shown: Vec<[RoaringBitmap; 3]>,
    /// Per facet: each distinct value, by number, and the number of each value.
    names: Vec<Vec<String>>,
    numbers: Vec<HashMap<String, u32>>,
    /// Per facet, per value number: who has it.
    values: Vec<Vec<RoaringBitmap>>,
    /// Every indexed record by sort key, then id: the directory's order.
    order: Vec<(Box<str>, u32)>,
}

impl State {
    fn empty(facets: usize) -> Self {
        Self {
            loaded: false,
            seq: 0,
            epoch: String::new(),
            records: HashMap::new(),
            listed: Default::default(),
            shown: vec![Default::default(); facets],
            names: vec![Vec::new(); facets],
            numbers: vec![HashMap::new(); facets],
            values: vec![Vec::new(); facets],
            order: Vec::new(),
        }
    }

    fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let sets = self
            .listed
            .iter()
            .chain(self.shown.iter().flatten())
            .chain(self.values.iter().flatten())
            .map(RoaringBitmap::serialized_size)
            .sum::<usize>();
        // A hash map entry: the key, the value, a control byte, at 7/8 load.
        let records = self.records.capacity() * (size_of::<(u32, Stored)>() + 1) * 8 / 7
            + self
                .records
                .values()
                .map(|r| {
                    r.sort.len()
                        + r.facets.len() * size_of::<Box<[u32]>>()
                        + r.facets.iter().map(|f| f.len() * 4).sum::<usize>()
                })
                .sum::<usize>();
        let order = self.order.capacity() * size_of::<(Box<str>, u32)>()
            + self.order.iter().map(|(key, _)| key.len()).sum::<usize>();
        let names = self
            .names
            .iter()
            .flatten()
            .map(|n| 2 * (n.len() + size_of::<String>()))
            .sum::<usize>();
        sets + records + order + names
    }

    /// The number of a facet's value, given one if new.
    fn number(&mut self, facet: usize, value: String) -> u32 {
        if let Some(n) = self.numbers[facet].get(&value) {
            return *n;
        }
        let n = u32::try_from(self.names[facet].len()).unwrap_or(u32::MAX);
        self.names[facet].push(value.clone());
        self.numbers[facet].insert(value, n);
        self.values[facet].push(RoaringBitmap::new());
        n
    }

    /// Who has a facet's value (nobody when unknown).
    fn having(&self, facet: usize, value: &str) -> Option<&RoaringBitmap> {
        let n = *self.numbers[facet].get(value)?;
        self.values[facet].get(n as usize)
    }

    fn add(&mut self, id: u32, r: Record) {
        for level in 1..=2 {
            if r.visibility >= level {
                self.listed[level as usize].insert(id);
            }
        }
        let mut facets = Vec::with_capacity(r.facets.len());
        for (facet, field) in r.facets.into_iter().enumerate() {
            for level in 1..=2 {
                if field.visibility >= level {
                    self.shown[facet][level as usize].insert(id);
                }
            }
            let numbers: Box<[u32]> = field
                .values
                .into_iter()
                .map(|v| {
                    let n = self.number(facet, v);
                    self.values[facet][n as usize].insert(id);
                    n
                })
                .collect();
            facets.push(numbers);
        }
        let sort: Box<str> = r.sort.into();
        let key = (sort.clone(), id);
        let at = self.order.binary_search(&key).unwrap_or_else(|at| at);
        self.order.insert(at, key);
        self.records.insert(
            id,
            Stored {
                sort,
                facets: facets.into(),
            },
        );
    }

    fn remove(&mut self, id: u32) {
        let Some(r) = self.records.remove(&id) else {
            return;
        };
        for set in &mut self.listed {
            set.remove(id);
        }
        for (facet, numbers) in r.facets.iter().enumerate() {
            for set in &mut self.shown[facet] {
                set.remove(id);
            }
            for n in numbers.iter() {
                if let Some(set) = self.values[facet].get_mut(*n as usize) {
                    set.remove(id);
                }
            }
        }
        if let Ok(at) = self.order.binary_search(&(r.sort, id)) {
            self.order.remove(at);
        }
    }

    /// Who matches every filter but the one of facet `except`, for a viewer of `level`.
    fn matching<S: Source>(&self, q: &Query<'_>, except: Option<usize>) -> RoaringBitmap {
        let level = q.level;
        let mut set = self.listed[level].clone();
        if let Some(ids) = &q.ids {
            set &= ids;
        }
        if let Some(text) = q.text {
            set &= &text.set;
        }
        for (facet, value) in q.wanted.values.iter().enumerate() {
            let Some(value) = value else { continue };
            if Some(facet) == except {
                continue;
            }
            // Only records that show this facet to the viewer can be found by it.
            set &= &self.shown[facet][level];
            match self.having(facet, value) {
                Some(has) => set &= has,
                None => set.clear(),
            }
        }
        if let Some(region) = &q.wanted.region {
            let mut inside = RoaringBitmap::new();
            for facet in S::REGION {
                let mut found = RoaringBitmap::new();
                for c in region {
                    if let Some(has) = self.having(*facet, c) {
                        found |= has;
                    }
                }
                inside |= found & &self.shown[*facet][level];
            }
            set &= inside;
        }
        set
    }
}

/// Records whose text matches a query, with FTS5's rank.
#[derive(Debug, Default)]
pub struct TextHits {
    set: RoaringBitmap,
    rank: HashMap<u32, f64>,
}

struct Query<'a> {
    level: usize,
    wanted: &'a Wanted,
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
    /// Per facet (in [`Source::KEYS`] order): (value, count) for every value that counts.
    pub facets: Vec<(&'static str, Vec<(String, i64)>)>,
}

/// Full-text answers kept at most; past it, forgotten all at once.
const TEXT_CACHE: usize = 512;
/// Below this many results, sorting them beats walking the whole order.
const SORT_BELOW: u64 = 2_000;

/// The index of one directory; see the module documentation.
pub struct FacetIndex<S: Source> {
    state: RwLock<State>,
    /// Recent full-text answers, valid while the change log has not moved.
    texts: Mutex<(i64, HashMap<String, Arc<TextHits>>)>,
    /// Held while the whole index loads (see `MatchIndex`): one load at a time.
    loading: tokio::sync::Mutex<()>,
    source: std::marker::PhantomData<S>,
}

impl<S: Source> Default for FacetIndex<S> {
    fn default() -> Self {
        Self {
            state: RwLock::new(State::empty(S::KEYS.len())),
            texts: Mutex::default(),
            loading: tokio::sync::Mutex::default(),
            source: std::marker::PhantomData,
        }
    }
}

impl<S: Source> std::fmt::Debug for FacetIndex<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FacetIndex({:?}: {} records)", S::TEXT, self.len())
    }
}

impl<S: Source> FacetIndex<S> {
    /// Builds the index, or brings it up to date with the database.
    pub async fn refresh(&self, pool: &Pool) -> anyhow::Result<()> {
        let today = S::epoch();
        let _loading = match self.read(|s| s.loaded && s.epoch == today) {
            true => None,
            false => Some(self.loading.lock().await),
        };
        let (loaded, seen, epoch) = self.read(|s| (s.loaded, s.seq, s.epoch.clone()));
        let changes = match changes::since(pool, loaded && epoch == today, seen).await? {
            Changes::Some {
                latest,
                members,
                orgs,
                needs,
            } => (latest, S::changed(&members, &orgs, &needs)),
            Changes::None => return Ok(()),
            Changes::All { latest } => {
                let records = S::load(pool, None).await?;
                let mut fresh = State::empty(S::KEYS.len());
                fresh.loaded = true;
                fresh.seq = latest;
                fresh.epoch = today;
                for (id, r) in records {
                    fresh.add(id, r);
                }
                self.write(|s| {
                    if latest >= s.seq || !s.loaded {
                        *s = fresh;
                    }
                });
                return Ok(());
            }
        };
        let (latest, ids) = changes;
        let fresh = if ids.is_empty() {
            HashMap::new()
        } else {
            S::load(pool, Some(&ids)).await?
        };
        self.write(|s| {
            if latest < s.seq {
                return;
            }
            for id in ids.iter().filter_map(|id| u32::try_from(*id).ok()) {
                s.remove(id);
                if let Some(r) = fresh.get(&id) {
                    s.add(id, r.clone());
                }
            }
            s.seq = latest;
        });
        Ok(())
    }

    /// Whether the index has been built.
    pub fn is_loaded(&self) -> bool {
        self.read(|s| s.loaded)
    }

    /// How many records are indexed (every listed one).
    pub fn len(&self) -> usize {
        self.read(|s| s.records.len())
    }

    /// About how much memory the index holds, in bytes: its sets as roaring serializes
    /// them (close to their size in memory), its records and its order.
    pub fn heap_bytes(&self) -> usize {
        self.read(State::heap_bytes)
    }

    /// Whether no record is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The records whose text matches `expression` (an FTS5 query), remembered until the
    /// next change.
    async fn text_hits(&self, pool: &Pool, expression: &str) -> anyhow::Result<Arc<TextHits>> {
        let seq = self.read(|s| s.seq);
        {
            let cache = self.texts.lock().unwrap_or_else(|e| e.into_inner());
            if cache.0 == seq {
                if let Some(hits) = cache.1.get(expression) {
                    return Ok(hits.clone());
                }
            }
        }
        let mut qb = QueryBuilder::new("");
        let words: Vec<String> = expression.split(' ').map(str::to_owned).collect();
        search::push_ranked(
            &mut qb,
            Dialect::of(pool),
            S::TEXT,
            Terms::typed(&words),
            1.0,
        );
        let rows: Vec<(i64, f64)> = qb
            .build_query_as()
            .fetch_all(pool)
            .await
            .with_context(|| format!("Failed to search {:?}", S::TEXT))?;
        let mut hits = TextHits::default();
        for (id, relevance) in rows {
            if let Ok(id) = u32::try_from(id) {
                hits.set.insert(id);
                // Lower ranks first, as FTS5's own rank.
                hits.rank.insert(id, -relevance);
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

    /// Brings the index up to date, then answers the page at `page(total)` = (offset,
    /// per page) of what matches `wanted` for a viewer of `level`, with the total and the
    /// facet counts; `None` while the index is not built (the caller asks SQL).
    pub async fn answer(
        &self,
        pool: &Pool,
        wanted: &Wanted,
        level: i64,
        page: impl FnOnce(i64) -> (i64, usize),
    ) -> anyhow::Result<Option<Answer>> {
        if !self.is_loaded() {
            return Ok(None);
        }
        self.refresh(pool).await?;
        let text = match &wanted.text {
            Some(words) => Some(self.text_hits(pool, &words.join(" ")).await?),
            None => None,
        };
        let Some(level) = usize::try_from(level).ok().filter(|l| (1..=2).contains(l)) else {
            return Ok(None);
        };
        let q = Query {
            level,
            wanted,
            ids: wanted.ids.as_ref().map(|ids| {
                ids.iter()
                    .filter_map(|id| u32::try_from(*id).ok())
                    .collect()
            }),
            text: text.as_deref(),
        };
        Ok(self.read(|s| {
            if !s.loaded {
                return None;
            }
            let all = s.matching::<S>(&q, None);
            let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
            let (offset, per_page) = page(total);
            let offset = usize::try_from(offset).unwrap_or(0);
            let ids = match q.text {
                Some(text) if S::BY_RELEVANCE => by_relevance(s, &all, text, offset, per_page),
                _ => in_order(s, &all, offset, per_page),
            };
            let facets = S::KEYS
                .iter()
                .enumerate()
                .map(|(facet, key)| (*key, counts::<S>(s, &q, &all, facet)))
                .collect();
            Some(Answer { total, ids, facets })
        }))
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

/// One facet's counts: each value under every filter but the facet's own, among records
/// that show the facet to the viewer.
fn counts<S: Source>(
    s: &State,
    q: &Query<'_>,
    all: &RoaringBitmap,
    facet: usize,
) -> Vec<(String, i64)> {
    let base = if q.wanted.values.get(facet).is_some_and(Option::is_some) {
        s.matching::<S>(q, Some(facet))
    } else {
        all.clone()
    } & &s.shown[facet][q.level];
    let mut counts: Vec<(String, i64)> = s.values[facet]
        .iter()
        .zip(&s.names[facet])
        .filter_map(|(has, value)| {
            let n = base.intersection_len(has);
            (n > 0).then(|| (value.clone(), i64::try_from(n).unwrap_or(i64::MAX)))
        })
        .collect();
    for (f, value) in S::ALWAYS {
        if *f == facet && !counts.iter().any(|(v, _)| v == value) {
            counts.push(((*value).to_owned(), 0));
        }
    }
    counts
}

/// One page of `set` in the directory's order.
fn in_order(s: &State, set: &RoaringBitmap, offset: usize, per_page: usize) -> Vec<i64> {
    if set.len() < SORT_BELOW {
        let mut found: Vec<(&str, u32)> = set
            .iter()
            .filter_map(|id| s.records.get(&id).map(|r| (&*r.sort, id)))
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

/// One page of `set` by text relevance, then the directory's order: never by a private field.
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
            let r = s.records.get(&id)?;
            Some((text.rank.get(&id).copied().unwrap_or(0.0), &*r.sort, id))
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

/// Record ids as the index keys them; an id beyond `u32` is left out, loudly.
pub fn key_of(id: i64) -> Option<u32> {
    let key = u32::try_from(id).ok();
    if key.is_none() {
        tracing::warn!(id, "an id too large for the directory index: not listed");
    }
    key
}
