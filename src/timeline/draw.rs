//! The timeline page's markup, made on the server: its controls, the SVG (one lane a
//! schedule, the axis in the viewer's zone, clock changes, "now") and the same runs as a
//! table. Every text it writes is escaped.

use super::layout::{shapes, Shape};
use crate::components::list_url::{list_href, load_href, timeline_href};
use crate::components::markup::escape;
use crate::drawing::axis::{axis, now_line, AXIS_HEIGHT};
use crate::drawing::controls::{range, runs_word, window_controls};
use crate::drawing::frame::{Frame, WIDTH};
use crate::schedules::calendar::{clock_change_note, wall_clock, Run};
use crate::schedules::describe::grouped;
use crate::schedules::{Kind, ListQuery};
use std::fmt::Write;

/// Height of one lane, in pixels (the stylesheet gives the names beside the lanes the same
/// height: `.lane-names`).
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

impl Lane {
    pub fn title(&self) -> String {
        self.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Schedule {}", self.id))
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

/// List/Timeline/Load, the window's length, earlier/now/later: links that keep the filters.
fn controls(out: &mut String, t: &Timeline) {
    let start = t.frame.pinned.then_some(t.frame.window.from);
    let _ = write!(
        out,
        r#"<div class="timeline-controls"><nav class="segmented" aria-label="View"><a href="{}">List</a><a href="{}" aria-current="page">Timeline</a><a href="{}">Load</a></nav>"#,
        escape(&list_href(t.query)),
        escape(&timeline_href(t.query, Some(t.frame.length.as_str()), start)),
        escape(&load_href(Some(t.frame.length.as_str()), start))
    );
    window_controls(out, t.frame.length, t.frame.window.from, t.frame.pinned, |span, start| {
        timeline_href(t.query, span, start)
    });
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

/// A lane's marks (focusable, named) and bands (with their count): most of a page's
/// markup. Public, with the pieces it places and names its shapes with, for
/// `benches/drawn_markup.rs`, which times it against the same markup made with `view!`.
pub fn lane_shapes(out: &mut String, t: &Timeline, lane: &Lane, top: f64) {
    let times: Vec<i64> = lane.runs.iter().map(|run| run.at).collect();
    let title = lane.title();
    for Shape { first, last, x0, x1 } in shapes(&t.frame.window, &times) {
        let (anchor, label_x) = label_side(x0);
        if first == last {
            let run = &lane.runs[first];
            let class = if run.change.is_some() { "mark shifted" } else { "mark" };
            let _ = write!(
                out,
                r#"<g class="{class}" tabindex="0" role="img" aria-label="{name}" data-at="{}"><title>{name}</title><rect x="{:.1}" y="{}" width="3" height="18"/><text x="{label_x:.1}" y="{}" text-anchor="{anchor}">{name}</text></g>"#,
                run.at,
                x0 - 1.5,
                top + 13.0,
                top + 10.0,
                name = escape(&mark_name(t, lane, &title, run))
            );
        } else {
            let count = last - first + 1;
            let width = (x1 - x0).max(3.0);
            let _ = write!(
                out,
                r#"<g class="band" tabindex="0" role="img" aria-label="{name}" data-count="{count}"><title>{name}</title><rect x="{x0:.1}" y="{}" width="{width:.1}" height="18"/>"#,
                top + 13.0,
                name = escape(&band_name(t, lane, &title, first, last))
            );
            let (class, text_x, anchor, text_y) = band_count_place(x0, width, top);
            let _ = write!(
                out,
                r#"<text class="{class}" x="{text_x:.1}" y="{text_y}" text-anchor="{anchor}">{}</text></g>"#,
                runs_word(count)
            );
        }
    }
}

/// Where a shape starting at `x0` has its label (shown on hover and focus): its
/// `text-anchor` and x. Labels sit left of shapes near the right edge.
pub fn label_side(x0: f64) -> (&'static str, f64) {
    if x0 > WIDTH * 0.7 {
        ("end", x0 - 4.0)
    } else {
        ("start", x0 + 4.0)
    }
}

/// A mark's name: the lane's `title`, the run's time in the viewer's zone, and the clock
/// change that moved it, if one did.
pub fn mark_name(t: &Timeline, lane: &Lane, title: &str, run: &Run) -> String {
    let mut name = format!("{title}: {} ({})", wall_clock(&t.frame.zone, run.at), t.frame.zone_name);
    if let Some(change) = &run.change {
        let _ = write!(name, " — {}", clock_change_note(change, &lane.zone));
    }
    name
}

/// A band's name: the lane's `title`, how many runs, and the first's and last's times.
pub fn band_name(t: &Timeline, lane: &Lane, title: &str, first: usize, last: usize) -> String {
    format!(
        "{title}: {} from {} to {} ({})",
        runs_word(last - first + 1),
        wall_clock(&t.frame.zone, lane.runs[first].at),
        wall_clock(&t.frame.zone, lane.runs[last].at),
        t.frame.zone_name
    )
}

/// Where a band's count goes: inside the band when it fits, else beside it on hover and
/// focus. Its class, x, `text-anchor` and y, for a band at `x0` of `width` in the lane at
/// `top`.
pub fn band_count_place(x0: f64, width: f64, top: f64) -> (&'static str, f64, &'static str, f64) {
    if width >= 70.0 {
        ("band-count", x0 + width / 2.0, "middle", top + 26.0)
    } else {
        let (anchor, label_x) = label_side(x0);
        ("band-count outside", label_x, anchor, top + 10.0)
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
        let _ =
            write!(out, r#"<a href="{}" rel="prev">Previous page</a>"#, escape(&timeline_href(&previous, span, start)));
    }
    let _ = write!(out, "<span>Page {page} of {}</span>", t.page_count);
    if page < t.page_count {
        let next = ListQuery { page: page + 1, ..t.query.clone() };
        let _ = write!(out, r#"<a href="{}" rel="next">Next page</a>"#, escape(&timeline_href(&next, span, start)));
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
    use crate::drawing::frame::{Length, Window};
    use jiff::tz::TimeZone;

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
        assert!(html.contains(r#"href="/schedules/timeline?span=24h&amp;start=1798675200">← Earlier"#));
        assert!(!html.contains("Times are in UTC"));
    }
}
