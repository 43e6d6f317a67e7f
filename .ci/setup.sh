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

# The tools are built unoptimised (opt-level 0, no LTO, no debug info) but for the few
# crates that do real work on our build's data (brotli for precompression, walrus and
# wasmparser for the WebAssembly). On a fresh two-core machine cargo-leptos then took
# 7 min 56 s and 7 min 38 s to build instead of 14 min 19 s (opt-level 1) or 22 min (its
# own profile), wasm-bindgen 1 min 53 s instead of 2 min 29 s; their part of a site build
# (wasm-bindgen, wasm-opt, precompression) took 52 s, 50 s with the optimised tools.
LIGHT_TOOL_PROFILE=(
  --config 'profile.release.opt-level=0' --config 'profile.release.lto=false'
  --config 'profile.release.codegen-units=16' --config 'profile.release.debug=0'
  --config 'profile.release.package.brotli.opt-level=2' --config 'profile.release.package.walrus.opt-level=2'
  --config 'profile.release.package.wasmparser.opt-level=2'
  --config 'profile.release.package.wasm-bindgen-cli-support.opt-level=2'
)

if [[ "$(cargo leptos --version 2>/dev/null || true)" != *" $CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 8 minutes on two cores, once)"
  cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked --features no_downloads "${LIGHT_TOOL_PROFILE[@]}"
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION"* ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock; about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force "${LIGHT_TOOL_PROFILE[@]}"
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
