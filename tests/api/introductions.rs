//! Introductions over HTTP: consent before contact, limits, blocks, the inbox and the outbox.

use crate::helpers::{app_error, new_client, spawn_app, spawn_app_with, succeeded, TestApp};
use passerelle::domain::{AppError, Block, FieldIssue, Inbox, IntroStatus, INTROS_PER_DAY};
use reqwest::Client;

const SECRET_A: &str = "amina.private@example.org";
const SECRET_B: &str = "kofi.private@example.org";

/// Two members with private contact addresses: Amina (public profile) and Kofi.
async fn two_members(app: &TestApp) -> (Client, i64, Client, i64) {
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(
        &amina,
        "Amina",
        &[("contact_email", SECRET_A), ("headline", "Nurse in Lyon")],
    )
    .await;
    let kofi = app.member("kofi@example.org", "Kofi").await;
    app.save_profile(&kofi, "Kofi", &[("contact_email", SECRET_B)])
        .await;
    let (a, k) = (
        app.user_id("amina@example.org").await,
        app.user_id("kofi@example.org").await,
    );
    (amina, a, kofi, k)
}

async fn ask(app: &TestApp, client: &Client, to: &str, message: &str) -> reqwest::Response {
    app.call(
        client,
        "send_introduction",
        &[
            ("intro[to]", to),
            ("intro[need]", ""),
            ("intro[message]", message),
        ],
    )
    .await
}

async fn answer(app: &TestApp, client: &Client, id: &str, decision: &str) -> reqwest::Response {
    app.call(
        client,
        "answer_introduction",
        &[("id", id), ("decision", decision)],
    )
    .await
}

async fn inbox(app: &TestApp, client: &Client) -> Inbox {
    app.call(client, "inbox", &[])
        .await
        .json()
        .await
        .expect("an inbox")
}

