//! The matching index: every listed profile and organization in compact form, in memory,
//! so a need is scored against 100,000 candidates in a few milliseconds.
//!
//! Each app server keeps its own copy and follows `match_changes` (filled by triggers on
//! `profiles` and `organizations`, whose lists are always written with their row): before
//! each query it reloads what changed since it last looked, or everything when much did.

use super::score::{kind_bit, type_bit, Candidate};
use crate::domain::{Offer, OrgKind, PartnerKind, PartnershipType, Sector, Verification};
use crate::server::db::changes::{self, Changes};
use crate::server::db::sql::QueryBuilder;
use crate::server::db::Pool;
use anyhow::Context;

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

/// One indexed record with the visibility levels the rules need.
#[derive(Debug, Clone)]
pub struct Entry {
    pub candidate: Candidate,
    /// Profile visibility level (organizations: always public, 2).
    pub visibility: i64,
    /// Origins' visibility level (organizations: 0, they have none).
    pub origin_visibility: i64,
}

#[derive(Default)]
struct Snapshot {
    loaded: bool,
    seq: i64,
    members: Table,
    orgs: Table,
}

/// Entries in one contiguous vector (scanned in order, cache-friendly), found by id.
#[derive(Default)]
struct Table {
    rows: Vec<(i64, Entry)>,
    at: HashMap<i64, usize>,
}

impl Table {
    fn from_map(map: HashMap<i64, Entry>) -> Self {
        let mut rows: Vec<(i64, Entry)> = map.into_iter().collect();
        rows.sort_by_key(|(id, _)| *id);
        let at = rows
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        Self { rows, at }
    }

    fn get(&self, id: i64) -> Option<&Entry> {
        self.at
            .get(&id)
            .and_then(|i| self.rows.get(*i))
            .map(|(_, e)| e)
    }

    fn upsert(&mut self, id: i64, entry: Entry) {
        match self.at.get(&id) {
            Some(i) => {
                if let Some(row) = self.rows.get_mut(*i) {
                    row.1 = entry;
                }
            }
            None => {
                self.at.insert(id, self.rows.len());
                self.rows.push((id, entry));
            }
        }
    }

    fn remove(&mut self, id: i64) {
        if let Some(i) = self.at.remove(&id) {
            self.rows.swap_remove(i);
            if let Some((moved, _)) = self.rows.get(i) {
                self.at.insert(*moved, i);
            }
        }
    }
}

/// The shared index; see the module documentation.
#[derive(Default)]
pub struct MatchIndex {
    snapshot: RwLock<Snapshot>,
    /// How many profiles (or organizations) use a word, as FTS5 counts it: (count, when).
    word_counts: Mutex<HashMap<(Side, String), (i64, Instant)>>,
    /// Held while the whole index loads, so requests that find it unloaded wait for one
    /// load instead of each making its own.
    loading: tokio::sync::Mutex<()>,
}

/// How long a word's count is trusted; counts move slowly.
const WORD_COUNT_TTL: Duration = Duration::from_secs(600);

impl std::fmt::Debug for MatchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (members, orgs) = self.len();
        write!(f, "MatchIndex({members} members, {orgs} organizations)")
    }
}

/// Which records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Members,
    Organizations,
}

impl MatchIndex {
    /// Brings the index up to date with the database.
    pub async fn refresh(&self, pool: &Pool) -> anyhow::Result<()> {
        let _loading = match self.read(|s| s.loaded) {
            true => None,
            false => Some(self.loading.lock().await),
        };
        let (loaded, seen) = self.read(|s| (s.loaded, s.seq));
        let (latest, member_ids, org_ids) = match changes::since(pool, loaded, seen).await? {
            Changes::None => return Ok(()),
            Changes::All { latest } => {
                let members = load_members(pool, None).await?;
                let orgs = load_orgs(pool, None).await?;
                self.write(|s| {
                    if latest >= s.seq {
                        *s = Snapshot {
                            loaded: true,
                            seq: latest,
                            members: Table::from_map(members),
                            orgs: Table::from_map(orgs),
                        };
                    }
                });
                return Ok(());
            }
            Changes::Some {
                latest,
                members,
                orgs,
                ..
            } => (latest, members, orgs),
        };
        let members = load_members(pool, Some(&member_ids)).await?;
        let orgs = load_orgs(pool, Some(&org_ids)).await?;
        self.write(|s| {
            if latest < s.seq {
                return;
            }
            for id in &member_ids {
                match members.get(id) {
                    Some(entry) => s.members.upsert(*id, entry.clone()),
                    None => s.members.remove(*id),
                }
            }
            for id in &org_ids {
                match orgs.get(id) {
                    Some(entry) => s.orgs.upsert(*id, entry.clone()),
                    None => s.orgs.remove(*id),
                }
            }
            s.seq = latest;
        });
        Ok(())
    }

