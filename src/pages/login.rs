//! `/login`: sign in.

use super::{form_errors, issue, kept, last_error};
use crate::components::{use_session, FormNotice, TextField};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The log-in form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().log_in;
    let errors = form_errors(action.value());
    view! {
        <Title text=move || t_string!(i18n, login.title) />
        <h1>{t!(i18n, login.title)}</h1>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormNotice error=last_error(action.value()) />
            <TextField
                name="email"
                input_type="email"
                autocomplete="username"
                issue=issue(errors, "email")
                value=kept(errors, "email")
            >
                {t!(i18n, fields.email)}
            </TextField>
            <TextField
                name="password"
                input_type="password"
                autocomplete="current-password"
                issue=issue(errors, "password")
            >
                {t!(i18n, fields.password)}
            </TextField>
            <button type="submit">{t!(i18n, login.submit)}</button>
        </ActionForm>
        <p>{t!(i18n, login.no_account)} " " <A href="/register">{t!(i18n, login.register_link)}</A></p>
    }
}
