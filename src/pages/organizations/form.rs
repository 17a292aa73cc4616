//! `/organizations/new` and `/organizations/{slug}/edit`: the organization form.

use crate::api::organizations::{
    country_choices, organization, organization_editor, CreateOrganization, RemoveLogo,
    UpdateOrganization,
};
use crate::components::labels::{kind_label, sdg_options, sector_options, size_label};
use crate::components::{
    CheckboxGroup, FormNotice, ImageWithAltForm, SelectField, TextArea, TextField,
};
use crate::domain::{AppError, FormErrors, Named, OrgInput, OrgKind, OrgSize};
use crate::i18n::*;
use crate::pages::not_found::SignInFirst;
use crate::pages::{chosen_or, form_errors, issue, kept_or, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Creating an organization: the signed-in account becomes its owner.
#[component]
pub fn NewOrganizationPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateOrganization>::new();
    let errors = form_errors(create.value());
    let countries = Resource::new(|| (), |_| country_choices());
    let session = crate::components::use_session();
    let body =
        move || {
            Suspend::new(async move {
                if session.user.await?.is_none() {
                    return Ok::<_, AppError>(view! { <SignInFirst /> }.into_any());
                }
                let countries = countries.await?;
                Ok::<_, AppError>(view! {
                <ActionForm action=create attr:class="form" attr:novalidate=true>
                    <FormNotice error=last_error(create.value()) />
                    <OrgFields errors=errors initial=OrgInput::default() countries=countries />
                    <button type="submit">{t!(i18n, org.create_submit)}</button>
                </ActionForm>
            }
            .into_any())
            })
        };
    view! {
        <Title text=move || t_string!(i18n, org.new_title) />
        <h1>{t!(i18n, org.new_title)}</h1>
        <p>{t!(i18n, org.new_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// Editing an organization; its admins only.
#[component]
pub fn EditOrganizationPage() -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateOrganization>::new();
    let errors = form_errors(update.value());
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let remove = ServerAction::<RemoveLogo>::new();
    let data = Resource::new(
        move || (slug(), remove.version().get()),
        |(slug, _)| async move {
            Ok::<_, AppError>((
                organization_editor(slug.clone()).await?,
                country_choices().await?,
                organization(slug.clone()).await?.logo,
                slug,
            ))
        },
    );
    let body = move || {
        Suspend::new(async move {
            Ok::<_, AppError>(match data.await {
                Ok((initial, countries, logo, slug)) => {
                    let logo_slug = slug.clone();
                    view! {
                        <ActionForm action=update attr:class="form" attr:novalidate=true>
                            <FormNotice error=last_error(update.value()) />
                            <input type="hidden" name="slug" value=slug.clone() />
                            <OrgFields errors=errors initial=initial countries=countries />
                            <button type="submit">{t!(i18n, org.save)}</button>
                            " " <A href=format!("/organizations/{slug}")>{t!(i18n, org.cancel)}</A>
                        </ActionForm>
                        <LogoForm slug=logo_slug logo=logo remove=remove />
                    }
                    .into_any()
                }
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            })
        })
    };
    view! {
        <Title text=move || t_string!(i18n, org.edit_title) />
        <h1>{t!(i18n, org.edit_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// The fields of the organization form, named `org[...]`.
#[component]
fn OrgFields(
    errors: Signal<Option<FormErrors>>,
    initial: OrgInput,
    countries: Vec<Named>,
) -> impl IntoView {
    let i18n = use_i18n();
    let countries: Vec<(String, String)> =
        countries.into_iter().map(|n| (n.code, n.name)).collect();
    let kinds = OrgKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), kind_label(i18n, *k)))
        .collect::<Vec<_>>();
    let sizes = OrgSize::ALL
        .iter()
        .map(|s| (s.code().to_owned(), size_label(i18n, *s)))
        .collect::<Vec<_>>();
    let sectors = sector_options(i18n);
    let sdgs = sdg_options(i18n);
    let i = initial;
    view! {
        <TextField name="org[name]" autocomplete="organization" issue=issue(errors, "name") value=kept_or(errors, "name", i.name.clone())>
            {t!(i18n, org.name)}
        </TextField>
        <SelectField name="org[kind]" issue=issue(errors, "kind") options=kinds selected=chosen_or(errors, "kind", vec![i.kind.clone()])
            blank=move || t!(i18n, org.choose) hint=move || t!(i18n, org.kind_hint)>
            {t!(i18n, org.kind)}
        </SelectField>
        <SelectField name="org[hq_country]" issue=issue(errors, "hq_country") options=countries.clone()
            selected=chosen_or(errors, "hq_country", vec![i.hq_country.clone()]) blank=move || t!(i18n, org.choose)>
            {t!(i18n, org.hq_country)}
        </SelectField>
        <SelectField name="org[countries][]" multiple=true issue=issue(errors, "countries") options=countries
            selected=chosen_or(errors, "countries", i.countries.clone()) hint=move || t!(i18n, org.countries_hint)>
            {t!(i18n, org.countries)}
        </SelectField>
        <CheckboxGroup name="org[sectors][]" issue=issue(errors, "sectors") options=sectors checked=chosen_or(errors, "sectors", i.sectors.clone())>
            {t!(i18n, org.sectors)}
        </CheckboxGroup>
        <CheckboxGroup name="org[sdgs][]" issue=issue(errors, "sdgs") options=sdgs checked=chosen_or(errors, "sdgs", i.sdgs.clone())>
            {t!(i18n, org.sdgs)}
        </CheckboxGroup>
        <TextArea name="org[description]" issue=issue(errors, "description") value=kept_or(errors, "description", i.description.clone()) rows=8>
            {t!(i18n, org.description)}
        </TextArea>
        <TextField name="org[website]" input_type="url" autocomplete="url" required=false issue=issue(errors, "website")
            value=kept_or(errors, "website", i.website.clone())>
            {t!(i18n, org.website)}
        </TextField>
        <TextField name="org[year_founded]" input_type="text" autocomplete="off" required=false issue=issue(errors, "year_founded")
            value=kept_or(errors, "year_founded", i.year_founded.clone())>
            {t!(i18n, org.year_founded)}
        </TextField>
        <SelectField name="org[size]" issue=issue(errors, "size") options=sizes selected=chosen_or(errors, "size", vec![i.size.clone()])
            blank=move || t!(i18n, org.choose)>
            {t!(i18n, org.size)}
        </SelectField>
        <TextField name="org[public_contact]" input_type="email" autocomplete="email" required=false issue=issue(errors, "public_contact")
            value=kept_or(errors, "public_contact", i.public_contact.clone()) hint=move || t!(i18n, org.public_contact_hint)>
            {t!(i18n, org.public_contact)}
        </TextField>
    }
}

/// Adds, replaces or removes the logo: a plain multipart form, the same with or without
/// JavaScript; a refusal comes back in the query string with the typed description.
#[component]
fn LogoForm(
    slug: String,
    logo: Option<(String, i64)>,
    remove: ServerAction<RemoveLogo>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // Hydrated, a removal is answered in place: the newer news wins.
    let removed_now = move || matches!(remove.value().get(), Some(Ok(())));
    let saved = move || query.with(|q| q.get("logo").as_deref() == Some("saved")) && !removed_now();
    let removed =
        move || removed_now() || query.with(|q| q.get("logo").as_deref() == Some("removed"));
    let has_logo = logo.is_some();
    let remove_slug = slug.clone();
    view! {
        <h2 id="logo">{t!(i18n, org.logo)}</h2>
        {logo.map(|(alt, version)| view! {
            <img class="org-logo" src=format!("/organizations/{slug}/logo?v={version}") alt=alt />
        })}
        <Show when=saved>
            <p class="form-success" role="status">{t!(i18n, org.logo_saved)}</p>
        </Show>
        <Show when=removed>
            <p class="form-success" role="status">{t!(i18n, org.logo_removed)}</p>
        </Show>
        {has_logo.then(|| view! {
            <ActionForm action=remove attr:class="inline-form">
                <FormNotice error=last_error(remove.value()) />
                <input type="hidden" name="slug" value=remove_slug.clone() />
                <button type="submit" class="secondary">{t!(i18n, org.logo_remove)}</button>
            </ActionForm>
        })}
        <ImageWithAltForm action=format!("/organizations/{slug}/logo") name="logo"
            label=move || t!(i18n, org.logo) hint=move || t!(i18n, org.logo_hint)
            alt_label=move || t!(i18n, org.logo_alt) alt_hint=move || t!(i18n, org.logo_alt_hint)
            submit=move || t!(i18n, org.logo_upload) />
    }
}
