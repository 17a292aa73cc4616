//! Member profiles: saving, refusing bad input, and who sees what on a profile page.

use crate::helpers::{app_error, new_client, png, profile_form, spawn_app, succeeded};
use passerelle::domain::{AppError, FieldIssue, MemberProfile};

async fn load(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    id: i64,
) -> Result<MemberProfile, AppError> {
    let response = app.call(client, "member", &[("id", &id.to_string())]).await;
    if response.status().is_success() {
        Ok(response.json().await.expect("a profile"))
    } else {
        Err(app_error(response).await)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_profile_shows_its_fields_to_a_member_with_country_and_language_names() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(
        &amina,
        "Amina Diallo",
        &[
            ("headline", "Public-health researcher"),
            ("origins[]", "SN"),
            ("residence", "FR"),
            ("languages[]", "wo"),
            ("sectors[]", "health"),
            ("sdgs[]", "3"),
        ],
    )
    .await;
    let id = app.user_id("amina@example.org").await;
    let reader = app.member("kofi@example.org", "Kofi").await;
    let profile = load(&app, &reader, id).await.expect("visible");
    assert_eq!(profile.display_name, "Amina Diallo");
    assert_eq!(
        profile.origins.expect("origins are public")[0].name,
        "Senegal"
    );
    assert_eq!(profile.residence.expect("residence").name, "France");
    assert_eq!(profile.languages[0].name, "Wolof");
    assert_eq!(profile.contact_email, None);
    let html = app.page(&reader, &format!("/members/{id}")).await;
    assert!(html.contains("Public-health researcher") && html.contains("Senegal"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_field_by_field_with_the_typing_kept_and_nothing_saved() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    let form = profile_form(
        "",
        &[
            ("headline", "Still here"),
            ("origins[]", "XX"),
            ("links", "javascript:alert(1)"),
            ("contact_email", "amina@"),
        ],
    );
    let response = app.call_owned(&amina, "save_profile", &form).await;
    assert_eq!(response.status(), 422);
    let AppError::Form(errors) = app_error(response).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("display_name"), Some(FieldIssue::Required));
    assert_eq!(errors.issue("origins"), Some(FieldIssue::InvalidChoice));
    assert_eq!(errors.issue("links"), Some(FieldIssue::InvalidUrl));
    assert_eq!(
        errors.issue("contact_email"),
        Some(FieldIssue::InvalidEmail)
    );
    assert_eq!(errors.value("headline"), Some("Still here"));
    let saved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM profiles")
        .fetch_one(&app.db().await)
        .await
        .expect("count");
    assert_eq!(saved, 0, "nothing half-written");
    let name: String = sqlx::query_scalar("SELECT display_name FROM users")
        .fetch_one(&app.db().await)
        .await
        .expect("name");
    assert_eq!(name, "Amina", "the account name is untouched");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_a_profile_needs_a_signed_in_account() {
    let app = spawn_app().await;
    let response = app
        .call_owned(&new_client(), "save_profile", &profile_form("Nobody", &[]))
        .await;
    assert_eq!(response.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_is_re_encoded_without_metadata_and_served_only_to_those_who_see_the_profile() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[("visibility", "members")])
        .await;
    let id = app.user_id("amina@example.org").await;
    let mut bytes = png(900, 600);
    // A tEXt chunk with a location, right after the header chunk.
    let text = b"tEXtLocation\0Rue Secrete 12";
    let mut chunk = (u32::try_from(text.len() - 4).expect("short"))
        .to_be_bytes()
        .to_vec();
    chunk.extend_from_slice(text);
    chunk.extend_from_slice(&[0, 0, 0, 0]);
    bytes.splice(33..33, chunk);
    let response = app.upload(&amina, "/me/photo", "photo", bytes, &[]).await;
    assert_eq!(response.status(), 303);
    let served = amina
        .get(app.url(&format!("/members/{id}/photo")))
        .send()
        .await
        .expect("sent");
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let body = served.bytes().await.expect("bytes");
    assert!(
        !body.windows(12).any(|w| w == b"Rue Secrete "),
        "metadata survived"
    );
    assert_eq!(
        image::load_from_memory(&body).expect("an image").width(),
        512
    );
    let anonymous = new_client()
        .get(app.url(&format!("/members/{id}/photo")))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        anonymous.status(),
        404,
        "a members-only profile's photo is not public"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_removes_their_photo_and_it_is_gone_from_the_next_request() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[("visibility", "public")])
        .await;
    let id = app.user_id("amina@example.org").await;
    let photo = format!("/members/{id}/photo");
    let response = app
        .upload(&amina, "/me/photo", "photo", png(300, 300), &[])
        .await;
    assert_eq!(response.status(), 303);
    // A visitor's page, kept by the page cache, shows it.
    assert!(app
        .page(&new_client(), &format!("/members/{id}"))
        .await
        .contains(&photo));
    assert_eq!(
        app.call(&new_client(), "remove_photo", &[]).await.status(),
        401,
        "nobody removes a photo without signing in"
    );
    assert!(succeeded(&app.call(&amina, "remove_photo", &[]).await));
    let served = new_client()
        .get(app.url(&photo))
        .send()
        .await
        .expect("sent");
    assert_eq!(served.status(), 404);
    let page = app.page(&new_client(), &format!("/members/{id}")).await;
    assert!(!page.contains(&photo), "the cached page was made again");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM profile_photos")
        .fetch_one(&app.db().await)
        .await
        .expect("counted");
    assert_eq!(stored, 0, "nothing of the photo is kept");
    let form = app.page(&amina, "/me/profile").await;
    assert!(
        !form.contains("Remove the photo"),
        "no photo, nothing to remove"
    );
}
