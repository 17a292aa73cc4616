//! `passerelle backup` and `restore` (SQLite; PostgreSQL has pg_dump): the demo community,
//! backed up while the app serves and a member keeps editing, comes back whole on a new
//! machine, where its members are still signed in; a restore never swaps the database
//! under a server, nor replaces a community unasked, nor takes a file that is not whole.

use crate::helpers::{new_client, profile_form, spawn_app, spawn_app_with, PASSWORD, POSTGRES_ENV};
use crate::migrate_data::{records, SAMPLES};
use passerelle::server::cli::{backup, seed};
use passerelle::server::db;

fn on_postgres() -> bool {
    let there = std::env::var(POSTGRES_ENV).is_ok();
    if there {
        eprintln!("SQLite only: on PostgreSQL, backups are pg_dump's");
    }
    there
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_community_backed_up_while_serving_comes_back_whole_and_signed_in() {
    if on_postgres() {
        return;
    }
    let app = spawn_app().await;
    let pool = app.db().await;
    seed::demo(&pool, seed::Size::default())
        .await
        .expect("the demo");
    let editor = app.member("editor@example.org", "Edwige").await;
    app.save_profile(&editor, "Edwige Diop", &[("headline", "Before")])
        .await;

    // The member goes on editing while the backup is taken.
    let writing = tokio::spawn({
        let (app_url, editor) = (app.url("/api/save_profile"), editor.clone());
        let origin = app.url("");
        async move {
            let mut saved = 0;
            while saved < 40 {
                let headline = format!("Edit {saved}");
                let form = profile_form("Edwige Diop", &[("headline", &headline)]);
                let response = editor
                    .post(&app_url)
                    .header("origin", &origin)
                    .header("accept", "application/json")
                    .form(&form)
                    .send()
                    .await;
                if response.is_ok_and(|r| r.status().is_success()) {
                    saved += 1;
                }
            }
        }
    });
    let folder = tempfile::tempdir().expect("a folder");
    let file = folder.path().join("passerelle-backup.db");
    let made = backup::backup(&app.database_url(), &file)
        .await
        .expect("a backup while serving");
    writing.await.expect("the writer");
    assert!(
        made.members > 1000,
        "the demo's members are in it: {made:?}"
    );
    assert!(made.bytes > 0);

    // A new machine: an empty data folder, the backup restored into it, the app started.
    let elsewhere = tempfile::tempdir().expect("a folder");
    let url = format!("sqlite://{}/passerelle.db", elsewhere.path().display());
    let back = backup::restore(&url, &file, false).await.expect("restored");
    assert_eq!(
        back,
        backup::Summary {
            bytes: back.bytes,
            ..made.clone()
        }
    );
    let restored = db::connect(&url).await.expect("the restored database");
    for sql in SAMPLES.iter().filter(|sql| !sql.contains("FROM profiles")) {
        assert_eq!(
            records(&pool, sql).await,
            records(&restored, sql).await,
            "the restored community differs: {sql}"
        );
    }
    let second = spawn_app_with(|settings| settings.database_url = Some(url.clone())).await;

    // Whoever was signed in still is (the session key and sessions came back), and their
    // profile is there.
    let account = second.page(&editor, "/account").await;
    assert!(account.contains("Log out"), "the member was signed out");
    let profile = second.page(&editor, "/me/profile").await;
    assert!(
        profile.contains("Edwige Diop"),
        "the member's profile did not come back"
    );
    // A demo member logs in with their password.
    let demo = new_client();
    let response = second
        .log_in(
            &demo,
            "member0@demo.passerelle.example",
            seed::DEMO_PASSWORD,
        )
        .await;
    assert!(
        response.status().is_success(),
        "a demo member cannot log in"
    );
    assert!(second.page(&demo, "/account").await.contains("Log out"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_never_swaps_a_served_database_nor_replaces_a_community_unasked() {
    if on_postgres() {
        return;
    }
    let app = spawn_app().await;
    app.member("awa@example.org", "Awa").await;
    let folder = tempfile::tempdir().expect("a folder");
    let file = folder.path().join("backup.db");
    backup::backup(&app.database_url(), &file)
        .await
        .expect("a backup");

    let error = backup::backup(&app.database_url(), &file)
        .await
        .expect_err("a backup overwrote another")
        .to_string();
    assert!(error.contains("already exists"), "{error}");

    // While the app serves, not even --force restores over it.
    let error = backup::restore(&app.database_url(), &file, true)
        .await
        .expect_err("restored under a running server")
        .to_string();
    assert!(error.contains("is serving"), "{error}");

    // Another community is not replaced without --force; with it, it is.
    let other = folder.path().join("other.db");
    let other_url = format!("sqlite://{}", other.display());
    let pool = db::connect(&other_url).await.expect("a database");
    db::migrate(&pool).await.expect("migrations");
    pool.close().await;
    let error = backup::restore(&other_url, &file, false)
        .await
        .expect_err("replaced a community unasked")
        .to_string();
    assert!(error.contains("--force"), "{error}");
    let back = backup::restore(&other_url, &file, true)
        .await
        .expect("replaced when asked");
    assert_eq!(back.members, 1);

    // A file that is not a whole database is refused, and the database left as it was.
    let broken = folder.path().join("broken.db");
    let mut bytes = std::fs::read(&file).expect("the backup");
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&broken, &bytes).expect("written");
    std::fs::write(folder.path().join("notes.txt"), PASSWORD).expect("written");
    for bad in [broken, folder.path().join("notes.txt")] {
        assert!(
            backup::restore(&other_url, &bad, true).await.is_err(),
            "restored {}",
            bad.display()
        );
    }
    let pool = db::connect(&other_url).await.expect("the database");
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM users")
        .fetch_all(&pool)
        .await
        .expect("its accounts");
    assert_eq!(emails, ["awa@example.org"], "a refused restore changed it");

    let error = backup::backup("postgres://passerelle@localhost/passerelle", &file)
        .await
        .expect_err("a PostgreSQL backup")
        .to_string();
    assert!(error.contains("pg_dump"), "{error}");
}
