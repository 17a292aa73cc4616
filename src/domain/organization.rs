use super::text_rules::{bounded_text, code_set, web_address};
use super::{Email, FieldIssue, FormErrors, Named, OrgKind, OrgSize, Sdg, Sector};
use serde::{Deserialize, Serialize};

/// A person's role in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrgRole {
    /// Belongs to it.
    Member,
    /// Edits it, posts for it, manages members, asks for verification.
    Admin,
    /// An admin who also manages admins; an organization always keeps one.
    Owner,
}

impl OrgRole {
    /// Every role, from the most powerful.
    pub const ALL: [OrgRole; 3] = [Self::Owner, Self::Admin, Self::Member];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Admin => "admin",
            Self::Owner => "owner",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether this role may edit the organization and act for it.
    pub fn can_manage(self) -> bool {
        self >= Self::Admin
    }
}

/// Where an organization stands with the moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    /// Never asked, or asked again after a rejection was read.
    Unverified,
    /// Waiting in the moderation queue.
    Pending,
    /// A moderator checked it: it carries the badge.
    Verified,
    /// A moderator refused, with a note.
    Rejected,
}

impl Verification {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Pending => "pending",
            Self::Verified => "verified",
            Self::Rejected => "rejected",
        }
    }

    /// Reads a stored code; anything unknown counts as unverified.
    pub fn parse(code: &str) -> Self {
        match code {
            "pending" => Self::Pending,
            "verified" => Self::Verified,
            "rejected" => Self::Rejected,
            _ => Self::Unverified,
        }
    }
}

/// The organization form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgInput {
    pub name: String,
    pub kind: String,
    pub hq_country: String,
    pub countries: Vec<String>,
    pub sectors: Vec<String>,
    pub sdgs: Vec<String>,
    pub description: String,
    pub website: String,
    pub year_founded: String,
    pub size: String,
    pub public_contact: String,
}

/// An organization that passed every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidOrg {
    pub name: String,
    pub kind: OrgKind,
    pub hq_country: String,
    pub countries: Vec<String>,
    pub sectors: Vec<Sector>,
    pub sdgs: Vec<Sdg>,
    pub description: String,
    pub website: Option<String>,
    pub year_founded: Option<i64>,
    pub size: Option<OrgSize>,
    pub public_contact: Option<Email>,
}

impl OrgInput {
    /// Checks every field; `country` says whether a code is in the reference table;
    /// `this_year` bounds the founding year.
    pub fn validate(
        &self,
        country: impl Fn(&str) -> bool,
        this_year: i64,
    ) -> Result<ValidOrg, FormErrors> {
        let mut errors = FormErrors::default();
        let one_country = |code: &str| {
            if code.trim().is_empty() {
                Err(FieldIssue::Required)
            } else if country(code.trim()) {
                Ok(code.trim().to_owned())
            } else {
                Err(FieldIssue::InvalidChoice)
            }
        };
        let name = bounded_text(&self.name, 2, 120);
        let kind = OrgKind::parse(&self.kind).ok_or(FieldIssue::InvalidChoice);
        let hq = one_country(&self.hq_country);
        let countries = code_set(&self.countries, 60, |c| country(c).then(|| c.to_owned()));
        let sectors = code_set(&self.sectors, 6, Sector::parse);
        let sdgs = code_set(&self.sdgs, 17, Sdg::parse);
        let description = bounded_text(&self.description, 0, 4000);
        let website = optional(&self.website, web_address);
        let year = optional(&self.year_founded, |y| {
            y.parse::<i64>()
                .ok()
                .filter(|y| (1800..=this_year).contains(y))
                .ok_or(FieldIssue::InvalidYear)
        });
        let size = optional(&self.size, |s| {
            OrgSize::parse(s).ok_or(FieldIssue::InvalidChoice)
        });
        let contact = optional(&self.public_contact, Email::parse);
        for (field, issue) in [
            ("name", name.as_ref().err()),
            ("kind", kind.as_ref().err()),
            ("hq_country", hq.as_ref().err()),
            ("countries", countries.as_ref().err()),
            ("sectors", sectors.as_ref().err()),
            ("sdgs", sdgs.as_ref().err()),
            ("description", description.as_ref().err()),
            ("website", website.as_ref().err()),
            ("year_founded", year.as_ref().err()),
            ("size", size.as_ref().err()),
            ("public_contact", contact.as_ref().err()),
        ] {
            if let Some(issue) = issue {
                errors = errors.field(field, *issue);
            }
        }
        match (
            name,
            kind,
            hq,
            countries,
            sectors,
            sdgs,
            description,
            website,
            year,
            size,
            contact,
        ) {
            (
                Ok(name),
                Ok(kind),
                Ok(hq_country),
                Ok(countries),
                Ok(sectors),
                Ok(sdgs),
                Ok(description),
                Ok(website),
                Ok(year_founded),
                Ok(size),
                Ok(public_contact),
            ) => Ok(ValidOrg {
                name,
                kind,
                hq_country,
                countries,
                sectors,
                sdgs,
                description,
                website,
                year_founded,
                size,
                public_contact,
            }),
            _ => Err(self.keep_values(errors)),
        }
    }

