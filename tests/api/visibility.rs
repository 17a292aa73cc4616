//! Consent before contact: what each viewer sees of a profile, in every page, list,
//! count and facet — and that the lists agree with the one-record rule.

use crate::helpers::{new_client, spawn_app, TestApp};
use passerelle::domain::{CurrentUser, Role, Visibility, VisibilitySettings};
use passerelle::server::policy::{Field, ProfileAccess, Viewer};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use reqwest::Client;
use std::collections::{BTreeMap, BTreeSet};

/// The five viewers of the matrix, as HTTP clients, with their policy identity.
struct Viewers {
    anonymous: Client,
    member: Client,
    org_admin: Client,
    moderator: Client,
}

async fn viewers(app: &TestApp) -> Viewers {
    let org_admin = app.member("admin@gov.example", "Liaison").await;
    let form = [
        ("org[name]", "Ministry of Diaspora Affairs"),
        ("org[kind]", "government"),
        ("org[hq_country]", "MX"),
    ];
    assert!(crate::helpers::succeeded(
        &app.call(&org_admin, "create_organization", &form).await
    ));
    let moderator = app.member("mod@example.org", "Moderator").await;
    app.make_moderator("mod@example.org").await;
    Viewers {
        anonymous: new_client(),
        member: app.member("reader@example.org", "Reader").await,
        org_admin,
        moderator,
    }
}

const SETTINGS: [Visibility; 3] = [Visibility::Public, Visibility::Members, Visibility::Hidden];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_viewer_sees_exactly_what_the_owner_allowed_on_every_surface() {
    let app = spawn_app().await;
    let v = viewers(&app).await;
    for profile in SETTINGS {
        for origins in SETTINGS {
            let owner = app
                .member(
                    &format!("o-{}-{}@example.org", profile.code(), origins.code()),
                    "Owner",
                )
                .await;
            let name = format!("Zaynab {}{}", profile.code(), origins.code());
            app.save_profile(
                &owner,
                &name,
                &[
                    ("visibility", profile.code()),
                    ("origin_visibility", origins.code()),
                    ("origins[]", "ER"),
                    ("city", "Asmara-secret-city"),
                    ("city_visibility", "hidden"),
                    ("contact_email", "zaynab-private@example.org"),
                ],
            )
            .await;
            let id = app
                .user_id(&format!(
                    "o-{}-{}@example.org",
                    profile.code(),
                    origins.code()
                ))
                .await;
            let cases: [(&Client, bool, &str); 5] = [
                (&v.anonymous, false, "anonymous"),
                (&v.member, true, "member"),
                (&v.org_admin, true, "government admin"),
                (&v.moderator, true, "moderator"),
                (&owner, true, "owner"),
            ];
            for (client, signed_in, who) in cases {
                let is_owner = who == "owner";
                let sees_profile = is_owner
                    || profile == Visibility::Public
                    || (signed_in && profile == Visibility::Members);
                let listed =
                    profile == Visibility::Public || (signed_in && profile == Visibility::Members);
                let origin_listed = listed
                    && (origins == Visibility::Public
                        || (signed_in && origins == Visibility::Members));
                let sees_origin = is_owner || (sees_profile && origin_listed);
                let context = format!(
                    "{who} viewing profile={} origins={}",
                    profile.code(),
                    origins.code()
                );

                // The profile page.
                let html = app.page(client, &format!("/members/{id}")).await;
                assert_eq!(html.contains(&name), sees_profile, "page: {context}");
                assert_eq!(
                    html.contains("Eritrea"),
                    sees_origin,
                    "origin on page: {context}"
                );
                assert_eq!(
                    html.contains("Asmara-secret-city"),
                    is_owner,
                    "city: {context}"
                );
                assert_eq!(
                    html.contains("zaynab-private@example.org"),
                    is_owner,
                    "contact: {context}"
                );

                // The list, its count, the search, and the origin filter and facet.
                let all = app.members(client, &[("q", &name)]).await;
                assert_eq!(
                    all.items.iter().any(|c| c.id == id),
                    listed,
                    "search: {context}"
                );
                assert_eq!(all.total, i64::from(listed), "count: {context}");
                let by_origin = app.members(client, &[("q", &name), ("origin", "ER")]).await;
                assert_eq!(
                    by_origin.total,
                    i64::from(origin_listed),
                    "origin filter: {context}"
                );
                let facet = all
                    .facets
                    .iter()
                    .find(|f| f.key == "origin")
                    .expect("origin facet");
                let eritrea = facet
                    .values
                    .iter()
                    .find(|c| c.code == "ER")
                    .map_or(0, |c| c.count);
                assert_eq!(eritrea, i64::from(origin_listed), "origin facet: {context}");
                let card = all.items.iter().find(|c| c.id == id);
                if let Some(card) = card {
                    assert_eq!(
                        card.origins.is_some(),
                        origin_listed,
                        "card origins: {context}"
                    );
                }
                // The photo, the open data and the map never carry members.
                let export = app.page(client, "/organizations.json").await;
                assert!(
                    !export.contains(&name) && !export.contains("zaynab-private"),
                    "export: {context}"
                );
            }
        }
    }
}

