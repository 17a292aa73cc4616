//! The anonymous page cache, as Discourse keeps one for visitors who are not signed in.
//!
//! For a visitor without a session, a public page depends only on its URL and language,
//! so its HTML is kept (at most [`CAPACITY`] bytes in all) and served again without
//! rendering, for [`LIFE`] or until the change log moves (a profile, organization or need
//! written), whichever comes first: someone who just went hidden is never served from an
//! older page. The log is read again after any request to this server that may have
//! written, and at least every [`SEQ_LIFE`] for writes through other servers.
//!
//! What a cached page never carries: a session (requests with the session cookie always
//! render, and a response that sets a cookie is never kept) or an old CSP nonce (each
//! answer gets a fresh nonce, written into the kept HTML where the old one stood and into
//! its own `Content-Security-Policy`). Hits and misses are logged at debug level.

use crate::server::db::changes::{self, Changes};
use crate::server::db::Pool;
use crate::server::state::AppState;
use crate::server::{locale, security, startup::SESSION_COOKIE};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos_i18n::Locale as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a kept page may be served, at most.
pub const LIFE: Duration = Duration::from_secs(5);
/// The bytes of HTML kept, at most.
pub const CAPACITY: u64 = 32 * 1024 * 1024;
/// A page bigger than this is not kept.
const LARGEST: usize = 2 * 1024 * 1024;
/// A page that takes longer than this to render is answered with an error, not awaited
/// forever (the Leptos SSR stall, upstream leptos-rs/leptos#4851, leaves some unfinished).
const RENDER_LIMIT: Duration = Duration::from_secs(15);

/// The pages every visitor sees alike: lists, maps, regions, stories and public records
/// (a path, or a prefix ending in `/`).
const PUBLIC: [&str; 10] = [
    "/members",
    "/organizations",
    "/needs",
    "/map",
    "/spotlights",
    "/members/",
    "/organizations/",
    "/needs/",
    "/spotlights/",
    "/regions/",
];

/// One kept page: its HTML cut where its nonce stood.
#[derive(Debug)]
struct Page {
    pieces: Vec<Bytes>,
    content_type: HeaderValue,
    seq: i64,
    made: Instant,
}

#[derive(Clone)]
struct ByBytes;

impl quick_cache::Weighter<(String, &'static str), Arc<Page>> for ByBytes {
    fn weight(&self, _: &(String, &'static str), page: &Arc<Page>) -> u64 {
        page.pieces
            .iter()
            .map(|p| p.len() as u64)
            .sum::<u64>()
            .max(1)
    }
}

/// The kept pages, shared by every request of one app server.
pub struct PageCache {
    pages: quick_cache::sync::Cache<(String, &'static str), Arc<Page>, ByBytes>,
    /// How many times the change log was seen to move (a page's version), where this
    /// server last read it (`None` before the first read), and when.
    seq: Mutex<(i64, Option<i64>, Option<Instant>)>,
    /// Set after any request that may have written: the next one reads the log again.
    dirty: AtomicBool,
}

impl Default for PageCache {
    fn default() -> Self {
        Self {
            pages: quick_cache::sync::Cache::with_weighter(1_000, CAPACITY, ByBytes),
            seq: Mutex::new((0, None, None)),
            dirty: AtomicBool::new(true),
        }
    }
}

/// How long the change log's number is trusted without asking the database again, when
/// no request to this server may have written meanwhile: how soon a write through another
/// app server (or the command line) empties this server's cache.
pub const SEQ_LIFE: Duration = Duration::from_millis(50);
/// How long a visitor waits for another request already rendering the same page before
/// rendering it too.
const WAIT_FOR_RENDER: Duration = Duration::from_millis(500);

impl PageCache {
    /// The pages' current version, which moves whenever the change log does: read again
    /// after a write through this server, or once [`SEQ_LIFE`] has passed.
    async fn seq(&self, pool: &Pool) -> anyhow::Result<i64> {
        let dirty = self.dirty.swap(false, Ordering::AcqRel);
        let (version, position) = {
            let seq = self.seq.lock().unwrap_or_else(|e| e.into_inner());
            if let (false, Some(read)) = (dirty, seq.2) {
                if read.elapsed() < SEQ_LIFE {
                    return Ok(seq.0);
                }
            }
            (seq.0, seq.1)
        };
        let read = Instant::now();
        let changes = changes::since(pool, position.is_some(), position.unwrap_or(0))
            .await
            .inspect_err(|_| {
                self.dirty.store(true, Ordering::Release);
            })?;
        let mut seq = self.seq.lock().unwrap_or_else(|e| e.into_inner());
        match changes {
            Changes::None => seq.2 = Some(read),
            Changes::All { latest } | Changes::Some { latest, .. } => {
                // Another request may have moved it meanwhile: never back.
                if seq.1.is_none_or(|p| latest >= p) {
                    *seq = (version.max(seq.0) + 1, Some(latest), Some(read));
                }
            }
        }
        Ok(seq.0)
    }
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PageCache({} pages, {} bytes)",
            self.pages.len(),
            self.pages.weight()
        )
    }
}

