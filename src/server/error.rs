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
        match error {
            Error::Form(form) => AppError::Form(form),
            Error::Unauthorized => AppError::Unauthorized,
            Error::Forbidden => AppError::Forbidden,
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
