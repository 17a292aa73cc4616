//! `passerelle seed --scale N`: a community of N members, N/10 organizations and N/5
//! needs, drawn by the demo's own generators (the same names, texts, visibility mix and
//! checks), written hundreds of rows to a statement in one transaction, with a progress
//! bar. What the directory benchmark and anyone trying Passerelle at size seed.

use super::{member_email, member_profile, need_draft, org_profile, pick, sample, staff};
use super::{words, DEMO_PASSWORD};
use crate::domain::{OrgRole, Verification};
use crate::server::auth::password;
use crate::server::db::sql::QueryBuilder;
use crate::server::db::{self, organizations as orgs};
use crate::server::db::{Pool, Tx};
use crate::server::reference;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use std::collections::HashSet;

/// How much to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub members: usize,
    pub organizations: usize,
    pub needs: usize,
}

impl Scale {
    /// `members` members, a tenth as many organizations, a fifth as many needs.
    pub fn of(members: usize) -> Self {
        Self {
            members,
            organizations: (members / 10).max(1),
            needs: members / 5,
        }
    }
}

/// Members written per round trip of statements (each table flushed in turn).
const ROUND: usize = 2_000;

/// Seeds an empty database; refuses when members or organizations already exist.
pub async fn seed(pool: &Pool, scale: Scale) -> anyhow::Result<Scale> {
    super::ensure_empty(pool).await?;
    anyhow::ensure!(scale.members > 0, "a community needs at least one member");
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut rng = StdRng::seed_from_u64(2027);
    let now = db::now();
    let bar = ProgressBar::new((scale.members + scale.organizations + scale.needs) as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:13} [{bar:40}] {pos}/{len} ({eta} left)")
            .context("Failed to style the progress bar")?
            .progress_chars("=> "),
    );
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin the seed transaction")?;
    staff(&mut tx, &hash, now).await?;
    let first_user = next_id(&mut tx, "users").await?;
    bar.set_message("members");
    members(
        &mut tx,
        &mut rng,
        scale.members,
        first_user,
        hash.as_str(),
        now,
        &bar,
    )
    .await?;
    let member_ids: Vec<i64> = (0..scale.members).map(|n| first_user + as_i64(n)).collect();
    bar.set_message("organizations");
    let orgs = organizations(
        &mut tx,
        &mut rng,
        scale.organizations,
        &member_ids,
        now,
        &bar,
    )
    .await?;
    bar.set_message("needs");
    needs(&mut tx, &mut rng, scale.needs, &orgs, now, &bar).await?;
    bar.set_message("saving");
    db::advance_ids(&mut tx).await?;
    tx.commit()
        .await
        .context("Failed to commit the community")?;
    bar.finish_and_clear();
    Ok(scale)
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

