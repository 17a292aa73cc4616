//! Freshness over HTTP: "confirmed <month year>", the one-click "still accurate", the
//! reminders and their single-use links, the rank penalty and delisting at 24 months.

use crate::helpers::{app_error, new_client, spawn_app, succeeded, TestApp};
use passerelle::domain::{AppError, MatchReason, Matched, NeedMatches, OrgProfile};
use passerelle::server::db::now;
use passerelle::server::freshness::sweep;
use passerelle::server::introductions::Mailer;
use reqwest::Client;

const DAY: i64 = 24 * 3600;

fn mailer() -> Mailer {
    Mailer {
        public_url: "http://127.0.0.1:0".into(),
        wake: Default::default(),
    }
}

/// Pretends `user`'s profile was last confirmed `days` ago.
async fn age_profile(app: &TestApp, user: i64, days: i64) {
    sqlx::query("UPDATE profiles SET confirmed_at = $1 WHERE user_id = $2")
        .bind(now() - days * DAY)
        .bind(user)
        .execute(&app.db().await)
        .await
        .expect("aged");
}

async fn confirmed_at(app: &TestApp, user: i64) -> i64 {
    sqlx::query_scalar("SELECT confirmed_at FROM profiles WHERE user_id = $1")
        .bind(user)
        .fetch_one(&app.db().await)
        .await
        .expect("a profile")
}

/// The month and year of now, as the English pages write them.
fn this_month() -> String {
    let today = time::OffsetDateTime::now_utc();
    format!("{} {}", today.month(), today.year())
}

fn plain(page: &str) -> String {
    page.replace("<!>", "")
}

