#!/usr/bin/env bash
# Sets up what is missing, then runs every check: formatting, clippy for the server
# and the browser (wasm32), unit and integration tests, and browser tests with
# JavaScript on and off against the release build. Prints each step's time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/steps.sh
data_dir=$(mktemp -d)
trap 'status=$?; rm -rf "$data_dir"; steps_report "$status"' EXIT

step "Setup (tools that are missing)"
scripts/setup.sh
. scripts/env.sh

# On CI (a fresh clone, built once) incremental caches only cost time and tens of GB of disk.
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi

step "Formatting"
cargo fmt --all --check

step "Clippy: server (ssr)"
cargo clippy --features ssr --all-targets -- -D warnings

step "Clippy: browser (hydrate, wasm32)"
cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "Test build (ssr)"
cargo test --features ssr --no-run

step "Unit and integration tests"
cargo test --features ssr

step "Release build (server and wasm)"
cargo leptos build --release

step "Demo data"
PASSERELLE_DATA_DIR="$data_dir" target/release/passerelle seed --demo

step "Browser tests (JavaScript on and off)"
PASSERELLE_DATA_DIR="$data_dir" PASSERELLE_LOG=warn cargo leptos end-to-end --release