async fn next_id(tx: &mut Tx<'_>, table: &str) -> anyhow::Result<i64> {
    sqlx::query_scalar(&format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"))
        .fetch_one(&mut **tx)
        .await
        .with_context(|| format!("Failed to read the next id of {table}"))
}

#[allow(clippy::too_many_arguments)]
async fn members(
    tx: &mut Tx<'_>,
    rng: &mut StdRng,
    count: usize,
    first_id: i64,
    hash: &str,
    now: i64,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut users = Rows::new(
        "users",
        "id, email, display_name, password_hash, role, created_at, updated_at, email_confirmed_at",
    );
    let mut profiles = Rows::new(
        "profiles",
        "user_id, headline, bio, residence, city, links, contact_email, visibility, \
         origin_visibility, city_visibility, contact_visibility, updated_at",
    );
    let mut origins = Rows::new("profile_origins", "user_id, country");
    let mut languages = Rows::new("profile_languages", "user_id, language");
    let mut sectors = Rows::new("profile_sectors", "user_id, sector");
    let mut offers = Rows::new("profile_offers", "user_id, offer");
    let mut sdgs = Rows::new("profile_sdgs", "user_id, sdg");
    for n in 0..count {
        let id = first_id + as_i64(n);
        let p = member_profile(rng, n)?;
        users.push([
            id.into(),
            member_email(n).into(),
            p.display_name.as_str().into(),
            hash.into(),
            "member".into(),
            now.into(),
            now.into(),
            now.into(),
        ]);
        profiles.push([
            id.into(),
            p.headline.into(),
            p.bio.into(),
            p.residence.into(),
            p.city.into(),
            serde_json::to_string(&p.links)
                .context("Failed to encode links")?
                .into(),
            p.contact_email.as_ref().map_or("", |e| e.as_str()).into(),
            p.visibility.level().into(),
            p.origin_visibility.level().into(),
            p.city_visibility.level().into(),
            p.contact_visibility.level().into(),
            now.into(),
        ]);
        for c in p.origins {
            origins.push([id.into(), c.into()]);
        }
        for l in p.languages {
            languages.push([id.into(), l.into()]);
        }
        for s in p.sectors {
            sectors.push([id.into(), s.code().into()]);
        }
        for o in p.offers {
            offers.push([id.into(), o.code().into()]);
        }
        for s in p.sdgs {
            sdgs.push([id.into(), i64::from(s.number()).into()]);
        }
        if (n + 1) % ROUND == 0 || n + 1 == count {
            // Users first: the full-text trigger on profiles reads the name from users.
            for rows in [
                &mut users,
                &mut profiles,
                &mut origins,
                &mut languages,
                &mut sectors,
                &mut offers,
                &mut sdgs,
            ] {
                rows.flush(tx).await?;
            }
            bar.set_position(as_i64(n + 1).unsigned_abs());
        }
    }
    Ok(())
}

/// What a need of an organization draws on.
struct OrgFacts {
    id: i64,
    can_post: bool,
    hq: String,
    theme: &'static str,
    sdgs: Vec<i64>,
    sectors: Vec<&'static str>,
    countries: Vec<String>,
}

async fn organizations(
    tx: &mut Tx<'_>,
    rng: &mut StdRng,
    count: usize,
    members: &[i64],
    now: i64,
    bar: &ProgressBar,
) -> anyhow::Result<Vec<OrgFacts>> {
    let first_id = next_id(tx, "organizations").await?;
    let mut rows = Rows::new(
        "organizations",
        "id, slug, name, name_key, kind, hq_country, description, website, year_founded, size, \
         public_contact, verification, created_by, created_at, updated_at",
    );
    let mut countries = Rows::new("org_countries", "org_id, country");
    let mut sectors = Rows::new("org_sectors", "org_id, sector");
    let mut sdgs = Rows::new("org_sdgs", "org_id, sdg");
    let mut people = Rows::new("org_members", "org_id, user_id, role, created_at");
    let mut queue = Rows::new(
        "verification_requests",
        "org_id, requested_by, requested_at",
    );
    let mut names = HashSet::new();
    let mut slugs = HashSet::new();
    let mut facts = Vec::with_capacity(count);
    let done = bar.position();
    for n in 0..count {
        let id = first_id + as_i64(n);
        let org = org_profile(rng, n, &mut names)?;
        let owner = members[n % members.len()];
        let base = slug::slugify(&org.name);
        let mut slug = base.clone();
        let mut k = 2;
        while !slugs.insert(slug.clone()) {
            slug = format!("{base}-{k}");
            k += 1;
        }
        // The demo's mix: a little over half verified, some waiting for a moderator.
        let status = if rng.gen_bool(0.55) {
            Verification::Verified
        } else if rng.gen_bool(0.2) {
            Verification::Pending
        } else {
            Verification::Unverified
        };
        rows.push([
            id.into(),
            slug.into(),
            org.name.as_str().into(),
            orgs::name_key(&org.name).into(),
            org.kind.code().into(),
            org.hq_country.as_str().into(),
            org.description.into(),
            org.website.into(),
            org.year_founded.into(),
            org.size.map(|s| s.code().to_owned()).into(),
            org.public_contact.map(|e| e.as_str().to_owned()).into(),
            status.code().into(),
            owner.into(),
            now.into(),
            now.into(),
        ]);
        // Headquarters first, as the organization form stores it.
        let mut present = vec![org.hq_country.clone()];
        present.extend(org.countries.into_iter().filter(|c| *c != org.hq_country));
        for c in &present {
            countries.push([id.into(), c.as_str().into()]);
        }
        for s in &org.sectors {
            sectors.push([id.into(), s.code().into()]);
        }
        for s in &org.sdgs {
            sdgs.push([id.into(), i64::from(s.number()).into()]);
        }
        people.push([
            id.into(),
            owner.into(),
            OrgRole::Owner.code().into(),
            now.into(),
        ]);
        for extra in sample(rng, members, 2..=2) {
            if extra != owner {
                let role = if rng.gen_bool(0.3) {
                    OrgRole::Admin
                } else {
                    OrgRole::Member
                };
                people.push([id.into(), extra.into(), role.code().into(), now.into()]);
            }
        }
        if status == Verification::Pending {
            queue.push([id.into(), owner.into(), now.into()]);
        }
        facts.push(OrgFacts {
            id,
            can_post: !org.kind.is_institution() || status == Verification::Verified,
            hq: org.hq_country,
            theme: words::THEMES[n % words::THEMES.len()],
            sdgs: org.sdgs.iter().map(|s| i64::from(s.number())).collect(),
            sectors: org.sectors.iter().map(|s| s.code()).collect(),
            countries: present,
        });
        if (n + 1) % ROUND == 0 || n + 1 == count {
            for table in [
                &mut rows,
                &mut countries,
                &mut sectors,
                &mut sdgs,
                &mut people,
                &mut queue,
            ] {
                table.flush(tx).await?;
            }
            bar.set_position(done + as_i64(n + 1).unsigned_abs());
        }
    }
    Ok(facts)
}

async fn needs(
    tx: &mut Tx<'_>,
    rng: &mut StdRng,
    count: usize,
    orgs: &[OrgFacts],
    now: i64,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    // Government bodies and international organizations post only once verified.
    let posters: Vec<&OrgFacts> = orgs.iter().filter(|o| o.can_post).collect();
    if posters.is_empty() {
        return Ok(());
    }
    let first_id = next_id(tx, "needs").await?;
    let today = time::OffsetDateTime::now_utc().date();
    let mut rows = Rows::new(
        "needs",
        "id, org_id, title, description, direction, deadline, status, created_at, updated_at",
    );
    let mut types = Rows::new("need_types", "need_id, type");
    let mut sdgs = Rows::new("need_sdgs", "need_id, sdg");
    let mut sectors = Rows::new("need_sectors", "need_id, sector");
    let mut countries = Rows::new("need_countries", "need_id, country");
    let mut kinds = Rows::new("need_partner_kinds", "need_id, kind");
    let mut languages = Rows::new("need_languages", "need_id, language");
    let done = bar.position();
    for i in 0..count {
        let id = first_id + as_i64(i);
        let org = pick(rng, &posters);
        let place = reference::country_name(&org.hq, crate::i18n::Locale::en);
        let need = need_draft(rng, i, org.theme, &place, today)?;
        // Newest first, a few minutes apart.
        let created = now - as_i64(i) * 300;
        rows.push([
            id.into(),
            org.id.into(),
            need.title.into(),
            need.description.into(),
            need.direction.into(),
            need.deadline.into(),
            need.status.into(),
            created.into(),
            created.into(),
        ]);
        for t in &need.types {
            types.push([id.into(), t.code().into()]);
        }
        for s in org.sdgs.iter().take(3) {
            sdgs.push([id.into(), (*s).into()]);
        }
        for s in org.sectors.iter().take(2) {
            sectors.push([id.into(), (*s).into()]);
        }
        for c in org.countries.iter().take(2) {
            countries.push([id.into(), c.as_str().into()]);
        }
        for k in &need.kinds {
            kinds.push([id.into(), (*k).into()]);
        }
        if let Some(language) = words::languages(&org.hq).first() {
            languages.push([id.into(), (*language).into()]);
        }
        if (i + 1) % ROUND == 0 || i + 1 == count {
            for table in [
                &mut rows,
                &mut types,
                &mut sdgs,
                &mut sectors,
                &mut countries,
                &mut kinds,
                &mut languages,
            ] {
                table.flush(tx).await?;
            }
            bar.set_position(done + as_i64(i + 1).unsigned_abs());
        }
    }
    Ok(())
}

/// One value of a row to insert.
enum Cell {
    Int(i64),
    Text(String),
    Null,
}

impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Self::Null, Into::into)
    }
}

