#!/usr/bin/env bash
# The OpenAPI document and the handlers agree (part of `make test`): schemathesis, pinned
# (install.sh), with every check of schemathesis.toml, runs its coverage phase (each
# parameter's and body's edges: bounds, enums, missing and wrong types) and its fuzzing
# phase over every operation of the document the server publishes, as a user of its own.
# Bounded and repeatable: a fixed seed, no example database carried between runs, at most
# SCHEMATHESIS_EXAMPLES (default 100) generated cases an operation in the fuzzing phase.
# One worker: with two, this machine's CPython 3.11.7 sometimes fails inside hypothesis with
# "AST constructor recursion depth mismatch" (cpython#106905, a race between threads
# parsing at once), an error of the tool, not of the server. `make soak` runs every phase
# with more cases. Needs the release build and DATABASE_URL
# (a database kragle_schemathesis is made afresh on it).
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=./target/release/kragle-schedules
work=target/schemathesis
port=${SCHEMATHESIS_PORT:-3198}
base_url="http://127.0.0.1:$port"
password="schemathesis password, not secret"
mkdir -p "$work"

source .ci/database-url.sh
source tests/lib/api.sh
source tests/schemathesis/install.sh
install_schemathesis
url=$(database_url kragle_schemathesis)
psql "$(database_url postgres)" -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' \
  -c 'DROP DATABASE IF EXISTS kragle_schemathesis WITH (FORCE)'

DATABASE_URL="$url" KRAGLE_LOG=warn "$bin" serve --addr "127.0.0.1:$port" --site-root target/site \
  --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
deadline=$((SECONDS + 30))
until curl -sf -o /dev/null "$base_url/readyz"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "the server did not start" >&2; exit 1; }
  ((SECONDS < deadline)) || { echo "the server was not ready within 30 s" >&2; exit 1; }
  sleep 0.2
done
printf '%s\n' "$password" | DATABASE_URL="$url" KRAGLE_LOG=warn \
  "$bin" user add --username schemathesis --email schemathesis@example.com --password-stdin >/dev/null
token=$(api_new_token "$base_url" "$(api_login "$base_url" schemathesis "$password")" schemathesis)
[[ -n "$token" ]] || { echo "could not make a token for schemathesis" >&2; exit 1; }

started=$SECONDS
status=0
SCHEMATHESIS_TOKEN=$token "$SCHEMATHESIS" --config-file tests/schemathesis/schemathesis.toml \
  run --workers 1 --checks all --phases coverage,fuzzing --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" --seed 20261202 \
  --generation-database none --no-color "$base_url/api/v1/openapi.json" >"$work/output.txt" 2>&1 || status=$?
if ((status != 0)); then
  tail -80 "$work/output.txt" >&2
  echo "schemathesis found failures (all of it: $work/output.txt)" >&2
  exit 1
fi
grep -E 'test cases|passed|operations' "$work/output.txt" | tail -3
echo "schemathesis: no failures in $((SECONDS - started)) s"
