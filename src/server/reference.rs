//! Reference tables: ISO 3166-1 countries (with UN M49 regions) from `keshvar`,
//! ISO 639-1 languages from `isolang`. Codes are checked here and named here,
//! in the language of the request; views carry the names, never the tables.

use crate::domain::Named;
use crate::i18n::Locale;
use keshvar::{Alpha2, Country, CountryIterator, Region, SubRegion};
use std::sync::LazyLock;

/// Whether `code` is an ISO 3166-1 alpha-2 country code.
pub fn is_country(code: &str) -> bool {
    country(code).is_some()
}

fn country(code: &str) -> Option<Country> {
    let strict = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
    strict
        .then(|| Alpha2::try_from(code).ok())
        .flatten()
        .map(|a| a.to_country())
}

/// The country's name in `locale`, or the code itself when unknown.
pub fn country_name(code: &str, locale: Locale) -> String {
    match country(code) {
        Some(c) => c
            .translations()
            .get(locale_code(locale))
            .copied()
            .unwrap_or_else(|| c.iso_short_name())
            .to_owned(),
        None => code.to_owned(),
    }
}

/// A country code with its name.
pub fn named_country(code: &str, locale: Locale) -> Named {
    Named {
        code: code.to_owned(),
        name: country_name(code, locale),
    }
}

/// Every country, sorted by its name in `locale`.
pub fn countries(locale: Locale) -> Vec<Named> {
    let mut all: Vec<Named> = CountryIterator::new()
        .map(|c| named_country(&c.alpha2().to_string(), locale))
        .collect();
    all.sort_by_cached_key(|n| sort_key(&n.name));
    all
}

/// The alpha-2 code of an ISO 3166-1 numeric code ("484" → "MX").
pub fn alpha2_of_numeric(numeric: &str) -> Option<String> {
    static BY_NUMBER: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
        CountryIterator::new()
            .map(|c| (c.number().to_owned(), c.alpha2().to_string()))
            .collect()
    });
    BY_NUMBER
        .iter()
        .find(|(n, _)| n == numeric)
        .map(|(_, a)| a.clone())
}

/// Whether `code` is an ISO 639-1 language code.
pub fn is_language(code: &str) -> bool {
    code.len() == 2 && isolang::Language::from_639_1(code).is_some()
}

/// The language's own name, with its English name when they differ ("Wolof", "español (Spanish)").
pub fn language_name(code: &str) -> String {
    let Some(language) = isolang::Language::from_639_1(code) else {
        return code.to_owned();
    };
    let english = language.to_name();
    match language.to_autonym() {
        Some(own) if own != english => format!("{own} ({english})"),
        _ => english.to_owned(),
    }
}

/// Every ISO 639-1 language, sorted by name.
pub fn languages() -> &'static [Named] {
    static ALL: LazyLock<Vec<Named>> = LazyLock::new(|| {
        let mut all: Vec<Named> = isolang::languages()
            .filter_map(|l| l.to_639_1())
            .map(|code| Named {
                code: code.to_owned(),
                name: language_name(code),
            })
            .collect();
        all.sort_by_cached_key(|n| sort_key(&n.name));
        all
    });
    &ALL
}

/// A UN M49 region or sub-region, by its URL slug.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum M49 {
    /// A continent-level region (Africa, Americas, Asia, Europe, Oceania).
    Region(Region),
    /// A sub-region (Central America, Caribbean, Western Africa…).
    SubRegion(SubRegion),
}

impl M49 {
    /// Reads a slug such as `central-america` or `africa`.
    pub fn parse(slug: &str) -> Option<Self> {
        if slug.is_empty() || slug != slug.to_lowercase() {
            return None;
        }
        SubRegion::try_from(slug)
            .map(Self::SubRegion)
            .or_else(|_| Region::try_from(slug).map(Self::Region))
            .ok()
            .filter(|m| m.slug() == slug)
    }

