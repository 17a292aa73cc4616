//! Meetings of an accepted introduction: propose times, pick one, cancel, and the time
//! zone a person reads times in. The two sides only; anyone else is refused.

use crate::domain::meeting::ProposalForm;
use crate::domain::AppError;
use leptos::prelude::*;

/// Proposes up to three times (typed in the zone the form names) for a meeting.
#[server(endpoint = "propose_meeting")]
pub async fn propose_meeting(id: i64, proposal: ProposalForm) -> Result<(), AppError> {
    use crate::server::{introductions::meetings, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    meetings::propose(&ctx.state.db, &ctx.state.mailer, &user, id, proposal).await?;
    leptos_axum::redirect(&format!("/introductions/{id}?meeting=proposed#meeting"));
    Ok(())
}

/// Picks the time `starts_at` (Unix seconds) of meeting `meeting`.
#[server(endpoint = "pick_meeting_time")]
pub async fn pick_meeting_time(id: i64, meeting: i64, starts_at: i64) -> Result<(), AppError> {
    use crate::server::{introductions::meetings, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    meetings::pick(
        &ctx.state.db,
        &ctx.state.mailer,
        &user,
        id,
        meeting,
        starts_at,
    )
    .await?;
    leptos_axum::redirect(&format!("/introductions/{id}?meeting=confirmed#meeting"));
    Ok(())
}

/// Cancels meeting `meeting`; the other side is told.
#[server(endpoint = "cancel_meeting")]
pub async fn cancel_meeting(id: i64, meeting: i64) -> Result<(), AppError> {
    use crate::server::{introductions::meetings, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    meetings::cancel(&ctx.state.db, &ctx.state.mailer, &user, id, meeting).await?;
    leptos_axum::redirect(&format!("/introductions/{id}?meeting=cancelled#meeting"));
    Ok(())
}

/// Saves the time zone the signed-in person reads times in; back to introduction `id`.
#[server(endpoint = "save_time_zone")]
pub async fn save_time_zone(id: i64, time_zone: String) -> Result<(), AppError> {
    use crate::server::{introductions::meetings, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    meetings::set_zone(&ctx.state.db, &user, &time_zone).await?;
    leptos_axum::redirect(&format!("/introductions/{id}?meeting=zone#meeting"));
    Ok(())
}
