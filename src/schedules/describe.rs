//! Human descriptions of a schedule: pure, shared by server and browser so both render
//! the same words (when it runs is [`super::runs`]).

use super::cron::Cron;
use super::{Kind, NewSchedule};

/// "Every 5 minutes", "Every day, first run 2027-03-01 14:00 UTC", "Once on 2027-03-01 14:00 UTC".
pub fn describe(schedule: &NewSchedule) -> String {
    describe_with(schedule, format_utc)
}

/// [`describe`], with times written by `format_time` (the browser writes them in the
/// viewer's zone).
pub fn describe_with(schedule: &NewSchedule, format_time: impl Fn(i64) -> String) -> String {
    let config = &schedule.config;
    let mut text = match schedule.kind() {
        Kind::Once => match config.timestamp {
            Some(ts) => return format!("Once on {}", format_time(ts)),
            None => return "Incomplete schedule".to_string(),
        },
        Kind::Interval => match (config.period, config.timestamp) {
            (Some(period), None) => every(period),
            (Some(period), Some(anchor)) => format!("{}, first run {}", every(period), format_time(anchor)),
            (None, _) => return "Incomplete schedule".to_string(),
        },
        Kind::Calendar => {
            let mut text = describe_calendar(config.cron.as_deref().unwrap_or_default(), config.timezone.as_deref());
            if let Some(start) = config.timestamp {
                text.push_str(&format!(", from {}", format_time(start)));
            }
            text
        }
    };
    if let Some(until) = config.until {
        text.push_str(&format!(", until {}", format_time(until)));
    }
    text
}

