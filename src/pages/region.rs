//! `/regions/{region}`: a UN M49 region or sub-region — its organizations, its
//! members who chose to be found, and its spotlights.

use crate::api::spotlights::region;
use crate::components::labels::region_label;
use crate::components::FormNotice;
use crate::domain::RegionView;
use crate::i18n::*;
use crate::pages::spotlights::SpotlightCardView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A region's page.
#[component]
pub fn RegionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("region").unwrap_or_default());
    let data = Resource::new(slug, region);
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(view) => view! { <Region region=view /> }.into_any(),
                Err(error) => view! { <h1>{t!(i18n, region_page.unknown)}</h1><FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

#[component]
fn Region(region: RegionView) -> impl IntoView {
    let i18n = use_i18n();
    let slug = region.slug.clone();
    let title = slug.clone();
    let (orgs, members) = (region.organizations, region.members);
    let (org_total, member_total) = (orgs.total, members.total);
    let countries = region
        .countries
        .iter()
        .map(|c| c.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <Title text=move || region_label(i18n, &title) />
        <h1>{move || region_label(i18n, &slug)}</h1>
        <p>{t!(i18n, region_page.intro)}</p>
        <p class="card-meta"><span>{t!(i18n, region_page.countries)} ": " {countries}</span></p>
        <h2>{t!(i18n, region_page.spotlights)}</h2>
        {region.spotlights.is_empty().then(|| view! { <p>{t!(i18n, spotlights.none)}</p> })}
        <ul class="cards">{region.spotlights.into_iter().map(|c| view! { <li><SpotlightCardView card=c /></li> }).collect_view()}</ul>
        <h2>{t!(i18n, region_page.organizations)}</h2>
        <ul class="link-list">
            {orgs.items.into_iter().map(|o| view! { <li><A href=format!("/organizations/{}", o.slug)>{o.name}</A></li> }).collect_view()}
        </ul>
        <p><A href=format!("/organizations?region={}", region.slug)>{t!(i18n, region_page.see_all, count = move || org_total)}</A></p>
        <h2>{t!(i18n, region_page.members)}</h2>
        <ul class="link-list">
            {members.items.into_iter().map(|m| view! { <li><A href=format!("/members/{}", m.id)>{m.display_name}</A></li> }).collect_view()}
        </ul>
        <p><A href=format!("/members?region={}", region.slug)>{t!(i18n, region_page.see_all, count = move || member_total)}</A></p>
    }
}