/// One random member of the consistency test, with what was stored.
struct Stored {
    id: i64,
    name: String,
    settings: VisibilitySettings,
    origins: Vec<&'static str>,
    sector: &'static str,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_list_count_facet_and_order_agrees_with_the_one_record_rule() {
    let app = spawn_app().await;
    let mut rng = StdRng::seed_from_u64(7);
    let countries = ["MX", "GT", "SN", "NG", "IN"];
    let sectors = ["health", "education", "ict"];
    let mut stored = Vec::new();
    for n in 0..36 {
        let email = format!("m{n}@example.org");
        let client = app.member(&email, "x").await;
        let settings = VisibilitySettings {
            profile: *SETTINGS.choose(&mut rng).expect("a setting"),
            origins: *SETTINGS.choose(&mut rng).expect("a setting"),
            city: Visibility::Hidden,
            contact: Visibility::Hidden,
        };
        let how_many = rng.gen_range(1..=2);
        let origins: Vec<&str> = countries
            .choose_multiple(&mut rng, how_many)
            .copied()
            .collect();
        let sector = *sectors.choose(&mut rng).expect("a sector");
        // Names sort differently from ids, so a leak through the order would show.
        let name = format!("Member {:02}", (n * 7) % 36);
        let mut fields = vec![
            ("visibility", settings.profile.code()),
            ("origin_visibility", settings.origins.code()),
            ("sectors[]", sector),
        ];
        fields.extend(origins.iter().map(|o| ("origins[]", *o)));
        app.save_profile(&client, &name, &fields).await;
        stored.push(Stored {
            id: app.user_id(&email).await,
            name,
            settings,
            origins,
            sector,
        });
    }
    let signed_in = app.member("reader@example.org", "Reader").await;
    let reader = Viewer::new(Some(CurrentUser {
        id: -1,
        role: Role::Member,
        display_name: String::new(),
        email: String::new(),
        email_confirmed: true,
        presence: passerelle::domain::Presence::Unlisted,
    }));
    for (client, viewer) in [(new_client(), Viewer::default()), (signed_in, reader)] {
        let access = |s: &Stored| ProfileAccess {
            owner: s.id,
            settings: s.settings,
        };
        let mut filters: Vec<Vec<(&str, &str)>> = vec![vec![]];
        filters.extend(countries.iter().map(|c| vec![("origin", *c)]));
        filters.extend(sectors.iter().map(|s| vec![("sector", *s)]));
        filters.push(vec![("origin", "MX"), ("sector", "health")]);
        for filter in filters {
            let expected: Vec<&Stored> = stored
                .iter()
                .filter(|s| access(s).is_listed(&viewer))
                .filter(|s| {
                    filter.iter().all(|(k, v)| match *k {
                        "origin" => {
                            access(s).field_listed(&viewer, Field::Origins) && s.origins.contains(v)
                        }
                        _ => s.sector == *v,
                    })
                })
                .collect();
            let mut seen = Vec::new();
            let first = app.members(&client, &filter).await;
            for page in 1..=first.pages {
                let mut query = filter.clone();
                let page_number = page.to_string();
                query.push(("page", &page_number));
                seen.extend(app.members(&client, &query).await.items);
            }
            assert_eq!(first.total, expected.len() as i64, "count for {filter:?}");
            let mut expected_order: Vec<(&str, i64)> =
                expected.iter().map(|s| (s.name.as_str(), s.id)).collect();
            expected_order.sort();
            let got: Vec<(&str, i64)> = seen
                .iter()
                .map(|c| (c.display_name.as_str(), c.id))
                .collect();
            assert_eq!(
                got, expected_order,
                "members and their order for {filter:?}"
            );
            // Facet counts: each value counted under the other filters, origins only where listed.
            let others: Vec<&Stored> = stored
                .iter()
                .filter(|s| access(s).is_listed(&viewer))
                .filter(|s| filter.iter().all(|(k, v)| *k == "origin" || s.sector == *v))
                .collect();
            let mut origin_counts: BTreeMap<String, i64> = BTreeMap::new();
            for s in others
                .iter()
                .filter(|s| access(s).field_listed(&viewer, Field::Origins))
            {
                for o in &s.origins {
                    *origin_counts.entry((*o).to_owned()).or_default() += 1;
                }
            }
            let facet: BTreeMap<String, i64> = first
                .facets
                .iter()
                .find(|f| f.key == "origin")
                .expect("origin facet")
                .values
                .iter()
                .map(|v| (v.code.clone(), v.count))
                .collect();
            assert_eq!(facet, origin_counts, "origin facet for {filter:?}");
            let hidden_origin_ids: BTreeSet<i64> = seen
                .iter()
                .filter(|c| c.origins.is_none())
                .map(|c| c.id)
                .collect();
            for s in expected
                .iter()
                .filter(|s| !access(s).field_listed(&viewer, Field::Origins))
            {
                assert!(
                    hidden_origin_ids.contains(&s.id),
                    "card of {} shows origins it should not",
                    s.name
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawling_every_page_and_export_finds_no_private_value() {
    let app = spawn_app().await;
    let secrets = [
        "Hidden Person Qx7",
        "qx7-contact@example.org",
        "Qx7-city",
        "Qx7 biography",
    ];
    let hidden = app.member("hidden@example.org", "Someone").await;
    app.save_profile(
        &hidden,
        "Hidden Person Qx7",
        &[
            ("visibility", "hidden"),
            ("bio", "Qx7 biography"),
            ("contact_email", "qx7-contact@example.org"),
            ("city", "Qx7-city"),
        ],
    )
    .await;
    let open = app.member("open@example.org", "Someone else").await;
    app.save_profile(
        &open,
        "Open Person",
        &[
            ("visibility", "public"),
            ("contact_email", "qx7-contact@example.org"),
            ("contact_visibility", "hidden"),
            ("city", "Qx7-city"),
            ("city_visibility", "hidden"),
        ],
    )
    .await;
    let hidden_id = app.user_id("hidden@example.org").await;
    let open_id = app.user_id("open@example.org").await;
    let form = [
        ("org[name]", "Open Organization"),
        ("org[kind]", "ngo"),
        ("org[hq_country]", "SN"),
    ];
    assert!(crate::helpers::succeeded(
        &app.call(&open, "create_organization", &form).await
    ));
    // The hidden member belongs to the organization: membership must not expose them.
    let add = [
        ("slug", "open-organization"),
        ("email", "hidden@example.org"),
    ];
    assert!(crate::helpers::succeeded(
        &app.call(&open, "invite_member", &add).await
    ));
    let accept = [("slug", "open-organization"), ("decision", "accept")];
    assert!(crate::helpers::succeeded(
        &app.call(&hidden, "answer_invitation", &accept).await
    ));
    let other = app.member("other@example.org", "Other").await;
    for client in [new_client(), other] {
        let mut bodies = Vec::new();
        for path in [
            "/".to_owned(),
            "/members".into(),
            "/members?q=Qx7".into(),
            "/organizations".into(),
            "/organizations/open-organization".into(),
            "/map".into(),
            "/organizations.csv".into(),
            "/organizations.json".into(),
            format!("/members/{hidden_id}"),
            format!("/members/{open_id}"),
            format!("/members/{hidden_id}/photo"),
        ] {
            bodies.push(app.page(&client, &path).await);
        }
        for id in [hidden_id, open_id] {
            bodies.push(
                app.call(&client, "member", &[("id", &id.to_string())])
                    .await
                    .text()
                    .await
                    .expect("body"),
            );
        }
        bodies.push(
            app.call(&client, "members", &[("query[q]", "Qx7")])
                .await
                .text()
                .await
                .expect("body"),
        );
        bodies.push(
            app.call(&client, "organization", &[("slug", "open-organization")])
                .await
                .text()
                .await
                .expect("body"),
        );
        for body in &bodies {
            for secret in secrets {
                assert!(!body.contains(secret), "{secret} leaked");
            }
        }
    }
}
