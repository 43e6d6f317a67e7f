//! (beyond) `/api/v1/schedules/runs`: the runs of a page of the list inside a window, the
//! data the timeline draws. A thin handler over [`crate::schedules::service::runs_in_window`].

use super::params::{Listing, Window};
use crate::error::{AppError, ErrorBody};
use crate::schedules::service::{self, WINDOW_MAX};
use crate::schedules::ListQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};

/// Most run times one answer holds, over all its schedules.
pub const RUNS_MAX: usize = 20_000;

/// One schedule's runs in the window.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct ScheduleRuns {
    pub id: i64,
    /// Unix seconds, ascending: the times `/upcoming` gives from `from`, up to `to`.
    pub runs: Vec<i64>,
}

/// The runs of a page of schedules in `[from, to)`.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct RunsPage {
    /// Unix seconds: the window, `from` included, `to` not.
    pub from: i64,
    pub to: i64,
    /// Schedules matching the filters (as in the list).
    pub count: i64,
    pub pagesize: i64,
    pub page: i64,
    /// The page's schedules, by ascending id, each with its runs.
    pub schedules: Vec<ScheduleRuns>,
}

/// (beyond) The runs of a page of the list inside a window of at most 31 days.
#[utoipa::path(get, path = "/api/v1/schedules/runs", operation_id = "listRuns", tag = "schedules",
    params(Window, ListQuery),
    responses(
        (status = 200, body = RunsPage),
        (status = 400, description = "A bad parameter, a window that is empty or longer than 31 days, or more than 20000 runs in the answer (code 1)", body = ErrorBody),
        (status = 401, description = "mine=1 without authentication (code 100)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Window { from, to }: Window,
    Listing { query, caller }: Listing,
) -> Result<Json<RunsPage>, AppError> {
    let (page, runs) = service::runs_in_window(&state.pool, &query, caller.as_ref().map(|c| &c.user), from, to).await?;
    let total: usize = runs.iter().map(Vec::len).sum();
    if total > RUNS_MAX {
        return Err(AppError::BadQuery(format!(
            "this page of schedules runs {total} times in the window, more than the {RUNS_MAX} one answer holds: ask for a shorter window (at most {} days)",
            WINDOW_MAX / 86_400
        )));
    }
    let schedules = page
        .schedules
        .iter()
        .zip(runs)
        .map(|(schedule, runs)| ScheduleRuns { id: schedule.id, runs: runs.into_iter().map(|run| run.at).collect() })
        .collect();
    Ok(Json(RunsPage { from, to, count: page.count, pagesize: page.pagesize, page: page.page, schedules }))
}
