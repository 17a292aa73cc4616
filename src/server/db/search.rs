//! Full text on either backend: FTS5 tables in SQLite, `tsvector` columns with GIN
//! indexes in PostgreSQL (`simple` configuration over unaccented text, see
//! `migrations/postgres/`), behind one way of asking.
//!
//! What a person typed becomes words (letters and digits only, so no operator or quote
//! of either syntax is ever interpreted); each backend then writes its own expression.

use super::sql::QueryBuilder;
use super::Dialect;

/// What can be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// Listed members: name (heading), headline and biography (body).
    Members,
    /// Organizations: name (heading) and description (body).
    Organizations,
    /// Needs: title (heading) and description (body).
    Needs,
}

impl Corpus {
    /// Where PostgreSQL keeps this corpus's documents: (table, id column, tsvector column).
    fn postgres_document(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Members => ("member_search", "user_id", "document"),
            Self::Organizations => ("organizations", "id", "search"),
            Self::Needs => ("needs", "id", "search"),
        }
    }
}

/// How words are combined and matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms<'w> {
    /// The words, from [`words`] or the matcher's key words.
    pub words: &'w [String],
    /// Each word also matches longer words it begins ("sant" finds "santé").
    pub prefix: bool,
    /// Any word suffices (OR) instead of every word (AND).
    pub any: bool,
    /// Only the body counts, not the heading (the matcher leaves names out).
    pub body_only: bool,
}

impl<'w> Terms<'w> {
    /// What a person typed into a search box: every word, each a prefix, anywhere.
    pub fn typed(words: &'w [String]) -> Self {
        Self {
            words,
            prefix: true,
            any: false,
            body_only: false,
        }
    }
}

/// At most this many words of what a person typed are searched.
const MOST_WORDS: usize = 8;

/// The words of what a person typed into a search box, `None` when nothing searchable
/// was typed: runs of letters and digits, at most eight.
pub fn words(typed: &str) -> Option<Vec<String>> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MOST_WORDS)
        .map(str::to_owned)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// The backend's own expression for `terms`.
pub fn expression(dialect: Dialect, corpus: Corpus, terms: Terms<'_>) -> String {
    // Words are letters and digits only; the quotes (FTS5) and the filter below keep it so.
    let clean = terms
        .words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty());
    match dialect {
        Dialect::Sqlite => {
            let star = if terms.prefix { "*" } else { "" };
            let joined = clean
                .map(|w| format!("\"{w}\"{star}"))
                .collect::<Vec<_>>()
                .join(if terms.any { " OR " } else { " " });
            if terms.body_only {
                let columns = match corpus {
                    Corpus::Members => "{headline bio}",
                    Corpus::Organizations | Corpus::Needs => "{description}",
                };
                format!("{columns} : ({joined})")
            } else {
                joined
            }
        }
        Dialect::Postgres => {
            // Lexemes of the heading carry weight A, of the body B (passerelle_document).
            let suffix = match (terms.prefix, terms.body_only) {
                (true, true) => ":*B",
                (true, false) => ":*",
                (false, true) => ":B",
                (false, false) => "",
            };
            clean
                .map(|w| format!("{w}{suffix}"))
                .collect::<Vec<_>>()
                .join(if terms.any { " | " } else { " & " })
        }
    }
}

/// Appends a subquery of the ids of the records matching `terms`.
pub fn push_ids(qb: &mut QueryBuilder<'_>, dialect: Dialect, corpus: Corpus, terms: Terms<'_>) {
    push_relevance(qb, dialect, corpus, terms, 1.0, false);
}

/// Appends a subquery `(id, relevance)` of the records matching `terms`, relevance being
/// higher the closer the text: FTS5's bm25 (negated) or PostgreSQL's `ts_rank_cd`, the
/// heading weighed `heading` against the body's 1.
pub fn push_ranked(
    qb: &mut QueryBuilder<'_>,
    dialect: Dialect,
    corpus: Corpus,
    terms: Terms<'_>,
    heading: f64,
) {
    push_relevance(qb, dialect, corpus, terms, heading, true);
}

/// FTS5's inverse document frequency of a word found in `count` of `records` records:
/// rare words weigh more.
pub fn idf(records: usize, count: i64) -> f64 {
    let (n, count) = (records as f64, count as f64);
    ((n - count + 0.5) / (count + 0.5)).ln().max(1e-6)
}

