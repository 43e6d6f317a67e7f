//! Kragle Schedules: a schedule manager. A Leptos app rendered on the server and hydrated
//! in the browser, and the Kragle.io Schedules JSON API, over one domain layer.
// The editor page's view is one deeply nested type; computing its layout on the server
// needs more than the default 128 levels of queries.
#![recursion_limit = "256"]

pub mod app;
pub mod auth;
pub mod clock;
pub mod components;
pub mod error;
pub mod field_error;
pub mod pages;
pub mod schedules;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod drawing;
#[cfg(feature = "ssr")]
pub mod load;
#[cfg(feature = "ssr")]
pub mod query_pairs;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod timeline;

/// Start-up: the command line, the database, the HTTP stack. Nothing else imports it.
#[cfg(feature = "ssr")]
pub mod server;

/// The browser entry point. The server renders every page; this starts the islands (the
/// parts of a page that react in the browser, each hydrated from the server's markup by
/// the script Leptos puts in the page), marks the page as taken over, and hands the
/// viewer's zone to the server for the pages it draws in it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    browser::remember_zone();
    components::ready::mark_hydrated_when_ready();
}

/// What every page does in the browser, whatever islands it has.
#[cfg(feature = "hydrate")]
mod browser;
