//! `/still-accurate/{token}`: the link of a freshness reminder. Like the other emailed
//! links, the page asks for one click rather than confirming on opening, so a mail
//! scanner that follows links does not spend it; no log-in is needed.

use crate::api::freshness::{still_accurate_link, StillAccurateByLink};
use crate::components::labels::month_and_year;
use crate::components::FormNotice;
use crate::domain::FreshnessLink;
use crate::i18n::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The record the link is for and the button, a thank-you once used, or a word that the
/// link no longer works.
#[component]
pub fn StillAccuratePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let action = ServerAction::<StillAccurateByLink>::new();
    let link = Resource::new(token, still_accurate_link);
    let done_now = move || action.value().with(|v| matches!(v, Some(Ok(_))));
    let done = move || done_now() || query.with(|q| q.get("done").is_some());
    let body = move || {
        Suspend::new(async move {
            let found = link.await;
            if done() {
                return view! {
                    <p class="form-success" role="status">{t!(i18n, freshness.link_done)}</p>
                    {move || action.value().get().and_then(Result::ok).map(|l| view! {
                        <p><A href=l.path>{t!(i18n, freshness.view)}</A></p>
                    })}
                }
                .into_any();
            }
            match found {
                Ok(Some(record)) => {
                    view! { <Confirm record=record token=token() action=action /> }.into_any()
                }
                _ => view! {
                    <p class="form-notice" role="alert">{t!(i18n, freshness.link_invalid)}</p>
                    <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, freshness.link_title) />
        <h1>{t!(i18n, freshness.link_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Confirm(
    record: FreshnessLink,
    token: String,
    action: ServerAction<StillAccurateByLink>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (month, year) = month_and_year(i18n, record.confirmed_at);
    view! {
        <p>{t!(i18n, freshness.link_intro)}</p>
        <dl class="facts">
            <dt>{if record.organization { t!(i18n, freshness.link_org).into_any() } else { t!(i18n, freshness.link_profile).into_any() }}</dt>
            <dd><A href=record.path.clone()>{record.name.clone()}</A></dd>
        </dl>
        <p>{t!(i18n, freshness.confirmed, month = move || month.clone(), year = move || year)}</p>
        {record.delisted.then(|| view! { <p class="form-notice">{t!(i18n, freshness.delisted_note)}</p> })}
        <ActionForm action=action attr:class="form">
            <FormNotice error=last_error(action.value()) />
            <input type="hidden" name="token" value=token />
            <button type="submit">{t!(i18n, freshness.link_confirm)}</button>
        </ActionForm>
        <p>{t!(i18n, freshness.link_edit)} " " <A href="/login">{t!(i18n, account.login_link)}</A></p>
    }
}
