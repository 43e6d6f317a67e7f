#!/usr/bin/env bash
# `make soak`: the long reliability tests, against the release build, two server instances
# and the embedded PostgreSQL cluster (a fresh database each run). Exits non-zero on the
# first failed check; prints a summary (also in target/soak/summary.md).
#
#   1. load: 64 connections for 60 s, mixed reads and writes through both instances
#   2. database faults under load: a fast restart, then the cluster down for 3 s
#   3. two instances: shared sessions, one winner between concurrent If-Match PUTs,
#      login limits counted across both
#   4. graceful shutdown: SIGTERM to an instance under load
#   5. failed logins take as long for unknown users as for wrong passwords; no secret in logs
#   6. hostile input: schemathesis (every check, all phases including stateful) against the
#      published OpenAPI document, as a user of its own: no 5xx, every answer as documented
#   then: every acknowledged create and update is in the database exactly, and `count`
#   equals the rows.
#
# Settings (environment): SOAK_SECONDS (60), SOAK_CONNECTIONS (64).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

seconds=${SOAK_SECONDS:-60}
conns=${SOAK_CONNECTIONS:-64}
data=target/soak-data
work=target/soak
bin=./target/release/kragle-schedules
port_a=3401
port_b=3402
password="soak-password-not-secret"
key="soak-session-key-0123456789abcdef0123456789"
rows=1000
OPENAPI_PATH=/api/v1/openapi.json

say() { printf '\033[1msoak:\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31msoak: FAILED:\033[0m %s\n' "$*" >&2; exit 1; }
summary() { echo "$*" >> "$work/summary.md"; say "$*"; }
# Waits (polling every $2 s) until instance $1 answers /readyz; a regression that keeps it
# unready fails the soak after 30 s instead of hanging it.
until_ready() {
  local deadline=$((SECONDS + 30))
  until curl -sf -o /dev/null "http://127.0.0.1:$1/readyz"; do
    ((SECONDS < deadline)) || fail "http://127.0.0.1:$1 was not ready within 30 s"
    sleep "$2"
  done
}
apt_install() {
  [[ "$(id -u)" == 0 ]] || fail "missing $1: sudo apt-get install -y $1"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}

.ci/setup.sh
command -v wrk >/dev/null || apt_install wrk
say "building the release server"
.ci/site.sh >&2

rm -rf "$work"; mkdir -p "$work"
: > "$work/summary.md"
admin_url=$("$bin" db start --data-dir "$data" --database postgres)
url="${admin_url/\/postgres\?//soak?}"
pg_dir="$PWD/$data/postgres"
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
pg_ctl() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir" "$@"; else "$pg_bin/pg_ctl" -D "$pg_dir" "$@"; fi
}
# The embedded cluster's own start options (src/server/embedded_pg.rs): Unix socket only.
pg_start() { pg_ctl -w -l "$pg_dir/soak.log" -o "-k $pg_dir -c listen_addresses= -c unix_socket_permissions=0700" start >/dev/null; }
declare -A pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_ctl status >/dev/null 2>&1 || pg_start 2>/dev/null || true
  "$bin" db stop --data-dir "$data"
}
trap cleanup EXIT
sql() { psql "$url" -X -q -t -A -v ON_ERROR_STOP=1 -c "$1"; }

psql "$admin_url" -X -q -c 'DROP DATABASE IF EXISTS soak WITH (FORCE)' -c 'CREATE DATABASE soak'
KRAGLE_DATA_DIR=$data "$bin" migrate --database-url "$url" >/dev/null
for user in soak soak-victim soak-fuzz; do
  echo "$password" | KRAGLE_DATA_DIR=$data "$bin" user add --username "$user" --email "$user@example.com" --password-stdin --database-url "$url" >/dev/null
done
owner=$(sql "SELECT id FROM users WHERE username = 'soak'")
psql "$url" -X -q -v rows=$rows -v owner="$owner" -v version=soak -f bench/seed.sql >/dev/null

