//! The directory can be read only so fast: per account, per address, tighter for visitors;
//! a refusal is a clear 429 with `Retry-After`, never a 500.

use crate::helpers::{new_client, spawn_app_with};
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_the_directory_faster_than_a_person_gets_a_clear_429_with_retry_after() {
    // 50 pages an hour: bursts of 10 for an account, 5 for a visitor.
    let app = spawn_app_with(|s| s.directory_pages_per_hour = 50).await;
    let reader = app.member("reader@example.org", "Reader").await;
    let mut served = 0;
    let refused = loop {
        let response = reader
            .get(app.url(&format!("/members?page={}", served + 1)))
            .send()
            .await
            .expect("sent");
        if response.status() != StatusCode::OK {
            break response;
        }
        served += 1;
        assert!(served <= 10, "more pages than the burst allows");
    };
    assert_eq!(served, 10);
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!((1..=72).contains(&retry), "{retry}");
    let page = refused.text().await.expect("a page");
    assert!(page.contains("Please slow down") && page.contains("lang=\"en\""));

    // The app's own call gets the same answer as JSON its forms can show.
    let call = app.call(&reader, "members", &[("query[page]", "1")]).await;
    assert_eq!(call.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(call.text().await.expect("a body").contains("SlowDown"));
    // Walking profiles counts too; other pages do not.
    assert_eq!(
        reader
            .get(app.url("/members/1"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        reader
            .get(app.url("/account"))
            .send()
            .await
            .expect("sent")
            .status(),
        StatusCode::OK
    );

    // A visitor (no account) has a quota of its own, half an account's, and is told in
    // their language.
    let visitor = new_client();
    let mut visits = 0;
    while visits < 20 {
        let response = visitor
            .get(app.url(&format!("/organizations?page={}", visits + 1)))
            .header("accept-language", "fr")
            .send()
            .await
            .expect("sent");
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response
                .text()
                .await
                .expect("a page")
                .contains("lang=\"fr\""));
            break;
        }
        assert_eq!(response.status(), StatusCode::OK);
        visits += 1;
    }
    assert_eq!(visits, 5, "a visitor's burst is half an account's");
}
