//! `POST /spotlights/{slug}/image` (multipart: the image and its text alternative) and
//! `GET /spotlights/{slug}/image`. Only the organization's admins change a draft's image;
//! the image is served to whoever may read the story.

use super::uploads::{failure, jpeg, ImageWithAlt, Upload};
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
    let page = format!("/spotlights/{slug}");
    let upload = ImageWithAlt {
        form: Upload::read(multipart, "image").await,
        field: "image",
        page: &page,
        max_side: STORY_SIDE,
    };
    let alt = upload.form.text("alt");
    let (id, alt) = match spotlights::image_target(&state.db, &viewer, &slug, alt).await {
        Ok(target) => target,
        Err(Error::Unauthorized) => return Redirect::to("/login").into_response(),
        Err(Error::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(Error::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
        Err(error) => return failure(&error),
    };
    upload
        .store(alt, |image, alt| async move {
            spotlights::save_image(&state.db, id, &image, &alt).await
        })
        .await
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
