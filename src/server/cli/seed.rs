//! `passerelle seed --demo`: fills an empty database with a realistic demo community,
//! the same every time (a fixed random seed), in one transaction.

use super::demo_words as words;
use crate::domain::{
    Offer, OrgInput, OrgKind, OrgRole, OrgSize, ProfileInput, Role, Sector, Verification,
};
use crate::server::auth::password::{self, PasswordHash};
use crate::server::db::{self, organizations as orgs, users};
use crate::server::reference;
use anyhow::{bail, Context};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// The password of every demo account, printed so people can try the site.
pub const DEMO_PASSWORD: &str = "passerelle demo 2026";

/// How much to create.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub members: usize,
    pub organizations: usize,
    pub spotlights: usize,
}

impl Default for Size {
    fn default() -> Self {
        Self {
            members: 1000,
            organizations: 220,
            spotlights: 24,
        }
    }
}

/// What the seed created.
#[derive(Debug, Default)]
pub struct Report {
    pub members: usize,
    pub organizations: usize,
    pub countries: usize,
    pub spotlights: usize,
}

/// Seeds an empty database; refuses when members or organizations already exist.
pub async fn demo(pool: &SqlitePool, size: Size) -> anyhow::Result<Report> {
    let existing: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM profiles) + (SELECT COUNT(*) FROM organizations)",
    )
    .fetch_one(pool)
    .await
    .context("Failed to check whether the database is empty")?;
    if existing > 0 {
        bail!("the database already has members or organizations: the demo seed only fills an empty one");
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut rng = StdRng::seed_from_u64(2026);
    let mut tx = pool
        .begin()
        .await
        .context("Failed to begin the seed transaction")?;
    let now = db::now();
    staff(&mut tx, &hash, now).await?;
    let mut member_ids = Vec::with_capacity(size.members);
    for n in 0..size.members {
        member_ids.push(member(&mut tx, &mut rng, &hash, n, now).await?);
    }
    let mut countries = std::collections::BTreeSet::new();
    for n in 0..size.organizations {
        let owner = member_ids[n % member_ids.len().max(1)];
        countries.insert(organization(&mut tx, &mut rng, n, owner, &member_ids, now).await?);
    }
    let spotlights = spotlights(&mut tx, size.spotlights, now).await?;
    tx.commit()
        .await
        .context("Failed to commit the demo community")?;
    Ok(Report {
        members: size.members,
        organizations: size.organizations,
        countries: countries.len(),
        spotlights,
    })
}

/// A moderator and an administrator to try moderation with.
async fn staff(
    tx: &mut Transaction<'_, Sqlite>,
    hash: &PasswordHash,
    now: i64,
) -> anyhow::Result<()> {
    for (email, name, role) in [
        (
            "moderator@demo.passerelle.example",
            "Demo Moderator",
            Role::Moderator,
        ),
        (
            "admin@demo.passerelle.example",
            "Demo Administrator",
            Role::Admin,
        ),
    ] {
        let user = users::NewUser {
            email,
            display_name: name,
            password_hash: hash,
            role,
        };
        users::insert(tx, &user, now).await?;
    }
    Ok(())
}

/// A few distinct items, how many drawn from `range`.
fn sample<T: Copy>(
    rng: &mut StdRng,
    items: &[T],
    range: std::ops::RangeInclusive<usize>,
) -> Vec<T> {
    let n = rng.gen_range(range);
    items.choose_multiple(rng, n).copied().collect()
}

fn pick<'a, T: ?Sized>(rng: &mut StdRng, items: &'a [&'a T]) -> &'a T {
    items.choose(rng).copied().unwrap_or(items[0])
}

fn visibility(rng: &mut StdRng, public: u32, members: u32) -> &'static str {
    let roll = rng.gen_range(0..100);
    if roll < public {
        "public"
    } else if roll < public + members {
        "members"
    } else {
        "hidden"
    }
}

