# Sourced by the test and cluster scripts: a throwaway PostgreSQL server from Debian's
# packages, in a folder of its own, on loopback, with no password (trust) and no fsync.
#
#   pg_start DIR      initdb into DIR and start the server; sets pg_url (no database
#                     name: append /NAME) and pg_port
#   pg_stop           stops it (call it from the caller's exit trap; safe to call twice)
#   pg_createdb NAME  creates a database owned by the server's superuser
#
# initdb refuses to run as root, so as root the server runs as `nobody` in DIR.
pg_bin=""
pg_data=""
pg_url=""
pg_port=""

pg_find() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; return 1; }
  pg_bin=$(dirname "$initdb")
}

# Runs a PostgreSQL program as the server's owner.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  local dir=$1
  pg_find
  mkdir -p "$dir"
  pg_data="$dir/data"
  if [ "$(id -u)" -eq 0 ]; then
    chown nobody "$dir"
    # nobody must reach DIR: let it through the folders above (temporary ones, 0700).
    local up
    up=$(dirname "$(realpath "$dir")")
    while [ "$up" != / ]; do
      chmod o+x "$up"
      up=$(dirname "$up")
    done
  fi
  pg_as_owner "$pg_bin/initdb" --no-sync -D "$pg_data" -U passerelle --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log"; return 1; }
  for _ in 1 2 3 4 5; do
    pg_port=$((20000 + RANDOM % 20000))
    if pg_as_owner "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 30 \
      -o "-h 127.0.0.1 -p $pg_port -k $dir -F -c max_connections=200 -c shared_buffers=64MB" \
      start >/dev/null; then
      pg_url="postgres://passerelle@127.0.0.1:$pg_port"
      return 0
    fi
  done
  cat "$dir/server.log"
  return 1
}

pg_createdb() {
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U passerelle "$1"
}

pg_stop() {
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    pg_as_owner "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  pg_data=""
}
