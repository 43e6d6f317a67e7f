//! All SQL about sessions. A session id is 256 random bits; the table keeps its keyed hash.

use super::User;
use sqlx::PgPool;
use std::time::Duration;

/// Stores a new session that ends `absolute` from now at the latest.
pub async fn insert(pool: &PgPool, id_hash: &[u8], user_id: i64, absolute: Duration) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))",
        id_hash,
        user_id,
        absolute.as_secs_f64()
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The user of a live session: not past its absolute expiry, and used within `idle`.
/// Records the use at most once a minute, so reads do not each cost a write.
pub async fn find_user(pool: &PgPool, id_hash: &[u8], idle: Duration) -> Result<Option<User>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT u.id, u.username, u.email, s.last_seen_at < now() - interval '1 minute' AS "stale!"
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)"#,
        id_hash,
        idle.as_secs_f64()
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.stale {
        sqlx::query!("UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1", id_hash).execute(pool).await?;
    }
    Ok(Some(User { id: row.id, username: row.username, email: row.email }))
}

pub async fn delete(pool: &PgPool, id_hash: &[u8]) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM sessions WHERE id_hash = $1", id_hash).execute(pool).await?;
    Ok(())
}

/// Removes sessions past their absolute expiry or idle for longer than `idle`.
pub async fn delete_expired(pool: &PgPool, idle: Duration) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)",
        idle.as_secs_f64()
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
