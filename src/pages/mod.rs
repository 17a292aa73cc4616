//! One route per file.

mod account;
mod confirm;
mod follow_up;
mod home;
mod inbox;
mod introductions;
mod login;
mod map;
mod meeting;
mod members;
mod moderation;
mod my_data;
mod needs;
pub(crate) mod not_found;
mod organizations;
mod password;
mod region;
mod register;
pub(crate) mod spotlights;
mod still_accurate;

pub use account::AccountPage;
pub use confirm::ConfirmEmailPage;
pub use follow_up::FollowUpPage;
pub use home::HomePage;
pub use inbox::InboxPage;
pub use introductions::NewIntroductionPage;
pub use login::LoginPage;
pub use map::MapPage;
pub use members::{EditProfilePage, MemberPage, MembersPage};
pub use moderation::ModerationPage;
pub use my_data::MyDataPage;
pub use needs::{
    DeleteNeedPage, EditNeedPage, MyMatchesPage, NeedMatchesPage, NeedPage, NeedsPage, NewNeedPage,
    OrgMatchesPage,
};
pub use not_found::NotFound;
pub use organizations::{
    DeleteOrganizationPage, EditOrganizationPage, NewOrganizationPage, OrganizationPage,
    OrganizationsPage,
};
pub use password::{ForgotPasswordPage, ResetPasswordPage};
pub use region::RegionPage;
pub use register::RegisterPage;
pub use spotlights::{EditSpotlightPage, NewSpotlightPage, SpotlightPage, SpotlightsPage};
pub use still_accurate::StillAccuratePage;

use crate::domain::{AppError, FieldIssue, FormErrors};
use leptos::prelude::*;

/// The refused form behind a server action's last result, if it was refused.
pub(crate) fn form_errors<T>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<FormErrors>> {
    Signal::derive(move || match value.get() {
        Some(Err(AppError::Form(form))) => Some(form),
        _ => None,
    })
}

/// The issue with one field of a refused form.
pub(crate) fn issue(
    errors: Signal<Option<FormErrors>>,
    name: &'static str,
) -> Signal<Option<FieldIssue>> {
    Signal::derive(move || errors.with(|e| e.as_ref().and_then(|e| e.issue(name))))
}

/// The value a field held when its form was refused.
pub(crate) fn kept(
    errors: Signal<Option<FormErrors>>,
    name: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| e.as_ref().and_then(|e| e.value(name).map(str::to_owned)))
    })
}

/// The last error of a server action, for the form's notice.
pub(crate) fn last_error<T>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(Result::err))
}

/// What a field shows: what was typed in a refused submission, else what is stored.
pub(crate) fn kept_or(
    errors: Signal<Option<FormErrors>>,
    name: &'static str,
    stored: String,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors
            .with(|e| e.as_ref().and_then(|e| e.value(name).map(str::to_owned)))
            .or_else(|| Some(stored.clone()))
    })
}

/// The chosen codes of a select or checkbox group: as typed in a refused
/// submission (kept comma-separated), else what is stored.
pub(crate) fn chosen_or(
    errors: Signal<Option<FormErrors>>,
    name: &'static str,
    stored: Vec<String>,
) -> Signal<Vec<String>> {
    Signal::derive(move || {
        match errors.with(|e| e.as_ref().and_then(|e| e.value(name).map(str::to_owned))) {
            Some(kept) => kept
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            None => stored.clone(),
        }
    })
}
