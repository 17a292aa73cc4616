//! `/needs/{id}`: one need; its organization's admins see matches, edit it, change its
//! status (close it as fulfilled or withdrawn, reopen it) or delete it.

use crate::api::needs::{load_need, SetNeedStatus};
use crate::components::labels::{
    direction_label, need_status_label, partner_label, sdg_label, sector_label, type_label,
};
use crate::components::{FormNotice, VerificationBadge};
use crate::domain::{Need, NeedStatus};
use crate::i18n::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// One need.
#[component]
pub fn NeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = ServerAction::<SetNeedStatus>::new();
    let id = super::route_need_id();
    let need = Resource::new(
        move || (id(), status.version().get()),
        |(id, _)| load_need(id),
    );
    let body = move || {
        Suspend::new(async move {
            match need.await {
                Ok(need) => view! { <NeedView need=need status=status /> }.into_any(),
                Err(error) => view! { <h1>{t!(i18n, not_found.title)}</h1><FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

#[component]
fn NeedView(need: Need, status: ServerAction<SetNeedStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let card = need.card.clone();
    let (direction, current) = (card.direction, card.status);
    let types = card.types.clone();
    let sdgs = need.sdgs.clone();
    let sectors = need.sectors.clone();
    let kinds = need.partner_kinds.clone();
    let names = |list: &[crate::domain::Named]| {
        list.iter()
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let countries = names(&need.countries);
    let languages = names(&need.languages);
    let id = card.id;
    view! {
        <Title text=card.title.clone() />
        <article class="need">
            <p class="kicker">{move || direction_label(i18n, direction)} " · " {move || need_status_label(i18n, current)}</p>
            <h1>{card.title.clone()}</h1>
            <p class="card-meta">
                <A href=format!("/organizations/{}", card.organization_slug)>{card.organization.clone()}</A>
                " " <VerificationBadge status=card.verification kind=card.organization_kind />
            </p>
            <dl class="facts">
                <dt>{t!(i18n, needs.types)}</dt>
                <dd>{move || types.iter().map(|t| type_label(i18n, *t)).collect::<Vec<_>>().join(", ")}</dd>
                <dt>{t!(i18n, needs.partner_kinds)}</dt>
                <dd>{move || kinds.iter().map(|k| partner_label(i18n, *k)).collect::<Vec<_>>().join(", ")}</dd>
                {(!countries.is_empty()).then(|| view! { <dt>{t!(i18n, needs.countries)}</dt><dd>{countries.clone()}</dd> })}
                {(!sectors.is_empty()).then(|| view! { <dt>{t!(i18n, needs.sectors)}</dt>
                    <dd>{move || sectors.iter().map(|s| sector_label(i18n, *s)).collect::<Vec<_>>().join(", ")}</dd> })}
                {(!languages.is_empty()).then(|| view! { <dt>{t!(i18n, needs.languages)}</dt><dd>{languages.clone()}</dd> })}
                <dt>{t!(i18n, needs.deadline)}</dt><dd>{card.deadline.clone()}</dd>
            </dl>
            <h2>{t!(i18n, needs.sdgs)}</h2>
            <ul class="tags">{move || sdgs.iter().map(|s| view! { <li>{sdg_label(i18n, *s)}</li> }).collect_view()}</ul>
            <div class="bio">{need.description.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}</div>
            {(!need.manages && current == NeedStatus::Open).then(|| {
                let session = crate::components::use_session();
                let slug = card.organization_slug.clone();
                move || session.user.get().and_then(Result::ok).flatten().is_some().then(|| view! {
                    <p><A href=format!("/introductions/new?to=org:{slug}&need={id}") attr:class="button">{t!(i18n, intro.answer_need)}</A></p>
                })
            })}
            {need.manages.then(|| view! {
                <section class="admin-panel" aria-labelledby="need-admin">
                    <h2 id="need-admin">{t!(i18n, needs.manage)}</h2>
                    <p>
                        <A href=format!("/needs/{id}/matches") attr:class="button">{t!(i18n, needs.see_matches)}</A>
                        " " <A href=format!("/needs/{id}/edit") attr:class="button secondary">{t!(i18n, needs.edit_link)}</A>
                    </p>
                    {(current == NeedStatus::Expired).then(|| view! { <p>{t!(i18n, needs.expired_hint)}</p> })}
                    <ActionForm action=status attr:class="inline-form">
                        <FormNotice error=last_error(status.value()) />
                        <input type="hidden" name="id" value=id.to_string() />
                        <label for="need-status">{t!(i18n, needs.status)}</label>
                        <select id="need-status" name="status">
                            {NeedStatus::CHOSEN.iter().map(|s| view! {
                                <option value=s.code() selected=*s == current>{move || need_status_label(i18n, *s)}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit">{t!(i18n, needs.change_status)}</button>
                    </ActionForm>
                    <p><A href=format!("/needs/{id}/delete")>{t!(i18n, needs.delete_link)}</A></p>
                </section>
            })}
        </article>
    }
}
