use crate::helpers::{new_client, spawn_app, succeeded, PASSWORD};
use passerelle::server::auth::{create_admin, AdminOutcome};
use passerelle::server::db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_makes_an_account_that_can_log_in_as_administrator() {
    let app = spawn_app().await;
    let pool = db::connect(&app.database_url())
        .await
        .expect("the database");

    let outcome = create_admin(&pool, "chair@example.org", "Chair", || Ok(PASSWORD.into()))
        .await
        .expect("created");
    assert_eq!(outcome, AdminOutcome::Created);

    assert!(succeeded(
        &app.log_in(&app.client, "chair@example.org", PASSWORD).await
    ));
    let page = app.page(&app.client, "/account").await;
    assert!(page.contains("Administrator"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_promotes_an_existing_member_without_touching_their_password() {
    let app = spawn_app().await;
    app.register(&new_client(), "amina@example.org", "Amina")
        .await;
    let pool = db::connect(&app.database_url())
        .await
        .expect("the database");

    let outcome = create_admin(&pool, "amina@example.org", "ignored", || {
        anyhow::bail!("no password is needed to promote")
    })
    .await
    .expect("promoted");
    assert_eq!(outcome, AdminOutcome::Promoted);

    app.log_in(&app.client, "amina@example.org", PASSWORD).await;
    assert!(app
        .page(&app.client, "/account")
        .await
        .contains("Administrator"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_refuses_a_weak_password_and_creates_nothing() {
    let app = spawn_app().await;
    let pool = db::connect(&app.database_url())
        .await
        .expect("the database");

    let result = create_admin(&pool, "chair@example.org", "Chair", || Ok("short".into())).await;
    assert!(result.is_err());
    assert!(!succeeded(
        &app.log_in(&app.client, "chair@example.org", "short").await
    ));
}
