use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What is wrong with one field, in words the browser translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldIssue {
    /// Nothing was entered.
    Required,
    /// Fewer characters than allowed.
    TooShort {
        /// The least number of characters.
        min: usize,
    },
    /// More characters than allowed.
    TooLong {
        /// The most characters.
        max: usize,
    },
    /// Not an email address.
    InvalidEmail,
    /// Contains control characters.
    InvalidCharacters,
    /// Log-in failed; deliberately silent on whether the account exists.
    BadCredentials,
    /// The current password given to change it was wrong.
    WrongPassword,
    /// A value that is not one of the offered choices.
    InvalidChoice,
    /// More values than allowed.
    TooMany {
        /// The most values.
        max: usize,
    },
    /// Not a web address starting with https:// or http://.
    InvalidUrl,
    /// A year outside the accepted range.
    InvalidYear,
    /// Not a date (`YYYY-MM-DD`).
    InvalidDate,
    /// A date that must be after today is not.
    DateNotInFuture,
    /// Only a verified government body or international organization may do this.
    NotVerified,
    /// The same request is already waiting for an answer.
    AlreadyRequested,
    /// Too many requests in a day.
    DailyLimit {
        /// Requests allowed in 24 hours.
        max: i64,
    },
    /// The recipient does not accept requests from this account.
    Blocked,
    /// The other side moved the contact on since the page was opened.
    StageMoved,
    /// The uploaded file is not a JPEG, PNG or WebP image.
    NotAnImage,
    /// The uploaded file is larger than allowed.
    FileTooLarge {
        /// The most megabytes.
        max_mb: usize,
    },
    /// Another organization already has this name.
    NameTaken,
    /// No account has this email address.
    NoSuchAccount,
    /// The person is already a member.
    AlreadyMember,
    /// The change would leave an organization without an owner.
    LastOwner,
    /// Not a date and time (`YYYY-MM-DDTHH:MM`).
    InvalidDateTime,
    /// A meeting time less than an hour away.
    SlotTooSoon,
    /// A meeting time more than a year away.
    SlotTooFar,
    /// The same meeting time twice in one proposal.
    SlotRepeated,
    /// The other side changed the meeting since the page was opened.
    MeetingChanged,
}

/// A message about the whole form rather than one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Too many failed attempts; try again later.
    Throttled,
    /// The emailed link was used already, replaced by a newer one, or expired.
    LinkExpired,
    /// The account's address must be confirmed first (introductions, needs).
    ConfirmEmailFirst,
    /// Too many pages read in a short time (the directory's rate limit).
    SlowDown,
}

/// Why a form was refused, with what the person typed so it can be shown again.
///
/// Secrets (passwords) are never kept in `values`: without JavaScript this whole
/// structure travels in the redirect URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    /// A message for the whole form, if any.
    pub notice: Option<Notice>,
    /// One issue per field name.
    pub fields: Vec<(String, FieldIssue)>,
    /// The non-secret values as typed, by field name.
    pub values: Vec<(String, String)>,
}

impl FormErrors {
    /// Records an issue with a field.
    pub fn field(mut self, name: &str, issue: FieldIssue) -> Self {
        self.fields.push((name.to_owned(), issue));
        self
    }

    /// Keeps a non-secret value so the form can show it again.
    pub fn keep(mut self, name: &str, value: &str) -> Self {
        self.values.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the message for the whole form.
    pub fn notice(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self
    }

    /// The issue with a field, if any.
    pub fn issue(&self, name: &str) -> Option<FieldIssue> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, i)| *i)
    }

    /// The value a field held when the form was sent, if it was kept.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// True when no field has an issue and there is no notice.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.notice.is_none()
    }
}

/// The error every server function returns. Only what a user may see crosses the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input was refused; the form shows why, beside each field.
    #[error("the form has errors")]
    Form(FormErrors),
    /// The action needs a signed-in account.
    #[error("not signed in")]
    Unauthorized,
    /// The signed-in account may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Nothing there, or nothing this viewer may see.
    #[error("not found")]
    NotFound,
    /// Something failed on the server; the cause is in the server's log only.
    #[error("unexpected error")]
    Unexpected,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Transport and decoding failures carry internals; the user gets the generic message.
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function failed before reaching the application");
        #[cfg(not(feature = "ssr"))]
        leptos::logging::warn!("server function failed: {value}");
        AppError::Unexpected
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_errors_find_issues_and_values_by_field_name() {
        let errors = FormErrors::default()
            .field("email", FieldIssue::InvalidEmail)
            .keep("email", "amina@");
        assert_eq!(errors.issue("email"), Some(FieldIssue::InvalidEmail));
        assert_eq!(errors.issue("password"), None);
        assert_eq!(errors.value("email"), Some("amina@"));
        assert!(!errors.is_empty());
    }
}
