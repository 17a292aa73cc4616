//! The authorization matrix (docs/authorization.md): every server function and every
//! route, called over HTTP as each kind of person, answers what the table says; a
//! server function or page route without a row fails the test.

use crate::helpers::{new_client, spawn_app, succeeded, TestApp, PASSWORD};
use reqwest::header::LOCATION;
use reqwest::{Client, Response, StatusCode};
use std::collections::{BTreeMap, BTreeSet};

const MATRIX: &str = include_str!("../../docs/authorization.md");

/// The columns, in the table's order.
const ROLES: [&str; 9] = [
    "anon",
    "unconf",
    "member",
    "org-member",
    "org-admin",
    "owner",
    "liaison",
    "moderator",
    "admin",
];

/// One row: what is called, with what, and the answer expected for each role.
struct Row {
    target: String,
    input: String,
    expected: Vec<String>,
}

/// The rows of the table under `heading`.
fn table(heading: &str) -> Vec<Row> {
    let section = MATRIX
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/authorization.md has no section {heading}"));
    section
        .lines()
        .filter(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|cells| {
            !cells[0].starts_with("---") && !["Function", "Route"].contains(&cells[0].as_str())
        })
        .map(|cells| {
            assert_eq!(
                cells.len(),
                2 + ROLES.len(),
                "a row of {heading} has {} cells: {cells:?}",
                cells.len()
            );
            Row {
                target: cells[0].clone(),
                input: cells[1].clone(),
                expected: cells[2..].to_vec(),
            }
        })
        .collect()
}

/// The people and the things they act on.
struct World {
    app: TestApp,
    /// A signed-in client for every role but `anon`.
    clients: BTreeMap<&'static str, Client>,
    values: Vec<(&'static str, String)>,
}

impl World {
    fn client(&self, role: &str) -> Client {
        self.clients.get(role).cloned().unwrap_or_else(new_client)
    }

