//! Where things go on the timeline: instants to x, runs to marks or bands, the axis's ticks
//! and the clock changes of the viewer's zone. Pure arithmetic, in pixels of the drawing.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// Width of the lanes' drawing, in pixels. Fixed, so lanes line up with the names beside
/// them and text is never stretched; a narrow screen scrolls it sideways.
pub const WIDTH: f64 = 800.0;

/// Runs closer than this (pixels) cannot be told apart: they are drawn as one band.
pub const MIN_GAP: f64 = 4.0;

/// A lane draws at most this many marks and bands; past it, one band holds all its runs.
pub const MOST_SHAPES: usize = 120;

/// The lengths of window the timeline offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Day,
    Week,
    Month,
}

impl Length {
    pub const ALL: [Length; 3] = [Length::Day, Length::Week, Length::Month];

    /// From the URL's `span`: `24h`, `7d`, `30d`.
    pub fn parse(text: &str) -> Option<Length> {
        Length::ALL.into_iter().find(|length| length.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Length::Day => "24h",
            Length::Week => "7d",
            Length::Month => "30d",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Length::Day => "24 hours",
            Length::Week => "7 days",
            Length::Month => "30 days",
        }
    }

    pub fn seconds(self) -> i64 {
        match self {
            Length::Day => 86_400,
            Length::Week => 7 * 86_400,
            Length::Month => 30 * 86_400,
        }
    }
}

/// The instants the timeline shows, `[from, to)`, Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: i64,
    pub to: i64,
}

impl Window {
    /// The x of an instant: 0 at `from`, [`WIDTH`] at `to`.
    pub fn x(&self, at: i64) -> f64 {
        WIDTH * (at - self.from) as f64 / (self.to - self.from) as f64
    }
}

/// Runs of a lane drawn as one shape: a mark (one run) or a band (several, too close to
/// draw apart). `first` and `last` index the lane's runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub first: usize,
    pub last: usize,
    pub x0: f64,
    pub x1: f64,
}

impl Shape {
    pub fn count(&self) -> usize {
        self.last - self.first + 1
    }

    pub fn is_mark(&self) -> bool {
        self.first == self.last
    }
}

/// The shapes of a lane's runs (ascending instants inside the window): runs less than
/// [`MIN_GAP`] from the one before join its band; more than [`MOST_SHAPES`] shapes become
/// one band of all the runs.
pub fn shapes(window: &Window, runs: &[i64]) -> Vec<Shape> {
    let mut out: Vec<Shape> = Vec::new();
    for (i, at) in runs.iter().enumerate() {
        let x = window.x(*at);
        match out.last_mut() {
            Some(shape) if x - shape.x1 < MIN_GAP => {
                shape.last = i;
                shape.x1 = x;
            }
            _ => out.push(Shape { first: i, last: i, x0: x, x1: x }),
        }
    }
    if out.len() > MOST_SHAPES {
        let (x0, x1) = (out[0].x0, out[out.len() - 1].x1);
        out = vec![Shape { first: 0, last: runs.len() - 1, x0, x1 }];
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").unwrap()
    }

    #[test]
    fn time_to_x() {
        let window = Window { from: 1_000, to: 1_000 + 86_400 };
        assert_eq!(window.x(1_000), 0.0);
        assert_eq!(window.x(1_000 + 43_200), 400.0);
        assert_eq!(window.x(1_000 + 86_400), 800.0);
        assert_eq!(window.x(1_000 + 10_800), 100.0);
    }

    #[test]
    fn runs_become_marks_then_bands() {
        // 24 hours: 108 s a pixel. Hourly runs are 33.3 px apart: 24 marks.
        let window = Window { from: 0, to: 86_400 };
        let hourly: Vec<i64> = (0..24).map(|h| h * 3_600).collect();
        let marks = shapes(&window, &hourly);
        assert_eq!(marks.len(), 24);
        assert!(marks.iter().all(Shape::is_mark));
        assert_eq!((marks[1].x0, marks[23].x0), (800.0 / 24.0, 23.0 * 800.0 / 24.0));
        // Every minute from 09:00 to 09:59 (0.56 px apart), then one run at 12:00: a band
        // of 60 from x 300 to 332.78, and a mark at 400.
        let mut clustered: Vec<i64> = (0..60).map(|m| 9 * 3_600 + m * 60).collect();
        clustered.push(12 * 3_600);
        let shapes_ = shapes(&window, &clustered);
        assert_eq!(shapes_.len(), 2);
        assert_eq!((shapes_[0].count(), shapes_[0].x0), (60, 300.0));
        assert!((shapes_[0].x1 - 332.777).abs() < 0.01);
        assert!(shapes_[1].is_mark() && shapes_[1].x0 == 400.0);
        // Every 10 minutes over 30 days: 0.185 px apart, one band of 4,320 runs.
        let month = Window { from: 0, to: 30 * 86_400 };
        let dense: Vec<i64> = (0..4_320).map(|k| k * 600).collect();
        assert_eq!(shapes(&month, &dense), vec![Shape { first: 0, last: 4_319, x0: 0.0, x1: month.x(4_319 * 600) }]);
        // Every 5 hours over 30 days: 144 runs 5.6 px apart, more than 120 shapes: one band.
        let spaced: Vec<i64> = (0..144).map(|k| k * 18_000).collect();
        assert_eq!(shapes(&month, &spaced).len(), 1);
        assert!(shapes(&window, &[]).is_empty());
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
