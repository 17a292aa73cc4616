//! `/needs/{id}/delete`: what deleting a need takes with it, and the button that does.

use crate::api::needs::{need_to_delete, DeleteNeed};
use crate::components::FormNotice;
use crate::i18n::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Confirming a need's deletion; its organization's admins only.
#[component]
pub fn DeleteNeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteNeed>::new();
    let id = super::route_need_id();
    let deletion = Resource::new(id, need_to_delete);
    let body = move || {
        Suspend::new(async move {
            match deletion.await {
                Ok(need) => {
                    let count = need.introductions;
                    view! {
                        <p>{t!(i18n, needs.delete_what, title = move || need.title.clone())}</p>
                        <ul>
                            <li>{t!(i18n, needs.delete_gone)}</li>
                            <li>{t!(i18n, needs.delete_introductions, count = move || count)}</li>
                        </ul>
                        <p>{t!(i18n, needs.delete_instead)}</p>
                        <ActionForm action=delete attr:class="form">
                            <FormNotice error=last_error(delete.value()) />
                            <input type="hidden" name="id" value=need.id.to_string() />
                            <button type="submit" class="danger">{t!(i18n, needs.delete_confirm)}</button>
                            " " <A href=format!("/needs/{}", need.id)>{t!(i18n, org.cancel)}</A>
                        </ActionForm>
                    }
                    .into_any()
                }
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, needs.delete_title) />
        <h1>{t!(i18n, needs.delete_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}
