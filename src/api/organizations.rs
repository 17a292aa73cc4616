//! Organizations: creating, editing, reading, listing, and their people.

use crate::domain::{
    AppError, DirectoryPage, DirectoryQuery, Named, OrgCard, OrgDeletion, OrgInput, OrgProfile,
};
use leptos::prelude::*;

/// Every country, named in the reader's language, for the organization forms.
#[server(endpoint = "countries")]
pub async fn country_choices() -> Result<Vec<Named>, AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(organizations::country_choices(ctx.locale))
}

/// Creates an organization owned by the signed-in account, then opens it.
#[server(endpoint = "create_organization")]
pub async fn create_organization(org: OrgInput) -> Result<(), AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let slug = organizations::create(&ctx.state.db, &user, &org).await?;
    leptos_axum::redirect(&format!("/organizations/{slug}"));
    Ok(())
}

/// The edit form of an organization; its admins only.
#[server(endpoint = "organization_editor")]
pub async fn organization_editor(slug: String) -> Result<OrgInput, AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(organizations::editor(&ctx.state.db, &user, &slug).await?)
}

/// Saves an organization; its admins only.
#[server(endpoint = "update_organization")]
pub async fn update_organization(slug: String, org: OrgInput) -> Result<(), AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    organizations::update(&ctx.state.db, &user, &slug, &org).await?;
    leptos_axum::redirect(&format!("/organizations/{slug}"));
    Ok(())
}

/// An organization's page.
#[server(endpoint = "organization")]
pub async fn organization(slug: String) -> Result<OrgProfile, AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let viewer = ctx.viewer().await?;
    Ok(organizations::view(&ctx.state.db, &viewer, &slug, ctx.locale).await?)
}

/// One page of the organization directory.
#[server(endpoint = "organizations")]
pub async fn search_organizations(
    query: DirectoryQuery,
) -> Result<DirectoryPage<OrgCard>, AppError> {
    use crate::server::{directory, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(directory::organizations::search(
        &ctx.state.db,
        &ctx.state.directory.organizations,
        &query,
        ctx.locale,
    )
    .await?)
}

/// Removes an organization's logo; its admins only.
#[server(endpoint = "remove_logo")]
pub async fn remove_logo(slug: String) -> Result<(), AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    organizations::logo::remove(&ctx.state.db, &user, &slug).await?;
    leptos_axum::redirect(&format!("/organizations/{slug}/edit?logo=removed#logo"));
    Ok(())
}

/// What deleting an organization would take with it; its owners only.
#[server(endpoint = "organization_to_delete")]
pub async fn organization_to_delete(slug: String) -> Result<OrgDeletion, AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    Ok(organizations::deletion::preview(&ctx.state.db, &user, &slug).await?)
}

/// Deletes an organization and all it holds, then shows the account; its owners only.
#[server(endpoint = "delete_organization")]
pub async fn delete_organization(slug: String) -> Result<(), AppError> {
    use crate::server::{organizations, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    organizations::deletion::delete(&ctx.state.db, &ctx.state.mailer, &user, &slug).await?;
    leptos_axum::redirect("/account?org_deleted=1");
    Ok(())
}
