//! Types shared by the browser and the server, and the rules that validate them.
//!
//! The form uses these rules for instant feedback; the server applies them again,
//! and only the server's verdict counts.

#[macro_use]
mod taxonomy;
mod directory;
mod display_name;
mod email;
mod error;
pub mod follow_up;
pub mod freshness;
mod introduction;
mod map;
mod matching;
pub mod meeting;
mod need;
mod organization;
mod password;
mod profile;
mod spotlight;
mod text_rules;
mod user;
mod visibility;

pub use directory::{DirectoryPage, DirectoryQuery, Facet, FacetCount};
pub use display_name::DisplayName;
pub use email::Email;
pub use error::{AppError, FieldIssue, FormErrors, Notice};
pub use freshness::FreshnessLink;
pub use introduction::{
    Block, Contact, Event, EventKind, Inbox, IntroInput, IntroStatus, IntroTarget, Introduction,
    Party, Recipient, ValidIntro, INTROS_PER_DAY, INTRO_EXPIRY_DAYS, INTRO_MESSAGE_MAX,
};
pub use map::{MapCountry, WorldMapView};
pub use matching::{Explained, MatchReason, Matched, NeedMatch, NeedMatches, PartnerMatch, Place};
pub use need::{
    Direction, Need, NeedCard, NeedDeletion, NeedInput, NeedRules, NeedStatus, PartnerKind,
    PartnershipType, ValidNeed,
};
pub use organization::{
    OrgCard, OrgDeletion, OrgInput, OrgMember, OrgProfile, OrgRole, ValidOrg, Verification,
    VerificationRequest,
};
pub use password::Password;
pub use profile::{
    MemberCard, MemberProfile, Named, ProfileEditor, ProfileInput, ValidProfile, VisibilitySettings,
};
pub use spotlight::{
    RegionView, Spotlight, SpotlightCard, SpotlightInput, ValidSpotlight, IMAGE_ALT_MAX,
};
pub use taxonomy::{Offer, OrgKind, OrgSize, Sdg, Sector};
pub use text_rules::{bounded_text, code_set, web_address};
pub use user::{CurrentUser, Presence, Role};
pub use visibility::{Audience, Visibility};
