//! The schedule form of the UI: text fields as the browser sends them, turned into a
//! [`NewSchedule`] and checked with the same rules as the API. Pure, for both targets:
//! the browser checks as you type, the server checks again on submit.

use super::validate::{check, Field, FieldError, TIMESTAMP_MAX, TIMESTAMP_MIN};
use super::{Config, NewSchedule};
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleForm {
    pub name: String,
    /// `recurring` or `once`.
    pub kind: String,
    /// How many `unit`s between runs (recurring).
    pub every: String,
    /// One of [`UNITS`].
    pub unit: String,
    /// Optional first run of a recurring schedule, `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub first_run: String,
    /// The run of a one-time schedule, `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub run_at: String,
    /// The viewer's offset from UTC in minutes (east positive), filled in by the browser;
    /// empty without JavaScript, when times are read as UTC.
    pub utc_offset_minutes: String,
}

impl ScheduleForm {
    pub fn is_once(&self) -> bool {
        self.kind == "once"
    }

    /// The schedule the form describes, or every problem with it, each on its field.
    pub fn to_schedule(&self) -> Result<NewSchedule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let offset = self.offset().unwrap_or_else(|e| {
            errors.push(e);
            UtcOffset::UTC
        });
        let name = self.name.trim();
        let name = (!name.is_empty()).then(|| name.to_string());
        let mut config = Config::default();
        if self.is_once() {
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
            errors = check(&schedule);
        } else {
            // Rules about fields that did parse still help.
            errors.extend(check(&schedule).into_iter().filter(|e| e.field == Field::Name));
        }
        if errors.is_empty() {
            Ok(schedule)
        } else {
            Err(errors)
        }
    }

    fn period(&self) -> Result<i64, String> {
        let amount: i64 = self.every.trim().parse().map_err(|_| "enter a whole number".to_string())?;
        let (_, _, size) = UNITS.iter().find(|(value, _, _)| *value == self.unit).ok_or("choose a unit")?;
        amount.checked_mul(*size).ok_or_else(|| "that period is too long".to_string())
    }

    fn offset(&self) -> Result<UtcOffset, FieldError> {
        let text = self.utc_offset_minutes.trim();
        if text.is_empty() {
            return Ok(UtcOffset::UTC);
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
        ScheduleForm {
            name: schedule.name.clone().unwrap_or_default(),
            kind: if schedule.once { "once" } else { "recurring" }.to_string(),
            every: (period / size).to_string(),
            unit: unit.to_string(),
            first_run: if schedule.once { String::new() } else { local(schedule.config.timestamp) },
            run_at: if schedule.once { local(schedule.config.timestamp) } else { String::new() },
            utc_offset_minutes: utc_offset_minutes.to_string(),
        }
    }

    /// The form's fields as the browser posts them (`form[name]`, ...), so a page can be
    /// sent back to with what the user typed.
    pub fn to_pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("form[name]", &self.name),
            ("form[kind]", &self.kind),
            ("form[every]", &self.every),
            ("form[unit]", &self.unit),
            ("form[first_run]", &self.first_run),
            ("form[run_at]", &self.run_at),
            ("form[utc_offset_minutes]", &self.utc_offset_minutes),
        ]
    }

    /// The form [`to_pairs`](Self::to_pairs) wrote, when the URL carries one.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        get("form[kind]")?;
        let field = |key: &str| get(key).unwrap_or_default();
        Some(ScheduleForm {
            name: field("form[name]"),
            kind: field("form[kind]"),
            every: field("form[every]"),
            unit: field("form[unit]"),
            first_run: field("form[first_run]"),
            run_at: field("form[run_at]"),
            utc_offset_minutes: field("form[utc_offset_minutes]"),
        })
    }

    /// An empty form for a new schedule: recurring, hourly.
    pub fn blank() -> Self {
        ScheduleForm { kind: "recurring".into(), every: "1".into(), unit: "hours".into(), ..Default::default() }
    }
}

fn field_error(field: Field, message: impl Into<String>) -> FieldError {
    FieldError::form_only(field, message)
}

/// Reads a `datetime-local` value (`YYYY-MM-DDTHH:MM[:SS]`) in the zone `offset` as Unix
/// seconds; empty is `None`.
pub fn parse_local(text: &str, offset: UtcOffset) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parsed = PrimitiveDateTime::parse(text, format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .or_else(|_| {
            PrimitiveDateTime::parse(text, format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"))
        })
        .map_err(|_| "enter a date and time like 2027-03-01T14:00".to_string())?;
    let ts = parsed.assume_offset(offset).unix_timestamp();
    if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&ts) {
        return Err("choose a time between the years 2000 and 9999".into());
    }
    Ok(Some(ts))
}

/// The offset `minutes` east of UTC; `None` where no offset is that large.
fn checked_utc_offset(minutes: i32) -> Option<UtcOffset> {
    minutes.checked_mul(60).and_then(|seconds| UtcOffset::from_whole_seconds(seconds).ok())
}

/// The offset `minutes` east of UTC (UTC where no offset is that large): how the form and
/// the browser hand offsets around.
pub fn utc_offset(minutes: i32) -> UtcOffset {
    checked_utc_offset(minutes).unwrap_or(UtcOffset::UTC)
}

/// Unix seconds as a `datetime-local` value in the zone `utc_offset_minutes`.
pub fn format_local(ts: i64, utc_offset_minutes: i32) -> String {
    let offset = utc_offset(utc_offset_minutes);
    OffsetDateTime::from_unix_timestamp(ts)
        .map(|t| t.to_offset(offset))
        .ok()
        .and_then(|t| t.format(format_description!("[year]-[month]-[day]T[hour]:[minute]")).ok())
        .unwrap_or_default()
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
                config: Config { period: Some(300), timestamp: None }
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
    fn units_round_trip() {
        let s = NewSchedule { name: None, once: false, config: Config { period: Some(7_200), timestamp: None } };
        let form = ScheduleForm::from_schedule(&s, 0);
        assert_eq!((form.every.as_str(), form.unit.as_str()), ("2", "hours"));
        assert_eq!(form.to_schedule().unwrap(), s);
    }
}
