//! Organizations: creating and editing them, their people, and their verification.

pub mod deletion;
pub mod logo;
pub mod people;
pub mod verification;

use crate::domain::{
    CurrentUser, Named, OrgInput, OrgKind, OrgMember, OrgProfile, OrgRole, OrgSize, Sdg, Sector,
};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::db::{self, organizations::OrgRow, organizations::Pending};
use crate::server::error::{Error, Result};
use crate::server::policy::Viewer;
use crate::server::reference;
use anyhow::Context;

/// The organization at `slug`, or `NotFound`.
pub async fn find(pool: &Pool, slug: &str) -> Result<OrgRow> {
    db::organizations::find_by_slug(pool, slug)
        .await?
        .ok_or(Error::NotFound)
}

/// The organization at `slug`, once `user` is known to hold at least `min` in it.
pub async fn find_for(pool: &Pool, slug: &str, user: &CurrentUser, min: OrgRole) -> Result<OrgRow> {
    let org = find(pool, slug).await?;
    require_role(pool, &org, user, min).await?;
    Ok(org)
}

/// Checks `user`'s right to act for the organization a form names before the form's own
/// checks run, so that someone who may not learns nothing from them; `None` when no
/// organization has that name (the form's checks then say so).
pub async fn right_before_form(
    pool: &Pool,
    slug: &str,
    user: &CurrentUser,
    min: OrgRole,
) -> Result<Option<OrgRow>> {
    match find_for(pool, slug.trim(), user, min).await {
        Ok(org) => Ok(Some(org)),
        Err(Error::NotFound) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Refuses unless `user` holds at least `min` in the organization.
pub async fn require_role(
    pool: &Pool,
    org: &OrgRow,
    user: &CurrentUser,
    min: OrgRole,
) -> Result<OrgRole> {
    match db::organizations::role_of(pool, org.id, user.id).await? {
        Some(role) if role >= min => Ok(role),
        _ => Err(Error::Forbidden),
    }
}

/// Creates an organization with `user` as its owner; returns its slug.
pub async fn create(pool: &Pool, user: &CurrentUser, input: &OrgInput) -> Result<String> {
    let org = input
        .validate(reference::is_country, this_year())
        .map_err(Error::Form)?;
    if db::organizations::name_taken(pool, &org.name, None).await? {
        return Err(taken(input));
    }
    let slug = free_slug(pool, &org.name).await?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let id = db::organizations::insert(&mut tx, &slug, &org, Some(user.id), now).await?;
    db::organizations::set_member(&mut *tx, id, user.id, OrgRole::Owner, now).await?;
    tx.commit()
        .await
        .context("Failed to commit a new organization")?;
    Ok(slug)
}

/// Saves an organization's details; its admins and owners only.
pub async fn update(pool: &Pool, user: &CurrentUser, slug: &str, input: &OrgInput) -> Result<()> {
    let row = find(pool, slug).await?;
    require_role(pool, &row, user, OrgRole::Admin).await?;
    let org = input
        .validate(reference::is_country, this_year())
        .map_err(Error::Form)?;
    if db::organizations::name_taken(pool, &org.name, Some(row.id)).await? {
        return Err(taken(input));
    }
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    db::organizations::update(&mut tx, row.id, &org, db::now()).await?;
    // A verified body that changes its kind is checked again.
    if OrgKind::parse(&row.kind) != Some(org.kind) {
        let status = crate::domain::Verification::Unverified;
        db::organizations::set_verification(&mut *tx, row.id, status, None, db::now()).await?;
    }
    tx.commit()
        .await
        .context("Failed to commit an organization")?;
    Ok(())
}

fn taken(input: &OrgInput) -> Error {
    let mut errors = input.validate(|_| true, i64::MAX).err().unwrap_or_default();
    errors = errors.field("name", crate::domain::FieldIssue::NameTaken);
    for (name, value) in [
        ("name", &input.name),
        ("description", &input.description),
        ("website", &input.website),
    ] {
        if errors.value(name).is_none() {
            errors = errors.keep(name, value);
        }
    }
    Error::Form(errors)
}

/// A slug from the name, made unique with a number when needed.
async fn free_slug(pool: &Pool, name: &str) -> Result<String> {
    let base = crate::server::slugs::base(name, 60, "organization");
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if !db::organizations::slug_taken(pool, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(Error::Unexpected(anyhow::anyhow!(
        "no free slug for {name:?}"
    )))
}

/// The current year, for the founding-year rule.
pub fn this_year() -> i64 {
    1970 + db::now() / 31_556_952
}

/// An organization's page as `viewer` sees it.
pub async fn view(pool: &Pool, viewer: &Viewer, slug: &str, locale: Locale) -> Result<OrgProfile> {
    let row = find(pool, slug).await?;
    let (countries, sectors, sdgs) = db::organizations::lists(pool, row.id).await?;
    let viewer_role = match viewer.user_id() {
        Some(id) => db::organizations::role_of(pool, row.id, id).await?,
        None => None,
    };
    let manages = viewer_role.is_some_and(OrgRole::can_manage);
    let waiting = |kind| db::organizations::pending(pool, kind, row.id);
    let requests = waiting(Pending::JoinRequest).await?;
    let invited = waiting(Pending::Invitation).await?;
    let waits_in = |list: &[(i64, String)]| {
        viewer
            .user_id()
            .is_some_and(|id| list.iter().any(|(u, _)| *u == id))
    };
    let (viewer_requested, viewer_invited) = (waits_in(&requests), waits_in(&invited));
    let as_people = |list: Vec<(i64, String)>| {
        if !manages {
            return Vec::new();
        }
        list.into_iter()
            .map(|(user_id, display_name)| OrgMember {
                user_id,
                display_name,
                role: OrgRole::Member,
            })
            .collect()
    };
    // Its managers see everyone; others only people whose profile reaches them.
    let level = (!manages).then(|| viewer.audience().min_level());
    let people = db::organizations::members(pool, row.id, level, viewer.user_id()).await?;
    Ok(OrgProfile {
        id: row.id,
        hq_country: reference::named_country(&row.hq_country, locale),
        countries: countries
            .iter()
            .map(|c| reference::named_country(c, locale))
            .collect(),
        sectors: sectors.iter().filter_map(|s| Sector::parse(s)).collect(),
        sdgs: sdgs
            .iter()
            .filter_map(|n| u8::try_from(*n).ok().and_then(Sdg::new))
            .collect(),
        kind: OrgKind::parse(&row.kind).unwrap_or(OrgKind::Ngo),
        size: row.size.as_deref().and_then(OrgSize::parse),
        verification: row.verification(),
        logo: logo::describe(pool, row.id).await?,
        confirmed_at: row.confirmed_at,
        standing: crate::domain::freshness::standing(
            row.confirmed_at,
            row.delisted_at.is_some(),
            db::now(),
        ),
        verification_note: if manages {
            row.verification_note.clone()
        } else {
            None
        },
        viewer_role,
        viewer_requested,
        viewer_invited,
        members: people
            .into_iter()
            .map(|(user_id, display_name, role)| OrgMember {
                user_id,
                display_name,
                role: OrgRole::parse(&role).unwrap_or(OrgRole::Member),
            })
            .collect(),
        join_requests: as_people(requests),
        invitations: as_people(invited),
        slug: row.slug,
        name: row.name,
        description: row.description,
        website: row.website,
        year_founded: row.year_founded,
        public_contact: row.public_contact,
    })
}

/// The edit form of an organization, for its admins.
pub async fn editor(pool: &Pool, user: &CurrentUser, slug: &str) -> Result<OrgInput> {
    let row = find(pool, slug).await?;
    require_role(pool, &row, user, OrgRole::Admin).await?;
    let (countries, sectors, sdgs) = db::organizations::lists(pool, row.id).await?;
    Ok(OrgInput {
        name: row.name,
        kind: row.kind,
        countries: countries
            .into_iter()
            .filter(|c| *c != row.hq_country)
            .collect(),
        hq_country: row.hq_country,
        sectors,
        sdgs: sdgs.iter().map(i64::to_string).collect(),
        description: row.description,
        website: row.website.unwrap_or_default(),
        year_founded: row.year_founded.map(|y| y.to_string()).unwrap_or_default(),
        size: row.size.unwrap_or_default(),
        public_contact: row.public_contact.unwrap_or_default(),
    })
}

/// Every country, named, for the organization forms.
pub fn country_choices(locale: Locale) -> Vec<Named> {
    reference::countries(locale)
}
