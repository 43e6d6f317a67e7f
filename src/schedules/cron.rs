//! Cron expressions as calendar schedules read them: five fields (minute, hour, day of
//! month, month, day of week) with lists, ranges, steps, month and weekday names and the
//! `@daily`-style macros, read as Vixie cron reads them. Pure, for server and browser: the
//! editor checks and describes an expression as it is typed with this same code.
//!
//! Our own small parser rather than a crate: the contract fixes Vixie's reading (both day
//! fields restricted means a day matching either runs; a field "is restricted" unless it
//! starts with `*`), refuses expressions that never run, and needs a next-match search that
//! jumps field by field on plain civil dates (the zone is applied on the server, see
//! `calendar`). The crates looked at each differ on one of these (seconds or years fields,
//! AND of the day fields, minute-by-minute iteration, or a time-zone crate of their own).

/// The longest expression accepted.
pub const CRON_MAX_CHARS: usize = 200;

/// A parsed expression: one bit per allowed value of each field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cron {
    /// Bits 0–59.
    pub minutes: u64,
    /// Bits 0–23.
    pub hours: u32,
    /// Bits 1–31.
    pub days: u32,
    /// Bits 1–12.
    pub months: u16,
    /// Bits 0–6, Sunday = 0.
    pub weekdays: u8,
    /// The day-of-month field starts with `*` (so it does not widen the day-of-week field).
    pub days_star: bool,
    /// The day-of-week field starts with `*`.
    pub weekdays_star: bool,
}

/// A wall-clock minute: what a cron expression matches, before any time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Civil {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

/// The years a search looks in: the contract's times end in 9999.
pub const LAST_YEAR: i32 = 9999;

struct FieldSpec {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const MINUTE: FieldSpec = FieldSpec { name: "minute", min: 0, max: 59, names: &[] };
const HOUR: FieldSpec = FieldSpec { name: "hour", min: 0, max: 23, names: &[] };
const DAY: FieldSpec = FieldSpec { name: "day of month", min: 1, max: 31, names: &[] };
const MONTH: FieldSpec = FieldSpec {
    name: "month",
    min: 1,
    max: 12,
    names: &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
};
/// 0–7: both 0 and 7 are Sunday, as in Vixie cron.
const WEEKDAY: FieldSpec =
    FieldSpec { name: "day of week", min: 0, max: 7, names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"] };

/// The macros and the expressions they stand for.
const MACROS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

impl Cron {
    /// Reads an expression; the error says which field is wrong and why, in words a person
    /// typing it can act on.
    pub fn parse(text: &str) -> Result<Cron, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("is empty: write five fields, such as `0 9 * * 1-5`".into());
        }
        if trimmed.starts_with('@') {
            let lower = trimmed.to_ascii_lowercase();
            return match MACROS.iter().find(|(name, _)| *name == lower) {
                Some((_, expansion)) => Cron::parse(expansion),
                None => Err(format!(
                    "`{}` is not a macro; use one of {}",
                    shown(trimmed),
                    MACROS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
                )),
            };
        }
        let fields: Vec<&str> = trimmed.split_ascii_whitespace().collect();
        if fields.len() != 5 {
            return Err(format!(
                "has {} field{}; it needs five: minute, hour, day of month, month, day of week",
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            ));
        }
        let weekdays = parse_field(fields[4], &WEEKDAY)?;
        // 7 is Sunday too.
        let weekdays = ((weekdays & 0x7f) | (weekdays >> 7)) as u8;
        let cron = Cron {
            minutes: parse_field(fields[0], &MINUTE)?,
            hours: parse_field(fields[1], &HOUR)? as u32,
            days: parse_field(fields[2], &DAY)? as u32,
            months: parse_field(fields[3], &MONTH)? as u16,
            weekdays,
            days_star: fields[2].starts_with('*'),
            weekdays_star: fields[4].starts_with('*'),
        };
        if !cron.can_run() {
            return Err("never runs: no month has that day (the 30th of February, say)".into());
        }
        Ok(cron)
    }

