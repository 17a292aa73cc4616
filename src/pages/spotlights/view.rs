//! `/spotlights/{slug}`: one story; a moderator publishes a draft from here.

use crate::api::spotlights::{load_spotlight, PublishSpotlight};
use crate::components::labels::{iso_date, region_label};
use crate::components::FormNotice;
use crate::domain::Spotlight;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// One spotlight.
#[component]
pub fn SpotlightPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let publish = ServerAction::<PublishSpotlight>::new();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let story = Resource::new(
        move || (slug(), publish.version().get()),
        |(slug, _)| load_spotlight(slug),
    );
    let body = move || {
        Suspend::new(async move {
            match story.await {
                Ok(story) => view! { <Story story=story publish=publish /> }.into_any(),
                Err(error) => view! { <h1>{t!(i18n, not_found.title)}</h1><FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

#[component]
fn Story(story: Spotlight, publish: ServerAction<PublishSpotlight>) -> impl IntoView {
    let i18n = use_i18n();
    let card = story.card;
    let region = card.region.clone();
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
            {story.can_publish.then(|| view! {
                <ActionForm action=publish attr:class="inline-form">
                    <input type="hidden" name="slug" value=card.slug.clone() />
                    <button type="submit">{t!(i18n, spotlights.publish)}</button>
                </ActionForm>
            })}
            // Rendered from Markdown and sanitized with ammonia on the server.
            <div class="story" inner_html=story.body_html></div>
        </article>
    }
}
