//! Matchmaking: ranked, explained partners for a need, and ranked needs for a member or an
//! organization. A plain deterministic function of the data, documented in `docs/matching.md`.

pub mod index;
pub mod score;

use self::index::{code_id, country_code, language_code, MatchIndex, Side};
use self::score::{ranked, score, shares_something, wanted, Ask, Candidate, Scored, Why};
use crate::domain::{Explained, MatchReason, PartnershipType, Sdg, Sector};
use crate::i18n::Locale;
use crate::server::db::search::{self, Corpus, Terms};
use crate::server::db::sql::QueryBuilder;
use crate::server::db::{Dialect, Pool};
use crate::server::policy::Viewer;
use crate::server::reference;
use anyhow::Context;

use std::collections::HashMap;

/// How many results a match list shows.
pub const TOP: usize = 10;

/// A need as the matcher reads it.
#[derive(Debug, Clone)]
pub struct NeedAsk {
    pub id: i64,
    pub org_id: i64,
    pub ask: Ask,
    /// Its title and description, for text relevance.
    pub text: String,
}

/// The best `limit` partners on one side for a need, best first, with their scores and reasons.
pub async fn partners(
    pool: &Pool,
    index: &MatchIndex,
    need: &NeedAsk,
    viewer: &Viewer,
    side: Side,
    limit: usize,
) -> anyhow::Result<Vec<(i64, Scored)>> {
    index.refresh(pool).await?;
    let level = viewer.audience().min_level();
    let me = viewer.user_id();
    // Everything but text first, allocating nothing per candidate.
    let mut base: Vec<(i64, f64)> = index.scan(side, |entries| {
        entries
            .filter(|(id, e)| allowed(need, side, me, level, *id, e))
            .filter_map(|(id, e)| {
                let seen = e.origin_visibility >= level;
                shares_something(&need.ask, &e.candidate, seen)
                    .then(|| (id, score::points(&need.ask, &e.candidate, seen)))
            })
            .collect()
    });
    // Text adds at most `weight::TEXT`: only candidates within that of the limit-th best
    // can still reach the top, so only they are scored in full (exact, see docs/matching.md).
    let threshold = if limit > 0 && base.len() > limit {
        let (_, nth, _) =
            base.select_nth_unstable_by(limit - 1, |a, b| ranked((a.1, a.0), (b.1, b.0)));
        nth.1
    } else {
        f64::NEG_INFINITY
    };
    base.retain(|(_, points)| points + score::weight::TEXT >= threshold);
    let relevance = if base.is_empty() {
        HashMap::new()
    } else {
        text_relevance(pool, index, side, &need.text).await?
    };
    let text = |id: &i64| relevance.get(id).copied().unwrap_or(0.0);
    // With text, rank the kept candidates; only the best `limit` get their reasons.
    let mut totals: Vec<(i64, f64)> = base
        .iter()
        .map(|(id, points)| (*id, points + score::text_points(text(id))))
        .collect();
    totals.sort_by(|a, b| ranked((a.1, a.0), (b.1, b.0)));
    totals.truncate(limit);
    Ok(totals
        .iter()
        .filter_map(|(id, _)| {
            let entry = index.entry(side, *id)?;
            let seen = entry.origin_visibility >= level;
            let s = score(&need.ask, &entry.candidate, seen);
            Some((*id, score::with_text(s, text(id))))
        })
        .collect())
}

/// The rules before any score: listed for this viewer, of a wanted kind, not the asker.
fn allowed(
    need: &NeedAsk,
    side: Side,
    me: Option<i64>,
    level: i64,
    id: i64,
    e: &index::Entry,
) -> bool {
    e.visibility >= level
        && wanted(&need.ask, &e.candidate)
        && match side {
            Side::Members => Some(id) != me,
            Side::Organizations => id != need.org_id,
        }
}

