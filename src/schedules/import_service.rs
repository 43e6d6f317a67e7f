//! Importing for the JSON API and the Import page alike: every entry checked against the
//! rules every write obeys and shown as it would be created, then all the valid ones
//! created in one transaction (or none, when any entry has an error and the caller did not
//! ask to skip them).

use super::describe::describe;
use super::history::Change;
use super::history_repo;
use super::import::{self, EntryStatus, ImportEntry, ImportReport, ImportRequest, Place, Read, ReadEntry};
use super::repo::{self, Replay};
use super::runs::next_run_times;
use super::service::{kept_for, key_used_elsewhere, obeys_the_rules};
use super::IdempotencyKey;
use crate::auth::User;
use crate::error::AppError;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// How many next runs each entry shows.
pub const PREVIEWED_RUNS: usize = 3;

/// Every entry of `request` as it would be created at `now` (or why it cannot be): what a
/// dry run answers and the Import page's preview shows.
pub fn preview(request: &ImportRequest, now: i64) -> Result<Vec<ImportEntry>, AppError> {
    // A bundle holds JSON, whose keys its errors name ("config.period …"); a crontab line or a
    // manifest does not, so theirs are worded as the editor words them ("Cron expression: …").
    let in_json_words = request.format == import::ImportFormat::Bundle;
    Ok(import::read(request)?.into_iter().map(|entry| checked(entry, now, in_json_words)).collect())
}

fn checked(entry: ReadEntry, now: i64, in_json_words: bool) -> ImportEntry {
    let place = entry.place;
    match entry.read {
        Read::Skipped(what) => ImportEntry::skipped(place, what),
        Read::Error { code, msg } => ImportEntry::error(place, code, msg),
        Read::Schedule(schedule) => match obeys_the_rules(&schedule) {
            Err(AppError::InvalidFields(broken)) if !in_json_words => {
                let code = AppError::InvalidFields(broken.clone()).code();
                let words: Vec<&str> = broken.iter().map(|e| e.form_message.as_str()).collect();
                ImportEntry::error(place, code, words.join("; "))
            }
            Err(broken) => ImportEntry::error(place, broken.code(), broken.to_string()),
            Ok(()) => {
                let schedule = schedule.normalised();
                let runs = next_run_times(&schedule, now, PREVIEWED_RUNS);
                ImportEntry::ok(place, &schedule, describe(&schedule), runs)
            }
        },
    }
}

/// Creates every valid entry of `request` for `caller`, each a version with `change`'s
/// note (or, without one, a note saying where it came from); or, when any entry has an
/// error and `skip_invalid` is not set, nothing ([`AppError::ImportRefused`], every entry
/// listed). With an `Idempotency-Key` the caller used for the same import in the last 24
/// hours, creates nothing and answers what that import created. A `dry_run` answers as the
/// import would, creating nothing (and leaving the key alone).
pub async fn import(
    pool: &PgPool,
    caller: &User,
    change: &Change,
    request: &ImportRequest,
    idempotency_key: Option<&IdempotencyKey>,
    dry_run: bool,
) -> Result<ImportReport, AppError> {
    let now = crate::clock::now();
    let entries = preview(request, now)?;
    if !request.skip_invalid && entries.iter().any(|entry| entry.status == EntryStatus::Error) {
        return Err(AppError::ImportRefused(entries));
    }
    if dry_run {
        return Ok(ImportReport { entries, created: Vec::new() });
    }
    let asked = digest(request);
    let mut tx = pool.begin().await?;
    if let Some(key) = idempotency_key.map(IdempotencyKey::as_str) {
        match repo::claim_idempotency_key(&mut tx, caller.id, key).await? {
            None => {}
            Some(Replay { bulk: Some(earlier), .. }) => {
                return match earlier.get("import").and_then(serde_json::Value::as_str) {
                    Some(digest) if digest == asked => {
                        let created = earlier.get("created").cloned().unwrap_or_default();
                        let created = serde_json::from_value(created).map_err(AppError::internal)?;
                        Ok(ImportReport { entries, created })
                    }
                    Some(_) => Err(key_used_elsewhere("another import")),
                    None => Err(key_used_elsewhere(kept_for(&earlier))),
                };
            }
            Some(_) => return Err(key_used_elsewhere("creating a schedule")),
        }
    }
    let mut created = Vec::new();
    for entry in &entries {
        if let Some(schedule) = entry.to_create() {
            let change = noted(change, request, entry.place());
            created.push(history_repo::insert_created(&mut tx, caller.id, &schedule, &change, now).await?);
        }
    }
    if let Some(key) = idempotency_key.map(IdempotencyKey::as_str) {
        let kept = serde_json::json!({ "import": asked, "created": created });
        repo::record_bulk_idempotency_key(&mut tx, caller.id, key, &kept).await?;
    }
    tx.commit().await?;
    Ok(ImportReport { entries, created })
}

/// The caller's note, else where the schedule came from ("Imported from a crontab, line 12").
fn noted(change: &Change, request: &ImportRequest, place: Place) -> Change {
    if change.note.is_some() {
        return change.clone();
    }
    let from = match request.format {
        import::ImportFormat::Crontab | import::ImportFormat::SystemCrontab => "a crontab",
        import::ImportFormat::Bundle => "a bundle",
        import::ImportFormat::CronJobs => "Kubernetes manifests",
    };
    Change::with_note(change.via.clone(), Some(&format!("Imported from {from}, {place}")))
        .unwrap_or_else(|_| change.clone())
}

/// What identifies an import for its idempotency key: everything it was asked.
pub fn digest(request: &ImportRequest) -> String {
    let mut hash = Sha256::new();
    for part in [request.format.as_str(), &request.zone, &request.tags.join(","), &request.skip_invalid.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(request.text.as_bytes());
    hash.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::import::ImportFormat;

    fn request(text: &str) -> ImportRequest {
        ImportRequest::new(ImportFormat::Crontab, text.to_string(), Some("Europe/Paris"), &[], false).unwrap()
    }

    #[test]
    fn entries_are_checked_described_and_previewed() {
        let entries = preview(&request("# Reports\n0 9 * * 1-5 report\n61 * * * * x\n"), 1_800_000_000).unwrap();
        assert_eq!(entries[0].status, EntryStatus::Skipped);
        let ok = &entries[1];
        assert_eq!(ok.status, EntryStatus::Ok);
        assert_eq!(ok.description.as_deref(), Some("Every weekday at 09:00 (Europe/Paris)"));
        assert_eq!(ok.next_runs.as_ref().map(Vec::len), Some(PREVIEWED_RUNS));
        assert_eq!(ok.schedule.as_ref().unwrap().tags, ["imported"]);
        assert_eq!((entries[2].status, entries[2].code), (EntryStatus::Error, Some(26)));
        assert!(
            entries[2].msg.as_deref().unwrap().starts_with("Cron expression: the minute field"),
            "{:?}",
            entries[2].msg
        );
    }

    #[test]
    fn a_digest_tells_requests_apart() {
        assert_eq!(digest(&request("a")), digest(&request("a")));
        assert_ne!(digest(&request("a")), digest(&request("b")));
        let mut skipping = request("a");
        skipping.skip_invalid = true;
        assert_ne!(digest(&request("a")), digest(&skipping));
    }
}
