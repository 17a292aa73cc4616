//! `/map`: organizations by country on a server-drawn world map, with the same
//! figures in a table for screen readers and keyboard users.

use crate::api::map::world_map;
use crate::components::FormNotice;
use crate::domain::WorldMapView;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The map page.
#[component]
pub fn MapPage() -> impl IntoView {
    let i18n = use_i18n();
    let map = Resource::new(|| (), |_| world_map());
    let body = move || {
        Suspend::new(async move {
            match map.await {
                Ok(map) => view! { <WorldMap map=map /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, map.title) />
        <h1 id="map-title">{t!(i18n, map.title)}</h1>
        <p id="map-intro">{t!(i18n, map.intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn WorldMap(map: WorldMapView) -> impl IntoView {
    let i18n = use_i18n();
    let view_box = format!("0 0 {} {}", map.width, map.height);
    let shapes = map
        .countries
        .iter()
        .map(|c| {
            let class = format!("land step-{}", map.step(c.count));
            match (&c.code, c.count) {
                (Some(code), count) if count > 0 => {
                    let label = format!("{}: {count}", c.name);
                    view! {
                        <a href=format!("/organizations?country={code}") aria-label=label>
                            <path class=class d=c.path.clone()><title>{format!("{}: {count}", c.name)}</title></path>
                        </a>
                    }
                    .into_any()
                }
                _ => view! { <path class=class d=c.path.clone() aria-hidden="true"></path> }.into_any(),
            }
        })
        .collect_view();
    let mut rows: Vec<_> = map
        .countries
        .iter()
        .filter(|c| c.count > 0 && c.code.is_some())
        .cloned()
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    view! {
        <figure class="world-map">
            <svg viewBox=view_box role="group" aria-labelledby="map-title" aria-describedby="map-intro" xmlns="http://www.w3.org/2000/svg">
                {shapes}
            </svg>
            <figcaption>{t!(i18n, map.credit)}</figcaption>
        </figure>
        <table class="map-table">
            <caption>{t!(i18n, map.table_caption)}</caption>
            <thead><tr><th scope="col">{t!(i18n, map.country)}</th><th scope="col">{t!(i18n, map.count)}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|c| {
                    let code = c.code.clone().unwrap_or_default();
                    view! { <tr><td><A href=format!("/organizations?country={code}")>{c.name.clone()}</A></td><td>{c.count}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
    }
}
