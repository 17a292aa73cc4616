use passerelle::domain::AppError;
use passerelle::server::config::{Config, Settings};
use passerelle::server::startup::Application;
use reqwest::header::{ACCEPT, ORIGIN};
use reqwest::{redirect, Client, Response};
use tempfile::TempDir;

pub const PASSWORD: &str = "river stone lantern 42";

/// A running app with its own database, and a browser-like client with a cookie jar.
pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub data: TempDir,
}

/// Starts the app on a random port with a fresh database in a temporary folder.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with some settings changed first.
pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut settings = Settings {
        site_addr: "127.0.0.1:0".parse().expect("an address"),
        data_dir: data.path().to_path_buf(),
        database_url: None,
        log: "warn".into(),
        public_url: None,
        site_root: "target/site".into(),
    };
    change(&mut settings);
    let config = Config::from_settings(&settings).expect("valid settings");
    let app = Application::build(&config).await.expect("the app builds");
    let address = format!("http://127.0.0.1:{}", app.port().expect("a port"));
    tokio::spawn(app.run());
    TestApp {
        address,
        client: new_client(),
        data,
    }
}

/// A client that keeps cookies and does not follow redirects.
pub fn new_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .build()
        .expect("a client")
}

impl TestApp {
    /// The URL of this app's database, for commands that run beside the server.
    pub fn database_url(&self) -> String {
        format!("sqlite://{}/passerelle.db", self.data.path().display())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Calls a server function as the hydrated app does (JSON answer, same origin).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ORIGIN, &self.address)
            .header(ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("the request is sent")
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
    pub async fn page(&self, client: &Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("the page request is sent")
            .text()
            .await
            .expect("a body")
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
