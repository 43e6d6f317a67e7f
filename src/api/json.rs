//! Reading a request's JSON body: 64 KiB at most, sent as JSON, and strict about
//! duplicate keys; and the helpers every body reader shares (integers, closed objects).

use crate::error::AppError;
use axum::body::Body;
use axum::http::{header, request::Parts};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

pub const BODY_LIMIT: usize = 64 * 1024;

/// The JSON body of a request, `None` when it is empty.
pub async fn read_json(parts: &Parts, body: Body) -> Result<Option<Value>, AppError> {
    let bytes = read_limited(parts, body, BODY_LIMIT).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    if let Some(content_type) = parts.headers.get(header::CONTENT_TYPE) {
        if !is_json_media_type(content_type.to_str().unwrap_or("")) {
            return Err(AppError::not_json());
        }
    }
    parse_json(&bytes).map(Some)
}

/// A request's body, at most `limit` bytes (code 4, HTTP 413, past it: told by the declared
/// length before anything is read).
pub async fn read_limited(parts: &Parts, body: Body, limit: usize) -> Result<axum::body::Bytes, AppError> {
    let declared =
        parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(AppError::PayloadTooLarge(limit));
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        if std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) {
            AppError::PayloadTooLarge(limit)
        } else {
            AppError::BadJson("the request body could not be read".into())
        }
    })
}

fn is_json_media_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Parses JSON, refusing duplicate keys: `{"period": 60, "period": 0}` has no one meaning.
pub fn parse_json(bytes: &[u8]) -> Result<Value, AppError> {
    serde_json::from_slice::<StrictValue>(bytes)
        .map(|v| v.0)
        .map_err(|e| AppError::BadJson(format!("the request body is not valid JSON: {e}")))
}

struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictValue(value) = map.next_value()?;
            if object.insert(key.clone(), value).is_some() {
                let shown: String = key.chars().take(40).collect();
                return Err(de::Error::custom(format!("duplicate key `{shown}`")));
            }
        }
        Ok(Value::Object(object))
    }
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

    #[test]
    fn duplicate_keys_are_refused_at_any_depth() {
        assert!(parse_json(br#"{"a": 1, "a": 2}"#).is_err());
        assert!(parse_json(br#"{"c": {"period": 60, "period": 0}}"#).is_err());
        assert_eq!(parse_json(br#"{"a": [1, {"b": null}]}"#).unwrap(), serde_json::json!({"a": [1, {"b": null}]}));
    }

    #[test]
    fn deep_nesting_and_bad_utf8_are_json_errors() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse_json(deep.as_bytes()).unwrap_err().code(), 2);
        assert_eq!(parse_json(b"{\"name\": \"\xff\"}").unwrap_err().code(), 2);
    }

    #[test]
    fn json_media_types() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type("application/json; charset=utf-8"));
        assert!(is_json_media_type("application/merge-patch+json"));
        assert!(!is_json_media_type("text/plain"));
        assert!(!is_json_media_type("application/x-www-form-urlencoded"));
    }
}
