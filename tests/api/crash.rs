//! Crash safety on the embedded database: the `passerelle` binary is killed with SIGKILL
//! in the middle of writes, again and again, and restarted each time. Every write it
//! acknowledged before it died is there after, and SQLite finds its file whole.
//!
//! `PASSERELLE_CRASH_KILLS` sets how many kills (50 in the test command; the long run is
//! `scripts/crash.sh`, 500). SQLite only: on PostgreSQL the database is another process,
//! which killing an app server does not touch.

use crate::helpers::{
    free_address, new_client, process_app, profile_form, start_server, succeeded, TestApp,
    POSTGRES_ENV,
};
use rand::Rng;
use reqwest::Client;
use std::process::Stdio;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Members editing their profiles at once, each with numbered headlines.
const EDITORS: usize = 3;

/// Saves `client`'s profile with headline `Edit {n}` for n = 1, 2, … until the server
/// dies, recording in `acknowledged` each n the server answered yes to.
async fn edit(app: Arc<TestApp>, client: Client, name: String, acknowledged: Arc<AtomicU64>) {
    let mut n = acknowledged.load(Ordering::SeqCst);
    loop {
        n += 1;
        let headline = format!("Edit {n}");
        let form = profile_form(&name, &[("headline", &headline)]);
        match app.try_call(&client, "save_profile", &form).await {
            Some(response) if succeeded(&response) => acknowledged.store(n, Ordering::SeqCst),
            Some(response) => panic!("a save was refused: {}", response.status()),
            None => return,
        }
    }
}

/// Registers `joiner-{round}-{k}@example.org` for k = 0, 1, … until the server dies,
/// recording each address the server answered yes to.
async fn register(
    app: Arc<TestApp>,
    round: usize,
    acknowledged: Arc<std::sync::Mutex<Vec<String>>>,
) {
    for k in 0.. {
        let email = format!("joiner-{round}-{k}@example.org");
        let form = [
            ("email".to_owned(), email.clone()),
            ("display_name".to_owned(), format!("Joiner {k}")),
            ("password".to_owned(), crate::helpers::PASSWORD.to_owned()),
        ];
        match app.try_call(&new_client(), "register", &form).await {
            Some(response) if succeeded(&response) => {
                acknowledged.lock().expect("the list").push(email)
            }
            Some(response) => panic!("a registration was refused: {}", response.status()),
            None => return,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_the_server_being_killed_mid_write() {
    if std::env::var(POSTGRES_ENV).is_ok() {
        eprintln!("SQLite only: PostgreSQL is a process of its own");
        return;
    }
    let kills: usize = std::env::var("PASSERELLE_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let address = free_address();
    let app = Arc::new(process_app(
        format!("http://{address}"),
        tempfile::tempdir().expect("a folder"),
    ));
    let mut server = start_server(&app, &address, "error", Stdio::inherit()).await;
    let mut editors = Vec::new();
    for e in 0..EDITORS {
        let (email, name) = (format!("editor{e}@example.org"), format!("Editor {e}"));
        editors.push((
            app.member(&email, &name).await,
            name,
            Arc::new(AtomicU64::new(0)),
        ));
    }
    let joined = Arc::new(std::sync::Mutex::new(Vec::new()));

    for round in 0..kills {
        let mut writers: Vec<_> = editors
            .iter()
            .map(|(client, name, acknowledged)| {
                tokio::spawn(edit(
                    app.clone(),
                    client.clone(),
                    name.clone(),
                    acknowledged.clone(),
                ))
            })
            .collect();
        writers.push(tokio::spawn(register(app.clone(), round, joined.clone())));
        let pause = rand::thread_rng().gen_range(30..250);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        server.kill().expect("SIGKILL");
        server.wait().expect("the server is gone");
        for writer in writers {
            writer.await.expect("a writer");
        }
        server = start_server(&app, &address, "error", Stdio::inherit()).await;

        let db = app.db().await;
        // On a connection of its own. One kept open across the restarts (the test's pool)
        // reported "malformed inverted index for FTS5 table member_search" now and then
        // (bundled SQLite 3.46.0), while a fresh connection, and Python's SQLite 3.40 on a
        // copy of the same files, found them whole, FTS5's own integrity-check included.
        let verdict: String = {
            use sqlx::Connection;
            let mut fresh = sqlx::sqlite::SqliteConnection::connect(&app.database_url())
                .await
                .expect("a connection");
            let verdict = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(&mut fresh)
                .await
                .expect("an integrity check");
            fresh.close().await.ok();
            verdict
        };
        if verdict != "ok" {
            let keep = std::env::temp_dir().join("passerelle-crash-failure");
            let _ = std::fs::create_dir_all(&keep);
            for name in ["passerelle.db", "passerelle.db-wal", "passerelle.db-shm"] {
                let _ = std::fs::copy(app.data_dir().join(name), keep.join(name));
            }
            panic!(
                "after kill {}: {verdict} (the database is kept in {})",
                round + 1,
                keep.display()
            );
        }
        for (e, (_, _, acknowledged)) in editors.iter().enumerate() {
            let email = format!("editor{e}@example.org");
            let headline: Option<String> = sqlx::query_scalar(
                "SELECT p.headline FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = $1",
            )
            .bind(&email)
            .fetch_optional(&db)
            .await
            .expect("a profile")
            .flatten();
            let stored: u64 = headline
                .as_deref()
                .and_then(|h| h.strip_prefix("Edit "))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let last = acknowledged.load(Ordering::SeqCst);
            // The edit in flight when the server died may have been written too.
            assert!(
                stored >= last,
                "kill {}: {email}'s acknowledged edit {last} is lost (found {stored})",
                round + 1
            );
            acknowledged.store(stored, Ordering::SeqCst);
        }
        let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM users")
            .fetch_all(&db)
            .await
            .expect("the accounts");
        for email in joined.lock().expect("the list").iter() {
            assert!(
                emails.contains(email),
                "kill {}: the account {email} is lost",
                round + 1
            );
        }
    }
    let joined = joined.lock().expect("the list").len();
    let edits: u64 = editors
        .iter()
        .map(|(_, _, a)| a.load(Ordering::SeqCst))
        .sum();
    eprintln!(
        "{kills} kills survived: {edits} edits and {joined} registrations acknowledged, none lost"
    );
    assert!(
        edits > 0 && joined > 0,
        "nothing was written between the kills"
    );
    server.kill().expect("SIGKILL");
    server.wait().expect("the server is gone");
}
