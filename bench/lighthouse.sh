#!/usr/bin/env bash
# Lighthouse (bench/lighthouse/package.json pins it) on the pages a phone user opens first:
# the list, a schedule's page and the editor, mobile preset (its simulated slow 4G and 4×
# slower CPU), in Debian's Chromium. Run by bench/run.sh against its release server.
#
#   bench/lighthouse.sh BASE COOKIE RESULTS_TSV PAGE...   each PAGE is "name=/path"
#
# Appends per page: "0 lighthouse name performance accessibility best-practices seo
# lcp_ms tbt_ms cls fcp_ms si_ms" to RESULTS_TSV; the reports are kept in
# target/bench/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
base=$1 cookie=$2 results=$3
shift 3

if [[ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]]; then
  (cd bench/lighthouse && npm ci --no-audit --no-fund >&2)
fi
chromium=$(command -v chromium || true)
[[ -n "$chromium" ]] || { echo "lighthouse: Chromium is missing (.ci/setup.sh --test installs it)" >&2; exit 1; }
out=target/bench/lighthouse
mkdir -p "$out"
headers=$(printf '{"Cookie": "%s"}' "$cookie")

for page in "$@"; do
  name=${page%%=*} path=${page#*=}
  bench/lighthouse/node_modules/.bin/lighthouse "$base$path" --quiet \
    --chrome-path="$chromium" --chrome-flags="--headless=new --no-sandbox" \
    --only-categories=performance,accessibility,best-practices,seo \
    --extra-headers="$headers" --output=json --output-path="$out/$name.json" >&2
  node -e '
    const r = require(process.argv[1]);
    const score = (c) => Math.round(r.categories[c].score * 100);
    const audit = (a) => r.audits[a].numericValue;
    console.log(["0", "lighthouse", process.argv[2],
      score("performance"), score("accessibility"), score("best-practices"), score("seo"),
      Math.round(audit("largest-contentful-paint")), Math.round(audit("total-blocking-time")),
      audit("cumulative-layout-shift").toFixed(3), Math.round(audit("first-contentful-paint")),
      Math.round(audit("speed-index"))].join("\t"));
    for (const [id, a] of Object.entries(r.audits))
      if (a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
        console.error(`lighthouse: ${process.argv[2]}: ${id}: ${a.title} (${a.displayValue || a.score})`);
  ' "$PWD/$out/$name.json" "$name" >> "$results"
done
