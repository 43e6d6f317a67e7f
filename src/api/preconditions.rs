//! The HTTP side of a change's preconditions: `If-Match` (which versions a change may apply
//! to), `Idempotency-Key` (one create per key) and `X-Change-Note` (why, kept in the
//! schedule's history), read into the domain's own types.

use crate::auth::service::Caller;
use crate::error::AppError;
use crate::schedules::history::Change;
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

/// The `X-Change-Note` header as the document declares it, once for every write that takes
/// it. The pattern says what percent-encoding looks like; that the bytes are UTF-8 and hold
/// no control character, no pattern states whole (code 4).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct ChangeNoteHeader {
    /// (beyond) Why, kept in the schedule's history: percent-encoded UTF-8, at most 500
    /// characters, no control characters (code 4 otherwise).
    #[param(rename = "X-Change-Note", pattern = r"^([ -$&-~]|%[0-9A-Fa-f]{2})*$", max_length = 6000)]
    pub note: Option<String>,
}

/// What a write by `caller` records: how they were signed in, and the `X-Change-Note`
/// header when sent (percent-encoded UTF-8; code 4 when it does not decode, or breaks the
/// note's rules).
pub fn change(headers: &HeaderMap, caller: &Caller) -> Result<Change, AppError> {
    let note = headers
        .get("x-change-note")
        .map(|value| {
            percent_decoded(value.as_bytes())
                .ok_or_else(|| AppError::InvalidPayload("X-Change-Note must be percent-encoded UTF-8".into()))
        })
        .transpose()?;
    Change::with_note(caller.via.clone(), note.as_deref())
        .map_err(|rule| AppError::InvalidPayload(format!("X-Change-Note: {rule}")))
}

/// `%XX` escapes decoded (RFC 3986), the rest taken as is; `None` for a broken escape or
/// bytes that are not UTF-8.
fn percent_decoded(bytes: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = tail.get(..2).filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            rest = &tail[2..];
        } else {
            out.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(out).ok()
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
    fn notes_are_percent_decoded() {
        assert_eq!(super::percent_decoded(b"moved%20to%203am").as_deref(), Some("moved to 3am"));
        assert_eq!(super::percent_decoded(b"caf%C3%A9 + tea").as_deref(), Some("caf\u{e9} + tea"));
        assert_eq!(super::percent_decoded(b"100%"), None);
        assert_eq!(super::percent_decoded(b"%zz"), None);
        assert_eq!(super::percent_decoded(b"%+1"), None);
        assert_eq!(super::percent_decoded(b"%FF"), None);
    }

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
