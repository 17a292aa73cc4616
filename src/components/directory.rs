//! Pieces of the directory pages: the filter form, the result count and the pagination.
//! Filters live in the URL, so every view is a link and works without JavaScript.

use super::labels::facet_value_label;
use crate::domain::{DirectoryQuery, Facet};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

/// The directory filters in the current URL.
pub fn use_directory_query() -> Memo<DirectoryQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let pairs: Vec<(&str, String)> = DirectoryQuery::KEYS
                .iter()
                .filter_map(|key| q.get(key).map(|v| (*key, v)))
                .collect();
            DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    })
}

/// The label of a facet's filter.
fn facet_label(i18n: I18nContext<Locale>, key: &str) -> String {
    match key {
        "origin" => t_string!(i18n, directory.origin),
        "residence" => t_string!(i18n, directory.residence),
        "country" => t_string!(i18n, directory.country),
        "sdg" => t_string!(i18n, directory.sdg),
        "sector" => t_string!(i18n, directory.sector),
        "language" => t_string!(i18n, directory.language),
        "offer" => t_string!(i18n, directory.offer),
        "kind" => t_string!(i18n, directory.kind),
        "type" => t_string!(i18n, directory.partnership_type),
        "status" => t_string!(i18n, directory.status),
        _ => t_string!(i18n, directory.verified),
    }
    .to_string()
}

/// Submits the filter form as soon as a filter changes (with JavaScript).
fn submit_on_change(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        .and_then(|el| el.closest("form").ok().flatten())
        .and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
    if let Some(form) = form {
        let _ = form.request_submit();
    }
}

/// The search box and one drop-down per facet, each value with its count.
#[component]
pub fn FilterForm(
    /// Where the form goes: the page's own path.
    action: &'static str,
    query: DirectoryQuery,
    facets: Vec<Facet>,
) -> impl IntoView {
    let i18n = use_i18n();
    let selects = facets
        .into_iter()
        .map(|facet| {
            let key = facet.key.clone();
            let id = format!("filter-{key}");
            let current = query.get(&key).to_owned();
            let has_current = current.is_empty() || facet.values.iter().any(|v| v.code == current);
            let label_key = key.clone();
            let options = facet
                .values
                .into_iter()
                .map(|v| {
                    let (code, key) = (v.code.clone(), key.clone());
                    let selected = v.code == current;
                    let name = v.name.clone();
                    view! {
                        <option value=v.code.clone() selected=selected>
                            {move || name.clone().unwrap_or_else(|| facet_value_label(i18n, &key, &code))}
                            " (" {v.count} ")"
                        </option>
                    }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=id.clone()>{move || facet_label(i18n, &label_key)}</label>
                    <select id=id name=facet.key.clone() on:change=submit_on_change>
                        <option value="">{t!(i18n, directory.any)}</option>
                        {(!has_current).then(|| view! { <option value=current.clone() selected=true>{current.clone()} " (0)"</option> })}
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <Form method="GET" action=action>
            <div class="filters" role="search">
                <div class="field filter-search">
                    <label for="filter-q">{t!(i18n, directory.search)}</label>
                    <p class="field-hint" id="filter-q-hint">{t!(i18n, directory.search_hint)}</p>
                    <input id="filter-q" type="search" name="q" value=query.q.clone() aria-describedby="filter-q-hint" />
                </div>
                {selects}
                {(!query.region.is_empty()).then(|| view! { <input type="hidden" name="region" value=query.region.clone() /> })}
                <div class="filter-actions">
                    <button type="submit">{t!(i18n, directory.apply)}</button>
                    <A href=action>{t!(i18n, directory.clear)}</A>
                </div>
            </div>
        </Form>
    }
}

/// "N results", announced when it changes.
#[component]
pub fn ResultCount(total: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="result-count" role="status">
            {t!(i18n, directory.results, count = move || total)}
        </p>
        {(total == 0).then(|| view! { <p>{t!(i18n, directory.no_results)}</p> })}
    }
}

/// Previous / next links keeping every filter.
#[component]
pub fn Pagination(
    path: &'static str,
    query: DirectoryQuery,
    page: u32,
    pages: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = |n: u32| {
        let number = if n <= 1 { String::new() } else { n.to_string() };
        let qs = query.with("page", &number).to_query_string();
        if qs.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{qs}")
        }
    };
    let (prev, next) = (link(page.saturating_sub(1)), link(page + 1));
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, directory.pagination)>
            {(page > 1).then(|| view! { <A href=prev>{t!(i18n, directory.previous)}</A> })}
            <span>{t!(i18n, directory.page_of, page = move || page, pages = move || pages)}</span>
            {(page < pages).then(|| view! { <A href=next>{t!(i18n, directory.next)}</A> })}
        </nav>
    })
}
