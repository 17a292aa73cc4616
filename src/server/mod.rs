//! Everything that runs only on the server: configuration, database, accounts,
//! sessions, security layers and start-up. Nothing here knows about Leptos views.

pub mod assets;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod directory;
pub mod error;
pub mod freshness;
pub mod geo;
pub mod handlers;
pub mod health;
pub mod images;
pub mod introductions;
pub mod locale;
pub mod mail;
pub mod matching;
pub mod needs;
pub mod organizations;
pub mod page_cache;
pub mod policy;
pub mod privacy;
pub mod profiles;
pub mod rate_limit;
pub mod reference;
pub mod regions;
pub mod request;
pub mod security;
pub mod slugs;
pub mod spotlights;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod time_zones;
