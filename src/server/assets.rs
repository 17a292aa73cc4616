//! How pages and the front end's files travel: compressed, and kept by browsers as long
//! as their content cannot change.
//!
//! The wasm bundle, its JavaScript and the stylesheet are compressed once, at build time
//! (`cargo leptos build --release --precompress` writes a `.br` and a `.gz` beside each),
//! and leptos_axum's file handler sends the one the browser accepts. Their names carry a
//! hash of their content (cargo-leptos `hash-files`), so a browser may keep them for a
//! year: a new version has new names. Pages are compressed as they are sent.

use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::path::PathBuf;
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// The file, beside the server binary, in which cargo-leptos records the hashes.
pub const HASH_FILE: &str = "hash.txt";

/// For a file whose name changes with its content: a year, never asked again.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For a front-end file that keeps its name across versions (a build without hashes):
/// asked again each time, answered "not modified" while unchanged.
const REVALIDATE: &str = "no-cache";

/// Whether the release build recorded hashed file names beside this binary (a debug
/// build, as the tests use, has none and serves the plain names).
pub fn hashed_names() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
        .is_some_and(|path: PathBuf| path.is_file())
}

/// Compresses what is not compressed yet (pages, server-function answers), with brotli
/// or gzip as the browser accepts. Quality 4: nearly the size of the slowest setting for
/// HTML, at a small part of its cost per response. Images and precompressed files pass
/// untouched.
pub fn compression() -> CompressionLayer {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(4))
}

/// Sets how long browsers keep the front end's files (under `/pkg/`).
pub async fn cache_lifetimes(request: Request, next: Next) -> Response {
    let policy = request.uri().path().strip_prefix("/pkg/").map(|name| {
        if is_hashed(name) {
            IMMUTABLE
        } else {
            REVALIDATE
        }
    });
    let mut response = next.run(request).await;
    if let Some(policy) = policy {
        if response.status().is_success() {
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        }
    }
    response
}

/// Whether a file name carries cargo-leptos' content hash: `name.HASH.extension`.
fn is_hashed(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [stem, hash, extension] => {
            !stem.is_empty()
                && !stem.contains('/')
                && !extension.is_empty()
                && hash.len() >= 16
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_names_with_a_content_hash_are_kept_for_a_year() {
        assert!(is_hashed("passerelle.xg5Qd2-LhXf1bM_3kZ0pTq.wasm"));
        assert!(is_hashed("passerelle.0123456789abcdef.css"));
        assert!(!is_hashed("passerelle.wasm"));
        assert!(!is_hashed("passerelle_bg.wasm"));
        assert!(!is_hashed("passerelle.short.js"));
        assert!(!is_hashed("passerelle.0123456789abcdef.wasm.br"));
        assert!(!is_hashed("sub/passerelle.0123456789abcdef.js"));
    }
}
