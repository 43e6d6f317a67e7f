//! (beyond) Bringing schedules in: a crontab, a bundle an export made, or Kubernetes
//! CronJob manifests. Each is read into one entry per line or document: a schedule to
//! create, something with nothing to create (`skipped`, saying what it was), or an error
//! saying why. Checking the schedules against the rules, the preview of each and creating
//! them are [`super::import_service`]'s.
//!
//! The entries' types and the crontab reader are plain Rust; the readers of JSON and YAML
//! are the server's.

#[cfg(feature = "ssr")]
pub mod bundle;
#[cfg(feature = "ssr")]
pub mod cronjob;
pub mod crontab;

use super::NewSchedule;
use serde::{Deserialize, Serialize};

/// An import's own body limit (every other route keeps 64 KiB).
pub const IMPORT_BODY_MAX: usize = 1024 * 1024;
/// At most this many schedules (entries that are not skipped) in one import.
pub const IMPORT_SCHEDULES_MAX: usize = 1_000;
/// At most this many entries in all, skipped lines included.
pub const IMPORT_ENTRIES_MAX: usize = 20_000;
/// The tag every schedule read from a crontab or a CronJob gets (a bundle keeps its own).
pub const IMPORTED_TAG: &str = "imported";

/// What an import reads, told by the request's `Content-Type` (and `format=system`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// A user's crontab: five time fields, then the command.
    Crontab,
    /// `/etc/crontab` or a file of `/etc/cron.d`: a user field before the command.
    SystemCrontab,
    /// The JSON bundle an export makes.
    Bundle,
    /// Kubernetes manifests (YAML); their CronJobs.
    CronJobs,
}

impl ImportFormat {
    /// The format a body of `content_type` holds; `system` (from `format=system`) says a
    /// crontab has user fields.
    pub fn from_content_type(content_type: &str, system: bool) -> Option<ImportFormat> {
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match essence.as_str() {
            "text/plain" if system => Some(ImportFormat::SystemCrontab),
            "text/plain" => Some(ImportFormat::Crontab),
            "application/json" => Some(ImportFormat::Bundle),
            "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => Some(ImportFormat::CronJobs),
            _ => None,
        }
    }

    /// The media types an import reads, for messages.
    pub const MEDIA_TYPES: &'static str =
        "text/plain (a crontab), application/json (a bundle) or application/yaml (Kubernetes CronJobs)";

    /// What the format is called on the Import page.
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Crontab => "A user's crontab",
            ImportFormat::SystemCrontab => "A system crontab (with a user field)",
            ImportFormat::Bundle => "A JSON bundle (as exported here)",
            ImportFormat::CronJobs => "Kubernetes CronJob manifests (YAML)",
        }
    }

    /// Its name in the Import page's form.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Crontab => "crontab",
            ImportFormat::SystemCrontab => "system",
            ImportFormat::Bundle => "bundle",
            ImportFormat::CronJobs => "cronjobs",
        }
    }

    pub const ALL: [ImportFormat; 4] =
        [ImportFormat::Crontab, ImportFormat::SystemCrontab, ImportFormat::Bundle, ImportFormat::CronJobs];

    pub fn parse(text: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|format| format.as_str() == text)
    }

    /// The `Content-Type` a body in this format is sent with.
    pub fn content_type(self) -> &'static str {
        match self {
            ImportFormat::Crontab | ImportFormat::SystemCrontab => "text/plain",
            ImportFormat::Bundle => "application/json",
            ImportFormat::CronJobs => "application/yaml",
        }
    }
}

/// What one import asks: a text in a format, the zone of entries that name none, the tags
/// to add to every schedule, and whether to create what is valid when some entries are not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRequest {
    pub format: ImportFormat,
    pub text: String,
    pub zone: String,
    pub tags: Vec<String>,
    pub skip_invalid: bool,
}

impl ImportRequest {
    /// The request, once the zone and tags obey their rules (why not, as the error, naming
    /// the parameter).
    pub fn new(
        format: ImportFormat,
        text: String,
        zone: Option<&str>,
        tags: &[String],
        skip_invalid: bool,
    ) -> Result<ImportRequest, String> {
        let zone = match zone.map(str::trim).filter(|zone| !zone.is_empty()) {
            None => super::zones::DEFAULT_ZONE.to_string(),
            Some(zone) => {
                super::validate::check_zone(zone).map_err(|problem| format!("timezone {problem}"))?;
                zone.to_string()
            }
        };
        let tags = super::tags::normalise_all(tags).map_err(|problems| format!("tag: {}", problems.join("; ")))?;
        if tags.len() >= super::tags::TAGS_MAX {
            return Err(format!("tag: at most {} tags besides `{IMPORTED_TAG}`", super::tags::TAGS_MAX - 1));
        }
        Ok(ImportRequest { format, text, zone, tags, skip_invalid })
    }
}