    /// Whether some date matches. With the day fields read together (either starts with
    /// `*`), a day of month must exist in one of the months: every such date falls on each
    /// weekday in some year. Read apart (Vixie's OR), every month has every weekday.
    fn can_run(&self) -> bool {
        if !(self.days_star || self.weekdays_star) {
            return true;
        }
        // 2000 is a leap year: every month at its longest.
        (1..=12u8)
            .any(|month| self.months & (1 << month) != 0 && self.days & month_mask(days_in_month(2000, month)) != 0)
    }

    /// Whether the day `day` of `month`, a `weekday` (Sunday = 0), is a day it runs on.
    pub fn day_matches(&self, day: u8, weekday: u8) -> bool {
        let by_day = self.days & (1 << day) != 0;
        let by_weekday = self.weekdays & (1 << weekday) != 0;
        if self.days_star || self.weekdays_star {
            by_day && by_weekday
        } else {
            by_day || by_weekday
        }
    }

    /// Whether the expression matches a wall-clock minute (checked one field at a time;
    /// the slow reference the search is tested against).
    pub fn matches(&self, at: Civil) -> bool {
        self.minutes & (1 << at.minute) != 0
            && self.hours & (1 << at.hour) != 0
            && self.months & (1 << at.month) != 0
            && self.day_matches(at.day, weekday(at.year, at.month, at.day))
    }

