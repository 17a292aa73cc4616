//! The world map of organizations.

use crate::domain::{AppError, WorldMapView};
use leptos::prelude::*;

/// Every country's outline with its number of organizations.
#[server(endpoint = "world_map")]
pub async fn world_map() -> Result<WorldMapView, AppError> {
    use crate::server::{geo::world_map, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(world_map::organizations(&ctx.state.db, ctx.locale).await?)
}
