//! A schedule's history: every write (create, update, delete, restore) keeps a version,
//! numbered as the schedule's `ETag`, with who made it, how they were signed in, why (an
//! optional note), and the content after it. A deleted schedule keeps its history and can
//! come back with the same id for `--keep-deleted-days`.

use super::{Config, Schedule};
use crate::auth::Via;
use serde::{Deserialize, Serialize};

/// What a write did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Created,
    Updated,
    Deleted,
    Restored,
}

impl Action {
    /// The name the API and the database use.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Deleted => "deleted",
            Action::Restored => "restored",
        }
    }

    pub fn from_stored(name: &str) -> Option<Action> {
        [Action::Created, Action::Updated, Action::Deleted, Action::Restored].into_iter().find(|a| a.as_str() == name)
    }
}

/// One version of a schedule: the content a write left (for a delete, the content deleted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Version {
    /// The schedule's version after the write, as in its `ETag`.
    pub version: i32,
    /// Unix seconds.
    pub at: i64,
    pub action: Action,
    pub via: Via,
    /// Why, as the writer said (`X-Change-Note`, the editor's "Why" field).
    pub note: Option<String>,
    /// For a restore, the version whose content it brought back.
    pub restored_from: Option<i32>,
    pub schedule: Schedule,
}

/// One page of a schedule's history, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryPage {
    pub count: i64,
    /// 10 on every page, as the list's.
    pub pagesize: i64,
    pub page: i64,
    pub versions: Vec<Version>,
}

/// A deleted schedule that can still be restored: its content when it was deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeletedSchedule {
    pub id: i64,
    pub name: Option<String>,
    pub once: bool,
    pub config: Config,
    /// (beyond) Its tags when it was deleted; absent when it had none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ssr", schema(required = false))]
    pub tags: Vec<String>,
    /// Unix seconds.
    pub deleted_at: i64,
}

/// One page of the caller's deleted schedules, newest deletion first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeletedPage {
    pub count: i64,
    pub pagesize: i64,
    pub page: i64,
    pub schedules: Vec<DeletedSchedule>,
}

impl HistoryPage {
    pub fn page_count(&self) -> i64 {
        super::page_count(self.count, self.pagesize)
    }
}

impl DeletedPage {
    pub fn page_count(&self) -> i64 {
        super::page_count(self.count, self.pagesize)
    }
}

/// Versions and deleted schedules a page.
pub const HISTORY_PAGE_SIZE: i64 = 10;

/// Why a change was made, as its writer said: at most [`ChangeNote::MAX_CHARS`]
/// characters, no control characters (a note is one line, shown as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeNote(String);

impl ChangeNote {
    pub const MAX_CHARS: usize = 500;

    /// The note, or why it is refused. Blank text is no note.
    pub fn new(text: &str) -> Result<Option<ChangeNote>, String> {
        if text.chars().any(char::is_control) {
            return Err("a change note may not contain control characters (such as a line break)".into());
        }
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(format!("a change note may have at most {} characters", Self::MAX_CHARS));
        }
        Ok(Some(ChangeNote(text.to_string())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a write records besides the content: how its caller was signed in, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub via: Via,
    pub note: Option<ChangeNote>,
}

impl Change {
    /// A change by a caller signed in `via`, with the note `text` when one is given (its
    /// rule as the error when the note breaks it): what every write path records.
    pub fn with_note(via: Via, text: Option<&str>) -> Result<Change, String> {
        let note = text.map(ChangeNote::new).transpose()?.flatten();
        Ok(Change { via, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes() {
        assert_eq!(ChangeNote::new("  ").unwrap(), None);
        assert_eq!(ChangeNote::new(" moved to 3am ").unwrap().unwrap().as_str(), "moved to 3am");
        assert!(ChangeNote::new(&"é".repeat(500)).unwrap().is_some());
        assert!(ChangeNote::new(&"é".repeat(501)).is_err());
        assert!(ChangeNote::new("two\nlines").is_err());
        assert!(ChangeNote::new("bell\u{7}").is_err());
        assert!(ChangeNote::new("c1\u{85}").is_err());
        assert!(ChangeNote::new("trailing line break\n").is_err());
    }

    #[test]
    fn actions_and_vias_read_as_the_api_writes_them() {
        for action in [Action::Created, Action::Updated, Action::Deleted, Action::Restored] {
            assert_eq!(Action::from_stored(action.as_str()), Some(action));
            assert_eq!(serde_json::to_value(action).unwrap(), action.as_str());
        }
        let token = Via::Token { token_id: 7, token_name: "deploy-bot".into() };
        assert_eq!(
            serde_json::to_value(&token).unwrap(),
            serde_json::json!({"kind": "token", "token_id": 7, "token_name": "deploy-bot"})
        );
        assert_eq!(serde_json::to_value(Via::Session).unwrap(), serde_json::json!({"kind": "session"}));
    }
}
