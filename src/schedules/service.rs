//! The only way to schedules in the database, for the JSON API and the server functions
//! alike: validate, authorise, then call the repo.

use super::calendar::Run;
use super::describe::grouped;
use super::history::{Action, Change};
use super::history_repo::{self, Written};
use super::runs::{next_run_times, runs_between};
use super::tags::{TagCount, TagList, TAGS_LISTED_MAX};
use super::validate::{check, check_search, Field, FieldError, TIMESTAMP_MAX, TIMESTAMP_MIN};
use super::{
    repo, ExpectedVersion, IdempotencyKey, Kind, ListQuery, NewSchedule, Schedule, SchedulePage, ScheduleRecord,
    ScheduleUpdate, PAGE_SIZE,
};
use crate::auth::User;
use crate::error::AppError;
use sqlx::PgPool;

pub async fn list(pool: &PgPool, query: &ListQuery, caller: Option<&User>) -> Result<SchedulePage, AppError> {
    if query.page < 1 {
        return Err(AppError::BadQuery("page must be an integer of at least 1".into()));
    }
    if query.mine && caller.is_none() {
        return Err(AppError::AuthRequired);
    }
    if let Some(q) = &query.q {
        check_search(q).map_err(AppError::BadQuery)?;
    }
    let (count, schedules) = repo::page(pool, query, caller.map(|u| u.id)).await?;
    Ok(SchedulePage { count, pagesize: PAGE_SIZE, page: query.page, schedules })
}

/// The caller's schedules that the list's filters keep, oldest first, as an export holds
/// them (at most [`super::export::EXPORT_MAX`]).
pub async fn exported(pool: &PgPool, query: &ListQuery, caller: &User) -> Result<Vec<Schedule>, AppError> {
    Ok(repo::exported(pool, query, caller.id, super::export::EXPORT_MAX).await?)
}

/// The caller's schedules among `ids` (at most [`super::bulk::BULK_IDS_MAX`] of them
/// are looked at), by ascending id: which rows of a page the caller may select, and what a
/// selection holds.
pub async fn owned_among(pool: &PgPool, caller: &User, ids: &[i64]) -> Result<Vec<Schedule>, AppError> {
    let ids = &ids[..ids.len().min(super::bulk::BULK_IDS_MAX)];
    Ok(repo::owned_among(pool, caller.id, ids).await?)
}

/// The tags in use on everyone's schedules, or (`mine`) on the caller's.
pub async fn tags_in_use(pool: &PgPool, caller: Option<&User>, mine: bool) -> Result<TagList, AppError> {
    let owner = match (mine, caller) {
        (false, _) => None,
        (true, Some(user)) => Some(user.id),
        (true, None) => return Err(AppError::AuthRequired),
    };
    let tags = repo::tags_in_use(pool, owner, TAGS_LISTED_MAX).await?;
    Ok(TagList { tags: tags.into_iter().map(|(tag, count)| TagCount { tag, count }).collect() })
}

/// Removes the tallies of tags no schedule carries any more (hourly; one statement over
/// the tallies' table, which holds a row per tag, kind and slot in use).
pub async fn forget_unused_tags(pool: &PgPool) -> Result<u64, AppError> {
    Ok(repo::forget_unused_tags(pool).await?)
}

pub async fn get(pool: &PgPool, id: i64) -> Result<ScheduleRecord, AppError> {
    repo::find(pool, id).await?.ok_or_else(|| AppError::schedule_not_found(id))
}

/// The next `count` run times at or after `from`.
pub async fn upcoming_runs(pool: &PgPool, id: i64, from: i64, count: usize) -> Result<Vec<i64>, AppError> {
    let record = get(pool, id).await?;
    Ok(next_run_times(&record.schedule.content(), from, count))
}

/// The longest window runs are asked for in: 31 days (a minute apart at most, 44,640 runs
/// a schedule).
pub const WINDOW_MAX: i64 = 31 * 86_400;

/// A page of the list (as [`list`]) with each schedule's runs in `[from, to)`, for the
/// timeline and its JSON.
pub async fn runs_in_window(
    pool: &PgPool,
    query: &ListQuery,
    caller: Option<&User>,
    from: i64,
    to: i64,
) -> Result<(SchedulePage, Vec<Vec<Run>>), AppError> {
    check_window(from, to)?;
    let page = list(pool, query, caller).await?;
    let contents: Vec<NewSchedule> = page.schedules.iter().map(|s| s.content()).collect();
    // Up to ten times 44,640 runs.
    let runs = working_out(move || contents.iter().map(|s| runs_between(s, from, to)).collect()).await?;
    Ok((page, runs))
}

