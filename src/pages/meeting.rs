//! The meeting section of `/introductions/{id}`: the times proposed or the one picked
//! (in the reader's time zone), the calendar file, cancel, and the form that proposes
//! times (the first proposal, other times in answer, or a move).

use crate::api::meetings::{CancelMeeting, PickMeetingTime, ProposeMeeting, SaveTimeZone};
use crate::components::{FormNotice, IssueMessage, SelectField, TextField};
use crate::domain::follow_up::Side;
use crate::domain::meeting::{Meeting, MeetingStatus, Mode, DURATIONS};
use crate::domain::AppError;
use crate::i18n::*;
use crate::pages::{chosen_or, form_errors, issue, kept, last_error};
use leptos::prelude::*;

/// The four forms of the section; the page reloads its data after each answers.
#[derive(Clone, Copy)]
pub struct MeetingActions {
    pub propose: ServerAction<ProposeMeeting>,
    pub pick: ServerAction<PickMeetingTime>,
    pub cancel: ServerAction<CancelMeeting>,
    pub zone: ServerAction<SaveTimeZone>,
}

impl MeetingActions {
    pub fn new() -> Self {
        Self {
            propose: ServerAction::new(),
            pick: ServerAction::new(),
            cancel: ServerAction::new(),
            zone: ServerAction::new(),
        }
    }

    /// Changes whenever one of the forms answered.
    pub fn version(&self) -> usize {
        self.propose.version().get()
            + self.pick.version().get()
            + self.cancel.version().get()
            + self.zone.version().get()
    }
}

impl Default for MeetingActions {
    fn default() -> Self {
        Self::new()
    }
}

/// What the last answer of a meeting form was, as the address says it (`meeting=`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MeetingNews {
    Proposed,
    Picked,
    Cancelled,
    Zone,
}

impl MeetingNews {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "proposed" => Some(Self::Proposed),
            "confirmed" => Some(Self::Picked),
            "cancelled" => Some(Self::Cancelled),
            "zone" => Some(Self::Zone),
            _ => None,
        }
    }
}

#[component]
pub fn MeetingSection(
    id: i64,
    side: Side,
    meeting: Option<Meeting>,
    time_zone: String,
    zones: Vec<String>,
    actions: MeetingActions,
    /// The news to show (which form answered last, or the address).
    #[prop(into)]
    news: Signal<Option<MeetingNews>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let seen = meeting.as_ref().map_or(0, |m| m.id);
    let zone_options: Vec<(String, String)> = zones
        .iter()
        .map(|z| (z.clone(), z.replace('_', " ")))
        .collect();
    let zone_errors = form_errors(actions.zone.value());
    let zone_shown = time_zone.clone();
    let title = match meeting.as_ref() {
        None => MeetingForm::First,
        Some(m) if m.past => MeetingForm::First,
        Some(m) if m.status == MeetingStatus::Confirmed => MeetingForm::Move,
        Some(m) if m.proposed_by != side => MeetingForm::Other,
        Some(_) => MeetingForm::Change,
    };
    view! {
        <section aria-labelledby="meeting">
            <h2 id="meeting">{t!(i18n, meeting.title)}</h2>
            {move || news.get().map(|news| {
                let text = match news {
                    MeetingNews::Proposed => t_string!(i18n, meeting.proposed),
                    MeetingNews::Picked => t_string!(i18n, meeting.picked),
                    MeetingNews::Cancelled => t_string!(i18n, meeting.cancelled),
                    MeetingNews::Zone => t_string!(i18n, meeting.zone_saved),
                };
                view! { <p class="form-success" role="status">{text}</p> }
            })}
            <MeetingRefusal error=last_error(actions.pick.value()) />
            <MeetingRefusal error=last_error(actions.cancel.value()) />
            <p class="card-meta">{t!(i18n, meeting.times_in, zone = move || zone_shown.clone())}</p>
            <MeetingNow id=id side=side meeting=meeting actions=actions />
            <ProposeForm id=id seen=seen form=title time_zone=time_zone.clone()
                zones=zone_options.clone() action=actions.propose />
            <ActionForm action=actions.zone attr:class="inline-form">
                <FormNotice error=last_error(actions.zone.value()) />
                <input type="hidden" name="id" value=id.to_string() />
                <SelectField name="time_zone" issue=issue(zone_errors, "time_zone") options=zone_options
                    selected=chosen_or(zone_errors, "time_zone", vec![time_zone])>
                    {t!(i18n, meeting.time_zone)}
                </SelectField>
                <button type="submit" class="secondary">{t!(i18n, meeting.save_zone)}</button>
            </ActionForm>
        </section>
    }
}

/// Why a meeting form was refused: the meeting changed meanwhile (its own message, as
/// no field of the form is wrong), or what the form notice says.
#[component]
fn MeetingRefusal(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        let error = error.get()?;
        let whole = match &error {
            AppError::Form(form) => ["meeting", "slot"]
                .into_iter()
                .find_map(|field| form.issue(field)),
            _ => None,
        };
        Some(match whole {
            Some(issue) => view! {
                <div class="form-notice" role="alert"><IssueMessage issue=issue /></div>
            }
            .into_any(),
            None => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
        })
    }
}

