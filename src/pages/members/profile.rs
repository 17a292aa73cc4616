//! `/members/{id}`: a member's profile, showing only what its owner lets this viewer see.

use crate::api::freshness::StillAccurate;
use crate::api::profiles::load_member;
use crate::components::labels::{offer_label, sdg_label, sector_label, visibility_label};
use crate::components::{FormNotice, FreshnessLine};
use crate::domain::{AppError, MemberProfile, Named, Visibility};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// One member's profile.
#[component]
pub fn MemberPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let confirm = ServerAction::<StillAccurate>::new();
    let member = Resource::new(
        move || (id(), confirm.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_member(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let body = move || {
        Suspend::new(async move {
            match member.await {
                Ok(profile) => view! { <ProfileView profile=profile confirm=confirm /> }.into_any(),
                Err(error) => view! {
                    <Title text=move || t_string!(i18n, errors.not_found) />
                    <h1>{t!(i18n, not_found.title)}</h1>
                    <FormNotice error=Signal::stored(Some(error)) />
                }
                .into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

fn names(list: &[Named]) -> String {
    list.iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn ProfileView(profile: MemberProfile, confirm: ServerAction<StillAccurate>) -> impl IntoView {
    let i18n = use_i18n();
    let name = profile.display_name.clone();
    let title = name.clone();
    let settings = profile.settings;
    // For the owner, says who else sees a sensitive field.
    let reach = move |pick: fn(&crate::domain::VisibilitySettings) -> Visibility| {
        settings.map(|s| {
            let v = pick(&s);
            let label = if v == Visibility::Hidden {
                t_string!(i18n, profile.only_you).to_string()
            } else {
                visibility_label(i18n, v)
            };
            view! { " " <span class="reach">"(" {label} ")"</span> }
        })
    };
    view! {
        <Title text=title />
        <article class="profile">
            <header class="profile-head">
                {profile.has_photo.then(|| {
                    let alt = name.clone();
                    view! { <img class="avatar-large" src=format!("/members/{}/photo", profile.id)
                        alt=alt width="160" height="160" /> }
                })}
                <div>
                    <h1>{name.clone()}</h1>
                    {(!profile.headline.is_empty()).then(|| view! { <p class="lead" dir="auto">{profile.headline.clone()}</p> })}
                </div>
            </header>
            {profile.is_owner.then(|| view! {
                <p class="owner-note">{t!(i18n, profile.owner_note)} " " <A href="/me/profile">{t!(i18n, profile.edit_link)}</A></p>
            })}
            <FreshnessLine confirmed_at=profile.confirmed_at standing=profile.standing
                manage=profile.is_owner organization=String::new() action=confirm />
            {(!profile.is_owner).then(|| {
                let session = crate::components::use_session();
                let id = profile.id;
                move || session.user.get().and_then(Result::ok).flatten().is_some().then(|| view! {
                    <p><A href=format!("/introductions/new?to=member:{id}") attr:class="button">{t!(i18n, intro.ask)}</A></p>
                })
            })}
            <dl class="facts">
                {profile.origins.clone().filter(|o| !o.is_empty()).map(|origins| view! {
                    <dt>{t!(i18n, profile.comes_from)}</dt><dd>{names(&origins)}{reach(|s| s.origins)}</dd>
                })}
                {profile.residence.clone().map(|r| view! { <dt>{t!(i18n, profile.lives_in)}</dt><dd>{r.name}</dd> })}
                {profile.city.clone().map(|c| view! { <dt>{t!(i18n, profile.city)}</dt><dd>{c}{reach(|s| s.city)}</dd> })}
                {(!profile.languages.is_empty()).then(|| view! { <dt>{t!(i18n, profile.speaks)}</dt><dd>{names(&profile.languages)}</dd> })}
                {(!profile.sectors.is_empty()).then(|| {
                    let list = profile.sectors.clone();
                    view! { <dt>{t!(i18n, profile.works_on)}</dt>
                        <dd>{move || list.iter().map(|s| sector_label(i18n, *s)).collect::<Vec<_>>().join(", ")}</dd> }
                })}
                {(!profile.offers.is_empty()).then(|| {
                    let list = profile.offers.clone();
                    view! { <dt>{t!(i18n, profile.offers_label)}</dt>
                        <dd>{move || list.iter().map(|o| offer_label(i18n, *o)).collect::<Vec<_>>().join(", ")}</dd> }
                })}
                {profile.contact_email.clone().map(|c| view! {
                    <dt>{t!(i18n, profile.contact)}</dt><dd><a href=format!("mailto:{c}")>{c.clone()}</a>{reach(|s| s.contact)}</dd>
                })}
            </dl>
            {(!profile.sdgs.is_empty()).then(|| {
                let list = profile.sdgs.clone();
                view! {
                    <h2>{t!(i18n, profile.goals)}</h2>
                    <ul class="tags">{move || list.iter().map(|s| view! { <li>{sdg_label(i18n, *s)}</li> }).collect_view()}</ul>
                }
            })}
            {(!profile.bio.is_empty()).then(|| view! {
                <div class="bio">{profile.bio.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}</div>
            })}
            {(!profile.links.is_empty()).then(|| view! {
                <h2>{t!(i18n, profile.links)}</h2>
                <ul>{profile.links.iter().map(|l| view! { <li><a href=l.clone() rel="nofollow noopener">{l.clone()}</a></li> }).collect_view()}</ul>
            })}
        </article>
    }
}
