#!/usr/bin/env bash
# Load with writers: the release server on a fresh demo community, held for SECONDS
# (default 60) at CONNECTIONS (default 128) by examples/load.rs — a quarter writing
# (profile edits, needs, introductions, log-ins), the rest reading lists and profiles —
# then every acknowledged write looked for in the database. Prints requests/s, p50/p99
# and errors by kind, and the lost writes; fails on any error or lost write. A script,
# not a test: it is not part of the test command.
#
#   scripts/load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/serve.sh
seconds=${1:-60}
connections=${2:-128}
target_dir=${CARGO_TARGET_DIR:-target}
bin=$target_dir/release/passerelle
[ -x "$bin" ] || cargo leptos build --release --precompress
# The generator is built like the tests (debug, views type-erased), reusing their build;
# the server it loads is the release build.
RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components" cargo build --example load --features ssr

data_dir=$(mktemp -d)
server_pid=""
stop() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$data_dir"
}
trap stop EXIT
PASSERELLE_DATA_DIR="$data_dir" "$bin" seed --demo >/dev/null
address=127.0.0.1:3917
serve_release "$data_dir" "$address"
echo "Passerelle (release) on the demo community, $connections connections for $seconds s:"
"$target_dir/debug/examples/load" "http://$address" "sqlite://$data_dir/passerelle.db" \
  "$seconds" "$connections"
