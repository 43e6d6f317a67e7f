//! (beyond) `POST /api/v1/schedules/import`: schedules from a crontab, a bundle or
//! Kubernetes CronJobs, all or nothing; a thin handler over
//! [`crate::schedules::import_service`].

use super::json::read_limited;
use super::params::{query_flag, query_pairs};
use super::preconditions::{change, idempotency_key, ChangeNoteHeader};
use super::schemas::ImportText;
use crate::auth::request::RequiredCaller;
use crate::error::{AppError, ErrorBody};
use crate::schedules::import::{ImportFormat, ImportReport, ImportRequest, IMPORT_BODY_MAX};
use crate::schedules::import_service;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, request::Parts};
use axum::Json;

/// How to read the body and what to do with it. The declaration of the parameters;
/// [`read_request`] reads them.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `system`: a text/plain body is a system crontab (`/etc/crontab`, `/etc/cron.d`), with
    /// a user field before each command.
    #[param(inline, value_type = Option<SystemFormat>)]
    pub format: String,
    /// The zone of crontab entries before any `CRON_TZ=` or `TZ=` line and of CronJobs
    /// without `spec.timeZone` (default `UTC`).
    #[param(value_type = Option<String>, min_length = 1, max_length = 64, pattern = r"^[A-Za-z0-9_+\-/]+$")]
    pub timezone: String,
    /// Tags to give every schedule created, besides `imported` (repeat it: `tag=a&tag=b`).
    #[param(style = Form, explode, max_items = 19, inline, value_type = Option<Vec<super::schemas::TagParam>>)]
    pub tag: Vec<String>,
    /// 1: create nothing; answer what would be created (and refused) as the import would.
    #[param(inline, value_type = Option<crate::schedules::QueryFlag>)]
    pub dry_run: bool,
    /// 1: create the valid entries even when some have errors.
    #[param(inline, value_type = Option<crate::schedules::QueryFlag>)]
    pub skip_invalid: bool,
}

/// The one value `format` takes.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum SystemFormat {
    System,
}

/// (beyond) Creates schedules from a crontab (`text/plain`: a user's, or with
/// `format=system` a system one; macros; `@reboot` skipped; `CRON_TZ=`/`TZ=` lines set the
/// zone of the entries after them; the comment directly above an entry names it, else its
/// command), a bundle an export made (`application/json`), or Kubernetes manifests
/// (`application/yaml`: each CronJob's `spec.schedule` in `spec.timeZone`, named by
/// `metadata.name`; other kinds skipped). The answer lists every line or document. **All
/// or nothing**: if any entry has an error, nothing is created (422, code 4, every entry
/// listed) unless `skip_invalid=1`. At most 1,000 schedules, and 1 MiB. Schedules from a
/// crontab or manifests are tagged `imported`. Signed in by session or token (the body is
/// not JSON, so there is no inline auth).
#[utoipa::path(post, path = "/api/v1/schedules/import", operation_id = "importSchedules", tag = "schedules",
    params(
        ImportQuery,
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, description = "Replaying a key within 24 hours with the same import creates nothing and answers the ids the first one created; another request under it is refused (code 4)"),
        ChangeNoteHeader,
    ),
    request_body(description = "A crontab, a bundle, or Kubernetes manifests, told apart by Content-Type",
        content((ImportText = "text/plain"), (crate::schedules::export::Bundle = "application/json"), (ImportText = "application/yaml"))),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "Every entry; the ids created (none on a dry run)", body = ImportReport),
        (status = 400, description = "A bad query parameter or header (code 1), or a bundle that is not JSON (code 2)", body = ErrorBody),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
        (status = 403, description = "Cross-site request (code 101)", body = ErrorBody),
        (status = 413, description = "Body over 1 MiB (code 4)", body = ErrorBody),
        (status = 415, description = "Not text/plain, application/json or application/yaml (code 2)", body = ErrorBody),
        (status = 422, description = "Nothing created: an entry with an error (code 4, every entry in `entries`), more than 1,000 schedules, a body that is not UTF-8, not YAML, or not a bundle of version 1 (code 4)", body = ErrorBody),
    ))]
pub async fn import(State(state): State<AppState>, request: Request) -> Result<Json<ImportReport>, AppError> {
    let (mut parts, body) = request.into_parts();
    let caller = RequiredCaller::from_request_parts(&mut parts, &state).await?.0;
    let (asked, dry_run) = read_request(&parts, body).await?;
    let key = idempotency_key(&parts.headers)?;
    let change = change(&parts.headers, &caller)?;
    let report = import_service::import(&state.pool, &caller.user, &change, &asked, key.as_ref(), dry_run).await?;
    Ok(Json(report))
}

/// The import asked for, and whether it is a dry run.
async fn read_request(parts: &Parts, body: Body) -> Result<(ImportRequest, bool), AppError> {
    let pairs = query_pairs(parts);
    let system = match pairs.get("format").map(String::as_str) {
        None => false,
        Some("system") => true,
        Some(_) => return Err(AppError::BadQuery("format must be system (or left out)".into())),
    };
    let dry_run = query_flag(&pairs, "dry_run")?.unwrap_or(false);
    let skip_invalid = query_flag(&pairs, "skip_invalid")?.unwrap_or(false);
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let format = ImportFormat::from_content_type(content_type, system)
        .ok_or_else(|| AppError::WrongMediaType(format!("an import reads {}", ImportFormat::MEDIA_TYPES)))?;
    let body = read_limited(parts, body, IMPORT_BODY_MAX).await?;
    let text =
        String::from_utf8(body.to_vec()).map_err(|_| AppError::InvalidPayload("the body is not UTF-8 text".into()))?;
    let timezone = pairs.get("timezone").map(String::as_str);
    let request =
        ImportRequest::new(format, text, timezone, &pairs.all("tag"), skip_invalid).map_err(AppError::BadQuery)?;
    Ok((request, dry_run))
}
