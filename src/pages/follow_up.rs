//! `/introductions/{id}`: after an accepted introduction, its two sides say where the
//! contact stands and confirm the agreement it led to. Nobody else sees this page.

use crate::api::follow_up::{load_follow_up, MoveStage, StateAgreement};
use crate::components::labels::{agreement_label, iso_date, stage_label};
use crate::components::{FormNotice, SelectField};
use crate::domain::follow_up::{AgreementKind, FollowUp, Side};
use crate::domain::AppError;
use crate::i18n::*;
use crate::pages::inbox::IntroBody;
use crate::pages::meeting::{MeetingActions, MeetingNews, MeetingSection};
use crate::pages::not_found::SignInFirst;
use crate::pages::{form_errors, issue, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The follow-up, or why not.
#[component]
pub fn FollowUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let moved = ServerAction::<MoveStage>::new();
    let stated = ServerAction::<StateAgreement>::new();
    let meetings = MeetingActions::new();
    // Hydrated, the forms answer in place and the address keeps the news of the first
    // answer: which form answered last decides what the page says.
    let last = RwSignal::new(None::<Last>);
    Effect::new(move || {
        if moved.version().get() > 0 {
            last.set(Some(Last::Moved));
        }
    });
    Effect::new(move || {
        if stated.version().get() > 0 {
            last.set(Some(Last::Stated));
        }
    });
    let meeting_forms = [
        (meetings.propose.version(), MeetingNews::Proposed),
        (meetings.pick.version(), MeetingNews::Picked),
        (meetings.cancel.version(), MeetingNews::Cancelled),
        (meetings.zone.version(), MeetingNews::Zone),
    ];
    for (version, news) in meeting_forms {
        Effect::new(move || {
            if version.get() > 0 {
                last.set(Some(Last::Meeting(news)));
            }
        });
    }
    let data = Resource::new(
        move || {
            (
                id(),
                moved.version().get(),
                stated.version().get(),
                meetings.version(),
            )
        },
        |(id, _, _, _)| load_follow_up(id),
    );
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(follow) => {
                    view! { <FollowUpView follow=follow moved=moved stated=stated meetings=meetings last=last /> }
                        .into_any()
                }
                Err(AppError::Unauthorized) => view! { <SignInFirst /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, follow.title) />
        <h1>{t!(i18n, follow.title)}</h1>
        <p><A href="/inbox">{t!(i18n, follow.back)}</A></p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// The form that answered last, once one has (hydrated).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Moved,
    Stated,
    Meeting(MeetingNews),
}

