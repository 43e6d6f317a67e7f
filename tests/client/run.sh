#!/usr/bin/env bash
# The OpenAPI document as the tools API clients use see it (part of `make test`):
#   1. Redocly's recommended lint passes with no errors (end2end/package-lock.json pins
#      @redocly/cli; redocly.yaml says why any warning is kept);
#   2. a Python client generated from the document by openapi-python-client (pinned below)
#      logs in, creates, reads, lists, updates and deletes a schedule against a running
#      server, and sees code 26 for an invalid config (check_client.py).
# Needs the release build and DATABASE_URL (a database kragle_client is made afresh on it).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH"

OPENAPI_PYTHON_CLIENT_VERSION=0.29.1
bin=./target/release/kragle-schedules
work=target/openapi-client
port=${CLIENT_PORT:-3197}
base_url="http://127.0.0.1:$port"
mkdir -p "$work"

source .ci/database-url.sh
client_url=$(database_url kragle_client)
psql "$(database_url postgres)" -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' \
  -c 'DROP DATABASE IF EXISTS kragle_client WITH (FORCE)'

if [[ "$("$work/venv/bin/openapi-python-client" --version 2>/dev/null || true)" != *" $OPENAPI_PYTHON_CLIENT_VERSION" ]]; then
  echo "installing openapi-python-client $OPENAPI_PYTHON_CLIENT_VERSION"
  rm -rf "$work/venv"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check "openapi-python-client==$OPENAPI_PYTHON_CLIENT_VERSION"
fi

DATABASE_URL="$client_url" KRAGLE_LOG=warn "$bin" serve --addr "127.0.0.1:$port" --site-root target/site \
  --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  "$work/venv/bin/python" -c "import urllib.request as u; u.urlopen('$base_url/readyz', timeout=1)" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; echo "the server did not start" >&2; exit 1; }
  sleep 0.2
done
printf '%s\n' 'client check password' | DATABASE_URL="$client_url" KRAGLE_LOG=warn \
  "$bin" user add --username client-check --email client-check@example.com --password-stdin >/dev/null

"$work/venv/bin/python" -c "import urllib.request as u; open('$work/openapi.json', 'wb').write(u.urlopen('$base_url/api/v1/openapi.json').read())"

echo "Redocly lint (recommended rules)"
redocly lint --config tests/client/redocly.yaml --format stylish "$work/openapi.json"

echo "openapi-python-client $OPENAPI_PYTHON_CLIENT_VERSION: generate, then use the client"
rm -rf "$work/kragle-client"
"$work/venv/bin/openapi-python-client" generate --path "$work/openapi.json" --output-path "$work/kragle-client" \
  --config tests/client/generator.yaml --fail-on-warning
PYTHONPATH="$work/kragle-client" "$work/venv/bin/python" tests/client/check_client.py "$base_url" client-check 'client check password'
