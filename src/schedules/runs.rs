//! When a schedule of any kind runs: the one place both the server and the browser ask,
//! for `/upcoming`, the list, the detail page, the editor's preview, the timeline and the
//! load. Interval and one-time schedules are plain arithmetic, shared with the browser
//! ([`upcoming`]); calendar ones need the zone rules, on the server ([`next_runs`], over
//! [`super::calendar`]).

use super::validate::TIMESTAMP_MAX;
use super::NewSchedule;
#[cfg(feature = "ssr")]
use super::{
    calendar::{self, Run},
    cron::Cron,
    zones::DEFAULT_ZONE,
    Kind,
};

/// Most run times one answer of [`upcoming`] or [`next_runs`] holds.
pub const UPCOMING_MAX: usize = 100;

/// The next `count` run times at or after `from` (Unix seconds) of a one-time or interval
/// schedule, as the contract defines them: a one-time schedule runs at its timestamp; an
/// interval one at `anchor + k * period`, or, without an anchor, at `from + period`,
/// `from + 2 * period`, and so on; never after `until`. Calendar schedules need the zone
/// rules, on the server ([`next_runs`]): none here.
pub fn upcoming(schedule: &NewSchedule, from: i64, count: usize) -> Vec<i64> {
    let count = count.min(UPCOMING_MAX);
    let until = schedule.config.until.unwrap_or(TIMESTAMP_MAX).min(TIMESTAMP_MAX);
    if schedule.config.cron.is_some() && !schedule.once {
        return Vec::new();
    }
    match (schedule.once, schedule.config.period, schedule.config.timestamp) {
        (true, _, Some(ts)) => (ts >= from && count > 0).then_some(ts).into_iter().collect(),
        (false, Some(period), anchor) if period > 0 => {
            let first = match anchor {
                Some(anchor) if anchor >= from => anchor,
                Some(anchor) => anchor + (from - anchor + period - 1) / period * period,
                None => from.saturating_add(period),
            };
            (0..count as i64)
                .map(|k| first.saturating_add(k.saturating_mul(period)))
                .take_while(|ts| *ts <= until)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The next `count` (at most [`UPCOMING_MAX`]) runs at or after `from`, never after `until`.
#[cfg(feature = "ssr")]
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
#[cfg(feature = "ssr")]
pub fn next_run_times(schedule: &NewSchedule, from: i64, count: usize) -> Vec<i64> {
    next_runs(schedule, from, count).into_iter().map(|run| run.at).collect()
}

/// Every run in `[from, to)`, in order: the runs `/upcoming?from=` gives, asked for in
/// batches (for the timeline and its JSON). An interval schedule without an anchor runs
/// every period after `from`, as `/upcoming` says; its grid is pinned there once, so that
/// the later batches continue it instead of starting again from each batch's start.
/// Callers bound the window: a run is at least a minute after the one before, so 31 days
/// hold at most 44,640.
#[cfg(feature = "ssr")]
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
        NewSchedule { config, ..NewSchedule::default() }
    }

    fn recurring(period: i64, anchor: Option<i64>) -> NewSchedule {
        schedule(Config { period: Some(period), timestamp: anchor, ..Config::default() })
    }

    #[test]
    fn upcoming_runs() {
        assert_eq!(upcoming(&recurring(60, None), 1_000, 3), vec![1_060, 1_120, 1_180]);
        assert_eq!(upcoming(&recurring(60, Some(1_000)), 1_000, 2), vec![1_000, 1_060]);
        assert_eq!(upcoming(&recurring(60, Some(1_000)), 1_001, 2), vec![1_060, 1_120]);
        assert_eq!(upcoming(&recurring(60, Some(5_000)), 1_000, 1), vec![5_000]);
        let once = NewSchedule {
            name: None,
            once: true,
            config: Config { period: None, timestamp: Some(2_000), ..Config::default() },
            tags: vec![],
        };
        assert_eq!(upcoming(&once, 1_000, 5), vec![2_000]);
        assert_eq!(upcoming(&once, 2_001, 5), Vec::<i64>::new());
        assert_eq!(upcoming(&recurring(60, None), 0, 1_000).len(), UPCOMING_MAX);
        assert!(upcoming(&recurring(31_622_400, None), TIMESTAMP_MAX - 10, 5).is_empty());
        let ending =
            NewSchedule { config: Config { until: Some(1_180), ..recurring(60, None).config }, ..recurring(60, None) };
        assert_eq!(upcoming(&ending, 1_000, 5), vec![1_060, 1_120, 1_180], "until is inclusive");
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
        let once = NewSchedule {
            once: true,
            config: Config { timestamp: Some(from + 5), ..Config::default() },
            ..NewSchedule::default()
        };
        assert_eq!(runs_between(&once, from, from + day).len(), 1);
        assert!(runs_between(&once, from + 6, from + day).is_empty());
    }
}
