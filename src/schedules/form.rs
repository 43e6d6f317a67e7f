//! The schedule form of the UI: text fields as the browser sends them, turned into a
//! [`NewSchedule`] and checked with the same rules as the API. Pure, for both targets:
//! the browser checks as you type; on submit the server reads the fields and the service
//! checks the rules.

use super::cron::{days_from_civil, days_in_month, unix_to_wall};
use super::validate::{check, Field, FieldError, TIMESTAMP_MAX, TIMESTAMP_MIN};
use super::{Config, Kind, NewSchedule};
use serde::{Deserialize, Serialize};

/// Units a period can be entered in, with their length in seconds.
pub const UNITS: [(&str, &str, i64); 4] =
    [("seconds", "seconds", 1), ("minutes", "minutes", 60), ("hours", "hours", 3_600), ("days", "days", 86_400)];

/// Common periods offered as one-click presets: (label, amount, unit).
pub const PRESETS: [(&str, i64, &str); 6] = [
    ("Every minute", 1, "minutes"),
    ("Every 5 minutes", 5, "minutes"),
    ("Every 15 minutes", 15, "minutes"),
    ("Hourly", 1, "hours"),
    ("Daily", 1, "days"),
    ("Weekly", 7, "days"),
];

/// The shapes the calendar builder offers, then the expression typed by hand.
pub const REPEATS: [(&str, &str); 6] = [
    ("daily", "Every day"),
    ("weekdays", "Every weekday (Monday to Friday)"),
    ("weekly", "Weekly, on chosen days"),
    ("monthly", "Monthly, on a day"),
    ("yearly", "Yearly, on a date"),
    ("advanced", "Advanced: a cron expression"),
];

/// The weekdays of the builder, Sunday = 0 as in cron.
pub const WEEKDAYS: [(&str, &str); 7] =
    [("sun", "Sun"), ("mon", "Mon"), ("tue", "Tue"), ("wed", "Wed"), ("thu", "Thu"), ("fri", "Fri"), ("sat", "Sat")];

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleForm {
    pub name: String,
    /// `recurring` (every N), `calendar` (at set times) or `once`.
    pub kind: String,
    /// How many `unit`s between runs (recurring).
    pub every: String,
    /// One of [`UNITS`].
    pub unit: String,
    /// Optional first run of a recurring schedule, `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub first_run: String,
    /// The run of a one-time schedule, `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub run_at: String,
    /// Optional end of a recurring schedule (`until`), `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub ends: String,
    /// Calendar: one of [`REPEATS`].
    pub repeat: String,
    /// Calendar: the time of day, `HH:MM`, in `timezone` (all shapes but `advanced`).
    pub at_time: String,
    /// Calendar, `weekly`: `on` for each day it runs.
    pub sun: String,
    pub mon: String,
    pub tue: String,
    pub wed: String,
    pub thu: String,
    pub fri: String,
    pub sat: String,
    /// Calendar, `monthly` and `yearly`: 1 to 31.
    pub day_of_month: String,
    /// Calendar, `yearly`: 1 to 12.
    pub month: String,
    /// Calendar, `advanced`: the expression as typed.
    pub cron: String,
    /// Calendar: the IANA zone the times are in.
    pub timezone: String,
    /// The viewer's offset from UTC in minutes (east positive), filled in by the browser;
    /// empty without JavaScript, when times are read as UTC.
    pub utc_offset_minutes: String,
}

