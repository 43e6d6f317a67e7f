//! All SQL about personal API tokens.

use super::{TokenInfo, User};
use sqlx::PgPool;

pub async fn insert(
    pool: &PgPool,
    user_id: i64,
    name: &str,
    token_hash: &[u8],
    expires_in_days: Option<i64>,
) -> Result<TokenInfo, sqlx::Error> {
    sqlx::query_as!(
        TokenInfo,
        r#"INSERT INTO api_tokens (user_id, name, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(days => $4::int))
         RETURNING id, name, extract(epoch FROM created_at)::int8 AS "created_at!",
             extract(epoch FROM expires_at)::int8 AS expires_at, extract(epoch FROM last_used_at)::int8 AS last_used_at"#,
        user_id,
        name,
        token_hash,
        expires_in_days.map(|d| d as i32) as Option<i32>
    )
    .fetch_one(pool)
    .await
}

/// The live (not revoked, not expired) tokens of a user.
pub async fn list(pool: &PgPool, user_id: i64) -> Result<Vec<TokenInfo>, sqlx::Error> {
    sqlx::query_as!(
        TokenInfo,
        r#"SELECT id, name, extract(epoch FROM created_at)::int8 AS "created_at!",
             extract(epoch FROM expires_at)::int8 AS expires_at, extract(epoch FROM last_used_at)::int8 AS last_used_at
         FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL
         AND (expires_at IS NULL OR expires_at > now()) ORDER BY id"#,
        user_id
    )
    .fetch_all(pool)
    .await
}

/// Revokes one of the user's tokens; false when the user has no such live token.
pub async fn revoke(pool: &PgPool, user_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        id,
        user_id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A live token's id and name, as a schedule's history records who used it.
pub struct TokenName {
    pub id: i64,
    pub name: String,
}

/// The owner of a live token, and the token. Records the use at most once a minute.
pub async fn find_user(pool: &PgPool, token_hash: &[u8]) -> Result<Option<(User, TokenName)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT t.id AS token_id, t.name AS token_name, u.id, u.username, u.email,
                (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS "stale!"
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())"#,
        token_hash
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.stale {
        sqlx::query!("UPDATE api_tokens SET last_used_at = now() WHERE id = $1", row.token_id).execute(pool).await?;
    }
    let token = TokenName { id: row.token_id, name: row.token_name };
    Ok(Some((User { id: row.id, username: row.username, email: row.email }, token)))
}
