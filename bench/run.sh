#!/usr/bin/env bash
# `make bench`: the release server against its own ceilings on this machine.
#
# For each size (1 thousand, 1 million, 10 million schedules) it seeds a database once
# (reused on later runs), starts the release server on it, and drives each endpoint with
# wrk at each connection count, right after pgbench has run the same SQL at the same
# concurrency (what PostgreSQL alone can do) and wrk has hit /healthz (what HTTP alone can
# do). It records start-up time, idle and peak memory and the browser's download sizes,
# checks that `count` is exact after the writes, runs Lighthouse on the first pages a phone
# user opens (bench/lighthouse.sh, at the smallest size), and appends the run to
# bench/RESULTS.md.
#
# Settings (environment): BENCH_SIZES ("1000 1000000 10000000"), BENCH_CONNECTIONS
# ("16 64"), BENCH_SECONDS (6, per measured run), BENCH_WARMUP (2), BENCH_PORT (3300).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

sizes=${BENCH_SIZES:-"1000 1000000 10000000"}
connections=${BENCH_CONNECTIONS:-"16 64"}
seconds=${BENCH_SECONDS:-6}
warmup=${BENCH_WARMUP:-2}
port=${BENCH_PORT:-3300}
data=target/bench-data
work=target/bench
base="http://127.0.0.1:$port"
password="bench-password-not-secret"
# The windows of the timeline and load view rows: the week from Mon 18 Jan 2027 00:00 UTC,
# after every seeded anchor (2027-01-15 08:00 UTC and on).
load_start=1800230400
bin=./target/release/kragle-schedules
source bench/lib.sh


.ci/setup.sh --test
need_tools
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)

say "building the release server and site (precompressed)"
.ci/site.sh >&2

mkdir -p "$work"
results="$work/results.tsv"
: > "$results"
record() { printf '%s\n' "$(IFS=$'\t'; echo "$*")" >> "$results"; }

say "the next 100 runs of calendar schedules (benches/next_runs.rs)"
source .ci/leptos-env.sh
while IFS=$'\t' read -r _ label micros; do
  say "$(printf '%-28s %8s µs' "$label" "$micros")"
  record 0 next_runs "$label" "$micros"
done < <(cargo bench --quiet --no-default-features --features ssr --bench next_runs 2>/dev/null | grep '^RESULT next_100_runs')

say "a timeline page's lanes written as text and with view! (benches/drawn_markup.rs)"
while IFS=$'\t' read -r _ how micros bytes; do
  say "$(printf '%-8s %8s µs  %s bytes' "$how" "$micros" "$bytes")"
  record 0 drawn_markup "$how" "$micros" "$bytes"
done < <(cargo bench --quiet --no-default-features --features ssr --bench drawn_markup 2>/dev/null | grep '^RESULT drawn_markup')

admin_url=$("$bin" db start --data-dir "$data" --database postgres)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  "$bin" db stop --data-dir "$data"
}
trap cleanup EXIT

