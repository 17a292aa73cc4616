//! "Still accurate": confirming a profile or an organization, signed in or through the
//! link of a reminder.

use crate::domain::{AppError, FreshnessLink};
use leptos::prelude::*;

/// Confirms the signed-in member's profile (`organization` empty) or an organization they
/// administer as still accurate, then shows its page again.
#[server(endpoint = "still_accurate")]
pub async fn still_accurate(organization: String) -> Result<(), AppError> {
    use crate::server::{freshness, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    freshness::confirm_signed_in(&ctx.state.db, &user, &organization).await?;
    let page = if organization.trim().is_empty() {
        format!("/members/{}", user.id)
    } else {
        format!("/organizations/{}", organization.trim())
    };
    leptos_axum::redirect(&format!("{page}?confirmed=1"));
    Ok(())
}

/// What a reminder's link would confirm; `None` once it expired or was used.
#[server(endpoint = "still_accurate_link")]
pub async fn still_accurate_link(token: String) -> Result<Option<FreshnessLink>, AppError> {
    use crate::server::{db, freshness, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(freshness::link(&ctx.state.db, &token, db::now()).await?)
}

/// Confirms through a reminder's link, without logging in; the link is spent.
#[server(endpoint = "still_accurate_by_link")]
pub async fn still_accurate_by_link(token: String) -> Result<FreshnessLink, AppError> {
    use crate::server::{freshness, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let done = freshness::confirm_by_link(&ctx.state.db, &token).await?;
    leptos_axum::redirect(&format!("/still-accurate/{token}?done=1"));
    Ok(done)
}
