//! Path ids and query-string parameters. Each set of query parameters is one type that both
//! declares the parameters in the OpenAPI document (`IntoParams`) and reads them from a
//! request (an extractor, answering code 1 for a bad value), so the two cannot drift.

use crate::auth::request::MaybeCaller;
use crate::auth::service::Caller;
use crate::error::AppError;
use crate::query_pairs::QueryPairs;
use crate::schedules::tags;
use crate::schedules::validate::check_search;
use crate::schedules::{Kind, ListQuery};
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

/// A positive integer id from the path (code 1 otherwise).
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let bad = || AppError::BadQuery("the id in the path must be a positive integer".into());
        let Path(text) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| bad())?;
        text.parse::<i64>().ok().filter(|id| *id > 0).map(PathId).ok_or_else(bad)
    }
}

/// The request's query-string pairs, decoded leniently.
pub fn query_pairs(parts: &Parts) -> QueryPairs {
    QueryPairs::parse(parts.uri.query().unwrap_or(""))
}

/// A query-string parameter of Unix seconds, if given (code 1 when it is not an integer).
fn query_seconds(params: &QueryPairs, name: &str) -> Result<Option<i64>, AppError> {
    params
        .get(name)
        .map(|text| text.parse::<i64>().map_err(|_| AppError::BadQuery(format!("{name} must be Unix seconds"))))
        .transpose()
}

/// The query-string boolean `name`, if given (code 1 when it is not one).
pub fn query_flag(params: &QueryPairs, name: &str) -> Result<Option<bool>, AppError> {
    params.get(name).map(|value| query_bool(value, name)).transpose()
}

/// A query-string boolean: `0` / `1` (and, for convenience, `false` / `true`).
fn query_bool(value: &str, name: &str) -> Result<bool, AppError> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(AppError::BadQuery(format!("{name} must be 0 or 1"))),
    }
}

/// `page`, from 1 (default 1; code 1 for anything else): of the list, of a history, of the
/// deleted schedules.
pub fn page_number(params: &QueryPairs) -> Result<i64, AppError> {
    match params.get("page") {
        None => Ok(1),
        Some(page) => page
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::BadQuery("page must be an integer of at least 1".into())),
    }
}

/// The list's page and filters ([`ListQuery`], which declares them) as the JSON API reads
/// them: strictly, code 1 for any bad value.
pub fn list_query(params: &QueryPairs) -> Result<ListQuery, AppError> {
    let mut query = ListQuery { page: page_number(params)?, ..ListQuery::default() };
    if let Some(q) = params.get("q") {
        check_search(q).map_err(AppError::BadQuery)?;
        query.q = Some(q.trim().to_string()).filter(|q| !q.is_empty());
    }
    query.once = query_flag(params, "once")?;
    if let Some(kind) = params.get("kind") {
        query.kind = Some(
            Kind::parse(kind)
                .ok_or_else(|| AppError::BadQuery("kind must be one of interval, calendar, once".into()))?,
        );
    }
    query.mine = query_flag(params, "mine")?.unwrap_or(false);
    query.tags = tag_filter(&params.all("tag"))?;
    Ok(query)
}

/// The tags of a `tag` filter: at most [`tags::TAGS_MAX`] (a schedule has no more), each a
/// tag, lower-cased; one given twice counts once (code 1 for a bad one).
fn tag_filter(given: &[String]) -> Result<Vec<String>, AppError> {
    let mut wanted = Vec::with_capacity(given.len());
    for tag in given {
        let tag = tags::normalise(tag).map_err(|problem| AppError::BadQuery(format!("tag: {problem}")))?;
        if !wanted.contains(&tag) {
            wanted.push(tag);
        }
    }
    if wanted.len() > tags::TAGS_MAX {
        return Err(AppError::BadQuery(format!("at most {} tags can be asked for at once", tags::TAGS_MAX)));
    }
    wanted.sort();
    Ok(wanted)
}

/// A view of the list asked for: its page and filters and, only for `mine=1`, the caller
/// (the public list costs no session lookup).
pub struct Listing {
    pub query: ListQuery,
    pub caller: Option<Caller>,
}

impl FromRequestParts<AppState> for Listing {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let query = list_query(&query_pairs(parts))?;
        let caller = if query.mine { MaybeCaller::from_request_parts(parts, state).await?.0 } else { None };
        Ok(Listing { query, caller })
    }
}

/// Where run times are asked from: `from`, Unix seconds, by default now.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Since {
    /// Unix seconds: runs at or after this time (default now).
    #[param(value_type = Option<i64>)]
    pub from: i64,
}

impl<S: Send + Sync> FromRequestParts<S> for Since {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let from = query_seconds(&query_pairs(parts), "from")?.unwrap_or_else(crate::clock::now);
        Ok(Since { from })
    }
}

/// A window of time runs are asked for in: `[from, to)`, by default the 24 hours from now.
/// Its bounds (the Unix seconds the API accepts, at most 31 days long) are the service's
/// to check, for the pages as for the API; the document states them here.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Window {
    /// Unix seconds: the window's start, included (default now); 2000-01-01 to 9999-12-31.
    #[param(value_type = Option<i64>, minimum = 946684800i64, maximum = 253402300799i64)]
    pub from: i64,
    /// Unix seconds: the window's end, excluded (default from + 86400); after from, and at most 31 days (2678400 s) after it.
    #[param(value_type = Option<i64>, minimum = 946684800i64, maximum = 253402300799i64)]
    pub to: i64,
}

impl<S: Send + Sync> FromRequestParts<S> for Window {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let params = query_pairs(parts);
        let from = query_seconds(&params, "from")?.unwrap_or_else(crate::clock::now);
        let to = query_seconds(&params, "to")?.unwrap_or(from.saturating_add(86_400));
        Ok(Window { from, to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::validate::{TIMESTAMP_MAX, TIMESTAMP_MIN};

    fn list(raw: &str) -> Result<ListQuery, AppError> {
        list_query(&QueryPairs::parse(raw))
    }

    #[test]
    fn list_query_rules() {
        assert_eq!(list("").unwrap().page, 1);
        assert_eq!(list("page=3").unwrap().page, 3);
        for bad in [
            "page=0",
            "page=abc",
            "page=-1",
            "page=1.5",
            "page=99999999999999999999",
            "once=2",
            "once=",
            "mine=yes",
            "kind=cron",
            "kind=",
        ] {
            assert_eq!(list(bad).unwrap_err().code(), 1, "{bad}");
        }
        let q = list("q=%20morning%20&once=1&mine=0").unwrap();
        assert_eq!((q.q.as_deref(), q.once, q.mine), (Some("morning"), Some(true), false));
        assert_eq!(list("kind=calendar").unwrap().kind, Some(Kind::Calendar));
    }

    /// The document states the bounds the service checks.
    #[test]
    fn window_bounds_are_the_services() {
        use utoipa::IntoParams;
        for parameter in Window::into_params(|| None) {
            let schema = serde_json::to_value(parameter.schema).unwrap();
            assert_eq!(schema["minimum"], TIMESTAMP_MIN, "{}", parameter.name);
            assert_eq!(schema["maximum"], TIMESTAMP_MAX, "{}", parameter.name);
        }
    }
}
