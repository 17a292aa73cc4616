//! Everything that runs only on the server: configuration, database, accounts,
//! sessions, security layers and start-up. Nothing here knows about Leptos views.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod health;
pub mod locale;
pub mod request;
pub mod security;
pub mod startup;
pub mod state;
pub mod telemetry;
