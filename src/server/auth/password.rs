//! Password hashing with argon2id, off the async runtime.

use anyhow::Context;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// An argon2id hash in PHC string form. Deliberately not `Serialize`.
#[derive(Clone, Debug)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash read from the database.
    pub fn from_stored(phc: String) -> Self {
        Self(phc)
    }

    /// The PHC string, for storing.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// argon2id with OWASP's parameters: 19 MiB of memory, 2 passes, 1 lane.
fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19_456, 2, 1, None)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("Invalid argon2 parameters")?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with a fresh random salt.
pub async fn hash(password: String) -> anyhow::Result<PasswordHash> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let phc = hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("Failed to hash a password")?;
        Ok(PasswordHash(phc.to_string()))
    })
    .await
    .context("The password hashing task failed")?
}

/// Checks a candidate password against a stored hash, in constant time.
pub async fn verify(candidate: String, expected: PasswordHash) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = argon2::PasswordHash::new(&expected.0)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("A stored password hash is malformed")?;
        match hasher()?.verify_password(candidate.as_bytes(), &parsed) {
            Ok(()) => Ok(true),
            Err(argon2::password_hash::Error::Password) => Ok(false),
            Err(e) => Err(anyhow::anyhow!("{e}")).context("Failed to verify a password"),
        }
    })
    .await
    .context("The password verification task failed")?
}

/// The hash of a random password, for timing-safe checks of unknown accounts.
pub async fn dummy() -> anyhow::Result<PasswordHash> {
    use rand::distributions::{Alphanumeric, DistString};
    hash(Alphanumeric.sample_string(&mut rand::rngs::OsRng, 32)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash("correct horse battery".into()).await.expect("hash");
        assert!(stored
            .as_str()
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery".into(), stored.clone())
            .await
            .expect("verify"));
        assert!(!verify("correct horse battery!".into(), stored)
            .await
            .expect("verify"));
    }

    #[tokio::test]
    async fn the_same_password_hashes_differently_each_time() {
        let a = hash("correct horse battery".into()).await.expect("hash");
        let b = hash("correct horse battery".into()).await.expect("hash");
        assert_ne!(a.as_str(), b.as_str());
    }
}
