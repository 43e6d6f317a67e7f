//! The load view: how many runs all of the signed-in user's schedules start over a window
//! of 24 hours, 7 days or 30 days — per hour, per weekday and hour of the viewer's clock,
//! and in the busiest minutes, with the schedules that fire together in them. Drawn on the
//! server like the timeline (see [`crate::pages::drawn`]); the runs come from the same
//! code as `/upcoming` ([`crate::schedules::service::runs_of_own`]).

pub mod draw;
pub mod page;

use crate::auth::User;
use crate::drawing::frame::Frame;
use crate::error::AppError;
use crate::schedules::service;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use sqlx::PgPool;

/// The strip's bucket: an hour.
pub const HOUR: i64 = 3_600;

/// The load page for `caller` in `frame` (by default from the start of the current hour of
/// the viewer's clock: [`hour_start`]). More schedules or runs than the load view counts
/// give the page's controls and the reason, so a shorter window is a click away.
pub async fn page_markup(pool: &PgPool, caller: Option<&User>, frame: Frame) -> Result<String, AppError> {
    match service::runs_of_own(pool, caller, frame.window.from, frame.window.to).await {
        Ok((schedules, runs)) => Ok(draw::page(&frame, &schedules, &runs)),
        Err(AppError::BadQuery(reason)) => Ok(draw::refusal(&frame, &reason)),
        Err(error) => Err(error),
    }
}

/// The start of the hour of `zone`'s clock that `at` is in (the hour's first pass, when a
/// fall-back repeats it).
pub fn hour_start(zone: &TimeZone, at: i64) -> i64 {
    let Ok(instant) = Timestamp::from_second(at) else { return at - at.rem_euclid(HOUR) };
    let wall = zone.to_datetime(instant);
    wall.with()
        .minute(0)
        .second(0)
        .subsec_nanosecond(0)
        .build()
        .ok()
        .and_then(|hour| zone.to_ambiguous_timestamp(hour).compatible().ok())
        .map_or(at - at.rem_euclid(HOUR), |t| t.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_at_the_hour_of_the_viewers_clock() {
        let mon = 1_795_996_800; // Mon 30 Nov 2026 00:00 UTC
        assert_eq!(hour_start(&TimeZone::UTC, mon + 9 * HOUR + 1_234), mon + 9 * HOUR);
        // Kathmandu is 5 h 45 min ahead: 09:20 UTC is 15:05 there, its hour began at 09:15 UTC.
        let kathmandu = TimeZone::get("Asia/Kathmandu").unwrap();
        assert_eq!(hour_start(&kathmandu, mon + 9 * HOUR + 1_200), mon + 9 * HOUR + 900);
        // Sun 25 Oct 2026, 01:30 UTC is 02:30 CET, the second 02:00 hour of Paris: its
        // hour starts at the first 02:00 (00:00 UTC).
        let paris = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(hour_start(&paris, 1_792_891_800), 1_792_886_400);
    }
}