async fn organization(app: &TestApp, client: &Client, slug: &str) -> OrgProfile {
    app.call(client, "organization", &[("slug", slug)])
        .await
        .json()
        .await
        .expect("an organization")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_says_when_it_was_confirmed_and_only_its_owner_confirms_it_in_one_click() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[("visibility", "public")])
        .await;
    let id = app.user_id("amina@example.org").await;
    let page = plain(&app.page(&new_client(), &format!("/members/{id}")).await);
    assert!(
        page.contains(&format!("Confirmed {}", this_month())),
        "{page}"
    );
    assert!(
        !page.contains("Still accurate"),
        "only the owner is offered the button"
    );

    age_profile(&app, id, 400).await;
    let mine = plain(&app.page(&amina, &format!("/members/{id}")).await);
    assert!(mine.contains("Still accurate"));
    assert!(mine.contains("ranks lower in matching"), "{mine}");
    let before = confirmed_at(&app, id).await;

    // A visitor has no profile to confirm; a stranger cannot confirm an organization.
    assert_eq!(
        app_error(
            app.call(&new_client(), "still_accurate", &[("organization", "")])
                .await
        )
        .await,
        AppError::Unauthorized
    );
    let owner = app.member("owner@example.org", "Owner").await;
    assert!(succeeded(
        &app.call(
            &owner,
            "create_organization",
            &[
                ("org[name]", "Teachers Abroad"),
                ("org[kind]", "diaspora"),
                ("org[hq_country]", "SN"),
            ],
        )
        .await
    ));
    let stranger = app.member("kofi@example.org", "Kofi").await;
    let refused = app
        .call(
            &stranger,
            "still_accurate",
            &[("organization", "teachers-abroad")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(confirmed_at(&app, id).await, before, "nothing changed");

    assert!(succeeded(
        &app.call(&amina, "still_accurate", &[("organization", "")])
            .await
    ));
    assert!(confirmed_at(&app, id).await >= now() - 60);
    let mine = plain(&app.page(&amina, &format!("/members/{id}")).await);
    assert!(!mine.contains("ranks lower in matching"));

    // An admin confirms the organization; its page says so to anyone.
    sqlx::query("UPDATE organizations SET confirmed_at = $1")
        .bind(now() - 500 * DAY)
        .execute(&app.db().await)
        .await
        .expect("aged");
    assert!(succeeded(
        &app.call(
            &owner,
            "still_accurate",
            &[("organization", "teachers-abroad")]
        )
        .await
    ));
    let org = organization(&app, &new_client(), "teachers-abroad").await;
    assert!(org.confirmed_at >= now() - 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_once_each_with_a_link_that_confirms_once_without_logging_in() {
    let app = spawn_app().await;
    let amina = app.member("amina@example.org", "Amina").await;
    app.save_profile(&amina, "Amina", &[]).await;
    let id = app.user_id("amina@example.org").await;
    let db = app.db().await;
    let t = now();

    assert_eq!(sweep(&db, &mailer(), t).await.expect("swept"), 0);
    age_profile(&app, id, 310).await;
    assert_eq!(sweep(&db, &mailer(), t).await.expect("swept"), 1);
    assert_eq!(
        sweep(&db, &mailer(), t).await.expect("swept"),
        0,
        "a reminder goes once"
    );
    let (subject, body) = app.last_mail("amina@example.org").await.expect("a mail");
    assert_eq!(subject, "Is your Passerelle profile still accurate?");
    assert!(body.contains("30 days"), "{body}");
    // 26 days on (30 days before the year is up), the second reminder, with a new link;
    // the first stops working.
    let first = app
        .link_in_mail("amina@example.org", "/still-accurate/")
        .await
        .expect("a link");
    assert_eq!(sweep(&db, &mailer(), t + 26 * DAY).await.expect("swept"), 1);
    let second = app
        .link_in_mail("amina@example.org", "/still-accurate/")
        .await
        .expect("a link");
    assert_ne!(first, second);
    let token = |link: &str| link.trim_start_matches("/still-accurate/").to_owned();
    assert_eq!(
        app.call(
            &new_client(),
            "still_accurate_by_link",
            &[("token", &token(&first))]
        )
        .await
        .status(),
        404
    );

    // Opened without an account: the page names the profile and asks for one click.
    let visitor = new_client();
    let page = plain(&app.page(&visitor, &second).await);
    assert!(
        page.contains("Your profile") && page.contains("Amina"),
        "{page}"
    );
    assert!(page.contains("Yes, it is still accurate"));
    assert!(
        confirmed_at(&app, id).await < now() - 300 * DAY,
        "opening the link confirms nothing"
    );
    assert!(succeeded(
        &app.call(
            &visitor,
            "still_accurate_by_link",
            &[("token", &token(&second))]
        )
        .await
    ));
    assert!(confirmed_at(&app, id).await >= now() - 60);
    assert_eq!(
        app.call(
            &visitor,
            "still_accurate_by_link",
            &[("token", &token(&second))]
        )
        .await
        .status(),
        404,
        "a link works once"
    );
    let page = plain(&app.page(&visitor, &second).await);
    assert!(page.contains("expired or was already used"), "{page}");
    // Confirmed, the cycle starts over: nothing is due.
    assert_eq!(sweep(&db, &mailer(), now()).await.expect("swept"), 0);
}

/// An organization owned by `owner`, with a need looking for members who work on SDG 4
/// in Mexico; returns the need's id.
async fn need(app: &TestApp, owner: &Client) -> String {
    assert!(succeeded(
        &app.call(
            owner,
            "create_organization",
            &[
                ("org[name]", "Teachers Abroad"),
                ("org[kind]", "diaspora"),
                ("org[hq_country]", "SN"),
            ],
        )
        .await
    ));
    let form = [
        ("need[organization]", "teachers-abroad"),
        ("need[title]", "Mentors for young teachers"),
        (
            "need[description]",
            "We look for teachers of the diaspora to mentor new graduates.",
        ),
        ("need[direction]", "seeking"),
        ("need[types][]", "mentoring"),
        ("need[sdgs][]", "4"),
        ("need[partner_kinds][]", "member"),
        ("need[countries][]", "MX"),
        ("need[deadline]", "2099-12-31"),
    ];
    assert!(succeeded(&app.call(owner, "post_need", &form).await));
    sqlx::query_scalar::<_, i64>("SELECT id FROM needs")
        .fetch_one(&app.db().await)
        .await
        .expect("a need")
        .to_string()
}

fn names(found: &NeedMatches) -> Vec<String> {
    found
        .members
        .iter()
        .map(|m| match &m.who {
            Matched::Member(card) => card.display_name.clone(),
            Matched::Organization(card) => card.name.clone(),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_profile_ranks_lower_with_its_reason_and_leaves_the_directory_after_two_years() {
    let app = spawn_app().await;
    let owner = app.member("owner@example.org", "Owner").await;
    let need = need(&app, &owner).await;
    let same = [
        ("sdgs[]", "4"),
        ("residence", "MX"),
        ("visibility", "public"),
    ];
    let ana = app.member("ana@example.org", "Ana").await;
    app.save_profile(&ana, "Ana", &same).await;
    let bea = app.member("bea@example.org", "Bea").await;
    app.save_profile(&bea, "Bea", &same).await;
    let a = app.user_id("ana@example.org").await;
    let matches = |client: Client| {
        let app = &app;
        let need = need.clone();
        async move {
            app.call(&client, "need_matches", &[("id", &need)])
                .await
                .json::<NeedMatches>()
                .await
                .expect("matches")
        }
    };
    let found = matches(owner.clone()).await;
    assert_eq!(names(&found), ["Ana", "Bea"], "equal scores: by id");

    age_profile(&app, a, 400).await;
    let found = matches(owner.clone()).await;
    assert_eq!(
        names(&found),
        ["Bea", "Ana"],
        "the stale profile ranks lower"
    );
    let stale = &found.members[1];
    assert!(stale.score < found.members[0].score);
    let reason = stale
        .reasons
        .iter()
        .find(|r| matches!(r.reason, MatchReason::NotConfirmedSince(_)))
        .expect("the reason is shown");
    assert!(reason.points < 0.0);
    let page = plain(&app.page(&owner, &format!("/needs/{need}/matches")).await);
    assert!(page.contains("Not confirmed since"), "{page}");

    // At 24 months the owner is told first, and only 15 days on does it leave.
    age_profile(&app, a, 731).await;
    let db = app.db().await;
    assert_eq!(sweep(&db, &mailer(), now()).await.expect("swept"), 1);
    let (subject, _) = app.last_mail("ana@example.org").await.expect("a mail");
    assert_eq!(
        subject,
        "Your Passerelle profile leaves the directory in 15 days"
    );
    let listed = |_: &'static str| {
        let app = &app;
        async move {
            app.members(&new_client(), &[])
                .await
                .items
                .iter()
                .map(|m| m.display_name.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed("").await, ["Ana", "Bea"]);
    assert_eq!(
        sweep(&db, &mailer(), now() + 15 * DAY)
            .await
            .expect("swept"),
        1
    );
    let (subject, _) = app.last_mail("ana@example.org").await.expect("a mail");
    assert_eq!(subject, "Your Passerelle profile has left the directory");
    assert_eq!(listed("").await, ["Bea"], "gone from the directory");
    assert_eq!(
        names(&matches(owner.clone()).await),
        ["Bea"],
        "and from matching"
    );
    // Her page is still hers, and says why; confirming brings her back at once.
    let mine = plain(&app.page(&ana, &format!("/members/{a}")).await);
    assert!(mine.contains("Out of the directory"), "{mine}");
    assert!(succeeded(
        &app.call(&ana, "still_accurate", &[("organization", "")])
            .await
    ));
    assert_eq!(listed("").await, ["Ana", "Bea"]);
    assert_eq!(names(&matches(owner.clone()).await), ["Ana", "Bea"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organization_nobody_confirms_reminds_its_owner_and_leaves_the_directory_until_confirmed(
) {
    let app = spawn_app().await;
    let owner = app.member("owner@example.org", "Owner").await;
    assert!(succeeded(
        &app.call(
            &owner,
            "create_organization",
            &[
                ("org[name]", "Teachers Abroad"),
                ("org[kind]", "diaspora"),
                ("org[hq_country]", "SN"),
            ],
        )
        .await
    ));
    let db = app.db().await;
    sqlx::query("UPDATE organizations SET confirmed_at = $1")
        .bind(now() - 352 * DAY)
        .execute(&db)
        .await
        .expect("aged");
    assert_eq!(sweep(&db, &mailer(), now()).await.expect("swept"), 1);
    let (subject, body) = app.last_mail("owner@example.org").await.expect("a mail");
    assert_eq!(
        subject,
        "Is your organization's page on Passerelle still accurate?"
    );
    assert!(body.contains("/still-accurate/"));

    sqlx::query("UPDATE organizations SET confirmed_at = $1, freshness_notice = 4, freshness_noticed_at = $2")
        .bind(now() - 731 * DAY)
        .bind(now() - 16 * DAY)
        .execute(&db)
        .await
        .expect("aged");
    assert_eq!(sweep(&db, &mailer(), now()).await.expect("swept"), 1);
    let listed: passerelle::domain::DirectoryPage<passerelle::domain::OrgCard> = app
        .call(&new_client(), "organizations", &[("query[page]", "1")])
        .await
        .json()
        .await
        .expect("a page");
    assert_eq!(listed.total, 0, "it left the directory");
    let map: passerelle::domain::WorldMapView = app
        .call(&new_client(), "world_map", &[])
        .await
        .json()
        .await
        .expect("the map");
    assert!(
        map.countries.iter().all(|c| c.count == 0),
        "and the map's counts"
    );
    let org = organization(&app, &owner, "teachers-abroad").await;
    assert_eq!(
        org.standing,
        passerelle::domain::freshness::Standing::Delisted
    );
    // The link of the last notice brings it back, without logging in.
    let link = app
        .link_in_mail("owner@example.org", "/still-accurate/")
        .await
        .expect("a link");
    let token = link.trim_start_matches("/still-accurate/");
    assert!(succeeded(
        &app.call(&new_client(), "still_accurate_by_link", &[("token", token)])
            .await
    ));
    let listed: passerelle::domain::DirectoryPage<passerelle::domain::OrgCard> = app
        .call(&new_client(), "organizations", &[("query[page]", "1")])
        .await
        .json()
        .await
        .expect("a page");
    assert_eq!(listed.total, 1, "back in the directory");
}
