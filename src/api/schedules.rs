//! `/api/v1/schedules`: thin handlers over [`crate::schedules::service`].

use super::caller::Authed;
use super::params::{query_pairs, Listing, PathId, Since};
use super::preconditions::{change, expected_version, idempotency_key, ChangeNoteHeader};
use super::schedule_body::{parse_new, parse_update};
use super::schemas::{NewScheduleBody, ScheduleChangesBody};
use crate::error::{AppError, ErrorBody};
use crate::schedules::runs::UPCOMING_MAX;
use crate::schedules::{service, ListQuery, Schedule, SchedulePage, ScheduleRecord};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, request::Parts, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The body of a successful POST.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

/// The body of a successful DELETE.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct Deleted {
    pub deleted: i64,
}

/// Run times of a schedule.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct Upcoming {
    pub id: i64,
    /// Unix seconds, ascending.
    pub runs: Vec<i64>,
}

/// List schedules, 10 a page, by ascending id.
#[utoipa::path(get, path = "/api/v1/schedules", operation_id = "listSchedules", tag = "schedules",
    params(ListQuery),
    responses(
        (status = 200, body = SchedulePage),
        (status = 400, description = "Bad query parameter (code 1)", body = ErrorBody),
        (status = 401, description = "mine=1 without authentication (code 100)", body = ErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, listing: Listing) -> Result<Json<SchedulePage>, AppError> {
    Ok(Json(service::list(&state.pool, &listing.query, listing.caller.as_ref().map(|c| &c.user)).await?))
}

pub fn with_etag(record: &ScheduleRecord) -> Response {
    let mut response = Json(&record.schedule).into_response();
    if let Ok(etag) = HeaderValue::from_str(&record.etag()) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// One schedule.
#[utoipa::path(get, path = "/api/v1/schedules/byid/{id}", operation_id = "getSchedule", tag = "schedules",
    params(("id" = i64, Path, minimum = 1, description = "Schedule id")),
    responses(
        (status = 200, body = Schedule, headers(("ETag" = String, description = "(beyond) The current version, for If-Match"))),
        (status = 400, description = "The id is not a positive integer (code 1)", body = ErrorBody),
        (status = 404, description = "No such schedule (code 6)", body = ErrorBody),
    ))]
pub async fn get(State(state): State<AppState>, PathId(id): PathId) -> Result<Response, AppError> {
    Ok(with_etag(&service::get(&state.pool, id).await?))
}

/// (beyond) The next run times of a schedule.
#[utoipa::path(get, path = "/api/v1/schedules/byid/{id}/upcoming", operation_id = "upcomingRuns", tag = "schedules",
    params(
        ("id" = i64, Path, minimum = 1, description = "Schedule id"),
        ("count" = Option<i64>, Query, minimum = 1, maximum = 100, description = "How many run times, 1 to 100 (default 10)"),
        Since,
    ),
    responses(
        (status = 200, body = Upcoming),
        (status = 400, description = "Bad id, count or from (code 1)", body = ErrorBody),
        (status = 404, description = "No such schedule (code 6)", body = ErrorBody),
    ))]
pub async fn upcoming(
    State(state): State<AppState>,
    PathId(id): PathId,
    Since { from }: Since,
    parts: Parts,
) -> Result<Json<Upcoming>, AppError> {
    let params = query_pairs(&parts);
    let count = match params.get("count") {
        None => 10,
        Some(c) => c
            .parse::<usize>()
            .ok()
            .filter(|c| (1..=UPCOMING_MAX).contains(c))
            .ok_or_else(|| AppError::BadQuery(format!("count must be an integer from 1 to {UPCOMING_MAX}")))?,
    };
    let runs = service::upcoming_runs(&state.pool, id, from, count).await?;
    Ok(Json(Upcoming { id, runs }))
}

