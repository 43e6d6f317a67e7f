//! The HTTP side of a change's preconditions: `If-Match` (which versions a change may apply
//! to) and `Idempotency-Key` (one create per key), read into the domain's own types.

use crate::error::AppError;
use crate::schedules::{ExpectedVersion, IdempotencyKey};
use axum::http::HeaderMap;

/// `If-Match` for schedule `id` (RFC 9110): absent or `*`, any version; else the versions
/// named by the entity tags of this schedule (`"<id>-<version>"`). Weak tags (`W/"..."`)
/// compare by their value: a version number is the whole content. A tag of another schedule
/// or of no schedule names no version.
pub fn expected_version(headers: &HeaderMap, id: i64) -> Result<ExpectedVersion, AppError> {
    Ok(match header_text(headers, "if-match")? {
        None => ExpectedVersion::Any,
        Some(header) => if_match(header, id),
    })
}

fn if_match(header: &str, id: i64) -> ExpectedVersion {
    let tags: Vec<&str> = header.split(',').map(str::trim).collect();
    if tags.contains(&"*") {
        return ExpectedVersion::Any;
    }
    let prefix = format!("{id}-");
    let versions = tags
        .iter()
        .filter_map(|tag| {
            tag.trim_start_matches("W/").strip_prefix('"')?.strip_suffix('"')?.strip_prefix(&prefix)?.parse().ok()
        })
        .collect();
    ExpectedVersion::OneOf(versions)
}

/// The `Idempotency-Key` header, when sent (code 4 when it is not 1 to 255 characters).
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<IdempotencyKey>, AppError> {
    header_text(headers, "idempotency-key")?
        .map(|key| IdempotencyKey::new(key).map_err(|rule| AppError::InvalidPayload(format!("Idempotency-Key {rule}"))))
        .transpose()
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, AppError> {
    headers
        .get(name)
        .map(|v| v.to_str().map_err(|_| AppError::BadQuery(format!("the {name} header must be visible ASCII"))))
        .transpose()
}

#[cfg(test)]
mod tests {
    #[test]
    fn if_match_forms() {
        let etag_matches = |header: &str, current: &str| {
            let (id, version) = current.trim_matches('"').split_once('-').unwrap();
            super::if_match(header, id.parse().unwrap()).allows(version.parse().unwrap())
        };
        assert!(etag_matches("\"3-2\"", "\"3-2\""));
        assert!(etag_matches("W/\"3-2\"", "\"3-2\""));
        assert!(etag_matches("\"3-1\", \"3-2\"", "\"3-2\""));
        assert!(etag_matches("*", "\"3-2\""));
        assert!(!etag_matches("\"3-1\"", "\"3-2\""));
        assert!(!etag_matches("\"4-2\"", "\"3-2\""), "another schedule's tag");
        assert!(!etag_matches("3-2", "\"3-2\""), "not a quoted tag");
    }
}