/// Every entry of the request's text, within the import's limits.
#[cfg(feature = "ssr")]
pub fn read(request: &ImportRequest) -> Result<Vec<ReadEntry>, crate::error::AppError> {
    use crate::error::AppError;
    let entries = match request.format {
        ImportFormat::Crontab | ImportFormat::SystemCrontab => crontab::read(
            &request.text,
            &crontab::CrontabReading {
                system: request.format == ImportFormat::SystemCrontab,
                zone: &request.zone,
                tags: &request.tags,
            },
        ),
        ImportFormat::Bundle => bundle::read(request.text.as_bytes(), &request.tags)?,
        ImportFormat::CronJobs => {
            cronjob::read(&request.text, &request.zone, &request.tags).map_err(AppError::InvalidPayload)?
        }
    };
    let schedules = entries.iter().filter(|e| !matches!(e.read, Read::Skipped(_))).count();
    if schedules > IMPORT_SCHEDULES_MAX {
        return Err(AppError::InvalidPayload(format!(
            "holds {} schedules: an import takes at most {}; split it into parts",
            super::describe::grouped(schedules),
            super::describe::grouped(IMPORT_SCHEDULES_MAX)
        )));
    }
    if entries.len() > IMPORT_ENTRIES_MAX {
        return Err(AppError::InvalidPayload(format!(
            "has {} lines or documents: an import takes at most {}; split it into parts",
            super::describe::grouped(entries.len()),
            super::describe::grouped(IMPORT_ENTRIES_MAX)
        )));
    }
    Ok(entries)
}

/// Where in what was sent an entry comes from: a crontab's line, a YAML document (and the
/// item of a `List` in it), or a bundle's item. Lines, documents and items count from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
}

impl Place {
    pub fn line(line: usize) -> Place {
        Place { line: Some(line), ..Place::default() }
    }

    pub fn document(document: usize, item: Option<usize>) -> Place {
        Place { document: Some(document), item, ..Place::default() }
    }

    pub fn item(item: usize) -> Place {
        Place { item: Some(item), ..Place::default() }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.document, self.item) {
            (Some(line), _, _) => write!(f, "line {line}"),
            (None, Some(document), Some(item)) => write!(f, "document {document}, item {item}"),
            (None, Some(document), None) => write!(f, "document {document}"),
            (None, None, Some(item)) => write!(f, "item {item}"),
            (None, None, None) => write!(f, "the body"),
        }
    }
}

/// What a reader made of one line or document, before the rules are checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Schedule(NewSchedule),
    /// Nothing to create; what it was.
    Skipped(String),
    /// Not readable as a schedule: the error's code (4, or 26 for what would be `config`)
    /// and why.
    Error {
        code: u16,
        msg: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadEntry {
    pub place: Place,
    pub read: Read,
}

impl ReadEntry {
    pub fn new(place: Place, read: Read) -> ReadEntry {
        ReadEntry { place, read }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    Ok,
    Error,
    Skipped,
}

/// One line or document of an import, as the answer lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportEntry {
    /// A crontab's line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false, minimum = 1))]
    pub line: Option<usize>,
    /// A YAML document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false, minimum = 1))]
    pub document: Option<usize>,
    /// A bundle's schedule, or the item of a Kubernetes `List`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false, minimum = 1))]
    pub item: Option<usize>,
    pub status: EntryStatus,
    /// What would be (or was) created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub schedule: Option<super::export::BundledSchedule>,
    /// The schedule in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub description: Option<String>,
    /// Its next three runs, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false, max_items = 3))]
    pub next_runs: Option<Vec<i64>>,
    /// Of an error: its code (4, or 26 for the schedule's timing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub code: Option<u16>,
    /// Of an error, why; of a skipped line, what it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub msg: Option<String>,
}

impl ImportEntry {
    pub fn place(&self) -> Place {
        Place { line: self.line, document: self.document, item: self.item }
    }

    fn at(place: Place, status: EntryStatus) -> ImportEntry {
        ImportEntry {
            line: place.line,
            document: place.document,
            item: place.item,
            status,
            schedule: None,
            description: None,
            next_runs: None,
            code: None,
            msg: None,
        }
    }

    pub fn ok(place: Place, schedule: &NewSchedule, description: String, next_runs: Vec<i64>) -> ImportEntry {
        ImportEntry {
            schedule: Some(super::export::BundledSchedule::from(schedule)),
            description: Some(description),
            next_runs: Some(next_runs),
            ..ImportEntry::at(place, EntryStatus::Ok)
        }
    }

    pub fn skipped(place: Place, what: String) -> ImportEntry {
        ImportEntry { msg: Some(what), ..ImportEntry::at(place, EntryStatus::Skipped) }
    }

    pub fn error(place: Place, code: u16, msg: String) -> ImportEntry {
        ImportEntry { code: Some(code), msg: Some(msg), ..ImportEntry::at(place, EntryStatus::Error) }
    }

    /// The schedule to create, for an entry that is `ok`.
    pub fn to_create(&self) -> Option<NewSchedule> {
        match (self.status, &self.schedule) {
            (EntryStatus::Ok, Some(schedule)) => Some(schedule.clone().into()),
            _ => None,
        }
    }
}

/// An import's answer: every entry, and the ids created (in the entries' order; none on a
/// dry run).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub entries: Vec<ImportEntry>,
    pub created: Vec<i64>,
}

