//! The URLs of the list's views: its filters and page in the query string, read leniently
//! and written short. The list page, its pager and its search box build links with them.

use crate::schedules::{tags, Kind, ListQuery};

/// The list's state from its URL (`get_all` gives every value of a name), leniently:
/// anything unreadable is the default, and where a name is repeated the last value counts,
/// but for `tag`, which keeps each (lower-cased; one that is no tag matches nothing). Besides
/// the API's `kind` values, the kind box of a page without JavaScript sends `kind=recurring`
/// (interval and calendar: `once=0`) and `kind=once` (`once=1`).
pub fn list_query_from(get_all: impl Fn(&str) -> Vec<String>) -> ListQuery {
    let get = |name: &str| get_all(name).pop();
    let (once_by_kind, kind) = kind_filters(&get("kind").unwrap_or_default());
    let once = match (get("once").as_deref(), once_by_kind) {
        (Some("1"), _) | (_, Some(true)) => Some(true),
        (Some("0"), _) | (_, Some(false)) => Some(false),
        _ => None,
    };
    ListQuery {
        page: get("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        q: get("q").map(|q| q.trim().to_string()).filter(|q| !q.is_empty()),
        once,
        kind,
        mine: get("mine").as_deref() == Some("1"),
        tags: tag_filter(get_all("tag")),
    }
}

/// The tags of a view's `tag` filter: lower-cased, sorted, each once, at most
/// [`tags::TAGS_MAX`].
fn tag_filter(given: Vec<String>) -> Vec<String> {
    let mut wanted: Vec<String> =
        given.iter().map(|tag| tag.trim().to_lowercase()).filter(|tag| !tag.is_empty()).collect();
    wanted.sort();
    wanted.dedup();
    wanted.truncate(tags::TAGS_MAX);
    wanted
}

/// The view of the list showing the schedules tagged `tag` (the link a tag is).
pub fn tag_href(tag: &str) -> String {
    list_href(&ListQuery { tags: vec![tag.to_string()], ..ListQuery::default() })
}

/// What the list's kind box shows for a view: "", "recurring", "interval", "calendar", "once".
pub fn kind_choice(query: &ListQuery) -> &'static str {
    match (query.once, query.kind) {
        (Some(true), _) | (_, Some(Kind::Once)) => "once",
        (_, Some(kind)) => kind.as_str(),
        (Some(false), None) => "recurring",
        (None, None) => "",
    }
}

/// The view a choice of the kind box asks for (see [`kind_choice`]).
pub fn with_kind_choice(query: ListQuery, choice: &str) -> ListQuery {
    let (once, kind) = kind_filters(choice);
    ListQuery { page: 1, once, kind, ..query }
}

/// The filters a choice of the kind box stands for: `once` for "once" and "recurring" (both
/// recurring kinds), else the kind it names, if any.
fn kind_filters(choice: &str) -> (Option<bool>, Option<Kind>) {
    match choice {
        "once" => (Some(true), None),
        "recurring" => (Some(false), None),
        other => (None, Kind::parse(other)),
    }
}

/// The URL of a view of the list; default values are left out, so URLs stay short.
pub fn list_href(query: &ListQuery) -> String {
    let mut params = Vec::new();
    if let Some(q) = &query.q {
        params.push(format!("q={}", encode_query_value(q)));
    }
    if let Some(once) = query.once {
        params.push(format!("once={}", u8::from(once)));
    }
    if let Some(kind) = query.kind {
        params.push(format!("kind={}", kind.as_str()));
    }
    if query.mine {
        params.push("mine=1".to_string());
    }
    for tag in &query.tags {
        params.push(format!("tag={}", encode_query_value(tag)));
    }
    if query.page > 1 {
        params.push(format!("page={}", query.page));
    }
    if params.is_empty() {
        "/schedules".to_string()
    } else {
        format!("/schedules?{}", params.join("&"))
    }
}

/// The URL of the timeline of a view of the list: its filters and page, the window's
/// length (`24h`, `7d`, `30d`) and start (Unix seconds; absent: from now).
pub fn timeline_href(query: &ListQuery, span: Option<&str>, start: Option<i64>) -> String {
    let list = list_href(query);
    let params = list.split_once('?').map(|(_, params)| params.to_string()).into_iter().collect();
    window_href("/schedules/timeline", params, span, start)
}

