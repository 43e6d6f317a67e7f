//! Reading API requests: JSON bodies (64 KiB at most, strict about duplicate keys), the
//! inline-auth envelope, path ids and the authenticated-caller extractors.

use crate::auth::request::{client_address, header_caller};
use crate::auth::service::{self, AuthVia, Caller};
use crate::auth::{Credentials, Login};
use crate::error::AppError;
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::{header, request::Parts};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

pub const BODY_LIMIT: usize = 64 * 1024;

/// The JSON body of a request, `None` when it is empty.
pub async fn read_json(parts: &Parts, body: Body) -> Result<Option<Value>, AppError> {
    let declared =
        parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > BODY_LIMIT as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|e| {
        if std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) {
            AppError::PayloadTooLarge
        } else {
            AppError::BadJson("the request body could not be read".into())
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    if let Some(content_type) = parts.headers.get(header::CONTENT_TYPE) {
        if !is_json_media_type(content_type.to_str().unwrap_or("")) {
            return Err(AppError::NotJson);
        }
    }
    parse_json(&bytes).map(Some)
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

/// Login credentials: `password` and `username` or `email` (the username wins if both).
pub fn parse_credentials(value: Option<&Value>, what: &str) -> Result<Credentials, AppError> {
    let invalid =
        || AppError::InvalidPayload(format!("{what} must be an object with `password` and `username` or `email`"));
    let object = value.and_then(Value::as_object).ok_or_else(invalid)?;
    if let Some(key) = object.keys().find(|k| !matches!(k.as_str(), "username" | "email" | "password")) {
        let shown: String = key.chars().take(40).collect();
        return Err(AppError::InvalidPayload(format!("unknown key `{shown}` in {what}")));
    }
    let text = |key: &str| match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(AppError::InvalidPayload(format!("{key} must be a string"))),
    };
    // A name with a control character names nobody, and NUL cannot even reach PostgreSQL.
    for key in ["username", "email"] {
        if object.get(key).and_then(Value::as_str).is_some_and(|s| s.chars().any(char::is_control)) {
            return Err(AppError::InvalidPayload(format!("{key} must not contain control characters")));
        }
    }
    let login = match (text("username")?, text("email")?) {
        (Some(username), _) => Login::Username(username),
        (None, Some(email)) => Login::Email(email),
        (None, None) => return Err(invalid()),
    };
    let password = text("password")?.ok_or_else(invalid)?;
    Ok(Credentials { login, password })
}

/// Splits the Kragle.io inline-auth envelope `{"auth": {...}, "payload": ...}` into its
/// credentials and payload; any other body is all payload.
pub fn split_envelope(body: Option<Value>) -> Result<(Option<Credentials>, Option<Value>), AppError> {
    match body {
        Some(Value::Object(mut object)) if object.contains_key("auth") => {
            if object.keys().any(|k| k != "auth" && k != "payload") {
                return Err(AppError::InvalidPayload(
                    "a body with inline `auth` may only have the keys `auth` and `payload`".into(),
                ));
            }
            let credentials = parse_credentials(object.get("auth"), "auth")?;
            Ok((Some(credentials), object.remove("payload")))
        }
        other => Ok((None, other)),
    }
}

/// An authenticated request: by inline credentials, bearer token or session cookie (code
/// 23 when none, code 3 when inline credentials are wrong), with its JSON payload.
pub struct Authed {
    pub caller: Caller,
    pub payload: Option<Value>,
}

impl FromRequest<AppState> for Authed {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let (parts, body) = request.into_parts();
        let body = read_json(&parts, body).await?;
        let (credentials, payload) = split_envelope(body)?;
        let caller = match credentials {
            Some(credentials) => {
                let user = service::login(state, &credentials, &client_address(state, &parts)).await?;
                Caller { user, via: AuthVia::Inline }
            }
            None => header_caller(state, &parts).await?.ok_or(AppError::AuthRequired)?,
        };
        Ok(Authed { caller, payload })
    }
}

/// A positive integer id from the path (code 1 otherwise).
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let bad = || AppError::BadQuery("the id in the path must be a positive integer".into());
        let Path(text) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| bad())?;
        text.parse::<i64>().ok().filter(|id| *id > 0).map(PathId).ok_or_else(bad)
    }
}

/// Query-string pairs, decoded leniently; the last of repeated names wins.
pub fn query_pairs(raw: Option<&str>) -> std::collections::HashMap<String, String> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes()).into_owned().collect()
}

/// A query-string boolean: `0` / `1` (and, for convenience, `false` / `true`).
pub fn query_bool(value: &str, name: &str) -> Result<bool, AppError> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(AppError::BadQuery(format!("{name} must be 0 or 1"))),
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

    #[test]
    fn envelope() {
        let body = serde_json::json!({"auth": {"email": "a@b.c", "password": "pw"}, "payload": {"x": 1}});
        let (credentials, payload) = split_envelope(Some(body)).unwrap();
        assert_eq!(credentials.unwrap().login, Login::Email("a@b.c".into()));
        assert_eq!(payload, Some(serde_json::json!({"x": 1})));
        let both = serde_json::json!({"auth": {"username": "u", "email": "a@b.c", "password": "pw"}});
        assert_eq!(split_envelope(Some(both)).unwrap().0.unwrap().login, Login::Username("u".into()));
        assert!(split_envelope(Some(serde_json::json!({"auth": {}, "config": {}}))).is_err());
    }
}
