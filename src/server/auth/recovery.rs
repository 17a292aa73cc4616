//! What an emailed link proves: confirming an address, setting a new password, moving to
//! a new address; and ending every session of an account.
//!
//! Each link carries a single-use token (`db::tokens`): a confirmation lasts 48 hours, a
//! reset 30 minutes; a newer link of the same kind and a password change void older ones.
//! Asking for a reset answers the same for every address, known or not.

use super::password;
use super::throttle::Limit;
use crate::domain::{CurrentUser, Email, FormErrors, Notice, Password};
use crate::i18n::Locale;
use crate::server::db::tokens::{self, Purpose};
use crate::server::db::{self, audit::Action, Tx};
use crate::server::error::{Error, Result};
use crate::server::introductions::Mailer;
use crate::server::mail::{self, messages};
use crate::server::state::AppState;
use anyhow::Context;

use super::Client;

/// How long a confirmation link (new account, new address) works, in seconds.
pub const CONFIRM_SECS: i64 = 48 * 3600;
/// How long a password-reset link works, in seconds.
pub const RESET_SECS: i64 = 30 * 60;
/// Links of one kind an account or address may ask for in the throttle window.
pub const LINKS_PER_WINDOW: i64 = 5;

/// The page a confirmation link opens.
pub fn confirm_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/account/confirm/{token}")
}

/// The page a reset link opens.
pub fn reset_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/password/reset/{token}")
}

/// Issues a confirmation link for `email` and queues the message (inside the caller's
/// transaction: the account and its link are written together or not at all).
pub async fn send_confirmation(
    tx: &mut Tx<'_>,
    mailer: &Mailer,
    user_id: i64,
    email: &str,
    locale: Locale,
    now: i64,
) -> anyhow::Result<()> {
    let token = tokens::new_token();
    tokens::issue(
        tx,
        user_id,
        Purpose::Confirm,
        &token,
        email,
        now,
        now + CONFIRM_SECS,
    )
    .await?;
    let mail = messages::confirm_address(
        email.to_owned(),
        locale,
        &confirm_link(&mailer.public_url, &token),
    );
    mail::enqueue(&mut **tx, &mail, now).await
}

/// Queues the notice that an account's password changed.
pub async fn tell_password_changed(
    tx: &mut Tx<'_>,
    mailer: &Mailer,
    user_id: i64,
    now: i64,
) -> anyhow::Result<()> {
    if let Some((address, locale)) = db::users::mail_address(&mut **tx, user_id).await? {
        let mail = messages::password_changed(address, locale, &mailer.public_url);
        mail::enqueue(&mut **tx, &mail, now).await?;
    }
    Ok(())
}

/// Sends the signed-in account a new confirmation link (the older one stops working).
pub async fn resend_confirmation(state: &AppState, user: &CurrentUser) -> Result<()> {
    if user.email_confirmed {
        return Ok(());
    }
    let now = db::now();
    let limit = Limit::per_account("confirm", &user.id.to_string(), LINKS_PER_WINDOW);
    if limit.is_reached(&state.db, now).await? {
        return Err(Error::Form(FormErrors::default().notice(Notice::Throttled)));
    }
    limit.count(&state.db, now).await?;
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin sending a link")?;
    let (address, locale) = db::users::mail_address(&mut *tx, user.id)
        .await?
        .ok_or(Error::Unauthorized)?;
    send_confirmation(&mut tx, &state.mailer, user.id, &address, locale, now).await?;
    tx.commit().await.context("Failed to commit a new link")?;
    state.mailer.wake.notify_one();
    Ok(())
}

/// Whether a link of either confirmation kind is still valid (its page shows a button).
pub async fn confirmation_is_valid(state: &AppState, token: &str) -> Result<bool> {
    let now = db::now();
    Ok(
        tokens::is_valid(&state.db, Purpose::Confirm, token, now).await?
            || tokens::is_valid(&state.db, Purpose::Email, token, now).await?,
    )
}

