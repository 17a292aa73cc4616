//! Partnership needs: what an organization seeks or offers, and who it wants to meet.

use super::text_rules::{bounded_text, code_set};
use super::{FieldIssue, FormErrors, Named, OrgKind, Sdg, Sector, Verification};
use serde::{Deserialize, Serialize};

code_list! {
    /// The forms a partnership can take.
    PartnershipType {
        /// Money for a project.
        Funding = "funding",
        /// Professional expertise.
        Expertise = "expertise",
        /// Mentoring people.
        Mentoring = "mentoring",
        /// Carrying out a project together.
        CoImplementation = "co_implementation",
        /// Advocacy.
        Advocacy = "advocacy",
        /// Research.
        Research = "research",
        /// Volunteering.
        Volunteering = "volunteering",
        /// Investment.
        Investment = "investment",
        /// Exchanging knowledge.
        KnowledgeExchange = "knowledge_exchange",
    }
}

code_list! {
    /// Who a need is looking for: individual members, or organizations of one kind.
    PartnerKind {
        /// Individual diaspora members.
        Member = "member",
        /// Diaspora organizations.
        Diaspora = "diaspora",
        /// Government bodies.
        Government = "government",
        /// International organizations.
        International = "io",
        /// NGOs and civil society.
        Ngo = "ngo",
        /// The private sector.
        Private = "private",
        /// Universities and research bodies.
        Academia = "academia",
        /// Foundations.
        Foundation = "foundation",
    }
}

impl PartnerKind {
    /// The partner kind an organization of `kind` is.
    pub fn of_org(kind: OrgKind) -> Self {
        match kind {
            OrgKind::Diaspora => Self::Diaspora,
            OrgKind::Government => Self::Government,
            OrgKind::International => Self::International,
            OrgKind::Ngo => Self::Ngo,
            OrgKind::Private => Self::Private,
            OrgKind::Academia => Self::Academia,
            OrgKind::Foundation => Self::Foundation,
        }
    }
}

code_list! {
    /// Whether the organization seeks or offers what the need describes.
    Direction {
        /// It looks for partners to provide it.
        Seeking = "seeking",
        /// It offers it to partners.
        Offering = "offering",
    }
}

code_list! {
    /// Where a need stands.
    NeedStatus {
        /// Being written; seen by its organization's admins only.
        Draft = "draft",
        /// Published and open to answers.
        Open = "open",
        /// Closed: the partnership was found.
        Fulfilled = "fulfilled",
        /// Closed by its organization before its deadline, for another reason.
        Withdrawn = "withdrawn",
        /// Closed by the clock: its deadline passed.
        Expired = "expired",
    }
}

/// The need form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedInput {
    /// The organization's slug.
    pub organization: String,
    pub title: String,
    pub description: String,
    pub direction: String,
    pub types: Vec<String>,
    pub sdgs: Vec<String>,
    pub countries: Vec<String>,
    pub sectors: Vec<String>,
    pub partner_kinds: Vec<String>,
    pub languages: Vec<String>,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    /// `draft` or `open`.
    pub status: String,
}

/// A need that passed every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidNeed {
    pub organization: String,
    pub title: String,
    pub description: String,
    pub direction: Direction,
    pub types: Vec<PartnershipType>,
    pub sdgs: Vec<Sdg>,
    pub countries: Vec<String>,
    pub sectors: Vec<Sector>,
    pub partner_kinds: Vec<PartnerKind>,
    pub languages: Vec<String>,
    pub deadline: String,
    pub status: NeedStatus,
}

/// The reference checks a need's validation needs from the server.
pub struct NeedRules<'a> {
    pub country: &'a dyn Fn(&str) -> bool,
    pub language: &'a dyn Fn(&str) -> bool,
    /// Reads a `YYYY-MM-DD` date and says whether it is after today.
    pub deadline: &'a dyn Fn(&str) -> Result<String, FieldIssue>,
}

impl NeedInput {
    /// Checks every field; on refusal, every field's issue and the typing to show again.
    pub fn validate(&self, rules: &NeedRules<'_>) -> Result<ValidNeed, FormErrors> {
        let organization = bounded_text(&self.organization, 1, 120);
        let title = bounded_text(&self.title, 5, 140);
        let description = bounded_text(&self.description, 20, 4000);
        let direction = Direction::parse(&self.direction).ok_or(FieldIssue::InvalidChoice);
        let types = code_set(&self.types, 9, PartnershipType::parse).and_then(at_least_one);
        let sdgs = code_set(&self.sdgs, 17, Sdg::parse).and_then(at_least_one);
        let countries = code_set(&self.countries, 60, |c| {
            (rules.country)(c).then(|| c.to_owned())
        });
        let sectors = code_set(&self.sectors, 6, Sector::parse);
        let partner_kinds =
            code_set(&self.partner_kinds, 8, PartnerKind::parse).and_then(at_least_one);
        let languages = code_set(&self.languages, 10, |c| {
            (rules.language)(c).then(|| c.to_owned())
        });
        let deadline = if self.deadline.trim().is_empty() {
            Err(FieldIssue::Required)
        } else {
            (rules.deadline)(self.deadline.trim())
        };
        let status = match self.status.as_str() {
            "" | "open" => Ok(NeedStatus::Open),
            "draft" => Ok(NeedStatus::Draft),
            _ => Err(FieldIssue::InvalidChoice),
        };
        let mut errors = FormErrors::default();
        for (field, issue) in [
            ("organization", organization.as_ref().err()),
            ("title", title.as_ref().err()),
            ("description", description.as_ref().err()),
            ("direction", direction.as_ref().err()),
            ("types", types.as_ref().err()),
            ("sdgs", sdgs.as_ref().err()),
            ("countries", countries.as_ref().err()),
            ("sectors", sectors.as_ref().err()),
            ("partner_kinds", partner_kinds.as_ref().err()),
            ("languages", languages.as_ref().err()),
            ("deadline", deadline.as_ref().err()),
            ("status", status.as_ref().err()),
        ] {
            if let Some(issue) = issue {
                errors = errors.field(field, *issue);
            }
        }
        match (
            organization,
            title,
            description,
            direction,
            types,
            sdgs,
            countries,
            sectors,
            partner_kinds,
            languages,
            deadline,
            status,
        ) {
            (
                Ok(organization),
                Ok(title),
                Ok(description),
                Ok(direction),
                Ok(types),
                Ok(sdgs),
                Ok(countries),
                Ok(sectors),
                Ok(partner_kinds),
                Ok(languages),
                Ok(deadline),
                Ok(status),
            ) => Ok(ValidNeed {
                organization,
                title,
                description,
                direction,
                types,
                sdgs,
                countries,
                sectors,
                partner_kinds,
                languages,
                deadline,
                status,
            }),
            _ => Err(self.keep(errors)),
        }
    }

