//! Meetings after an accepted introduction: one side proposes up to three times, the
//! other picks one or proposes others; either side moves or cancels it, the other told.
//!
//! Times travel as Unix seconds (UTC). Reading and writing them in a person's own time
//! zone needs the time-zone database, which only the server carries: views receive the
//! times already written out in the reader's zone.

use super::follow_up::Side;
use super::{bounded_text, web_address, FieldIssue, FormErrors};
use serde::{Deserialize, Serialize};

/// The most times one proposal offers.
pub const MAX_SLOTS: usize = 3;
/// How long a meeting may last, in minutes (the choices offered).
pub const DURATIONS: [u32; 6] = [15, 30, 45, 60, 90, 120];
/// A proposed time starts at least an hour after it is proposed…
pub const MIN_NOTICE_SECS: i64 = 3600;
/// …and within a year.
pub const MAX_AHEAD_SECS: i64 = 366 * 24 * 3600;
/// The reminder goes this long before the meeting.
pub const REMINDER_BEFORE_SECS: i64 = 24 * 3600;
/// The most characters of a place (an address, a room).
pub const PLACE_MAX: usize = 200;

/// Where the two sides meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// A video call: its link is shown to the two sides only.
    Online,
    InPerson,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Online, Mode::InPerson];

    pub fn code(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::InPerson => "in_person",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    /// Times offered, waiting for the other side to pick one.
    Proposed,
    /// A time is picked: it is in both agendas.
    Confirmed,
    /// Called off by one side.
    Cancelled,
    /// Replaced by a newer proposal (other times, or a move of a confirmed meeting).
    Replaced,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 4] = [
        MeetingStatus::Proposed,
        MeetingStatus::Confirmed,
        MeetingStatus::Cancelled,
        MeetingStatus::Replaced,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Confirmed => "confirmed",
            Self::Cancelled => "cancelled",
            Self::Replaced => "replaced",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What a side may do with the meeting as it stands (`None`: there is none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingAction {
    /// Offer times: the first proposal, other times in answer to one, or a move.
    Propose,
    /// Pick one of the times the other side offered.
    Pick,
    Cancel,
}

/// Whether `side` may take `action` on a meeting in `status` proposed by `proposed_by`
/// (`None`: no meeting yet). A meeting whose time has passed (`past`) is history: only a
/// new proposal follows it.
pub fn allows(
    current: Option<(MeetingStatus, Side, bool)>,
    side: Side,
    action: MeetingAction,
) -> bool {
    match (current, action) {
        (None, MeetingAction::Propose) => true,
        (None, _) => false,
        (Some((_, _, true)), action) => action == MeetingAction::Propose,
        (Some((MeetingStatus::Proposed, by, false)), MeetingAction::Pick) => by != side,
        (Some((MeetingStatus::Proposed | MeetingStatus::Confirmed, _, false)), action) => {
            action != MeetingAction::Pick
        }
        (Some((MeetingStatus::Cancelled | MeetingStatus::Replaced, _, false)), action) => {
            action == MeetingAction::Propose
        }
    }
}

/// A proposal as the form posts it (fields `proposal[mode]`…): the times as typed, in
/// the zone named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalForm {
    /// The meeting the page showed (0: none).
    pub seen: i64,
    pub mode: String,
    pub link: String,
    pub place: String,
    pub minutes: String,
    pub zone: String,
    pub slot1: String,
    pub slot2: String,
    pub slot3: String,
}

impl ProposalForm {
    /// The times as typed, in order.
    pub fn slots(&self) -> [&str; MAX_SLOTS] {
        [&self.slot1, &self.slot2, &self.slot3]
    }

    /// Keeps what was typed, to show it again beside the errors.
    pub fn keep(&self, errors: FormErrors) -> FormErrors {
        let mut errors = errors
            .keep("mode", &self.mode)
            .keep("link", &self.link)
            .keep("place", &self.place)
            .keep("minutes", &self.minutes)
            .keep("zone", &self.zone);
        for (index, slot) in self.slots().into_iter().enumerate() {
            errors = errors.keep(&slot_field(index), slot);
        }
        errors
    }
}

/// A proposal as posted: each time already read in the proposer's time zone (`None`: a
/// field left empty; `Some(None)`: not a date and time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalInput {
    pub mode: String,
    pub link: String,
    pub place: String,
    pub minutes: String,
    pub slots: Vec<Option<Option<i64>>>,
}