/// Like [`push_ranked`] for the matcher's body words (exact, any, body only, no heading),
/// each with its [`idf`]. FTS5's bm25 weighs words by rarity itself; PostgreSQL's
/// `ts_rank_cd` does not, so there each word's rank is weighed by its idf and summed —
/// bm25's shape (rare shared words count most, repeated ones more), on the same scale,
/// so the matcher's text points mean the same on both backends.
pub fn push_ranked_by_rarity(
    qb: &mut QueryBuilder<'_>,
    dialect: Dialect,
    corpus: Corpus,
    words: &[(String, f64)],
) {
    match dialect {
        Dialect::Sqlite => {
            let plain: Vec<String> = words.iter().map(|(w, _)| w.clone()).collect();
            let terms = Terms {
                words: &plain,
                prefix: false,
                any: true,
                body_only: true,
            };
            push_relevance(qb, dialect, corpus, terms, 0.0, true);
        }
        Dialect::Postgres => {
            let (table, id, column) = corpus.postgres_document();
            qb.push(format_args!(
                "SELECT d.{id} AS id, CAST(SUM(w.idf * ts_rank_cd('{{0, 0, 1, 0}}', d.{column}, w.q)) \
                 AS DOUBLE PRECISION) AS relevance FROM (SELECT to_tsquery('simple', \
                 passerelle_unaccent(v.word) || ':B') AS q, CAST(v.idf AS DOUBLE PRECISION) AS idf FROM ("
            ));
            qb.push_values(words, |mut row, (word, idf)| {
                let clean: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
                row.push_bind(clean).push_bind(*idf);
            });
            qb.push(format_args!(
                ") AS v(word, idf)) w JOIN {table} d ON d.{column} @@ w.q GROUP BY d.{id}"
            ));
        }
    }
}

fn push_relevance(
    qb: &mut QueryBuilder<'_>,
    dialect: Dialect,
    corpus: Corpus,
    terms: Terms<'_>,
    heading: f64,
    ranked: bool,
) {
    let expression = expression(dialect, corpus, terms);
    match dialect {
        Dialect::Sqlite => {
            let (table, weights) = match corpus {
                Corpus::Members => ("member_search", format!("{heading:?}, 1.0, 1.0")),
                Corpus::Organizations => ("org_search", format!("{heading:?}, 1.0")),
                Corpus::Needs => ("need_search", format!("{heading:?}, 1.0")),
            };
            qb.push("SELECT rowid AS id");
            if ranked {
                qb.push(format_args!(", -bm25({table}, {weights}) AS relevance"));
            }
            qb.push(format_args!(" FROM {table} WHERE {table} MATCH "))
                .push_bind(expression);
        }
        Dialect::Postgres => {
            let (table, id, column) = corpus.postgres_document();
            qb.push(format_args!("SELECT {id} AS id"));
            if ranked {
                // Weights in the order D, C, B (body), A (heading).
                qb.push(format_args!(
                    ", CAST(ts_rank_cd('{{0, 0, 1, {heading:?}}}', {column}, q) AS DOUBLE PRECISION) \
                     AS relevance"
                ));
            }
            qb.push(format_args!(
                " FROM {table}, to_tsquery('simple', passerelle_unaccent("
            ))
            .push_bind(expression)
            .push(format_args!(")) q WHERE {column} @@ q"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Vec<String> {
        words(text).unwrap_or_default()
    }

    #[test]
    fn typed_words_become_prefix_terms_in_each_dialect() {
        let words = typed("santé  Dakar");
        let terms = Terms {
            words: &words,
            prefix: true,
            any: false,
            body_only: false,
        };
        assert_eq!(
            expression(Dialect::Sqlite, Corpus::Members, terms),
            "\"santé\"* \"Dakar\"*"
        );
        assert_eq!(
            expression(Dialect::Postgres, Corpus::Members, terms),
            "santé:* & Dakar:*"
        );
    }

    #[test]
    fn operators_and_quotes_are_never_interpreted() {
        assert_eq!(
            typed("a\" OR b NEAR( & !c:*"),
            ["a", "OR", "b", "NEAR", "c"]
        );
        assert_eq!(words(" \"* () & | :"), None);
    }

    #[test]
    fn the_matcher_searches_bodies_for_any_word() {
        let words = vec!["water".to_owned(), "dakar".to_owned()];
        let terms = Terms {
            words: &words,
            prefix: false,
            any: true,
            body_only: true,
        };
        assert_eq!(
            expression(Dialect::Sqlite, Corpus::Members, terms),
            "{headline bio} : (\"water\" OR \"dakar\")"
        );
        assert_eq!(
            expression(Dialect::Postgres, Corpus::Organizations, terms),
            "water:B | dakar:B"
        );
    }
}
