//! The fields a story's draft and its edit share.

use crate::components::labels::region_label;
use crate::components::{SelectField, TextArea, TextField};
use crate::domain::{FormErrors, SpotlightInput};
use crate::i18n::*;
use crate::pages::{chosen_or, issue, kept_or};
use leptos::prelude::*;

/// Title, summary, body and region, filled with `input` (or what was typed if the
/// form was refused), each with its error beside it.
#[component]
pub fn StoryFields(
    errors: Signal<Option<FormErrors>>,
    input: SpotlightInput,
    regions: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let regions: Vec<(String, String)> = regions
        .into_iter()
        .map(|r| {
            let l = region_label(i18n, &r);
            (r, l)
        })
        .collect();
    let region = Some(input.region).filter(|r| !r.is_empty());
    view! {
        <TextField name="spotlight[title]" autocomplete="off" issue=issue(errors, "title")
            value=kept_or(errors, "title", input.title)>
            {t!(i18n, spotlights.story_title)}
        </TextField>
        <TextArea name="spotlight[summary]" issue=issue(errors, "summary")
            value=kept_or(errors, "summary", input.summary) rows=2>
            {t!(i18n, spotlights.summary)}
        </TextArea>
        <TextArea name="spotlight[body]" issue=issue(errors, "body")
            value=kept_or(errors, "body", input.body) rows=14
            hint=move || t!(i18n, spotlights.body_hint)>
            {t!(i18n, spotlights.body)}
        </TextArea>
        <SelectField name="spotlight[region]" issue=issue(errors, "region") options=regions
            selected=chosen_or(errors, "region", region.into_iter().collect())
            blank=move || t!(i18n, org.choose)>
            {t!(i18n, spotlights.region)}
        </SelectField>
    }
}
