//! Kragle Schedules: a schedule manager. A Leptos app rendered on the server and hydrated
//! in the browser, and the Kragle.io Schedules JSON API, over one domain layer.

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
pub mod state;
#[cfg(feature = "ssr")]
pub mod timeline;

/// Start-up: the command line, the database, the HTTP stack. Nothing else imports it.
#[cfg(feature = "ssr")]
pub mod server;

/// The browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets tests (and curious people) see that the WebAssembly has taken over the page.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    // The viewer's zone for pages the server draws in it (the timeline): a cookie, read on
    // the next request. Zone names need no escaping in a cookie.
    if let Some(zone) = components::local_time::browser_zone_name() {
        let cookie = format!("tz={zone}; path=/; max-age=31536000; samesite=lax");
        let _ = js_sys::Reflect::set(&leptos::prelude::document(), &"cookie".into(), &cookie.into());
    }
}
