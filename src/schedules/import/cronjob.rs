//! Reading Kubernetes manifests (YAML, one or more documents) for their CronJobs: a
//! CronJob's `spec.schedule` in `spec.timeZone` (else the import's zone), named by its
//! `metadata.name`. A `List` (what `kubectl get cronjobs -o yaml` prints) is read item by
//! item; any other kind of object is skipped, saying what it is.
//!
//! As Kubernetes reads a schedule: `?` means `*`, and a `TZ=` or `CRON_TZ=` inside it is
//! refused (Kubernetes refuses it too: the zone goes in `spec.timeZone`).

use super::{imported_tags, name_from, Place, Read, ReadEntry};
use crate::schedules::{Config, NewSchedule};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

/// One entry per document (per item of a `List`); `Err` when the text is not YAML at all,
/// or uses aliases (`*name`), which are not read: a few of them can stand for more nodes
/// than any memory holds.
pub fn read(text: &str, zone: &str, tags: &[String]) -> Result<Vec<ReadEntry>, String> {
    let mut aliases = AliasCount(0);
    Parser::new_from_str(text).load(&mut aliases, true).map_err(|e| format!("the YAML cannot be read: {e}"))?;
    if aliases.0 > 0 {
        return Err("the YAML uses aliases (`*name`), which an import does not read: write each value out".into());
    }
    let documents = YamlLoader::load_from_str(text).map_err(|e| format!("the YAML cannot be read: {e}"))?;
    let mut entries = Vec::with_capacity(documents.len());
    for (index, document) in documents.iter().enumerate() {
        let number = index + 1;
        match (kind(document), document["items"].as_vec()) {
            (Some("List"), Some(items)) => {
                if items.is_empty() {
                    entries.push(ReadEntry::new(Place::document(number, None), Read::Skipped("an empty List".into())));
                }
                for (item, object) in items.iter().enumerate() {
                    entries
                        .push(ReadEntry::new(Place::document(number, Some(item + 1)), read_object(object, zone, tags)));
                }
            }
            _ => entries.push(ReadEntry::new(Place::document(number, None), read_object(document, zone, tags))),
        }
    }
    Ok(entries)
}

struct AliasCount(usize);

impl MarkedEventReceiver for AliasCount {
    fn on_event(&mut self, event: Event, _: Marker) {
        if matches!(event, Event::Alias(_)) {
            self.0 += 1;
        }
    }
}

fn kind(object: &Yaml) -> Option<&str> {
    object["kind"].as_str()
}

fn read_object(object: &Yaml, default_zone: &str, tags: &[String]) -> Read {
    let invalid = |msg: String| Read::Error { code: 4, msg };
    if object.is_null() || object.is_badvalue() {
        return Read::Skipped("an empty document".into());
    }
    if object.as_hash().is_none() {
        return invalid("not a Kubernetes object (a mapping with apiVersion, kind and metadata)".into());
    }
    let named = object["metadata"]["name"].as_str();
    match kind(object) {
        None => return invalid("has no kind: not a Kubernetes object".into()),
        Some("CronJob") => {}
        Some(other) => {
            let name = named.map_or(String::new(), |name| format!(" ({name})"));
            return Read::Skipped(format!("a {other}{name}, not a CronJob"));
        }
    }
    let spec = &object["spec"];
    let Some(schedule) = spec["schedule"].as_str() else {
        return Read::Error { code: 26, msg: "spec.schedule is missing or not a string".into() };
    };
    let schedule = schedule.trim();
    if schedule.starts_with("TZ=") || schedule.starts_with("CRON_TZ=") {
        return Read::Error {
            code: 26,
            msg: "spec.schedule names a time zone, which Kubernetes does not accept either: put it in spec.timeZone"
                .into(),
        };
    }
    let timezone = match &spec["timeZone"] {
        Yaml::BadValue | Yaml::Null => default_zone.to_string(),
        Yaml::String(zone) => zone.clone(),
        _ => return Read::Error { code: 26, msg: "spec.timeZone must be a string".into() },
    };
    let expression = if schedule.starts_with('@') {
        schedule.to_string()
    } else {
        schedule
            .split_ascii_whitespace()
            .map(|field| if field == "?" { "*" } else { field })
            .collect::<Vec<_>>()
            .join(" ")
    };
    Read::Schedule(NewSchedule {
        name: named.and_then(name_from),
        once: false,
        config: Config {
            cron: Some(expression),
            timezone: (timezone != crate::schedules::zones::DEFAULT_ZONE).then_some(timezone),
            ..Config::default()
        },
        tags: imported_tags(tags),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str) -> Vec<(Place, Read)> {
        read(text, "UTC", &[]).unwrap().into_iter().map(|e| (e.place, e.read)).collect()
    }

    #[test]
    fn cronjobs_and_other_kinds() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"*/5 * ? * *\"\n  timeZone: Europe/Paris\n\
                    ---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\n";
        let reads = reads(text);
        assert_eq!(reads.len(), 3);
        let Read::Schedule(hello) = &reads[0].1 else { panic!("{:?}", reads[0]) };
        assert_eq!(hello.name.as_deref(), Some("hello"));
        assert_eq!(hello.config.cron.as_deref(), Some("*/5 * * * *"));
        assert_eq!(hello.config.timezone.as_deref(), Some("Europe/Paris"));
        assert_eq!(reads[1], (Place::document(2, None), Read::Skipped("a Deployment (web), not a CronJob".into())));
        assert_eq!(reads[2].1, Read::Skipped("an empty document".into()));
    }

    #[test]
    fn lists_are_read_item_by_item() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- kind: CronJob\n  metadata: {name: a}\n  spec: {schedule: '@daily'}\n- kind: CronJob\n  metadata: {name: b}\n  spec: {}\n";
        let reads = reads(text);
        assert_eq!(reads[0].0, Place::document(1, Some(1)));
        assert!(matches!(&reads[0].1, Read::Schedule(s) if s.config.cron.as_deref() == Some("@daily")));
        assert!(matches!(&reads[1].1, Read::Error { code: 26, msg } if msg.contains("spec.schedule is missing")));
    }

    #[test]
    fn what_is_refused() {
        assert!(read("a: [1, 2", "UTC", &[]).unwrap_err().contains("cannot be read"));
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        assert!(read(bomb, "UTC", &[]).unwrap_err().contains("aliases"));
        let zoned = "kind: CronJob\nspec:\n  schedule: CRON_TZ=UTC 0 * * * *\n";
        assert!(matches!(&reads(zoned)[0].1, Read::Error { msg, .. } if msg.contains("spec.timeZone")));
        assert!(matches!(&reads("- 1\n- 2\n")[0].1, Read::Error { code: 4, .. }));
    }
}
