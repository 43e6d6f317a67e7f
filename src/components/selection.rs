//! Acting on a selection of the list's schedules: the form around the list's table (a
//! checkbox on each of the viewer's own rows, and the action bar), and what the list says
//! after an action. Plain HTML forms: it all works without JavaScript and ships no browser
//! code. The form posts to [`SELECTION_PATH`] (`pages::selection_form`, the same bulk
//! service as `POST /api/v1/schedules/bulk`); a delete first shows its confirmation
//! ([`CONFIRM_DELETE_PATH`]). Which rows are checked and what happened travel in the list's
//! URL, written and read here.

use crate::components::list_url::{encode_query_value, list_href};
use crate::schedules::bulk::BulkVerb;
use crate::schedules::ListQuery;
use leptos::prelude::*;

/// Where the selection form posts.
pub const SELECTION_PATH: &str = "/schedules/selection";
/// The page that confirms the delete of a selection.
pub const CONFIRM_DELETE_PATH: &str = "/schedules/selected";

/// The rows a rendering of the list checks: none, every one the viewer may select, or these
/// (`select=all`, `select=4,9`: kept across a refused action).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Preselected {
    #[default]
    None,
    All,
    Ids(Vec<i64>),
}

impl Preselected {
    pub fn from_param(value: Option<&str>) -> Preselected {
        match value {
            None | Some("") => Preselected::None,
            Some("all") => Preselected::All,
            Some(ids) => Preselected::Ids(ids.split(',').filter_map(|id| id.trim().parse().ok()).collect()),
        }
    }

    pub fn param(&self) -> Option<String> {
        match self {
            Preselected::None => None,
            Preselected::All => Some("all".into()),
            Preselected::Ids(ids) => Some(ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
        }
    }

    pub fn has(&self, id: i64) -> bool {
        match self {
            Preselected::None => false,
            Preselected::All => true,
            Preselected::Ids(ids) => ids.contains(&id),
        }
    }
}

/// What an action on a selection did, or why it did nothing, as the list then says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectionOutcome {
    Done {
        verb: BulkVerb,
        /// How many schedules were named.
        count: usize,
        /// How many of them changed (tag and untag leave alone those with nothing to do).
        changed: usize,
        tags: Vec<String>,
        /// The copies' ids.
        new_ids: Vec<i64>,
    },
    Refused(String),
}

impl SelectionOutcome {
    /// The query pairs the list's URL carries it in.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let joined = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        match self {
            SelectionOutcome::Done { verb, count, changed, tags, new_ids } => {
                let mut pairs = vec![("done", verb.as_str().to_string()), ("n", count.to_string())];
                if changed != count {
                    pairs.push(("changed", changed.to_string()));
                }
                if !tags.is_empty() {
                    pairs.push(("tags", tags.join(",")));
                }
                if !new_ids.is_empty() {
                    pairs.push(("new", joined(new_ids)));
                }
                pairs
            }
            SelectionOutcome::Refused(message) => vec![("refused", message.clone())],
        }
    }

    /// The outcome a list URL carries (`get` gives a query parameter's value), if any.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Option<SelectionOutcome> {
        if let Some(message) = get("refused").filter(|m| !m.is_empty()) {
            return Some(SelectionOutcome::Refused(message));
        }
        let verb = BulkVerb::parse(&get("done")?)?;
        let count: usize = get("n")?.parse().ok()?;
        let changed = get("changed").and_then(|c| c.parse().ok()).unwrap_or(count).min(count);
        let list = |name: &str| get(name).unwrap_or_default();
        let tags = list("tags").split(',').filter(|t| !t.is_empty()).map(String::from).collect();
        let new_ids = list("new").split(',').filter_map(|id| id.parse().ok()).collect();
        Some(SelectionOutcome::Done { verb, count, changed, tags, new_ids })
    }
}

fn schedules(n: usize) -> String {
    match n {
        1 => "1 schedule".to_string(),
        n => format!("{n} schedules"),
    }
}

/// The notice above the list after an action on a selection.
#[component]
pub fn SelectionNotice(outcome: SelectionOutcome) -> impl IntoView {
    let (verb, count, changed, tags, new_ids) = match outcome {
        SelectionOutcome::Refused(message) => {
            return view! { <p class="error" role="alert">{message}</p> }.into_any();
        }
        SelectionOutcome::Done { verb, count, changed, tags, new_ids } => (verb, count, changed, tags, new_ids),
    };
    let tag_words = match tags.len() {
        1 => format!("tag {}", tags[0]),
        _ => format!("tags {}", tags.join(", ")),
    };
    let untouched = count - changed;
    let text = match verb {
        BulkVerb::Delete => format!("Deleted {}.", schedules(count)),
        BulkVerb::Clone => format!("Duplicated {}; the copies are named “Copy of …”:", schedules(count)),
        BulkVerb::Tag if untouched > 0 => {
            format!("Added {tag_words} to {} ({untouched} had it already).", schedules(changed))
        }
        BulkVerb::Tag => format!("Added {tag_words} to {}.", schedules(changed)),
        BulkVerb::Untag if untouched > 0 => {
            format!("Removed {tag_words} from {} ({untouched} did not have it).", schedules(changed))
        }
        BulkVerb::Untag => format!("Removed {tag_words} from {}.", schedules(changed)),
    };
    let copies = new_ids
        .into_iter()
        .map(|id| view! { " " <a href=format!("/schedules/{id}")>{format!("schedule {id}")}</a> })
        .collect_view();
    let deleted_link = (verb == BulkVerb::Delete).then(|| {
        view! { " " <a href="/schedules/deleted">"Recently deleted"</a>" lists them, to restore any." }
    });
    view! { <p class="notice" role="status">{text}{copies}{deleted_link}</p> }.into_any()
}

