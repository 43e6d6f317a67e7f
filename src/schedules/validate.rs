//! The rules a schedule must follow, as pure functions.
//!
//! The same rules are CHECK constraints in `migrations/`, so a bug here cannot store an
//! invalid schedule; this module is where a client learns which rule it broke.

use super::{Config, NewSchedule, ScheduleUpdate};
use crate::error::AppError;
use serde_json::{Map, Value};

pub const NAME_MAX_CHARS: usize = 200;
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

/// Joins rule violations into the one message of an error: code 26 (invalid `config`) when
/// every violation is inside `config`, else code 4.
pub fn to_app_error(errors: Vec<FieldError>) -> AppError {
    let all_config = errors.iter().all(|e| e.field.is_config());
    let message = errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("; ");
    if all_config {
        AppError::InvalidConfig(message)
    } else {
        AppError::InvalidPayload(message)
    }
}

/// Every rule a whole schedule must satisfy; empty when it is valid.
pub fn check(schedule: &NewSchedule) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(name) = &schedule.name {
        if let Err(problem) = text_problem(name, NAME_MAX_CHARS) {
            errors.push(FieldError::new(Field::Name, problem.api_message("name"), problem.form_message("Name")));
        }
    }
    let Config { period, timestamp } = schedule.config;
    if schedule.once {
        if period.is_some() {
            errors.push(FieldError::new(
                Field::Period,
                "config.period is not allowed for a one-time schedule (once: true)",
                "Runs every: a one-time schedule does not repeat",
            ));
        }
        match timestamp {
            None => errors.push(FieldError::new(
                Field::Timestamp,
                "config.timestamp is required for a one-time schedule (once: true)",
                "Runs once at: choose the date and time it runs",
            )),
            Some(ts) => check_timestamp(ts, "Runs once at", &mut errors),
        }
    } else {
        match period {
            None => errors.push(FieldError::new(
                Field::Period,
                "config.period is required for a recurring schedule (once: false)",
                "Runs every: say how often it runs",
            )),
            Some(p) if !(PERIOD_MIN..=PERIOD_MAX).contains(&p) => errors.push(FieldError::new(
                Field::Period,
                format!("config.period must be between {PERIOD_MIN} and {PERIOD_MAX} seconds (one minute to 366 days)"),
                "Runs every: at least 1 minute, at most 366 days",
            )),
            Some(_) => {}
        }
        if let Some(ts) = timestamp {
            check_timestamp(ts, "First run", &mut errors);
        }
    }
    errors
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

/// A name is at most 200 characters and has no control characters.
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

/// Reads a POST body: `config` required, `name` and `once` optional, nothing else; then
/// checks the rules.
pub fn parse_new(body: &Value) -> Result<NewSchedule, AppError> {
    let fields = parse_fields(body)?;
    let Some(config) = fields.config else {
        return Err(AppError::InvalidPayload("config is required".into()));
    };
    let schedule = NewSchedule { name: fields.name.flatten(), once: fields.once.unwrap_or(false), config };
    let errors = check(&schedule);
    if errors.is_empty() {
        Ok(schedule)
    } else {
        Err(to_app_error(errors))
    }
}

/// Reads a PUT body: any of `config`, `name`, `once`. The rules apply to the schedule that
/// results, so they are checked after [`ScheduleUpdate::apply_to`].
pub fn parse_update(body: &Value) -> Result<ScheduleUpdate, AppError> {
    parse_fields(body)
}

fn parse_fields(body: &Value) -> Result<ScheduleUpdate, AppError> {
    let object = body.as_object().ok_or_else(|| AppError::InvalidPayload("the body must be a JSON object".into()))?;
    reject_unknown_keys(object, &["config", "name", "once"], "").map_err(AppError::InvalidPayload)?;
    let name = match object.get("name") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(name)) => {
            check_name(name).map_err(AppError::InvalidPayload)?;
            Some(Some(name.clone()))
        }
        Some(_) => return Err(AppError::InvalidPayload("name must be a string or null".into())),
    };
    let once = match object.get("once") {
        None => None,
        Some(Value::Bool(once)) => Some(*once),
        Some(_) => return Err(AppError::InvalidPayload("once must be true or false".into())),
    };
    let config = object.get("config").map(parse_config).transpose()?;
    Ok(ScheduleUpdate { name, once, config })
}

fn parse_config(value: &Value) -> Result<Config, AppError> {
    let object = value.as_object().ok_or_else(|| AppError::InvalidConfig("config must be an object".into()))?;
    reject_unknown_keys(object, &["period", "timestamp"], "config.").map_err(AppError::InvalidConfig)?;
    Ok(Config {
        period: object.get("period").map(|v| integer(v, "config.period")).transpose()?,
        timestamp: object.get("timestamp").map(|v| integer(v, "config.timestamp")).transpose()?,
    })
}

fn integer(value: &Value, key: &str) -> Result<i64, AppError> {
    json_integer(value).ok_or_else(|| AppError::InvalidConfig(format!("{key} must be an integer within 64 bits")))
}

