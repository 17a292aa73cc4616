//! Accounts: registration, log-in, password changes, sessions and throttling.

mod accounts;
pub mod password;
pub mod recovery;
pub mod session;
pub mod throttle;

pub use accounts::{
    change_password, create_admin, log_in, reauthenticate, register, AdminOutcome, Client,
    NewAccount, Reauthentication,
};

use crate::domain::{CurrentUser, Presence};
use crate::server::db;
use crate::server::db::Pool;
use crate::server::error::Result;

use std::sync::Arc;
use tower_sessions::Session;

/// The account signed in on this session, if any and if its session is still valid.
pub async fn current_user(pool: &Pool, session: &Session) -> Result<Option<CurrentUser>> {
    let Some(signed_in) = session::signed_in(session).await? else {
        return Ok(None);
    };
    let row = db::users::signed_in(pool, signed_in.user_id).await?;
    Ok(row
        .filter(|row| row.user.session_epoch == signed_in.epoch)
        .map(|row| {
            let presence = match (row.paused_visibility, row.visibility) {
                (Some(_), _) => Presence::Paused,
                (None, Some(level)) if level > 0 => Presence::Listed,
                _ => Presence::Unlisted,
            };
            CurrentUser {
                id: row.user.id,
                role: row.user.role(),
                email_confirmed: row.user.email_confirmed_at.is_some(),
                presence,
                display_name: row.user.display_name,
                email: row.user.email,
            }
        }))
}

/// The account signed in on one request, read from the database once however many server
/// functions of that request ask (a page's header, its unread badge and its content each
/// do). Keyed by what the session says, so a sign-in, sign-out or password change within
/// the request reads the account again. The account's number is recorded in the request's
/// log span, so that what is logged about the request says who asked.
#[derive(Clone)]
pub struct KnownUser(Arc<tokio::sync::Mutex<Option<Known>>>, tracing::Span);

impl Default for KnownUser {
    /// Outside a request's span (a render with no request middleware): nothing recorded.
    fn default() -> Self {
        Self::new(tracing::Span::none())
    }
}

type Known = (Option<session::SignedIn>, Option<CurrentUser>);

impl KnownUser {
    /// The account of the request logged under `span` (not yet read).
    pub fn new(span: tracing::Span) -> Self {
        Self(Arc::default(), span)
    }

    /// [`current_user`], from the first answer of this request when the session is unchanged.
    pub async fn get(&self, pool: &Pool, session: &Session) -> Result<Option<CurrentUser>> {
        let signed_in = session::signed_in(session).await?;
        let mut known = self.0.lock().await;
        if let Some((key, user)) = known.as_ref() {
            if *key == signed_in {
                return Ok(user.clone());
            }
        }
        let user = current_user(pool, session).await?;
        if let Some(user) = &user {
            self.1.record("account", user.id);
        }
        *known = Some((signed_in, user.clone()));
        Ok(user)
    }
}