/// A proposal that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProposal {
    pub mode: Mode,
    /// The link (online) or the place (in person).
    pub place: String,
    pub minutes: u32,
    /// Distinct start times, earliest first.
    pub slots: Vec<i64>,
}

/// The name of the form field of slot `index` (from 0).
pub fn slot_field(index: usize) -> String {
    format!("slot{}", index + 1)
}

impl ProposalInput {
    /// Checks every field at `now`; each refusal names its field.
    pub fn validate(&self, now: i64) -> Result<ValidProposal, FormErrors> {
        let mut errors = FormErrors::default();
        let mode = Mode::parse(&self.mode);
        if mode.is_none() {
            errors = errors.field("mode", FieldIssue::InvalidChoice);
        }
        let place = match mode {
            Some(Mode::Online) => web_address(&self.link)
                .map_err(|issue| ("link", issue_or_required(issue, &self.link))),
            Some(Mode::InPerson) => bounded_text(&self.place, 2, PLACE_MAX)
                .map(|p| p.replace('\n', " "))
                .map_err(|issue| ("place", issue)),
            None => Ok(String::new()),
        };
        let place = match place {
            Ok(place) => place,
            Err((field, issue)) => {
                errors = errors.field(field, issue);
                String::new()
            }
        };
        let minutes = self
            .minutes
            .parse::<u32>()
            .ok()
            .filter(|m| DURATIONS.contains(m));
        if minutes.is_none() {
            errors = errors.field("minutes", FieldIssue::InvalidChoice);
        }
        let mut slots = Vec::new();
        for (index, slot) in self.slots.iter().enumerate().take(MAX_SLOTS) {
            let start = match slot {
                None => continue,
                Some(None) => Err(FieldIssue::InvalidDateTime),
                Some(Some(start)) if *start < now + MIN_NOTICE_SECS => Err(FieldIssue::SlotTooSoon),
                Some(Some(start)) if *start > now + MAX_AHEAD_SECS => Err(FieldIssue::SlotTooFar),
                Some(Some(start)) if slots.contains(start) => Err(FieldIssue::SlotRepeated),
                Some(Some(start)) => Ok(*start),
            };
            match start {
                Ok(start) => slots.push(start),
                Err(issue) => errors = errors.field(&slot_field(index), issue),
            }
        }
        if slots.is_empty() && !errors.fields.iter().any(|(f, _)| f.starts_with("slot")) {
            errors = errors.field(&slot_field(0), FieldIssue::Required);
        }
        if !errors.fields.is_empty() {
            return Err(errors);
        }
        slots.sort_unstable();
        match (mode, minutes) {
            (Some(mode), Some(minutes)) => Ok(ValidProposal {
                mode,
                place,
                minutes,
                slots,
            }),
            _ => Err(errors),
        }
    }
}

/// An empty link is "required", not "not a web address".
fn issue_or_required(issue: FieldIssue, typed: &str) -> FieldIssue {
    if typed.trim().is_empty() {
        FieldIssue::Required
    } else {
        issue
    }
}

/// One time, as the reader reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub starts_at: i64,
    /// Written out in the reader's time zone, e.g. `2027-01-15 15:00`.
    pub local: String,
}

/// The meeting of an introduction, for one of its two sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: i64,
    pub status: MeetingStatus,
    pub mode: Mode,
    /// The link (online) or the place (in person): the two sides only ever see it.
    pub place: String,
    pub minutes: u32,
    pub proposed_by: Side,
    /// The times offered (proposed), or the one picked (confirmed).
    pub slots: Vec<Slot>,
    /// Its time has passed (confirmed): it is history.
    pub past: bool,
}