/// The form's fields, each posted as `form[<field>]`: one list, from which the keys, and the
/// fields in their order, are made for [`ScheduleForm::to_pairs`], [`ScheduleForm::from_pairs`]
/// and [`ScheduleForm::field_mut`].
macro_rules! posted_fields {
    ($($field:ident),* $(,)?) => {
        const FIELD_COUNT: usize = [$(stringify!($field)),*].len();

        impl ScheduleForm {
            const KEYS: [&'static str; FIELD_COUNT] = [$(concat!("form[", stringify!($field), "]")),*];

            fn fields_mut(&mut self) -> [&mut String; FIELD_COUNT] {
                [$(&mut self.$field),*]
            }

            fn values(&self) -> [&str; FIELD_COUNT] {
                [$(&self.$field),*]
            }
        }
    };
}

posted_fields!(
    name,
    kind,
    every,
    unit,
    first_run,
    run_at,
    ends,
    repeat,
    at_time,
    sun,
    mon,
    tue,
    wed,
    thu,
    fri,
    sat,
    day_of_month,
    month,
    cron,
    timezone,
    utc_offset_minutes,
);

impl ScheduleForm {
    pub fn is_once(&self) -> bool {
        self.kind == "once"
    }

    pub fn is_calendar(&self) -> bool {
        self.kind == "calendar"
    }

    fn weekday_fields(&self) -> [&String; 7] {
        [&self.sun, &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat]
    }

    fn weekday_fields_mut(&mut self) -> [&mut String; 7] {
        [&mut self.sun, &mut self.mon, &mut self.tue, &mut self.wed, &mut self.thu, &mut self.fri, &mut self.sat]
    }

    /// Whether the builder's day `index` (Sunday = 0) is ticked.
    pub fn runs_on(&self, index: usize) -> bool {
        self.weekday_fields().get(index).is_some_and(|v| !v.is_empty())
    }

    pub fn set_runs_on(&mut self, index: usize, on: bool) {
        if let Some(field) = self.weekday_fields_mut().into_iter().nth(index) {
            *field = if on { "on".into() } else { String::new() };
        }
    }

    /// The cron expression the calendar fields spell: built from the chosen shape and
    /// time, or the expression typed in `advanced`.
    pub fn cron_expression(&self) -> Result<String, String> {
        if self.repeat == "advanced" {
            return Ok(self.cron.trim().to_string());
        }
        let (hour, minute) = parse_time_of_day(&self.at_time)?;
        let number = |text: &str, max: u32, what: &str| {
            text.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| format!("choose the {what}"))
        };
        Ok(match self.repeat.as_str() {
            "weekdays" => format!("{minute} {hour} * * 1-5"),
            "weekly" => {
                let days: Vec<String> = (0..7).filter(|d| self.runs_on(*d)).map(|d| d.to_string()).collect();
                if days.is_empty() {
                    return Err("choose at least one day".into());
                }
                format!("{minute} {hour} * * {}", days.join(","))
            }
            "monthly" => format!("{minute} {hour} {} * *", number(&self.day_of_month, 31, "day of the month")?),
            "yearly" => format!(
                "{minute} {hour} {} {} *",
                number(&self.day_of_month, 31, "day of the month")?,
                number(&self.month, 12, "month")?
            ),
            _ => format!("{minute} {hour} * * *"),
        })
    }

    /// The schedule the form describes, or every problem with it, each on its field: what
    /// the browser shows as you type.
    pub fn to_schedule(&self) -> Result<NewSchedule, Vec<FieldError>> {
        let schedule = self.read()?;
        let errors = check(&schedule);
        if errors.is_empty() {
            Ok(schedule)
        } else {
            Err(errors)
        }
    }

    /// The schedule the fields spell, before the rules: what the server function hands to
    /// the service, which checks the rules once. A field that cannot be read (not a number,
    /// not a time) is an error here, with the rules about the fields that could be.
    pub fn read(&self) -> Result<NewSchedule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let offset = self.offset().unwrap_or_else(|e| {
            errors.push(e);
            0
        });
        let name = self.name.trim();
        let name = (!name.is_empty()).then(|| name.to_string());
        let mut config = Config::default();
        if !self.is_once() {
            match parse_local(&self.ends, offset) {
                Ok(ends) => config.until = ends,
                Err(message) => errors.push(field_error(Field::Until, format!("Ends: {message}"))),
            }
        }
        if self.is_calendar() {
            match self.cron_expression() {
                Ok(cron) => config.cron = Some(cron),
                Err(message) => errors.push(field_error(Field::Cron, format!("At: {message}"))),
            }
            let zone = self.timezone.trim();
            config.timezone = (!zone.is_empty()).then(|| zone.to_string());
            match parse_local(&self.first_run, offset) {
                Ok(first) => config.timestamp = first,
                Err(message) => errors.push(field_error(Field::Timestamp, format!("Starts: {message}"))),
            }
        } else if self.is_once() {
            match parse_local(&self.run_at, offset) {
                Ok(Some(ts)) => config.timestamp = Some(ts),
                Ok(None) => {
                    errors.push(field_error(Field::Timestamp, "Runs once at: choose the date and time it runs"))
                }
                Err(message) => errors.push(field_error(Field::Timestamp, format!("Runs once at: {message}"))),
            }
        } else {
            match self.period() {
                Ok(period) => config.period = Some(period),
                Err(message) => errors.push(field_error(Field::Period, format!("Runs every: {message}"))),
            }
            match parse_local(&self.first_run, offset) {
                Ok(first) => config.timestamp = first,
                Err(message) => errors.push(field_error(Field::Timestamp, format!("First run: {message}"))),
            }
        }
        let schedule = NewSchedule { name, once: self.is_once(), config };
        if errors.is_empty() {
            return Ok(schedule);
        }
        // Rules about fields that did parse still help.
        errors.extend(check(&schedule).into_iter().filter(|e| matches!(e.field, Field::Name | Field::Timezone)));
        Err(errors)
    }

    fn period(&self) -> Result<i64, String> {
        let amount: i64 = self.every.trim().parse().map_err(|_| "enter a whole number".to_string())?;
        let (_, _, size) = UNITS.iter().find(|(value, _, _)| *value == self.unit).ok_or("choose a unit")?;
        amount.checked_mul(*size).ok_or_else(|| "that period is too long".to_string())
    }

    /// The viewer's offset in minutes east of UTC (0 without JavaScript).
    fn offset(&self) -> Result<i32, FieldError> {
        let text = self.utc_offset_minutes.trim();
        if text.is_empty() {
            return Ok(0);
        }
        text.parse::<i32>()
            .ok()
            .and_then(checked_utc_offset)
            .ok_or_else(|| field_error(Field::Body, "the time zone offset is not valid"))
    }

    /// The form showing `schedule`, with times in the zone `utc_offset_minutes`.
    pub fn from_schedule(schedule: &NewSchedule, utc_offset_minutes: i32) -> Self {
        let period = schedule.config.period.unwrap_or(3_600);
        let (unit, size) = UNITS
            .iter()
            .rev()
            .find(|(_, _, size)| period % size == 0)
            .map(|(value, _, size)| (*value, *size))
            .unwrap_or(("seconds", 1));
        let local = |ts: Option<i64>| ts.map(|ts| format_local(ts, utc_offset_minutes)).unwrap_or_default();
        let kind = match schedule.kind() {
            Kind::Once => "once",
            Kind::Calendar => "calendar",
            Kind::Interval => "recurring",
        };
        let form = ScheduleForm {
            name: schedule.name.clone().unwrap_or_default(),
            kind: kind.to_string(),
            every: (period / size).to_string(),
            unit: unit.to_string(),
            first_run: if schedule.once { String::new() } else { local(schedule.config.timestamp) },
            run_at: if schedule.once { local(schedule.config.timestamp) } else { String::new() },
            ends: local(schedule.config.until),
            timezone: schedule.config.timezone.clone().unwrap_or_default(),
            utc_offset_minutes: utc_offset_minutes.to_string(),
            ..ScheduleForm::blank()
        };
        match &schedule.config.cron {
            Some(cron) => form.with_calendar_fields(cron),
            None => form,
        }
    }

    /// The builder's fields for an expression it can spell exactly (so saving it back
    /// writes the same text), else the expression in the advanced field.
    fn with_calendar_fields(self, cron: &str) -> Self {
        let fields: Vec<&str> = cron.split(' ').collect();
        if let [minute, hour, day, month, weekdays] = fields.as_slice() {
            let at_time = match (minute.parse::<u32>(), hour.parse::<u32>()) {
                (Ok(m), Ok(h)) if m < 60 && h < 24 => format!("{h:02}:{m:02}"),
                _ => String::new(),
            };
            let mut form =
                ScheduleForm { at_time, day_of_month: day.to_string(), month: month.to_string(), ..self.clone() };
            form.repeat = match (*day, *month, *weekdays) {
                ("*", "*", "*") => "daily",
                ("*", "*", "1-5") => "weekdays",
                ("*", "*", list) => {
                    (0..7).for_each(|day| form.set_runs_on(day, false));
                    for day in list.split(',').filter_map(|d| d.parse::<usize>().ok()) {
                        form.set_runs_on(day, true);
                    }
                    "weekly"
                }
                (_, "*", "*") => "monthly",
                (_, _, "*") => "yearly",
                _ => "advanced",
            }
            .to_string();
            if form.repeat != "monthly" && form.repeat != "yearly" {
                form.day_of_month = "1".into();
            }
            if form.repeat != "yearly" {
                form.month = "1".into();
            }
            if form.repeat != "advanced" && form.cron_expression().as_deref() == Ok(cron) {
                return ScheduleForm { cron: cron.to_string(), ..form };
            }
        }
        ScheduleForm { repeat: "advanced".into(), cron: cron.to_string(), ..self }
    }

    /// The field posted as `key` (`form[cron]`), for an input handler that serves many fields.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut String> {
        let index = Self::KEYS.iter().position(|k| *k == key)?;
        self.fields_mut().into_iter().nth(index)
    }

    /// The form's fields as the browser posts them (`form[name]`, ...), so a page can be
    /// sent back to with what the user typed.
    pub fn to_pairs(&self) -> Vec<(&'static str, &str)> {
        Self::KEYS.iter().zip(self.values()).map(|(key, value)| (*key, value)).collect()
    }

    /// The form [`to_pairs`](Self::to_pairs) wrote, when the URL carries one.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        get("form[kind]")?;
        let mut form = ScheduleForm::default();
        for (key, field) in Self::KEYS.iter().zip(form.fields_mut()) {
            *field = get(key).unwrap_or_default();
        }
        Some(form)
    }

    /// An empty form for a new schedule: recurring, hourly; at set times, every day at 09:00
    /// UTC (the editor puts the viewer's zone in once it knows it).
    pub fn blank() -> Self {
        ScheduleForm {
            kind: "recurring".into(),
            every: "1".into(),
            unit: "hours".into(),
            repeat: "daily".into(),
            at_time: "09:00".into(),
            mon: "on".into(),
            day_of_month: "1".into(),
            month: "1".into(),
            timezone: super::zones::DEFAULT_ZONE.into(),
            ..Default::default()
        }
    }
}

