#!/usr/bin/env bash
# Fuzzes every parser of outside input for a while, then prints one line per target:
# runs, runs per second, coverage (libFuzzer's `cov`), corpus size and crashes.
#
#   scripts/fuzz.sh            each target for 180 s, two at a time (2 cores)
#   scripts/fuzz.sh 30 email   one target for 30 s
#
# Outside the test command: libFuzzer needs an instrumentation only nightly rustc has
# (RUSTC_BOOTSTRAP lets the machine's stable rustc build it) and an AddressSanitizer
# build of the whole crate (about 12 minutes on 2 cores). The same checks run in the
# test command as property tests (docs/fuzzing.md).
#
# A crash leaves its input in fuzz/artifacts/<target>/; `cargo fuzz run <target> FILE`
# replays it. Turn each into a regression test beside the code it broke.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-180}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(email directory_query csv_row spotlight_markdown image_upload)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> Installing cargo-fuzz (about 1 minute)"
  env -u CARGO_TARGET_DIR cargo install --locked cargo-fuzz --version 0.13.2
fi

export RUSTC_BOOTSTRAP=1
# The crate's Leptos views are type-erased as in the test build: far less to compile.
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"

# Seeds: a few ordinary inputs of each kind, so the fuzzer starts from the real shape.
seed() {
  local target=$1 name=$2
  mkdir -p "fuzz/corpus/$target"
  cat >"fuzz/corpus/$target/$name"
}
printf 'aminata.diallo@example.org' | seed email plain
printf 'Fatou+news@Sub.Example.SN' | seed email tagged
printf '"quoted local"@example.org' | seed email quoted
printf 'q=sant%%C3%%A9&sector=health&origin=SN&page=3' | seed directory_query members
printf 'sdg=4&sdg=5&kind=ngo&country=ML&verified=1' | seed directory_query organizations
printf 'type=funding&direction=offering&status=all&lang=fr&sort=deadline' | seed directory_query needs
printf 'name,kind,hq_country,countries,sectors,sdgs,website,year_founded\nRed Diáspora Centroamericana,diaspora,GT,MX;US,education;culture,4;10,https://example.org,2004\n' |
  seed csv_row example
printf 'name,kind,hq_country,description,size,public_contact\n"Collectif ""Sahel""",ngo,ML,"two\nlines",11-50,contact@example.org\n' |
  seed csv_row quoted
printf '# Un pont\n\nThe **Diaspora Mapping Toolkit**, [online](https://example.org/toolkit).\n\n> A quote\n\n- one\n- two\n\n<b>inline html</b> `code`\n' |
  seed spotlight_markdown story
printf '[click](javascript:alert(1)) <img src=x onerror=alert(1)> <script>x</script>\n' |
  seed spotlight_markdown hostile
python3 - fuzz/corpus/image_upload <<'PY'
import os, struct, sys, zlib
folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
def png(width, height):
    rows = b"".join(b"\0" + b"".join(bytes((x * 40 % 256, y * 60 % 256, 90)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
with open(os.path.join(folder, "small.png"), "wb") as f:
    f.write(png(3, 2))
with open(os.path.join(folder, "wide.png"), "wb") as f:
    f.write(png(700, 1))
PY

echo "==> Building the targets (AddressSanitizer, release)"
cargo fuzz build -O

logs=$(mktemp -d)
run() {
  local target=$1
  cargo fuzz run -O "$target" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    >"$logs/$target.log" 2>&1 || true
}
echo "==> Fuzzing ${targets[*]}, $seconds s each, two at a time"
pending=("${targets[@]}")
while [ "${#pending[@]}" -gt 0 ]; do
  run "${pending[0]}" &
  first=$!
  if [ "${#pending[@]}" -gt 1 ]; then
    run "${pending[1]}" &
    wait $! || true
  fi
  wait "$first" || true
  pending=("${pending[@]:2}")
done

printf '\n%-20s %12s %10s %8s %8s %8s\n' target runs "runs/s" cov corpus crashes
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  corpus=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")
  speed=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 | cut -d' ' -f2 || true)
  crashes=$(ls "fuzz/artifacts/$target" 2>/dev/null | wc -l)
  printf '%-20s %12s %10s %8s %8s %8s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${corpus:-?}" "$crashes"
  if grep -q 'SUMMARY\|panicked' "$log"; then
    echo "  $target failed; its log: $log"
    grep -m3 -E 'panicked|SUMMARY|Test unit written' "$log" | sed 's/^/    /'
  fi
done
