#!/usr/bin/env bash
# Installs what building and testing need, pinned, and skips what is already there.
#   .ci/setup.sh          for `make run`: Rust wasm target, cargo-leptos, wasm-bindgen,
#                         wasm-opt (npm binaryen), PostgreSQL binaries
#   .ci/setup.sh --test   also Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
for_tests=false
[[ "${1:-}" == "--test" ]] && for_tests=true

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
is_root() { [[ "$(id -u)" == 0 ]]; }

apt_updated=false
apt_install() {
  if ! is_root; then
    echo "setup: missing $*. Install it with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  if ! $apt_updated; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v cargo >/dev/null || { echo "setup: Rust is missing: install it from https://rustup.rs" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if $for_tests && ! { cargo fmt --version && cargo clippy --version; } >/dev/null 2>&1; then
  say "adding rustfmt and clippy"
  rustup component add rustfmt clippy
fi

if [[ "$(cargo leptos --version 2>/dev/null || true)" != *" $CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 17 minutes on two cores, once)"
  # Its own release profile (fat LTO, one codegen unit, opt-level 3) took 22 minutes here;
  # this lighter one builds a tool that is as fast at what we ask of it (see the README).
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=0 \
    cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION"* ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# wasm-opt (npm binaryen) and Playwright, at the versions in end2end/package-lock.json.
if [[ ! -f end2end/node_modules/.install-stamp || end2end/package-lock.json -nt end2end/node_modules/.install-stamp ]]; then
  say "installing the end2end Node packages (npm ci)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
  touch end2end/node_modules/.install-stamp
fi

if [[ -z "${DATABASE_URL:-}" ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  apt_install postgresql
fi

# The generated-client test makes a Python virtual environment (Debian splits venv out).
if $for_tests && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  apt_install python3 python3-venv
fi

if $for_tests && [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium
fi
exit 0