start_instance() {
  local name=$1 port=$2
  KRAGLE_DATA_DIR=$data SESSION_KEY=$key KRAGLE_DRAIN_SECS=10 \
    "$bin" serve --database-url "$url" --addr "127.0.0.1:$port" >>"$work/server-$name.log" 2>&1 &
  pids[$name]=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "${pids[$name]}" 2>/dev/null || { cat "$work/server-$name.log" >&2; fail "instance $name did not start"; }
    sleep 0.05
  done
}
start_instance a $port_a
start_instance b $port_b

source tests/lib/api.sh
base_a=http://127.0.0.1:$port_a
cookie=$(api_login "$base_a" soak "$password")
token=$(api_new_token "$base_a" "$cookie" soak)
# schemathesis (step 6) works as a user of its own: what it deletes is its own, never the
# load's data. Logged in now, before the failed logins of steps 3 and 5.
fuzz_token=$(api_new_token "$base_a" "$(api_login "$base_a" soak-fuzz "$password")" soak-fuzz)
[[ -n "$cookie" && -n "$token" && -n "$fuzz_token" ]] || fail "could not log in"

# wrk with the mixed script; its acknowledgements go to $work/acks-<label>.<thread>.
load() { # label port conns seconds auth-header
  SOAK_ROWS=$rows SOAK_AUTH=$5 SOAK_OUT="$work/acks-$1" \
    wrk -t2 -c"$3" -d"$4s" --timeout 5s --latency -s tests/soak/mixed.lua "http://127.0.0.1:$2" > "$work/wrk-$1.txt" 2>&1
}
statuses() { cat $work/acks-$1.* 2>/dev/null | awk '$1 == "S" { n[$2]++ } END { for (s in n) printf "%s×%d ", s, n[s] }'; }
wrk_line() { grep -E "$2" "$work/wrk-$1.txt" | head -1 | sed 's/^ *//'; }

# 1. Load ------------------------------------------------------------------------------
say "1. load: $conns connections for $seconds s over both instances"
load load-a $port_a $((conns / 2)) "$seconds" "Cookie: $cookie" &
load_a=$!
load load-b $port_b $((conns / 2)) "$seconds" "Authorization: Bearer $token" &
load_b=$!
wait $load_a $load_b || true
for side in a b; do
  grep -q "Socket errors" "$work/wrk-load-$side.txt" && fail "socket errors under load: $(wrk_line load-$side 'Socket errors')"
  bad=$(cat "$work"/acks-load-"$side".* | awk '$1 == "S" && $2 >= 500' | wc -l)
  [[ "$bad" == 0 ]] || fail "$bad answers of 5xx under load on instance $side: $(statuses load-$side)"
done
summary "- Load: $conns connections for $seconds s, 45% GET by id, 20% list pages, 20% POST, 15% PUT, half with a session cookie on instance a, half with a bearer token on instance b: $(statuses 'load-[ab]'); $(wrk_line load-a 'Requests/sec') (a), $(wrk_line load-b 'Requests/sec') (b); p99 $(awk '/ 99%/ { print $2 }' "$work/wrk-load-a.txt") (a), $(awk '/ 99%/ { print $2 }' "$work/wrk-load-b.txt") (b); no 5xx, no socket errors."

# 2. Database faults ---------------------------------------------------------------------
say "2. database faults under load: a fast restart (stop -m fast, start) at 5 s, down for 3 s at 15 s"
load faults $port_a 16 25 "Cookie: $cookie" &
wrk_pid=$!
sleep 5
restart_started=$(date +%s%N)
pg_ctl -m fast -w stop >/dev/null && pg_start
until_ready $port_a 0.05
restart_ms=$(( ($(date +%s%N) - restart_started) / 1000000 ))
sleep 5
pg_ctl -m fast -w stop >/dev/null
down_started=$(date +%s%N)
slowest_ms=0
while (( $(date +%s%N) - down_started < 3000000000 )); do
  t0=$(date +%s%N)
  code=$(curl -s -o "$work/down-body.json" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port_a/api/v1/schedules/byid/1")
  took=$(( ($(date +%s%N) - t0) / 1000000 ))
  (( took > slowest_ms )) && slowest_ms=$took
  [[ "$code" == 503 ]] && grep -q '"code":104' "$work/down-body.json" || fail "while the database was down: HTTP $code $(cat "$work/down-body.json")"
  sleep 0.2
done
pg_start
back=$(date +%s%N)
until_ready $port_a 0.02
recovered_ms=$(( ($(date +%s%N) - back) / 1000000 ))
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'Content-Type: application/json' \
  -d '{"name":"soak-after-fault","config":{"period":60}}' "http://127.0.0.1:$port_a/api/v1/schedules")