/// Runs `work` (working out many runs) off the async runtime, at most one at a time per
/// core. More at once would finish no sooner, and each would hold its runs in memory (and
/// its own allocator arena) meanwhile: 16 load views at once took the server to 137 MB
/// before this gate, and to 50 MB with it (bench/RESULTS.md).
async fn working_out<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    static GATE: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let gate = GATE.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get))
    });
    let _permit = gate.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(work).await.map_err(AppError::internal)
}

/// Most schedules of one owner whose runs [`runs_of_own`] counts.
pub const OWN_SCHEDULES_MAX: usize = 5_000;

/// Most runs [`runs_of_own`] works out for one answer, over all the schedules.
pub const OWN_RUNS_MAX: usize = 1_000_000;

/// All the caller's schedules, by ascending id, each with its run times in `[from, to)`:
/// what the load view counts. Bounded work: at most [`OWN_SCHEDULES_MAX`] schedules and
/// [`OWN_RUNS_MAX`] runs, else a clear refusal (code 1) before any more is worked out.
pub async fn runs_of_own(
    pool: &PgPool,
    caller: Option<&User>,
    from: i64,
    to: i64,
) -> Result<(Vec<Schedule>, Vec<Vec<i64>>), AppError> {
    check_window(from, to)?;
    let caller = caller.ok_or(AppError::AuthRequired)?;
    let schedules = repo::owned_by(pool, caller.id, OWN_SCHEDULES_MAX as i64 + 1).await?;
    if schedules.len() > OWN_SCHEDULES_MAX {
        return Err(AppError::BadQuery(format!(
            "you have more than {max} schedules: the load view counts the runs of at most {max}",
            max = grouped(OWN_SCHEDULES_MAX)
        )));
    }
    let contents: Vec<NewSchedule> = schedules.iter().map(|s| s.content()).collect();
    let runs = working_out(move || {
        let mut total = 0;
        let mut all = Vec::with_capacity(contents.len());
        for schedule in &contents {
            let runs: Vec<i64> = runs_between(schedule, from, to).into_iter().map(|run| run.at).collect();
            total += runs.len();
            if total > OWN_RUNS_MAX {
                return None;
            }
            all.push(runs);
        }
        Some(all)
    })
    .await?;
    let runs = runs.ok_or_else(|| {
        AppError::BadQuery(format!(
            "your schedules run more than {} times in this window, more than the load view counts: ask for a shorter one",
            grouped(OWN_RUNS_MAX)
        ))
    })?;
    Ok((schedules, runs))
}

/// A window runs are asked for in: Unix seconds the API accepts, `to` after `from` and at
/// most [`WINDOW_MAX`] after it.
fn check_window(from: i64, to: i64) -> Result<(), AppError> {
    if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&from) || !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&to) {
        return Err(AppError::BadQuery(format!(
            "from and to must be Unix seconds between {TIMESTAMP_MIN} and {TIMESTAMP_MAX}"
        )));
    }
    if to <= from || to - from > WINDOW_MAX {
        return Err(AppError::BadQuery(format!(
            "to must be after from, and at most {} days ({WINDOW_MAX} seconds) after it",
            WINDOW_MAX / 86_400
        )));
    }
    Ok(())
}

