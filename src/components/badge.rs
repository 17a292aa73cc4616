//! The verification badge, shown wherever an organization appears.

use super::labels::verification_label;
use crate::domain::{OrgKind, Verification};
use crate::i18n::*;
use leptos::prelude::*;

/// "Verified" for checked organizations; "Unverified" for governments and IOs
/// that are not (yet): they cannot act as institutions until a moderator checks them.
#[component]
pub fn VerificationBadge(status: Verification, kind: OrgKind) -> impl IntoView {
    let i18n = use_i18n();
    let shown = match status {
        Verification::Verified => Some(("badge badge-verified", Verification::Verified)),
        _ if kind.is_institution() => Some(("badge badge-unverified", Verification::Unverified)),
        _ => None,
    };
    shown.map(|(class, status)| {
        view! {
            <span class=class>{move || verification_label(i18n, status)}</span>
        }
    })
}
