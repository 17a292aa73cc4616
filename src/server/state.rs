//! The application state handed to handlers and server functions.

use crate::server::auth::password::PasswordHash;
use crate::server::db::Pool;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// Shared, cheaply cloned state: the pool, Leptos options and start-up secrets.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database pool.
    pub db: Pool,
    /// What Leptos needs to render and serve the site.
    pub leptos_options: LeptosOptions,
    /// A hash of a random password, checked when the account does not exist so that
    /// a log-in attempt costs the same time either way.
    pub dummy_hash: PasswordHash,
    /// Every listed profile and organization in compact form, for matchmaking.
    pub matching: std::sync::Arc<crate::server::matching::index::MatchIndex>,
    /// The directories' facets in compact form (`server::directory::index`).
    pub directory: std::sync::Arc<crate::server::directory::Directories>,
    /// Public pages as rendered for visitors without a session (`server::page_cache`).
    pub page_cache: std::sync::Arc<crate::server::page_cache::PageCache>,
    /// The reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: std::sync::Arc<Vec<std::net::IpAddr>>,
    /// How fast the directories may be read (`None`: no limit).
    pub directory_limits: Option<std::sync::Arc<crate::server::rate_limit::DirectoryLimits>>,
    /// What sending email needs (the outbox worker runs beside the server).
    pub mailer: crate::server::introductions::Mailer,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
