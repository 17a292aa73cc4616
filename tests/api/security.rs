use crate::helpers::{new_client, spawn_app, spawn_app_with, succeeded, PASSWORD};
use reqwest::header::{ACCEPT, CONTENT_SECURITY_POLICY, ORIGIN};
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_changing_request_from_another_origin_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let form = [
        ("email", "amina@example.org"),
        ("display_name", "Amina"),
        ("password", PASSWORD),
    ];
    let by_origin = app
        .client
        .post(app.url("/api/register"))
        .header(ORIGIN, "http://evil.example")
        .form(&form)
        .send()
        .await
        .expect("sent");
    assert_eq!(by_origin.status(), StatusCode::FORBIDDEN);
    let by_fetch_metadata = app
        .client
        .post(app.url("/api/register"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .expect("sent");
    assert_eq!(by_fetch_metadata.status(), StatusCode::FORBIDDEN);

    let log_in = app
        .log_in(&new_client(), "amina@example.org", PASSWORD)
        .await;
    assert!(
        !succeeded(&log_in),
        "a cross-origin registration created an account"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_function_that_changes_data_cannot_be_reached_by_get() {
    let app = spawn_app().await;
    for endpoint in ["register", "login", "logout", "change_password"] {
        let response = app
            .client
            .get(app.url(&format!("/api/{endpoint}")))
            .send()
            .await
            .expect("sent");
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{endpoint}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers_and_a_csp_whose_nonce_matches_the_inline_script() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/")).send().await.expect("sent");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    let csp = header(CONTENT_SECURITY_POLICY.as_str());
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page CSP names a nonce")
        .to_owned();
    let html = response.text().await.expect("body");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "no script carries the nonce"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_gets_its_own_nonce() {
    let app = spawn_app().await;
    let csp = |r: &reqwest::Response| r.headers()[CONTENT_SECURITY_POLICY].clone();
    let first = app.client.get(app.url("/")).send().await.expect("sent");
    let second = app.client.get(app.url("/")).send().await.expect("sent");
    assert_ne!(csp(&first), csp(&second));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    app.register(&app.client, "amina@example.org", "Amina")
        .await;
    let response = app.log_in(&app.client, "amina@example.org", PASSWORD).await;
    let cookie = session_set_cookie(&response);
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP must not mark it Secure: {cookie}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_secure_when_the_site_is_served_over_https() {
    let app = spawn_app_with(|s| s.public_url = Some("https://passerelle.example".into())).await;
    app.register(&app.client, "amina@example.org", "Amina")
        .await;
    let response = app.log_in(&app.client, "amina@example.org", PASSWORD).await;
    let cookie = session_set_cookie(&response);
    assert!(cookie.contains("Secure"), "{cookie}");
}

/// The `Set-Cookie` line of the session cookie in a response.
fn session_set_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("passerelle_session="))
        .expect("a session cookie")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_answers_when_the_database_does() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key(CONTENT_SECURITY_POLICY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_page_answers_404_with_the_friendly_page() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/no/such/page"))
        .header(ACCEPT, "text/html")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response
        .text()
        .await
        .expect("body")
        .contains("Page not found"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn french_is_served_from_the_accept_language_header_and_the_cookie_wins_over_it() {
    let app = spawn_app().await;
    let french = login_page_for_a_french_browser(&app).await;
    assert!(french.contains("lang=\"fr\""));
    assert!(french.contains("Se connecter"));

    let switch = app
        .client
        .get(app.url("/locale/en?next=/login"))
        .send()
        .await
        .expect("sent");
    assert_eq!(switch.status(), StatusCode::SEE_OTHER);
    assert_eq!(switch.headers()["location"], "/login");
    let english = login_page_for_a_french_browser(&app).await;
    assert!(english.contains("lang=\"en\""));
}

/// The log-in page as a browser preferring French asks for it (with the client's cookies).
async fn login_page_for_a_french_browser(app: &crate::helpers::TestApp) -> String {
    app.page_by("/login", || {
        app.client
            .get(app.url("/login"))
            .header("accept-language", "fr-FR,fr;q=0.9")
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spanish_and_arabic_pages_render_on_the_server_arabic_right_to_left() {
    let app = spawn_app().await;
    for (code, dir, heading) in [
        ("es", "ltr", "Iniciar sesión"),
        ("ar", "rtl", "تسجيل الدخول"),
    ] {
        let page = app
            .page_with_cookie(&format!("i18n_pref_locale={code}"), "/login")
            .await;
        let html_tag = page
            .split('>')
            .find(|tag| tag.contains("<html"))
            .unwrap_or_default();
        assert!(
            html_tag.contains(&format!("lang=\"{code}\"")),
            "{code}: {html_tag}"
        );
        assert!(
            html_tag.contains(&format!("dir=\"{dir}\"")),
            "{code}: {html_tag}"
        );
        assert!(page.contains(heading), "{code}");
    }
}