/// Uses a confirmation link: the account's address is confirmed, or the account moves to
/// the new address the link was sent to.
pub async fn confirm(state: &AppState, client: &Client, token: &str) -> Result<()> {
    let expired = || Error::Form(FormErrors::default().notice(Notice::LinkExpired));
    let now = db::now();
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin a confirmation")?;
    if let Some((user_id, email)) = tokens::take(&mut *tx, Purpose::Confirm, token, now).await? {
        // A link for an address the account no longer has confirms nothing.
        if !db::users::confirm_email(&mut *tx, user_id, &email, now).await? {
            return Err(expired());
        }
        db::audit::record(
            &mut *tx,
            Some(user_id),
            Action::EmailConfirmed,
            &client.0,
            now,
        )
        .await?;
    } else if let Some((user_id, email)) =
        tokens::take(&mut *tx, Purpose::Email, token, now).await?
    {
        if !db::users::change_email(&mut tx, user_id, &email, now).await? {
            // Another account took the address meanwhile.
            return Err(expired());
        }
        // Links sent to the old address stop working.
        tokens::revoke_all(&mut *tx, user_id).await?;
        db::audit::record(
            &mut *tx,
            Some(user_id),
            Action::EmailChanged,
            &client.0,
            now,
        )
        .await?;
    } else {
        return Err(expired());
    }
    tx.commit()
        .await
        .context("Failed to commit a confirmation")?;
    Ok(())
}