/// Create a schedule owned by the caller.
#[utoipa::path(post, path = "/api/v1/schedules", operation_id = "createSchedule", tag = "schedules",
    request_body(content = NewScheduleBody, description = "`config` is required; `name` and `once` optional. May be wrapped in the inline-auth envelope."),
    params(
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, description = "(beyond) Replaying a key within 24 hours returns the first result"),
        ChangeNoteHeader,
    ),
    security((), ("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = Created),
        (status = 400, description = "Invalid JSON (code 2)", body = ErrorBody),
        (status = 401, description = "Failed inline login (code 3) or no authentication (code 100)", body = ErrorBody),
        (status = 403, description = "Cross-site request (code 101)", body = ErrorBody),
        (status = 422, description = "Invalid payload: unknown keys, config missing, name or once of the wrong type (code 4); invalid config element (code 26)", body = ErrorBody),
        (status = 429, description = "Too many failed logins (code 102)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    authed: Authed,
) -> Result<Json<Created>, AppError> {
    let schedule = parse_new(&authed.payload.unwrap_or(Value::Null))?;
    let key = idempotency_key(&headers)?;
    let change = change(&headers, &authed.caller)?;
    let id = service::create(&state.pool, &authed.caller.user, &change, &schedule, key.as_ref()).await?;
    Ok(Json(Created { id }))
}

/// Update a schedule (owner only). Keys not sent stay unchanged; a sent `config` replaces the whole config.
#[utoipa::path(put, path = "/api/v1/schedules/{id}", operation_id = "updateSchedule", tag = "schedules",
    params(
        ("id" = i64, Path, minimum = 1, description = "Schedule id"),
        ("If-Match" = Option<String>, Header, description = "(beyond) The ETag the change is based on"),
        ChangeNoteHeader,
    ),
    request_body(content = ScheduleChangesBody, description = "Any of `config`, `name`, `once`. May be wrapped in the inline-auth envelope."),
    security((), ("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = Schedule, headers(("ETag" = String, description = "(beyond) The new version"))),
        (status = 400, description = "Bad id (code 1) or invalid JSON (code 2)", body = ErrorBody),
        (status = 401, description = "Failed inline login (code 3) or no authentication (code 100)", body = ErrorBody),
        (status = 403, description = "Not the owner, or cross-site (code 101)", body = ErrorBody),
        (status = 404, description = "No such schedule (code 6)", body = ErrorBody),
        (status = 412, description = "If-Match does not match (code 103)", body = ErrorBody),
        (status = 422, description = "Invalid payload: unknown keys, config missing, name or once of the wrong type (code 4); invalid config element (code 26)", body = ErrorBody),
        (status = 429, description = "Too many failed logins (code 102)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    PathId(id): PathId,
    headers: HeaderMap,
    authed: Authed,
) -> Result<Response, AppError> {
    let update = parse_update(&authed.payload.unwrap_or_else(|| Value::Object(Default::default())))?;
    let expected = expected_version(&headers, id)?;
    let change = change(&headers, &authed.caller)?;
    Ok(with_etag(&service::update(&state.pool, &authed.caller.user, &change, id, &update, &expected).await?))
}

/// (beyond) Delete a schedule (owner only).
#[utoipa::path(delete, path = "/api/v1/schedules/{id}", operation_id = "deleteSchedule", tag = "schedules",
    params(
        ("id" = i64, Path, minimum = 1, description = "Schedule id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the deletion is based on"),
        ChangeNoteHeader,
    ),
    security((), ("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = Deleted),
        (status = 400, description = "Bad id (code 1)", body = ErrorBody),
        (status = 401, description = "No authentication (code 100) or failed inline login (code 3)", body = ErrorBody),
        (status = 403, description = "Not the owner, or cross-site (code 101)", body = ErrorBody),
        (status = 404, description = "No such schedule (code 6)", body = ErrorBody),
        (status = 412, description = "If-Match does not match (code 103)", body = ErrorBody),
        (status = 422, description = "A bad X-Change-Note (code 4)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    PathId(id): PathId,
    headers: HeaderMap,
    authed: Authed,
) -> Result<Json<Deleted>, AppError> {
    let expected = expected_version(&headers, id)?;
    let change = change(&headers, &authed.caller)?;
    service::delete(&state.pool, &authed.caller.user, &change, id, &expected).await?;
    Ok(Json(Deleted { deleted: id }))
}
