//! Counting a user's runs in a window: per bucket of time, per weekday and hour of the
//! viewer's clock, and the minutes in which the most schedules fire together. Pure
//! arithmetic over the run times of [`crate::schedules::runs::runs_between`], one list of
//! ascending Unix seconds a schedule.

use jiff::tz::TimeZone;
use jiff::Timestamp;

/// How many of the busiest minutes are named.
pub const BUSIEST: usize = 10;

/// The runs of each bucket of `bucket` seconds from `from`: bucket `k` holds
/// `[from + k × bucket, from + (k + 1) × bucket)`, the last one cut short at `to`. Runs
/// outside `[from, to)` are not counted.
pub fn per_bucket(from: i64, to: i64, bucket: i64, lanes: &[Vec<i64>]) -> Vec<u32> {
    let bucket = bucket.max(1);
    let buckets = ((to - from).max(0) + bucket - 1) / bucket;
    let mut counts = vec![0u32; buckets as usize];
    for at in lanes.iter().flatten().filter(|at| (from..to).contains(*at)) {
        counts[((at - from) / bucket) as usize] += 1;
    }
    counts
}

/// Runs by weekday (Monday first) and hour of the day, as `zone`'s clock reads them when
/// they start: the hour a fall-back repeats holds the runs of both of its passes; the hour
/// a spring-forward skips holds none.
pub fn per_weekday_hour(zone: &TimeZone, lanes: &[Vec<i64>]) -> [[u32; 24]; 7] {
    let mut cells = [[0u32; 24]; 7];
    for at in lanes.iter().flatten() {
        let Ok(instant) = Timestamp::from_second(*at) else { continue };
        let wall = zone.to_datetime(instant);
        let day = wall.weekday().to_monday_zero_offset() as usize;
        cells[day][wall.hour() as usize] += 1;
    }
    cells
}

/// A minute in which schedules fire together: its start (Unix seconds, a whole minute of
/// every zone's clock) and the lanes (indexes) with a run in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusyMinute {
    pub at: i64,
    pub lanes: Vec<usize>,
}

/// The `most` minutes of `[from, to)` in which the most schedules run, most first, earlier
/// first among equals; only minutes in which at least two do. A schedule runs at most
/// once a minute (periods are at least 60 seconds), so runs in a minute are schedules.
pub fn busiest_minutes(from: i64, to: i64, lanes: &[Vec<i64>], most: usize) -> Vec<BusyMinute> {
    if to <= from {
        return Vec::new();
    }
    let first = from.div_euclid(60);
    let mut counts = vec![0u32; ((to - 1).div_euclid(60) - first + 1) as usize];
    for at in lanes.iter().flatten().filter(|at| (from..to).contains(*at)) {
        counts[(at.div_euclid(60) - first) as usize] += 1;
    }
    let mut ranked: Vec<(u32, usize)> =
        counts.iter().enumerate().filter(|(_, n)| **n >= 2).map(|(minute, n)| (*n, minute)).collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked
        .into_iter()
        .take(most)
        .map(|(_, minute)| {
            let at = (first + minute as i64) * 60;
            let lanes = lanes
                .iter()
                .enumerate()
                .filter(|(_, runs)| {
                    let next = runs.partition_point(|t| *t < at.max(from));
                    runs.get(next).is_some_and(|t| *t < (at + 60).min(to))
                })
                .map(|(lane, _)| lane)
                .collect();
            BusyMinute { at, lanes }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MON_30_NOV_2026: i64 = 1_795_996_800; // 00:00 UTC

    #[test]
    fn buckets_count_runs_inside_the_window() {
        let from = MON_30_NOV_2026;
        let lanes = vec![
            vec![from - 60, from, from + 59, from + 3_600, from + 7_199],
            vec![from + 3_599, from + 9_000, from + 10_800],
        ];
        // Three hours; the run at `to` and the one before `from` are outside.
        assert_eq!(per_bucket(from, from + 10_800, 3_600, &lanes), [3, 2, 1]);
        // A last bucket cut short: 2.5 hours in hour buckets.
        assert_eq!(per_bucket(from, from + 9_000, 3_600, &lanes), [3, 2, 0]);
        assert_eq!(per_bucket(from, from + 60, 60, &lanes), [2]);
        assert!(per_bucket(from, from, 60, &lanes).is_empty());
    }

    #[test]
    fn weekday_and_hour_follow_the_clock_across_both_changes() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        // Every 30 minutes from Sat 28 Mar 2026 23:00 UTC (Sun 00:00 Paris) for 6 hours:
        // the clocks go forward at 01:00 UTC (02:00 → 03:00 Paris), so Sunday's 02:00 hour
        // has no runs and 03:00, 04:00, 05:00, 06:00 have two each.
        let sunday = 1_774_738_800;
        let spring = vec![(0..12).map(|k| sunday + 1_800 * k).collect::<Vec<_>>()];
        let cells = per_weekday_hour(&paris, &spring);
        assert_eq!(cells[6][..8], [2, 2, 0, 2, 2, 2, 2, 0]);
        assert_eq!(cells.iter().flatten().sum::<u32>(), 12);
        // Every 30 minutes from Sun 25 Oct 2026 00:00 UTC (02:00 CEST) for 2 hours: 02:00
        // happens twice (CEST, then CET from 01:00 UTC): its hour holds all four runs.
        let autumn = vec![(0..4).map(|k| 1_792_886_400 + 1_800 * k).collect::<Vec<_>>()];
        let cells = per_weekday_hour(&paris, &autumn);
        assert_eq!(cells[6][2], 4);
        assert_eq!(cells.iter().flatten().sum::<u32>(), 4);
        // Monday 30 Nov 2026 09:15 UTC, read in New York (04:15) and in UTC.
        let one = vec![vec![MON_30_NOV_2026 + 9 * 3_600 + 900]];
        assert_eq!(per_weekday_hour(&TimeZone::get("America/New_York").unwrap(), &one)[0][4], 1);
        assert_eq!(per_weekday_hour(&TimeZone::UTC, &one)[0][9], 1);
    }

    #[test]
    fn busiest_minutes_name_the_schedules_that_fire_together() {
        let from = MON_30_NOV_2026;
        let nine = from + 9 * 3_600;
        let lanes = vec![
            vec![nine, nine + 3_600],      // 0: 09:00 and 10:00
            vec![nine + 30, nine + 7_200], // 1: 09:00:30 and 11:00
            vec![nine + 59, nine + 3_600], // 2: 09:00:59 and 10:00
            vec![nine + 60],               // 3: 09:01 alone
            vec![nine + 7_200 + 5],        // 4: 11:00:05
        ];
        let busiest = busiest_minutes(from, from + 86_400, &lanes, BUSIEST);
        assert_eq!(
            busiest,
            [
                BusyMinute { at: nine, lanes: vec![0, 1, 2] },
                BusyMinute { at: nine + 3_600, lanes: vec![0, 2] },
                BusyMinute { at: nine + 7_200, lanes: vec![1, 4] },
            ]
        );
        assert_eq!(busiest_minutes(from, from + 86_400, &lanes, 1).len(), 1);
        // A window starting inside a minute counts only what is inside it.
        let late = busiest_minutes(nine + 31, from + 86_400, &lanes, BUSIEST);
        assert_eq!(late[0], BusyMinute { at: nine + 3_600, lanes: vec![0, 2] });
        assert!(busiest_minutes(from, from + 86_400, &[vec![nine]], BUSIEST).is_empty());
    }
}
