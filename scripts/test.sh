#!/usr/bin/env bash
# Sets up what is missing, then runs every check: formatting, clippy for the server
# and the browser (wasm32), unit and integration tests, and browser tests with
# JavaScript on and off against the release build. Prints each step's time at the end.
#
# How it stays fast (docs/ci.md has the measurements):
# - Clippy lints while the code compiles: clippy-driver is cargo's wrapper for this
#   crate only, so no dependency is compiled again for a separate `cargo clippy` check
#   pass (one for the server, one for wasm32, before).
# - The browser tests run the release binary that the release build made, instead of
#   `cargo leptos end-to-end`, which rebuilt and re-optimised the front end first.
# - On CI the target directory lives outside the clone (a reused cache, bounded).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/steps.sh
data_dir=$(mktemp -d)
server_pid=""
cleanup() {
  local status=$?
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$data_dir"
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

# Every compilation of this crate goes through clippy-driver, which lints, then builds.
# Warnings are errors, as with `cargo clippy -- -D warnings`.
RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

step "Formatting"
cargo fmt --all --check

step "Clippy (ssr) + test build: the app, unit and integration tests"
cargo test --features ssr --all-targets --no-run

step "Unit and integration tests"
cargo test --features ssr

step "Clippy (hydrate, wasm32) + release build: server and browser"
cargo leptos build --release

step "Demo data"
PASSERELLE_DATA_DIR="$data_dir" "$target_dir/release/passerelle" seed --demo

step "Browser tests (JavaScript on and off)"
address=127.0.0.1:3000
PASSERELLE_DATA_DIR="$data_dir" PASSERELLE_LOG=warn LEPTOS_SITE_ADDR="$address" \
  LEPTOS_SITE_ROOT=target/site "$target_dir/release/passerelle" serve &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://$address/healthz" && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped before it answered"; exit 1; }
  sleep 0.5
done
(cd end2end && BASE_URL="http://$address" npx playwright test)
kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
server_pid=""

if [ "${CI:-}" = "true" ]; then
  step "Build cache upkeep"
  # Old dependency versions pile up as Cargo.lock changes: past the bound, start over.
  limit_gb="${PASSERELLE_CI_CACHE_GB:-12}"
  used_kb=$(du -sk "$CARGO_TARGET_DIR" | cut -f1)
  echo "Build cache: $((used_kb / 1024 / 1024)) GB of at most $limit_gb GB"
  if [ "$used_kb" -gt $((limit_gb * 1024 * 1024)) ]; then
    echo "Over the bound: emptied; the next run starts cold."
    rm -rf "$CARGO_TARGET_DIR"
  fi
fi
