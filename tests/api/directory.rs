//! The member directory's index against the plain SQL answer (today's queries, kept as the
//! reference), and its freshness across two app servers on one database.

use crate::helpers::{fresh_database_url, new_client, spawn_app, spawn_app_with, TestApp};
use passerelle::domain::{CurrentUser, DirectoryQuery, Role};
use passerelle::i18n::Locale;
use passerelle::server::db;
use passerelle::server::db::sql::ListValue;
use passerelle::server::db::Pool;
use passerelle::server::directory::members;
use passerelle::server::directory::Directories;
use passerelle::server::policy::Viewer;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const COUNTRIES: [&str; 6] = ["MX", "GT", "SN", "NG", "FR", "US"];
const LANGUAGES: [&str; 4] = ["es", "fr", "en", "wo"];
const SECTORS: [&str; 4] = ["health", "education", "ict", "agriculture"];
const OFFERS: [&str; 3] = ["mentoring", "expertise", "investment"];
const WORDS: [&str; 6] = ["engineer", "nurse", "teacher", "farmer", "coder", "doctor"];
/// Few names, so ties are broken by id as they must be.
const NAMES: [&str; 5] = ["Ana Ruiz", "Awa Diop", "Bola Ade", "ana ruiz", "Émile Roy"];
const REGIONS: [&str; 3] = ["western-africa", "central-america", "europe"];

fn some<'a>(rng: &mut StdRng, list: &[&'a str], most: usize) -> Vec<&'a str> {
    let n = rng.gen_range(0..=most);
    list.choose_multiple(rng, n).copied().collect()
}

/// Writes one member straight to the tables (the triggers fill the change log and full text).
async fn write_member(pool: &Pool, rng: &mut StdRng, id: i64) {
    let name = *NAMES.choose(rng).expect("a name");
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, 'x', 0, 0)
         ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name",
    )
    .bind(id)
    .bind(format!("m{id}@example.org"))
    .bind(name)
    .execute(pool)
    .await
    .expect("a user");
    let bio = some(rng, &WORDS, 3).join(" ");
    let residence = COUNTRIES.choose(rng).filter(|_| rng.gen_bool(0.8));
    sqlx::query(
        "INSERT INTO profiles (user_id, headline, bio, residence, visibility, origin_visibility, updated_at)
         VALUES ($1, '', $2, $3, $4, $5, 0)
         ON CONFLICT (user_id) DO UPDATE SET bio = excluded.bio, residence = excluded.residence,
             visibility = excluded.visibility, origin_visibility = excluded.origin_visibility",
    )
    .bind(id)
    .bind(bio)
    .bind(residence.copied())
    .bind(rng.gen_range(0..=2))
    .bind(rng.gen_range(0..=2))
    .execute(pool)
    .await
    .expect("a profile");
    for (table, column, values) in [
        ("profile_origins", "country", some(rng, &COUNTRIES, 2)),
        ("profile_languages", "language", some(rng, &LANGUAGES, 2)),
        ("profile_sectors", "sector", some(rng, &SECTORS, 2)),
        ("profile_offers", "offer", some(rng, &OFFERS, 2)),
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(id)
            .execute(pool)
            .await
            .expect("lists cleared");
        for v in values {
            sqlx::query(&format!(
                "INSERT INTO {table} (user_id, {column}) VALUES ($1, $2)"
            ))
            .bind(id)
            .bind(v)
            .execute(pool)
            .await
            .expect("a list value");
        }
    }
    sqlx::query("DELETE FROM profile_sdgs WHERE user_id = $1")
        .bind(id)
        .execute(pool)
        .await
        .expect("goals cleared");
    for sdg in (1..=17).collect::<Vec<i64>>().choose_multiple(rng, 2) {
        sqlx::query("INSERT INTO profile_sdgs (user_id, sdg) VALUES ($1, $2)")
            .bind(id)
            .bind(sdg)
            .execute(pool)
            .await
            .expect("a goal");
    }
}

