//! Server functions: thin adapters from HTTP (or an in-process call during
//! server rendering) to the plain functions in `server`.

pub mod auth;
