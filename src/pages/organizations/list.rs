//! `/organizations`: the organization directory, filtered by the URL, with open-data downloads.

use crate::api::organizations::search_organizations;
use crate::components::labels::{kind_label, sector_label};
use crate::components::{
    use_directory_query, FilterForm, FormNotice, Pagination, ResultCount, VerificationBadge,
};
use crate::domain::{DirectoryPage, OrgCard};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The organization directory.
#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_directory_query();
    let results = Resource::new(move || query.get(), search_organizations);
    let body = move || {
        Suspend::new(async move {
            match results.await {
                Ok(page) => view! { <Results page=page /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, directory.orgs_title) />
        <h1>{t!(i18n, directory.orgs_title)}</h1>
        <p>{t!(i18n, directory.orgs_intro)} " " <A href="/organizations/new">{t!(i18n, org.create_link)}</A></p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Results(page: DirectoryPage<OrgCard>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_directory_query().get_untracked();
    let qs = query.with("page", "").to_query_string();
    let suffix = if qs.is_empty() {
        String::new()
    } else {
        format!("?{qs}")
    };
    view! {
        <div class="directory">
            <FilterForm action="/organizations" query=query.clone() facets=page.facets />
            <section class="results" aria-labelledby="results-count">
                <div id="results-count"><ResultCount total=page.total /></div>
                <p class="downloads">
                    <a href=format!("/organizations.csv{suffix}") rel="external" download="">{t!(i18n, directory.download_csv)}</a>
                    " · "
                    <a href=format!("/organizations.json{suffix}") rel="external">{t!(i18n, directory.download_json)}</a>
                </p>
                <ul class="cards">
                    {page.items.into_iter().map(|card| view! { <li><OrgCardView card=card /></li> }).collect_view()}
                </ul>
                <Pagination path="/organizations" query=query page=page.page pages=page.pages />
            </section>
        </div>
    }
}

/// An organization in a list.
#[component]
pub fn OrgCardView(card: OrgCard) -> impl IntoView {
    let i18n = use_i18n();
    let sectors = card.sectors.clone();
    let kind = card.kind;
    view! {
        <article class="card">
            <h2><A href=format!("/organizations/{}", card.slug)>{card.name.clone()}</A></h2>
            <p class="card-meta">
                <span>{move || kind_label(i18n, kind)}</span>
                <span>{card.hq_country.name.clone()}</span>
                <VerificationBadge status=card.verification kind=card.kind />
            </p>
            {(!sectors.is_empty()).then(|| view! {
                <ul class="tags">{move || sectors.iter().map(|s| view! { <li>{sector_label(i18n, *s)}</li> }).collect_view()}</ul>
            })}
        </article>
    }
}
