//! The query string of a directory page (`/members?…`, `/organizations?…`, `/needs?…`),
//! which anyone can type. Whatever it holds, the filters it reads survive a round trip
//! through the URL the page writes for its links, and the search each directory runs
//! for it is one the database accepts: a query string never makes a 500.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle::domain::DirectoryQuery;
use passerelle::i18n::Locale;
use passerelle::server::db::{self, Pool};
use passerelle::server::directory::{members, organizations};
use passerelle::server::needs;
use passerelle::server::policy::Viewer;
use std::sync::OnceLock;
use tokio::runtime::Runtime;

/// A migrated database of the fuzzer's own, opened once.
fn database() -> &'static (Runtime, Pool) {
    static DATABASE: OnceLock<(Runtime, Pool)> = OnceLock::new();
    DATABASE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let file = std::env::temp_dir().join(format!("passerelle-fuzz-{}.db", std::process::id()));
        let pool = runtime.block_on(async {
            let pool = db::connect(&format!("sqlite://{}", file.display()))
                .await
                .expect("opens");
            db::migrate(&pool).await.expect("migrates");
            pool
        });
        (runtime, pool)
    })
}

fuzz_target!(|url_query: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(url_query) else {
        return;
    };
    let query = DirectoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let written = query.to_query_string();
    let again: Vec<(String, String)> = serde_urlencoded::from_str(written.trim_start_matches('?'))
        .expect("the page's own URL reads");
    let again = DirectoryQuery::from_pairs(again.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(again, query, "lost in {written:?}");
    assert!(query.page_number() >= 1);

    let (runtime, pool) = database();
    runtime.block_on(async {
        let anyone = Viewer::new(None);
        members::search_sql(pool, &anyone, &query, Locale::en)
            .await
            .expect("members");
        organizations::search_sql(pool, &query, Locale::en)
            .await
            .expect("organizations");
        needs::directory::search_sql(pool, &query, Locale::en)
            .await
            .expect("needs");
    });
});