/// The message of an import refused for its errors: the first few, where they are.
pub fn refused_message(entries: &[ImportEntry]) -> String {
    let errors: Vec<&ImportEntry> = entries.iter().filter(|e| e.status == EntryStatus::Error).collect();
    let shown: Vec<String> =
        errors.iter().take(3).map(|e| format!("{}: {}", e.place(), e.msg.as_deref().unwrap_or("an error"))).collect();
    let more = match errors.len().saturating_sub(shown.len()) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    format!(
        "nothing was created: {} {} an error ({}{more}); mend {}, or send skip_invalid=1 to create the rest",
        errors.len(),
        if errors.len() == 1 { "entry has" } else { "entries have" },
        shown.join("; "),
        if errors.len() == 1 { "it" } else { "them" },
    )
}

/// A name read from a crontab or a manifest, as a schedule's name may be: runs of spaces
/// and tabs as one space, at most [`super::validate::NAME_MAX_CHARS`] characters; `None`
/// when nothing is left.
pub fn name_from(text: &str) -> Option<String> {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = super::validate::cut_to_name_limit(&joined);
    (!cut.is_empty()).then_some(cut)
}

/// The tags a read schedule gets: `imported` and those the caller asked for.
pub fn imported_tags(asked: &[String]) -> Vec<String> {
    let mut tags = vec![IMPORTED_TAG.to_string()];
    tags.extend(asked.iter().filter(|tag| tag.as_str() != IMPORTED_TAG).cloned());
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_type() {
        assert_eq!(ImportFormat::from_content_type("text/plain; charset=utf-8", false), Some(ImportFormat::Crontab));
        assert_eq!(ImportFormat::from_content_type("text/plain", true), Some(ImportFormat::SystemCrontab));
        assert_eq!(ImportFormat::from_content_type("Application/JSON", false), Some(ImportFormat::Bundle));
        assert_eq!(ImportFormat::from_content_type("application/yaml", false), Some(ImportFormat::CronJobs));
        assert_eq!(ImportFormat::from_content_type("text/csv", false), None);
        for format in ImportFormat::ALL {
            assert_eq!(ImportFormat::parse(format.as_str()), Some(format));
        }
    }

    #[test]
    fn names_are_one_line_and_not_too_long() {
        assert_eq!(name_from("  cd /\t&& run-parts  x "), Some("cd / && run-parts x".into()));
        assert_eq!(name_from(" \t "), None);
        let long = "x".repeat(300);
        assert_eq!(name_from(&long).unwrap().chars().count(), super::super::validate::NAME_MAX_CHARS);
    }

    #[test]
    fn a_refusal_names_where_the_errors_are() {
        let entries = vec![
            ImportEntry::skipped(Place::line(1), "a comment".into()),
            ImportEntry::error(Place::line(2), 26, "bad minute".into()),
            ImportEntry::error(Place::document(3, None), 4, "no schedule".into()),
        ];
        let message = refused_message(&entries);
        assert!(
            message.starts_with(
                "nothing was created: 2 entries have an error (line 2: bad minute; document 3: no schedule)"
            ),
            "{message}"
        );
        assert!(refused_message(&entries[..2]).contains("1 entry has an error (line 2: bad minute); mend it"));
    }
}
