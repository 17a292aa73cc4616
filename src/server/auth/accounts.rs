//! Registration, log-in and password changes: the rules, apart from HTTP and Leptos.

use super::password;
use super::throttle::Limit;
use crate::domain::{
    CurrentUser, DisplayName, Email, FieldIssue, FormErrors, Notice, Password, Role,
};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::db::{self, audit::Action, users::NewUser};
use crate::server::error::{Error, Result};
use crate::server::mail::{self, messages};
use crate::server::state::AppState;
use anyhow::Context;

/// Who is making a request: the client's address, for throttling and the audit log.
#[derive(Debug, Clone)]
pub struct Client(pub String);

/// An account that has just proved who it is: its id and password epoch.
pub type SignedIn = super::session::SignedIn;

/// What a person types to join, and the language of the page they joined on.
pub struct NewAccount<'a> {
    /// As typed.
    pub email: &'a str,
    /// As typed.
    pub display_name: &'a str,
    /// As typed.
    pub password: &'a str,
    /// The account's language from now on.
    pub locale: Locale,
}

/// Creates a member account and emails the link that confirms its address. The answer is
/// the same whether or not the address already has an account (then its owner is told
/// someone tried, and nothing else happens): registration does not reveal who is a member.
/// Nobody is signed in by it; the new member logs in, confirmed or not.
pub async fn register(state: &AppState, client: &Client, account: &NewAccount<'_>) -> Result<()> {
    let NewAccount {
        email,
        display_name,
        password,
        locale,
    } = *account;
    let refuse = |errors: FormErrors| {
        Error::Form(
            errors
                .keep("email", email)
                .keep("display_name", display_name),
        )
    };
    let now = db::now();
    let limit = Limit::registrations(&client.0);
    if limit.is_reached(&state.db, now).await? {
        return Err(refuse(FormErrors::default().notice(Notice::Throttled)));
    }
    let (email, name, password) =
        validate_registration(email, display_name, password).map_err(refuse)?;
    limit.count(&state.db, now).await?;
    // Hashed either way, so both answers take the same time.
    let hash = password::hash(password.expose().to_owned()).await?;
    if let Some(existing) = db::users::find_by_email(&state.db, email.as_str()).await? {
        return tell_owner_of_attempt(state, client, existing.id, now).await;
    }
    let new_user = NewUser {
        email: email.as_str(),
        display_name: name.as_str(),
        password_hash: &hash,
        role: Role::Member,
        locale,
        confirmed: false,
    };
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin registration")?;
    let Some(id) = db::users::insert(&mut tx, &new_user, now).await? else {
        // Registered a moment ago by another request.
        tx.rollback()
            .await
            .context("Failed to roll back registration")?;
        return match db::users::find_by_email(&state.db, email.as_str()).await? {
            Some(existing) => tell_owner_of_attempt(state, client, existing.id, now).await,
            None => {
                Err(anyhow::anyhow!("an address was taken and freed during registration").into())
            }
        };
    };
    super::recovery::send_confirmation(&mut tx, &state.mailer, id, email.as_str(), locale, now)
        .await?;
    db::audit::record(&mut *tx, Some(id), Action::Registered, &client.0, now).await?;
    tx.commit().await.context("Failed to commit registration")?;
    state.mailer.wake.notify_one();
    Ok(())
}

