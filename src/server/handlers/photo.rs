//! `POST /me/photo` (multipart upload) and `GET /members/{id}/photo`.
//! A plain form posts the upload, so it works the same with or without JavaScript.

use crate::domain::FieldIssue;
use crate::server::auth;
use crate::server::db;
use crate::server::policy::Viewer;
use crate::server::profiles::{self, photo};
use crate::server::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Stores the signed-in member's new photo, re-encoded, then goes back to the profile form.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    mut multipart: Multipart,
) -> Response {
    let user = match auth::current_user(&state.db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(error) => return failure(&error),
    };
    let mut upload = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("photo") {
            upload = field.bytes().await.ok();
            break;
        }
    }
    let Some(bytes) = upload.filter(|b| !b.is_empty()) else {
        return back_with_error(FieldIssue::NotAnImage);
    };
    let encoded = tokio::task::spawn_blocking(move || photo::reencode(&bytes)).await;
    let image = match encoded {
        Ok(Ok(image)) => image,
        Ok(Err(issue)) => return back_with_error(issue),
        Err(error) => return failure(&anyhow::anyhow!(error)),
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

fn back_with_error(issue: FieldIssue) -> Response {
    let code = match issue {
        FieldIssue::FileTooLarge { .. } => "too_large",
        _ => "not_an_image",
    };
    Redirect::to(&format!("/me/profile?photo_error={code}#photo")).into_response()
}

fn failure(error: &dyn std::fmt::Debug) -> Response {
    tracing::error!(error = ?error, "a profile photo request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side.",
    )
        .into_response()
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
        Ok(Some(image)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            image,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failure(&error),
    }
}
