//! `/account`: the signed-in account, and changing its password.

use super::{form_errors, issue, last_error};
use crate::api::org_people::my_invitations;
use crate::components::{use_session, FormNotice, TextField};
use crate::domain::{AppError, CurrentUser, Password, Role};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The account page; asks visitors to log in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let body = move || {
        Suspend::new(async move {
            Ok::<_, AppError>(match session.user.await? {
                Some(user) => view! { <AccountDetails user=user /> }.into_any(),
                None => view! {
                    <p>{t!(i18n, account.need_login)}</p>
                    <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
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

#[component]
fn AccountDetails(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().change_password;
    let errors = form_errors(action.value());
    let query = use_query_map();
    let changed = move || {
        matches!(action.value().get(), Some(Ok(())))
            || query.with(|q| q.get("changed").as_deref() == Some("password"))
    };
    let name = user.display_name.clone();
    let role = match user.role {
        Role::Member => t!(i18n, roles.member).into_any(),
        Role::Moderator => t!(i18n, roles.moderator).into_any(),
        Role::Admin => t!(i18n, roles.admin).into_any(),
    };
    view! {
        <p>{t!(i18n, account.signed_in, name = move || name.clone())}</p>
        <dl class="facts">
            <dt>{t!(i18n, account.email)}</dt>
            <dd>{user.email}</dd>
            <dt>{t!(i18n, account.role)}</dt>
            <dd>{role}</dd>
        </dl>
        <Invitations />
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
