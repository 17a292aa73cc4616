use crate::helpers::{app_error, client_at, new_client, spawn_app, succeeded, PASSWORD};
use passerelle::domain::{AppError, FieldIssue, Notice};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_emails_a_link_and_the_member_logs_in_confirmed_or_not() {
    let app = spawn_app().await;
    let response = app
        .register(&app.client, "amina@example.org", "Amina Diallo")
        .await;
    assert!(succeeded(&response), "status {}", response.status());
    assert!(
        !app.page(&app.client, "/account")
            .await
            .contains("Amina Diallo"),
        "registering signs nobody in: the answer is the same for a taken address"
    );
    let (subject, body) = app.last_mail("amina@example.org").await.expect("an email");
    assert!(subject.contains("Confirm"), "{subject}");
    assert!(body.contains("/account/confirm/"), "{body}");

    // Signed in before confirming: the account page asks for the link.
    assert!(succeeded(
        &app.log_in(&app.client, "amina@example.org", PASSWORD).await
    ));
    let page = app.page(&app.client, "/account").await;
    assert!(page.contains("Amina Diallo") && page.contains("amina@example.org"));
    assert!(page.contains("Confirm your address"), "no call to confirm");

    assert!(succeeded(&app.confirm_address("amina@example.org").await));
    let page = app.page(&app.client, "/account").await;
    assert!(!page.contains("Confirm your address"), "still unconfirmed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_a_taken_address_answers_exactly_the_same_and_tells_its_owner() {
    let app = spawn_app().await;
    let first = app
        .register(&new_client(), "amina@example.org", "Amina")
        .await;
    let again = app
        .register(&new_client(), "Amina@Example.org", "Someone")
        .await;
    assert_eq!(first.status(), again.status());
    let location = |r: &reqwest::Response| r.headers().get("location").cloned();
    assert_eq!(location(&first), location(&again));
    assert!(
        again.headers().get("set-cookie").is_none(),
        "nobody is signed in"
    );
    assert_eq!(first.text().await.ok(), again.text().await.ok());

    let mails = app.mails("amina@example.org").await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(
        mails[1].0.contains("tried to create an account"),
        "{mails:?}"
    );
    assert!(mails[1].1.contains("/password/forgot"));
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db().await)
        .await
        .expect("a count");
    assert_eq!(accounts, 1);
    // The owner's password is untouched; the stranger's does not open it.
    assert!(succeeded(
        &app.log_in(&new_client(), "amina@example.org", PASSWORD)
            .await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_registration_names_every_bad_field_and_never_echoes_the_password() {
    let app = spawn_app().await;
    let form = [
        ("email", "amina@"),
        ("display_name", " "),
        ("password", "short-pw"),
    ];
    let error = app_error(app.call(&app.client, "register", &form).await).await;
    let AppError::Form(form) = error else {
        panic!("expected a form error")
    };
    assert_eq!(form.issue("email"), Some(FieldIssue::InvalidEmail));
    assert_eq!(form.issue("display_name"), Some(FieldIssue::Required));
    assert_eq!(
        form.issue("password"),
        Some(FieldIssue::TooShort { min: 12 })
    );
    assert_eq!(form.value("email"), Some("amina@"));
    assert_eq!(form.value("password"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_in_with_the_right_password_opens_a_session() {
    let app = spawn_app().await;
    app.register(&new_client(), "kofi@example.org", "Kofi Mensah")
        .await;

    let response = app.log_in(&app.client, "kofi@example.org", PASSWORD).await;
    assert!(succeeded(&response));
    assert!(app.page(&app.client, "/").await.contains("Kofi Mensah"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_and_unknown_email_get_exactly_the_same_answer() {
    let app = spawn_app().await;
    app.register(&new_client(), "kofi@example.org", "Kofi")
        .await;

    let wrong = app
        .log_in(&app.client, "kofi@example.org", "not the password")
        .await;
    let unknown = app
        .log_in(&app.client, "nobody@example.org", "not the password")
        .await;
    assert_eq!(wrong.status(), unknown.status());
    let (wrong, unknown) = (app_error(wrong).await, app_error(unknown).await);
    let AppError::Form(wrong) = wrong else {
        panic!("expected a form error")
    };
    let AppError::Form(unknown) = unknown else {
        panic!("expected a form error")
    };
    assert_eq!(wrong.issue("password"), Some(FieldIssue::BadCredentials));
    assert_eq!(wrong.fields, unknown.fields);
    assert_eq!(wrong.notice, unknown.notice);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_on_one_account_are_throttled_even_with_the_right_password() {
    let app = spawn_app().await;
    app.register(&new_client(), "kofi@example.org", "Kofi")
        .await;
    for _ in 0..5 {
        let error = app_error(
            app.log_in(&app.client, "kofi@example.org", "guess guess guess")
                .await,
        )
        .await;
        assert!(
            matches!(error, AppError::Form(ref f) if f.notice.is_none()),
            "{error:?}"
        );
    }

    let error = app_error(app.log_in(&app.client, "kofi@example.org", PASSWORD).await).await;
    let AppError::Form(form) = error else {
        panic!("expected a form error")
    };
    assert_eq!(form.notice, Some(Notice::Throttled));
    assert_eq!(form.value("email"), Some("kofi@example.org"));
    assert!(!app.page(&app.client, "/").await.contains("Kofi"));
}

/// The notice a refused form carries.
fn notice_of(error: AppError) -> Option<Notice> {
    match error {
        AppError::Form(form) => form.notice,
        other => panic!("expected a form error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_registers_ten_accounts_in_a_quarter_hour_and_no_more() {
    let app = spawn_app().await;
    let office = std::net::Ipv4Addr::new(10, 20, 30, 40);
    // Every attempt counts, new address or taken: a script cannot mint accounts, nor
    // probe which addresses are members, faster than this.
    app.register(&new_client(), "taken@example.org", "Taken")
        .await;
    for n in 0..10 {
        let email = if n == 0 {
            "taken@example.org".to_owned()
        } else {
            format!("colleague{n}@example.org")
        };
        let answer = app.register(&client_at(office), &email, "Colleague").await;
        assert!(succeeded(&answer), "attempt {n}: {}", answer.status());
    }
    let refused = app
        .register(&client_at(office), "one-more@example.org", "One More")
        .await;
    assert_eq!(notice_of(app_error(refused).await), Some(Notice::Throttled));
    assert!(app.last_mail("one-more@example.org").await.is_none());
    // Someone elsewhere is not held back.
    let elsewhere = app
        .register(&new_client(), "elsewhere@example.org", "Else")
        .await;
    assert!(succeeded(&elsewhere));
    assert!(app.last_mail("elsewhere@example.org").await.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_guessing_at_many_accounts_is_throttled_before_any_account_is() {
    let app = spawn_app().await;
    app.register(&new_client(), "kofi@example.org", "Kofi")
        .await;
    let guesser = std::net::Ipv4Addr::new(10, 66, 6, 6);
    // Four guesses at each of five accounts: no account reaches its own limit of five.
    for n in 0..20 {
        let email = format!("member{}@example.org", n % 5);
        let error = app_error(
            app.log_in(&client_at(guesser), &email, "guess guess guess")
                .await,
        )
        .await;
        assert_eq!(notice_of(error), None, "guess {n}");
    }
    let refused = app_error(
        app.log_in(&client_at(guesser), "kofi@example.org", PASSWORD)
            .await,
    )
    .await;
    assert_eq!(notice_of(refused), Some(Notice::Throttled));
    // Kofi, from his own address, is not.
    let kofi = new_client();
    assert!(succeeded(
        &app.log_in(&kofi, "kofi@example.org", PASSWORD).await
    ));
    assert!(app.page(&kofi, "/account").await.contains("Kofi"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_ends_the_session_on_the_server_not_just_in_the_browser() {
    let app = spawn_app().await;
    app.join(&app.client, "amina@example.org", "Amina Diallo")
        .await;
    let cookie = log_in_for_cookie(&app).await;

    assert!(succeeded(&app.call(&app.client, "logout", &[]).await));
    assert!(!app
        .page(&app.client, "/account")
        .await
        .contains("Amina Diallo"));

    // Replaying the old cookie must not bring the session back.
    let replay = app.page_with_cookie(&cookie, "/account").await;
    assert!(!replay.contains("Amina Diallo"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_other_sessions_and_keeps_this_one() {
    let app = spawn_app().await;
    app.join(&app.client, "amina@example.org", "Amina Diallo")
        .await;
    let other_device = new_client();
    app.log_in(&other_device, "amina@example.org", PASSWORD)
        .await;
    let new = "a whole new passphrase";
    let form = [("current_password", PASSWORD), ("new_password", new)];

    assert!(succeeded(
        &app.call(&app.client, "change_password", &form).await
    ));
    assert!(app
        .page(&app.client, "/account")
        .await
        .contains("Amina Diallo"));
    assert!(!app
        .page(&other_device, "/account")
        .await
        .contains("Amina Diallo"));
    assert!(succeeded(
        &app.log_in(&new_client(), "amina@example.org", new).await
    ));
    let (subject, body) = app.last_mail("amina@example.org").await.expect("a notice");
    assert!(subject.contains("password was changed"), "{subject}");
    assert!(
        body.contains("/password/forgot"),
        "the notice says how to take the account back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_needs_the_current_one_and_a_session() {
    let app = spawn_app().await;
    let form = [
        ("current_password", PASSWORD),
        ("new_password", "a whole new passphrase"),
    ];
    let error = app_error(app.call(&app.client, "change_password", &form).await).await;
    assert_eq!(error, AppError::Unauthorized);

    app.join(&app.client, "amina@example.org", "Amina").await;
    let wrong = [
        ("current_password", "not my password"),
        ("new_password", "a whole new passphrase"),
    ];
    let AppError::Form(form) =
        app_error(app.call(&app.client, "change_password", &wrong).await).await
    else {
        panic!("expected a form error")
    };
    assert_eq!(
        form.issue("current_password"),
        Some(FieldIssue::WrongPassword)
    );
    assert!(succeeded(
        &app.log_in(&new_client(), "amina@example.org", PASSWORD)
            .await
    ));
}

/// Logs in again and returns the `Cookie` header value of the new session.
async fn log_in_for_cookie(app: &crate::helpers::TestApp) -> String {
    let response = app.log_in(&app.client, "amina@example.org", PASSWORD).await;
    let cookie = response
        .cookies()
        .find(|c| c.name() == "passerelle_session")
        .map(|c| format!("{}={}", c.name(), c.value()))
        .expect("log-in sets a session cookie");
    cookie
}
