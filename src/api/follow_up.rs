//! After an introduction: where the contact stands, and the agreement both sides confirm.
//! The two sides only; anyone else is refused.

use crate::domain::follow_up::FollowUp;
use crate::domain::AppError;
use leptos::prelude::*;

/// The follow-up of accepted introduction `id`, for one of its two sides.
#[server(endpoint = "follow_up")]
pub async fn load_follow_up(id: i64) -> Result<FollowUp, AppError> {
    use crate::server::{introductions::follow_up, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(follow_up::load(&ctx.state.db, &user, id, ctx.locale).await?)
}

/// Moves the contact from stage `from` (what the page showed) to `stage`.
#[server(endpoint = "move_stage")]
pub async fn move_stage(id: i64, from: String, stage: String) -> Result<(), AppError> {
    use crate::domain::follow_up::Stage;
    use crate::server::{introductions::follow_up, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let (from, next) = (Stage::parse(&from), Stage::parse(&stage));
    follow_up::move_stage(&ctx.state.db, &user, id, from, next).await?;
    leptos_axum::redirect(&format!("/introductions/{id}?moved=1#stage"));
    Ok(())
}

/// States the agreement of `kind` reached; it counts once the other side states the same.
#[server(endpoint = "state_agreement")]
pub async fn state_agreement(id: i64, kind: String) -> Result<(), AppError> {
    use crate::domain::follow_up::AgreementKind;
    use crate::server::{introductions::follow_up, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let kind = AgreementKind::parse(&kind);
    let counts = follow_up::state(&ctx.state.db, &user, id, kind).await?;
    let news = if counts { "confirmed" } else { "stated" };
    leptos_axum::redirect(&format!("/introductions/{id}?agreement={news}#agreement"));
    Ok(())
}
