//! Queries on accounts.

use crate::domain::Role;
use crate::i18n::Locale;
use crate::server::auth::password::PasswordHash;
use crate::server::db::{Executor, Tx};
use anyhow::Context;

/// An account as stored, with its password hash. Never sent to a browser.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// The account's id.
    pub id: i64,
    /// Normalised email address.
    pub email: String,
    /// The name shown to others.
    pub display_name: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// `member`, `moderator` or `admin`.
    pub role: String,
    /// Bumped when the password changes, ending every older session.
    pub session_epoch: i64,
    /// When the address was confirmed by its link; `None` until then.
    pub email_confirmed_at: Option<i64>,
}

impl UserRow {
    /// The stored role; an unknown value counts as the least powerful.
    pub fn role(&self) -> Role {
        Role::from_db(&self.role).unwrap_or(Role::Member)
    }

    /// The stored hash, for verification.
    pub fn password_hash(&self) -> PasswordHash {
        PasswordHash::from_stored(self.password_hash.clone())
    }
}

const COLUMNS: &str =
    "id, email, display_name, password_hash, role, session_epoch, email_confirmed_at";

/// What a new account is made of.
pub struct NewUser<'a> {
    /// Normalised email address.
    pub email: &'a str,
    /// The name shown to others.
    pub display_name: &'a str,
    /// The argon2id hash of the password.
    pub password_hash: &'a PasswordHash,
    /// What the account may do.
    pub role: Role,
    /// The language its emails are written in.
    pub locale: Locale,
    /// Whether its address counts as confirmed from the start (accounts made by an
    /// operator: the command line, the demo data).
    pub confirmed: bool,
}

/// Inserts an account; `Ok(None)` when the email address is already taken.
pub async fn insert(tx: &mut Tx<'_>, user: &NewUser<'_>, now: i64) -> anyhow::Result<Option<i64>> {
    let result = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (email, display_name, password_hash, role, locale, created_at, updated_at, \
                            email_confirmed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
    )
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.password_hash.as_str())
    .bind(user.role.as_str())
    .bind(leptos_i18n::Locale::as_str(user.locale))
    .bind(now)
    .bind(user.confirmed.then_some(now))
    .fetch_one(&mut **tx)
    .await;
    match result {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e).context("Failed to insert a new user"),
    }
}

/// Finds an account by its normalised email address.
pub async fn find_by_email(db: impl Executor<'_>, email: &str) -> anyhow::Result<Option<UserRow>> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email)
        .fetch_optional(db)
        .await
        .context("Failed to look up a user by email")
}

/// Where an account is written to, and in which language.
pub async fn mail_address(
    db: impl Executor<'_>,
    id: i64,
) -> anyhow::Result<Option<(String, Locale)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT email, locale FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await
            .context("Failed to read an account's address")?;
    Ok(row.map(|(email, code)| (email, crate::server::locale::from_code(&code))))
}

/// Like [`mail_address`], but nothing for an erased account: its tombstone address
/// reaches nobody.
pub async fn live_mail_address(
    db: impl Executor<'_>,
    id: i64,
) -> anyhow::Result<Option<(String, Locale)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT email, locale FROM users WHERE id = $1 AND erased_at IS NULL")
            .bind(id)
            .fetch_optional(db)
            .await
            .context("Failed to read an account's address")?;
    Ok(row.map(|(email, code)| (email, crate::server::locale::from_code(&code))))
}

/// Remembers the language an account chose.
pub async fn set_locale(
    db: impl Executor<'_>,
    id: i64,
    locale: Locale,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
        .bind(leptos_i18n::Locale::as_str(locale))
        .bind(now)
        .bind(id)
        .execute(db)
        .await
        .context("Failed to store an account's language")?;
    Ok(())
}

/// Finds an account by id.
pub async fn find_by_id(db: impl Executor<'_>, id: i64) -> anyhow::Result<Option<UserRow>> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
        .context("Failed to look up a user by id")
}

/// Stores a new password hash and ends every older session; returns the new epoch.
pub async fn set_password(
    tx: &mut Tx<'_>,
    id: i64,
    hash: &PasswordHash,
    now: i64,
) -> anyhow::Result<i64> {
    sqlx::query_scalar::<_, i64>(
        "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2 \
         WHERE id = $3 RETURNING session_epoch",
    )
    .bind(hash.as_str())
    .bind(now)
    .bind(id)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to store a new password")
}

/// Changes an account's role.
pub async fn set_role(tx: &mut Tx<'_>, id: i64, role: Role, now: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3")
        .bind(role.as_str())
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to change a user's role")?;
    Ok(())
}

/// The signed-in account as a request needs it: the account, and whether its profile is
/// listed or paused ("go invisible now").
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignedInRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    /// The profile's visibility level, if it has a profile.
    pub visibility: Option<i64>,
    /// The level a paused profile comes back to.
    pub paused_visibility: Option<i64>,
}

/// Reads the signed-in account with its profile's visibility, in one query.
pub async fn signed_in(db: impl Executor<'_>, id: i64) -> anyhow::Result<Option<SignedInRow>> {
    sqlx::query_as::<_, SignedInRow>(
        "SELECT u.id, u.email, u.display_name, u.password_hash, u.role, u.session_epoch,
                u.email_confirmed_at, p.visibility, p.paused_visibility
         FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
    .context("Failed to read the signed-in account")
}

/// Marks the address `email` of account `id` confirmed; false when the account has
/// another address now (the link was for an earlier one).
pub async fn confirm_email(
    db: impl Executor<'_>,
    id: i64,
    email: &str,
    now: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $1), updated_at = $1
         WHERE id = $2 AND email = $3",
    )
    .bind(now)
    .bind(id)
    .bind(email)
    .execute(db)
    .await
    .context("Failed to confirm an address")?;
    Ok(done.rows_affected() == 1)
}

/// Moves an account to a new, confirmed address; `Ok(false)` when another account took it.
pub async fn change_email(tx: &mut Tx<'_>, id: i64, email: &str, now: i64) -> anyhow::Result<bool> {
    let result = sqlx::query(
        "UPDATE users SET email = $1, email_confirmed_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(email)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await;
    match result {
        Ok(done) => Ok(done.rows_affected() == 1),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e).context("Failed to change an address"),
    }
}

/// Ends every session of an account (they carry the old epoch); returns the new epoch.
pub async fn end_sessions(db: impl Executor<'_>, id: i64, now: i64) -> anyhow::Result<i64> {
    sqlx::query_scalar::<_, i64>(
        "UPDATE users SET session_epoch = session_epoch + 1, updated_at = $1 \
         WHERE id = $2 RETURNING session_epoch",
    )
    .bind(now)
    .bind(id)
    .fetch_one(db)
    .await
    .context("Failed to end an account's sessions")
}
