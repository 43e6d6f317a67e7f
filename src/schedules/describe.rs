//! Human descriptions and run times of a schedule: pure, shared by server and browser so
//! both render the same words.

use super::validate::TIMESTAMP_MAX;
use super::NewSchedule;

/// Most run times `upcoming` returns.
pub const UPCOMING_MAX: usize = 100;

/// "Every 5 minutes", "Every day, first run 2027-03-01 14:00 UTC", "Once on 2027-03-01 14:00 UTC".
pub fn describe(schedule: &NewSchedule) -> String {
    describe_with(schedule, format_utc)
}

/// [`describe`], with times written by `format_time` (the browser writes them in the
/// viewer's zone).
pub fn describe_with(schedule: &NewSchedule, format_time: impl Fn(i64) -> String) -> String {
    match (schedule.once, schedule.config.period, schedule.config.timestamp) {
        (true, _, Some(ts)) => format!("Once on {}", format_time(ts)),
        (false, Some(period), None) => every(period),
        (false, Some(period), Some(anchor)) => format!("{}, first run {}", every(period), format_time(anchor)),
        _ => "Incomplete schedule".to_string(),
    }
}

/// "Every minute", "Every 90 seconds", "Every 2 hours", "Every 3 days".
pub fn every(period: i64) -> String {
    const UNITS: [(i64, &str); 4] = [(86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")];
    let (size, unit) = UNITS.iter().copied().find(|(size, _)| period % size == 0).unwrap_or((1, "second"));
    match period / size {
        1 => format!("Every {unit}"),
        n => format!("Every {n} {unit}s"),
    }
}

/// `2027-03-01 14:00 UTC`, with seconds only when they are not zero.
pub fn format_utc(ts: i64) -> String {
    use time::macros::format_description;
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(ts) else {
        return format!("@{ts}");
    };
    let text = if at.second() == 0 {
        at.format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
    } else {
        at.format(format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"))
    };
    format!("{} UTC", text.unwrap_or_default())
}

/// The next `count` run times at or after `from` (Unix seconds), as the contract defines them:
/// a one-time schedule runs at its timestamp; a recurring one at `anchor + k * period`, or,
/// without an anchor, at `from + period`, `from + 2 * period`, and so on.
pub fn upcoming(schedule: &NewSchedule, from: i64, count: usize) -> Vec<i64> {
    let count = count.min(UPCOMING_MAX);
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
                .take_while(|ts| *ts <= TIMESTAMP_MAX)
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::Config;

    fn recurring(period: i64, anchor: Option<i64>) -> NewSchedule {
        NewSchedule { name: None, once: false, config: Config { period: Some(period), timestamp: anchor } }
    }

    #[test]
    fn descriptions() {
        assert_eq!(describe(&recurring(300, None)), "Every 5 minutes");
        assert_eq!(describe(&recurring(60, None)), "Every minute");
        assert_eq!(describe(&recurring(90, None)), "Every 90 seconds");
        assert_eq!(describe(&recurring(7_200, None)), "Every 2 hours");
        assert_eq!(describe(&recurring(86_400, None)), "Every day");
        assert_eq!(
            describe(&NewSchedule {
                name: None,
                once: true,
                config: Config { period: None, timestamp: Some(1_803_909_600) }
            }),
            "Once on 2027-03-01 14:00 UTC"
        );
        assert_eq!(describe(&recurring(3_600, Some(1_803_909_630))), "Every hour, first run 2027-03-01 14:00:30 UTC");
    }

    #[test]
    fn upcoming_runs() {
        assert_eq!(upcoming(&recurring(60, None), 1_000, 3), vec![1_060, 1_120, 1_180]);
        assert_eq!(upcoming(&recurring(60, Some(1_000)), 1_000, 2), vec![1_000, 1_060]);
        assert_eq!(upcoming(&recurring(60, Some(1_000)), 1_001, 2), vec![1_060, 1_120]);
        assert_eq!(upcoming(&recurring(60, Some(5_000)), 1_000, 1), vec![5_000]);
        let once = NewSchedule { name: None, once: true, config: Config { period: None, timestamp: Some(2_000) } };
        assert_eq!(upcoming(&once, 1_000, 5), vec![2_000]);
        assert_eq!(upcoming(&once, 2_001, 5), Vec::<i64>::new());
        assert_eq!(upcoming(&recurring(60, None), 0, 1_000).len(), UPCOMING_MAX);
        assert!(upcoming(&recurring(31_622_400, None), TIMESTAMP_MAX - 10, 5).is_empty());
    }
}
