//! The load run behind `scripts/load.sh`: many connections at once against a running
//! Passerelle on the demo community, readers and writers mixed, for a fixed time; then
//! every write the server acknowledged is looked for in the database.
//!
//!   load BASE_URL DATABASE_URL [SECONDS] [CONNECTIONS]
//!
//! A quarter of the connections write, each as a demo member of its own: profile edits
//! (numbered headlines), needs posted for the organization it owns, introductions to
//! organizations, log-ins. The rest read the directories, profiles, needs and the home
//! page. Prints requests/s, p50/p99 and errors per kind, then the lost-writes check.

use passerelle::server::cli::seed::DEMO_PASSWORD;
use passerelle::server::db;
use reqwest::{redirect, Client, Response};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// What one connection did: latencies by kind, errors, and the writes acknowledged.
#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<u32>>,
    errors: BTreeMap<&'static str, u64>,
    refused: BTreeMap<&'static str, u64>,
    headlines: Vec<(String, u64)>,
    needs: Vec<String>,
    introductions: Vec<String>,
    log_ins: u64,
}

impl Tally {
    fn note(&mut self, kind: &'static str, started: Instant, response: &Option<Response>) {
        self.latencies
            .entry(kind)
            .or_default()
            .push(started.elapsed().as_micros().min(u32::MAX as u128) as u32);
        match response {
            Some(r) if r.status().is_success() || r.status().is_redirection() => {}
            // Refused input (the day's introductions used up) is an answer, not an error.
            Some(r) if r.status() == 422 => *self.refused.entry(kind).or_default() += 1,
            _ => *self.errors.entry(kind).or_default() += 1,
        }
    }
}

/// This run's mark in what it writes, so that a second run on the same data is told apart.
fn run_tag() -> &'static str {
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(|| format!("{:x}", std::process::id()))
}

fn ok(response: &Option<Response>) -> bool {
    response
        .as_ref()
        .is_some_and(|r| r.status().is_success() || r.status().is_redirection())
}

fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a client")
}

