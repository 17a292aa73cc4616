//! A labelled input with its hint and its error, tied together for assistive technology.

use super::IssueMessage;
use crate::domain::FieldIssue;
use leptos::prelude::*;

/// One form field. The label is the children; the error comes from the server's
/// answer, or, after hydration, from checking the value as soon as it changes.
#[component]
pub fn TextField(
    /// The form field name, which is also the server function argument.
    name: &'static str,
    /// The input type.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The autocomplete token.
    autocomplete: &'static str,
    /// The issue the server found, if any.
    #[prop(into)]
    issue: Signal<Option<FieldIssue>>,
    /// The value to show again after a refused submission.
    #[prop(into, optional)]
    value: Signal<Option<String>>,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    /// The rule to check in the browser when the value changes.
    #[prop(optional)]
    check: Option<fn(&str) -> Option<FieldIssue>>,
    /// Whether the field must be filled in.
    #[prop(default = true)]
    required: bool,
    /// The label.
    children: Children,
) -> impl IntoView {
    let id = field_id(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    // `Some(_)` once the browser has checked the value itself, until the server answers again.
    let checked = RwSignal::new(None::<Option<FieldIssue>>);
    Effect::new(move |_| {
        issue.track();
        checked.set(None);
    });
    let shown = move || checked.get().unwrap_or_else(|| issue.get());
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [
                has_hint.then_some(hint_id.as_str()),
                shown().map(|_| error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(check) = check {
            checked.set(Some(check(&event_target_value(&ev))));
        }
    };
    view! {
        <div class="field" class:field-invalid=move || shown().is_some()>
            <label for=id.clone()>{children()}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{hint.run()}</p> })}
            <input
                id=id.clone()
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                value=move || value.get()
                aria-invalid=move || shown().map(|_| "true")
                aria-describedby=described_by
                on:change=on_change
            />
            {move || shown().map(|issue| view! {
                <p class="field-error" id=error_id.clone()>
                    <IssueMessage issue=issue />
                </p>
            })}
        </div>
    }
}

/// The element id of a form field: its name, with `profile[bio]` turned into `field-profile-bio`.
pub fn field_id(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("field-{}", cleaned.trim_matches('-').replace("--", "-"))
}
