//! What a server function needs from the request it serves.

use crate::domain::AppError;
use crate::server::auth::{Client, KnownUser};
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use tower_sessions::Session;

/// Who sent a request: the peer, or, when the peer is a trusted proxy, the address it
/// appended last to `X-Forwarded-For` (what it saw; anything to its left was written by
/// the client and proves nothing).
pub fn client_address(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back()
        .unwrap_or(peer)
}

/// The path and query of the `Referer`, when it names the host this request was sent to
/// (never a redirect to another site).
fn same_site_path(headers: &axum::http::HeaderMap) -> Option<String> {
    let referer = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let host = headers.get(axum::http::header::HOST)?.to_str().ok()?;
    let uri: axum::http::Uri = referer.parse().ok()?;
    if uri.authority()?.as_str() != host {
        return None;
    }
    let path = uri.path_and_query()?.as_str();
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

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
    /// The page the request came from, when it is on this site: path and query.
    referer: Option<String>,
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
                |ConnectInfo(addr)| {
                    client_address(addr.ip(), &parts.headers, &state.trusted_proxies).to_string()
                },
            );
        let known = parts
            .extensions
            .get::<KnownUser>()
            .cloned()
            .unwrap_or_default();
        let referer = same_site_path(&parts.headers);
        Ok(Self {
            state,
            session,
            client: Client(client),
            locale: crate::server::locale::from_headers(&parts.headers),
            known,
            referer,
        })
    }

    /// The page this request came from (path and query), if it is on this site: where a
    /// switch used from any page sends the person back to.
    pub fn same_site_referer(&self) -> Option<String> {
        self.referer.clone()
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

/// The span a request is logged under, kept with the request by [`keep_span`]: inner
/// layers run in spans of their own (the session layer's `call`).
#[derive(Clone)]
pub struct RequestSpan(pub tracing::Span);

/// Keeps the request's span with it; placed directly inside the trace layer.
pub async fn keep_span(mut request: Request, next: Next) -> Response {
    request
        .extensions_mut()
        .insert(RequestSpan(tracing::Span::current()));
    next.run(request).await
}

/// Gives every request its own [`KnownUser`], shared by the server functions it runs.
pub async fn remember_user(mut request: Request, next: Next) -> Response {
    let span = request
        .extensions()
        .get::<RequestSpan>()
        .map_or_else(tracing::Span::none, |span| span.0.clone());
    request.extensions_mut().insert(KnownUser::new(span));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use axum::http::HeaderMap;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn only_a_referer_on_this_host_is_a_way_back() {
        let headers = |referer: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("host", "p.example:3000".parse().expect("a header"));
            headers.insert("referer", referer.parse().expect("a header"));
            headers
        };
        assert_eq!(
            super::same_site_path(&headers("http://p.example:3000/members?page=2")).as_deref(),
            Some("/members?page=2")
        );
        assert_eq!(
            super::same_site_path(&headers("https://evil.example/members")),
            None
        );
        assert_eq!(super::same_site_path(&headers("/relative")), None);
    }

    #[test]
    fn a_forwarded_address_counts_only_from_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "6.6.6.6, 203.0.113.7".parse().expect("a header"),
        );
        let proxy = ip("127.0.0.1");
        assert_eq!(client_address(proxy, &headers, &[proxy]), ip("203.0.113.7"));
        // From anyone else the header is the client's own word: the peer counts.
        assert_eq!(
            client_address(ip("198.51.100.9"), &headers, &[proxy]),
            ip("198.51.100.9")
        );
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }
}
