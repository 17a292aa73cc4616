//! `POST /organizations/{slug}/logo` (multipart: the image and its text alternative) and
//! `GET /organizations/{slug}/logo`. The organization's admins change it; anyone sees it.

use super::uploads::{failure, issue_code, jpeg, reencode, Refusal, Upload};
use crate::domain::FieldIssue;
use crate::server::auth;
use crate::server::error::Error;
use crate::server::images::LOGO_SIDE;
use crate::server::organizations::logo;
use crate::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Stores a logo, re-encoded, then goes back to the organization's edit page.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Response {
    let user = match auth::current_user(&state.db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(error) => return failure(&error),
    };
    let form = Upload::read(multipart, "logo").await;
    // The refusal and the typed text alternative go back to the form in the query string.
    let back = |field: &str, issue: &FieldIssue| {
        let query = serde_urlencoded::to_string([
            (format!("{field}_error"), issue_code(issue)),
            ("alt".to_owned(), form.text("alt")),
        ])
        .unwrap_or_default();
        Redirect::to(&format!("/organizations/{slug}/edit?{query}#logo")).into_response()
    };
    let (id, alt) = match logo::target(&state.db, &user, &slug, form.text("alt")).await {
        Ok(target) => target,
        Err(Error::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(Error::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
        Err(error) => return failure(&error),
    };
    let alt = match alt {
        Ok(alt) => alt,
        Err(issue) => return back("alt", &issue),
    };
    let Some(bytes) = form.file.clone() else {
        return back("logo", &FieldIssue::NotAnImage);
    };
    let image = match reencode(bytes, LOGO_SIDE).await {
        Ok(image) => image,
        Err(Refusal::Field(issue)) => return back("logo", &issue),
        Err(Refusal::Failed(error)) => return failure(&error),
    };
    if let Err(error) = logo::save(&state.db, id, &image, &alt).await {
        return failure(&error);
    }
    Redirect::to(&format!("/organizations/{slug}/edit?logo=saved#logo")).into_response()
}

/// Serves an organization's logo (its address carries its version: cached for long).
pub async fn show(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match logo::image(&state.db, &slug).await {
        Ok(image) => jpeg(image, true),
        Err(Error::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failure(&error),
    }
}
