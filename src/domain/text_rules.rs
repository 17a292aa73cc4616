use super::FieldIssue;

/// Trims free text and checks its length in characters; control characters other
/// than line breaks and tabs are refused.
pub fn bounded_text(input: &str, min: usize, max: usize) -> Result<String, FieldIssue> {
    let trimmed = input.trim();
    let len = trimmed.chars().count();
    if len == 0 && min > 0 {
        return Err(FieldIssue::Required);
    }
    if len < min {
        return Err(FieldIssue::TooShort { min });
    }
    if len > max {
        return Err(FieldIssue::TooLong { max });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldIssue::InvalidCharacters);
    }
    Ok(trimmed.replace("\r\n", "\n"))
}

/// A web address: http(s), a host with a dot, no spaces, at most 300 characters.
pub fn web_address(input: &str) -> Result<String, FieldIssue> {
    let trimmed = input.trim();
    if trimmed.chars().count() > 300 {
        return Err(FieldIssue::TooLong { max: 300 });
    }
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or(FieldIssue::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !valid_host || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(FieldIssue::InvalidUrl);
    }
    Ok(trimmed.to_owned())
}

/// Parses each code with `parse`, dropping repeats; refuses unknown codes and long lists.
pub fn code_set<T: PartialEq>(
    codes: &[String],
    max: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, FieldIssue> {
    let mut out = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let value = parse(code).ok_or(FieldIssue::InvalidChoice)?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    if out.len() > max {
        return Err(FieldIssue::TooMany { max });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded_in_characters() {
        assert_eq!(bounded_text("  hé  ", 0, 2), Ok("hé".to_owned()));
        assert_eq!(
            bounded_text("abc", 0, 2),
            Err(FieldIssue::TooLong { max: 2 })
        );
        assert_eq!(bounded_text("  ", 1, 2), Err(FieldIssue::Required));
        assert_eq!(bounded_text("", 0, 2), Ok(String::new()));
        assert_eq!(
            bounded_text("a\u{7}b", 0, 9),
            Err(FieldIssue::InvalidCharacters)
        );
        assert_eq!(bounded_text("a\r\nb", 0, 9), Ok("a\nb".to_owned()));
    }

    #[test]
    fn only_http_addresses_with_a_real_host_are_links() {
        assert!(web_address("https://diaspora.example.org/about").is_ok());
        assert!(web_address("http://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "https://",
            "ftp://x.org",
            "https://exa mple.org",
            "https://localhost/",
        ] {
            assert_eq!(web_address(bad), Err(FieldIssue::InvalidUrl), "{bad}");
        }
    }

    #[test]
    fn code_sets_drop_repeats_and_refuse_unknown_codes() {
        let parse = |c: &str| c.parse::<u8>().ok();
        let codes = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            code_set(&codes(&["1", "2", "1", " "]), 3, parse),
            Ok(vec![1, 2])
        );
        assert_eq!(
            code_set(&codes(&["x"]), 3, parse),
            Err(FieldIssue::InvalidChoice)
        );
        assert_eq!(
            code_set(&codes(&["1", "2"]), 1, parse),
            Err(FieldIssue::TooMany { max: 1 })
        );
    }
}
