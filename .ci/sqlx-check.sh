#!/usr/bin/env bash
# The SQL checked at build time against the schema (part of `make test`).
#   .ci/sqlx-check.sh URL           clippy for the server code, with every query! macro
#                                   asking the database at URL (migrated here first) instead
#                                   of the offline data; fails when what the macros write
#                                   differs from .sqlx/ (a statement or the schema changed
#                                   and the data was not remade), or a statement does not
#                                   fit the schema
#   .ci/sqlx-check.sh --write URL   the same, then makes .sqlx/ what the macros wrote
# Every other build reads .sqlx/ (SQLX_OFFLINE=true, in .ci/leptos-env.sh) and needs no
# database. No tool to install: sqlx's macros write their data themselves when
# SQLX_OFFLINE_DIR is set (what `cargo sqlx prepare` does underneath).
set -euo pipefail
cd "$(dirname "$0")/.."
write=false
[[ "${1:-}" == "--write" ]] && { write=true; shift; }
url=${1:?usage: .ci/sqlx-check.sh [--write] DATABASE_URL}
fresh=$PWD/target/sqlx-fresh

KRAGLE_LOG=warn ./target/release/kragle-schedules migrate --database-url "$url" >/dev/null
rm -rf "$fresh" && mkdir -p "$fresh"
# Only this package's own check artifacts go, so the macros run again; no dependency is
# rebuilt, and the release build is left alone.
cargo clean --quiet --package kragle-schedules --profile dev
SQLX_OFFLINE=false DATABASE_URL="$url" SQLX_OFFLINE_DIR="$fresh" \
  cargo clippy --all-targets --no-default-features --features ssr -- -D warnings
if $write; then
  rm -rf .sqlx && cp -r "$fresh" .sqlx
  echo "sqlx: .sqlx/ remade ($(ls .sqlx | wc -l) statements)"
elif ! diff -r .sqlx "$fresh" >target/sqlx-check.diff; then
  cat target/sqlx-check.diff >&2
  echo "sqlx: .sqlx/ is stale: run .ci/sqlx-check.sh --write <a database URL> and commit .sqlx/" >&2
  exit 1
else
  echo "sqlx: .sqlx/ matches the schema ($(ls .sqlx | wc -l) statements)"
fi
