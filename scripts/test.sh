#!/usr/bin/env bash
# Sets up what is missing, then runs every check: formatting, clippy for the server
# and the browser (wasm32), unit and integration tests on SQLite and PostgreSQL, the
# front end's bundle budget, and browser tests with JavaScript on and off. Prints each
# step's time at the end.
#
# How it stays fast (docs/ci.md has the measurements):
# - Leptos views are type-erased (`--cfg erase_components`) in every build: the debug
#   test build here (without it the crate's debug library alone was 4.4 GB and every
#   test binary 3.5 GB) and the release build (`always-erase-components` in Cargo.toml:
#   a 29 % smaller hydrate bundle, and the server renders what the browser hydrates).
# - One build of the server: the test build. It runs the tests on both databases and
#   serves the browser tests (its `passerelle` binary, from the very code and flags the
#   tests ran). A release build of the server would compile its 400 dependencies and
#   this crate a second time, about a third of the run, to run the same code faster.
# - One release build of the front end, the bundle users download: started first, in
#   the background, beside clippy and the tests (scripts/release.sh); the bundle budget
#   and the browser tests use it.
# - On CI the target directory lives outside the clone (a reused cache, bounded).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/steps.sh
. scripts/serve.sh
. scripts/postgres.sh
. scripts/release.sh
data_dir=$(mktemp -d)
pg_dir=$(mktemp -d)
build_logs=$(mktemp -d)
server_dir=$(mktemp -d)
server_pid=""
cleanup() {
  local status=$?
  release_stop
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  pg_stop
  rm -rf "$data_dir" "$pg_dir" "$build_logs" "$server_dir"
  steps_report "$status"
}
trap cleanup EXIT

step "Setup (tools that are missing)"
scripts/setup.sh
. scripts/env.sh

if [ "${CI:-}" = "true" ]; then
  # A fresh clone is built once: incremental caches would only cost time and disk.
  export CARGO_INCREMENTAL=0
  # Reuse what an earlier run on this machine compiled; cargo's fingerprints decide
  # what is stale. Nothing depends on it being there: a new machine simply starts cold.
  export CARGO_TARGET_DIR="${PASSERELLE_CI_TARGET:-$HOME/.cache/passerelle/ci-target}"
  mkdir -p "$CARGO_TARGET_DIR"
  echo "Build cache: $CARGO_TARGET_DIR ($(du -sh "$CARGO_TARGET_DIR" | cut -f1))"
fi
target_dir="${CARGO_TARGET_DIR:-target}"

# For clippy (ssr), the test build and its run, which then share their build scripts and
# proc macros; cargo-leptos sets its own flags for the release build.
tests() { RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components" "$@"; }

step "Formatting"
cargo fmt --all --check

step "Release build of the front end started (in the background)"
release_start "$build_logs"

step "Clippy: server (ssr)"
tests cargo clippy --features ssr --all-targets -- -D warnings

step "Clippy: browser (hydrate, wasm32)"
cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "Test build (ssr, views type-erased)"
tests cargo test --features ssr --no-run

step "Unit and integration tests (SQLite)"
tests cargo test --features ssr

# The same test build again, on a throwaway PostgreSQL server: the backend is chosen
# at run time by the database URL, so nothing is compiled twice.
step "Integration tests on PostgreSQL"
pg_start "$pg_dir"
PASSERELLE_TEST_POSTGRES="$pg_url" tests cargo test --features ssr --test api
pg_stop

step "Release build of the front end (what remains of it after the tests)"
release_wait

step "Bundle budget (brotli .wasm + .js)"
scripts/bundle-budget.sh

# The test build's server, with the record of the front end's hashed file names that the
# release build left beside the release binary (src/server/assets.rs reads it there).
cp "$target_dir/debug/passerelle" "$target_dir/release/hash.txt" "$server_dir/"

step "Demo data"
PASSERELLE_DATA_DIR="$data_dir" "$server_dir/passerelle" seed --demo

step "Browser tests (JavaScript on and off)"
address=127.0.0.1:3000
serve_release "$data_dir" "$address" "$server_dir/passerelle"
(cd end2end && BASE_URL="http://$address" MAIL_DIR="$data_dir/mail" npx playwright test)
kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
server_pid=""

if [ "${CI:-}" = "true" ]; then
  step "Build cache upkeep"
  # Old dependency versions pile up as Cargo.lock changes: past the bound, start over.
  limit_gb="${PASSERELLE_CI_CACHE_GB:-20}"
  used_kb=$(du -sk "$CARGO_TARGET_DIR" | cut -f1)
  echo "Build cache: $((used_kb / 1024 / 1024)) GB of at most $limit_gb GB"
  if [ "$used_kb" -gt $((limit_gb * 1024 * 1024)) ]; then
    echo "Over the bound: emptied; the next run starts cold."
    rm -rf "$CARGO_TARGET_DIR"
  fi
fi
