//! After the introduction, over HTTP: only its two sides move the stage or state an
//! agreement; an agreement counts only once both sides name the same one.

use crate::helpers::{app_error, new_client, spawn_app, succeeded, TestApp};
use passerelle::domain::follow_up::{AgreementKind, FollowUp, Side, Stage};
use passerelle::domain::{AppError, FieldIssue, Inbox};
use reqwest::Client;

/// Amina asked Kofi to be introduced and Kofi accepted; Zara is a third member.
pub(crate) async fn accepted(app: &TestApp) -> (Client, Client, Client, String) {
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[("headline", "Nurse in Lyon")])
        .await;
    let kofi = app.member("kofi@example.org", "Kofi").await;
    app.save_profile(&kofi, "Kofi", &[("headline", "Clinic in Accra")])
        .await;
    let zara = app.member("zara@example.org", "Zara").await;
    let id = ask_kofi(app, &amina, &kofi, "We could train nurses together.").await;
    assert!(succeeded(
        &app.call(
            &kofi,
            "answer_introduction",
            &[("id", &id), ("decision", "accept")]
        )
        .await
    ));
    (amina, kofi, zara, id)
}

/// `from` asks Kofi to be introduced; the request's id, as Kofi's inbox shows it.
async fn ask_kofi(app: &TestApp, from: &Client, kofi: &Client, message: &str) -> String {
    let k = app.user_id("kofi@example.org").await;
    let to = format!("member:{k}");
    let form = [
        ("intro[to]", to.as_str()),
        ("intro[need]", ""),
        ("intro[message]", message),
    ];
    assert!(succeeded(&app.call(from, "send_introduction", &form).await));
    let inbox: Inbox = app
        .call(kofi, "inbox", &[])
        .await
        .json()
        .await
        .expect("an inbox");
    inbox.received[0].id.to_string()
}

pub(crate) async fn follow(app: &TestApp, client: &Client, id: &str) -> FollowUp {
    let response = app.call(client, "follow_up", &[("id", id)]).await;
    assert!(succeeded(&response), "{}", response.status());
    response.json().await.expect("a follow-up")
}

async fn move_to(
    app: &TestApp,
    client: &Client,
    id: &str,
    from: Stage,
    to: Stage,
) -> reqwest::Response {
    app.call(
        client,
        "move_stage",
        &[("id", id), ("from", from.code()), ("stage", to.code())],
    )
    .await
}

