//! Spotlights and regions.

use crate::domain::{AppError, Named, RegionView, Spotlight, SpotlightCard, SpotlightInput};
use leptos::prelude::*;

/// Saves a spotlight draft about an organization the author administers, then opens it.
#[server(endpoint = "draft_spotlight")]
pub async fn draft_spotlight(spotlight: SpotlightInput) -> Result<(), AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let slug = spotlights::draft(&ctx.state.db, &user, &spotlight).await?;
    leptos_axum::redirect(&format!("/spotlights/{slug}"));
    Ok(())
}

/// Publishes a draft; moderators only.
#[server(endpoint = "publish_spotlight")]
pub async fn publish_spotlight(slug: String) -> Result<(), AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    spotlights::publish(&ctx.state.db, &viewer, &slug).await?;
    leptos_axum::redirect(&format!("/spotlights/{slug}"));
    Ok(())
}

/// Published spotlights, newest first, optionally in one region.
#[server(endpoint = "spotlights")]
pub async fn list_spotlights(region: String) -> Result<Vec<SpotlightCard>, AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let region = (!region.is_empty()).then_some(region.as_str());
    Ok(spotlights::published(&ctx.state.db, region, 100).await?)
}

/// The newest published spotlight, for the home page.
#[server(endpoint = "latest_spotlight")]
pub async fn latest_spotlight() -> Result<Option<SpotlightCard>, AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    Ok(spotlights::published(&ctx.state.db, None, 1)
        .await?
        .into_iter()
        .next())
}

/// One spotlight (drafts only for its organization's admins and moderators).
#[server(endpoint = "spotlight")]
pub async fn load_spotlight(slug: String) -> Result<Spotlight, AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(spotlights::get(&ctx.state.db, &viewer, &slug).await?)
}

/// Drafts waiting for publication; moderators only.
#[server(endpoint = "spotlight_drafts")]
pub async fn spotlight_drafts() -> Result<Vec<SpotlightCard>, AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(spotlights::drafts(&ctx.state.db, &viewer).await?)
}

/// The organizations the signed-in account administers, and every region slug.
#[server(endpoint = "spotlight_choices")]
pub async fn spotlight_choices() -> Result<(Vec<Named>, Vec<String>), AppError> {
    use crate::server::{reference, request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok((
        spotlights::administered(&ctx.state.db, &user).await?,
        reference::region_slugs(),
    ))
}

/// A region's page.
#[server(endpoint = "region")]
pub async fn region(slug: String) -> Result<RegionView, AppError> {
    use crate::server::{regions, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(regions::view(&ctx.state, &viewer, &slug, ctx.locale).await?)
}

/// Every region slug, regions first.
#[server(endpoint = "regions")]
pub async fn region_slugs() -> Result<Vec<String>, AppError> {
    Ok(crate::server::reference::region_slugs())
}

/// A spotlight's form as stored, and every region slug; for whoever may edit it.
#[server(endpoint = "spotlight_editor")]
pub async fn spotlight_editor(slug: String) -> Result<(SpotlightInput, Vec<String>), AppError> {
    use crate::server::{reference, request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok((
        spotlights::editor(&ctx.state.db, &viewer, &slug).await?,
        reference::region_slugs(),
    ))
}

/// Saves a spotlight's text, then opens it.
#[server(endpoint = "update_spotlight")]
pub async fn update_spotlight(slug: String, spotlight: SpotlightInput) -> Result<(), AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    spotlights::update(&ctx.state.db, &viewer, &slug, &spotlight).await?;
    leptos_axum::redirect(&format!("/spotlights/{slug}?saved=1"));
    Ok(())
}

/// Takes a published spotlight back to a draft; moderators and its organization's admins.
#[server(endpoint = "unpublish_spotlight")]
pub async fn unpublish_spotlight(slug: String) -> Result<(), AppError> {
    use crate::server::{request::RequestContext, spotlights};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    spotlights::unpublish(&ctx.state.db, &viewer, &slug).await?;
    leptos_axum::redirect(&format!("/spotlights/{slug}?unpublished=1"));
    Ok(())
}
