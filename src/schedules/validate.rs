//! The rules a schedule must follow, as pure functions.
//!
//! The same rules are CHECK constraints in `migrations/`, so a bug here cannot store an
//! invalid schedule; this module is where a client learns which rule it broke.

use super::cron::{Cron, CRON_MAX_CHARS};
use super::{zones, Config, Kind, NewSchedule};

pub const NAME_MAX_CHARS: usize = 200;

/// `text` cut to the name's limit (whole characters), without the spaces the cut may
/// leave at its end: a name made from something longer ("Copy of …", a crontab's command).
pub fn cut_to_name_limit(text: &str) -> String {
    text.chars().take(NAME_MAX_CHARS).collect::<String>().trim_end().to_string()
}
pub const SEARCH_MAX_CHARS: usize = 200;
/// One minute: Kragle's documented minimum interval.
pub const PERIOD_MIN: i64 = 60;
/// 366 days.
pub const PERIOD_MAX: i64 = 31_622_400;
/// 2000-01-01T00:00:00Z.
pub const TIMESTAMP_MIN: i64 = 946_684_800;
/// 9999-12-31T23:59:59Z.
pub const TIMESTAMP_MAX: i64 = 253_402_300_799;

pub use crate::field_error::{Field, FieldError};

/// Every rule a whole schedule must satisfy; empty when it is valid.
pub fn check(schedule: &NewSchedule) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(name) = &schedule.name {
        if let Err(problem) = text_problem(name, NAME_MAX_CHARS) {
            errors.push(FieldError::new(Field::Name, problem.api_message("name"), problem.form_message("Name")));
        }
    }
    let config = &schedule.config;
    match schedule.kind() {
        Kind::Once => check_one_time(config, &mut errors),
        Kind::Interval => check_interval(config, &mut errors),
        Kind::Calendar => check_calendar(config, &mut errors),
    }
    errors.extend(super::tags::check(&schedule.tags));
    errors
}

fn check_one_time(config: &Config, errors: &mut Vec<FieldError>) {
    for (present, key, field) in [
        (config.period.is_some(), "period", Field::Period),
        (config.cron.is_some(), "cron", Field::Cron),
        (config.timezone.is_some(), "timezone", Field::Timezone),
        (config.until.is_some(), "until", Field::Until),
    ] {
        if present {
            errors.push(FieldError::new(
                field,
                format!("config.{key} is not allowed for a one-time schedule (once: true)"),
                "A one-time schedule does not repeat",
            ));
        }
    }
    match config.timestamp {
        None => errors.push(FieldError::new(
            Field::Timestamp,
            "config.timestamp is required for a one-time schedule (once: true)",
            "Runs once at: choose the date and time it runs",
        )),
        Some(ts) => check_timestamp(ts, "Runs once at", errors),
    }
}

fn check_interval(config: &Config, errors: &mut Vec<FieldError>) {
    match config.period {
        None => errors.push(FieldError::new(
            Field::Period,
            "config.period is required for a recurring schedule (once: false), unless config.cron makes it a calendar one",
            "Runs every: say how often it runs",
        )),
        Some(p) if !(PERIOD_MIN..=PERIOD_MAX).contains(&p) => errors.push(FieldError::new(
            Field::Period,
            format!("config.period must be between {PERIOD_MIN} and {PERIOD_MAX} seconds (one minute to 366 days)"),
            "Runs every: at least 1 minute, at most 366 days",
        )),
        Some(_) => {}
    }
    if config.timezone.is_some() {
        errors.push(FieldError::new(
            Field::Timezone,
            "config.timezone is only for calendar schedules (with config.cron)",
            "Time zone: only schedules at set times have one",
        ));
    }
    check_window(config, "First run", errors);
}

fn check_calendar(config: &Config, errors: &mut Vec<FieldError>) {
    if config.period.is_some() {
        errors.push(FieldError::new(
            Field::Period,
            "config.period is not allowed with config.cron: a schedule runs every N seconds or at set times, not both",
            "Runs every: a schedule at set times has no period",
        ));
    }
    if let Err(problem) = check_cron(config.cron.as_deref().unwrap_or_default()) {
        errors.push(FieldError::new(
            Field::Cron,
            format!("config.cron {problem}"),
            format!("Cron expression: {problem}"),
        ));
    }
    if let Some(zone) = &config.timezone {
        if let Err(problem) = check_zone(zone) {
            errors.push(FieldError::new(
                Field::Timezone,
                format!("config.timezone {problem}"),
                format!("Time zone: {problem}"),
            ));
        }
    }
    check_window(config, "Starts", errors);
}

