//! `passerelle bench-matching`: seeds a throw-away database with many profiles, then times
//! the matcher's top 10 for a set of needs and prints the figures (median, p95, worst),
//! the index's build time and the process's memory. A benchmark, not a test: run it on
//! the machine you care about, in a release build (`scripts/bench-matching.sh`).

use super::demo_words as words;
use crate::domain::{CurrentUser, Offer, OrgKind, PartnerKind, PartnershipType, Role, Sector};
use crate::server::db;
use crate::server::db::Pool;
use crate::server::matching::index::{MatchIndex, Side};
use crate::server::matching::{self, ask_of, NeedAsk, TOP};
use crate::server::policy::Viewer;
use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use std::time::{Duration, Instant};

/// How big a run is.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub members: usize,
    pub organizations: usize,
    pub queries: usize,
}

/// Runs the benchmark in a database of its own, removed afterwards.
pub async fn run(size: Size) -> anyhow::Result<()> {
    let path = std::env::temp_dir().join(format!("passerelle-bench-{}.db", std::process::id()));
    let url = format!("sqlite://{}", path.display());
    let outcome = bench(&url, size).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    outcome
}

async fn bench(url: &str, size: Size) -> anyhow::Result<()> {
    let pool = db::connect(url).await?;
    db::migrate(&pool).await?;
    let mut rng = StdRng::seed_from_u64(2026);
    let started = Instant::now();
    seed(&pool, &mut rng, size).await?;
    println!(
        "seeded {} members and {} organizations in {:.1} s",
        size.members,
        size.organizations,
        started.elapsed().as_secs_f64()
    );
    let rss_before = rss_kib();
    let index = MatchIndex::default();
    let started = Instant::now();
    index.refresh(&pool).await?;
    let (members, orgs) = index.len();
    println!(
        "index: {members} listed members, {orgs} organizations, built in {:.0} ms; \
         process memory {} → {} MiB",
        started.elapsed().as_secs_f64() * 1000.0,
        rss_before / 1024,
        rss_kib() / 1024
    );
    let viewer = Viewer::new(Some(CurrentUser {
        id: 0,
        display_name: "Benchmark".into(),
        email: "bench@example.org".into(),
        role: Role::Member,
        email_confirmed: true,
        presence: crate::domain::Presence::Unlisted,
    }));
    let needs: Vec<NeedAsk> = (0..size.queries).map(|i| need(&mut rng, i)).collect();
    // One warm-up pass, so the figures are the steady state a server sees.
    for need in needs.iter().take(5) {
        matching::partners(&pool, &index, need, &viewer, Side::Members, TOP).await?;
    }
    let mut member_times = Vec::new();
    let mut both_times = Vec::new();
    let mut found = 0;
    for need in &needs {
        let started = Instant::now();
        let top = matching::partners(&pool, &index, need, &viewer, Side::Members, TOP).await?;
        member_times.push(started.elapsed());
        matching::partners(&pool, &index, need, &viewer, Side::Organizations, TOP).await?;
        both_times.push(started.elapsed());
        found += top.len();
    }
    println!(
        "top {TOP} members over {members} profiles, {} needs: {}",
        needs.len(),
        figures(&mut member_times)
    );
    println!(
        "top {TOP} members and top {TOP} organizations (a whole match page's work): {}",
        figures(&mut both_times)
    );
    println!(
        "average results per need: {:.1}",
        found as f64 / needs.len().max(1) as f64
    );
    Ok(())
}

/// "median X ms, p95 Y ms, worst Z ms".
fn figures(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    format!(
        "median {:.2} ms, p95 {:.2} ms, worst {:.2} ms",
        at(0.5),
        at(0.95),
        at(1.0)
    )
}

/// The resident memory of this process in KiB (Linux), or 0.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn pick<'a, T>(rng: &mut StdRng, list: &'a [T]) -> &'a T {
    &list[rng.gen_range(0..list.len())]
}

