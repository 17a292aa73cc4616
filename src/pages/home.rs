//! `/`: what Passerelle is for.

use crate::api::spotlights::latest_spotlight;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let latest = Resource::new(|| (), |_| latest_spotlight());
    let featured = move || {
        Suspend::new(async move {
            latest.await.ok().flatten().map(|card| view! {
                <section class="featured" aria-labelledby="featured-title">
                    <p class="kicker" id="featured-title">{t!(i18n, spotlights.featured)}</p>
                    <h2><A href=format!("/spotlights/{}", card.slug)>{card.title.clone()}</A></h2>
                    <p>{card.summary.clone()}</p>
                    <p><A href=format!("/organizations/{}", card.organization_slug)>{card.organization.clone()}</A></p>
                </section>
            })
        })
    };
    view! {
        <Title text=move || t_string!(i18n, home.title) />
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <p class="actions">
                <A href="/register" attr:class="button">{t!(i18n, home.cta_join)}</A>
                <A href="/login">{t!(i18n, home.cta_login)}</A>
            </p>
        </section>
        <Transition fallback=|| ()>{featured}</Transition>
        <section class="pillars">
            <article>
                <h2>{t!(i18n, home.for_diasporas_title)}</h2>
                <p>{t!(i18n, home.for_diasporas)}</p>
            </article>
            <article>
                <h2>{t!(i18n, home.for_institutions_title)}</h2>
                <p>{t!(i18n, home.for_institutions)}</p>
            </article>
            <article>
                <h2>{t!(i18n, home.consent_title)}</h2>
                <p>{t!(i18n, home.consent)}</p>
            </article>
        </section>
    }
}
