use super::text_rules::{bounded_text, code_set, web_address};
use super::{DisplayName, Email, FieldIssue, FormErrors, Offer, Sdg, Sector, Visibility};
use serde::{Deserialize, Serialize};

/// A country or language code with its name in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// ISO 3166-1 alpha-2 country code, or ISO 639-1 language code.
    pub code: String,
    /// The name, in the language of the request.
    pub name: String,
}

/// The profile form as submitted: every field as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub origins: Vec<String>,
    pub residence: String,
    pub city: String,
    pub languages: Vec<String>,
    pub sectors: Vec<String>,
    pub offers: Vec<String>,
    pub sdgs: Vec<String>,
    pub links: String,
    pub contact_email: String,
    pub visibility: String,
    pub origin_visibility: String,
    pub city_visibility: String,
    pub contact_visibility: String,
}

/// A profile that passed every rule. Country and language codes are checked
/// against the reference tables by the caller of [`ProfileInput::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProfile {
    pub display_name: DisplayName,
    pub headline: String,
    pub bio: String,
    pub origins: Vec<String>,
    pub residence: Option<String>,
    pub city: String,
    pub languages: Vec<String>,
    pub sectors: Vec<Sector>,
    pub offers: Vec<Offer>,
    pub sdgs: Vec<Sdg>,
    pub links: Vec<String>,
    pub contact_email: Option<Email>,
    pub visibility: Visibility,
    pub origin_visibility: Visibility,
    pub city_visibility: Visibility,
    pub contact_visibility: Visibility,
}

impl ProfileInput {
    /// Longest headline, in characters.
    pub const HEADLINE_MAX: usize = 120;
    /// Longest biography, in characters.
    pub const BIO_MAX: usize = 4000;
    /// Most links.
    pub const LINKS_MAX: usize = 5;

    /// Checks every field; `country` and `language` say whether a code is in the reference table.
    pub fn validate(
        &self,
        country: impl Fn(&str) -> bool,
        language: impl Fn(&str) -> bool,
    ) -> Result<ValidProfile, FormErrors> {
        let mut errors = FormErrors::default();
        let mut check = |name: &str, issue: Option<FieldIssue>| {
            if let Some(issue) = issue {
                errors.fields.push((name.to_owned(), issue));
            }
        };
        let countries =
            |codes: &[String], max| code_set(codes, max, |c| country(c).then(|| c.to_owned()));
        let display_name = DisplayName::parse(&self.display_name);
        let headline = bounded_text(&self.headline, 0, Self::HEADLINE_MAX);
        let bio = bounded_text(&self.bio, 0, Self::BIO_MAX);
        let origins = countries(&self.origins, 5);
        let residence = countries(std::slice::from_ref(&self.residence), 1);
        let city = bounded_text(&self.city, 0, 80);
        let languages = code_set(&self.languages, 10, |c| language(c).then(|| c.to_owned()));
        let sectors = code_set(&self.sectors, 5, Sector::parse);
        let offers = code_set(&self.offers, Offer::ALL.len(), Offer::parse);
        let sdgs = code_set(&self.sdgs, 17, Sdg::parse);
        let links = parse_links(&self.links);
        let contact = match self.contact_email.trim() {
            "" => Ok(None),
            typed => Email::parse(typed).map(Some),
        };
        let vis = |v: &str| Visibility::parse(v).ok_or(FieldIssue::InvalidChoice);
        let (visibility, origin_vis, city_vis, contact_vis) = (
            vis(&self.visibility),
            vis(&self.origin_visibility),
            vis(&self.city_visibility),
            vis(&self.contact_visibility),
        );
        check("display_name", display_name.as_ref().err().copied());
        check("headline", headline.as_ref().err().copied());
        check("bio", bio.as_ref().err().copied());
        check("origins", origins.as_ref().err().copied());
        check("residence", residence.as_ref().err().copied());
        check("city", city.as_ref().err().copied());
        check("languages", languages.as_ref().err().copied());
        check("sectors", sectors.as_ref().err().copied());
        check("offers", offers.as_ref().err().copied());
        check("sdgs", sdgs.as_ref().err().copied());
        check("links", links.as_ref().err().copied());
        check("contact_email", contact.as_ref().err().copied());
        check("visibility", visibility.as_ref().err().copied());
        check("origin_visibility", origin_vis.as_ref().err().copied());
        check("city_visibility", city_vis.as_ref().err().copied());
        check("contact_visibility", contact_vis.as_ref().err().copied());
        match (
            display_name,
            headline,
            bio,
            origins,
            residence,
            city,
            languages,
            sectors,
            offers,
            sdgs,
            links,
            contact,
            visibility,
            origin_vis,
            city_vis,
            contact_vis,
        ) {
            (
                Ok(display_name),
                Ok(headline),
                Ok(bio),
                Ok(origins),
                Ok(residence),
                Ok(city),
                Ok(languages),
                Ok(sectors),
                Ok(offers),
                Ok(sdgs),
                Ok(links),
                Ok(contact_email),
                Ok(visibility),
                Ok(origin_visibility),
                Ok(city_visibility),
                Ok(contact_visibility),
            ) => Ok(ValidProfile {
                display_name,
                headline,
                bio,
                origins,
                residence: residence.into_iter().next(),
                city,
                languages,
                sectors,
                offers,
                sdgs,
                links,
                contact_email,
                visibility,
                origin_visibility,
                city_visibility,
                contact_visibility,
            }),
            _ => Err(self.keep_values(errors)),
        }
    }