impl Meeting {
    /// The picked time, once confirmed.
    pub fn chosen(&self) -> Option<&Slot> {
        (self.status == MeetingStatus::Confirmed)
            .then(|| self.slots.first())
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn input(slots: Vec<Option<Option<i64>>>) -> ProposalInput {
        ProposalInput {
            mode: "online".into(),
            link: "https://meet.example.org/abc".into(),
            place: String::new(),
            minutes: "60".into(),
            slots,
        }
    }

    #[test]
    fn a_proposal_keeps_distinct_future_times_earliest_first() {
        let valid = input(vec![
            Some(Some(NOW + 3 * 86_400)),
            None,
            Some(Some(NOW + 86_400)),
        ])
        .validate(NOW)
        .expect("valid");
        assert_eq!(valid.slots, vec![NOW + 86_400, NOW + 3 * 86_400]);
        assert_eq!(valid.mode, Mode::Online);
        assert_eq!(valid.minutes, 60);
    }

    #[test]
    fn each_bad_time_is_named_by_its_field() {
        let errors = input(vec![
            Some(Some(NOW + 600)),
            Some(Some(NOW + 400 * 86_400)),
            Some(None),
        ])
        .validate(NOW)
        .expect_err("refused");
        assert_eq!(errors.issue("slot1"), Some(FieldIssue::SlotTooSoon));
        assert_eq!(errors.issue("slot2"), Some(FieldIssue::SlotTooFar));
        assert_eq!(errors.issue("slot3"), Some(FieldIssue::InvalidDateTime));
        let repeated = input(vec![Some(Some(NOW + 86_400)), Some(Some(NOW + 86_400))])
            .validate(NOW)
            .expect_err("refused");
        assert_eq!(repeated.issue("slot2"), Some(FieldIssue::SlotRepeated));
        let none = input(vec![None, None, None])
            .validate(NOW)
            .expect_err("refused");
        assert_eq!(none.issue("slot1"), Some(FieldIssue::Required));
    }

    #[test]
    fn online_needs_a_link_and_in_person_a_place() {
        let mut online = input(vec![Some(Some(NOW + 86_400))]);
        online.link = String::new();
        assert_eq!(
            online.validate(NOW).expect_err("refused").issue("link"),
            Some(FieldIssue::Required)
        );
        online.link = "meet me".into();
        assert_eq!(
            online.validate(NOW).expect_err("refused").issue("link"),
            Some(FieldIssue::InvalidUrl)
        );
        let mut in_person = input(vec![Some(Some(NOW + 86_400))]);
        in_person.mode = "in_person".into();
        assert_eq!(
            in_person.validate(NOW).expect_err("refused").issue("place"),
            Some(FieldIssue::Required)
        );
        in_person.place = "Ministry of Labour, room 4".into();
        assert_eq!(
            in_person.validate(NOW).expect("valid").place,
            "Ministry of Labour, room 4"
        );
        let mut odd = input(vec![Some(Some(NOW + 86_400))]);
        odd.minutes = "61".into();
        odd.mode = "phone".into();
        let errors = odd.validate(NOW).expect_err("refused");
        assert_eq!(errors.issue("minutes"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.issue("mode"), Some(FieldIssue::InvalidChoice));
    }

    #[test]
    fn only_the_other_side_picks_and_a_past_meeting_is_history() {
        use MeetingAction::*;
        use MeetingStatus::*;
        let proposed = Some((Proposed, Side::Sender, false));
        assert!(!allows(proposed, Side::Sender, Pick));
        assert!(allows(proposed, Side::Recipient, Pick));
        // Other times in answer, or a change of one's own proposal; either cancels.
        assert!(allows(proposed, Side::Recipient, Propose));
        assert!(allows(proposed, Side::Sender, Propose));
        assert!(allows(proposed, Side::Sender, Cancel));
        let confirmed = Some((Confirmed, Side::Sender, false));
        assert!(!allows(confirmed, Side::Recipient, Pick));
        assert!(allows(confirmed, Side::Recipient, Propose));
        assert!(allows(confirmed, Side::Recipient, Cancel));
        let held = Some((Confirmed, Side::Sender, true));
        assert!(!allows(held, Side::Recipient, Cancel));
        assert!(allows(held, Side::Recipient, Propose));
        for over in [Cancelled, Replaced] {
            assert!(!allows(
                Some((over, Side::Sender, false)),
                Side::Recipient,
                Pick
            ));
            assert!(!allows(
                Some((over, Side::Sender, false)),
                Side::Recipient,
                Cancel
            ));
        }
        assert!(allows(None, Side::Sender, Propose));
        assert!(!allows(None, Side::Sender, Pick));
    }
}
