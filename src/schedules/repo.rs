//! All SQL about schedules. Fixed statements are checked against the schema when the
//! crate compiles (`query!`, `query_as!`; offline data in `.sqlx/`); the list's statements,
//! assembled from its filters, run as written, bound by one helper ([`bind_filter`]) and
//! read by one mapping ([`ScheduleRow`]'s `FromRow`).

use super::{Config, Kind, ListQuery, NewSchedule, Schedule, ScheduleRecord, PAGE_SIZE};
use sqlx::postgres::PgArguments;
use sqlx::query::QueryAs;
use sqlx::{PgConnection, PgPool, Postgres};

/// A schedule as its columns store it.
#[derive(sqlx::FromRow)]
struct ScheduleRow {
    id: i64,
    name: Option<String>,
    once: bool,
    period: Option<i32>,
    run_at: Option<i64>,
    cron: Option<String>,
    timezone: Option<String>,
    until: Option<i64>,
    tags: Vec<String>,
}

impl From<ScheduleRow> for Schedule {
    fn from(row: ScheduleRow) -> Schedule {
        Schedule {
            id: row.id,
            name: row.name,
            once: row.once,
            config: Config {
                period: row.period.map(i64::from),
                timestamp: row.run_at,
                cron: row.cron,
                timezone: row.timezone,
                until: row.until,
            },
            tags: row.tags,
        }
    }
}

/// A schedule with its owner and version, as [`find`] and [`find_for_update`] read it.
/// Flat, as `query_as!` maps columns: [`ScheduleRow`]'s columns and the record's own.
#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    name: Option<String>,
    once: bool,
    period: Option<i32>,
    run_at: Option<i64>,
    cron: Option<String>,
    timezone: Option<String>,
    until: Option<i64>,
    tags: Vec<String>,
    owner_id: i64,
    owner_name: String,
    version: i32,
    created_at: i64,
    updated_at: i64,
}

