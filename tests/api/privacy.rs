//! "My data" and "erase my account": the export holds everything about its owner (and
//! nothing more), and after an erasure no table of the database holds any of the erased
//! person's values, while the other party of an introduction keeps "a former member".

use crate::helpers::{app_error, new_client, png, spawn_app, succeeded, TestApp, PASSWORD};
use passerelle::domain::{AppError, FieldIssue, Inbox, Party};
use reqwest::Client;
use sqlx::Row;

const NAME: &str = "Zaynab Qorvath";
const EMAIL: &str = "zaynab@example.org";
const HEADLINE: &str = "Hydrologist in Tamanrasset";
const BIO: &str = "I map aquifers with quorvelline sensors.";
const CITY: &str = "Tamanrasset";
const CONTACT: &str = "zaynab.contact@example.org";
const MESSAGE: &str = "Hello Kofi, shall we talk about quorvelline wells?";

/// Zaynab, with a full profile and photo, an organization of her own and one shared with
/// Kofi (an admin there), an introduction she sent (accepted) and one she received.
async fn community(app: &TestApp) -> (Client, Client) {
    let zaynab = app.member(EMAIL, NAME).await;
    app.save_profile(
        &zaynab,
        NAME,
        &[
            ("headline", HEADLINE),
            ("bio", BIO),
            ("city", CITY),
            ("city_visibility", "members"),
            ("origin_visibility", "hidden"),
            ("contact_email", CONTACT),
            ("contact_visibility", "members"),
            ("visibility", "public"),
            ("sectors[]", "health"),
        ],
    )
    .await;
    let photo = app
        .upload(&zaynab, "/me/photo", "photo", png(64, 64), &[])
        .await;
    assert!(succeeded(&photo));
    let kofi = app.member("kofi@example.org", "Kofi Mensah").await;
    app.save_profile(&kofi, "Kofi Mensah", &[("visibility", "public")])
        .await;
    for name in ["Qorvath Wells", "Shared Springs"] {
        let form = [
            ("org[name]", name),
            ("org[kind]", "diaspora"),
            ("org[hq_country]", "DZ"),
        ];
        assert!(succeeded(
            &app.call(&zaynab, "create_organization", &form).await
        ));
    }
    // Kofi joins Shared Springs and is made an admin.
    let invite = [("slug", "shared-springs"), ("email", "kofi@example.org")];
    assert!(succeeded(
        &app.call(&zaynab, "invite_member", &invite).await
    ));
    let accept = [("slug", "shared-springs"), ("decision", "accept")];
    assert!(succeeded(
        &app.call(&kofi, "answer_invitation", &accept).await
    ));
    let kofi_id = app.user_id("kofi@example.org").await.to_string();
    let promote = [
        ("slug", "shared-springs"),
        ("user_id", kofi_id.as_str()),
        ("role", "admin"),
    ];
    assert!(succeeded(
        &app.call(&zaynab, "set_member_role", &promote).await
    ));

    let to_kofi = [
        ("intro[to]", format!("member:{kofi_id}")),
        ("intro[need]", String::new()),
        ("intro[message]", MESSAGE.to_owned()),
    ];
    assert!(succeeded(
        &app.call_owned(
            &zaynab,
            "send_introduction",
            &to_kofi.map(|(k, v)| (k.to_owned(), v))
        )
        .await
    ));
    let received = inbox(app, &kofi).await.received;
    let id = received[0].id.to_string();
    assert!(succeeded(
        &app.call(
            &kofi,
            "answer_introduction",
            &[("id", id.as_str()), ("decision", "accept")]
        )
        .await
    ));
    let zaynab_id = app.user_id(EMAIL).await;
    let to_zaynab = [
        ("intro[to]", format!("member:{zaynab_id}")),
        ("intro[need]", String::new()),
        (
            "intro[message]",
            "Kofi here: about the wells in Ghana.".to_owned(),
        ),
    ];
    assert!(succeeded(
        &app.call_owned(
            &kofi,
            "send_introduction",
            &to_zaynab.map(|(k, v)| (k.to_owned(), v))
        )
        .await
    ));
    (zaynab, kofi)
}

