//! `/login`: sign in.

use super::{form_errors, issue, kept, last_error};
use crate::components::{use_session, FormNotice, TextField};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The log-in form, with a word on what brought the person here (a new account waiting
/// for its confirmation, a password just reset, every session just ended).
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().log_in;
    let errors = form_errors(action.value());
    let query = use_query_map();
    let arrived = move || {
        query.with(|q| {
            if q.get("joined").is_some() {
                Some(t!(i18n, login.joined).into_any())
            } else if q.get("reset").is_some() {
                Some(t!(i18n, login.reset_done).into_any())
            } else if q.get("erased").is_some() {
                Some(t!(i18n, login.erased).into_any())
            } else if q.get("everywhere").is_some() {
                Some(t!(i18n, login.everywhere_done).into_any())
            } else {
                None
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, login.title) />
        <h1>{t!(i18n, login.title)}</h1>
        {move || arrived().map(|message| view! { <p class="form-success" role="status">{message}</p> })}
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
        <p><A href="/password/forgot">{t!(i18n, login.forgot_link)}</A></p>
        <p>{t!(i18n, login.no_account)} " " <A href="/register">{t!(i18n, login.register_link)}</A></p>
    }
}
