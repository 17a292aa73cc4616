use crate::helpers::{new_client, spawn_app, PASSWORD};
use base64::Engine;
use reqwest::header::{ACCEPT, LOCATION, ORIGIN, REFERER};
use reqwest::StatusCode;

/// Posts a form the way a browser without JavaScript does.
async fn post_form(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    from: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/{endpoint}")))
        .header(ACCEPT, "text/html,application/xhtml+xml")
        .header(ORIGIN, &app.address)
        .header(REFERER, app.url(from))
        .form(form)
        .send()
        .await
        .expect("sent")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()[LOCATION]
        .to_str()
        .expect("a location")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_registration_form_redirects_to_the_account_page_signed_in() {
    let app = spawn_app().await;
    let form = [
        ("email", "amina@example.org"),
        ("display_name", "Amina Diallo"),
        ("password", PASSWORD),
    ];
    let response = post_form(&app, &app.client, "register", "/register", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(
        location(&response).ends_with("/account"),
        "{}",
        location(&response)
    );
    assert!(app
        .page(&app.client, "/account")
        .await
        .contains("Amina Diallo"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_log_in_returns_to_the_form_with_the_message_and_the_email_but_never_the_password(
) {
    let app = spawn_app().await;
    let form = [
        ("email", "amina@example.org"),
        ("password", "my secret guess"),
    ];
    let response = post_form(&app, &new_client(), "login", "/login", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response);
    assert!(back.contains("/login?"), "{back}");
    let encoded = back
        .split("__err=")
        .nth(1)
        .expect("the error travels in the URL");
    let decoded = base64::engine::general_purpose::URL_SAFE
        .decode(urlencoding_decode(encoded))
        .expect("base64");
    assert!(!String::from_utf8_lossy(&decoded).contains("my secret guess"));

    let page = app
        .page(&app.client, back.trim_start_matches(&app.address))
        .await;
    assert!(page.contains("The email address or password is incorrect."));
    assert!(page.contains("value=\"amina@example.org\""));
    assert!(page.contains("aria-describedby=\"field-password-error\""));
}

/// Undoes the percent-encoding of a query value (only what URL-safe base64 needs).
fn urlencoding_decode(value: &str) -> String {
    value
        .split('&')
        .next()
        .unwrap_or_default()
        .replace("%3D", "=")
}