/// An integer as JSON Schema counts them, so what the OpenAPI document calls an integer is
/// accepted: `60` and `60.0` alike (but not `60.5`), within 64 bits.
pub fn json_integer(value: &Value) -> Option<i64> {
    const LIMIT: f64 = 9.2e18; // inside the i64 range: an integral f64 there converts exactly
    value.as_i64().or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < LIMIT).map(|f| f as i64))
}

/// Refuses an object with a key outside `allowed`, naming it (`prefix` says where it sits:
/// `config.`, `auth.`) and the keys that are allowed. Every closed JSON object of the API is
/// checked by this one function.
pub fn reject_unknown_keys(object: &Map<String, Value>, allowed: &[&str], prefix: &str) -> Result<(), String> {
    match object.keys().find(|k| !allowed.contains(&k.as_str())) {
        None => Ok(()),
        Some(key) => {
            let shown: String = key.chars().take(40).collect();
            Err(format!(
                "unknown key `{prefix}{shown}`; allowed keys are {}",
                allowed.iter().map(|k| format!("{prefix}{k}")).collect::<Vec<_>>().join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn new(body: Value) -> Result<NewSchedule, AppError> {
        parse_new(&body)
    }

    #[test]
    fn recurring_with_period_is_valid() {
        let s = new(json!({"name": "five", "config": {"period": 300}})).unwrap();
        assert_eq!(
            s,
            NewSchedule {
                name: Some("five".into()),
                once: false,
                config: Config { period: Some(300), timestamp: None }
            }
        );
    }

    #[test]
    fn period_bounds() {
        assert!(new(json!({"config": {"period": 59}})).is_err());
        assert!(new(json!({"config": {"period": 60}})).is_ok());
        assert!(new(json!({"config": {"period": 31_622_400}})).is_ok());
        assert!(new(json!({"config": {"period": 31_622_401}})).is_err());
    }

    #[test]
    fn one_time_needs_timestamp_and_no_period() {
        assert!(new(json!({"once": true, "config": {"timestamp": 1_900_000_000}})).is_ok());
        assert!(new(json!({"once": true, "config": {}})).is_err());
        assert!(new(json!({"once": true, "config": {"timestamp": 1_900_000_000, "period": 60}})).is_err());
        assert!(new(json!({"once": true, "config": {"timestamp": TIMESTAMP_MIN - 1}})).is_err());
        assert!(new(json!({"once": true, "config": {"timestamp": TIMESTAMP_MAX + 1}})).is_err());
    }

    #[test]
    fn payload_shapes_are_strict() {
        for body in [
            json!([]),
            json!("config"),
            json!({"config": {"period": 60}, "colour": "red"}),
            json!({"config": {"period": 60}, "once": "no"}),
            json!({"config": {"period": 60}, "once": null}),
            json!({"config": {"period": 60}, "name": 5}),
            json!({"config": {"period": 60}, "name": "a\nb"}),
            json!({"name": "no config"}),
        ] {
            let err = new(body.clone()).unwrap_err();
            assert_eq!(err.code(), 4, "{body}");
        }
    }

    #[test]
    fn config_problems_are_code_26() {
        for body in [
            json!({"config": null}),
            json!({"config": [60]}),
            json!({"config": {}}),
            json!({"config": {"period": 60, "every": 1}}),
            json!({"config": {"period": 60.5}}),
            json!({"config": {"period": "60"}}),
            json!({"config": {"period": 18_446_744_073_709_551_615u64}}),
            json!({"config": {"period": 59}}),
            json!({"config": {"period": 60, "timestamp": TIMESTAMP_MAX + 1}}),
            json!({"once": true, "config": {}}),
            json!({"once": true, "config": {"timestamp": 1_900_000_000, "period": 60}}),
        ] {
            let err = new(body.clone()).unwrap_err();
            assert_eq!((err.code(), err.status()), (26, 422), "{body}");
        }
    }

    #[test]
    fn names() {
        assert!(new(json!({"name": null, "config": {"period": 60}})).is_ok());
        assert!(new(json!({"name": "é".repeat(200), "config": {"period": 60}})).is_ok());
        assert!(new(json!({"name": "é".repeat(201), "config": {"period": 60}})).is_err());
        assert!(new(json!({"name": "a\nb", "config": {"period": 60}})).is_err());
        assert!(new(json!({"name": "a\u{85}b", "config": {"period": 60}})).is_err());
    }

    #[test]
    fn update_merges_then_checks() {
        let current =
            NewSchedule { name: Some("a".into()), once: false, config: Config { period: Some(60), timestamp: None } };
        let only_name = parse_update(&json!({"name": "b"})).unwrap();
        let merged = only_name.apply_to(&current);
        assert_eq!(merged.config, current.config);
        assert_eq!(merged.name.as_deref(), Some("b"));
        let to_once = parse_update(&json!({"once": true})).unwrap().apply_to(&current);
        assert_eq!(to_app_error(check(&to_once)).code(), 26, "a one-time schedule with a period has an invalid config");
        let bad_name = NewSchedule { name: Some("a\tb".into()), ..to_once };
        assert_eq!(to_app_error(check(&bad_name)).code(), 4, "a problem outside config makes it code 4");
    }
}
