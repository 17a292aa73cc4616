//! `POST /me/photo` (multipart upload) and `GET /members/{id}/photo`.
//! A plain form posts the upload, so it works the same with or without JavaScript.

use super::uploads::{failure, issue_code, jpeg, reencode, Refusal, Upload};
use crate::domain::FieldIssue;
use crate::server::auth;
use crate::server::db;
use crate::server::images::PHOTO_SIDE;
use crate::server::policy::Viewer;
use crate::server::profiles;
use crate::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Stores the signed-in member's new photo, re-encoded, then goes back to the profile form.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    multipart: Multipart,
) -> Response {
    let user = match auth::current_user(&state.db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(error) => return failure(&error),
    };
    let Some(bytes) = Upload::read(multipart, "photo").await.file else {
        return back_with_error(&FieldIssue::NotAnImage);
    };
    let image = match reencode(bytes, PHOTO_SIDE).await {
        Ok(image) => image,
        Err(Refusal::Field(issue)) => return back_with_error(&issue),
        Err(Refusal::Failed(error)) => return failure(&error),
    };
    if let Err(error) = save(&state, user.id, &image).await {
        return failure(&error);
    }
    Redirect::to("/me/profile?photo=saved#photo").into_response()
}

/// A photo needs a saved profile to belong to.
async fn save(state: &AppState, user_id: i64, image: &[u8]) -> anyhow::Result<()> {
    if db::profiles::find(&state.db, user_id).await?.is_none() {
        anyhow::bail!("photo uploaded before the profile was saved");
    }
    db::profiles::save_photo(&state.db, user_id, image, db::now()).await
}

fn back_with_error(issue: &FieldIssue) -> Response {
    let code = issue_code(issue);
    Redirect::to(&format!("/me/profile?photo_error={code}#photo")).into_response()
}

/// Serves a member's photo to viewers who may open the profile; 404 to everyone else.
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    let viewer = match auth::current_user(&state.db, &session).await {
        Ok(user) => Viewer::new(user),
        Err(error) => return failure(&error),
    };
    let row = match db::profiles::find(&state.db, id).await {
        Ok(row) => row,
        Err(error) => return failure(&error),
    };
    if !row
        .as_ref()
        .is_some_and(|r| profiles::access(r).can_open(&viewer))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    match db::profiles::photo(&state.db, id).await {
        Ok(Some(image)) => jpeg(image, false),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failure(&error),
    }
}
