//! A CSV file given to `passerelle import organizations`. Any bytes are read without a
//! panic, and a row the import accepts makes an organization with a page to link to.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle::server::cli::import;
use passerelle::server::{reference, slugs};

fuzz_target!(|file: &[u8]| {
    for (line, row) in import::rows(file) {
        assert!(line >= 1);
        let Ok(row) = row else { continue };
        if let Ok(org) = row.organization().validate(reference::is_country, 2026) {
            assert!(!org.name.trim().is_empty());
            let slug = slugs::base(&org.name, 60, "organization");
            assert!(
                !slug.is_empty()
                    && slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "no address for {:?}: {slug:?}",
                org.name
            );
        }
    }
});