impl From<RecordRow> for ScheduleRecord {
    fn from(row: RecordRow) -> ScheduleRecord {
        let content = ScheduleRow {
            id: row.id,
            name: row.name,
            once: row.once,
            period: row.period,
            run_at: row.run_at,
            cron: row.cron,
            timezone: row.timezone,
            until: row.until,
            tags: row.tags,
        };
        ScheduleRecord {
            schedule: content.into(),
            owner_id: row.owner_id,
            owner_name: row.owner_name,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Validated content always fits the columns: periods are at most 31,622,400.
pub(super) fn period_column(schedule: &NewSchedule) -> Option<i32> {
    schedule.config.period.and_then(|p| i32::try_from(p).ok())
}

pub async fn find(pool: &PgPool, id: i64) -> Result<Option<ScheduleRecord>, sqlx::Error> {
    let row = sqlx::query_as!(
        RecordRow,
        r#"SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags, s.owner_id,
             u.username AS owner_name, s.version,
             extract(epoch FROM s.created_at)::int8 AS "created_at!", extract(epoch FROM s.updated_at)::int8 AS "updated_at!"
         FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(ScheduleRecord::from))
}

/// Reads a schedule and locks it until the transaction ends, so a check of owner and
/// version and the write that follows see the same row.
pub async fn find_for_update(conn: &mut PgConnection, id: i64) -> Result<Option<ScheduleRecord>, sqlx::Error> {
    let row = sqlx::query_as!(
        RecordRow,
        r#"SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags, s.owner_id,
             u.username AS owner_name, s.version,
             extract(epoch FROM s.created_at)::int8 AS "created_at!", extract(epoch FROM s.updated_at)::int8 AS "updated_at!"
         FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = $1 FOR UPDATE OF s"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(ScheduleRecord::from))
}

/// [`find_for_update`] of many schedules, in one statement that locks them in id order (so
/// two bulk actions over the same schedules cannot deadlock). Ids with no schedule are
/// missing from the answer.
pub async fn find_many_for_update(conn: &mut PgConnection, ids: &[i64]) -> Result<Vec<ScheduleRecord>, sqlx::Error> {
    let rows = sqlx::query_as!(
        RecordRow,
        r#"SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags, s.owner_id,
             u.username AS owner_name, s.version,
             extract(epoch FROM s.created_at)::int8 AS "created_at!", extract(epoch FROM s.updated_at)::int8 AS "updated_at!"
         FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = ANY($1) ORDER BY s.id FOR UPDATE OF s"#,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(ScheduleRecord::from).collect())
}

/// The schedules among `ids` that `owner_id` owns, by ascending id.
pub async fn owned_among(pool: &PgPool, owner_id: i64, ids: &[i64]) -> Result<Vec<Schedule>, sqlx::Error> {
    let rows = sqlx::query_as!(
        ScheduleRow,
        "SELECT id, name, once, period, run_at, cron, timezone, until, tags FROM schedules \
         WHERE owner_id = $1 AND id = ANY($2) ORDER BY id",
        owner_id,
        ids
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Schedule::from).collect())
}

/// Puts a deleted schedule back with its own id (identity values are otherwise never
/// given twice) at `version`, created when its first recorded version was.
pub async fn insert_restored(
    conn: &mut PgConnection,
    id: i64,
    owner_id: i64,
    version: i32,
    schedule: &NewSchedule,
) -> Result<(), sqlx::Error> {
    let config = &schedule.config;
    sqlx::query!(
        "INSERT INTO schedules (id, owner_id, name, once, period, run_at, cron, timezone, until, tags, version, created_at) \
         OVERRIDING SYSTEM VALUE \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $10, coalesce( \
           (SELECT to_timestamp(at) FROM schedule_versions WHERE schedule_id = $1 ORDER BY version LIMIT 1), now()))",
        id,
        owner_id,
        schedule.name,
        schedule.once,
        period_column(schedule),
        config.timestamp,
        config.cron,
        config.timezone,
        config.until,
        version,
        &schedule.tags
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes `schedule` over schedule `id` as its next version, and reads it back as stored
/// (in the same statement: one round trip).
pub async fn update(conn: &mut PgConnection, id: i64, schedule: &NewSchedule) -> Result<ScheduleRecord, sqlx::Error> {
    let config = &schedule.config;
    let row = sqlx::query_as!(
        RecordRow,
        r#"UPDATE schedules s SET name = $2, once = $3, period = $4, run_at = $5, cron = $6, timezone = $7, until = $8,
             tags = $9, version = s.version + 1, updated_at = now()
         FROM users u WHERE s.id = $1 AND u.id = s.owner_id
         RETURNING s.id AS "id!", s.name, s.once AS "once!", s.period, s.run_at, s.cron, s.timezone, s.until,
             s.tags AS "tags!", s.owner_id AS "owner_id!", u.username AS "owner_name!", s.version AS "version!",
             extract(epoch FROM s.created_at)::int8 AS "created_at!", extract(epoch FROM s.updated_at)::int8 AS "updated_at!""#,
        id,
        schedule.name,
        schedule.once,
        period_column(schedule),
        config.timestamp,
        config.cron,
        config.timezone,
        config.until,
        &schedule.tags
    )
    .fetch_one(conn)
    .await?;
    Ok(row.into())
}

pub async fn delete(conn: &mut PgConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM schedules WHERE id = $1", id).execute(conn).await?;
    Ok(())
}

/// One page of the list and the exact number of matching schedules.
///
/// Neither cost grows with the table for the documented, unfiltered list: the count is a
/// sum over at most 48 rows of `schedule_counts` (16 slots of each kind), and page N finds
/// its first id through `schedule_id_blocks` instead of skipping `(N - 1) * 10` rows. With
/// filters, counts come from the tallies where they can (`once`, `kind`, `mine`, and one
/// tag: `schedule_tag_counts`) and the page uses OFFSET over the matching rows (one tag's
/// page walks that tag's ids in order: [`page_of_one_tag`]); a text
/// search, or more than one tag, counts its matches, through the trigram index on names
/// where PostgreSQL has pg_trgm (migration 0002) and the GIN index on tags (0008).
pub async fn page(pool: &PgPool, query: &ListQuery, caller: Option<i64>) -> Result<(i64, Vec<Schedule>), sqlx::Error> {
    let filter = Filter::of(query, if query.mine { caller } else { None }, (query.page - 1).saturating_mul(PAGE_SIZE));
    // One connection for both statements: one trip through the pool, not two.
    let mut conn = pool.acquire().await?;
    let count = match (&filter.pattern, query.tags.as_slice()) {
        (None, []) => count_from_tallies(&mut conn, &filter).await?,
        (None, [tag]) => count_from_tag_tallies(&mut conn, &filter, tag).await?,
        _ => count_matches(&mut conn, &filter).await?,
    };
    if filter.offset >= count {
        return Ok((count, Vec::new()));
    }
    let rows = if query.is_unfiltered() && filter.offset > 0 {
        page_by_position(&mut conn, filter.offset).await?
    } else if let (None, [tag], None) = (&filter.pattern, query.tags.as_slice(), filter.owner) {
        page_of_one_tag(&mut conn, &filter, tag).await?
    } else if (filter.pattern.is_some() || filter.tags.is_some()) && count <= FEW_MATCHES {
        page_of_few_matches(&mut conn, &filter).await?
    } else {
        in_id_order(&mut conn, &filter, PAGE_SIZE).await?
    };
    Ok((count, rows.into_iter().map(Schedule::from).collect()))
}

/// One owner's schedules that the list's filters keep (`q`, `once`, `kind`, `tag`; not the
/// page), by ascending id, at most `limit`: what an export holds.
pub async fn exported(
    pool: &PgPool,
    query: &ListQuery,
    owner_id: i64,
    limit: i64,
) -> Result<Vec<Schedule>, sqlx::Error> {
    let rows = in_id_order(&mut *pool.acquire().await?, &Filter::of(query, Some(owner_id), 0), limit).await?;
    Ok(rows.into_iter().map(Schedule::from).collect())
}

/// The first `limit` schedules of one owner, by ascending id (through the index on
/// `(owner_id, id)`).
pub async fn owned_by(pool: &PgPool, owner_id: i64, limit: i64) -> Result<Vec<Schedule>, sqlx::Error> {
    let rows = sqlx::query_as!(
        ScheduleRow,
        "SELECT id, name, once, period, run_at, cron, timezone, until, tags FROM schedules \
         WHERE owner_id = $1 ORDER BY id LIMIT $2",
        owner_id,
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Schedule::from).collect())
}

/// The tags in use and how many schedules carry each, most used first (then by name): of
/// one owner's schedules, or of everyone's (`None`). At most `limit`.
pub async fn tags_in_use(pool: &PgPool, owner: Option<i64>, limit: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT tag, sum(n)::int8 AS "count!" FROM schedule_tag_counts WHERE owner_id = coalesce($1::int8, 0)
         GROUP BY tag HAVING sum(n) > 0 ORDER BY 2 DESC, tag LIMIT $2"#,
        owner,
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|row| (row.tag, row.count)).collect())
}

/// Removes the tallies of tags no schedule carries any more (see migrations/0008). A row
/// is removed only while it is 0: a write that counts it again meanwhile keeps it.
pub async fn forget_unused_tags(pool: &PgPool) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!("DELETE FROM schedule_tag_counts WHERE n = 0").execute(pool).await?.rows_affected())
}

/// What a page of the list is made of, in the terms of the SQL.
struct Filter {
    offset: i64,
    owner: Option<i64>,
    /// An `ILIKE` pattern.
    pattern: Option<String>,
    once: Option<bool>,
    /// The `kind` column's number of the kind asked for.
    kind: Option<i16>,
    /// Tags a schedule must all carry (lower-case, as stored).
    tags: Option<Vec<String>>,
}

impl Filter {
    /// The filters of `query`, for `owner`'s schedules (or everyone's), from row `offset`.
    fn of(query: &ListQuery, owner: Option<i64>, offset: i64) -> Filter {
        Filter {
            offset,
            owner,
            pattern: query.q.as_deref().map(like_pattern),
            once: query.once,
            kind: query.kind.map(kind_column),
            tags: (!query.tags.is_empty()).then(|| query.tags.clone()),
        }
    }
}

/// How the `kind` column (migration 0005) numbers the kinds.
fn kind_column(kind: Kind) -> i16 {
    match kind {
        Kind::Interval => 0,
        Kind::Calendar => 1,
        Kind::Once => 2,
    }
}

/// The filters every assembled statement of the list shares, in its parameters `$1`–`$5`,
/// bound by [`bind_filter`]; a statement's own parameters follow from `$6`.
const FILTERS: &str = "($1::text IS NULL OR name ILIKE $1) AND ($2::int8 IS NULL OR owner_id = $2) \
     AND ($3::bool IS NULL OR once = $3) AND ($4::int2 IS NULL OR kind = $4) AND ($5::text[] IS NULL OR tags @> $5)";

/// Binds `$1`–`$5` of an assembled statement of the list: [`FILTERS`]'.
fn bind_filter<'q, O>(
    query: QueryAs<'q, Postgres, O, PgArguments>,
    filter: &'q Filter,
) -> QueryAs<'q, Postgres, O, PgArguments> {
    query.bind(&filter.pattern).bind(filter.owner).bind(filter.once).bind(filter.kind).bind(&filter.tags)
}