    /// Puts what was typed back into the refusal, so the form shows it again.
    fn keep_values(&self, errors: FormErrors) -> FormErrors {
        errors
            .keep("display_name", &self.display_name)
            .keep("headline", &self.headline)
            .keep("bio", &self.bio)
            .keep("origins", &self.origins.join(","))
            .keep("residence", &self.residence)
            .keep("city", &self.city)
            .keep("languages", &self.languages.join(","))
            .keep("sectors", &self.sectors.join(","))
            .keep("offers", &self.offers.join(","))
            .keep("sdgs", &self.sdgs.join(","))
            .keep("links", &self.links)
            .keep("contact_email", &self.contact_email)
            .keep("visibility", &self.visibility)
            .keep("origin_visibility", &self.origin_visibility)
            .keep("city_visibility", &self.city_visibility)
            .keep("contact_visibility", &self.contact_visibility)
    }
}

/// One web address per line, at most [`ProfileInput::LINKS_MAX`].
fn parse_links(input: &str) -> Result<Vec<String>, FieldIssue> {
    let links: Vec<&str> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if links.len() > ProfileInput::LINKS_MAX {
        return Err(FieldIssue::TooMany {
            max: ProfileInput::LINKS_MAX,
        });
    }
    links.into_iter().map(web_address).collect()
}

/// A profile as one viewer may see it. A field the viewer may not see is `None`:
/// it never leaves the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberProfile {
    pub id: i64,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub residence: Option<Named>,
    pub languages: Vec<Named>,
    pub sectors: Vec<Sector>,
    pub offers: Vec<Offer>,
    pub sdgs: Vec<Sdg>,
    pub links: Vec<String>,
    pub origins: Option<Vec<Named>>,
    pub city: Option<String>,
    pub contact_email: Option<String>,
    pub has_photo: bool,
    /// When its owner last saved it or said it is still accurate (Unix seconds).
    pub confirmed_at: i64,
    pub standing: super::freshness::Standing,
    /// True when the viewer is the owner (who sees everything and may edit).
    pub is_owner: bool,
    /// The owner's choices; filled for the owner only.
    pub settings: Option<VisibilitySettings>,
}

/// The visibility a member chose for the profile and for each sensitive field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibilitySettings {
    pub profile: Visibility,
    pub origins: Visibility,
    pub city: Visibility,
    pub contact: Visibility,
}