    fn fill(&self, text: &str, role: &str) -> String {
        let mut text = text.replace("{role}", role);
        for (name, value) in &self.values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

async fn ok(response: Response, what: &str) -> Response {
    let status = response.status();
    if !succeeded(&response) {
        panic!(
            "{what}: {status} {}",
            response.text().await.unwrap_or_default()
        );
    }
    response
}

async fn world() -> World {
    let app = spawn_app().await;
    let mut clients = BTreeMap::new();
    for role in &ROLES[2..] {
        clients.insert(
            *role,
            app.member(&format!("{role}@example.org"), role).await,
        );
    }
    let unconfirmed = new_client();
    ok(
        app.register(&unconfirmed, "unconf@example.org", "Unconfirmed")
            .await,
        "register",
    )
    .await;
    ok(
        app.log_in(&unconfirmed, "unconf@example.org", PASSWORD)
            .await,
        "log in",
    )
    .await;
    clients.insert("unconf", unconfirmed);
    app.make_moderator("moderator@example.org").await;
    sqlx::query("UPDATE users SET role = 'admin' WHERE email = 'admin@example.org'")
        .execute(&app.db().await)
        .await
        .expect("an admin");
    let as_role = |role: &str| clients[role].clone();

    let (org, gov) = ("fixture-health-network", "ministry-of-diaspora-affairs");
    for (who, name, kind) in [
        ("owner", "Fixture Health Network", "ngo"),
        ("liaison", "Ministry of Diaspora Affairs", "government"),
    ] {
        let form = [
            ("org[name]", name),
            ("org[kind]", kind),
            ("org[hq_country]", "SN"),
            ("org[sdgs][]", "3"),
        ];
        ok(
            app.call(&as_role(who), "create_organization", &form).await,
            "an organization",
        )
        .await;
    }
    for (who, role) in [("org-admin", "admin"), ("org-member", "member")] {
        ok(
            app.call(&as_role(who), "join_organization", &[("slug", org)])
                .await,
            "join",
        )
        .await;
        let id = app.user_id(&format!("{who}@example.org")).await.to_string();
        let approve = [("slug", org), ("user_id", &id), ("decision", "approve")];
        ok(
            app.call(&as_role("owner"), "answer_join", &approve).await,
            "approve",
        )
        .await;
        if role == "admin" {
            let promote = [("slug", org), ("user_id", &id), ("role", "admin")];
            ok(
                app.call(&as_role("owner"), "set_member_role", &promote)
                    .await,
                "promote",
            )
            .await;
        }
    }
    for (who, slug) in [("owner", org), ("liaison", gov)] {
        ok(
            app.call(&as_role(who), "request_verification", &[("slug", slug)])
                .await,
            "ask",
        )
        .await;
        let approve = [
            ("slug", slug),
            ("decision", "approve"),
            ("note", "Checked the registry."),
        ];
        ok(
            app.call(&as_role("moderator"), "decide_verification", &approve)
                .await,
            "verify",
        )
        .await;
    }
    let need = [
        ("need[organization]", org),
        ("need[title]", "Nurses to train rural midwives"),
        (
            "need[description]",
            "We look for nurses of the diaspora to train midwives in Senegal.",
        ),
        ("need[direction]", "seeking"),
        ("need[types][]", "mentoring"),
        ("need[sdgs][]", "3"),
        ("need[partner_kinds][]", "member"),
        ("need[countries][]", "SN"),
        ("need[deadline]", "2099-12-31"),
    ];
    ok(
        app.call(&as_role("owner"), "post_need", &need).await,
        "a need",
    )
    .await;
    let need_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM needs")
        .fetch_one(&app.db().await)
        .await
        .expect("the need");
    app.save_profile(
        &as_role("member"),
        "Mariama Member",
        &[("visibility", "public")],
    )
    .await;
    for (title, publish) in [
        ("Midwives who came home", true),
        ("A story still in draft", false),
    ] {
        let story = [
            ("spotlight[organization]", org),
            ("spotlight[title]", title),
            (
                "spotlight[summary]",
                "How a network trains the next generation.",
            ),
            (
                "spotlight[body]",
                "Since 2019 the network has trained 400 midwives.",
            ),
            ("spotlight[region]", "western-africa"),
        ];
        ok(
            app.call(&as_role("owner"), "draft_spotlight", &story).await,
            "a story",
        )
        .await;
        if publish {
            let slug = [("slug", "midwives-who-came-home")];
            ok(
                app.call(&as_role("moderator"), "publish_spotlight", &slug)
                    .await,
                "publish",
            )
            .await;
        }
    }
    let intro = [
        ("intro[to]", format!("org:{org}")),
        ("intro[need]", need_id.to_string()),
        ("intro[from_org]", gov.to_owned()),
        (
            "intro[message]",
            "The ministry would like to support this programme.".to_owned(),
        ),
    ];
    let pairs: Vec<(&str, &str)> = intro.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(
        app.call(&as_role("liaison"), "send_introduction", &pairs)
            .await,
        "an introduction",
    )
    .await;
    let intro_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM introductions")
        .fetch_one(&app.db().await)
        .await
        .expect("the introduction");
    let member_id = app.user_id("member@example.org").await;
    // The liaison, for the ministry, also asked the member, who accepted: its follow-up
    // belongs to the two of them.
    let to_member = [
        ("intro[to]", format!("member:{member_id}")),
        ("intro[need]", String::new()),
        ("intro[from_org]", gov.to_owned()),
        (
            "intro[message]",
            "The ministry would like to hear about your clinic.".to_owned(),
        ),
    ];
    let pairs: Vec<(&str, &str)> = to_member.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(
        app.call(&as_role("liaison"), "send_introduction", &pairs)
            .await,
        "an introduction to the member",
    )
    .await;
    let accepted_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM introductions")
        .fetch_one(&app.db().await)
        .await
        .expect("the second introduction");
    let accept = [
        ("id", accepted_id.to_string()),
        ("decision", "accept".to_owned()),
    ];
    let pairs: Vec<(&str, &str)> = accept.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(
        app.call(&as_role("member"), "answer_introduction", &pairs)
            .await,
        "the member accepts",
    )
    .await;
    let org_member_id = app.user_id("org-member@example.org").await;
    World {
        values: vec![
            ("org", org.to_owned()),
            ("gov", gov.to_owned()),
            ("need", need_id.to_string()),
            ("intro", intro_id.to_string()),
            ("accepted", accepted_id.to_string()),
            ("member_id", member_id.to_string()),
            ("org_member_id", org_member_id.to_string()),
            ("spotlight", "midwives-who-came-home".to_owned()),
            ("draft", "a-story-still-in-draft".to_owned()),
        ],
        app,
        clients,
    }
}

/// Calls every row's server function as every role, noting each cell that differs.
async fn call_all(world: &World, rows: &[Row], differences: &mut Vec<String>) {
    for row in rows {
        for (role, expected) in ROLES.iter().zip(&row.expected) {
            let fields = form(&world.fill(&row.input, role));
            let response = world
                .app
                .call_owned(&world.client(role), &row.target, &fields)
                .await;
            let answer = function_answer(response).await;
            if &answer != expected {
                differences.push(format!(
                    "{} ({}) as {role}: {answer}, not {expected}",
                    row.target, row.input
                ));
            }
        }
    }
}

/// A server function's answer, as a cell of the table.
async fn function_answer(response: Response) -> String {
    match response.status() {
        status if status.is_success() => "ok".into(),
        StatusCode::UNAUTHORIZED => "login".into(),
        StatusCode::FORBIDDEN => "no".into(),
        StatusCode::NOT_FOUND => "404".into(),
        StatusCode::UNPROCESSABLE_ENTITY => {
            let body = response.text().await.unwrap_or_default();
            if body.contains("ConfirmEmailFirst") {
                "confirm"
            } else {
                "bad"
            }
            .into()
        }
        status => format!(
            "{} {}",
            status.as_u16(),
            response.text().await.unwrap_or_default()
        ),
    }
}

/// A page's answer, as a cell of the table: what the person is shown. A streamed page
/// may have sent its 200 before its data refused the person; it then shows the refusal.
async fn page_answer(response: Response) -> String {
    match response.status() {
        StatusCode::OK => {
            let body = response.text().await.unwrap_or_default();
            if body.contains("data-refusal=\"sign-in\"") {
                "login"
            } else if body.contains("data-refusal=\"forbidden\"") {
                "no"
            } else if body.contains("data-refusal=\"not-found\"") {
                "404"
            } else {
                "ok"
            }
            .into()
        }
        status if status.is_redirection() => {
            let to = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .unwrap_or("");
            if to.starts_with("/login") {
                "login".into()
            } else {
                format!("redirect to {to}")
            }
        }
        StatusCode::UNAUTHORIZED => "login".into(),
        StatusCode::FORBIDDEN => "no".into(),
        StatusCode::NOT_FOUND => "404".into(),
        status => status.as_u16().to_string(),
    }
}

fn form(input: &str) -> Vec<(String, String)> {
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_and_page_answers_each_person_as_the_matrix_says() {
    let world = world().await;
    let functions = table("Server functions\n");
    let pages = table("Pages and files");
    let last = table("Server functions that end something");

    // Completeness: a row for every registered server function and every page route.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = functions
        .iter()
        .chain(&last)
        .map(|row| row.target.clone())
        .collect();
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions without a row in docs/authorization.md"
    );
    assert_eq!(
        listed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "rows in docs/authorization.md for no server function"
    );
    let routes: BTreeSet<String> = pages.iter().map(|row| row.target.clone()).collect();
    let missing: Vec<String> = passerelle::server::startup::page_paths()
        .into_iter()
        .filter(|path| !routes.contains(path))
        .collect();
    assert!(
        missing.is_empty(),
        "page routes without a row in docs/authorization.md: {missing:?}"
    );

    let mut differences = Vec::new();
    call_all(&world, &functions, &mut differences).await;
    for row in &pages {
        for (role, expected) in ROLES.iter().zip(&row.expected) {
            let path = world.fill(&row.input, role);
            let response = world
                .client(role)
                .get(world.app.url(&path))
                .send()
                .await
                .expect("the page answers");
            let answer = page_answer(response).await;
            if &answer != expected {
                differences.push(format!("{path} as {role}: {answer}, not {expected}"));
            }
        }
    }
    call_all(&world, &last, &mut differences).await;
    assert!(
        differences.is_empty(),
        "{} cells differ from docs/authorization.md:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
