//! Accounts: register, log in, log out, change password, who am I; and what an emailed
//! link does (confirm an address, reset a password, move to a new address).

use crate::domain::{AppError, CurrentUser};
use leptos::prelude::*;

/// Creates an account and emails its confirmation link, then goes to the log-in page,
/// which says to look for the message. Answers the same for an address already taken.
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
    auth::register(&ctx.state, &ctx.client, &new_account).await?;
    leptos_axum::redirect("/login?joined=1");
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

/// Emails the signed-in account a new confirmation link.
#[server(endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    auth::recovery::resend_confirmation(&ctx.state, &user).await?;
    leptos_axum::redirect("/account?sent=confirmation");
    Ok(())
}

/// Whether an emailed confirmation link still works (its page offers the button, or not).
#[server(endpoint = "confirmation_link")]
pub async fn confirmation_link_valid(token: String) -> Result<bool, AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(auth::recovery::confirmation_is_valid(&ctx.state, &token).await?)
}

/// Uses a confirmation link (new account or new address), then goes to the account page.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    auth::recovery::confirm(&ctx.state, &ctx.client, &token).await?;
    leptos_axum::redirect("/account?confirmed=1");
    Ok(())
}

/// Emails a reset link if an account has this address; the same answer for any address.
#[server(endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    auth::recovery::forgot_password(&ctx.state, &ctx.client, &email).await?;
    leptos_axum::redirect("/password/forgot?sent=1");
    Ok(())
}

/// Whether an emailed reset link still works.
#[server(endpoint = "reset_link")]
pub async fn reset_link_valid(token: String) -> Result<bool, AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    Ok(auth::recovery::reset_is_valid(&ctx.state, &token).await?)
}

/// Sets a new password through a reset link; every session ends, and the person logs in.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    auth::recovery::reset_password(&ctx.state, &ctx.client, &token, &new_password).await?;
    auth::session::sign_out(&ctx.session).await?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}

/// Asks to move the signed-in account to a new address (current password required).
#[server(endpoint = "change_email")]
pub async fn change_email(new_email: String, password: String) -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    auth::recovery::change_email(&ctx.state, &ctx.client, &user, &new_email, &password).await?;
    leptos_axum::redirect("/account?sent=email");
    Ok(())
}

/// Ends every session of the signed-in account, this one included, then goes to log-in.
#[server(endpoint = "log_out_everywhere")]
pub async fn log_out_everywhere() -> Result<(), AppError> {
    use crate::server::{auth, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    auth::recovery::log_out_everywhere(&ctx.state, &ctx.client, &user).await?;
    auth::session::sign_out(&ctx.session).await?;
    leptos_axum::redirect("/login?everywhere=1");
    Ok(())
}

/// Erases the signed-in account for good (its password required), then says so on the
/// log-in page.
#[server(endpoint = "erase_account")]
pub async fn erase_account(password: String) -> Result<(), AppError> {
    use crate::server::{auth, privacy, request::RequestContext};
    let ctx = RequestContext::extract().await?;
    let user = ctx.user().await?;
    privacy::erase::erase(&ctx.state, &user, &password).await?;
    auth::session::sign_out(&ctx.session).await?;
    leptos_axum::redirect("/login?erased=1");
    Ok(())
}
