# Sourced by bench/run.sh and bench/compare.sh: driving a release server on a seeded
# database. The caller sets data (the cluster's directory), port, base, seconds, warmup,
# password and admin_url (from `db start`), and server_pid="" before starting a server.

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
url_of() { echo "${admin_url/\/postgres\?//$1?}"; }
sql() { psql "$1" -X -q -t -A -v ON_ERROR_STOP=1 -c "$2"; }
source tests/lib/api.sh

# wrk, brotli and curl, from Debian's packages where they are missing.
need_tools() {
  local missing=() tool
  for tool in wrk brotli curl; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  ((${#missing[@]})) || return 0
  [[ "$(id -u)" == 0 ]] || { echo "bench: missing ${missing[*]}: sudo apt-get install -y ${missing[*]}" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Removes the schedules a run created, a thousand a transaction. The tally triggers update
# the same few count rows for every deleted row, and inside one transaction each update
# walks the row versions the earlier ones left: deleting 36,000 rows at once took 6 minutes.
# The versions the writes recorded (migrations/0006) go the same way, where the schema of
# the build being measured has them.
remove_written_rows() { # url rows
  while [[ "$(sql "$1" "WITH gone AS (DELETE FROM schedules WHERE id IN (SELECT id FROM schedules WHERE id > $2 LIMIT 1000) RETURNING 1) SELECT count(*) FROM gone")" != 0 ]]; do :; done
  [[ "$(sql "$1" "SELECT to_regclass('schedule_versions') IS NOT NULL")" == t ]] || return 0
  while [[ "$(sql "$1" "WITH gone AS (DELETE FROM schedule_versions WHERE (schedule_id, version) IN (SELECT schedule_id, version FROM schedule_versions WHERE schedule_id > $2 LIMIT 1000) RETURNING 1) SELECT count(*) FROM gone")" != 0 ]]; do :; done
}

# VACUUM of the tables a run writes (those the schema of the measured build has).
vacuum_written() { # url
  local table
  for table in schedules schedule_counts schedule_id_blocks schedule_versions deleted_schedules schedule_tag_counts schedule_tag_ids; do
    [[ "$(sql "$1" "SELECT to_regclass('$table') IS NOT NULL")" == t ]] && sql "$1" "VACUUM $table" >/dev/null
  done
  return 0
}

# A database of `rows` schedules for the server `bin`: created and migrated by it, with the
# user `bench` (prints its id), seeded by `seed` unless that very file seeded it already.
prepare_database() { # bin db rows seed
  local bin=$1 db=$2 rows=$3 seed=$4 url owner seed_version seeded started
  url=$(url_of "$db")
  if [[ -z "$(sql "$admin_url" "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
    sql "$admin_url" "CREATE DATABASE $db"
  fi
  KRAGLE_DATA_DIR=$data "$bin" migrate --database-url "$url" >/dev/null
  owner=$(sql "$url" "SELECT id FROM users WHERE username = 'bench'")
  if [[ -z "$owner" ]]; then
    echo "$password" | KRAGLE_DATA_DIR=$data "$bin" user add --username bench --email bench@example.com --password-stdin --database-url "$url" >/dev/null
    owner=$(sql "$url" "SELECT id FROM users WHERE username = 'bench'")
  fi
  seed_version=$(md5sum "$seed" | cut -c1-12)
  seeded=$(sql "$url" "SELECT rows || ':' || version FROM bench_seed" 2>/dev/null || true)
  if [[ "$seeded" != "$rows:$seed_version" ]]; then
    say "seeding $rows schedules in $db"
    started=$(date +%s)
    psql "$url" -X -q -v rows="$rows" -v owner="$owner" -v version="$seed_version" -f "$seed" >/dev/null
    say "seeded in $(( $(date +%s) - started )) s"
  fi
  # Leftovers of an interrupted run, and old sessions and tokens.
  remove_written_rows "$url" "$rows"
  sql "$url" "DELETE FROM sessions; DELETE FROM api_tokens; DELETE FROM idempotency_keys;" >/dev/null
  sql "$url" "VACUUM ANALYZE schedules" >/dev/null
  echo "$owner"
}

# wrk for $seconds after a warm-up; prints "requests non2xx errors rps p50_ms p99_ms".
drive() {
  local conns=$1
  wrk -t2 -c"$conns" -d"${warmup}s" -s bench/wrk/request.lua "$base" >/dev/null
  wrk -t2 -c"$conns" -d"${seconds}s" -s bench/wrk/request.lua "$base" | awk '/^RESULT/ {
    printf "%d %d %d %.0f %.2f %.2f\n", $2, $3, $4, $2 / ($5 / 1e6), $6 / 1000, $7 / 1000 }'
}

# Starts the release server `bin` on the database at `url`, logging to `log`; returns once
# it answers. The server reads the names of the site's files from hash.txt beside it.
start_server() { # bin url log
  KRAGLE_DATA_DIR=$data SESSION_KEY=bench-session-key-0123456789abcdef0123 \
    "$1" serve --database-url "$2" --addr "127.0.0.1:$port" --site-root target/site >"$3" 2>&1 &
  server_pid=$!
  until curl -sf -o /dev/null "$base/healthz"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.01
  done
}

stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

rss_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
