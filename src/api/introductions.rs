//! Introductions, the inbox and its events.

use crate::domain::{AppError, Block, Inbox, IntroInput, IntroTarget};
use leptos::prelude::*;

/// The introduction form's context: to whom (`member:{id}` or `org:{slug}`), about which
/// need, and the organizations the account may write for.
#[server(endpoint = "introduction_target")]
pub async fn introduction_target(to: String, need: String) -> Result<IntroTarget, AppError> {
    use crate::server::{introductions, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let need = need.parse::<i64>().ok();
    Ok(introductions::target(&ctx.state.db, &user, &to, need, ctx.locale).await?)
}

/// Sends an introduction request, then opens the inbox.
#[server(endpoint = "send_introduction")]
pub async fn send_introduction(intro: IntroInput) -> Result<(), AppError> {
    use crate::server::{introductions, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    introductions::send(&ctx.state.db, &ctx.state.mailer, &user, &intro, ctx.locale).await?;
    leptos_axum::redirect("/inbox?sent=1#sent");
    Ok(())
}

/// Accepts (`accept`), declines (`decline`) or blocks the sender (`block`); the recipient only.
#[server(endpoint = "answer_introduction")]
pub async fn answer_introduction(id: i64, decision: String) -> Result<(), AppError> {
    use crate::server::introductions::{self, Answer};
    use crate::server::request::RequestContext;
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let answer = match decision.as_str() {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        "block" => Answer::Block,
        _ => return Err(crate::server::error::Error::NotFound.into()),
    };
    introductions::answer(&ctx.state.db, &ctx.state.mailer, &user, id, answer).await?;
    leptos_axum::redirect("/inbox");
    Ok(())
}

/// The signed-in account's inbox.
#[server(endpoint = "inbox")]
pub async fn load_inbox() -> Result<Inbox, AppError> {
    use crate::server::{introductions, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(introductions::inbox(&ctx.state.db, &user, ctx.locale).await?)
}

/// Unread events of the signed-in account (0 for visitors), for the header badge.
#[server(endpoint = "unread")]
pub async fn unread_count() -> Result<i64, AppError> {
    use crate::server::{introductions::events, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    match ctx.viewer().await?.user {
        Some(user) => Ok(events::unread(&ctx.state.db, user.id).await?),
        None => Ok(0),
    }
}

/// Marks one event read, or every event when `id` is empty.
#[server(endpoint = "mark_read")]
pub async fn mark_read(id: String) -> Result<(), AppError> {
    use crate::server::{db, introductions::events, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let id = match id.trim() {
        "" => None,
        id => Some(
            id.parse::<i64>()
                .map_err(|_| AppError::from(crate::server::error::Error::NotFound))?,
        ),
    };
    events::mark_read(&ctx.state.db, user.id, id, db::now()).await?;
    leptos_axum::redirect("/inbox#events");
    Ok(())
}

/// Takes back a request the signed-in account sent, while it waits for an answer.
#[server(endpoint = "withdraw_introduction")]
pub async fn withdraw_introduction(id: i64) -> Result<(), AppError> {
    use crate::server::{introductions, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    introductions::withdraw(&ctx.state.db, &user, id).await?;
    leptos_axum::redirect("/inbox?withdrawn=1#sent");
    Ok(())
}

/// Whom the signed-in account blocked, and whom the organizations it administers did.
#[server(endpoint = "my_blocks")]
pub async fn my_blocks() -> Result<Vec<Block>, AppError> {
    use crate::server::{introductions::blocks, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(blocks::list(&ctx.state.db, &user).await?)
}

/// Lifts a block: the account's own (`organization` empty) or one an organization it
/// administers made; then back to the account page.
#[server(endpoint = "unblock")]
pub async fn unblock(member_id: i64, organization: String) -> Result<(), AppError> {
    use crate::server::{introductions::blocks, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    blocks::unblock(&ctx.state.db, &user, member_id, &organization).await?;
    leptos_axum::redirect("/account?unblocked=1#blocks");
    Ok(())
}
