//! Times in the viewer's own zone. The server cannot know the zone, so it writes every time
//! in UTC, saying so, as a `<time datetime>` whose exact part is a `.at` element; a small
//! script in the page's head (`local_times.js`, see [`local_times_script`]) rewrites those
//! parts in the browser's zone as the parser adds them, before they are first painted. The
//! page's text does not depend on the zone otherwise, so islands hydrate over it unchanged.

use crate::schedules::describe::{describe_with, format_utc};
use crate::schedules::NewSchedule;
use leptos::prelude::*;

/// The script that rewrites the server's UTC times in the viewer's zone, inlined in the
/// head of every page by [`crate::app::shell`]: `local_times.js` without its comment lines
/// and indentation (40 % smaller), made once.
pub fn local_times_script() -> &'static str {
    static SCRIPT: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| without_comment_lines(include_str!("local_times.js")));
    &SCRIPT
}

/// `script` without its blank lines, its whole-line `//` comments and the indentation of
/// the rest. (No line of `local_times.js` starts inside a string or template literal.)
fn without_comment_lines(script: &str) -> String {
    script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A moment as a `<time>` element, in UTC ("2027-03-01 14:00 UTC") until the page's script
/// writes it in the viewer's zone. With `made_at` (when the page was made) it also says how
/// far off it is: after the time ("…, 14:00 (UTC) — in 12 minutes"), or, with
/// `relative_first`, only that, with the exact time shown on hover and focus (by the
/// stylesheet, from `data-exact`) and read out by screen readers.
#[component]
pub fn LocalTime(
    ts: i64,
    #[prop(optional)] made_at: Option<i64>,
    #[prop(optional)] relative_first: bool,
) -> impl IntoView {
    let datetime = rfc3339(ts);
    let exact = format_utc(ts);
    match (made_at, relative_first) {
        (None, _) => view! { <time datetime=datetime><span class="at">{exact}</span></time> }.into_any(),
        (Some(made_at), false) => view! {
            <time datetime=datetime><span class="at">{exact}</span>{format!(" — {}", relative(ts - made_at))}</time>
        }
        .into_any(),
        (Some(made_at), true) => {
            let data_exact = exact.clone();
            view! {
            <time datetime=datetime data-exact=data_exact tabindex="0">
                {relative(ts - made_at)}<span class="visually-hidden">" ("<span class="at">{exact}</span>")"</span>
            </time>
            }
            .into_any()
        }
    }
}

/// A schedule in words, its times as [`LocalTime`]s: "Once on <time>…</time>", and, with
/// `made_at`, how far off a one-time run is ("— in 4 days").
#[component]
pub fn Description(schedule: NewSchedule, #[prop(optional)] made_at: Option<i64>) -> impl IntoView {
    // The words around the times, each time marked by a character no description holds.
    const MARK: char = '\u{1}';
    let text = describe_with(&schedule, |ts| format!("{MARK}{ts}{MARK}"));
    let parts = text
        .split(MARK)
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| match (i % 2, part.parse::<i64>()) {
            (1, Ok(ts)) => view! { <LocalTime ts/> }.into_any(),
            _ => part.to_string().into_any(),
        })
        .collect_view();
    let how_far = match (schedule.once, schedule.config.timestamp, made_at) {
        (true, Some(ts), Some(made_at)) => Some(format!(" — {}", relative(ts - made_at))),
        _ => None,
    };
    view! { {parts}{how_far} }
}

/// The name of the zone the page's times are written in: UTC until the page's script
/// names the viewer's.
#[component]
pub fn ZoneName() -> impl IntoView {
    view! { <span data-zone="">"UTC"</span> }
}

/// Writes the times under `root` in the viewer's zone, as the page's script did for the
/// page: for times an island renders after the page was loaded.
#[cfg(feature = "hydrate")]
pub fn localise(root: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let window = leptos::prelude::window();
    if let Some(localise) = js_sys::Reflect::get(&window, &"kragleLocalTimes".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = localise.call1(&wasm_bindgen::JsValue::NULL, root);
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

/// The browser's time zone name; `None` on the server.
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

#[cfg(test)]
mod tests {
    use leptos::prelude::*;

    #[test]
    fn the_inlined_script_is_the_file_without_its_comments() {
        let file = include_str!("local_times.js");
        let script = super::local_times_script();
        assert!(script.len() * 10 < file.len() * 7, "{} of {} bytes", script.len(), file.len());
        assert!(!script.lines().any(|line| line.starts_with("//") || line.starts_with(' ')));
        // Nothing of the code is lost: the comments hold no braces or arrows.
        for token in ["{", "}", "=>", "querySelectorAll"] {
            assert_eq!(script.matches(token).count(), file.matches(token).count(), "{token}");
        }
        assert!(script.contains("new MutationObserver(") && script.contains("window.kragleLocalTimes = localise;"));
    }

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

    #[test]
    fn descriptions_mark_their_times_for_the_viewers_zone() {
        use super::Description;
        use crate::schedules::{Config, NewSchedule};
        let once = NewSchedule {
            name: None,
            once: true,
            config: Config { timestamp: Some(1_893_456_000), ..Default::default() },
            tags: vec![],
        };
        let html =
            Owner::new().with(|| view! { <Description schedule=once made_at=1_893_456_000 - 3 * 86_400/> }.to_html());
        // Without the comments Leptos puts between neighbouring text nodes.
        let html = html.replace("<!>", "");
        assert!(
            html.contains(r#"Once on <time datetime="2030-01-01T00:00:00Z"><span class="at">2030-01-01 00:00 UTC</span></time> — in 3 days"#),
            "{html}"
        );
    }
}
