//! The Markdown of a spotlight story, written by an organization's admin and shown to
//! every visitor. Whatever is written, the page gets no script
//! (`markdown::assert_script_free` says exactly what that means).
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle::server::spotlights::markdown::{assert_script_free, to_safe_html};

fuzz_target!(|markdown: &str| {
    assert_script_free(&to_safe_html(markdown));
});