/// A cron expression: at most [`CRON_MAX_CHARS`] characters, no control characters, five
/// valid fields (or a macro) that match some date.
pub fn check_cron(text: &str) -> Result<Cron, String> {
    if text.chars().count() > CRON_MAX_CHARS {
        return Err(format!("must be at most {CRON_MAX_CHARS} characters"));
    }
    if text.chars().any(char::is_control) {
        return Err("must be on one line, without tabs or other control characters".into());
    }
    Cron::parse(text)
}

/// A zone name of the IANA database, spelled as it spells it.
pub fn check_zone(name: &str) -> Result<(), String> {
    if zones::is_known(name) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an IANA time zone name (such as Europe/Paris, America/New_York or UTC)",
            name.chars().take(40).collect::<String>()
        ))
    }
}

/// `timestamp` and `until` of a recurring schedule: each in range, `until` after `timestamp`.
fn check_window(config: &Config, start_label: &str, errors: &mut Vec<FieldError>) {
    if let Some(ts) = config.timestamp {
        check_timestamp(ts, start_label, errors);
    }
    if let Some(until) = config.until {
        if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&until) {
            errors.push(FieldError::new(
                Field::Until,
                format!("config.until must be Unix seconds between {TIMESTAMP_MIN} (2000-01-01) and {TIMESTAMP_MAX} (9999-12-31)"),
                "Ends: choose a time between the years 2000 and 9999",
            ));
        } else if config.timestamp.is_some_and(|ts| until <= ts) {
            errors.push(FieldError::new(
                Field::Until,
                "config.until must be after config.timestamp",
                format!("Ends: must be after the {}", start_label.to_ascii_lowercase()),
            ));
        }
    }
}

fn check_timestamp(ts: i64, label: &str, errors: &mut Vec<FieldError>) {
    if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&ts) {
        errors.push(FieldError::new(
            Field::Timestamp,
            format!("config.timestamp must be Unix seconds between {TIMESTAMP_MIN} (2000-01-01) and {TIMESTAMP_MAX} (9999-12-31)"),
            format!("{label}: choose a time between the years 2000 and 9999"),
        ));
    }
}

/// What is wrong with a text: the rule names and searches share.
enum TextProblem {
    TooLong(usize),
    ControlCharacters,
}

impl TextProblem {
    fn api_message(&self, key: &str) -> String {
        match self {
            TextProblem::TooLong(max) => format!("{key} must be at most {max} characters"),
            TextProblem::ControlCharacters => {
                format!("{key} must not contain control characters (such as line breaks or tabs)")
            }
        }
    }

    fn form_message(&self, label: &str) -> String {
        match self {
            TextProblem::TooLong(max) => format!("{label}: at most {max} characters"),
            TextProblem::ControlCharacters => format!("{label}: no line breaks, tabs or other control characters"),
        }
    }
}

fn text_problem(text: &str, max: usize) -> Result<(), TextProblem> {
    if text.chars().count() > max {
        return Err(TextProblem::TooLong(max));
    }
    if text.chars().any(char::is_control) {
        return Err(TextProblem::ControlCharacters);
    }
    Ok(())
}

/// A name is at most 200 characters and has no control characters (the rule [`check`]
/// applies; on its own for readers that must tell a bad name from a bad `config`).
pub fn check_name(name: &str) -> Result<(), String> {
    check_text("name", name, NAME_MAX_CHARS)
}

/// Search text (`q`) is at most 200 characters and has no control characters: PostgreSQL
/// text cannot hold NUL, and no name contains one anyway.
pub fn check_search(q: &str) -> Result<(), String> {
    check_text("q", q, SEARCH_MAX_CHARS)
}

/// The rule names and searches share: at most `max` characters, none of them a control
/// character; the error in the API's words.
fn check_text(what: &str, text: &str, max: usize) -> Result<(), String> {
    text_problem(text, max).map_err(|problem| problem.api_message(what))
}