async fn member(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut StdRng,
    hash: &PasswordHash,
    n: usize,
    now: i64,
) -> anyhow::Result<i64> {
    let origin = if rng.gen_bool(0.6) {
        words::ORIGINS[rng.gen_range(0..20)]
    } else {
        pick(rng, words::ORIGINS)
    };
    let residence = pick(rng, words::RESIDENCES);
    let name = format!(
        "{} {}",
        pick(rng, words::given_names(origin)),
        pick(rng, words::family_names(origin))
    );
    let email = format!("member{n}@demo.passerelle.example");
    let user = users::NewUser {
        email: &email,
        display_name: &name,
        password_hash: hash,
        role: Role::Member,
    };
    let id = users::insert(tx, &user, now)
        .await?
        .context("a demo email was taken twice")?;
    let mut origins = vec![origin.to_owned()];
    if rng.gen_bool(0.15) {
        origins.push(pick(rng, words::ORIGINS).to_owned());
    }
    let mut languages: Vec<String> = words::languages(origin)
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    languages.push(
        if ["FR", "BE", "CH", "SN"].contains(&residence) {
            "fr"
        } else if ["ES", "MX", "AR"].contains(&residence) {
            "es"
        } else {
            "en"
        }
        .to_owned(),
    );
    let sectors: Vec<String> = sample(rng, Sector::ALL, 1..=3)
        .into_iter()
        .map(|s| s.code().to_owned())
        .collect();
    let offers: Vec<String> = sample(rng, Offer::ALL, 1..=3)
        .into_iter()
        .map(|o| o.code().to_owned())
        .collect();
    let sdgs: Vec<String> = sample(rng, &(1..=17).collect::<Vec<u8>>(), 1..=4)
        .into_iter()
        .map(|n| n.to_string())
        .collect();
    let job = pick(rng, words::JOBS);
    let city = words::city(residence);
    let origin_name = reference::country_name(origin, crate::i18n::Locale::en);
    let input = ProfileInput {
        display_name: name.clone(),
        headline: format!("{job} in {city}"),
        bio: format!(
            "Born in {origin_name}, now based in {city}. {job} with years of experience in {}. \
             Happy to share what I know with projects back home and with newcomers.\n\n\
             I believe diasporas are partners in development, not only senders of remittances.",
            sectors.join(", ")
        ),
        origins,
        residence: residence.to_owned(),
        city: city.to_owned(),
        languages,
        sectors,
        offers,
        sdgs,
        links: if rng.gen_bool(0.3) {
            format!("https://www.linkedin.com/in/demo-member-{n}")
        } else {
            String::new()
        },
        contact_email: email.clone(),
        visibility: visibility(rng, 60, 30).to_owned(),
        origin_visibility: visibility(rng, 40, 40).to_owned(),
        city_visibility: visibility(rng, 20, 40).to_owned(),
        contact_visibility: visibility(rng, 5, 10).to_owned(),
    };
    let valid = input
        .validate(reference::is_country, reference::is_language)
        .map_err(|e| anyhow::anyhow!("demo profile {n} is invalid: {e:?}"))?;
    db::profiles::save(tx, id, &valid, now).await?;
    Ok(id)
}