    /// Runs `f` over every entry of one side.
    pub fn scan<T>(
        &self,
        side: Side,
        f: impl FnOnce(&mut dyn Iterator<Item = (i64, &Entry)>) -> T,
    ) -> T {
        self.read(|s| {
            let table = match side {
                Side::Members => &s.members,
                Side::Organizations => &s.orgs,
            };
            f(&mut table.rows.iter().map(|(id, e)| (*id, e)))
        })
    }

    /// One entry, if indexed.
    pub fn entry(&self, side: Side, id: i64) -> Option<Entry> {
        self.read(|s| match side {
            Side::Members => s.members.get(id).cloned(),
            Side::Organizations => s.orgs.get(id).cloned(),
        })
    }

    /// A word's remembered count on one side, if fresh.
    pub fn word_count(&self, side: Side, word: &str) -> Option<i64> {
        let counts = self.word_counts.lock().unwrap_or_else(|e| e.into_inner());
        counts
            .get(&(side, word.to_owned()))
            .filter(|(_, at)| at.elapsed() < WORD_COUNT_TTL)
            .map(|(n, _)| *n)
    }

    /// Remembers a word's count on one side.
    pub fn remember_word_count(&self, side: Side, word: &str, count: i64) {
        let mut counts = self.word_counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() > 50_000 {
            counts.clear();
        }
        counts.insert((side, word.to_owned()), (count, Instant::now()));
    }

    /// How many records each side holds.
    pub fn len(&self) -> (usize, usize) {
        self.read(|s| (s.members.rows.len(), s.orgs.rows.len()))
    }

    fn read<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        // A panic while holding the lock leaves data that is still whole: keep using it.
        let guard = self.snapshot.read().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }

    fn write(&self, f: impl FnOnce(&mut Snapshot)) {
        let mut guard = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        f(&mut guard);
    }
}

/// A two-letter code (country or language) as a small id.
pub fn code_id(code: &str) -> u16 {
    let b = code.as_bytes();
    match b {
        [a, c] => u16::from_be_bytes([a.to_ascii_uppercase(), c.to_ascii_uppercase()]),
        _ => u16::MAX,
    }
}

/// Back from [`code_id`] to the country code.
pub fn country_code(id: u16) -> String {
    String::from_utf8_lossy(&id.to_be_bytes()).into_owned()
}

/// Back from [`code_id`] to the language code.
pub fn language_code(id: u16) -> String {
    country_code(id).to_ascii_lowercase()
}

/// The bit of a sector.
pub fn sector_bit(sector: Sector) -> usize {
    Sector::ALL.iter().position(|s| *s == sector).unwrap_or(0)
}

/// The partnership types a member's offer provides.
pub fn offer_provides(offer: Offer) -> &'static [PartnershipType] {
    use PartnershipType as T;
    match offer {
        Offer::Mentoring => &[T::Mentoring],
        Offer::Expertise => &[T::Expertise, T::CoImplementation, T::Research],
        Offer::Investment => &[T::Investment, T::Funding],
        Offer::Volunteering => &[T::Volunteering, T::CoImplementation],
        Offer::Advocacy => &[T::Advocacy],
        Offer::KnowledgeTransfer => &[T::KnowledgeExchange, T::Research],
        Offer::Philanthropy => &[T::Funding],
    }
}

/// The partnership types an organization of a kind typically provides.
pub fn kind_provides(kind: OrgKind) -> &'static [PartnershipType] {
    use PartnershipType as T;
    match kind {
        OrgKind::Diaspora => &[
            T::Mentoring,
            T::Volunteering,
            T::KnowledgeExchange,
            T::Advocacy,
            T::CoImplementation,
        ],
        OrgKind::Government => &[T::Funding, T::CoImplementation, T::Advocacy],
        OrgKind::International => &[T::Funding, T::Expertise, T::CoImplementation, T::Research],
        OrgKind::Ngo => &[
            T::CoImplementation,
            T::Advocacy,
            T::Volunteering,
            T::Expertise,
        ],
        OrgKind::Private => &[T::Investment, T::Funding, T::Expertise, T::Mentoring],
        OrgKind::Academia => &[T::Research, T::Expertise, T::KnowledgeExchange],
        OrgKind::Foundation => &[T::Funding, T::Advocacy],
    }
}

fn types_mask(types: &[PartnershipType]) -> u32 {
    types.iter().fold(0, |m, t| m | 1 << type_bit(*t))
}

