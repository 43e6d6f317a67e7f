//! All SQL about schedules' versions and deleted schedules (migration 0006). Every
//! statement is checked against the schema when the crate compiles.

use super::history::{Action, Change, DeletedSchedule, Version, HISTORY_PAGE_SIZE};
use super::{NewSchedule, Schedule};
use crate::auth::Via;
use sqlx::{PgConnection, PgPool};

/// A version as its columns store it.
struct VersionRow {
    schedule_id: i64,
    version: i32,
    at: i64,
    action: String,
    via: String,
    token_id: Option<i64>,
    token_name: Option<String>,
    note: Option<String>,
    restored_from: Option<i32>,
    content: serde_json::Value,
}

impl VersionRow {
    /// The version, unless the row breaks what the migration's constraints promise.
    fn into_version(self) -> Result<Version, sqlx::Error> {
        let broken = |what: &str| sqlx::Error::Decode(format!("schedule_versions: {what}").into());
        let action = Action::from_stored(&self.action).ok_or_else(|| broken("unknown action"))?;
        let via = match (self.via.as_str(), self.token_id, self.token_name) {
            ("session", ..) => Via::Session,
            ("token", Some(token_id), Some(token_name)) => Via::Token { token_id, token_name },
            ("inline", ..) => Via::Inline,
            ("migration", ..) => Via::Migration,
            _ => return Err(broken("unknown via")),
        };
        let content = stored_content(self.content)?;
        Ok(Version {
            version: self.version,
            at: self.at,
            action,
            via,
            note: self.note,
            restored_from: self.restored_from,
            schedule: Schedule {
                id: self.schedule_id,
                name: content.name,
                once: content.once,
                config: content.config,
                tags: content.tags,
            },
        })
    }
}

/// A version's `content` column, written by [`record`] (or the migration) in the API's shape.
fn stored_content(content: serde_json::Value) -> Result<NewSchedule, sqlx::Error> {
    serde_json::from_value(content).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// What one write records, beside the schedule it was made to.
pub struct Written<'a> {
    pub schedule_id: i64,
    pub owner_id: i64,
    pub version: i32,
    pub at: i64,
    pub action: Action,
    pub restored_from: Option<i32>,
    pub change: &'a Change,
    pub content: &'a NewSchedule,
}

impl<'a> Written<'a> {
    /// A version made now.
    pub fn new(
        schedule_id: i64,
        owner_id: i64,
        version: i32,
        action: Action,
        change: &'a Change,
        content: &'a NewSchedule,
    ) -> Written<'a> {
        let at = crate::clock::now();
        Written { schedule_id, owner_id, version, at, action, restored_from: None, change, content }
    }
}

/// The token a change was made with, as its two columns.
fn token_columns(change: &Change) -> (Option<i64>, Option<&str>) {
    match &change.via {
        Via::Token { token_id, token_name } => (Some(*token_id), Some(token_name.as_str())),
        _ => (None, None),
    }
}

/// A version's content as its column stores it: the API's shape of the schedule.
fn content_column(content: &NewSchedule) -> Result<serde_json::Value, sqlx::Error> {
    serde_json::to_value(content).map_err(|e| sqlx::Error::Encode(e.into()))
}

/// Creates a schedule owned by `owner_id` and records its first version, in one statement:
/// the version takes the schedule's id from the schedules' sequence, and the schedule row
/// follows. A create so makes one round trip, as before history, and the tallies the
/// insert's triggers update (rows every create of this owner updates) are the last rows it
/// locks before the commit. Returns the id.
pub async fn insert_created(
    conn: &mut PgConnection,
    owner_id: i64,
    schedule: &NewSchedule,
    change: &Change,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let (token_id, token_name) = token_columns(change);
    let config = &schedule.config;
    sqlx::query_scalar!(
        "WITH version AS ( \
           INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, token_id, token_name, note, content) \
           VALUES (nextval(pg_get_serial_sequence('schedules', 'id')), 1, $1, $2, 'created', $3, $4, $5, $6, $7) \
           RETURNING schedule_id) \
         INSERT INTO schedules (id, owner_id, name, once, period, run_at, cron, timezone, until, tags) OVERRIDING SYSTEM VALUE \
         SELECT schedule_id, $1, $8, $9, $10, $11, $12, $13, $14, $15 FROM version \
         RETURNING id",
        owner_id,
        at,
        change.via.kind(),
        token_id,
        token_name,
        change.note.as_ref().map(|n| n.as_str()),
        content_column(schedule)?,
        schedule.name,
        schedule.once,
        super::repo::period_column(schedule),
        config.timestamp,
        config.cron,
        config.timezone,
        config.until,
        &schedule.tags
    )
    .fetch_one(conn)
    .await
}

