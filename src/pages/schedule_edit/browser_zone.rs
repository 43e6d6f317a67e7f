//! The viewer's zone as the browser knows it: its offset from UTC at a given moment
//! (daylight saving may make it differ from today's), read from the browser's `Date`. On the
//! server, where no viewer's zone is known, every offset is UTC's.

use crate::schedules::form::datetime_local::{format_local, parse_local};
use crate::schedules::form::ScheduleForm;

/// Re-expresses the form's times, read in its current offset, in the browser's zone (each
/// time with the zone's offset at that moment).
pub fn show_in_browser_zone(form: &mut ScheduleForm) {
    let current = form.shown_offset();
    for field in [&mut form.first_run, &mut form.run_at, &mut form.ends] {
        if let Ok(Some(ts)) = parse_local(field, current) {
            *field = format_local(ts, browser_offset_at_utc(ts));
        }
    }
    form.utc_offset_minutes = browser_offset_at_local(form.chosen_time()).to_string();
}

/// The browser zone's offset from UTC (minutes east) at the instant `ts`.
fn browser_offset_at_utc(ts: i64) -> i32 {
    #[cfg(feature = "hydrate")]
    {
        -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ts as f64 * 1000.0)).get_timezone_offset() as i32)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ts;
        0
    }
}

/// The browser zone's offset at a local `datetime-local` time (now, when empty).
pub fn browser_offset_at_local(local: &str) -> i32 {
    #[cfg(feature = "hydrate")]
    {
        let date = if local.is_empty() { js_sys::Date::new_0() } else { js_sys::Date::new(&local.into()) };
        let minutes = date.get_timezone_offset();
        if minutes.is_nan() {
            0
        } else {
            -(minutes as i32)
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = local;
        0
    }
}
