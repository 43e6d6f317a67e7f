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

/// Every run in `[from, to)`, in order: the runs `/upcoming?from=` gives, asked for in
/// batches (for the timeline and its JSON). An interval schedule without an anchor runs
/// every period after `from`, as `/upcoming` says; its grid is pinned there once, so that
/// the later batches continue it instead of starting again from each batch's start.
/// Callers bound the window: a run is at least a minute after the one before, so 31 days
/// hold at most 44,640.
pub fn runs_between(schedule: &NewSchedule, from: i64, to: i64) -> Vec<Run> {
    let mut schedule = schedule.clone();
    if schedule.kind() == Kind::Interval && schedule.config.timestamp.is_none() {
        schedule.config.timestamp = schedule.config.period.map(|period| from.saturating_add(period));
    }
    let mut found = Vec::new();
    let mut cursor = from;
    loop {
        let batch = next_runs(&schedule, cursor, UPCOMING_MAX);
        let more = batch.len() == UPCOMING_MAX;
        for run in batch {
            if run.at >= to {
                return found;
            }
            cursor = run.at + 1;
            found.push(run);
        }
        if !more {
            return found;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::Config;

    fn schedule(config: Config) -> NewSchedule {
        NewSchedule { name: None, once: false, config }
    }

    #[test]
    fn runs_between_continues_each_kind_past_one_batch() {
        let from = 1_798_761_600; // 2027-01-01 00:00 UTC
        let day = 86_400;
        // Every minute without an anchor: from + 60, ..., the last before from + 1 day.
        let minutely = runs_between(&schedule(Config { period: Some(60), ..Config::default() }), from, from + day);
        assert_eq!(minutely.len(), 1_439);
        assert_eq!((minutely[0].at, minutely[1_438].at), (from + 60, from + day - 60));
        assert_eq!(
            minutely.iter().map(|r| r.at).collect::<Vec<_>>(),
            (1..1_440).map(|k| from + 60 * k).collect::<Vec<_>>()
        );
        // Anchored: the anchor's grid, the window's start included.
        let anchored = Config { period: Some(3_600), timestamp: Some(from - 7 * 3_600), ..Config::default() };
        let hourly = runs_between(&schedule(anchored), from, from + day);
        assert_eq!(hourly.len(), 24);
        assert_eq!(hourly[0].at, from);
        // Calendar, every 5 minutes: 288 a day, in three batches.
        let cron = Config { cron: Some("*/5 * * * *".into()), ..Config::default() };
        let five = runs_between(&schedule(cron), from, from + day);
        assert_eq!(five.len(), 288);
        assert!(five.windows(2).all(|w| w[1].at - w[0].at == 300));
        // Never past `until`, and a one-time run only inside the window.
        let ended = Config { period: Some(60), until: Some(from + 600), ..Config::default() };
        assert_eq!(runs_between(&schedule(ended), from, from + day).len(), 10);
        let once =
            NewSchedule { name: None, once: true, config: Config { timestamp: Some(from + 5), ..Config::default() } };
        assert_eq!(runs_between(&once, from, from + day).len(), 1);
        assert!(runs_between(&once, from + 6, from + day).is_empty());
    }
}
