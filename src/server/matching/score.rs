//! The scorer: a plain function of a need and one candidate. `docs/matching.md` explains
//! every criterion and weight; keep the two in step.

use crate::domain::{PartnerKind, PartnershipType, Place};

/// Points for each criterion; they add up to 100.
pub mod weight {
    pub const SDGS: f64 = 25.0;
    pub const COUNTRIES: f64 = 20.0;
    pub const SECTORS: f64 = 15.0;
    pub const TYPES: f64 = 15.0;
    pub const LANGUAGES: f64 = 10.0;
    pub const TEXT: f64 = 10.0;
    pub const VERIFIED: f64 = 5.0;
}

/// How fast text relevance saturates: an FTS5 relevance `r` (minus bm25) scores
/// `TEXT × r / (r + TEXT_HALF)`, half the points at `r = TEXT_HALF`.
pub const TEXT_HALF: f64 = 4.0;

/// What a need asks for, in compact form: bit `n` of `sdgs` is SDG `n`; bit `i` of
/// `sectors`, `types` and `kinds` is the `i`-th value of its list; countries and languages
/// are small ids, sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ask {
    pub sdgs: u32,
    pub sectors: u32,
    pub types: u32,
    pub kinds: u32,
    pub countries: Vec<u16>,
    pub languages: Vec<u16>,
    /// Candidates confirmed before this instant are stale (`domain::freshness`) and lose
    /// a share of their points; 0 marks nobody stale.
    pub stale_before: i64,
}

/// One candidate, member or organization, as the index holds it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidate {
    pub kind: u32,
    pub sdgs: u32,
    pub sectors: u32,
    /// The partnership types it can provide (members: from their offers; organizations: from their kind).
    pub provides: u32,
    /// Residence (members) or countries active in (organizations), sorted.
    pub places: Vec<u16>,
    /// Countries of origin (members), sorted: they count only when `origins_visible`.
    pub origins: Vec<u16>,
    pub languages: Vec<u16>,
    pub verified: bool,
    /// When its owner last confirmed it (Unix seconds).
    pub confirmed_at: i64,
}

/// A candidate's score before text relevance, and why. `Reason` values name codes
/// and ids; the caller turns them into words.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub points: f64,
    pub reasons: Vec<(Why, f64)>,
}

/// One reason, by its codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Sdg(u8),
    Country(u16, Place),
    Sector(usize),
    Type(usize),
    Language(u16),
    Text,
    Verified,
    /// Not confirmed since this instant: points taken off.
    Stale(i64),
}

/// Whether the candidate is of a kind the need is looking for (the one hard filter).
pub fn wanted(ask: &Ask, c: &Candidate) -> bool {
    ask.kinds & c.kind != 0
}

/// Whether the candidate shares at least one SDG, sector or country with the need: the
/// pre-filter below which nobody is called a match.
pub fn shares_something(ask: &Ask, c: &Candidate, origins_visible: bool) -> bool {
    ask.sdgs & c.sdgs != 0
        || ask.sectors & c.sectors != 0
        || ask.countries.iter().any(|id| {
            c.places.binary_search(id).is_ok()
                || (origins_visible && c.origins.binary_search(id).is_ok())
        })
}

/// Scores everything but text relevance. `origins_visible`: whether the candidate lets
/// this viewer see their countries of origin (otherwise they neither count nor show).
pub fn score(ask: &Ask, c: &Candidate, origins_visible: bool) -> Scored {
    let mut reasons = Vec::new();
    let points = score_with(ask, c, origins_visible, |why, share| {
        reasons.push((why, share))
    });
    Scored { points, reasons }
}

/// The same score without its reasons, allocating nothing: for ranking many candidates.
pub fn points(ask: &Ask, c: &Candidate, origins_visible: bool) -> f64 {
    score_with(ask, c, origins_visible, |_, _| {})
}

