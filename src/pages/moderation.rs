//! `/moderation`: the queue of organizations waiting for verification; moderators only.

use crate::api::moderation::{verification_queue, DecideVerification};
use crate::api::spotlights::spotlight_drafts;
use crate::components::labels::kind_label;
use crate::components::FormNotice;
use crate::domain::VerificationRequest;
use crate::i18n::*;
use crate::pages::spotlights::SpotlightCardView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The moderation queue.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideVerification>::new();
    let queue = Resource::new(move || decide.version().get(), |_| verification_queue());
    let body = move || {
        Suspend::new(async move {
            match queue.await {
                Ok(queue) if queue.is_empty() => view! { <p>{t!(i18n, moderation.empty)}</p> }.into_any(),
                Ok(queue) => view! {
                    <ul class="cards">
                        {queue.into_iter().map(|r| view! { <li><Request request=r decide=decide /></li> }).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    let drafts = Resource::new(|| (), |_| spotlight_drafts());
    let drafts_view = move || {
        Suspend::new(async move {
            match drafts.await {
                Ok(drafts) if drafts.is_empty() => view! { <p>{t!(i18n, spotlights.no_drafts)}</p> }.into_any(),
                Ok(drafts) => view! {
                    <ul class="cards">{drafts.into_iter().map(|c| view! { <li><SpotlightCardView card=c /></li> }).collect_view()}</ul>
                }
                .into_any(),
                Err(_) => ().into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, moderation.title) />
        <h1>{t!(i18n, moderation.title)}</h1>
        <h2>{t!(i18n, moderation.verification_queue)}</h2>
        <FormNotice error=crate::pages::last_error(decide.value()) />
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
        <h2>{t!(i18n, spotlights.drafts)}</h2>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{drafts_view}</Transition>
    }
}

#[component]
fn Request(
    request: VerificationRequest,
    decide: ServerAction<DecideVerification>,
) -> impl IntoView {
    let i18n = use_i18n();
    let org = request.org;
    let kind = org.kind;
    let note_id = format!("note-{}", org.slug);
    view! {
        <article class="card">
            <h3><A href=format!("/organizations/{}", org.slug)>{org.name.clone()}</A></h3>
            <p class="card-meta">
                <span>{move || kind_label(i18n, kind)}</span>
                <span>{org.hq_country.name.clone()}</span>
                <span>{t!(i18n, moderation.requested_by)} " " {request.requested_by.clone()}</span>
            </p>
            <ActionForm action=decide attr:class="form">
                <input type="hidden" name="slug" value=org.slug.clone() />
                <div class="field">
                    <label for=note_id.clone()>{t!(i18n, moderation.note)}</label>
                    <textarea id=note_id name="note" rows="2"></textarea>
                </div>
                <button type="submit" name="decision" value="approve">{t!(i18n, moderation.approve)}</button>
                " "
                <button type="submit" name="decision" value="reject" class="secondary">{t!(i18n, moderation.reject)}</button>
            </ActionForm>
        </article>
    }
}
