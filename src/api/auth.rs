//! Accounts: register, log in, log out, change password, who am I.

use crate::domain::{AppError, CurrentUser};
use leptos::prelude::*;

/// Creates an account and signs it in, then goes to `/account`.
#[server(endpoint = "register")]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let new_account = auth::NewAccount {
        email: &email,
        display_name: &display_name,
        password: &password,
        locale: ctx.locale,
    };
    let signed_in = auth::register(&ctx.state, &ctx.client, &new_account).await?;
    auth::session::sign_in(&ctx.session, signed_in.user_id, signed_in.epoch).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

/// Signs an account in with a fresh session id, then goes to `/account`.
#[server(endpoint = "login")]
pub async fn log_in(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let signed_in = auth::log_in(&ctx.state, &ctx.client, &email, &password).await?;
    auth::session::sign_in(&ctx.session, signed_in.user_id, signed_in.epoch).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

/// Ends the session, then goes home.
#[server(endpoint = "logout")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::server::db::{self, audit};
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.current_user().await?;
    auth::session::sign_out(&ctx.session).await?;
    if let Some(user) = user {
        audit::record(
            &ctx.state.db,
            Some(user.id),
            audit::Action::LoggedOut,
            &ctx.client.0,
            db::now(),
        )
        .await?;
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// Changes the signed-in account's password; other sessions end, this one stays.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    let signed_in = auth::change_password(
        &ctx.state,
        &ctx.client,
        &user,
        &current_password,
        &new_password,
    )
    .await?;
    auth::session::sign_in(&ctx.session, signed_in.user_id, signed_in.epoch).await?;
    leptos_axum::redirect("/account?changed=password");
    Ok(())
}

/// The signed-in account, as its owner sees it; `None` for visitors.
#[server(endpoint = "me")]
pub async fn signed_in_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::request::RequestContext;
    let ctx = RequestContext::extract().await?;
    ctx.current_user().await
}
