//! Server functions of a schedule's history, restoring a version and the deleted schedules:
//! thin wrappers over [`crate::schedules::history_service`], the service the JSON API uses.

use crate::error::AppError;
use crate::schedules::changes::FieldChange;
use crate::schedules::history::{DeletedPage, Version};
use crate::schedules::NewSchedule;
use leptos::server;
use serde::{Deserialize, Serialize};

/// A page of a schedule's history as its page shows it: each version with what it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub count: i64,
    pub page: i64,
    pub page_count: i64,
    pub entries: Vec<HistoryEntry>,
    /// The schedule's version now (none while it is deleted).
    pub current_version: Option<i32>,
    /// When the page was made (Unix seconds).
    pub now: i64,
}

/// One version, and what it changed from the one before (empty for the first one and for
/// a delete, which changes no field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub version: Version,
    pub changes: Vec<FieldChange>,
}

#[server]
pub async fn schedule_history(id: i64, page: i64) -> Result<HistoryView, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            let (history, changes, current_version) =
                crate::schedules::history_service::history_in_words(&state.pool, &user, id, page).await?;
            let (count, page_count) = (history.count, history.page_count());
            let entries = history
                .versions
                .into_iter()
                .zip(changes)
                .map(|(version, changes)| HistoryEntry { version, changes })
                .collect();
            Ok(HistoryView { count, page, page_count, entries, current_version, now: crate::clock::now() })
        }
        .await,
    )
}

/// What a restore of version `version` would do, for its confirmation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreView {
    pub source: Version,
    /// The content now (none while the schedule is deleted).
    pub current: Option<NewSchedule>,
    /// The version the restore is based on (of a deleted schedule, its delete's).
    pub base_version: i32,
    /// What would change from now.
    pub changes: Vec<FieldChange>,
    pub now: i64,
}

#[server]
pub async fn restore_preview(id: i64, version: i32) -> Result<RestoreView, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            let plan = crate::schedules::history_service::restore_plan(&state.pool, &user, id, version).await?;
            let changes = match &plan.current {
                Some(current) => crate::schedules::changes::changes(current, &plan.source.schedule.content()),
                None => Vec::new(),
            };
            Ok(RestoreView {
                source: plan.source,
                current: plan.current,
                base_version: plan.base_version,
                changes,
                now: crate::clock::now(),
            })
        }
        .await,
    )
}

/// Restores version `version` (none: the current one; of a deleted schedule, the content
/// deleted) if the schedule is still at version `base` (when sent), then goes to its page.
#[server]
pub async fn restore_version(
    id: i64,
    version: Option<i32>,
    base: Option<i32>,
    note: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let (state, caller) = crate::context::state_and_required_caller().await?;
        let change = super::schedules::change_with_note(&caller, note.as_deref())?;
        let expected = super::schedules::expected(base);
        crate::schedules::history_service::restore(&state.pool, &caller.user, &change, id, version, &expected).await?;
        leptos_axum::redirect(&format!("/schedules/{id}?restored=1"));
        Ok(())
    }
    .await;
    if let Err(error) = &result {
        let mut pairs = vec![("version".to_string(), version.map(|v| v.to_string()).unwrap_or_default())];
        pairs.extend(note.map(|note| ("note".to_string(), note)));
        crate::context::back_to_form::<RestoreVersion>(&pairs, error);
    }
    crate::context::with_error_status(result)
}

/// A page of the caller's deleted schedules, as the "Recently deleted" page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedView {
    pub page: DeletedPage,
    pub keep_days: u32,
    pub now: i64,
}

#[server]
pub async fn deleted_schedules(page: i64) -> Result<DeletedView, AppError> {
    crate::context::with_error_status(
        async move {
            let (state, user) = crate::context::state_and_user().await?;
            let page = crate::schedules::history_service::deleted(&state.pool, &user, page).await?;
            Ok(DeletedView { page, keep_days: state.settings.keep_deleted_days, now: crate::clock::now() })
        }
        .await,
    )
}
