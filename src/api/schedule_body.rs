//! Reading the schedule bodies of POST and PUT: their shape only (which keys, of which JSON
//! types). The rules a schedule must follow are checked once, by the service, on the
//! schedule that results; see [`crate::schedules::validate`].
//!
//! Walked by hand over the strict [`Value`] rather than derived with serde, because where a
//! problem sits decides its code (inside `config`: 26, outside: 4), `name: null` differs
//! from no `name`, and an integer is what JSON Schema calls one (`60.0` too).

use super::json::{json_integer, reject_unknown_keys};
use crate::error::AppError;
use crate::schedules::validate::check_name;
use crate::schedules::{Config, NewSchedule, ScheduleUpdate};
use serde_json::Value;

/// Reads a POST body: `config` required, `name`, `once` and `tags` optional, nothing else.
pub fn parse_new(body: &Value) -> Result<NewSchedule, AppError> {
    let fields = parse_fields(body)?;
    let Some(config) = fields.config else {
        return Err(AppError::InvalidPayload("config is required".into()));
    };
    Ok(NewSchedule {
        name: fields.name.flatten(),
        once: fields.once.unwrap_or(false),
        config,
        tags: fields.tags.unwrap_or_default(),
    })
}

/// Reads a PUT body: any of `config`, `name`, `once`, `tags`.
pub fn parse_update(body: &Value) -> Result<ScheduleUpdate, AppError> {
    parse_fields(body)
}

fn parse_fields(body: &Value) -> Result<ScheduleUpdate, AppError> {
    let object = body.as_object().ok_or_else(|| AppError::InvalidPayload("the body must be a JSON object".into()))?;
    reject_unknown_keys(object, &["config", "name", "once", "tags"], "").map_err(AppError::InvalidPayload)?;
    let name = match object.get("name") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(name)) => Some(Some(name.clone())),
        Some(_) => return Err(AppError::InvalidPayload("name must be a string or null".into())),
    };
    let once = match object.get("once") {
        None => None,
        Some(Value::Bool(once)) => Some(*once),
        Some(_) => return Err(AppError::InvalidPayload("once must be true or false".into())),
    };
    let tags = object.get("tags").map(parse_tags).transpose()?;
    let config = match object.get("config").map(parse_config).transpose() {
        Ok(config) => config,
        // A broken rule outside `config` makes the answer code 4, as it does when the
        // service finds both: so a bad name beside an unreadable config is still code 4.
        Err(config_error) => match &name {
            Some(Some(name)) => return Err(check_name(name).err().map_or(config_error, AppError::InvalidPayload)),
            _ => return Err(config_error),
        },
    };
    Ok(ScheduleUpdate { name, once, config, tags })
}

/// `tags`: an array of strings (whether they are tags is a rule, checked by the service).
fn parse_tags(value: &Value) -> Result<Vec<String>, AppError> {
    let not_strings = || AppError::InvalidPayload("tags must be an array of strings".into());
    let items = value.as_array().ok_or_else(not_strings)?;
    items.iter().map(|item| item.as_str().map(String::from).ok_or_else(not_strings)).collect()
}

fn parse_config(value: &Value) -> Result<Config, AppError> {
    let object = value.as_object().ok_or_else(|| AppError::InvalidConfig("config must be an object".into()))?;
    reject_unknown_keys(object, &["period", "timestamp", "cron", "timezone", "until"], "config.")
        .map_err(AppError::InvalidConfig)?;
    Ok(Config {
        period: object.get("period").map(|v| integer(v, "config.period")).transpose()?,
        timestamp: object.get("timestamp").map(|v| integer(v, "config.timestamp")).transpose()?,
        cron: object.get("cron").map(|v| string(v, "config.cron")).transpose()?,
        timezone: object.get("timezone").map(|v| string(v, "config.timezone")).transpose()?,
        until: object.get("until").map(|v| integer(v, "config.until")).transpose()?,
    })
}

fn string(value: &Value, key: &str) -> Result<String, AppError> {
    value.as_str().map(String::from).ok_or_else(|| AppError::InvalidConfig(format!("{key} must be a string")))
}

