use passerelle::domain::AppError;
use passerelle::server::config::{Config, Settings};
use passerelle::server::db::Pool;
use passerelle::server::startup::Application;
use reqwest::header::{ACCEPT, COOKIE, ORIGIN};
use reqwest::{redirect, Client, RequestBuilder, Response};
use tempfile::TempDir;

pub const PASSWORD: &str = "river stone lantern 42";

/// A running app with its own database, and a browser-like client with a cookie jar.
pub struct TestApp {
    pub address: String,
    pub client: Client,
    /// The app's data folder (its SQLite file), removed when the test ends.
    _data: TempDir,
    database_url: String,
    /// A pool on the app's database for the test's own checks, opened on first use.
    pool: tokio::sync::OnceCell<Pool>,
}

/// Where the suite's PostgreSQL server listens, when the suite runs on PostgreSQL
/// (`postgres://user@host:port`, no database name); unset, it runs on SQLite.
pub const POSTGRES_ENV: &str = "PASSERELLE_TEST_POSTGRES";

/// A new, empty database for one test: a file in `data` on SQLite, or a database of its
/// own on the suite's PostgreSQL server.
pub async fn fresh_database_url(data: &std::path::Path) -> String {
    use sqlx::Connection;
    let Ok(server) = std::env::var(POSTGRES_ENV) else {
        return format!("sqlite://{}/passerelle.db", data.display());
    };
    let name = format!("test_{:016x}", rand::random::<u64>());
    let mut admin = sqlx::postgres::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("a test database is created");
    let _ = admin.close().await;
    format!("{server}/{name}")
}

/// Starts the app on a random port with a fresh database in a temporary folder.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with some settings changed first.
pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    // `PASSERELLE_TEST_LOG=passerelle=debug` shows the servers' logs beside a failure.
    if let Ok(filter) = std::env::var("PASSERELLE_TEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_test_writer()
            .try_init();
    }
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut settings = Settings {
        site_addr: "127.0.0.1:0".parse().expect("an address"),
        data_dir: data.path().to_path_buf(),
        database_url: None,
        log: "warn".into(),
        public_url: None,
        site_root: "target/site".into(),
        smtp_url: None,
        mail_dir: None,
        mail_from: "Passerelle <no-reply@passerelle.invalid>".into(),
        // Each client of the suite is a person of their own, at an address of their own
        // (see `new_client`): the loopback is the proxy that tells the server who.
        trusted_proxies: vec![std::net::Ipv4Addr::LOCALHOST.into()],
        // The suite reads the directories far faster than a person: off here, and
        // tested on its own (rate_limits.rs).
        directory_pages_per_hour: 0,
    };
    change(&mut settings);
    if settings.database_url.is_none() {
        settings.database_url = Some(fresh_database_url(data.path()).await);
    }
    let database_url = settings.database_url.clone().unwrap_or_default();
    let config = Config::from_settings(&settings).expect("valid settings");
    let app = Application::build(&config).await.expect("the app builds");
    let address = format!("http://127.0.0.1:{}", app.port().expect("a port"));
    tokio::spawn(app.run());
    TestApp::new(address, data, database_url)
}

/// A handle on a server the test runs itself, as a process of the `passerelle` binary,
/// at `address` on the SQLite database in `data`.
pub fn process_app(address: String, data: TempDir) -> TestApp {
    let database_url = format!("sqlite://{}/passerelle.db", data.path().display());
    TestApp::new(address, data, database_url)
}

