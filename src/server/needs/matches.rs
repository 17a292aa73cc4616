//! Explained matches: partners for a need, and needs for a member or an organization.

use super::directory::cards_of;
use super::{lists, row, today};
use crate::domain::{CurrentUser, Matched, NeedMatch, NeedMatches, PartnerMatch};
use crate::i18n::Locale;
use crate::server::db;
use crate::server::db::Pool;
use crate::server::directory::{self, Filters};
use crate::server::error::{Error, Result};
use crate::server::matching::index::{MatchIndex, Side};
use crate::server::matching::{self, ask_of, explain, NeedAsk, TOP};
use crate::server::organizations::find;
use crate::server::policy::Viewer;
use anyhow::Context;

use std::collections::HashMap;

/// Reads one need for the matcher.
pub async fn need_ask(pool: &Pool, id: i64) -> Result<NeedAsk> {
    let need = row(pool, id).await?.ok_or(Error::NotFound)?;
    let (types, sdgs, countries, sectors, kinds, languages) = lists(pool, id).await?;
    Ok(NeedAsk {
        id,
        org_id: need.org_id,
        ask: ask_of(&sdgs, &sectors, &types, &kinds, &countries, &languages),
        text: format!("{} {}", need.title, need.description),
    })
}

/// The ranked members and organizations for a need; for people of its organization only.
pub async fn for_need(
    pool: &Pool,
    index: &MatchIndex,
    viewer: &Viewer,
    id: i64,
    locale: Locale,
) -> Result<NeedMatches> {
    let user = viewer.user.as_ref().ok_or(Error::Unauthorized)?;
    let need = row(pool, id).await?.ok_or(Error::NotFound)?;
    if db::organizations::role_of(pool, need.org_id, user.id)
        .await?
        .is_none()
    {
        return Err(Error::Forbidden);
    }
    let ask = need_ask(pool, id).await?;
    let members = matching::partners(pool, index, &ask, viewer, Side::Members, TOP).await?;
    let orgs = matching::partners(pool, index, &ask, viewer, Side::Organizations, TOP).await?;
    let level = viewer.audience().min_level();
    let ids = |list: &[(i64, matching::score::Scored)]| {
        list.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    };
    let member_cards = directory::members::page_items(
        pool,
        &Filters {
            ids: Some(ids(&members)),
            ..Filters::default()
        },
        level,
        0,
        locale,
    )
    .await?;
    let org_cards = directory::organizations::cards(
        pool,
        &Filters {
            ids: Some(ids(&orgs)),
            ..Filters::default()
        },
        None,
        locale,
    )
    .await?;
    let mut member_cards: HashMap<i64, _> = member_cards.into_iter().map(|c| (c.id, c)).collect();
    let mut org_cards: HashMap<i64, _> = org_cards.into_iter().map(|c| (c.id, c)).collect();
    let card = super::directory::card_of(pool, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(NeedMatches {
        need: card,
        members: members
            .iter()
            .filter_map(|(id, s)| {
                let who = Matched::Member(member_cards.remove(id)?);
                Some(PartnerMatch {
                    score: matching::score::shown(s.points),
                    reasons: explain(s, locale),
                    who,
                })
            })
            .collect(),
        organizations: orgs
            .iter()
            .filter_map(|(id, s)| {
                let who = Matched::Organization(org_cards.remove(id)?);
                Some(PartnerMatch {
                    score: matching::score::shown(s.points),
                    reasons: explain(s, locale),
                    who,
                })
            })
            .collect(),
    })
}

/// Every open need, read for the matcher.
pub async fn open_asks(pool: &Pool) -> anyhow::Result<Vec<NeedAsk>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM needs WHERE status = 'open' AND deadline >= $1 ORDER BY id",
    )
    .bind(today())
    .fetch_all(pool)
    .await
    .context("Failed to list open needs")?;
    let mut asks = Vec::with_capacity(ids.len());
    for id in ids {
        match need_ask(pool, id).await {
            Ok(ask) => asks.push(ask),
            Err(Error::Unexpected(error)) => return Err(error),
            Err(_) => {}
        }
    }
    Ok(asks)
}

/// Open needs ranked for the signed-in member, from their own profile (all of it counts:
/// only they see this list). Empty when the profile is hidden or not written yet.
pub async fn for_member(
    pool: &Pool,
    index: &MatchIndex,
    user: &CurrentUser,
    locale: Locale,
) -> Result<Vec<NeedMatch>> {
    index.refresh(pool).await?;
    let Some(entry) = index.entry(Side::Members, user.id) else {
        return Ok(Vec::new());
    };
    let own: Option<(String, String)> =
        sqlx::query_as("SELECT headline, bio FROM profiles WHERE user_id = $1")
            .bind(user.id)
            .fetch_optional(pool)
            .await
            .context("Failed to read a profile")?;
    let text = own.map(|(h, b)| format!("{h} {b}")).unwrap_or_default();
    let needs = open_asks(pool).await?;
    let ranked = matching::needs_for(pool, &needs, &entry.candidate, true, &text, None).await?;
    need_matches(pool, ranked, locale).await
}

/// Open needs ranked for an organization; for its people.
pub async fn for_org(
    pool: &Pool,
    index: &MatchIndex,
    user: &CurrentUser,
    slug: &str,
    locale: Locale,
) -> Result<(String, Vec<NeedMatch>)> {
    let org = find(pool, slug).await?;
    if db::organizations::role_of(pool, org.id, user.id)
        .await?
        .is_none()
    {
        return Err(Error::Forbidden);
    }
    index.refresh(pool).await?;
    let entry = index
        .entry(Side::Organizations, org.id)
        .ok_or(Error::NotFound)?;
    let needs = open_asks(pool).await?;
    let ranked = matching::needs_for(
        pool,
        &needs,
        &entry.candidate,
        false,
        &org.description,
        Some(org.id),
    )
    .await?;
    Ok((org.name, need_matches(pool, ranked, locale).await?))
}

async fn need_matches(
    pool: &Pool,
    mut ranked: Vec<(i64, matching::score::Scored)>,
    locale: Locale,
) -> Result<Vec<NeedMatch>> {
    ranked.truncate(TOP * 2);
    let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
    let mut cards: HashMap<i64, _> = cards_of(pool, &ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(ranked
        .iter()
        .filter_map(|(id, s)| {
            Some(NeedMatch {
                score: matching::score::shown(s.points),
                reasons: explain(s, locale),
                need: cards.remove(id)?,
            })
        })
        .collect())
}
