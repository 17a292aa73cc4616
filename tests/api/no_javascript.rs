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
async fn a_plain_registration_form_leads_to_log_in_with_word_of_the_emailed_link() {
    let app = spawn_app().await;
    let form = [
        ("email", "amina@example.org"),
        ("display_name", "Amina Diallo"),
        ("password", PASSWORD),
    ];
    let response = post_form(&app, &app.client, "register", "/register", &form).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let next = location(&response);
    assert!(next.ends_with("/login?joined=1"), "{next}");
    let page = app.page(&app.client, &next).await;
    assert!(page.contains("We sent you an email with a link"), "{page}");

    // The link's page is one plain button; the account is confirmed by it.
    let link = app
        .link_in_mail("amina@example.org", "/account/confirm/")
        .await
        .expect("a link");
    let token = link.trim_start_matches("/account/confirm/");
    assert!(app
        .page(&app.client, &link)
        .await
        .contains("Confirm my address"));
    let confirmed = post_form(
        &app,
        &app.client,
        "confirm_email",
        &link,
        &[("token", token)],
    )
    .await;
    assert_eq!(confirmed.status(), StatusCode::FOUND);
    assert!(location(&confirmed).ends_with("/account?confirmed=1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_switch_hides_a_profile_and_returns_to_the_page_it_was_used_on() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina Diallo").await;
    app.save_profile(&amina, "Amina Diallo", &[("visibility", "public")])
        .await;
    let page = app.page(&amina, "/members?page=1").await;
    assert!(
        page.contains("Go invisible now"),
        "the switch is in the header"
    );
    let hide = post_form(
        &app,
        &amina,
        "set_presence",
        "/members?page=1",
        &[("visible", "false")],
    )
    .await;
    assert_eq!(hide.status(), StatusCode::FOUND);
    assert!(
        location(&hide).ends_with("/members?page=1"),
        "{}",
        location(&hide)
    );
    let page = app.page(&amina, "/members?page=1").await;
    assert!(
        page.contains("show my profile again"),
        "the switch says how to come back"
    );
    assert!(!app
        .page(&new_client(), "/members")
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
