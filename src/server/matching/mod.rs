//! Matchmaking: ranked, explained partners for a need, and ranked needs for a member or an
//! organization. A plain deterministic function of the data, documented in `docs/matching.md`.

pub mod index;
pub mod score;

use self::index::{code_id, country_code, language_code, MatchIndex, Side};
use self::score::{ranked, score, shares_something, wanted, Ask, Candidate, Scored, Why};
use crate::domain::{Explained, MatchReason, PartnershipType, Sdg, Sector};
use crate::i18n::Locale;
use crate::server::policy::Viewer;
use crate::server::reference;
use anyhow::Context;
use sqlx::SqlitePool;
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
    pool: &SqlitePool,
    index: &MatchIndex,
    need: &NeedAsk,
    viewer: &Viewer,
    side: Side,
    limit: usize,
) -> anyhow::Result<Vec<(i64, Scored)>> {
    index.refresh(pool).await?;
    let eligible = eligible(index, need, viewer, side);
    // Everything but text first; text can add at most `weight::TEXT`, so only candidates
    // within that of the limit-th best can still reach the top (exact, see docs/matching.md).
    let mut base: Vec<(i64, f64)> = eligible
        .iter()
        .map(|(id, c, seen)| (*id, score(&need.ask, c, *seen).points))
        .collect();
    base.sort_by(|a, b| ranked((a.1, a.0), (b.1, b.0)));
    let threshold = base
        .get(limit.saturating_sub(1))
        .map_or(f64::NEG_INFINITY, |b| b.1);
    let contenders: Vec<i64> = base
        .iter()
        .take_while(|(_, points)| points + score::weight::TEXT >= threshold)
        .map(|(id, _)| *id)
        .collect();
    let relevance = text_relevance(pool, side, &need.text, &contenders).await?;
    let by_id: HashMap<i64, &(i64, Candidate, bool)> = eligible.iter().map(|e| (e.0, e)).collect();
    let mut scored: Vec<(i64, Scored)> = contenders
        .iter()
        .filter_map(|id| by_id.get(id))
        .map(|(id, c, seen)| {
            let s = score(&need.ask, c, *seen);
            (
                *id,
                score::with_text(s, relevance.get(id).copied().unwrap_or(0.0)),
            )
        })
        .collect();
    scored.sort_by(|a, b| ranked((a.1.points, a.0), (b.1.points, b.0)));
    scored.truncate(limit);
    Ok(scored)
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
            .filter(|(id, e)| {
                e.visibility >= level
                    && wanted(&need.ask, &e.candidate)
                    && match side {
                        Side::Members => Some(*id) != me,
                        Side::Organizations => *id != need.org_id,
                    }
            })
            .filter_map(|(id, e)| {
                let seen = e.origin_visibility >= level;
                shares_something(&need.ask, &e.candidate, seen)
                    .then(|| (id, e.candidate.clone(), seen))
            })
            .collect()
    })
}

/// FTS5 relevance (minus bm25; higher is closer) of each of `ids` to `text`: members'
/// headline and bio, organizations' description. Names do not count.
pub async fn text_relevance(
    pool: &SqlitePool,
    side: Side,
    text: &str,
    ids: &[i64],
) -> anyhow::Result<HashMap<i64, f64>> {
    let Some(terms) = key_terms(text) else {
        return Ok(HashMap::new());
    };
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = match side {
        Side::Members => {
            "SELECT rowid, -bm25(member_search, 0.0, 1.0, 1.0) FROM member_search
             WHERE member_search MATCH $1 AND rowid IN (SELECT value FROM json_each($2))"
        }
        Side::Organizations => {
            "SELECT rowid, -bm25(org_search, 0.0, 1.0) FROM org_search
             WHERE org_search MATCH $1 AND rowid IN (SELECT value FROM json_each($2))"
        }
    };
    let columns = match side {
        Side::Members => "{headline bio}",
        Side::Organizations => "{description}",
    };
    let rows: Vec<(i64, f64)> = sqlx::query_as(sql)
        .bind(format!("{columns} : ({terms})"))
        .bind(serde_json::to_string(ids).unwrap_or_default())
        .fetch_all(pool)
        .await
        .context("Failed to rank candidates by text")?;
    Ok(rows.into_iter().collect())
}

/// Words too common to tell anything (English and French).
const STOP_WORDS: &[&str] = &[
    "with", "from", "that", "this", "their", "they", "have", "will", "into", "about", "for", "and",
    "the", "our", "who", "are", "your", "more", "than", "also", "over", "such", "which", "avec",
    "dans", "pour", "nous", "vous", "leur", "leurs", "elles", "sont", "mais", "plus", "comme",
    "cette", "entre", "sans", "des", "les", "une", "aux", "par", "sur", "qui",
];

/// The FTS5 expression for text relevance: up to 12 distinctive words of `text` (four
/// letters or more, no stop words), quoted so nothing is read as FTS syntax, joined by OR.
pub fn key_terms(text: &str) -> Option<String> {
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
    // The longest words are the most telling; ties keep the text's order.
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.truncate(12);
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" OR ")
    })
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
    }
}

/// Open needs ranked for one candidate (a member or an organization), best first.
pub async fn needs_for(
    pool: &SqlitePool,
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
async fn need_relevance(pool: &SqlitePool, text: &str) -> anyhow::Result<HashMap<i64, f64>> {
    let Some(terms) = key_terms(text) else {
        return Ok(HashMap::new());
    };
    let rows: Vec<(i64, f64)> = sqlx::query_as(
        "SELECT rowid, -bm25(need_search, 0.5, 1.0) FROM need_search WHERE need_search MATCH $1",
    )
    .bind(terms)
    .fetch_all(pool)
    .await
    .context("Failed to rank needs by text")?;
    Ok(rows.into_iter().collect())
}
