//! One module per route of the UI, and the URL helpers they share.

pub mod api_docs;
pub mod not_found;
pub mod schedule_detail;
pub mod schedule_edit;
pub mod schedules_list;
pub mod sign_in;
pub mod sign_up;
pub mod tokens;

use crate::schedules::ListQuery;
use leptos::prelude::*;

/// The schedule id of a `/schedules/:id...` route, `None` when it is not a positive integer.
pub fn use_schedule_id() -> Memo<Option<i64>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).filter(|id| *id > 0)))
}

/// The list's state from its URL, leniently: anything unreadable is the default.
pub fn list_query_from(get: impl Fn(&str) -> Option<String>) -> ListQuery {
    ListQuery {
        page: get("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        q: get("q").map(|q| q.trim().to_string()).filter(|q| !q.is_empty()),
        once: get("once").and_then(|o| match o.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }),
        mine: get("mine").as_deref() == Some("1"),
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
    if query.mine {
        params.push("mine=1".to_string());
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

    #[test]
    fn list_urls_round_trip() {
        let query = ListQuery { page: 3, q: Some("daily & more".into()), once: Some(false), mine: true };
        let href = list_href(&query);
        assert_eq!(href, "/schedules?q=daily%20%26%20more&once=0&mine=1&page=3");
        let params: std::collections::HashMap<String, String> =
            form_urlencoded::parse(href.split_once('?').unwrap().1.as_bytes()).into_owned().collect();
        assert_eq!(list_query_from(|k| params.get(k).cloned()), query);
        assert_eq!(list_href(&ListQuery::default()), "/schedules");
        assert_eq!(list_query_from(|k| (k == "page").then(|| "0".to_string())).page, 1);
    }
}