/// Without a search or tags, the count is a sum of the tallies the triggers keep.
async fn count_from_tallies(conn: &mut PgConnection, filter: &Filter) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT coalesce(sum(n), 0)::int8 AS "count!" FROM schedule_counts
         WHERE owner_id = coalesce($1::int8, 0) AND ($2::bool IS NULL OR (kind = 2) = $2) AND ($3::int2 IS NULL OR kind = $3)"#,
        filter.owner,
        filter.once,
        filter.kind
    )
    .fetch_one(&mut *conn)
    .await
}

/// One tag and no search: a sum of that tag's tallies (migrations/0008).
async fn count_from_tag_tallies(conn: &mut PgConnection, filter: &Filter, tag: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT coalesce(sum(n), 0)::int8 AS "count!" FROM schedule_tag_counts
         WHERE owner_id = coalesce($1::int8, 0) AND tag = $4
           AND ($2::bool IS NULL OR (kind = 2) = $2) AND ($3::int2 IS NULL OR kind = $3)"#,
        filter.owner,
        filter.once,
        filter.kind,
        tag
    )
    .fetch_one(&mut *conn)
    .await
}

async fn count_matches(conn: &mut PgConnection, filter: &Filter) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT count(*) FROM schedules WHERE {FILTERS}");
    let (count,) = bind_filter(sqlx::query_as::<_, (i64,)>(&sql), filter)
        // Planned for this pattern and these tags each time: a plan made for any could not
        // know whether an index or a walk in id order is cheaper.
        .persistent(false)
        .fetch_one(&mut *conn)
        .await?;
    Ok(count)
}