/// The meeting as it stands: none, times waiting for a pick, confirmed, or last held.
#[component]
fn MeetingNow(
    id: i64,
    side: Side,
    meeting: Option<Meeting>,
    actions: MeetingActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(meeting) = meeting else {
        return view! { <p>{t!(i18n, meeting.none)}</p> }.into_any();
    };
    let cancel = (!meeting.past).then(|| {
        view! {
            <ActionForm action=actions.cancel attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="meeting" value=meeting.id.to_string() />
                <button type="submit" class="secondary">{t!(i18n, meeting.cancel)}</button>
            </ActionForm>
        }
    });
    let place = meeting.place.clone();
    let where_ = match meeting.mode {
        Mode::Online => view! {
            <p>{t!(i18n, meeting.online_at)} " " <a href=place.clone() rel="noopener noreferrer">{place.clone()}</a></p>
        }
        .into_any(),
        Mode::InPerson => view! { <p>{t!(i18n, meeting.in_person_at)} " " {place.clone()}</p> }.into_any(),
    };
    if let Some(chosen) = meeting.chosen().cloned() {
        let time = chosen.local.clone();
        if meeting.past {
            return view! { <p>{t!(i18n, meeting.held, time = move || time.clone())}</p> }
                .into_any();
        }
        let minutes = meeting.minutes;
        return view! {
            <p class="meeting-confirmed">
                <strong>{t!(i18n, meeting.confirmed, time = move || time.clone(), minutes = move || minutes)}</strong>
            </p>
            {where_}
            <p><a href=format!("/introductions/{id}/meeting.ics") rel="external" download="passerelle-meeting.ics">{t!(i18n, meeting.ics)}</a></p>
            {cancel}
        }
        .into_any();
    }
    let theirs = meeting.proposed_by != side;
    let meeting_id = meeting.id;
    view! {
        <p>{if theirs { t_string!(i18n, meeting.theirs_waiting) } else { t_string!(i18n, meeting.yours_waiting) }}</p>
        <ul class="meeting-slots">
            {meeting.slots.into_iter().map(|slot| {
                let time = slot.local.clone();
                if theirs {
                    view! {
                        <li>
                            <ActionForm action=actions.pick attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string() />
                                <input type="hidden" name="meeting" value=meeting_id.to_string() />
                                <input type="hidden" name="starts_at" value=slot.starts_at.to_string() />
                                <button type="submit">{t!(i18n, meeting.pick, time = move || time.clone())}</button>
                            </ActionForm>
                        </li>
                    }
                    .into_any()
                } else {
                    view! { <li>{time}</li> }.into_any()
                }
            }).collect_view()}
        </ul>
        {where_}
        {cancel}
    }
    .into_any()
}

/// Which proposal the form makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MeetingForm {
    First,
    Other,
    Change,
    Move,
}

#[component]
fn ProposeForm(
    id: i64,
    seen: i64,
    form: MeetingForm,
    time_zone: String,
    zones: Vec<(String, String)>,
    action: ServerAction<ProposeMeeting>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = form_errors(action.value());
    let modes: Vec<(String, String)> = Mode::ALL
        .into_iter()
        .map(|m| {
            let label = match m {
                Mode::Online => t_string!(i18n, meeting.online),
                Mode::InPerson => t_string!(i18n, meeting.in_person),
            };
            (m.code().to_owned(), label.to_owned())
        })
        .collect();
    let unit = t_string!(i18n, meeting.minutes_unit);
    let durations: Vec<(String, String)> = DURATIONS
        .into_iter()
        .map(|m| (m.to_string(), format!("{m} {unit}")))
        .collect();
    let heading = match form {
        MeetingForm::First | MeetingForm::Change => t_string!(i18n, meeting.propose),
        MeetingForm::Other => t_string!(i18n, meeting.propose_other),
        MeetingForm::Move => t_string!(i18n, meeting.move_meeting),
    };
    view! {
        <h3 id="propose">{heading}</h3>
        <ActionForm action=action attr:class="form" attr:aria-labelledby="propose">
            <FormNotice error=last_error(action.value()) />
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="proposal[seen]" value=seen.to_string() />
            <SelectField name="proposal[mode]" issue=issue(errors, "mode") options=modes
                selected=chosen_or(errors, "mode", vec![Mode::Online.code().to_owned()])>
                {t!(i18n, meeting.mode)}
            </SelectField>
            <TextField name="proposal[link]" input_type="url" autocomplete="url" required=false
                issue=issue(errors, "link") value=kept(errors, "link")
                hint=move || t!(i18n, meeting.link_hint)>
                {t!(i18n, meeting.link)}
            </TextField>
            <TextField name="proposal[place]" autocomplete="street-address" required=false
                issue=issue(errors, "place") value=kept(errors, "place")>
                {t!(i18n, meeting.place)}
            </TextField>
            <SelectField name="proposal[minutes]" issue=issue(errors, "minutes") options=durations
                selected=chosen_or(errors, "minutes", vec!["60".to_owned()])>
                {t!(i18n, meeting.minutes)}
            </SelectField>
            <SelectField name="proposal[zone]" issue=issue(errors, "zone") options=zones
                selected=chosen_or(errors, "zone", vec![time_zone])>
                {t!(i18n, meeting.zone)}
            </SelectField>
            <TextField name="proposal[slot1]" input_type="datetime-local" autocomplete="off"
                issue=issue(errors, "slot1") value=kept(errors, "slot1")
                hint=move || t!(i18n, meeting.slot_hint)>
                {t!(i18n, meeting.slot1)}
            </TextField>
            <TextField name="proposal[slot2]" input_type="datetime-local" autocomplete="off" required=false
                issue=issue(errors, "slot2") value=kept(errors, "slot2")>
                {t!(i18n, meeting.slot2)}
            </TextField>
            <TextField name="proposal[slot3]" input_type="datetime-local" autocomplete="off" required=false
                issue=issue(errors, "slot3") value=kept(errors, "slot3")>
                {t!(i18n, meeting.slot3)}
            </TextField>
            <button type="submit">{t!(i18n, meeting.send)}</button>
        </ActionForm>
    }
}
