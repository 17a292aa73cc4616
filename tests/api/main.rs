//! Integration tests: the real app on port 0, a fresh SQLite database per test, HTTP only.

mod accounts;
mod admin;
mod delivery;
mod directory;
mod helpers;
mod import;
mod introductions;
mod isolation;
mod needs;
mod no_javascript;
mod organizations;
mod page_cache;
mod profiles;
mod security;
mod spotlights;
mod visibility;