/// Every candidate of one side the viewer may be matched with for this need: listed for
/// them, of a wanted kind, sharing an SDG, a sector or a country, and not the asker itself.
/// With each, whether its origins count (visible to the viewer).
pub fn eligible(
    index: &MatchIndex,
    need: &NeedAsk,
    viewer: &Viewer,
    side: Side,
) -> Vec<(i64, Candidate, bool)> {
    let level = viewer.audience().min_level();
    let me = viewer.user_id();
    index.scan(side, |entries| {
        entries
            .filter(|(id, e)| allowed(need, side, me, level, *id, e))
            .filter_map(|(id, e)| {
                let seen = e.origin_visibility >= level;
                shares_something(&need.ask, &e.candidate, seen)
                    .then(|| (id, e.candidate.clone(), seen))
            })
            .collect()
    })
}

/// Words used by more than this share of a side's records tell little about a match and
/// make FTS5's ranking slow: text relevance leaves them out.
const COMMON_SHARE: f64 = 0.02;

/// FTS5 relevance (minus bm25; higher is closer) to `text` of every record of one side
/// that uses one of its distinctive words: members' headline and bio, organizations'
/// description. Names do not count. Records without such a word are absent (relevance 0).
pub async fn text_relevance(
    pool: &Pool,
    index: &MatchIndex,
    side: Side,
    text: &str,
) -> anyhow::Result<HashMap<i64, f64>> {
    let corpus = match side {
        Side::Members => Corpus::Members,
        Side::Organizations => Corpus::Organizations,
    };
    let dialect = Dialect::of(pool);
    let (members, orgs) = index.len();
    let records = match side {
        Side::Members => members,
        Side::Organizations => orgs,
    };
    let most = ((records as f64 * COMMON_SHARE).ceil() as i64).max(20);
    let mut kept: Vec<(i64, String)> = Vec::new();
    for word in key_words(text) {
        let count = match index.word_count(side, &word) {
            Some(count) => count,
            None => {
                let mut qb = QueryBuilder::new("SELECT COUNT(*) FROM (");
                search::push_ids(
                    &mut qb,
                    dialect,
                    corpus,
                    Terms {
                        words: std::slice::from_ref(&word),
                        ..BODY_WORDS
                    },
                );
                qb.push(") w");
                let count: i64 = qb
                    .build_query_scalar()
                    .fetch_one(pool)
                    .await
                    .context("Failed to count a word")?;
                index.remember_word_count(side, &word, count);
                count
            }
        };
        if count > 0 && count <= most {
            kept.push((count, word));
        }
    }
    // The rarest words are the most telling.
    kept.sort();
    kept.truncate(12);
    if kept.is_empty() {
        return Ok(HashMap::new());
    }
    let words: Vec<(String, f64)> = kept
        .into_iter()
        .map(|(count, w)| (w, search::idf(records, count)))
        .collect();
    let mut qb = QueryBuilder::new("");
    // Names do not count: only the body is searched.
    search::push_ranked_by_rarity(&mut qb, dialect, corpus, &words);
    let rows: Vec<(i64, f64)> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to rank candidates by text")?;
    Ok(rows.into_iter().collect())
}

/// How the matcher searches a side's records: exact words, any of them, in the body.
const BODY_WORDS: Terms<'static> = Terms {
    words: &[],
    prefix: false,
    any: true,
    body_only: true,
};

/// Words too common to tell anything (English and French).
const STOP_WORDS: &[&str] = &[
    "with", "from", "that", "this", "their", "they", "have", "will", "into", "about", "for", "and",
    "the", "our", "who", "are", "your", "more", "than", "also", "over", "such", "which", "avec",
    "dans", "pour", "nous", "vous", "leur", "leurs", "elles", "sont", "mais", "plus", "comme",
    "cette", "entre", "sans", "des", "les", "une", "aux", "par", "sur", "qui",
];

/// The words of `text` worth searching: four letters or more, no stop words, each once,
/// at most 24. Only letters and digits, so nothing is read as full-text syntax.
pub fn key_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if word.chars().count() >= 4
            && !STOP_WORDS.contains(&word.as_str())
            && !words.contains(&word)
        {
            words.push(word);
        }
    }
    words.truncate(24);
    words
}

