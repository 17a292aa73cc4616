//! Partnership needs and matches over HTTP, and the ranking against a brute-force one.

use crate::helpers::{app_error, new_client, spawn_app, succeeded, TestApp};
use passerelle::domain::{
    AppError, DirectoryPage, FieldIssue, Inbox, Introduction, MatchReason, Matched, NeedCard,
    NeedDeletion, NeedMatch, NeedMatches, NeedStatus, Place,
};
use passerelle::server::db::sql::ListValue;
use passerelle::server::matching::index::{MatchIndex, Side};
use passerelle::server::matching::{self, score, TOP};
use passerelle::server::policy::Viewer;
use reqwest::Client;

/// An organization of `kind` owned by a new account; returns the owner.
async fn org_owner(app: &TestApp, email: &str, name: &str, kind: &str) -> Client {
    let owner = app.member(email, "Owner").await;
    let form = [
        ("org[name]", name),
        ("org[kind]", kind),
        ("org[hq_country]", "SN"),
        ("org[countries][]", "MX"),
        ("org[sdgs][]", "4"),
    ];
    assert!(succeeded(
        &app.call(&owner, "create_organization", &form).await
    ));
    owner
}

/// A need form; `fields` are added after the defaults (lists) or replace them.
fn need_form<'a>(org: &'a str, fields: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    let mut form: Vec<(&str, &str)> = vec![
        ("organization", org),
        ("title", "Mentors for young teachers"),
        (
            "description",
            "We look for teachers of the diaspora to mentor new graduates in Mexico.",
        ),
        ("direction", "seeking"),
        ("types[]", "mentoring"),
        ("sdgs[]", "4"),
        ("partner_kinds[]", "member"),
        ("countries[]", "MX"),
        ("deadline", "2099-12-31"),
    ];
    for (key, value) in fields {
        if !key.ends_with("[]") {
            form.retain(|(k, _)| k != key);
        }
        form.push((key, value));
    }
    form.into_iter()
        .map(|(k, v)| match k.strip_suffix("[]") {
            Some(list) => (format!("need[{list}][]"), v.to_owned()),
            None => (format!("need[{k}]"), v.to_owned()),
        })
        .collect()
}

async fn post(app: &TestApp, client: &Client, form: &[(String, String)]) -> reqwest::Response {
    app.call_owned(client, "post_need", form).await
}

async fn need_ids(app: &TestApp) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM needs ORDER BY id")
        .fetch_all(&app.db().await)
        .await
        .expect("needs")
}

