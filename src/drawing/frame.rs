//! The window a drawing shows and the clock it is drawn in: instants to x, in pixels of
//! the drawing. Pure arithmetic.

use crate::schedules::calendar::zone;
use crate::schedules::zones::DEFAULT_ZONE;
use jiff::tz::TimeZone;

/// Width of the lanes' drawing, in pixels. Fixed, so lanes line up with the names beside
/// them and text is never stretched; a narrow screen scrolls it sideways.
pub const WIDTH: f64 = 800.0;

/// Runs closer than this (pixels) cannot be told apart: they are drawn as one band.
pub const MIN_GAP: f64 = 4.0;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_to_x() {
        let window = Window { from: 1_000, to: 1_000 + 86_400 };
        assert_eq!(window.x(1_000), 0.0);
        assert_eq!(window.x(1_000 + 43_200), 400.0);
        assert_eq!(window.x(1_000 + 86_400), 800.0);
        assert_eq!(window.x(1_000 + 10_800), 100.0);
    }
}