    /// The first wall-clock minute at or after `from` that matches, jumping a field at a
    /// time (to the next allowed month, day, hour, minute), never minute by minute: the
    /// 29th of February is found as fast as every minute. `None` past [`LAST_YEAR`].
    pub fn next_match(&self, from: Civil) -> Option<Civil> {
        let Civil { mut year, mut month, mut day, mut hour, mut minute } = from;
        loop {
            if year > LAST_YEAR {
                return None;
            }
            match next_bit(self.months as u64, month as u32, 12) {
                Some(m) if m as u8 == month => {}
                Some(m) => (month, day, hour, minute) = (m as u8, 1, 0, 0),
                None => {
                    (year, month, day, hour, minute) = (year + 1, 1, 1, 0, 0);
                    continue;
                }
            }
            let days = self.days_of(year, month);
            match next_bit(days as u64, day as u32, 31) {
                Some(d) if d as u8 == day => {}
                Some(d) => (day, hour, minute) = (d as u8, 0, 0),
                None => {
                    (day, hour, minute) = (1, 0, 0);
                    (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
                    continue;
                }
            }
            match next_bit(self.hours as u64, hour as u32, 23) {
                Some(h) if h as u8 == hour => {}
                Some(h) => (hour, minute) = (h as u8, 0),
                None => {
                    (year, month, day) = next_day(year, month, day);
                    (hour, minute) = (0, 0);
                    continue;
                }
            }
            match next_bit(self.minutes, minute as u32, 59) {
                Some(m) => return Some(Civil { year, month, day, hour, minute: m as u8 }),
                None => {
                    minute = 0;
                    if hour == 23 {
                        (year, month, day) = next_day(year, month, day);
                        hour = 0;
                    } else {
                        hour += 1;
                    }
                }
            }
        }
    }

    /// The days of a month it runs on, as bits 1–31.
    fn days_of(&self, year: i32, month: u8) -> u32 {
        let length = days_in_month(year, month);
        let first = weekday(year, month, 1) as u32;
        // Bit k of `week` says whether day 1 + k runs by its weekday; it repeats every 7 days.
        let week = (0..7).filter(|k| self.weekdays & (1 << ((first + k) % 7)) != 0).fold(0u32, |w, k| w | (1 << k));
        let by_weekday = (week | week << 7 | week << 14 | week << 21 | week << 28) << 1;
        let by_day = self.days;
        let days = if self.days_star || self.weekdays_star { by_day & by_weekday } else { by_day | by_weekday };
        days & month_mask(length)
    }
}

/// The lowest set bit at or above `from`, not above `max`.
fn next_bit(bits: u64, from: u32, max: u32) -> Option<u32> {
    if from > max {
        return None;
    }
    let above = bits >> from;
    (above != 0).then(|| from + above.trailing_zeros()).filter(|b| *b <= max)
}

/// Bits 1..=length (the days a month has).
fn month_mask(length: u8) -> u32 {
    ((1u64 << (length + 1)) - 2) as u32
}

fn next_day(year: i32, month: u8, day: u8) -> (i32, u8, u8) {
    if day < days_in_month(year, month) {
        (year, month, day + 1)
    } else if month < 12 {
        (year, month + 1, 1)
    } else {
        (year + 1, 1, 1)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day of the week, Sunday = 0.
pub fn weekday(year: i32, month: u8, day: u8) -> u8 {
    (days_from_civil(year, month, day) + 4).rem_euclid(7) as u8
}

impl Civil {
    /// Seconds since 1970-01-01 00:00 of this wall-clock minute, as if it were UTC.
    pub fn local_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
    }

    /// The minute after this one.
    pub fn next_minute(self) -> Civil {
        if self.minute < 59 {
            return Civil { minute: self.minute + 1, ..self };
        }
        if self.hour < 23 {
            return Civil { hour: self.hour + 1, minute: 0, ..self };
        }
        let (year, month, day) = next_day(self.year, self.month, self.day);
        Civil { year, month, day, hour: 0, minute: 0 }
    }

    /// The wall-clock minute `seconds` after 1970-01-01 00:00, rounded up to a whole minute.
    pub fn from_local_seconds_ceil(seconds: i64) -> Civil {
        let minutes = seconds.div_euclid(60) + i64::from(seconds.rem_euclid(60) != 0);
        let days = minutes.div_euclid(1_440);
        let of_day = minutes.rem_euclid(1_440);
        let (year, month, day) = civil_from_days(days);
        Civil { year, month, day, hour: (of_day / 60) as u8, minute: (of_day % 60) as u8 }
    }
}

/// Unix seconds `ts`, shifted by `offset_seconds`, as a wall clock: (year, month, day, hour,
/// minute, second). The browser's forms and descriptions write times with it, so the
/// browser needs no date library.
pub fn unix_to_wall(ts: i64, offset_seconds: i64) -> (i32, u8, u8, u8, u8, u8) {
    let t = ts.saturating_add(offset_seconds);
    let (year, month, day) = civil_from_days(t.div_euclid(86_400));
    let of_day = t.rem_euclid(86_400);
    (year, month, day, (of_day / 3_600) as u8, (of_day / 60 % 60) as u8, (of_day % 60) as u8)
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

/// Reads one field into bits.
fn parse_field(text: &str, spec: &FieldSpec) -> Result<u64, String> {
    let mut bits = 0u64;
    for part in text.split(',') {
        bits |= parse_part(part, spec).map_err(|why| format!("the {} field (`{}`): {why}", spec.name, shown(text)))?;
    }
    Ok(bits)
}

fn parse_part(part: &str, spec: &FieldSpec) -> Result<u64, String> {
    if part.is_empty() {
        return Err("an empty item in a list".into());
    }
    let (range, step) = match part.split_once('/') {
        Some((range, step)) => {
            let not_a_number = || format!("the step `{}` is not a whole number", shown(step));
            if step.is_empty() || !step.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_a_number());
            }
            // Digits alone: more than fit are past any range anyway.
            let step = step.parse::<u64>().unwrap_or(u64::MAX).min(u64::from(u32::MAX)) as u32;
            if step == 0 {
                return Err("the step must be at least 1".into());
            }
            // A step past the range's end leaves its first value alone (`*/100` in the day
            // field is the 1st), as Vixie cron reads it: an import stores what it read.
            (range, step.min(spec.max - spec.min + 1))
        }
        None => (part, 1),
    };
    let (low, high) = if range == "*" {
        (spec.min, spec.max)
    } else if let Some((a, b)) = range.split_once('-') {
        let (a, b) = (value(a, spec)?, value(b, spec)?);
        if a > b {
            return Err(format!("the range {a}-{b} runs backwards"));
        }
        (a, b)
    } else {
        let a = value(range, spec)?;
        // `5/15` is Vixie's shorthand for `5-59/15`.
        (a, if part.contains('/') { spec.max } else { a })
    };
    Ok((low..=high).step_by(step as usize).fold(0u64, |bits, v| bits | (1 << v)))
}

fn value(text: &str, spec: &FieldSpec) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(index) = spec.names.iter().position(|name| *name == lower) {
        return Ok(index as u32 + spec.min);
    }
    let number: u32 = text.parse().map_err(|_| {
        if spec.names.is_empty() {
            format!("`{}` is not a number", shown(text))
        } else {
            format!("`{}` is not a number or a name such as {}", shown(text), spec.names[..3].join(", "))
        }
    })?;
    if number < spec.min || number > spec.max {
        return Err(format!("{number} is outside {}–{}", spec.min, spec.max));
    }
    Ok(number)
}

