//! Accounts: registration, log-in, password changes, sessions and throttling.

mod accounts;
pub mod password;
pub mod session;
pub mod throttle;

pub use accounts::{change_password, create_admin, log_in, register, AdminOutcome, Client};

use crate::domain::CurrentUser;
use crate::server::db;
use crate::server::error::Result;
use sqlx::SqlitePool;
use tower_sessions::Session;

/// The account signed in on this session, if any and if its session is still valid.
pub async fn current_user(pool: &SqlitePool, session: &Session) -> Result<Option<CurrentUser>> {
    let Some(signed_in) = session::signed_in(session).await? else {
        return Ok(None);
    };
    let user = db::users::find_by_id(pool, signed_in.user_id).await?;
    Ok(user
        .filter(|user| user.session_epoch == signed_in.epoch)
        .map(|user| CurrentUser {
            id: user.id,
            role: user.role(),
            display_name: user.display_name,
            email: user.email,
        }))
}

/// Like [`current_user`], but refuses with `Unauthorized` when nobody is signed in.
pub async fn require_user(pool: &SqlitePool, session: &Session) -> Result<CurrentUser> {
    current_user(pool, session)
        .await?
        .ok_or(crate::server::error::Error::Unauthorized)
}
