# Sourced by the test and Lighthouse scripts: serves the front end's release build on a
# data directory and waits until it answers.
#
#   serve_release DATA_DIR ADDRESS [BINARY]   starts it in the background; sets server_pid
#
# BINARY is the release server by default. The test script passes the test build's own
# server instead (scripts/test.sh says why), with the release build's hash.txt beside it.
#
# The caller stops it (kill "$server_pid") in its own exit trap.
serve_release() {
  local data_dir=$1 address=$2
  local binary=${3:-${CARGO_TARGET_DIR:-target}/release/passerelle}
  # The browser tests and Lighthouse read the directory faster than a person: its reading
  # limit is off unless asked for (tests/api/rate_limits.rs tests it).
  # Each browser test is a person at an address of their own (end2end/tests/support.ts
  # names it in X-Forwarded-For): the loopback is the proxy the server believes.
  PASSERELLE_DIRECTORY_PAGES_PER_HOUR="${PASSERELLE_DIRECTORY_PAGES_PER_HOUR:-0}" \
  PASSERELLE_TRUSTED_PROXIES=127.0.0.1 \
  PASSERELLE_DATA_DIR="$data_dir" PASSERELLE_LOG=warn LEPTOS_SITE_ADDR="$address" \
    LEPTOS_SITE_ROOT=target/site "$binary" serve &
  server_pid=$!
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://$address/healthz" && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped before it answered"; return 1; }
    sleep 0.5
  done
  echo "the server did not answer within 2 minutes"
  return 1
}
