//! The banner: the site's name, navigation, who is signed in, and languages.

use super::{use_session, LanguageSwitcher};
use crate::domain::Presence;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Go invisible now": one click hides the member's profile everywhere at once; while it
/// is hidden, one more click brings it back with the settings it had. A plain form, so it
/// works without JavaScript (the server sends the person back to the page they were on).
#[component]
fn PresenceSwitch(presence: Presence) -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().set_presence;
    let (visible, label) = match presence {
        Presence::Unlisted => return None,
        Presence::Listed => ("false", t!(i18n, nav.go_invisible).into_any()),
        Presence::Paused => ("true", t!(i18n, nav.visible_again).into_any()),
    };
    let paused = presence == Presence::Paused;
    Some(view! {
        <li>
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="visible" value=visible />
                <button type="submit" class="link-button" class:presence-paused=paused>{label}</button>
            </ActionForm>
        </li>
    })
}

/// The header shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = leptos_router::hooks::use_location();
    // Refreshed on every navigation and after log-in or log-out.
    let unread = Resource::new(
        move || {
            (
                location.pathname.get(),
                session.user.get().map(|u| u.ok().flatten().map(|u| u.id)),
            )
        },
        |_| crate::api::introductions::unread_count(),
    );
    let account = move || {
        Suspend::new(async move {
            let count = unread.await.unwrap_or(0);
            match session.user.await {
                Ok(Some(user)) => view! {
                    <li>
                        <A href="/inbox">
                            {t!(i18n, nav.inbox)}
                            {(count > 0).then(|| view! {
                                " " <span class="badge-count" aria-hidden="true">{count}</span>
                                <span class="visually-hidden">{t!(i18n, nav.unread, count = move || count)}</span>
                            })}
                        </A>
                    </li>
                    <li><A href="/me/matches">{t!(i18n, nav.my_matches)}</A></li>
                    <li><A href="/me/profile">{t!(i18n, nav.my_profile)}</A></li>
                    {(user.role >= crate::domain::Role::Moderator).then(|| view! {
                        <li><A href="/moderation">{t!(i18n, nav.moderation)}</A></li>
                    })}
                    <PresenceSwitch presence=user.presence />
                    <li class="signed-in">
                        <span class="visually-hidden">{t!(i18n, nav.signed_in_as)} " "</span>
                        <A href="/account" attr:class="user-name">{user.display_name}</A>
                    </li>
                    <li>
                        <ActionForm action=session.log_out attr:class="inline-form">
                            <button type="submit" class="link-button">{t!(i18n, nav.logout)}</button>
                        </ActionForm>
                    </li>
                }
                .into_any(),
                _ => view! {
                    <li><A href="/login">{t!(i18n, nav.login)}</A></li>
                    <li><A href="/register" attr:class="button">{t!(i18n, nav.register)}</A></li>
                }
                .into_any(),
            }
        })
    };
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{t!(i18n, nav.skip)}</a>
            <div class="header-inner">
                <A href="/" attr:class="brand">{t!(i18n, app_name)}</A>
                <nav aria-label=move || t_string!(i18n, nav.label)>
                    <ul class="nav-list">
                        <li><A href="/">{t!(i18n, nav.home)}</A></li>
                        <li><A href="/members">{t!(i18n, nav.members)}</A></li>
                        <li><A href="/organizations">{t!(i18n, nav.organizations)}</A></li>
                        <li><A href="/needs">{t!(i18n, nav.needs)}</A></li>
                        <li><A href="/spotlights">{t!(i18n, nav.spotlights)}</A></li>
                        <li><A href="/map">{t!(i18n, nav.map)}</A></li>
                        <Transition fallback=|| ()>{account}</Transition>
                    </ul>
                </nav>
                <LanguageSwitcher />
            </div>
        </header>
    }
}
