//! The member directory's index against the plain SQL answer (today's queries, kept as the
//! reference), and its freshness across two app servers on one database.

use crate::helpers::{new_client, spawn_app, spawn_app_with, TestApp};
use passerelle::domain::{CurrentUser, DirectoryQuery, Role};
use passerelle::i18n::Locale;
use passerelle::server::db;
use passerelle::server::directory::index::MemberIndex;
use passerelle::server::directory::members;
use passerelle::server::policy::Viewer;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sqlx::SqlitePool;

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
async fn write_member(pool: &SqlitePool, rng: &mut StdRng, id: i64) {
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
    let pool = db::connect(&format!("sqlite://{}/p.db", data.path().display()))
        .await
        .expect("a database");
    db::migrate(&pool).await.expect("migrations");
    let mut rng = StdRng::seed_from_u64(11);
    for id in 1..=240 {
        write_member(&pool, &mut rng, id).await;
    }
    let index = MemberIndex::default();
    index.refresh(&pool).await.expect("the index builds");
    let member = Viewer::new(Some(CurrentUser {
        id: 1,
        display_name: String::new(),
        email: String::new(),
        role: Role::Member,
    }));
    let viewers = [Viewer::default(), member];
    for round in 0..6 {
        for _ in 0..60 {
            let query = random_query(&mut rng);
            let viewer = viewers.choose(&mut rng).expect("a viewer");
            let locale = *[Locale::en, Locale::fr].choose(&mut rng).expect("a locale");
            let indexed = members::search(&pool, &index, viewer, &query, locale)
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
    let data_dir = first.data.path().to_path_buf();
    let second = spawn_app_with(|s| s.data_dir = data_dir).await;
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
