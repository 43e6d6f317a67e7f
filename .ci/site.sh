#!/usr/bin/env bash
# Builds the site: the release server, the WebAssembly bundle, the CSS and public/ (what
# `cargo leptos build --release --precompress` makes under target/), for `make run`, `make
# test`, `make soak` and `make bench`.
#
# cargo-leptos runs wasm-bindgen, wasm-opt and precompression every time, about 50 s on two
# cores even when nothing changed. So first cargo itself brings the two compiled outputs up
# to date, with the same arguments and environment cargo-leptos gives it (when nothing
# changed that takes a second, and at once rather than one after the other), and the site
# is rebuilt only when what it is made from
# differs from what the last site was made from: the .wasm and the server binary cargo
# produced, the stylesheet, every file of public/, Cargo.toml and the tools' versions.
# Deciding from the produced files, not from a list of sources, cannot leave a stale site:
# whatever cargo rebuilds for any reason shows in its output.
#
# One build at a time: a second command waits here for the first to finish instead of both
# writing target/site at once.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target
exec 9>target/.site-build.lock
if ! flock -n 9; then
  echo "site: another build of the site is running; waiting for it to finish" >&2
  flock 9
fi

name=kragle-schedules
wasm=target/front/wasm32-unknown-unknown/wasm-release/${name//-/_}.wasm
server=target/release/$name
stamp=target/site/.made-from

source .ci/leptos-env.sh

made_from() {
  sha256sum "$wasm" "$server" style/main.css Cargo.toml
  find public -type f -print0 | sort -z | xargs -0 -r sha256sum
  cargo leptos --version
  wasm-bindgen --version
  wasm-opt --version
}

# The site the server would serve is all there: each file that target/release/hash.txt (read
# by the server to name them) names.
site_is_whole() {
  [[ -f $stamp && -f target/release/hash.txt ]] || return 1
  local kind hash
  while read -r kind hash; do
    case $kind in
      split:) [[ -f target/site/pkg/__wasm_split.$hash.js ]] || return 1 ;;
      manifest:) [[ -f target/site/pkg/__wasm_split_manifest.$hash.json ]] || return 1 ;;
      *) [[ -f target/site/pkg/$name.$hash.${kind%:} ]] || return 1 ;;
    esac
  done <target/release/hash.txt
}

# The two compiled outputs, built side by side: the WebAssembly's last step (fat LTO into
# one codegen unit) keeps one core busy while the server's crates use the other, where one
# after the other the second core would idle through it. cargo-leptos then finds both up
# to date. Each writes its own target directory, so neither waits for the other's lock.
# The WebAssembly is linked keeping its relocations (what cargo-leptos asks for with --split),
# so that each lazy island's code can be split into a file of its own.
build_front() {
  RUSTFLAGS="$SPLIT_RUSTFLAGS" cargo build --package=$name --lib --target-dir="$PWD/target/front" \
    --target=wasm32-unknown-unknown --no-default-features --features=hydrate --profile=wasm-release
}
build_server() {
  cargo build --package=$name --bin=$name --no-default-features --features=ssr --release
}
build_front &
front=$!
server_status=0
build_server || server_status=$?
front_status=0
wait $front || front_status=$?
((front_status == 0 && server_status == 0)) || exit 1

if site_is_whole && [[ -f $stamp && "$(made_from 2>&1)" == "$(cat "$stamp")" ]]; then
  echo "site: up to date (nothing it is made from changed since it was built)" >&2
  exit 0
fi

rm -f "$stamp"
cargo leptos build --release --precompress --split
made_from >"$stamp" 2>&1
