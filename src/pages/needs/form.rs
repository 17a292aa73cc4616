//! `/needs/new` and `/needs/{id}/edit`: an organization's admin posts a need, or
//! corrects one.

use crate::api::needs::{need_choices, need_to_edit, PostNeed, UpdateNeed};
use crate::components::labels::{
    direction_label, partner_label, sdg_options, sector_options, type_label,
};
use crate::components::{CheckboxGroup, FormNotice, SelectField, TextArea, TextField};
use crate::domain::{
    AppError, Direction, FormErrors, Named, NeedInput, PartnerKind, PartnershipType,
};
use crate::i18n::*;
use crate::pages::{chosen_or, form_errors, issue, kept_or, last_error};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The need form, or what to do first (log in, administer an organization).
#[component]
pub fn NewNeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let post = ServerAction::<PostNeed>::new();
    let errors = form_errors(post.value());
    let choices = Resource::new(|| (), |_| need_choices());
    let body = move || {
        Suspend::new(async move {
            match choices.await {
                Ok(choices) if choices.organizations.is_empty() => view! {
                    <p>{t!(i18n, needs.need_org)}</p>
                    <p><A href="/organizations/new" attr:class="button">{t!(i18n, org.create_link)}</A></p>
                }
                .into_any(),
                Ok(choices) => {
                    let orgs = pairs(choices.organizations);
                    let first_org = orgs.first().map(|o| o.0.clone()).unwrap_or_default();
                    let statuses = vec![
                        ("open".to_owned(), t_string!(i18n, needs.publish_now).to_string()),
                        ("draft".to_owned(), t_string!(i18n, needs.keep_draft).to_string()),
                    ];
                    view! {
                        <ActionForm action=post attr:class="form" attr:novalidate=true>
                            <FormNotice error=last_error(post.value()) />
                            <SelectField name="need[organization]" issue=issue(errors, "organization") options=orgs
                                selected=chosen_or(errors, "organization", vec![first_org])>
                                {t!(i18n, needs.organization)}
                            </SelectField>
                            <NeedFields errors=errors initial=NeedInput::default()
                                countries=choices.countries languages=choices.languages />
                            <SelectField name="need[status]" issue=issue(errors, "status") options=statuses
                                selected=chosen_or(errors, "status", vec!["open".to_owned()])>
                                {t!(i18n, needs.publication)}
                            </SelectField>
                            <button type="submit">{t!(i18n, needs.submit)}</button>
                        </ActionForm>
                    }
                    .into_any()
                }
                Err(AppError::Unauthorized) => view! { <SignInFirst /> }.into_any(),
                Err(error) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, needs.new_title) />
        <h1>{t!(i18n, needs.new_title)}</h1>
        <p>{t!(i18n, needs.new_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

/// Correcting a need; its organization's admins only. Its status has its own control on
/// the need's page.
#[component]
pub fn EditNeedPage() -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateNeed>::new();
    let errors = form_errors(update.value());
    let id = super::route_need_id();
    let data = Resource::new(id, |id| async move { (id, need_to_edit(id).await) });
    let body = move || {
        Suspend::new(async move {
            match data.await {
                (id, Ok((choices, need))) => view! {
                    <ActionForm action=update attr:class="form" attr:novalidate=true>
                        <FormNotice error=last_error(update.value()) />
                        <input type="hidden" name="id" value=id.to_string() />
                        <NeedFields errors=errors initial=need countries=choices.countries languages=choices.languages />
                        <button type="submit">{t!(i18n, needs.save)}</button>
                        " " <A href=format!("/needs/{id}")>{t!(i18n, org.cancel)}</A>
                    </ActionForm>
                }
                .into_any(),
                (_, Err(AppError::Unauthorized)) => view! { <SignInFirst /> }.into_any(),
                (_, Err(error)) => view! { <FormNotice error=Signal::stored(Some(error)) /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, needs.edit_title) />
        <h1>{t!(i18n, needs.edit_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn SignInFirst() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div data-refusal="sign-in">
            <p>{t!(i18n, needs.need_login)}</p>
            <p><A href="/login" attr:class="button">{t!(i18n, account.login_link)}</A></p>
        </div>
    }
}

fn pairs(list: Vec<Named>) -> Vec<(String, String)> {
    list.into_iter().map(|n| (n.code, n.name)).collect()
}

/// The fields a need has whoever writes it, named `need[...]`: shown as typed after a
/// refusal, else as stored.
#[component]
fn NeedFields(
    errors: Signal<Option<FormErrors>>,
    initial: NeedInput,
    countries: Vec<Named>,
    languages: Vec<Named>,
) -> impl IntoView {
    let i18n = use_i18n();
    let countries = pairs(countries);
    let languages = pairs(languages);
    let directions = Direction::ALL
        .iter()
        .map(|d| (d.code().to_owned(), direction_label(i18n, *d)))
        .collect::<Vec<_>>();
    let types = PartnershipType::ALL
        .iter()
        .map(|t| (t.code().to_owned(), type_label(i18n, *t)))
        .collect::<Vec<_>>();
    let kinds = PartnerKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), partner_label(i18n, *k)))
        .collect::<Vec<_>>();
    let sectors = sector_options(i18n);
    let sdgs = sdg_options(i18n);
    let i = initial;
    let direction = if i.direction.is_empty() {
        Direction::Seeking.code().to_owned()
    } else {
        i.direction.clone()
    };
    view! {
        <TextField name="need[title]" autocomplete="off" issue=issue(errors, "title") value=kept_or(errors, "title", i.title.clone())>
            {t!(i18n, needs.title_field)}
        </TextField>
        <SelectField name="need[direction]" issue=issue(errors, "direction") options=directions
            selected=chosen_or(errors, "direction", vec![direction])>
            {t!(i18n, needs.direction)}
        </SelectField>
        <TextArea name="need[description]" issue=issue(errors, "description") value=kept_or(errors, "description", i.description.clone())
            rows=8 hint=move || t!(i18n, needs.description_hint)>
            {t!(i18n, needs.description)}
        </TextArea>
        <CheckboxGroup name="need[types][]" issue=issue(errors, "types") options=types checked=chosen_or(errors, "types", i.types.clone())>
            {t!(i18n, needs.types)}
        </CheckboxGroup>
        <CheckboxGroup name="need[partner_kinds][]" issue=issue(errors, "partner_kinds") options=kinds
            checked=chosen_or(errors, "partner_kinds", i.partner_kinds.clone()) hint=move || t!(i18n, needs.partner_kinds_hint)>
            {t!(i18n, needs.partner_kinds)}
        </CheckboxGroup>
        <CheckboxGroup name="need[sdgs][]" issue=issue(errors, "sdgs") options=sdgs checked=chosen_or(errors, "sdgs", i.sdgs.clone())>
            {t!(i18n, needs.sdgs)}
        </CheckboxGroup>
        <CheckboxGroup name="need[sectors][]" issue=issue(errors, "sectors") options=sectors checked=chosen_or(errors, "sectors", i.sectors.clone())>
            {t!(i18n, needs.sectors)}
        </CheckboxGroup>
        <SelectField name="need[countries][]" multiple=true issue=issue(errors, "countries") options=countries
            selected=chosen_or(errors, "countries", i.countries.clone()) hint=move || t!(i18n, needs.countries_hint)>
            {t!(i18n, needs.countries)}
        </SelectField>
        <SelectField name="need[languages][]" multiple=true issue=issue(errors, "languages") options=languages
            selected=chosen_or(errors, "languages", i.languages.clone())>
            {t!(i18n, needs.languages)}
        </SelectField>
        <TextField name="need[deadline]" input_type="date" autocomplete="off" issue=issue(errors, "deadline")
            value=kept_or(errors, "deadline", i.deadline.clone()) hint=move || t!(i18n, needs.deadline_hint)>
            {t!(i18n, needs.deadline)}
        </TextField>
    }
}
