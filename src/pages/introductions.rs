//! `/introductions/new?to=…&need=…`: asking to be introduced, for oneself or for an
//! organization one administers. Contact details travel only if the other side accepts.

use crate::api::introductions::{introduction_target, SendIntroduction};
use crate::components::{FormNotice, IssueMessage, SelectField, TextArea};
use crate::domain::{AppError, IntroTarget, Party, INTRO_MESSAGE_MAX};
use crate::i18n::*;
use crate::pages::{chosen_or, form_errors, issue, kept_or, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The request form.
#[component]
pub fn NewIntroductionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let send = ServerAction::<SendIntroduction>::new();
    let target = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("to").unwrap_or_default(),
                    q.get("need").unwrap_or_default(),
                )
            })
        },
        |(to, need)| introduction_target(to, need),
    );
    let body = move || {
        Suspend::new(async move {
            match target.await {
                Ok(target) => view! { <IntroForm target=target send=send /> }.into_any(),
                Err(AppError::Unauthorized) => view! {
                    <div data-refusal="sign-in">
                        <p>{t!(i18n, intro.need_login)}</p>
                        <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
                    </div>
                }
                .into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, intro.title) />
        <h1>{t!(i18n, intro.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// A party's name, linked to its public page when the reader may open it.
#[component]
pub fn PartyName(party: Party) -> impl IntoView {
    match party {
        Party::Member {
            id,
            name,
            profile_open: true,
            ..
        } => view! { <A href=format!("/members/{id}")>{name}</A> }.into_any(),
        Party::Member { name, .. } => view! { <span>{name}</span> }.into_any(),
        Party::FormerMember => {
            let i18n = use_i18n();
            view! { <span class="former">{t!(i18n, inbox.former_member)}</span> }.into_any()
        }
        Party::Organization {
            slug,
            name,
            kind,
            verification,
        } => view! {
            <A href=format!("/organizations/{slug}")>{name}</A>
            " " <crate::components::VerificationBadge status=verification kind=kind />
        }
        .into_any(),
    }
}

#[component]
fn IntroForm(target: IntroTarget, send: ServerAction<SendIntroduction>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = form_errors(send.value());
    let mut choices = vec![(String::new(), t_string!(i18n, intro.as_myself).to_string())];
    choices.extend(target.as_orgs.iter().cloned());
    let need_id = target
        .need
        .as_ref()
        .map(|n| n.id.to_string())
        .unwrap_or_default();
    let headline = match &target.recipient {
        Party::Member { headline, .. } => headline.clone(),
        Party::Organization { .. } | Party::FormerMember => String::new(),
    };
    let field_problem = move |field: &'static str| {
        move || {
            issue(errors, field).get().map(|issue| view! { <p class="field-error" role="alert"><IssueMessage issue=issue /></p> })
        }
    };
    view! {
        <p>{t!(i18n, intro.to)} " " <PartyName party=target.recipient.clone() /></p>
        {(!headline.is_empty()).then(|| view! { <p class="lead" dir="auto">{headline.clone()}</p> })}
        {target.need.clone().map(|need| view! {
            <p>{t!(i18n, intro.about)} " " <A href=format!("/needs/{}", need.id)>{need.title.clone()}</A></p>
        })}
        <p class="note">{t!(i18n, intro.consent)}</p>
        <ActionForm action=send attr:class="form" attr:novalidate=true>
            <FormNotice error=last_error(send.value()) />
            <input type="hidden" name="intro[to]" value=target.to.clone() />
            <input type="hidden" name="intro[need]" value=need_id />
            {field_problem("to")}
            {field_problem("need")}
            {(!target.as_orgs.is_empty()).then(|| view! {
                <SelectField name="intro[from_org]" issue=issue(errors, "from_org") options=choices.clone()
                    selected=chosen_or(errors, "from_org", vec![String::new()])>
                    {t!(i18n, intro.as_whom)}
                </SelectField>
            })}
            <TextArea name="intro[message]" issue=issue(errors, "message") value=kept_or(errors, "message", String::new())
                rows=8 hint=move || t!(i18n, intro.message_hint, max = move || INTRO_MESSAGE_MAX)>
                {t!(i18n, intro.message)}
            </TextArea>
            <button type="submit">{t!(i18n, intro.submit)}</button>
        </ActionForm>
    }
}