    /// Keeps what was typed, to show it again beside the errors.
    pub fn keep(&self, errors: FormErrors) -> FormErrors {
        errors
            .keep("organization", &self.organization)
            .keep("title", &self.title)
            .keep("description", &self.description)
            .keep("direction", &self.direction)
            .keep("types", &self.types.join(","))
            .keep("sdgs", &self.sdgs.join(","))
            .keep("countries", &self.countries.join(","))
            .keep("sectors", &self.sectors.join(","))
            .keep("partner_kinds", &self.partner_kinds.join(","))
            .keep("languages", &self.languages.join(","))
            .keep("deadline", &self.deadline)
            .keep("status", &self.status)
    }
}

/// Refuses an empty choice.
fn at_least_one<T>(values: Vec<T>) -> Result<Vec<T>, FieldIssue> {
    if values.is_empty() {
        Err(FieldIssue::Required)
    } else {
        Ok(values)
    }
}

/// A need in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedCard {
    pub id: i64,
    pub title: String,
    pub direction: Direction,
    pub types: Vec<PartnershipType>,
    pub status: NeedStatus,
    pub deadline: String,
    pub organization: String,
    pub organization_slug: String,
    pub organization_kind: OrgKind,
    pub verification: Verification,
}

/// One need, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub card: NeedCard,
    pub description: String,
    pub sdgs: Vec<Sdg>,
    pub countries: Vec<Named>,
    pub sectors: Vec<Sector>,
    pub partner_kinds: Vec<PartnerKind>,
    pub languages: Vec<Named>,
    /// Whether the viewer administers its organization (sees matches, changes its status).
    pub manages: bool,
}

/// What deleting a need takes with it, shown before the deletion is confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedDeletion {
    pub id: i64,
    pub title: String,
    /// Introductions that answered it: they stay, saying the need was deleted.
    pub introductions: i64,
}

impl NeedStatus {
    /// The statuses its organization may give a need: the clock alone expires one.
    pub const CHOSEN: [NeedStatus; 4] = [
        NeedStatus::Draft,
        NeedStatus::Open,
        NeedStatus::Fulfilled,
        NeedStatus::Withdrawn,
    ];

    /// Whether it no longer takes answers.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            NeedStatus::Fulfilled | NeedStatus::Withdrawn | NeedStatus::Expired
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(c: &str) -> bool {
        ["SN", "MX"].contains(&c)
    }

    fn language(l: &str) -> bool {
        ["fr", "es"].contains(&l)
    }

    fn deadline(d: &str) -> Result<String, FieldIssue> {
        if d > "2026-11-24" {
            Ok(d.to_owned())
        } else {
            Err(FieldIssue::DateNotInFuture)
        }
    }

    fn rules() -> NeedRules<'static> {
        NeedRules {
            country: &country,
            language: &language,
            deadline: &deadline,
        }
    }

    fn input() -> NeedInput {
        NeedInput {
            organization: "reseau".into(),
            title: "Mentors for young nurses".into(),
            description: "We look for nurses of the diaspora to mentor graduates.".into(),
            direction: "seeking".into(),
            types: vec!["mentoring".into()],
            sdgs: vec!["3".into()],
            countries: vec!["SN".into()],
            sectors: vec!["health".into()],
            partner_kinds: vec!["member".into()],
            languages: vec!["fr".into()],
            deadline: "2027-03-01".into(),
            status: String::new(),
        }
    }

    #[test]
    fn a_complete_need_is_open_by_default() {
        let rules = rules();
        let valid = input().validate(&rules).expect("valid");
        assert_eq!(valid.status, NeedStatus::Open);
        assert_eq!(valid.partner_kinds, [PartnerKind::Member]);
    }

    #[test]
    fn a_need_wants_an_sdg_a_partner_kind_a_type_and_a_future_deadline() {
        let rules = rules();
        let mut bad = input();
        bad.sdgs.clear();
        bad.partner_kinds = vec![" ".into()];
        bad.types.clear();
        bad.deadline = "2020-01-01".into();
        bad.countries = vec!["XX".into()];
        bad.title = "Hi".into();
        let errors = bad.validate(&rules).expect_err("refused");
        assert_eq!(errors.issue("sdgs"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("partner_kinds"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("types"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("deadline"), Some(FieldIssue::DateNotInFuture));
        assert_eq!(errors.issue("countries"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.issue("title"), Some(FieldIssue::TooShort { min: 5 }));
        assert_eq!(errors.value("title"), Some("Hi"));
    }

    #[test]
    fn every_org_kind_is_a_partner_kind() {
        for kind in OrgKind::ALL {
            assert_eq!(PartnerKind::of_org(*kind).code(), kind.code());
        }
    }
}