/// Everything `client` can read about the other side: inbox, pages, the profile function.
async fn everything(app: &TestApp, client: &Client, member: i64) -> String {
    let mut all = app
        .call(client, "inbox", &[])
        .await
        .text()
        .await
        .expect("a body");
    for path in [
        "/inbox".to_owned(),
        format!("/members/{member}"),
        "/members".into(),
    ] {
        all.push_str(&app.page(client, &path).await);
    }
    all.push_str(
        &app.call(client, "member", &[("id", &member.to_string())])
            .await
            .text()
            .await
            .expect("a body"),
    );
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contact_details_are_shared_only_once_the_other_side_accepts() {
    let app = spawn_app().await;
    let (amina, a, kofi, k) = two_members(&app).await;
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let message = "Hello Amina, I run a clinic in Accra and would love to talk.";
    assert!(succeeded(
        &ask(&app, &kofi, &format!("member:{a}"), message).await
    ));

    // Before: the recipient reads the request and the sender's public profile, no contact.
    let received = inbox(&app, &amina).await;
    assert_eq!(received.received.len(), 1);
    assert_eq!(received.received[0].message, message);
    assert_eq!(received.received[0].contact, None);
    for (client, member) in [(&amina, k), (&kofi, a), (&stranger, a), (&stranger, k)] {
        let seen = everything(&app, client, member).await;
        assert!(
            !seen.contains(SECRET_A) && !seen.contains(SECRET_B),
            "no contact before acceptance"
        );
    }
    assert!(
        app.page(&amina, "/").await.contains("badge-count"),
        "the header shows unread events"
    );

    // A third party can neither read nor answer it.
    assert!(inbox(&app, &stranger).await.received.is_empty());
    let id = received.received[0].id.to_string();
    let accept = [("id", id.as_str()), ("decision", "accept")];
    assert_eq!(
        app.call(&stranger, "answer_introduction", &accept)
            .await
            .status(),
        404
    );
    assert_eq!(
        app.call(&kofi, "answer_introduction", &accept)
            .await
            .status(),
        404,
        "not the sender either"
    );

    assert!(succeeded(
        &app.call(&amina, "answer_introduction", &accept).await
    ));
    let amina_sees = inbox(&app, &amina).await.received.remove(0);
    assert_eq!(amina_sees.status, IntroStatus::Accepted);
    assert_eq!(
        amina_sees.contact.map(|c| c.email),
        Some(SECRET_B.to_owned())
    );
    let kofi_sees = inbox(&app, &kofi).await;
    assert_eq!(
        kofi_sees.sent[0].contact.as_ref().map(|c| c.email.as_str()),
        Some(SECRET_A)
    );
    assert!(
        kofi_sees.events.iter().any(|e| !e.read),
        "the sender hears of the acceptance"
    );
    assert!(app.page(&kofi, "/inbox").await.contains(SECRET_A));
    let seen = everything(&app, &stranger, a).await + &everything(&app, &stranger, k).await;
    assert!(
        !seen.contains(SECRET_A) && !seen.contains(SECRET_B),
        "a third party still sees nothing"
    );

    // Every step is in the audit log, and both emails went through the outbox.
    let pool = app.db().await;
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'introduction%' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .expect("audit");
    assert_eq!(actions, ["introduction_requested", "introduction_accepted"]);
    let outbox: Vec<String> =
        sqlx::query_scalar("SELECT to_address FROM outbox WHERE body LIKE '%/inbox%' ORDER BY id")
            .fetch_all(&pool)
            .await
            .expect("outbox");
    assert_eq!(outbox, ["amina@example.org", "kofi@example.org"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_request_says_declined_and_nothing_more_and_a_blocked_sender_is_refused() {
    let app = spawn_app().await;
    let (amina, a, kofi, _) = two_members(&app).await;
    let to = format!("member:{a}");
    assert!(succeeded(
        &ask(&app, &kofi, &to, "First request, about nursing jobs.").await
    ));
    let id = inbox(&app, &amina).await.received[0].id.to_string();
    assert!(succeeded(&answer(&app, &amina, &id, "decline").await));
    let sent = inbox(&app, &kofi).await.sent.remove(0);
    assert_eq!(sent.status, IntroStatus::Declined);
    assert_eq!(sent.contact, None);
    assert!(!everything(&app, &kofi, a).await.contains(SECRET_A));

    // Declined, Kofi may ask again; Amina blocks him, and he cannot ask a third time.
    assert!(succeeded(
        &ask(&app, &kofi, &to, "Second request, after a new project.").await
    ));
    let id = inbox(&app, &amina).await.received[0].id.to_string();
    assert!(succeeded(&answer(&app, &amina, &id, "block").await));
    let AppError::Form(errors) =
        app_error(ask(&app, &kofi, &to, "Third request, please answer.").await).await
    else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("message"), Some(FieldIssue::Blocked));
    assert_eq!(
        errors.value("message"),
        Some("Third request, please answer.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_duplicate_open_request_and_at_most_twenty_a_day() {
    let app = spawn_app().await;
    let (_, a, kofi, _) = two_members(&app).await;
    let to = format!("member:{a}");
    assert!(succeeded(
        &ask(&app, &kofi, &to, "A first message to Amina.").await
    ));
    let AppError::Form(errors) =
        app_error(ask(&app, &kofi, &to, "The same request again.").await).await
    else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("message"), Some(FieldIssue::AlreadyRequested));
    // Nineteen more members to write to, then one too many.
    for n in 0..(INTROS_PER_DAY - 1) {
        let email = format!("m{n}@example.org");
        let client = app.member(&email, &format!("Member {n}")).await;
        app.save_profile(&client, &format!("Member {n}"), &[]).await;
        let id = app.user_id(&email).await;
        assert!(succeeded(
            &ask(
                &app,
                &kofi,
                &format!("member:{id}"),
                "Hello, shall we talk?"
            )
            .await
        ));
    }
    let last = app.member("last@example.org", "Last").await;
    app.save_profile(&last, "Last", &[]).await;
    let id = app.user_id("last@example.org").await;
    let AppError::Form(errors) = app_error(
        ask(
            &app,
            &kofi,
            &format!("member:{id}"),
            "Hello, shall we talk?",
        )
        .await,
    )
    .await
    else {
        panic!("a form error")
    };
    assert_eq!(
        errors.issue("message"),
        Some(FieldIssue::DailyLimit {
            max: INTROS_PER_DAY
        })
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM introductions")
        .fetch_one(&app.db().await)
        .await
        .expect("count");
    assert_eq!(count, INTROS_PER_DAY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_admin_writes_for_an_organization_and_its_admins_answer_for_it() {
    let app = spawn_app().await;
    let (amina, a, kofi, _) = two_members(&app).await;
    let org = [
        ("org[name]", "Clinic Network"),
        ("org[kind]", "ngo"),
        ("org[hq_country]", "GH"),
    ];
    assert!(succeeded(
        &app.call(&kofi, "create_organization", &org).await
    ));
    let as_org = [
        ("intro[to]", format!("member:{a}")),
        ("intro[need]", String::new()),
        ("intro[from_org]", "clinic-network".to_owned()),
        (
            "intro[message]",
            "Our network would like to meet you.".to_owned(),
        ),
    ];
    let pairs: Vec<(&str, &str)> = as_org.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let outsider = app.member("out@example.org", "Outsider").await;
    assert_eq!(
        app.call(&outsider, "send_introduction", &pairs)
            .await
            .status(),
        403
    );
    assert!(succeeded(
        &app.call(&kofi, "send_introduction", &pairs).await
    ));
    let seen = inbox(&app, &amina).await;
    assert!(
        matches!(&seen.received[0].from, passerelle::domain::Party::Organization { slug, .. } if slug == "clinic-network")
    );
    // Amina writes to the organization; Kofi, its owner, answers.
    assert!(succeeded(
        &ask(
            &app,
            &amina,
            "org:clinic-network",
            "Happy to talk about your clinics."
        )
        .await
    ));
    let to_org = inbox(&app, &kofi).await.received;
    assert_eq!(to_org.len(), 1);
    let id = to_org[0].id.to_string();
    assert_eq!(answer(&app, &outsider, &id, "accept").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_mail_server_keeps_every_message_and_retries_it() {
    // Port 9 (discard) on localhost refuses connections: every send fails.
    let app = spawn_app_with(|s| s.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
    let (_, a, kofi, _) = two_members(&app).await;
    assert!(succeeded(
        &ask(
            &app,
            &kofi,
            &format!("member:{a}"),
            "Hello Amina, shall we talk?"
        )
        .await
    ));
    let pool = app.db().await;
    let mut tried = (0_i64, None::<String>, None::<i64>);
    for _ in 0..50 {
        tried = sqlx::query_as("SELECT attempts, last_error, sent_at FROM outbox")
            .fetch_one(&pool)
            .await
            .expect("the message is still there");
        if tried.0 > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(tried.0 >= 1, "the worker tried to send it");
    assert!(
        tried.1.is_some_and(|e| !e.is_empty()),
        "the failure is recorded"
    );
    assert_eq!(tried.2, None, "not marked sent");
    let retry_at: i64 = sqlx::query_scalar("SELECT next_attempt_at - created_at FROM outbox")
        .fetch_one(&pool)
        .await
        .expect("a retry time");
    assert!(retry_at >= 30, "retried later, not dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_mail_server_messages_are_logged_and_marked_sent() {
    let app = spawn_app().await;
    let (_, a, kofi, _) = two_members(&app).await;
    assert!(succeeded(
        &ask(
            &app,
            &kofi,
            &format!("member:{a}"),
            "Hello Amina, shall we talk?"
        )
        .await
    ));
    let pool = app.db().await;
    let mut sent = None;
    for _ in 0..50 {
        sent = sqlx::query_scalar::<_, Option<i64>>("SELECT sent_at FROM outbox")
            .fetch_one(&pool)
            .await
            .expect("a message");
        if sent.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(sent.is_some(), "the log transport took it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emails_are_written_in_the_language_each_account_chose() {
    let app = spawn_app().await;
    // Kofi joins from a Spanish page; Amina joins in English, then switches to Arabic.
    let kofi = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(
            [(
                reqwest::header::ACCEPT_LANGUAGE,
                reqwest::header::HeaderValue::from_static("es-MX,es;q=0.9"),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .expect("a client");
    app.join(&kofi, "kofi@example.org", "Kofi").await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[("headline", "Nurse in Lyon")])
        .await;
    let switched = amina
        .get(app.url("/locale/ar?next=/inbox"))
        .send()
        .await
        .expect("the switch answers");
    assert_eq!(switched.status(), 303);
    let a = app.user_id("amina@example.org").await;

    assert!(succeeded(
        &ask(
            &app,
            &kofi,
            &format!("member:{a}"),
            "Hola Amina, ¿hablamos?"
        )
        .await
    ));
    let id = inbox(&app, &amina).await.received[0].id.to_string();
    assert!(succeeded(&answer(&app, &amina, &id, "accept").await));

    let pool = app.db().await;
    // The introduction's two emails (the confirmations of joining came before them).
    let mails: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT to_address, subject, body FROM outbox WHERE body LIKE '%/inbox%' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .expect("outbox");
    let [(to_amina, subject_a, body_a), (to_kofi, subject_k, body_k)] = mails.as_slice() else {
        panic!("two emails, got {mails:?}");
    };
    assert_eq!(to_amina, "amina@example.org");
    assert_eq!(subject_a, "طلب تعارف جديد على Passerelle");
    assert!(body_a.contains("/inbox"), "{body_a}");
    assert_eq!(to_kofi, "kofi@example.org");
    assert_eq!(subject_k, "Su solicitud de presentación ha sido aceptada");
    assert!(body_k.contains("bandeja de entrada"), "{body_k}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_block_is_listed_in_the_account_and_lifted_there_by_its_maker_only() {
    let app = spawn_app().await;
    let (amina, a, kofi, k) = two_members(&app).await;
    let to = format!("member:{a}");
    assert!(succeeded(
        &ask(&app, &kofi, &to, "A first request, about nursing jobs.").await
    ));
    let id = inbox(&app, &amina).await.received[0].id.to_string();
    assert!(succeeded(&answer(&app, &amina, &id, "block").await));
    let blocks: Vec<Block> = app
        .call(&amina, "my_blocks", &[])
        .await
        .json()
        .await
        .expect("blocks");
    assert_eq!(blocks.len(), 1);
    assert_eq!((blocks[0].member_id, blocks[0].name.as_str()), (k, "Kofi"));
    assert_eq!(blocks[0].organization, None);
    let account = app.page(&amina, "/account").await.replace("<!>", "");
    assert!(account.contains("Unblock Kofi"), "{account}");
    // Kofi sees nothing of it, and cannot lift it.
    let his: Vec<Block> = app
        .call(&kofi, "my_blocks", &[])
        .await
        .json()
        .await
        .expect("blocks");
    assert!(his.is_empty());
    let k = k.to_string();
    let lift = [("member_id", k.as_str()), ("organization", "")];
    assert_eq!(app.call(&kofi, "unblock", &lift).await.status(), 404);
    assert_eq!(
        app.call(&new_client(), "unblock", &lift).await.status(),
        401
    );
    assert!(matches!(
        app_error(ask(&app, &kofi, &to, "Still blocked, so refused.").await).await,
        AppError::Form(_)
    ));

    assert!(succeeded(&app.call(&amina, "unblock", &lift).await));
    assert!(app
        .call(&amina, "my_blocks", &[])
        .await
        .json::<Vec<Block>>()
        .await
        .expect("blocks")
        .is_empty());
    assert!(succeeded(
        &ask(&app, &kofi, &to, "Unblocked, a new request is taken.").await
    ));
    assert_eq!(
        app.call(&amina, "unblock", &lift).await.status(),
        404,
        "nothing left to lift"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_withdraws_a_pending_request_and_nobody_else_can() {
    let app = spawn_app().await;
    let (amina, a, kofi, _) = two_members(&app).await;
    let to = format!("member:{a}");
    assert!(succeeded(
        &ask(&app, &kofi, &to, "A request I will take back.").await
    ));
    let id = inbox(&app, &kofi).await.sent[0].id.to_string();
    let withdraw = [("id", id.as_str())];
    assert_eq!(
        app.call(&amina, "withdraw_introduction", &withdraw)
            .await
            .status(),
        404,
        "the recipient cannot withdraw it"
    );
    assert_eq!(
        app.call(&new_client(), "withdraw_introduction", &withdraw)
            .await
            .status(),
        401
    );
    assert!(succeeded(
        &app.call(&kofi, "withdraw_introduction", &withdraw).await
    ));
    assert_eq!(
        inbox(&app, &kofi).await.sent[0].status,
        IntroStatus::Withdrawn
    );
    assert_eq!(
        inbox(&app, &amina).await.received[0].status,
        IntroStatus::Withdrawn
    );
    // Withdrawn, it can no longer be accepted, so nothing is shared.
    assert_eq!(answer(&app, &amina, &id, "accept").await.status(), 404);
    assert!(!everything(&app, &kofi, a).await.contains(SECRET_A));
    assert_eq!(
        app.call(&kofi, "withdraw_introduction", &withdraw)
            .await
            .status(),
        404,
        "nothing left to withdraw"
    );
    let page = app.page(&amina, "/inbox").await;
    assert!(page.contains("Withdrawn by its sender"), "{page}");
    // No request is open between them any more: Kofi may ask again.
    assert!(succeeded(
        &ask(&app, &kofi, &to, "A new request after all, about a clinic.").await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_unanswered_for_two_weeks_expires_once_and_both_sides_are_told() {
    use passerelle::domain::EventKind;
    use passerelle::server::introductions::{expire_unanswered, Mailer};
    let app = spawn_app().await;
    let (amina, a, kofi, k) = two_members(&app).await;
    assert!(succeeded(
        &ask(
            &app,
            &kofi,
            &format!("member:{a}"),
            "An old request, never answered."
        )
        .await
    ));
    assert!(succeeded(
        &ask(
            &app,
            &amina,
            &format!("member:{k}"),
            "A fresh request, the other way."
        )
        .await
    ));
    let db = app.db().await;
    let now = passerelle::server::db::now();
    let fifteen_days = 15 * 24 * 3600;
    sqlx::query("UPDATE introductions SET created_at = $1 WHERE sender_id = $2")
        .bind(now - fifteen_days)
        .bind(k)
        .execute(&db)
        .await
        .expect("aged");
    let mailer = Mailer {
        public_url: "https://passerelle.example".into(),
        wake: Default::default(),
    };
    assert_eq!(
        expire_unanswered(&db, &mailer, now).await.expect("swept"),
        1
    );
    assert_eq!(
        expire_unanswered(&db, &mailer, now).await.expect("swept"),
        0,
        "a request expires once, and both sides are told once"
    );

    let his = inbox(&app, &kofi).await;
    let old = his
        .sent
        .iter()
        .find(|i| i.message.starts_with("An old request"))
        .expect("the old request");
    assert_eq!(old.status, IntroStatus::Expired);
    assert!(his.events.iter().any(|e| e.kind
        == EventKind::IntroExpired {
            with: "Amina".into(),
            sent: true
        }));
    let hers = inbox(&app, &amina).await;
    assert_eq!(hers.received[0].status, IntroStatus::Expired);
    assert!(hers.events.iter().any(|e| e.kind
        == EventKind::IntroExpired {
            with: "Kofi".into(),
            sent: false
        }));
    assert_eq!(
        hers.sent[0].status,
        IntroStatus::Pending,
        "a fresh request does not expire"
    );
    let (subject, body) = app
        .last_mail("kofi@example.org")
        .await
        .expect("a mail to Kofi");
    assert_eq!(subject, "Your introduction request expired");
    assert!(body.contains("https://passerelle.example/inbox"), "{body}");
    let (subject, _) = app
        .last_mail("amina@example.org")
        .await
        .expect("a mail to Amina");
    assert_eq!(subject, "An introduction request to you expired");
    // Expired, it can no longer be accepted.
    let id = old.id.to_string();
    assert_eq!(answer(&app, &amina, &id, "accept").await.status(), 404);
    let page = app.page(&kofi, "/inbox").await.replace("<!>", "");
    assert!(
        page.contains("Your introduction request to Amina expired unanswered."),
        "{page}"
    );
}
