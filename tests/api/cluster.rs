//! Several app servers on one database (a load balancer in front): sessions, the change
//! log every server follows, and the outbox workers all of them run.

use crate::helpers::{fresh_database_url, new_client, spawn_app, spawn_app_with, succeeded};
use passerelle::server::db::changes::{self, Changes};
use passerelle::server::db::{self, Pool};
use passerelle::server::mail::{self, Mail, Transport};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_started_on_one_server_continues_on_the_other() {
    let first = spawn_app().await;
    let shared = first.database_url();
    let second = spawn_app_with(|s| s.database_url = Some(shared)).await;
    let amina = first.member("amina@example.org", "Amina Diallo").await;

    // The same cookie, sent to the other server (cookies do not depend on the port).
    assert!(second
        .page(&amina, "/account")
        .await
        .contains("Amina Diallo"));
    assert!(succeeded(&second.call(&amina, "logout", &[]).await));
    // Signed out through the second server: the first no longer knows the session.
    assert!(!first
        .page(&amina, "/account")
        .await
        .contains("Amina Diallo"));
    assert!(!first
        .page(&new_client(), "/account")
        .await
        .contains("Amina Diallo"));
}

/// Every member and organization id the log reports from `seen` until it is quiet.
async fn follow(pool: &Pool, seen: &mut i64) -> Vec<i64> {
    let mut ids = Vec::new();
    loop {
        match changes::since(pool, true, *seen)
            .await
            .expect("the log answers")
        {
            Changes::None => return ids,
            Changes::All { .. } => panic!("a handful of changes asked for a full reload"),
            Changes::Some {
                latest, members, ..
            } => {
                ids.extend(members);
                *seen = latest;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_written_while_another_is_still_open_is_not_skipped() {
    let app = spawn_app().await;
    let slow = app.member("slow@example.org", "Slow").await;
    app.save_profile(&slow, "Slow", &[("visibility", "public")])
        .await;
    let fast = app.member("fast@example.org", "Fast").await;
    app.save_profile(&fast, "Fast", &[("visibility", "public")])
        .await;
    let pool = app.db().await;
    let ids: HashMap<String, i64> = sqlx::query_as("SELECT display_name, id FROM users")
        .fetch_all(&pool)
        .await
        .expect("accounts")
        .into_iter()
        .collect();
    let Changes::All { latest } = changes::since(&pool, false, 0).await.expect("the log") else {
        panic!("an index that never loaded must load everything");
    };
    let mut seen = latest;

    // A transaction writes first and has not committed when a second one writes.
    let mut open = pool.begin().await.expect("a transaction");
    sqlx::query("UPDATE profiles SET headline = 'slow' WHERE user_id = $1")
        .bind(ids["Slow"])
        .execute(&mut *open)
        .await
        .expect("an update");
    let second = {
        let (pool, fast) = (pool.clone(), ids["Fast"]);
        tokio::spawn(async move {
            sqlx::query("UPDATE profiles SET headline = 'fast' WHERE user_id = $1")
                .bind(fast)
                .execute(&pool)
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mut reported = follow(&pool, &mut seen).await;
    assert!(
        !reported.contains(&ids["Slow"]),
        "a change not yet committed was reported"
    );
    open.commit().await.expect("the commit");
    second.await.expect("the second writer").expect("an update");
    reported.extend(follow(&pool, &mut seen).await);

    assert!(
        reported.contains(&ids["Fast"]),
        "the later change was missed"
    );
    assert!(
        reported.contains(&ids["Slow"]),
        "the change written first was skipped"
    );
}

/// A minimal SMTP server that takes every message, slowly, and counts them by subject.
async fn slow_mail_server() -> (String, Arc<Mutex<HashMap<String, usize>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let received: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let counts = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let counts = counts.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut in_data = false;
                let mut subject = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if in_data {
                        if let Some(s) = line.strip_prefix("Subject: ") {
                            subject = s.to_owned();
                        }
                        if line != "." {
                            continue;
                        }
                        in_data = false;
                        // Slow enough for the other worker to try the same message.
                        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                        *counts
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .entry(std::mem::take(&mut subject))
                            .or_default() += 1;
                        b"250 queued\r\n"
                    } else if line.starts_with("EHLO") || line.starts_with("HELO") {
                        b"250 test\r\n"
                    } else if line.starts_with("DATA") {
                        in_data = true;
                        b"354 go on\r\n"
                    } else if line.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (format!("smtp://{address}"), received)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_outbox_workers_send_each_message_once() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let pool = db::connect(&fresh_database_url(data.path()).await)
        .await
        .expect("a database");
    db::migrate(&pool).await.expect("migrations");
    for n in 0..6 {
        let mail = Mail {
            to: format!("reader{n}@example.org"),
            subject: format!("message {n}"),
            body: "Hello".into(),
        };
        mail::enqueue(&pool, &mail, db::now())
            .await
            .expect("queued");
    }
    let (smtp, received) = slow_mail_server().await;
    let transport = Arc::new(
        Transport::from_settings(
            Some(&smtp),
            std::path::Path::new("unused"),
            "Passerelle <no-reply@example.org>",
        )
        .expect("a transport"),
    );

    // Two servers' workers wake on the same due messages.
    let workers = (0..2).map(|_| {
        let (pool, transport) = (pool.clone(), transport.clone());
        tokio::spawn(async move { mail::deliver_due(&pool, &transport).await })
    });
    let mut sent = 0;
    for worker in workers {
        sent += worker.await.expect("a worker").expect("a round");
    }

    let received = received.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(sent, 6, "each message is counted sent once");
    assert_eq!(received.len(), 6, "every message arrived: {received:?}");
    assert!(
        received.values().all(|n| *n == 1),
        "a message was sent twice: {received:?}"
    );
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&pool)
        .await
        .expect("the outbox");
    assert_eq!(unsent, 0);
}

const ORG: [(&str, &str); 4] = [
    ("org[name]", "Diaspora Health Network"),
    ("org[kind]", "ngo"),
    ("org[hq_country]", "SN"),
    ("org[sdgs][]", "3"),
];
const SLUG: &str = "diaspora-health-network";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_owners_leaving_at_once_through_two_servers_leave_one_owner() {
    let first = spawn_app().await;
    let shared = first.database_url();
    let second = spawn_app_with(|s| s.database_url = Some(shared)).await;
    let owner = first.member("owner@example.org", "Owner").await;
    assert!(succeeded(
        &first.call(&owner, "create_organization", &ORG).await
    ));
    let kofi = first.member("kofi@example.org", "Kofi").await;
    assert!(succeeded(
        &first
            .call(&kofi, "join_organization", &[("slug", SLUG)])
            .await
    ));
    let kofi_id = first.user_id("kofi@example.org").await.to_string();
    let approve = [
        ("slug", SLUG),
        ("user_id", kofi_id.as_str()),
        ("decision", "approve"),
    ];
    assert!(succeeded(
        &first.call(&owner, "answer_join", &approve).await
    ));
    let promote = [
        ("slug", SLUG),
        ("user_id", kofi_id.as_str()),
        ("role", "owner"),
    ];
    assert!(succeeded(
        &first.call(&owner, "set_member_role", &promote).await
    ));

    let leave = [("slug", SLUG)];
    let (a, b) = tokio::join!(
        first.call(&owner, "leave_organization", &leave),
        second.call(&kofi, "leave_organization", &leave),
    );

    assert_eq!(
        [succeeded(&a), succeeded(&b)]
            .iter()
            .filter(|ok| **ok)
            .count(),
        1,
        "exactly one owner may leave: {} and {}",
        a.status(),
        b.status()
    );
    let owners: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM org_members m JOIN organizations o ON o.id = m.org_id
         WHERE o.slug = $1 AND m.role = 'owner'",
    )
    .bind(SLUG)
    .fetch_one(&first.db().await)
    .await
    .expect("owners");
    assert_eq!(owners, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_sent_at_once_through_two_servers_never_pass_the_daily_limit() {
    use passerelle::domain::INTROS_PER_DAY;
    let first = spawn_app().await;
    let shared = first.database_url();
    let second = spawn_app_with(|s| s.database_url = Some(shared)).await;
    let kofi = first.member("kofi@example.org", "Kofi").await;
    let kofi_id = first.user_id("kofi@example.org").await;
    let pool = first.db().await;
    // The day's requests but one, already sent.
    for n in 1..INTROS_PER_DAY {
        let to: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at, updated_at)
             VALUES ($1, $2, 'x', $3, $3) RETURNING id",
        )
        .bind(format!("earlier{n}@example.org"))
        .bind(format!("Earlier {n}"))
        .bind(db::now())
        .fetch_one(&pool)
        .await
        .expect("an account");
        sqlx::query(
            "INSERT INTO introductions (sender_id, recipient_user_id, message, created_at)
             VALUES ($1, $2, 'Hello', $3)",
        )
        .bind(kofi_id)
        .bind(to)
        .bind(db::now())
        .execute(&pool)
        .await
        .expect("an earlier request");
    }
    let mut targets = Vec::new();
    for n in 0..4 {
        let email = format!("new{n}@example.org");
        let client = first.member(&email, &format!("New {n}")).await;
        first.save_profile(&client, &format!("New {n}"), &[]).await;
        targets.push(format!("member:{}", first.user_id(&email).await));
    }

    let forms: Vec<[(&str, &str); 3]> = targets
        .iter()
        .map(|to| {
            [
                ("intro[to]", to.as_str()),
                ("intro[need]", ""),
                ("intro[message]", "Shall we talk?"),
            ]
        })
        .collect();
    let sends = forms.iter().enumerate().map(|(n, form)| {
        let app = if n % 2 == 0 { &first } else { &second };
        app.call(&kofi, "send_introduction", form)
    });
    let answers = futures::future::join_all(sends).await;

    let sent = answers.iter().filter(|a| succeeded(a)).count();
    assert_eq!(
        sent,
        1,
        "one request was left for today: {:?}",
        answers.iter().map(|a| a.status()).collect::<Vec<_>>()
    );
    let today: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM introductions WHERE sender_id = $1")
        .bind(kofi_id)
        .fetch_one(&pool)
        .await
        .expect("requests");
    assert_eq!(today, INTROS_PER_DAY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_behind_the_pruned_log_loads_everything_again() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[("visibility", "public")])
        .await;
    let pool = app.db().await;
    let Changes::All { latest } = changes::since(&pool, false, 0).await.expect("the log") else {
        panic!("an index that never loaded must load everything");
    };
    let (behind, mut current) = (latest, latest);
    for n in 0..5 {
        sqlx::query("UPDATE profiles SET headline = $1")
            .bind(format!("Headline {n}"))
            .execute(&pool)
            .await
            .expect("an update");
    }
    assert!(
        !follow(&pool, &mut current).await.is_empty(),
        "the updates are logged"
    );

    let gone = changes::prune(&pool, 2).await.expect("pruning");
    assert!(gone >= 3, "only {gone} changes pruned");
    // The changes this reader had not read are gone: it must reload, not skip them.
    assert!(matches!(
        changes::since(&pool, true, behind).await.expect("the log"),
        Changes::All { .. }
    ));
    // A reader that had read them carries on as before.
    assert_eq!(
        changes::since(&pool, true, current).await.expect("the log"),
        Changes::None
    );
    sqlx::query("UPDATE profiles SET headline = 'After'")
        .execute(&pool)
        .await
        .expect("an update");
    assert!(!follow(&pool, &mut current).await.is_empty());
}
