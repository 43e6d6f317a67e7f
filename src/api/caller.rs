//! Who is calling: inline credentials (the Kragle.io envelope), else the bearer token or
//! session cookie, as the `Authed` extractor of every authenticated route.

use super::json::read_json;
use super::json::reject_unknown_keys;
use crate::auth::request::{client_address, RequiredCaller};
use crate::auth::service::{self, Caller};
use crate::auth::{Credentials, Login};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use serde_json::Value;

/// Login credentials: `password` and `username` or `email` (the username wins if both).
/// `what` names the object in messages; `key_prefix` is where its keys sit (`auth.`).
pub fn parse_credentials(value: Option<&Value>, what: &str, key_prefix: &str) -> Result<Credentials, AppError> {
    let invalid =
        || AppError::InvalidPayload(format!("{what} must be an object with `password` and `username` or `email`"));
    let object = value.and_then(Value::as_object).ok_or_else(invalid)?;
    reject_unknown_keys(object, &["username", "email", "password"], key_prefix).map_err(AppError::InvalidPayload)?;
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
            reject_unknown_keys(&object, &["auth", "payload"], "").map_err(AppError::InvalidPayload)?;
            let credentials = parse_credentials(object.get("auth"), "auth", "auth.")?;
            Ok((Some(credentials), object.remove("payload")))
        }
        other => Ok((None, other)),
    }
}

/// An authenticated request: by inline credentials, bearer token or session cookie (code
/// 100 when none, code 3 when inline credentials are wrong), with its JSON payload.
pub struct Authed {
    pub caller: Caller,
    pub payload: Option<Value>,
}

impl FromRequest<AppState> for Authed {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = request.into_parts();
        let body = read_json(&parts, body).await?;
        let (credentials, payload) = split_envelope(body)?;
        let caller = match credentials {
            Some(credentials) => {
                let user = service::login(state.auth(), &credentials, &client_address(state, &parts)).await?;
                Caller { user, via: crate::auth::Via::Inline }
            }
            None => RequiredCaller::from_request_parts(&mut parts, state).await?.0,
        };
        Ok(Authed { caller, payload })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
