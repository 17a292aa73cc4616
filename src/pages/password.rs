//! `/password/forgot` and `/password/reset/{token}`: getting back into an account.

use super::{form_errors, issue, kept, last_error};
use crate::api::auth::{reset_link_valid, ForgotPassword, ResetPassword};
use crate::components::{FormNotice, TextField};
use crate::domain::{Email, Password};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Asks for the address to send a reset link to; the answer is the same for any address.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let errors = form_errors(action.value());
    let query = use_query_map();
    let sent = move || {
        matches!(action.value().get(), Some(Ok(()))) || query.with(|q| q.get("sent").is_some())
    };
    view! {
        <Title text=move || t_string!(i18n, password.forgot_title) />
        <h1>{t!(i18n, password.forgot_title)}</h1>
        <Show when=sent>
            <p class="form-success" role="status">{t!(i18n, password.sent)}</p>
        </Show>
        <p>{t!(i18n, password.forgot_intro)}</p>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormNotice error=last_error(action.value()) />
            <TextField
                name="email"
                input_type="email"
                autocomplete="email"
                issue=issue(errors, "email")
                value=kept(errors, "email")
                check=|v| Email::parse(v).err()
            >
                {t!(i18n, fields.email)}
            </TextField>
            <button type="submit">{t!(i18n, password.send_link)}</button>
        </ActionForm>
        <p><A href="/login">{t!(i18n, password.back_to_login)}</A></p>
    }
}

/// Sets a new password through an emailed link, or says the link no longer works.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let valid = Resource::new(token, reset_link_valid);
    // Made once for the page, outside the Suspend, as every page does.
    let action = ServerAction::<ResetPassword>::new();
    let body = move || {
        Suspend::new(async move {
            match valid.await {
                Ok(true) => view! { <ResetForm token=token() action=action /> }.into_any(),
                _ => view! {
                    <p class="form-notice" role="alert">{t!(i18n, errors.link_expired)}</p>
                    <p><A href="/password/forgot" attr:class="button">{t!(i18n, password.ask_again)}</A></p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, password.reset_title) />
        <h1>{t!(i18n, password.reset_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn ResetForm(token: String, action: ServerAction<ResetPassword>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = form_errors(action.value());
    view! {
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormNotice error=last_error(action.value()) />
            <input type="hidden" name="token" value=token />
            <TextField
                name="new_password"
                input_type="password"
                autocomplete="new-password"
                issue=issue(errors, "new_password")
                hint=move || t!(i18n, fields.password_hint)
                check=|v| Password::parse(v).err()
            >
                {t!(i18n, fields.new_password)}
            </TextField>
            <button type="submit">{t!(i18n, password.submit)}</button>
        </ActionForm>
    }
}
