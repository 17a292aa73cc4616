//! The message above a form when its submission was refused as a whole.

use crate::domain::{AppError, Notice};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// Announces why the last submission failed, unless each field already says so.
#[component]
pub fn FormNotice(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let error = error.get()?;
        // Which refusal it is, for styles and tests (the words change with the language).
        let refusal = match &error {
            AppError::Unauthorized => Some("sign-in"),
            AppError::Forbidden => Some("forbidden"),
            AppError::NotFound => Some("not-found"),
            _ => None,
        };
        let message = match error {
            AppError::Form(form) => match form.notice {
                Some(Notice::Throttled) => t!(i18n, errors.throttled).into_any(),
                Some(Notice::LinkExpired) => t!(i18n, errors.link_expired).into_any(),
                Some(Notice::SlowDown) => t!(i18n, errors.slow_down).into_any(),
                Some(Notice::ConfirmEmailFirst) => view! {
                    {t!(i18n, errors.confirm_email_first)} " "
                    <A href="/account">{t!(i18n, errors.confirm_email_where)}</A>
                }
                .into_any(),
                None => t!(i18n, errors.form_has_errors).into_any(),
            },
            AppError::Unauthorized => t!(i18n, errors.unauthorized).into_any(),
            AppError::Forbidden => t!(i18n, errors.forbidden).into_any(),
            AppError::NotFound => t!(i18n, errors.not_found).into_any(),
            AppError::Unexpected => t!(i18n, errors.unexpected).into_any(),
        };
        Some(view! { <div class="form-notice" role="alert" data-refusal=refusal>{message}</div> })
    }
}
