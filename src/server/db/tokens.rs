//! Single-use links sent by email: address confirmation, password reset, change of address.
//!
//! Only a token's SHA-256 is stored, so a copy of the database opens no account. A token
//! is used by deleting it (one statement, so two clicks cannot both succeed), and issuing
//! one deletes the account's earlier tokens of the same purpose.

use crate::server::db::Executor;
use anyhow::Context;
use sha2::{Digest, Sha256};

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the account's address.
    Confirm,
    /// Sets a new password.
    Reset,
    /// Moves the account to a new address.
    Email,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Reset => "reset",
            Self::Email => "email",
        }
    }
}

/// A token as it travels in a link: 43 letters and digits from the OS's generator
/// (256 bits), safe in a URL as they are.
pub fn new_token() -> String {
    use rand::distributions::{Alphanumeric, DistString};
    Alphanumeric.sample_string(&mut rand::rngs::OsRng, 43)
}

/// What is stored of a token.
pub(crate) fn digest(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// Stores `token` for `user_id` until `expires_at`, replacing its earlier ones of `purpose`.
pub async fn issue(
    tx: &mut crate::server::db::Tx<'_>,
    user_id: i64,
    purpose: Purpose,
    token: &str,
    email: &str,
    now: i64,
    expires_at: i64,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut **tx)
        .await
        .context("Failed to drop earlier tokens")?;
    sqlx::query(
        "INSERT INTO account_tokens (user_id, purpose, token_hash, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(digest(token))
    .bind(email)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await
    .context("Failed to store a token")?;
    Ok(())
}

/// Uses a token: deletes it and returns its account and address, if it was still valid.
pub async fn take(
    db: impl Executor<'_>,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> anyhow::Result<Option<(i64, String)>> {
    sqlx::query_as(
        "DELETE FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3
         RETURNING user_id, email",
    )
    .bind(digest(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(db)
    .await
    .context("Failed to use a token")
}

/// Whether a token is still valid, without using it (to show its form or say it expired).
pub async fn is_valid(
    db: impl Executor<'_>,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM account_tokens
         WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
    )
    .bind(digest(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(db)
    .await
    .context("Failed to look up a token")?;
    Ok(found.is_some())
}

/// Deletes every token of an account (its password changed: links sent before stop working).
pub async fn revoke_all(db: impl Executor<'_>, user_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM account_tokens WHERE user_id = $1")
        .bind(user_id)
        .execute(db)
        .await
        .context("Failed to revoke an account's tokens")?;
    Ok(())
}

/// Deletes expired tokens (hourly, with the other housekeeping).
pub async fn prune(db: impl Executor<'_>, now: i64) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1")
        .bind(now)
        .execute(db)
        .await
        .context("Failed to delete expired tokens")?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_a_digest() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(digest(&a).len(), 64);
        assert!(!digest(&a).contains(&a));
    }
}