impl TestApp {
    fn new(address: String, data: TempDir, database_url: String) -> Self {
        Self {
            address,
            client: new_client(),
            _data: data,
            database_url,
            pool: tokio::sync::OnceCell::new(),
        }
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &std::path::Path {
        self._data.path()
    }
}

/// Starts the `passerelle` binary on `app`'s data folder (from [`process_app`]), logging
/// at `log` to `stderr`, and waits until it answers.
pub async fn start_server(
    app: &TestApp,
    address: &str,
    log: &str,
    stderr: std::process::Stdio,
) -> std::process::Child {
    let data = app.data_dir();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("serve")
        .env("PASSERELLE_DATA_DIR", data)
        .env("PASSERELLE_MAIL_DIR", data.join("mail"))
        .env("PASSERELLE_LOG", log)
        .env("PASSERELLE_DIRECTORY_PAGES_PER_HOUR", "0")
        .env("PASSERELLE_TRUSTED_PROXIES", "127.0.0.1")
        .env("LEPTOS_SITE_ADDR", address)
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("the server starts");
    let probe = new_client();
    for _ in 0..300 {
        if let Ok(response) = probe.get(app.url("/healthz")).send().await {
            if response.status().is_success() {
                return child;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not answer within 15 s of its start");
}

/// A free port on the loopback interface, for a server the test starts itself.
pub fn free_address() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    format!("127.0.0.1:{port}")
}

/// A client that keeps cookies and does not follow redirects, as a person of their own:
/// its requests come from an address of their own (a random one in 10.0.0.0/8, which the
/// loopback proxy names in `X-Forwarded-For`), so the limits per client address meet
/// what they would meet in the world, not one address for the whole suite.
pub fn new_client() -> Client {
    client_at(std::net::Ipv4Addr::from(
        0x0a00_0000 | (rand::random::<u32>() >> 8),
    ))
}

/// A client whose requests come from `address`: several people behind one address (an
/// office, a campus, a scraper's many accounts).
pub fn client_at(address: std::net::Ipv4Addr) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        address
            .to_string()
            .parse()
            .expect("an address is a header value"),
    );
    Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .expect("a client")
}

impl TestApp {
    /// The URL of this app's database, for commands that run beside the server.
    pub fn database_url(&self) -> String {
        self.database_url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls a server function as the hydrated app does (JSON answer, same origin).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        self.try_call(client, endpoint, form)
            .await
            .expect("the request is sent")
    }

    /// Like [`TestApp::call`], but `None` when no answer came (the server died).
    pub async fn try_call<F: serde::Serialize + ?Sized>(
        &self,
        client: &Client,
        endpoint: &str,
        form: &F,
    ) -> Option<Response> {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ORIGIN, &self.address)
            .header(ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .ok()
    }

    pub async fn register(&self, client: &Client, email: &str, name: &str) -> Response {
        let form = [
            ("email", email),
            ("display_name", name),
            ("password", PASSWORD),
        ];
        self.call(client, "register", &form).await
    }

    pub async fn log_in(&self, client: &Client, email: &str, password: &str) -> Response {
        self.call(client, "login", &[("email", email), ("password", password)])
            .await
    }

    /// Renders a page and returns its HTML.
    ///
    /// The stalls this suite used to meet came from listing the routes of each test's
    /// app while other tests rendered (upstream leptos-rs/leptos#4773); the routes are
    /// now listed once per process (`startup::page_routes`). Leptos 0.8.23 can still,
    /// rarely, leave a page unfinished (upstream #4851, one resource read in two
    /// suspenses); such a page times out here (or, for a visitor's page, the page cache
    /// answers 503 after 15 s) and is asked for once more, loudly, so the run neither
    /// hangs nor hides it.
    pub async fn page(&self, client: &Client, path: &str) -> String {
        self.page_by(path, || client.get(self.url(path))).await
    }

    /// Renders a page for a request carrying only this `Cookie` header (no cookie jar),
    /// as a replayed or stolen cookie would arrive.
    pub async fn page_with_cookie(&self, cookie: &str, path: &str) -> String {
        let client = new_client();
        self.page_by(path, || client.get(self.url(path)).header(COOKIE, cookie))
            .await
    }

