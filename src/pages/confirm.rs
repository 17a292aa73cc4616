//! `/account/confirm/{token}`: an emailed link confirms an address. The page asks for one
//! click rather than confirming on opening, so a mail scanner that follows links does not
//! use the link up.

use super::last_error;
use crate::api::auth::confirmation_link_valid;
use crate::components::{use_session, FormNotice};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The confirmation button, or a word that the link no longer works.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let valid = Resource::new(token, confirmation_link_valid);
    let action = use_session().confirm_email;
    let body = move || {
        Suspend::new(async move {
            match valid.await {
                Ok(true) => view! {
                    <p>{t!(i18n, confirm.intro)}</p>
                    <ActionForm action=action attr:class="form">
                        <FormNotice error=last_error(action.value()) />
                        <input type="hidden" name="token" value=token() />
                        <button type="submit">{t!(i18n, confirm.submit)}</button>
                    </ActionForm>
                }
                .into_any(),
                _ => view! {
                    <p class="form-notice" role="alert">{t!(i18n, errors.link_expired)}</p>
                    <p>{t!(i18n, confirm.ask_again)} " " <A href="/account">{t!(i18n, confirm.account_link)}</A></p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, confirm.title) />
        <h1>{t!(i18n, confirm.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}
