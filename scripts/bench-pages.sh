#!/usr/bin/env bash
# Measures how long the directory and map pages take to render on the demo data:
# seeds a temporary database, starts the release server, requests each page N times
# (one at a time, as an anonymous visitor) and prints the median and 95th percentile.
#
#   scripts/bench-pages.sh [N]      (default N = 50; needs a release build:
#                                    `cargo leptos build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
bin=target/release/passerelle
[[ -x $bin ]] || { echo "build first: cargo leptos build --release" >&2; exit 1; }
data=$(mktemp -d)
port=3917
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
PASSERELLE_DATA_DIR=$data $bin seed --demo >/dev/null
PASSERELLE_DATA_DIR=$data LEPTOS_SITE_ADDR=127.0.0.1:$port PASSERELLE_LOG=warn $bin serve >/dev/null &
server=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
printf '%-45s %8s %8s %9s\n' page median p95 bytes
for page in "/members" "/members?sector=health&origin=SN" "/members?q=engineer" \
            "/organizations" "/organizations?country=MX&verified=yes" "/map" \
            "/organizations.csv" "/regions/western-africa"; do
  times=()
  for _ in $(seq "$n"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$page")")
  done
  bytes=$(curl -s "http://127.0.0.1:$port$page" | wc -c)
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk -v n="$n" 'NR==int((n+1)/2){printf "%.1f ms", $1*1000}')
  p95=$(echo "$sorted" | awk -v n="$n" 'NR==int(n*0.95+0.5){printf "%.1f ms", $1*1000}')
  printf '%-45s %8s %8s %9s\n' "$page" "$median" "$p95" "$bytes"
done
