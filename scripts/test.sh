#!/usr/bin/env bash
# Sets up what is missing, then runs every check: formatting, clippy for the server
# and the browser (wasm32), unit and integration tests, and browser tests with
# JavaScript on and off against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

# On CI (a fresh clone, built once) incremental caches only cost time and tens of GB of disk.
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Formatting"
cargo fmt --all --check

step "Clippy: server (ssr)"
cargo clippy --features ssr --all-targets -- -D warnings

step "Clippy: browser (hydrate, wasm32)"
cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "Unit and integration tests"
cargo test --features ssr

step "Browser tests (release build on the demo data; JavaScript on and off)"
data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT
cargo leptos build --release
PASSERELLE_DATA_DIR="$data_dir" target/release/passerelle seed --demo
PASSERELLE_DATA_DIR="$data_dir" PASSERELLE_LOG=warn cargo leptos end-to-end --release
