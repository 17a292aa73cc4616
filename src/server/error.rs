//! The server's error type.
//!
//! Use `Form` when the person can fix the input (the message appears beside the
//! field), `Unauthorized`/`Forbidden`/`NotFound` for access, and `Unexpected` for
//! everything else: its cause is logged in full and the person sees a generic message.

use crate::domain::{AppError, FormErrors};

/// An error from a server-side operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input was refused, with a reason per field.
    #[error("the input was refused")]
    Form(FormErrors),
    /// No one is signed in.
    #[error("not signed in")]
    Unauthorized,
    /// The signed-in account may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Nothing there, or nothing this viewer may see.
    #[error("not found")]
    NotFound,
    /// A failure the person cannot fix; logged, never shown.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Short for `Result<T, server::error::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Error> for AppError {
    fn from(error: Error) -> Self {
        set_status(&error);
        match error {
            Error::Form(form) => AppError::Form(form),
            Error::Unauthorized => {
                // Within the request's span: its method, path and account (if any).
                tracing::info!(target: "passerelle::access", "refused: not signed in");
                AppError::Unauthorized
            }
            Error::Forbidden => {
                tracing::warn!(target: "passerelle::access", "refused: not allowed");
                AppError::Forbidden
            }
            Error::NotFound => AppError::NotFound,
            Error::Unexpected(cause) => {
                tracing::error!(error = ?cause, "unexpected error while handling a request");
                AppError::Unexpected
            }
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(cause: anyhow::Error) -> Self {
        Error::Unexpected(cause).into()
    }
}

/// Gives a refused server-function call its HTTP status (422, 401, 403, 404, 500).
///
/// Plain form posts (POST, accepting HTML) keep Leptos' redirect back to the form,
/// which carries the error; changing their status would break that redirect. A page
/// whose data is refused (an unknown member, a page for moderators) gets the status too.
fn set_status(error: &Error) {
    use axum::http::{header::ACCEPT, request::Parts, Method, StatusCode};
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let plain_form_post = leptos::prelude::use_context::<Parts>().is_some_and(|parts| {
        parts.method == Method::POST
            && parts
                .headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    });
    if plain_form_post {
        return;
    }
    response.set_status(match error {
        Error::Form(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Unauthorized => StatusCode::UNAUTHORIZED,
        Error::Forbidden => StatusCode::FORBIDDEN,
        Error::NotFound => StatusCode::NOT_FOUND,
        Error::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
    });
}
