use super::FieldIssue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// An email address, trimmed and lower-cased, checked against RFC 5322 syntax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Longest address accepted, in octets, as SMTP allows (RFC 5321).
    pub const MAX_LEN: usize = 254;

    /// Parses what a person typed into an address, or says what is wrong with it.
    pub fn parse(input: &str) -> Result<Self, FieldIssue> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(FieldIssue::Required);
        }
        // Octets, not characters: a domain in another script takes two or three octets a
        // letter, and an SMTP server refuses a longer path (found by fuzz/email). Counted
        // after lower-casing, which can lengthen a letter.
        let lowered = trimmed.to_lowercase();
        if lowered.len() > Self::MAX_LEN {
            return Err(FieldIssue::TooLong { max: Self::MAX_LEN });
        }
        let parsed = email_address::EmailAddress::from_str(&lowered)
            .map_err(|_| FieldIssue::InvalidEmail)?;
        // The RFC allows addresses without a dot in the domain; people never mean those.
        // The RFC also allows a quoted local part (`"amina diallo"@example.org`) and a
        // domain literal (`amina@[192.0.2.1]`, or anything between brackets); mail
        // libraries and providers take neither, so nothing could be sent to them (found
        // by fuzz/email: lettre refuses both, and the outbox would retry them for ever).
        if !parsed.domain().contains('.')
            || parsed.display_part() != ""
            || parsed.local_part().starts_with('"')
            || parsed.domain().starts_with('[')
        {
            return Err(FieldIssue::InvalidEmail);
        }
        Ok(Self(parsed.email()))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_address_is_accepted_and_lowercased() {
        let email = Email::parse("  Amina.Diallo@Example.ORG ").expect("valid address");
        assert_eq!(email.as_str(), "amina.diallo@example.org");
    }

    #[test]
    fn an_empty_address_is_required() {
        assert_eq!(Email::parse("   "), Err(FieldIssue::Required));
    }

    #[test]
    fn addresses_without_at_sign_or_domain_dot_are_refused() {
        for bad in [
            "amina",
            "amina@",
            "@example.org",
            "amina@localhost",
            "a b@example.org",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldIssue::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn quoted_local_parts_and_domain_literals_are_refused_as_no_mail_could_reach_them() {
        for unmailable in [
            "\"quoted local\"@example.org",
            "\"amina\"@example.org",
            "^@[%.]",
            "amina@[192.0.2.1]",
        ] {
            assert_eq!(
                Email::parse(unmailable),
                Err(FieldIssue::InvalidEmail),
                "{unmailable}"
            );
        }
    }

    #[test]
    fn a_display_name_form_is_refused() {
        assert_eq!(
            Email::parse("Amina <amina@example.org>"),
            Err(FieldIssue::InvalidEmail)
        );
    }

    #[test]
    fn an_overlong_address_is_refused() {
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(FieldIssue::TooLong { max: 254 }));
    }

    #[test]
    fn an_address_is_measured_in_octets_as_smtp_does() {
        // 6 + 23 × 11 + 3 = 262 octets, in 147 characters (found by fuzz/email).
        let greek = format!("amina@{}org", "ϐϐϐϐϐ.".repeat(23));
        assert_eq!(
            Email::parse(&greek),
            Err(FieldIssue::TooLong {
                max: Email::MAX_LEN
            })
        );
        let fits = format!("amina@{}org", "ϐϐϐϐϐ.".repeat(22));
        assert_eq!(fits.len(), 251);
        assert!(Email::parse(&fits).is_ok());
    }
}
