//! Explained matches: `/needs/{id}/matches`, `/me/matches`, `/organizations/{slug}/matches`.

use super::list::NeedCardView;
use crate::api::needs::{load_need_matches, my_matches, organization_matches};
use crate::components::labels::reason_view;
use crate::components::FormNotice;
use crate::domain::{Explained, Matched, NeedMatch, PartnerMatch};
use crate::i18n::*;
use crate::pages::members::MemberCardView;
use crate::pages::organizations::OrgCardView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The score and its reasons, each with its share.
#[component]
fn Why(score: u8, reasons: Vec<Explained>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="match-why">
            <p class="match-score">
                <strong>{score}</strong> " / 100"
                <span class="visually-hidden">" " {t!(i18n, matches.score)}</span>
            </p>
            <ul class="reasons" aria-label=move || t_string!(i18n, matches.reasons).to_string()>
                {reasons.into_iter().map(|r| {
                    let points = format!("+{:.1}", r.points);
                    view! { <li>{reason_view(i18n, r.reason)} " " <span class="points">{points}</span></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Ranked partners for one need; for people of its organization.
#[component]
pub fn NeedMatchesPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = super::route_need_id();
    let matches = Resource::new(id, load_need_matches);
    let body = move || {
        Suspend::new(async move {
            match matches.await {
                Ok(found) => {
                    let need_id = found.need.id;
                    view! {
                        <Title text=found.need.title.clone() />
                        <h1>{t!(i18n, matches.for_need)} " " <A href=format!("/needs/{need_id}")>{found.need.title.clone()}</A></h1>
                        <p>{t!(i18n, matches.explain)}</p>
                        <h2>{t!(i18n, matches.members)}</h2>
                        <Partners list=found.members need=need_id />
                        <h2>{t!(i18n, matches.organizations)}</h2>
                        <Partners list=found.organizations need=need_id />
                    }
                    .into_any()
                }
                Err(error) => view! { <h1>{t!(i18n, matches.title)}</h1><FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

#[component]
fn Partners(list: Vec<PartnerMatch>, need: i64) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, matches.none)}</p> }.into_any();
    }
    view! {
        <ol class="matches">
            {list.into_iter().map(|m| {
                let (to, name) = match &m.who {
                    Matched::Member(card) => (format!("member:{}", card.id), card.display_name.clone()),
                    Matched::Organization(card) => (format!("org:{}", card.slug), card.name.clone()),
                };
                view! {
                    <li class="match">
                        {match m.who {
                            Matched::Member(card) => view! { <MemberCardView card=card /> }.into_any(),
                            Matched::Organization(card) => view! { <OrgCardView card=card /> }.into_any(),
                        }}
                        <Why score=m.score reasons=m.reasons />
                        <p><A href=format!("/introductions/new?to={to}&need={need}")>
                            {t!(i18n, intro.ask)} <span class="visually-hidden">" — " {name}</span>
                        </A></p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Needs(list: Vec<NeedMatch>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, matches.no_needs)}</p> }.into_any();
    }
    view! {
        <ol class="matches">
            {list.into_iter().map(|m| {
                let answer = format!("/introductions/new?to=org:{}&need={}", m.need.organization_slug, m.need.id);
                let title = m.need.title.clone();
                view! {
                    <li class="match">
                        <NeedCardView card=m.need />
                        <Why score=m.score reasons=m.reasons />
                        <p><A href=answer>{t!(i18n, intro.answer_need)} <span class="visually-hidden">" — " {title}</span></A></p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Open needs ranked for the signed-in member.
#[component]
pub fn MyMatchesPage() -> impl IntoView {
    let i18n = use_i18n();
    let matches = Resource::new(|| (), |_| my_matches());
    let body = move || {
        Suspend::new(async move {
            match matches.await {
                Ok(list) => view! { <Needs list=list /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, matches.mine) />
        <h1>{t!(i18n, matches.mine)}</h1>
        <p>{t!(i18n, matches.mine_intro)} " " <A href="/me/profile">{t!(i18n, matches.edit_profile)}</A></p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// Open needs ranked for an organization; for its people.
#[component]
pub fn OrgMatchesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let matches = Resource::new(slug, organization_matches);
    let body = move || {
        Suspend::new(async move {
            match matches.await {
                Ok((name, list)) => view! {
                    <Title text=name.clone() />
                    <h1>{t!(i18n, matches.for_org)} " " <A href=format!("/organizations/{}", slug())>{name}</A></h1>
                    <p>{t!(i18n, matches.explain)}</p>
                    <Needs list=list />
                }
                .into_any(),
                Err(error) => view! { <h1>{t!(i18n, matches.title)}</h1><FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}
