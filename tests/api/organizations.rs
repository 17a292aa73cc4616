//! Organizations over HTTP: creating, editing, people, verification, and refusals.

use crate::helpers::{app_error, location, new_client, png, spawn_app, succeeded, TestApp};
use passerelle::domain::{AppError, FieldIssue, OrgProfile, OrgRole, Verification};
use reqwest::Client;

const ORG: [(&str, &str); 5] = [
    ("org[name]", "Réseau Sénégalais de la Santé"),
    ("org[kind]", "government"),
    ("org[hq_country]", "SN"),
    ("org[countries][]", "FR"),
    ("org[sdgs][]", "3"),
];
const SLUG: &str = "reseau-senegalais-de-la-sante";

async fn with_org(app: &TestApp) -> Client {
    let owner = app.member("owner@example.org", "Owner").await;
    let response = app.call(&owner, "create_organization", &ORG).await;
    assert!(
        succeeded(&response),
        "creation failed: {}",
        response.status()
    );
    owner
}

async fn org(app: &TestApp, client: &Client) -> OrgProfile {
    app.call(client, "organization", &[("slug", SLUG)])
        .await
        .json()
        .await
        .expect("an organization")
}

async fn name_in_db(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT name FROM organizations")
        .fetch_one(&app.db().await)
        .await
        .expect("a name")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_creator_owns_the_new_organization_and_a_government_starts_unverified() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let profile = org(&app, &owner).await;
    assert_eq!(
        profile.viewer_role,
        Some(passerelle::domain::OrgRole::Owner)
    );
    assert_eq!(profile.verification, Verification::Unverified);
    let html = app
        .page(&new_client(), &format!("/organizations/{SLUG}"))
        .await;
    assert!(html.contains("Réseau Sénégalais de la Santé") && html.contains("Unverified"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_organization_with_the_same_name_is_refused_beside_the_name() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let response = app.call(&owner, "create_organization", &ORG).await;
    assert_eq!(response.status(), 422);
    let AppError::Form(errors) = app_error(response).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("name"), Some(FieldIssue::NameTaken));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_admin_cannot_edit_an_organization_and_nothing_changes() {
    let app = spawn_app().await;
    with_org(&app).await;
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let mut form = vec![
        ("slug", SLUG),
        ("org[name]", "Hijacked"),
        ("org[kind]", "ngo"),
        ("org[hq_country]", "SN"),
    ];
    let response = app.call(&stranger, "update_organization", &form).await;
    assert_eq!(response.status(), 403);
    let anonymous = app.call(&new_client(), "update_organization", &form).await;
    assert_eq!(anonymous.status(), 401);
    assert_eq!(name_in_db(&app).await, "Réseau Sénégalais de la Santé");
    // A plain member of the organization is not an admin either.
    app.call(&stranger, "join_organization", &[("slug", SLUG)])
        .await;
    let owner = app.member("owner2@example.org", "x").await;
    drop(owner);
    form[1] = ("org[name]", "Still hijacked");
    assert_eq!(
        app.call(&stranger, "update_organization", &form)
            .await
            .status(),
        403
    );
    assert_eq!(name_in_db(&app).await, "Réseau Sénégalais de la Santé");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_moderator_verifies_and_the_badge_then_shows_everywhere() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    assert!(succeeded(
        &app.call(&owner, "request_verification", &[("slug", SLUG)])
            .await
    ));
    assert_eq!(org(&app, &owner).await.verification, Verification::Pending);
    let decision = [
        ("slug", SLUG),
        ("decision", "approve"),
        ("note", "Checked the decree."),
    ];
    assert_eq!(
        app.call(&owner, "decide_verification", &decision)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(&owner, "verification_queue", &[]).await.status(),
        403
    );
    assert_eq!(
        org(&app, &owner).await.verification,
        Verification::Pending,
        "nothing changed"
    );
    let moderator = app.member("mod@example.org", "Mod").await;
    app.make_moderator("mod@example.org").await;
    let queue = app.page(&moderator, "/moderation").await;
    assert!(queue.contains("Réseau Sénégalais de la Santé"));
    assert!(succeeded(
        &app.call(&moderator, "decide_verification", &decision).await
    ));
    let verified = org(&app, &owner).await;
    assert_eq!(verified.verification, Verification::Verified);
    assert_eq!(
        verified.verification_note.as_deref(),
        Some("Checked the decree.")
    );
    let list = app.page(&new_client(), "/organizations?verified=yes").await;
    assert!(list.contains("Réseau Sénégalais de la Santé") && list.contains("badge-verified"));
    let public = org(&app, &new_client()).await;
    assert_eq!(
        public.verification_note, None,
        "the note is for the organization's admins"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_join_request_is_approved_by_an_admin_and_the_last_owner_cannot_leave() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let kofi = app.member("kofi@example.org", "Kofi").await;
    assert!(succeeded(
        &app.call(&kofi, "join_organization", &[("slug", SLUG)])
            .await
    ));
    let kofi_id = app.user_id("kofi@example.org").await.to_string();
    let answer = [
        ("slug", SLUG),
        ("user_id", kofi_id.as_str()),
        ("decision", "approve"),
    ];
    assert_eq!(
        app.call(&kofi, "answer_join", &answer).await.status(),
        403,
        "no self-approval"
    );
    assert!(succeeded(&app.call(&owner, "answer_join", &answer).await));
    assert_eq!(
        org(&app, &kofi).await.viewer_role,
        Some(passerelle::domain::OrgRole::Member)
    );
    let promote = [
        ("slug", SLUG),
        ("user_id", kofi_id.as_str()),
        ("role", "owner"),
    ];
    assert_eq!(
        app.call(&kofi, "set_member_role", &promote).await.status(),
        403,
        "members cannot promote themselves"
    );
    let leave = app
        .call(&owner, "leave_organization", &[("slug", SLUG)])
        .await;
    assert_eq!(leave.status(), 422, "the last owner stays");
    assert!(succeeded(
        &app.call(&owner, "set_member_role", &promote).await
    ));
    assert!(succeeded(
        &app.call(&owner, "leave_organization", &[("slug", SLUG)])
            .await
    ));
    assert_eq!(org(&app, &owner).await.viewer_role, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_account_joins_only_once_it_accepts() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let ama = app.member("ama@example.org", "Ama").await;
    let invite = [("slug", SLUG), ("email", "AMA@example.org")];
    assert!(succeeded(&app.call(&owner, "invite_member", &invite).await));
    let seen_by_owner = org(&app, &owner).await;
    assert!(
        !seen_by_owner
            .members
            .iter()
            .any(|m| m.display_name == "Ama"),
        "nobody joins before saying yes"
    );
    assert!(seen_by_owner
        .invitations
        .iter()
        .any(|m| m.display_name == "Ama"));
    let seen_by_ama = org(&app, &ama).await;
    assert!(seen_by_ama.viewer_invited && seen_by_ama.viewer_role.is_none());
    assert!(
        seen_by_ama.invitations.is_empty(),
        "only admins see who is invited"
    );
    let mine = app
        .call(&ama, "my_invitations", &[])
        .await
        .text()
        .await
        .expect("a body");
    assert!(
        mine.contains(SLUG),
        "the invitation shows on the account: {mine}"
    );

    // Someone else cannot answer Ama's invitation.
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let accept = [("slug", SLUG), ("decision", "accept")];
    assert_eq!(
        app.call(&stranger, "answer_invitation", &accept)
            .await
            .status(),
        404
    );
    assert_eq!(org(&app, &owner).await.members.len(), 1);

    assert!(succeeded(
        &app.call(&ama, "answer_invitation", &accept).await
    ));
    let after = org(&app, &ama).await;
    assert_eq!(after.viewer_role, Some(OrgRole::Member));
    assert!(!after.viewer_invited);
    assert!(org(&app, &owner).await.invitations.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_invitation_leaves_the_organization_unchanged() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let ama = app.member("ama@example.org", "Ama").await;
    let invite = [("slug", SLUG), ("email", "ama@example.org")];
    assert!(succeeded(&app.call(&owner, "invite_member", &invite).await));
    let decline = [("slug", SLUG), ("decision", "decline")];
    assert!(succeeded(
        &app.call(&ama, "answer_invitation", &decline).await
    ));
    let after = org(&app, &ama).await;
    assert_eq!(after.viewer_role, None);
    assert!(!after.viewer_invited);
    assert!(org(&app, &owner).await.invitations.is_empty());
    // Answering twice finds nothing to answer.
    assert_eq!(
        app.call(&ama, "answer_invitation", &decline).await.status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inviting_someone_who_asked_to_join_admits_them_and_unknown_emails_are_refused() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let ama = app.member("ama@example.org", "Ama").await;
    assert!(succeeded(
        &app.call(&ama, "join_organization", &[("slug", SLUG)]).await
    ));
    let invite = [("slug", SLUG), ("email", "ama@example.org")];
    assert!(succeeded(&app.call(&owner, "invite_member", &invite).await));
    assert_eq!(org(&app, &ama).await.viewer_role, Some(OrgRole::Member));
    let again = app.call(&owner, "invite_member", &invite).await;
    let AppError::Form(errors) = app_error(again).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("email"), Some(FieldIssue::AlreadyMember));
    let unknown = app
        .call(
            &owner,
            "invite_member",
            &[("slug", SLUG), ("email", "nobody@example.org")],
        )
        .await;
    let AppError::Form(errors) = app_error(unknown).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("email"), Some(FieldIssue::NoSuchAccount));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_data_honours_the_directory_filters() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let other = [
        ("org[name]", "Mexican Engineers Abroad"),
        ("org[kind]", "diaspora"),
        ("org[hq_country]", "MX"),
    ];
    assert!(succeeded(
        &app.call(&owner, "create_organization", &other).await
    ));
    let csv = app
        .page(&new_client(), "/organizations.csv?country=SN")
        .await;
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .expect("a header")
        .starts_with("slug,name,kind,hq_country"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("Réseau Sénégalais de la Santé") && rows[0].contains("SN;FR"));
    let json: serde_json::Value = serde_json::from_str(
        &app.page(&new_client(), "/organizations.json?kind=diaspora")
            .await,
    )
    .expect("json");
    assert_eq!(json.as_array().expect("an array").len(), 1);
    assert_eq!(json[0]["hq_country"], "MX");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_links_each_country_with_organizations_to_the_filtered_directory() {
    let app = spawn_app().await;
    with_org(&app).await;
    let html = app.page(&new_client(), "/map").await;
    assert!(html.contains("href=\"/organizations?country=SN\""));
    assert!(html.contains("href=\"/organizations?country=FR\""));
    assert!(
        !html.contains("href=\"/organizations?country=BR\""),
        "no organizations in Brazil"
    );
    assert!(html.contains("<caption>"), "a table of the same figures");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_owner_sees_what_goes_then_deletes_an_organization_and_nothing_points_at_it() {
    let app = spawn_app().await;
    let owner = app.member("owner@example.org", "Owner").await;
    let slug = "teachers-abroad";
    assert!(succeeded(
        &app.call(
            &owner,
            "create_organization",
            &[
                ("org[name]", "Teachers Abroad"),
                ("org[kind]", "diaspora"),
                ("org[hq_country]", "SN"),
                ("org[sdgs][]", "4"),
            ],
        )
        .await
    ));
    let admin = app.member("admin@example.org", "Ada Admin").await;
    assert!(succeeded(
        &app.call(&admin, "join_organization", &[("slug", slug)])
            .await
    ));
    let ada = app.user_id("admin@example.org").await.to_string();
    assert!(succeeded(
        &app.call(
            &owner,
            "answer_join",
            &[("slug", slug), ("user_id", &ada), ("decision", "approve")],
        )
        .await
    ));
    assert!(succeeded(
        &app.call(
            &owner,
            "set_member_role",
            &[("slug", slug), ("user_id", &ada), ("role", "admin")],
        )
        .await
    ));
    app.member("invited@example.org", "Ivo").await;
    assert!(succeeded(
        &app.call(
            &owner,
            "invite_member",
            &[("slug", slug), ("email", "invited@example.org")],
        )
        .await
    ));
    let need = [
        ("need[organization]", slug),
        ("need[title]", "Mentors for young teachers"),
        (
            "need[description]",
            "We look for teachers of the diaspora to mentor new graduates.",
        ),
        ("need[direction]", "seeking"),
        ("need[types][]", "mentoring"),
        ("need[sdgs][]", "4"),
        ("need[partner_kinds][]", "member"),
        ("need[deadline]", "2099-12-31"),
    ];
    assert!(succeeded(&app.call(&owner, "post_need", &need).await));
    assert!(succeeded(
        &app.call(
            &owner,
            "draft_spotlight",
            &[
                ("spotlight[organization]", slug),
                ("spotlight[title]", "Teachers across the ocean"),
                ("spotlight[summary]", "Remote classes for island schools."),
                (
                    "spotlight[body]",
                    "Every week, 30 classes reach six islands."
                ),
                ("spotlight[region]", "melanesia"),
            ],
        )
        .await
    ));
    let kofi = app.member("kofi@example.org", "Kofi").await;
    assert!(succeeded(
        &app.call(
            &kofi,
            "send_introduction",
            &[
                ("intro[to]", &format!("org:{slug}")),
                ("intro[need]", ""),
                (
                    "intro[message]",
                    "Hello, I would like to mentor two teachers."
                ),
            ],
        )
        .await
    ));

    // Only an owner may, and sees first what goes.
    for (client, status) in [(&admin, 403), (&kofi, 403), (&new_client(), 401)] {
        assert_eq!(
            app.call(client, "organization_to_delete", &[("slug", slug)])
                .await
                .status(),
            status
        );
        assert_eq!(
            app.call(client, "delete_organization", &[("slug", slug)])
                .await
                .status(),
            status
        );
    }
    let preview: passerelle::domain::OrgDeletion = app
        .call(&owner, "organization_to_delete", &[("slug", slug)])
        .await
        .json()
        .await
        .expect("a preview");
    assert_eq!(
        (
            preview.needs,
            preview.spotlights,
            preview.people,
            preview.pending_people,
            preview.introductions
        ),
        (1, 1, 1, 1, 1)
    );
    let page = app
        .page(&owner, &format!("/organizations/{slug}/delete"))
        .await
        .replace("<!>", "");
    assert!(
        page.contains("You are about to delete “Teachers Abroad” for good"),
        "{page}"
    );

    let db = app.db().await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM organizations")
        .fetch_one(&db)
        .await
        .expect("the organization");
    assert!(succeeded(
        &app.call(&owner, "delete_organization", &[("slug", slug)])
            .await
    ));
    for (table, column) in [
        ("organizations", "id"),
        ("org_members", "org_id"),
        ("org_invitations", "org_id"),
        ("org_join_requests", "org_id"),
        ("org_countries", "org_id"),
        ("org_sectors", "org_id"),
        ("org_sdgs", "org_id"),
        ("verification_requests", "org_id"),
        ("needs", "org_id"),
        ("spotlights", "org_id"),
        ("introductions", "recipient_org_id"),
        ("introductions", "sender_org_id"),
        ("blocks", "blocker_org_id"),
        ("events", "org_id"),
        ("freshness_links", "org_id"),
    ] {
        let left: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
                .bind(id)
                .fetch_one(&db)
                .await
                .expect("a count");
        assert_eq!(left, 0, "{table}.{column} still points at it");
    }
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
            .fetch_one(&db)
            .await
            .expect("a count"),
        4,
        "its people keep their accounts"
    );
    let (subject, body) = app.last_mail("kofi@example.org").await.expect("a mail");
    assert_eq!(
        subject,
        "An organization you were introduced to was deleted"
    );
    assert!(body.contains("Teachers Abroad"));
    assert!(!app
        .page(&new_client(), "/needs")
        .await
        .contains("Mentors for young teachers"));
    assert!(!app
        .page(&new_client(), "/organizations")
        .await
        .contains("Teachers Abroad"));
    assert_eq!(
        app.call(&owner, "organization", &[("slug", slug)])
            .await
            .status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_admins_give_an_organization_a_logo_with_a_description_and_anyone_sees_it() {
    let app = spawn_app().await;
    let owner = with_org(&app).await;
    let post = format!("/organizations/{SLUG}/logo");
    let alt = [("alt", "Réseau Sénégalais de la Santé, in green letters")];
    let stranger = app.member("stranger@example.org", "Stranger").await;
    assert_eq!(
        app.upload(&stranger, &post, "logo", png(80, 40), &alt)
            .await
            .status(),
        403
    );
    assert_eq!(
        location(
            &app.upload(&new_client(), &post, "logo", png(80, 40), &alt)
                .await
        ),
        "/login"
    );
    let no_alt = app
        .upload(&owner, &post, "logo", png(80, 40), &[("alt", " ")])
        .await;
    assert!(location(&no_alt).contains("alt_error=required"));
    let not_image = app
        .upload(&owner, &post, "logo", b"GIF89a not really".to_vec(), &alt)
        .await;
    assert!(
        location(&not_image).contains("logo_error="),
        "{}",
        location(&not_image)
    );
    assert!(
        org(&app, &new_client()).await.logo.is_none(),
        "nothing stored"
    );

    let upload = png(1600, 800);
    let saved = app
        .upload(&owner, &post, "logo", upload.clone(), &alt)
        .await;
    assert!(location(&saved).contains("logo=saved"));
    let (described, version) = org(&app, &new_client()).await.logo.expect("a logo");
    assert_eq!(described, alt[0].1);
    let page = app
        .page(&new_client(), &format!("/organizations/{SLUG}"))
        .await;
    assert!(page.contains(&format!("/organizations/{SLUG}/logo?v={version}")));
    assert!(page.contains("alt=\"Réseau Sénégalais de la Santé, in green letters\""));
    let served = new_client().get(app.url(&post)).send().await.expect("sent");
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let bytes = served.bytes().await.expect("a body");
    let decoded = image::load_from_memory(&bytes).expect("an image");
    assert!(decoded.width() <= 400 && decoded.height() <= 400, "resized");
    assert_ne!(bytes.as_ref(), upload.as_slice(), "re-encoded");

    assert_eq!(
        app.call(&stranger, "remove_logo", &[("slug", SLUG)])
            .await
            .status(),
        403
    );
    assert!(succeeded(
        &app.call(&owner, "remove_logo", &[("slug", SLUG)]).await
    ));
    assert!(org(&app, &new_client()).await.logo.is_none());
    assert_eq!(
        new_client()
            .get(app.url(&post))
            .send()
            .await
            .expect("sent")
            .status(),
        404
    );
}
