//! A labelled file input with its hint and its error, for forms that post plainly
//! (multipart) and get their refusal back in the query string.

use super::text_field::field_id;
use super::{IssueMessage, TextField};
use crate::domain::{FieldIssue, IMAGE_ALT_MAX};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// One image input accepting JPEG, PNG or WebP. The label is the children.
#[component]
pub fn ImageField(
    /// The form field name.
    name: &'static str,
    /// The issue the server found, if any.
    #[prop(into)]
    issue: Signal<Option<FieldIssue>>,
    /// Help shown under the label.
    #[prop(into)]
    hint: ViewFn,
    /// The label.
    children: Children,
) -> impl IntoView {
    let id = field_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match issue.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="field" class:field-invalid=move || issue.get().is_some()>
            <label for=id.clone()>{children()}</label>
            <p class="field-hint" id=hint_id.clone()>{hint.run()}</p>
            <input id=id.clone() type="file" name=name accept="image/jpeg,image/png,image/webp" required=true
                aria-describedby=described_by aria-invalid=move || issue.get().map(|_| "true") />
            {move || issue.get().map(|issue| view! {
                <p class="field-error" id=error_id.clone()><IssueMessage issue=issue /></p>
            })}
        </div>
    }
}

/// A plain multipart form posting one image (field `name`) and its text alternative
/// (`alt`) to `action`, the same with or without JavaScript. A refusal comes back in the
/// query string (`{name}_error`, `alt_error`) with the typed text alternative (`alt`).
#[component]
pub fn ImageWithAltForm(
    /// Where the form posts.
    action: String,
    /// The file field's name.
    name: &'static str,
    /// The image's label, its hint, the text alternative's label and hint, the button.
    #[prop(into)]
    label: ViewFn,
    #[prop(into)] hint: ViewFn,
    #[prop(into)] alt_label: ViewFn,
    #[prop(into)] alt_hint: ViewFn,
    #[prop(into)] submit: ViewFn,
) -> impl IntoView {
    let query = use_query_map();
    let issue_of = move |field: String| {
        Signal::derive(move || query.with(|q| q.get(&field)).map(|c| upload_issue(&c)))
    };
    let kept_alt = Signal::derive(move || query.with(|q| q.get("alt")));
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="form">
            <ImageField name=name issue=issue_of(format!("{name}_error")) hint=hint>
                {label.run()}
            </ImageField>
            <TextField name="alt" autocomplete="off" issue=issue_of("alt_error".to_owned())
                value=kept_alt hint=alt_hint>
                {alt_label.run()}
            </TextField>
            <button type="submit">{submit.run()}</button>
        </form>
    }
}

/// The issue an upload's error redirect names (see the server's `uploads::issue_code`).
pub fn upload_issue(code: &str) -> FieldIssue {
    match code {
        "too_large" => FieldIssue::FileTooLarge { max_mb: 2 },
        "required" => FieldIssue::Required,
        "too_long" => FieldIssue::TooLong { max: IMAGE_ALT_MAX },
        "invalid_characters" => FieldIssue::InvalidCharacters,
        _ => FieldIssue::NotAnImage,
    }
}
