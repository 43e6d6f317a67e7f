//! Login, logout and `/me`.

use super::caller::{parse_credentials, Authed};
use super::json::read_json;
use super::schemas::CredentialsBody;
use crate::auth::request::{begin_session, client_address, end_session, require_same_origin};
use crate::auth::{service, User};
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

/// The documented success answer of login and logout.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct LoggedIn {
    /// Always 0.
    pub code: i32,
    pub user_id: i64,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct LoggedOut {
    /// Always 0.
    pub code: i32,
}

/// Log in with `password` and `username` or `email`; sets the session cookie.
#[utoipa::path(post, path = "/api/v1/authenticate", operation_id = "authenticate", tag = "auth",
    request_body(content = CredentialsBody, description = "If both username and email are given, username wins."),
    responses(
        (status = 200, body = LoggedIn, headers(("Set-Cookie" = String, description = "auth_tkt, HttpOnly, SameSite=Lax"))),
        (status = 400, description = "Invalid JSON (code 2)", body = ErrorBody),
        (status = 401, description = "No such user or wrong password (code 3)", body = ErrorBody),
        (status = 403, description = "Cross-site request (code 101)", body = ErrorBody),
        (status = 422, description = "Missing or unknown keys (code 4)", body = ErrorBody),
        (status = 429, description = "Too many failed logins (code 102), with Retry-After", body = ErrorBody),
    ))]
pub async fn authenticate(State(state): State<AppState>, request: Request) -> Result<Response, AppError> {
    let (parts, body) = request.into_parts();
    require_same_origin(&parts.headers)?;
    let body = read_json(&parts, body).await?;
    let credentials = parse_credentials(body.as_ref(), "the body", "")?;
    let user = service::login(state.auth(), &credentials, &client_address(&state, &parts)).await?;
    let cookie = begin_session(&state, &parts, &user).await?;
    let mut response = Json(LoggedIn { code: 0, user_id: user.id }).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// The same as `/api/v1/authenticate`.
#[utoipa::path(post, path = "/api/v1/login", operation_id = "login", tag = "auth",
    request_body(content = CredentialsBody),
    responses(
        (status = 200, body = LoggedIn, headers(("Set-Cookie" = String, description = "auth_tkt, HttpOnly, SameSite=Lax"))),
        (status = 401, description = "No such user or wrong password (code 3)", body = ErrorBody),
        (status = 403, description = "Cross-site request (code 101)", body = ErrorBody),
        (status = 429, description = "Too many failed logins (code 102), with Retry-After", body = ErrorBody),
    ))]
pub async fn login(state: State<AppState>, request: Request) -> Result<Response, AppError> {
    authenticate(state, request).await
}

/// End the session of the cookie, if any, and remove the cookie.
#[utoipa::path(post, path = "/api/v1/logout", operation_id = "logout", tag = "auth",
    responses(
        (status = 200, body = LoggedOut),
        (status = 403, description = "Cross-site request (code 101)", body = ErrorBody),
    ))]
pub async fn logout(State(state): State<AppState>, request: Request) -> Result<Response, AppError> {
    let (parts, _) = request.into_parts();
    let cookie = end_session(&state, &parts).await?;
    let mut response = Json(LoggedOut { code: 0 }).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// (beyond) The authenticated user.
#[utoipa::path(get, path = "/api/v1/me", operation_id = "me", tag = "auth",
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = User),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
    ))]
pub async fn me(authed: Authed) -> Json<User> {
    Json(authed.caller.user)
}
