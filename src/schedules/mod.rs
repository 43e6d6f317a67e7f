//! The schedule: what the API returns, what a client sends, and the rules for both.
//!
//! Everything in this module outside `calendar`, `repo`, the `*_service`s, `tally` and the
//! JSON and YAML readers of `import` (and the calendar half of `runs`) is plain Rust compiled for the server and for the browser, so
//! the form checks exactly what the server checks.

pub mod bulk;
pub mod changes;
pub mod cron;
pub mod describe;
pub mod export;
pub mod form;
pub mod history;
pub mod import;
pub mod runs;
pub mod tags;
pub mod validate;
pub mod zones;

#[cfg(feature = "ssr")]
pub mod bulk_service;
#[cfg(feature = "ssr")]
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod history_repo;
#[cfg(feature = "ssr")]
pub mod history_service;
#[cfg(feature = "ssr")]
pub mod import_service;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod tally;

use serde::{Deserialize, Serialize};

/// The `config` object: which keys are present says the schedule's [`Kind`] (see
/// [`validate`]). It reads back exactly as written: no key is added, none normalised.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Config {
    /// Seconds between runs of an interval schedule (60 to 31,622,400).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    /// Unix seconds (UTC): the run of a one-time schedule, the first run (anchor) of an
    /// interval one, or the time before which a calendar one does not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    /// (beyond) A calendar schedule's five-field cron expression, read in `timezone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cron: Option<String>,
    /// (beyond) The IANA zone a calendar schedule's expression is read in; `UTC` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// (beyond) Unix seconds: no run of a recurring schedule after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
}

/// The three kinds of schedule, told apart by their keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `once: false` with `period`: every N seconds.
    Interval,
    /// `once: false` with `cron`: at set wall-clock times in a zone.
    Calendar,
    /// `once: true`: at `timestamp`.
    Once,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Interval, Kind::Calendar, Kind::Once];

    /// The name the API and the URLs use (`kind=calendar`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Interval => "interval",
            Kind::Calendar => "calendar",
            Kind::Once => "once",
        }
    }

    /// The kind's name on the pages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Interval => "Interval",
            Kind::Calendar => "Calendar",
            Kind::Once => "One-time",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl NewSchedule {
    pub fn kind(&self) -> Kind {
        if self.once {
            Kind::Once
        } else if self.config.cron.is_some() {
            Kind::Calendar
        } else {
            Kind::Interval
        }
    }
}

/// A schedule exactly as every documented endpoint returns it: these four keys, and
/// `tags` only when it has some (so a Kragle client that never tags sees the four alone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Schedule {
    pub id: i64,
    pub name: Option<String>,
    pub once: bool,
    pub config: Config,
    /// (beyond) Its tags, lower-case and sorted; absent when it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ssr", schema(required = false, max_items = 20))]
    pub tags: Vec<String>,
}

/// The content of a schedule, without the id the server assigns: what POST creates and
/// what a PUT must leave behind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSchedule {
    pub name: Option<String>,
    pub once: bool,
    pub config: Config,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl NewSchedule {
    /// A copy to create beside this one: the same settings and tags, named "Copy of …"
    /// (within the name's length; no name stays no name).
    pub fn copy(&self) -> NewSchedule {
        let name = self.name.as_ref().map(|name| validate::cut_to_name_limit(&format!("Copy of {name}")));
        NewSchedule { name, ..self.clone() }
    }

    /// The schedule as stored: its tags lower-case and sorted (see [`tags`]), once they
    /// obey the rules; anything else as written.
    pub fn normalised(mut self) -> NewSchedule {
        if let Ok(tags) = tags::normalise_all(&self.tags) {
            self.tags = tags;
        }
        self
    }
}

/// A PUT body: each field present only when the client sent it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleUpdate {
    /// `Some(None)` sets the name to `null`.
    pub name: Option<Option<String>>,
    pub once: Option<bool>,
    pub config: Option<Config>,
    /// Replaces the whole set (`[]` clears it).
    pub tags: Option<Vec<String>>,
}

impl ScheduleUpdate {
    /// The schedule that results from applying this update: keys not sent stay unchanged,
    /// a sent `config` replaces the whole config, sent `tags` the whole set.
    pub fn apply_to(&self, current: &NewSchedule) -> NewSchedule {
        NewSchedule {
            name: self.name.clone().unwrap_or_else(|| current.name.clone()),
            once: self.once.unwrap_or(current.once),
            config: self.config.clone().unwrap_or_else(|| current.config.clone()),
            tags: self.tags.clone().unwrap_or_else(|| current.tags.clone()),
        }
    }
}

impl Schedule {
    pub fn content(&self) -> NewSchedule {
        NewSchedule { name: self.name.clone(), once: self.once, config: self.config.clone(), tags: self.tags.clone() }
    }
}

/// A schedule with what the stored record adds: owner, version and times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRecord {
    pub schedule: Schedule,
    pub owner_id: i64,
    pub owner_name: String,
    pub version: i32,
    /// Unix seconds.
    pub created_at: i64,
    pub updated_at: i64,
}

impl ScheduleRecord {
    pub fn etag(&self) -> String {
        etag(self.schedule.id, self.version)
    }
}