/// Rows waiting to be written to one table, many to an `INSERT`.
struct Rows {
    table: &'static str,
    columns: &'static str,
    width: usize,
    cells: Vec<Cell>,
}

impl Rows {
    /// SQLite binds at most 32,766 values to one statement.
    const MAX_BINDS: usize = 32_000;

    fn new(table: &'static str, columns: &'static str) -> Self {
        Self {
            table,
            columns,
            width: columns.split(',').count(),
            cells: Vec::new(),
        }
    }

    fn push<const N: usize>(&mut self, row: [Cell; N]) {
        debug_assert_eq!(N, self.width, "a row of {} has the wrong width", self.table);
        self.cells.extend(row);
    }

    async fn flush(&mut self, tx: &mut Tx<'_>) -> anyhow::Result<()> {
        let per_statement = (Self::MAX_BINDS / self.width) * self.width;
        for chunk in self.cells.chunks(per_statement) {
            let mut qb =
                QueryBuilder::new(format!("INSERT INTO {} ({}) ", self.table, self.columns));
            qb.push_values(chunk.chunks(self.width), |mut row, cells| {
                for cell in cells {
                    match cell {
                        Cell::Int(v) => row.push_bind(*v),
                        Cell::Text(v) => row.push_bind(v.as_str()),
                        Cell::Null => row.push_bind(None::<i64>),
                    };
                }
            });
            qb.build()
                .execute(&mut **tx)
                .await
                .with_context(|| format!("Failed to fill {}", self.table))?;
        }
        self.cells.clear();
        Ok(())
    }
}
