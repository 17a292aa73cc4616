#!/usr/bin/env bash
# Times the matcher's top 10 over 100,000 profiles in a release build and prints the
# figures. Extra arguments go to `passerelle bench-matching` (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --package=passerelle --bin=passerelle --no-default-features --features=ssr --release
exec target/release/passerelle bench-matching "$@"
