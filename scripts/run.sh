#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on SQLite
# (./data/passerelle.db, created on first run). Open the address it prints.
#
#   scripts/run.sh          an empty site
#   scripts/run.sh --demo   first fills an empty database with the demo community
#                           (1,000 members, 220 organizations, 24 spotlights)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-browser
. scripts/env.sh
if [[ "${1:-}" == "--demo" ]]; then
  cargo leptos build --release --precompress
  target/release/passerelle seed --demo || echo "(demo seed skipped: the database already has data)"
fi
exec cargo leptos serve --release