/// Page N of the unfiltered list, found through the id-block tallies, never by skipping rows.
/// The walk lives in the database as a function (migrations/0004), where it is planned
/// once per connection; it counts at most 16 tiny rows a level, whatever the position.
async fn page_by_position(conn: &mut PgConnection, offset: i64) -> Result<Vec<ScheduleRow>, sqlx::Error> {
    sqlx::query_as!(
        ScheduleRow,
        r#"SELECT id AS "id!", name, once AS "once!", period, run_at, cron, timezone, until, tags AS "tags!"
         FROM schedules_page_at($1, $2)"#,
        offset,
        PAGE_SIZE
    )
    .fetch_all(&mut *conn)
    .await
}

/// Few matches: take them all through the trigram or tags index, then sort. Walking the id
/// index until ten match, the planner's usual choice under LIMIT, reads the whole table
/// when the matches are rare.
async fn page_of_few_matches(conn: &mut PgConnection, filter: &Filter) -> Result<Vec<ScheduleRow>, sqlx::Error> {
    let sql = format!(
        "WITH matches AS MATERIALIZED (SELECT {LIST_COLUMNS} FROM schedules WHERE {FILTERS}) \
         SELECT * FROM matches ORDER BY id LIMIT $6 OFFSET $7"
    );
    bind_filter(sqlx::query_as(&sql), filter)
        .bind(PAGE_SIZE)
        .bind(filter.offset)
        .persistent(false)
        .fetch_all(&mut *conn)
        .await
}

