//! The timeline: when the schedules of a view of the list run, one lane each, over 24
//! hours, 7 days or 30 days, in the viewer's zone. Drawn on the server as SVG inside the
//! page's HTML, so it works without JavaScript and the browser downloads no code for it;
//! the runs come from the same code as `/upcoming` ([`crate::schedules::runs`]).

pub mod draw;
pub mod layout;
pub mod page;

use crate::auth::User;
use crate::error::AppError;
use crate::schedules::calendar::zone;
use crate::schedules::zones::DEFAULT_ZONE;
use crate::schedules::{service, ListQuery};
use jiff::tz::TimeZone;
use layout::{Length, Window};
use sqlx::PgPool;

/// The zone named `asked` (the `tz` cookie) when this server knows it, else UTC: its name,
/// its rules and whether it is the one asked for.
pub fn viewer_zone_or_utc(asked: Option<&str>) -> (String, TimeZone, bool) {
    match asked.and_then(|name| zone(name).ok().map(|tz| (name.to_string(), tz))) {
        Some((name, tz)) => (name, tz, true),
        None => (DEFAULT_ZONE.to_string(), TimeZone::UTC, false),
    }
}

/// The timeline page of a view of the list (its filters and page), over the window of
/// `length` from `start` (from `now` when not given), in the zone named `viewer_zone` when
/// this server knows it, else in UTC (and the page says so).
pub async fn page_markup(
    pool: &PgPool,
    query: &ListQuery,
    caller: Option<&User>,
    length: Length,
    start: Option<i64>,
    viewer_zone: Option<&str>,
    now: i64,
) -> Result<String, AppError> {
    let from = start.unwrap_or(now - now % 60);
    let window = Window { from, to: from.saturating_add(length.seconds()) };
    let (page, runs) = service::runs_in_window(pool, query, caller, window.from, window.to).await?;
    let page_count = page.page_count();
    let (zone_name, tz, zone_known) = viewer_zone_or_utc(viewer_zone);
    let lanes = page
        .schedules
        .into_iter()
        .zip(runs)
        .map(|(schedule, runs)| draw::Lane {
            id: schedule.id,
            kind: schedule.content().kind(),
            zone: schedule.config.timezone.clone().unwrap_or_else(|| DEFAULT_ZONE.to_string()),
            name: schedule.name,
            runs,
        })
        .collect();
    let timeline = draw::Timeline {
        frame: draw::Frame {
            length,
            window,
            pinned: start.is_some(),
            now,
            zone: &tz,
            zone_name: &zone_name,
            zone_known,
            asked_zone: viewer_zone.unwrap_or_default(),
        },
        query,
        lanes,
        page_count,
    };
    Ok(draw::page(&timeline))
}