/// The one scoring rule: calls `reason` for each reason with its share; returns the sum.
fn score_with(
    ask: &Ask,
    c: &Candidate,
    origins_visible: bool,
    mut reason: impl FnMut(Why, f64),
) -> f64 {
    let mut total = 0.0;
    let mut add = |why: Why, share: f64| {
        total += share;
        reason(why, share);
    };
    bits(ask.sdgs, c.sdgs, weight::SDGS, &mut add, |b| {
        Why::Sdg(u8::try_from(b).unwrap_or(0))
    });
    if !ask.countries.is_empty() {
        let share = weight::COUNTRIES / ask.countries.len() as f64;
        let member = c.kind == 1 << kind_bit(PartnerKind::Member);
        for id in &ask.countries {
            if c.places.binary_search(id).is_ok() {
                add(
                    Why::Country(
                        *id,
                        if member {
                            Place::Residence
                        } else {
                            Place::Active
                        },
                    ),
                    share,
                );
            } else if origins_visible && c.origins.binary_search(id).is_ok() {
                add(Why::Country(*id, Place::Origin), share);
            }
        }
    }
    bits(
        ask.sectors,
        c.sectors,
        weight::SECTORS,
        &mut add,
        Why::Sector,
    );
    bits(ask.types, c.provides, weight::TYPES, &mut add, Why::Type);
    if !ask.languages.is_empty() {
        let share = weight::LANGUAGES / ask.languages.len() as f64;
        for id in &ask.languages {
            if c.languages.binary_search(id).is_ok() {
                add(Why::Language(*id), share);
            }
        }
    }
    if c.verified {
        add(Why::Verified, weight::VERIFIED);
    }
    if c.confirmed_at < ask.stale_before {
        let lost = crate::domain::freshness::penalty(total);
        total -= lost;
        reason(Why::Stale(c.confirmed_at), -lost);
    }
    total
}

/// Points for text relevance `r` (minus FTS5's bm25; 0 when nothing matched).
pub fn text_points(relevance: f64) -> f64 {
    let r = relevance.max(0.0);
    weight::TEXT * r / (r + TEXT_HALF)
}

/// Adds text relevance to a score.
pub fn with_text(mut scored: Scored, relevance: f64) -> Scored {
    let points = text_points(relevance);
    if points > 0.0 {
        scored.points += points;
        scored.reasons.push((Why::Text, points));
    }
    scored
}

/// The 0–100 figure shown.
pub fn shown(points: f64) -> u8 {
    // Clamped, so the conversion cannot truncate.
    points.round().clamp(0.0, 100.0) as u8
}

/// One reason per shared bit, each worth `total / (bits the need asks for)`.
fn bits(
    asked: u32,
    has: u32,
    total: f64,
    add: &mut impl FnMut(Why, f64),
    why: impl Fn(usize) -> Why,
) {
    let wanted = asked.count_ones();
    let mut shared = asked & has;
    if wanted == 0 {
        return;
    }
    let share = total / f64::from(wanted);
    while shared != 0 {
        let bit = shared.trailing_zeros() as usize;
        add(why(bit), share);
        shared &= shared - 1;
    }
}

