//! The timeline page's markup, made on the server: its controls, the SVG (one lane a
//! schedule, the axis in the viewer's zone, clock changes, "now") and the same runs as a
//! table. Every text it writes is escaped.

use super::layout::{clock_shifts, shapes, ticks, Length, Shape, Window, WIDTH};
use crate::components::list_url::{list_href, load_href, timeline_href};
use crate::components::markup::escape;
use crate::schedules::calendar::{clock_change_note, wall_clock, zone, Run};
use crate::schedules::describe::grouped;
use crate::schedules::zones::DEFAULT_ZONE;
use crate::schedules::{Kind, ListQuery};
use jiff::tz::TimeZone;
use std::fmt::Write;

/// Height of the axis above the lanes, and of one lane, in pixels (the stylesheet gives
/// the names beside the lanes the same heights: `.lane-names`).
pub const AXIS_HEIGHT: f64 = 40.0;
pub const LANE_HEIGHT: f64 = 36.0;

/// One schedule's lane: what it is called and its runs inside the window.
pub struct Lane {
    pub id: i64,
    pub name: Option<String>,
    pub kind: Kind,
    /// The zone the schedule's own clock-change notes name (calendar schedules).
    pub zone: String,
    pub runs: Vec<Run>,
}

/// What the page draws.
pub struct Timeline<'a> {
    pub frame: Frame,
    pub query: &'a ListQuery,
    pub lanes: Vec<Lane>,
    pub page_count: i64,
}

/// The window a drawing shows and the clock it is drawn in (the timeline's and the load
/// view's).
pub struct Frame {
    pub length: Length,
    pub window: Window,
    /// Whether the window was asked for (`start` in the URL) or is the default one.
    pub pinned: bool,
    pub now: i64,
    pub zone: TimeZone,
    pub zone_name: String,
    /// False when the server did not know the viewer's zone and used UTC.
    pub zone_known: bool,
    /// The zone the request asked for (its `tz` cookie), empty when none: the browser
    /// compares it with its own to see whether the drawing is in its zone.
    pub asked_zone: String,
}

impl Frame {
    /// The window of `length` from `start`, else from `default_start` of the viewer's zone
    /// and now, in the zone named `asked` (the `tz` cookie) when this server knows it, else
    /// in UTC (and the page says so).
    pub fn new(
        length: Length,
        start: Option<i64>,
        asked: Option<&str>,
        now: i64,
        default_start: impl FnOnce(&TimeZone, i64) -> i64,
    ) -> Frame {
        let known = asked.and_then(|name| zone(name).ok().map(|tz| (name.to_string(), tz)));
        let zone_known = known.is_some();
        let (zone_name, zone) = known.unwrap_or_else(|| (DEFAULT_ZONE.to_string(), TimeZone::UTC));
        let from = start.unwrap_or_else(|| default_start(&zone, now));
        Frame {
            length,
            window: Window { from, to: from.saturating_add(length.seconds()) },
            pinned: start.is_some(),
            now,
            zone,
            zone_name,
            zone_known,
            asked_zone: asked.unwrap_or_default().to_string(),
        }
    }
}

impl Lane {
    fn title(&self) -> String {
        self.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Schedule {}", self.id))
    }
}

/// "1 run", "1,440 runs".
pub fn runs_word(n: usize) -> String {
    if n == 1 {
        "1 run".to_string()
    } else {
        format!("{} runs", grouped(n))
    }
}