fn random_query(rng: &mut StdRng) -> DirectoryQuery {
    let mut pick = |list: &[&str], p: f64| -> String {
        if rng.gen_bool(p) {
            (*list.choose(rng).expect("a value")).to_owned()
        } else {
            String::new()
        }
    };
    let mut query = DirectoryQuery {
        q: pick(&WORDS, 0.2),
        origin: pick(&COUNTRIES, 0.3),
        residence: pick(&COUNTRIES, 0.2),
        sector: pick(&SECTORS, 0.3),
        language: pick(&LANGUAGES, 0.2),
        offer: pick(&OFFERS, 0.2),
        region: pick(&REGIONS, 0.15),
        ..DirectoryQuery::default()
    };
    if rng.gen_bool(0.2) {
        query.sdg = rng.gen_range(1..=17).to_string();
    }
    if rng.gen_bool(0.4) {
        query.page = rng.gen_range(1..=6).to_string();
    }
    query
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_index_answers_what_sql_answers_for_any_filters_viewer_and_visibility() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let pool = db::connect(&fresh_database_url(data.path()).await)
        .await
        .expect("a database");
    db::migrate(&pool).await.expect("migrations");
    let mut rng = StdRng::seed_from_u64(11);
    for id in 1..=240 {
        write_member(&pool, &mut rng, id).await;
    }
    let index = Directories::default();
    index.refresh(&pool).await.expect("the index builds");
    let member = Viewer::new(Some(CurrentUser {
        id: 1,
        display_name: String::new(),
        email: String::new(),
        role: Role::Member,
        email_confirmed: true,
        presence: passerelle::domain::Presence::Unlisted,
    }));
    let viewers = [Viewer::default(), member];
    for round in 0..6 {
        for _ in 0..60 {
            let query = random_query(&mut rng);
            let viewer = viewers.choose(&mut rng).expect("a viewer");
            let locale = *[Locale::en, Locale::fr].choose(&mut rng).expect("a locale");
            let indexed = members::search(&pool, &index.members, viewer, &query, locale)
                .await
                .expect("the index answers");
            let reference = members::search_sql(&pool, viewer, &query, locale)
                .await
                .expect("SQL answers");
            assert_eq!(
                indexed,
                reference,
                "round {round}, {:?} for {}",
                query.to_query_string(),
                if viewer.user.is_some() {
                    "a member"
                } else {
                    "a visitor"
                }
            );
        }
        // Writes between rounds: members edited (visibility, lists, names), added, deleted.
        for _ in 0..25 {
            let id = rng.gen_range(1..=260);
            if rng.gen_bool(0.2) {
                sqlx::query("DELETE FROM users WHERE id = $1")
                    .bind(id)
                    .execute(&pool)
                    .await
                    .expect("a deletion");
            } else {
                write_member(&pool, &mut rng, id).await;
            }
        }
        assert!(index.is_loaded());
    }
}

/// Waits until a server says its indexes are built, so what follows tests the index.
async fn indexes_ready(app: &TestApp) {
    for _ in 0..100 {
        let body = new_client()
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("healthz answers")
            .text()
            .await
            .expect("a body");
        if body == "ok" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the indexes were not built within 5 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_goes_hidden_leaves_every_servers_directory_at_once() {
    let first = spawn_app().await;
    let shared = first.database_url();
    let second = spawn_app_with(|s| s.database_url = Some(shared)).await;
    let owner = first.member("leila@example.org", "Leila").await;
    first
        .save_profile(
            &owner,
            "Leila Haddad",
            &[("visibility", "public"), ("sectors[]", "health")],
        )
        .await;
    indexes_ready(&first).await;
    indexes_ready(&second).await;
    let reader = second.member("reader@example.org", "Reader").await;
    let listed = |page: &passerelle::domain::DirectoryPage<passerelle::domain::MemberCard>| {
        page.items
            .iter()
            .map(|c| c.display_name.clone())
            .collect::<Vec<_>>()
    };
    let health = [("sector", "health")];
    assert_eq!(
        listed(&second.members(&new_client(), &health).await),
        ["Leila Haddad"]
    );
    assert_eq!(
        listed(&second.members(&reader, &[]).await),
        ["Leila Haddad"]
    );

    // Renamed through the first server: the second lists the new name at once.
    first
        .save_profile(
            &owner,
            "Leila H.",
            &[("visibility", "public"), ("sectors[]", "health")],
        )
        .await;
    assert_eq!(
        listed(&second.members(&new_client(), &[]).await),
        ["Leila H."]
    );

    // Members only: gone for visitors, still there for members, on the very next request.
    first
        .save_profile(
            &owner,
            "Leila H.",
            &[("visibility", "members"), ("sectors[]", "health")],
        )
        .await;
    let anonymous = second.members(&new_client(), &health).await;
    assert!(anonymous.items.is_empty(), "still listed for visitors");
    assert_eq!(anonymous.total, 0);
    assert_eq!(
        listed(&second.members(&reader, &health).await),
        ["Leila H."]
    );

    // Hidden: gone for everyone, counts and facets included.
    first
        .save_profile(
            &owner,
            "Leila H.",
            &[("visibility", "hidden"), ("sectors[]", "health")],
        )
        .await;
    for client in [new_client(), reader] {
        let page = second.members(&client, &[]).await;
        assert!(page.items.is_empty(), "a hidden member is still listed");
        assert_eq!(page.total, 0);
        assert!(
            page.facets.iter().all(|f| f.values.is_empty()),
            "a hidden member still counts in a facet: {:?}",
            page.facets
        );
    }
}

const KINDS: [&str; 4] = ["diaspora", "government", "ngo", "academia"];
const STATUSES: [&str; 5] = ["draft", "open", "fulfilled", "withdrawn", "expired"];
const TYPES: [&str; 3] = ["funding", "mentoring", "research"];
const PARTNERS: [&str; 3] = ["member", "ngo", "diaspora"];
const PREFIXES: [&str; 4] = ["Alliance", "Bureau", "Amis", "École"];

async fn insert_all(pool: &Pool, table: &str, columns: &str, id: i64, values: &[String]) {
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE {}",
        columns
            .split(',')
            .next()
            .map(|c| format!("{c} = $1"))
            .unwrap_or_default()
    ))
    .bind(id)
    .execute(pool)
    .await
    .expect("a list cleared");
    for v in values {
        // Goals are numbers; every other list holds codes.
        let v = match v.parse::<i64>() {
            Ok(n) if table.ends_with("_sdgs") => ListValue::Number(n),
            _ => ListValue::Code(v.clone()),
        };
        sqlx::query(&format!("INSERT INTO {table} ({columns}) VALUES ($1, $2)"))
            .bind(id)
            .bind(v)
            .execute(pool)
            .await
            .expect("a list value");
    }
}

