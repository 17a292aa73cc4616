//! Form fields beyond the single-line input: text areas, selects and checkbox groups,
//! each with its label, hint and error tied together for assistive technology.

use super::text_field::field_id;
use super::IssueMessage;
use crate::domain::FieldIssue;
use leptos::prelude::*;

/// The ids of a field's hint and error, for `aria-describedby`.
fn described_by(
    id: &str,
    has_hint: bool,
    issue: Signal<Option<FieldIssue>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        let ids: Vec<&str> = [
            has_hint.then_some(hint_id.as_str()),
            issue.get().map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The hint under a label.
fn hint_view(id: &str, hint: Option<ViewFn>) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint.run()}</p> })
}

/// The error under a field.
fn error_view(id: &str, issue: Signal<Option<FieldIssue>>) -> impl IntoView {
    let error_id = format!("{id}-error");
    move || {
        issue.get().map(|issue| view! { <p class="field-error" id=error_id.clone()><IssueMessage issue=issue /></p> })
    }
}

/// A multi-line text field.
#[component]
pub fn TextArea(
    name: &'static str,
    #[prop(into)] issue: Signal<Option<FieldIssue>>,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    #[prop(default = 6)] rows: u32,
    children: Children,
) -> impl IntoView {
    let id = field_id(name);
    let describe = described_by(&id, hint.is_some(), issue);
    view! {
        <div class="field" class:field-invalid=move || issue.get().is_some()>
            <label for=id.clone()>{children()}</label>
            {hint_view(&id, hint)}
            <textarea
                id=id.clone()
                name=name
                rows=rows
                aria-invalid=move || issue.get().map(|_| "true")
                aria-describedby=describe
                prop:value=move || value.get().unwrap_or_default()
            >
                {value.get_untracked().unwrap_or_default()}
            </textarea>
            {error_view(&id, issue)}
        </div>
    }
}

/// A drop-down (or, with `multiple`, a list box) of `(code, label)` options.
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] issue: Signal<Option<FieldIssue>>,
    options: Vec<(String, String)>,
    /// The chosen codes.
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// A first option with an empty value ("— not said —"), for optional single choices.
    #[prop(optional, into)]
    blank: Option<ViewFn>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    #[prop(optional)] multiple: bool,
    children: Children,
) -> impl IntoView {
    let id = field_id(name);
    let describe = described_by(&id, hint.is_some(), issue);
    let size = multiple.then_some(8);
    view! {
        <div class="field" class:field-invalid=move || issue.get().is_some()>
            <label for=id.clone()>{children()}</label>
            {hint_view(&id, hint)}
            <select
                id=id.clone()
                name=name
                multiple=multiple
                size=size
                aria-invalid=move || issue.get().map(|_| "true")
                aria-describedby=describe
            >
                {blank.map(|label| view! { <option value="">{label.run()}</option> })}
                {options
                    .into_iter()
                    .map(|(code, label)| {
                        let chosen = code.clone();
                        view! {
                            <option value=code selected=move || selected.with(|s| s.contains(&chosen))>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {error_view(&id, issue)}
        </div>
    }
}

/// A group of checkboxes under a legend; each checked box sends `name` = its code.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    #[prop(into)] issue: Signal<Option<FieldIssue>>,
    options: Vec<(String, String)>,
    #[prop(into)] checked: Signal<Vec<String>>,
    #[prop(optional, into)] hint: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    let id = field_id(name);
    let describe = described_by(&id, hint.is_some(), issue);
    let boxes = options
        .into_iter()
        .map(|(code, label)| {
            let box_id = format!("{id}-{}", field_id(&code).trim_start_matches("field-"));
            let chosen = code.clone();
            view! {
                <li>
                    <input
                        type="checkbox"
                        id=box_id.clone()
                        name=name
                        value=code
                        checked=move || checked.with(|c| c.contains(&chosen))
                    />
                    <label for=box_id>{label}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field checkbox-group" class:field-invalid=move || issue.get().is_some() aria-describedby=describe>
            <legend>{children()}</legend>
            {hint_view(&id, hint)}
            <ul>{boxes}</ul>
            {error_view(&id, issue)}
        </fieldset>
    }
}
