//! What the session remembers about the signed-in account.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::server::db::sessions::SIGNED_IN as KEY;

/// The account a session belongs to, and the password epoch it was opened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    /// The account's id.
    pub user_id: i64,
    /// Must equal the account's current epoch, or the session is stale.
    pub epoch: i64,
}

/// Signs `user_id` in: a fresh session id (no fixation), then the account stored in it.
pub async fn sign_in(session: &Session, user_id: i64, epoch: i64) -> anyhow::Result<()> {
    session
        .cycle_id()
        .await
        .context("Failed to renew the session id")?;
    session
        .insert(KEY, SignedIn { user_id, epoch })
        .await
        .context("Failed to store the signed-in account in the session")
}

/// Ends the session: its data is deleted and the cookie cleared.
pub async fn sign_out(session: &Session) -> anyhow::Result<()> {
    session.flush().await.context("Failed to end the session")
}

/// Who this session says is signed in.
pub async fn signed_in(session: &Session) -> anyhow::Result<Option<SignedIn>> {
    session
        .get::<SignedIn>(KEY)
        .await
        .context("Failed to read the session")
}