fn owned(values: Vec<&str>) -> Vec<String> {
    values.into_iter().map(str::to_owned).collect()
}

/// Writes one organization straight to the tables.
async fn write_org(pool: &Pool, rng: &mut StdRng, id: i64) {
    let name = format!("{} {}", PREFIXES.choose(rng).expect("a prefix"), id);
    let verification = *["unverified", "pending", "verified", "rejected"]
        .choose(rng)
        .expect("a status");
    sqlx::query(
        "INSERT INTO organizations (id, slug, name, name_key, kind, hq_country, description,
             verification, created_at, updated_at)
         VALUES ($1, $2, $3, lower($3), $4, 'SN', $5, $6, 0, 0)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, description = excluded.description,
             verification = excluded.verification",
    )
    .bind(id)
    .bind(format!("org-{id}"))
    .bind(&name)
    .bind(*KINDS.choose(rng).expect("a kind"))
    .bind(some(rng, &WORDS, 3).join(" "))
    .bind(verification)
    .execute(pool)
    .await
    .expect("an organization");
    let countries = owned(some(rng, &COUNTRIES, 3));
    insert_all(pool, "org_countries", "org_id, country", id, &countries).await;
    let sectors = owned(some(rng, &SECTORS, 2));
    insert_all(pool, "org_sectors", "org_id, sector", id, &sectors).await;
    let sdgs: Vec<String> = (1..=17)
        .collect::<Vec<i64>>()
        .choose_multiple(rng, 2)
        .map(|n| n.to_string())
        .collect();
    insert_all(pool, "org_sdgs", "org_id, sdg", id, &sdgs).await;
}

