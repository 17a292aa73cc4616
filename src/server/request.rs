//! What a server function needs from the request it serves.

use crate::domain::AppError;
use crate::server::auth::{Client, KnownUser};
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
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
    /// The signed-in account, once read.
    known: KnownUser,
}

impl RequestContext {
    /// Gathers the context; a missing piece is a wiring bug, logged and reported as unexpected.
    pub async fn extract() -> Result<Self, AppError> {
        let Some(state) = leptos::prelude::use_context::<AppState>() else {
            tracing::error!("AppState is missing from the server function context");
            return Err(AppError::Unexpected);
        };
        // One copy of the request's head for everything below (each `leptos_axum::extract`
        // would copy it again).
        let Some(parts) = leptos::prelude::use_context::<Parts>() else {
            tracing::error!("the request is missing from the server function context");
            return Err(AppError::Unexpected);
        };
        let Some(session) = parts.extensions.get::<Session>().cloned() else {
            tracing::error!("the session layer is missing");
            return Err(AppError::Unexpected);
        };
        let client = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(
                || "unknown".to_owned(),
                |ConnectInfo(addr)| addr.ip().to_string(),
            );
        let known = parts
            .extensions
            .get::<KnownUser>()
            .cloned()
            .unwrap_or_default();
        Ok(Self {
            state,
            session,
            client: Client(client),
            locale: crate::server::locale::from_headers(&parts.headers),
            known,
        })
    }

    /// The signed-in account, if any (read once per request).
    pub async fn current_user(&self) -> Result<Option<crate::domain::CurrentUser>, AppError> {
        Ok(self.known.get(&self.state.db, &self.session).await?)
    }

    /// Who is asking, as the visibility rules see them.
    pub async fn viewer(&self) -> Result<crate::server::policy::Viewer, AppError> {
        Ok(crate::server::policy::Viewer::new(
            self.current_user().await?,
        ))
    }

    /// The signed-in account, or `Unauthorized`.
    pub async fn user(&self) -> Result<crate::domain::CurrentUser, AppError> {
        match self.known.get(&self.state.db, &self.session).await? {
            Some(user) => Ok(user),
            None => Err(crate::server::error::Error::Unauthorized.into()),
        }
    }
}

/// Gives every request its own [`KnownUser`], shared by the server functions it runs.
pub async fn remember_user(mut request: Request, next: Next) -> Response {
    request.extensions_mut().insert(KnownUser::default());
    next.run(request).await
}
