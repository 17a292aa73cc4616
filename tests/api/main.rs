//! Integration tests: the real app on port 0, a fresh database per test (SQLite, or
//! PostgreSQL when `PASSERELLE_TEST_POSTGRES` names a server), HTTP only.

mod accounts;
mod admin;
mod authorization;
mod backup;
mod cluster;
mod crash;
mod delivery;
mod directory;
mod follow_up;
mod freshness;
mod helpers;
mod import;
mod introductions;
mod isolation;
mod logs;
mod meetings;
mod migrate_data;
mod migrations;
mod needs;
mod no_javascript;
mod organizations;
mod page_cache;
mod presence;
mod privacy;
mod profiles;
mod rate_limits;
mod recovery;
mod security;
mod spotlights;
mod visibility;
