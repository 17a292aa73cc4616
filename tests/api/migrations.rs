//! Migrations that rewrite what is stored keep every row and every link between rows,
//! on whichever backend the suite runs.

use crate::helpers::{fresh_database_url, POSTGRES_ENV};
use passerelle::server::db;
use std::borrow::Cow;

/// A new database with every migration before `version` applied.
async fn schema_before(data: &std::path::Path, version: i64) -> db::Pool {
    let url = fresh_database_url(data).await;
    let pool = db::connect(&url).await.expect("a database");
    let mut before = if std::env::var(POSTGRES_ENV).is_ok() {
        sqlx::migrate!("./migrations/postgres")
    } else {
        sqlx::migrate!("./migrations/sqlite")
    };
    let earlier: Vec<_> = before
        .migrations
        .iter()
        .filter(|m| m.version < version)
        .cloned()
        .collect();
    before.migrations = Cow::Owned(earlier);
    before.run(&pool).await.expect("the schema before");
    pool
}

async fn run_all(pool: &db::Pool, statements: &[&str]) {
    for statement in statements {
        sqlx::query(statement)
            .execute(pool)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}

/// The lifecycle migration: a need once just "closed" becomes withdrawn (closed before
/// its deadline) or expired (after it); its lists stay, and so does every introduction's
/// link to it, with the need's title kept beside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_needs_become_withdrawn_or_expired_and_keep_their_lists_and_introductions() {
    let data = tempfile::tempdir().expect("a folder");
    let pool = schema_before(data.path(), 20261206000001).await;

    run_all(
        &pool,
        &[
        "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at)
         VALUES (1, 'ama@example.org', 'Ama', 'x', 0, 0)",
        "INSERT INTO organizations (id, slug, name, name_key, kind, hq_country, created_at, updated_at)
         VALUES (1, 'bridges', 'Bridges', 'bridges', 'ngo', 'SN', 0, 0)",
        "INSERT INTO needs (id, org_id, title, description, direction, deadline, status, created_at, updated_at)
         VALUES (1, 1, 'Closed early', 'A need closed before its deadline.', 'seeking', '2099-01-01', 'closed', 0, 0),
                (2, 1, 'Closed late', 'A need closed after its deadline.', 'seeking', '2001-01-01', 'closed', 0, 0),
                (3, 1, 'Still open', 'A need nobody closed.', 'offering', '2099-01-01', 'open', 0, 0)",
        "INSERT INTO need_types (need_id, type) VALUES (1, 'funding'), (2, 'mentoring'), (3, 'research')",
        "INSERT INTO need_sdgs (need_id, sdg) VALUES (1, 4), (2, 5), (3, 6)",
        "INSERT INTO introductions (id, sender_id, recipient_org_id, need_id, message, created_at)
         VALUES (1, 1, 1, 1, 'About the early one.', 0)",
        ],
    )
    .await;

    db::migrate(&pool).await.expect("the lifecycle migration");

    let statuses: Vec<(i64, String)> = sqlx::query_as("SELECT id, status FROM needs ORDER BY id")
        .fetch_all(&pool)
        .await
        .expect("needs");
    assert_eq!(
        statuses,
        [
            (1, "withdrawn".to_owned()),
            (2, "expired".to_owned()),
            (3, "open".to_owned())
        ]
    );
    for table in ["need_types", "need_sdgs"] {
        let kept: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&pool)
            .await
            .expect("counted");
        assert_eq!(kept, 3, "every row of {table} stays");
    }
    let intro: (Option<i64>, Option<String>) =
        sqlx::query_as("SELECT need_id, need_title FROM introductions WHERE id = 1")
            .fetch_one(&pool)
            .await
            .expect("the introduction");
    assert_eq!(intro, (Some(1), Some("Closed early".to_owned())));
    // The lists still belong to the table of needs: deleting a need takes its own.
    sqlx::query("DELETE FROM needs WHERE id = 2")
        .execute(&pool)
        .await
        .expect("deleted");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM need_types")
        .fetch_one(&pool)
        .await
        .expect("counted");
    assert_eq!(left, 2);
}

/// The introduction lifecycle migration rebuilds introductions and events: every request
/// and every inbox event stays, and an event still goes with its request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn introductions_and_their_events_survive_the_rebuild() {
    let data = tempfile::tempdir().expect("a folder");
    let pool = schema_before(data.path(), 20261207000001).await;
    run_all(
        &pool,
        &[
            "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at)
             VALUES (1, 'ama@example.org', 'Ama', 'x', 0, 0), (2, 'kofi@example.org', 'Kofi', 'x', 0, 0)",
            "INSERT INTO introductions (id, sender_id, recipient_user_id, message, status, created_at)
             VALUES (1, 1, 2, 'Pending one.', 'pending', 0), (2, 2, 1, 'Accepted one.', 'accepted', 0)",
            "INSERT INTO events (id, user_id, kind, introduction_id, created_at)
             VALUES (1, 2, 'intro_received', 1, 0), (2, 2, 'intro_accepted', 2, 0)",
        ],
    )
    .await;
    db::migrate(&pool).await.expect("the migration");
    let intros: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM introductions ORDER BY id")
            .fetch_all(&pool)
            .await
            .expect("introductions");
    assert_eq!(
        intros,
        [(1, "pending".to_owned()), (2, "accepted".to_owned())]
    );
    let events: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, introduction_id FROM events ORDER BY id")
            .fetch_all(&pool)
            .await
            .expect("events");
    assert_eq!(events, [(1, Some(1)), (2, Some(2))]);
    run_all(
        &pool,
        &[
            "UPDATE introductions SET status = 'expired' WHERE id = 1",
            "INSERT INTO events (id, user_id, kind, introduction_id, created_at) VALUES (3, 1, 'intro_expired', 1, 0)",
            "DELETE FROM introductions WHERE id = 2",
        ],
    )
    .await;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(&pool)
        .await
        .expect("counted");
    assert_eq!(
        left, 2,
        "a deleted request takes its event along, the others stay"
    );
}
