# Sourced by .ci/site.sh and .ci/test.sh: the environment cargo-leptos 0.3.10 gives cargo
# (its Project::to_envs, for this Cargo.toml's [package.metadata.leptos]). Builds run with
# the same environment keep cargo's fingerprints, so none of them makes another recompile
# the crate (the site build, the quick check before it, and `cargo test`).
export LEPTOS_OUTPUT_NAME=kragle-schedules LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=. LEPTOS_BIN_DIR=. \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
# The query! macros read the statements' offline data in .sqlx/ rather than ask a database,
# whatever DATABASE_URL says (.ci/sqlx-check.sh checks that data against the schema).
export SQLX_OFFLINE=true
# What cargo-leptos adds to the WebAssembly build's RUSTFLAGS for `--split` (its
# Project::to_envs), given to the site's own build of it so that cargo-leptos finds it up to date.
export SPLIT_RUSTFLAGS="-Clink-args=--emit-relocs"
