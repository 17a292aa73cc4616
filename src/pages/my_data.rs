//! `/account/data`: taking everything with me, and erasing my account.

use super::{form_errors, issue, last_error};
use crate::components::{use_session, FormNotice, TextField};
use crate::i18n::*;
use crate::pages::not_found::SignInFirst;
use leptos::prelude::*;
use leptos_meta::Title;

/// The downloads of one's data, and the erasure form (password required).
#[component]
pub fn MyDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let body = move || {
        Suspend::new(async move {
            match session.user.await {
                Ok(Some(_)) => view! { <Downloads /> <Erase /> }.into_any(),
                _ => view! {
                    <SignInFirst />
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, my_data.title) />
        <h1>{t!(i18n, my_data.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Downloads() -> impl IntoView {
    let i18n = use_i18n();
    // `download`: a file, not a page of the app (the router leaves such links alone).
    view! {
        <p>{t!(i18n, my_data.intro)}</p>
        <ul>
            <li><a href="/account/data.json" download="passerelle-my-data.json">{t!(i18n, my_data.json)}</a></li>
            <li><a href="/account/data.zip" download="passerelle-my-data.zip">{t!(i18n, my_data.zip)}</a></li>
        </ul>
    }
}

#[component]
fn Erase() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().erase_account;
    let errors = form_errors(action.value());
    view! {
        <section aria-labelledby="erase-title">
            <h2 id="erase-title">{t!(i18n, my_data.erase_title)}</h2>
            <ul>
                <li>{t!(i18n, my_data.erase_gone)}</li>
                <li>{t!(i18n, my_data.erase_stays)}</li>
                <li>{t!(i18n, my_data.erase_orgs)}</li>
            </ul>
            <p>{t!(i18n, my_data.erase_final)}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormNotice error=last_error(action.value()) />
                <TextField
                    name="password"
                    input_type="password"
                    autocomplete="current-password"
                    issue=issue(errors, "password")
                >
                    {t!(i18n, fields.current_password)}
                </TextField>
                <button type="submit" class="danger">{t!(i18n, my_data.erase_submit)}</button>
            </ActionForm>
        </section>
    }
}