async fn call(
    client: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Option<Response> {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header("origin", base)
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .ok()
}

async fn log_in(client: &Client, base: &str, email: &str) -> Option<Response> {
    call(
        client,
        base,
        "login",
        &[("email", email), ("password", DEMO_PASSWORD)],
    )
    .await
}

/// One writing connection, as `email`, until `end`.
async fn write(
    n: usize,
    base: String,
    email: String,
    org: Option<String>,
    targets: Vec<String>,
    end: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let me = client();
    let started = Instant::now();
    let response = log_in(&me, &base, &email).await;
    tally.note("log-in", started, &response);
    let mut edits = 0u64;
    let mut round = 0usize;
    while Instant::now() < end {
        round += 1;
        let started = Instant::now();
        match round % 4 {
            0 | 1 => {
                let headline = format!("Load edit {} {}", run_tag(), edits + 1);
                let name = format!("Load writer {n}");
                let form = [
                    ("profile[display_name]", name.as_str()),
                    ("profile[headline]", headline.as_str()),
                    ("profile[visibility]", "members"),
                    ("profile[origin_visibility]", "members"),
                    ("profile[city_visibility]", "hidden"),
                    ("profile[contact_visibility]", "hidden"),
                ];
                let response = call(&me, &base, "save_profile", &form).await;
                if ok(&response) {
                    edits += 1;
                }
                tally.note("profile edit", started, &response);
            }
            2 => match &org {
                Some(slug) => {
                    let title = format!("Load need {} {n}-{round}", run_tag());
                    let form = [
                        ("need[organization]", slug.as_str()),
                        ("need[title]", title.as_str()),
                        (
                            "need[description]",
                            "Written by the load run, to be found again after it.",
                        ),
                        ("need[direction]", "seeking"),
                        ("need[types][]", "mentoring"),
                        ("need[sdgs][]", "4"),
                        ("need[partner_kinds][]", "member"),
                        ("need[countries][]", "SN"),
                        ("need[deadline]", "2099-12-31"),
                    ];
                    let response = call(&me, &base, "post_need", &form).await;
                    if ok(&response) {
                        tally.needs.push(title);
                    }
                    tally.note("need", started, &response);
                }
                None => {
                    let response = log_in(&client(), &base, &email).await;
                    if ok(&response) {
                        tally.log_ins += 1;
                    }
                    tally.note("log-in", started, &response);
                }
            },
            _ => {
                let to = format!("org:{}", targets[round % targets.len()]);
                let message = format!(
                    "Load introduction {} {n}-{round}: we would like to talk.",
                    run_tag()
                );
                let form = [
                    ("intro[to]", to.as_str()),
                    ("intro[need]", ""),
                    ("intro[message]", message.as_str()),
                ];
                let response = call(&me, &base, "send_introduction", &form).await;
                if ok(&response) {
                    tally.introductions.push(message);
                }
                tally.note("introduction", started, &response);
            }
        }
    }
    tally.headlines.push((email, edits));
    tally
}

/// One reading connection until `end`: lists, profiles, needs, the home page.
async fn read(
    n: usize,
    base: String,
    email: Option<String>,
    members: Vec<i64>,
    end: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let me = client();
    if let Some(email) = &email {
        let started = Instant::now();
        let response = log_in(&me, &base, email).await;
        tally.note("log-in", started, &response);
    }
    let mut round = n;
    while Instant::now() < end {
        round += 1;
        let path = match round % 5 {
            0 => format!("/members?page={}", round % 20 + 1),
            1 => format!("/members/{}", members[round % members.len()]),
            2 => format!("/organizations?page={}", round % 10 + 1),
            3 => "/needs".to_owned(),
            _ => "/".to_owned(),
        };
        let started = Instant::now();
        let response = me.get(format!("{base}{path}")).send().await.ok();
        let response = match response {
            Some(r) => {
                // The whole page, as a browser reads it.
                let status_ok = r.status().is_success();
                let body = r.bytes().await;
                (status_ok && body.is_ok()).then_some(())
            }
            None => None,
        };
        let kind = if email.is_some() {
            "member read"
        } else {
            "visitor read"
        };
        tally
            .latencies
            .entry(kind)
            .or_default()
            .push(started.elapsed().as_micros().min(u32::MAX as u128) as u32);
        if response.is_none() {
            *tally.errors.entry(kind).or_default() += 1;
        }
    }
    tally
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    f64::from(sorted[at]) / 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(base), Some(database_url)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: load BASE_URL DATABASE_URL [SECONDS] [CONNECTIONS]");
    };
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(60);
    let connections: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(128);
    let pool = db::connect(database_url).await?;
    // Owners of an organization that may post needs (not an unverified institution).
    let owners: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email, o.slug FROM org_members m
         JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.org_id
         WHERE m.role = 'owner' AND u.email LIKE 'member%@demo.passerelle.example'
           AND (o.kind NOT IN ('government', 'io') OR o.verification = 'verified')
         ORDER BY o.id",
    )
    .fetch_all(&pool)
    .await?;
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM organizations ORDER BY id")
        .fetch_all(&pool)
        .await?;
    // Profiles every reader may open: public ones (visitors read half the time).
    let members: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM profiles WHERE visibility = 2 ORDER BY user_id LIMIT 500",
    )
    .fetch_all(&pool)
    .await?;
    anyhow::ensure!(
        !slugs.is_empty() && !members.is_empty(),
        "seed the demo community first"
    );

    let writers = connections / 4;
    let end = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tallies = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for n in 0..connections {
        let (base, tallies) = (base.clone(), tallies.clone());
        if n < writers {
            // Half the writers own an organization (needs), half do not (log-ins).
            let (email, org) = match owners.get(n / 2).filter(|_| n % 2 == 0) {
                Some((email, slug)) => (email.clone(), Some(slug.clone())),
                None => (format!("member{}@demo.passerelle.example", 600 + n), None),
            };
            let targets = slugs.clone();
            tasks.push(tokio::spawn(async move {
                let tally = write(n, base, email, org, targets, end).await;
                tallies.lock().await.push(tally);
            }));
        } else {
            let email =
                (n % 2 == 0).then(|| format!("member{}@demo.passerelle.example", 800 + n % 150));
            let members = members.clone();
            tasks.push(tokio::spawn(async move {
                let tally = read(n, base, email, members, end).await;
                tallies.lock().await.push(tally);
            }));
        }
    }
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let tallies = std::mem::take(&mut *tallies.lock().await);

    let mut by_kind: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let (mut errors, mut refused): (BTreeMap<&str, u64>, BTreeMap<&str, u64>) = Default::default();
    for tally in &tallies {
        for (kind, latencies) in &tally.latencies {
            by_kind.entry(kind).or_default().extend(latencies);
        }
        for (kind, n) in &tally.errors {
            *errors.entry(kind).or_default() += n;
        }
        for (kind, n) in &tally.refused {
            *refused.entry(kind).or_default() += n;
        }
    }
    println!("{connections} connections for {elapsed:.0} s ({writers} writing)");
    println!(
        "{:<14} {:>9} {:>8} {:>9} {:>9} {:>7} {:>8}",
        "kind", "requests", "req/s", "p50 ms", "p99 ms", "errors", "refused"
    );
    let mut all: Vec<u32> = Vec::new();
    for (kind, latencies) in &mut by_kind {
        latencies.sort_unstable();
        all.extend(latencies.iter());
        println!(
            "{kind:<14} {:>9} {:>8.0} {:>9.1} {:>9.1} {:>7} {:>8}",
            latencies.len(),
            latencies.len() as f64 / elapsed,
            percentile(latencies, 0.5),
            percentile(latencies, 0.99),
            errors.get(kind).copied().unwrap_or(0),
            refused.get(kind).copied().unwrap_or(0),
        );
    }
    all.sort_unstable();
    let total_errors: u64 = errors.values().sum();
    println!(
        "{:<14} {:>9} {:>8.0} {:>9.1} {:>9.1} {:>7}",
        "all",
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        total_errors
    );

    // Every acknowledged write, looked for.
    let mut lost = Vec::new();
    let (mut edits, mut needs, mut intros, mut log_ins) = (0u64, 0usize, 0usize, 0u64);
    for tally in &tallies {
        for (email, acknowledged) in &tally.headlines {
            edits += acknowledged;
            if *acknowledged == 0 {
                continue;
            }
            let headline: Option<String> = sqlx::query_scalar(
                "SELECT p.headline FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = $1",
            )
            .bind(email)
            .fetch_optional(&pool)
            .await?;
            if headline.as_deref() != Some(&format!("Load edit {} {acknowledged}", run_tag())) {
                lost.push(format!(
                    "{email}: edit {acknowledged} acknowledged, found {headline:?}"
                ));
            }
        }
        for title in &tally.needs {
            needs += 1;
            let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM needs WHERE title = $1")
                .bind(title)
                .fetch_one(&pool)
                .await?;
            if found != 1 {
                lost.push(format!("need {title:?}: acknowledged, found {found}"));
            }
        }
        for message in &tally.introductions {
            intros += 1;
            let found: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM introductions WHERE message = $1")
                    .bind(message)
                    .fetch_one(&pool)
                    .await?;
            if found != 1 {
                lost.push(format!(
                    "introduction {message:?}: acknowledged, found {found}"
                ));
            }
        }
        log_ins += tally.log_ins;
    }
    println!(
        "acknowledged writes: {edits} profile edits, {needs} needs, {intros} introductions, {log_ins} log-ins; lost: {}",
        lost.len()
    );
    for line in lost.iter().take(20) {
        println!("  LOST {line}");
    }
    anyhow::ensure!(
        lost.is_empty() && total_errors == 0,
        "{} lost writes, {total_errors} errors",
        lost.len()
    );
    Ok(())
}
