//! What a server function needs from the request it serves.

use crate::domain::AppError;
use crate::server::auth::Client;
use crate::server::state::AppState;
use axum::extract::ConnectInfo;
use std::net::SocketAddr;
use tower_sessions::Session;

/// The app state, the session and the client, taken from Leptos' request context.
pub struct RequestContext {
    /// Shared application state.
    pub state: AppState,
    /// This request's session.
    pub session: Session,
    /// Who is asking.
    pub client: Client,
    /// The language of the answer.
    pub locale: crate::i18n::Locale,
}

impl RequestContext {
    /// Gathers the context; a missing piece is a wiring bug, logged and reported as unexpected.
    pub async fn extract() -> Result<Self, AppError> {
        let Some(state) = leptos::prelude::use_context::<AppState>() else {
            tracing::error!("AppState is missing from the server function context");
            return Err(AppError::Unexpected);
        };
        let session = leptos_axum::extract::<Session>().await.map_err(|e| {
            tracing::error!(error = %e, "the session layer is missing");
            AppError::Unexpected
        })?;
        let client = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
            .await
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|_| "unknown".to_owned());
        let locale = leptos_axum::extract::<axum::http::HeaderMap>()
            .await
            .map(|headers| crate::server::locale::from_headers(&headers))
            .unwrap_or_default();
        Ok(Self {
            state,
            session,
            client: Client(client),
            locale,
        })
    }

    /// Who is asking, as the visibility rules see them.
    pub async fn viewer(&self) -> Result<crate::server::policy::Viewer, AppError> {
        let user = crate::server::auth::current_user(&self.state.db, &self.session).await?;
        Ok(crate::server::policy::Viewer::new(user))
    }

    /// The signed-in account, or `Unauthorized`.
    pub async fn user(&self) -> Result<crate::domain::CurrentUser, AppError> {
        Ok(crate::server::auth::require_user(&self.state.db, &self.session).await?)
    }
}
