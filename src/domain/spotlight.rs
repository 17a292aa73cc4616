use super::text_rules::bounded_text;
use super::{FieldIssue, FormErrors};
use serde::{Deserialize, Serialize};

/// The spotlight form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpotlightInput {
    /// The organization it is about (its slug); the author must administer it.
    pub organization: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    /// UN M49 region or sub-region slug.
    pub region: String,
}

/// A spotlight that passed every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSpotlight {
    pub organization: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub region: String,
}

impl SpotlightInput {
    /// Checks every field; `region` says whether a region slug exists.
    pub fn validate(&self, region: impl Fn(&str) -> bool) -> Result<ValidSpotlight, FormErrors> {
        let title = bounded_text(&self.title, 4, 140);
        let summary = bounded_text(&self.summary, 10, 300);
        let body = bounded_text(&self.body, 20, 20_000);
        let region_ok = if self.region.trim().is_empty() {
            Err(FieldIssue::Required)
        } else if region(self.region.trim()) {
            Ok(self.region.trim().to_owned())
        } else {
            Err(FieldIssue::InvalidChoice)
        };
        let organization = if self.organization.trim().is_empty() {
            Err(FieldIssue::Required)
        } else {
            Ok(self.organization.trim().to_owned())
        };
        match (organization, title, summary, body, region_ok) {
            (Ok(organization), Ok(title), Ok(summary), Ok(body), Ok(region)) => {
                Ok(ValidSpotlight {
                    organization,
                    title,
                    summary,
                    body,
                    region,
                })
            }
            (organization, title, summary, body, region) => {
                let mut errors = FormErrors::default();
                for (name, issue) in [
                    ("organization", organization.err()),
                    ("title", title.err()),
                    ("summary", summary.err()),
                    ("body", body.err()),
                    ("region", region.err()),
                ] {
                    if let Some(issue) = issue {
                        errors = errors.field(name, issue);
                    }
                }
                Err(errors
                    .keep("organization", &self.organization)
                    .keep("title", &self.title)
                    .keep("summary", &self.summary)
                    .keep("body", &self.body)
                    .keep("region", &self.region))
            }
        }
    }
}

/// The longest text alternative of a spotlight image.
pub const IMAGE_ALT_MAX: usize = 300;

/// A spotlight in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpotlightCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub region: String,
    pub organization: String,
    pub organization_slug: String,
    /// Unix seconds; `None` while a draft.
    pub published_at: Option<i64>,
    /// The image's text alternative, when the story has an image.
    pub image_alt: Option<String>,
}

/// One spotlight, with its body as sanitized HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spotlight {
    pub card: SpotlightCard,
    /// Rendered from Markdown and sanitized by the server.
    pub body_html: String,
    /// Whether the viewer may publish it (a moderator, while it is a draft).
    pub can_publish: bool,
    /// Whether the viewer may change its text and image (an admin of the organization
    /// while it is a draft; a moderator once it is published).
    pub can_edit: bool,
    /// Whether the viewer may take it back to a draft (published; a moderator or an admin
    /// of the organization).
    pub can_unpublish: bool,
}

/// What a region page gathers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionView {
    pub slug: String,
    /// The countries of the region, named.
    pub countries: Vec<super::Named>,
    pub organizations: super::DirectoryPage<super::OrgCard>,
    pub members: super::DirectoryPage<super::MemberCard>,
    pub spotlights: Vec<SpotlightCard>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spotlight_needs_an_organization_a_title_a_story_and_a_known_region() {
        let errors = SpotlightInput {
            title: "Hi".into(),
            region: "atlantis".into(),
            ..SpotlightInput::default()
        }
        .validate(|r| r == "caribbean")
        .expect_err("refused");
        assert_eq!(errors.issue("organization"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("title"), Some(FieldIssue::TooShort { min: 4 }));
        assert_eq!(errors.issue("body"), Some(FieldIssue::Required));
        assert_eq!(errors.issue("region"), Some(FieldIssue::InvalidChoice));
        assert_eq!(errors.value("title"), Some("Hi"));
        let ok = SpotlightInput {
            organization: "red-diaspora".into(),
            title: "Teachers without borders".into(),
            summary: "How the network trains teachers.".into(),
            body: "Since 2019, the network has trained **400** teachers.".into(),
            region: "caribbean".into(),
        };
        assert!(ok.validate(|r| r == "caribbean").is_ok());
    }
}
