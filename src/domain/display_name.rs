use super::FieldIssue;
use serde::{Deserialize, Serialize};

/// The name a person shows to others: trimmed, 1 to 80 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    /// Longest name accepted, in characters.
    pub const MAX_LEN: usize = 80;

    /// Parses what a person typed, or says what is wrong with it.
    pub fn parse(input: &str) -> Result<Self, FieldIssue> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(FieldIssue::Required);
        }
        if trimmed.chars().count() > Self::MAX_LEN {
            return Err(FieldIssue::TooLong { max: Self::MAX_LEN });
        }
        if trimmed.chars().any(char::is_control) {
            return Err(FieldIssue::InvalidCharacters);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name as it is shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed() {
        let name = DisplayName::parse("  Kofi Mensah ").expect("valid name");
        assert_eq!(name.as_str(), "Kofi Mensah");
    }

    #[test]
    fn names_in_any_script_are_accepted() {
        for ok in ["Zoé Martínez", "محمد الأمين", "李小龙", "Ngũgĩ wa Thiong'o"] {
            assert!(DisplayName::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn a_blank_name_is_required() {
        assert_eq!(DisplayName::parse(" \t "), Err(FieldIssue::Required));
    }

    #[test]
    fn a_name_of_81_characters_is_too_long_but_80_is_fine() {
        assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
        assert_eq!(
            DisplayName::parse(&"é".repeat(81)),
            Err(FieldIssue::TooLong { max: 80 })
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(
            DisplayName::parse("Kofi\u{0007}"),
            Err(FieldIssue::InvalidCharacters)
        );
        assert_eq!(
            DisplayName::parse("Kofi\nMensah"),
            Err(FieldIssue::InvalidCharacters)
        );
    }
}
