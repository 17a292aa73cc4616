//! The people of an organization: joining, inviting, roles, leaving, and verification requests.

use crate::domain::AppError;
use leptos::prelude::*;

/// Where each of these actions lands: the organization's page.
#[cfg(feature = "ssr")]
fn back_to(slug: &str) {
    leptos_axum::redirect(&format!("/organizations/{slug}"));
}

/// Asks to join an organization.
#[server(endpoint = "join_organization")]
pub async fn join_organization(slug: String) -> Result<(), AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    people::request_join(&ctx.state.db, &user, &slug).await?;
    back_to(&slug);
    Ok(())
}

/// Approves (`decision = "approve"`) or declines a join request; admins only.
#[server(endpoint = "answer_join")]
pub async fn answer_join(slug: String, user_id: i64, decision: String) -> Result<(), AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    people::answer_join(&ctx.state.db, &user, &slug, user_id, decision == "approve").await?;
    back_to(&slug);
    Ok(())
}

/// Invites an existing account by email; owners only. The invitee answers.
#[server(endpoint = "invite_member")]
pub async fn invite_member(slug: String, email: String) -> Result<(), AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    people::invite(&ctx.state.db, &user, &slug, &email).await?;
    back_to(&slug);
    Ok(())
}

/// The invitee accepts (`decision = "accept"`) or declines an invitation.
#[server(endpoint = "answer_invitation")]
pub async fn answer_invitation(slug: String, decision: String) -> Result<(), AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    people::answer_invitation(&ctx.state.db, &user, &slug, decision == "accept").await?;
    back_to(&slug);
    Ok(())
}

/// The signed-in account's unanswered invitations, as organizations (slug and name).
#[server(endpoint = "my_invitations")]
pub async fn my_invitations() -> Result<Vec<crate::domain::Named>, AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let invitations = people::invitations(&ctx.state.db, &user).await?;
    Ok(invitations
        .into_iter()
        .map(|(code, name)| crate::domain::Named { code, name })
        .collect())
}

/// Changes a person's role (`owner`, `admin`, `member`) or removes them (`remove`); owners only.
#[server(endpoint = "set_member_role")]
pub async fn set_member_role(slug: String, user_id: i64, role: String) -> Result<(), AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let role = match role.as_str() {
        "remove" => None,
        code => Some(
            crate::domain::OrgRole::parse(code)
                .ok_or_else(|| AppError::from(crate::server::error::Error::NotFound))?,
        ),
    };
    people::set_role(&ctx.state.db, &user, &slug, user_id, role).await?;
    back_to(&slug);
    Ok(())
}

/// Leaves an organization (the last owner cannot).
#[server(endpoint = "leave_organization")]
pub async fn leave_organization(slug: String) -> Result<(), AppError> {
    use crate::server::{organizations::people, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    people::leave(&ctx.state.db, &user, &slug).await?;
    back_to(&slug);
    Ok(())
}

/// Asks the moderators to verify an organization; its admins only.
#[server(endpoint = "request_verification")]
pub async fn request_verification(slug: String) -> Result<(), AppError> {
    use crate::server::{organizations::verification, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    verification::request(&ctx.state.db, &user, &slug).await?;
    back_to(&slug);
    Ok(())
}