    /// Renders a page for the request `request` builds (headers of the test's choosing),
    /// with the same timeout and one retry as [`TestApp::page`].
    pub async fn page_by(&self, path: &str, request: impl Fn() -> RequestBuilder) -> String {
        for attempt in 1..=2 {
            let body = match request().send().await {
                // The page cache answers 503 for a visitor's page whose render stalled.
                Ok(response) if response.status() == 503 && attempt == 1 => {
                    eprintln!("WARNING: {path} answered 503 (a stalled render); asking again");
                    continue;
                }
                Ok(response) => response.text().await,
                Err(error) => Err(error),
            };
            match body {
                Ok(body) => return body,
                Err(error) if error.is_timeout() && attempt == 1 => {
                    eprintln!("WARNING: {path} did not finish streaming in 20 s; asking again");
                }
                Err(error) => panic!("{path} failed: {error}"),
            }
        }
        unreachable!("the loop returns or panics")
    }
}

/// The error a refused server function call carries.
pub async fn app_error(response: Response) -> AppError {
    assert!(
        !response.status().is_success(),
        "expected a refusal, got {}",
        response.status()
    );
    response.json::<AppError>().await.expect("an AppError body")
}

/// True when the call succeeded (a redirect counts: it is how server functions say where to go).
pub fn succeeded(response: &Response) -> bool {
    response.status().is_success() || response.status().is_redirection()
}

/// A profile form, as the edit page sends it; `fields` override the defaults.
pub fn profile_form<'a>(name: &'a str, fields: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = vec![
        ("display_name".into(), name.into()),
        ("visibility".into(), "public".into()),
        ("origin_visibility".into(), "public".into()),
        ("city_visibility".into(), "hidden".into()),
        ("contact_visibility".into(), "hidden".into()),
    ];
    for (key, value) in fields {
        if !key.ends_with("[]") {
            form.retain(|(k, _)| k != key);
        }
        form.push(((*key).into(), (*value).into()));
    }
    form.into_iter()
        .map(|(k, v)| match k.strip_suffix("[]") {
            Some(list) => (format!("profile[{list}][]"), v),
            None => (format!("profile[{k}]"), v),
        })
        .collect()
}

impl TestApp {
    /// Registers and confirms an account on a new client and returns the signed-in client.
    pub async fn member(&self, email: &str, name: &str) -> Client {
        let client = new_client();
        self.join(&client, email, name).await;
        client
    }

    /// Calls a server function with owned form pairs.
    pub async fn call_owned(
        &self,
        client: &Client,
        endpoint: &str,
        form: &[(String, String)],
    ) -> Response {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.call(client, endpoint, &pairs).await
    }

    /// Saves a profile for the signed-in client, asserting success.
    pub async fn save_profile(&self, client: &Client, name: &str, fields: &[(&str, &str)]) {
        let response = self
            .call_owned(client, "save_profile", &profile_form(name, fields))
            .await;
        assert!(
            succeeded(&response),
            "saving the profile of {name} failed: {}",
            response.status()
        );
    }

    /// One page of the member directory as `client` sees it.
    pub async fn members(
        &self,
        client: &Client,
        query: &[(&str, &str)],
    ) -> passerelle::domain::DirectoryPage<passerelle::domain::MemberCard> {
        let mut form: Vec<(String, String)> = vec![("query[page]".into(), "1".into())];
        form.retain(|(k, _)| !query.iter().any(|(q, _)| format!("query[{q}]") == *k));
        form.extend(
            query
                .iter()
                .map(|(k, v)| (format!("query[{k}]"), (*v).to_owned())),
        );
        let response = self.call_owned(client, "members", &form).await;
        assert!(
            response.status().is_success(),
            "directory call failed: {}",
            response.status()
        );
        response.json().await.expect("a directory page")
    }

    /// An open connection to this app's database, for checks and set-up the UI does not offer.
    pub async fn db(&self) -> Pool {
        self.pool
            .get_or_init(|| async {
                passerelle::server::db::connect(&self.database_url())
                    .await
                    .expect("the database opens")
            })
            .await
            .clone()
    }