/// The whole page below its heading.
pub fn page(t: &Timeline) -> String {
    let mut out = String::new();
    controls(&mut out, t);
    range(&mut out, &t.frame, "");
    if t.lanes.is_empty() {
        out.push_str(r#"<div class="empty"><p>No schedules in this view.</p></div>"#);
        return out;
    }
    chart(&mut out, t);
    pager(&mut out, t);
    table(&mut out, t);
    out
}

/// The window, after `what` it shows ("All your schedules, "), and the zone of its times
/// (which the browser compares with its own: `data-asked-zone`); UTC is said to be a
/// stand-in.
pub fn range(out: &mut String, f: &Frame, what: &str) {
    let _ = write!(
        out,
        r#"<p class="timeline-range" data-asked-zone="{}">{what}{} – {}, times in <strong>{}</strong>.</p>"#,
        escape(&f.asked_zone),
        escape(&wall_clock(&f.zone, f.window.from)),
        escape(&wall_clock(&f.zone, f.window.to)),
        escape(&f.zone_name)
    );
    if !f.zone_known {
        out.push_str(
            r#"<p class="hint">Times are in UTC: your browser tells this page its time zone once JavaScript has run.</p>"#,
        );
    }
}

/// List/Timeline/Load, the window's length, earlier/now/later: links that keep the filters.
fn controls(out: &mut String, t: &Timeline) {
    let start = t.frame.pinned.then_some(t.frame.window.from);
    let _ = write!(
        out,
        r#"<div class="timeline-controls"><nav class="segmented" aria-label="View"><a href="{}">List</a><a href="{}" rel="external" aria-current="page">Timeline</a><a href="{}" rel="external">Load</a></nav>"#,
        escape(&list_href(t.query)),
        escape(&timeline_href(t.query, Some(t.frame.length.as_str()), start)),
        escape(&load_href(Some(t.frame.length.as_str()), start))
    );
    window_controls(out, t.frame.length, t.frame.window.from, t.frame.pinned, |span, start| {
        timeline_href(t.query, span, start)
    });
}

/// The window's length and earlier/now/later, as links made by `href(span, start)`; closes
/// the controls' row. `pinned`: the window was asked for, not "from now".
pub fn window_controls(
    out: &mut String,
    length: Length,
    from: i64,
    pinned: bool,
    href: impl Fn(Option<&str>, Option<i64>) -> String,
) {
    let start = pinned.then_some(from);
    out.push_str(r#"<nav class="segmented" aria-label="Window">"#);
    for choice in Length::ALL {
        let current = if choice == length { r#" aria-current="page""# } else { "" };
        let _ = write!(
            out,
            r#"<a href="{}" rel="external"{current}>{}</a>"#,
            escape(&href(Some(choice.as_str()), start)),
            choice.label()
        );
    }
    let (step, span) = (length.seconds(), Some(length.as_str()));
    let _ = write!(
        out,
        r#"</nav><nav class="segmented" aria-label="Move in time"><a href="{}" rel="external">← Earlier</a><a href="{}" rel="external"{}>Now</a><a href="{}" rel="external">Later →</a></nav></div>"#,
        escape(&href(span, Some(from.saturating_sub(step)))),
        escape(&href(span, None)),
        if pinned { "" } else { r#" aria-current="page""# },
        escape(&href(span, Some(from.saturating_add(step)))),
    );
}

/// The names (links, outside the scrolling part, so they stay in view) and the SVG.
fn chart(out: &mut String, t: &Timeline) {
    let height = AXIS_HEIGHT + LANE_HEIGHT * t.lanes.len() as f64;
    out.push_str(r#"<div class="timeline-chart"><ul class="lane-names">"#);
    let _ = write!(out, r#"<li class="axis-space">{}</li>"#, escape(&t.frame.zone_name));
    for lane in &t.lanes {
        let _ = write!(out, r#"<li><a href="/schedules/{}">{}</a></li>"#, lane.id, escape(&lane.title()));
    }
    let description = format!(
        "{} schedules, one lane each, from {} to {} ({}). Each mark is a run; a band holds runs too close together to draw apart, with their number.",
        t.lanes.len(),
        wall_clock(&t.frame.zone, t.frame.window.from),
        wall_clock(&t.frame.zone, t.frame.window.to),
        t.frame.zone_name
    );
    let _ = write!(
        out,
        r#"</ul><div class="timeline-scroll" tabindex="0" role="region" aria-label="Runs on a time axis (scrolls sideways)"><svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" aria-labelledby="timeline-title timeline-desc"><title id="timeline-title">When the schedules run</title><desc id="timeline-desc">{}</desc>"#,
        escape(&description)
    );
    for (i, _) in t.lanes.iter().enumerate() {
        let y = AXIS_HEIGHT + LANE_HEIGHT * i as f64;
        let _ = write!(out, r#"<rect class="lane-bg" x="0" y="{y}" width="{WIDTH}" height="{LANE_HEIGHT}"/>"#);
    }
    axis(out, &t.frame.window, &t.frame.zone, t.frame.length, height);
    for (i, lane) in t.lanes.iter().enumerate() {
        lane_shapes(out, t, lane, AXIS_HEIGHT + LANE_HEIGHT * i as f64);
    }
    now_line(out, &t.frame.window, t.frame.now, height);
    out.push_str("</svg></div></div>");
}

/// The axis of a drawing `height` pixels tall in the viewer's zone: the clock changes,
/// shaded below the axis and named in it, and the hour and day lines with their labels.
/// The load view's strip uses it too.
pub fn axis(out: &mut String, window: &Window, zone: &TimeZone, length: Length, height: f64) {
    for shift in clock_shifts(window, zone) {
        // The label reads away from the right edge, so it is never cut off there.
        let (label_x, anchor) =
            if shift.x0 > WIDTH * 0.7 { (shift.x0 - 4.0, "end") } else { (shift.x1 + 4.0, "start") };
        let _ = write!(
            out,
            r#"<g class="clock-shift"><title>{label}</title><rect x="{:.1}" y="{AXIS_HEIGHT}" width="{:.1}" height="{}"/><text x="{label_x:.1}" y="{}" text-anchor="{anchor}">{label}</text></g>"#,
            shift.x0,
            (shift.x1 - shift.x0).max(2.0),
            height - AXIS_HEIGHT,
            // In the axis, below the hours: in a lane it would cover that lane's marks.
            AXIS_HEIGHT - 3.0,
            label = escape(&shift.label)
        );
    }
    for tick in ticks(window, zone, length) {
        let class = if tick.major { "tick major" } else { "tick" };
        let _ = write!(out, r#"<line class="{class}" x1="{x:.1}" x2="{x:.1}" y1="26" y2="{height}"/>"#, x = tick.x);
        // A label that would run past the right edge (about 6 px a character) is left out.
        if let Some(label) = tick.label.filter(|label| tick.x + 3.0 + 6.0 * label.len() as f64 <= WIDTH) {
            let _ = write!(out, r#"<text class="tick-label" x="{:.1}" y="20">{}</text>"#, tick.x + 3.0, escape(&label));
        }
    }
}

/// The "now" line, when now is inside the window.
pub fn now_line(out: &mut String, window: &Window, now: i64, height: f64) {
    if (window.from..window.to).contains(&now) {
        let x = window.x(now);
        let _ = write!(
            out,
            r#"<line class="now" x1="{x:.1}" x2="{x:.1}" y1="24" y2="{height}"/><text class="now-label" x="{:.1}" y="34">now</text>"#,
            x + 3.0
        );
    }
}

/// A lane's marks (focusable, named) and bands (with their count).
fn lane_shapes(out: &mut String, t: &Timeline, lane: &Lane, top: f64) {
    let times: Vec<i64> = lane.runs.iter().map(|run| run.at).collect();
    let title = lane.title();
    for Shape { first, last, x0, x1 } in shapes(&t.frame.window, &times) {
        // Labels shown on hover and focus sit left of marks near the right edge.
        let anchor = if x0 > WIDTH * 0.7 { "end" } else { "start" };
        let label_x = if anchor == "end" { x0 - 4.0 } else { x0 + 4.0 };
        if first == last {
            let run = &lane.runs[first];
            let mut name = format!("{title}: {} ({})", wall_clock(&t.frame.zone, run.at), t.frame.zone_name);
            if let Some(change) = &run.change {
                let _ = write!(name, " — {}", clock_change_note(change, &lane.zone));
            }
            let class = if run.change.is_some() { "mark shifted" } else { "mark" };
            let _ = write!(
                out,
                r#"<g class="{class}" tabindex="0" role="img" aria-label="{name}" data-at="{}"><title>{name}</title><rect x="{:.1}" y="{}" width="3" height="18"/><text x="{label_x:.1}" y="{}" text-anchor="{anchor}">{name}</text></g>"#,
                run.at,
                x0 - 1.5,
                top + 13.0,
                top + 10.0,
                name = escape(&name)
            );
        } else {
            let count = last - first + 1;
            let name = format!(
                "{title}: {} from {} to {} ({})",
                runs_word(count),
                wall_clock(&t.frame.zone, lane.runs[first].at),
                wall_clock(&t.frame.zone, lane.runs[last].at),
                t.frame.zone_name
            );
            let width = (x1 - x0).max(3.0);
            let _ = write!(
                out,
                r#"<g class="band" tabindex="0" role="img" aria-label="{name}" data-count="{count}"><title>{name}</title><rect x="{x0:.1}" y="{}" width="{width:.1}" height="18"/>"#,
                top + 13.0,
                name = escape(&name)
            );
            // The count inside the band when it fits, else beside it on hover and focus.
            let (class, text_x, anchor) = if width >= 70.0 {
                ("band-count", x0 + width / 2.0, "middle")
            } else {
                ("band-count outside", label_x, anchor)
            };
            let _ = write!(
                out,
                r#"<text class="{class}" x="{text_x:.1}" y="{}" text-anchor="{anchor}">{}</text></g>"#,
                if class == "band-count" { top + 26.0 } else { top + 10.0 },
                runs_word(count)
            );
        }
    }
}

fn pager(out: &mut String, t: &Timeline) {
    if t.page_count <= 1 {
        return;
    }
    let start = t.frame.pinned.then_some(t.frame.window.from);
    let span = Some(t.frame.length.as_str());
    let page = t.query.page;
    out.push_str(r#"<nav class="pagination" aria-label="Pages">"#);
    if page > 1 {
        let previous = ListQuery { page: page - 1, ..t.query.clone() };
        let _ = write!(
            out,
            r#"<a href="{}" rel="prev external">Previous page</a>"#,
            escape(&timeline_href(&previous, span, start))
        );
    }
    let _ = write!(out, "<span>Page {page} of {}</span>", t.page_count);
    if page < t.page_count {
        let next = ListQuery { page: page + 1, ..t.query.clone() };
        let _ = write!(
            out,
            r#"<a href="{}" rel="next external">Next page</a>"#,
            escape(&timeline_href(&next, span, start))
        );
    }
    out.push_str("</nav>");
}

/// The same runs as a table: every run when a schedule has a few, else the first and last.
fn table(out: &mut String, t: &Timeline) {
    const LISTED: usize = 12;
    let _ = write!(
        out,
        r#"<table class="timeline-table"><caption>The runs as a table (times in {})</caption><thead><tr><th scope="col">Schedule</th><th scope="col">Kind</th><th scope="col">Runs</th><th scope="col">When</th></tr></thead><tbody>"#,
        escape(&t.frame.zone_name)
    );
    for lane in &t.lanes {
        let when = if lane.runs.is_empty() {
            "none in this window".to_string()
        } else if lane.runs.len() <= LISTED {
            lane.runs
                .iter()
                .map(|run| {
                    let mut text = escape(&wall_clock(&t.frame.zone, run.at));
                    if let Some(change) = &run.change {
                        let _ = write!(
                            text,
                            r#" <span class="clock-change">{}</span>"#,
                            escape(&clock_change_note(change, &lane.zone))
                        );
                    }
                    text
                })
                .collect::<Vec<_>>()
                .join("<br/>")
        } else {
            format!(
                "first {}, last {}",
                escape(&wall_clock(&t.frame.zone, lane.runs[0].at)),
                escape(&wall_clock(&t.frame.zone, lane.runs[lane.runs.len() - 1].at))
            )
        };
        let _ = write!(
            out,
            r#"<tr><th scope="row"><a href="/schedules/{}">{}</a></th><td>{}</td><td>{}</td><td>{when}</td></tr>"#,
            lane.id,
            escape(&lane.title()),
            lane.kind.label(),
            grouped(lane.runs.len())
        );
    }
    out.push_str("</tbody></table>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(runs_word(1), "1 run");
        assert_eq!(runs_word(1_440), "1,440 runs");
    }

    #[test]
    fn draws_a_lane_of_marks_and_a_band_with_escaped_names() {
        let query = ListQuery::default();
        let from = 1_798_761_600; // 2027-01-01 00:00 UTC
        let lanes = vec![
            Lane {
                id: 7,
                name: Some("<b>Backups</b>".into()),
                kind: Kind::Interval,
                zone: "UTC".into(),
                runs: (0..4).map(|k| Run { at: from + 21_600 * k, change: None }).collect(),
            },
            Lane {
                id: 8,
                name: None,
                kind: Kind::Calendar,
                zone: "UTC".into(),
                runs: (0..1_440).map(|m| Run { at: from + 60 * m, change: None }).collect(),
            },
        ];
        let t = Timeline {
            frame: Frame {
                length: Length::Day,
                window: Window { from, to: from + 86_400 },
                pinned: true,
                now: from + 3_600,
                zone: TimeZone::UTC,
                zone_name: "UTC".into(),
                zone_known: true,
                asked_zone: "UTC".into(),
            },
            query: &query,
            lanes,
            page_count: 1,
        };
        let html = page(&t);
        assert_eq!(html.matches(r#"<g class="mark""#).count(), 4);
        assert_eq!(html.matches(r#"<g class="band""#).count(), 1);
        assert!(html.contains(r#"data-count="1440""#) && html.contains("1,440 runs"));
        assert!(html.contains("&lt;b&gt;Backups&lt;/b&gt;: Fri 1 Jan 2027, 06:00 (UTC)"));
        assert!(!html.contains("<b>Backups"));
        assert!(html.contains(r#"<a href="/schedules/8">Schedule 8</a>"#));
        assert!(html.contains(r#"class="now""#));
        assert!(html.contains(r#"href="/schedules/timeline?span=24h&amp;start=1798675200" rel="external">← Earlier"#));
        assert!(!html.contains("Times are in UTC"));
    }
}
