#!/usr/bin/env bash
# Passerelle past one machine, on one machine: a throwaway PostgreSQL, two app servers
# and nginx in front of them (deploy/nginx-cluster.conf), seeded with the demo community.
# Prints the address, then serves until Ctrl-C, which stops everything and removes the
# data. docs/operations.md says how to run it for real.
#
#   scripts/run-cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-browser
. scripts/env.sh
. scripts/postgres.sh

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${missing[*]}"
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

cargo leptos build --release --precompress
bin=${CARGO_TARGET_DIR:-target}/release/passerelle

work=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 0' INT TERM

echo "== PostgreSQL"
pg_start "$work/postgres"
pg_createdb passerelle
export DATABASE_URL="$pg_url/passerelle"
"$bin" seed --demo

front=127.0.0.1:3100
for port in 3101 3102; do
  echo "== App server on 127.0.0.1:$port"
  LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site PASSERELLE_LOG=info \
    PASSERELLE_PUBLIC_URL="http://$front" PASSERELLE_TRUSTED_PROXIES=127.0.0.1 \
    "$bin" serve >"$work/app-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/app-$port.log"; exit 1; }
    sleep 0.5
  done
done

echo "== nginx on $front"
mkdir -p "$work/nginx/tmp"
chmod -R a+rwx "$work/nginx"
"$nginx_bin" -p "$work/nginx" -c "$PWD/deploy/nginx-cluster.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 40); do
  curl -fsS -o /dev/null "http://$front/healthz" 2>/dev/null && break
  sleep 0.25
done

cat <<INFO

Passerelle is served by two app servers behind nginx: http://$front
Log in as member0@demo.passerelle.example with the password "passerelle demo 2026".
PostgreSQL: $DATABASE_URL   App logs: $work/app-3101.log, $work/app-3102.log
Ctrl-C stops everything.
INFO
wait
