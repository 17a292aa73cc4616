//! Spotlights: drafted by an organization's admin, published by a moderator, sanitized.

use crate::helpers::{location, new_client, png, spawn_app, succeeded, TestApp};
use reqwest::Client;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_drafts_a_moderator_publishes_and_the_story_reaches_home_list_and_region() {
    let app = spawn_app().await;
    let owner = app.member("owner@example.org", "Owner").await;
    let org = [
        ("org[name]", "Caribbean Nurses Abroad"),
        ("org[kind]", "diaspora"),
        ("org[hq_country]", "JM"),
    ];
    assert!(succeeded(
        &app.call(&owner, "create_organization", &org).await
    ));
    let story = [
        ("spotlight[organization]", "caribbean-nurses-abroad"),
        ("spotlight[title]", "Nurses who came home to teach"),
        ("spotlight[summary]", "How a network of nurses trains the next generation."),
        ("spotlight[body]", "Since **2019** the network has trained 400 nurses.\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1))"),
        ("spotlight[region]", "caribbean"),
    ];
    let stranger = app.member("stranger@example.org", "Stranger").await;
    assert_eq!(
        app.call(&stranger, "draft_spotlight", &story)
            .await
            .status(),
        403,
        "only the organization's admins"
    );
    assert!(succeeded(
        &app.call(&owner, "draft_spotlight", &story).await
    ));
    let slug = "nurses-who-came-home-to-teach";
    assert_eq!(
        new_client()
            .get(app.url(&format!("/spotlights/{slug}")))
            .send()
            .await
            .expect("sent")
            .status(),
        404,
        "a draft is not public"
    );
    assert!(!app
        .page(&new_client(), "/spotlights")
        .await
        .contains("Nurses who came home"));
    assert_eq!(
        app.call(&owner, "publish_spotlight", &[("slug", slug)])
            .await
            .status(),
        403,
        "authors do not publish"
    );
    let moderator = app.member("mod@example.org", "Mod").await;
    app.make_moderator("mod@example.org").await;
    assert!(app
        .page(&moderator, "/moderation")
        .await
        .contains("Nurses who came home to teach"));
    assert!(succeeded(
        &app.call(&moderator, "publish_spotlight", &[("slug", slug)])
            .await
    ));
    let page = app
        .page(&new_client(), &format!("/spotlights/{slug}"))
        .await;
    assert!(page.contains("<strong>2019</strong>"));
    assert!(
        !page.contains("alert('x')") && !page.contains("javascript:alert"),
        "sanitized"
    );
    assert!(
        app.page(&new_client(), "/")
            .await
            .contains("Nurses who came home to teach"),
        "featured on the home page"
    );
    assert!(app
        .page(&new_client(), "/spotlights?region=caribbean")
        .await
        .contains("Nurses who came home to teach"));
    assert!(
        app.page(&new_client(), "/spotlights?region=americas")
            .await
            .contains("Nurses who came home to teach"),
        "a region includes its sub-regions"
    );
    assert!(!app
        .page(&new_client(), "/spotlights?region=western-africa")
        .await
        .contains("Nurses who came home to teach"));
    let region = app.page(&new_client(), "/regions/caribbean").await;
    assert!(
        region.contains("Nurses who came home to teach")
            && region.contains("Caribbean Nurses Abroad")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_region_page_lists_only_members_who_chose_to_be_found() {
    let app = spawn_app().await;
    let open = app.member("open@example.org", "x").await;
    app.save_profile(
        &open,
        "Open Kenyan",
        &[("residence", "KE"), ("visibility", "public")],
    )
    .await;
    let hidden = app.member("hidden@example.org", "x").await;
    app.save_profile(
        &hidden,
        "Hidden Kenyan",
        &[("residence", "KE"), ("visibility", "hidden")],
    )
    .await;
    let private_origin = app.member("origin@example.org", "x").await;
    app.save_profile(
        &private_origin,
        "Private Origin",
        &[
            ("origins[]", "KE"),
            ("origin_visibility", "hidden"),
            ("residence", "FR"),
        ],
    )
    .await;
    let page = app.page(&new_client(), "/regions/eastern-africa").await;
    assert!(page.contains("Open Kenyan"));
    assert!(!page.contains("Hidden Kenyan"));
    assert!(
        !page.contains("Private Origin"),
        "a hidden origin does not place a member in a region"
    );
    assert_eq!(
        new_client()
            .get(app.url("/regions/atlantis"))
            .send()
            .await
            .expect("sent")
            .status(),
        404
    );
}

/// An organization owned by a new member, with one draft; returns the owner and the draft's slug.
async fn with_draft(app: &TestApp) -> (Client, &'static str) {
    let owner = app.member("owner@example.org", "Owner").await;
    let org = [
        ("org[name]", "Pacific Teachers Network"),
        ("org[kind]", "diaspora"),
        ("org[hq_country]", "FJ"),
    ];
    assert!(succeeded(
        &app.call(&owner, "create_organization", &org).await
    ));
    let story = [
        ("spotlight[organization]", "pacific-teachers-network"),
        ("spotlight[title]", "Teachers across the ocean"),
        ("spotlight[summary]", "Remote classes for island schools."),
        ("spotlight[body]", "Every week, 30 classes."),
        ("spotlight[region]", "melanesia"),
    ];
    assert!(succeeded(
        &app.call(&owner, "draft_spotlight", &story).await
    ));
    (owner, "teachers-across-the-ocean")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_gets_an_image_from_its_admins_only_and_readers_see_it_once_published() {
    let app = spawn_app().await;
    let (owner, slug) = with_draft(&app).await;
    let post = format!("/spotlights/{slug}/image");
    let alt = [("alt", "A teacher on a video call with a class")];
    let image_status = |client: Client| {
        let url = app.url(&post);
        async move { client.get(url).send().await.expect("sent").status() }
    };

    let stranger = app.member("stranger@example.org", "Stranger").await;
    let refused = app
        .upload(&stranger, &post, "image", png(50, 50), &alt)
        .await;
    assert_eq!(
        refused.status(),
        404,
        "a stranger cannot even see the draft"
    );
    let anonymous = app
        .upload(&new_client(), &post, "image", png(50, 50), &alt)
        .await;
    assert_eq!(location(&anonymous), "/login");

    let no_alt = app
        .upload(&owner, &post, "image", png(50, 50), &[("alt", "  ")])
        .await;
    assert!(
        location(&no_alt).contains("alt_error=required"),
        "{}",
        location(&no_alt)
    );
    let not_image = app
        .upload(
            &owner,
            &post,
            "image",
            b"%PDF-1.7 not an image".to_vec(),
            &alt,
        )
        .await;
    let back = location(&not_image);
    assert!(back.contains("image_error=not_an_image"), "{back}");
    assert!(
        back.contains("alt=A+teacher+on+a+video+call"),
        "the typing is kept: {back}"
    );
    let form = app.page(&owner, &back).await;
    assert!(form.contains("Choose a JPEG, PNG or WebP image."));
    assert!(form.contains("value=\"A teacher on a video call with a class\""));
    assert_eq!(image_status(owner.clone()).await, 404, "nothing stored");

    let saved = app
        .upload(&owner, &post, "image", png(1600, 800), &alt)
        .await;
    assert!(location(&saved).ends_with("?image=saved#image"));
    let served = owner.get(app.url(&post)).send().await.expect("sent");
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let body = served.bytes().await.expect("bytes");
    let decoded = image::load_from_memory(&body).expect("an image");
    assert_eq!((decoded.width(), decoded.height()), (1200, 600));
    assert_eq!(
        image_status(new_client()).await,
        404,
        "a draft's image is not public"
    );
    assert!(app
        .page(&owner, &format!("/spotlights/{slug}"))
        .await
        .contains("alt=\"A teacher on a video call with a class\""));

    let moderator = app.member("mod@example.org", "Mod").await;
    app.make_moderator("mod@example.org").await;
    assert!(succeeded(
        &app.call(&moderator, "publish_spotlight", &[("slug", slug)])
            .await
    ));
    assert_eq!(image_status(new_client()).await, 200);
    assert!(app
        .page(&new_client(), &format!("/spotlights/{slug}"))
        .await
        .contains(&format!("src=\"/spotlights/{slug}/image\"")));
    let late = app.upload(&owner, &post, "image", png(60, 60), &alt).await;
    assert_eq!(
        late.status(),
        403,
        "a published story's image stays as the moderator saw it"
    );
}

fn story_form<'a>(title: &'a str, summary: &'a str, region: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("spotlight[title]", title),
        ("spotlight[summary]", summary),
        (
            "spotlight[body]",
            "Every week, 30 classes reach schools on six islands.",
        ),
        ("spotlight[region]", region),
    ]
}

async fn update(
    app: &TestApp,
    client: &Client,
    slug: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("slug", slug)];
    all.extend_from_slice(form);
    app.call(client, "update_spotlight", &all).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_edit_a_draft_moderators_a_published_story_and_nobody_else_changes_anything() {
    let app = spawn_app().await;
    let (owner, slug) = with_draft(&app).await;
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let moderator = app.member("mod@example.org", "Mod").await;
    app.make_moderator("mod@example.org").await;
    let before = story_text(&app).await;

    // A bad title is refused beside the field, the typing kept; nothing is written.
    let refused = update(
        &app,
        &owner,
        slug,
        &story_form("Hi", "Remote classes for island schools.", "melanesia"),
    )
    .await;
    match crate::helpers::app_error(refused).await {
        passerelle::domain::AppError::Form(form) => {
            assert_eq!(
                form.issue("title"),
                Some(passerelle::domain::FieldIssue::TooShort { min: 4 })
            );
            assert_eq!(
                form.value("summary"),
                Some("Remote classes for island schools.")
            );
        }
        other => panic!("expected a refused form, got {other:?}"),
    }
    assert_eq!(story_text(&app).await, before);

    let form = story_form(
        "Teachers across the Pacific",
        "Remote classes for island schools, twice a week.",
        "polynesia",
    );
    assert_eq!(update(&app, &new_client(), slug, &form).await.status(), 401);
    assert_eq!(
        update(&app, &stranger, slug, &form).await.status(),
        404,
        "a stranger cannot even read a draft"
    );
    assert_eq!(
        update(&app, &moderator, slug, &form).await.status(),
        403,
        "a draft is its organization's to edit"
    );
    assert_eq!(story_text(&app).await, before, "nothing changed");
    assert!(succeeded(&update(&app, &owner, slug, &form).await));
    let page = app.page(&owner, &format!("/spotlights/{slug}")).await;
    assert!(
        page.contains("Teachers across the Pacific"),
        "the address stays"
    );

    // Published, it is the moderators' to edit; its admins no longer change it.
    assert!(succeeded(
        &app.call(&moderator, "publish_spotlight", &[("slug", slug)])
            .await
    ));
    let later = story_form(
        "Teachers across the whole Pacific",
        "Remote classes for island schools, every day.",
        "polynesia",
    );
    assert_eq!(update(&app, &owner, slug, &later).await.status(), 403);
    assert_eq!(update(&app, &stranger, slug, &later).await.status(), 403);
    assert!(succeeded(&update(&app, &moderator, slug, &later).await));
    assert!(app
        .page(&new_client(), "/regions/polynesia")
        .await
        .contains("Teachers across the whole Pacific"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unpublished_story_leaves_home_list_and_region_at_once_and_can_be_published_again() {
    let app = spawn_app().await;
    let (owner, slug) = with_draft(&app).await;
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let moderator = app.member("mod@example.org", "Mod").await;
    app.make_moderator("mod@example.org").await;
    assert_eq!(
        app.call(&moderator, "unpublish_spotlight", &[("slug", slug)])
            .await
            .status(),
        403,
        "a draft is not published"
    );
    assert!(succeeded(
        &app.call(&moderator, "publish_spotlight", &[("slug", slug)])
            .await
    ));
    let visitor = new_client();
    for path in ["/", "/spotlights", "/regions/melanesia"] {
        assert!(
            app.page(&visitor, path)
                .await
                .contains("Teachers across the ocean"),
            "{path} shows it"
        );
    }
    assert_eq!(
        app.call(&new_client(), "unpublish_spotlight", &[("slug", slug)])
            .await
            .status(),
        401
    );
    assert_eq!(
        app.call(&stranger, "unpublish_spotlight", &[("slug", slug)])
            .await
            .status(),
        403
    );
    assert!(app
        .page(&visitor, "/spotlights")
        .await
        .contains("Teachers across the ocean"));

    // Its organization's admins may take their own story back.
    assert!(succeeded(
        &app.call(&owner, "unpublish_spotlight", &[("slug", slug)])
            .await
    ));
    for path in ["/", "/spotlights", "/regions/melanesia"] {
        assert!(
            !app.page(&visitor, path)
                .await
                .contains("Teachers across the ocean"),
            "{path} no longer shows it, even from the page cache"
        );
    }
    assert_eq!(
        visitor
            .get(app.url(&format!("/spotlights/{slug}")))
            .send()
            .await
            .expect("sent")
            .status(),
        404,
        "a draft again"
    );
    // A draft again: its admins edit it, a moderator publishes it anew.
    assert!(succeeded(
        &update(
            &app,
            &owner,
            slug,
            &story_form(
                "Teachers across the ocean",
                "Remote classes, now in Tonga too.",
                "melanesia"
            ),
        )
        .await
    ));
    assert!(succeeded(
        &app.call(&moderator, "publish_spotlight", &[("slug", slug)])
            .await
    ));
    assert!(app
        .page(&visitor, "/spotlights")
        .await
        .contains("now in Tonga too"));
}

async fn story_text(app: &TestApp) -> (String, String) {
    sqlx::query_as("SELECT title, body_markdown FROM spotlights")
        .fetch_one(&app.db().await)
        .await
        .expect("a story")
}
