//! When a profile or an organization was last confirmed, and for whoever runs it, the
//! one-click "still accurate".

use crate::api::freshness::StillAccurate;
use crate::components::labels::month_and_year;
use crate::components::FormNotice;
use crate::domain::freshness::Standing;
use crate::i18n::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// "Confirmed March 2026"; for the owner (`manage`), what staleness means and the button.
/// `organization`: the slug of the organization, empty for one's own profile.
#[component]
pub fn FreshnessLine(
    confirmed_at: i64,
    standing: Standing,
    manage: bool,
    organization: String,
    action: ServerAction<StillAccurate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let (month, year) = month_and_year(i18n, confirmed_at);
    let done = move || {
        matches!(action.value().get(), Some(Ok(()))) || query.with(|q| q.get("confirmed").is_some())
    };
    view! {
        <p class="freshness">
            {t!(i18n, freshness.confirmed, month = move || month.clone(), year = move || year)}
        </p>
        {manage.then(|| view! {
            <Show when=done>
                <p class="form-success" role="status">{t!(i18n, freshness.confirmed_now)}</p>
            </Show>
            {match standing {
                Standing::Stale => Some(view! { <p class="form-notice">{t!(i18n, freshness.stale_note)}</p> }.into_any()),
                Standing::Delisted => Some(view! { <p class="form-notice">{t!(i18n, freshness.delisted_note)}</p> }.into_any()),
                Standing::Current => None,
            }}
            <ActionForm action=action attr:class="inline-form">
                <FormNotice error=last_error(action.value()) />
                <input type="hidden" name="organization" value=organization.clone() />
                <button type="submit" class="secondary" aria-describedby="still-accurate-hint">
                    {t!(i18n, freshness.still_accurate)}
                </button>
                <span id="still-accurate-hint" class="hint">{t!(i18n, freshness.still_accurate_hint)}</span>
            </ActionForm>
        })}
    }
}
