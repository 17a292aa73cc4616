//! The last part of a page's address (`/organizations/{slug}`, `/spotlights/{slug}`),
//! made from a name or a title someone typed.

/// The slug of `text`: lower-case ASCII words joined by hyphens, at most `max`
/// characters, never ending in a hyphen. A text with no letter or digit that has an
/// ASCII form (`"!!!"`, `"—"`) gives `fallback`, so every page still has an address;
/// the caller makes it unique (`{slug}-2`, …).
pub fn base(text: &str, max: usize, fallback: &str) -> String {
    let slug: String = slug::slugify(text).chars().take(max).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::base;

    #[test]
    fn a_name_becomes_its_words_joined_by_hyphens() {
        assert_eq!(
            base("Réseau des Ingénieurs Maliens", 60, "x"),
            "reseau-des-ingenieurs-maliens"
        );
    }

    #[test]
    fn a_name_of_punctuation_only_still_gets_an_address() {
        assert_eq!(base("!!! ???", 60, "organization"), "organization");
        assert_eq!(base("—", 70, "spotlight"), "spotlight");
    }

    #[test]
    fn a_long_name_is_cut_without_a_trailing_hyphen() {
        let slug = base("abcd efgh", 5, "x");
        assert_eq!(slug, "abcd");
    }
}
