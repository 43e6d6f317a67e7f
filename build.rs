//! Rebuilds the crate when a migration changes: `sqlx::migrate!()` embeds the migrations,
//! and the `query!` macros check their statements against the schema the migrations make
//! (see `.ci/sqlx-check.sh`).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
