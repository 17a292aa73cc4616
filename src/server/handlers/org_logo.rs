//! `POST /organizations/{slug}/logo` (multipart: the image and its text alternative) and
//! `GET /organizations/{slug}/logo`. The organization's admins change it; anyone sees it.

use super::uploads::{failure, jpeg, ImageWithAlt, Upload};
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
    let page = format!("/organizations/{slug}/edit");
    let upload = ImageWithAlt {
        form: Upload::read(multipart, "logo").await,
        field: "logo",
        page: &page,
        max_side: LOGO_SIDE,
    };
    let (id, alt) = match logo::target(&state.db, &user, &slug, upload.form.text("alt")).await {
        Ok(target) => target,
        Err(Error::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(Error::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
        Err(error) => return failure(&error),
    };
    upload
        .store(alt, |image, alt| async move {
            logo::save(&state.db, id, &image, &alt).await
        })
        .await
}

/// Serves an organization's logo (its address carries its version: cached for long).
pub async fn show(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match logo::image(&state.db, &slug).await {
        Ok(image) => jpeg(image, true),
        Err(Error::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failure(&error),
    }
}
