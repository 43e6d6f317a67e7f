//! The load page's markup, made on the server: its controls, a strip of runs per hour
//! (SVG), a weekday × hour heatmap (SVG), the busiest minutes, and the same counts as
//! tables. Every text it writes is escaped.

use super::HOUR;
use crate::components::list_url::{list_href, load_href, timeline_href};
use crate::components::markup::escape;
use crate::drawing::axis::{axis, now_line, AXIS_HEIGHT};
use crate::drawing::controls::{range, runs_word, window_controls};
use crate::drawing::frame::{Frame, Length, WIDTH};
use crate::schedules::calendar::wall_clock;
use crate::schedules::describe::grouped;
use crate::schedules::tally::{busiest_minutes, per_bucket, per_weekday_hour, BusyMinute, BUSIEST};
use crate::schedules::{ListQuery, Schedule};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::fmt::Write;

/// Height of the strip's bars at the busiest hour, in pixels.
const BAR_HEIGHT: f64 = 80.0;

/// The heatmap: 24 cells an hour wide, under a row of hour labels (the stylesheet gives
/// the weekday names beside it the same heights: `.heat-days`).
const CELL_WIDTH: f64 = 32.0;
const CELL_HEIGHT: f64 = 26.0;
const HOURS_HEIGHT: f64 = 20.0;
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// How many of the schedules of a busy minute are named; the rest are counted.
const NAMED: usize = 5;

fn title(schedule: &Schedule) -> String {
    schedule.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Schedule {}", schedule.id))
}

/// The whole page below its heading, for `schedules` and their `runs` (one list each).
pub fn page(f: &Frame, schedules: &[Schedule], runs: &[Vec<i64>]) -> String {
    let mut out = String::new();
    controls(&mut out, f);
    range(&mut out, f, "All your schedules, ");
    if schedules.is_empty() {
        out.push_str(
            r#"<div class="empty"><p>You have no schedules yet: <a href="/schedules/new">create one</a>.</p></div>"#,
        );
        return out;
    }
    let hours = per_bucket(f.window.from, f.window.to, HOUR, runs);
    let total: u32 = hours.iter().sum();
    let _ = write!(
        out,
        r#"<p class="load-summary">{} <strong>{}</strong> in these {}."#,
        if schedules.len() == 1 {
            "Your schedule starts".to_string()
        } else {
            format!("Your {} schedules start", grouped(schedules.len()))
        },
        runs_word(total as usize),
        f.length.label()
    );
    if let Some((busiest, most)) = hours.iter().enumerate().max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k))) {
        if *most > 0 {
            let at = f.window.from + HOUR * busiest as i64;
            let _ = write!(
                out,
                " The busiest hour starts {}: {}.",
                escape(&wall_clock(&f.zone, at)),
                runs_word(*most as usize)
            );
        }
    }
    out.push_str("</p>");
    let cells = per_weekday_hour(&f.zone, runs);
    strip(&mut out, f, &hours);
    heatmap(&mut out, f, &cells);
    busiest(&mut out, f, schedules, &busiest_minutes(f.window.from, f.window.to, runs, BUSIEST));
    tables(&mut out, f, &hours, &cells);
    out
}