# pgbench on one script at this concurrency; prints transactions per second. Prepared
# statements, as the server's; the search is planned per pattern (-M extended), as the
# server plans it.
ceiling() {
  # A script named a+b is bench/pgbench/a then b: the authentication statement, then the
  # write, as the server runs them.
  local url=$1 conns=$2 script=$3 part; shift 3
  for part in ${script//+/ }; do cat "bench/pgbench/$part"; done > "$work/pgbench.sql"
  "$pgbench" -n -M prepared -c "$conns" -j 2 -T "$seconds" "$@" -f "$work/pgbench.sql" "$url" 2>&1 |
    awk '/^tps = / { printf "%.0f\n", $3; found = 1 } END { if (!found) print 0 }' || true
}

for rows in $sizes; do
  case $rows in 1000) label=1k ;; 1000000) label=1m ;; 10000000) label=10m ;; *) label=$rows ;; esac
  db="bench_$label"
  url=$(url_of "$db")
  say "== $rows schedules (database $db)"
  owner=$(prepare_database "$bin" "$db" "$rows" bench/seed.sql)

  say "starting the server"
  started=$(date +%s%N)
  start_server "$bin" "$url" "$work/server-$label.log"
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  sleep 1
  idle_kb=$(rss_kb "$server_pid" VmRSS)
  record "$rows" startup_ms "$startup_ms"
  record "$rows" idle_rss_kb "$idle_kb"

  cookie=$(api_login "$base" bench "$password")
  token=$(api_new_token "$base" "$cookie" bench)
  [[ -n "$cookie" && -n "$token" ]] || { echo "bench: could not log in or create a token" >&2; exit 1; }
  session_hex=$(sql "$url" "SELECT encode(id_hash, 'hex') FROM sessions WHERE user_id = $owner")
  token_hex=$(sql "$url" "SELECT encode(token_hash, 'hex') FROM api_tokens WHERE user_id = $owner")

  pages=$(( (rows + 9) / 10 ))
  middle=$(( (pages + 1) / 2 ))
  # A hundred rows spread over the table get a tag of their own at the end of their name (8
  # letters from md5 of the id), so a search for one tag is a search for a particular name,
  # as in real data; the seeded names alone all share their words.
  tag="translate(left(md5(id::text), 8), '0123456789abcdef', 'ghijklmnopqrstuv')"
  tagged="SELECT g * ($rows / 100) + 7 FROM generate_series(0, 99) g"
  sql "$url" "UPDATE schedules SET name = name || ' ' || $tag WHERE id IN ($tagged) AND name NOT LIKE '% ________'" >/dev/null
  needle=$(sql "$url" "SELECT $tag FROM schedules WHERE id = (SELECT max(id) FROM ($tagged) t(id) WHERE id <= $rows * 7 / 9)")
  # Schedule 4 (the bench user's) gets a history of 10,000 versions, as many edits would
  # leave it; its version follows, so the PUT rows (which edit the bench user's schedules)
  # go on numbering after them.
  sql "$url" "INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, content)
    SELECT 4, v, owner_id, 1800000000 + v, 'updated', 'session', jsonb_build_object('name', 'job-4 v' || v, 'once', false, 'config', jsonb_build_object('period', 60 + v))
    FROM schedules, generate_series(2, 10001) v WHERE id = 4 ON CONFLICT DO NOTHING;
    UPDATE schedules SET version = greatest(version, 10001) WHERE id = 4" >/dev/null
  # name | wrk kind | path | auth header | pgbench script and its variables
  endpoints=(
    "http ceiling (/healthz)|get|/healthz||"
    "GET byid|byid|||byid.sql -D rows=$rows"
    "GET upcoming?count=100 (calendar)|get|/api/v1/schedules/byid/11/upcoming?count=100||byid.sql -D rows=$rows"
    "GET ?page=1|get|/api/v1/schedules?page=1||page_first.sql"
    "GET middle page ($middle)|get|/api/v1/schedules?page=$middle||page_position.sql -D offset=$(( (middle - 1) * 10 ))"
    "GET last page ($pages)|get|/api/v1/schedules?page=$pages||page_position.sql -D offset=$(( (pages - 1) * 10 ))"
    "GET ?q=<one row's tag>|get|/api/v1/schedules?q=$needle||search.sql -M extended -D pattern=%$needle%"
    "GET ?tag=team-0 (1 in 16 rows)|get|/api/v1/schedules?tag=team-0||page_tag.sql -D tag=team-0"
    "GET ?tag=billing (1 in 1,000 rows)|get|/api/v1/schedules?tag=billing||page_tag.sql -D tag=billing"
    "HTML /schedules|get|/schedules||page_first.sql"
    "HTML /schedules/timeline?span=7d (10 lanes)|get|/schedules/timeline?span=7d&start=$load_start||"
    "GET history p1 (10,000 versions)|get|/api/v1/schedules/byid/4/history|Cookie: $cookie|"
    "GET history p500 (10,000 versions)|get|/api/v1/schedules/byid/4/history?page=500|Cookie: $cookie|"
    "POST (cookie)|post||Cookie: $cookie|auth_session.sql+post.sql -D session=$session_hex -D owner=$owner"
    "POST (bearer)|post||Authorization: Bearer $token|auth_token.sql+post.sql -D token=$token_hex -D owner=$owner"
    "PUT (cookie)|put||Cookie: $cookie|auth_session.sql+put.sql -D session=$session_hex -D rows=$rows"
    "PUT (bearer)|put||Authorization: Bearer $token|auth_token.sql+put.sql -D token=$token_hex -D rows=$rows"
  )
  for conns in $connections; do
    for line in "${endpoints[@]}"; do
      IFS='|' read -r name kind path auth pg <<<"$line"
      tps=""
      if [[ -n "$pg" ]]; then
        # shellcheck disable=SC2086  # the script name and its -D options
        tps=$(ceiling "$url" "$conns" $pg)
      fi
      read -r requests non2xx errors rps p50 p99 < <(BENCH_KIND=$kind BENCH_PATH=$path BENCH_ROWS=$rows BENCH_AUTH=$auth drive "$conns")
      say "$(printf '%-32s c=%-3s %7s req/s  p50 %6s ms  p99 %7s ms  non-2xx %s  errors %s  pgbench %s tps' \
        "$name" "$conns" "$rps" "$p50" "$p99" "$non2xx" "$errors" "${tps:--}")"
      record "$rows" endpoint "$name" "$conns" "$rps" "$p50" "$p99" "$non2xx" "$errors" "${tps:-}" "$requests"
    done
  done
  record "$rows" peak_rss_kb "$(rss_kb "$server_pid" VmHWM)"
  if [[ "$rows" == "${sizes%% *}" ]]; then
    say "Lighthouse, mobile preset: the list, a calendar schedule's page, the editor (signed in)"
    bench/lighthouse.sh "$base" "$cookie" "$results" list=/schedules detail=/schedules/11 editor=/schedules/new
  fi
  api_count=$(curl -sf "$base/api/v1/schedules?page=1" | grep -o '"count":[0-9]*' | cut -d: -f2)
  true_count=$(sql "$url" "SELECT count(*) FROM schedules")
  record "$rows" count_exact "$([[ "$api_count" == "$true_count" ]] && echo yes || echo "no ($api_count vs $true_count)")"

  stop_server
  remove_written_rows "$url" "$rows"
