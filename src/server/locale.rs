//! `GET /locale/{code}?next=/path`: remembers a language choice without JavaScript.
//!
//! Sets the same cookie leptos_i18n reads on the server and writes in the browser,
//! then sends the person back where they were. A signed-in account also keeps the
//! choice, for the emails it receives.

use crate::i18n::Locale;
use crate::server::auth;
use crate::server::db::{self, users};
use crate::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos_i18n::Locale as _;
use serde::Deserialize;
use tower_sessions::Session;

/// The cookie leptos_i18n uses for the chosen locale.
pub const COOKIE: &str = "i18n_pref_locale";

/// Where to go back to.
#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Stores the chosen language in a cookie (and the account) and redirects back.
pub async fn switch(
    State(state): State<AppState>,
    session: Session,
    Path(code): Path<String>,
    Query(back): Query<Next>,
) -> Response {
    let Some(locale) = supported(&code) else {
        return (StatusCode::NOT_FOUND, "Unknown language").into_response();
    };
    // The page changes language whatever happens here; a failure only leaves the
    // account's emails in the language it had.
    match auth::current_user(&state.db, &session).await {
        Ok(Some(user)) => {
            if let Err(error) = users::set_locale(&state.db, user.id, locale, db::now()).await {
                tracing::error!(error = ?error, "storing an account's language failed");
            }
        }
        Ok(None) => {}
        Err(error) => tracing::error!(error = ?error, "reading the session failed"),
    }
    let target = back
        .next
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.as_str()
    );
    match (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(&target),
    ) {
        (Ok(cookie), Ok(location)) => (
            StatusCode::SEE_OTHER,
            [(SET_COOKIE, cookie), (LOCATION, location)],
        )
            .into_response(),
        _ => (StatusCode::BAD_REQUEST, "Bad return path").into_response(),
    }
}

/// The language Passerelle speaks under this code ("ar"), if any.
pub fn supported(code: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|l| l.as_str() == code)
}

/// The locale of a stored code; English when the code is unknown.
pub fn from_code(code: &str) -> Locale {
    supported(code).unwrap_or_default()
}

/// The request's language: the cookie if set, else the first supported
/// language of `Accept-Language`, else English.
pub fn from_headers(headers: &axum::http::HeaderMap) -> Locale {
    use axum::http::header::{ACCEPT_LANGUAGE, COOKIE as COOKIE_HEADER};
    let find = |code: &str| {
        let code = code
            .trim()
            .split(['-', ';'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        supported(&code)
    };
    let from_cookie = headers
        .get_all(COOKIE_HEADER)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .find_map(find);
    from_cookie
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').find_map(find))
        })
        .unwrap_or_default()
}

/// Only paths on this site: no scheme, no `//host`, no backslash tricks.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        assert!(is_local_path("/account?tab=1"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "account",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}
