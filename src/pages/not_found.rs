//! The page for addresses that lead nowhere (404), and what a page for members says to
//! a visitor (401).

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, not_found.title) />
        <h1>{t!(i18n, not_found.title)}</h1>
        <p>{t!(i18n, not_found.body)}</p>
        <p><A href="/">{t!(i18n, not_found.home_link)}</A></p>
    }
}

/// What a page for signed-in members shows a visitor: a request to log in, answered 401
/// when the page's headers have not left yet (a streamed page's may have).
#[component]
pub fn SignInFirst() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::UNAUTHORIZED);
    }
    let i18n = use_i18n();
    view! {
        <div data-refusal="sign-in">
            <p>{t!(i18n, account.need_login)}</p>
            <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
        </div>
    }
}
