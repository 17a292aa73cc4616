use serde::{Deserialize, Serialize};

/// The filters of a directory page, exactly as they appear in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    /// Free text over names, headlines, biographies and descriptions.
    pub q: String,
    /// Country of origin (members).
    pub origin: String,
    /// Country of residence (members).
    pub residence: String,
    /// Country of headquarters or activity (organizations).
    pub country: String,
    pub sdg: String,
    pub sector: String,
    pub language: String,
    pub offer: String,
    pub kind: String,
    /// `"yes"` for verified organizations only.
    pub verified: String,
    /// UN M49 region or sub-region slug.
    pub region: String,
    /// Partnership type (needs).
    #[serde(rename = "type")]
    pub need_type: String,
    /// Need status (needs): open by default.
    pub status: String,
    /// 1-based page number.
    pub page: String,
}

impl DirectoryQuery {
    /// Results on one page.
    pub const PER_PAGE: u32 = 20;
    /// The names of the query parameters, in URL order.
    pub const KEYS: [&'static str; 14] = [
        "q",
        "origin",
        "residence",
        "country",
        "sdg",
        "sector",
        "language",
        "offer",
        "kind",
        "verified",
        "region",
        "type",
        "status",
        "page",
    ];

    /// Reads the parameters from (key, value) pairs; unknown keys are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self::default();
        for (key, value) in pairs {
            if let Some(slot) = query.slot(key) {
                let kept: String = value.trim().chars().take(200).collect();
                *slot = kept.trim_end().to_owned();
            }
        }
        query
    }

    fn slot(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "q" => &mut self.q,
            "origin" => &mut self.origin,
            "residence" => &mut self.residence,
            "country" => &mut self.country,
            "sdg" => &mut self.sdg,
            "sector" => &mut self.sector,
            "language" => &mut self.language,
            "offer" => &mut self.offer,
            "kind" => &mut self.kind,
            "verified" => &mut self.verified,
            "region" => &mut self.region,
            "type" => &mut self.need_type,
            "status" => &mut self.status,
            "page" => &mut self.page,
            _ => return None,
        })
    }

    /// The value of one parameter, empty when unset.
    pub fn get(&self, key: &str) -> &str {
        match key {
            "q" => &self.q,
            "origin" => &self.origin,
            "residence" => &self.residence,
            "country" => &self.country,
            "sdg" => &self.sdg,
            "sector" => &self.sector,
            "language" => &self.language,
            "offer" => &self.offer,
            "kind" => &self.kind,
            "verified" => &self.verified,
            "region" => &self.region,
            "type" => &self.need_type,
            "status" => &self.status,
            "page" => &self.page,
            _ => "",
        }
    }

    /// The page asked for, at least 1.
    pub fn page_number(&self) -> u32 {
        self.page.parse::<u32>().unwrap_or(1).clamp(1, 10_000)
    }

    /// The same filters with one parameter changed (an empty value removes it).
    pub fn with(&self, key: &str, value: &str) -> Self {
        let mut next = self.clone();
        if let Some(slot) = next.slot(key) {
            *slot = value.to_owned();
        }
        next
    }

    /// The query string, without the `?`, leaving out empty parameters.
    pub fn to_query_string(&self) -> String {
        Self::KEYS
            .iter()
            .filter(|key| !self.get(key).is_empty())
            .map(|key| format!("{key}={}", encode(self.get(key))))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One value of a facet and how many results carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value as it goes in the URL.
    pub code: String,
    /// Its name, when the server names it (countries, languages); else the page translates the code.
    pub name: Option<String>,
    pub count: i64,
}

/// The values of one filter, with counts under the other filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    /// The query parameter this facet sets.
    pub key: String,
    pub values: Vec<FacetCount>,
}

/// One page of a directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub facets: Vec<Facet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_url() {
        let query = DirectoryQuery::from_pairs([("q", " água & co "), ("sdg", "4"), ("x", "y")]);
        assert_eq!(query.q, "água & co");
        assert_eq!(query.to_query_string(), "q=%C3%A1gua%20%26%20co&sdg=4");
    }

    #[test]
    fn changing_a_filter_keeps_the_others() {
        let query = DirectoryQuery::from_pairs([("sector", "health"), ("page", "3")]);
        let next = query.with("page", "");
        assert_eq!(next.to_query_string(), "sector=health");
    }

    #[test]
    fn a_bad_page_number_means_the_first_page() {
        assert_eq!(
            DirectoryQuery::from_pairs([("page", "abc")]).page_number(),
            1
        );
        assert_eq!(DirectoryQuery::from_pairs([("page", "0")]).page_number(), 1);
        assert_eq!(DirectoryQuery::from_pairs([("page", "7")]).page_number(), 7);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_long_value_cut_at_a_space_reads_back_the_same() {
        let typed = format!("{} tail", "a".repeat(199));
        let query = DirectoryQuery::from_pairs([("q", typed.as_str())]);
        assert_eq!(query.q, "a".repeat(199));
        let again = DirectoryQuery::from_pairs(
            pairs_of(&query.to_query_string())
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        assert_eq!(again, query);
    }

    /// Reads a query string back as a browser's form would send it.
    #[cfg(feature = "ssr")]
    fn pairs_of(query: &str) -> Vec<(String, String)> {
        serde_urlencoded::from_str(query).expect("the page's own URL reads")
    }

    #[cfg(feature = "ssr")]
    proptest::proptest! {
        /// Whatever a URL holds, the links a directory page writes keep the same filters.
        #[test]
        fn every_query_survives_the_links_the_page_writes(
            pairs in proptest::collection::vec(
                (proptest::sample::select(DirectoryQuery::KEYS.to_vec()), "\\PC{0,220}"),
                0..20,
            )
        ) {
            let query = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            let again = DirectoryQuery::from_pairs(
                pairs_of(&query.to_query_string()).iter().map(|(k, v)| (k.as_str(), v.as_str())),
            );
            proptest::prop_assert_eq!(again, query);
        }
    }
}