async fn inbox(app: &TestApp, client: &Client) -> Inbox {
    app.call(client, "inbox", &[])
        .await
        .json()
        .await
        .expect("an inbox")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_data_holds_everything_about_me_for_me_alone() {
    let app = spawn_app().await;
    let (zaynab, _kofi) = community(&app).await;
    let response = zaynab
        .get(app.url("/account/data.json"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .is_ok_and(|v| v.starts_with("attachment")));
    assert_eq!(response.headers()["cache-control"], "no-store");
    let data: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(data["account"]["email"], EMAIL);
    assert_eq!(data["profile"]["bio"], BIO);
    assert_eq!(data["profile"]["city"], CITY);
    assert_eq!(data["profile"]["visibility"]["city"], "members");
    assert_eq!(data["profile"]["visibility"]["origins"], "hidden");
    assert_eq!(data["has_photo"], true);
    let orgs: Vec<&str> = data["organizations"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|o| o["role"].as_str())
        .collect();
    assert_eq!(orgs, ["owner", "owner"]);
    assert_eq!(data["introductions_sent"][0]["message"], MESSAGE);
    assert_eq!(data["introductions_sent"][0]["other"], "Kofi Mensah");
    assert!(data["introductions_received"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("Kofi here")));
    let actions: Vec<&str> = data["audit_log"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"registered") && actions.contains(&"logged_in"),
        "{actions:?}"
    );
    // Nothing of Kofi's beyond the name he shows her: not his address.
    assert!(!data.to_string().contains("kofi@example.org"));

    let zip = zaynab
        .get(app.url("/account/data.zip"))
        .send()
        .await
        .expect("sent")
        .bytes()
        .await
        .expect("a body");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.to_vec())).expect("a ZIP");
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    assert!(names.contains(&"my-data.json".to_owned()) && names.contains(&"photo.jpg".to_owned()));
    let photo = archive.by_name("photo.jpg").expect("the photo");
    assert!(photo.size() > 100);

    let visitor = new_client()
        .get(app.url("/account/data.json"))
        .send()
        .await
        .expect("sent");
    assert!(visitor.status().is_redirection(), "{}", visitor.status());
}

/// How many sessions the session store holds.
async fn sessions(app: &TestApp) -> i64 {
    let table = if app.database_url().starts_with("postgres") {
        "tower_sessions.session"
    } else {
        "tower_sessions"
    };
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.db().await)
        .await
        .expect("the sessions")
}

/// How many sessions the store notes as signed in to account `id`.
async fn sessions_of(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM session_accounts WHERE user_id = $1")
        .bind(id)
        .fetch_one(&app.db().await)
        .await
        .expect("the sessions")
}

