# Sourced by .ci/test.sh and tests/client/run.sh: `database_url NAME` is $DATABASE_URL with
# its database replaced by NAME (same server, user and options), for tests that need a
# database of their own.
database_url() {
  local base="${DATABASE_URL%%\?*}" query=""   # base: postgres://user@host/db
  [[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
  echo "${base%/*}/$1${query}"
}