/// `HH:MM` (24-hour) as (hour, minute).
fn parse_time_of_day(text: &str) -> Result<(u32, u32), String> {
    let (hour, minute) = text.trim().split_once(':').ok_or("enter a time like 09:00")?;
    match (hour.parse::<u32>(), minute.get(..2).unwrap_or(minute).parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok((h, m)),
        _ => Err("enter a time like 09:00".into()),
    }
}

fn field_error(field: Field, message: impl Into<String>) -> FieldError {
    FieldError::form_only(field, message)
}

/// Reads a `datetime-local` value (`YYYY-MM-DDTHH:MM[:SS]`) in the zone `offset_minutes`
/// east of UTC as Unix seconds; empty is `None`.
pub fn parse_local(text: &str, offset_minutes: i32) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (year, month, day, hour, minute, second) =
        read_local(text).ok_or_else(|| "enter a date and time like 2027-03-01T14:00".to_string())?;
    let ts = days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3_600
        + i64::from(minute) * 60
        + i64::from(second)
        - i64::from(offset_minutes) * 60;
    if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&ts) {
        return Err("choose a time between the years 2000 and 9999".into());
    }
    Ok(Some(ts))
}

/// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, each part in range.
fn read_local(text: &str) -> Option<(i32, u8, u8, u8, u8, u8)> {
    let bytes = text.as_bytes();
    if !matches!(bytes.len(), 16 | 19) || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' || bytes[13] != b':'
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let second = if bytes.len() == 19 {
        if bytes[16] != b':' {
            return None;
        }
        number(17..19)?
    } else {
        0
    };
    let (year, month, day) = (number(0..4)? as i32, number(5..7)? as u8, number(8..10)? as u8);
    let (hour, minute) = (number(11..13)?, number(14..16)?);
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then_some((year, month, day, hour as u8, minute as u8, second as u8))
}

