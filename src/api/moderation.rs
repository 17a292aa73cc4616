//! The moderation queue: verification requests (and, later, reports).

use crate::domain::{AppError, VerificationRequest};
use leptos::prelude::*;

/// Organizations waiting for verification; moderators only.
#[server(endpoint = "verification_queue")]
pub async fn verification_queue() -> Result<Vec<VerificationRequest>, AppError> {
    use crate::server::{organizations::verification, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(verification::queue(&ctx.state.db, &viewer, ctx.locale).await?)
}

/// Verifies (`decision = "approve"`) or refuses an organization, with a note; moderators only.
#[server(endpoint = "decide_verification")]
pub async fn decide_verification(
    slug: String,
    decision: String,
    note: String,
) -> Result<(), AppError> {
    use crate::server::{organizations::verification, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    verification::decide(&ctx.state.db, &viewer, &slug, decision == "approve", &note).await?;
    leptos_axum::redirect("/moderation");
    Ok(())
}
