#!/usr/bin/env bash
# The long crash run: the server killed with SIGKILL mid-write N times (default 500),
# restarted each time, every acknowledged write checked (tests/api/crash.rs). The test
# command runs the same test with 50 kills.
#
#   scripts/crash.sh [KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
PASSERELLE_CRASH_KILLS="${1:-500}" RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components" \
  cargo test --features ssr --test api crash:: -- --nocapture
