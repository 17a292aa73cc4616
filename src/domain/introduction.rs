//! Introductions: a request to be put in touch, answered by the other side. Contact
//! details travel only with an accepted one.

use super::text_rules::bounded_text;
use super::{FieldIssue, FormErrors, NeedCard, OrgKind, Verification};
use serde::{Deserialize, Serialize};

/// The longest message of a request.
pub const INTRO_MESSAGE_MAX: usize = 1000;
/// Requests one account may send in 24 hours.
pub const INTROS_PER_DAY: i64 = 20;

/// The introduction form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntroInput {
    /// `member:{id}` or `org:{slug}`.
    pub to: String,
    /// The need it is about, if any (its id).
    pub need: String,
    /// Empty to write as oneself, or the slug of an organization one administers.
    pub from_org: String,
    pub message: String,
}

/// Whom a request is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    Member(i64),
    Organization(String),
}

/// A request that passed the form's rules.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidIntro {
    pub to: Recipient,
    pub need: Option<i64>,
    pub from_org: Option<String>,
    pub message: String,
}

impl IntroInput {
    /// Checks the form; on refusal, the issue by field and the typing kept.
    pub fn validate(&self) -> Result<ValidIntro, FormErrors> {
        let to = Recipient::parse(&self.to).ok_or(FieldIssue::InvalidChoice);
        let need = match self.need.trim() {
            "" => Ok(None),
            id => id.parse().map(Some).map_err(|_| FieldIssue::InvalidChoice),
        };
        let message = bounded_text(&self.message, 10, INTRO_MESSAGE_MAX);
        match (to, need, message) {
            (Ok(to), Ok(need), Ok(message)) => Ok(ValidIntro {
                to,
                need,
                from_org: Some(self.from_org.trim().to_owned()).filter(|s| !s.is_empty()),
                message,
            }),
            (to, need, message) => {
                let mut errors = FormErrors::default();
                for (field, issue) in [
                    ("to", to.err()),
                    ("need", need.err()),
                    ("message", message.err()),
                ] {
                    if let Some(issue) = issue {
                        errors = errors.field(field, issue);
                    }
                }
                Err(self.keep(errors))
            }
        }
    }

    /// Keeps the typing, to show it again beside the errors.
    pub fn keep(&self, errors: FormErrors) -> FormErrors {
        errors
            .keep("to", &self.to)
            .keep("need", &self.need)
            .keep("from_org", &self.from_org)
            .keep("message", &self.message)
    }
}

impl Recipient {
    /// Reads `member:{id}` or `org:{slug}`.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().split_once(':')? {
            ("member", id) => id.parse().ok().map(Self::Member),
            ("org", slug) if !slug.is_empty() => Some(Self::Organization(slug.to_owned())),
            _ => None,
        }
    }

    /// The form's code.
    pub fn code(&self) -> String {
        match self {
            Self::Member(id) => format!("member:{id}"),
            Self::Organization(slug) => format!("org:{slug}"),
        }
    }
}

/// One side of an introduction, as the other side may see it: public facts only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Party {
    /// A member: their name and headline, and a link when their profile is open to the reader.
    Member {
        id: i64,
        name: String,
        headline: String,
        profile_open: bool,
    },
    /// Someone who erased their account: nothing of theirs is left to show.
    FormerMember,
    /// An organization, with its badge.
    Organization {
        slug: String,
        name: String,
        kind: OrgKind,
        verification: Verification,
    },
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntroStatus {
    Pending,
    Accepted,
    Declined,
    /// Taken back by its sender before any answer.
    Withdrawn,
    /// Left unanswered for [`INTRO_EXPIRY_DAYS`] days.
    Expired,
}

/// Days a request waits for an answer before it expires.
pub const INTRO_EXPIRY_DAYS: i64 = 14;

impl IntroStatus {
    /// Reads the stored code.
    pub fn parse(code: &str) -> Self {
        match code {
            "accepted" => Self::Accepted,
            "declined" => Self::Declined,
            "withdrawn" => Self::Withdrawn,
            "expired" => Self::Expired,
            _ => Self::Pending,
        }
    }
}

/// Contact details, shared only by an accepted introduction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

/// One introduction as one of its sides sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introduction {
    pub id: i64,
    pub from: Party,
    pub to: Party,
    pub need: Option<NeedCard>,
    /// The title of the need it was about, when that need has since been deleted.
    pub need_deleted: Option<String>,
    /// The message: the recipient reads it; the sender sees what they wrote.
    pub message: String,
    pub status: IntroStatus,
    pub created_at: i64,
    /// The other side's contact details, once accepted; never before.
    pub contact: Option<Contact>,
    /// Once accepted: the meeting planned or waiting for a pick, in the reader's zone.
    pub meeting: Option<super::meeting::Meeting>,
}

/// A member the reader blocked, or an organization they administer did: that member
/// can send them (or it) no more requests until unblocked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub member_id: i64,
    pub name: String,
    /// The organization that blocked them; `None` when the reader did, for themselves.
    pub organization: Option<super::Named>,
    pub since: i64,
}

/// What an event in the inbox is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    /// Someone asked to be introduced (to the reader or an organization they administer).
    IntroReceived { from: String },
    /// The other side accepted the reader's request.
    IntroAccepted { by: String },
    /// A request went unanswered for two weeks and expired: one the reader sent
    /// (`sent`), or one they (or an organization they administer) received; `with` is
    /// the other side.
    IntroExpired { with: String, sent: bool },
    /// A moderator verified an organization the reader administers.
    VerificationGranted { organization: String, slug: String },
}

/// One event, read or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub kind: EventKind,
    pub created_at: i64,
    pub read: bool,
}

/// The inbox: requests received (pending first), requests sent, and events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub received: Vec<Introduction>,
    pub sent: Vec<Introduction>,
    pub events: Vec<Event>,
}

/// What the introduction form shows: to whom, about what, and as whom one may write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntroTarget {
    pub to: String,
    pub recipient: Party,
    pub need: Option<NeedCard>,
    /// Organizations the sender administers: (slug, name).
    pub as_orgs: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_names_its_recipient_and_bounds_its_message() {
        let ok = IntroInput {
            to: "member:12".into(),
            need: "3".into(),
            from_org: String::new(),
            message: "Hello, we would like to meet you.".into(),
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.to, Recipient::Member(12));
        assert_eq!(ok.need, Some(3));
        assert_eq!(ok.from_org, None);
        let bad = IntroInput {
            to: "nobody".into(),
            need: "x".into(),
            from_org: String::new(),
            message: "a".repeat(INTRO_MESSAGE_MAX + 1),
        }
        .validate()
        .expect_err("refused");
        assert_eq!(bad.issue("to"), Some(FieldIssue::InvalidChoice));
        assert_eq!(bad.issue("need"), Some(FieldIssue::InvalidChoice));
        assert_eq!(
            bad.issue("message"),
            Some(FieldIssue::TooLong {
                max: INTRO_MESSAGE_MAX
            })
        );
        assert_eq!(
            Recipient::parse("org:caribbean-nurses"),
            Some(Recipient::Organization("caribbean-nurses".into()))
        );
    }
}