/// The action bar of the selection form: the tag to add or remove, duplicate, delete (its
/// confirmation first), and checking every own row of the page by a link (which needs no
/// script). The first button is "Add tag": what Enter in the tag field does.
#[component]
pub fn SelectionBar(query: ListQuery, preselected: Preselected, typed_tag: String) -> impl IntoView {
    let here = list_href(&query);
    let with = |select: &str| {
        let sep = if here.contains('?') { '&' } else { '?' };
        format!("{here}{sep}select={select}")
    };
    let toggle = match preselected {
        Preselected::All => view! { <a href=here.clone()>"Clear the selection"</a> }.into_any(),
        _ => view! { <a href=with("all")>"Select all on this page"</a> }.into_any(),
    };
    view! {
        <div class="selection-bar" role="group" aria-label="Act on the selected schedules">
            {toggle}
            <span class="tag-action">
                <label for="selection-tag">"Tag"</label>
                <input id="selection-tag" name="bulk_tag" value=typed_tag autocomplete="off" spellcheck="false"
                    placeholder="e.g. billing" aria-describedby="selection-tag-hint"/>
                <button type="submit" class="secondary" name="action" value=BulkVerb::Tag.as_str()>"Add tag"</button>
                <button type="submit" class="secondary" name="action" value=BulkVerb::Untag.as_str()>"Remove tag"</button>
            </span>
            <span id="selection-tag-hint" class="visually-hidden">"Tags: letters, digits and - _ . : /; several separated by commas"</span>
            <button type="submit" class="secondary" name="action" value=BulkVerb::Clone.as_str()>"Duplicate"</button>
            <button type="submit" class="danger" name="action" value=BulkVerb::Delete.as_str()
                formmethod="get" formaction=CONFIRM_DELETE_PATH>"Delete…"</button>
        </div>
    }
}

/// The list's URL `back` with `pairs` added: where the selection form returns to.
pub fn back_with(back: &str, pairs: &[(&str, String)]) -> String {
    let added: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode_query_value(v))).collect();
    if added.is_empty() {
        return back.to_string();
    }
    let sep = if back.contains('?') { '&' } else { '?' };
    format!("{back}{sep}{}", added.join("&"))
}

/// The list URL a form sent as `back`, if it is one (so the form cannot send the browser
/// elsewhere); else the list.
pub fn safe_back(back: Option<&str>) -> String {
    match back {
        Some(back) if (back == "/schedules" || back.starts_with("/schedules?")) && !back.contains(['\\', '#']) => {
            back.to_string()
        }
        _ => "/schedules".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(href: &str) -> Option<SelectionOutcome> {
        let pairs = crate::query_pairs::QueryPairs::parse(href.split_once('?').map_or("", |(_, q)| q));
        SelectionOutcome::from_params(|name| pairs.get(name).cloned())
    }

    #[test]
    fn outcomes_travel_in_the_list_url() {
        let done = SelectionOutcome::Done {
            verb: BulkVerb::Tag,
            count: 3,
            changed: 2,
            tags: vec!["billing".into(), "team:eu".into()],
            new_ids: vec![],
        };
        let href = back_with("/schedules?mine=1", &done.to_pairs());
        assert_eq!(href, "/schedules?mine=1&done=tag&n=3&changed=2&tags=billing%2Cteam%3Aeu");
        assert_eq!(read(&href), Some(done));
        let cloned =
            SelectionOutcome::Done { verb: BulkVerb::Clone, count: 2, changed: 2, tags: vec![], new_ids: vec![8, 9] };
        assert_eq!(read(&back_with("/schedules", &cloned.to_pairs())), Some(cloned));
        let refused = SelectionOutcome::Refused("nothing was changed: schedule 5 does not exist".into());
        assert_eq!(read(&back_with("/schedules", &refused.to_pairs())), Some(refused));
        assert_eq!(read("/schedules?page=2"), None);
        assert_eq!(read("/schedules?done=pause&n=1"), None);
    }

    #[test]
    fn preselection() {
        assert_eq!(Preselected::from_param(Some("4, 9,x")), Preselected::Ids(vec![4, 9]));
        assert!(Preselected::from_param(Some("all")).has(12));
        assert!(!Preselected::from_param(None).has(12));
        assert_eq!(Preselected::Ids(vec![4, 9]).param().as_deref(), Some("4,9"));
    }

    #[test]
    fn the_form_returns_only_to_the_list() {
        assert_eq!(safe_back(Some("/schedules?q=a&page=2")), "/schedules?q=a&page=2");
        assert_eq!(safe_back(Some("/schedules")), "/schedules");
        for elsewhere in ["https://evil.example/", "//evil.example", "/schedulesx", "/signin", "/schedules?\\x"] {
            assert_eq!(safe_back(Some(elsewhere)), "/schedules", "{elsewhere}");
        }
        assert_eq!(safe_back(None), "/schedules");
    }
}