/// Whether a request may be answered from the cache: a plain page view by a visitor
/// without a session.
fn cacheable(request: &Request) -> bool {
    let path = request.uri().path();
    let public = path == "/"
        || PUBLIC.iter().any(|p| match p.strip_suffix('/') {
            Some(_) => path.starts_with(p),
            None => path == *p,
        });
    let signed_in = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim_start().starts_with(&format!("{SESSION_COOKIE}=")));
    request.method() == Method::GET && public && !signed_in
}

/// The middleware: answers from the cache, or renders and keeps what may be kept. Of
/// several visitors asking for the same missing page at once, one renders it and the
/// others wait for it (briefly), so a change does not make every request render.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = state.page_cache.clone();
    if !cacheable(&request) {
        let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
        let response = next.run(request).await;
        if writes {
            cache.dirty.store(true, Ordering::Release);
        }
        return response;
    }
    let key = (
        request
            .uri()
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
        locale::from_headers(request.headers()).as_str(),
    );
    let seq = match cache.seq(&state.db).await {
        Ok(seq) => seq,
        Err(error) => {
            tracing::error!(error = ?error, "page cache: the change log does not answer");
            return next.run(request).await;
        }
    };
    let fresh = |page: &Page| page.seq == seq && page.made.elapsed() < LIFE;
    if let Some(page) = cache.pages.get(&key) {
        if fresh(&page) {
            tracing::debug!(path = %key.0, locale = key.1, "page cache hit");
            return answer(&page);
        }
        cache.pages.remove_if(&key, |p| !fresh(p));
    }
    let guard =
        match tokio::time::timeout(WAIT_FOR_RENDER, cache.pages.get_value_or_guard_async(&key))
            .await
        {
            Ok(Ok(page)) if fresh(&page) => {
                tracing::debug!(path = %key.0, locale = key.1, "page cache hit after waiting");
                return answer(&page);
            }
            Ok(Err(guard)) => Some(guard),
            Ok(Ok(_)) | Err(_) => None,
        };
    tracing::debug!(path = %key.0, locale = key.1, "page cache miss");
    let response = next.run(request).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(SET_COOKIE)
        && response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match tokio::time::timeout(RENDER_LIMIT, axum::body::to_bytes(body, LARGEST)).await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(error)) => {
            tracing::warn!(path = %key.0, error = %error, "page cache: page not kept");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Err(_) => {
            tracing::error!(path = %key.0, "page cache: the page did not finish rendering");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let nonce = parts
        .headers
        .get(CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of);
    if let (Some(nonce), Some(content_type)) = (nonce, parts.headers.get(CONTENT_TYPE)) {
        let page = Arc::new(Page {
            pieces: split(&bytes, nonce.as_bytes()),
            content_type: content_type.clone(),
            seq,
            made: Instant::now(),
        });
        match guard {
            Some(guard) => {
                let _ = guard.insert(page);
            }
            None => cache.pages.insert(key, page),
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A kept page with a fresh nonce in its HTML and its policy.
fn answer(page: &Page) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    let mut html = Vec::with_capacity(page.pieces.iter().map(Bytes::len).sum::<usize>() + 64);
    for (i, piece) in page.pieces.iter().enumerate() {
        if i > 0 {
            html.extend_from_slice(nonce.as_bytes());
        }
        html.extend_from_slice(piece);
    }
    let Ok(policy) = HeaderValue::from_str(&security::page_csp(&nonce)) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [
            (CONTENT_TYPE, page.content_type.clone()),
            (CONTENT_SECURITY_POLICY, policy),
        ],
        html,
    )
        .into_response()
}

/// The nonce a page's policy names.
fn nonce_of(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(policy[start..start + len].to_owned()).filter(|n| n.len() >= 16)
}

/// `bytes` cut at every occurrence of `needle`.
fn split(bytes: &Bytes, needle: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while at + needle.len() <= bytes.len() {
        if &bytes[at..at + needle.len()] == needle {
            pieces.push(bytes.slice(from..at));
            at += needle.len();
            from = at;
        } else {
            at += 1;
        }
    }
    pieces.push(bytes.slice(from..));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let policy = security::page_csp("abcdefghijklmnopqrstuv");
        assert_eq!(nonce_of(&policy).as_deref(), Some("abcdefghijklmnopqrstuv"));
        assert_eq!(nonce_of("default-src 'self'"), None);
    }

    #[test]
    fn a_page_is_cut_at_each_nonce() {
        let page = Bytes::from_static(b"<script nonce=\"N0\">a</script><b nonce=\"N0\">");
        let pieces = split(&page, b"N0");
        assert_eq!(pieces.len(), 3);
        assert_eq!(
            pieces.concat(),
            b"<script nonce=\"\">a</script><b nonce=\"\">"
        );
    }
}
