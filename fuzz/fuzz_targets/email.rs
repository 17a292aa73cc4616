//! What a person types as an email address (registration, log-in, recovery, change of
//! address). An address Passerelle accepts must be one it can write to
//! (`transport::assert_mailable` says exactly what that means).
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle::domain::Email;
use passerelle::server::mail::transport::assert_mailable;

fuzz_target!(|typed: &str| {
    if let Ok(email) = Email::parse(typed) {
        assert_mailable(&email);
    }
});
