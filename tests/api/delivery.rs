//! Pages travel compressed to browsers that accept it, kept pages included, each still
//! with its own nonce; clients that do not ask get plain HTML.

use crate::helpers::{new_client, page_nonce, spawn_app};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, VARY};
use std::io::Read;

/// (Content-Encoding, body as sent, nonce) of one visit.
async fn fetch(url: &str, accept: Option<&str>) -> (Option<String>, Vec<u8>, String) {
    let mut request = new_client().get(url);
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    let response = request.send().await.expect("the page answers");
    assert_eq!(response.status(), 200, "{url}");
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let encoding = header(CONTENT_ENCODING);
    if encoding.is_some() {
        let vary = header(VARY).unwrap_or_default().to_ascii_lowercase();
        assert!(vary.contains("accept-encoding"), "Vary: {vary}");
    }
    let nonce = page_nonce(&response);
    (
        encoding,
        response.bytes().await.expect("a body").to_vec(),
        nonce,
    )
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a valid gzip stream of UTF-8");
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_sent_compressed_to_browsers_that_accept_it() {
    let app = spawn_app().await;
    let owner = app.member("awa@example.org", "Awa").await;
    app.save_profile(&owner, "Awa Diop", &[("visibility", "public")])
        .await;
    let url = app.url("/members");

    let (encoding, plain, plain_nonce) = fetch(&url, None).await;
    assert_eq!(
        encoding, None,
        "a client that did not ask got a compressed page"
    );
    let plain = String::from_utf8(plain).expect("UTF-8 HTML");
    assert!(plain.contains("Awa Diop"));

    // Twice: the second answer comes from the visitors' page cache.
    for _ in 0..2 {
        let (encoding, sent, nonce) = fetch(&url, Some("gzip")).await;
        assert_eq!(encoding.as_deref(), Some("gzip"));
        assert!(
            sent.len() * 2 < plain.len(),
            "{} bytes sent for a {}-byte page",
            sent.len(),
            plain.len()
        );
        assert_ne!(nonce, plain_nonce, "a nonce was served twice");
        assert_eq!(
            gunzip(&sent),
            plain.replace(&plain_nonce, &nonce),
            "the same page, but for its nonce"
        );
    }

    let (encoding, sent, _) = fetch(&url, Some("br;q=1.0, gzip;q=0.5")).await;
    assert_eq!(
        encoding.as_deref(),
        Some("br"),
        "brotli preferred when offered"
    );
    assert!(sent.len() * 2 < plain.len());
}
