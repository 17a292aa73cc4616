#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on SQLite
# (./data/passerelle.db, created on first run). Open the address it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-browser
. scripts/env.sh
exec cargo leptos serve --release
