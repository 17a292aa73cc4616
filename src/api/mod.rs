//! Server functions: thin adapters from HTTP to `server/`, one file per domain.

pub mod auth;
pub mod follow_up;
pub mod freshness;
pub mod introductions;
pub mod map;
pub mod meetings;
pub mod moderation;
pub mod needs;
pub mod org_people;
pub mod organizations;
pub mod profiles;
pub mod spotlights;