#[component]
fn FollowUpView(
    follow: FollowUp,
    moved: ServerAction<MoveStage>,
    stated: ServerAction<StateAgreement>,
    meetings: MeetingActions,
    last: RwSignal<Option<Last>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let follow_id = follow.introduction.id;
    let id = follow_id.to_string();
    let stage = follow.stage;
    let side = follow.side;
    let moves: Vec<(String, String)> = stage
        .moves()
        .into_iter()
        .map(|s| (s.code().to_owned(), stage_label(i18n, s)))
        .collect();
    let kinds: Vec<(String, String)> = AgreementKind::ALL
        .into_iter()
        .map(|k| (k.code().to_owned(), agreement_label(i18n, k)))
        .collect();
    let move_errors = form_errors(moved.value());
    let agreement_errors = form_errors(stated.value());
    let confirmed_now = follow.agreement.is_some_and(|a| a.confirmed_at.is_some());
    let just_moved = move || match last.get() {
        Some(form) => form == Last::Moved && matches!(moved.value().get(), Some(Ok(()))),
        None => query.with(|q| q.get("moved").as_deref() == Some("1")),
    };
    let agreement_news = move || match last.get() {
        Some(form) => (form == Last::Stated && matches!(stated.value().get(), Some(Ok(()))))
            .then(|| if confirmed_now { "confirmed" } else { "stated" }.to_owned()),
        None => query.with(|q| q.get("agreement")),
    };
    // A meeting form's news shows only if it succeeded (a refusal says why instead).
    let meeting_news = Signal::derive(move || match last.get() {
        Some(Last::Meeting(news)) => {
            let ok = match news {
                MeetingNews::Proposed => matches!(meetings.propose.value().get(), Some(Ok(()))),
                MeetingNews::Picked => matches!(meetings.pick.value().get(), Some(Ok(()))),
                MeetingNews::Cancelled => matches!(meetings.cancel.value().get(), Some(Ok(()))),
                MeetingNews::Zone => matches!(meetings.zone.value().get(), Some(Ok(()))),
            };
            ok.then_some(news)
        }
        Some(_) => None,
        None => query
            .with(|q| q.get("meeting"))
            .as_deref()
            .and_then(MeetingNews::parse),
    });
    let since = iso_date(follow.stage_changed_at);
    let agreement = follow.agreement;
    let open = !stage.is_closed();
    let other_stated = agreement.filter(|a| a.confirmed_at.is_none() && a.stated_by != side);
    let mine_stated = agreement.filter(|a| a.confirmed_at.is_none() && a.stated_by == side);
    let confirmed = agreement.filter(|a| a.confirmed_at.is_some());
    let history = follow.history;
    let (id_move, id_confirm, id_state) = (id.clone(), id.clone(), id.clone());
    view! {
        <section class="intro" aria-labelledby="intro">
            <h2 id="intro" class="visually-hidden">{t!(i18n, follow.introduction)}</h2>
            <IntroBody intro=follow.introduction received=side == Side::Recipient linked=false />
        </section>
        <MeetingSection id=follow_id side=side meeting=follow.meeting time_zone=follow.time_zone
            zones=follow.zones actions=meetings news=meeting_news />
        <section aria-labelledby="stage">
            <h2 id="stage">{t!(i18n, follow.stage)}</h2>
            <p class="stage-now">
                <strong>{stage_label(i18n, stage)}</strong> " · "
                <span class="card-meta">{t!(i18n, follow.since, date = move || since.clone())}</span>
            </p>
            <Show when=just_moved>
                <p class="form-success" role="status">{t!(i18n, follow.moved)}</p>
            </Show>
            {if open {
                view! {
                    <ActionForm action=moved attr:class="form">
                        <FormNotice error=last_error(moved.value()) />
                        <input type="hidden" name="id" value=id_move />
                        <input type="hidden" name="from" value=stage.code() />
                        <SelectField name="stage" issue=issue(move_errors, "stage") options=moves
                            selected=Signal::stored(Vec::new())>
                            {t!(i18n, follow.move_to)}
                        </SelectField>
                        <button type="submit">{t!(i18n, follow.save_stage)}</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! { <p>{t!(i18n, follow.closed)}</p> }.into_any()
            }}
        </section>
        <section aria-labelledby="agreement">
            <h2 id="agreement">{t!(i18n, follow.agreement)}</h2>
            {move || agreement_news().map(|news| match news.as_str() {
                "confirmed" => view! { <p class="form-success" role="status">{t!(i18n, follow.agreement_confirmed)}</p> }.into_any(),
                _ => view! { <p class="form-success" role="status">{t!(i18n, follow.agreement_stated)}</p> }.into_any(),
            })}
            {confirmed.map(|a| {
                let kind = agreement_label(i18n, a.kind);
                let date = iso_date(a.confirmed_at.unwrap_or(a.stated_at));
                view! { <p>{t!(i18n, follow.agreement_reached, kind = move || kind.clone(), date = move || date.clone())}</p> }
            })}
            {mine_stated.map(|a| {
                let kind = agreement_label(i18n, a.kind);
                view! { <p>{t!(i18n, follow.agreement_waiting, kind = move || kind.clone())}</p> }
            })}
            {other_stated.map(|a| {
                let kind = agreement_label(i18n, a.kind);
                let id = id_confirm.clone();
                view! {
                    <p>{t!(i18n, follow.agreement_other, kind = move || kind.clone())}</p>
                    <ActionForm action=stated attr:class="inline-form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="kind" value=a.kind.code() />
                        <button type="submit">{t!(i18n, follow.confirm)}</button>
                    </ActionForm>
                }
            })}
            {open.then(|| view! {
                <ActionForm action=stated attr:class="form">
                    <FormNotice error=last_error(stated.value()) />
                    <input type="hidden" name="id" value=id_state />
                    <SelectField name="kind" issue=issue(agreement_errors, "kind") options=kinds
                        selected=Signal::stored(Vec::new()) hint=move || t!(i18n, follow.agreement_hint)>
                        {t!(i18n, follow.agreement_kind)}
                    </SelectField>
                    <button type="submit" class="secondary">{t!(i18n, follow.state)}</button>
                </ActionForm>
            })}
        </section>
        <section aria-labelledby="history">
            <h2 id="history">{t!(i18n, follow.history)}</h2>
            {if history.is_empty() {
                view! { <p>{t!(i18n, follow.no_history)}</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {history.into_iter().map(|(stage, by, at)| {
                            let who = if by == side { t_string!(i18n, follow.by_you) } else { t_string!(i18n, follow.by_other) };
                            view! { <li>{iso_date(at)} " — " {stage_label(i18n, stage)} " (" {who} ")"</li> }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}
