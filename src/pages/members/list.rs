//! `/members`: the member directory, filtered by the URL.

use crate::api::profiles::search_members;
use crate::components::labels::sector_label;
use crate::components::{use_directory_query, FilterForm, FormNotice, Pagination, ResultCount};
use crate::domain::{DirectoryPage, MemberCard};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The member directory.
#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_directory_query();
    let results = Resource::new(move || query.get(), search_members);
    let body = move || {
        Suspend::new(async move {
            match results.await {
                Ok(page) => view! { <Results page=page /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, directory.members_title) />
        <h1>{t!(i18n, directory.members_title)}</h1>
        <p>{t!(i18n, directory.members_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Results(page: DirectoryPage<MemberCard>) -> impl IntoView {
    let query = use_directory_query().get_untracked();
    view! {
        <div class="directory">
            <FilterForm action="/members" query=query.clone() facets=page.facets />
            <section class="results" aria-labelledby="results-count">
                <div id="results-count"><ResultCount total=page.total /></div>
                <ul class="cards">
                    {page.items.into_iter().map(|card| view! { <li><MemberCardView card=card /></li> }).collect_view()}
                </ul>
                <Pagination path="/members" query=query page=page.page pages=page.pages />
            </section>
        </div>
    }
}

#[component]
pub fn MemberCardView(card: MemberCard) -> impl IntoView {
    let i18n = use_i18n();
    let sectors = card.sectors.clone();
    let origins = card.origins.clone().unwrap_or_default();
    view! {
        <article class="card">
            <h2><A href=format!("/members/{}", card.id)>{card.display_name.clone()}</A></h2>
            {(!card.headline.is_empty()).then(|| view! { <p dir="auto">{card.headline.clone()}</p> })}
            <p class="card-meta">
                {(!origins.is_empty()).then(|| view! {
                    <span>{t!(i18n, profile.comes_from)} ": " {origins.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ")}</span>
                })}
                {card.residence.clone().map(|r| view! { <span>{t!(i18n, profile.lives_in)} ": " {r.name}</span> })}
            </p>
            {(!sectors.is_empty()).then(|| view! {
                <ul class="tags">{move || sectors.iter().map(|s| view! { <li>{sector_label(i18n, *s)}</li> }).collect_view()}</ul>
            })}
        </article>
    }
}
