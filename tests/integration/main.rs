//! Integration tests: the whole router, driven with `tower::ServiceExt::oneshot` against a
//! real PostgreSQL. Every test gets its own freshly migrated database (`#[sqlx::test]`).

mod harness;

mod attacks;
mod auth;
mod bulk;
mod calendar;
mod connections;
mod embedded_cluster;
mod errors;
mod export;
mod history;
mod import;
mod load;
mod openapi;
mod pages;
mod roundtrip;
mod schedules;
mod tags;
mod timeline;
mod tokens;