/// The URL of an export of the caller's schedules that a view of the list keeps (its
/// filters, not its page), as a `format` file.
pub fn export_href(query: &ListQuery, format: &str) -> String {
    let filters = ListQuery { page: 1, mine: false, ..query.clone() };
    let list = list_href(&filters);
    match list.split_once('?') {
        Some((_, params)) => format!("/api/v1/schedules/export?format={format}&{params}"),
        None => format!("/api/v1/schedules/export?format={format}"),
    }
}

/// The URL of the load view of the caller's schedules: the window's length (`24h`, `7d`,
/// `30d`) and start (Unix seconds; absent: from the current hour).
pub fn load_href(span: Option<&str>, start: Option<i64>) -> String {
    window_href("/schedules/load", Vec::new(), span, start)
}

/// `path` with `params`, then the window's `span` and `start` when given.
fn window_href(path: &str, mut params: Vec<String>, span: Option<&str>, start: Option<i64>) -> String {
    if let Some(span) = span {
        params.push(format!("span={}", encode_query_value(span)));
    }
    if let Some(start) = start {
        params.push(format!("start={start}"));
    }
    if params.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode_query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a page reads of the query string of `href`.
    fn pairs_of(href: &str) -> impl Fn(&str) -> Vec<String> {
        let pairs = crate::query_pairs::QueryPairs::parse(href.split_once('?').map_or("", |(_, q)| q));
        move |name| pairs.all(name)
    }

    #[test]
    fn list_urls_round_trip() {
        let query = ListQuery {
            page: 3,
            q: Some("daily & more".into()),
            once: Some(false),
            kind: None,
            mine: true,
            tags: vec!["billing".into(), "team:eu".into()],
        };
        let href = list_href(&query);
        assert_eq!(href, "/schedules?q=daily%20%26%20more&once=0&mine=1&tag=billing&tag=team%3Aeu&page=3");
        assert_eq!(list_query_from(pairs_of(&href)), query);
        assert_eq!(tag_href("ops"), "/schedules?tag=ops");
        assert_eq!(
            export_href(&query, "crontab"),
            "/api/v1/schedules/export?format=crontab&q=daily%20%26%20more&once=0&tag=billing&tag=team%3Aeu"
        );
        assert_eq!(export_href(&ListQuery::default(), "json"), "/api/v1/schedules/export?format=json");
        assert_eq!(list_query_from(pairs_of("/schedules?tag=Ops&tag=a&tag=ops&tag=")).tags, vec!["a", "ops"]);
        assert_eq!(list_href(&ListQuery::default()), "/schedules");
        assert_eq!(timeline_href(&ListQuery::default(), None, None), "/schedules/timeline");
        assert_eq!(load_href(None, None), "/schedules/load");
        assert_eq!(load_href(Some("7d"), Some(1_798_761_600)), "/schedules/load?span=7d&start=1798761600");
        assert_eq!(
            timeline_href(&query, Some("7d"), Some(1_798_761_600)),
            "/schedules/timeline?q=daily%20%26%20more&once=0&mine=1&tag=billing&tag=team%3Aeu&page=3&span=7d&start=1798761600"
        );
        assert_eq!(list_query_from(pairs_of("/schedules?page=0")).page, 1);
        let calendar = ListQuery { kind: Some(Kind::Calendar), ..ListQuery::default() };
        assert_eq!(list_href(&calendar), "/schedules?kind=calendar");
        assert_eq!(list_query_from(pairs_of("/schedules?kind=calendar")), calendar);
        for choice in ["", "recurring", "interval", "calendar", "once"] {
            let query = with_kind_choice(ListQuery::default(), choice);
            assert_eq!(kind_choice(&query), choice);
            assert_eq!(list_query_from(pairs_of(&list_href(&query))), query, "{choice}");
            // Without JavaScript the box sends kind=<choice>: the same view.
            assert_eq!(kind_choice(&list_query_from(pairs_of(&format!("/schedules?kind={choice}")))), choice);
        }
    }
}
