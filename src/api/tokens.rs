//! `/api/v1/tokens`: personal API tokens of the caller.

use super::caller::Authed;
use super::json::json_integer;
use super::params::PathId;
use crate::auth::service;
use crate::auth::TokenInfo;
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// 1 to 100 characters, not all blank, without control characters.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    pub name: String,
    /// Days until the token stops working (1 to 3650); never when absent.
    #[schema(minimum = 1, maximum = 3650)]
    #[serde(default, deserialize_with = "integer_or_null")]
    pub expires_in_days: Option<i64>,
}

/// `expires_in_days` as the schedules' numbers are read: `30` and `30.0` alike.
fn integer_or_null<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        value => {
            json_integer(&value).map(Some).ok_or_else(|| serde::de::Error::custom("expires_in_days must be an integer"))
        }
    }
}

/// A new token: `token` is shown this once and cannot be read again.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub info: TokenInfo,
    pub token: String,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct Revoked {
    pub revoked: i64,
}

/// (beyond) The caller's live tokens.
#[utoipa::path(get, path = "/api/v1/tokens", operation_id = "listTokens", tag = "tokens",
    security(("session" = []), ("bearer" = [])),
    responses((status = 200, body = Vec<TokenInfo>), (status = 401, description = "No authentication (code 100)", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, authed: Authed) -> Result<Json<Vec<TokenInfo>>, AppError> {
    Ok(Json(service::list_tokens(&state.pool, &authed.caller.user).await?))
}

/// (beyond) Create a token, to send as `Authorization: Bearer <token>`.
#[utoipa::path(post, path = "/api/v1/tokens", operation_id = "createToken", tag = "tokens",
    request_body = NewToken,
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = CreatedToken),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
        (status = 422, description = "Invalid name or expiry (code 4)", body = ErrorBody),
    ))]
pub async fn create(State(state): State<AppState>, authed: Authed) -> Result<Json<CreatedToken>, AppError> {
    let body: NewToken = serde_json::from_value(authed.payload.unwrap_or(Value::Null)).map_err(|e| {
        AppError::InvalidPayload(format!("expected {{\"name\": string, \"expires_in_days\": integer or absent}}: {e}"))
    })?;
    let (info, token) =
        service::create_token(state.auth(), &authed.caller.user, &body.name, body.expires_in_days).await?;
    Ok(Json(CreatedToken { info, token }))
}

/// (beyond) Revoke one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", operation_id = "revokeToken", tag = "tokens",
    params(("id" = i64, Path, minimum = 1, description = "Token id")),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = Revoked),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
        (status = 404, description = "No such live token of yours (code 6)", body = ErrorBody),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    PathId(id): PathId,
    authed: Authed,
) -> Result<Json<Revoked>, AppError> {
    service::revoke_token(&state.pool, &authed.caller.user, id).await?;
    Ok(Json(Revoked { revoked: id }))
}
