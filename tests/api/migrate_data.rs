//! `passerelle migrate-data`: the demo community moved from SQLite to PostgreSQL and back
//! arrives whole: every table's row count, and the records themselves, in their order.

use crate::helpers::{fresh_database_url, POSTGRES_ENV};
use passerelle::server::cli::{migrate_data, seed};
use passerelle::server::db::{self, Pool};

/// Every row of `sql`'s answer as text, to compare two databases' records.
pub async fn records(pool: &Pool, sql: &str) -> Vec<Vec<String>> {
    use sqlx::Row;
    let rows = sqlx::query(sql).fetch_all(pool).await.expect("records");
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|i| {
                    row.try_get::<Option<i64>, _>(i)
                        .map(|v| format!("{v:?}"))
                        .or_else(|_| {
                            row.try_get::<Option<String>, _>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .or_else(|_| {
                            row.try_get::<Option<Vec<u8>>, _>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .expect("a plain value")
                })
                .collect()
        })
        .collect()
}

/// What must survive the move, record for record (lists in the order they were given).
pub const SAMPLES: &[&str] = &[
    "SELECT id, email, display_name, password_hash, role, session_epoch, locale FROM users ORDER BY id",
    "SELECT user_id, headline, bio, residence, city, links, visibility, origin_visibility FROM profiles ORDER BY user_id",
    "SELECT user_id, country FROM profile_origins ORDER BY rowid",
    "SELECT user_id, image FROM profile_photos ORDER BY user_id",
    "SELECT id, slug, name, kind, hq_country, verification, description FROM organizations ORDER BY id",
    "SELECT org_id, country FROM org_countries ORDER BY rowid",
    "SELECT org_id, sdg FROM org_sdgs ORDER BY rowid",
    "SELECT org_id, user_id, role FROM org_members ORDER BY org_id, user_id",
    "SELECT id, slug, title, body_html, status, published_at FROM spotlights ORDER BY id",
    "SELECT id, org_id, title, deadline, status FROM needs ORDER BY id",
    "SELECT id, sender_id, recipient_org_id, need_id, status, message FROM introductions ORDER BY id",
    "SELECT name, value FROM server_secrets ORDER BY name",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_community_moves_to_postgresql_and_back_whole() {
    if std::env::var(POSTGRES_ENV).is_err() {
        eprintln!("needs a PostgreSQL server (set {POSTGRES_ENV})");
        return;
    }
    let data = tempfile::tempdir().expect("a temporary folder");
    let original = format!("sqlite://{}/original.db", data.path().display());
    let pool = db::connect(&original).await.expect("a database");
    db::migrate(&pool).await.expect("migrations");
    seed::demo(&pool, seed::Size::default())
        .await
        .expect("the demo");
    // A photo and a secret too: bytes must arrive as they left.
    let photo: Vec<u8> = (0..20_000).map(|n| (n * 7 % 251) as u8).collect();
    sqlx::query("INSERT INTO profile_photos (user_id, image, updated_at) SELECT MIN(user_id), $1, 0 FROM profiles")
        .bind(&photo)
        .execute(&pool)
        .await
        .expect("a photo");
    db::secrets::get_or_create(&pool, "session_signing_key", 64, 0)
        .await
        .expect("a secret");

    let postgres = fresh_database_url(data.path()).await;
    let there = migrate_data::run(&original, &postgres)
        .await
        .expect("moved there");
    let back_url = format!("sqlite://{}/back.db", data.path().display());
    let back = migrate_data::run(&postgres, &back_url)
        .await
        .expect("moved back");

    for counts in [&there, &back] {
        assert_eq!(counts.len(), migrate_data::TABLES.len());
        for c in counts.iter() {
            assert_eq!(c.from, c.to, "{} lost rows", c.table);
        }
    }
    let users = there.iter().find(|c| c.table == "users").expect("users");
    assert!(users.from > 1000, "the demo was seeded");
    let (pg, returned) = (
        db::connect(&postgres).await.expect("PostgreSQL"),
        db::connect(&back_url).await.expect("the copy"),
    );
    for sql in SAMPLES {
        let before = records(&pool, sql).await;
        assert!(!before.is_empty(), "nothing to compare in {sql}");
        assert_eq!(before, records(&pg, sql).await, "PostgreSQL differs: {sql}");
        assert_eq!(
            before,
            records(&returned, sql).await,
            "the copy back differs: {sql}"
        );
    }
    // Full text works on the moved rows, and new rows get fresh ids.
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organizations WHERE search @@ to_tsquery('simple', 'network:*')",
    )
    .fetch_one(&pg)
    .await
    .expect("a search");
    let expected: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM org_search WHERE org_search MATCH '\"network\"*'")
            .fetch_one(&pool)
            .await
            .expect("a search");
    assert!(found > 0, "the demo has networks to find");
    assert_eq!(found, expected);
    let next: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at, updated_at)
         VALUES ('new@example.org', 'New', 'x', 0, 0) RETURNING id",
    )
    .fetch_one(&pg)
    .await
    .expect("a new account after the move");
    assert!(next > users.from);
    // A second move into a database that now holds a community is refused.
    assert!(migrate_data::run(&original, &postgres).await.is_err());
}

/// A table added by a migration and forgotten here would be lost by every move: each
/// table of the schema is moved, or named as not data.
#[tokio::test]
async fn every_table_of_the_schema_is_moved_or_named_as_not_data() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}/schema.db", data.path().display());
    let pool = db::connect(&url).await.expect("a database");
    db::migrate(&pool).await.expect("migrations");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&pool)
    .await
    .expect("the schema's tables");
    assert!(tables.len() > 30, "the schema was read: {tables:?}");
    // Full-text indexes (and their shadow tables) are filled by triggers as rows arrive.
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
    )
    .fetch_all(&pool)
    .await
    .expect("the full-text indexes");
    assert!(!indexes.is_empty());
    let forgotten: Vec<&String> = tables
        .iter()
        .filter(|t| {
            !indexes
                .iter()
                .any(|index| *t == index || t.starts_with(&format!("{index}_")))
                && !migrate_data::TABLES.iter().any(|(moved, _)| moved == t)
                && !migrate_data::NOT_MOVED.contains(&t.as_str())
        })
        .collect();
    assert!(
        forgotten.is_empty(),
        "not moved by migrate-data: {forgotten:?}"
    );
}