/// A page of one tag's schedules (everyone's; `once` and `kind` may narrow it), walking that
/// tag's ids in order (`schedule_tag_ids`, migrations/0010): ten rows read, however rare
/// or common the tag, and the rows before the page skipped in the index alone when nothing
/// else filters them. One owner's are left to the owner's index (most of a common tag's
/// rows would be walked past to find a few of one owner's).
async fn page_of_one_tag(conn: &mut PgConnection, filter: &Filter, tag: &str) -> Result<Vec<ScheduleRow>, sqlx::Error> {
    if filter.once.is_none() && filter.kind.is_none() {
        // As a function, planned once per connection (migrations/0010 says why).
        return sqlx::query_as!(
            ScheduleRow,
            r#"SELECT id AS "id!", name, once AS "once!", period, run_at, cron, timezone, until, tags AS "tags!"
             FROM schedules_tagged_page($1, $2, $3)"#,
            tag,
            filter.offset,
            PAGE_SIZE
        )
        .fetch_all(&mut *conn)
        .await;
    }
    let sql = format!(
        "SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags \
         FROM schedule_tag_ids t JOIN schedules s ON s.id = t.id \
         WHERE t.tag = $6 AND {FILTERS} ORDER BY t.id LIMIT $7 OFFSET $8"
    );
    bind_filter(sqlx::query_as(&sql), filter)
        .bind(tag)
        .bind(PAGE_SIZE)
        .bind(filter.offset)
        .persistent(false)
        .fetch_all(&mut *conn)
        .await
}

/// Up to `limit` of the matching rows from the filter's offset, walking the id index: a
/// page of the list, or a whole export.
async fn in_id_order(conn: &mut PgConnection, filter: &Filter, limit: i64) -> Result<Vec<ScheduleRow>, sqlx::Error> {
    let sql = format!("SELECT {LIST_COLUMNS} FROM schedules WHERE {FILTERS} ORDER BY id LIMIT $6 OFFSET $7");
    bind_filter(sqlx::query_as(&sql), filter)
        .bind(limit)
        .bind(filter.offset)
        // With a pattern, a kind or tags, planned for them (see the count above; a rare
        // kind is found through its index, not by walking every id); otherwise one cached plan.
        .persistent(filter.pattern.is_none() && filter.kind.is_none() && filter.tags.is_none())
        .fetch_all(&mut *conn)
        .await
}

/// Up to this many matches of a search or a tag filter are read whole and sorted; beyond,
/// walking the id index finds ten matches soon.
const FEW_MATCHES: i64 = 10_000;

/// What a list row needs to become a [`Schedule`].
const LIST_COLUMNS: &str = "id, name, once, period, run_at, cron, timezone, until, tags";

/// A LIKE pattern matching `text` literally anywhere in the name.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// What an earlier request with the same `Idempotency-Key` left, within 24 hours: the
/// schedule a create made, or a bulk action's request and results.
#[derive(Debug)]
pub struct Replay {
    pub schedule_id: Option<i64>,
    pub bulk: Option<serde_json::Value>,
}

/// What an earlier request with this `Idempotency-Key` left, if any within 24 hours.
/// Otherwise claims the key for this transaction: a concurrent request with the same key
/// waits on the claim and then sees its result.
pub async fn claim_idempotency_key(
    conn: &mut PgConnection,
    user_id: i64,
    key: &str,
) -> Result<Option<Replay>, sqlx::Error> {
    sqlx::query!(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < now() - interval '24 hours'",
        user_id,
        key
    )
    .execute(&mut *conn)
    .await?;
    let claimed = sqlx::query!(
        "INSERT INTO idempotency_keys (user_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        user_id,
        key
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if claimed {
        return Ok(None);
    }
    sqlx::query_as!(
        Replay,
        "SELECT schedule_id, bulk FROM idempotency_keys WHERE user_id = $1 AND key = $2",
        user_id,
        key
    )
    .fetch_optional(conn)
    .await
}

/// Keeps a bulk action's request and results under the key it claimed.
pub async fn record_bulk_idempotency_key(
    conn: &mut PgConnection,
    user_id: i64,
    key: &str,
    bulk: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE idempotency_keys SET bulk = $3 WHERE user_id = $1 AND key = $2", user_id, key, bulk)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn record_idempotency_key(
    conn: &mut PgConnection,
    user_id: i64,
    key: &str,
    schedule_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE idempotency_keys SET schedule_id = $3 WHERE user_id = $1 AND key = $2",
        user_id,
        key,
        schedule_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(super::like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
