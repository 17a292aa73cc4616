#!/usr/bin/env bash
# Fails when the hydrate bundle a visitor downloads (the brotli-compressed .wasm and .js
# that `cargo leptos build --release --precompress` wrote) exceeds its budget, so that a
# new page cannot silently grow it. The budget is what the bundle measured plus a small
# margin; lower it as the bundle shrinks (docs/performance.md).
#
#   scripts/bundle-budget.sh [site-dir]      (default target/site)
set -euo pipefail
cd "$(dirname "$0")/.."
budget_kb=${PASSERELLE_BUNDLE_BUDGET_KB:-745}
pkg=${1:-target/site}/pkg
shopt -s nullglob
files=("$pkg"/*.wasm.br "$pkg"/*.js.br)
[ ${#files[@]} -ge 2 ] || { echo "no compressed bundle in $pkg: build with --precompress" >&2; exit 1; }
total=0
for file in "${files[@]}"; do
  size=$(stat -c %s "$file")
  raw=$(stat -c %s "${file%.br}")
  printf '%-60s %9d B raw %9d B brotli\n' "${file%.br}" "$raw" "$size"
  total=$((total + size))
done
printf 'hydrate bundle: %d KB brotli (budget %d KB)\n' $((total / 1024)) "$budget_kb"
if [ "$total" -gt $((budget_kb * 1024)) ]; then
  echo "over budget by $(((total - budget_kb * 1024) / 1024)) KB" >&2
  exit 1
fi
