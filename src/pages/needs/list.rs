//! `/needs`: open needs, filtered by the URL like the directory.

use crate::api::needs::search_needs;
use crate::components::labels::{direction_label, need_status_label, type_label};
use crate::components::{
    use_directory_query, FilterForm, FormNotice, Pagination, ResultCount, VerificationBadge,
};
use crate::domain::{DirectoryPage, NeedCard, NeedStatus};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The list of needs.
#[component]
pub fn NeedsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_directory_query();
    let results = Resource::new(move || query.get(), search_needs);
    let body = move || {
        Suspend::new(async move {
            match results.await {
                Ok(page) => view! { <Results page=page /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, needs.title) />
        <h1>{t!(i18n, needs.title)}</h1>
        <p>{t!(i18n, needs.intro)} " " <A href="/needs/new">{t!(i18n, needs.new_link)}</A></p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Results(page: DirectoryPage<NeedCard>) -> impl IntoView {
    let query = use_directory_query().get_untracked();
    view! {
        <div class="directory">
            <FilterForm action="/needs" query=query.clone() facets=page.facets />
            <section class="results" aria-labelledby="results-count">
                <div id="results-count"><ResultCount total=page.total /></div>
                <ul class="cards">
                    {page.items.into_iter().map(|card| view! { <li><NeedCardView card=card /></li> }).collect_view()}
                </ul>
                <Pagination path="/needs" query=query page=page.page pages=page.pages />
            </section>
        </div>
    }
}

/// A need in a list.
#[component]
pub fn NeedCardView(card: NeedCard) -> impl IntoView {
    let i18n = use_i18n();
    let (direction, status, types) = (card.direction, card.status, card.types.clone());
    view! {
        <article class="card">
            <h2><A href=format!("/needs/{}", card.id)>{card.title.clone()}</A></h2>
            <p class="card-meta">
                <span><A href=format!("/organizations/{}", card.organization_slug)>{card.organization.clone()}</A></span>
                <VerificationBadge status=card.verification kind=card.organization_kind />
                <span>{move || direction_label(i18n, direction)}</span>
                {(status != NeedStatus::Open).then(|| view! { <span class="status">{move || need_status_label(i18n, status)}</span> })}
                <span>{t!(i18n, needs.deadline_short)} " " {card.deadline.clone()}</span>
            </p>
            <ul class="tags">{move || types.iter().map(|t| view! { <li>{type_label(i18n, *t)}</li> }).collect_view()}</ul>
        </article>
    }
}