async fn agree(app: &TestApp, client: &Client, id: &str, kind: AgreementKind) -> reqwest::Response {
    app.call(
        client,
        "state_agreement",
        &[("id", id), ("kind", kind.code())],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_two_sides_see_and_move_where_a_contact_stands() {
    let app = spawn_app().await;
    let (amina, kofi, zara, id) = accepted(&app).await;
    let start = follow(&app, &amina, &id).await;
    assert_eq!(start.stage, Stage::Accepted);
    assert_eq!(start.side, Side::Sender);
    assert_eq!(follow(&app, &kofi, &id).await.side, Side::Recipient);

    // A third member, and nobody signed in, can neither read nor move it.
    assert_eq!(
        app.call(&zara, "follow_up", &[("id", &id)]).await.status(),
        403
    );
    assert_eq!(
        move_to(&app, &zara, &id, Stage::Accepted, Stage::Met)
            .await
            .status(),
        403
    );
    assert_eq!(
        agree(&app, &zara, &id, AgreementKind::Funding)
            .await
            .status(),
        403
    );
    assert_eq!(
        move_to(&app, &new_client(), &id, Stage::Accepted, Stage::Met)
            .await
            .status(),
        401
    );
    let page = app.page(&zara, &format!("/introductions/{id}")).await;
    assert!(!page.contains("We could train nurses"), "{page}");
    assert_eq!(follow(&app, &amina, &id).await.stage, Stage::Accepted);

    // Either side moves it forward; the other sees it, with who moved it.
    assert!(succeeded(
        &move_to(&app, &kofi, &id, Stage::Accepted, Stage::Met).await
    ));
    let seen = follow(&app, &amina, &id).await;
    assert_eq!(seen.stage, Stage::Met);
    assert_eq!(seen.history.len(), 1);
    assert_eq!(seen.history[0].1, Side::Recipient);
    let page = app
        .page(&amina, &format!("/introductions/{id}"))
        .await
        .replace("<!>", "");
    assert!(page.contains("<strong>Met</strong>"), "{page}");
}

/// The issue beside `field` of a refused call.
async fn issue_of(response: reqwest::Response, field: &str) -> Option<FieldIssue> {
    match app_error(response).await {
        AppError::Form(form) => form.issue(field),
        other => panic!("not a form's refusal: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_illegal_or_stale_move_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let (amina, kofi, _, id) = accepted(&app).await;
    assert!(succeeded(
        &move_to(&app, &amina, &id, Stage::Accepted, Stage::Exploring).await
    ));
    // Backwards, or straight to an agreement one side alone cannot state.
    let back = move_to(&app, &kofi, &id, Stage::Exploring, Stage::Met).await;
    assert_eq!(
        issue_of(back, "stage").await,
        Some(FieldIssue::InvalidChoice)
    );
    let alone = move_to(&app, &kofi, &id, Stage::Exploring, Stage::AgreementReached).await;
    assert_eq!(
        issue_of(alone, "stage").await,
        Some(FieldIssue::InvalidChoice)
    );
    // Kofi's page still showed "accepted": Amina moved it meanwhile.
    let stale = move_to(&app, &kofi, &id, Stage::Accepted, Stage::Met).await;
    assert_eq!(issue_of(stale, "stage").await, Some(FieldIssue::StageMoved));
    let unknown = app
        .call(
            &kofi,
            "move_stage",
            &[("id", &id), ("from", "exploring"), ("stage", "married")],
        )
        .await;
    assert_eq!(
        issue_of(unknown, "stage").await,
        Some(FieldIssue::InvalidChoice)
    );
    let now = follow(&app, &kofi, &id).await;
    assert_eq!(now.stage, Stage::Exploring);
    assert_eq!(now.history.len(), 1, "only the one legal move");

    // No further contact closes it: nothing moves it after that.
    assert!(succeeded(
        &move_to(&app, &kofi, &id, Stage::Exploring, Stage::NoFurtherContact).await
    ));
    let after = move_to(
        &app,
        &amina,
        &id,
        Stage::NoFurtherContact,
        Stage::Negotiating,
    )
    .await;
    assert_eq!(issue_of(after, "stage").await, Some(FieldIssue::StageMoved));
    let agreement = agree(&app, &amina, &id, AgreementKind::Funding).await;
    assert_eq!(
        issue_of(agreement, "stage").await,
        Some(FieldIssue::StageMoved)
    );
    assert_eq!(
        follow(&app, &amina, &id).await.stage,
        Stage::NoFurtherContact
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agreement_counts_only_once_both_sides_name_the_same_one() {
    let app = spawn_app().await;
    let (amina, kofi, zara, id) = accepted(&app).await;
    assert!(succeeded(
        &agree(&app, &amina, &id, AgreementKind::Funding).await
    ));
    assert!(succeeded(
        &agree(&app, &amina, &id, AgreementKind::Funding).await
    ));
    let waiting = follow(&app, &kofi, &id).await;
    assert_eq!(
        waiting.stage,
        Stage::Accepted,
        "one side alone counts for nothing"
    );
    let stated = waiting.agreement.expect("stated");
    assert_eq!(
        (stated.kind, stated.stated_by, stated.confirmed_at),
        (AgreementKind::Funding, Side::Sender, None)
    );
    let page = app
        .page(&kofi, &format!("/introductions/{id}"))
        .await
        .replace("<!>", "");
    assert!(
        page.contains("The other side says an agreement was reached: Funding."),
        "{page}"
    );

    // Kofi names another agreement: that one now waits for Amina.
    assert!(succeeded(
        &agree(&app, &kofi, &id, AgreementKind::Memorandum).await
    ));
    let restated = follow(&app, &amina, &id).await;
    assert_eq!(restated.stage, Stage::Accepted);
    assert_eq!(
        restated.agreement.map(|a| (a.kind, a.stated_by)),
        Some((AgreementKind::Memorandum, Side::Recipient))
    );
    assert_eq!(
        agree(&app, &zara, &id, AgreementKind::Memorandum)
            .await
            .status(),
        403
    );

    // Amina confirms the same: it counts, for both.
    assert!(succeeded(
        &agree(&app, &amina, &id, AgreementKind::Memorandum).await
    ));
    for client in [&amina, &kofi] {
        let done = follow(&app, client, &id).await;
        assert_eq!(done.stage, Stage::AgreementReached);
        assert!(done.agreement.and_then(|a| a.confirmed_at).is_some());
    }
    let page = app
        .page(&kofi, &format!("/introductions/{id}"))
        .await
        .replace("<!>", "");
    assert!(
        page.contains("Agreement reached: Memorandum of understanding"),
        "{page}"
    );
    // Closed: neither a move nor another agreement changes it.
    let again = agree(&app, &kofi, &id, AgreementKind::Funding).await;
    assert_eq!(issue_of(again, "stage").await, Some(FieldIssue::StageMoved));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_not_accepted_has_no_follow_up() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    let kofi = app.member("kofi@example.org", "Kofi").await;
    app.save_profile(&kofi, "Kofi", &[]).await;
    let id = ask_kofi(&app, &amina, &kofi, "Still waiting for an answer.").await;
    for client in [&amina, &kofi] {
        assert_eq!(
            app.call(client, "follow_up", &[("id", &id)]).await.status(),
            404
        );
        assert_eq!(
            move_to(&app, client, &id, Stage::Accepted, Stage::Met)
                .await
                .status(),
            404
        );
    }
}