/// The controls and the reason the load view was not counted (too many schedules or runs).
pub fn refusal(f: &Frame, reason: &str) -> String {
    let mut out = String::new();
    controls(&mut out, f);
    range(&mut out, f, "All your schedules, ");
    let mut chars = reason.chars();
    let reason: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
    let _ = write!(out, r#"<p class="error" role="alert">{}.</p>"#, escape(&reason));
    out
}

/// List/Timeline/Load (of the caller's schedules), the window's length, earlier/now/later.
fn controls(out: &mut String, f: &Frame) {
    let start = f.pinned.then_some(f.window.from);
    let span = Some(f.length.as_str());
    let mine = ListQuery { mine: true, ..ListQuery::default() };
    let _ = write!(
        out,
        r#"<div class="timeline-controls"><nav class="segmented" aria-label="View"><a href="{}">List</a><a href="{}">Timeline</a><a href="{}" aria-current="page">Load</a></nav>"#,
        escape(&list_href(&mine)),
        escape(&timeline_href(&mine, span, start)),
        escape(&load_href(span, start))
    );
    window_controls(out, f.length, f.window.from, f.pinned, load_href);
}

/// Runs per hour as bars on the timeline's axis, with its clock changes and "now".
fn strip(out: &mut String, f: &Frame, hours: &[u32]) {
    let most = hours.iter().copied().max().unwrap_or(0).max(1);
    let bottom = AXIS_HEIGHT + 8.0 + BAR_HEIGHT;
    let height = bottom + 4.0;
    let _ = write!(
        out,
        r#"<h2 id="per-hour">Runs per hour</h2><p class="hint">The tallest bar is {}.</p><div class="timeline-scroll load-scroll" tabindex="0" role="region" aria-labelledby="per-hour"><svg class="timeline load-strip" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" aria-labelledby="strip-title strip-desc"><title id="strip-title">Runs per hour</title><desc id="strip-desc">One bar an hour from {} to {} ({}), as tall as the runs that start in it; the tallest is {}. The table "Runs per hour" below has the same counts.</desc>"#,
        runs_word(most as usize),
        escape(&wall_clock(&f.zone, f.window.from)),
        escape(&wall_clock(&f.zone, f.window.to)),
        escape(&f.zone_name),
        runs_word(most as usize),
    );
    axis(out, &f.window, &f.zone, f.length, height);
    for (k, count) in hours.iter().enumerate().filter(|(_, n)| **n > 0) {
        let at = f.window.from + HOUR * k as i64;
        let (x0, x1) = (f.window.x(at), f.window.x((at + HOUR).min(f.window.to)));
        // A pixel between bars when they are wide enough to spare one.
        let width = if x1 - x0 > 3.0 { x1 - x0 - 1.0 } else { (x1 - x0).max(0.5) };
        let bar = (BAR_HEIGHT * f64::from(*count) / f64::from(most)).max(1.5);
        let _ = write!(
            out,
            r#"<rect class="bar" x="{x0:.2}" y="{:.1}" width="{width:.2}" height="{bar:.1}"><title>{}: {}</title></rect>"#,
            bottom - bar,
            escape(&wall_clock(&f.zone, at)),
            runs_word(*count as usize)
        );
    }
    let _ = write!(out, r#"<line class="baseline" x1="0" x2="{WIDTH}" y1="{bottom}" y2="{bottom}"/>"#);
    now_line(out, &f.window, f.now, height);
    out.push_str("</svg></div>");
}

/// How dark a cell is: 0 for none, else 1 to 5 in proportion to the busiest cell.
fn level(count: u32, most: u32) -> u32 {
    if count == 0 {
        0
    } else {
        (5 * count).div_ceil(most.max(1)).clamp(1, 5)
    }
}

/// `999` → "999", `1234` → "1.2k", `45678` → "46k": a count that fits in a cell.
fn short(count: u32) -> String {
    match count {
        0..=999 => count.to_string(),
        1_000..=9_999 => format!("{:.1}k", f64::from(count) / 1_000.0),
        _ => format!("{}k", (count + 500) / 1_000),
    }
}

/// Runs by weekday and hour of the viewer's clock: 7 rows of 24 cells.
fn heatmap(out: &mut String, f: &Frame, cells: &[[u32; 24]; 7]) {
    let most = cells.iter().flatten().copied().max().unwrap_or(0);
    let (width, height) = (CELL_WIDTH * 24.0, HOURS_HEIGHT + CELL_HEIGHT * 7.0);
    // The weekdays outside the part that scrolls sideways, so they stay in view.
    out.push_str(
        r#"<h2 id="by-weekday">By weekday and hour</h2><div class="timeline-chart heat-chart"><ul class="heat-days" aria-hidden="true"><li class="axis-space"></li>"#,
    );
    for day in WEEKDAYS {
        let _ = write!(out, "<li>{day}</li>");
    }
    let _ = write!(
        out,
        r#"</ul><div class="timeline-scroll" tabindex="0" role="region" aria-labelledby="by-weekday"><svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="heat-title heat-desc"><title id="heat-title">Runs by weekday and hour</title><desc id="heat-desc">Seven rows, Monday to Sunday, of 24 cells, one an hour of the day in {}: each holds the number of runs that start in that hour over these {}; the darker, the more. The busiest cell has {}. The table "Runs by weekday and hour" below has the same counts.</desc>"#,
        escape(&f.zone_name),
        f.length.label(),
        runs_word(most as usize)
    );
    for hour in 0..24 {
        let x = CELL_WIDTH * f64::from(hour) + CELL_WIDTH / 2.0;
        let _ = write!(out, r#"<text class="hour" x="{x:.1}" y="14" text-anchor="middle">{hour:02}</text>"#);
    }
    for (day, row) in cells.iter().enumerate() {
        let y = HOURS_HEIGHT + CELL_HEIGHT * day as f64;
        for (hour, count) in row.iter().enumerate() {
            let x = CELL_WIDTH * hour as f64 + 1.0;
            let _ = write!(
                out,
                r#"<g><title>{} {hour:02}:00–{:02}:00: {}</title><rect class="heat-{}" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" rx="3"/>"#,
                WEEKDAYS[day],
                (hour + 1) % 24,
                runs_word(*count as usize),
                level(*count, most),
                CELL_WIDTH - 2.0,
                CELL_HEIGHT - 2.0
            );
            if *count > 0 {
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    x + CELL_WIDTH / 2.0 - 1.0,
                    y + 16.0,
                    short(*count)
                );
            }
            out.push_str("</g>");
        }
    }
    out.push_str("</svg></div></div>");
}

/// "09:00 Mon 30 Nov" in the viewer's zone.
fn minute_label(zone: &TimeZone, at: i64) -> String {
    Timestamp::from_second(at)
        .map_or_else(|_| format!("@{at}"), |t| zone.to_datetime(t).strftime("%H:%M %a %-d %b").to_string())
}

/// The minutes in which the most schedules run together, each with its schedules and a
/// link to the timeline of the caller's schedules from an hour before it.
fn busiest(out: &mut String, f: &Frame, schedules: &[Schedule], minutes: &[BusyMinute]) {
    out.push_str(r#"<h2 id="busiest">Busiest minutes</h2>"#);
    if minutes.is_empty() {
        out.push_str(r#"<p class="hint">No two of your schedules run in the same minute in this window.</p>"#);
        return;
    }
    let mine = ListQuery { mine: true, ..ListQuery::default() };
    out.push_str(r#"<ol class="busiest" aria-labelledby="busiest">"#);
    for minute in minutes {
        let _ = write!(
            out,
            r#"<li><a class="moment" href="{}" title="The timeline of your schedules from an hour before">{}</a>: <strong>{} schedules</strong> — "#,
            escape(&timeline_href(&mine, Some(Length::Day.as_str()), Some(minute.at - HOUR))),
            escape(&minute_label(&f.zone, minute.at)),
            grouped(minute.lanes.len())
        );
        let names: Vec<String> = minute
            .lanes
            .iter()
            .take(NAMED)
            .map(|lane| {
                let schedule = &schedules[*lane];
                format!(r#"<a href="/schedules/{}">{}</a>"#, schedule.id, escape(&title(schedule)))
            })
            .collect();
        out.push_str(&names.join(", "));
        if minute.lanes.len() > NAMED {
            let _ = write!(out, " and {} more", grouped(minute.lanes.len() - NAMED));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// The strip's and the heatmap's counts as tables.
fn tables(out: &mut String, f: &Frame, hours: &[u32], cells: &[[u32; 24]; 7]) {
    let zone = escape(&f.zone_name);
    let _ = write!(
        out,
        r#"<details class="load-tables"><summary>The counts as tables</summary><div class="table-scroll" tabindex="0" role="region" aria-label="Runs by weekday and hour (scrolls sideways)"><table class="timeline-table heat-table"><caption>Runs by weekday and hour (times in {zone})</caption><thead><tr><td></td>"#
    );
    for hour in 0..24 {
        let _ = write!(out, r#"<th scope="col">{hour:02}</th>"#);
    }
    out.push_str("</tr></thead><tbody>");
    for (day, row) in cells.iter().enumerate() {
        let _ = write!(out, r#"<tr><th scope="row">{}</th>"#, WEEKDAYS[day]);
        for count in row {
            let _ = write!(out, "<td>{count}</td>");
        }
        out.push_str("</tr>");
    }
    let _ = write!(
        out,
        r#"</tbody></table></div><table class="timeline-table hour-table"><caption>Runs per hour (times in {zone}; hours without runs are left out)</caption><thead><tr><th scope="col">Hour from</th><th scope="col">Runs</th></tr></thead><tbody>"#
    );
    for (k, count) in hours.iter().enumerate().filter(|(_, n)| **n > 0) {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td>{}</td></tr>"#,
            escape(&wall_clock(&f.zone, f.window.from + HOUR * k as i64)),
            grouped(*count as usize)
        );
    }
    out.push_str("</tbody></table></details>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drawing::frame::Window;
    use crate::schedules::Config;

    #[test]
    fn levels_and_short_counts() {
        assert_eq!([0, 1, 20, 21, 99, 100].map(|n| level(n, 100)), [0, 1, 1, 2, 5, 5]);
        assert_eq!(level(3, 0), 5);
        assert_eq!([7, 999, 1_234, 9_999, 45_678].map(short), ["7", "999", "1.2k", "10.0k", "46k"]);
    }

    #[test]
    fn draws_the_counts_and_names_the_busiest_minute() {
        let from = 1_795_996_800; // Mon 30 Nov 2026 00:00 UTC
        let nine = from + 9 * HOUR;
        let schedule = |id: i64, name: &str| Schedule {
            id,
            name: Some(name.to_string()),
            once: false,
            config: Config { period: Some(HOUR), ..Config::default() },
            tags: vec![],
        };
        let schedules = vec![schedule(1, "<i>Backups</i>"), schedule(2, "Reports"), schedule(3, "Digest")];
        let runs = vec![vec![nine, nine + HOUR], vec![nine + 30], vec![nine + 2 * HOUR]];
        let frame = Frame {
            length: Length::Day,
            window: Window { from, to: from + 86_400 },
            pinned: true,
            now: from - 1,
            zone: TimeZone::UTC,
            zone_name: "UTC".into(),
            zone_known: true,
            asked_zone: "UTC".into(),
        };
        let html = page(&frame, &schedules, &runs);
        assert!(html.contains("Your 3 schedules start <strong>4 runs</strong> in these 24 hours."));
        assert!(html.contains("The busiest hour starts Mon 30 Nov 2026, 09:00: 2 runs."));
        assert_eq!(html.matches(r#"<rect class="bar""#).count(), 3);
        assert!(html.contains("<title>Mon 09:00–10:00: 2 runs</title>"));
        assert_eq!(html.matches(r#"<ol class="busiest""#).count(), 1);
        assert_eq!(html.matches(r#"<li><a class="moment""#).count(), 1);
        assert!(html.contains(r#">09:00 Mon 30 Nov</a>: <strong>2 schedules</strong> — <a href="/schedules/1">&lt;i&gt;Backups&lt;/i&gt;</a>, <a href="/schedules/2">Reports</a></li>"#));
        assert!(html.contains(&format!("/schedules/timeline?mine=1&amp;span=24h&amp;start={}", nine - HOUR)));
        assert!(!html.contains("<i>Backups"));
        assert!(!html.contains(r#"class="now""#));
        let refused = refusal(&frame, "you have more than 5,000 schedules");
        assert!(refused.contains(r#"<p class="error" role="alert">You have more than 5,000 schedules.</p>"#));
        assert!(refused.contains(r#"aria-label="Window""#));
    }
}
