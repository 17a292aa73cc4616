//! Builds the application from its configuration: database, sessions, routes, layers.

use crate::app::{shell, App};
use crate::server::auth::password;
use crate::server::config::Config;
use crate::server::db::Pool;
use crate::server::introductions::Mailer;
use crate::server::mail::{self, Transport};
use crate::server::state::AppState;
use crate::server::{
    assets, db, handlers, health, locale, page_cache, rate_limit, request, security,
};
use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use tokio::net::TcpListener;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tower_sessions::cookie::{time::Duration, Key, SameSite};
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "passerelle_session";

/// A built application, bound to its port and ready to serve.
pub struct Application {
    listener: TcpListener,
    router: Router,
    /// On SQLite, held while the app serves, so that no restore swaps the file under it.
    serving: Option<db::serving::ServingLock>,
}

impl Application {
    /// Opens and migrates the database, prepares sessions and binds the listener.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let serving = match db::Dialect::of_url(&config.database_url) {
            Some(db::Dialect::Sqlite) => Some(db::serving::ServingLock::serve(
                &db::serving::sqlite_file(&config.database_url)?,
            )?),
            _ => None,
        };
        let pool = db::connect(&config.database_url).await?;
        db::migrate(&pool).await?;
        let sessions = session_layer(&pool, &config.database_url, config.secure_cookies).await?;
        let state = AppState {
            db: pool,
            leptos_options: config.leptos_options(),
            dummy_hash: password::dummy().await?,
            matching: Arc::default(),
            directory: Arc::default(),
            page_cache: Arc::default(),
            trusted_proxies: Arc::new(config.trusted_proxies.clone()),
            directory_limits: rate_limit::DirectoryLimits::new(config.directory_pages_per_hour),
            mailer: Mailer {
                public_url: config.public_url.clone(),
                wake: Arc::default(),
            },
        };
        tokio::spawn(build_indexes(state.clone()));
        tokio::spawn(expire_hourly(state.clone()));
        tokio::spawn(prune_change_log(state.clone()));
        let transport = Transport::from_settings(
            config.smtp_url.as_deref(),
            &config.mail_dir,
            &config.mail_from,
        )?;
        tracing::info!(transport = ?transport, "outgoing email");
        tokio::spawn(mail::run_worker(
            state.db.clone(),
            Arc::new(transport),
            state.mailer.wake.clone(),
        ));
        let listener = TcpListener::bind(config.site_addr)
            .await
            .with_context(|| format!("Failed to listen on {}", config.site_addr))?;
        Ok(Self {
            listener,
            router: router(state, sessions),
            serving,
        })
    }

    /// The port actually bound (useful when the configuration asked for port 0).
    pub fn port(&self) -> anyhow::Result<u16> {
        Ok(self
            .listener
            .local_addr()
            .context("The listener has no address")?
            .port())
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run(self) -> anyhow::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("The server stopped with an error");
        drop(self.serving);
        served
    }
}

/// Server-side sessions in the database; the cookie holds only a signed id.
async fn session_layer(
    pool: &Pool,
    url: &str,
    secure: bool,
) -> anyhow::Result<SessionManagerLayer<db::sessions::Store, tower_sessions::service::SignedCookie>>
{
    let store = db::sessions::Store::open(pool, url).await?;
    tokio::spawn(
        store
            .clone()
            .continuously_delete_expired(tokio::time::Duration::from_secs(3600)),
    );
    let key = db::secrets::get_or_create(pool, "session_signing_key", 64, db::now()).await?;
    Ok(SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(Duration::days(14)))
        .with_signed(Key::from(&key)))
}

/// Builds the in-memory indexes at start-up, side by side and beside the server (which
/// answers from SQL until they are ready), and tries again if the database fails meanwhile.
async fn build_indexes(state: AppState) {
    async fn timed(
        name: &'static str,
        work: impl std::future::Future<Output = anyhow::Result<()>>,
    ) -> anyhow::Result<()> {
        let began = std::time::Instant::now();
        let outcome = work.await;
        tracing::info!(
            index = name,
            ms = began.elapsed().as_millis(),
            "index built"
        );
        outcome
    }
    let started = std::time::Instant::now();
    loop {
        let (directory, matching) = tokio::join!(
            timed("directory", state.directory.refresh(&state.db)),
            timed("matching", state.matching.refresh(&state.db)),
        );
        match directory.and(matching) {
            Ok(()) => break,
            Err(error) => {
                tracing::error!(error = ?error, "building the indexes failed; trying again in 5 s");
                tokio::time::sleep(tokio::time::Duration::from_secs(5)).await;
            }
        }
    }
    tracing::info!(
        members = state.directory.members.len(),
        organizations = state.directory.organizations.len(),
        needs = state.directory.needs.len(),
        directory_mib = state.directory.heap_bytes() / (1 << 20),
        ms = started.elapsed().as_millis(),
        "directory and matching indexes built"
    );
}

