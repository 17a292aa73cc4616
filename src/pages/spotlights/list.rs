//! `/spotlights`: published stories, newest first, filterable by region.

use crate::api::spotlights::{list_spotlights, region_slugs};
use crate::components::labels::{iso_date, region_label};
use crate::components::FormNotice;
use crate::domain::{AppError, SpotlightCard};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

/// The list of spotlights.
#[component]
pub fn SpotlightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let region = move || query.with(|q| q.get("region").unwrap_or_default());
    let data = Resource::new(region, |region| async move {
        Ok::<_, AppError>((
            list_spotlights(region.clone()).await?,
            region_slugs().await?,
            region,
        ))
    });
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok((cards, regions, current)) => view! {
                    <Form method="GET" action="/spotlights">
                        <div class="inline-filter">
                            <label for="filter-region">{t!(i18n, spotlights.region_filter)}</label>
                            <select id="filter-region" name="region">
                                <option value="">{t!(i18n, spotlights.all_regions)}</option>
                                {regions.into_iter().map(|slug| {
                                    let selected = slug == current;
                                    let label = slug.clone();
                                    view! { <option value=slug.clone() selected=selected>{move || region_label(i18n, &label)}</option> }
                                }).collect_view()}
                            </select>
                            <button type="submit">{t!(i18n, spotlights.show)}</button>
                        </div>
                    </Form>
                    {cards.is_empty().then(|| view! { <p>{t!(i18n, spotlights.none)}</p> })}
                    <ul class="cards">
                        {cards.into_iter().map(|c| view! { <li><SpotlightCardView card=c /></li> }).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, spotlights.title) />
        <h1>{t!(i18n, spotlights.title)}</h1>
        <p>{t!(i18n, spotlights.intro)} " " <A href="/spotlights/new">{t!(i18n, spotlights.new_link)}</A></p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// A spotlight in a list.
#[component]
pub fn SpotlightCardView(card: SpotlightCard) -> impl IntoView {
    let i18n = use_i18n();
    let region = card.region.clone();
    view! {
        <article class="card">
            <h2><A href=format!("/spotlights/{}", card.slug)>{card.title.clone()}</A></h2>
            <p>{card.summary.clone()}</p>
            <p class="card-meta">
                <A href=format!("/organizations/{}", card.organization_slug)>{card.organization.clone()}</A>
                <A href=format!("/regions/{}", card.region)>{move || region_label(i18n, &region)}</A>
                {card.published_at.map(|at| view! { <span>{iso_date(at)}</span> })}
            </p>
        </article>
    }
}