    /// The URL slug.
    pub fn slug(self) -> String {
        match self {
            Self::Region(r) => r.to_string(),
            Self::SubRegion(s) => s.to_string(),
        }
    }

    /// The alpha-2 codes of its countries.
    pub fn countries(self) -> Vec<String> {
        let owned = |list: &[&str]| list.iter().map(|c| (*c).to_owned()).collect();
        match self {
            Self::Region(r) => owned(r.alpha2_list()),
            Self::SubRegion(s) => owned(s.alpha2_list()),
        }
    }
}

/// Every region and sub-region slug, regions first.
pub fn region_slugs() -> Vec<String> {
    let regions = ["africa", "americas", "asia", "europe", "oceania"];
    let mut slugs: Vec<String> = regions.iter().map(|s| (*s).to_owned()).collect();
    let mut subs: Vec<String> = CountryIterator::new()
        .filter_map(|c| c.maybe_subregion())
        .map(|s| s.to_string())
        .collect();
    subs.sort();
    subs.dedup();
    slugs.extend(subs);
    slugs
}

/// The sub-region slug of a country, if it has one.
pub fn subregion_of(code: &str) -> Option<String> {
    country(code)
        .and_then(|c| c.maybe_subregion())
        .map(|s| s.to_string())
}

fn locale_code(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::fr => "fr",
        Locale::es => "es",
        Locale::ar => "ar",
    }
}

/// Sorts "Égypte" with the Es, not after Z, and "المغرب" (al-Maghrib) with the Ms:
/// Arabic lists order names without their article.
fn sort_key(name: &str) -> String {
    name.strip_prefix("ال")
        .unwrap_or(name)
        .chars()
        .map(|c| match c {
            'À'..='Å' | 'à'..='å' => 'a',
            'Ç' | 'ç' => 'c',
            'È'..='Ë' | 'è'..='ë' => 'e',
            'Ì'..='Ï' | 'ì'..='ï' => 'i',
            'Ñ' | 'ñ' => 'n',
            'Ò'..='Ö' | 'ò'..='ö' => 'o',
            'Ù'..='Ü' | 'ù'..='ü' => 'u',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_strict_iso_alpha2() {
        assert!(is_country("MX"));
        assert!(!is_country("mx"));
        assert!(!is_country("XX"));
        assert!(!is_country("MEX"));
    }

    #[test]
    fn country_names_follow_the_locale() {
        assert_eq!(country_name("DE", Locale::fr), "Allemagne");
        assert!(country_name("DE", Locale::en).contains("Germany"));
        assert_eq!(country_name("DE", Locale::es), "Alemania");
        assert_eq!(country_name("MX", Locale::ar), "المكسيك");
    }

    #[test]
    fn arabic_names_sort_without_their_article() {
        let names: Vec<String> = countries(Locale::ar).into_iter().map(|n| n.name).collect();
        let position = |name: &str| names.iter().position(|n| n == name);
        // المغرب (Morocco, "al-Maghrib") sorts under م, after مالي (Mali)
        // and before موريتانيا (Mauritania); with its article it would come first.
        assert!(position("مالي") < position("المغرب"));
        assert!(position("المغرب") < position("موريتانيا"));
    }

    #[test]
    fn languages_are_named_in_their_own_script_too() {
        assert!(is_language("es") && !is_language("xx") && !is_language("spa"));
        assert!(language_name("es").starts_with("español"));
        assert!(languages().len() > 150);
    }

    #[test]
    fn regions_and_subregions_read_from_their_slugs() {
        let central = M49::parse("central-america").expect("a sub-region");
        assert!(central.countries().contains(&"GT".to_owned()));
        assert!(M49::parse("africa").is_some());
        assert_eq!(M49::parse("atlantis"), None);
        assert_eq!(subregion_of("SN").as_deref(), Some("western-africa"));
        assert_eq!(alpha2_of_numeric("484").as_deref(), Some("MX"));
        assert!(region_slugs().len() >= 25);
    }
}