/// Hourly, on every server (each expiry happens once, whoever sweeps first): needs past
/// their deadline close (readers already see them expired), and introduction requests
/// left unanswered for two weeks expire, both sides told; both sides of a meeting less
/// than a day away are reminded of it; and owners of profiles and
/// organizations nobody confirmed for a year are reminded, warned or delisted.
async fn expire_hourly(state: AppState) {
    let mut hourly = tokio::time::interval(tokio::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        if let Err(error) = crate::server::needs::close_expired(&state.db).await {
            tracing::error!(error = ?error, "closing expired needs failed");
        }
        let now = crate::server::db::now();
        match crate::server::introductions::expire_unanswered(&state.db, &state.mailer, now).await {
            Ok(0) => {}
            Ok(expired) => tracing::info!(expired, "unanswered introduction requests expired"),
            Err(error) => tracing::error!(error = ?error, "expiring introduction requests failed"),
        }
        match crate::server::introductions::meetings::remind_due(&state.db, &state.mailer, now)
            .await
        {
            Ok(0) => {}
            Ok(reminded) => tracing::info!(reminded, "meeting reminders sent"),
            Err(error) => tracing::error!(error = ?error, "meeting reminders failed"),
        }
        match crate::server::freshness::sweep(&state.db, &state.mailer, now).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "freshness reminders and notices sent"),
            Err(error) => tracing::error!(error = ?error, "the freshness sweep failed"),
        }
    }
}

/// Keeps the change log to its latest changes, deletes expired account links and forgets
/// idle readers of the directory's rate limits, hourly
/// (every server does; the mark only moves forward, so two at once are harmless).
async fn prune_change_log(state: AppState) {
    let pool = state.db;
    let mut hourly = tokio::time::interval(tokio::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        match db::changes::prune(&pool, db::changes::KEEP).await {
            Ok(0) => {}
            Ok(gone) => tracing::info!(gone, "change log pruned"),
            Err(error) => tracing::error!(error = ?error, "pruning the change log failed"),
        }
        if let Err(error) = db::tokens::prune(&pool, db::now()).await {
            tracing::error!(error = ?error, "deleting expired account links failed");
        }
        if let Some(limits) = &state.directory_limits {
            limits.forget_idle();
        }
    }
}

/// The pages' routes, listed once per process.
///
/// Listing them runs the app with resource loading suspended by a process-wide flag
/// (leptos_server's `SuppressResourceLoad`): a resource first polled on another thread
/// meanwhile waits forever and its page never finishes (upstream leptos-rs/leptos#4773).
/// Listed once, before any server of the process answers, nothing renders while the
/// flag is up — also in the test suite, where many apps start side by side.
///
/// The catch-all 404 route is left out: it renders through the fallback instead, so
/// that static files (the WASM bundle, CSS, favicon) are found before it.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES
        .get_or_init(|| {
            generate_route_list(App)
                .into_iter()
                .filter(|route| !route.path().contains('*'))
                .collect()
        })
        .clone()
}

/// The paths of the pages, as the router declares them (`/members/:id`), for the
/// authorization matrix's check that every page has a row.
pub fn page_paths() -> Vec<String> {
    page_routes()
        .iter()
        .map(|route| route.path().replace('{', ":").replace('}', ""))
        .collect()
}

/// The one route table.
fn router(
    state: AppState,
    sessions: SessionManagerLayer<db::sessions::Store, tower_sessions::service::SignedCookie>,
) -> Router {
    let routes = page_routes();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::check))
        .route("/locale/{code}", get(locale::switch))
        .route(
            "/me/photo",
            post(handlers::photo::upload).layer(DefaultBodyLimit::max(3 * 1024 * 1024)),
        )
        .route("/members/{id}/photo", get(handlers::photo::show))
        .route(
            "/spotlights/{slug}/image",
            get(handlers::spotlight_image::show)
                .post(handlers::spotlight_image::upload)
                .layer(DefaultBodyLimit::max(3 * 1024 * 1024)),
        )
        .route(
            "/organizations/{slug}/logo",
            get(handlers::org_logo::show)
                .post(handlers::org_logo::upload)
                .layer(DefaultBodyLimit::max(3 * 1024 * 1024)),
        )
        .route("/organizations.csv", get(handlers::export::csv))
        .route("/organizations.json", get(handlers::export::json))
        .route("/account/data.json", get(handlers::my_data::json))
        .route(
            "/introductions/{id}/meeting.ics",
            get(handlers::meeting::ics),
        )
        .route("/account/data.zip", get(handlers::my_data::zip))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(request::remember_user))
        // Inside the sessions: a signed-in reader is counted by account.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::directory,
        ))
        .layer(sessions)
        // Outside the sessions: a visitor's page served from the cache touches no session.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_cache::serve,
        ))
        .layer(middleware::from_fn(security::same_origin))
        .layer(middleware::from_fn(security::headers))
        .layer(middleware::from_fn(assets::cache_lifetimes))
        .layer(assets::compression())
        .layer(middleware::from_fn(request::keep_span))
        // Leptos answers every server-function error with 500, refused input included;
        // real failures are logged with their cause where they happen (server::error).
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_failure(DefaultOnFailure::new().level(Level::DEBUG)),
        )
        .with_state(state)
}

/// The span a request is logged under: its method and path, with the token of an emailed
/// link left out, and never the query string (search words, form values); once known,
/// the signed-in account's number (`account`, recorded by `auth::KnownUser`). At info,
/// so that the refusals and audit events logged inside it say who and what.
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
        account = tracing::field::Empty,
    )
}

/// A path as the log may show it: the last segment of a link's path is its secret.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for secret in ["/account/confirm/", "/password/reset/", "/still-accurate/"] {
        if path.starts_with(secret) {
            return format!("{secret}…").into();
        }
    }
    path.into()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %error, "failed to listen for Ctrl-C");
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => tracing::error!(error = %error, "failed to listen for SIGTERM"),
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
