#!/usr/bin/env bash
# The directory at size, side by side with a static file: seeds N members (N/10
# organizations, N/5 needs) with `passerelle seed --scale N`, starts the release server,
# saves each page's anonymous HTML for nginx to serve as a static file, then runs wrk
# (64 connections, 10 s) against both, anonymous and signed in. Prints requests/s, p50,
# p99, errors and the ratio to nginx in one table, the index's build time and the
# server's memory. A benchmark, not a test: it is not part of the test command.
#
#   scripts/bench-directory.sh [N]              SQLite, one app server (default N 100000)
#   scripts/bench-directory.sh --postgres [N]   PostgreSQL, two app servers behind nginx
#                                               (deploy/nginx-cluster.conf)
#
# Needs wrk and nginx-light (Debian's; installed when missing) and a release build,
# made here with `cargo leptos build --release --precompress` when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/postgres.sh
postgres=0
if [ "${1:-}" = "--postgres" ]; then
  postgres=1
  shift
fi
members=${1:-100000}
connections=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-10s}
app_port=3918
static_port=3919
bin=${CARGO_TARGET_DIR:-target}/release/passerelle

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  as_root sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light"
fi
[ -x "$bin" ] || cargo leptos build --release --precompress

work=$(mktemp -d)
server="" second="" front="" nginx=""
stop() {
  for pid in "$server" "$second" "$front" "$nginx"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  pg_stop
  rm -rf "$work"
}
trap stop EXIT

export PASSERELLE_DATA_DIR="$work/data"
if [ "$postgres" = 1 ]; then
  echo "== PostgreSQL"
  pg_start "$work/postgres"
  pg_createdb bench
  export DATABASE_URL="$pg_url/bench"
fi
echo "== Seeding $members members"
seed_began=$(date +%s.%N)
"$bin" seed --scale "$members"
seeded=$(awk -v a="$seed_began" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')

# One server, or two behind nginx on PostgreSQL; `server` is the first. wrk reads the
# directory far faster than a person may: its reading limit is off here.
export PASSERELLE_DIRECTORY_PAGES_PER_HOUR=0
start() {
  local port=$1 log=$2
  NO_COLOR=1 LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site \
    PASSERELLE_LOG=info PASSERELLE_TRUSTED_PROXIES=127.0.0.1 \
    "$bin" serve >"$log" 2>&1 &
  started=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do
    kill -0 "$started" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.05
  done
}
built_in() {
  for _ in $(seq 1 1200); do
    grep -q "indexes built" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
}
echo "== Starting the server"
rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server/status"; }
if [ "$postgres" = 1 ]; then
  start 3101 "$work/server.log"
  server=$started
  rss_start=$(rss)
  start 3102 "$work/server2.log"
  second=$started
  mkdir -p "$work/front/tmp"
  chmod -R a+rwx "$work/front"
  nginx -p "$work/front" -c "$PWD/deploy/nginx-cluster.conf" -g 'daemon off;' &
  front=$!
  app="http://127.0.0.1:3100"
  until curl -fsS -o /dev/null "$app/healthz" 2>/dev/null; do sleep 0.1; done
  built_in "$work/server2.log"
else
  start "$app_port" "$work/server.log"
  server=$started
  rss_start=$(rss)
  app="http://127.0.0.1:$app_port"
fi
built_in "$work/server.log"
# A field of the first start-up log line that matches a pattern (`ms` by default).
took() {
  sed 's/\x1b\[[0-9;]*m//g' "$work/server.log" | grep -E "$1" | grep -o "${2:-ms}=[0-9]*" | head -1 | cut -d= -f2 || true
}
built=$(took "indexes built")
built_directory=$(took 'index="?directory')
built_matching=$(took 'index="?matching')
directory_mib=$(took "indexes built" directory_mib)
rss_built=$(rss)

echo "== Signing in as member0"
curl -fsS -o /dev/null -c "$work/cookies" -H "Origin: $app" \
  --data-urlencode "email=member0@demo.passerelle.example" \
  --data-urlencode "password=passerelle demo 2026" "$app/api/login"
cookie=$(awk '$6 == "passerelle_session" { print $6 "=" $7 }' "$work/cookies")
[ -n "$cookie" ] || { echo "signing in failed"; exit 1; }

pages=("/members" "/members?sector=health&origin=SN" "/members?q=engineer"
       "/organizations?sdg=4" "/needs")
mkdir -p "$work/pages"
for i in "${!pages[@]}"; do
  curl -fsS -o "$work/pages/$i.html" "$app${pages[$i]}"
done
sed -e "s#@ROOT@#$work#g" -e "s#@PORT@#$static_port#g" scripts/bench/nginx.conf >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work" &
nginx=$!
sleep 0.5

# "requests/s p50 p99 errors" for one URL, from wrk's summary (latencies in ms).
measure() {
  local out ms
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@")
  ms() { awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
         else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
         printf "%.1f", v }' <<<"$out"; }
  local rate errors
  rate=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
           END { print n + 0 }' <<<"$out")
  echo "$rate $(ms 50%) $(ms 99%) $errors"
}

echo "== wrk: $connections connections, $duration each"
printf '\n%-36s %-9s %9s %8s %8s %6s %9s %7s\n' page viewer "req/s" "p50 ms" "p99 ms" errors "nginx/s" ratio
for i in "${!pages[@]}"; do
  read -r static _ _ _ <<<"$(measure "http://127.0.0.1:$static_port/$i.html")"
  for viewer in anonymous member; do
    if [ "$viewer" = member ]; then
      read -r rate p50 p99 errors <<<"$(measure -H "Cookie: $cookie" "$app${pages[$i]}")"
    else
      read -r rate p50 p99 errors <<<"$(measure "$app${pages[$i]}")"
    fi
    ratio=$(awk -v a="$rate" -v b="$static" 'BEGIN { printf "%.1f %%", b ? 100 * a / b : 0 }')
    printf '%-36s %-9s %9s %8s %8s %6s %9s %7s\n' "${pages[$i]}" "$viewer" "$rate" "$p50" "$p99" "$errors" "$static" "$ratio"
  done
done
if [ "$postgres" = 1 ]; then
  printf '\nPostgreSQL, two app servers behind nginx (figures of the first); seeded in %s s;\n' "$seeded"
else
  printf '\nSQLite, one app server; seeded in %s s;\n' "$seeded"
fi
printf 'indexes built at start-up in %s ms side by side (directory %s ms, matching %s ms);\n' \
  "${built:-?}" "${built_directory:-?}" "${built_matching:-?}"
printf 'the directory index holds about %s MiB (members, organizations, needs);\n' "${directory_mib:-?}"
printf 'server memory %s when it first answered, %s once the indexes were built, %s after the runs\n' \
  "$rss_start" "$rss_built" "$(rss)"
