//! `/spotlights/new`: an organization's admin drafts a story about it.

use super::fields::StoryFields;
use crate::api::spotlights::{spotlight_choices, DraftSpotlight};
use crate::components::{FormNotice, SelectField};
use crate::domain::{AppError, SpotlightInput};
use crate::i18n::*;
use crate::pages::{chosen_or, form_errors, issue, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The spotlight form.
#[component]
pub fn NewSpotlightPage() -> impl IntoView {
    let i18n = use_i18n();
    let draft = ServerAction::<DraftSpotlight>::new();
    let errors = form_errors(draft.value());
    let choices = Resource::new(|| (), |_| spotlight_choices());
    let body = move || {
        Suspend::new(async move {
            match choices.await {
                Ok((orgs, _)) if orgs.is_empty() => {
                    view! { <p>{t!(i18n, spotlights.no_orgs)}</p> }.into_any()
                }
                Ok((orgs, regions)) => {
                    let orgs: Vec<(String, String)> =
                        orgs.into_iter().map(|n| (n.code, n.name)).collect();
                    view! {
                        <ActionForm action=draft attr:class="form profile-form" attr:novalidate=true>
                            <FormNotice error=last_error(draft.value()) />
                            <SelectField name="spotlight[organization]" issue=issue(errors, "organization") options=orgs
                                selected=chosen_or(errors, "organization", Vec::new())>
                                {t!(i18n, spotlights.organization)}
                            </SelectField>
                            <StoryFields errors=errors input=SpotlightInput::default() regions=regions />
                            <button type="submit">{t!(i18n, spotlights.save_draft)}</button>
                        </ActionForm>
                    }
                    .into_any()
                }
                Err(AppError::Unauthorized) => view! {
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
        <Title text=move || t_string!(i18n, spotlights.new_title) />
        <h1>{t!(i18n, spotlights.new_title)}</h1>
        <p>{t!(i18n, spotlights.new_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}
