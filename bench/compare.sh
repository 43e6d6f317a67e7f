#!/usr/bin/env bash
# `bench/compare.sh BEFORE`: the release server of commit BEFORE against this checkout's,
# one after the other on the same machine, each on a database of its own schema seeded by
# its own bench/seed.sql with the same rows, for the rows an issue's "within N % of before"
# reads: byid, the list's first, middle and last pages, the HTML list, POST and PUT.
#
# BEFORE is built in a worktree of its own (target/compare/src-<commit>) into the shared
# target directory, so only the crate itself compiles, and its server is kept as
# target/compare/kragle-schedules-<commit>; the current server is then rebuilt by
# .ci/site.sh. The rounds alternate (before, after, before, ...) so that a drift of the
# machine falls on both; the table gives each round and the medians.
#
# Settings (environment): COMPARE_ROWS (1000000), COMPARE_ROUNDS (5), COMPARE_ENDPOINTS (a
# regular expression: the endpoints whose names match, e.g. "POST|PUT"; all), BENCH_CONNECTIONS
# ("16 64"), BENCH_SECONDS (5), BENCH_WARMUP (1), BENCH_PORT (3300).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[[ $# == 1 ]] || { echo "usage: bench/compare.sh BEFORE_COMMIT" >&2; exit 2; }

rows=${COMPARE_ROWS:-1000000}
rounds=${COMPARE_ROUNDS:-5}
only=${COMPARE_ENDPOINTS:-.}
connections=${BENCH_CONNECTIONS:-"16 64"}
seconds=${BENCH_SECONDS:-5}
warmup=${BENCH_WARMUP:-1}
port=${BENCH_PORT:-3300}
data=target/bench-data
base="http://127.0.0.1:$port"
password="bench-password-not-secret"
work=target/compare
source bench/lib.sh

before=$(git rev-parse --short "$1")
after="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+')"
mkdir -p "$work"

.ci/setup.sh --test
need_tools

say "building this checkout's release server and site"
.ci/site.sh >&2
after_bin=$work/kragle-schedules-current
cp target/release/kragle-schedules "$after_bin"

# BEFORE builds in a target directory of its own, started from a copy of this one so that
# only the crate itself compiles. Its fingerprints are removed first: cargo identifies a
# path package by its path relative to the workspace, so it would take this checkout's
# build for BEFORE's.
before_bin=$work/kragle-schedules-$before
if [[ ! -x $before_bin ]]; then
  src=$work/src-$before build=$work/build-$before
  [[ -d $src ]] || git worktree add --detach "$src" "$before" >&2
  say "building the release server of $before"
  rm -rf "$build" && mkdir -p "$build" && cp -a target/release "$build/release"
  rm -rf "$build"/release/.fingerprint/kragle-schedules-*
  (source .ci/leptos-env.sh && cd "$src" &&
    cargo build --target-dir="$OLDPWD/$build" --package=kragle-schedules --bin=kragle-schedules \
      --no-default-features --features=ssr --release)
  cp "$build/release/kragle-schedules" "$before_bin"
  rm -rf "$build"
  git show "$before:bench/seed.sql" >"$work/seed-$before.sql"
fi
# Both servers name the site's files from the same hash.txt (the current site's).
cp target/release/hash.txt "$work/hash.txt"

admin_url=$("$after_bin" db start --data-dir "$data" --database postgres)
server_pid=""
cleanup() { stop_server; "$after_bin" db stop --data-dir "$data"; }
trap cleanup EXIT

declare -A url
for build in before after; do
  if [[ $build == before ]]; then bin=$before_bin seed=$work/seed-$before.sql db=compare_${before}
  else bin=$after_bin seed=bench/seed.sql db=compare_current; fi
  url[$build]=$(url_of "$db")
  prepare_database "$bin" "$db" "$rows" "$seed" >/dev/null
done

pages=$(( (rows + 9) / 10 ))
middle=$(( (pages + 1) / 2 ))
results=$work/results.tsv
: >"$results"
for round in $(seq "$rounds"); do
  for build in before after; do
    if [[ $build == before ]]; then bin=$before_bin; else bin=$after_bin; fi
    start_server "$bin" "${url[$build]}" "$work/server-$build.log"
    session=$(api_login "$base" bench "$password")
    bearer=$(api_new_token "$base" "$session" "compare-$round")
    endpoints=(
      "GET byid|byid||"
      "GET ?page=1|get|/api/v1/schedules?page=1|"
      "GET middle page ($middle)|get|/api/v1/schedules?page=$middle|"
      "GET last page ($pages)|get|/api/v1/schedules?page=$pages|"
      "HTML /schedules|get|/schedules|"
      "POST (cookie)|post||Cookie: $session"
      "POST (bearer)|post||Authorization: Bearer $bearer"
      "PUT (cookie)|put||Cookie: $session"
      "PUT (bearer)|put||Authorization: Bearer $bearer"
    )
    for conns in $connections; do
      for line in "${endpoints[@]}"; do
        IFS='|' read -r name kind path auth <<<"$line"
        [[ "$name" =~ $only ]] || continue
        read -r _ non2xx errors rps p50 _ < <(BENCH_KIND=$kind BENCH_PATH=$path BENCH_ROWS=$rows BENCH_AUTH=$auth drive "$conns")
        say "$(printf 'round %s %-6s %-28s c=%-3s %7s req/s  p50 %6s ms  non-2xx %s  errors %s' "$round" "$build" "$name" "$conns" "$rps" "$p50" "$non2xx" "$errors")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$build" "$round" "$rps" "$((non2xx + errors))" >>"$results"
      done
    done
    stop_server
    # Every round starts from the same tables: the rows written removed, and vacuumed, so
    # that no round's writes find the dead row versions an earlier one left in the tallies.
    remove_written_rows "${url[$build]}" "$rows"
    vacuum_written "${url[$build]}"
  done
done

# One Markdown table: each round's req/s for both builds, the medians and their change.
{
  echo
  echo "### $before against $after at $rows schedules ($(date -u '+%Y-%m-%d %H:%M UTC'), bench/compare.sh)"
  echo
  echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)); wrk 2 threads, ${warmup} s warm-up then ${seconds} s; $rounds alternating rounds (req/s, before / after)."
  echo
  echo "| endpoint | connections | $before | $after | median before | median after | change | non-2xx or errors |"
  echo "|---|---:|---|---|---:|---:|---:|---:|"
  awk -F'\t' '
    function median(list,   n, v, i, j, t) {
      n = split(list, v, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { key = $1 SUBSEP $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      all[key, $3] = all[key, $3] (all[key, $3] == "" ? "" : " ") $5; bad[key] += $6 }
    END {
      for (i = 1; i <= n; i++) {
        split(order[i], k, SUBSEP); b = median(all[order[i], "before"]); a = median(all[order[i], "after"])
        gsub(" ", " / ", all[order[i], "before"]); gsub(" ", " / ", all[order[i], "after"])
        printf "| %s | %s | %s | %s | %d | %d | %+.1f %% | %d |\n", k[1], k[2], all[order[i], "before"], all[order[i], "after"], b, a, 100 * (a - b) / b, bad[order[i]]
      }
    }' "$results"
} | tee "$work/report.md"
say "the table is in $work/report.md"
