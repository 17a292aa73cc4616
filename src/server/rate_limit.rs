//! How fast the directories may be read: pages of the member, organization and need lists
//! (the pages, their server functions and the open-data files) per hour, per account and
//! per client address, tighter for visitors without an account. A refusal is a short
//! page (or, for the app, a JSON error) answered 429 with `Retry-After`.
//!
//! The counts live in each app server's memory (governor's keyed GCRA limiters): a page
//! view is the hottest path there is, and a database write per page would cost more than
//! the page. Behind a load balancer of N servers a scraper gets at most N times the
//! quota; the figures are set so that even then one account cannot copy the members-only
//! directory in an afternoon (docs/operations.md). Log-ins, registrations and reset links,
//! rare and where every server must agree, are counted in the database
//! (`auth::throttle`).

use crate::server::request::client_address;
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// The directory's limiters: one quota per kind of reader.
pub struct DirectoryLimits {
    /// A signed-in account, wherever it reads from.
    account: DefaultKeyedRateLimiter<i64>,
    /// Everyone signed in behind one address (an office, a campus).
    client: DefaultKeyedRateLimiter<IpAddr>,
    /// Visitors without an account, per address.
    visitor: DefaultKeyedRateLimiter<IpAddr>,
}

impl std::fmt::Debug for DirectoryLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DirectoryLimits")
    }
}

impl DirectoryLimits {
    /// Limits from the number of pages an account may read in an hour; visitors get half,
    /// one address four times as much. `None` when `per_hour` is 0 (no limit).
    pub fn new(per_hour: u32) -> Option<Arc<Self>> {
        let quota = |hourly: u32| {
            let hourly = NonZeroU32::new(hourly.max(1))?;
            // A burst of a fifth of the hour: a person skimming a few pages at once.
            let burst = NonZeroU32::new((hourly.get() / 5).max(1))?;
            Some(Quota::per_hour(hourly).allow_burst(burst))
        };
        NonZeroU32::new(per_hour)?;
        Some(Arc::new(Self {
            account: RateLimiter::keyed(quota(per_hour)?),
            client: RateLimiter::keyed(quota(per_hour.saturating_mul(4))?),
            visitor: RateLimiter::keyed(quota(per_hour / 2)?),
        }))
    }

    /// Whether one more page may be read, and if not, how long to wait.
    pub fn check(&self, account: Option<i64>, client: IpAddr) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        let wait = |outcome: Result<(), governor::NotUntil<_>>| {
            outcome.map_err(|not_until| not_until.wait_time_from(now))
        };
        match account {
            Some(id) => {
                wait(self.account.check_key(&id))?;
                wait(self.client.check_key(&client))
            }
            None => wait(self.visitor.check_key(&client)),
        }
    }

    /// Forgets readers whose allowance is full again (hourly), so memory stays bounded.
    pub fn forget_idle(&self) {
        self.account.retain_recent();
        self.client.retain_recent();
        self.visitor.retain_recent();
        self.account.shrink_to_fit();
        self.client.shrink_to_fit();
        self.visitor.shrink_to_fit();
    }
}

/// Whether a request reads a page of a directory, or one member's profile (walking
/// profile numbers is the other way to copy the directory; their photos are not counted).
fn is_directory_read(request: &Request) -> bool {
    const PAGES: [&str; 3] = ["/members", "/organizations", "/needs"];
    const CALLS: [&str; 4] = [
        "/api/members",
        "/api/organizations",
        "/api/needs",
        "/api/member",
    ];
    const FILES: [&str; 2] = ["/organizations.csv", "/organizations.json"];
    let path = request.uri().path();
    let profile = path
        .strip_prefix("/members/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    profile || PAGES.contains(&path) || CALLS.contains(&path) || FILES.contains(&path)
}

/// The middleware: counts directory reads, refuses those over the quota.
pub async fn directory(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limits) = state.directory_limits.as_deref() else {
        return next.run(request).await;
    };
    if !is_directory_read(&request) {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let Some(peer) = peer else {
        return next.run(request).await;
    };
    let client = client_address(peer, request.headers(), &state.trusted_proxies);
    let account = match request.extensions().get::<tower_sessions::Session>() {
        Some(session) => crate::server::auth::session::signed_in(session)
            .await
            .ok()
            .flatten()
            .map(|s| s.user_id),
        None => None,
    };
    match limits.check(account, client) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            tracing::info!(
                account = ?account,
                path = request.uri().path(),
                "directory reads refused: over the hourly quota"
            );
            refusal(&request, wait)
        }
    }
}

/// 429 with `Retry-After`: JSON for the app's calls, a short page in the reader's
/// language for a browser.
fn refusal(request: &Request, wait: Duration) -> Response {
    use crate::i18n::*;
    let seconds = wait.as_secs().max(1);
    let locale = crate::server::locale::from_headers(request.headers());
    let mut response = if request.uri().path().starts_with("/api/") {
        let body = crate::domain::AppError::Form(
            crate::domain::FormErrors::default().notice(crate::domain::Notice::SlowDown),
        );
        let json = serde_json::to_string(&body).unwrap_or_default();
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "application/json")],
            json,
        )
            .into_response()
    } else {
        let title = td_string!(locale, errors.slow_down_title);
        let text = td_string!(locale, errors.slow_down_page);
        let code = leptos_i18n::Locale::as_str(locale);
        let dir = if code == "ar" { "rtl" } else { "ltr" };
        let page = format!(
            "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p>\
             <p><a href=\"/\">Passerelle</a></p></main></body></html>"
        );
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response()
    };
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::DirectoryLimits;
    use std::net::IpAddr;

    #[test]
    fn an_account_reads_its_burst_then_waits_and_visitors_get_less() {
        let limits = DirectoryLimits::new(300).expect("limits");
        let office: IpAddr = "203.0.113.7".parse().expect("an address");
        for _ in 0..60 {
            assert!(limits.check(Some(1), office).is_ok());
        }
        let wait = limits.check(Some(1), office).expect_err("over the burst");
        assert!(wait.as_secs() >= 1 && wait.as_secs() <= 12, "{wait:?}");
        // Another account behind the same address is not held back by the first.
        assert!(limits.check(Some(2), office).is_ok());
        let visitor: IpAddr = "198.51.100.1".parse().expect("an address");
        let allowed = (0..100)
            .filter(|_| limits.check(None, visitor).is_ok())
            .count();
        assert_eq!(allowed, 30);
        assert!(DirectoryLimits::new(0).is_none());
    }
}
