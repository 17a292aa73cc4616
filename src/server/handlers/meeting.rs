//! `GET /introductions/{id}/meeting.ics`: the confirmed meeting of an introduction as a
//! calendar file, for its two sides only (never cached).

use crate::server::auth;
use crate::server::error::Error;
use crate::server::introductions::meetings;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The `.ics` file, or 401/403/404 as the viewer and the meeting are.
pub async fn ics(State(state): State<AppState>, Path(id): Path<i64>, session: Session) -> Response {
    let user = match auth::current_user(&state.db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(error) => return failure(&error),
    };
    match meetings::calendar_file(&state.db, &state.mailer.public_url, &user, id).await {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/calendar; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"passerelle-meeting.ics\"".to_owned(),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(Error::Forbidden) => StatusCode::FORBIDDEN.into_response(),
        Err(Error::NotFound | Error::Form(_)) => StatusCode::NOT_FOUND.into_response(),
        Err(Error::Unauthorized) => Redirect::to("/login").into_response(),
        Err(Error::Unexpected(cause)) => failure(&cause),
    }
}

fn failure(error: &dyn std::fmt::Debug) -> Response {
    tracing::error!(error = ?error, "a meeting's calendar file failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side.",
    )
        .into_response()
}
