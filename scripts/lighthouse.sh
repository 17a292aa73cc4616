#!/usr/bin/env bash
# Lighthouse in mobile mode (its default: a mid-range phone, slow 4G, 4× CPU slowdown)
# on three pages a visitor meets: the home page, the members directory and a need's
# matches page (signed in as the need's organization). Prints each page's performance
# score with LCP, TBT and CLS, the median of RUNS runs (3 unless told), for
# docs/performance.md.
#
#   scripts/lighthouse.sh     serves the release build (built if missing) on the demo
#                             community in a throwaway database, then audits it
#   LIGHTHOUSE_REPORTS=DIR scripts/lighthouse.sh    also keeps the JSON reports in DIR
#
# Lighthouse comes from npm at a pinned version (cached by npm after the first run) and
# drives Debian's Chromium; nothing is downloaded at build or test time.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/serve.sh
LIGHTHOUSE_VERSION=13.5.0
RUNS=${RUNS:-3}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
target_dir="${CARGO_TARGET_DIR:-target}"
binary="$target_dir/release/passerelle"
address=127.0.0.1:3010
base="http://$address"

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

[ -x "$binary" ] && [ -d target/site/pkg ] || cargo leptos build --release --precompress
PASSERELLE_DATA_DIR="$work" "$binary" seed --demo >/dev/null
serve_release "$work" "$address"

# A demo member who owns an organization with an open need, signed in with curl; the
# session cookie then rides on every request Lighthouse makes.
member=member0@demo.passerelle.example
need=$(python3 - "$work/passerelle.db" "$member" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute(
    """SELECT n.id FROM needs n JOIN org_members m ON m.org_id = n.org_id
       JOIN users u ON u.id = m.user_id
       WHERE u.email = ? AND m.role IN ('owner', 'admin') AND n.status = 'open'
       ORDER BY n.id LIMIT 1""", (sys.argv[2],)).fetchone()
print(row[0] if row else "")
EOF
)
[ -n "$need" ] || { echo "the demo has no open need owned by $member"; exit 1; }
curl -fsS -o /dev/null -c "$work/jar" -H "Origin: $base" \
  --data-urlencode "email=$member" --data-urlencode "password=passerelle demo 2026" \
  "$base/api/login"
cookie=$(sed 's/^#HttpOnly_//' "$work/jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')
[ -n "$cookie" ] || { echo "logging in as $member failed"; exit 1; }
printf '{"Cookie": "%s"}' "$cookie" >"$work/headers.json"

audit() { # name path [signed-in]
  local name=$1 path=$2 headers=()
  [ "${3:-}" = signed-in ] && headers=(--extra-headers="$work/headers.json")
  for run in $(seq 1 "$RUNS"); do
    npm exec --yes --package="lighthouse@$LIGHTHOUSE_VERSION" -- lighthouse "$base$path" \
      --quiet --only-categories=performance --output=json \
      --output-path="$work/$name.$run.json" "${headers[@]}" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run"
  done
}
audit home /
audit members /members
audit matches "/needs/$need/matches" signed-in

if [ -n "${LIGHTHOUSE_REPORTS:-}" ]; then
  mkdir -p "$LIGHTHOUSE_REPORTS"
  cp "$work"/*.json "$LIGHTHOUSE_REPORTS"/
fi
node - "$work" "$RUNS" <<'EOF'
const fs = require("fs");
const [dir, runs] = [process.argv[2], Number(process.argv[3])];
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Lighthouse mobile, median of ${runs} run(s)`);
console.log("page      score  LCP (ms)  TBT (ms)  CLS     bytes");
for (const name of ["home", "members", "matches"]) {
  const reports = [];
  for (let run = 1; run <= runs; run++) {
    reports.push(JSON.parse(fs.readFileSync(`${dir}/${name}.${run}.json`, "utf8")));
  }
  const pick = (f) => median(reports.map(f));
  const audit = (r, id) => r.audits[id].numericValue;
  const row = [
    name.padEnd(8),
    String(Math.round(pick((r) => r.categories.performance.score * 100))).padStart(6),
    String(Math.round(pick((r) => audit(r, "largest-contentful-paint")))).padStart(9),
    String(Math.round(pick((r) => audit(r, "total-blocking-time")))).padStart(9),
    pick((r) => audit(r, "cumulative-layout-shift")).toFixed(3).padStart(6),
    String(Math.round(pick((r) => audit(r, "total-byte-weight")))).padStart(9),
  ];
  console.log(row.join(" "));
}
EOF
