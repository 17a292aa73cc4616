//! `GET /organizations.csv` and `/organizations.json`: the public directory as open
//! data, with the same filters as the page.

use crate::domain::{DirectoryQuery, OrgKind};
use crate::server::directory::{organizations, Filters};
use crate::server::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::HashMap;

/// One organization in the open data.
#[derive(Debug, Serialize)]
pub struct OpenRecord {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub hq_country: String,
    pub countries: String,
    pub sectors: String,
    pub sdgs: String,
    pub verified: bool,
    pub website: String,
    pub year_founded: Option<i64>,
    pub size: String,
    pub public_contact: String,
    pub url: String,
}

fn filters(params: &HashMap<String, String>) -> Filters {
    Filters::from_query(&DirectoryQuery::from_pairs(
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    ))
}

/// The filtered directory as CSV (UTF-8, header row, one organization per line).
pub async fn csv(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let records = match organizations::open_records(&state.db, &filters(&params)).await {
        Ok(records) => records,
        Err(error) => return failure(&error),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in &records {
        if let Err(error) = writer.serialize(record) {
            return failure(&anyhow::anyhow!(error));
        }
    }
    match writer.into_inner() {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"organizations.csv\"",
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => failure(&anyhow::anyhow!(error.to_string())),
    }
}

/// The filtered directory as a JSON array.
pub async fn json(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    match organizations::open_records(&state.db, &filters(&params)).await {
        Ok(records) => axum::Json(records).into_response(),
        Err(error) => failure(&error),
    }
}

fn failure(error: &anyhow::Error) -> Response {
    tracing::error!(error = ?error, "an open-data export failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side.",
    )
        .into_response()
}

/// Whether a kind code is known (for the import's checks).
pub fn known_kind(code: &str) -> bool {
    OrgKind::parse(code).is_some()
}