/// "Forgot my password": emails a reset link if an account has this address. The answer
/// is the same either way, and so is the work (an unknown address costs a lookup and a
/// throttle count, like a known one).
pub async fn forgot_password(state: &AppState, client: &Client, email: &str) -> Result<()> {
    let refuse = |errors: FormErrors| Error::Form(errors.keep("email", email));
    let email =
        Email::parse(email).map_err(|issue| refuse(FormErrors::default().field("email", issue)))?;
    let now = db::now();
    let (for_address, from_client) = (
        Limit::per_account("reset", email.as_str(), LINKS_PER_WINDOW),
        Limit::client("reset", &client.0),
    );
    if for_address.is_reached(&state.db, now).await?
        || from_client.is_reached(&state.db, now).await?
    {
        return Err(refuse(FormErrors::default().notice(Notice::Throttled)));
    }
    for_address.count(&state.db, now).await?;
    from_client.count(&state.db, now).await?;
    let Some(user) = db::users::find_by_email(&state.db, email.as_str()).await? else {
        return Ok(());
    };
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin a reset")?;
    let token = tokens::new_token();
    tokens::issue(
        &mut tx,
        user.id,
        Purpose::Reset,
        &token,
        &user.email,
        now,
        now + RESET_SECS,
    )
    .await?;
    if let Some((address, locale)) = db::users::mail_address(&mut *tx, user.id).await? {
        let link = reset_link(&state.mailer.public_url, &token);
        mail::enqueue(
            &mut *tx,
            &messages::reset_password(address, locale, &link),
            now,
        )
        .await?;
    }
    db::audit::record(
        &mut *tx,
        Some(user.id),
        Action::PasswordResetAsked,
        &client.0,
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit a reset")?;
    state.mailer.wake.notify_one();
    Ok(())
}

/// Whether a reset link is still valid (its page shows the form, or says to ask again).
pub async fn reset_is_valid(state: &AppState, token: &str) -> Result<bool> {
    Ok(tokens::is_valid(&state.db, Purpose::Reset, token, db::now()).await?)
}

/// Sets a new password through a reset link. Every session of the account ends, every
/// other link it had stops working, and its address counts as confirmed (the link
/// reached it). The person logs in afterwards.
pub async fn reset_password(
    state: &AppState,
    client: &Client,
    token: &str,
    new_password: &str,
) -> Result<()> {
    let new = Password::parse(new_password)
        .map_err(|issue| Error::Form(FormErrors::default().field("new_password", issue)))?;
    // Hashed before the transaction: a slow step inside it would hold the write lock.
    let hash = password::hash(new.expose().to_owned()).await?;
    let now = db::now();
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin setting a password")?;
    let Some((user_id, email)) = tokens::take(&mut *tx, Purpose::Reset, token, now).await? else {
        return Err(Error::Form(
            FormErrors::default().notice(Notice::LinkExpired),
        ));
    };
    db::users::set_password(&mut tx, user_id, &hash, now).await?;
    tokens::revoke_all(&mut *tx, user_id).await?;
    db::users::confirm_email(&mut *tx, user_id, &email, now).await?;
    tell_password_changed(&mut tx, &state.mailer, user_id, now).await?;
    db::audit::record(
        &mut *tx,
        Some(user_id),
        Action::PasswordReset,
        &client.0,
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a new password")?;
    state.mailer.wake.notify_one();
    Ok(())
}

/// Asks to move the signed-in account to `new_email`, after checking its password (the
/// form's `password` field): a link
/// goes to the new address, a notice to the old one. The answer does not say whether
/// another account has the new address (its owner is told instead).
pub async fn change_email(
    state: &AppState,
    client: &Client,
    user: &CurrentUser,
    new_email: &str,
    current_password: &str,
) -> Result<()> {
    let refuse = |errors: FormErrors| Error::Form(errors.keep("new_email", new_email));
    let mut errors = super::accounts::required(&[("password", current_password)]);
    let email = match Email::parse(new_email) {
        Ok(email) => Some(email),
        Err(issue) => {
            errors = errors.field("new_email", issue);
            None
        }
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(refuse(errors));
    };
    let row = super::accounts::reauthenticate(state, user, current_password, "password")
        .await
        .map_err(|refusal| refusal.into_error(|errors| errors.keep("new_email", new_email)))?;
    let now = db::now();
    if email.as_str() == row.email {
        return Ok(());
    }
    let limit = Limit::per_account("email", &user.id.to_string(), LINKS_PER_WINDOW);
    if limit.is_reached(&state.db, now).await? {
        return Err(refuse(FormErrors::default().notice(Notice::Throttled)));
    }
    limit.count(&state.db, now).await?;
    let taken = db::users::find_by_email(&state.db, email.as_str()).await?;
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin a change of address")?;
    let (_, locale) = db::users::mail_address(&mut *tx, user.id)
        .await?
        .ok_or(Error::Unauthorized)?;
    match taken {
        Some(other) => {
            if let Some((address, their_locale)) =
                db::users::mail_address(&mut *tx, other.id).await?
            {
                let mail =
                    messages::already_registered(address, their_locale, &state.mailer.public_url);
                mail::enqueue(&mut *tx, &mail, now).await?;
            }
        }
        None => {
            let token = tokens::new_token();
            tokens::issue(
                &mut tx,
                user.id,
                Purpose::Email,
                &token,
                email.as_str(),
                now,
                now + CONFIRM_SECS,
            )
            .await?;
            let link = confirm_link(&state.mailer.public_url, &token);
            let mail = messages::confirm_new_address(email.as_str().to_owned(), locale, &link);
            mail::enqueue(&mut *tx, &mail, now).await?;
        }
    }
    let notice =
        messages::address_change_asked(row.email.clone(), locale, &state.mailer.public_url);
    mail::enqueue(&mut *tx, &notice, now).await?;
    db::audit::record(
        &mut *tx,
        Some(user.id),
        Action::EmailChangeAsked,
        &client.0,
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a change of address")?;
    state.mailer.wake.notify_one();
    Ok(())
}

/// Ends every session of the signed-in account, on every device and app server, this
/// one included.
pub async fn log_out_everywhere(
    state: &AppState,
    client: &Client,
    user: &CurrentUser,
) -> Result<()> {
    let now = db::now();
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin ending sessions")?;
    db::users::end_sessions(&mut *tx, user.id, now).await?;
    db::audit::record(
        &mut *tx,
        Some(user.id),
        Action::LoggedOutEverywhere,
        &client.0,
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit ending sessions")?;
    Ok(())
}
