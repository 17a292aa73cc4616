//! Explained matches, as the pages show them.

use super::{MemberCard, Named, NeedCard, OrgCard, PartnershipType, Sdg, Sector};
use serde::{Deserialize, Serialize};

/// How a shared country relates to the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// A member's country of origin (counted only when they show it to the viewer).
    Origin,
    /// A member's country of residence.
    Residence,
    /// A country an organization is active in.
    Active,
}

/// One reason a candidate matches, in codes and names the page puts in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MatchReason {
    /// Both work on this goal.
    Sdg(Sdg),
    /// A country the need concerns.
    Country { country: Named, place: Place },
    /// Both work in this sector.
    Sector(Sector),
    /// The candidate offers this form of partnership.
    Type(PartnershipType),
    /// The candidate speaks a language the need asks for.
    Language(Named),
    /// The candidate's own words are close to the need's.
    Text,
    /// A verified organization.
    Verified,
    /// Its owner has not confirmed it since this instant (Unix seconds): points taken off.
    NotConfirmedSince(i64),
}

/// A reason with its share of the score, in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explained {
    pub reason: MatchReason,
    /// Rounded to a tenth of a point.
    pub points: f32,
}

/// Who was matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Matched {
    Member(MemberCard),
    Organization(OrgCard),
}

/// One ranked partner for a need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerMatch {
    /// 0 to 100.
    pub score: u8,
    pub reasons: Vec<Explained>,
    pub who: Matched,
}

/// A need's best partners, members and organizations ranked apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedMatches {
    pub need: NeedCard,
    pub members: Vec<PartnerMatch>,
    pub organizations: Vec<PartnerMatch>,
}

/// One open need ranked for a member or an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedMatch {
    pub score: u8,
    pub reasons: Vec<Explained>,
    pub need: NeedCard,
}