async fn list(app: &TestApp, query: &[(&str, &str)]) -> DirectoryPage<NeedCard> {
    let form: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (format!("query[{k}]"), (*v).to_owned()))
        .chain([("query[page]".to_owned(), "1".to_owned())])
        .collect();
    app.call_owned(&new_client(), "needs", &form)
        .await
        .json()
        .await
        .expect("a page of needs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_admin_posts_and_bad_input_is_refused_field_by_field_with_nothing_saved() {
    let app = spawn_app().await;
    let owner = org_owner(&app, "owner@example.org", "Teachers Abroad", "diaspora").await;
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let form = need_form("teachers-abroad", &[]);
    assert_eq!(post(&app, &stranger, &form).await.status(), 403);
    assert_eq!(post(&app, &new_client(), &form).await.status(), 401);

    let bad = need_form(
        "teachers-abroad",
        &[
            ("title", "Hi"),
            ("deadline", "2001-01-01"),
            ("partner_kinds[]", ""),
        ],
    );
    let bad: Vec<(String, String)> = bad
        .into_iter()
        .filter(|(k, v)| !(k == "need[sdgs][]" || (k == "need[partner_kinds][]" && v == "member")))
        .collect();
    let AppError::Form(errors) = app_error(post(&app, &owner, &bad).await).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("title"), Some(FieldIssue::TooShort { min: 5 }));
    assert_eq!(errors.issue("deadline"), Some(FieldIssue::DateNotInFuture));
    assert_eq!(errors.issue("sdgs"), Some(FieldIssue::Required));
    assert_eq!(errors.issue("partner_kinds"), Some(FieldIssue::Required));
    assert_eq!(
        errors.value("description"),
        Some("We look for teachers of the diaspora to mentor new graduates in Mexico.")
    );
    assert!(need_ids(&app).await.is_empty(), "nothing half-written");

    assert!(succeeded(&post(&app, &owner, &form).await));
    assert_eq!(need_ids(&app).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_government_body_posts_needs_only_once_verified() {
    let app = spawn_app().await;
    let owner = org_owner(
        &app,
        "gov@example.org",
        "Ministry of Diaspora Affairs",
        "government",
    )
    .await;
    let form = need_form("ministry-of-diaspora-affairs", &[]);
    let AppError::Form(errors) = app_error(post(&app, &owner, &form).await).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("organization"), Some(FieldIssue::NotVerified));
    assert!(need_ids(&app).await.is_empty());
    sqlx::query("UPDATE organizations SET verification = 'verified'")
        .execute(&app.db().await)
        .await
        .expect("verified");
    assert!(succeeded(&post(&app, &owner, &form).await));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_filters_like_the_directory_hides_drafts_and_closes_past_deadlines() {
    let app = spawn_app().await;
    let owner = org_owner(&app, "owner@example.org", "Teachers Abroad", "diaspora").await;
    let org = "teachers-abroad";
    for form in [
        need_form(org, &[]),
        need_form(
            org,
            &[
                ("title", "Funding for school kitchens"),
                ("types[]", "funding"),
                ("sdgs[]", "2"),
            ],
        ),
        need_form(
            org,
            &[("title", "A draft nobody sees"), ("status", "draft")],
        ),
    ] {
        assert!(succeeded(&post(&app, &owner, &form).await));
    }
    let open = list(&app, &[]).await;
    assert_eq!(open.total, 2, "drafts are not listed");
    assert!(!open.items.iter().any(|n| n.title.contains("draft")));
    let funding = list(&app, &[("type", "funding")]).await;
    assert_eq!(funding.items.len(), 1);
    assert_eq!(funding.items[0].title, "Funding for school kitchens");
    let type_facet = funding
        .facets
        .iter()
        .find(|f| f.key == "type")
        .expect("a type facet");
    assert!(type_facet
        .values
        .iter()
        .any(|v| v.code == "mentoring" && v.count == 2));
    assert_eq!(list(&app, &[("sdg", "2")]).await.total, 1);
    assert_eq!(list(&app, &[("q", "kitchens")]).await.total, 1);
    assert_eq!(
        list(&app, &[("country", "MX"), ("kind", "member")])
            .await
            .total,
        2
    );

    // A need whose deadline passed reads expired, at once.
    sqlx::query("UPDATE needs SET deadline = '2020-01-01' WHERE title LIKE 'Funding%'")
        .execute(&app.db().await)
        .await
        .expect("updated");
    assert_eq!(list(&app, &[]).await.total, 1);
    let expired = list(&app, &[("status", "expired")]).await;
    assert_eq!(expired.items[0].title, "Funding for school kitchens");
    let draft_id = sqlx::query_scalar::<_, i64>("SELECT id FROM needs WHERE status = 'draft'")
        .fetch_one(&app.db().await)
        .await
        .expect("a draft");
    let draft = new_client()
        .get(app.url(&format!("/needs/{draft_id}")))
        .send()
        .await
        .expect("sent");
    assert_eq!(draft.status(), 404);
}

/// A member with a public profile; `fields` as in `profile_form`.
async fn profile(app: &TestApp, email: &str, name: &str, fields: &[(&str, &str)]) -> Client {
    let client = app.member(email, name).await;
    app.save_profile(&client, name, fields).await;
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matches_are_explained_ranked_and_respect_every_visibility_choice() {
    let app = spawn_app().await;
    let owner = org_owner(&app, "owner@example.org", "Teachers Abroad", "diaspora").await;
    let form = need_form(
        "teachers-abroad",
        &[
            ("languages[]", "es"),
            ("sectors[]", "education"),
            ("partner_kinds[]", "ngo"),
        ],
    );
    assert!(succeeded(&post(&app, &owner, &form).await));
    let id = need_ids(&app).await[0];
    let strong = [
        ("sdgs[]", "4"),
        ("sectors[]", "education"),
        ("languages[]", "es"),
        ("offers[]", "mentoring"),
        ("residence", "MX"),
        ("bio", "A teacher who mentors graduates."),
    ];
    let ana_client = profile(&app, "ana@example.org", "Ana Strong", &strong).await;
    profile(&app, "bea@example.org", "Bea Weak", &[("sdgs[]", "4")]).await;
    let hilda = profile(
        &app,
        "hid@example.org",
        "Hidden Hilda",
        &[
            ("visibility", "hidden"),
            ("sdgs[]", "4"),
            ("residence", "MX"),
        ],
    )
    .await;
    profile(
        &app,
        "mem@example.org",
        "Members Only Mo",
        &[("visibility", "members"), ("sdgs[]", "4")],
    )
    .await;
    profile(
        &app,
        "ori@example.org",
        "Private Origin Oz",
        &[
            ("sdgs[]", "4"),
            ("origins[]", "MX"),
            ("origin_visibility", "hidden"),
        ],
    )
    .await;
    profile(
        &app,
        "none@example.org",
        "Nothing In Common",
        &[("sdgs[]", "13")],
    )
    .await;
    org_owner(&app, "ngo@example.org", "Schools Without Borders", "ngo").await;
    org_owner(&app, "biz@example.org", "Textbook Ventures", "private").await;

    let found: NeedMatches = app
        .call(&owner, "need_matches", &[("id", &id.to_string())])
        .await
        .json()
        .await
        .expect("matches");
    let names: Vec<String> = found
        .members
        .iter()
        .map(|m| match &m.who {
            Matched::Member(card) => card.display_name.clone(),
            Matched::Organization(card) => card.name.clone(),
        })
        .collect();
    assert_eq!(
        names.first().map(String::as_str),
        Some("Ana Strong"),
        "{names:?}"
    );
    assert!(
        names.contains(&"Members Only Mo".to_owned()),
        "a signed-in viewer sees members-only profiles"
    );
    assert!(
        !names.contains(&"Hidden Hilda".to_owned()),
        "a hidden profile is never a match"
    );
    assert!(!names.contains(&"Nothing In Common".to_owned()));
    let scores: Vec<u8> = found.members.iter().map(|m| m.score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
    let ana = &found.members[0];
    assert!(ana
        .reasons
        .iter()
        .any(|r| matches!(&r.reason, MatchReason::Sdg(s) if s.number() == 4)));
    assert!(ana.reasons.iter().any(|r| matches!(&r.reason, MatchReason::Country { country, place: Place::Residence } if country.code == "MX")));
    assert!(ana
        .reasons
        .iter()
        .any(|r| matches!(&r.reason, MatchReason::Language(l) if l.code == "es")));
    let oz = found
        .members
        .iter()
        .find(|m| matches!(&m.who, Matched::Member(c) if c.display_name == "Private Origin Oz"))
        .expect("Oz matches on the SDG");
    assert!(
        !oz.reasons
            .iter()
            .any(|r| matches!(r.reason, MatchReason::Country { .. })),
        "a hidden origin neither counts nor shows"
    );
    let orgs: Vec<String> = found
        .organizations
        .iter()
        .map(|m| match &m.who {
            Matched::Organization(card) => card.name.clone(),
            Matched::Member(card) => card.display_name.clone(),
        })
        .collect();
    assert_eq!(
        orgs,
        ["Schools Without Borders"],
        "the partner kind is a hard filter"
    );

    // Only the need's organization sees its matches.
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let id = id.to_string();
    assert_eq!(
        app.call(&stranger, "need_matches", &[("id", &id)])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call(&new_client(), "need_matches", &[("id", &id)])
            .await
            .status(),
        401
    );
    let page = app.page(&owner, &format!("/needs/{id}/matches")).await;
    let at = page.find("Ana Strong").unwrap_or(0);
    let excerpt: String = page[at..].chars().take(3000).collect();
    assert!(
        page.contains("Ana Strong")
            && page.contains("español (Spanish)")
            && page.contains("4 — Quality education")
            && !page.contains("Hidden Hilda"),
        "{excerpt}"
    );

    // The other way round: Ana sees the need, explained.
    let mine: Vec<NeedMatch> = app
        .call(&ana_client, "my_matches", &[])
        .await
        .json()
        .await
        .expect("needs");
    assert_eq!(mine.len(), 1);
    assert!(mine[0].score >= found.members[0].score.saturating_sub(10));
    let none: Vec<NeedMatch> = app
        .call(&hilda, "my_matches", &[])
        .await
        .json()
        .await
        .expect("needs");
    assert!(none.is_empty(), "a hidden profile is matched with nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ranked_top_ten_equals_a_brute_force_ranking_of_the_same_candidates() {
    let app = spawn_app().await;
    let owner = org_owner(&app, "owner@example.org", "Teachers Abroad", "diaspora").await;
    let form = need_form(
        "teachers-abroad",
        &[
            ("sdgs[]", "5"),
            ("sectors[]", "education"),
            ("languages[]", "fr"),
            ("types[]", "expertise"),
        ],
    );
    assert!(succeeded(&post(&app, &owner, &form).await));
    let need_id = need_ids(&app).await[0];
    let pool = app.db().await;
    // 80 members with pseudo-random overlaps and bios, written straight to the database.
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for i in 0..80i64 {
        let user: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at, updated_at)
             VALUES ($1, $2, 'x', 0, 0) RETURNING id",
        )
        .bind(format!("m{i}@example.org"))
        .bind(format!("Member {i}"))
        .fetch_one(&pool)
        .await
        .expect("a user");
        let words = [
            "teachers",
            "mentor",
            "graduates",
            "Mexico",
            "engineer",
            "farming",
            "nurse",
            "coding",
            "banking",
            "housing",
            "theatre",
            "forestry",
            "fishing",
            "surgery",
            "law",
            "design",
            "music",
            "tourism",
            "mining",
            "textiles",
        ];
        let bio = format!("{} {}", words[next(20) as usize], words[next(20) as usize]);
        let residence = ["MX", "FR", "SN", "US"][next(4) as usize];
        sqlx::query(
            "INSERT INTO profiles (user_id, bio, residence, visibility, origin_visibility, updated_at)
             VALUES ($1, $2, $3, $4, $5, 0)",
        )
        .bind(user)
        .bind(bio)
        .bind(residence)
        .bind(1 + (next(2) as i64))
        .bind(next(3) as i64)
        .execute(&pool)
        .await
        .expect("a profile");
        for (table, column, values) in [
            ("profile_sdgs", "sdg", vec!["4", "5", "13"]),
            ("profile_sectors", "sector", vec!["education", "health"]),
            ("profile_languages", "language", vec!["fr", "es", "en"]),
            ("profile_offers", "offer", vec!["mentoring", "expertise"]),
            ("profile_origins", "country", vec!["MX", "SN"]),
        ] {
            for value in values {
                let value = match value.parse::<i64>() {
                    Ok(n) if column == "sdg" => ListValue::Number(n),
                    _ => ListValue::Code(value.to_owned()),
                };
                if next(2) == 0 {
                    sqlx::query(&format!(
                        "INSERT INTO {table} (user_id, {column}) VALUES ($1, $2)"
                    ))
                    .bind(user)
                    .bind(value)
                    .execute(&pool)
                    .await
                    .expect("a list value");
                }
            }
        }
    }
    let index = MatchIndex::default();
    let owner_id = app.user_id("owner@example.org").await;
    let viewer = Viewer::new(Some(passerelle::domain::CurrentUser {
        id: owner_id,
        display_name: "Owner".into(),
        email: "owner@example.org".into(),
        role: passerelle::domain::Role::Member,
        email_confirmed: true,
        presence: passerelle::domain::Presence::Unlisted,
    }));
    let need = passerelle::server::needs::matches::need_ask(&pool, need_id)
        .await
        .expect("the need");
    let ranked = matching::partners(&pool, &index, &need, &viewer, Side::Members, TOP)
        .await
        .expect("ranked");

    let everyone = matching::eligible(&index, &need, &viewer, Side::Members);
    let relevance = matching::text_relevance(&pool, &index, Side::Members, &need.text)
        .await
        .expect("text");
    let mut brute: Vec<(i64, f64)> = everyone
        .iter()
        .map(|(id, c, seen)| {
            let s = score::with_text(
                score::score(&need.ask, c, *seen),
                relevance.get(id).copied().unwrap_or(0.0),
            );
            (*id, s.points)
        })
        .collect();
    brute.sort_by(|a, b| score::ranked((a.1, a.0), (b.1, b.0)));
    brute.truncate(TOP);
    assert!(
        everyone.len() > TOP,
        "enough candidates to rank: {}",
        everyone.len()
    );
    assert!(relevance.len() > 1, "text relevance takes part");
    let got: Vec<(i64, f64)> = ranked.iter().map(|(id, s)| (*id, s.points)).collect();
    assert_eq!(got, brute);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rare_shared_word_counts_for_as_much_text_on_either_backend() {
    let app = spawn_app().await;
    let pool = app.db().await;
    // 40 listed members; one bio shares a rare word with the need's text.
    for i in 0..40i64 {
        let user: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at, updated_at)
             VALUES ($1, $2, 'x', 0, 0) RETURNING id",
        )
        .bind(format!("m{i}@example.org"))
        .bind(format!("Member {i}"))
        .fetch_one(&pool)
        .await
        .expect("a user");
        let bio = if i == 7 {
            "Logistics for cooperatives around Zanzibar and the coast"
        } else {
            "Logistics for cooperatives around the coast"
        };
        sqlx::query(
            "INSERT INTO profiles (user_id, bio, visibility, updated_at) VALUES ($1, $2, 2, 0)",
        )
        .bind(user)
        .bind(bio)
        .execute(&pool)
        .await
        .expect("a profile");
    }
    let index = MatchIndex::default();
    index.refresh(&pool).await.expect("the index");
    let relevance = matching::text_relevance(
        &pool,
        &index,
        Side::Members,
        "Partners near Zanzibar wanted",
    )
    .await
    .expect("text");

    // bm25 gives one occurrence of a word found in 1 of 40 records about its idf (more in
    // a short text, at most 2.2 times); PostgreSQL must weigh it the same way.
    let idf = passerelle::server::db::search::idf(40, 1);
    assert_eq!(
        relevance.len(),
        1,
        "only the member who wrote it: {relevance:?}"
    );
    let r = relevance.values().copied().next().unwrap_or_default();
    assert!(
        (0.6 * idf..=2.2 * idf).contains(&r),
        "relevance {r:.2} for an idf of {idf:.2}"
    );
}

async fn my_matches(app: &TestApp, client: &Client) -> Vec<String> {
    let found: Vec<NeedMatch> = app
        .call(client, "my_matches", &[])
        .await
        .json()
        .await
        .expect("matches");
    found.into_iter().map(|m| m.need.title).collect()
}

async fn sent(app: &TestApp, client: &Client) -> Introduction {
    let inbox: Inbox = app
        .call(client, "inbox", &[])
        .await
        .json()
        .await
        .expect("an inbox");
    inbox.sent.into_iter().next().expect("a request sent")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_edits_closes_reopens_and_deletes_a_need_and_its_introductions_say_so() {
    let app = spawn_app().await;
    let owner = org_owner(&app, "owner@example.org", "Teachers Abroad", "diaspora").await;
    assert!(succeeded(
        &post(&app, &owner, &need_form("teachers-abroad", &[])).await
    ));
    let id = need_ids(&app).await[0].to_string();
    let stranger = app.member("stranger@example.org", "Stranger").await;
    let mentor = profile(
        &app,
        "mentor@example.org",
        "Mentor",
        &[
            ("sdgs[]", "4"),
            ("residence", "MX"),
            ("offers[]", "mentoring"),
        ],
    )
    .await;
    assert_eq!(
        my_matches(&app, &mentor).await,
        ["Mentors for young teachers"]
    );
    let about = id.clone();
    let asked = app
        .call(
            &mentor,
            "send_introduction",
            &[
                ("intro[to]", "org:teachers-abroad"),
                ("intro[need]", &about),
                (
                    "intro[message]",
                    "I mentor new teachers in Puebla and would like to help.",
                ),
            ],
        )
        .await;
    assert!(succeeded(&asked), "{}", asked.status());

    // Editing: only its organization's admins; a refusal keeps the typing, saves nothing.
    let edit = |title: &'static str, deadline: &'static str| {
        let mut form = need_form(
            "teachers-abroad",
            &[("title", title), ("deadline", deadline)],
        );
        form.retain(|(k, _)| k != "need[organization]");
        form.push(("id".to_owned(), id.clone()));
        form
    };
    let renamed = edit("Mentors for teachers in Puebla", "2099-12-31");
    assert_eq!(
        app.call_owned(&stranger, "update_need", &renamed)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.call_owned(&new_client(), "update_need", &renamed)
            .await
            .status(),
        401
    );
    let AppError::Form(errors) = app_error(
        app.call_owned(&owner, "update_need", &edit("Hi", "2001-01-01"))
            .await,
    )
    .await
    else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("title"), Some(FieldIssue::TooShort { min: 5 }));
    assert_eq!(errors.issue("deadline"), Some(FieldIssue::DateNotInFuture));
    assert_eq!(errors.value("title"), Some("Hi"));
    assert_eq!(
        list(&app, &[]).await.items[0].title,
        "Mentors for young teachers"
    );
    assert!(succeeded(
        &app.call_owned(&owner, "update_need", &renamed).await
    ));
    // The directory, its search and the matcher read the new title on the next request.
    assert_eq!(list(&app, &[("q", "puebla")]).await.total, 1);
    assert_eq!(
        my_matches(&app, &mentor).await,
        ["Mentors for teachers in Puebla"]
    );

    // Closing: it leaves the list, its facet counts and the matches at once.
    let status = |s: &'static str| {
        vec![
            ("id".to_owned(), id.clone()),
            ("status".to_owned(), s.to_owned()),
        ]
    };
    assert_eq!(
        app.call_owned(&stranger, "set_need_status", &status("withdrawn"))
            .await
            .status(),
        403
    );
    assert_eq!(
        app_error(
            app.call_owned(&owner, "set_need_status", &status("expired"))
                .await
        )
        .await,
        AppError::Form(
            passerelle::domain::FormErrors::default().field("status", FieldIssue::InvalidChoice)
        ),
        "only the clock expires a need"
    );
    assert!(succeeded(
        &app.call_owned(&owner, "set_need_status", &status("fulfilled"))
            .await
    ));
    let open = list(&app, &[]).await;
    assert_eq!(open.total, 0);
    assert!(
        open.facets
            .iter()
            .all(|f| f.key == "status" || f.values.is_empty()),
        "{:?}",
        open.facets
    );
    assert_eq!(list(&app, &[("status", "fulfilled")]).await.total, 1);
    assert!(my_matches(&app, &mentor).await.is_empty());
    let intro = sent(&app, &mentor).await;
    assert_eq!(intro.need.map(|n| n.status), Some(NeedStatus::Fulfilled));
    // What a reader sees, without the markers hydration leaves between text pieces.
    let inbox = app.page(&mentor, "/inbox").await.replace("<!>", "");
    assert!(
        inbox.contains("This need is now closed: Fulfilled."),
        "{inbox}"
    );
    // A closed need takes no new answer.
    let again = app
        .call(
            &stranger,
            "send_introduction",
            &[
                ("intro[to]", "org:teachers-abroad"),
                ("intro[need]", &about),
                (
                    "intro[message]",
                    "Is this still open? I would like to help you.",
                ),
            ],
        )
        .await;
    let AppError::Form(errors) = app_error(again).await else {
        panic!("a form error")
    };
    assert_eq!(errors.issue("need"), Some(FieldIssue::InvalidChoice));

    // Reopening brings it back everywhere.
    assert!(succeeded(
        &app.call_owned(&owner, "set_need_status", &status("open"))
            .await
    ));
    assert_eq!(list(&app, &[]).await.total, 1);
    assert_eq!(my_matches(&app, &mentor).await.len(), 1);

    // Deleting: the confirmation says what goes; then nothing of it is left but the
    // title its introduction kept.
    let ask = vec![("id".to_owned(), id.clone())];
    assert_eq!(
        app.call_owned(&stranger, "need_to_delete", &ask)
            .await
            .status(),
        403
    );
    let deletion: NeedDeletion = app
        .call_owned(&owner, "need_to_delete", &ask)
        .await
        .json()
        .await
        .expect("what goes");
    assert_eq!(deletion.introductions, 1);
    assert_eq!(
        app.call_owned(&stranger, "delete_need", &ask)
            .await
            .status(),
        403
    );
    assert!(succeeded(
        &app.call_owned(&owner, "delete_need", &ask).await
    ));
    assert!(need_ids(&app).await.is_empty());
    let db = app.db().await;
    for table in [
        "need_types",
        "need_sdgs",
        "need_countries",
        "need_partner_kinds",
    ] {
        let left: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db)
            .await
            .expect("counted");
        assert_eq!(left, 0, "{table}");
    }
    assert_eq!(list(&app, &[("q", "puebla")]).await.total, 0);
    assert!(my_matches(&app, &mentor).await.is_empty());
    let intro = sent(&app, &mentor).await;
    assert_eq!(intro.need, None);
    assert_eq!(
        intro.need_deleted.as_deref(),
        Some("Mentors for teachers in Puebla")
    );
    let inbox = app.page(&owner, "/inbox").await.replace("<!>", "");
    assert!(
        inbox.contains(
            "“Mentors for teachers in Puebla”, a need since deleted by its organization."
        ),
        "the organization's inbox still says what the request was about: {inbox}"
    );
    assert_eq!(
        new_client()
            .get(app.url(&format!("/needs/{id}")))
            .send()
            .await
            .expect("sent")
            .status(),
        404
    );
}
