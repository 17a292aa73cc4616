//! `passerelle import organizations`: all rows or none, with a report of every bad row.

use crate::helpers::spawn_app;
use passerelle::server::cli::import::{self, Outcome};
use std::io::Write;

fn csv_file(content: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(content.as_bytes()).expect("written");
    file
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_with_bad_rows_imports_nothing_and_names_each_problem() {
    let app = spawn_app().await;
    let file = csv_file(
        "name,kind,hq_country,countries,sdgs,website\n\
         Good One,diaspora,SN,FR;US,4,https://good.example.org\n\
         X,cartel,ZZ,,,\n\
         Good Two,ngo,MX,,99,ftp://bad\n\
         Good One,ngo,MX,,,\n",
    );
    let pool = app.db().await;
    let Outcome::Refused(problems) = import::organizations(&pool, file.path())
        .await
        .expect("runs")
    else {
        panic!("the file must be refused");
    };
    let found: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    for expected in [
        (3, "name"),
        (3, "kind"),
        (3, "hq_country"),
        (4, "sdgs"),
        (4, "website"),
        (5, "name"),
    ] {
        assert!(
            found.contains(&expected),
            "missing {expected:?} in {found:?}"
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(count, 0, "nothing half-imported");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_file_is_imported_with_its_owner_and_listed_in_the_directory() {
    let app = spawn_app().await;
    app.member("owner@example.org", "Owner").await;
    let file = csv_file(
        "name,kind,hq_country,countries,sectors,sdgs,owner_email\n\
         Red Diáspora Centroamericana,diaspora,GT,MX;US,education,4;10,OWNER@example.org\n\
         Sahel Engineers,ngo,ML,,ict,9,\n",
    );
    let pool = app.db().await;
    let outcome = import::organizations(&pool, file.path())
        .await
        .expect("runs");
    assert!(matches!(outcome, Outcome::Imported(2)), "{outcome:?}");
    let html = app.page(&app.client, "/organizations?country=US").await;
    assert!(html.contains("Red Diáspora Centroamericana") && !html.contains("Sahel Engineers"));
    let role: String = sqlx::query_scalar("SELECT role FROM org_members")
        .fetch_one(&pool)
        .await
        .expect("an owner");
    assert_eq!(role, "owner");
}
