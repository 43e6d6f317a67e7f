//! Times in the viewer's own zone. The server cannot know the zone, so the server's HTML
//! and the first render in the browser both say UTC (they must agree for hydration); once
//! hydrated, the page learns the zone and the same places re-render in it.

use crate::clock::now;
use crate::schedules::describe::{describe, describe_with, format_utc};
use crate::schedules::NewSchedule;
use leptos::prelude::*;

/// The viewer's time zone name: `None` on the server and while hydrating (both renders
/// must agree), then the browser's zone. Call it in the component that shows the times,
/// inside any `Suspense`: its effect then runs only after that part of the page has been
/// hydrated.
pub fn use_viewer_zone() -> ReadSignal<Option<String>> {
    let zone = RwSignal::new(None);
    Effect::new(move |_| zone.set(browser_zone_name()));
    zone.read_only()
}

/// The description of a schedule, in the viewer's zone when known:
/// "Once on Tue 1 Dec 2026, 14:00 (Europe/Paris) — in 4 days".
pub fn describe_for_viewer(
    schedule: &NewSchedule,
    zone: ReadSignal<Option<String>>,
) -> impl Fn() -> String + Send + Sync + 'static {
    let schedule = schedule.clone();
    move || match zone.get() {
        None => describe(&schedule),
        Some(zone) => {
            let text = describe_with(&schedule, |ts| format!("{} ({zone})", format_in_browser(ts)));
            match (schedule.once, schedule.config.timestamp) {
                (true, Some(ts)) => format!("{text} — {}", relative(ts - now())),
                _ => text,
            }
        }
    }
}

/// A moment as a `<time>` element: in UTC on the server and while hydrating (and saying
/// so), then in the viewer's zone, named, in the browser's language. With `made_at` (when
/// the page was made) it also says how far off it is: after the time ("…, 14:00 (UTC) — in
/// 12 minutes"), or, with `relative_first`, only that, with the exact time shown on hover
/// and focus (by the stylesheet, from `data-exact`) and read out by screen readers.
#[component]
pub fn LocalTime(
    ts: i64,
    #[prop(optional)] made_at: Option<i64>,
    #[prop(optional)] relative_first: bool,
    /// The viewer's zone when the caller already tracks it (a list of many times shares one).
    #[prop(optional)]
    zone: Option<ReadSignal<Option<String>>>,
) -> impl IntoView {
    let zone = zone.unwrap_or_else(use_viewer_zone);
    let exact = move || match zone.get() {
        None => format_utc(ts),
        Some(zone) => format!("{} ({zone})", format_in_browser(ts)),
    };
    // The first render in the browser uses the server's "now", so both renders agree.
    let how_far = move |made_at: i64| relative(ts - if zone.get().is_some() { now() } else { made_at });
    let datetime = rfc3339(ts);
    match (made_at, relative_first) {
        (None, _) => view! { <time datetime=datetime>{exact}</time> }.into_any(),
        (Some(made_at), false) => {
            view! { <time datetime=datetime>{move || format!("{} — {}", exact(), how_far(made_at))}</time> }.into_any()
        }
        (Some(made_at), true) => view! {
            <time datetime=datetime data-exact=exact tabindex="0">
                {move || how_far(made_at)}<span class="visually-hidden">{move || format!(" ({})", exact())}</span>
            </time>
        }
        .into_any(),
    }
}

/// `2027-03-01T14:00:00Z`, for `<time datetime>`.
pub fn rfc3339(ts: i64) -> String {
    let (year, month, day, hour, minute, second) = crate::schedules::cron::unix_to_wall(ts, 0);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// "in 4 days", "3 hours ago", "in 12 minutes", "in 5 months", "in 3 years".
pub fn relative(seconds: i64) -> String {
    const DAY: u64 = 86_400;
    let size = seconds.unsigned_abs();
    let (n, unit) = match size {
        0..60 => return if seconds >= 0 { "in less than a minute".into() } else { "less than a minute ago".into() },
        60..3_600 => (size / 60, "minute"),
        3_600..DAY => (size / 3_600, "hour"),
        DAY..5_184_000 => (size / DAY, "day"),
        // From 60 days on, months of 30 days; from two years on, years of 365.25 days.
        5_184_000..63_115_200 => (size / (30 * DAY), "month"),
        _ => (size / 31_557_600, "year"),
    };
    let unit = if n == 1 { unit.to_string() } else { format!("{unit}s") };
    if seconds >= 0 {
        format!("in {n} {unit}")
    } else {
        format!("{n} {unit} ago")
    }
}

pub fn browser_zone_name() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// "Tue 1 Dec 2026, 14:00" in the browser's zone and language.
pub fn format_in_browser(ts: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsValue;
        let date = js_sys::Date::new(&JsValue::from_f64(ts as f64 * 1000.0));
        let options = js_sys::Object::new();
        for (key, value) in [
            ("weekday", "short"),
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        let _ = js_sys::Reflect::set(&options, &"hour12".into(), &JsValue::FALSE);
        let language = leptos::prelude::window().navigator().language().unwrap_or_else(|| "en-GB".into());
        // en-GB: "Sun, 1 Jun 2031, 12:30" -> "Sun 1 Jun 2031, 12:30"
        String::from(date.to_locale_string(&language, &options)).replacen(", ", " ", 1)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        format_utc(ts)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn relative_times() {
        use super::relative;
        assert_eq!(relative(4 * 86_400 + 5), "in 4 days");
        assert_eq!(relative(-3 * 3_600), "3 hours ago");
        assert_eq!(relative(60), "in 1 minute");
        assert_eq!(relative(10), "in less than a minute");
        assert_eq!(relative(59 * 86_400), "in 59 days");
        assert_eq!(relative(1130 * 86_400), "in 3 years");
        assert_eq!(relative(-200 * 86_400), "6 months ago");
    }
}