/// The list rows of `table` (id column `owner`), grouped by record; all, or only `ids`.
pub(crate) async fn lists(
    pool: &Pool,
    table: &str,
    owner: &str,
    column: &str,
    ids: Option<&[i64]>,
) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    let mut qb = QueryBuilder::new(format!(
        "SELECT {owner}, CAST({column} AS TEXT) FROM {table} WHERE 1 = 1"
    ));
    qb.push_only(owner, ids);
    let rows: Vec<(i64, String)> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .with_context(|| format!("Failed to load {table} for matching"))?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, value) in rows {
        out.entry(id).or_default().push(value);
    }
    Ok(out)
}

fn ids_of(values: Option<&Vec<String>>) -> Vec<u16> {
    let mut ids: Vec<u16> = values
        .map(|v| v.iter().map(|c| code_id(c)).collect())
        .unwrap_or_default();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn sdg_mask(values: Option<&Vec<String>>) -> u32 {
    values.map_or(0, |v| {
        v.iter()
            .filter_map(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=17).contains(n))
            .fold(0, |m, n| m | 1 << n)
    })
}

fn sector_mask(values: Option<&Vec<String>>) -> u32 {
    values.map_or(0, |v| {
        v.iter()
            .filter_map(|c| Sector::parse(c))
            .fold(0, |m, s| m | 1 << sector_bit(s))
    })
}

/// Listed member profiles (not hidden), optionally only `ids`.
async fn load_members(pool: &Pool, ids: Option<&[i64]>) -> anyhow::Result<HashMap<i64, Entry>> {
    let mut qb = QueryBuilder::new(
        "SELECT user_id, visibility, origin_visibility, residence, confirmed_at FROM profiles
         WHERE visibility > 0 AND delisted_at IS NULL",
    );
    qb.push_only("user_id", ids);
    let rows: Vec<(i64, i64, i64, Option<String>, i64)> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to load profiles for matching")?;
    let origins = lists(pool, "profile_origins", "user_id", "country", ids).await?;
    let languages = lists(pool, "profile_languages", "user_id", "language", ids).await?;
    let sectors = lists(pool, "profile_sectors", "user_id", "sector", ids).await?;
    let offers = lists(pool, "profile_offers", "user_id", "offer", ids).await?;
    let sdgs = lists(pool, "profile_sdgs", "user_id", "sdg", ids).await?;
    let member = 1 << kind_bit(PartnerKind::Member);
    Ok(rows
        .into_iter()
        .map(
            |(id, visibility, origin_visibility, residence, confirmed_at)| {
                let provides = offers.get(&id).map_or(0, |v| {
                    v.iter()
                        .filter_map(|o| Offer::parse(o))
                        .fold(0, |m, o| m | types_mask(offer_provides(o)))
                });
                let candidate = Candidate {
                    kind: member,
                    sdgs: sdg_mask(sdgs.get(&id)),
                    sectors: sector_mask(sectors.get(&id)),
                    provides,
                    places: residence.iter().map(|c| code_id(c)).collect(),
                    origins: ids_of(origins.get(&id)),
                    languages: ids_of(languages.get(&id)),
                    verified: false,
                    confirmed_at,
                };
                (
                    id,
                    Entry {
                        candidate,
                        visibility,
                        origin_visibility,
                    },
                )
            },
        )
        .collect())
}

/// Organizations, optionally only `ids`.
async fn load_orgs(pool: &Pool, ids: Option<&[i64]>) -> anyhow::Result<HashMap<i64, Entry>> {
    let mut qb = QueryBuilder::new(
        "SELECT id, kind, verification, confirmed_at FROM organizations WHERE delisted_at IS NULL",
    );
    qb.push_only("id", ids);
    let rows: Vec<(i64, String, String, i64)> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to load organizations for matching")?;
    let countries = lists(pool, "org_countries", "org_id", "country", ids).await?;
    let sectors = lists(pool, "org_sectors", "org_id", "sector", ids).await?;
    let sdgs = lists(pool, "org_sdgs", "org_id", "sdg", ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, verification, confirmed_at)| {
            let kind = OrgKind::parse(&kind)?;
            let candidate = Candidate {
                kind: 1 << kind_bit(PartnerKind::of_org(kind)),
                sdgs: sdg_mask(sdgs.get(&id)),
                sectors: sector_mask(sectors.get(&id)),
                provides: types_mask(kind_provides(kind)),
                places: ids_of(countries.get(&id)),
                origins: Vec::new(),
                languages: Vec::new(),
                verified: Verification::parse(&verification) == Verification::Verified,
                confirmed_at,
            };
            Some((
                id,
                Entry {
                    candidate,
                    visibility: 2,
                    origin_visibility: 0,
                },
            ))
        })
        .collect())
}