    fn keep_values(&self, errors: FormErrors) -> FormErrors {
        errors
            .keep("name", &self.name)
            .keep("kind", &self.kind)
            .keep("hq_country", &self.hq_country)
            .keep("countries", &self.countries.join(","))
            .keep("sectors", &self.sectors.join(","))
            .keep("sdgs", &self.sdgs.join(","))
            .keep("description", &self.description)
            .keep("website", &self.website)
            .keep("year_founded", &self.year_founded)
            .keep("size", &self.size)
            .keep("public_contact", &self.public_contact)
    }
}

/// `None` for a blank field, else the parsed value.
fn optional<T>(
    input: &str,
    parse: impl Fn(&str) -> Result<T, FieldIssue>,
) -> Result<Option<T>, FieldIssue> {
    match input.trim() {
        "" => Ok(None),
        typed => parse(typed).map(Some),
    }
}

/// An organization's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgProfile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: OrgKind,
    pub hq_country: Named,
    pub countries: Vec<Named>,
    pub sectors: Vec<Sector>,
    pub sdgs: Vec<Sdg>,
    pub description: String,
    pub website: Option<String>,
    pub year_founded: Option<i64>,
    pub size: Option<OrgSize>,
    pub public_contact: Option<String>,
    pub verification: Verification,
    /// Its logo's text alternative and version (the logo's address carries it).
    pub logo: Option<(String, i64)>,
    /// When an admin last saved it or said it is still accurate (Unix seconds).
    pub confirmed_at: i64,
    pub standing: super::freshness::Standing,
    /// The moderator's note on the last decision; shown to the organization's admins only.
    pub verification_note: Option<String>,
    /// The viewer's role in it, if any.
    pub viewer_role: Option<OrgRole>,
    /// Whether the viewer asked to join and waits.
    pub viewer_requested: bool,
    /// Whether the viewer was invited and has not answered yet.
    pub viewer_invited: bool,
    /// Its people (public: organizations are institutions, not private persons).
    pub members: Vec<OrgMember>,
    /// People waiting to join; shown to its admins only.
    pub join_requests: Vec<OrgMember>,
    /// People invited who have not answered; shown to its admins only.
    pub invitations: Vec<OrgMember>,
}

/// What deleting an organization takes with it, shown to its owner before they confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgDeletion {
    pub slug: String,
    pub name: String,
    /// Its needs, open or closed: deleted.
    pub needs: i64,
    /// Its spotlights, published or drafts: deleted.
    pub spotlights: i64,
    /// The other people in it: they keep their accounts and profiles.
    pub people: i64,
    /// Invitations and requests to join waiting for an answer: dropped.
    pub pending_people: i64,
    /// Introductions to or from it: deleted; each other side is told by email.
    pub introductions: i64,
}

/// A person in an organization, or asking to join it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgMember {
    pub user_id: i64,
    pub display_name: String,
    pub role: OrgRole,
}

/// An organization in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: OrgKind,
    pub hq_country: Named,
    pub sectors: Vec<Sector>,
    pub verification: Verification,
}

/// A verification request waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationRequest {
    pub org: OrgCard,
    pub requested_by: String,
    pub requested_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> OrgInput {
        OrgInput {
            name: "Red Diáspora Centroamericana".into(),
            kind: "diaspora".into(),
            hq_country: "GT".into(),
            countries: vec!["GT".into(), "MX".into()],
            sectors: vec!["education".into()],
            sdgs: vec!["4".into()],
            year_founded: "2004".into(),
            ..OrgInput::default()
        }
    }

    fn known(code: &str) -> bool {
        ["GT", "MX"].contains(&code)
    }

    #[test]
    fn a_complete_organization_is_accepted() {
        let valid = input().validate(known, 2026).expect("valid");
        assert_eq!(valid.kind, OrgKind::Diaspora);
        assert_eq!(valid.year_founded, Some(2004));
        assert_eq!(valid.website, None);
    }

    #[test]
    fn every_bad_field_is_named_and_kept() {
        let bad = OrgInput {
            name: "X".into(),
            kind: "cartel".into(),
            hq_country: "".into(),
            website: "ftp://x.org".into(),
            year_founded: "2999".into(),
            public_contact: "nobody".into(),
            ..input()
        };
        let errors = bad.validate(known, 2026).expect_err("refused");
        assert_eq!(errors.issue("name"), Some(FieldIssue::TooShort { min: 2 }));
        assert_eq!(errors.issue("kind"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.issue("hq_country"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("website"), Some(FieldIssue::InvalidUrl));
        assert_eq!(errors.issue("year_founded"), Some(FieldIssue::InvalidYear));
        assert_eq!(
            errors.issue("public_contact"),
            Some(FieldIssue::InvalidEmail)
        );
        assert_eq!(errors.value("year_founded"), Some("2999"));
    }

    #[test]
    fn only_owners_and_admins_manage() {
        assert!(OrgRole::Owner.can_manage() && OrgRole::Admin.can_manage());
        assert!(!OrgRole::Member.can_manage());
    }
}