/// Creates a schedule owned by `owner`, and its first version. With an idempotency key
/// already used by `owner` in the last 24 hours, returns the schedule that first request
/// created instead (and records nothing).
pub async fn create(
    pool: &PgPool,
    owner: &User,
    change: &Change,
    schedule: &NewSchedule,
    idempotency_key: Option<&IdempotencyKey>,
) -> Result<i64, AppError> {
    obeys_the_rules(schedule)?;
    let schedule = &schedule.clone().normalised();
    let mut tx = pool.begin().await?;
    if let Some(key) = idempotency_key.map(IdempotencyKey::as_str) {
        match repo::claim_idempotency_key(&mut tx, owner.id, key).await? {
            Some(repo::Replay { schedule_id: Some(id), .. }) => return Ok(id),
            Some(repo::Replay { bulk: Some(earlier), .. }) => return Err(key_used_elsewhere(kept_for(&earlier))),
            Some(_) | None => {}
        }
    }
    let id = history_repo::insert_created(&mut tx, owner.id, schedule, change, crate::clock::now()).await?;
    if let Some(key) = idempotency_key.map(IdempotencyKey::as_str) {
        repo::record_idempotency_key(&mut tx, owner.id, key, id).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The refusal of an `Idempotency-Key` the caller used for another kind of request (`what`)
/// in the last 24 hours: answering that request's result would be wrong, doing this one
/// would break the key's promise.
/// What an idempotency key's kept answer was for: a bulk action or an import.
pub(super) fn kept_for(earlier: &serde_json::Value) -> &'static str {
    if earlier.get("import").is_some() {
        "an import"
    } else {
        "a bulk action"
    }
}

pub(super) fn key_used_elsewhere(what: &str) -> AppError {
    AppError::InvalidPayload(format!(
        "this Idempotency-Key was used for {what} in the last 24 hours: send this request with a new key"
    ))
}

/// Applies `update` for the owner, if the stored version is one `expected` allows, and
/// records the version it makes.
pub async fn update(
    pool: &PgPool,
    caller: &User,
    change: &Change,
    id: i64,
    update: &ScheduleUpdate,
    expected: &ExpectedVersion,
) -> Result<ScheduleRecord, AppError> {
    let mut tx = pool.begin().await?;
    let current = repo::find_for_update(&mut tx, id).await?.ok_or_else(|| AppError::schedule_not_found(id))?;
    authorise_change(caller, current.owner_id, current.version, expected)?;
    let next = update.apply_to(&current.schedule.content());
    obeys_the_rules(&next)?;
    let next = next.normalised();
    let updated = repo::update(&mut tx, id, &next).await?;
    let written = Written::new(id, current.owner_id, updated.version, Action::Updated, change, &next);
    history_repo::record(&mut tx, &written).await?;
    tx.commit().await?;
    Ok(updated)
}

/// Deletes a schedule for the owner. The delete is a version of its own (the next number,
/// holding the content deleted), and the schedule can be restored with the same id until
/// it is purged (see [`super::history_service`]).
pub async fn delete(
    pool: &PgPool,
    caller: &User,
    change: &Change,
    id: i64,
    expected: &ExpectedVersion,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let current = repo::find_for_update(&mut tx, id).await?.ok_or_else(|| AppError::schedule_not_found(id))?;
    authorise_change(caller, current.owner_id, current.version, expected)?;
    let (version, deleted) = (current.version + 1, current.schedule.content());
    let written = Written::new(id, current.owner_id, version, Action::Deleted, change, &deleted);
    history_repo::record_deleted(&mut tx, &written).await?;
    // Last: the delete's triggers update the owner's tallies (rows every create and delete
    // of this owner updates); written last, they stay locked only through the commit.
    repo::delete(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// The one place a schedule is checked against the rules, for every write (the API's body
/// readers check only the JSON's shape; the form only reads its fields) and the editor's
/// preview: every broken rule on its field, code
/// 26 when all are inside `config`, else 4.
pub fn obeys_the_rules(schedule: &NewSchedule) -> Result<(), AppError> {
    let mut errors = check(schedule);
    // A zone name the browser knows may still be missing from this server's database.
    if let (Kind::Calendar, Some(zone)) = (schedule.kind(), &schedule.config.timezone) {
        if errors.iter().all(|e| e.field != Field::Timezone) {
            if let Err(problem) = super::calendar::zone(zone) {
                errors.push(FieldError::new(
                    Field::Timezone,
                    format!("config.timezone {problem}"),
                    format!("Time zone: {problem}"),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::InvalidFields(errors))
    }
}

/// Whether `caller` may change a schedule owned by `owner_id` now at `version` (also a
/// deleted one, at its delete's version): the owner only (101), from a version `expected`
/// allows (103).
pub(super) fn authorise_change(
    caller: &User,
    owner_id: i64,
    version: i32,
    expected: &ExpectedVersion,
) -> Result<(), AppError> {
    if owner_id != caller.id {
        return Err(AppError::not_owner());
    }
    if !expected.allows(version) {
        return Err(AppError::VersionMismatch);
    }
    Ok(())
}