/// At most 20 characters of what was typed, for messages.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i32, month: u8, day: u8, hour: u8, minute: u8) -> Civil {
        Civil { year, month, day, hour, minute }
    }

    fn next(expr: &str, from: Civil) -> Option<Civil> {
        Cron::parse(expr).unwrap().next_match(from)
    }

    #[test]
    fn fields_names_macros_steps_and_ranges() {
        let c = Cron::parse("*/15 9-17/4 1,15 jan-mar MON-fri").unwrap();
        assert_eq!(c.minutes, 1 | 1 << 15 | 1 << 30 | 1 << 45);
        assert_eq!(c.hours, 1 << 9 | 1 << 13 | 1 << 17);
        assert_eq!(c.days, 1 << 1 | 1 << 15);
        assert_eq!(c.months, 0b1110);
        assert_eq!(c.weekdays, 0b0111110);
        assert!(!c.days_star && !c.weekdays_star);
        assert_eq!(Cron::parse("0 0 * * 7").unwrap().weekdays, 1, "7 is Sunday");
        assert_eq!(Cron::parse("0 0 * * 5-7").unwrap().weekdays, 0b1100001);
        assert_eq!(Cron::parse("5/20 * * * *").unwrap().minutes, 1 << 5 | 1 << 25 | 1 << 45);
        // Steps past the field's range keep its first value, as in Vixie cron.
        assert_eq!(Cron::parse("0 0 */100 * *").unwrap().days, 1 << 1);
        assert_eq!(Cron::parse("*/60 * * * *").unwrap().minutes, 1);
        assert_eq!(Cron::parse("10-50/99999999999 * * * *").unwrap().minutes, 1 << 10);
        assert!(Cron::parse("*/+5 * * * *").unwrap_err().contains("not a whole number"));
        assert_eq!(Cron::parse("@daily").unwrap(), Cron::parse("0 0 * * *").unwrap());
        assert_eq!(Cron::parse("@WEEKLY").unwrap(), Cron::parse("0 0 * * sun").unwrap());
        assert_eq!(Cron::parse("@yearly").unwrap(), Cron::parse("0 0 1 jan *").unwrap());
        assert_eq!(Cron::parse("  0\t0 * * *  ").unwrap(), Cron::parse("0 0 * * *").unwrap());
    }

    #[test]
    fn errors_name_the_field() {
        for (expr, needle) in [
            ("", "is empty"),
            ("* * * *", "has 4 fields"),
            ("60 * * * *", "the minute field (`60`): 60 is outside 0–59"),
            ("* 24 * * *", "hour field"),
            ("* * 0 * *", "day of month field"),
            ("* * * 13 *", "month field"),
            ("* * * * 8", "day of week field"),
            ("*/0 * * * *", "step must be at least 1"),
            ("5-1 * * * *", "runs backwards"),
            ("1,,2 * * * *", "empty item"),
            ("* * * foo *", "not a number or a name"),
            ("@reboot", "not a macro"),
            ("0 0 30 2 *", "never runs"),
            ("0 0 31 4,6,9,11 *", "never runs"),
        ] {
            let error = Cron::parse(expr).unwrap_err();
            assert!(error.contains(needle), "{expr}: {error}");
        }
        assert!(Cron::parse("0 0 29 2 *").is_ok(), "leap days exist");
        assert!(Cron::parse("0 0 30 4 *").is_ok() && Cron::parse("0 0 31 12 *").is_ok());
        assert!(Cron::parse("0 0 30 2 1").is_ok(), "either day field: Mondays in February");
    }

    #[test]
    fn vixie_or_of_the_day_fields() {
        // Both restricted: the 13th, or any Friday.
        let c = Cron::parse("0 12 13 * 5").unwrap();
        assert_eq!(c.next_match(at(2026, 11, 27, 13, 0)), Some(at(2026, 12, 4, 12, 0)), "a Friday");
        assert_eq!(c.next_match(at(2026, 12, 5, 0, 0)), Some(at(2026, 12, 11, 12, 0)));
        assert_eq!(c.next_match(at(2026, 12, 12, 0, 0)), Some(at(2026, 12, 13, 12, 0)), "the 13th, a Sunday");
        // A leading `*` makes a field unrestricted: `*/2` days AND Mondays.
        let c = Cron::parse("0 0 */2 * 1").unwrap();
        assert_eq!(c.next_match(at(2026, 11, 27, 0, 0)), Some(at(2026, 12, 7, 0, 0)), "Monday the 7th (odd)");
    }

    #[test]
    fn next_match_jumps_fields() {
        assert_eq!(next("0 0 29 2 *", at(2026, 11, 27, 18, 0)), Some(at(2028, 2, 29, 0, 0)));
        assert_eq!(next("0 0 29 2 *", at(2096, 3, 1, 0, 0)), Some(at(2104, 2, 29, 0, 0)), "2100 is no leap year");
        assert_eq!(next("30 2 * * *", at(2026, 3, 28, 2, 30)), Some(at(2026, 3, 28, 2, 30)), "inclusive");
        assert_eq!(next("30 2 * * *", at(2026, 3, 28, 2, 31)), Some(at(2026, 3, 29, 2, 30)));
        assert_eq!(next("* * * * *", at(2026, 12, 31, 23, 59)), Some(at(2026, 12, 31, 23, 59)));
        assert_eq!(next("0 * * * *", at(2026, 12, 31, 23, 1)), Some(at(2027, 1, 1, 0, 0)));
        assert_eq!(next("0 9 * * 1-5", at(2026, 11, 27, 9, 1)), Some(at(2026, 11, 30, 9, 0)), "Friday to Monday");
        assert_eq!(next("0 0 31 * *", at(2026, 4, 1, 0, 0)), Some(at(2026, 5, 31, 0, 0)), "April has no 31st");
        assert_eq!(next("0 0 1 1 *", at(9999, 1, 1, 0, 1)), None);
    }

    #[test]
    fn next_match_agrees_with_matches() {
        // Every minute of five days around a month's end, for a mix of expressions, walked
        // backwards so `expected` is always the first match at or after the minute.
        for expr in ["*/7 */5 * * *", "0 0 13 * 5", "15 3 1,31 * mon", "* 23 28-31 2,3 *", "59 23 * * 6,0"] {
            let cron = Cron::parse(expr).unwrap();
            let start = at(2028, 2, 27, 0, 0).local_seconds();
            let mut expected = cron.next_match(at(2028, 3, 3, 0, 0));
            let mut seconds = at(2028, 3, 3, 0, 0).local_seconds();
            while seconds > start {
                seconds -= 60;
                let minute = Civil::from_local_seconds_ceil(seconds);
                if cron.matches(minute) {
                    expected = Some(minute);
                }
                assert_eq!(cron.next_match(minute), expected, "{expr} from {minute:?}");
            }
        }
    }

    #[test]
    fn civil_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(weekday(2026, 11, 27), 5, "a Friday");
        assert_eq!(weekday(2000, 1, 1), 6, "a Saturday");
        assert_eq!(at(2026, 3, 29, 2, 30).local_seconds(), 1_774_751_400);
        assert_eq!(Civil::from_local_seconds_ceil(1_774_751_401), at(2026, 3, 29, 2, 31));
        assert_eq!(at(2026, 12, 31, 23, 59).next_minute(), at(2027, 1, 1, 0, 0));
        assert_eq!(unix_to_wall(1_803_909_630, 0), (2027, 3, 1, 14, 0, 30));
        assert_eq!(unix_to_wall(1_803_909_600, -300 * 60), (2027, 3, 1, 9, 0, 0));
        assert_eq!(unix_to_wall(-1, 0), (1969, 12, 31, 23, 59, 59));
    }
}