    /// The newest email queued for `to`: its subject and body.
    pub async fn last_mail(&self, to: &str) -> Option<(String, String)> {
        sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(to)
        .fetch_optional(&self.db().await)
        .await
        .expect("the outbox")
    }

    /// Every email queued for `to`, oldest first: subject and body.
    pub async fn mails(&self, to: &str) -> Vec<(String, String)> {
        sqlx::query_as("SELECT subject, body FROM outbox WHERE to_address = $1 ORDER BY id")
            .bind(to)
            .fetch_all(&self.db().await)
            .await
            .expect("the outbox")
    }

    /// The path of the link to `prefix…` in the newest email to `to`, as the person clicks it.
    pub async fn link_in_mail(&self, to: &str, prefix: &str) -> Option<String> {
        // Links start with the public address, here `http://127.0.0.1:0` (the configured
        // port); the path is what the person's browser asks for.
        let (_, body) = self.last_mail(to).await?;
        body.lines()
            .filter(|line| line.starts_with("http://"))
            .find_map(|line| line.find(prefix).map(|at| line[at..].to_owned()))
    }

    /// Follows the confirmation link in the newest email to `to` (one click on its page).
    pub async fn confirm_address(&self, to: &str) -> Response {
        let link = self
            .link_in_mail(to, "/account/confirm/")
            .await
            .unwrap_or_else(|| panic!("no confirmation link was sent to {to}"));
        let token = link.trim_start_matches("/account/confirm/");
        self.call(&new_client(), "confirm_email", &[("token", token)])
            .await
    }

    /// Registers `email` on `client`, confirms it from its email, and logs in: a member
    /// as anyone who joined gets one.
    pub async fn join(&self, client: &Client, email: &str, name: &str) {
        let response = self.register(client, email, name).await;
        assert!(
            succeeded(&response),
            "registration of {email} failed: {}",
            response.status()
        );
        let confirmed = self.confirm_address(email).await;
        assert!(
            succeeded(&confirmed),
            "confirming {email} failed: {}",
            confirmed.status()
        );
        let logged_in = self.log_in(client, email, PASSWORD).await;
        assert!(
            succeeded(&logged_in),
            "logging in as {email} failed: {}",
            logged_in.status()
        );
    }

    /// Makes an account a moderator.
    pub async fn make_moderator(&self, email: &str) {
        sqlx::query("UPDATE users SET role = 'moderator' WHERE email = $1")
            .bind(email)
            .execute(&self.db().await)
            .await
            .expect("role updated");
    }

    /// The id of the account with this email.
    pub async fn user_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.db().await)
            .await
            .expect("the account exists")
    }
}

impl TestApp {
    /// Posts a multipart form with one file (`field`, as PNG) and text fields, as a browser would.
    pub async fn upload(
        &self,
        client: &Client,
        path: &str,
        field: &str,
        bytes: Vec<u8>,
        text: &[(&str, &str)],
    ) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("upload.png")
            .mime_str("image/png")
            .expect("a valid mime type");
        let mut form = reqwest::multipart::Form::new().part(field.to_owned(), part);
        for (name, value) in text {
            form = form.text((*name).to_owned(), (*value).to_owned());
        }
        client
            .post(self.url(path))
            .header("Origin", &self.address)
            .multipart(form)
            .send()
            .await
            .expect("the upload was sent")
    }
}

/// A plain PNG of `width` × `height` pixels.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(width, height, image::Rgb([10, 120, 90]))
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("encodes");
    png.into_inner()
}

/// Where a redirect points.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The nonce a page's policy names.
pub fn page_nonce(response: &Response) -> String {
    let policy = response
        .headers()
        .get(reqwest::header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .expect("a page carries its policy");
    let start = policy.find("'nonce-").expect("the policy names a nonce") + "'nonce-".len();
    let len = policy[start..].find('\'').expect("a quoted nonce");
    policy[start..start + len].to_owned()
}
