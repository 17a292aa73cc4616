//! Getting back into an account and keeping it: confirmation and reset links (single use,
//! expiring, replaced by newer ones, voided by a password change), a change of address,
//! "log out everywhere", and what an unconfirmed account may not do.

use crate::helpers::{app_error, new_client, spawn_app, succeeded, TestApp, PASSWORD};
use passerelle::domain::{AppError, FieldIssue, Notice};
use reqwest::Client;

const NEW_PASSWORD: &str = "a brand new passphrase";

/// The form-level notice of a refused call.
async fn notice(response: reqwest::Response) -> Option<Notice> {
    match app_error(response).await {
        AppError::Form(form) => form.notice,
        other => panic!("expected a form error, got {other:?}"),
    }
}

/// The token at the end of the newest link to `prefix…` sent to `to`.
async fn token(app: &TestApp, to: &str, prefix: &str) -> String {
    app.link_in_mail(to, prefix)
        .await
        .unwrap_or_else(|| panic!("no {prefix} link was sent to {to}"))
        .trim_start_matches(prefix)
        .to_owned()
}

async fn reset(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    let form = [("token", token), ("new_password", password)];
    app.call(&new_client(), "reset_password", &form).await
}

/// Whether `client` is signed in as someone (the account page names them).
async fn signed_in_as(app: &TestApp, client: &Client, name: &str) -> bool {
    app.page(client, "/account").await.contains(name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_link_works_once_and_a_newer_one_replaces_it() {
    let app = spawn_app().await;
    let amina = new_client();
    app.register(&amina, "amina@example.org", "Amina").await;
    app.log_in(&amina, "amina@example.org", PASSWORD).await;
    let first = token(&app, "amina@example.org", "/account/confirm/").await;
    assert!(app
        .page(&new_client(), &format!("/account/confirm/{first}"))
        .await
        .contains("Confirm my address"));

    // A new link, asked for from the account page: the first one stops working.
    assert!(succeeded(
        &app.call(&amina, "resend_confirmation", &[]).await
    ));
    let second = token(&app, "amina@example.org", "/account/confirm/").await;
    assert_ne!(first, second);
    let old = app
        .call(&new_client(), "confirm_email", &[("token", &first)])
        .await;
    assert_eq!(notice(old).await, Some(Notice::LinkExpired));
    let page = app
        .page(&new_client(), &format!("/account/confirm/{first}"))
        .await;
    assert!(page.contains("This link no longer works") && !page.contains("Confirm my address"));

    assert!(succeeded(
        &app.call(&new_client(), "confirm_email", &[("token", &second)])
            .await
    ));
    let again = app
        .call(&new_client(), "confirm_email", &[("token", &second)])
        .await;
    assert_eq!(
        notice(again).await,
        Some(Notice::LinkExpired),
        "a link works once"
    );
    assert!(!app
        .page(&amina, "/account")
        .await
        .contains("Confirm your address"));

    // Only the digest is stored: the database opens no account.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM account_tokens")
        .fetch_all(&app.db().await)
        .await
        .expect("tokens");
    assert!(stored.iter().all(|h| h != &second && h != &first));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn until_confirmed_a_member_may_not_ask_for_introductions_or_post_needs() {
    let app = spawn_app().await;
    let open = app.member("open@example.org", "Open Member").await;
    app.save_profile(&open, "Open Member", &[("visibility", "public")])
        .await;
    let open_id = format!("member:{}", app.user_id("open@example.org").await);
    let newcomer = new_client();
    app.register(&newcomer, "new@example.org", "Newcomer").await;
    app.log_in(&newcomer, "new@example.org", PASSWORD).await;
    let org = [
        ("org[name]", "Newcomers Network"),
        ("org[kind]", "diaspora"),
        ("org[hq_country]", "SN"),
    ];
    assert!(succeeded(
        &app.call(&newcomer, "create_organization", &org).await
    ));

    let intro = [
        ("intro[to]", open_id.as_str()),
        ("intro[need]", ""),
        (
            "intro[message]",
            "Hello, I would like to talk about schools.",
        ),
    ];
    let need = [
        ("need[organization]", "newcomers-network"),
        ("need[title]", "Mentors for young teachers"),
        (
            "need[description]",
            "We look for teachers of the diaspora to mentor graduates.",
        ),
        ("need[direction]", "seeking"),
        ("need[types][]", "mentoring"),
        ("need[partner_kinds][]", "member"),
        ("need[sdgs][]", "4"),
        ("need[countries][]", "SN"),
        ("need[deadline]", "2099-12-31"),
    ];
    let refused = app.call(&newcomer, "send_introduction", &intro).await;
    assert_eq!(notice(refused).await, Some(Notice::ConfirmEmailFirst));
    let refused = app.call(&newcomer, "post_need", &need).await;
    assert_eq!(notice(refused).await, Some(Notice::ConfirmEmailFirst));
    let written: (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM introductions), (SELECT COUNT(*) FROM needs)")
            .fetch_one(&app.db().await)
            .await
            .expect("counts");
    assert_eq!(written, (0, 0), "nothing was written");

    assert!(succeeded(&app.confirm_address("new@example.org").await));
    assert!(succeeded(
        &app.call(&newcomer, "send_introduction", &intro).await
    ));
    let posted = app.call(&newcomer, "post_need", &need).await;
    assert!(succeeded(&posted), "{:?}", posted.text().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_answers_the_same_for_any_address_and_its_link_works_once() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina Diallo").await;
    let known = app
        .call(
            &new_client(),
            "forgot_password",
            &[("email", "Amina@example.org")],
        )
        .await;
    let unknown = app
        .call(
            &new_client(),
            "forgot_password",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(
        known.headers().get("location"),
        unknown.headers().get("location")
    );
    assert_eq!(known.text().await.ok(), unknown.text().await.ok());
    assert!(app.mails("nobody@example.org").await.is_empty());

    let link = token(&app, "amina@example.org", "/password/reset/").await;
    let form_page = app
        .page(&new_client(), &format!("/password/reset/{link}"))
        .await;
    assert!(
        form_page.contains("new_password"),
        "the link opens the form"
    );

    // A weak password is refused beside the field, and the link still works after it.
    let AppError::Form(form) = app_error(reset(&app, &link, "short").await).await else {
        panic!("expected a form error")
    };
    assert_eq!(
        form.issue("new_password"),
        Some(FieldIssue::TooShort { min: 12 })
    );
    assert!(succeeded(&reset(&app, &link, NEW_PASSWORD).await));

    // Every session ended, the old password is gone, the new one opens the account.
    assert!(!signed_in_as(&app, &amina, "Amina Diallo").await);
    assert!(!succeeded(
        &app.log_in(&new_client(), "amina@example.org", PASSWORD)
            .await
    ));
    assert!(succeeded(
        &app.log_in(&new_client(), "amina@example.org", NEW_PASSWORD)
            .await
    ));
    assert_eq!(
        notice(reset(&app, &link, "yet another passphrase").await).await,
        Some(Notice::LinkExpired)
    );
    let page = app
        .page(&new_client(), &format!("/password/reset/{link}"))
        .await;
    assert!(page.contains("This link no longer works") && page.contains("/password/forgot"));
    let (subject, _) = app.last_mail("amina@example.org").await.expect("a notice");
    assert!(subject.contains("password was changed"), "{subject}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_lasts_thirty_minutes_and_a_newer_link_or_a_password_change_voids_it() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    let ask = || async {
        let form = [("email", "amina@example.org")];
        assert!(succeeded(
            &app.call(&new_client(), "forgot_password", &form).await
        ));
        token(&app, "amina@example.org", "/password/reset/").await
    };
    let first = ask().await;
    let lifetime: i64 = sqlx::query_scalar(
        "SELECT expires_at - created_at FROM account_tokens WHERE purpose = 'reset'",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("a reset token");
    assert_eq!(lifetime, 30 * 60);

    let second = ask().await;
    assert_eq!(
        notice(reset(&app, &first, NEW_PASSWORD).await).await,
        Some(Notice::LinkExpired)
    );

    // Expired: the same link, its half hour over.
    sqlx::query("UPDATE account_tokens SET expires_at = created_at - 1")
        .execute(&app.db().await)
        .await
        .expect("aged");
    assert_eq!(
        notice(reset(&app, &second, NEW_PASSWORD).await).await,
        Some(Notice::LinkExpired)
    );

    // A password changed from the account voids a link sent before.
    let third = ask().await;
    let change = [
        ("current_password", PASSWORD),
        ("new_password", NEW_PASSWORD),
    ];
    assert!(succeeded(
        &app.call(&amina, "change_password", &change).await
    ));
    assert_eq!(
        notice(reset(&app, &third, "someone else's password").await).await,
        Some(Notice::LinkExpired)
    );
    assert!(succeeded(
        &app.log_in(&new_client(), "amina@example.org", NEW_PASSWORD)
            .await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_is_throttled_per_address() {
    let app = spawn_app().await;
    app.member("amina@example.org", "Amina").await;
    let form = [("email", "amina@example.org")];
    for _ in 0..5 {
        assert!(succeeded(
            &app.call(&new_client(), "forgot_password", &form).await
        ));
    }
    let refused = app.call(&new_client(), "forgot_password", &form).await;
    assert_eq!(notice(refused).await, Some(Notice::Throttled));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_needs_the_password_and_its_own_confirmation_and_the_old_one_is_told() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina Diallo").await;
    let wrong = [
        ("new_email", "amina@new.example"),
        ("password", "not my password"),
    ];
    let AppError::Form(form) = app_error(app.call(&amina, "change_email", &wrong).await).await
    else {
        panic!("expected a form error")
    };
    assert_eq!(form.issue("password"), Some(FieldIssue::WrongPassword));
    assert_eq!(form.value("new_email"), Some("amina@new.example"));
    assert!(app.mails("amina@new.example").await.is_empty());

    let right = [("new_email", "amina@new.example"), ("password", PASSWORD)];
    assert!(succeeded(&app.call(&amina, "change_email", &right).await));
    let (subject, _) = app.last_mail("amina@example.org").await.expect("a notice");
    assert!(subject.contains("change of address"), "{subject}");
    // Nothing moves until the new address confirms.
    assert!(app
        .page(&amina, "/account")
        .await
        .contains("amina@example.org"));
    assert!(succeeded(&app.confirm_address("amina@new.example").await));
    let page = app.page(&amina, "/account").await;
    assert!(page.contains("amina@new.example") && !page.contains("amina@example.org"));
    assert!(succeeded(
        &app.log_in(&new_client(), "amina@new.example", PASSWORD)
            .await
    ));
    assert!(!succeeded(
        &app.log_in(&new_client(), "amina@example.org", PASSWORD)
            .await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_to_an_address_another_account_has_reveals_nothing_and_moves_nothing() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.member("kofi@example.org", "Kofi").await;
    let form = [("new_email", "kofi@example.org"), ("password", PASSWORD)];
    let taken = app.call(&amina, "change_email", &form).await;
    let free_form = [("new_email", "free@example.org"), ("password", PASSWORD)];
    let free = app.call(&amina, "change_email", &free_form).await;
    assert_eq!(taken.status(), free.status());
    let (subject, body) = app
        .last_mail("kofi@example.org")
        .await
        .expect("a word to Kofi");
    assert!(subject.contains("tried"), "{subject}");
    assert!(
        !body.contains("/account/confirm/"),
        "no link that could move an account"
    );
    assert!(app
        .page(&amina, "/account")
        .await
        .contains("amina@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_out_everywhere_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let laptop = app.member("amina@example.org", "Amina Diallo").await;
    let phone = new_client();
    app.log_in(&phone, "amina@example.org", PASSWORD).await;
    let other = app.member("kofi@example.org", "Kofi Mensah").await;
    assert!(signed_in_as(&app, &phone, "Amina Diallo").await);

    assert!(succeeded(
        &app.call(&laptop, "log_out_everywhere", &[]).await
    ));
    assert!(!signed_in_as(&app, &laptop, "Amina Diallo").await);
    assert!(!signed_in_as(&app, &phone, "Amina Diallo").await);
    assert!(
        signed_in_as(&app, &other, "Kofi Mensah").await,
        "other accounts stay"
    );
    assert!(succeeded(
        &app.log_in(&phone, "amina@example.org", PASSWORD).await
    ));
    assert_eq!(
        app_error(app.call(&new_client(), "log_out_everywhere", &[]).await).await,
        AppError::Unauthorized
    );
}
