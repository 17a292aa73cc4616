//! "Go invisible now": one click hides a profile from every list, count, profile page and
//! cached page of every app server; one more brings it back with the settings it had.

use crate::helpers::{new_client, spawn_app, spawn_app_with, succeeded, TestApp};
use reqwest::Client;
use std::time::{Duration, Instant};

async fn switch(app: &TestApp, client: &Client, visible: bool) {
    let form = [("visible", if visible { "true" } else { "false" })];
    assert!(succeeded(&app.call(client, "set_presence", &form).await));
}

/// Whether `path` on `app` shows `text` to `client`, asked again until `wanted` or until
/// `within` has passed (another server's page cache looks at the change log every 50 ms).
async fn shows_within(
    app: &TestApp,
    client: &Client,
    path: &str,
    text: &str,
    wanted: bool,
    within: Duration,
) -> bool {
    let start = Instant::now();
    loop {
        let shown = app.page(client, path).await.contains(text);
        if shown == wanted || start.elapsed() > within {
            return shown;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn going_invisible_hides_a_profile_on_every_server_at_once_and_coming_back_restores_it() {
    let first = spawn_app().await;
    let shared = first.database_url();
    let second = spawn_app_with(|s| s.database_url = Some(shared)).await;
    let owner = first.member("leila@example.org", "Leila Haddad").await;
    first
        .save_profile(
            &owner,
            "Leila Haddad",
            &[
                ("visibility", "public"),
                ("city", "Marseille"),
                ("city_visibility", "members"),
                ("sectors[]", "health"),
            ],
        )
        .await;
    let id = first.user_id("leila@example.org").await;
    let profile = format!("/members/{id}");
    let reader = second.member("reader@example.org", "Reader").await;
    let visitor = new_client();
    // Both servers have the public pages in their caches.
    for app in [&first, &second] {
        assert!(app
            .page(&visitor, "/members")
            .await
            .contains("Leila Haddad"));
        assert!(app.page(&visitor, &profile).await.contains("Leila Haddad"));
    }

    switch(&first, &owner, false).await;
    // The server that took the click: the very next request.
    assert!(!first
        .page(&visitor, "/members")
        .await
        .contains("Leila Haddad"));
    assert!(!first.page(&reader, &profile).await.contains("Leila Haddad"));
    // The other server: its cache follows the change log.
    let bound = Duration::from_millis(500);
    assert!(!shows_within(&second, &visitor, "/members", "Leila Haddad", false, bound).await);
    assert!(!shows_within(&second, &visitor, &profile, "Leila Haddad", false, bound).await);
    let seen = second.members(&reader, &[("sector", "health")]).await;
    assert_eq!(seen.total, 0, "still counted for members");
    assert!(
        seen.facets.iter().all(|f| f.values.is_empty()),
        "still in a facet"
    );
    assert!(!second
        .page(&reader, &profile)
        .await
        .contains("Leila Haddad"));

    // The owner is told, and keeps their settings; saving the form keeps the pause.
    let own = first.page(&owner, "/me/profile").await;
    assert!(own.contains("Your profile is invisible now"));
    assert!(own.contains("show my profile again"));
    first
        .save_profile(
            &owner,
            "Leila Haddad",
            &[
                ("visibility", "public"),
                ("city", "Marseille"),
                ("city_visibility", "members"),
                ("sectors[]", "health"),
                ("headline", "Nurse and trainer"),
            ],
        )
        .await;
    assert_eq!(
        second.members(&reader, &[]).await.total,
        0,
        "saving ended the pause"
    );

    switch(&first, &owner, true).await;
    assert!(first
        .page(&visitor, "/members")
        .await
        .contains("Leila Haddad"));
    assert!(shows_within(&second, &visitor, "/members", "Leila Haddad", true, bound).await);
    // With the settings it had: the city for members, not for visitors.
    assert!(second.page(&reader, &profile).await.contains("Marseille"));
    let public = second.page(&visitor, &profile).await;
    assert!(public.contains("Nurse and trainer") && !public.contains("Marseille"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switch_is_offered_only_to_a_listed_profile_and_clicking_twice_changes_nothing() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    assert!(
        !app.page(&amina, "/account")
            .await
            .contains("Go invisible now"),
        "no profile, nothing to hide"
    );
    app.save_profile(&amina, "Amina", &[("visibility", "members")])
        .await;
    assert!(app
        .page(&amina, "/account")
        .await
        .contains("Go invisible now"));
    switch(&app, &amina, false).await;
    switch(&app, &amina, false).await;
    switch(&app, &amina, true).await;
    let level: i64 = sqlx::query_scalar("SELECT visibility FROM profiles")
        .fetch_one(&app.db().await)
        .await
        .expect("a profile");
    assert_eq!(level, 1, "back to members only, as before");
    let entries: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action IN ('went_invisible', 'visible_again') ORDER BY id",
    )
    .fetch_all(&app.db().await)
    .await
    .expect("audit");
    assert_eq!(entries, ["went_invisible", "visible_again"]);
    assert_eq!(
        crate::helpers::app_error(
            app.call(&new_client(), "set_presence", &[("visible", "false")])
                .await
        )
        .await,
        passerelle::domain::AppError::Unauthorized
    );
}
