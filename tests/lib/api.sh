# Shell helpers for the scripts that drive a running server over HTTP (bench/run.sh,
# tests/soak/run.sh). Source it; each prints its result on stdout, nothing on failure.

# api_login BASE USERNAME PASSWORD -> the session cookie ("auth_tkt=...")
api_login() {
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/authenticate" |
    awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }'
}

# api_new_token BASE COOKIE NAME -> a new bearer token of the cookie's user
api_new_token() {
  curl -sf -H "Cookie: $2" -H 'Content-Type: application/json' -d "{\"name\":\"$3\"}" "$1/api/v1/tokens" |
    grep -o '"token":"[^"]*"' | cut -d'"' -f4
}