[[ "$code" == 200 ]] || fail "a write after the database came back answered $code"
wait $wrk_pid || true
(( recovered_ms <= 2000 )) || fail "ready only ${recovered_ms} ms after the database came back"
(( slowest_ms <= 5000 )) || fail "a request took ${slowest_ms} ms while the database was down"
grep -q "timeout" "$work/wrk-faults.txt" && grep -E "timeout [1-9]" "$work/wrk-faults.txt" && fail "requests timed out during the faults"
other=$(cat "$work"/acks-faults.* | awk '$1 == "S" && $2 >= 500 && $2 != 503' | wc -l)
[[ "$other" == 0 ]] || fail "$other answers other than 503 for the faults: $(statuses faults)"
summary "- Database faults under load (16 connections, 25 s): fast restart, ready again $restart_ms ms after the restart began; then stopped for 3 s: every request answered 503 code 104, the slowest in $slowest_ms ms; ready again $recovered_ms ms after it was back, and the next write succeeded. Answers during the run: $(statuses faults)($(wrk_line faults 'Socket errors' || true))."

# 3. Two instances -----------------------------------------------------------------------
say "3. two instances"
me_b=$(curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port_b/api/v1/me")
[[ "$me_b" == *'"username":"soak"'* ]] || fail "a session made on a is not known to b: $me_b"
wins=0; conflicts=0
for i in $(seq 1 20); do
  id=$((4 * i))
  etag=$(curl -sf -D - -o /dev/null "http://127.0.0.1:$port_a/api/v1/schedules/byid/$id" | awk 'tolower($1) == "etag:" { print $2 }' | tr -d '\r')
  racers=()
  for port in $port_a $port_b; do
    curl -s -o /dev/null -w '%{http_code}\n' -X PUT -H "Cookie: $cookie" -H 'Content-Type: application/json' -H "If-Match: $etag" \
      -d "{\"name\":\"race-$i-$port\"}" "http://127.0.0.1:$port/api/v1/schedules/$id" > "$work/race-$i-$port" &
    racers+=($!)
  done
  wait "${racers[@]}"
  codes=$(sort "$work"/race-"$i"-* | tr '\n' ' ')
  [[ "$codes" == "200 412 " ]] || fail "concurrent PUTs with one If-Match from two instances: $codes"
  wins=$((wins + 1)); conflicts=$((conflicts + 1))
done
limited=""
for attempt in $(seq 1 12); do
  port=$([[ $((attempt % 2)) == 0 ]] && echo $port_a || echo $port_b)
  code=$(curl -s -D "$work/limit-headers" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"soak-victim","password":"wrong"}' "http://127.0.0.1:$port/api/v1/authenticate")
  if [[ "$code" == 429 ]]; then limited=$attempt; break; fi
  [[ "$code" == 401 ]] || fail "a wrong password answered $code"
done
[[ "$limited" == 11 ]] || fail "the per-account login limit (10) did not hold across instances (429 at attempt ${limited:-never})"
grep -qi '^retry-after: [0-9]' "$work/limit-headers" || fail "429 without Retry-After"
summary "- Two instances on one database: a session made on a works on b; 20 rounds of two concurrent PUTs with the same If-Match, one through each instance: $wins answered 200 and $conflicts answered 412 (code 103), one winner every time; failed logins alternating between instances: refused with 429 and Retry-After at attempt 11 (limit 10 per account)."

# 4. Graceful shutdown -------------------------------------------------------------------
say "4. SIGTERM to instance b under load"
load shutdown $port_b 16 12 "Authorization: Bearer $token" &
wrk_pid=$!
sleep 4
signalled=$(date +%s%N)
kill -TERM "${pids[b]}"
wait "${pids[b]}" && status=0 || status=$?
exit_ms=$(( ($(date +%s%N) - signalled) / 1000000 ))
unset 'pids[b]'
refused=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_b/healthz" || true)
wait $wrk_pid || true
[[ "$status" == 0 ]] || fail "instance b exited with status $status"
(( exit_ms <= 10000 )) || fail "instance b took $exit_ms ms to exit (drain limit 10 s)"
[[ "$refused" == 000 ]] || fail "instance b still answered ($refused) after shutting down"
bad=$(cat "$work"/acks-shutdown.* | awk '$1 == "S" && $2 >= 500' | wc -l)
[[ "$bad" == 0 ]] || fail "$bad answers of 5xx during shutdown: $(statuses shutdown)"
summary "- SIGTERM to instance b under 16 connections: exited with status 0 after $exit_ms ms; new connections refused after; answers before it: $(statuses shutdown)(no 5xx; the rest of the load saw closed connections: $(wrk_line shutdown 'Socket errors' || echo none))."

# 5. Secrets and login timing ----------------------------------------------------------
say "5. login timing and secrets in the logs"
median_login() { # username -> median seconds of 5 failed logins
  for n in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
      -d "{\"username\":\"$1\",\"password\":\"wrong-$n\"}" "http://127.0.0.1:$port_a/api/v1/authenticate"
  done | sort -n | sed -n 3p
}
unknown_s=$(median_login nobody-here)
wrong_s=$(median_login soak)
awk -v u="$unknown_s" -v w="$wrong_s" 'BEGIN { r = u / w; exit !(r > 0.5 && r < 2) }' ||
  fail "a login for an unknown user takes ${unknown_s} s, a wrong password ${wrong_s} s"
leaks=$({ grep -F -c -e "$password" -e "$token" -e "${cookie#*=}" "$work"/server-*.log || true; } | awk -F: '{ n += $2 } END { print n + 0 }')
[[ "$leaks" == 0 ]] || fail "a password, token or session id appears $leaks times in the server logs"
summary "- Failed logins take the same time for an unknown user and a wrong password (medians of 5: ${unknown_s} s and ${wrong_s} s). No password, token or session id in the servers' logs ($(cat "$work"/server-*.log | wc -l) lines)."

# 6. Hostile input: schemathesis ------------------------------------------------------------
say "6. schemathesis against /api/v1/openapi.json"
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
source tests/schemathesis/install.sh
install_schemathesis
SCHEMATHESIS_TOKEN=$fuzz_token "$SCHEMATHESIS" --config-file tests/schemathesis/schemathesis.toml \
  run --workers 1 --checks all --no-color "http://127.0.0.1:$port_a$OPENAPI_PATH" > "$work/schemathesis.txt" 2>&1 ||
  { tail -60 "$work/schemathesis.txt" >&2; fail "schemathesis found failures (all of it: $work/schemathesis.txt)"; }
summary "- schemathesis $SCHEMATHESIS_VERSION, every check, phases examples (the document's cron and zone examples), coverage, fuzzing and stateful: $(grep -E '^[0-9]+ generated|test cases|passed' "$work/schemathesis.txt" | tail -1 | sed 's/^ *//'); no failures."

# Nothing acknowledged is lost ------------------------------------------------------------
say "checking every acknowledged write"
cat "$work"/acks-* | awk '$1 == "C" { print $2 }' | sort -n -u > "$work/acked-creates"
cat "$work"/acks-* | awk -F'\t' '$1 == "V" { print $2 "\t" $3 "\t" $4 }' > "$work/acked-states"
psql "$url" -X -q -v ON_ERROR_STOP=1 <<SQL > "$work/verify.txt"
CREATE TEMP TABLE acked_creates (id bigint);
\copy acked_creates FROM '$work/acked-creates'
CREATE TEMP TABLE acked_states (id bigint, version int, name text);
\copy acked_states FROM '$work/acked-states'
\pset tuples_only on
\pset format unaligned
SELECT 'created_acked ' || count(*) FROM acked_creates;
SELECT 'created_missing ' || count(*) FROM acked_creates a LEFT JOIN schedules s USING (id) WHERE s.id IS NULL;
SELECT 'created_rows ' || count(*) FROM schedules WHERE name LIKE 'soak-new-%';
SELECT 'states_acked ' || count(*) FROM acked_states;
SELECT 'states_wrong ' || count(*) FROM (
  SELECT DISTINCT ON (id) id, version, name FROM acked_states ORDER BY id, version DESC
) latest JOIN schedules s USING (id) WHERE s.version < latest.version OR (s.version = latest.version AND s.name <> latest.name);
SELECT 'rows ' || count(*) FROM schedules;
-- History: every acknowledged state is a recorded version with that name; every schedule's
-- current version is recorded; version numbers have no gaps.
SELECT 'versions_missing ' || count(*) FROM (SELECT DISTINCT id, version, name FROM acked_states) a
  LEFT JOIN schedule_versions v ON v.schedule_id = a.id AND v.version = a.version
  WHERE v.schedule_id IS NULL OR v.content->>'name' IS DISTINCT FROM a.name;
SELECT 'versions_current_missing ' || count(*) FROM schedules s
  LEFT JOIN schedule_versions v ON v.schedule_id = s.id AND v.version = s.version WHERE v.schedule_id IS NULL;
SELECT 'versions_gaps ' || count(*) FROM (SELECT schedule_id FROM schedule_versions GROUP BY schedule_id
  HAVING count(*) <> max(version) - min(version) + 1) g;
-- Tags: the index of each tag's ids (migrations/0010) and the tallies hold exactly what the
-- tags column says, after writes that the triggers' WHEN clauses skip or follow.
SELECT 'tag_index_wrong ' || count(*) FROM (
  (SELECT tag, id FROM schedules, unnest(tags) tag EXCEPT ALL SELECT tag, id FROM schedule_tag_ids)
  UNION ALL
  (SELECT tag, id FROM schedule_tag_ids EXCEPT ALL SELECT tag, id FROM schedules, unnest(tags) tag)
) d;
SELECT 'tag_tallies_wrong ' || count(*) FROM (
  (SELECT tag, kind, count(*) FROM schedules, unnest(tags) tag GROUP BY 1, 2
   EXCEPT SELECT tag, kind, sum(n) FROM schedule_tag_counts WHERE owner_id = 0 GROUP BY 1, 2 HAVING sum(n) <> 0)
  UNION ALL
  (SELECT tag, kind, sum(n) FROM schedule_tag_counts WHERE owner_id = 0 GROUP BY 1, 2 HAVING sum(n) <> 0
   EXCEPT SELECT tag, kind, count(*) FROM schedules, unnest(tags) tag GROUP BY 1, 2)
) d;
SQL
value() { awk -v k="$1" '$1 == k { print $2 }' "$work/verify.txt"; }
api_count=$(curl -sf "http://127.0.0.1:$port_a/api/v1/schedules?page=1" | grep -o '"count":[0-9]*' | cut -d: -f2)
[[ "$(value created_missing)" == 0 ]] || fail "$(value created_missing) acknowledged creates are missing"
[[ "$(value states_wrong)" == 0 ]] || fail "$(value states_wrong) acknowledged updates are not in the database"
[[ "$api_count" == "$(value rows)" ]] || fail "count says $api_count, the table has $(value rows)"
[[ "$(value versions_missing)" == 0 ]] || fail "$(value versions_missing) acknowledged states have no version in the history"
[[ "$(value versions_current_missing)" == 0 ]] || fail "$(value versions_current_missing) schedules' current versions are not in the history"
[[ "$(value versions_gaps)" == 0 ]] || fail "$(value versions_gaps) schedules' histories have gaps"
[[ "$(value tag_index_wrong)" == 0 ]] || fail "the tag index differs from the tags column in $(value tag_index_wrong) rows"
[[ "$(value tag_tallies_wrong)" == 0 ]] || fail "the tag tallies differ from the tags column in $(value tag_tallies_wrong) tags"
summary "- Nothing lost: $(value created_acked) acknowledged creates, all present ($(value created_rows) rows created by the load: creates whose answer never arrived are the difference); $(value states_acked) acknowledged states (PUT answers and reads), the latest of each schedule is what the database holds, and each is a version in its history (no gaps, every current version recorded); \`count\` = $api_count = rows in the table; each tag's index and tallies are what the tags column says."
say "all soak checks passed"
cat "$work/summary.md"
