//! Settings, read once at start-up from flags and environment variables.

use anyhow::{bail, Context};
use clap::Args;
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Settings given on the command line or in the environment.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub site_addr: SocketAddr,
    /// Folder for local data: the SQLite database by default.
    #[arg(
        long,
        env = "PASSERELLE_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Database URL, `sqlite:` or `postgres://`; defaults to `sqlite://<data-dir>/passerelle.db`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Log filter, in `tracing` syntax (e.g. `info`, `passerelle=debug`).
    #[arg(long, env = "PASSERELLE_LOG", default_value = "info", global = true)]
    pub log: String,
    /// The address people use to reach the site; `https://` makes cookies Secure.
    #[arg(long, env = "PASSERELLE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Folder holding the compiled site (JS, WASM, CSS, public files).
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
    /// SMTP server for outgoing email, e.g. `smtps://user:password@mail.example.org`;
    /// without it, email is written as files to the mail folder.
    #[arg(
        long,
        env = "PASSERELLE_SMTP_URL",
        global = true,
        hide_env_values = true
    )]
    pub smtp_url: Option<String>,
    /// Folder where email is written when no SMTP server is set; defaults to `<data-dir>/mail`.
    #[arg(long, env = "PASSERELLE_MAIL_DIR", global = true)]
    pub mail_dir: Option<PathBuf>,
    /// The sender of outgoing email.
    #[arg(
        long,
        env = "PASSERELLE_MAIL_FROM",
        default_value = "Passerelle <no-reply@passerelle.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// Addresses of the reverse proxies in front (load balancers), comma-separated:
    /// for a request from one of them, the client is the address it appends to
    /// `X-Forwarded-For`. Without it every client behind a proxy would share one address
    /// for throttling.
    #[arg(
        long,
        env = "PASSERELLE_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Directory pages (and profiles) one account may read per hour, per app server;
    /// visitors without an account get half, one client address four times as much.
    /// 0 turns the limit off (benchmarks).
    #[arg(
        long,
        env = "PASSERELLE_DIRECTORY_PAGES_PER_HOUR",
        default_value_t = 300,
        global = true
    )]
    pub directory_pages_per_hour: u32,
}

/// Validated configuration the application is built from.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub site_addr: SocketAddr,
    /// The database URL: `sqlite:` (the embedded default) or `postgres://`.
    pub database_url: String,
    /// The address people use to reach the site.
    pub public_url: String,
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Directory pages per account and hour (0: no limit).
    pub directory_pages_per_hour: u32,
    /// Whether cookies carry the Secure attribute.
    pub secure_cookies: bool,
    /// Folder holding the compiled site.
    pub site_root: String,
    /// Where email goes.
    pub smtp_url: Option<String>,
    /// Where email is written when there is no SMTP server.
    pub mail_dir: PathBuf,
    /// The sender of outgoing email.
    pub mail_from: String,
}

impl Config {
    /// Checks the settings and fills in defaults; fails with a message naming the bad setting.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let database_url = match &settings.database_url {
            Some(url) => url.clone(),
            None => {
                std::fs::create_dir_all(&settings.data_dir).with_context(|| {
                    format!(
                        "Failed to create the data folder {}",
                        settings.data_dir.display()
                    )
                })?;
                format!("sqlite://{}/passerelle.db", settings.data_dir.display())
            }
        };
        if crate::server::db::Dialect::of_url(&database_url).is_none() {
            bail!(
                "DATABASE_URL must be a sqlite: or postgres:// URL (got {:?})",
                crate::server::db::redacted(&database_url)
            );
        }
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", settings.site_addr));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            bail!("PASSERELLE_PUBLIC_URL must start with http:// or https:// (got {public_url:?})");
        }
        Ok(Self {
            site_addr: settings.site_addr,
            database_url,
            secure_cookies: public_url.starts_with("https://"),
            public_url,
            site_root: settings.site_root.clone(),
            smtp_url: settings.smtp_url.clone(),
            mail_dir: settings
                .mail_dir
                .clone()
                .unwrap_or_else(|| settings.data_dir.join("mail")),
            mail_from: settings.mail_from.clone(),
            trusted_proxies: settings.trusted_proxies.clone(),
            directory_pages_per_hour: settings.directory_pages_per_hour,
        })
    }

    /// The options Leptos needs to render pages and serve the bundle.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("passerelle")
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .hash_files(crate::server::assets::hashed_names())
            .hash_file(crate::server::assets::HASH_FILE.into())
            .build()
    }
}
