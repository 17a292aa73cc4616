//! `POST /spotlights/{slug}/image` (multipart: the image and its text alternative) and
//! `GET /spotlights/{slug}/image`. Only the organization's admins change a draft's image;
//! the image is served to whoever may read the story.

use super::uploads::{failure, issue_code, jpeg, reencode, Refusal, Upload};
use crate::domain::FieldIssue;
use crate::server::auth;
use crate::server::error::Error;
use crate::server::images::STORY_SIDE;
use crate::server::policy::Viewer;
use crate::server::spotlights;
use crate::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Stores a draft's image, re-encoded, then goes back to the story.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Response {
    let viewer = match auth::current_user(&state.db, &session).await {
        Ok(user) => Viewer::new(user),
        Err(error) => return failure(&error),
    };
    let form = Upload::read(multipart, "image").await;
    // The refusal and the typed text alternative go back to the form in the query string.
    let back = |field: &str, issue: &FieldIssue| {
        let query = serde_urlencoded::to_string([
            (format!("{field}_error"), issue_code(issue)),
            ("alt".to_owned(), form.text("alt")),
        ])
        .unwrap_or_default();
        Redirect::to(&format!("/spotlights/{slug}?{query}#image")).into_response()
    };
    let (id, alt) =
        match spotlights::image_target(&state.db, &viewer, &slug, form.text("alt")).await {
            Ok(target) => target,
            Err(Error::Unauthorized) => return Redirect::to("/login").into_response(),
            Err(Error::NotFound) => return StatusCode::NOT_FOUND.into_response(),
            Err(Error::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
            Err(error) => return failure(&error),
        };
    let alt = match alt {
        Ok(alt) => alt,
        Err(issue) => return back("alt", &issue),
    };
    let Some(bytes) = form.file.clone() else {
        return back("image", &FieldIssue::NotAnImage);
    };
    let image = match reencode(bytes, STORY_SIDE).await {
        Ok(image) => image,
        Err(Refusal::Field(issue)) => return back("image", &issue),
        Err(Refusal::Failed(error)) => return failure(&error),
    };
    if let Err(error) = spotlights::save_image(&state.db, id, &image, &alt).await {
        return failure(&error);
    }
    Redirect::to(&format!("/spotlights/{slug}?image=saved#image")).into_response()
}

/// Serves a spotlight's image to whoever may read the story; 404 to everyone else.
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Response {
    let viewer = match auth::current_user(&state.db, &session).await {
        Ok(user) => Viewer::new(user),
        Err(error) => return failure(&error),
    };
    match spotlights::image(&state.db, &viewer, &slug).await {
        Ok((image, published)) => jpeg(image, published),
        Err(Error::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failure(&error),
    }
}
