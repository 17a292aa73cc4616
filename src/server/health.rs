//! `GET /healthz`: 200 when the database answers, 503 otherwise. The body says whether the
//! in-memory indexes are built yet ("ok") or still building, meanwhile lists come from SQL.

use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

/// Answers whether the app can reach its database, and whether its indexes are ready.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&state.db).await {
        Ok(_) if state.directory.is_loaded() => (StatusCode::OK, "ok"),
        Ok(_) => (StatusCode::OK, "ok, indexes building"),
        Err(error) => {
            tracing::error!(error = ?error, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
