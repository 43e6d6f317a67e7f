//! All SQL about schedules.

use super::{Config, Kind, ListQuery, NewSchedule, Schedule, ScheduleRecord, PAGE_SIZE};
use sqlx::{PgConnection, PgPool, Row};

const RECORD_COLUMNS: &str = "s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.owner_id, \
     u.username AS owner_name, \
     s.version, extract(epoch FROM s.created_at)::int8 AS created_at, extract(epoch FROM s.updated_at)::int8 AS updated_at";

fn schedule_from_row(row: &sqlx::postgres::PgRow) -> Result<Schedule, sqlx::Error> {
    Ok(Schedule {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        once: row.try_get("once")?,
        config: Config {
            period: row.try_get::<Option<i32>, _>("period")?.map(i64::from),
            timestamp: row.try_get("run_at")?,
            cron: row.try_get("cron")?,
            timezone: row.try_get("timezone")?,
            until: row.try_get("until")?,
        },
    })
}

fn record_from_row(row: &sqlx::postgres::PgRow) -> Result<ScheduleRecord, sqlx::Error> {
    Ok(ScheduleRecord {
        schedule: schedule_from_row(row)?,
        owner_id: row.try_get("owner_id")?,
        owner_name: row.try_get("owner_name")?,
        version: row.try_get("version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Validated content always fits the columns: periods are at most 31,622,400.
fn period_column(schedule: &NewSchedule) -> Option<i32> {
    schedule.config.period.and_then(|p| i32::try_from(p).ok())
}

pub async fn find(pool: &PgPool, id: i64) -> Result<Option<ScheduleRecord>, sqlx::Error> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(pool).await?.as_ref().map(record_from_row).transpose()
}

/// Reads a schedule and locks it until the transaction ends, so a check of owner and
/// version and the write that follows see the same row.
pub async fn find_for_update(conn: &mut PgConnection, id: i64) -> Result<Option<ScheduleRecord>, sqlx::Error> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = $1 FOR UPDATE OF s"
    );
    sqlx::query(&sql).bind(id).fetch_optional(conn).await?.as_ref().map(record_from_row).transpose()
}

pub async fn insert(conn: &mut PgConnection, owner_id: i64, schedule: &NewSchedule) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "INSERT INTO schedules (owner_id, name, once, period, run_at, cron, timezone, until) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(owner_id);
    bind_content(query, schedule).fetch_one(conn).await?.try_get("id")
}

pub async fn update(conn: &mut PgConnection, id: i64, schedule: &NewSchedule) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "UPDATE schedules SET name = $2, once = $3, period = $4, run_at = $5, cron = $6, timezone = $7, until = $8, \
         version = version + 1, updated_at = now() WHERE id = $1",
    )
    .bind(id);
    bind_content(query, schedule).execute(conn).await?;
    Ok(())
}

/// Binds a schedule's content, in the column order both writes use (`$2` to `$8`).
fn bind_content<'q>(
    query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    schedule: &'q NewSchedule,
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    query
        .bind(&schedule.name)
        .bind(schedule.once)
        .bind(period_column(schedule))
        .bind(schedule.config.timestamp)
        .bind(&schedule.config.cron)
        .bind(&schedule.config.timezone)
        .bind(schedule.config.until)
}

pub async fn delete(conn: &mut PgConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM schedules WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// One page of the list and the exact number of matching schedules.
///
/// Neither cost grows with the table for the documented, unfiltered list: the count is a
/// sum over at most 48 rows of `schedule_counts` (16 slots of each kind), and page N finds
/// its first id through `schedule_id_blocks` instead of skipping `(N - 1) * 10` rows. With
/// filters, counts come from `schedule_counts` where they can (`once`, `kind`, `mine`) and
/// the page uses OFFSET over the matching rows; a text search counts its matches, through
/// the trigram index on names where PostgreSQL has pg_trgm (migration 0002).
pub async fn page(pool: &PgPool, query: &ListQuery, caller: Option<i64>) -> Result<(i64, Vec<Schedule>), sqlx::Error> {
    let filter = Filter {
        offset: (query.page - 1).saturating_mul(PAGE_SIZE),
        owner: if query.mine { caller } else { None },
        pattern: query.q.as_deref().map(like_pattern),
        once: query.once,
        kind: query.kind.map(kind_column),
    };
    // One connection for both statements: one trip through the pool, not two.
    let mut conn = pool.acquire().await?;
    let count = match &filter.pattern {
        None => count_from_tallies(&mut conn, &filter).await?,
        Some(pattern) => count_matches(&mut conn, &filter, pattern).await?,
    };
    if filter.offset >= count {
        return Ok((count, Vec::new()));
    }
    let rows = if query.is_unfiltered() && filter.offset > 0 {
        page_by_position(&mut conn, filter.offset).await?
    } else if filter.pattern.is_some() && count <= FEW_MATCHES {
        page_of_few_matches(&mut conn, &filter).await?
    } else {
        page_in_id_order(&mut conn, &filter).await?
    };
    let schedules = rows.iter().map(schedule_from_row).collect::<Result<_, _>>()?;
    Ok((count, schedules))
}

/// The first `limit` schedules of one owner, by ascending id (through the index on
/// `(owner_id, id)`).
pub async fn owned_by(pool: &PgPool, owner_id: i64, limit: i64) -> Result<Vec<Schedule>, sqlx::Error> {
    let sql = format!("SELECT {LIST_COLUMNS} FROM schedules WHERE owner_id = $1 ORDER BY id LIMIT $2");
    let rows = sqlx::query(&sql).bind(owner_id).bind(limit).fetch_all(pool).await?;
    rows.iter().map(schedule_from_row).collect()
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
}

/// How the `kind` column (migration 0005) numbers the kinds.
fn kind_column(kind: Kind) -> i16 {
    match kind {
        Kind::Interval => 0,
        Kind::Calendar => 1,
        Kind::Once => 2,
    }
}

/// The filters every statement of the list shares, in its parameters `$2`–`$4`.
const FILTERS: &str = "($2::int8 IS NULL OR owner_id = $2) AND ($3::bool IS NULL OR once = $3) \
     AND ($4::int2 IS NULL OR kind = $4)";

/// Without a search, the count is a sum of the tallies the triggers keep.
async fn count_from_tallies(conn: &mut PgConnection, filter: &Filter) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(n), 0)::int8 FROM schedule_counts \
         WHERE owner_id = coalesce($1, 0) AND ($2::bool IS NULL OR (kind = 2) = $2) AND ($3::int2 IS NULL OR kind = $3)",
    )
    .bind(filter.owner)
    .bind(filter.once)
    .bind(filter.kind)
    .fetch_one(&mut *conn)
    .await
}