fn integer(value: &Value, key: &str) -> Result<i64, AppError> {
    json_integer(value).ok_or_else(|| AppError::InvalidConfig(format!("{key} must be an integer within 64 bits")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::validate::{check, TIMESTAMP_MAX, TIMESTAMP_MIN};
    use serde_json::json;

    /// What a POST goes through: the shape here, then the rules in the service.
    fn new(body: Value) -> Result<NewSchedule, AppError> {
        let schedule = parse_new(&body)?;
        let mut errors = check(&schedule);
        errors.extend(crate::schedules::tags::check(&schedule.tags));
        if errors.is_empty() {
            Ok(schedule)
        } else {
            Err(AppError::InvalidFields(errors))
        }
    }

    #[test]
    fn recurring_with_period_is_valid() {
        let s = new(json!({"name": "five", "config": {"period": 300}})).unwrap();
        assert_eq!(
            s,
            NewSchedule {
                name: Some("five".into()),
                once: false,
                config: Config { period: Some(300), ..Config::default() },
                tags: vec![],
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
    fn calendar_config() {
        let s = new(json!({"config": {"cron": "0 9 * * 1-5", "timezone": "Europe/Paris", "until": 1_900_000_000}}))
            .unwrap();
        assert_eq!(s.config.cron.as_deref(), Some("0 9 * * 1-5"));
        assert_eq!(s.config.timezone.as_deref(), Some("Europe/Paris"));
        assert!(new(json!({"config": {"cron": "@daily"}})).is_ok());
        assert!(new(json!({"config": {"period": 60, "until": 1_900_000_000}})).is_ok(), "until on an interval");
        for body in [
            json!({"config": {"cron": 5}}),
            json!({"config": {"cron": "0 0 30 2 *"}}),
            json!({"config": {"cron": "61 * * * *"}}),
            json!({"config": {"cron": "0 9 * * *", "period": 60}}),
            json!({"config": {"cron": "0 9 * * *", "timezone": "Europe/Pariss"}}),
            json!({"config": {"cron": "0 9 * * *", "timezone": 1}}),
            json!({"config": {"cron": "0 9 * * *", "timestamp": 1_900_000_000, "until": 1_900_000_000}}),
            json!({"config": {"cron": "x".repeat(201)}}),
            json!({"config": {"period": 60, "timezone": "UTC"}}),
            json!({"config": {"period": 60, "until": TIMESTAMP_MAX + 1}}),
            json!({"once": true, "config": {"timestamp": 1_900_000_000, "cron": "0 9 * * *"}}),
            json!({"once": true, "config": {"timestamp": 1_900_000_000, "until": 1_900_000_100}}),
        ] {
            let err = new(body.clone()).unwrap_err();
            assert_eq!((err.code(), err.status()), (26, 422), "{body}");
        }
    }

    #[test]
    fn tags_are_an_array_of_strings_and_follow_the_rules() {
        let s = new(json!({"config": {"period": 60}, "tags": ["Ops", "team:eu"]})).unwrap();
        assert_eq!(s.normalised().tags, vec!["ops", "team:eu"]);
        assert!(new(json!({"config": {"period": 60}, "tags": []})).unwrap().tags.is_empty());
        for body in [
            json!({"config": {"period": 60}, "tags": "ops"}),
            json!({"config": {"period": 60}, "tags": [1]}),
            json!({"config": {"period": 60}, "tags": null}),
            json!({"config": {"period": 60}, "tags": ["two words"]}),
            json!({"config": {"period": 60}, "tags": ["ops", "OPS"]}),
            json!({"config": {"period": 59}, "tags": ["bad tag"]}),
        ] {
            let err = new(body.clone()).unwrap_err();
            assert_eq!((err.code(), err.status()), (4, 422), "{body}");
        }
        let err = new(json!({"config": {"period": 60}, "tags": ["fine", "not fine"]})).unwrap_err();
        assert!(err.to_string().contains("`not fine`"), "the message names the tag: {err}");
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
        let current = NewSchedule {
            name: Some("a".into()),
            once: false,
            config: Config { period: Some(60), ..Config::default() },
            tags: vec!["ops".into()],
        };
        let only_name = parse_update(&json!({"name": "b"})).unwrap();
        let merged = only_name.apply_to(&current);
        assert_eq!(merged.config, current.config);
        assert_eq!(merged.name.as_deref(), Some("b"));
        assert_eq!(merged.tags, current.tags, "tags not sent stay");
        let cleared = parse_update(&json!({"tags": []})).unwrap().apply_to(&current);
        assert!(cleared.tags.is_empty(), "[] clears them");
        let replaced = parse_update(&json!({"tags": ["Billing", "eu"]})).unwrap().apply_to(&current);
        assert_eq!(replaced.normalised().tags, vec!["billing", "eu"], "sent tags replace the set");
        let to_once = parse_update(&json!({"once": true})).unwrap().apply_to(&current);
        assert_eq!(
            AppError::InvalidFields(check(&to_once)).code(),
            26,
            "a one-time schedule with a period has an invalid config"
        );
        let bad_name = NewSchedule { name: Some("a\tb".into()), ..to_once };
        assert_eq!(AppError::InvalidFields(check(&bad_name)).code(), 4, "a problem outside config makes it code 4");
    }
}
