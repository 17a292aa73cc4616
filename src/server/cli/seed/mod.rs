//! `passerelle seed --demo`: fills an empty database with a realistic demo community,
//! the same every time (a fixed random seed), in one transaction.

pub mod scale;

use super::demo_words as words;
use crate::domain::{
    Offer, OrgInput, OrgKind, OrgRole, OrgSize, PartnerKind, PartnershipType, ProfileInput, Role,
    Sector, ValidOrg, ValidProfile, Verification,
};
use crate::server::auth::password::{self, PasswordHash};
use crate::server::db::{self, organizations as orgs, users};
use crate::server::db::{Pool, Tx};
use crate::server::reference;
use anyhow::{bail, Context};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use std::collections::HashSet;

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
    pub needs: usize,
    pub introductions: usize,
}

/// Refuses a database that already has members or organizations: seeds only fill empty ones.
async fn ensure_empty(pool: &Pool) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM profiles) + (SELECT COUNT(*) FROM organizations)",
    )
    .fetch_one(pool)
    .await
    .context("Failed to check whether the database is empty")?;
    if existing > 0 {
        bail!("the database already has members or organizations: the demo seed only fills an empty one");
    }
    Ok(())
}

/// Seeds an empty database; refuses when members or organizations already exist.
pub async fn demo(pool: &Pool, size: Size) -> anyhow::Result<Report> {
    ensure_empty(pool).await?;
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut rng = StdRng::seed_from_u64(2026);
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin the seed transaction")?;
    let now = db::now();
    staff(&mut tx, &hash, now).await?;
    let mut member_ids = Vec::with_capacity(size.members);
    for n in 0..size.members {
        member_ids.push(member(&mut tx, &mut rng, &hash, n, now).await?);
    }
    let mut countries = std::collections::BTreeSet::new();
    let mut names = HashSet::new();
    for n in 0..size.organizations {
        let owner = member_ids[n % member_ids.len().max(1)];
        countries
            .insert(organization(&mut tx, &mut rng, n, &mut names, owner, &member_ids, now).await?);
    }
    let spotlights = spotlights(&mut tx, size.spotlights, now).await?;
    let (needs, introductions) =
        needs_and_introductions(&mut tx, &mut rng, &member_ids, now).await?;
    stale_records(&mut tx, &member_ids, now).await?;
    tx.commit()
        .await
        .context("Failed to commit the demo community")?;
    Ok(Report {
        members: size.members,
        organizations: size.organizations,
        countries: countries.len(),
        spotlights,
        needs,
        introductions,
    })
}

/// Some profiles and organizations nobody confirmed for a while (`domain::freshness`), by
/// their number: 10, 60, 110… are due a first reminder (the server's first sweep, at
/// start-up, sends it); 20, 70… were reminded twice; 30, 80… are stale and rank lower;
/// 40, 90… left the directory. Organizations 7, 27… are stale and 13, 33… left it.
async fn stale_records(tx: &mut Tx<'_>, members: &[i64], now: i64) -> anyhow::Result<()> {
    const DAY: i64 = 24 * 3600;
    for (n, id) in members.iter().enumerate() {
        let (age, notice, noticed, delisted) = match n % 50 {
            10 => (310, 0, None, false),
            20 => (340, 2, Some(10), false),
            30 => (430, 3, Some(80), false),
            40 => (760, 5, Some(30), true),
            _ => continue,
        };
        sqlx::query(
            "UPDATE profiles SET confirmed_at = $1, freshness_notice = $2,
                 freshness_noticed_at = $3, delisted_at = $4 WHERE user_id = $5",
        )
        .bind(now - age * DAY)
        .bind(notice)
        .bind(noticed.map(|days: i64| now - days * DAY))
        .bind(delisted.then(|| now - 30 * DAY))
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to age a demo profile")?;
    }
    let orgs: Vec<i64> = sqlx::query_scalar("SELECT id FROM organizations ORDER BY id")
        .fetch_all(&mut **tx)
        .await
        .context("Failed to read the demo organizations")?;
    for (n, id) in orgs.iter().enumerate() {
        let (age, notice, delisted) = match n % 20 {
            7 => (400, 3, false),
            13 => (750, 5, true),
            _ => continue,
        };
        sqlx::query(
            "UPDATE organizations SET confirmed_at = $1, freshness_notice = $2,
                 freshness_noticed_at = $3, delisted_at = $4 WHERE id = $5",
        )
        .bind(now - age * DAY)
        .bind(notice)
        .bind(now - 40 * DAY)
        .bind(delisted.then(|| now - 25 * DAY))
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to age a demo organization")?;
    }
    Ok(())
}