/// Someone tried to register an address that has an account: its owner gets an email.
async fn tell_owner_of_attempt(
    state: &AppState,
    client: &Client,
    user_id: i64,
    now: i64,
) -> Result<()> {
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin telling an owner")?;
    if let Some((address, locale)) = db::users::mail_address(&mut *tx, user_id).await? {
        let mail = messages::already_registered(address, locale, &state.mailer.public_url);
        mail::enqueue(&mut *tx, &mail, now).await?;
    }
    db::audit::record(
        &mut *tx,
        Some(user_id),
        Action::RegistrationForExistingAddress,
        &client.0,
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit telling an owner")?;
    state.mailer.wake.notify_one();
    Ok(())
}

fn validate_registration(
    email: &str,
    display_name: &str,
    password: &str,
) -> Result<(Email, DisplayName, Password), FormErrors> {
    match (
        Email::parse(email),
        DisplayName::parse(display_name),
        Password::parse(password),
    ) {
        (Ok(email), Ok(name), Ok(password)) => Ok((email, name, password)),
        (email, name, password) => {
            let mut errors = FormErrors::default();
            for (field, issue) in [
                ("email", email.err()),
                ("display_name", name.err()),
                ("password", password.err()),
            ] {
                if let Some(issue) = issue {
                    errors = errors.field(field, issue);
                }
            }
            Err(errors)
        }
    }
}

/// Checks an email and password. Unknown accounts and wrong passwords get the same
/// answer and cost the same time; failures are throttled per account and per client.
pub async fn log_in(
    state: &AppState,
    client: &Client,
    email: &str,
    password: &str,
) -> Result<SignedIn> {
    let refuse = |errors: FormErrors| Error::Form(errors.keep("email", email));
    let missing = required(&[("email", email), ("password", password)]);
    if !missing.is_empty() {
        return Err(refuse(missing));
    }
    let now = db::now();
    let (account, from_client) = (Limit::account(email), Limit::client("login", &client.0));
    if account.is_reached(&state.db, now).await? || from_client.is_reached(&state.db, now).await? {
        db::audit::record(&state.db, None, Action::LogInThrottled, &client.0, now).await?;
        return Err(refuse(FormErrors::default().notice(Notice::Throttled)));
    }
    let user = match Email::parse(email) {
        Ok(email) => db::users::find_by_email(&state.db, email.as_str()).await?,
        Err(_) => None,
    };
    let expected = user
        .as_ref()
        .map_or_else(|| state.dummy_hash.clone(), |u| u.password_hash());
    let matches = password::verify(password.to_owned(), expected).await?;
    match user {
        Some(user) if matches => {
            account.reset(&state.db).await?;
            db::audit::record(&state.db, Some(user.id), Action::LoggedIn, &client.0, now).await?;
            Ok(SignedIn {
                user_id: user.id,
                epoch: user.session_epoch,
            })
        }
        _ => {
            account.count(&state.db, now).await?;
            from_client.count(&state.db, now).await?;
            let actor = user.as_ref().map(|u| u.id);
            db::audit::record(&state.db, actor, Action::LogInFailed, &client.0, now).await?;
            Err(refuse(
                FormErrors::default().field("password", FieldIssue::BadCredentials),
            ))
        }
    }
}

/// An issue for each field left empty.
pub(super) fn required(fields: &[(&str, &str)]) -> FormErrors {
    fields
        .iter()
        .filter(|(_, value)| value.trim().is_empty())
        .fold(FormErrors::default(), |errors, (name, _)| {
            errors.field(name, FieldIssue::Required)
        })
}

/// Changes the signed-in account's password after checking the current one.
/// Every other session of the account ends; returns the new epoch for this one.
pub async fn change_password(
    state: &AppState,
    client: &Client,
    user: &CurrentUser,
    current: &str,
    new: &str,
) -> Result<SignedIn> {
    let errors = required(&[("current_password", current)]);
    let new = match Password::parse(new) {
        Ok(new) if errors.is_empty() => new,
        Ok(_) => return Err(Error::Form(errors)),
        Err(issue) => return Err(Error::Form(errors.field("new_password", issue))),
    };
    reauthenticate(state, user, current, "current_password")
        .await
        .map_err(|refusal| refusal.into_error(|errors| errors))?;
    let now = db::now();
    let hash = password::hash(new.expose().to_owned()).await?;
    let mut tx = db::begin_write(&state.db)
        .await
        .context("Failed to begin a password change")?;
    let epoch = db::users::set_password(&mut tx, user.id, &hash, now).await?;
    // Links sent before the change (a reset asked for by someone else) stop working.
    db::tokens::revoke_all(&mut *tx, user.id).await?;
    super::recovery::tell_password_changed(&mut tx, &state.mailer, user.id, now).await?;
    db::audit::record(
        &mut *tx,
        Some(user.id),
        Action::PasswordChanged,
        &client.0,
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a password change")?;
    state.mailer.wake.notify_one();
    Ok(SignedIn {
        user_id: user.id,
        epoch,
    })
}

/// Checks the signed-in account's password again before a change that needs it (a new
/// password or address, an erasure); failures count against the account's log-in limit.
/// A refusal names `field`; an internal failure is returned as `Err(Ok(error))`.
pub async fn reauthenticate(
    state: &AppState,
    user: &CurrentUser,
    password: &str,
    field: &str,
) -> std::result::Result<db::users::UserRow, Reauthentication> {
    if password.trim().is_empty() {
        return Err(Reauthentication::Refused(
            FormErrors::default().field(field, FieldIssue::Required),
        ));
    }
    let now = db::now();
    let account = Limit::account(&user.email);
    if account.is_reached(&state.db, now).await? {
        return Err(Reauthentication::Refused(
            FormErrors::default().notice(Notice::Throttled),
        ));
    }
    let row = db::users::find_by_id(&state.db, user.id)
        .await?
        .ok_or(Error::Unauthorized)?;
    if !password::verify(password.to_owned(), row.password_hash()).await? {
        account.count(&state.db, now).await?;
        db::audit::record(
            &state.db,
            Some(user.id),
            Action::ReauthenticationFailed,
            "",
            now,
        )
        .await?;
        return Err(Reauthentication::Refused(
            FormErrors::default().field(field, FieldIssue::WrongPassword),
        ));
    }
    Ok(row)
}

/// Why [`reauthenticate`] did not pass.
#[derive(Debug)]
pub enum Reauthentication {
    /// The password was wrong, missing or throttled: what the form shows.
    Refused(FormErrors),
    /// Something else failed.
    Failed(Error),
}

impl From<Error> for Reauthentication {
    fn from(error: Error) -> Self {
        Self::Failed(error)
    }
}

impl From<anyhow::Error> for Reauthentication {
    fn from(error: anyhow::Error) -> Self {
        Self::Failed(error.into())
    }
}

impl Reauthentication {
    /// As the server's error, the form's issues kept with `keep` applied.
    pub fn into_error(self, keep: impl FnOnce(FormErrors) -> FormErrors) -> Error {
        match self {
            Self::Refused(errors) => Error::Form(keep(errors)),
            Self::Failed(error) => error,
        }
    }
}

/// What `create_admin` did.
#[derive(Debug, PartialEq, Eq)]
pub enum AdminOutcome {
    /// A new administrator account was created.
    Created,
    /// An existing account was made administrator.
    Promoted,
}

/// Makes `email` an administrator, creating the account (with `password`) if needed.
pub async fn create_admin(
    pool: &Pool,
    email: &str,
    name: &str,
    password: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<AdminOutcome> {
    let email =
        Email::parse(email).map_err(|issue| anyhow::anyhow!("Invalid email address: {issue:?}"))?;
    let now = db::now();
    // The slow part (hashing a new password) happens before the transaction: a write
    // transaction that waits after its first read fails if the server writes meanwhile.
    let new_account = match db::users::find_by_email(pool, email.as_str()).await? {
        Some(_) => None,
        None => {
            let name = DisplayName::parse(name)
                .map_err(|issue| anyhow::anyhow!("Invalid name: {issue:?}"))?;
            let password = Password::parse(&password()?)
                .map_err(|issue| anyhow::anyhow!("Unacceptable password: {issue:?}"))?;
            Some((name, password::hash(password.expose().to_owned()).await?))
        }
    };
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin creating an administrator")?;
    let (id, outcome) = match (
        db::users::find_by_email(&mut *tx, email.as_str()).await?,
        new_account,
    ) {
        (Some(user), _) => {
            db::users::set_role(&mut tx, user.id, Role::Admin, now).await?;
            (user.id, AdminOutcome::Promoted)
        }
        (None, Some((name, hash))) => {
            let new_user = NewUser {
                email: email.as_str(),
                display_name: name.as_str(),
                password_hash: &hash,
                role: Role::Admin,
                locale: Locale::default(),
                confirmed: true,
            };
            let id = db::users::insert(&mut tx, &new_user, now)
                .await?
                .context("The email address was taken meanwhile")?;
            (id, AdminOutcome::Created)
        }
        (None, None) => anyhow::bail!("The account was deleted meanwhile: try again"),
    };
    db::audit::record(
        &mut *tx,
        Some(id),
        Action::AdminGranted,
        "command line",
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit the new administrator")?;
    Ok(outcome)
}
