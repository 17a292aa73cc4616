#!/usr/bin/env bash
# Load with writers: the release server on a fresh demo community, held for SECONDS
# (default 60) at CONNECTIONS (default 128) by examples/load.rs — a quarter writing
# (profile edits, needs, introductions, log-ins), the rest reading lists and profiles —
# then every acknowledged write looked for in the database. Prints requests/s, p50/p99
# and errors by kind, and the lost writes; fails on any error or lost write. A script,
# not a test: it is not part of the test command.
#
# First, the reference: wrk (Debian's) asks Passerelle and nginx (Debian's), serving the
# very bytes Passerelle answered, for the home page and the organization directory, one
# after the other in the same run, at the same connections; the ratio is the figure
# (these machines are shared and noisy: an absolute time alone says little).
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
if ! command -v wrk >/dev/null || ! [ -x /usr/sbin/nginx ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends wrk nginx-light
fi

data_dir=$(mktemp -d)
server_pid=""
nginx_dir=$(mktemp -d)
stop() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -f "$nginx_dir/nginx.pid" ] && kill "$(cat "$nginx_dir/nginx.pid")" 2>/dev/null
  rm -rf "$data_dir" "$nginx_dir"
}
trap stop EXIT
PASSERELLE_DATA_DIR="$data_dir" "$bin" seed --demo >/dev/null
address=127.0.0.1:3917
serve_release "$data_dir" "$address"

# The same bytes from nginx: what a visitor gets for each page, saved once.
reference=127.0.0.1:3918
mkdir -p "$nginx_dir/www"
curl -fsS "http://$address/" -o "$nginx_dir/www/home.html"
curl -fsS "http://$address/organizations" -o "$nginx_dir/www/organizations.html"
cat >"$nginx_dir/nginx.conf" <<CONF
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server {
    listen $reference;
    root $nginx_dir/www;
    location = / { try_files /home.html =404; }
    location = /organizations { try_files /organizations.html =404; }
  }
}
CONF
/usr/sbin/nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf"
wrk_seconds=$(( seconds / 4 > 5 ? seconds / 4 : 5 ))
rate() { wrk -t2 -c"$connections" -d"${wrk_seconds}s" --latency "$1" | awk '
  /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
  /Non-2xx/ { bad = $NF } /Socket errors/ { bad = "socket errors" }
  END { printf "%10.0f req/s  p50 %8s  p99 %8s  %s\n", rps, p50, p99, bad }'; }
echo "Reference, wrk at $connections connections for $wrk_seconds s each (same bytes):"
for path in / /organizations; do
  printf '  %-15s passerelle ' "$path"; rate "http://$address$path"
  printf '  %-15s nginx      ' "$path"; rate "http://$reference$path"
done
echo
echo "Passerelle (release) on the demo community, $connections connections for $seconds s:"
"$target_dir/debug/examples/load" "http://$address" "sqlite://$data_dir/passerelle.db" \
  "$seconds" "$connections"
