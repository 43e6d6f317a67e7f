//! The axis of a drawing in the viewer's zone: a line at its wall-clock hours, labels,
//! its clock changes shaded and named, and the "now" line. The timeline's lanes and the
//! load view's strip are drawn below it.

use super::frame::{Length, Window, MIN_GAP, WIDTH};
use crate::components::markup::escape;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use std::fmt::Write;

/// Height of the axis above what is drawn below it, in pixels (the stylesheet gives the
/// names beside the timeline's lanes the same heights: `.lane-names`).
pub const AXIS_HEIGHT: f64 = 40.0;

/// A line of the axis at a wall-clock hour of the viewer's zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub at: i64,
    pub x: f64,
    /// Midnight: the start of a day.
    pub major: bool,
    pub label: Option<String>,
}

/// "Mon 30 Nov" (the format of `calendar::wall_clock`, without year and time).
fn day_label(dt: DateTime) -> String {
    dt.strftime("%a %-d %b").to_string()
}

/// The axis: a line every hour (24 hours), every 6 hours (7 days) or every day (30 days),
/// at the wall-clock hours of `zone`, so each line falls where that zone's clock shows the
/// hour, across clock changes too (an hour a change skips has no line; one it repeats has
/// one). Labels: every third hour and each day (24 hours), each day (7 days), each day's
/// number and each month's start (30 days).
pub fn ticks(window: &Window, zone: &TimeZone, length: Length) -> Vec<Tick> {
    let step = match length {
        Length::Day => 1,
        Length::Week => 6,
        Length::Month => 24,
    };
    let Ok(start) = Timestamp::from_second(window.from) else { return Vec::new() };
    let start = start.to_zoned(zone.clone()).datetime();
    let Ok(mut hour) = start.with().minute(0).second(0).subsec_nanosecond(0).build() else { return Vec::new() };
    let mut out: Vec<Tick> = Vec::new();
    // A window is at most 31 days: a day more of hours covers any offset change.
    for _ in 0..32 * 24 {
        if i64::from(hour.hour()) % step == 0 {
            let ambiguous = zone.to_ambiguous_timestamp(hour);
            // An hour a spring-forward skips has no line (its instant is the next hour's).
            let skipped = matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. });
            if let (false, Ok(at)) = (skipped, ambiguous.compatible().map(|t| t.as_second())) {
                if at >= window.to {
                    break;
                }
                // In a gap, the hour after it resolves to the same instant: one line.
                if at >= window.from && out.last().is_none_or(|t| t.at < at) {
                    let major = hour.hour() == 0;
                    let label = match length {
                        Length::Day if major => Some(day_label(hour)),
                        Length::Day => (hour.hour() % 3 == 0).then(|| format!("{:02}:00", hour.hour())),
                        Length::Week => major.then(|| day_label(hour)),
                        Length::Month if hour.day() == 1 => Some(hour.strftime("%-d %b").to_string()),
                        Length::Month => Some(hour.day().to_string()),
                    };
                    out.push(Tick { at, x: window.x(at), major, label });
                }
            }
        }
        match hour.checked_add(1.hour()) {
            Ok(next) => hour = next,
            Err(_) => break,
        }
    }
    out
}

/// A change of the viewer's clock inside the window, and the strip that shows it: the
/// repeated hour after a fall-back, a narrow strip at a spring-forward (no time is
/// skipped, only wall-clock readings).
#[derive(Clone, Debug, PartialEq)]
pub struct ClockShift {
    pub at: i64,
    pub x0: f64,
    pub x1: f64,
    /// "clocks go forward 1 h", "clocks go back 30 min".
    pub label: String,
}

