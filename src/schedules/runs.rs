//! When a schedule of any kind runs next: the one place the server asks, for `/upcoming`,
//! the list, the detail page and the editor's preview. Interval and one-time schedules are
//! plain arithmetic (shared with the browser, in [`super::describe::upcoming`]); calendar
//! ones need the zone rules (see [`super::calendar`]).

use super::calendar::{self, Run};
use super::cron::Cron;
use super::describe::{upcoming, UPCOMING_MAX};
use super::validate::TIMESTAMP_MAX;
use super::zones::DEFAULT_ZONE;
use super::{Kind, NewSchedule};

/// The next `count` (at most [`UPCOMING_MAX`]) runs at or after `from`, never after `until`.
pub fn next_runs(schedule: &NewSchedule, from: i64, count: usize) -> Vec<Run> {
    let count = count.min(UPCOMING_MAX);
    let config = &schedule.config;
    if schedule.kind() != Kind::Calendar {
        return upcoming(schedule, from, count).into_iter().map(|at| Run { at, change: None }).collect();
    }
    // Stored schedules passed the rules; an expression or zone that no longer reads (a
    // zone removed from the database) has no runs rather than wrong ones.
    let Some(Ok(cron)) = config.cron.as_deref().map(Cron::parse) else { return Vec::new() };
    let Ok(zone) = calendar::zone(config.timezone.as_deref().unwrap_or(DEFAULT_ZONE)) else { return Vec::new() };
    let from = from.max(config.timestamp.unwrap_or(from));
    calendar::runs(&cron, &zone, from, config.until.unwrap_or(TIMESTAMP_MAX), count)
}

/// Just the instants of [`next_runs`].
pub fn next_run_times(schedule: &NewSchedule, from: i64, count: usize) -> Vec<i64> {
    next_runs(schedule, from, count).into_iter().map(|run| run.at).collect()
}
