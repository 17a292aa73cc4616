//! What the server writes to its log, read from the `passerelle` binary run at the most
//! verbose level: every authentication decision and every refusal says who (the
//! account's number) and what (the request's path); no password, no emailed link's
//! token, no session id, no address, account or contact, ever appears.

use crate::helpers::{
    free_address, new_client, process_app, start_server, succeeded, TestApp, PASSWORD, POSTGRES_ENV,
};
use reqwest::header::SET_COOKIE;
use std::process::Stdio;

/// The token at the end of the newest link to `prefix…` mailed to `to`.
async fn token(app: &TestApp, to: &str, prefix: &str) -> String {
    let link = app
        .link_in_mail(to, prefix)
        .await
        .unwrap_or_else(|| panic!("no {prefix} link was sent to {to}"));
    link.trim_start_matches(prefix).to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_says_who_did_what_and_never_a_secret() {
    if std::env::var(POSTGRES_ENV).is_ok() {
        eprintln!("the binary's log is the same on both backends: read once, on SQLite");
        return;
    }
    let address = free_address();
    let app = process_app(
        format!("http://{address}"),
        tempfile::tempdir().expect("a folder"),
    );
    let log_path = app.data_dir().join("server.log");
    let log_file = std::fs::File::create(&log_path).expect("a log file");
    let mut server = start_server(&app, &address, "debug", Stdio::from(log_file)).await;

    let (email, contact) = ("lena@example.org", "lena.private@example.net");
    let (wrong, second, new_email) = (
        "wrong zebra password 91",
        "second lantern password 77",
        "lena.new@example.org",
    );
    let lena = new_client();
    assert!(succeeded(&app.register(&lena, email, "Lena").await));
    let confirm = token(&app, email, "/account/confirm/").await;
    assert!(succeeded(
        &app.call(&new_client(), "confirm_email", &[("token", &confirm)])
            .await
    ));
    assert_eq!(app.log_in(&lena, email, wrong).await.status(), 422);
    let signed_in = app.log_in(&lena, email, PASSWORD).await;
    assert!(succeeded(&signed_in));
    let cookie = signed_in
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("passerelle_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    app.save_profile(
        &lena,
        "Lena",
        &[
            ("contact_email", contact),
            ("contact_visibility", "members"),
        ],
    )
    .await;
    assert_eq!(
        app.call(&lena, "verification_queue", &[]).await.status(),
        403
    );
    assert_eq!(app.call(&new_client(), "inbox", &[]).await.status(), 401);
    assert!(succeeded(
        &app.call(&new_client(), "forgot_password", &[("email", email)])
            .await
    ));
    let reset = token(&app, email, "/password/reset/").await;
    let form = [("token", reset.as_str()), ("new_password", second)];
    assert!(succeeded(
        &app.call(&new_client(), "reset_password", &form).await
    ));
    let again = new_client();
    assert!(succeeded(&app.log_in(&again, email, second).await));
    let change = [("new_email", new_email), ("password", second)];
    assert!(succeeded(&app.call(&again, "change_email", &change).await));
    let moved = token(&app, new_email, "/account/confirm/").await;

    server.kill().expect("stopped");
    server.wait().expect("stopped");
    let log = std::fs::read_to_string(&log_path).expect("the log");
    if std::env::var("PASSERELLE_SHOW_LOG").is_ok() {
        eprintln!("{log}");
    }
    assert!(
        log.lines().count() > 20,
        "the server logged almost nothing:\n{log}"
    );

    let session_id = cookie.split('.').next().unwrap_or(&cookie).to_owned();
    for (what, secret) in [
        ("the password", PASSWORD),
        ("a wrong password", wrong),
        ("the new password", second),
        ("the confirmation token", confirm.as_str()),
        ("the reset token", reset.as_str()),
        ("the new address's token", moved.as_str()),
        ("the session cookie", cookie.as_str()),
        ("the session id", session_id.as_str()),
        ("the contact email", contact),
        ("the account's address", email),
        ("the new address", new_email),
    ] {
        let lines: Vec<&str> = log.lines().filter(|line| line.contains(secret)).collect();
        assert!(
            lines.is_empty(),
            "{what} is in the log:\n{}",
            lines.join("\n")
        );
    }

    // Who and what, for the decisions and refusals above.
    // (The move to the new address waits for its link: the account keeps the old one.)
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db().await)
        .await
        .expect("Lena's account");
    let account = format!("account={id}");
    for (what, words) in [
        (
            "the failed log-in",
            ["log_in_failed", &account, "/api/login"],
        ),
        ("the log-in", ["logged_in", &account, "/api/login"]),
        (
            "the reset",
            ["password_reset", &account, "/api/reset_password"],
        ),
        (
            "the refusal",
            ["refused: not allowed", &account, "/api/verification_queue"],
        ),
        (
            "the anonymous refusal",
            ["refused: not signed in", "/api/inbox", ""],
        ),
    ] {
        assert!(
            log.lines()
                .any(|line| words.iter().all(|w| line.contains(w))),
            "{what} is not logged with {words:?}"
        );
    }
}
