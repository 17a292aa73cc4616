//! `/spotlights/{slug}/edit`: the organization's admins change a draft; moderators a
//! published story.

use super::fields::StoryFields;
use crate::api::spotlights::{spotlight_editor, UpdateSpotlight};
use crate::components::FormNotice;
use crate::domain::{AppError, SpotlightInput};
use crate::i18n::*;
use crate::pages::{form_errors, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The story's form, filled with what is stored; or why not.
#[component]
pub fn EditSpotlightPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let save = ServerAction::<UpdateSpotlight>::new();
    let editor = Resource::new(slug, spotlight_editor);
    let body = move || {
        Suspend::new(async move {
            match editor.await {
                Ok((input, regions)) => {
                    view! { <StoryForm slug=slug() input=input regions=regions save=save /> }
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
        <Title text=move || t_string!(i18n, spotlights.edit_title) />
        <h1>{t!(i18n, spotlights.edit_title)}</h1>
        <p>{t!(i18n, spotlights.edit_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn StoryForm(
    slug: String,
    input: SpotlightInput,
    regions: Vec<String>,
    save: ServerAction<UpdateSpotlight>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = form_errors(save.value());
    let back = format!("/spotlights/{slug}");
    view! {
        <ActionForm action=save attr:class="form profile-form" attr:novalidate=true>
            <FormNotice error=last_error(save.value()) />
            <input type="hidden" name="slug" value=slug.clone() />
            <StoryFields errors=errors input=input regions=regions />
            <button type="submit">{t!(i18n, spotlights.save)}</button>
        </ActionForm>
        <p><A href=back>{t!(i18n, spotlights.read)}</A></p>
    }
}
