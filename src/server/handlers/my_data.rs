//! `GET /account/data.json` and `/account/data.zip`: everything Passerelle holds about the
//! signed-in account, as a download for its owner alone (never cached).

use crate::server::auth;
use crate::server::privacy::export;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The export as one JSON file.
pub async fn json(State(state): State<AppState>, session: Session) -> Response {
    download(&state, &session, |data, _| {
        let body = serde_json::to_vec_pretty(data)?;
        Ok(("application/json", "passerelle-my-data.json", body))
    })
    .await
}

/// The export and the photo, as one ZIP file.
pub async fn zip(State(state): State<AppState>, session: Session) -> Response {
    download(&state, &session, |data, photo| {
        let body = export::zip(data, photo)?;
        Ok(("application/zip", "passerelle-my-data.zip", body))
    })
    .await
}

type Encoded = (&'static str, &'static str, Vec<u8>);

async fn download(
    state: &AppState,
    session: &Session,
    encode: impl FnOnce(&export::MyData, Option<&[u8]>) -> anyhow::Result<Encoded>,
) -> Response {
    let user = match auth::current_user(&state.db, session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/login").into_response(),
        Err(error) => return failure(&error),
    };
    let encoded = export::gather(&state.db, user.id)
        .await
        .and_then(|(data, photo)| encode(&data, photo.as_deref()));
    match encoded {
        Ok((kind, name, body)) => (
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(error) => failure(&error),
    }
}

fn failure(error: &dyn std::fmt::Debug) -> Response {
    tracing::error!(error = ?error, "an export of one's data failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side.",
    )
        .into_response()
}
