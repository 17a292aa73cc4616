#!/usr/bin/env bash
# Installs what building and testing Passerelle needs, on a Debian machine that has
# rustup and the package registries. Safe to run again: it installs only what is missing.
#
#   scripts/setup.sh                everything (tests included)
#   scripts/setup.sh --no-browser   everything but Chromium and PostgreSQL (enough to run
#                                   the app on its embedded SQLite)
#
# The npm packages and the Debian packages (Chromium, PostgreSQL) install in the
# background while cargo compiles the build tools: downloads and dpkg barely use the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
# The wasm-bindgen CLI must be exactly the version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
with_browser=1
[ "${1:-}" = "--no-browser" ] && with_browser=0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

logs=$(mktemp -d)
pids=()
names=()
trap 'rm -rf "$logs"' EXIT
# Runs "$@" in the background, its output kept in a log shown only if it fails.
background() {
  local name=$1
  shift
  say "$name (in the background)"
  "$@" >"$logs/${#pids[@]}.log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

# Chromium for the browser tests, PostgreSQL (server and contrib, for unaccent) for the
# integration tests' second backend. Running the app does not need them, so
# `--no-browser` asks for no root rights. (The cluster demo and the benchmark install
# nginx-light themselves.)
debian=()
if [ "$with_browser" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || debian+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || debian+=(postgresql postgresql-contrib)
fi
if [ "${#debian[@]}" -gt 0 ]; then
  background "Installing Debian's ${debian[*]}" as_root sh -c \
    "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${debian[*]}"
fi

# npm: wasm-opt (binaryen), Playwright, axe-core, and the world map data the server embeds.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  background "Installing npm tools: wasm-opt (binaryen), Playwright, axe-core, world-atlas" \
    env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# Both tools only orchestrate (cargo-leptos) or rewrite one file per build (wasm-bindgen):
# built without optimisation or debug info they install in a fraction of the time, and
# cost a few seconds per build. Installs build in cargo's own temporary folder, never in
# a CARGO_TARGET_DIR meant for the project.
quick_install() {
  env -u CARGO_TARGET_DIR CARGO_PROFILE_DEV_DEBUG=0 cargo install --debug "$@"
}

if ! cargo leptos --version 2>/dev/null | grep -qF "$CARGO_LEPTOS_VERSION"; then
  say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 6 minutes on 2 cores)"
  quick_install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 1 minute)"
  # Not --locked: one of its locked dependencies is missing from the registry mirror.
  quick_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    printf '\033[1m==> %s failed:\033[0m\n' "${names[$i]}"
    cat "$logs/$i.log"
    failed=1
  fi
done
exit "$failed"
