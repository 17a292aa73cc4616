//! `/organizations/{slug}/delete`: what deleting an organization takes with it, and the
//! button that does; its owners only.

use crate::api::organizations::{organization_to_delete, DeleteOrganization};
use crate::components::FormNotice;
use crate::i18n::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Confirming an organization's deletion.
#[component]
pub fn DeleteOrganizationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let delete = ServerAction::<DeleteOrganization>::new();
    let deletion = Resource::new(slug, organization_to_delete);
    let body = move || {
        Suspend::new(async move {
            match deletion.await {
                Ok(org) => {
                    let name = org.name.clone();
                    let (needs, spotlights, people, pending, intros) = (
                        org.needs,
                        org.spotlights,
                        org.people,
                        org.pending_people,
                        org.introductions,
                    );
                    view! {
                        <p>{t!(i18n, org.delete_what, name = move || name.clone())}</p>
                        <ul>
                            <li>{t!(i18n, org.delete_needs, count = move || needs)}</li>
                            <li>{t!(i18n, org.delete_spotlights, count = move || spotlights)}</li>
                            <li>{t!(i18n, org.delete_people, count = move || people)}</li>
                            <li>{t!(i18n, org.delete_pending, count = move || pending)}</li>
                            <li>{t!(i18n, org.delete_introductions, count = move || intros)}</li>
                        </ul>
                        <p>{t!(i18n, org.delete_instead)}</p>
                        <ActionForm action=delete attr:class="form">
                            <FormNotice error=last_error(delete.value()) />
                            <input type="hidden" name="slug" value=org.slug.clone() />
                            <button type="submit" class="danger">{t!(i18n, org.delete_confirm)}</button>
                            " " <A href=format!("/organizations/{}", org.slug)>{t!(i18n, org.cancel)}</A>
                        </ActionForm>
                    }
                    .into_any()
                }
                Err(crate::domain::AppError::Unauthorized) => view! {
                    <p data-refusal="sign-in">
                        <A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A>
                    </p>
                }
                .into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, org.delete_title) />
        <h1>{t!(i18n, org.delete_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}
