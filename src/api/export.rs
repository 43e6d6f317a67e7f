//! (beyond) `GET /api/v1/schedules/export`: the caller's schedules as a file, a JSON bundle
//! or a crontab; a thin handler over [`crate::schedules::service::exported`].

use super::params::{list_query, query_pairs};
use crate::auth::request::RequiredCaller;
use crate::error::{AppError, ErrorBody};
use crate::schedules::export::{crontab, Bundle, ExportFormat};
use crate::schedules::{service, ListQuery};
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// What to export: the file's format and the list's filters. The declaration of the
/// parameters; [`ExportAsked`] reads them.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `json` (the default): a bundle an import reads back; `crontab`: the calendar
    /// schedules as crontab lines.
    #[param(inline, value_type = Option<ExportFormat>)]
    pub format: String,
    /// Only schedules whose name contains this text, without control characters. The
    /// filters are declared as `ListQuery` declares them (whose `page` and `mine` an export
    /// has no use for); tests/integration/openapi.rs checks that they stay alike.
    #[param(value_type = Option<String>, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub q: String,
    /// Only one kind.
    #[param(inline, value_type = Option<crate::schedules::Kind>)]
    pub kind: String,
    /// 1: only one-time schedules, 0: only repeating ones.
    #[param(inline, value_type = Option<crate::schedules::QueryFlag>)]
    pub once: bool,
    /// Only schedules carrying every one of these tags (repeat it: `tag=a&tag=b`).
    #[param(style = Form, explode, max_items = 20, inline, value_type = Option<Vec<super::schemas::TagParam>>)]
    pub tag: Vec<String>,
}

/// What an export asks for: its format and which of the caller's schedules.
pub struct ExportAsked {
    pub format: ExportFormat,
    pub query: ListQuery,
}

impl<S: Send + Sync> FromRequestParts<S> for ExportAsked {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let pairs = query_pairs(parts);
        let format = match pairs.get("format") {
            None => ExportFormat::Json,
            Some(text) => {
                ExportFormat::parse(text).ok_or_else(|| AppError::BadQuery("format must be json or crontab".into()))?
            }
        };
        // The caller's schedules in any case: `mine` and `page` mean nothing here.
        let query = ListQuery { mine: true, page: 1, ..list_query(&pairs)? };
        Ok(ExportAsked { format, query })
    }
}

/// (beyond) The caller's schedules, oldest first (at most 100,000), with the list's
/// filters: a JSON bundle (`{"format": "kragle-schedules", "version": 1, "exported_at",
/// "schedules"}`) that an import reads back, or a crontab of the calendar schedules
/// grouped under `CRON_TZ=` lines (the others as comments). Sent as a download.
#[utoipa::path(get, path = "/api/v1/schedules/export", operation_id = "exportSchedules", tag = "schedules",
    params(ExportQuery),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The file; `Content-Disposition: attachment`",
            content((Bundle = "application/json"), (String = "text/plain"))),
        (status = 400, description = "Bad query parameter (code 1)", body = ErrorBody),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    asked: ExportAsked,
    RequiredCaller(caller): RequiredCaller,
) -> Result<Response, AppError> {
    let schedules = service::exported(&state.pool, &asked.query, &caller.user).await?;
    let now = crate::clock::now();
    let response = match asked.format {
        ExportFormat::Json => (
            [(header::CONTENT_DISPOSITION, r#"attachment; filename="schedules.json""#)],
            Json(Bundle::new(&schedules, now)),
        )
            .into_response(),
        ExportFormat::Crontab => (
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CONTENT_DISPOSITION, r#"attachment; filename="schedules.crontab""#),
            ],
            crontab(&schedules, now),
        )
            .into_response(),
    };
    Ok(response)
}
