//! The timeline: when the schedules of a view of the list run, one lane each, over 24
//! hours, 7 days or 30 days, in the viewer's zone. Drawn on the server as SVG inside the
//! page's HTML, so it works without JavaScript and the browser downloads no code for it;
//! the runs come from the same code as `/upcoming` ([`crate::schedules::runs`]).

pub mod draw;
pub mod layout;
pub mod page;

use crate::auth::User;
use crate::drawing::frame::Frame;
use crate::error::AppError;
use crate::schedules::zones::DEFAULT_ZONE;
use crate::schedules::{service, ListQuery};
use sqlx::PgPool;

/// The timeline page of a view of the list (its filters and page) in `frame`.
pub async fn page_markup(
    pool: &PgPool,
    query: &ListQuery,
    caller: Option<&User>,
    frame: Frame,
) -> Result<String, AppError> {
    let (page, runs) = service::runs_in_window(pool, query, caller, frame.window.from, frame.window.to).await?;
    let page_count = page.page_count();
    let lanes = page
        .schedules
        .into_iter()
        .zip(runs)
        .map(|(schedule, runs)| draw::Lane {
            id: schedule.id,
            kind: schedule.content().kind(),
            zone: schedule.config.timezone.clone().unwrap_or_else(|| DEFAULT_ZONE.to_string()),
            name: schedule.name,
            runs,
        })
        .collect();
    Ok(draw::page(&draw::Timeline { frame, query, lanes, page_count }))
}
