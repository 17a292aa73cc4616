//! `/spotlights/{slug}`: one story; a moderator publishes a draft from here.

use crate::api::spotlights::{load_spotlight, PublishSpotlight, UnpublishSpotlight};
use crate::components::labels::{iso_date, region_label};
use crate::components::{FormNotice, ImageWithAltForm};
use crate::domain::Spotlight;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// One spotlight.
#[component]
pub fn SpotlightPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let publish = ServerAction::<PublishSpotlight>::new();
    let unpublish = ServerAction::<UnpublishSpotlight>::new();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let story = Resource::new(
        move || (slug(), publish.version().get(), unpublish.version().get()),
        |(slug, _, _)| load_spotlight(slug),
    );
    let body = move || {
        Suspend::new(async move {
            match story.await {
                Ok(story) => view! { <Story story=story publish=publish unpublish=unpublish /> }.into_any(),
                Err(error) => view! { <h1>{t!(i18n, not_found.title)}</h1><FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

#[component]
fn Story(
    story: Spotlight,
    publish: ServerAction<PublishSpotlight>,
    unpublish: ServerAction<UnpublishSpotlight>,
) -> impl IntoView {
    let i18n = use_i18n();
    let card = story.card;
    let region = card.region.clone();
    let slug = card.slug.clone();
    let (edit_href, publish_slug, unpublish_slug) = (
        format!("/spotlights/{}/edit", card.slug),
        card.slug.clone(),
        card.slug.clone(),
    );
    let query = use_query_map();
    // Hydrated, the answer comes in place while the address still says what came
    // before: the newer news wins.
    let unpublished_now = move || matches!(unpublish.value().get(), Some(Ok(())));
    let published_now = move || matches!(publish.value().get(), Some(Ok(())));
    let saved =
        move || query.with(|q| q.get("saved").is_some()) && !unpublished_now() && !published_now();
    let unpublished = move || {
        unpublished_now() || (query.with(|q| q.get("unpublished").is_some()) && !published_now())
    };
    let image = card
        .image_alt
        .clone()
        .map(|alt| (format!("/spotlights/{}/image", card.slug), alt));
    view! {
        <Title text=card.title.clone() />
        <article class="spotlight">
            <p class="kicker">{t!(i18n, spotlights.featured)}</p>
            <h1>{card.title.clone()}</h1>
            <p class="lead">{card.summary.clone()}</p>
            <p class="card-meta">
                <span>{t!(i18n, spotlights.about)} " " <A href=format!("/organizations/{}", card.organization_slug)>{card.organization.clone()}</A></span>
                <A href=format!("/regions/{}", card.region)>{move || region_label(i18n, &region)}</A>
                {card.published_at.map(|at| view! { <span>{t!(i18n, spotlights.published_on)} " " {iso_date(at)}</span> })}
            </p>
            {card.published_at.is_none().then(|| view! { <p class="owner-note" role="note">{t!(i18n, spotlights.draft)}</p> })}
            <Show when=saved>
                <p class="form-success" role="status">{t!(i18n, spotlights.saved)}</p>
            </Show>
            <Show when=unpublished>
                <p class="form-success" role="status">{t!(i18n, spotlights.unpublished)}</p>
            </Show>
            <Show when=published_now>
                <p class="form-success" role="status">{t!(i18n, spotlights.published)}</p>
            </Show>
            {story.can_edit.then(|| view! {
                <p><A href=edit_href attr:class="button secondary">{t!(i18n, spotlights.edit_link)}</A></p>
            })}
            {story.can_publish.then(|| view! {
                <ActionForm action=publish attr:class="inline-form">
                    <FormNotice error=crate::pages::last_error(publish.value()) />
                    <input type="hidden" name="slug" value=publish_slug />
                    <button type="submit">{t!(i18n, spotlights.publish)}</button>
                </ActionForm>
            })}
            {story.can_unpublish.then(|| view! {
                <ActionForm action=unpublish attr:class="inline-form">
                    <FormNotice error=crate::pages::last_error(unpublish.value()) />
                    <input type="hidden" name="slug" value=unpublish_slug />
                    <button type="submit" class="secondary">{t!(i18n, spotlights.unpublish)}</button>
                </ActionForm>
            })}
            {image.map(|(src, alt)| view! { <img class="story-image" src=src alt=alt /> })}
            {story.can_edit.then(|| view! { <ImageForm slug=slug /> })}
            // Rendered from Markdown and sanitized with ammonia on the server.
            <div class="story" inner_html=story.body_html></div>
        </article>
    }
}

/// Adds or replaces a draft's image.
#[component]
fn ImageForm(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("image").as_deref() == Some("saved"));
    view! {
        <section class="admin-panel" aria-labelledby="image">
            <h2 id="image">{t!(i18n, spotlights.image)}</h2>
            <Show when=saved>
                <p class="form-success" role="status">{t!(i18n, spotlights.image_saved)}</p>
            </Show>
            <ImageWithAltForm action=format!("/spotlights/{slug}/image") name="image"
                label=move || t!(i18n, spotlights.image) hint=move || t!(i18n, spotlights.image_hint)
                alt_label=move || t!(i18n, spotlights.image_alt)
                alt_hint=move || t!(i18n, spotlights.image_alt_hint)
                submit=move || t!(i18n, spotlights.image_upload) />
        </section>
    }
}
