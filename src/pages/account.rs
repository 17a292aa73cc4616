//! `/account`: the signed-in account: its address (confirmed or not, and moving it), its
//! password, the senders it blocked, and ending every session.

use super::{form_errors, issue, kept, last_error};
use crate::api::auth::{ChangeEmail, ResendConfirmation};
use crate::api::introductions::{my_blocks, Unblock};
use crate::api::org_people::my_invitations;
use crate::components::labels::iso_date;
use crate::components::{use_session, FormNotice, TextField};
use crate::domain::{AppError, CurrentUser, Email, Password, Role};
use crate::i18n::*;
use crate::pages::not_found::SignInFirst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The account page; asks visitors to log in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Made once for the page, outside the Suspend, as every page does.
    let actions = AccountActions {
        resend: ServerAction::new(),
        change_email: ServerAction::new(),
        unblock: ServerAction::new(),
    };
    let body = move || {
        Suspend::new(async move {
            Ok::<_, AppError>(match session.user.await? {
                Some(user) => view! { <AccountDetails user=user actions=actions /> }.into_any(),
                None => view! {
                    <SignInFirst />
                }
                .into_any(),
            })
        })
    };
    view! {
        <Title text=move || t_string!(i18n, account.title) />
        <h1>{t!(i18n, account.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// The forms of the account page that are not the session's.
#[derive(Clone, Copy)]
struct AccountActions {
    resend: ServerAction<ResendConfirmation>,
    change_email: ServerAction<ChangeEmail>,
    unblock: ServerAction<Unblock>,
}

#[component]
fn AccountDetails(user: CurrentUser, actions: AccountActions) -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().change_password;
    let errors = form_errors(action.value());
    let query = use_query_map();
    let changed = move || {
        matches!(action.value().get(), Some(Ok(())))
            || query.with(|q| q.get("changed").as_deref() == Some("password"))
    };
    let name = user.display_name.clone();
    let confirmed = user.email_confirmed;
    let said = move |key: &str, value: &str| query.with(|q| q.get(key).as_deref() == Some(value));
    let just_confirmed = move || said("confirmed", "1");
    let role = match user.role {
        Role::Member => t!(i18n, roles.member).into_any(),
        Role::Moderator => t!(i18n, roles.moderator).into_any(),
        Role::Admin => t!(i18n, roles.admin).into_any(),
    };
    view! {
        <p>{t!(i18n, account.signed_in, name = move || name.clone())}</p>
        <Show when=just_confirmed>
            <p class="form-success" role="status">{t!(i18n, account.confirmed_now)}</p>
        </Show>
        <Show when=move || said("org_deleted", "1")>
            <p class="form-success" role="status">{t!(i18n, org.deleted)}</p>
        </Show>
        <dl class="facts">
            <dt>{t!(i18n, account.email)}</dt>
            <dd>{user.email}</dd>
            <dt>{t!(i18n, account.role)}</dt>
            <dd>{role}</dd>
        </dl>
        {(!confirmed).then(|| view! { <Unconfirmed action=actions.resend /> })}
        <Invitations />
        <ChangeEmailForm action=actions.change_email />
        <h2>{t!(i18n, account.change_password)}</h2>
        <Show when=changed>
            <p class="form-success" role="status">{t!(i18n, account.password_changed)}</p>
        </Show>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormNotice error=last_error(action.value()) />
            <TextField
                name="current_password"
                input_type="password"
                autocomplete="current-password"
                issue=issue(errors, "current_password")
            >
                {t!(i18n, fields.current_password)}
            </TextField>
            <TextField
                name="new_password"
                input_type="password"
                autocomplete="new-password"
                issue=issue(errors, "new_password")
                hint=move || t!(i18n, fields.password_hint)
                check=|v| Password::parse(v).err()
            >
                {t!(i18n, fields.new_password)}
            </TextField>
            <button type="submit">{t!(i18n, account.submit_password)}</button>
        </ActionForm>
        <Blocks unblock=actions.unblock />
        <h2>{t!(i18n, account.my_data)}</h2>
        <p><A href="/account/data">{t!(i18n, account.my_data_link)}</A></p>
        <h2>{t!(i18n, account.sessions)}</h2>
        <p>{t!(i18n, account.sessions_intro)}</p>
        <ActionForm action=use_session().log_out_everywhere attr:class="form">
            <button type="submit">{t!(i18n, account.log_out_everywhere)}</button>
        </ActionForm>
    }
}

/// Until its address is confirmed, an account may not send introductions or post needs:
/// says so, and sends the link again on request.
#[component]
fn Unconfirmed(action: ServerAction<ResendConfirmation>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sent = move || {
        matches!(action.value().get(), Some(Ok(())))
            || query.with(|q| q.get("sent").as_deref() == Some("confirmation"))
    };
    view! {
        <section class="callout" aria-labelledby="unconfirmed-title">
            <h2 id="unconfirmed-title">{t!(i18n, account.unconfirmed_title)}</h2>
            <p>{t!(i18n, account.unconfirmed_body)}</p>
            <Show when=sent>
                <p class="form-success" role="status">{t!(i18n, account.confirmation_sent)}</p>
            </Show>
            <ActionForm action=action attr:class="form">
                <FormNotice error=last_error(action.value()) />
                <button type="submit">{t!(i18n, account.resend)}</button>
            </ActionForm>
        </section>
    }
}

/// Moving the account to another address: confirmed by a link sent to it.
#[component]
fn ChangeEmailForm(action: ServerAction<ChangeEmail>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = form_errors(action.value());
    let query = use_query_map();
    let sent = move || {
        matches!(action.value().get(), Some(Ok(())))
            || query.with(|q| q.get("sent").as_deref() == Some("email"))
    };
    view! {
        <h2>{t!(i18n, account.change_email)}</h2>
        <Show when=sent>
            <p class="form-success" role="status">{t!(i18n, account.email_link_sent)}</p>
        </Show>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <FormNotice error=last_error(action.value()) />
            <TextField
                name="new_email"
                input_type="email"
                autocomplete="email"
                issue=issue(errors, "new_email")
                value=kept(errors, "new_email")
                check=|v| Email::parse(v).err()
            >
                {t!(i18n, fields.new_email)}
            </TextField>
            <TextField
                name="password"
                input_type="password"
                autocomplete="current-password"
                issue=issue(errors, "password")
            >
                {t!(i18n, fields.current_password)}
            </TextField>
            <button type="submit">{t!(i18n, account.submit_email)}</button>
        </ActionForm>
    }
}

/// Organizations waiting for this account's answer to an invitation.
#[component]
fn Invitations() -> impl IntoView {
    let i18n = use_i18n();
    let invitations = Resource::new(|| (), |_| my_invitations());
    let list = move || {
        Suspend::new(async move {
            let invitations = invitations.await.unwrap_or_default();
            (!invitations.is_empty()).then(|| {
                view! {
                    <section aria-labelledby="invitations-title">
                        <h2 id="invitations-title">{t!(i18n, account.invitations)}</h2>
                        <ul class="people">
                            {invitations.into_iter().map(|org| view! {
                                <li><A href=format!("/organizations/{}", org.code)>{org.name}</A></li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })
        })
    };
    view! { <Transition fallback=|| ()>{list}</Transition> }
}

/// The senders the account blocked (and those its organizations did), each with a button
/// that lets them write again.
#[component]
fn Blocks(unblock: ServerAction<Unblock>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let blocks = Resource::new(move || unblock.version().get(), |_| my_blocks());
    let lifted = move || {
        matches!(unblock.value().get(), Some(Ok(())))
            || query.with(|q| q.get("unblocked").is_some())
    };
    let list = move || {
        Suspend::new(async move {
            let blocks = blocks.await.unwrap_or_default();
            if blocks.is_empty() {
                return view! { <p>{t!(i18n, account.blocks_none)}</p> }.into_any();
            }
            view! {
                <ul class="people">
                    {blocks.into_iter().map(|block| {
                        let name = block.name.clone();
                        let slug = block.organization.as_ref().map(|o| o.code.clone()).unwrap_or_default();
                        view! {
                            <li>
                                <strong>{block.name.clone()}</strong>
                                {block.organization.clone().map(|org| view! {
                                    " " {t!(i18n, account.blocked_by, organization = move || org.name.clone())}
                                })}
                                " · " <span class="card-meta">{iso_date(block.since)}</span>
                                <ActionForm action=unblock attr:class="inline-form">
                                    <input type="hidden" name="member_id" value=block.member_id.to_string() />
                                    <input type="hidden" name="organization" value=slug />
                                    <button type="submit" class="link-button">
                                        {t!(i18n, account.unblock_named, name = move || name.clone())}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })
    };
    view! {
        <section aria-labelledby="blocks">
            <h2 id="blocks">{t!(i18n, account.blocks)}</h2>
            <p>{t!(i18n, account.blocks_intro)}</p>
            <Show when=lifted>
                <p class="form-success" role="status">{t!(i18n, account.unblocked)}</p>
            </Show>
            <FormNotice error=last_error(unblock.value()) />
            <Transition fallback=|| ()>{list}</Transition>
        </section>
    }
}