/// The `ETag` of a version of a schedule (strong: a version number identifies the content).
pub fn etag(id: i64, version: i32) -> String {
    format!("\"{id}-{version}\"")
}

/// Which stored versions of a schedule a change may apply to: any, or one of these (what
/// the API reads from `If-Match`, what the edit form was made from). Anything else is
/// refused (code 103), so nobody overwrites a change they have not seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpectedVersion {
    Any,
    OneOf(Vec<i32>),
}

impl ExpectedVersion {
    pub fn allows(&self, version: i32) -> bool {
        match self {
            ExpectedVersion::Any => true,
            ExpectedVersion::OneOf(versions) => versions.contains(&version),
        }
    }
}

/// A client's name for one create request: the same key from the same user within 24
/// hours returns the first result instead of creating again. 1 to 255 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const MAX_CHARS: usize = 255;

    pub fn new(key: &str) -> Result<Self, String> {
        match key.chars().count() {
            1..=Self::MAX_CHARS => Ok(IdempotencyKey(key.to_string())),
            _ => Err(format!("must be 1 to {} characters", Self::MAX_CHARS)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Number of schedules on a page of the list.
pub const PAGE_SIZE: i64 = 10;

/// What to list: the documented `page`, plus the filters beyond the reference. Also the
/// declaration of these query parameters in the OpenAPI document (every route that takes
/// them lists this one set), read by `api::params`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListQuery {
    /// Page number, from 1 (default 1). Past the end: an empty list.
    #[cfg_attr(feature = "ssr", param(minimum = 1, value_type = Option<i64>))]
    pub page: i64,
    /// (beyond) Case-insensitive substring of the name, without control characters.
    #[cfg_attr(feature = "ssr", param(max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$"))]
    pub q: Option<String>,
    /// (beyond) 1: one-time schedules only; 0: recurring only (interval and calendar).
    #[cfg_attr(feature = "ssr", param(inline, value_type = Option<QueryFlag>))]
    pub once: Option<bool>,
    /// (beyond) Only schedules of this kind: interval (`period`), calendar (`cron`) or once.
    #[cfg_attr(feature = "ssr", param(inline))]
    pub kind: Option<Kind>,
    /// (beyond) 1: only the caller's schedules (needs authentication).
    #[cfg_attr(feature = "ssr", param(inline, value_type = Option<QueryFlag>))]
    pub mine: bool,
    /// (beyond) Only schedules carrying every one of these tags (repeat it: `tag=a&tag=b`);
    /// compared lower-case.
    #[cfg_attr(feature = "ssr", param(style = Form, explode, max_items = 20, inline, value_type = Option<Vec<crate::api::schemas::TagParam>>))]
    #[serde(default, rename = "tag", skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// How the document spells a yes/no query parameter (`once`, `mine`): `1`/`true` or
/// `0`/`false`.
#[cfg(feature = "ssr")]
#[derive(Serialize, utoipa::ToSchema)]
#[allow(dead_code)]
pub enum QueryFlag {
    #[serde(rename = "1")]
    One,
    #[serde(rename = "0")]
    Zero,
    #[serde(rename = "true")]
    True,
    #[serde(rename = "false")]
    False,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery { page: 1, q: None, once: None, kind: None, mine: false, tags: Vec::new() }
    }
}

impl ListQuery {
    pub fn is_unfiltered(&self) -> bool {
        self.q.is_none() && self.once.is_none() && self.kind.is_none() && !self.mine && self.tags.is_empty()
    }
}

/// One page of the list, exactly the documented shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SchedulePage {
    /// Total number of schedules matching the query.
    pub count: i64,
    /// The page size: 10 on every page, also on a short last page and past the end (the
    /// reference's "number of results per page"), so `ceil(count / pagesize)` is the number
    /// of pages.
    pub pagesize: i64,
    pub page: i64,
    pub schedules: Vec<Schedule>,
}

impl SchedulePage {
    pub fn page_count(&self) -> i64 {
        page_count(self.count, PAGE_SIZE)
    }
}

/// How many pages of `pagesize` hold `count` items (0 for none).
pub fn page_count(count: i64, pagesize: i64) -> i64 {
    (count + pagesize - 1) / pagesize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_keeps_everything_but_the_name() {
        let original = NewSchedule {
            name: Some("Nightly export".into()),
            once: false,
            config: Config {
                cron: Some("0 3 * * *".into()),
                timezone: Some("Europe/Paris".into()),
                ..Config::default()
            },
            tags: vec!["reports".into()],
        };
        let copy = original.copy();
        assert_eq!(copy.name.as_deref(), Some("Copy of Nightly export"));
        assert_eq!((copy.once, &copy.config, &copy.tags), (original.once, &original.config, &original.tags));
        assert_eq!(NewSchedule { name: None, ..original.clone() }.copy().name, None);
        let long = NewSchedule { name: Some("é".repeat(validate::NAME_MAX_CHARS)), ..original };
        let name = long.copy().name.unwrap();
        assert_eq!(name.chars().count(), validate::NAME_MAX_CHARS);
        assert!(name.starts_with("Copy of é"));
    }
}