impl Default for VisibilitySettings {
    /// Consent first: members only for the profile, origins and city hidden, contact hidden.
    fn default() -> Self {
        Self {
            profile: Visibility::Members,
            origins: Visibility::Hidden,
            city: Visibility::Hidden,
            contact: Visibility::Hidden,
        }
    }
}

/// A member in a directory list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberCard {
    pub id: i64,
    pub display_name: String,
    pub headline: String,
    pub residence: Option<Named>,
    /// `None` when the member keeps origins from this viewer.
    pub origins: Option<Vec<Named>>,
    pub sectors: Vec<Sector>,
    pub has_photo: bool,
}

/// What the owner's edit form starts from, with the lists to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileEditor {
    pub id: i64,
    pub input: ProfileInput,
    pub has_photo: bool,
    /// Hidden for now by the header's switch; `input.visibility` is the level it returns to.
    pub paused: bool,
    pub countries: Vec<Named>,
    pub languages: Vec<Named>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> ProfileInput {
        ProfileInput {
            display_name: "Amina Diallo".into(),
            headline: "Public-health researcher".into(),
            origins: vec!["SN".into()],
            residence: "FR".into(),
            languages: vec!["fr".into(), "wo".into()],
            sectors: vec!["health".into()],
            offers: vec!["mentoring".into()],
            sdgs: vec!["3".into(), "3".into()],
            links: "https://example.org\n\n".into(),
            visibility: "public".into(),
            origin_visibility: "members".into(),
            city_visibility: "hidden".into(),
            contact_visibility: "hidden".into(),
            ..ProfileInput::default()
        }
    }

    fn known(code: &str) -> bool {
        ["SN", "FR", "fr", "wo"].contains(&code)
    }

    #[test]
    fn a_complete_profile_is_accepted_and_normalised() {
        let valid = valid_input().validate(known, known).expect("valid");
        assert_eq!(valid.sdgs.len(), 1);
        assert_eq!(valid.residence.as_deref(), Some("FR"));
        assert_eq!(valid.links, ["https://example.org"]);
        assert_eq!(valid.contact_email, None);
    }

    #[test]
    fn every_bad_field_is_named_and_the_typing_is_kept() {
        let input = ProfileInput {
            display_name: " ".into(),
            origins: vec!["XX".into()],
            sectors: vec!["astrology".into()],
            links: "javascript:alert(1)".into(),
            contact_email: "not-an-email".into(),
            visibility: "friends".into(),
            ..valid_input()
        };
        let errors = input.validate(known, known).expect_err("refused");
        assert_eq!(errors.issue("display_name"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("origins"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.issue("sectors"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.issue("links"), Some(FieldIssue::InvalidUrl));
        assert_eq!(
            errors.issue("contact_email"),
            Some(FieldIssue::InvalidEmail)
        );
        assert_eq!(errors.issue("visibility"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.issue("headline"), None);
        assert_eq!(errors.value("contact_email"), Some("not-an-email"));
        assert_eq!(errors.value("origins"), Some("XX"));
    }

    #[test]
    fn a_bio_over_the_limit_is_refused() {
        let input = ProfileInput {
            bio: "a".repeat(4001),
            ..valid_input()
        };
        let errors = input.validate(known, known).expect_err("refused");
        assert_eq!(errors.issue("bio"), Some(FieldIssue::TooLong { max: 4000 }));
    }

    #[test]
    fn six_links_are_too_many() {
        let input = ProfileInput {
            links: "https://a.org\n".repeat(6),
            ..valid_input()
        };
        let errors = input.validate(known, known).expect_err("refused");
        assert_eq!(errors.issue("links"), Some(FieldIssue::TooMany { max: 5 }));
    }

    #[test]
    fn by_default_nothing_sensitive_is_shown() {
        let d = VisibilitySettings::default();
        assert_eq!(
            (d.origins, d.city, d.contact),
            (Visibility::Hidden, Visibility::Hidden, Visibility::Hidden)
        );
    }
}
