//! Partnership needs and explained matches.

use crate::domain::{
    AppError, DirectoryPage, DirectoryQuery, Named, Need, NeedCard, NeedDeletion, NeedInput,
    NeedMatch, NeedMatches,
};
use leptos::prelude::*;

/// What the need form chooses from: the organizations the account administers, every
/// country and every language, named in the reader's language.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NeedFormChoices {
    pub organizations: Vec<Named>,
    pub countries: Vec<Named>,
    pub languages: Vec<Named>,
}

/// The need form's choices; for signed-in accounts.
#[server(endpoint = "need_choices")]
pub async fn need_choices() -> Result<NeedFormChoices, AppError> {
    use crate::server::{organizations, reference, request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(NeedFormChoices {
        organizations: spotlights::administered(&ctx.state.db, &user).await?,
        countries: organizations::country_choices(ctx.locale),
        languages: reference::languages().to_vec(),
    })
}

/// Posts a need for an organization the account administers, then opens it.
#[server(endpoint = "post_need")]
pub async fn post_need(need: NeedInput) -> Result<(), AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let id = needs::create(&ctx.state.db, &user, &need).await?;
    leptos_axum::redirect(&format!("/needs/{id}"));
    Ok(())
}

/// A need as its edit form shows it, with the form's choices; its organization's admins
/// only.
#[server(endpoint = "need_to_edit")]
pub async fn need_to_edit(id: i64) -> Result<(NeedFormChoices, NeedInput), AppError> {
    use crate::server::{needs, organizations, reference, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let need = needs::for_edit(&ctx.state.db, &user, id).await?;
    let choices = NeedFormChoices {
        organizations: Vec::new(),
        countries: organizations::country_choices(ctx.locale),
        languages: reference::languages().to_vec(),
    };
    Ok((choices, need))
}

/// Saves an edited need (everything but its organization and status); its
/// organization's admins only.
#[server(endpoint = "update_need")]
pub async fn update_need(id: i64, need: NeedInput) -> Result<(), AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    needs::update(&ctx.state.db, &user, id, &need).await?;
    leptos_axum::redirect(&format!("/needs/{id}"));
    Ok(())
}

/// What deleting a need would take with it; its organization's admins only.
#[server(endpoint = "need_to_delete")]
pub async fn need_to_delete(id: i64) -> Result<NeedDeletion, AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(needs::deletion(&ctx.state.db, &user, id).await?)
}

/// Deletes a need for good, then shows its organization; its organization's admins only.
#[server(endpoint = "delete_need")]
pub async fn delete_need(id: i64) -> Result<(), AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let organization = needs::delete(&ctx.state.db, &user, id).await?;
    leptos_axum::redirect(&format!("/organizations/{organization}"));
    Ok(())
}

/// Opens, closes (fulfilled, withdrawn) or returns to draft; the organization's admins
/// only.
#[server(endpoint = "set_need_status")]
pub async fn set_need_status(id: i64, status: String) -> Result<(), AppError> {
    use crate::domain::NeedStatus;
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let status = NeedStatus::parse(&status)
        .ok_or_else(|| AppError::from(crate::server::error::Error::NotFound))?;
    needs::set_status(&ctx.state.db, &user, id, status).await?;
    leptos_axum::redirect(&format!("/needs/{id}"));
    Ok(())
}

/// One page of needs (open ones unless `status` says otherwise).
#[server(endpoint = "needs")]
pub async fn search_needs(query: DirectoryQuery) -> Result<DirectoryPage<NeedCard>, AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(needs::directory::search(
        &ctx.state.db,
        &ctx.state.directory.needs,
        &query,
        ctx.locale,
    )
    .await?)
}

/// One need (drafts only for its organization's admins).
#[server(endpoint = "need")]
pub async fn load_need(id: i64) -> Result<Need, AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(needs::get(&ctx.state.db, &viewer, id, ctx.locale).await?)
}

/// The ranked, explained partners for a need; for people of its organization.
#[server(endpoint = "need_matches")]
pub async fn load_need_matches(id: i64) -> Result<NeedMatches, AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(
        needs::matches::for_need(&ctx.state.db, &ctx.state.matching, &viewer, id, ctx.locale)
            .await?,
    )
}

/// Open needs ranked for the signed-in member.
#[server(endpoint = "my_matches")]
pub async fn my_matches() -> Result<Vec<NeedMatch>, AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(needs::matches::for_member(&ctx.state.db, &ctx.state.matching, &user, ctx.locale).await?)
}

/// Open needs ranked for an organization (its name, and the needs); for its people.
#[server(endpoint = "organization_matches")]
pub async fn organization_matches(slug: String) -> Result<(String, Vec<NeedMatch>), AppError> {
    use crate::server::{needs, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(
        needs::matches::for_org(&ctx.state.db, &ctx.state.matching, &user, &slug, ctx.locale)
            .await?,
    )
}
