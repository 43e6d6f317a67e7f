//! A schedule's history for its owner: its versions, restoring one (also of a deleted
//! schedule, which comes back with its id), the deleted schedules, and their purge after
//! the retention. The writes that record versions are in [`super::service`].

use super::changes::{changes, FieldChange};
use super::history::{Action, Change, DeletedPage, HistoryPage, Version, HISTORY_PAGE_SIZE};
use super::history_repo::{self, Written};
use super::service::{authorise_change, obeys_the_rules};
use super::{repo, ExpectedVersion, NewSchedule, ScheduleRecord};
use crate::auth::User;
use crate::error::AppError;
use sqlx::PgPool;

/// Page `page` of a schedule's versions, newest first, for its owner; also while it is
/// deleted. Code 6 for an id with no history (never created, or purged), 101 for another
/// user's schedule.
pub async fn history(pool: &PgPool, caller: &User, id: i64, page: i64) -> Result<HistoryPage, AppError> {
    check_page(page)?;
    history_is_callers(pool, caller, id, || {
        AppError::Forbidden("only the owner of this schedule may see its history".into())
    })
    .await?;
    let (count, versions) = history_repo::page(pool, id, page).await?;
    Ok(HistoryPage { count, pagesize: HISTORY_PAGE_SIZE, page, versions })
}

/// [`history`], with what each version changed from the one before it (for the oldest
/// version of a page, its predecessor is read too), and the schedule's version now (none
/// while it is deleted).
pub async fn history_in_words(
    pool: &PgPool,
    caller: &User,
    id: i64,
    page: i64,
) -> Result<(HistoryPage, Vec<Vec<FieldChange>>, Option<i32>), AppError> {
    let history = history(pool, caller, id, page).await?;
    let mut conn = pool.acquire().await?;
    let before_page = match history.versions.last() {
        Some(oldest) if oldest.version > 1 => history_repo::find(&mut conn, id, oldest.version - 1).await?,
        _ => None,
    };
    let changes = history
        .versions
        .iter()
        .enumerate()
        .map(|(i, version)| {
            let previous = history.versions.get(i + 1).or(before_page.as_ref());
            match (version.action, previous) {
                (Action::Created, _) | (_, None) => Vec::new(),
                (_, Some(previous)) => changes(&previous.schedule.content(), &version.schedule.content()),
            }
        })
        .collect();
    let current = repo::find(pool, id).await?.map(|record| record.version);
    Ok((history, changes, current))
}

/// What a restore of version `from` would start from, for its confirmation.
pub struct RestorePlan {
    pub source: Version,
    /// The content now; none while the schedule is deleted.
    pub current: Option<NewSchedule>,
    /// The version a restore is based on: the current one, or a deleted schedule's delete.
    pub base_version: i32,
}

/// The owner's view of restoring version `from` (code 6 for an unknown schedule or version,
/// 101 for another user's).
pub async fn restore_plan(pool: &PgPool, caller: &User, id: i64, from: i32) -> Result<RestorePlan, AppError> {
    history_is_callers(pool, caller, id, AppError::not_owner).await?;
    let mut conn = pool.acquire().await?;
    let source = history_repo::find(&mut conn, id, from)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("schedule {id} has no version {from}")))?;
    let (current, base_version) = match repo::find(pool, id).await? {
        Some(record) => (Some(record.schedule.content()), record.version),
        None => {
            let deleted = history_repo::find_deleted_for_update(&mut conn, id)
                .await?
                .ok_or_else(|| AppError::schedule_not_found(id))?;
            (None, deleted.version)
        }
    };
    Ok(RestorePlan { source, current, base_version })
}

/// Page `page` of the caller's deleted schedules, newest deletion first.
pub async fn deleted(pool: &PgPool, caller: &User, page: i64) -> Result<DeletedPage, AppError> {
    check_page(page)?;
    let (count, schedules) = history_repo::deleted_page(pool, caller.id, page).await?;
    Ok(DeletedPage { count, pagesize: HISTORY_PAGE_SIZE, page, schedules })
}

/// Code 6 unless schedule `id` has a history (live or deleted); `not_theirs` unless that
/// history is the caller's.
async fn history_is_callers(
    pool: &PgPool,
    caller: &User,
    id: i64,
    not_theirs: impl FnOnce() -> AppError,
) -> Result<(), AppError> {
    match history_repo::owner(pool, id).await? {
        None => Err(AppError::schedule_not_found(id)),
        Some(owner) if owner != caller.id => Err(not_theirs()),
        Some(_) => Ok(()),
    }
}

fn check_page(page: i64) -> Result<(), AppError> {
    if page < 1 {
        return Err(AppError::BadQuery("page must be an integer of at least 1".into()));
    }
    Ok(())
}

/// Makes a schedule's content that of its version `from` (by default: its current version,
/// or for a deleted schedule the content deleted), as a new version. A deleted schedule
/// comes back with the same id. `expected` is checked against the current version (for a
/// deleted schedule, the version its delete recorded), as for an update. The content is
/// checked against today's rules (code 26 when an old version breaks one added since).
pub async fn restore(
    pool: &PgPool,
    caller: &User,
    change: &Change,
    id: i64,
    from: Option<i32>,
    expected: &ExpectedVersion,
) -> Result<ScheduleRecord, AppError> {
    let mut tx = pool.begin().await?;
    let (owner_id, current_version, live) = match repo::find_for_update(&mut tx, id).await? {
        Some(current) => (current.owner_id, current.version, true),
        None => {
            let deleted = history_repo::find_deleted_for_update(&mut tx, id)
                .await?
                .ok_or_else(|| AppError::schedule_not_found(id))?;
            (deleted.owner_id, deleted.version, false)
        }
    };
    authorise_change(caller, owner_id, current_version, expected)?;
    let source = from.unwrap_or(current_version);
    let version = history_repo::find(&mut tx, id, source)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("schedule {id} has no version {source}")))?;
    let content = version.schedule.content();
    obeys_the_rules(&content)?;
    let restored_version = current_version + 1;
    let written = Written {
        restored_from: Some(source),
        ..Written::new(id, owner_id, restored_version, Action::Restored, change, &content)
    };
    history_repo::record(&mut tx, &written).await?;
    let restored = if live {
        repo::update(&mut tx, id, &content).await?
    } else {
        history_repo::unmark_deleted(&mut tx, id).await?;
        // After the rest, as in `service::delete`: the insert's triggers update the tallies.
        repo::insert_restored(&mut tx, id, owner_id, restored_version, &content).await?;
        repo::find_for_update(&mut tx, id).await?.ok_or_else(AppError::internal_missing_row)?
    };
    tx.commit().await?;
    Ok(restored)
}

/// Schedules deleted this many days ago or more are purged with their history.
pub const KEEP_DELETED_DAYS_DEFAULT: u32 = 30;

/// The most deleted schedules one purge transaction removes.
const PURGE_BATCH: i64 = 1_000;

/// Removes the schedules deleted more than `keep_days` days before `now` (Unix seconds),
/// with their history, [`PURGE_BATCH`] a transaction until none is left; returns how many.
pub async fn purge_deleted(pool: &PgPool, keep_days: u32, now: i64) -> Result<u64, AppError> {
    let before = now - i64::from(keep_days) * 86_400;
    let mut removed = 0;
    loop {
        let batch = history_repo::purge_deleted(pool, before, PURGE_BATCH).await?;
        removed += batch;
        if batch < PURGE_BATCH as u64 {
            return Ok(removed);
        }
    }
}
