//! (beyond) `/api/v1/schedules/load`: how many runs all of the caller's schedules start in
//! a window, per bucket of time, and the minutes in which the most of them fire together:
//! the counts the load view draws. A thin handler over
//! [`crate::schedules::service::runs_of_own`] and [`crate::schedules::tally`].

use super::params::{query_pairs, Window};
use crate::auth::request::MaybeCaller;
use crate::error::{AppError, ErrorBody};
use crate::schedules::service::{self, WINDOW_MAX};
use crate::schedules::tally::{busiest_minutes, per_bucket, BUSIEST};
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::Json;
use serde::{Deserialize, Serialize};

/// Most buckets one answer holds: a minute's over 31 days.
pub const BUCKETS_MAX: i64 = WINDOW_MAX / 60;

/// How long a bucket of the load is.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Bucket {
    /// Seconds a bucket spans: a whole number of minutes (default 3600).
    #[param(value_type = Option<i64>, minimum = 60, maximum = 2678400, multiple_of = 60.0)]
    pub bucket: i64,
}

impl<S: Send + Sync> FromRequestParts<S> for Bucket {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let bucket = match query_pairs(parts).get("bucket") {
            None => 3_600,
            Some(text) => {
                text.parse::<i64>().ok().filter(|b| (60..=WINDOW_MAX).contains(b) && b % 60 == 0).ok_or_else(|| {
                    AppError::BadQuery(format!(
                        "bucket must be a whole number of minutes, from 60 to {WINDOW_MAX} seconds"
                    ))
                })?
            }
        };
        Ok(Bucket { bucket })
    }
}

/// A minute in which several of the caller's schedules run.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct BusyMinute {
    /// Unix seconds: the minute's start.
    pub at: i64,
    /// The ids of the schedules with a run in that minute, ascending.
    pub schedules: Vec<i64>,
}

/// The load of the caller's schedules in `[from, to)`.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct Load {
    /// Unix seconds: the window, `from` included, `to` not.
    pub from: i64,
    pub to: i64,
    /// Seconds a bucket spans.
    pub bucket: i64,
    /// How many schedules the caller has (all are counted).
    pub schedules: usize,
    /// Runs in the window, over all of them.
    pub runs: usize,
    /// Runs starting in each bucket: the k-th counts `[from + k × bucket, from + (k + 1) × bucket)`, the last one cut short at `to`.
    pub counts: Vec<u32>,
    /// Up to 10 minutes in which the most schedules (at least two) run, the most first, earlier first among equals.
    pub busiest: Vec<BusyMinute>,
}

/// (beyond) How many runs the caller's schedules start in a window of at most 31 days.
#[utoipa::path(get, path = "/api/v1/schedules/load", operation_id = "getLoad", tag = "schedules",
    params(Window, Bucket),
    security(("session" = []), ("bearer" = [])),
    responses(
        (status = 200, body = Load),
        (status = 400, description = "A bad parameter, a window that is empty or longer than 31 days, more than 44640 buckets, more than 5000 schedules or more than 1000000 runs to count (code 1)", body = ErrorBody),
        (status = 401, description = "No authentication (code 100)", body = ErrorBody),
    ))]
pub async fn get(
    State(state): State<AppState>,
    Window { from, to }: Window,
    Bucket { bucket }: Bucket,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Json<Load>, AppError> {
    if to > from && (to - from + bucket - 1) / bucket > BUCKETS_MAX {
        return Err(AppError::BadQuery(format!(
            "the window holds more than {BUCKETS_MAX} buckets: ask for larger ones"
        )));
    }
    // The service refuses a bad window (code 1) before a missing caller (code 100).
    let (schedules, runs) = service::runs_of_own(&state.pool, caller.as_ref().map(|c| &c.user), from, to).await?;
    let busiest = busiest_minutes(from, to, &runs, BUSIEST)
        .into_iter()
        .map(|minute| BusyMinute {
            at: minute.at,
            schedules: minute.lanes.iter().map(|lane| schedules[*lane].id).collect(),
        })
        .collect();
    Ok(Json(Load {
        from,
        to,
        bucket,
        schedules: schedules.len(),
        runs: runs.iter().map(Vec::len).sum(),
        counts: per_bucket(from, to, bucket, &runs),
        busiest,
    }))
}
