//! `/organizations/{slug}`: an organization, its people, and what its admins can do.

use crate::api::freshness::StillAccurate;
use crate::api::org_people::{
    AnswerInvitation, AnswerJoin, InviteMember, JoinOrganization, LeaveOrganization,
    RequestVerification, SetMemberRole,
};
use crate::api::organizations::organization;
use crate::components::labels::{
    kind_label, org_role_label, sdg_label, sector_label, size_label, verification_label,
};
use crate::components::{use_session, FormNotice, FreshnessLine, TextField, VerificationBadge};
use crate::domain::{OrgProfile, OrgRole, Verification};
use crate::i18n::*;
use crate::pages::{form_errors, issue, kept, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The actions of this page, created once so their results survive re-rendering.
#[derive(Clone, Copy)]
struct Actions {
    join: ServerAction<JoinOrganization>,
    leave: ServerAction<LeaveOrganization>,
    answer: ServerAction<AnswerJoin>,
    invite: ServerAction<InviteMember>,
    invitation: ServerAction<AnswerInvitation>,
    role: ServerAction<SetMemberRole>,
    verify: ServerAction<RequestVerification>,
    confirm: ServerAction<StillAccurate>,
}

/// One organization's page.
#[component]
pub fn OrganizationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let actions = Actions {
        join: ServerAction::new(),
        leave: ServerAction::new(),
        answer: ServerAction::new(),
        invite: ServerAction::new(),
        invitation: ServerAction::new(),
        role: ServerAction::new(),
        verify: ServerAction::new(),
        confirm: ServerAction::new(),
    };
    let versions = move || {
        (
            actions.join.version().get(),
            actions.leave.version().get(),
            actions.answer.version().get(),
            actions.invite.version().get(),
            actions.invitation.version().get(),
            actions.role.version().get(),
            actions.verify.version().get(),
            actions.confirm.version().get(),
        )
    };
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let org = Resource::new(move || (slug(), versions()), |(slug, _)| organization(slug));
    let body = move || {
        Suspend::new(async move {
            match org.await {
                Ok(org) => view! { <OrgView org=org actions=actions /> }.into_any(),
                Err(error) => view! {
                    <h1>{t!(i18n, not_found.title)}</h1>
                    <FormNotice error=Signal::stored(Some(error)) />
                }
                .into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition> }
}

#[component]
fn OrgView(org: OrgProfile, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let kind = org.kind;
    let sectors = org.sectors.clone();
    let sdgs = org.sdgs.clone();
    let countries = org
        .countries
        .iter()
        .map(|c| c.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let manages = org.viewer_role.is_some_and(OrgRole::can_manage);
    view! {
        <Title text=org.name.clone() />
        <article class="organization">
            {org.logo.clone().map(|(alt, version)| view! {
                <img class="org-logo" src=format!("/organizations/{}/logo?v={version}", org.slug) alt=alt />
            })}
            <h1>{org.name.clone()} " " <VerificationBadge status=org.verification kind=org.kind /></h1>
            <FreshnessLine confirmed_at=org.confirmed_at standing=org.standing manage=manages
                organization=org.slug.clone() action=actions.confirm />
            <dl class="facts">
                <dt>{t!(i18n, org.kind)}</dt><dd>{move || kind_label(i18n, kind)}</dd>
                <dt>{t!(i18n, org.hq_country)}</dt><dd>{org.hq_country.name.clone()}</dd>
                <dt>{t!(i18n, org.countries)}</dt><dd>{countries}</dd>
                {org.year_founded.map(|y| view! { <dt>{t!(i18n, org.year_founded)}</dt><dd>{y}</dd> })}
                {org.size.map(|s| view! { <dt>{t!(i18n, org.size)}</dt><dd>{move || size_label(i18n, s)}</dd> })}
                {(!sectors.is_empty()).then(|| view! { <dt>{t!(i18n, org.sectors)}</dt>
                    <dd>{move || sectors.iter().map(|s| sector_label(i18n, *s)).collect::<Vec<_>>().join(", ")}</dd> })}
                {org.website.clone().map(|w| view! { <dt>{t!(i18n, org.website)}</dt><dd><a href=w.clone() rel="nofollow noopener">{w.clone()}</a></dd> })}
                {org.public_contact.clone().map(|c| view! { <dt>{t!(i18n, org.public_contact)}</dt><dd><a href=format!("mailto:{c}")>{c.clone()}</a></dd> })}
            </dl>
            {(!sdgs.is_empty()).then(|| view! {
                <h2>{t!(i18n, org.sdgs)}</h2>
                <ul class="tags">{move || sdgs.iter().map(|s| view! { <li>{sdg_label(i18n, *s)}</li> }).collect_view()}</ul>
            })}
            {(!org.description.is_empty()).then(|| view! {
                <div class="bio">{org.description.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}</div>
            })}
            <People org=org.clone() actions=actions />
            {manages.then(|| view! { <Admin org=org.clone() actions=actions /> })}
        </article>
    }
}

/// The people, and joining or leaving.
#[component]
fn People(org: OrgProfile, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_owner = org.viewer_role == Some(OrgRole::Owner);
    let slug = org.slug.clone();
    let leave_error = last_error(actions.leave.value());
    let signed_in = move || session.user.get().and_then(Result::ok).flatten().is_some();
    let (ask_slug, matches_slug) = (slug.clone(), slug.clone());
    let join = {
        let slug = slug.clone();
        let (role, requested, invited) =
            (org.viewer_role, org.viewer_requested, org.viewer_invited);
        move || {
            (role.is_none() && signed_in()).then(|| {
                let slug = slug.clone();
                if invited {
                    view! {
                        <ActionForm action=actions.invitation attr:class="inline-form invitation">
                            <p role="status">{t!(i18n, org.invited)}</p>
                            <input type="hidden" name="slug" value=slug.clone() />
                            <button type="submit" name="decision" value="accept">{t!(i18n, org.accept_invitation)}</button>
                            " "
                            <button type="submit" name="decision" value="decline" class="secondary">{t!(i18n, org.decline_invitation)}</button>
                        </ActionForm>
                    }
                    .into_any()
                } else if requested {
                    view! { <p role="status">{t!(i18n, org.join_requested)}</p> }.into_any()
                } else {
                    view! {
                        <ActionForm action=actions.join attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <button type="submit">{t!(i18n, org.join)}</button>
                        </ActionForm>
                    }
                    .into_any()
                }
            })
        }
    };
    view! {
        <h2>{t!(i18n, org.people)}</h2>
        <ul class="people">
            {org.members.iter().map(|m| {
                let role = m.role;
                let (slug, user_id) = (slug.clone(), m.user_id.to_string());
                let label = format!("{} — ", m.display_name);
                view! {
                    <li>
                        {m.display_name.clone()} " · " {move || org_role_label(i18n, role)}
                        {is_owner.then(|| view! {
                            <ActionForm action=actions.role attr:class="inline-form role-form">
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="user_id" value=user_id.clone() />
                                <label class="visually-hidden" for=format!("role-{user_id}")>{label.clone()} {t!(i18n, org.role)}</label>
                                <select name="role" id=format!("role-{user_id}")>
                                    {OrgRole::ALL.iter().map(|r| view! {
                                        <option value=r.code() selected=*r == role>{move || org_role_label(i18n, *r)}</option>
                                    }).collect_view()}
                                    <option value="remove">{t!(i18n, org.remove)}</option>
                                </select>
                                <button type="submit">{t!(i18n, org.change_role)}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <FormNotice error=last_error(actions.role.value()) />
        {join}
        {move || (org.viewer_role.is_none() && signed_in()).then(|| view! {
            <p><A href=format!("/introductions/new?to=org:{}", ask_slug.clone()) attr:class="button secondary">{t!(i18n, intro.ask)}</A></p>
        })}
        {org.viewer_role.map(|_| view! {
            <p><A href=format!("/organizations/{}/matches", matches_slug.clone())>{t!(i18n, matches.for_org_link)}</A></p>
        })}
        {org.viewer_role.map(|_| view! {
            <ActionForm action=actions.leave attr:class="inline-form">
                <input type="hidden" name="slug" value=slug.clone() />
                <button type="submit" class="secondary">{t!(i18n, org.leave)}</button>
            </ActionForm>
            {move || leave_error.get().map(|_| view! { <p class="field-error" role="alert">{t!(i18n, errors.last_owner)}</p> })}
        })}
    }
}

/// What admins and owners see: editing, join requests, invitations, verification.
#[component]
fn Admin(org: OrgProfile, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let slug = org.slug.clone();
    let is_owner = org.viewer_role == Some(OrgRole::Owner);
    let invite_errors = form_errors(actions.invite.value());
    let status = org.verification;
    view! {
        <section class="admin-panel" aria-labelledby="admin-title">
            <h2 id="admin-title">{t!(i18n, org.manage)}</h2>
            <p><A href=format!("/organizations/{slug}/edit")>{t!(i18n, org.edit_link)}</A></p>
            {is_owner.then(|| view! {
                <p><A href=format!("/organizations/{}/delete", org.slug)>{t!(i18n, org.delete_link)}</A></p>
            })}
            <h3>{t!(i18n, org.verification)}</h3>
            <p>{move || verification_label(i18n, status)}</p>
            {org.verification_note.clone().map(|note| view! { <p class="note">{t!(i18n, org.moderator_note)} ": " {note}</p> })}
            {matches!(status, Verification::Unverified | Verification::Rejected).then(|| {
                let slug = slug.clone();
                view! {
                <ActionForm action=actions.verify attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug.clone() />
                    <button type="submit">{t!(i18n, org.request_verification)}</button>
                </ActionForm>
            }})}
            {(!org.join_requests.is_empty()).then(|| view! {
                <h3>{t!(i18n, org.join_requests)}</h3>
                <ul class="people">
                    {org.join_requests.iter().map(|r| {
                        let (slug, user_id) = (slug.clone(), r.user_id.to_string());
                        view! {
                            <li>
                                {r.display_name.clone()} " "
                                <ActionForm action=actions.answer attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug />
                                    <input type="hidden" name="user_id" value=user_id />
                                    <button type="submit" name="decision" value="approve">{t!(i18n, org.approve)}</button>
                                    " "
                                    <button type="submit" name="decision" value="decline" class="secondary">{t!(i18n, org.decline)}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!org.invitations.is_empty()).then(|| view! {
                <h3>{t!(i18n, org.invitations)}</h3>
                <ul class="people">
                    {org.invitations.iter().map(|p| view! { <li>{p.display_name.clone()}</li> }).collect_view()}
                </ul>
            })}
            {is_owner.then(|| {
                let slug = slug.clone();
                view! {
                <h3>{t!(i18n, org.invite)}</h3>
                <ActionForm action=actions.invite attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <TextField name="email" input_type="email" autocomplete="off" issue=issue(invite_errors, "email")
                        value=kept(invite_errors, "email") hint=move || t!(i18n, org.invite_hint)>
                        {t!(i18n, fields.email)}
                    </TextField>
                    <button type="submit">{t!(i18n, org.invite_submit)}</button>
                </ActionForm>
            }})}
        </section>
    }
}
