//! `/me/profile`: the signed-in member edits their profile and chooses who sees what.

use crate::api::profiles::{load_profile_editor, RemovePhoto, SaveProfile};
use crate::components::labels::{offer_label, sdg_options, sector_options, visibility_label};
use crate::components::{
    upload_issue, CheckboxGroup, FormNotice, ImageField, SelectField, TextArea, TextField,
};
use crate::domain::{AppError, DisplayName, Offer, ProfileEditor, Visibility};
use crate::i18n::*;
use crate::pages::{chosen_or, form_errors, issue, kept_or, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The profile form, or a request to log in.
#[component]
pub fn EditProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProfile>::new();
    let remove = ServerAction::<RemovePhoto>::new();
    let editor = Resource::new(
        move || (save.version().get(), remove.version().get()),
        |_| load_profile_editor(),
    );
    let body = move || {
        Suspend::new(async move {
            match editor.await {
                Ok(editor) => view! { <ProfileForm editor=editor save=save remove=remove /> }.into_any(),
                Err(AppError::Unauthorized) => view! {
                    <div data-refusal="sign-in">
                        <p>{t!(i18n, profile.need_login)}</p>
                        <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
                    </div>
                }
                .into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, profile.edit_title) />
        <h1>{t!(i18n, profile.edit_title)}</h1>
        <p>{t!(i18n, profile.edit_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn ProfileForm(
    editor: ProfileEditor,
    save: ServerAction<SaveProfile>,
    remove: ServerAction<RemovePhoto>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = form_errors(save.value());
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some()) && errors.with(Option::is_none);
    let input = editor.input;
    let countries: Vec<(String, String)> = editor
        .countries
        .into_iter()
        .map(|n| (n.code, n.name))
        .collect();
    let languages: Vec<(String, String)> = editor
        .languages
        .into_iter()
        .map(|n| (n.code, n.name))
        .collect();
    let sectors = sector_options(i18n);
    let offers = Offer::ALL
        .iter()
        .map(|o| (o.code().to_owned(), offer_label(i18n, *o)))
        .collect::<Vec<_>>();
    let sdgs = sdg_options(i18n);
    let visibilities = move || {
        Visibility::ALL
            .iter()
            .map(|v| (v.code().to_owned(), visibility_label(i18n, *v)))
            .collect::<Vec<_>>()
    };
    let single = move |key, stored: String| chosen_or(errors, key, vec![stored]);
    let paused = editor.paused;
    view! {
        {paused.then(|| view! {
            <p class="callout" role="status">{t!(i18n, profile.paused_note)}</p>
        })}
        <Show when=saved>
            <p class="form-success" role="status">{t!(i18n, profile.saved)} " "
                <A href=format!("/members/{}", editor.id)>{t!(i18n, profile.view_public)}</A>
            </p>
        </Show>
        <ActionForm action=save attr:class="form profile-form" attr:novalidate=true>
            <FormNotice error=last_error(save.value()) />
            <h2>{t!(i18n, profile.about)}</h2>
            <TextField name="profile[display_name]" autocomplete="name" issue=issue(errors, "display_name")
                value=kept_or(errors, "display_name", input.display_name.clone()) check=|v| DisplayName::parse(v).err()>
                {t!(i18n, profile.display_name)}
            </TextField>
            <TextField name="profile[headline]" autocomplete="off" required=false issue=issue(errors, "headline")
                value=kept_or(errors, "headline", input.headline.clone()) hint=move || t!(i18n, profile.headline_hint)>
                {t!(i18n, profile.headline)}
            </TextField>
            <TextArea name="profile[bio]" issue=issue(errors, "bio") value=kept_or(errors, "bio", input.bio.clone()) rows=8>
                {t!(i18n, profile.bio)}
            </TextArea>
            <SelectField name="profile[origins][]" multiple=true issue=issue(errors, "origins") options=countries.clone()
                selected=chosen_or(errors, "origins", input.origins.clone()) hint=move || t!(i18n, profile.origins_hint)>
                {t!(i18n, profile.origins)}
            </SelectField>
            <SelectField name="profile[residence]" issue=issue(errors, "residence") options=countries
                selected=single("residence", input.residence.clone()) blank=move || t!(i18n, profile.no_country)>
                {t!(i18n, profile.residence)}
            </SelectField>
            <TextField name="profile[city]" autocomplete="address-level2" required=false issue=issue(errors, "city")
                value=kept_or(errors, "city", input.city.clone())>
                {t!(i18n, profile.city)}
            </TextField>
            <SelectField name="profile[languages][]" multiple=true issue=issue(errors, "languages") options=languages
                selected=chosen_or(errors, "languages", input.languages.clone()) hint=move || t!(i18n, profile.languages_hint)>
                {t!(i18n, profile.languages)}
            </SelectField>
            <CheckboxGroup name="profile[sectors][]" issue=issue(errors, "sectors") options=sectors
                checked=chosen_or(errors, "sectors", input.sectors.clone())>
                {t!(i18n, profile.sectors)}
            </CheckboxGroup>
            <CheckboxGroup name="profile[offers][]" issue=issue(errors, "offers") options=offers
                checked=chosen_or(errors, "offers", input.offers.clone())>
                {t!(i18n, profile.offers)}
            </CheckboxGroup>
            <CheckboxGroup name="profile[sdgs][]" issue=issue(errors, "sdgs") options=sdgs
                checked=chosen_or(errors, "sdgs", input.sdgs.clone())>
                {t!(i18n, profile.sdgs)}
            </CheckboxGroup>
            <TextArea name="profile[links]" issue=issue(errors, "links") value=kept_or(errors, "links", input.links.clone())
                rows=3 hint=move || t!(i18n, profile.links_hint)>
                {t!(i18n, profile.links)}
            </TextArea>
            <TextField name="profile[contact_email]" input_type="email" autocomplete="email" required=false
                issue=issue(errors, "contact_email") value=kept_or(errors, "contact_email", input.contact_email.clone())
                hint=move || t!(i18n, profile.contact_hint)>
                {t!(i18n, profile.contact_email)}
            </TextField>
            <h2>{t!(i18n, profile.privacy)}</h2>
            <SelectField name="profile[visibility]" issue=issue(errors, "visibility") options=visibilities()
                selected=single("visibility", input.visibility.clone()) hint=move || t!(i18n, profile.visibility_hint)>
                {t!(i18n, profile.visibility)}
            </SelectField>
            <SelectField name="profile[origin_visibility]" issue=issue(errors, "origin_visibility") options=visibilities()
                selected=single("origin_visibility", input.origin_visibility.clone())>
                {t!(i18n, profile.origin_visibility)}
            </SelectField>
            <SelectField name="profile[city_visibility]" issue=issue(errors, "city_visibility") options=visibilities()
                selected=single("city_visibility", input.city_visibility.clone())>
                {t!(i18n, profile.city_visibility)}
            </SelectField>
            <SelectField name="profile[contact_visibility]" issue=issue(errors, "contact_visibility") options=visibilities()
                selected=single("contact_visibility", input.contact_visibility.clone())>
                {t!(i18n, profile.contact_visibility)}
            </SelectField>
            <button type="submit">{t!(i18n, profile.save)}</button>
        </ActionForm>
        <PhotoForm has_photo=editor.has_photo id=editor.id remove=remove />
    }
}

/// Uploads a photo: a plain multipart form, the same with or without JavaScript; and
/// removes it.
#[component]
fn PhotoForm(has_photo: bool, id: i64, remove: ServerAction<RemovePhoto>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let problem = Signal::derive(move || {
        query
            .with(|q| q.get("photo_error"))
            .map(|c| upload_issue(&c))
    });
    // Hydrated, a removal is answered in place, and the address still says what the
    // upload before it did: the newer news wins.
    let removed_now = move || matches!(remove.value().get(), Some(Ok(())));
    let done = move || query.with(|q| q.get("photo").as_deref() == Some("saved")) && !removed_now();
    let removed =
        move || removed_now() || query.with(|q| q.get("photo").as_deref() == Some("removed"));
    view! {
        <h2 id="photo">{t!(i18n, profile.photo)}</h2>
        {has_photo.then(|| view! { <img class="avatar-large" src=format!("/members/{id}/photo") alt="" width="160" height="160" /> })}
        <Show when=done>
            <p class="form-success" role="status">{t!(i18n, profile.photo_saved)}</p>
        </Show>
        <Show when=removed>
            <p class="form-success" role="status">{t!(i18n, profile.photo_removed)}</p>
        </Show>
        {has_photo.then(|| view! {
            <ActionForm action=remove attr:class="inline-form">
                <FormNotice error=last_error(remove.value()) />
                <button type="submit" class="secondary">{t!(i18n, profile.photo_remove)}</button>
            </ActionForm>
        })}
        <form method="post" action="/me/photo" enctype="multipart/form-data" class="form">
            <ImageField name="photo" issue=problem hint=move || t!(i18n, profile.photo_hint)>
                {t!(i18n, profile.photo)}
            </ImageField>
            <button type="submit">{t!(i18n, profile.photo_upload)}</button>
        </form>
    }
}
