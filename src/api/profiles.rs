//! Member profiles: one's own edit form, and anyone's profile as the viewer may see it.

use crate::domain::{
    AppError, DirectoryPage, DirectoryQuery, MemberCard, MemberProfile, ProfileEditor, ProfileInput,
};
use leptos::prelude::*;

/// The signed-in member's profile form, with the countries and languages to choose from.
#[server(endpoint = "profile_editor")]
pub async fn load_profile_editor() -> Result<ProfileEditor, AppError> {
    use crate::server::{profiles, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(profiles::editor(&ctx.state.db, &user, ctx.locale).await?)
}

/// Saves the signed-in member's profile, then shows it again with a confirmation.
#[server(endpoint = "save_profile")]
pub async fn save_profile(profile: ProfileInput) -> Result<(), AppError> {
    use crate::server::{profiles, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    profiles::save(&ctx.state.db, &user, &profile).await?;
    leptos_axum::redirect("/me/profile?saved=1");
    Ok(())
}

/// Removes the signed-in member's photo, then shows the profile form again.
#[server(endpoint = "remove_photo")]
pub async fn remove_photo() -> Result<(), AppError> {
    use crate::server::{profiles, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    profiles::remove_photo(&ctx.state.db, &user).await?;
    leptos_axum::redirect("/me/profile?photo=removed#photo");
    Ok(())
}

/// The header's switch: hides the signed-in member's profile everywhere at once
/// (`visible` false), or shows it again with its earlier settings; then back to the page.
#[server(endpoint = "set_presence")]
pub async fn set_presence(visible: bool) -> Result<(), AppError> {
    use crate::server::{profiles, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    profiles::set_presence(&ctx.state.db, &user, &ctx.client, visible).await?;
    let back = ctx.same_site_referer().unwrap_or_else(|| "/account".into());
    leptos_axum::redirect(&back);
    Ok(())
}

/// A member's profile, with only what this viewer may see.
#[server(endpoint = "member")]
pub async fn load_member(id: i64) -> Result<MemberProfile, AppError> {
    use crate::server::{profiles, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(profiles::view(&ctx.state.db, &viewer, id, ctx.locale).await?)
}

/// One page of the member directory, as this viewer may see it.
#[server(endpoint = "members")]
pub async fn search_members(query: DirectoryQuery) -> Result<DirectoryPage<MemberCard>, AppError> {
    use crate::server::{directory, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(directory::members::search(
        &ctx.state.db,
        &ctx.state.directory.members,
        &viewer,
        &query,
        ctx.locale,
    )
    .await?)
}
