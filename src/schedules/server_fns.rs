//! Server functions the pages call: thin wrappers over [`super::service`], the same
//! service the JSON API uses.

use super::form::ScheduleForm;
use super::{ListQuery, SchedulePage, ScheduleRecord};
use crate::error::AppError;
use leptos::server;
use serde::{Deserialize, Serialize};

#[server]
pub async fn list_schedules(query: ListQuery) -> Result<SchedulePage, AppError> {
    crate::server::context::with_error_status(async move {
        // Only "mine" needs to know the caller: the public list costs no session lookup.
        let (state, caller) = if query.mine {
            crate::server::context::state_and_caller().await?
        } else {
            (crate::server::context::state_and_parts().await?.0, None)
        };
        super::service::list(&state.pool, &query, caller.as_ref().map(|c| &c.user)).await
    }
    .await)
}

/// A schedule as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleView {
    pub record: ScheduleRecord,
    /// The next five run times from the moment the page was made.
    pub upcoming: Vec<i64>,
    /// Whether the viewer owns it (and so may edit and delete it).
    pub can_edit: bool,
}

#[server]
pub async fn schedule_detail(id: i64) -> Result<ScheduleView, AppError> {
    crate::server::context::with_error_status(async move {
        let (state, caller) = crate::server::context::state_and_caller().await?;
        let record = super::service::get(&state.pool, id).await?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let upcoming = super::describe::upcoming(&record.schedule.content(), now, 5);
        let can_edit = caller.is_some_and(|c| c.user.id == record.owner_id);
        Ok(ScheduleView { record, upcoming, can_edit })
    }
    .await)
}

/// Creates (no `id`) or updates a schedule from the form, then goes to its page. An
/// update names the `version` it was made from and is refused if the schedule has changed
/// since (code 103), so nobody overwrites a change they have not seen.
#[server]
pub async fn save_schedule(id: Option<i64>, version: Option<i32>, form: ScheduleForm) -> Result<i64, AppError> {
    crate::server::context::with_error_status(async move {
        use super::ScheduleUpdate;
        let (state, user) = crate::server::context::state_and_user().await?;
        let schedule = form.to_schedule().map_err(AppError::InvalidFields)?;
        let id = match id {
            None => super::service::create(&state.pool, &user, &schedule, None).await?,
            Some(id) => {
                let update = ScheduleUpdate { name: Some(schedule.name), once: Some(schedule.once), config: Some(schedule.config) };
                let if_match = version.map(|v| super::etag(id, v));
                super::service::update(&state.pool, &user, id, &update, if_match.as_deref()).await?;
                id
            }
        };
        leptos_axum::redirect(&format!("/schedules/{id}"));
        Ok(id)
    }
    .await)
}

#[server]
pub async fn delete_schedule(id: i64, version: Option<i32>) -> Result<(), AppError> {
    crate::server::context::with_error_status(async move {
        let (state, user) = crate::server::context::state_and_user().await?;
        let if_match = version.map(|v| super::etag(id, v));
        super::service::delete(&state.pool, &user, id, if_match.as_deref()).await?;
        leptos_axum::redirect("/schedules?deleted=1");
        Ok(())
    }
    .await)
}