/// A moderator and an administrator to try moderation with.
pub(crate) async fn staff(tx: &mut Tx<'_>, hash: &PasswordHash, now: i64) -> anyhow::Result<()> {
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
            locale: crate::i18n::Locale::default(),
            confirmed: true,
        };
        users::insert(tx, &user, now).await?;
    }
    Ok(())
}

/// A few distinct items, how many drawn from `range`.
pub(crate) fn sample<T: Copy>(
    rng: &mut StdRng,
    items: &[T],
    range: std::ops::RangeInclusive<usize>,
) -> Vec<T> {
    let n = rng.gen_range(range);
    items.choose_multiple(rng, n).copied().collect()
}

pub(crate) fn pick<'a, T: ?Sized>(rng: &mut StdRng, items: &'a [&'a T]) -> &'a T {
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
    tx: &mut Tx<'_>,
    rng: &mut StdRng,
    hash: &PasswordHash,
    n: usize,
    now: i64,
) -> anyhow::Result<i64> {
    let valid = member_profile(rng, n)?;
    let email = member_email(n);
    let user = users::NewUser {
        email: &email,
        display_name: valid.display_name.as_str(),
        password_hash: hash,
        role: Role::Member,
        // Emails in the first of the member's languages that Passerelle speaks.
        locale: valid
            .languages
            .iter()
            .find_map(|code| crate::server::locale::supported(code))
            .unwrap_or_default(),
        confirmed: true,
    };
    let id = users::insert(tx, &user, now)
        .await?
        .context("a demo email was taken twice")?;
    db::profiles::save(tx, id, &valid, now).await?;
    Ok(id)
}

/// The sign-in address of demo member `n`.
pub(crate) fn member_email(n: usize) -> String {
    format!("member{n}@demo.passerelle.example")
}

/// Demo member `n`'s profile, drawn from `rng` and checked like a typed one.
pub(crate) fn member_profile(rng: &mut StdRng, n: usize) -> anyhow::Result<ValidProfile> {
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
    let email = member_email(n);
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
    input
        .validate(reference::is_country, reference::is_language)
        .map_err(|e| anyhow::anyhow!("demo profile {n} is invalid: {e:?}"))
}

async fn organization(
    tx: &mut Tx<'_>,
    rng: &mut StdRng,
    n: usize,
    names: &mut HashSet<String>,
    owner: i64,
    members: &[i64],
    now: i64,
) -> anyhow::Result<String> {
    let valid = org_profile(rng, n, names)?;
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
    Ok(valid.hq_country)
}

/// Demo organization `n`, drawn from `rng` and checked like a typed one; `names` holds
/// the name keys already used.
pub(crate) fn org_profile(
    rng: &mut StdRng,
    n: usize,
    names: &mut HashSet<String>,
) -> anyhow::Result<ValidOrg> {
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
    // Names are unique (ignoring case and accents): a drawn name already used gets a number.
    let name = if names.insert(orgs::name_key(&name)) {
        name
    } else {
        let numbered = format!("{name} ({n})");
        names.insert(orgs::name_key(&numbered));
        numbered
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
    input
        .validate(reference::is_country, 2026)
        .map_err(|e| anyhow::anyhow!("demo organization {n} is invalid: {e:?}"))
}

/// Published stories about every ninth organization, one every five days, in its sub-region.
async fn spotlights(tx: &mut Tx<'_>, count: usize, now: i64) -> anyhow::Result<usize> {
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

/// Partnership needs from about a third of the organizations (institutions only once
/// verified), and introductions about them, some accepted, some declined, some waiting —
/// a few in the first demo member's inbox.
async fn needs_and_introductions(
    tx: &mut Tx<'_>,
    rng: &mut StdRng,
    members: &[i64],
    now: i64,
) -> anyhow::Result<(usize, usize)> {
    let orgs: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, kind, hq_country, verification FROM organizations ORDER BY id")
            .fetch_all(&mut **tx)
            .await
            .context("Failed to read the demo organizations")?;
    let today = time::OffsetDateTime::now_utc().date();
    let mut needs = Vec::new();
    for (i, (org, kind, hq, verification)) in orgs.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let institution = OrgKind::parse(kind).is_some_and(OrgKind::is_institution);
        if institution && verification != "verified" {
            continue;
        }
        let theme = words::THEMES[i % words::THEMES.len()];
        let place = reference::country_name(hq, crate::i18n::Locale::en);
        let need = need_draft(rng, i, theme, &place, today)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO needs (org_id, title, description, direction, deadline, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(org)
        .bind(&need.title)
        .bind(&need.description)
        .bind(need.direction)
        .bind(&need.deadline)
        .bind(need.status)
        .bind(now - i64::try_from(i).unwrap_or(0) * 3_600)
        .fetch_one(&mut **tx)
        .await
        .context("Failed to add a demo need")?;
        for ty in &need.types {
            sqlx::query("INSERT INTO need_types (need_id, type) VALUES ($1, $2)")
                .bind(id)
                .bind(ty.code())
                .execute(&mut **tx)
                .await
                .context("Failed to add a need type")?;
        }
        for (table, column, source, most) in [
            ("need_sdgs", "sdg", "org_sdgs", 3),
            ("need_sectors", "sector", "org_sectors", 2),
            ("need_countries", "country", "org_countries", 2),
        ] {
            sqlx::query(&format!(
                "INSERT INTO {table} (need_id, {column})
                 SELECT $2, {column} FROM {source} WHERE org_id = $1 ORDER BY rowid LIMIT {most}"
            ))
            .bind(org)
            .bind(id)
            .execute(&mut **tx)
            .await
            .with_context(|| format!("Failed to fill {table}"))?;
        }
        for kind in &need.kinds {
            sqlx::query("INSERT INTO need_partner_kinds (need_id, kind) VALUES ($1, $2)")
                .bind(id)
                .bind(kind)
                .execute(&mut **tx)
                .await
                .context("Failed to add a partner kind")?;
        }
        if let Some(language) = words::languages(hq).first() {
            sqlx::query("INSERT INTO need_languages (need_id, language) VALUES ($1, $2)")
                .bind(id)
                .bind(*language)
                .execute(&mut **tx)
                .await
                .context("Failed to add a language")?;
        }
        if need.status == "open" {
            needs.push((id, *org));
        }
    }
    // Introductions about open needs: to their organization, from members; every third one
    // into the first demo member's own organization, so their inbox is not empty. Some
    // were withdrawn by their sender, some expired unanswered; the accepted ones went on
    // to every stage of their follow-up.
    let mut made = 0;
    let mut accepted = 0;
    for (n, (need, org)) in needs.iter().enumerate().take(24) {
        let sender = members[(n * 37 + 5) % members.len().max(1)];
        let recipient_org = if n % 3 == 0 {
            orgs.first().map_or(*org, |o| o.0)
        } else {
            *org
        };
        let status = [
            "pending",
            "accepted",
            "declined",
            "accepted",
            "withdrawn",
            "expired",
        ][n % 6];
        // An expired request waited 14 days for an answer that never came.
        let sent = now
            - i64::try_from(n).unwrap_or(0) * 7_200
            - if status == "expired" {
                15 * 24 * 3600
            } else {
                0
            };
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO introductions (sender_id, recipient_org_id, need_id, message, status, created_at, answered_at)
             VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 = 'pending' THEN NULL WHEN $5 = 'expired' THEN $6 + 1209600 ELSE $6 + 3600 END)
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(sender)
        .bind(recipient_org)
        .bind(need)
        .bind("Hello, I saw your need and I think my experience could help. I would be glad to talk about how we could work together.")
        .bind(status)
        .bind(sent)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to add a demo introduction")?;
        let Some(id) = inserted else { continue };
        made += 1;
        if status == "accepted" {
            follow_up(tx, id, sender, accepted, sent + 3600).await?;
            meeting(tx, id, sender, accepted, now).await?;
            accepted += 1;
        }
    }
    Ok((needs.len(), made))
}

/// The `k`-th accepted demo introduction's follow-up: one left at "accepted", then one
/// at each later stage, an agreement one side stated and waits on, one both confirmed.
async fn follow_up(
    tx: &mut Tx<'_>,
    id: i64,
    sender: i64,
    k: usize,
    accepted_at: i64,
) -> anyhow::Result<()> {
    let day = 24 * 3600;
    // (stages the contact went through, the agreement: kind, confirmed by both)
    let (stages, agreement): (&[&str], Option<(&str, bool)>) = match k % 8 {
        0 => (&[], None),
        1 | 7 => (&["met"], None),
        2 => (&["met", "exploring"], None),
        3 => (&["met", "exploring", "negotiating"], None),
        4 => (&["met", "negotiating"], Some(("funding", false))),
        5 => (
            &["met", "exploring", "negotiating", "agreement"],
            Some(("memorandum", true)),
        ),
        _ => (&["met", "no_further_contact"], None),
    };
    let Some(last) = stages.last() else {
        return Ok(());
    };
    let mut at = accepted_at;
    for (i, stage) in stages.iter().enumerate() {
        at = accepted_at + i64::try_from(i + 1).unwrap_or(1) * 9 * day;
        // The sender's side moves the odd steps, the organization's the even ones.
        let (side, user) = if i % 2 == 0 {
            ("sender", Some(sender))
        } else {
            ("recipient", None)
        };
        sqlx::query(
            "INSERT INTO intro_stage_moves (intro_id, stage, side, user_id, moved_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(*stage)
        .bind(side)
        .bind(user)
        .bind(at)
        .execute(&mut **tx)
        .await
        .context("Failed to add a demo follow-up move")?;
    }
    let (kind, confirmed_at) = match agreement {
        Some((kind, confirmed)) => (Some(kind), confirmed.then_some(at)),
        None => (None, None),
    };
    sqlx::query(
        "INSERT INTO intro_follow_ups (intro_id, stage, changed_at, agreement_kind, agreement_stated_by,
             agreement_stated_at, agreement_confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(*last)
    .bind(at)
    .bind(kind)
    .bind(kind.map(|_| "sender"))
    .bind(kind.map(|_| at - day))
    .bind(confirmed_at)
    .execute(&mut **tx)
    .await
    .context("Failed to add a demo follow-up")?;
    Ok(())
}

/// The `k`-th accepted demo introduction's meeting: times its sender proposed and the
/// organization has not picked yet, one confirmed online in three days, one held in
/// person last week, or none.
async fn meeting(tx: &mut Tx<'_>, id: i64, sender: i64, k: usize, now: i64) -> anyhow::Result<()> {
    let day = 24 * 3600;
    // On the hour, so the times read as people write them.
    let soon = (now + 3 * day) / 3600 * 3600 + 14 * 3600;
    let (status, mode, place, starts_at, slots): (&str, &str, &str, Option<i64>, Vec<i64>) =
        match k % 4 {
            0 => (
                "proposed",
                "online",
                "https://meet.example.org/passerelle-demo",
                None,
                vec![soon, soon + day, soon + 2 * day + 2 * 3600],
            ),
            1 => (
                "confirmed",
                "online",
                "https://meet.example.org/passerelle-demo",
                Some(soon),
                vec![soon, soon + day],
            ),
            2 => (
                "confirmed",
                "in_person",
                "Ministry of Labour, 12 Avenue de la Paix, room 4",
                Some(soon - 10 * day),
                vec![soon - 10 * day],
            ),
            _ => return Ok(()),
        };
    let meeting: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (intro_id, status, mode, place, minutes, proposed_by,
             proposed_by_user, starts_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 60, 'sender', $5, $6, $7, $7) RETURNING id",
    )
    .bind(id)
    .bind(status)
    .bind(mode)
    .bind(place)
    .bind(sender)
    .bind(starts_at)
    .bind(now - 12 * day)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to add a demo meeting")?;
    for at in slots {
        sqlx::query("INSERT INTO meeting_slots (meeting_id, starts_at) VALUES ($1, $2)")
            .bind(meeting)
            .bind(at)
            .execute(&mut **tx)
            .await
            .context("Failed to add a demo meeting time")?;
    }
    Ok(())
}

/// What a demo need says, drawn from `rng`; its lists of goals, sectors and countries
/// come from its organization.
pub(crate) struct NeedDraft {
    pub title: String,
    pub description: String,
    pub direction: &'static str,
    pub deadline: String,
    pub status: &'static str,
    pub types: Vec<&'static PartnershipType>,
    pub kinds: Vec<&'static str>,
}

/// Demo need `i` of an organization working on `theme` in `place`.
pub(crate) fn need_draft(
    rng: &mut StdRng,
    i: usize,
    theme: &str,
    place: &str,
    today: time::Date,
) -> anyhow::Result<NeedDraft> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let how_many = rng.gen_range(1..=3);
    let types: Vec<&PartnershipType> = PartnershipType::ALL
        .choose_multiple(rng, how_many)
        .collect();
    let direction = if i.is_multiple_of(4) {
        "offering"
    } else {
        "seeking"
    };
    let title = match (direction, types.first().map(|t| t.code())) {
        ("offering", _) => format!("We offer support on {} in {place}", theme.to_lowercase()),
        (_, Some("funding")) => format!(
            "Co-funding for a {} project in {place}",
            theme.to_lowercase()
        ),
        (_, Some("mentoring")) => format!(
            "Mentors in {} for young professionals in {place}",
            theme.to_lowercase()
        ),
        _ => format!(
            "Partners for {} programmes in {place}",
            theme.to_lowercase()
        ),
    };
    let status = match i % 17 {
        5 => "withdrawn",
        8 => "expired",
        11 => "fulfilled",
        _ => "open",
    };
    // An expired need's deadline has passed.
    let days = if status == "expired" {
        -rng.gen_range(5..60)
    } else {
        rng.gen_range(20..200)
    };
    let deadline = (today + time::Duration::days(days))
        .format(&format)
        .context("Failed to write a date")?;
    let mut kinds = vec![PartnerKind::Member.code()];
    for kind in PartnerKind::ALL.choose_multiple(rng, 2) {
        if !kinds.contains(&kind.code()) {
            kinds.push(kind.code());
        }
    }
    let description = format!(
        "{title}. We are looking for people and organizations of the diaspora with experience in \
         {}, who can commit a few hours a month, speak with local teams and help us reach \
         partners in {place} and abroad.",
        theme.to_lowercase()
    );
    Ok(NeedDraft {
        title,
        description,
        direction,
        deadline,
        status,
        types,
        kinds,
    })
}