fn some<'a, T: PartialEq>(
    rng: &mut StdRng,
    list: &'a [T],
    range: std::ops::RangeInclusive<usize>,
) -> Vec<&'a T> {
    let n = rng.gen_range(range);
    let mut out: Vec<&T> = Vec::new();
    while out.len() < n.min(list.len()) {
        let v = pick(rng, list);
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

const LANGUAGES: &[&str] = &[
    "en", "fr", "es", "pt", "ar", "sw", "wo", "ha", "yo", "am", "hi", "ur", "zh", "ru", "de", "it",
    "tl", "vi",
];

/// Writes members and organizations straight to the tables, in one transaction.
async fn seed(pool: &Pool, rng: &mut StdRng, size: Size) -> anyhow::Result<()> {
    let mut tx = db::begin_write(pool).await.context("Failed to begin")?;
    let sdgs: Vec<String> = (1..=17).map(|n| n.to_string()).collect();
    let sectors: Vec<&str> = Sector::ALL.iter().map(|s| s.code()).collect();
    let offers: Vec<&str> = Offer::ALL.iter().map(|o| o.code()).collect();
    for i in 0..size.members {
        let id = i64::try_from(i + 1).unwrap_or(i64::MAX);
        let origin = *pick(rng, words::ORIGINS);
        let given = pick(rng, words::given_names(origin));
        let family = pick(rng, words::family_names(origin));
        sqlx::query("INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES ($1, $2, $3, 'x', 0, 0)")
            .bind(id)
            .bind(format!("m{i}@bench.example"))
            .bind(format!("{given} {family}"))
            .execute(&mut *tx)
            .await
            .context("Failed to add a user")?;
        let theme = pick(rng, words::THEMES);
        let visibility = match rng.gen_range(0..20) {
            0 => 0,
            1..=5 => 1,
            _ => 2,
        };
        sqlx::query(
            "INSERT INTO profiles (user_id, headline, bio, residence, visibility, origin_visibility, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0)",
        )
        .bind(id)
        .bind(format!("{theme} professional"))
        .bind(format!(
            "I work on {} and {} with partners in {origin}; mentoring, projects and exchanges with \
             the diaspora. Specialties: {} and {}.",
            theme.to_lowercase(),
            pick(rng, words::THEMES).to_lowercase(),
            specialty(rng),
            specialty(rng)
        ))
        .bind(*pick(rng, words::RESIDENCES))
        .bind(visibility)
        .bind(rng.gen_range(0..3))
        .execute(&mut *tx)
        .await
        .context("Failed to add a profile")?;
        let lists: [(&str, &str, Vec<String>); 5] = [
            (
                "profile_origins",
                "country",
                std::iter::once(origin.to_owned())
                    .chain(
                        some(rng, words::ORIGINS, 0..=1)
                            .into_iter()
                            .map(|s| (*s).to_owned()),
                    )
                    .collect(),
            ),
            (
                "profile_languages",
                "language",
                some(rng, LANGUAGES, 1..=3)
                    .into_iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            ),
            (
                "profile_sectors",
                "sector",
                some(rng, &sectors, 1..=3)
                    .into_iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            ),
            (
                "profile_offers",
                "offer",
                some(rng, &offers, 1..=3)
                    .into_iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            ),
            (
                "profile_sdgs",
                "sdg",
                some(rng, &sdgs, 1..=4).into_iter().cloned().collect(),
            ),
        ];
        for (table, column, values) in lists {
            for value in values {
                sqlx::query(&format!(
                    "INSERT INTO {table} (user_id, {column}) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                ))
                .bind(id)
                .bind(value)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("Failed to add to {table}"))?;
            }
        }
    }
    for i in 0..size.organizations {
        let kind = pick(rng, OrgKind::ALL);
        let hq = *pick(rng, words::ORIGINS);
        let theme = pick(rng, words::THEMES);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organizations (slug, name, name_key, kind, hq_country, description, verification, created_at, updated_at)
             VALUES ($1, $2, $1, $3, $4, $5, $6, 0, 0) RETURNING id",
        )
        .bind(format!("org-{i}"))
        .bind(format!("{theme} organization {i}"))
        .bind(kind.code())
        .bind(hq)
        .bind(format!("We work on {} with communities in {hq} and abroad.", theme.to_lowercase()))
        .bind(if rng.gen_bool(0.3) { "verified" } else { "unverified" })
        .fetch_one(&mut *tx)
        .await
        .context("Failed to add an organization")?;
        let countries: Vec<String> = std::iter::once(hq.to_owned())
            .chain(
                some(rng, words::ORIGINS, 0..=3)
                    .into_iter()
                    .map(|s| (*s).to_owned()),
            )
            .collect();
        let lists: [(&str, &str, Vec<String>); 3] = [
            ("org_countries", "country", countries),
            (
                "org_sectors",
                "sector",
                some(rng, &sectors, 1..=3)
                    .into_iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            ),
            (
                "org_sdgs",
                "sdg",
                some(rng, &sdgs, 1..=4).into_iter().cloned().collect(),
            ),
        ];
        for (table, column, values) in lists {
            for value in values {
                sqlx::query(&format!(
                    "INSERT INTO {table} (org_id, {column}) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                ))
                .bind(id)
                .bind(value)
                .execute(&mut *tx)
                .await
                .with_context(|| format!("Failed to add to {table}"))?;
            }
        }
    }
    tx.commit()
        .await
        .context("Failed to commit the benchmark data")?;
    Ok(())
}

/// One of 400 specialist words, each used by about one profile in 200: the kind of
/// distinctive word text relevance is about.
fn specialty(rng: &mut StdRng) -> String {
    const ROOTS: [&str; 8] = [
        "agro", "cardio", "hydro", "geo", "bio", "tele", "micro", "neuro",
    ];
    format!("{}{}", pick(rng, &ROOTS), rng.gen_range(0..50))
}

/// A need as an organization might post it.
fn need(rng: &mut StdRng, i: usize) -> NeedAsk {
    let sdgs: Vec<i64> = some(rng, &(1..=17).collect::<Vec<i64>>(), 1..=3)
        .into_iter()
        .copied()
        .collect();
    let sectors: Vec<String> = some(rng, Sector::ALL, 0..=2)
        .into_iter()
        .map(|s| s.code().to_owned())
        .collect();
    let types: Vec<String> = some(rng, PartnershipType::ALL, 1..=3)
        .into_iter()
        .map(|t| t.code().to_owned())
        .collect();
    let mut kinds: Vec<String> = some(rng, PartnerKind::ALL, 1..=3)
        .into_iter()
        .map(|k| k.code().to_owned())
        .collect();
    if !kinds.iter().any(|k| k == "member") {
        kinds.push("member".into());
    }
    let countries: Vec<String> = some(rng, words::ORIGINS, 0..=3)
        .into_iter()
        .map(|c| (*c).to_owned())
        .collect();
    let languages: Vec<String> = some(rng, LANGUAGES, 0..=2)
        .into_iter()
        .map(|l| (*l).to_owned())
        .collect();
    let theme = pick(rng, words::THEMES);
    NeedAsk {
        id: i64::try_from(i).unwrap_or(0),
        org_id: 0,
        ask: ask_of(&sdgs, &sectors, &types, &kinds, &countries, &languages),
        text: format!(
            "{theme}: we look for partners of the diaspora for mentoring, projects and exchanges on \
             {}, ideally with experience in {} or {}.",
            pick(rng, words::THEMES).to_lowercase(),
            specialty(rng),
            specialty(rng)
        ),
    }
}
