//! Acting on many schedules at once (`POST /api/v1/schedules/bulk`, the list page's
//! selection): what may be asked, and what was done. Plain Rust, for the server and the
//! browser; the service that does it is [`super::bulk_service`] (all or nothing).

use super::tags::{normalise_all, TAGS_MAX};
use serde::{Deserialize, Serialize};

/// Most schedules one bulk action names.
pub const BULK_IDS_MAX: usize = 500;

/// What a bulk action does to each schedule it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BulkVerb {
    /// Deletes it (restorable, as any delete).
    Delete,
    /// Creates a copy: its `once`, `config` and tags, named "Copy of …".
    Clone,
    /// Adds the tags it lacks.
    Tag,
    /// Removes the tags it has.
    Untag,
}

impl BulkVerb {
    pub const ALL: [BulkVerb; 4] = [BulkVerb::Delete, BulkVerb::Clone, BulkVerb::Tag, BulkVerb::Untag];

    pub fn as_str(self) -> &'static str {
        match self {
            BulkVerb::Delete => "delete",
            BulkVerb::Clone => "clone",
            BulkVerb::Tag => "tag",
            BulkVerb::Untag => "untag",
        }
    }

    pub fn parse(text: &str) -> Option<BulkVerb> {
        BulkVerb::ALL.into_iter().find(|verb| verb.as_str() == text)
    }

    /// Whether it needs tags (and takes none otherwise).
    pub fn takes_tags(self) -> bool {
        matches!(self, BulkVerb::Tag | BulkVerb::Untag)
    }
}

/// A bulk action that obeys the rules: 1 to [`BULK_IDS_MAX`] positive ids, each once,
/// and for tag and untag 1 to [`TAGS_MAX`] tags (normalised as stored), none otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRequest {
    pub action: BulkVerb,
    /// In the order sent, which is the order of the results.
    pub ids: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl BulkRequest {
    /// The request, or the rule it breaks (worded for the API and the list page alike).
    pub fn new(action: BulkVerb, ids: Vec<i64>, tags: &[String]) -> Result<BulkRequest, String> {
        if ids.is_empty() {
            return Err("ids must name at least one schedule".into());
        }
        if ids.len() > BULK_IDS_MAX {
            return Err(format!("ids may name at most {BULK_IDS_MAX} schedules ({} given)", ids.len()));
        }
        if let Some(bad) = ids.iter().find(|id| **id < 1) {
            return Err(format!("ids must be positive integers ({bad} is not)"));
        }
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        if let Some(twice) = ids.iter().find(|id| !seen.insert(**id)) {
            return Err(format!("ids must name each schedule once ({twice} is given twice)"));
        }
        let tags = match (action.takes_tags(), tags.is_empty()) {
            (true, true) => return Err(format!("{} needs tags: 1 to {TAGS_MAX} of them", action.as_str())),
            (false, false) => return Err(format!("tags are only for tag and untag, not {}", action.as_str())),
            (true, false) => normalise_all(tags).map_err(|problems| format!("tags: {}", problems.join("; ")))?,
            (false, true) => Vec::new(),
        };
        Ok(BulkRequest { action, ids, tags })
    }
}

/// What a bulk action did to one schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub id: i64,
    /// A clone's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_id: Option<i64>,
    /// False when there was nothing to do (tag: it had them all; untag: it had none), and
    /// so no version was written.
    pub changed: bool,
}

/// A schedule a bulk action cannot act on: it does not exist (code 6) or is not the
/// caller's (code 101).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Refusal {
    pub id: i64,
    /// 6: no such schedule; 101: not the caller's.
    pub code: u16,
}

/// The message of a refused bulk action: nothing changed, and why, for the first few.
pub fn refused_message(refused: &[Refusal]) -> String {
    const NAMED: usize = 5;
    let mut reasons: Vec<String> = refused
        .iter()
        .take(NAMED)
        .map(|r| match r.code {
            6 => format!("schedule {} does not exist", r.id),
            _ => format!("schedule {} is not yours", r.id),
        })
        .collect();
    if refused.len() > NAMED {
        reasons.push(format!("and {} more (see refused)", refused.len() - NAMED));
    }
    format!("nothing was changed: {}", reasons.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn requests_obey_the_rules() {
        let ok = BulkRequest::new(BulkVerb::Tag, vec![3, 1], &tags(&["Ops", "billing"])).unwrap();
        assert_eq!(ok.ids, [3, 1], "the order sent is kept");
        assert_eq!(ok.tags, ["billing", "ops"], "tags as stored");
        assert!(BulkRequest::new(BulkVerb::Delete, vec![], &[]).unwrap_err().contains("at least one"));
        assert!(BulkRequest::new(BulkVerb::Delete, (1..=501).collect(), &[]).unwrap_err().contains("at most 500"));
        assert!(BulkRequest::new(BulkVerb::Delete, (1..=500).collect(), &[]).is_ok());
        assert!(BulkRequest::new(BulkVerb::Delete, vec![1, 0], &[]).unwrap_err().contains("0 is not"));
        assert!(BulkRequest::new(BulkVerb::Clone, vec![4, 5, 4], &[]).unwrap_err().contains("4 is given twice"));
        assert!(BulkRequest::new(BulkVerb::Untag, vec![1], &[]).unwrap_err().contains("untag needs tags"));
        assert!(BulkRequest::new(BulkVerb::Delete, vec![1], &tags(&["x"])).unwrap_err().contains("not delete"));
        assert!(BulkRequest::new(BulkVerb::Tag, vec![1], &tags(&["a b"])).unwrap_err().contains("a space"));
        assert!(BulkRequest::new(BulkVerb::Tag, vec![1], &tags(&["a", "A"])).unwrap_err().contains("twice"));
    }

    #[test]
    fn verbs_read_as_written() {
        for verb in BulkVerb::ALL {
            assert_eq!(BulkVerb::parse(verb.as_str()), Some(verb));
            assert_eq!(serde_json::to_value(verb).unwrap(), verb.as_str());
        }
        assert_eq!(BulkVerb::parse("Delete"), None);
    }

    #[test]
    fn refusals_are_named() {
        let refused = [Refusal { id: 5, code: 6 }, Refusal { id: 9, code: 101 }];
        assert_eq!(
            refused_message(&refused),
            "nothing was changed: schedule 5 does not exist; schedule 9 is not yours"
        );
        let many: Vec<Refusal> = (1..=8).map(|id| Refusal { id, code: 6 }).collect();
        assert!(refused_message(&many).ends_with("schedule 5 does not exist; and 3 more (see refused)"));
    }
}