done

# The load view of one user with 1,000 schedules over 7 days, in a small database of its
# own (bench/seed-load.sql): the server's own time for it (the page's Server-Timing, the
# median of 40 requests one at a time), then wrk at each connection count.
load_url=$(url_of bench_load)
if [[ -z "$(sql "$admin_url" "SELECT 1 FROM pg_database WHERE datname = 'bench_load'")" ]]; then
  sql "$admin_url" "CREATE DATABASE bench_load"
fi
KRAGLE_DATA_DIR=$data "$bin" migrate --database-url "$load_url" >/dev/null
if [[ -z "$(sql "$load_url" "SELECT id FROM users WHERE username = 'bench'")" ]]; then
  echo "$password" | KRAGLE_DATA_DIR=$data "$bin" user add --username bench --email bench@example.com --password-stdin --database-url "$load_url" >/dev/null
fi
owner=$(sql "$load_url" "SELECT id FROM users WHERE username = 'bench'")
seed_version=$(md5sum bench/seed-load.sql | cut -c1-12)
if [[ "$(sql "$load_url" "SELECT version FROM bench_seed" 2>/dev/null || true)" != "$seed_version" ]]; then
  say "seeding 1,000 schedules of one user for the load view"
  psql "$load_url" -X -q -v owner="$owner" -v version="$seed_version" -f bench/seed-load.sql >/dev/null
fi
sql "$load_url" "DELETE FROM sessions" >/dev/null
start_server "$bin" "$load_url" "$work/server-load.log"
cookie=$(api_login "$base" bench "$password")
load_path="/schedules/load?span=7d&start=$load_start"
load_runs=$(curl -sf -H "Cookie: $cookie" "$base/api/v1/schedules/load?from=$load_start&to=$((load_start + 7 * 86400))" | grep -o '"runs":[0-9]*' | cut -d: -f2)
for _ in $(seq 40); do
  curl -s -o /dev/null -D - -H "Cookie: $cookie" "$base$load_path" | tr -d '\r' | awk -F'dur=' 'tolower($0) ~ /^server-timing:/ { print $2 }'
done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' > "$work/load-ms"
say "load view (1,000 schedules, 7 days, $load_runs runs): server time p50 $(cat "$work/load-ms") ms"
record 1000 load_view_ms "$(cat "$work/load-ms")" "$load_runs"
for conns in $connections; do
  read -r requests non2xx errors rps p50 p99 < <(BENCH_KIND=get BENCH_PATH=$load_path BENCH_AUTH="Cookie: $cookie" drive "$conns")
  say "$(printf '%-32s c=%-3s %7s req/s  p50 %6s ms  p99 %7s ms  non-2xx %s  errors %s' "HTML /schedules/load?span=7d" "$conns" "$rps" "$p50" "$p99" "$non2xx" "$errors")"
  record load endpoint "HTML /schedules/load?span=7d (1,000 schedules)" "$conns" "$rps" "$p50" "$p99" "$non2xx" "$errors" "" "$requests"
done
record load peak_rss_kb "$(rss_kb "$server_pid" VmHWM)"
stop_server

# What the browser downloads: the files under /pkg, as served (precompressed) and raw.
for file in target/site/pkg/*.{wasm,js,css}; do
  [[ -f "$file" ]] || continue
  raw=$(stat -c %s "$file")
  gz=$( [[ -f "$file.gz" ]] && stat -c %s "$file.gz" || gzip -9c "$file" | wc -c)
  br=$( [[ -f "$file.br" ]] && stat -c %s "$file.br" || brotli -c "$file" | wc -c)
  record 0 asset "$(basename "$file")" "$raw" "$gz" "$br"
done

# What each page fetches of /pkg while loading and hydrating, as served (brotli): the
# end-to-end first-load test's figures (end2end/tests/first-load.spec.ts), when it ran on
# this very site (after its last build).
bytes_json=target/first-load-bytes.json
if [[ -f "$bytes_json" && "$bytes_json" -nt target/site/.made-from ]]; then
  node -e 'const pages = require(process.argv[1]);
    for (const [name, page] of Object.entries(pages)) console.log(["0", "page_bytes", name, page.bytes].join("\t"));' \
    "$PWD/$bytes_json" >> "$results"
else
  say "no first-load figures of this site: run make test (or the end2end first-load test) first to have them here"
fi

bench/report.sh "$results" >> bench/RESULTS.md
say "appended this run to bench/RESULTS.md"
tail -n 80 bench/RESULTS.md
