//! The translated message for a field issue.

use crate::domain::FieldIssue;
use crate::i18n::*;
use leptos::prelude::*;

/// Says what is wrong with a field, in the reader's language.
#[component]
pub fn IssueMessage(issue: FieldIssue) -> impl IntoView {
    let i18n = use_i18n();
    match issue {
        FieldIssue::Required => t!(i18n, errors.required).into_any(),
        FieldIssue::TooShort { min } => t!(i18n, errors.too_short, min = move || min).into_any(),
        FieldIssue::TooLong { max } => t!(i18n, errors.too_long, max = move || max).into_any(),
        FieldIssue::InvalidEmail => t!(i18n, errors.invalid_email).into_any(),
        FieldIssue::InvalidCharacters => t!(i18n, errors.invalid_characters).into_any(),
        FieldIssue::EmailTaken => t!(i18n, errors.email_taken).into_any(),
        FieldIssue::BadCredentials => t!(i18n, errors.bad_credentials).into_any(),
        FieldIssue::WrongPassword => t!(i18n, errors.wrong_password).into_any(),
    }
}