/// Every value of every row of every table, as text (lower case), on either backend.
async fn whole_database(app: &TestApp) -> String {
    let pool = app.db().await;
    let mut all = String::new();
    let postgres = app.database_url().starts_with("postgres");
    let tables: Vec<String> = if postgres {
        sqlx::query_scalar(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables
             WHERE table_schema IN ('public', 'tower_sessions') AND table_type = 'BASE TABLE'",
        )
        .fetch_all(&pool)
        .await
        .expect("the tables")
    } else {
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&pool)
            .await
            .expect("the tables")
    };
    assert!(tables.len() > 20, "{tables:?}");
    for table in tables {
        if postgres {
            let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT t::text FROM {table} t"))
                .fetch_all(&pool)
                .await
                .expect("rows");
            for row in rows {
                all.push_str(&row.to_lowercase());
                all.push('\n');
            }
        } else {
            // Blobs too (the full-text index's segments): as hex, decoded back to bytes.
            let columns: Vec<String> =
                sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(&pool)
                    .await
                    .expect("columns");
            for column in columns {
                let rows = sqlx::query(&format!("SELECT hex(\"{column}\") FROM \"{table}\""))
                    .fetch_all(&pool)
                    .await
                    .expect("rows");
                for row in rows {
                    let hex: String = row.try_get(0).unwrap_or_default();
                    let bytes: Vec<u8> = (0..hex.len() / 2)
                        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                        .collect();
                    all.push_str(&String::from_utf8_lossy(&bytes).to_lowercase());
                    all.push('\n');
                }
            }
        }
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasing_my_account_leaves_none_of_my_values_and_no_organization_without_owner() {
    let app = spawn_app().await;
    let (zaynab, kofi) = community(&app).await;
    let id = app.user_id(EMAIL).await;
    let words = [
        "zaynab",
        "qorvath",
        "tamanrasset",
        "quorvelline",
        "hydrologist",
        EMAIL,
        CONTACT,
    ];
    let before = whole_database(&app).await;
    assert!(
        words.iter().all(|w| before.contains(w)),
        "the walk sees every value"
    );
    // Signed in on a phone too: two sessions of hers, beside Kofi's.
    let phone = new_client();
    assert!(succeeded(&app.log_in(&phone, EMAIL, PASSWORD).await));
    let sessions_before = sessions(&app).await;
    assert_eq!(sessions_of(&app, id).await, 2);

    // Her password first: a wrong one erases nothing.
    let wrong = app
        .call(&zaynab, "erase_account", &[("password", "not my password")])
        .await;
    let AppError::Form(form) = app_error(wrong).await else {
        panic!("expected a form error")
    };
    assert_eq!(form.issue("password"), Some(FieldIssue::WrongPassword));
    assert!(app.page(&zaynab, "/account").await.contains(NAME));

    let erased = app
        .call(&zaynab, "erase_account", &[("password", PASSWORD)])
        .await;
    assert!(succeeded(&erased));
    let after = whole_database(&app).await;
    for word in words {
        let at = after.find(word);
        let around = at.map(|at| {
            let text: String = after[at.saturating_sub(120)..].chars().take(240).collect();
            text
        });
        assert!(
            at.is_none(),
            "{word:?} is still in the database: {around:?}"
        );
    }
    assert!(
        !after.contains("shall we talk"),
        "her message is still there"
    );

    // Signed out everywhere, her sessions deleted (not left to expire), and the address
    // opens nothing.
    assert_eq!(sessions_of(&app, id).await, 0);
    assert_eq!(
        sessions(&app).await,
        sessions_before - 2,
        "Kofi's session stays"
    );
    assert!(!app.page(&phone, "/account").await.contains(NAME));
    assert!(!app.page(&zaynab, "/account").await.contains(NAME));
    assert!(!succeeded(
        &app.log_in(&new_client(), EMAIL, PASSWORD).await
    ));
    // Gone from every list and page.
    assert_eq!(
        app.members(&kofi, &[]).await.total,
        1,
        "only Kofi is listed"
    );
    assert!(!app
        .page(&new_client(), &format!("/members/{id}"))
        .await
        .contains("Hydrologist"));

    // Kofi keeps the introductions, with "a former member" and no way to reach her.
    let seen = inbox(&app, &kofi).await;
    assert!(
        matches!(seen.received[0].from, Party::FormerMember),
        "{:?}",
        seen.received[0].from
    );
    assert!(seen.received[0].contact.is_none());
    assert!(matches!(seen.sent[0].to, Party::FormerMember));
    assert!(app.page(&kofi, "/inbox").await.contains("a former member"));

    // Her own organization went with her; the shared one passed to Kofi, its admin.
    let orgs: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.slug, m.role FROM organizations o JOIN org_members m ON m.org_id = o.id ORDER BY o.slug",
    )
    .fetch_all(&app.db().await)
    .await
    .expect("organizations");
    assert_eq!(orgs, [("shared-springs".to_owned(), "owner".to_owned())]);
}
