use crate::helpers::{app_error, new_client, spawn_app, succeeded, PASSWORD};
use passerelle::domain::{AppError, FieldIssue, Notice};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_signs_the_new_member_in_and_the_header_shows_their_name() {
    let app = spawn_app().await;
    let response = app
        .register(&app.client, "amina@example.org", "Amina Diallo")
        .await;
    assert!(succeeded(&response), "status {}", response.status());

    let page = app.page(&app.client, "/account").await;
    assert!(page.contains("Amina Diallo"));
    assert!(page.contains("amina@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_account_with_the_same_email_is_refused_whatever_the_case() {
    let app = spawn_app().await;
    app.register(&new_client(), "amina@example.org", "Amina")
        .await;

    let error = app_error(
        app.register(&app.client, "Amina@Example.org", "Someone")
            .await,
    )
    .await;
    let AppError::Form(form) = error else {
        panic!("expected a form error, got {error:?}")
    };
    assert_eq!(form.issue("email"), Some(FieldIssue::EmailTaken));
    assert_eq!(form.value("display_name"), Some("Someone"));
    let page = app.page(&app.client, "/account").await;
    assert!(
        !page.contains("Someone"),
        "the refused registration signed someone in"
    );
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_ends_the_session_on_the_server_not_just_in_the_browser() {
    let app = spawn_app().await;
    app.register(&app.client, "amina@example.org", "Amina Diallo")
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
    app.register(&app.client, "amina@example.org", "Amina Diallo")
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

    app.register(&app.client, "amina@example.org", "Amina")
        .await;
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