async fn count_matches(conn: &mut PgConnection, filter: &Filter, pattern: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT count(*) FROM schedules WHERE name ILIKE $1 AND {FILTERS}"))
        .bind(pattern)
        .bind(filter.owner)
        .bind(filter.once)
        .bind(filter.kind)
        // Planned for this pattern each time: a plan made for any pattern could not
        // know whether the trigram index or a walk in id order is cheaper.
        .persistent(false)
        .fetch_one(&mut *conn)
        .await
}

/// Page N of the unfiltered list, found through the id-block tallies, never by skipping rows.
async fn page_by_position(conn: &mut PgConnection, offset: i64) -> Result<Vec<sqlx::postgres::PgRow>, sqlx::Error> {
    sqlx::query(PAGE_BY_POSITION).bind(offset).bind(PAGE_SIZE).fetch_all(&mut *conn).await
}

/// Few matches: take them all through the trigram index, then sort. Walking the id index
/// until ten match, the planner's usual choice under LIMIT, reads the whole table when the
/// matches are rare.
async fn page_of_few_matches(
    conn: &mut PgConnection,
    filter: &Filter,
) -> Result<Vec<sqlx::postgres::PgRow>, sqlx::Error> {
    sqlx::query(&format!(
        "WITH matches AS MATERIALIZED (SELECT {LIST_COLUMNS} FROM schedules WHERE name ILIKE $1 AND {FILTERS}) \
         SELECT * FROM matches ORDER BY id LIMIT $5 OFFSET $6"
    ))
    .bind(&filter.pattern)
    .bind(filter.owner)
    .bind(filter.once)
    .bind(filter.kind)
    .bind(PAGE_SIZE)
    .bind(filter.offset)
    .persistent(false)
    .fetch_all(&mut *conn)
    .await
}

async fn page_in_id_order(conn: &mut PgConnection, filter: &Filter) -> Result<Vec<sqlx::postgres::PgRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {LIST_COLUMNS} FROM schedules WHERE ($1::text IS NULL OR name ILIKE $1) AND {FILTERS} \
         ORDER BY id LIMIT $5 OFFSET $6"
    ))
    .bind(&filter.pattern)
    .bind(filter.owner)
    .bind(filter.once)
    .bind(filter.kind)
    .bind(PAGE_SIZE)
    .bind(filter.offset)
    // With a pattern or a kind, planned for it (see the count above; a rare kind is found
    // through its index, not by walking every id); otherwise one cached plan.
    .persistent(filter.pattern.is_none() && filter.kind.is_none())
    .fetch_all(&mut *conn)
    .await
}

/// Up to this many matches of a search are read whole and sorted; beyond, walking the id
/// index finds ten matches soon.
const FEW_MATCHES: i64 = 10_000;

/// Page of the whole list starting at position `$1` (0-based): a walk down the id-block
/// counts that reads at most 16 tiny rows a level, whatever the position. It lives in the
/// database as a function (migrations/0004), where it is planned once per connection.
const PAGE_BY_POSITION: &str =
    "SELECT id, name, once, period, run_at, cron, timezone, until FROM schedules_page_at($1, $2)";

/// What a list row needs to become a [`Schedule`].
const LIST_COLUMNS: &str = "id, name, once, period, run_at, cron, timezone, until";

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

/// The schedule an earlier POST with this `Idempotency-Key` created, if any within 24 hours.
/// Otherwise claims the key for this transaction: a concurrent POST with the same key
/// waits on the claim and then sees its result.
pub async fn claim_idempotency_key(
    conn: &mut PgConnection,
    user_id: i64,
    key: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < now() - interval '24 hours'",
    )
    .bind(user_id)
    .bind(key)
    .execute(&mut *conn)
    .await?;
    let claimed = sqlx::query("INSERT INTO idempotency_keys (user_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(key)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1;
    if claimed {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT schedule_id FROM idempotency_keys WHERE user_id = $1 AND key = $2")
        .bind(user_id)
        .bind(key)
        .fetch_optional(conn)
        .await
        .map(Option::flatten)
}

pub async fn record_idempotency_key(
    conn: &mut PgConnection,
    user_id: i64,
    key: &str,
    schedule_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE idempotency_keys SET schedule_id = $3 WHERE user_id = $1 AND key = $2")
        .bind(user_id)
        .bind(key)
        .bind(schedule_id)
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
