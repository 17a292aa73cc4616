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
        FieldIssue::BadCredentials => t!(i18n, errors.bad_credentials).into_any(),
        FieldIssue::WrongPassword => t!(i18n, errors.wrong_password).into_any(),
        FieldIssue::InvalidChoice => t!(i18n, errors.invalid_choice).into_any(),
        FieldIssue::TooMany { max } => t!(i18n, errors.too_many, max = move || max).into_any(),
        FieldIssue::InvalidUrl => t!(i18n, errors.invalid_url).into_any(),
        FieldIssue::InvalidYear => t!(i18n, errors.invalid_year).into_any(),
        FieldIssue::InvalidDate => t!(i18n, errors.invalid_date).into_any(),
        FieldIssue::DateNotInFuture => t!(i18n, errors.date_not_in_future).into_any(),
        FieldIssue::NotVerified => t!(i18n, errors.not_verified).into_any(),
        FieldIssue::AlreadyRequested => t!(i18n, errors.already_requested).into_any(),
        FieldIssue::DailyLimit { max } => {
            t!(i18n, errors.daily_limit, max = move || max).into_any()
        }
        FieldIssue::Blocked => t!(i18n, errors.blocked).into_any(),
        FieldIssue::StageMoved => t!(i18n, errors.stage_moved).into_any(),
        FieldIssue::NotAnImage => t!(i18n, errors.not_an_image).into_any(),
        FieldIssue::FileTooLarge { max_mb } => {
            t!(i18n, errors.file_too_large, max_mb = move || max_mb).into_any()
        }
        FieldIssue::NameTaken => t!(i18n, errors.name_taken).into_any(),
        FieldIssue::NoSuchAccount => t!(i18n, errors.no_such_account).into_any(),
        FieldIssue::AlreadyMember => t!(i18n, errors.already_member).into_any(),
        FieldIssue::LastOwner => t!(i18n, errors.last_owner).into_any(),
        FieldIssue::InvalidDateTime => t!(i18n, errors.invalid_date_time).into_any(),
        FieldIssue::SlotTooSoon => t!(i18n, errors.slot_too_soon).into_any(),
        FieldIssue::SlotTooFar => t!(i18n, errors.slot_too_far).into_any(),
        FieldIssue::SlotRepeated => t!(i18n, errors.slot_repeated).into_any(),
        FieldIssue::MeetingChanged => t!(i18n, errors.meeting_changed).into_any(),
    }
}