/// The bit of a partner kind in [`Ask::kinds`] and [`Candidate::kind`].
pub fn kind_bit(kind: PartnerKind) -> usize {
    PartnerKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// The bit of a partnership type in [`Ask::types`] and [`Candidate::provides`].
pub fn type_bit(ty: PartnershipType) -> usize {
    PartnershipType::ALL
        .iter()
        .position(|t| *t == ty)
        .unwrap_or(0)
}

/// The ordering of results: higher score first, then the lower id (stable and total).
pub fn ranked(a: (f64, i64), b: (f64, i64)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(mut v: Vec<u16>) -> Vec<u16> {
        v.sort_unstable();
        v.dedup();
        v
    }

    prop_compose! {
        fn asks()(sdgs in 0u32..(1 << 18), sectors in 0u32..(1 << 14), types in 0u32..(1 << 9),
                  kinds in 1u32..(1 << 8),
                  countries in proptest::collection::vec(0u16..30, 0..5),
                  languages in proptest::collection::vec(0u16..12, 0..4),
                  stale_before in prop_oneof![Just(0i64), 0i64..2000]) -> Ask {
            Ask { sdgs: sdgs & !1, sectors, types, kinds, countries: sorted(countries),
                languages: sorted(languages), stale_before }
        }
    }

    prop_compose! {
        fn candidates()(kind in 0usize..8, sdgs in 0u32..(1 << 18), sectors in 0u32..(1 << 14),
                        provides in 0u32..(1 << 9), verified in any::<bool>(),
                        places in proptest::collection::vec(0u16..30, 0..4),
                        origins in proptest::collection::vec(0u16..30, 0..3),
                        languages in proptest::collection::vec(0u16..12, 0..4),
                        confirmed_at in 0i64..2000) -> Candidate {
            Candidate { kind: 1 << kind, sdgs: sdgs & !1, sectors, provides, verified,
                places: sorted(places), origins: sorted(origins), languages: sorted(languages),
                confirmed_at }
        }
    }

    proptest! {
        #[test]
        fn the_score_stays_between_0_and_100(ask in asks(), c in candidates(), seen in any::<bool>(), r in 0.0f64..1e6) {
            prop_assert_eq!(points(&ask, &c, seen), score(&ask, &c, seen).points);
            let s = with_text(score(&ask, &c, seen), r);
            prop_assert!((0.0..=100.0 + 1e-9).contains(&s.points));
            let sum: f64 = s.reasons.iter().map(|(_, p)| p).sum();
            prop_assert!((sum - s.points).abs() < 1e-9, "the reasons add up to the score");
        }

        #[test]
        fn sharing_one_more_sdg_sector_country_or_language_never_lowers_the_score(
            ask in asks(), c in candidates(), seen in any::<bool>(), sdg in 1u32..18, sector in 0u32..14,
            country in 0u16..30, language in 0u16..12, which in 0usize..4,
        ) {
            let before = score(&ask, &c, seen).points;
            let (mut ask2, mut c2) = (ask.clone(), c.clone());
            match which {
                0 => { ask2.sdgs |= 1 << sdg; c2.sdgs |= 1 << sdg; }
                1 => { ask2.sectors |= 1 << sector; c2.sectors |= 1 << sector; }
                2 => { ask2.countries = sorted([ask2.countries.clone(), vec![country]].concat());
                       c2.places = sorted([c2.places.clone(), vec![country]].concat()); }
                _ => { ask2.languages = sorted([ask2.languages.clone(), vec![language]].concat());
                       c2.languages = sorted([c2.languages.clone(), vec![language]].concat()); }
            }
            prop_assert!(score(&ask2, &c2, seen).points + 1e-9 >= before);
            // The candidate alone gaining a value the need asks for never lowers it either.
            let mut c3 = c.clone();
            c3.sdgs |= ask.sdgs;
            c3.sectors |= ask.sectors;
            prop_assert!(score(&ask, &c3, seen).points + 1e-9 >= before);
        }

        #[test]
        fn a_stale_candidate_loses_a_quarter_of_its_points_and_says_since_when(
            ask in asks(), c in candidates(), seen in any::<bool>(),
        ) {
            let fresh = Candidate { confirmed_at: i64::MAX, ..c.clone() };
            let stale = Candidate { confirmed_at: -1, ..c };
            let ask = Ask { stale_before: 0, ..ask };
            let (f, s) = (score(&ask, &fresh, seen), score(&ask, &stale, seen));
            prop_assert!((s.points - f.points * 0.75).abs() < 1e-9);
            prop_assert!(!f.reasons.iter().any(|(w, _)| matches!(w, Why::Stale(_))));
            prop_assert!(s.reasons.iter().any(|(w, _)| *w == Why::Stale(-1)));
        }

        #[test]
        fn more_text_relevance_never_lowers_the_score(a in 0.0f64..100.0, b in 0.0f64..100.0) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(text_points(lo) <= text_points(hi));
        }

        #[test]
        fn the_partner_kind_filter_is_never_crossed(ask in asks(), c in candidates()) {
            // However much a candidate shares with the need, only its kind decides.
            let mut rich = c.clone();
            rich.sdgs |= ask.sdgs;
            rich.sectors |= ask.sectors;
            rich.provides |= ask.types;
            rich.places = ask.countries.clone();
            rich.languages = ask.languages.clone();
            rich.verified = true;
            prop_assert_eq!(wanted(&ask, &rich), ask.kinds & c.kind != 0);
            prop_assert_eq!(wanted(&ask, &rich), wanted(&ask, &c));
        }

        #[test]
        fn hidden_origins_neither_count_nor_show(ask in asks(), c in candidates()) {
            let s = score(&ask, &c, false);
            prop_assert!(!s.reasons.iter().any(|(w, _)| matches!(w, Why::Country(_, Place::Origin))));
            let without = Candidate { origins: Vec::new(), ..c };
            prop_assert_eq!(s.points, score(&ask, &without, false).points);
        }
    }

    #[test]
    fn a_perfect_candidate_scores_100() {
        let ask = Ask {
            sdgs: 1 << 4,
            sectors: 1 << 2,
            types: 1 << 1,
            kinds: 1 << 1,
            countries: vec![3],
            languages: vec![5],
            stale_before: 0,
        };
        let c = Candidate {
            kind: 1 << 1,
            sdgs: 1 << 4,
            sectors: 1 << 2,
            provides: 1 << 1,
            places: vec![3],
            origins: vec![],
            languages: vec![5],
            verified: true,
            confirmed_at: 0,
        };
        let s = with_text(score(&ask, &c, true), 1e12);
        assert_eq!(shown(s.points), 100);
        assert_eq!(s.reasons.len(), 7);
    }
}