/// "1 h", "30 min", "1 h 30 min".
fn amount(seconds: i32) -> String {
    let (hours, minutes) = (seconds / 3_600, seconds % 3_600 / 60);
    match (hours, minutes) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The clock changes of `zone` inside the window.
pub fn clock_shifts(window: &Window, zone: &TimeZone) -> Vec<ClockShift> {
    let Ok(start) = Timestamp::from_second(window.from - 1) else { return Vec::new() };
    let mut out = Vec::new();
    for transition in zone.following(start) {
        let at = transition.timestamp().as_second();
        if at >= window.to {
            break;
        }
        let Ok(just_before) = Timestamp::from_second(at - 1) else { continue };
        let change = transition.offset().seconds() - zone.to_offset(just_before).seconds();
        if change == 0 {
            // Only the zone's abbreviation or its daylight-saving flag changed.
            continue;
        }
        let x = window.x(at);
        let (x0, x1, label) = if change > 0 {
            (x - MIN_GAP / 2.0, x + MIN_GAP / 2.0, format!("clocks go forward {}", amount(change)))
        } else {
            (x, window.x(at - i64::from(change)).min(WIDTH), format!("clocks go back {}", amount(-change)))
        };
        out.push(ClockShift { at, x0, x1, label });
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").unwrap()
    }

    #[test]
    fn ticks_follow_the_wall_clock_across_both_changes() {
        let zone = paris();
        // Sat 28 Mar 2026 12:00 Paris (11:00 UTC) for 24 hours: clocks go forward at 02:00
        // on the 29th, so 02:00 has no line, and the window ends at 13:00 Paris time.
        let from = 1_774_695_600;
        let window = Window { from, to: from + 86_400 };
        let ticks = ticks(&window, &zone, Length::Day);
        let hours: Vec<String> = ticks.iter().filter_map(|t| t.label.clone()).collect();
        assert_eq!(hours, ["12:00", "15:00", "18:00", "21:00", "Sun 29 Mar", "03:00", "06:00", "09:00", "12:00"]);
        assert_eq!(ticks.len(), 24); // 12:00 .. 12:00 next day, less the skipped 02:00
        assert_eq!(ticks[0].at, from);
        let midnight = ticks.iter().find(|t| t.major).unwrap();
        assert_eq!(midnight.at, 1_774_738_800); // 2026-03-28 23:00 UTC
                                                // The line after 01:00 (00:00 UTC) is 03:00 (01:00 UTC): one hour apart.
        let one = ticks.iter().position(|t| t.at == 1_774_742_400).unwrap();
        assert_eq!(ticks[one + 1].at, 1_774_746_000);

        // Sat 24 Oct 2026 12:00 Paris (10:00 UTC) for 24 hours: clocks go back at 03:00 on
        // the 25th; 02:00 happens twice and gets one line, at its first.
        let from = 1_792_836_000;
        let window = Window { from, to: from + 86_400 };
        let ticks = super::ticks(&window, &zone, Length::Day);
        assert_eq!(ticks.len(), 23); // 12:00 .. 10:00 of wall clock: 23 lines in 24 hours
        let two = ticks.iter().position(|t| t.at == 1_792_886_400).unwrap(); // 02:00 CEST = 00:00 UTC
        assert_eq!(ticks[two + 1].at, 1_792_893_600); // 03:00 CET = 02:00 UTC: two hours on

        // 7 days: a line every 6 hours, days labelled; 30 days: days numbered, months named.
        let week = Window { from: 1_795_993_200, to: 1_795_993_200 + 7 * 86_400 }; // Mon 30 Nov 2026 00:00 Paris
        let labels: Vec<String> =
            super::ticks(&week, &zone, Length::Week).into_iter().filter_map(|t| t.label).collect();
        assert_eq!(labels[..3], ["Mon 30 Nov", "Tue 1 Dec", "Wed 2 Dec"]);
        assert_eq!(super::ticks(&week, &zone, Length::Week).len(), 28);
        let month = Window { from: 1_795_993_200, to: 1_795_993_200 + 30 * 86_400 };
        let labels: Vec<String> =
            super::ticks(&month, &zone, Length::Month).into_iter().filter_map(|t| t.label).collect();
        assert_eq!(labels[..4], ["30", "1 Dec", "2", "3"]);
        assert_eq!(labels.len(), 30);
    }

    #[test]
    fn clock_changes_are_shaded_and_named() {
        let zone = paris();
        // A week from Mon 23 Mar 2026 to Mon 30 Mar: forward 1 h at 01:00 UTC on the 29th.
        let from = 1_774_220_400;
        let window = Window { from, to: from + 7 * 86_400 };
        let shifts = clock_shifts(&window, &zone);
        assert_eq!(shifts.len(), 1);
        assert_eq!((shifts[0].at, shifts[0].label.as_str()), (1_774_746_000, "clocks go forward 1 h"));
        let x = window.x(1_774_746_000);
        assert_eq!((shifts[0].x0, shifts[0].x1), (x - 2.0, x + 2.0));
        // 30 days across 25 Oct 2026: back 1 h at 01:00 UTC, the repeated hour shaded.
        let from = 1_791_410_400; // Thu 8 Oct 2026 00:00 Paris
        let window = Window { from, to: from + 30 * 86_400 };
        let shifts = clock_shifts(&window, &zone);
        assert_eq!(shifts.len(), 1);
        assert_eq!((shifts[0].at, shifts[0].label.as_str()), (1_792_890_000, "clocks go back 1 h"));
        assert_eq!((shifts[0].x0, shifts[0].x1), (window.x(1_792_890_000), window.x(1_792_893_600)));
        // Lord Howe moves its clock by 30 minutes (back on Sun 5 Apr 2026, 02:00 local).
        let lord_howe = TimeZone::get("Australia/Lord_Howe").unwrap();
        let from = 1_775_088_000; // 2026-04-02 00:00 UTC
        let shifts = clock_shifts(&Window { from, to: from + 7 * 86_400 }, &lord_howe);
        assert_eq!(shifts.len(), 1);
        assert_eq!(shifts[0].label, "clocks go back 30 min");
        assert!(clock_shifts(&Window { from, to: from + 7 * 86_400 }, &TimeZone::UTC).is_empty());
    }
}
