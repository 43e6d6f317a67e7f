//! (beyond) `GET /api/v1/tags`: the tags in use and how many schedules carry each; a thin
//! handler over [`crate::schedules::service::tags_in_use`].

use super::params::{query_flag, query_pairs};
use crate::auth::request::MaybeCaller;
use crate::auth::service::Caller;
use crate::error::{AppError, ErrorBody};
use crate::schedules::service;
use crate::schedules::tags::TagList;
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::Json;

/// Whose tags: everyone's, or (`mine=1`) the caller's. The declaration of the parameter;
/// [`TagsAsked`] reads it.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TagsQuery {
    /// 1: only the tags of the caller's schedules, counting those (needs authentication).
    #[param(inline, value_type = Option<crate::schedules::QueryFlag>)]
    pub mine: bool,
}

/// What a request for the tags asks: `mine` and, only then, the caller.
pub struct TagsAsked {
    pub mine: bool,
    pub caller: Option<Caller>,
}

impl FromRequestParts<AppState> for TagsAsked {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let mine = query_flag(&query_pairs(parts), "mine")?.unwrap_or(false);
        // Only `mine=1` needs to know the caller, as in the list.
        let caller = if mine { MaybeCaller::from_request_parts(parts, state).await?.0 } else { None };
        Ok(TagsAsked { mine, caller })
    }
}

/// (beyond) The tags in use, most used first (then by name), with how many schedules carry
/// each; at most 1,000.
#[utoipa::path(get, path = "/api/v1/tags", operation_id = "listTags", tag = "schedules",
    params(TagsQuery),
    responses(
        (status = 200, body = TagList),
        (status = 400, description = "Bad query parameter (code 1)", body = ErrorBody),
        (status = 401, description = "mine=1 without authentication (code 100)", body = ErrorBody),
    ))]
pub async fn list(State(state): State<AppState>, asked: TagsAsked) -> Result<Json<TagList>, AppError> {
    Ok(Json(service::tags_in_use(&state.pool, asked.caller.as_ref().map(|c| &c.user), asked.mine).await?))
}