/// The offset `minutes` east of UTC, where one can be that large (up to 25:59).
fn checked_utc_offset(minutes: i32) -> Option<i32> {
    (minutes.abs() < 26 * 60).then_some(minutes)
}

/// The offset `minutes` east of UTC (0 where no offset is that large): how the form and
/// the browser hand offsets around.
pub fn utc_offset(minutes: i32) -> i32 {
    checked_utc_offset(minutes).unwrap_or(0)
}

/// Unix seconds as a `datetime-local` value in the zone `utc_offset_minutes`.
pub fn format_local(ts: i64, utc_offset_minutes: i32) -> String {
    let (year, month, day, hour, minute, _) = unix_to_wall(ts, i64::from(utc_offset(utc_offset_minutes)) * 60);
    if !(1..=9999).contains(&year) {
        return String::new();
    }
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
}

/// The first message about `field`, in the form's words, for showing next to it.
pub fn error_for(errors: &[FieldError], field: Field) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| e.form_message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_form() {
        let form = ScheduleForm {
            name: " Backup ".into(),
            every: "5".into(),
            unit: "minutes".into(),
            ..ScheduleForm::blank()
        };
        let s = form.to_schedule().unwrap();
        assert_eq!(
            s,
            NewSchedule {
                name: Some("Backup".into()),
                once: false,
                config: Config { period: Some(300), timestamp: None, ..Config::default() }
            }
        );
    }

    #[test]
    fn one_time_in_a_zone() {
        let form = ScheduleForm {
            kind: "once".into(),
            run_at: "2027-03-01T15:00".into(),
            utc_offset_minutes: "60".into(),
            ..ScheduleForm::blank()
        };
        assert_eq!(form.to_schedule().unwrap().config.timestamp, Some(1_803_909_600));
        let back = ScheduleForm::from_schedule(&form.to_schedule().unwrap(), 60);
        assert_eq!(back.run_at, "2027-03-01T15:00");
    }

    #[test]
    fn errors_land_on_their_fields() {
        let form = ScheduleForm { every: "30".into(), unit: "seconds".into(), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert!(error_for(&errors, Field::Period).is_some());
        let form = ScheduleForm { every: "x".into(), name: "a\tb".into(), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert!(error_for(&errors, Field::Period).is_some() && error_for(&errors, Field::Name).is_some());
        let form = ScheduleForm { kind: "once".into(), ..ScheduleForm::blank() };
        assert!(error_for(&form.to_schedule().unwrap_err(), Field::Timestamp).is_some());
    }

    #[test]
    fn the_form_speaks_of_its_own_fields() {
        let form = ScheduleForm { every: "30".into(), unit: "seconds".into(), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert_eq!(
            error_for(&errors, Field::Period).as_deref(),
            Some("Runs every: at least 1 minute, at most 366 days")
        );
        // The same rule, checked by the same code, in the API's words.
        assert_eq!(errors[0].message, "config.period must be between 60 and 31622400 seconds (one minute to 366 days)");
        let form = ScheduleForm { name: "a\tb".into(), ..ScheduleForm::blank() };
        assert_eq!(
            error_for(&form.to_schedule().unwrap_err(), Field::Name).as_deref(),
            Some("Name: no line breaks, tabs or other control characters")
        );
        let form = ScheduleForm { kind: "once".into(), ..ScheduleForm::blank() };
        assert_eq!(
            error_for(&form.to_schedule().unwrap_err(), Field::Timestamp).as_deref(),
            Some("Runs once at: choose the date and time it runs")
        );
    }

    #[test]
    fn pairs_round_trip() {
        let form = ScheduleForm {
            name: "a & b".into(),
            kind: "once".into(),
            run_at: "2027-03-01T15:00".into(),
            ..ScheduleForm::blank()
        };
        let pairs: std::collections::HashMap<_, _> =
            form.to_pairs().into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(ScheduleForm::from_pairs(|k| pairs.get(k).cloned()), Some(form));
        assert_eq!(ScheduleForm::from_pairs(|_| None), None);
    }

    #[test]
    fn calendar_builder_spells_expressions() {
        let form = |repeat: &str| ScheduleForm {
            kind: "calendar".into(),
            repeat: repeat.into(),
            at_time: "09:30".into(),
            fri: "on".into(),
            day_of_month: "13".into(),
            month: "2".into(),
            timezone: "Europe/Paris".into(),
            ..ScheduleForm::blank()
        };
        assert_eq!(form("daily").cron_expression().unwrap(), "30 9 * * *");
        assert_eq!(form("weekdays").cron_expression().unwrap(), "30 9 * * 1-5");
        assert_eq!(form("weekly").cron_expression().unwrap(), "30 9 * * 1,5", "Monday is ticked in a blank form");
        assert_eq!(form("monthly").cron_expression().unwrap(), "30 9 13 * *");
        assert_eq!(form("yearly").cron_expression().unwrap(), "30 9 13 2 *");
        let s = form("weekdays").to_schedule().unwrap();
        assert_eq!(
            (s.config.cron.as_deref(), s.config.timezone.as_deref()),
            (Some("30 9 * * 1-5"), Some("Europe/Paris"))
        );
        // Each shape, and an expression the builder cannot spell, come back as they were.
        for cron in [
            "30 9 * * *",
            "30 9 * * 1-5",
            "0 18 * * 0,6",
            "5 0 1 * *",
            "0 0 29 2 *",
            "*/15 9-17 * * 1-5",
            "00 09 * * *",
        ] {
            let schedule = NewSchedule {
                name: None,
                once: false,
                config: Config { cron: Some(cron.into()), timezone: Some("UTC".into()), ..Config::default() },
            };
            let back = ScheduleForm::from_schedule(&schedule, 0);
            assert_eq!(back.kind, "calendar");
            assert_eq!(back.to_schedule().unwrap().config.cron.as_deref(), Some(cron), "{cron} via {}", back.repeat);
        }
        assert_eq!(
            ScheduleForm::from_schedule(
                &NewSchedule {
                    config: Config { cron: Some("*/15 9-17 * * 1-5".into()), ..Config::default() },
                    ..Default::default()
                },
                0
            )
            .repeat,
            "advanced"
        );
    }

    #[test]
    fn calendar_form_errors_land_on_their_fields() {
        let base = ScheduleForm { kind: "calendar".into(), ..ScheduleForm::blank() };
        let weekly_without_days =
            ScheduleForm { repeat: "weekly".into(), mon: String::new(), ..base.clone() }.to_schedule().unwrap_err();
        assert_eq!(error_for(&weekly_without_days, Field::Cron).as_deref(), Some("At: choose at least one day"));
        let bad_time = ScheduleForm { at_time: "25:00".into(), ..base.clone() }.to_schedule().unwrap_err();
        assert!(error_for(&bad_time, Field::Cron).is_some());
        let advanced = ScheduleForm { repeat: "advanced".into(), cron: "0 0 30 2 *".into(), ..base.clone() };
        assert!(error_for(&advanced.to_schedule().unwrap_err(), Field::Cron).unwrap().contains("never runs"));
        let zone = ScheduleForm { timezone: "Europe/Pariss".into(), ..base.clone() }.to_schedule().unwrap_err();
        assert!(error_for(&zone, Field::Timezone).unwrap().starts_with("Time zone:"));
        let ends_first = ScheduleForm { first_run: "2027-03-01T10:00".into(), ends: "2027-03-01T09:00".into(), ..base };
        assert!(error_for(&ends_first.to_schedule().unwrap_err(), Field::Until).is_some());
    }

    #[test]
    fn local_times_read_and_write() {
        assert_eq!(parse_local("2027-03-01T14:00", 60), Ok(Some(1_803_906_000)));
        assert_eq!(parse_local(" 2027-03-01T14:00:30 ", 0), Ok(Some(1_803_909_630)));
        assert_eq!(parse_local("2028-02-29T00:00", 0), Ok(Some(1_835_395_200)));
        assert_eq!(parse_local("", 0), Ok(None));
        for bad in [
            "2027-02-29T10:00",
            "2027-13-01T10:00",
            "2027-03-01T24:00",
            "2027-03-01 14:00",
            "27-03-01T14:00",
            "2027-03-01T14:0x",
        ] {
            assert_eq!(parse_local(bad, 0), Err("enter a date and time like 2027-03-01T14:00".to_string()), "{bad}");
        }
        assert_eq!(
            parse_local("1999-12-31T23:59", 0),
            Err("choose a time between the years 2000 and 9999".to_string())
        );
        assert_eq!(format_local(1_803_906_000, 60), "2027-03-01T14:00");
        assert_eq!(format_local(1_803_906_000, -330), "2027-03-01T07:30");
        assert_eq!(utc_offset(26 * 60), 0, "no zone is that far from UTC");
    }

    #[test]
    fn units_round_trip() {
        let s = NewSchedule {
            name: None,
            once: false,
            config: Config { period: Some(7_200), timestamp: None, ..Config::default() },
        };
        let form = ScheduleForm::from_schedule(&s, 0);
        assert_eq!((form.every.as_str(), form.unit.as_str()), ("2", "hours"));
        assert_eq!(form.to_schedule().unwrap(), s);
    }
}
