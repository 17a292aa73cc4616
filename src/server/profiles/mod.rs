//! Member profiles: what a viewer may see of one, and saving one's own.

use crate::domain::freshness;
use crate::domain::{CurrentUser, MemberProfile, Offer, ProfileEditor, ProfileInput, Sdg, Sector};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::db::{self, profiles::ProfileRow};
use crate::server::error::{Error, Result};
use crate::server::policy::{Field, ProfileAccess, Viewer};
use crate::server::reference;
use anyhow::Context;

/// The profile of `id` as `viewer` may see it; `NotFound` when they may not see it at all.
pub async fn view(pool: &Pool, viewer: &Viewer, id: i64, locale: Locale) -> Result<MemberProfile> {
    let row = db::profiles::find(pool, id).await?.ok_or(Error::NotFound)?;
    let access = access(&row);
    if !access.can_open(viewer) {
        return Err(Error::NotFound);
    }
    let lists = db::profiles::lists(pool, id).await?;
    let sees = |field| access.can_see(viewer, field);
    let is_owner = viewer.is(id);
    Ok(MemberProfile {
        id,
        residence: row
            .residence
            .as_deref()
            .map(|c| reference::named_country(c, locale)),
        languages: lists.languages.iter().map(|l| named_language(l)).collect(),
        sectors: lists
            .sectors
            .iter()
            .filter_map(|s| Sector::parse(s))
            .collect(),
        offers: lists
            .offers
            .iter()
            .filter_map(|o| Offer::parse(o))
            .collect(),
        sdgs: lists
            .sdgs
            .iter()
            .filter_map(|n| u8::try_from(*n).ok().and_then(Sdg::new))
            .collect(),
        links: row.links(),
        origins: sees(Field::Origins).then(|| {
            lists
                .origins
                .iter()
                .map(|c| reference::named_country(c, locale))
                .collect()
        }),
        city: sees(Field::City)
            .then(|| row.city.clone())
            .filter(|c| !c.is_empty()),
        contact_email: sees(Field::Contact)
            .then(|| row.contact_email.clone())
            .filter(|c| !c.is_empty()),
        has_photo: row.has_photo,
        confirmed_at: row.confirmed_at,
        standing: freshness::standing(row.confirmed_at, row.delisted_at.is_some(), db::now()),
        is_owner,
        settings: is_owner.then(|| row.settings()),
        display_name: row.display_name,
        headline: row.headline,
        bio: row.bio,
    })
}

/// Who a stored profile reaches.
pub fn access(row: &ProfileRow) -> ProfileAccess {
    ProfileAccess {
        owner: row.user_id,
        settings: row.settings(),
    }
}

/// A language code with its name.
pub fn named_language(code: &str) -> crate::domain::Named {
    crate::domain::Named {
        code: code.to_owned(),
        name: reference::language_name(code),
    }
}

/// The owner's edit form: their profile as stored (or a fresh one) and the lists to choose from.
pub async fn editor(pool: &Pool, user: &CurrentUser, locale: Locale) -> Result<ProfileEditor> {
    let row = db::profiles::find(pool, user.id).await?;
    let input = match &row {
        Some(row) => {
            let lists = db::profiles::lists(pool, user.id).await?;
            let mut settings = row.settings();
            if let Some(level) = row.paused_visibility {
                settings.profile = crate::domain::Visibility::from_level(level);
            }
            ProfileInput {
                display_name: row.display_name.clone(),
                headline: row.headline.clone(),
                bio: row.bio.clone(),
                origins: lists.origins,
                residence: row.residence.clone().unwrap_or_default(),
                city: row.city.clone(),
                languages: lists.languages,
                sectors: lists.sectors,
                offers: lists.offers,
                sdgs: lists.sdgs.iter().map(i64::to_string).collect(),
                links: row.links().join("\n"),
                contact_email: row.contact_email.clone(),
                visibility: settings.profile.code().into(),
                origin_visibility: settings.origins.code().into(),
                city_visibility: settings.city.code().into(),
                contact_visibility: settings.contact.code().into(),
            }
        }
        None => fresh_input(user),
    };
    Ok(ProfileEditor {
        id: user.id,
        input,
        paused: row.as_ref().is_some_and(|r| r.paused_visibility.is_some()),
        has_photo: row.is_some_and(|r| r.has_photo),
        countries: reference::countries(locale),
        languages: reference::languages().to_vec(),
    })
}

/// A new profile: the account's name, and the consent-first defaults.
fn fresh_input(user: &CurrentUser) -> ProfileInput {
    let defaults = crate::domain::VisibilitySettings::default();
    ProfileInput {
        display_name: user.display_name.clone(),
        visibility: defaults.profile.code().into(),
        origin_visibility: defaults.origins.code().into(),
        city_visibility: defaults.city.code().into(),
        contact_visibility: defaults.contact.code().into(),
        ..ProfileInput::default()
    }
}

/// Validates and saves the owner's profile in one transaction.
pub async fn save(pool: &Pool, user: &CurrentUser, input: &ProfileInput) -> Result<()> {
    let valid = input
        .validate(reference::is_country, reference::is_language)
        .map_err(Error::Form)?;
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    db::profiles::save(&mut tx, user.id, &valid, db::now()).await?;
    tx.commit().await.context("Failed to commit a profile")?;
    Ok(())
}

/// Removes the signed-in member's photo; their profile shows none from the next request.
pub async fn remove_photo(pool: &Pool, user: &CurrentUser) -> Result<()> {
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    db::profiles::remove_photo(&mut tx, user.id, db::now()).await?;
    tx.commit()
        .await
        .context("Failed to commit a photo's removal")?;
    Ok(())
}

/// "Go invisible now" (`visible` false) or "visible again" (true): the profile leaves, or
/// comes back to, every list, count, map, match and cached page at once, with the
/// settings it had. Doing it twice changes nothing.
pub async fn set_presence(
    pool: &Pool,
    user: &CurrentUser,
    client: &crate::server::auth::Client,
    visible: bool,
) -> Result<()> {
    use db::audit::{self, Action};
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a change of presence")?;
    let (changed, action) = if visible {
        (
            db::profiles::resume(&mut *tx, user.id, now).await?,
            Action::VisibleAgain,
        )
    } else {
        (
            db::profiles::pause(&mut *tx, user.id, now).await?,
            Action::WentInvisible,
        )
    };
    if changed {
        audit::record(&mut *tx, Some(user.id), action, &client.0, now).await?;
    }
    tx.commit()
        .await
        .context("Failed to commit a change of presence")?;
    Ok(())
}
