//! Path ids and query-string parameters.

use crate::error::AppError;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

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

/// A query-string parameter of Unix seconds, if given (code 1 when it is not an integer).
pub fn query_seconds(params: &std::collections::HashMap<String, String>, name: &str) -> Result<Option<i64>, AppError> {
    params
        .get(name)
        .map(|text| text.parse::<i64>().map_err(|_| AppError::BadQuery(format!("{name} must be Unix seconds"))))
        .transpose()
}

/// A query-string boolean: `0` / `1` (and, for convenience, `false` / `true`).
pub fn query_bool(value: &str, name: &str) -> Result<bool, AppError> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(AppError::BadQuery(format!("{name} must be 0 or 1"))),
    }
}
