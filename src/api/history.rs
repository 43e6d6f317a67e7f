//! (beyond) A schedule's history, restoring a version, and the caller's deleted schedules:
//! thin handlers over [`crate::schedules::history_service`].

use super::caller::Authed;
use super::json::{json_integer, reject_unknown_keys};
use super::params::{page_number, query_pairs, PathId};
use super::preconditions::{change, expected_version, ChangeNoteHeader};
use super::schedules::with_etag;
use crate::auth::request::RequiredCaller;
use crate::error::{AppError, ErrorBody};
use crate::schedules::history::{DeletedPage, HistoryPage};
use crate::schedules::history_service;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{request::Parts, HeaderMap};
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

/// Which page of versions or deleted schedules: `page`, from 1 (default 1).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParam {
    /// Page number, from 1; 10 a page.
    #[param(value_type = Option<i64>, minimum = 1)]
    pub page: i64,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PageParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Ok(PageParam { page: page_number(&query_pairs(parts))? })
    }
}

/// The body of a restore: the version to bring back, or none for the current one (for a
/// deleted schedule, the content deleted).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestoreBody {
    /// A version number from the schedule's history; absent or null: the current version.
    #[schema(minimum = 1)]
    pub version: Option<i32>,
}

/// (beyond) A schedule's versions, newest first (owner only; also while it is deleted).
#[utoipa::path(get, path = "/api/v1/schedules/byid/{id}/history", operation_id = "scheduleHistory", tag = "history",
    params(("id" = i64, Path, minimum = 1, description = "Schedule id"), PageParam),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = HistoryPage),
        (status = 400, description = "Bad id or page (code 1)", body = ErrorBody),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
        (status = 403, description = "Not the owner (code 101)", body = ErrorBody),
        (status = 404, description = "No such schedule, now or deleted (code 6)", body = ErrorBody),
    ))]
pub async fn history(
    State(state): State<AppState>,
    PathId(id): PathId,
    PageParam { page }: PageParam,
    RequiredCaller(caller): RequiredCaller,
) -> Result<Json<HistoryPage>, AppError> {
    Ok(Json(history_service::history(&state.pool, &caller.user, id, page).await?))
}

/// (beyond) Make a schedule's content that of one of its versions, as a new version; a
/// deleted schedule comes back with the same id.
#[utoipa::path(post, path = "/api/v1/schedules/byid/{id}/restore", operation_id = "restoreSchedule", tag = "history",
    params(
        ("id" = i64, Path, minimum = 1, description = "Schedule id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the restore is based on (of a deleted schedule: its deletion's)"),
        ChangeNoteHeader,
    ),
    request_body(content = RestoreBody, description = "`{\"version\": N}`, or `{}` for the current version (of a deleted schedule: the content deleted). May be wrapped in the inline-auth envelope."),
    security((), ("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = crate::schedules::Schedule, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Bad id (code 1) or invalid JSON (code 2)", body = ErrorBody),
        (status = 401, description = "Failed inline login (code 3) or no authentication (code 100)", body = ErrorBody),
        (status = 403, description = "Not the owner, or cross-site (code 101)", body = ErrorBody),
        (status = 404, description = "No such schedule, or no such version of it (code 6)", body = ErrorBody),
        (status = 412, description = "If-Match does not match (code 103)", body = ErrorBody),
        (status = 422, description = "No body, an unknown key, a version not a positive integer, or a bad note (code 4); the version breaks a rule added since (code 26)", body = ErrorBody),
        (status = 429, description = "Too many failed logins (code 102)", body = ErrorBody),
    ))]
pub async fn restore(
    State(state): State<AppState>,
    PathId(id): PathId,
    headers: HeaderMap,
    authed: Authed,
) -> Result<Response, AppError> {
    let from = restore_version(authed.payload.as_ref())?;
    let expected = expected_version(&headers, id)?;
    let change = change(&headers, &authed.caller)?;
    let restored = history_service::restore(&state.pool, &authed.caller.user, &change, id, from, &expected).await?;
    Ok(with_etag(&restored))
}

/// Reads a restore body: `{}` (or `{"version": null}`) or `{"version": N}` (code 4 otherwise, also when none is
/// sent: a restore says which version, or that it means the current one).
fn restore_version(body: Option<&Value>) -> Result<Option<i32>, AppError> {
    let object = body
        .and_then(Value::as_object)
        .ok_or_else(|| AppError::InvalidPayload("the body must be a JSON object: {} or {\"version\": N}".into()))?;
    reject_unknown_keys(object, &["version"], "").map_err(AppError::InvalidPayload)?;
    object
        .get("version")
        .filter(|v| !v.is_null())
        .map(|v| {
            json_integer(v)
                .and_then(|v| i32::try_from(v).ok())
                .filter(|v| *v >= 1)
                .ok_or_else(|| AppError::InvalidPayload("version must be a positive integer".into()))
        })
        .transpose()
}

/// (beyond) The caller's deleted schedules that can still be restored, newest deletion first.
#[utoipa::path(get, path = "/api/v1/schedules/deleted", operation_id = "deletedSchedules", tag = "history",
    params(PageParam),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = DeletedPage),
        (status = 400, description = "Bad page (code 1)", body = ErrorBody),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
    ))]
pub async fn deleted(
    State(state): State<AppState>,
    PageParam { page }: PageParam,
    RequiredCaller(caller): RequiredCaller,
) -> Result<Json<DeletedPage>, AppError> {
    Ok(Json(history_service::deleted(&state.pool, &caller.user, page).await?))
}

#[cfg(test)]
mod tests {
    use super::restore_version;
    use serde_json::json;

    #[test]
    fn restore_bodies() {
        assert_eq!(restore_version(Some(&json!({}))).unwrap(), None);
        assert_eq!(restore_version(Some(&json!({"version": 3}))).unwrap(), Some(3));
        assert_eq!(restore_version(Some(&json!({"version": 3.0}))).unwrap(), Some(3));
        assert_eq!(restore_version(Some(&json!({"version": null}))).unwrap(), None, "null: as not sent");
        for bad in [json!({"version": "3"}), json!({"version": 0}), json!({"version": 1.5}), json!({"v": 1}), json!([])]
        {
            assert_eq!(restore_version(Some(&bad)).unwrap_err().code(), 4, "{bad}");
        }
        assert_eq!(restore_version(None).unwrap_err().code(), 4, "no body");
    }
}
