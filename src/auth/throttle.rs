//! Login throttling: failed attempts counted per key (client address, account) in fixed
//! windows, in the database so every server instance sees the same counts.

use sqlx::PgPool;
use std::time::Duration;

/// Seconds until every key is below `limit` again, or `None` when none is at it.
pub async fn blocked_for(pool: &PgPool, keys: &[(String, u32)], window: Duration) -> Result<Option<u64>, sqlx::Error> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    let limits: Vec<i32> = keys.iter().map(|(_, l)| *l as i32).collect();
    let wait: Option<f64> = sqlx::query_scalar!(
        "SELECT max(extract(epoch FROM t.window_start + make_interval(secs => $3) - now()))::float8 \
         FROM login_throttle t JOIN unnest($1::text[], $2::int[]) AS k(key, lim) ON k.key = t.key \
         WHERE t.window_start > now() - make_interval(secs => $3) AND t.failures >= k.lim",
        &names as &[&str],
        &limits,
        window.as_secs_f64()
    )
    .fetch_one(pool)
    .await?;
    Ok(wait.map(|secs| secs.ceil().max(1.0) as u64))
}

pub async fn record_failure(pool: &PgPool, keys: &[(String, u32)], window: Duration) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    sqlx::query!(
        "INSERT INTO login_throttle AS t (key, window_start, failures) SELECT k, now(), 1 FROM unnest($1::text[]) AS k \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN t.window_start > now() - make_interval(secs => $2) THEN t.failures + 1 ELSE 1 END, \
           window_start = CASE WHEN t.window_start > now() - make_interval(secs => $2) THEN t.window_start ELSE now() END",
        &names as &[&str],
        window.as_secs_f64()
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn clear(pool: &PgPool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM login_throttle WHERE key = $1", key).execute(pool).await?;
    Ok(())
}
