//! Doing a bulk action for the JSON API and the list page alike: all or nothing, in one
//! transaction, each change recorded as a version with the caller's note.

use super::bulk::{BulkOutcome, BulkRequest, BulkVerb, Refusal};
use super::history::{Action, Change};
use super::history_repo::{self, Written};
use super::repo::{self, Replay};
use super::service::{kept_for, key_used_elsewhere, obeys_the_rules};
use super::tags::TAGS_MAX;
use super::{IdempotencyKey, NewSchedule, ScheduleRecord};
use crate::auth::User;
use crate::error::AppError;
use sqlx::{PgConnection, PgPool};
use std::collections::HashMap;

/// Does `request` for `caller`, or nothing at all: a schedule that does not exist or is
/// not the caller's refuses the whole action ([`AppError::Refused`], each one listed), as
/// does any other broken rule. Every schedule is locked (in id order) before the first
/// change. With an `Idempotency-Key` the caller used for the same request in the last 24
/// hours, answers that request's results and changes nothing.
pub async fn act(
    pool: &PgPool,
    caller: &User,
    change: &Change,
    request: &BulkRequest,
    idempotency_key: Option<&IdempotencyKey>,
) -> Result<Vec<BulkOutcome>, AppError> {
    let asked = serde_json::to_value(request).map_err(AppError::internal)?;
    let mut tx = pool.begin().await?;
    if let Some(key) = idempotency_key.map(IdempotencyKey::as_str) {
        match repo::claim_idempotency_key(&mut tx, caller.id, key).await? {
            None => {}
            Some(Replay { bulk: Some(earlier), .. }) => return replayed(earlier, &asked),
            Some(_) => return Err(key_used_elsewhere("creating a schedule")),
        }
    }
    let mut sorted = request.ids.clone();
    sorted.sort_unstable();
    let mut records: HashMap<i64, ScheduleRecord> = repo::find_many_for_update(&mut tx, &sorted)
        .await?
        .into_iter()
        .map(|record| (record.schedule.id, record))
        .collect();
    let refused: Vec<Refusal> = request
        .ids
        .iter()
        .filter_map(|&id| match records.get(&id) {
            None => Some(Refusal { id, code: 6 }),
            Some(record) if record.owner_id != caller.id => Some(Refusal { id, code: 101 }),
            Some(_) => None,
        })
        .collect();
    if !refused.is_empty() {
        return Err(AppError::Refused(refused));
    }
    let mut outcomes = Vec::with_capacity(request.ids.len());
    for id in &request.ids {
        let record = records.remove(id).ok_or_else(AppError::internal_missing_row)?;
        outcomes.push(act_on(&mut tx, caller, change, request, record).await?);
    }
    if let Some(key) = idempotency_key.map(IdempotencyKey::as_str) {
        let kept = serde_json::json!({ "request": asked, "results": outcomes });
        repo::record_bulk_idempotency_key(&mut tx, caller.id, key, &kept).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// The results an earlier request under the same key had, if it asked the same.
fn replayed(earlier: serde_json::Value, asked: &serde_json::Value) -> Result<Vec<BulkOutcome>, AppError> {
    if earlier.get("import").is_some() {
        return Err(key_used_elsewhere(kept_for(&earlier)));
    }
    if earlier.get("request") != Some(asked) {
        return Err(key_used_elsewhere("another bulk action"));
    }
    let results = earlier.get("results").cloned().unwrap_or_default();
    serde_json::from_value(results).map_err(AppError::internal)
}

/// One schedule's part of the action (its owner already checked).
async fn act_on(
    conn: &mut PgConnection,
    caller: &User,
    change: &Change,
    request: &BulkRequest,
    record: ScheduleRecord,
) -> Result<BulkOutcome, AppError> {
    let id = record.schedule.id;
    let content = record.schedule.content();
    let done = |new_id, changed| Ok(BulkOutcome { id, new_id, changed });
    match request.action {
        BulkVerb::Delete => {
            let written = Written::new(id, record.owner_id, record.version + 1, Action::Deleted, change, &content);
            history_repo::record_deleted(conn, &written).await?;
            repo::delete(conn, id).await?;
            done(None, true)
        }
        BulkVerb::Clone => {
            let copy = content.copy();
            // Stored under the rules of its day, a schedule may break one added since.
            obeys_the_rules(&copy)
                .map_err(|broken| AppError::InvalidPayload(format!("schedule {id} cannot be copied: {broken}")))?;
            let new_id =
                history_repo::insert_created(conn, caller.id, &copy.normalised(), change, crate::clock::now()).await?;
            done(Some(new_id), true)
        }
        BulkVerb::Tag | BulkVerb::Untag => {
            let tags = retagged(&content.tags, request.action, &request.tags);
            if tags == content.tags {
                return done(None, false);
            }
            if tags.len() > TAGS_MAX {
                return Err(AppError::InvalidPayload(format!(
                    "schedule {id} would have {} tags: a schedule has at most {TAGS_MAX}",
                    tags.len()
                )));
            }
            let next = NewSchedule { tags, ..content };
            let updated = repo::update(conn, id, &next).await?;
            let written = Written::new(id, record.owner_id, updated.version, Action::Updated, change, &next);
            history_repo::record(conn, &written).await?;
            done(None, true)
        }
    }
}

/// A schedule's tags with `tags` added (tag) or removed (untag), sorted as stored.
fn retagged(current: &[String], verb: BulkVerb, tags: &[String]) -> Vec<String> {
    let mut next: Vec<String> = match verb {
        BulkVerb::Untag => current.iter().filter(|tag| !tags.contains(tag)).cloned().collect(),
        _ => current.iter().chain(tags.iter().filter(|tag| !current.contains(tag))).cloned().collect(),
    };
    next.sort_unstable();
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_added_and_removed_stay_sorted_and_single() {
        let have = vec!["b".to_string(), "d".to_string()];
        let asked = vec!["a".to_string(), "d".to_string()];
        assert_eq!(retagged(&have, BulkVerb::Tag, &asked), ["a", "b", "d"]);
        assert_eq!(retagged(&have, BulkVerb::Untag, &asked), ["b"]);
        assert_eq!(retagged(&have, BulkVerb::Untag, &["z".to_string()]), have);
    }
}