async fn organization(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut StdRng,
    n: usize,
    owner: i64,
    members: &[i64],
    now: i64,
) -> anyhow::Result<String> {
    let kind = OrgKind::ALL[if n.is_multiple_of(3) {
        0
    } else {
        n % OrgKind::ALL.len()
    }];
    // Cycle through every origin and residence so the map covers 60+ countries.
    let all: Vec<&str> = words::ORIGINS
        .iter()
        .chain(words::RESIDENCES)
        .copied()
        .collect();
    let hq = all[n % all.len()];
    let hq_name = reference::country_name(hq, crate::i18n::Locale::en);
    let theme = words::THEMES[n % words::THEMES.len()];
    let name = match kind {
        OrgKind::Diaspora => format!("{hq_name} Diaspora {theme} {}", pick(rng, words::GROUPS)),
        OrgKind::Government => format!("{hq_name} Office for Diaspora Affairs ({theme})"),
        OrgKind::International => {
            format!("International Facility for {theme} and Migration, {hq_name} office")
        }
        OrgKind::Ngo => format!("{theme} Without Borders {hq_name}"),
        OrgKind::Private => format!("{hq_name} {theme} Ventures"),
        OrgKind::Academia => format!("{hq_name} Institute for {theme} Studies"),
        OrgKind::Foundation => format!("{hq_name} Foundation for {theme}"),
    };
    let name = if orgs::name_taken(&mut **tx, &name, None).await? {
        format!("{name} ({n})")
    } else {
        name
    };
    let countries: Vec<String> = sample(rng, words::ORIGINS, 0..=4)
        .into_iter()
        .map(|c| (*c).to_owned())
        .collect();
    let input = OrgInput {
        name: name.clone(),
        kind: kind.code().to_owned(),
        hq_country: hq.to_owned(),
        countries,
        sectors: sample(rng, Sector::ALL, 1..=3)
            .into_iter()
            .map(|s| s.code().to_owned())
            .collect(),
        sdgs: sample(rng, &(1..=17).collect::<Vec<u8>>(), 1..=5)
            .into_iter()
            .map(|n| n.to_string())
            .collect(),
        description: format!(
            "{name} brings together people and partners working on {} in {hq_name} and beyond. \
             We run mentoring programmes, support projects in communities of origin, and \
             partner with public institutions on {}.",
            theme.to_lowercase(),
            pick(
                rng,
                &[
                    "skills transfer",
                    "diaspora investment",
                    "return and reintegration",
                    "scholarships",
                    "humanitarian response"
                ]
            )
        ),
        website: format!("https://org{n}.demo.passerelle.example"),
        year_founded: rng.gen_range(1975..=2024).to_string(),
        size: pick(
            rng,
            &[
                OrgSize::Small,
                OrgSize::Medium,
                OrgSize::Large,
                OrgSize::VeryLarge,
            ]
            .map(OrgSize::code),
        )
        .to_owned(),
        public_contact: format!("contact@org{n}.demo.passerelle.example"),
    };
    let valid = input
        .validate(reference::is_country, 2026)
        .map_err(|e| anyhow::anyhow!("demo organization {n} is invalid: {e:?}"))?;
    let slug = slug::slugify(&valid.name);
    let id = orgs::insert(tx, &slug, &valid, Some(owner), now).await?;
    orgs::set_member(&mut **tx, id, owner, OrgRole::Owner, now).await?;
    for extra in sample(rng, members, 2..=2) {
        if extra != owner {
            orgs::set_member(
                &mut **tx,
                id,
                extra,
                if rng.gen_bool(0.3) {
                    OrgRole::Admin
                } else {
                    OrgRole::Member
                },
                now,
            )
            .await?;
        }
    }
    let status = if rng.gen_bool(0.55) {
        Verification::Verified
    } else if rng.gen_bool(0.2) {
        Verification::Pending
    } else {
        Verification::Unverified
    };
    orgs::set_verification(&mut **tx, id, status, None, now).await?;
    if status == Verification::Pending {
        sqlx::query("INSERT INTO verification_requests (org_id, requested_by, requested_at) VALUES ($1, $2, $3)")
            .bind(id).bind(owner).bind(now)
            .execute(&mut **tx).await.context("Failed to queue a demo verification")?;
    }
    Ok(hq.to_owned())
}

/// Published stories about every ninth organization, one every five days, in its sub-region.
async fn spotlights(
    tx: &mut Transaction<'_, Sqlite>,
    count: usize,
    now: i64,
) -> anyhow::Result<usize> {
    let orgs: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, slug, name, hq_country FROM organizations ORDER BY id")
            .fetch_all(&mut **tx)
            .await
            .context("Failed to read the demo organizations")?;
    let mut made = 0;
    for (i, (id, slug, name, hq)) in orgs.iter().step_by(9).take(count).enumerate() {
        let region = reference::subregion_of(hq).unwrap_or_else(|| "africa".to_owned());
        let place = reference::country_name(hq, crate::i18n::Locale::en);
        let body = format!(
            "## How it started\n\n{name} began with a handful of volunteers in {place} who wanted \
             their skills to count back home.\n\n## What it does\n\n- mentoring for young \
             professionals\n- partnerships with local authorities\n- a yearly forum with \
             **government** and **international** partners\n\n> Diasporas are not only senders \
             of remittances; they are partners.\n\nLearn more on [their page](/organizations/{slug})."
        );
        let published = now - i64::try_from(i).unwrap_or(0) * 5 * 86_400;
        sqlx::query(
            "INSERT INTO spotlights (slug, org_id, title, summary, body_markdown, body_html, region,
                 status, published_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', $8, $8, $8)",
        )
        .bind(format!("spotlight-{slug}"))
        .bind(id)
        .bind(format!("Spotlight: {name}"))
        .bind(format!("How {name} connects its diaspora with partners in {place}."))
        .bind(&body)
        .bind(crate::server::spotlights::markdown::to_safe_html(&body))
        .bind(&region)
        .bind(published)
        .execute(&mut **tx)
        .await
        .context("Failed to insert a demo spotlight")?;
        made += 1;
    }
    Ok(made)
}
