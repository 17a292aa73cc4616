//! Markdown to safe HTML: pulldown-cmark renders, ammonia keeps only harmless tags
//! and attributes (no scripts, no styles, no event handlers, links made `nofollow`).

use pulldown_cmark::{html, Options, Parser};

/// Renders a story's Markdown and sanitizes the result.
pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ),
    );
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

/// The promise [`to_safe_html`] keeps, checked on its output by the fuzz target
/// (`fuzz/fuzz_targets/spotlight_markdown.rs`) and the property test below: no element
/// beyond harmless ones, no event handler or style attribute, and no address with a
/// scheme other than http, https or mailto. Panics, naming what it found.
#[cfg(any(test, fuzzing))]
pub fn assert_script_free(html: &str) {
    const ELEMENTS: [&str; 8] = [
        "script", "style", "iframe", "object", "embed", "form", "svg", "math",
    ];
    const ADDRESSES: [&str; 6] = ["href", "src", "cite", "action", "formaction", "srcset"];
    for (name, attributes) in start_tags(html) {
        assert!(!ELEMENTS.contains(&name.as_str()), "<{name}> in {html:?}");
        for (attribute, value) in attributes {
            assert!(
                !attribute.starts_with("on") && attribute != "style",
                "{attribute}= in {html:?}"
            );
            if ADDRESSES.contains(&attribute.as_str()) {
                assert!(harmless(&value), "{attribute}={value:?} in {html:?}");
            }
        }
    }
}

/// A relative address, or one whose scheme is http, https or mailto. What comes before
/// the first `:` is a scheme only if it is one by RFC 3986 (a letter, then letters,
/// digits, `+`, `-` or `.`), as browsers read it (leading spaces and controls aside);
/// otherwise the address is a relative path.
#[cfg(any(test, fuzzing))]
fn harmless(address: &str) -> bool {
    let address = address
        .trim_start_matches(|c: char| c <= ' ')
        .replace(['\t', '\n', '\r'], "")
        .to_ascii_lowercase();
    let Some((scheme, _)) = address.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    !is_scheme || ["http", "https", "mailto"].contains(&scheme)
}

/// The start tags of HTML as html5ever serializes it (ammonia's output), each with its
/// attributes: text escapes `<`, attribute values are double-quoted with `"` and `&`
/// escaped.
#[cfg(any(test, fuzzing))]
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let attribute = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').unwrap_or(after.len());
                value = after[..close].replace("&quot;", "\"").replace("&amp;", "&");
                rest = after.get(close + 1..).unwrap_or("");
            }
            attributes.push((attribute, value));
        }
        tags.push((name, attributes));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::{assert_script_free, to_safe_html};
    use proptest::prelude::*;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("# Title\n\nSome **bold** text and a [link](https://example.org).");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("href=\"https://example.org\""));
        assert!(html.contains("nofollow"));
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))",
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("onerror"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn a_relative_link_whose_first_word_is_no_scheme_is_kept() {
        // Found by fuzz/spotlight_markdown: "0ttps:" is no scheme (a digit first), so
        // the link is a relative path, as browsers read it too.
        let html = to_safe_html("[link](0ttps://example.org) [x](JaVaScRiPt:alert(1))");
        assert!(html.contains("href=\"0ttps://example.org\""), "{html}");
        assert_script_free(&html);
    }

    /// Pieces of Markdown and HTML that attacks are made of.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<script>",
            "</script>",
            "<img src=",
            "<a href=",
            "<iframe ",
            "<svg ",
            "<style>",
            " onerror=",
            " onclick=",
            " style=",
            "javascript:",
            "JaVaScRiPt:",
            "data:",
            "vbscript:",
            "&#106;",
            "&#x3A;",
            "\t",
            "\n",
            "\n\n",
            "\"",
            "'",
            ">",
            "<",
            "[x](",
            "![i](",
            ")",
            "<http://",
            "**",
            "`",
            "| a |",
            "---",
            "alert(1)",
            "http:",
            "mailto:",
            " ",
            "#",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn no_markdown_makes_a_script(markdown in pieces()) {
            assert_script_free(&to_safe_html(&markdown));
        }
    }
}
