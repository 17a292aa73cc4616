//! Turning what a person typed into a safe FTS5 query.

/// Each word becomes a quoted prefix term ("word"*), so FTS5 operators and
/// punctuation typed by a person are searched as text, never interpreted.
/// `None` when nothing searchable was typed.
pub fn match_expression(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::match_expression;

    #[test]
    fn words_become_quoted_prefix_terms() {
        assert_eq!(
            match_expression("santé  Dakar").as_deref(),
            Some("\"santé\"* \"Dakar\"*")
        );
    }

    #[test]
    fn operators_and_quotes_are_never_interpreted() {
        assert_eq!(
            match_expression("a\" OR b NEAR(").as_deref(),
            Some("\"a\"* \"OR\"* \"b\"* \"NEAR\"*")
        );
        assert_eq!(match_expression(" \"* ()"), None);
    }
}