/// Writes one need straight to the tables: some drafts, some past their deadline.
async fn write_need(pool: &Pool, rng: &mut StdRng, id: i64, orgs: i64) {
    let deadline = *["2020-01-01", "2099-12-31", "2099-06-30"]
        .choose(rng)
        .expect("a date");
    let inserted = sqlx::query(
        "INSERT INTO needs (id, org_id, title, description, direction, deadline, status,
             created_at, updated_at)
         SELECT $1, $2, $3, $3, 'seeking', $4, $5, $6, $6 WHERE EXISTS (SELECT 1 FROM organizations WHERE id = $2)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, deadline = excluded.deadline,
             status = excluded.status, created_at = excluded.created_at",
    )
    .bind(id)
    .bind(rng.gen_range(1..=orgs))
    .bind(some(rng, &WORDS, 3).join(" "))
    .bind(deadline)
    .bind(*STATUSES.choose(rng).expect("a status"))
    // Few distinct times: ties are broken by id, newest first.
    .bind(rng.gen_range(0..8_i64))
    .execute(pool)
    .await
    .expect("a need");
    if inserted.rows_affected() == 0 {
        return;
    }
    for (table, column, values) in [
        ("need_types", "type", owned(some(rng, &TYPES, 2))),
        ("need_partner_kinds", "kind", owned(some(rng, &PARTNERS, 2))),
        ("need_sectors", "sector", owned(some(rng, &SECTORS, 2))),
        ("need_countries", "country", owned(some(rng, &COUNTRIES, 2))),
        (
            "need_languages",
            "language",
            owned(some(rng, &LANGUAGES, 1)),
        ),
        (
            "need_sdgs",
            "sdg",
            vec![rng.gen_range(1..=17_i64).to_string()],
        ),
    ] {
        insert_all(pool, table, &format!("need_id, {column}"), id, &values).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizations_and_needs_from_the_index_equal_their_sql_answer() {
    use passerelle::server::directory::organizations;
    use passerelle::server::needs::directory as needs;
    let data = tempfile::tempdir().expect("a temporary folder");
    let pool = db::connect(&fresh_database_url(data.path()).await)
        .await
        .expect("a database");
    db::migrate(&pool).await.expect("migrations");
    let mut rng = StdRng::seed_from_u64(12);
    for id in 1..=90 {
        write_org(&pool, &mut rng, id).await;
    }
    for id in 1..=200 {
        write_need(&pool, &mut rng, id, 90).await;
    }
    let index = Directories::default();
    index.refresh(&pool).await.expect("the indexes build");
    let pick = |rng: &mut StdRng, list: &[&str], p: f64| -> String {
        if rng.gen_bool(p) {
            (*list.choose(rng).expect("a value")).to_owned()
        } else {
            String::new()
        }
    };
    for round in 0..5 {
        for _ in 0..50 {
            let page = if rng.gen_bool(0.3) {
                rng.gen_range(1..=5).to_string()
            } else {
                String::new()
            };
            let query = DirectoryQuery {
                q: pick(&mut rng, &WORDS, 0.2),
                country: pick(&mut rng, &COUNTRIES, 0.3),
                sector: pick(&mut rng, &SECTORS, 0.3),
                kind: pick(&mut rng, &KINDS, 0.2),
                verified: pick(&mut rng, &["yes"], 0.2),
                region: pick(&mut rng, &REGIONS, 0.15),
                sdg: pick(&mut rng, &["4", "9", "17"], 0.2),
                page: page.clone(),
                ..DirectoryQuery::default()
            };
            let locale = *[Locale::en, Locale::fr].choose(&mut rng).expect("a locale");
            assert_eq!(
                organizations::search(&pool, &index.organizations, &query, locale)
                    .await
                    .expect("the index answers"),
                organizations::search_sql(&pool, &query, locale)
                    .await
                    .expect("SQL answers"),
                "round {round}: organizations {:?}",
                query.to_query_string()
            );
            let query = DirectoryQuery {
                q: pick(&mut rng, &WORDS, 0.2),
                need_type: pick(&mut rng, &TYPES, 0.2),
                kind: pick(&mut rng, &PARTNERS, 0.2),
                sector: pick(&mut rng, &SECTORS, 0.2),
                country: pick(&mut rng, &COUNTRIES, 0.2),
                language: pick(&mut rng, &LANGUAGES, 0.2),
                sdg: pick(&mut rng, &["4", "9", "17"], 0.2),
                status: pick(
                    &mut rng,
                    &["open", "fulfilled", "withdrawn", "expired", "draft", "x"],
                    0.4,
                ),
                page,
                ..DirectoryQuery::default()
            };
            assert_eq!(
                needs::search(&pool, &index.needs, &query, locale)
                    .await
                    .expect("the index answers"),
                needs::search_sql(&pool, &query, locale)
                    .await
                    .expect("SQL answers"),
                "round {round}: needs {:?}",
                query.to_query_string()
            );
        }
        // Organizations edited, added and deleted (their needs with them); needs edited,
        // posted and deleted.
        for _ in 0..10 {
            let id = rng.gen_range(1..=100);
            if rng.gen_bool(0.2) {
                sqlx::query("DELETE FROM organizations WHERE id = $1")
                    .bind(id)
                    .execute(&pool)
                    .await
                    .expect("a deletion");
            } else {
                write_org(&pool, &mut rng, id).await;
            }
        }
        for _ in 0..25 {
            let id = rng.gen_range(1..=230);
            if rng.gen_bool(0.2) {
                sqlx::query("DELETE FROM needs WHERE id = $1")
                    .bind(id)
                    .execute(&pool)
                    .await
                    .expect("a deletion");
            } else {
                write_need(&pool, &mut rng, id, 100).await;
            }
        }
    }
}