/// The words of a score's reasons, in the viewer's language.
pub fn explain(scored: &Scored, locale: Locale) -> Vec<Explained> {
    scored
        .reasons
        .iter()
        .filter_map(|(why, points)| {
            let reason = match *why {
                Why::Sdg(n) => MatchReason::Sdg(Sdg::new(n)?),
                Why::Country(id, place) => MatchReason::Country {
                    country: reference::named_country(&country_code(id), locale),
                    place,
                },
                Why::Sector(bit) => MatchReason::Sector(*Sector::ALL.get(bit)?),
                Why::Type(bit) => MatchReason::Type(*PartnershipType::ALL.get(bit)?),
                Why::Language(id) => MatchReason::Language(
                    crate::server::profiles::named_language(&language_code(id)),
                ),
                Why::Text => MatchReason::Text,
                Why::Verified => MatchReason::Verified,
                Why::Stale(since) => MatchReason::NotConfirmedSince(since),
            };
            // Rounded to a tenth of a point for display.
            let points = ((points * 10.0).round() / 10.0) as f32;
            Some(Explained { reason, points })
        })
        .collect()
}

/// The compact form of a need's lists.
pub fn ask_of(
    sdgs: &[i64],
    sectors: &[String],
    types: &[String],
    kinds: &[String],
    countries: &[String],
    languages: &[String],
) -> Ask {
    let ids = |codes: &[String]| {
        let mut v: Vec<u16> = codes.iter().map(|c| code_id(c)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    Ask {
        sdgs: sdgs
            .iter()
            .filter(|n| (1..=17).contains(*n))
            .fold(0, |m, n| m | 1 << n),
        sectors: sectors
            .iter()
            .filter_map(|s| Sector::parse(s))
            .fold(0, |m, s| m | 1 << index::sector_bit(s)),
        types: types
            .iter()
            .filter_map(|t| PartnershipType::parse(t))
            .fold(0, |m, t| m | 1 << score::type_bit(t)),
        kinds: kinds
            .iter()
            .filter_map(|k| crate::domain::PartnerKind::parse(k))
            .fold(0, |m, k| m | 1 << score::kind_bit(k)),
        countries: ids(countries),
        languages: ids(languages),
        stale_before: crate::domain::freshness::stale_before(crate::server::db::now()),
    }
}

/// Open needs ranked for one candidate (a member or an organization), best first.
pub async fn needs_for(
    pool: &Pool,
    needs: &[NeedAsk],
    candidate: &Candidate,
    origins_visible: bool,
    own_text: &str,
    exclude_org: Option<i64>,
) -> anyhow::Result<Vec<(i64, Scored)>> {
    let relevance = need_relevance(pool, own_text).await?;
    let mut scored: Vec<(i64, Scored)> = needs
        .iter()
        .filter(|n| Some(n.org_id) != exclude_org)
        .filter(|n| {
            wanted(&n.ask, candidate) && shares_something(&n.ask, candidate, origins_visible)
        })
        .map(|n| {
            let s = score(&n.ask, candidate, origins_visible);
            (
                n.id,
                score::with_text(s, relevance.get(&n.id).copied().unwrap_or(0.0)),
            )
        })
        .collect();
    scored.sort_by(|a, b| ranked((a.1.points, a.0), (b.1.points, b.0)));
    Ok(scored)
}

/// FTS5 relevance of every need to a candidate's own words.
async fn need_relevance(pool: &Pool, text: &str) -> anyhow::Result<HashMap<i64, f64>> {
    let words = key_words(text);
    if words.is_empty() {
        return Ok(HashMap::new());
    }
    let mut qb = QueryBuilder::new("");
    // A need's title weighs half its description.
    search::push_ranked(
        &mut qb,
        Dialect::of(pool),
        Corpus::Needs,
        Terms {
            words: &words,
            prefix: false,
            any: true,
            body_only: false,
        },
        0.5,
    );
    let rows: Vec<(i64, f64)> = qb
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to rank needs by text")?;
    Ok(rows.into_iter().collect())
}
