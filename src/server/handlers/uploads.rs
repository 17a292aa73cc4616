//! What the image handlers share: reading a multipart form, storing an image with its
//! text alternative, re-encoding off the async threads, serving a stored JPEG, and
//! answering failures without showing their cause.

use crate::domain::FieldIssue;
use crate::server::images;
use axum::body::Bytes;
use axum::extract::Multipart;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::fmt::Debug;
use std::future::Future;

/// A posted form: the one file field asked for, and its text fields.
pub struct Upload {
    pub file: Option<Bytes>,
    pub text: HashMap<String, String>,
}

impl Upload {
    /// Reads the whole form; `file_field` names the file input.
    pub async fn read(mut multipart: Multipart, file_field: &str) -> Self {
        let mut upload = Self {
            file: None,
            text: HashMap::new(),
        };
        while let Ok(Some(field)) = multipart.next_field().await {
            let name = field.name().unwrap_or_default().to_owned();
            if name == file_field {
                upload.file = field.bytes().await.ok().filter(|b| !b.is_empty());
            } else if let Ok(value) = field.text().await {
                upload.text.insert(name, value);
            }
        }
        upload
    }

    /// A text field's value, or "".
    pub fn text(&self, name: &str) -> &str {
        self.text.get(name).map_or("", String::as_str)
    }
}

/// An image posted with its text alternative (`alt`) from the form at `page`, whose
/// fragment and file field are both named `field`: an organization's logo, a story's
/// image. Answers always go back to that form, the person's typing kept.
pub struct ImageWithAlt<'a> {
    pub form: Upload,
    pub field: &'a str,
    pub page: &'a str,
    pub max_side: u32,
}

impl ImageWithAlt<'_> {
    /// Back to the form with `issue` beside `field` and the typed text alternative kept.
    pub fn refused(&self, field: &str, issue: &FieldIssue) -> Response {
        let query = serde_urlencoded::to_string([
            (format!("{field}_error"), issue_code(issue)),
            ("alt".to_owned(), self.form.text("alt")),
        ])
        .unwrap_or_default();
        Redirect::to(&format!("{}?{query}#{}", self.page, self.field)).into_response()
    }

    /// Once the upload is allowed: checks the text alternative (already validated into
    /// `alt`) and the image, re-encodes it, stores both with `save`, and says so.
    pub async fn store<Save, Saving, E>(
        self,
        alt: Result<String, FieldIssue>,
        save: Save,
    ) -> Response
    where
        Save: FnOnce(Vec<u8>, String) -> Saving,
        Saving: Future<Output = Result<(), E>>,
        E: Debug,
    {
        let alt = match alt {
            Ok(alt) => alt,
            Err(issue) => return self.refused("alt", &issue),
        };
        let Some(bytes) = self.form.file.clone() else {
            return self.refused(self.field, &FieldIssue::NotAnImage);
        };
        let image = match reencode(bytes, self.max_side).await {
            Ok(image) => image,
            Err(Refusal::Field(issue)) => return self.refused(self.field, &issue),
            Err(Refusal::Failed(error)) => return failure(&error),
        };
        if let Err(error) = save(image, alt).await {
            return failure(&error);
        }
        let (page, field) = (self.page, self.field);
        Redirect::to(&format!("{page}?{field}=saved#{field}")).into_response()
    }
}

/// Re-encodes an upload on a blocking thread (see [`images::reencode`]).
pub async fn reencode(bytes: Bytes, max_side: u32) -> Result<Vec<u8>, Refusal> {
    match tokio::task::spawn_blocking(move || images::reencode(&bytes, max_side)).await {
        Ok(Ok(image)) => Ok(image),
        Ok(Err(issue)) => Err(Refusal::Field(issue)),
        Err(error) => Err(Refusal::Failed(anyhow::anyhow!(error))),
    }
}

/// Why an upload was not stored.
pub enum Refusal {
    /// The person can fix it: shown beside the field.
    Field(FieldIssue),
    /// Our fault: logged, never shown.
    Failed(anyhow::Error),
}

/// The code an error redirect carries for a field issue, read back by the page.
pub fn issue_code(issue: &FieldIssue) -> &'static str {
    match issue {
        FieldIssue::FileTooLarge { .. } => "too_large",
        FieldIssue::Required => "required",
        FieldIssue::TooLong { .. } => "too_long",
        FieldIssue::InvalidCharacters => "invalid_characters",
        _ => "not_an_image",
    }
}

/// A stored JPEG; `public` ones may be cached by anyone.
pub fn jpeg(image: Vec<u8>, public: bool) -> Response {
    let cache = if public {
        "public, max-age=3600"
    } else {
        "private, max-age=300"
    };
    (
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, cache),
        ],
        image,
    )
        .into_response()
}

/// Logs an internal failure with its cause and answers a plain 500.
pub fn failure(error: &dyn std::fmt::Debug) -> Response {
    tracing::error!(error = ?error, "an image request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side.",
    )
        .into_response()
}
