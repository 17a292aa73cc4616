//! `/inbox`: introduction requests received and sent, and events, read or not.

use super::introductions::PartyName;
use crate::api::introductions::{load_inbox, AnswerIntroduction, MarkRead, WithdrawIntroduction};
use crate::components::labels::{iso_date, need_status_label};
use crate::components::FormNotice;
use crate::domain::{AppError, Event, EventKind, Inbox, IntroStatus, Introduction};
use crate::i18n::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The inbox.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let answer = ServerAction::<AnswerIntroduction>::new();
    let read = ServerAction::<MarkRead>::new();
    let withdraw = ServerAction::<WithdrawIntroduction>::new();
    let inbox = Resource::new(
        move || {
            (
                answer.version().get(),
                read.version().get(),
                withdraw.version().get(),
            )
        },
        |_| load_inbox(),
    );
    let body = move || {
        Suspend::new(async move {
            match inbox.await {
                Ok(inbox) => view! { <InboxView inbox=inbox answer=answer read=read withdraw=withdraw /> }.into_any(),
                Err(AppError::Unauthorized) => view! {
                    <div data-refusal="sign-in">
                        <p>{t!(i18n, inbox.need_login)}</p>
                        <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
                    </div>
                }
                .into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, inbox.title) />
        <h1>{t!(i18n, inbox.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn InboxView(
    inbox: Inbox,
    answer: ServerAction<AnswerIntroduction>,
    read: ServerAction<MarkRead>,
    withdraw: ServerAction<WithdrawIntroduction>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // Hydrated, a withdrawal is answered in place while the address may still say a
    // request was just sent: the newer news wins.
    let withdrawn_in_place = move || matches!(withdraw.value().get(), Some(Ok(())));
    let sent_now = move || {
        (query.with(|q| q.get("sent").is_some()) || matches!(answer.value().get(), Some(Ok(()))))
            && !withdrawn_in_place()
    };
    let withdrawn_now =
        move || withdrawn_in_place() || query.with(|q| q.get("withdrawn").is_some());
    let unread = inbox.events.iter().filter(|e| !e.read).count();
    view! {
        <Show when=sent_now>
            <p class="form-success" role="status">{t!(i18n, inbox.done)}</p>
        </Show>
        <Show when=withdrawn_now>
            <p class="form-success" role="status">{t!(i18n, inbox.withdrawn_done)}</p>
        </Show>
        <FormNotice error=last_error(answer.value()) />
        <FormNotice error=last_error(withdraw.value()) />
        <section aria-labelledby="events">
            <h2 id="events">{t!(i18n, inbox.events)}</h2>
            {(unread > 0).then(|| view! {
                <ActionForm action=read attr:class="inline-form">
                    <input type="hidden" name="id" value="" />
                    <button type="submit" class="secondary">{t!(i18n, inbox.mark_all_read)}</button>
                </ActionForm>
            })}
            {if inbox.events.is_empty() {
                view! { <p>{t!(i18n, inbox.no_events)}</p> }.into_any()
            } else {
                view! { <ul class="events">{inbox.events.into_iter().map(|e| view! { <EventItem event=e read=read /> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="received">
            <h2 id="received">{t!(i18n, inbox.received)}</h2>
            {if inbox.received.is_empty() {
                view! { <p>{t!(i18n, inbox.none_received)}</p> }.into_any()
            } else {
                view! { <ul class="intros">{inbox.received.into_iter().map(|i| view! { <Received intro=i answer=answer /> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="sent">
            <h2 id="sent">{t!(i18n, inbox.sent)}</h2>
            {if inbox.sent.is_empty() {
                view! { <p>{t!(i18n, inbox.none_sent)}</p> }.into_any()
            } else {
                view! { <ul class="intros">{inbox.sent.into_iter().map(|i| view! { <Sent intro=i withdraw=withdraw /> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
fn EventItem(event: Event, read: ServerAction<MarkRead>) -> impl IntoView {
    let i18n = use_i18n();
    let text = match event.kind {
        EventKind::IntroReceived { from } => t!(i18n, inbox.event_received, from = move || from.clone()).into_any(),
        EventKind::IntroAccepted { by } => t!(i18n, inbox.event_accepted, by = move || by.clone()).into_any(),
        EventKind::IntroExpired { with, sent: true } => t!(i18n, inbox.event_expired_sent, with = move || with.clone()).into_any(),
        EventKind::IntroExpired { with, sent: false } => t!(i18n, inbox.event_expired_received, with = move || with.clone()).into_any(),
        EventKind::VerificationGranted { organization, slug } => view! {
            {t!(i18n, inbox.event_verified)} " " <A href=format!("/organizations/{slug}")>{organization}</A>
        }
        .into_any(),
    };
    view! {
        <li class:unread=!event.read>
            {(!event.read).then(|| view! { <strong class="unread-mark">{t!(i18n, inbox.unread_mark)} " "</strong> })}
            {text} " " <span class="card-meta">{iso_date(event.created_at)}</span>
            {(!event.read).then(|| view! {
                <ActionForm action=read attr:class="inline-form">
                    <input type="hidden" name="id" value=event.id.to_string() />
                    <button type="submit" class="link-button">{t!(i18n, inbox.mark_read)}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// The shared part of a request: who, about what, the message, its status; once
/// accepted, the contact details and (when `linked`) the way to its follow-up.
#[component]
pub fn IntroBody(
    intro: Introduction,
    received: bool,
    #[prop(default = true)] linked: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = intro.status;
    let follow_up =
        (linked && status == IntroStatus::Accepted).then(|| format!("/introductions/{}", intro.id));
    view! {
        <p>
            {if received {
                view! { {t!(i18n, inbox.from)} " " <PartyName party=intro.from.clone() /> }.into_any()
            } else {
                view! { {t!(i18n, inbox.to)} " " <PartyName party=intro.to.clone() /> }.into_any()
            }}
            " · " <span class="card-meta">{iso_date(intro.created_at)}</span>
        </p>
        {intro.need.clone().map(|need| {
            let status = need.status;
            view! {
                <p>
                    {t!(i18n, intro.about)} " " <A href=format!("/needs/{}", need.id)>{need.title.clone()}</A>
                    {status.is_closed().then(|| view! {
                        " — " {t!(i18n, intro.need_closed, status = move || need_status_label(i18n, status))}
                    })}
                </p>
            }
        })}
        {intro.need_deleted.clone().map(|title| view! {
            <p>{t!(i18n, intro.about)} " " {t!(i18n, intro.need_deleted, title = move || title.clone())}</p>
        })}
        <blockquote class="message">{intro.message.clone()}</blockquote>
        <p class="intro-status">
            {move || match status {
                IntroStatus::Pending => t!(i18n, inbox.pending).into_any(),
                IntroStatus::Accepted => t!(i18n, inbox.accepted).into_any(),
                IntroStatus::Declined => t!(i18n, inbox.declined).into_any(),
                IntroStatus::Withdrawn => t!(i18n, inbox.withdrawn).into_any(),
                IntroStatus::Expired => t!(i18n, inbox.expired).into_any(),
            }}
        </p>
        {intro.contact.clone().map(|c| view! {
            <dl class="facts contact">
                <dt>{t!(i18n, inbox.contact)}</dt>
                <dd>{c.name.clone()} " — " <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a></dd>
            </dl>
        })}
        // Only in the inbox: the follow-up page shows the meeting in full.
        {intro.meeting.clone().filter(|_| linked).map(|m| match m.chosen().cloned() {
            Some(slot) => {
                let time = slot.local;
                view! { <p class="intro-meeting">{t!(i18n, meeting.inbox_confirmed, time = move || time.clone())}</p> }.into_any()
            }
            None => view! { <p class="intro-meeting">{t!(i18n, meeting.inbox_waiting)}</p> }.into_any(),
        })}
        {follow_up.map(|href| view! { <p><A href=href>{t!(i18n, follow.link)}</A></p> })}
    }
}

#[component]
fn Received(intro: Introduction, answer: ServerAction<AnswerIntroduction>) -> impl IntoView {
    let i18n = use_i18n();
    let id = intro.id.to_string();
    let pending = intro.status == IntroStatus::Pending;
    view! {
        <li class="intro">
            <IntroBody intro=intro received=true />
            <ActionForm action=answer attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                {pending.then(|| view! {
                    <button type="submit" name="decision" value="accept">{t!(i18n, inbox.accept)}</button>
                    " "
                    <button type="submit" name="decision" value="decline" class="secondary">{t!(i18n, inbox.decline)}</button>
                    " "
                })}
                <button type="submit" name="decision" value="block" class="link-button">{t!(i18n, inbox.block)}</button>
            </ActionForm>
        </li>
    }
}

/// A request the reader sent; while it waits, they may take it back.
#[component]
fn Sent(intro: Introduction, withdraw: ServerAction<WithdrawIntroduction>) -> impl IntoView {
    let i18n = use_i18n();
    let id = intro.id.to_string();
    let pending = intro.status == IntroStatus::Pending;
    view! {
        <li class="intro">
            <IntroBody intro=intro received=false />
            {pending.then(|| view! {
                <ActionForm action=withdraw attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="secondary">{t!(i18n, inbox.withdraw)}</button>
                </ActionForm>
            })}
        </li>
    }
}
