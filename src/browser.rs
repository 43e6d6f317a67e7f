//! What every page does in the browser once its WebAssembly has loaded: the `tz` cookie
//! with the viewer's zone and, on a page the server drew before it knew the zone (a first
//! visit to the timeline or the load view), one reload.

use leptos::prelude::{document, window};

/// The viewer's zone for pages the server draws in it: a cookie, read on the next request;
/// then, if this page was drawn in another zone, that next request at once. Never when the
/// cookie could not be written, so it cannot loop. Zone names need no escaping in a cookie.
pub fn remember_zone() {
    let Some(zone) = crate::components::local_time::browser_zone_name() else { return };
    let document = document();
    let cookie = format!("tz={zone}; path=/; max-age=31536000; samesite=lax");
    let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
    let asked = document
        .query_selector("[data-asked-zone]")
        .ok()
        .flatten()
        .and_then(|drawing| drawing.get_attribute("data-asked-zone"));
    let cookies =
        js_sys::Reflect::get(&document, &"cookie".into()).ok().and_then(|c| c.as_string()).unwrap_or_default();
    let zone_now_known = cookies.split(';').any(|c| c.trim() == format!("tz={zone}"));
    if asked.is_some_and(|asked| asked != zone) && zone_now_known {
        let _ = window().location().reload();
    }
}