/// Records a delete (`written`, action deleted): its version, and the schedule among the
/// deleted ones, in one statement. The schedule's row is the caller's to delete, after.
pub async fn record_deleted(conn: &mut PgConnection, written: &Written<'_>) -> Result<(), sqlx::Error> {
    let (token_id, token_name) = token_columns(written.change);
    sqlx::query!(
        "WITH marked AS (INSERT INTO deleted_schedules (id, owner_id, version, deleted_at) VALUES ($1, $3, $2, $4)) \
         INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, token_id, token_name, note, content) \
         VALUES ($1, $2, $3, $4, 'deleted', $5, $6, $7, $8, $9)",
        written.schedule_id,
        written.version,
        written.owner_id,
        written.at,
        written.change.via.kind(),
        token_id,
        token_name,
        written.change.note.as_ref().map(|n| n.as_str()),
        content_column(written.content)?
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records one version, in the transaction of the write that made it.
pub async fn record(conn: &mut PgConnection, written: &Written<'_>) -> Result<(), sqlx::Error> {
    let (token_id, token_name) = token_columns(written.change);
    let content = content_column(written.content)?;
    sqlx::query!(
        "INSERT INTO schedule_versions \
           (schedule_id, version, owner_id, at, action, via, token_id, token_name, note, restored_from, content) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        written.schedule_id,
        written.version,
        written.owner_id,
        written.at,
        written.action.as_str(),
        written.change.via.kind(),
        token_id,
        token_name,
        written.change.note.as_ref().map(|n| n.as_str()),
        written.restored_from,
        content
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The owner of a schedule's history, if it has one (a live or a deleted schedule).
pub async fn owner(pool: &PgPool, schedule_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT owner_id FROM schedule_versions WHERE schedule_id = $1 ORDER BY version DESC LIMIT 1",
        schedule_id
    )
    .fetch_optional(pool)
    .await
}

/// How many versions a schedule has, and page `page` of them, newest first. The count is
/// the newest version's number less the versions never recorded (none since history
/// began; before, each schedule kept only its current version): read from the key's two
/// ends, not by counting rows.
///
/// Each end is its own `ORDER BY … LIMIT 1`: written as `max(version) - min(version)`, the
/// generic plan of the prepared statement, which expects a schedule to have a version or
/// two, read every version of the schedule instead (10,000 index entries for a schedule
/// edited 10,000 times: 6 ms, against 0.05 ms from the two ends).
pub async fn page(pool: &PgPool, schedule_id: i64, page: i64) -> Result<(i64, Vec<Version>), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let count = sqlx::query_scalar!(
        r#"SELECT coalesce(
             (SELECT version FROM schedule_versions WHERE schedule_id = $1 ORDER BY version DESC LIMIT 1)
             - (SELECT version FROM schedule_versions WHERE schedule_id = $1 ORDER BY version LIMIT 1) + 1,
             0)::int8 AS "count!""#,
        schedule_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let offset = (page - 1).saturating_mul(HISTORY_PAGE_SIZE);
    if offset >= count {
        return Ok((count, Vec::new()));
    }
    // Versions are numbered without gaps from the first recorded one, so a page is a
    // range of the key: no rows skipped, whatever the page.
    let rows = sqlx::query_as!(
        VersionRow,
        "SELECT schedule_id, version, at, action, via, token_id, token_name, note, restored_from, content \
         FROM schedule_versions WHERE schedule_id = $1 \
           AND version <= (SELECT version FROM schedule_versions WHERE schedule_id = $1 ORDER BY version DESC LIMIT 1) - $2::int4 \
         ORDER BY version DESC LIMIT $3",
        schedule_id,
        i32::try_from(offset).unwrap_or(i32::MAX),
        HISTORY_PAGE_SIZE
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok((count, rows.into_iter().map(VersionRow::into_version).collect::<Result<_, _>>()?))
}

/// One version of a schedule.
pub async fn find(conn: &mut PgConnection, schedule_id: i64, version: i32) -> Result<Option<Version>, sqlx::Error> {
    let row = sqlx::query_as!(
        VersionRow,
        "SELECT schedule_id, version, at, action, via, token_id, token_name, note, restored_from, content \
         FROM schedule_versions WHERE schedule_id = $1 AND version = $2",
        schedule_id,
        version
    )
    .fetch_optional(conn)
    .await?;
    row.map(VersionRow::into_version).transpose()
}

/// A deleted schedule's owner and the version its delete recorded, locked until the
/// transaction ends (a restore and a purge do not both act on it).
pub struct DeletedRow {
    pub owner_id: i64,
    pub version: i32,
}

pub async fn find_deleted_for_update(conn: &mut PgConnection, id: i64) -> Result<Option<DeletedRow>, sqlx::Error> {
    sqlx::query_as!(DeletedRow, "SELECT owner_id, version FROM deleted_schedules WHERE id = $1 FOR UPDATE", id)
        .fetch_optional(conn)
        .await
}

pub async fn unmark_deleted(conn: &mut PgConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM deleted_schedules WHERE id = $1", id).execute(conn).await?;
    Ok(())
}

/// How many schedules `owner_id` has deleted (and may still restore), and page `page` of
/// them, newest deletion first.
pub async fn deleted_page(pool: &PgPool, owner_id: i64, page: i64) -> Result<(i64, Vec<DeletedSchedule>), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let count =
        sqlx::query_scalar!(r#"SELECT count(*) AS "count!" FROM deleted_schedules WHERE owner_id = $1"#, owner_id)
            .fetch_one(&mut *conn)
            .await?;
    let offset = (page - 1).saturating_mul(HISTORY_PAGE_SIZE);
    if offset >= count {
        return Ok((count, Vec::new()));
    }
    let rows = sqlx::query!(
        "SELECT d.id, d.deleted_at, v.content FROM deleted_schedules d \
         JOIN schedule_versions v ON v.schedule_id = d.id AND v.version = d.version \
         WHERE d.owner_id = $1 ORDER BY d.deleted_at DESC, d.id DESC LIMIT $2 OFFSET $3",
        owner_id,
        HISTORY_PAGE_SIZE,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let schedules = rows
        .into_iter()
        .map(|row| {
            let content = stored_content(row.content)?;
            Ok(DeletedSchedule {
                id: row.id,
                name: content.name,
                once: content.once,
                config: content.config,
                tags: content.tags,
                deleted_at: row.deleted_at,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((count, schedules))
}

/// Removes up to `batch` schedules deleted before `before`, with their history, in one
/// transaction; returns how many went. Each batch is a bounded amount of work (its rows
/// found through the index on `deleted_at`, each schedule's versions through their key),
/// so a long backlog is purged a batch at a time, never in one long transaction.
pub async fn purge_deleted(pool: &PgPool, before: i64, batch: i64) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let ids = sqlx::query_scalar!(
        "DELETE FROM deleted_schedules WHERE id IN \
           (SELECT id FROM deleted_schedules WHERE deleted_at < $1 ORDER BY deleted_at LIMIT $2 FOR UPDATE SKIP LOCKED) \
         RETURNING id",
        before,
        batch
    )
    .fetch_all(&mut *tx)
    .await?;
    if !ids.is_empty() {
        sqlx::query!("DELETE FROM schedule_versions WHERE schedule_id = ANY($1)", &ids).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}
