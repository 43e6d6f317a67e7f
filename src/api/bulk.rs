//! (beyond) `POST /api/v1/schedules/bulk`: one action on many of the caller's schedules,
//! all or nothing; a thin handler over [`crate::schedules::bulk_service`].

use super::caller::Authed;
use super::json::{json_integer, reject_unknown_keys};
use super::preconditions::{change, idempotency_key, ChangeNoteHeader};
use super::schemas::BulkBody;
use crate::error::{AppError, ErrorBody};
use crate::schedules::bulk::{BulkOutcome, BulkRequest, BulkVerb};
use crate::schedules::bulk_service;
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a bulk action did, one entry per id, in the order sent.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct BulkResults {
    pub results: Vec<BulkResult>,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct BulkResult {
    pub id: i64,
    /// Of a clone: the new schedule's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub new_id: Option<i64>,
}

impl From<BulkOutcome> for BulkResult {
    fn from(outcome: BulkOutcome) -> Self {
        BulkResult { id: outcome.id, new_id: outcome.new_id }
    }
}

/// (beyond) Delete, clone, tag or untag many of the caller's schedules at once: all or
/// nothing. If any id is missing or another user's, nothing changes and each such id is
/// listed in `refused` (422, code 4). Each change is a version in the schedule's history,
/// with the `X-Change-Note`.
#[utoipa::path(post, path = "/api/v1/schedules/bulk", operation_id = "bulkSchedules", tag = "schedules",
    request_body(content = BulkBody, description = "The action, its 1 to 500 ids, and for tag and untag the tags. May be wrapped in the inline-auth envelope."),
    params(
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, description = "Replaying a key within 24 hours with the same request returns the first results and changes nothing; another request under it is refused (code 4)"),
        ChangeNoteHeader,
    ),
    security((), ("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = BulkResults),
        (status = 400, description = "Invalid JSON (code 2)", body = ErrorBody),
        (status = 401, description = "Failed inline login (code 3) or no authentication (code 100)", body = ErrorBody),
        (status = 403, description = "Cross-site request (code 101)", body = ErrorBody),
        (status = 422, description = "Nothing changed: an id that does not exist or is not the caller's (code 4, each one in `refused` with code 6 or 101), or another broken rule (code 4): a bad tag, more than 20 tags on a schedule, a copy breaking today's rules", body = ErrorBody),
        (status = 429, description = "Too many failed logins (code 102)", body = ErrorBody),
    ))]
pub async fn bulk(
    State(state): State<AppState>,
    headers: HeaderMap,
    authed: Authed,
) -> Result<Json<BulkResults>, AppError> {
    let request = parse_bulk(&authed.payload.unwrap_or(Value::Null))?;
    let key = idempotency_key(&headers)?;
    let change = change(&headers, &authed.caller)?;
    let outcomes = bulk_service::act(&state.pool, &authed.caller.user, &change, &request, key.as_ref()).await?;
    Ok(Json(BulkResults { results: outcomes.into_iter().map(BulkResult::from).collect() }))
}

/// Reads the body: `action`, `ids` and, for tag and untag, `tags`; nothing else.
fn parse_bulk(body: &Value) -> Result<BulkRequest, AppError> {
    let invalid = |message: String| AppError::InvalidPayload(message);
    let object = body.as_object().ok_or_else(|| invalid("the body must be a JSON object".into()))?;
    reject_unknown_keys(object, &["action", "ids", "tags"], "").map_err(invalid)?;
    let verbs = BulkVerb::ALL.map(BulkVerb::as_str).join(", ");
    let action = object
        .get("action")
        .and_then(Value::as_str)
        .and_then(BulkVerb::parse)
        .ok_or_else(|| invalid(format!("action must be one of {verbs}")))?;
    let not_ids = || invalid("ids must be an array of schedule ids (positive integers)".into());
    let ids = object
        .get("ids")
        .and_then(Value::as_array)
        .ok_or_else(not_ids)?
        .iter()
        .map(|id| json_integer(id).ok_or_else(not_ids))
        .collect::<Result<Vec<i64>, AppError>>()?;
    let tags = match object.get("tags") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|tag| tag.as_str().map(String::from))
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| invalid("tags must be an array of strings".into()))?,
        Some(_) => return Err(invalid("tags must be an array of strings".into())),
    };
    BulkRequest::new(action, ids, &tags).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies() {
        let read = |body: Value| parse_bulk(&body).map_err(|e| e.to_string());
        assert_eq!(read(json!({"action": "tag", "ids": [2, 1.0], "tags": ["Ops"]})).unwrap().tags, ["ops"]);
        assert_eq!(read(json!({"action": "delete", "ids": [7]})).unwrap().ids, [7]);
        assert!(read(json!({"action": "pause", "ids": [1]})).unwrap_err().contains("one of delete, clone, tag, untag"));
        assert!(read(json!({"action": "delete", "ids": [1], "note": "x"})).unwrap_err().contains("unknown key `note`"));
        assert!(read(json!({"action": "delete", "ids": ["1"]})).unwrap_err().contains("positive integers"));
        assert!(read(json!({"action": "delete", "ids": 1})).unwrap_err().contains("positive integers"));
        assert!(read(json!({"action": "tag", "ids": [1], "tags": "ops"})).unwrap_err().contains("array of strings"));
        assert!(read(json!({"action": "tag", "ids": [1], "tags": [1]})).unwrap_err().contains("array of strings"));
        assert!(read(json!([])).unwrap_err().contains("JSON object"));
        assert_eq!(parse_bulk(&json!({"ids": [1]})).unwrap_err().code(), 4);
    }
}
