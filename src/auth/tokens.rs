//! All SQL about personal API tokens.

use super::{TokenInfo, User};
use sqlx::{PgPool, Row};

const INFO_COLUMNS: &str = "id, name, extract(epoch FROM created_at)::int8 AS created_at, \
     extract(epoch FROM expires_at)::int8 AS expires_at, extract(epoch FROM last_used_at)::int8 AS last_used_at";

fn info_from_row(row: &sqlx::postgres::PgRow) -> Result<TokenInfo, sqlx::Error> {
    Ok(TokenInfo {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

pub async fn insert(
    pool: &PgPool,
    user_id: i64,
    name: &str,
    token_hash: &[u8],
    expires_in_days: Option<i64>,
) -> Result<TokenInfo, sqlx::Error> {
    let sql = format!(
        "INSERT INTO api_tokens (user_id, name, token_hash, expires_at) \
         VALUES ($1, $2, $3, now() + make_interval(days => $4::int)) RETURNING {INFO_COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(expires_in_days.map(|d| d as i32))
        .fetch_one(pool)
        .await?;
    info_from_row(&row)
}

/// The live (not revoked, not expired) tokens of a user.
pub async fn list(pool: &PgPool, user_id: i64) -> Result<Vec<TokenInfo>, sqlx::Error> {
    let sql = format!(
        "SELECT {INFO_COLUMNS} FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL \
         AND (expires_at IS NULL OR expires_at > now()) ORDER BY id"
    );
    sqlx::query(&sql).bind(user_id).fetch_all(pool).await?.iter().map(info_from_row).collect()
}

/// Revokes one of the user's tokens; false when the user has no such live token.
pub async fn revoke(pool: &PgPool, user_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL")
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The owner of a live token. Records the use at most once a minute.
pub async fn find_user(pool: &PgPool, token_hash: &[u8]) -> Result<Option<User>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT t.id AS token_id, u.id, u.username, u.email, \
                (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale \
         FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.try_get::<bool, _>("stale")? {
        sqlx::query("UPDATE api_tokens SET last_used_at = now() WHERE id = $1")
            .bind(row.try_get::<i64, _>("token_id")?)
            .execute(pool)
            .await?;
    }
    Ok(Some(User { id: row.try_get("id")?, username: row.try_get("username")?, email: row.try_get("email")? }))
}