/// A calendar schedule in words: "Every weekday at 09:00 (Europe/Paris)", "At 02:30 every
/// day (UTC)", "Every 15 minutes". The zone is named where it changes when runs happen (set
/// hours or days, or a zone other than UTC). Where no short phrase is right, the expression
/// itself: never a phrase that says something else.
pub fn describe_calendar(expression: &str, zone: Option<&str>) -> String {
    let zone_name = zone.unwrap_or(super::zones::DEFAULT_ZONE);
    let Ok(cron) = Cron::parse(expression) else {
        return format!("Cron {} ({zone_name})", expression.trim());
    };
    match phrase(&cron) {
        Some((text, false)) if zone_name == "UTC" => text,
        Some((text, _)) => format!("{text} ({zone_name})"),
        None => format!("Cron {} ({zone_name})", expression.split_ascii_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

const ALL_MINUTES: u64 = (1 << 60) - 1;
const ALL_HOURS: u32 = (1 << 24) - 1;
const ALL_DAYS: u32 = ((1u64 << 32) - 2) as u32;
const ALL_MONTHS: u16 = (1 << 13) - 2;
const ALL_WEEKDAYS: u8 = 0x7f;
const WORKING_DAYS: u8 = 0b011_1110;
const WEEKDAY_NAMES: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// The phrase for an expression, and whether its hours or days are set (so the zone matters).
fn phrase(cron: &Cron) -> Option<(String, bool)> {
    let minutes = bits(cron.minutes, 0, 59);
    let hours = bits(cron.hours as u64, 0, 23);
    // A repeating phrase: every minute, every N minutes, every hour, every N hours.
    let frequency = match (minutes.as_slice(), cron.hours == ALL_HOURS) {
        (_, true) if cron.minutes == ALL_MINUTES => Some("Every minute".to_string()),
        (_, true) if step_from_zero(&minutes, 60).is_some_and(|n| n > 1) => {
            Some(format!("Every {} minutes", step_from_zero(&minutes, 60)?))
        }
        ([0], true) => Some("Every hour".to_string()),
        ([m], true) => Some(format!("At {m} minutes past every hour")),
        ([0], false) if step_from_zero(&hours, 24).is_some_and(|n| n > 1) => {
            Some(format!("Every {} hours", step_from_zero(&hours, 24)?))
        }
        _ => None,
    };
    // Vixie's OR: with both day fields restricted, a full one makes every day run.
    let either = !cron.days_star && !cron.weekdays_star;
    let all_month_days = if either {
        cron.days == ALL_DAYS || cron.weekdays == ALL_WEEKDAYS
    } else {
        cron.days == ALL_DAYS && cron.weekdays == ALL_WEEKDAYS
    };
    let every_day = all_month_days && cron.months == ALL_MONTHS;
    if let Some(frequency) = frequency {
        let hours_set = cron.hours != ALL_HOURS;
        if every_day {
            return Some((frequency, hours_set));
        }
        let on = weekdays_only(cron)?;
        return Some((format!("{frequency} on {on}"), true));
    }
    // At set times of day: "09:00", "09:00 and 17:00".
    let [minute] = minutes.as_slice() else { return None };
    if hours.len() > 4 {
        return None;
    }
    let times = join(&hours.iter().map(|h| format!("{h:02}:{minute:02}")).collect::<Vec<_>>());
    if every_day {
        return Some((format!("At {times} every day"), true));
    }
    if cron.months == ALL_MONTHS && (cron.days == ALL_DAYS || cron.days_star) {
        if cron.days != ALL_DAYS {
            return None;
        }
        if cron.weekdays == WORKING_DAYS {
            return Some((format!("Every weekday at {times}"), true));
        }
        let days = bits(cron.weekdays as u64, 0, 6).iter().map(|d| WEEKDAY_NAMES[*d as usize]).collect::<Vec<_>>();
        return Some((format!("Every {} at {times}", join(&days)), true));
    }
    let days = bits(cron.days as u64, 1, 31).iter().map(|d| ordinal(*d)).collect::<Vec<_>>();
    if days.len() > 4 {
        return None;
    }
    if cron.months == ALL_MONTHS {
        if cron.weekdays == ALL_WEEKDAYS {
            return Some((format!("At {times} on the {} of every month", join(&days)), true));
        }
        if either {
            let weekdays = plural_weekdays(cron.weekdays);
            return Some((format!("At {times} on the {} and on {weekdays}", join(&days)), true));
        }
        return None;
    }
    if cron.weekdays != ALL_WEEKDAYS {
        return None;
    }
    let months = bits(cron.months as u64, 1, 12)
        .iter()
        .map(|m| super::form::choices::MONTHS[*m as usize - 1])
        .collect::<Vec<_>>();
    match (days.as_slice(), months.as_slice()) {
        ([_], [month]) => {
            let day = bits(cron.days as u64, 1, 31)[0];
            Some((format!("On {day} {month} at {times}"), true))
        }
        _ => Some((format!("At {times} on the {} of {}", join(&days), join(&months)), true)),
    }
}

/// "weekdays", "Mondays and Fridays": a day qualifier for repeating phrases, when only the
/// weekday field restricts the days.
fn weekdays_only(cron: &Cron) -> Option<String> {
    if cron.months != ALL_MONTHS || cron.days != ALL_DAYS {
        return None;
    }
    Some(if cron.weekdays == WORKING_DAYS { "weekdays".to_string() } else { plural_weekdays(cron.weekdays) })
}

fn plural_weekdays(weekdays: u8) -> String {
    join(&bits(weekdays as u64, 0, 6).iter().map(|d| format!("{}s", WEEKDAY_NAMES[*d as usize])).collect::<Vec<_>>())
}

/// The values whose bits are set, from `low` to `high`.
fn bits(set: u64, low: u32, high: u32) -> Vec<u32> {
    (low..=high).filter(|v| set & (1 << v) != 0).collect()
}

/// `n` when the values are exactly 0, n, 2n, ... below `size` and `n` divides `size`.
fn step_from_zero(values: &[u32], size: u32) -> Option<u32> {
    let step = *values.get(1)?;
    (values[0] == 0
        && size % step == 0
        && values.len() as u32 == size / step
        && values.iter().enumerate().all(|(i, v)| *v == i as u32 * step))
    .then_some(step)
}

/// "a", "a and b", "a, b and c".
fn join<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st...
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `1234567` → "1,234,567".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    let (year, month, day, hour, minute, second) = super::cron::unix_to_wall(ts, 0);
    if !(1..=9999).contains(&year) {
        return format!("@{ts}");
    }
    if second == 0 {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} UTC")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::Config;

    #[test]
    fn numbers_read_well() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(43_200), "43,200");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    fn recurring(period: i64, anchor: Option<i64>) -> NewSchedule {
        NewSchedule {
            name: None,
            once: false,
            config: Config { period: Some(period), timestamp: anchor, ..Config::default() },
            tags: vec![],
        }
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
                config: Config { period: None, timestamp: Some(1_803_909_600), ..Config::default() },
                tags: vec![],
            }),
            "Once on 2027-03-01 14:00 UTC"
        );
        assert_eq!(describe(&recurring(3_600, Some(1_803_909_630))), "Every hour, first run 2027-03-01 14:00:30 UTC");
    }

    fn calendar(cron: &str, zone: Option<&str>) -> String {
        describe_calendar(cron, zone)
    }

    #[test]
    fn calendar_descriptions() {
        assert_eq!(calendar("0 9 * * 1-5", Some("Europe/Paris")), "Every weekday at 09:00 (Europe/Paris)");
        assert_eq!(calendar("30 2 * * *", Some("Europe/Paris")), "At 02:30 every day (Europe/Paris)");
        assert_eq!(calendar("0 12 13 * 5", None), "At 12:00 on the 13th and on Fridays (UTC)");
        assert_eq!(calendar("0 0 29 2 *", None), "On 29 February at 00:00 (UTC)");
        assert_eq!(calendar("*/15 * * * *", None), "Every 15 minutes");
        assert_eq!(calendar("*/15 * * * *", Some("Asia/Kathmandu")), "Every 15 minutes (Asia/Kathmandu)");
        assert_eq!(calendar("@hourly", None), "Every hour");
        assert_eq!(calendar("* * * * *", None), "Every minute");
        assert_eq!(calendar("5 * * * *", None), "At 5 minutes past every hour");
        assert_eq!(calendar("0 */6 * * *", None), "Every 6 hours (UTC)");
        assert_eq!(calendar("0 9,17 * * *", None), "At 09:00 and 17:00 every day (UTC)");
        assert_eq!(calendar("0 9 * * mon,thu", None), "Every Monday and Thursday at 09:00 (UTC)");
        assert_eq!(calendar("0 0 1,15 * *", None), "At 00:00 on the 1st and 15th of every month (UTC)");
        assert_eq!(calendar("@yearly", None), "On 1 January at 00:00 (UTC)");
        assert_eq!(calendar("0 0 1 1,7 *", None), "At 00:00 on the 1st of January and July (UTC)");
        assert_eq!(calendar("*/10 * * * 1-5", None), "Every 10 minutes on weekdays (UTC)");
        // No short phrase fits: the expression itself, never a wrong phrase.
        assert_eq!(calendar("*/15 9-17 * * 1-5", Some("Europe/Paris")), "Cron */15 9-17 * * 1-5 (Europe/Paris)");
        assert_eq!(calendar("*/7 * * * *", None), "Cron */7 * * * * (UTC)", "7 does not divide an hour evenly");
        assert_eq!(calendar("0 9 */2 * *", None), "Cron 0 9 */2 * * (UTC)");
        assert_eq!(calendar("0 9 1-31 * 1-5", None), "At 09:00 every day (UTC)", "either day field: every day");
        let until = NewSchedule {
            name: None,
            once: false,
            config: Config { cron: Some("0 * * * *".into()), until: Some(1_893_456_000), ..Config::default() },
            tags: vec![],
        };
        assert_eq!(describe(&until), "Every hour, until 2030-01-01 00:00 UTC");
        let interval_until = NewSchedule {
            config: Config { until: Some(1_893_456_000), ..recurring(300, None).config },
            ..recurring(300, None)
        };
        assert_eq!(describe(&interval_until), "Every 5 minutes, until 2030-01-01 00:00 UTC");
    }
}
