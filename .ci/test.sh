#!/usr/bin/env bash
# `make test`: every test, against a real PostgreSQL and a real Chromium.
#   0. cargo fmt --check and clippy (server and browser code), warnings are errors; the SQL
#      of the query! macros against the schema, and .sqlx/ up to date (.ci/sqlx-check.sh)
#   1. unit and integration tests (cargo test; each integration test gets its own database)
#   2. the OpenAPI document: Redocly's lint, a generated Python client against the server,
#      and schemathesis's coverage and fuzzing phases over every operation
#   3. end-to-end tests in Chromium against the release build (Playwright)
# Without DATABASE_URL it starts a private PostgreSQL cluster under target/ and stops it
# at the end. Exits non-zero if any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

.ci/setup.sh --test

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

source .ci/leptos-env.sh

step "formatting and lints (rustfmt; clippy for the browser)"
cargo fmt --check
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

step "build (release server and WebAssembly)"
.ci/site.sh

bin=./target/release/kragle-schedules
if [[ -z "${DATABASE_URL:-}" ]]; then
  step "start a private PostgreSQL cluster in target/test-data"
  export DATABASE_URL=$("$bin" db start --data-dir target/test-data --database postgres)
  trap '"$bin" db stop --data-dir target/test-data' EXIT
fi
echo "DATABASE_URL=$DATABASE_URL"
source .ci/database-url.sh

step "clippy for the server, its SQL checked against the schema (.sqlx/ up to date)"
.ci/sqlx-check.sh "$(database_url kragle_sqlx)"

step "unit and integration tests"
# The same compile-time environment cargo-leptos gives the server build (sourced above), so
# the two builds share every compiled dependency instead of rebuilding Leptos for each.
cargo test --release --no-default-features --features ssr 2>&1 | tee target/cargo-test.log
grep -E '^test result:' target/cargo-test.log | awk '{ passed += $4; failed += $6 } END { printf "cargo test: %d passed, %d failed\n", passed, failed }'

step "the OpenAPI document: Redocly's lint and a generated Python client"
tests/client/run.sh

step "the OpenAPI document and the handlers agree: schemathesis (coverage and fuzzing)"
tests/schemathesis/run.sh

step "end-to-end tests in Chromium"
# A fresh database for the browser tests: same server, its own name.
psql "$(database_url postgres)" -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS kragle_e2e WITH (FORCE)'
export E2E_DATABASE_URL="$(database_url kragle_e2e)"
(cd end2end && npx playwright test)
