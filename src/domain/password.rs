use super::FieldIssue;

/// A new password that meets the rules: 12 to 128 characters.
///
/// Deliberately neither `Serialize` nor `Debug`-printable: it must never reach a log,
/// an error echoed back to the browser, or the database unhashed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Fewest characters accepted (OWASP ASVS 2.1.1).
    pub const MIN_LEN: usize = 12;
    /// Most characters accepted: bounds the hashing cost of one request.
    pub const MAX_LEN: usize = 128;

    /// Checks a password chosen by a person, or says what is wrong with it.
    pub fn parse(input: &str) -> Result<Self, FieldIssue> {
        let count = input.chars().count();
        if count == 0 {
            return Err(FieldIssue::Required);
        }
        if count < Self::MIN_LEN {
            return Err(FieldIssue::TooShort { min: Self::MIN_LEN });
        }
        if count > Self::MAX_LEN {
            return Err(FieldIssue::TooLong { max: Self::MAX_LEN });
        }
        Ok(Self(input.to_owned()))
    }

    /// The secret itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_characters_are_enough() {
        assert!(Password::parse("abcdefghijkl").is_ok());
    }

    #[test]
    fn eleven_characters_are_too_short() {
        assert_eq!(
            Password::parse("abcdefghijk"),
            Err(FieldIssue::TooShort { min: 12 })
        );
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert_eq!(
            Password::parse("ééééééééééé"),
            Err(FieldIssue::TooShort { min: 12 })
        );
        assert!(Password::parse(&"é".repeat(128)).is_ok());
    }

    #[test]
    fn more_than_128_characters_are_too_long() {
        assert_eq!(
            Password::parse(&"x".repeat(129)),
            Err(FieldIssue::TooLong { max: 128 })
        );
    }

    #[test]
    fn an_empty_password_is_required() {
        assert_eq!(Password::parse(""), Err(FieldIssue::Required));
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let password = Password::parse("correct horse battery").expect("valid");
        assert!(!format!("{password:?}").contains("horse"));
    }
}
