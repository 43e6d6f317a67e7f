//! Reading a bundle an export made (`{"format": "kragle-schedules", "version": 1,
//! "schedules": [...]}`): each schedule is read as a POST body is, so it breaks the same
//! rules with the same codes and words.

use super::{Place, Read, ReadEntry};
use crate::api::json::{json_integer, parse_json, reject_unknown_keys};
use crate::api::schedule_body::parse_new;
use crate::error::AppError;
use crate::schedules::export::{BUNDLE_FORMAT, BUNDLE_VERSION};
use serde_json::Value;

/// One entry per schedule of the bundle, with `tags` added to each; `Err` when the body is
/// not a bundle at all (not JSON: code 2; not a bundle of this version: code 4).
pub fn read(bytes: &[u8], tags: &[String]) -> Result<Vec<ReadEntry>, AppError> {
    let value = parse_json(bytes)?;
    let invalid = |why: String| AppError::InvalidPayload(why);
    let object = value.as_object().ok_or_else(|| {
        invalid(format!(
            "a bundle is a JSON object: {{\"format\": \"{BUNDLE_FORMAT}\", \"version\": {BUNDLE_VERSION}, \"schedules\": [...]}}"
        ))
    })?;
    reject_unknown_keys(object, &["format", "version", "exported_at", "schedules"], "").map_err(invalid)?;
    if object.get("format").and_then(Value::as_str) != Some(BUNDLE_FORMAT) {
        return Err(invalid(format!("format must be \"{BUNDLE_FORMAT}\": this is not a bundle an export made")));
    }
    match object.get("version").and_then(json_integer) {
        Some(BUNDLE_VERSION) => {}
        Some(other) => return Err(invalid(format!("version {other} is not one this server reads ({BUNDLE_VERSION})"))),
        None => return Err(invalid(format!("version must be {BUNDLE_VERSION}"))),
    }
    let schedules = object
        .get("schedules")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("schedules must be an array of schedules".into()))?;
    Ok(schedules
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let read = match parse_new(item) {
                Ok(mut schedule) => {
                    schedule
                        .tags
                        .extend(tags.iter().filter(|tag| !schedule.tags.contains(tag)).cloned().collect::<Vec<_>>());
                    Read::Schedule(schedule)
                }
                Err(error) => Read::Error { code: error.code(), msg: error.to_string() },
            };
            ReadEntry::new(Place::item(index + 1), read)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles() {
        let body = br#"{"format": "kragle-schedules", "version": 1, "exported_at": 5, "schedules": [
            {"name": "a", "once": false, "config": {"period": 60}, "tags": ["x"]},
            {"name": "b", "once": false, "config": {"period": "60"}, "tags": []}]}"#;
        let entries = read(body, &["y".to_string()]).unwrap();
        assert!(matches!(&entries[0].read, Read::Schedule(s) if s.tags == ["x", "y"]));
        assert_eq!(entries[1].place, Place::item(2));
        assert!(matches!(&entries[1].read, Read::Error { code: 26, .. }));
        let refused = |body: &[u8]| read(body, &[]).unwrap_err();
        assert_eq!(refused(b"{").code(), 2);
        assert!(refused(br#"{"format": "other", "version": 1, "schedules": []}"#).to_string().contains("not a bundle"));
        assert!(refused(br#"{"format": "kragle-schedules", "version": 2, "schedules": []}"#)
            .to_string()
            .contains("version 2"));
        assert!(refused(br#"[]"#).to_string().contains("JSON object"));
    }
}
