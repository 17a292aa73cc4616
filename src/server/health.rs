//! `GET /healthz`: 200 when the database answers, 503 otherwise.

use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

/// Answers whether the app can reach its database.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&state.db).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(error = ?error, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
