//! `/register`: create an account.

use super::{form_errors, issue, kept, last_error};
use crate::components::{use_session, FormNotice, TextField};
use crate::domain::{DisplayName, Email, Password};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The registration form.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().register;
    let errors = form_errors(action.value());
    view! {
        <Title text=move || t_string!(i18n, register.title) />
        <h1>{t!(i18n, register.title)}</h1>
        <p>{t!(i18n, register.intro)}</p>
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
            <TextField
                name="display_name"
                autocomplete="name"
                issue=issue(errors, "display_name")
                value=kept(errors, "display_name")
                hint=move || t!(i18n, fields.display_name_hint)
                check=|v| DisplayName::parse(v).err()
            >
                {t!(i18n, fields.display_name)}
            </TextField>
            <TextField
                name="password"
                input_type="password"
                autocomplete="new-password"
                issue=issue(errors, "password")
                hint=move || t!(i18n, fields.password_hint)
                check=|v| Password::parse(v).err()
            >
                {t!(i18n, fields.password)}
            </TextField>
            <button type="submit">{t!(i18n, register.submit)}</button>
        </ActionForm>
        <p>{t!(i18n, register.have_account)} " " <A href="/login">{t!(i18n, register.login_link)}</A></p>
    }
}
